/**
 * `checkDataSet`: is a data set physical? Every check reports findings (file, field, value,
 * what is expected, why) instead of throwing, so one run lists everything to fix. Errors are
 * results that cannot be right (an OCV that falls as Li is removed, an electrolyte that is a
 * metal inside its window, more defects than sites); warnings are doubtful but possible.
 *
 * Pure apart from the LP solver it loads for the hull distances: records (or an in-memory data
 * set) and phase entries in, plain findings out. The CLI (`potmap check`) reads the files.
 */
import { PotmapError } from "../core/errors";
import { DataSet } from "../cell/materials";
import { CheckResult, Finding, FindingList } from "./findings";
import { CheckRecord, CheckedMaterial, checkRanges, checkUnique, prepareDataSet, prepareRecords } from "./records";
import { ElectrolyteCheckOptions, checkElectrolytes } from "./electrolytes";
import { CathodeCheckOptions, checkCathodes } from "./cathodes";

export interface CheckOptions extends ElectrolyteCheckOptions, CathodeCheckOptions {
  /** Findings made before the records could be parsed (unreadable files), listed first. */
  readFindings?: readonly Finding[];
}

function isDataSet(input: readonly CheckRecord[] | DataSet): input is DataSet {
  return !Array.isArray(input);
}

/**
 * Check a data set: raw records as read from JSON files ({ file, record }; checked against the
 * schema first, and their provenance, notes and voltageReaction are checked too) or a DataSet of
 * materials (named "role id"; the checks that need the raw record are skipped).
 */
export async function checkDataSet(input: readonly CheckRecord[] | DataSet, options: CheckOptions = {}): Promise<CheckResult> {
  const points = options.points ?? 5;
  if (!Number.isInteger(points) || points < 2) throw new PotmapError("must be an integer of at least 2 (both window ends)", { field: "points", value: points });
  for (const name of ["diluteFraction", "ocvTolerance", "hullTolerance", "dipoleBound"] as const) {
    const value = options[name];
    if (value !== undefined && !(value >= 0 && Number.isFinite(value))) throw new PotmapError("must be a finite number, zero or positive", { field: name, value });
  }
  const findings = new FindingList();
  for (const finding of options.readFindings ?? []) findings.add(finding);
  const items: CheckedMaterial[] = isDataSet(input) ? prepareDataSet(input) : prepareRecords(input, findings);
  checkUnique(items, findings);
  checkRanges(items, findings);
  checkElectrolytes(items, { points, diluteFraction: options.diluteFraction ?? 0.1 }, findings);
  await checkCathodes(items, options, findings);
  // findings grouped by file (stable: within a file, in the order the checks ran)
  const order = new Map<string, number>();
  for (const f of [...findings.errors, ...findings.warnings]) if (!order.has(f.file)) order.set(f.file, order.size);
  const byFile = (a: Finding, b: Finding) => order.get(a.file)! - order.get(b.file)!;
  return { errors: [...findings.errors].sort(byFile), warnings: [...findings.warnings].sort(byFile) };
}

/** One line per finding: `error  FILE  FIELD = VALUE: expected ...; why  [check]`. */
export function formatFinding(f: Finding): string {
  const value = typeof f.value === "number" ? String(Number(f.value.toPrecision(6))) : JSON.stringify(f.value);
  return `${f.severity.padEnd(7)} ${f.file}  ${f.field} = ${value}: expected ${f.expected}; ${f.reason}  [${f.check}]`;
}
