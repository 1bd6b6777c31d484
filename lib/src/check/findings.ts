/**
 * What `potmap check` reports: findings naming the file, the field (a JSON path such as
 * `states[1].ocv.value`), the value found and what was expected. Plain data throughout.
 */
import { PotmapError } from "../core/errors";

export type Severity = "error" | "warning";

/** The checks, by name (the name is printed with every finding, so a user can look it up). */
export type CheckName =
  | "record" // the record cannot be read: schema, provenance, conversion
  | "unique" // ids per role, defect names, charge states
  | "range" // plausible ranges of IPs, OCVs, gaps, windows, temperatures
  | "bands" // band alignment the maps warn about: a cathode work function of 2-7 eV, E_F in its gap; an electrolyte CBM below the vacuum level
  | "ocv-order" // the OCV may not fall as Li is removed
  | "ocv-reaction" // the OCV against the eq. 3 voltage of the reaction the record names
  | "hull" // the reaction's phases on the convex hull
  | "insulating" // an electrolyte's E_F inside its gap (not degenerate) across the window
  | "conduction" // electronic versus ionic conduction (sigma_e/sigma_ion) across the window
  | "cathode-offset" // fitted cathode IP offsets monotonic in Li content and within a dipole bound of the OCV change
  | "site-density" // no defect above (or near) its site density in the window
  | "functional" // one band-gap reference per data set, or a scissor
  | "constraint"; // literature constraints declared on a record

export interface Finding {
  severity: Severity;
  check: CheckName;
  file: string;
  /** JSON path inside the record, e.g. `states[1].ocv.value`. */
  field: string;
  /** The value found (a number, a string, or null when absent). */
  value: unknown;
  /** What a sound record has there. */
  expected: string;
  /** Why it matters, or what was computed. */
  reason: string;
}

export interface CheckResult {
  errors: Finding[];
  warnings: Finding[];
}

/** Collects findings; the checks only ever call error() and warning(). */
export class FindingList {
  readonly errors: Finding[] = [];
  readonly warnings: Finding[] = [];

  add(finding: Finding): void {
    (finding.severity === "error" ? this.errors : this.warnings).push(finding);
  }

  error(check: CheckName, file: string, field: string, value: unknown, expected: string, reason: string): void {
    this.add({ severity: "error", check, file, field, value: value ?? null, expected, reason });
  }

  warning(check: CheckName, file: string, field: string, value: unknown, expected: string, reason: string): void {
    this.add({ severity: "warning", check, file, field, value: value ?? null, expected, reason });
  }

  /** A PotmapError raised by a reader or a solver, as an error finding. */
  fromError(check: CheckName, error: PotmapError, file: string, field: string): void {
    this.error(check, error.file ?? file, error.field ?? field, error.value, error.reason, "the record cannot be used as it is");
  }

  result(): CheckResult {
    return { errors: this.errors, warnings: this.warnings };
  }
}

type Path = readonly (string | number)[];

function nodeAt(record: unknown, path: Path): unknown {
  let node: any = record;
  for (const part of path) node = node?.[part];
  return node;
}

/** ["states", 1, "ocv"] -> "states[1].ocv" */
export function pathText(path: Path): string {
  return path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part), "");
}

/**
 * The field of a quantity as the record writes it: `states[1].ocv.value` when the record holds
 * `{ "value": ... }` there, `states[1].ocv` for a plain number or when there is no record.
 */
export function quantityField(record: unknown, path: Path): string {
  const node = nodeAt(record, path);
  return node !== null && typeof node === "object" && "value" in node ? `${pathText(path)}.value` : pathText(path);
}

/** The object at a path of a raw record, when it is one. */
export function objectAt(record: unknown, path: Path): Record<string, unknown> | undefined {
  const node = nodeAt(record, path);
  return node !== null && typeof node === "object" && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

/** Numbers for messages: 4 significant digits, exponent for concentrations. */
export function show(x: number, unit = ""): string {
  const text = !Number.isFinite(x) ? String(x) : Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : String(Number(x.toPrecision(4)));
  return unit ? `${text} ${unit}` : text;
}
