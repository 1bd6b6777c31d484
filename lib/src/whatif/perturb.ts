/**
 * Perturbing raw material records: every number that is a physical input (the table of
 * inputs/recordInputs.ts: not a charge, a lithium count or a degeneracy) has a kind; a quantity
 * may declare its one-sigma "uncertainty", and a default per kind covers the others. Used by the
 * Monte Carlo (whatif/uncertainty.ts) and the synthetic data sets (whatif/synthetic.ts).
 *
 * Correlated draws: quantities that declare the same `"correlation": "GROUP"` share one
 * standard-normal draw per sample (value + sigma_i * z_GROUP: fully correlated, each with its
 * own sigma). By default the IPs of the states of one cathode share theirs too (group
 * "cathode:<id>"): they are one slab's offsets, calibrated together, and move together;
 * `independentCathodeStates` draws them apart. A declared group wins over the default one.
 */
import { PotmapError } from "../core/errors";
import { isDecimal } from "../core/validation";
import { RawRecord } from "../io/readRecords";
import { Random } from "../numerics/random";
import { recordKind, UncertaintyKind, uncertaintyKinds, UncertaintyMap } from "../inputs/kinds";
import { visitRecordInputs } from "../inputs/recordInputs";
import { requireText } from "../core/arguments";

export { uncertaintyKinds } from "../inputs/kinds";
export type { UncertaintyKind, UncertaintyMap } from "../inputs/kinds";

/** Kind of the quantity at a record path (array indices left out), or undefined (inputs/kinds.ts recordKind). */
export const quantityKind = recordKind;

export interface DeclaredUncertainty {
  file: string;
  field: string;
  /** Named record path (inputs/paths.ts). */
  path: string;
  /** The record's correlation group, if it declares one. */
  correlation?: string;
  kind?: UncertaintyKind;
  value: number;
  uncertainty: number;
}

/** Every quantity of the records that declares an uncertainty. */
export function declaredUncertainties(records: readonly RawRecord[]): DeclaredUncertainty[] {
  const out: DeclaredUncertainty[] = [];
  for (const { file, record } of records) {
    visitRecordInputs(record, (input) => {
      if (input.declared === undefined) return;
      const item: DeclaredUncertainty = { file, field: input.field, path: input.path, kind: input.kind, value: input.value, uncertainty: input.declared };
      if (input.correlation !== undefined) item.correlation = input.correlation;
      out.push(item);
    });
  }
  return out;
}

export interface PerturbOptions {
  /** Draw the IPs of the states of one cathode independently (default: one shared draw per cathode). */
  independentCathodeStates?: boolean;
}

/** The group of shared draws of an input, if any. */
function drawGroup(record: Record<string, any>, kind: UncertaintyKind | undefined, correlation: string | undefined, options: PerturbOptions): string | undefined {
  if (correlation !== undefined) return `declared:${correlation}`;
  if (!options.independentCathodeStates && record?.role === "cathode" && kind === "ionizationPotential") return `cathode:${String(record.id)}`;
  return undefined;
}

/**
 * A perturbed deep copy of the records: each quantity with a declared uncertainty, or a
 * default for its kind, gets value + sigma * z, z ~ N(0, 1), shared within a correlation group.
 * Returns how many quantities were perturbed and, per group, how many shared a draw.
 */
export function perturbRecords(
  records: readonly RawRecord[],
  random: Random,
  defaults: UncertaintyMap = {},
  options: PerturbOptions = {},
): { records: RawRecord[]; perturbed: number; groups: Record<string, number> } {
  let perturbed = 0;
  const draws = new Map<string, number>();
  const groups: Record<string, number> = {};
  const out = records.map(({ file, record }) => {
    const copy = structuredClone(record);
    visitRecordInputs(copy, (input, set) => {
      const sigma = input.declared ?? (input.kind ? defaults[input.kind] : undefined);
      if (sigma === undefined || !(sigma > 0)) return;
      const group = drawGroup(copy, input.kind, input.correlation, options);
      let z: number;
      if (group === undefined) z = random.normal();
      else {
        const drawn = draws.get(group);
        z = drawn ?? random.normal();
        if (drawn === undefined) draws.set(group, z);
        groups[group] = (groups[group] ?? 0) + 1;
      }
      set(input.value + sigma * z);
      perturbed++;
    });
    return { file, record: copy };
  });
  return { records: out, perturbed, groups };
}
/**
 * Parse "KIND=SIGMA,KIND=SIGMA" (e.g. "ionizationPotential=0.1,defectEnergy=0.05"; sigmas in
 * the quantity's unit: eV, V or K) into an uncertainty map. `field` names the flag in errors.
 */
export function parseUncertaintyMap(text: string, field = "--sigma"): UncertaintyMap {
  requireText(text, field);
  const map: UncertaintyMap = {};
  const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (items.length === 0) throw new PotmapError(`names no uncertainty (expected KIND=SIGMA, kinds: ${uncertaintyKinds.join(", ")})`, { field, value: text });
  for (const item of items) {
    const [kind, value, extra] = item.split("=").map((s) => s.trim());
    if (extra !== undefined || value === undefined) throw new PotmapError("must be KIND=SIGMA, e.g. ionizationPotential=0.1", { field, value: item });
    if (!uncertaintyKinds.includes(kind as UncertaintyKind)) throw new PotmapError(`unknown kind of input (known: ${uncertaintyKinds.join(", ")})`, { field, value: kind });
    const sigma = isDecimal(value) ? Number(value) : NaN;
    if (!(sigma >= 0) || !Number.isFinite(sigma)) {
      throw new PotmapError(`the uncertainty of ${kind} must be zero or a positive number`, { field, value: item });
    }
    map[kind as UncertaintyKind] = sigma;
  }
  return map;
}
