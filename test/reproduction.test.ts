import { beforeAll, describe, expect, test } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { barrierLessInterfaces, compareTable, lowBarrierPairs, summarisePairs } from "../lib/src/calibration/reproduction";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findElectrolyte, orderedCathodeStates } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { main } from "../lib/src/cli/main";
import { fermiLevelFunction } from "../lib/src/cell/fermiLevel";
import { thermalEnergy } from "../lib/src/core/constants";

const published = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../data/published.json"), "utf8"));
const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const table = compareTable(set, published);

describe("dphiAnode (eq. 6) against the paper", () => {
  test.each(Object.entries(published.dphiAnode.values as Record<string, number>))("Li/%s within 0.01 V of %f", (id, value) => {
    const map = potentialMap(li, findElectrolyte(set, id), orderedCathodeStates(set)[0]);
    expect(Math.abs(map.dphiAnode - value)).toBeLessThan(0.01);
  });
});

describe("compareTable (Table 1, eq. 7)", () => {
  test("the data set has the paper's 48 configurations", () => {
    expect(table).toHaveLength(48);
    expect(table.filter((r) => r.status !== "predicted")).toHaveLength(43);
  });

  // The LiPON, LLZO and LPS columns fit the cathode IPs; the LPO column (which reads the OCVs) is predicted.
  const printed = table.filter((r) => r.status === "calibrated");
  const within = (t: number) => printed.filter((r) => Math.abs(r.difference!) <= t).length;

  test("compareTable: at least 21 / 31 / all of the 42 printed values within 0.03 / 0.10 / 0.30 V", () => {
    expect(printed).toHaveLength(42);
    expect(within(0.03)).toBeGreaterThanOrEqual(21);
    expect(within(0.1)).toBeGreaterThanOrEqual(31);
    expect(within(0.3)).toBe(42);
  });

  test("compareTable: the fitted columns (LiPON, LLZO, LPS) are within 0.10 V; every larger miss is in the predicted LPO column", () => {
    const misses = printed.filter((r) => Math.abs(r.difference!) > 0.1);
    for (const r of misses) expect(r.electrolyte).toBe("LPO");
    for (const r of printed.filter((x) => x.electrolyte !== "LPO")) expect(Math.abs(r.difference!)).toBeLessThanOrEqual(0.1);
  });

  test("compareTable: the LPO column's misses follow the eq. 3 OCVs (the spinel's structure-matched OCV comes out too high)", () => {
    // below 4.21 V the LPO column reads phi_LPO at mu = -OCV: a too-low OCV gives too small a phi, too large a dphi_c,
    // a too-high one the reverse. LMO against spinel lambda-MnO2 (3.86 V) lies above the ~3.44 V its printed
    // LPO value implies, so its miss is negative; above 4.21 V (mu_c* = -4.21 V) the misses are negative too.
    const lpo = printed.filter((r) => r.electrolyte === "LPO");
    const misses = lpo.filter((r) => Math.abs(r.difference!) > 0.1);
    expect(misses.length).toBeGreaterThan(0);
    for (const r of misses) {
      expect(Math.sign(r.difference!)).toBe(-1);
      if (r.ocv < 4.21) expect(`${r.cathode} ${r.soc}`).toBe("LMO 0%");
    }
  });

  test("the entry the paper contradicts (LMO +/LLZO, printed -2.62) comes out near -1.74 V", () => {
    const row = table.find((r) => r.cathode === "LMO" && r.soc === "+" && r.electrolyte === "LLZO")!;
    expect(row.status).toBe("inconsistent");
    expect(row.dphiCathode).toBeCloseTo(-1.74, 1);
  });

  test("unprinted configurations are predictions: LNO 100%/LPS near the +0.11 V the table's structure implies", () => {
    const predicted = table.filter((r) => r.status === "predicted").map((r) => `${r.cathode} ${r.soc}/${r.electrolyte}`);
    expect(predicted.sort()).toEqual(["LNMO +/LLZO", "LNMO +/LPO", "LNMO +/LPS", "LNMO +/LiPON", "LNO 100%/LPS"]);
    const lnoLps = table.find((r) => r.cathode === "LNO" && r.soc === "100%" && r.electrolyte === "LPS")!;
    expect(lnoLps.dphiCathode).toBeCloseTo(0.11, 1);
  });
});

describe("barrier-less and low-barrier lists recomputed from the model", () => {
  // in the fitted columns; the predicted LPO column is compared in the report
  const fittedRows = table.filter((r) => r.electrolyte !== "LPO");
  const model = summarisePairs(fittedRows.map((r) => ({ ...r, value: r.dphiCathode })), 0.1);
  const printed = summarisePairs(published.table1.rows.filter((r: any) => r.electrolyte !== "LPO").map((r: any) => ({ ...r, value: r.dphiCathode })), 0.1);

  test("barrierLessInterfaces: the model's list contains the printed table's (LiPON, LLZO, LPS columns)", () => {
    const fromModel = barrierLessInterfaces(model);
    for (const entry of barrierLessInterfaces(printed)) expect(fromModel).toContain(entry);
  });

  test("lowBarrierPairs at 0% and 100% SOC: the paper's list up to pairs within 0.03 V of its threshold (LiPON, LLZO, LPS columns)", () => {
    const atPrinted = summarisePairs(fittedRows.map((r) => ({ ...r, value: r.dphiCathode })), 0.1, ["0%", "100%"]);
    const paper = published.lowBarrier.pairs.filter((p: any) => p.electrolyte !== "LPO").map((p: any) => `${p.cathode}/${p.electrolyte}`).sort();
    const fromModel = lowBarrierPairs(atPrinted, published.lowBarrier.threshold);
    for (const pair of fromModel) expect(paper).toContain(pair);
    // a paper pair the model drops must sit at the threshold, within the 0.03 V agreement of Table 1
    for (const pair of paper.filter((p: string) => !fromModel.includes(p))) {
      const worst = atPrinted.find((x) => `${x.cathode}/${x.electrolyte}` === pair)!.worst;
      expect(worst - published.lowBarrier.threshold).toBeLessThanOrEqual(0.03);
    }
  });
});

describe("physical bounds of the calibrated inputs", () => {
  test("open-circuit voltages never fall as Li is removed (0% <= 100% <= +) and equal their eq. 3 values", () => {
    const order = ["0%", "100%", "+"];
    for (const c of set.cathodes) {
      const states = [...c.states].sort((a, b) => order.indexOf(a.soc) - order.indexOf(b.soc));
      for (let i = 1; i < states.length; i++) expect(states[i].ocv).toBeGreaterThanOrEqual(states[i - 1].ocv);
      for (const s of states) expect(s.ocv).toBe(s.ocvComputed);
    }
  });

  test("fermiLevelFunction: LPS stays at least 3 kT below its CBM across its window (not degenerate)", () => {
    const lps = findElectrolyte(set, "LPS");
    const fermi = fermiLevelFunction(lps.fermiLevel);
    const kT = thermalEnergy(300);
    for (const v of [lps.window.lower, (lps.window.lower + lps.window.upper) / 2, lps.window.upper]) {
      expect(lps.bandGap - fermi(-v)).toBeGreaterThanOrEqual(3 * kT - 1e-6);
    }
  });

  test("LPO keeps the 1.6 eV Frenkel energy of Du & Holzwarth 2007 within 0.2 eV", () => {
    const lpo = findElectrolyte(set, "LPO");
    if (lpo.fermiLevel.rule !== "defects") throw new Error("LPO is a defect model");
    const energy = (name: string, charge: number) => lpo.fermiLevel.rule === "defects" && lpo.fermiLevel.system.defects.find((d) => d.name === name)!.chargeStates.find((q) => q.charge === charge)!.energy;
    expect(Math.abs(Number(energy("Li_i", 1)) + Number(energy("V_Li", -1)) - 1.6)).toBeLessThanOrEqual(0.2);
  });

  test("LLZO: V_Li on every Li site of the structure (28 per cell, not the SC-FERMI input's 3), 1 Li_i site per cell, degeneracy 2 for the neutral states", () => {
    const llzo = findElectrolyte(set, "LLZO");
    if (llzo.fermiLevel.rule !== "defects") throw new Error("LLZO is a defect model");
    const d = (name: string) => (llzo.fermiLevel.rule === "defects" ? llzo.fermiLevel.system.defects.find((x) => x.name === name)! : null)!;
    expect(d("V_Li").sites / d("Li_i").sites).toBeCloseTo(28, 2);
    // the Li density of the record's structure: 7 Li x 4 formula units / 1056.62 A^3
    expect(llzo.lithiumDensity! / ((7 * 4) / 1056.62e-24)).toBeCloseTo(1, 12);
    expect(d("V_Li").sites / llzo.lithiumDensity!).toBeCloseTo(1, 3);
    for (const name of ["V_Li", "Li_i"]) expect(d(name).chargeStates.find((q) => q.charge === 0)!.degeneracy).toBe(2);
  });

  test("cathode IPs stay in the plausible 4-8 eV", () => {
    for (const s of orderedCathodeStates(set)) {
      expect(s.ionizationPotential).toBeGreaterThanOrEqual(4 - 1e-9);
      expect(s.ionizationPotential).toBeLessThanOrEqual(8);
    }
  });
});

describe("band alignment claims of section 3.2 (predictions)", () => {
  const at = (id: string) => potentialMap(li, findElectrolyte(set, id), orderedCathodeStates(set)[0]).stability;
  test("LPS is reduced by Li once band bending is included", () => expect(at("LPS").reducedByAnode).toBe(true));
  test("LiPON, LPO and LLZO are not", () => {
    for (const id of ["LiPON", "LPO", "LLZO"]) expect(at(id).reducedByAnode).toBe(false);
  });
});

describe("potmap table --json", () => {
  let rows: any[] = [];
  beforeAll(async () => {
    let out = "";
    await main(["table", "--json"], (t) => (out += t), () => {});
    rows = JSON.parse(out);
  });
  test("returns the 48 configurations in the cli.md format", () => {
    expect(rows).toHaveLength(48);
    const electrolytes = new Set(rows.map((r) => r.electrolyte));
    expect([...electrolytes]).toEqual(["LiPON", "LPO", "LLZO", "LPS"]);
    expect(new Set(rows.map((r) => `${r.cathode} ${r.soc}`)).size).toBe(12);
  });
});
