#!/usr/bin/env node
// @ts-check
// lib/'s prepack step (`npm pack` / `npm publish` in lib/): copy the built-in data set
// (data/materials) into lib/data/materials, where builtinMaterialsFolder() looks first, so that
// the package works outside this repository; also the defect models (data/models) and the
// record schema (schema/material.schema.json, which the records name in "$schema"; the
// package's README and LICENSE live in lib/). lib/data and lib/schema are git-ignored, and
// removed again by the postpack step (`--clean`); in the repository the library reads data/materials whether or
// not lib/data exists (builtinMaterialsFolder). The library must already be
// built (npm run build, or scripts/setup.sh): building here would rewrite lib/dist under tests
// that read it in parallel.
//
//   node scripts/prepack.mjs          copy (checks lib/dist first)
//   node scripts/prepack.mjs --clean  remove lib/data and lib/schema
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(ROOT, "data/materials");
const target = path.join(ROOT, "lib/data/materials");

if (process.argv.includes("--clean")) {
  fs.rmSync(path.join(ROOT, "lib/data"), { recursive: true, force: true });
  fs.rmSync(path.join(ROOT, "lib/schema"), { recursive: true, force: true });
  process.exit(0);
}

if (!fs.existsSync(path.join(ROOT, "lib/dist/index.js")) || !fs.existsSync(path.join(ROOT, "lib/dist/cli/main.js"))) {
  console.error("prepack: lib/dist is missing or incomplete; build first (npm run build, or bash scripts/setup.sh)");
  process.exit(1);
}
// a module whose source was moved or deleted stays in lib/dist (tsc does not clean): it must not ship
/** @type {(dir: string) => string[]} */
const builtModules = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? builtModules(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : []));
const dist = path.join(ROOT, "lib/dist");
const stale = builtModules(dist).filter((f) => !fs.existsSync(path.join(ROOT, "lib/src", path.relative(dist, f)).replace(/\.js$/, ".ts")));
if (stale.length) {
  console.error(`prepack: lib/dist holds modules with no source in lib/src (${stale.map((f) => path.relative(dist, f)).join(", ")}); rebuild cleanly: rm -rf lib/dist && bash scripts/setup.sh`);
  process.exit(1);
}
const records = fs.readdirSync(source).filter((f) => f.endsWith(".json"));
if (!records.length) {
  console.error(`prepack: no material records (*.json) in ${path.relative(ROOT, source)}`);
  process.exit(1);
}
// start clean, so a record removed from data/materials does not linger in the package
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
for (const file of records) fs.copyFileSync(path.join(source, file), path.join(target, file));
console.error(`prepack: copied ${records.length} material records to ${path.relative(ROOT, target)}`);
// the defect models and the schema, whole folders (a removed file must not linger either)
for (const folder of ["data/models", "schema"]) {
  const from = path.join(ROOT, folder);
  const to = path.join(ROOT, "lib", folder);
  if (!fs.existsSync(from)) {
    console.error(`prepack: ${folder} is missing`);
    process.exit(1);
  }
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  console.error(`prepack: copied ${folder} to ${path.relative(ROOT, to)}`);
}
