/**
 * `potmap new electrolyte|cathode|anode --id X [--formula F] [--out FILE]`: a record template
 * with every field a placeholder stating its meaning, unit and range (io/template.ts);
 * `potmap check --materials FILE` names each placeholder left until all are filled in.
 * --out never replaces an existing file (a filled-in record is not overwritten by a template).
 */
import * as fs from "fs";
import * as path from "path";
import type { CommandResult, OptionValues } from "../command";
import type { newOptions } from "../commands";
import { PotmapError } from "../../core/errors";
import { recordSchemaPath } from "../../io/recordSchema";
import { recordTemplate } from "../../io/template";
import { findPlaceholders } from "../../io/units";
import { writeTextFile } from "../files";

export function run(options: OptionValues<typeof newOptions>): CommandResult {
  const out = options.out;
  if (out && fs.existsSync(out)) throw new PotmapError("exists already; potmap new writes only new files", { field: "--out", value: out });
  // "$schema" relative to the written file, so that an editor finds the schema of this potmap
  const schemaFile = recordSchemaPath();
  const schema = out ? path.relative(path.dirname(path.resolve(out)), schemaFile).split(path.sep).join("/") : schemaFile;
  const record = recordTemplate(options.role, options.id, { formula: options.formula, schema });
  const text = JSON.stringify(record, null, 2) + "\n";
  const count = findPlaceholders(record).length;
  if (out) writeTextFile(out, text, "--out");
  const next = `fill in the ${count} placeholders ("TODO: ..."); potmap check --materials ${out ?? "FILE"} lists those left`;
  return {
    json: out ? { written: out, role: options.role, id: options.id, placeholders: count } : record,
    text: out ? `wrote ${out}: ${/^[aeiou]/.test(options.role) ? "an" : "a"} ${options.role} template; ${next}` : text.trimEnd(),
  };
}
