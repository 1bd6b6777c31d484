/**
 * Record-level checks: reading (schema, provenance, conversion), unique names, plausible ranges.
 */
import { PotmapError } from "../core/errors";
import { physicalRanges } from "../core/ranges";
import { Anode, CathodeState, DataSet, Electrolyte, Material } from "../cell/materials";
import { provenanceErrors, recordShapeErrors, toMaterial } from "../io/readMaterials";
import { convertUnits, findPlaceholders, unitSlipHint } from "../io/units";
import { FindingList, quantityField, show } from "./findings";

type Json = Record<string, any>;

/** One material to check: the converted material and, when read from a file, its raw record. */
export interface CheckedMaterial {
  file: string;
  /** The raw JSON record (provenance, notes, voltageReaction); absent for an in-memory DataSet. */
  record?: Json;
  material: Material;
}

/** A raw record as read from a file (not yet validated). */
export interface CheckRecord {
  file: string;
  record: unknown;
}

/**
 * Validate and convert each record, listing every error of a file (all schema errors; else
 * every number without provenance and every value the reader refuses), not only the first.
 * The conversion is the commands' own (io/readMaterials.ts toMaterial collecting its
 * problems), so check and the commands agree on every record. A record that cannot be
 * converted at all is left out of the later checks; the rest go on.
 */
export function prepareRecords(records: readonly CheckRecord[], findings: FindingList): CheckedMaterial[] {
  const out: CheckedMaterial[] = [];
  for (const { file, record } of records) {
    // a template of potmap new: each placeholder left is a finding of its own, by field
    const placeholders = findPlaceholders(record);
    for (const [field, text] of placeholders) findings.error("record", file, field, text, "a value in place of the placeholder", "placeholder of potmap new, not filled in");
    if (placeholders.length > 0) continue;
    let shape: PotmapError[];
    // unit strings ("1.3e28 m^-3") converted as the commands' reader converts them
    let data: unknown = record;
    try {
      data = convertUnits(record, file);
      shape = recordShapeErrors(data, file);
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      shape = [error];
    }
    if (shape.length > 0) {
      for (const error of shape) findings.fromError("record", error, file, "(record)");
      continue;
    }
    const validated = data as Json;
    for (const error of provenanceErrors(validated, file)) findings.fromError("record", error, file, "(record)");
    const problems: PotmapError[] = [];
    let material: Material | undefined;
    try {
      material = toMaterial(validated, file, { problems });
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      problems.push(error);
    }
    for (const error of problems) {
      const range = /outside the plausible range|must exceed window.lower|must be from|must leave a corrected gap/.test(error.reason);
      if (range) findings.error("range", error.file ?? file, error.field ?? "(record)", error.value, error.reason, "the commands refuse this record");
      else findings.fromError("record", error, file, "(record)");
    }
    // a record with range problems is still checked for physics (as before), so one run lists everything
    if (material) out.push({ file, record: validated, material });
  }
  return out;
}

/** An in-memory data set as materials to check; each names itself "role id" in place of a file. */
export function prepareDataSet(set: DataSet): CheckedMaterial[] {
  const all: Material[] = [...set.anodes, ...set.electrolytes, ...set.cathodes];
  return all.map((material) => ({ file: `${material.role} ${material.id}`, material }));
}

/** Ids unique per role (case-insensitively, as the look-ups are); defect names and charges unique. */
export function checkUnique(items: readonly CheckedMaterial[], findings: FindingList): void {
  const seen = new Map<string, string>();
  for (const { file, material } of items) {
    const key = `${material.role}:${material.id.toLowerCase()}`;
    const previous = seen.get(key);
    if (previous !== undefined) {
      findings.error("unique", file, "id", material.id, `an id no other ${material.role} uses`, `${previous} already defines ${material.role} "${material.id}"; look-ups would find only one of them`);
    } else {
      seen.set(key, file);
    }
    if (material.role !== "electrolyte" || material.fermiLevel.rule !== "defects") continue;
    const { defects, dopants = [] } = material.fermiLevel.system;
    const names = new Map<string, string>();
    defects.forEach((defect, i) => {
      const field = `fermiLevel.defects[${i}].name`;
      if (names.has(defect.name)) findings.error("unique", file, field, defect.name, "a defect name used once", `${names.get(defect.name)} has the same name; results are reported by name`);
      else names.set(defect.name, field);
      const charges = new Set<number>();
      defect.chargeStates.forEach((state, j) => {
        if (charges.has(state.charge)) {
          findings.error("unique", file, `fermiLevel.defects[${i}].chargeStates[${j}].charge`, state.charge, `each charge state of ${defect.name} once`, "a repeated charge state counts the same defect twice");
        }
        charges.add(state.charge);
      });
    });
    dopants.forEach((dopant, i) => {
      const field = `fermiLevel.dopants[${i}].name`;
      if (names.has(dopant.name)) findings.error("unique", file, field, dopant.name, "a name no defect or other dopant uses", `${names.get(dopant.name)} has the same name`);
      else names.set(dopant.name, field);
    });
  }
}

/** Plausible ranges [low, high]: the reader's ranges (core/ranges.ts), shared so both agree. */
export const plausible = Object.fromEntries(
  (["ionizationPotential", "workFunction", "bandGap", "ocv", "window", "temperature"] as const).map((name) => {
    const r = physicalRanges[name];
    return [name, { low: r.min, high: r.max, unit: r.unit, what: r.what }];
  }),
) as Record<"ionizationPotential" | "workFunction" | "bandGap" | "ocv" | "window" | "temperature", { low: number; high: number; unit: string; what: string }>;

type RangeName = keyof typeof plausible;

function inRange(findings: FindingList, file: string, field: string, value: number, name: RangeName): void {
  const r = plausible[name];
  if (value >= r.low && value <= r.high) return;
  findings.error("range", file, field, value, `${r.low} to ${r.high} ${r.unit}`, `outside the plausible range for ${r.what}; a unit or sign slip?${unitSlipHint(value, name)}`);
}

function checkAnodeRanges(anode: Anode, file: string, record: Json | undefined, findings: FindingList): void {
  inRange(findings, file, quantityField(record, ["workFunction"]), anode.workFunction, "workFunction");
}

function checkElectrolyteRanges(e: Electrolyte, file: string, record: Json | undefined, findings: FindingList): void {
  inRange(findings, file, quantityField(record, ["ionizationPotential"]), e.ionizationPotential, "ionizationPotential");
  inRange(findings, file, quantityField(record, ["bandGap"]), e.bandGap, "bandGap");
  const { lower, upper } = e.window;
  inRange(findings, file, quantityField(record, ["window", "lower"]), lower, "window");
  inRange(findings, file, quantityField(record, ["window", "upper"]), upper, "window");
  if (!(lower < upper)) findings.error("range", file, quantityField(record, ["window", "upper"]), upper, `above window.lower (${show(lower, "V")})`, "an empty window");
  if (e.fermiLevel.rule === "defects") {
    inRange(findings, file, quantityField(record, ["fermiLevel", "temperature"]), e.fermiLevel.system.temperature, "temperature");
  }
}

function checkCathodeStateRanges(s: CathodeState, i: number, file: string, record: Json | undefined, findings: FindingList): void {
  const at = (name: string) => quantityField(record, ["states", i, name]);
  inRange(findings, file, at("ionizationPotential"), s.ionizationPotential, "ionizationPotential");
  inRange(findings, file, at("ocv"), s.ocv, "ocv");
  if (s.ocvComputed !== undefined) inRange(findings, file, at("ocvComputed"), s.ocvComputed, "ocv");
  // a cathode state may be metallic (gap 0, e.g. Li0.5CoO2); otherwise the gap is in range
  if (s.bandGap !== 0) inRange(findings, file, at("bandGap"), s.bandGap, "bandGap");
  if (!(s.fermiLevel >= 0 && s.fermiLevel <= s.bandGap)) {
    findings.error(
      "range", file, at("fermiLevel"), s.fermiLevel, `0 to the band gap (${show(s.bandGap, "eV")})`,
      "a cathode's E_F is measured from its VBM and lies in its gap (at the VBM for the p-type cathodes, paper section 2)",
    );
  }
}

/**
 * Ranges of an in-memory data set (named "role id"). Records read from files had the reader's
 * own range checks in prepareRecords (the same table, core/ranges.ts), so they are not ranged twice.
 */
export function checkRanges(items: readonly CheckedMaterial[], findings: FindingList): void {
  for (const { file, record, material } of items) {
    if (record !== undefined) continue;
    if (material.role === "anode") checkAnodeRanges(material, file, record, findings);
    else if (material.role === "electrolyte") checkElectrolyteRanges(material, file, record, findings);
    else material.states.forEach((s, i) => checkCathodeStateRanges(s, i, file, record, findings));
  }
}
