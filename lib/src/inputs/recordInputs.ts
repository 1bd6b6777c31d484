/**
 * The physical inputs of a raw material record (parsed JSON, provenance included): every
 * number that is an input (not a charge, a lithium count, a degeneracy, a species count or a
 * carrier parameter) with its raw field, its named record path (inputs/paths.ts), its kind,
 * the one-sigma `uncertainty` and `correlation` group the record declares on it, and an
 * immutable `with`. The Monte Carlo (whatif/perturb.ts, whatif/uncertainty.ts) and the
 * calibration knobs (calibration/calibrateDataSet.ts) read records through this table; the
 * model materials have their own view in inputs/table.ts, with the same paths.
 */
import { recordKind, UncertaintyKind } from "./kinds";
import { namedRecordPath } from "./paths";

type Json = Record<string, any>;

export interface RecordInput {
  /** Raw field, e.g. "fermiLevel.defects[1].chargeStates[0].energy". */
  field: string;
  /** Named path, e.g. "LPS.defects[V_Li].charges[-1].energy". */
  path: string;
  /** undefined for a number the uncertainty kinds do not cover (it is perturbed only when it declares an uncertainty). */
  kind?: UncertaintyKind;
  value: number;
  /** The record's one-sigma `uncertainty`, in the value's unit. */
  declared?: number;
  /** The record's `correlation` group: values of one group share one standard-normal draw. */
  correlation?: string;
  /** Whether the number is a `{ value, ... }` quantity object (calibration writes only into those). */
  quantityObject: boolean;
}

const structural = new Set(["charge", "lithium", "degeneracy"]);

function isQuantityObject(node: unknown): node is { value: number; uncertainty?: number; correlation?: string } {
  return !!node && typeof node === "object" && !Array.isArray(node) && typeof (node as any).value === "number" && !("rule" in (node as object));
}

function fieldOf(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

/**
 * Visit every input of a record in a fixed order (the order of its keys: the Monte Carlo's
 * draws depend on it). `set` writes into `record` itself: callers pass a copy.
 */
export function visitRecordInputs(record: Json, visit: (input: RecordInput, set: (value: number) => void, quantity?: Json) => void): void {
  const walk = (node: any, path: (string | number)[], keys: string[], holder: any, key: string | number | undefined): void => {
    if (typeof node === "number") {
      const name = keys[keys.length - 1];
      if (holder === undefined || structural.has(name) || keys.includes("species") || keys.includes("carriers")) return;
      visit({ field: fieldOf(path), path: namedRecordPath(record, path), kind: recordKind(keys), value: node, quantityObject: false }, (v) => (holder[key as string | number] = v));
      return;
    }
    if (isQuantityObject(node)) {
      if (structural.has(keys[keys.length - 1]) || keys.includes("carriers")) return;
      const input: RecordInput = { field: fieldOf(path), path: namedRecordPath(record, path), kind: recordKind(keys), value: node.value, quantityObject: true };
      if (typeof node.uncertainty === "number") input.declared = node.uncertainty;
      if (typeof node.correlation === "string") input.correlation = node.correlation;
      visit(input, (v) => (node.value = v), node);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i], keys, node, i));
      return;
    }
    if (node && typeof node === "object") {
      for (const k of Object.keys(node)) {
        if (k === "uncertainty" || k === "correlation") continue;
        walk(node[k], [...path, k], [...keys, k], node, k);
      }
    }
  };
  walk(record, [], [], undefined, undefined);
}

/** The inputs of a record, in visiting order. */
export function recordInputs(record: Json): RecordInput[] {
  const out: RecordInput[] = [];
  visitRecordInputs(record, (input) => out.push(input));
  return out;
}

/** A copy of `record` with the input at `path` (named record path) set to `value`; undefined when it has none. */
export function recordWith(record: Json, path: string, value: number): Json | undefined {
  const copy = structuredClone(record);
  let found = false;
  visitRecordInputs(copy, (input, set) => {
    if (!found && input.path === path) {
      set(value);
      found = true;
    }
  });
  return found ? copy : undefined;
}

/** The declared one-sigma uncertainties of records, by named record path (for inputs/table.ts). */
export function declaredSigmas(records: readonly Json[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const record of records) for (const input of recordInputs(record)) if (input.declared !== undefined) out.set(input.path, input.declared);
  return out;
}

/**
 * The `{ value, ... }` quantity object of the input at a named record path (written in place by
 * calibration, which keeps the provenance next to the value); undefined when there is no such
 * input, null when the input is a plain number.
 */
export function recordQuantity(record: Json, path: string): Json | null | undefined {
  let found: Json | null | undefined;
  visitRecordInputs(record, (input, _set, quantity) => {
    if (found === undefined && input.path === path) found = quantity ?? null;
  });
  return found;
}
