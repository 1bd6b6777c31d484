/**
 * `potmap check [--materials FILE|FOLDER,...] [--phase-entries FOLDER] [--json]`: is the data set
 * physical? One line per finding and a count; exit code 1 when there are errors. Reading the
 * files is done here; the checks are lib/src/check (checkDataSet).
 */
import * as fs from "fs";
import * as path from "path";
import type { CommandResult, OptionValues } from "../command";
import type { checkOptions } from "../commands";
import { PotmapError } from "../../core/errors";
import { builtinMaterialsFolder, parseJson } from "../../io/readMaterials";
import { PhaseEntry } from "../../thermo/phaseEntry";
import { readPhaseEntries } from "../../io/phaseEntries";
import { listMaterialFiles, readTextFile } from "../../io/readRecords";
import { checkDataSet, formatFinding } from "../../check/checkDataSet";
import { Finding } from "../../check/findings";
import { CheckRecord } from "../../check/records";

function readFinding(file: string, field: string, value: unknown, expected: string, reason: string): Finding {
  return { severity: "error", check: "record", file, field, value: value ?? null, expected, reason };
}

/** Read each file as JSON; a file that cannot be read or parsed is an error finding. */
function readRecords(spec: string): { records: CheckRecord[]; findings: Finding[] } {
  const { files, failures } = listMaterialFiles(spec);
  const findings = failures.map((f) => readFinding(f.file, "(file)", null, "a readable material file or folder", f.reason));
  const records: CheckRecord[] = [];
  for (const file of files) {
    try {
      const text = readTextFile(file);
      records.push({ file, record: parseJson(text, file) });
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      findings.push(readFinding(file, "(file)", null, "a JSON material record", error.reason));
    }
  }
  return { records, findings };
}

/**
 * Folders where a record's `voltageReaction.entries` (a file name) may live: --phase-entries,
 * the record's own folder, then `shared/data/phase-entries` in the record's folder or any folder
 * above it (the layout of the project: the shared data beside the repository).
 */
function entryFolders(recordFile: string, given: string | undefined): string[] {
  const folders = given ? [given] : [];
  let folder = path.dirname(path.resolve(recordFile));
  folders.push(folder);
  for (;;) {
    folders.push(path.join(folder, "shared", "data", "phase-entries"));
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return folders;
}

/** The phase entries every record names, by name; an unreadable entries file is an error finding. */
function readNamedEntries(records: readonly CheckRecord[], given: string | undefined, findings: Finding[]): Record<string, PhaseEntry[]> {
  const out: Record<string, PhaseEntry[]> = {};
  for (const { file, record } of records) {
    const states = (record as { states?: unknown })?.states;
    if (!Array.isArray(states)) continue;
    states.forEach((state, i) => {
      const name = (state as { voltageReaction?: { entries?: unknown } })?.voltageReaction?.entries;
      if (typeof name !== "string" || name in out) return;
      const found = entryFolders(file, given).map((f) => path.resolve(f, name)).find((f) => fs.existsSync(f));
      if (!found) return; // checkDataSet reports the reaction as not checked
      try {
        out[name] = readPhaseEntries(found);
      } catch (error) {
        if (!(error instanceof PotmapError)) throw error;
        findings.push(readFinding(error.file ?? found, error.field ?? `states[${i}].voltageReaction.entries`, error.value, "readable phase entries", error.reason));
      }
    });
  }
  return out;
}

/**
 * The files to check: the built-in folder's files (unless --only) with --materials merged on
 * top; a given record with the role and id of a built-in one replaces it (io/mergeMaterials.ts
 * semantics, applied to raw records so that even an invalid record is checked and reported).
 */
function filesToCheck(materials: readonly string[] | undefined, only: boolean): { records: CheckRecord[]; findings: Finding[]; replaced: string[]; label: string } {
  const given = materials && materials.length > 0 ? readRecords(materials.join(",")) : { records: [], findings: [] };
  if (only) {
    if (!materials || materials.length === 0) throw new PotmapError("needs --materials (the records to check)", { field: "--only" });
    return { ...given, replaced: [], label: materials.join(",") };
  }
  const builtin = readRecords(builtinMaterialsFolder());
  const key = (r: unknown) => {
    const x = r as { role?: unknown; id?: unknown } | null;
    return x && typeof x.role === "string" && typeof x.id === "string" ? `${x.role}:${x.id.toLowerCase()}` : null;
  };
  const givenKeys = new Map(given.records.map((r) => [key(r.record), r.file] as const).filter(([k]) => k !== null));
  const replaced: string[] = [];
  const kept = builtin.records.filter((r) => {
    const k = key(r.record);
    const by = k === null ? undefined : givenKeys.get(k);
    if (by === undefined || path.resolve(by) === path.resolve(r.file)) return true;
    replaced.push(`${r.file} replaced by ${by}`);
    return false;
  });
  const keptFiles = new Set(kept.map((r) => path.resolve(r.file)));
  const extra = given.records.filter((r) => !keptFiles.has(path.resolve(r.file)));
  const label = materials && materials.length > 0 ? `the built-in set and ${materials.join(",")}` : builtinMaterialsFolder();
  return { records: [...kept, ...extra], findings: [...builtin.findings, ...given.findings], replaced, label };
}

export async function run(options: OptionValues<typeof checkOptions>): Promise<CommandResult> {
  const given = options.phaseEntries;
  if (given !== undefined && !fs.existsSync(given)) throw new PotmapError("no such folder", { field: "--phase-entries", value: given });
  // a file here would be silently ignored (entries are looked up by name in the folder)
  if (given !== undefined && !fs.statSync(given).isDirectory()) throw new PotmapError(`is not a folder: give the folder that holds ${path.basename(given)} (records name their entries file in voltageReaction.entries)`, { field: "--phase-entries", value: given });
  const { records, findings, replaced, label } = filesToCheck(options.materials, options.only);
  const phaseEntries = readNamedEntries(records, given, findings);
  const result = await checkDataSet(records, { readFindings: findings, phaseEntries, ocvTolerance: options.ocvTolerance, hullTolerance: options.hullTolerance });
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const summary = `${count(result.errors.length, "error")}, ${count(result.warnings.length, "warning")} in ${count(records.length, "record")} (${label})`;
  const text = [...replaced.map((r) => `note: ${r}`), ...[...result.errors, ...result.warnings].map(formatFinding), summary].join("\n");
  return {
    json: { materials: label, records: records.length, replaced, errors: result.errors, warnings: result.warnings },
    text,
    exitCode: result.errors.length > 0 ? 1 : 0,
  };
}
