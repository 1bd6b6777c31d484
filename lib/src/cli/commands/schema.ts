/**
 * `potmap schema [--validate] [--materials PATH,...]`: the JSON Schema (draft 2020-12) of a
 * material record, with units, ranges and descriptions (io/recordSchema.ts); with --validate,
 * every built-in record (and the --materials records) checked against it with ajv's 2020
 * validator, one line per record that fails. Point an editor at the printed schema, or at
 * schema/material.schema.json, which the built-in records name in "$schema".
 */
import * as path from "path";
import type { CommandResult, OptionValues } from "../command";
import type { schemaOptions } from "../commands";
import { PotmapError } from "../../core/errors";
import { builtinMaterialsFolder, parseJson } from "../../io/readMaterials";
import { listMaterialFiles, readTextFile } from "../../io/readRecords";
import { recordSchema } from "../../io/recordSchema";

export function run(options: OptionValues<typeof schemaOptions>): CommandResult {
  const schema = recordSchema();
  if (!options.validate) return { json: schema, text: JSON.stringify(schema, null, 2) };
  // ajv's compiler only here: the reader uses the validator generated ahead of time
  const Ajv2020 = (require("ajv/dist/2020") as typeof import("ajv/dist/2020")).default;
  const validate = new Ajv2020({ allErrors: true, strict: false, discriminator: true }).compile(schema);
  const specs = [...(options.only ? [] : [builtinMaterialsFolder()]), ...(options.materials ?? [])];
  if (specs.length === 0) throw new PotmapError("needs --materials (the records to validate)", { field: "--only" });
  const results: { file: string; valid: boolean; errors: string[] }[] = [];
  for (const spec of specs) {
    const { files, failures } = listMaterialFiles(spec);
    for (const f of failures) results.push({ file: f.file, valid: false, errors: [f.reason] });
    for (const file of files) {
      let record: unknown;
      try {
        record = parseJson(readTextFile(file), file);
      } catch (error) {
        if (!(error instanceof PotmapError)) throw error;
        results.push({ file, valid: false, errors: [error.message] });
        continue;
      }
      const valid = validate(record) as boolean;
      const errors = valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(record)"} ${e.message ?? "is invalid"}`);
      results.push({ file, valid, errors: [...new Set(errors)] });
    }
  }
  const bad = results.filter((r) => !r.valid);
  const lines = bad.map((r) => `${path.relative(process.cwd(), r.file) || r.file}: ${r.errors.join("; ")}`);
  lines.push(`${results.length - bad.length} of ${results.length} records valid against the schema (draft 2020-12)`);
  return { json: { records: results.length, valid: results.length - bad.length, results }, text: lines.join("\n"), exitCode: bad.length > 0 ? 1 : 0 };
}
