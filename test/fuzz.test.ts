/**
 * The structure-aware fuzz suite (scripts/fuzzEngine.mjs says what is mutated and what the
 * oracle accepts): 5,000 seeded cases, every one a clear error or a result that passes the
 * physics guards. `npm run fuzz -- --cases 100000` runs more with the built library.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { fuzzer } from "../scripts/fuzzEngine.mjs";
import { PotmapError } from "../lib/src/core/errors";
import { physicalRanges } from "../lib/src/core/ranges";
import { builtinMaterialsFolder, parseMaterial, readDataSet } from "../lib/src/io/readMaterials";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { guardedFermiLevelFunction } from "../lib/src/cell/fermiLevel";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { readInputFermi, readUnitCell } from "../lib/src/io/scFermi";
import { scFermiSystem, solveScFermi } from "../lib/src/defects/scFermiSystem";
import { parsePhaseEntries } from "../lib/src/io/phaseEntries";
import { stabilityWindow } from "../lib/src/thermo/stabilityWindow";
import { main } from "../lib/src/cli/main";
import { checkDataSet } from "../lib/src/check/checkDataSet";
import * as lib from "../lib/src/index";

const SEED = Number(process.env.POTMAP_FUZZ_SEED ?? 5);
const CASES = Number(process.env.POTMAP_FUZZ_CASES ?? 5000);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-fuzz5-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const api = {
  PotmapError, physicalRanges, parseMaterial, readDataSet, builtinMaterialsFolder, potentialMap, guardedFermiLevelFunction,
  findAnode, findCathodeState, findElectrolyte, readInputFermi, readUnitCell, scFermiSystem, solveScFermi, parsePhaseEntries, stabilityWindow, main, checkDataSet, lib,
};

test(`${CASES} mutated inputs (seed ${SEED}): a clear error or a guarded result, never anything else`, async () => {
  const run = fuzzer(api, path.resolve(__dirname, ".."), scratch);
  const report = await run(CASES, SEED);
  // eslint-disable-next-line no-console
  console.log(`fuzz seed ${SEED}: ${JSON.stringify(report.counts)}`);
  expect(report.failures, JSON.stringify(report.failures.slice(0, 5), null, 1)).toEqual([]);
  const total = Object.values(report.counts).reduce((s, c: any) => s + c.result + c.flagged + c.error + c.fail, 0);
  expect(total).toBe(CASES);
  // every kind ran and reached both outcomes (a suite that only ever errors tests nothing)
  for (const kind of ["record", "sc-fermi", "phase-entries", "command", "import", "export", "check-agrees", "window-voltage", "library"]) {
    const c = (report.counts as any)[kind];
    expect(c.error, kind).toBeGreaterThan(0);
    expect(c.result + c.flagged, kind).toBeGreaterThan(0);
  }
}, 120_000);
