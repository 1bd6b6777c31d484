import { describe, expect, test } from "vitest";
import { execFileSync } from "child_process";
import * as path from "path";
import { calibrateCathodeIP, calibrateElectrolyteIP } from "../lib/src/calibrate";
import { potentialMap } from "../lib/src/potentialMap";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/dataSet";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const llzo = findElectrolyte(set, "LLZO");
const lco = findCathodeState(set, "LCO", "0%");

describe("calibrateElectrolyteIP", () => {
  test("the returned IP reproduces the target dphi_a exactly", () => {
    const ip = calibrateElectrolyteIP(li, llzo, lco, 1.5);
    expect(potentialMap(li, { ...llzo, ionizationPotential: ip }, lco).dphiAnode).toBeCloseTo(1.5, 10);
  });
});

describe("calibrateCathodeIP", () => {
  test("one electrolyte: exact; residuals reported", () => {
    const fit = calibrateCathodeIP(li, [llzo], lco, { LLZO: 0.25 });
    expect(potentialMap(li, llzo, { ...lco, ionizationPotential: fit.ionizationPotential }).dphiCathode).toBeCloseTo(0.25, 10);
    expect(fit.rms).toBeCloseTo(0, 12);
  });
  test("refuses to calibrate against nothing", () => {
    expect(() => calibrateCathodeIP(li, [llzo], lco, {})).toThrow(/no published dphi_c/);
  });
});

test("the calibrated values stored in data/ are what scripts/calibrate.mjs computes", () => {
  const root = path.resolve(__dirname, "..");
  const out = execFileSync(process.execPath, [path.join(root, "scripts", "calibrate.mjs"), "--check"], { encoding: "utf8" });
  expect(out).toMatch(/current/);
});
