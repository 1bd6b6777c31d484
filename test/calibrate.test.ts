import { describe, expect, test } from "vitest";
import { execFileSync } from "child_process";
import * as path from "path";
import { calibrateElectrolyteIP } from "../lib/src/calibration/calibrate";
import { tableTargets } from "../lib/src/calibration/calibrateDataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import published from "../data/published.json";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const lco = findCathodeState(set, "LCO", "0%");

describe("calibrateElectrolyteIP", () => {
  test.each(["LiPON", "LPO", "LLZO", "LPS"])("the returned IP reproduces a target dphi_a exactly (%s)", (id) => {
    const electrolyte = findElectrolyte(set, id);
    const ip = calibrateElectrolyteIP(li, electrolyte, 1.5);
    expect(potentialMap(li, { ...electrolyte, ionizationPotential: ip }, lco).dphiAnode).toBeCloseTo(1.5, 10);
  });
});

describe("tableTargets", () => {
  test("drops the held-out column and the entry the paper contradicts", () => {
    const all = tableTargets(published as any);
    expect(all.get("LMO +")).not.toHaveProperty("LLZO");
    expect(all.get("LCO 0%")).toEqual({ LiPON: 0.61, LPO: 0.07, LLZO: 0.19, LPS: -0.1 });
    expect(tableTargets(published as any, "LPO").get("LCO 0%")).not.toHaveProperty("LPO");
  });
});

test("the calibrated values stored in data/ are what scripts/calibrate.mjs computes", () => {
  const root = path.resolve(__dirname, "..");
  const out = execFileSync(process.execPath, [path.join(root, "scripts", "calibrate.mjs"), "--check"], { encoding: "utf8" });
  expect(out).toMatch(/current/);
});
