#!/usr/bin/env node
/**
 * `npm run fuzz -- --cases 100000 [--seed 5]`: the structure-aware fuzz suite of
 * scripts/fuzzEngine.mjs against the built library (lib/dist; `npm run build` first when
 * lib/src changed). Seeded and reproducible: the same seed gives the same cases. Prints the
 * count per input kind and outcome (result, flagged = result with warnings, error = a clear
 * error, fail = anything else) and the first failures; exit 1 when any case failed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fuzzer } from "./fuzzEngine.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const require = createRequire(import.meta.url);
/** @param {string} m @returns {any} */
const dist = (m) => require(path.join(root, "lib/dist", m));

/** @param {string} name @param {number} fallback @returns {number} */
function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const text = args[i].includes("=") ? args[i].split("=")[1] : args[i + 1];
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`fuzz: --${name} must be a positive integer, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}
const cases = option("cases", 5000);
const seed = option("seed", 5);

const { readDataSet, builtinMaterialsFolder, parseMaterial } = dist("io/readMaterials.js");
const api = {
  PotmapError: dist("core/errors.js").PotmapError,
  physicalRanges: dist("core/ranges.js").physicalRanges,
  parseMaterial, readDataSet, builtinMaterialsFolder,
  potentialMap: dist("cell/potentialMap.js").potentialMap,
  guardedFermiLevelFunction: dist("cell/fermiLevel.js").guardedFermiLevelFunction,
  ...pick(dist("cell/dataSet.js"), ["findAnode", "findCathodeState", "findElectrolyte"]),
  ...pick(dist("io/scFermi.js"), ["readInputFermi", "readUnitCell"]),
  ...pick(dist("defects/scFermiSystem.js"), ["scFermiSystem", "solveScFermi"]),
  parsePhaseEntries: dist("io/phaseEntries.js").parsePhaseEntries,
  stabilityWindow: dist("thermo/stabilityWindow.js").stabilityWindow,
  main: dist("cli/main.js").main,
  checkDataSet: dist("check/checkDataSet.js").checkDataSet,
  // the public API for the library-call cases (fuzzEngine.mjs libraryCase)
  lib: dist("index.js"),
};
/** @param {any} module @param {string[]} names */
function pick(module, names) {
  return Object.fromEntries(names.map((n) => [n, module[n]]));
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-fuzz-"));
const start = performance.now();
const run = fuzzer(api, root, scratch);
const report = await run(cases, seed, {
  onProgress: (/** @type {number} */ done) => process.stderr.write(`\rfuzz: ${done}/${cases} cases, ${((performance.now() - start) / 1000).toFixed(0)} s`),
});
fs.rmSync(scratch, { recursive: true, force: true });
process.stderr.write("\n");

const outcomes = ["result", "flagged", "error", "fail"];
const rows = Object.entries(report.counts).map(([kind, c]) => [kind, ...outcomes.map((o) => c[o])]);
const totals = outcomes.map((_, i) => rows.reduce((s, r) => s + Number(r[i + 1]), 0));
const table = [["kind", ...outcomes], ...rows, ["total", ...totals]];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
console.log(`potmap fuzz: ${cases} cases, seed ${seed}, ${((performance.now() - start) / 1000).toFixed(1)} s`);
for (const r of table) console.log(r.map((x, i) => (i === 0 ? String(x).padEnd(widths[i]) : String(x).padStart(widths[i]))).join("  "));
for (const f of report.failures) console.log(`\nFAIL case ${f.case} (${f.kind}): ${f.problem}\n  input: ${JSON.stringify(f.input)}`);
process.exitCode = totals[3] > 0 ? 1 : 0;
