/**
 * Templates of new material records (`potmap new electrolyte|cathode|anode --id X`): every field
 * a record of that role needs, each value a placeholder ("TODO: ...") that states the field's
 * meaning, unit and range (io/recordFields.ts). Readers refuse a record with placeholders and
 * `potmap check` names each one (io/units.ts findPlaceholders) until all are filled in.
 */
import { physicalRanges } from "../core/ranges";
import { PotmapError } from "../core/errors";
import { recordFields } from "./recordFields";
import { PLACEHOLDER_MARK } from "./units";

export type RecordRole = "anode" | "electrolyte" | "cathode";

const todo = (what: string) => `${PLACEHOLDER_MARK}: ${what}`;

/** The placeholder of a numeric field: meaning, unit and range. */
function numberPlaceholder(pattern: string): string {
  const field = recordFields[pattern];
  if (!field) throw new Error(`template: no field ${pattern} in io/recordFields.ts`);
  const range = field.range ? physicalRanges[field.range] : undefined;
  const unit = field.unit === "" ? "a pure number" : field.unit === "m_e" ? "in electron masses" : `in ${field.unit} (or a string with a unit, "... ${field.unit}")`;
  return todo(`${field.description}, ${unit}${range ? `, ${range.min} to ${range.max}` : ""}`);
}

/** A quantity with its provenance: { value, source }. */
const quantity = (pattern: string) => ({ value: numberPlaceholder(pattern), source: todo("where the value comes from (citation), or replace this key by \"calibrated\": what it was fitted to") });

/**
 * A record of the role with every field a placeholder. `schema` is the value of "$schema" (the
 * path or address of the published schema, for editors); `formula` fills the formula if given.
 */
export function recordTemplate(role: RecordRole, id: string, options: { formula?: string; schema?: string } = {}): Record<string, unknown> {
  if (!/^[A-Za-z0-9_.+-]+$/.test(id)) throw new PotmapError("must be letters, digits and _ . + - only", { field: "--id", value: id });
  const head = {
    ...(options.schema ? { $schema: options.schema } : {}),
    id,
    name: todo("a readable name, e.g. the formula and structure"),
    role,
    formula: options.formula ?? todo("chemical formula, e.g. Li3PS4"),
  };
  if (role === "anode") return { ...head, workFunction: quantity("workFunction") };
  if (role === "cathode") {
    const state = (soc: string) => ({
      soc,
      formula: todo(`formula at state of charge ${soc}`),
      bandGap: quantity("states[].bandGap"),
      ionizationPotential: quantity("states[].ionizationPotential"),
      fermiLevel: quantity("states[].fermiLevel"),
      ocv: quantity("states[].ocv"),
    });
    return { ...head, states: [state("0%"), state("100%")] };
  }
  return {
    ...head,
    bandGap: { ...quantity("bandGap"), functional: todo("method of the gap: PBE, HSE06, GW0, experiment, ...") },
    ionizationPotential: quantity("ionizationPotential"),
    window: { lower: numberPlaceholder("window.lower"), upper: numberPlaceholder("window.upper"), source: todo("where the stability window comes from") },
    fermiLevel: {
      rule: "defects",
      temperature: quantity("fermiLevel.temperature"),
      carriers: {
        kind: "parabolic",
        electronMass: numberPlaceholder("fermiLevel.carriers.electronMass"),
        holeMass: numberPlaceholder("fermiLevel.carriers.holeMass"),
        statistics: "fermi-dirac",
        source: todo("where the effective masses come from"),
      },
      defects: [
        {
          name: todo("defect name, e.g. V_Li (one entry per defect; copy this one for more)"),
          lithium: todo("Li atoms the defect adds to the crystal: -1 for a Li vacancy, +1 for a Li interstitial, 0 otherwise (an integer)"),
          sites: numberPlaceholder("fermiLevel.defects[].sites"),
          chargeStates: [{ charge: todo("charge state, an integer"), energy: numberPlaceholder("fermiLevel.defects[].chargeStates[].energy") }],
          source: todo("where the defect energies come from"),
        },
      ],
    },
  };
}
