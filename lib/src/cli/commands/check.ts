/**
 * `potmap check [--materials FILE|FOLDER,...] [--phase-entries FOLDER] [--json]`: is the data set
 * physical? One line per finding and a count; exit code 1 when there are errors. Reading the
 * files is done here; the checks are lib/src/check (checkDataSet).
 */
import * as fs from "fs";
import * as path from "path";
import { CliOptions, CommandResult, CommandSpec } from "../command";
import { PotmapError } from "../../core/errors";
import { numberOption, stringOption } from "../options";
import { builtinMaterialsFolder, parseJson } from "../../io/readMaterials";
import { PhaseEntry, readPhaseEntries } from "../../io/phaseEntries";
import { listMaterialFiles } from "../../whatif/screen";
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
      let text: string;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch (error) {
        throw new PotmapError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file });
      }
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

export const checkCommand: CommandSpec = {
  name: "check",
  summary: "check material records for physics: OCV order and eq. 3 reactions, insulating electrolytes, site densities, ranges, constraints",
  options: ["materials", "phase-entries", "ocv-tolerance", "hull-tolerance"],
  async run(options: CliOptions): Promise<CommandResult> {
    const materials = stringOption(options, "materials") ?? builtinMaterialsFolder();
    const given = stringOption(options, "phase-entries");
    if (given !== undefined && !fs.existsSync(given)) throw new PotmapError("no such folder", { field: "--phase-entries", value: given });
    const ocvTolerance = numberOption(options, "ocv-tolerance", { min: 0 });
    const hullTolerance = numberOption(options, "hull-tolerance", { min: 0 });
    const { records, findings } = readRecords(materials);
    const phaseEntries = readNamedEntries(records, given, findings);
    const result = await checkDataSet(records, { readFindings: findings, phaseEntries, ocvTolerance, hullTolerance });
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const summary = `${count(result.errors.length, "error")}, ${count(result.warnings.length, "warning")} in ${count(records.length, "record")} (${materials})`;
    const text = [...result.errors, ...result.warnings].map(formatFinding).concat(summary).join("\n");
    return {
      json: { materials, records: records.length, errors: result.errors, warnings: result.warnings },
      text,
      exitCode: result.errors.length > 0 ? 1 : 0,
    };
  },
};
