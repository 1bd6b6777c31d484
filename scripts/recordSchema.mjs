#!/usr/bin/env node
// @ts-check
// Write schema/material.schema.json, the published JSON Schema (draft 2020-12) of a material
// record that the built-in records name in "$schema", from the built library
// (lib/dist/io/recordSchema.js: io/schema.ts annotated with io/recordFields.ts). The same text
// `potmap schema` prints. Run after changing either module and rebuilding:
//
//   bash scripts/setup.sh && node scripts/recordSchema.mjs     write the file
//   node scripts/recordSchema.mjs --check                      exit 1 if it is out of date
//
// test/recordSchema.test.ts checks the committed file equals a fresh generation.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
/** @type {{ recordSchema(): object, RECORD_SCHEMA_FILE: string }} */
const lib = require(path.join(ROOT, "lib/dist/io/recordSchema.js"));
const file = path.join(ROOT, lib.RECORD_SCHEMA_FILE);
const text = JSON.stringify(lib.recordSchema(), null, 2) + "\n";

if (process.argv.includes("--check")) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current !== text) {
    console.error(`${lib.RECORD_SCHEMA_FILE} is out of date: bash scripts/setup.sh && node scripts/recordSchema.mjs`);
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.error(`wrote ${lib.RECORD_SCHEMA_FILE}`);
}
