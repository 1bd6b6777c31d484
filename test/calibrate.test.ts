import { describe, expect, test } from "vitest";
import { execFileSync } from "child_process";
import * as path from "path";
import { calibrateElectrolyteIP } from "../lib/src/calibration/calibrate";
import { bandEdgeMargin, energyQuantity, knobBounds, stateLeaveOneOut, tableTargets } from "../lib/src/calibration/calibrateDataSet";
import { cathodeStateVoltages } from "../lib/src/calibration/cathodeVoltage";
import { parsePhaseEntriesCsv } from "../lib/src/io/phaseEntries";
import { PotmapError } from "../lib/src/core/errors";
import { toMaterial } from "../lib/src/io/readMaterials";
import * as fs from "fs";
import { goldenMinimum } from "../lib/src/numerics/minimize";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import published from "../data/published.json";
import { builtinKnobs, ocvOrder, voltageForPotential, withDefaultKnobs, withSpinelAnalogy } from "../lib/src/calibration/builtinCalibration";

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

describe("cathodeStateVoltages", () => {
  // formation energies per atom of a toy Li-Co-O line (E[LiCoO2] per f.u. = 4 * -1.8 etc.)
  const csv = (half: number) => `formula,formation_energy_per_atom\nLi,0\nCo,0\nO,0\nCoO2,-1.0\nLi0.5CoO2,${half}\nLiCoO2,-1.8\n`;
  const full = -(4 * -1.8 - 3 * -1.0) / 1; // eq. 3, LiCoO2 -> CoO2 (4.2 V)

  test("a half-lithiated phase above the tie line shares the lithiated -> delithiated segment (0% = 100% = +)", () => {
    const entries = parsePhaseEntriesCsv(csv(-1.2), "toy.csv");
    const [v0, v50, vPlus] = cathodeStateVoltages(entries, ["LiCoO2", "Li0.5CoO2"], ["CoO2"], [1, 0.5, 0]);
    expect(v50.onHull).toBe(false);
    expect(v50.aboveHull).toBeGreaterThan(0);
    for (const v of [v0, v50, vPlus]) expect(v.voltage).toBeCloseTo(full, 10);
    expect(v50.lithiated).toBe("LiCoO2");
  });

  test("a half-lithiated phase below the tie line splits the line into two segments whose voltages rise as Li is removed", () => {
    const entries = parsePhaseEntriesCsv(csv(-1.6), "toy.csv");
    const [v0, v50] = cathodeStateVoltages(entries, ["LiCoO2", "Li0.5CoO2"], ["CoO2"], [1, 0.5]);
    expect(v50.onHull).toBe(true);
    expect(v0.segmentDelithiated).toEqual(["Li0.5CoO2"]);
    expect(v0.segmentVoltage).toBeCloseTo(-(4 * -1.8 - 3.5 * -1.6) / 0.5, 10);
    expect(v50.segmentVoltage).toBeCloseTo(-(3.5 * -1.6 - 3 * -1.0) / 0.5, 10);
    expect(v50.segmentVoltage).toBeGreaterThan(v0.segmentVoltage);
    // eq. 3 as the paper writes it: the average down to the Li-free CoO2 (LiCoO2 -> CoO2)
    expect(v0.delithiated).toEqual(["CoO2"]);
    expect(v0.voltage).toBeCloseTo(full, 10);
    expect(v50.voltage).toBeCloseTo(-(3.5 * -1.6 - 3 * -1.0) / 0.5, 10);
    expect(v50.voltage).toBeGreaterThan(v0.voltage);
  });
});

describe("energyQuantity", () => {
  const record = { id: "X", fermiLevel: { defects: [{ name: "Li_i", chargeStates: [{ charge: 1, energy: { value: -3 } }] }] } };
  test("finds a charge state by defect name and charge", () => {
    expect(energyQuantity(record, { defect: "Li_i", charge: 1 }).value).toBe(-3);
  });
  test("names the field and value of a missing defect or charge", () => {
    expect(() => energyQuantity(record, { defect: "V_Li", charge: -1 })).toThrow(/V_Li/);
    expect(() => energyQuantity(record, { defect: "Li_i", charge: 0 })).toThrow(PotmapError);
  });
});

describe("stateLeaveOneOut", () => {
  test("predicts each left-out value from the mean constant of the others", () => {
    const fit = { cathode: "C", soc: "0%", ionizationPotential: 5, ocv: 4, targets: { A: 0.1, B: 0.3, C: 0.2 }, potentials: { A: 1, B: 1.1, C: 0.9 }, residuals: {} };
    const out = stateLeaveOneOut(fit);
    // leaving A out: K = mean(0.3 + 1.1, 0.2 + 0.9) = 1.25, predicted A = 1.25 - 1 = 0.25
    expect(out.A).toBeCloseTo(0.25 - 0.1, 12);
    expect(Object.keys(out)).toEqual(["A", "B", "C"]);
  });
});

describe("knobBounds", () => {
  test("the LPS Li_i(+) bound keeps E_F 3 kT below the CBM at the window's lower edge, and not 0.01 eV further", () => {
    const folder = builtinMaterialsFolder();
    const raw = Object.fromEntries(["LPS.json", "Li.json"].map((f) => [f, JSON.parse(fs.readFileSync(path.join(folder, f), "utf8"))]));
    const knob = { electrolyte: "LPS", defect: "Li_i", charge: 1, range: [-4.8, -3.4] as [number, number], insideGap: 3 };
    const [lower] = knobBounds(raw, knob);
    const marginAt = (value: number) => {
      const copy = structuredClone(raw);
      energyQuantity(copy["LPS.json"], knob).value = value;
      return bandEdgeMargin(toMaterial(copy["LPS.json"], "LPS.json") as any);
    };
    expect(marginAt(lower)).toBeGreaterThanOrEqual(3);
    expect(marginAt(lower - 0.01)).toBeLessThan(3);
  });
});

describe("the built-in calibration is library code (calibration/builtinCalibration.ts)", () => {
  test("voltageForPotential: the root of a monotone potential, null outside its range", () => {
    const phi = (v: number) => 0.2 + 0.5 * v;
    expect(voltageForPotential(phi, 1, 4, 1.2)).toBeCloseTo(2, 12);
    expect(voltageForPotential((v) => -phi(v), 1, 4, -1.2)).toBeCloseTo(2, 12);
    expect(voltageForPotential(phi, 1, 4, 5)).toBeNull();
    expect(voltageForPotential(phi, 1, 4, NaN)).toBeNull();
  });

  test("ocvOrder: OCVs in the order Li is removed; a fall is flagged", () => {
    expect(ocvOrder({ id: "X", states: [{ soc: "+", ocv: 4.2 }, { soc: "0%", ocv: 3.8 }, { soc: "100%", ocv: 4.0 }] })).toEqual({ cathode: "X", ocvs: [3.8, 4.0, 4.2], monotone: true });
    expect(ocvOrder({ id: "Y", states: [{ soc: "0%", ocv: 4.1 }, { soc: "100%", ocv: 3.9 }] }).monotone).toBe(false);
  });

  test("withSpinelAnalogy: LNMO + follows LNMO 100% by LMO's shift; withDefaultKnobs writes each knob's default", () => {
    const records: Record<string, any> = {};
    const folder = builtinMaterialsFolder();
    for (const f of fs.readdirSync(folder)) records[f] = JSON.parse(fs.readFileSync(path.join(folder, f), "utf8"));
    const out = withSpinelAnalogy(records);
    const ip = (r: any, soc: string) => r.states.find((s: any) => s.soc === soc).ionizationPotential.value;
    expect(ip(out["LNMO.json"], "+") - ip(out["LNMO.json"], "100%")).toBeCloseTo(ip(out["LMO.json"], "+") - ip(out["LMO.json"], "100%"), 12);
    const defaults = withDefaultKnobs(records);
    for (const k of builtinKnobs) expect(energyQuantity(defaults[`${k.electrolyte}.json`], k).value).toBe(k.default);
    // the steps return new records and leave theirs alone
    expect(records["LNMO.json"]).toEqual(JSON.parse(fs.readFileSync(path.join(folder, "LNMO.json"), "utf8")));
  });
});
