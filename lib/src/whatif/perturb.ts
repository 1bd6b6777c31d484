/**
 * Perturbing raw material records: every number that is a physical input (not a charge, a
 * lithium count or a degeneracy) has a kind; a quantity may declare its one-sigma
 * "uncertainty", and a default per kind covers the others. Used by the Monte Carlo
 * (whatif/uncertainty.ts) and the synthetic data sets (whatif/synthetic.ts).
 */
import { PotmapError } from "../core/errors";
import { isDecimal } from "../core/validation";
import { RawRecord } from "../io/readRecords";
import { Random } from "../numerics/random";
import { requireText } from "../core/arguments";

/** The kinds of input a default uncertainty (or sensitivity step) can be given for. */
export type UncertaintyKind = "ionizationPotential" | "defectEnergy" | "window" | "ocv" | "workFunction" | "bandGap" | "fermiLevel" | "temperature";

export const uncertaintyKinds: UncertaintyKind[] = ["ionizationPotential", "defectEnergy", "window", "ocv", "workFunction", "bandGap", "fermiLevel", "temperature"];

export type UncertaintyMap = Partial<Record<UncertaintyKind, number>>;

/** Kind of the quantity at a record path (array indices left out), or undefined. */
export function quantityKind(keys: readonly string[]): UncertaintyKind | undefined {
  let k = keys;
  if (k.length >= 2 && k[k.length - 1] === "value") k = k.slice(0, -1);
  const last = k[k.length - 1];
  const previous = k[k.length - 2];
  if (last === "ionizationPotential") return "ionizationPotential";
  if (last === "energy" && k.includes("chargeStates")) return "defectEnergy";
  if ((last === "lower" || last === "upper") && previous === "window") return "window";
  if (last === "ocv") return "ocv";
  if (last === "workFunction") return "workFunction";
  if (last === "bandGap") return "bandGap";
  if (last === "temperature" && previous === "fermiLevel") return "temperature";
  if (last === "fermiLevel") return "fermiLevel";
  return undefined;
}

const structural = new Set(["charge", "lithium", "degeneracy"]);

function isQuantityObject(node: unknown): node is { value: number; uncertainty?: number } {
  return !!node && typeof node === "object" && !Array.isArray(node) && typeof (node as any).value === "number" && !("rule" in (node as object));
}

function fieldOf(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

/** Visit every perturbable number of a record in a fixed order. */
function visitQuantities(
  record: unknown,
  visit: (field: string, kind: UncertaintyKind | undefined, value: number, declared: number | undefined, set: (v: number) => void) => void,
): void {
  const walk = (node: any, path: (string | number)[], keys: string[], holder: any, key: string | number | undefined): void => {
    if (typeof node === "number") {
      const name = keys[keys.length - 1];
      if (holder === undefined || structural.has(name) || keys.includes("species") || keys.includes("carriers")) return;
      visit(fieldOf(path), quantityKind(keys), node, undefined, (v) => (holder[key as string | number] = v));
      return;
    }
    if (isQuantityObject(node)) {
      if (structural.has(keys[keys.length - 1]) || keys.includes("carriers")) return;
      visit(fieldOf(path), quantityKind(keys), node.value, node.uncertainty, (v) => (node.value = v));
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i], keys, node, i));
      return;
    }
    if (node && typeof node === "object") {
      for (const k of Object.keys(node)) {
        if (k === "uncertainty") continue;
        walk(node[k], [...path, k], [...keys, k], node, k);
      }
    }
  };
  walk(record, [], [], undefined, undefined);
}

export interface DeclaredUncertainty {
  file: string;
  field: string;
  kind?: UncertaintyKind;
  value: number;
  uncertainty: number;
}

/** Every quantity of the records that declares an uncertainty. */
export function declaredUncertainties(records: readonly RawRecord[]): DeclaredUncertainty[] {
  const out: DeclaredUncertainty[] = [];
  for (const { file, record } of records) {
    visitQuantities(record, (field, kind, value, declared) => {
      if (declared !== undefined) out.push({ file, field, kind, value, uncertainty: declared });
    });
  }
  return out;
}

/**
 * A perturbed deep copy of the records: each quantity with a declared uncertainty, or a
 * default for its kind, gets value + sigma * N(0, 1). Returns how many were perturbed.
 */
export function perturbRecords(records: readonly RawRecord[], random: Random, defaults: UncertaintyMap = {}): { records: RawRecord[]; perturbed: number } {
  let perturbed = 0;
  const out = records.map(({ file, record }) => {
    const copy = structuredClone(record);
    visitQuantities(copy, (_field, kind, value, declared, set) => {
      const sigma = declared ?? (kind ? defaults[kind] : undefined);
      if (sigma === undefined || !(sigma > 0)) return;
      set(value + sigma * random.normal());
      perturbed++;
    });
    return { file, record: copy };
  });
  return { records: out, perturbed };
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
