/**
 * Band guards of cathodes and electrolytes (cell/bandGuards.ts, issue 20): the maps warn and
 * `potmap check` reports the same records. On main a cathode with a 0.4 eV work function (E_F
 * 2.6, IP 3.0 eV) passed check with 0 errors and mapped to dphi_c 4.71 V; an electrolyte whose
 * CBM lay 4.8 eV above the vacuum level (IP 3.2, gap 8 eV) passed too.
 */
import { describe, expect, test } from "vitest";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { checkDataSet } from "../lib/src/check/checkDataSet";
import { cathodeBandWarnings, electronAffinity, electrolyteBandWarnings, negativeElectronAffinity } from "../lib/src/cell/bandGuards";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { stackMap } from "../lib/src/cell/stack";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { temperatureSweep } from "../lib/src/whatif/temperature";
import { DataSet } from "../lib/src/cell/materials";

const base = () => readDataSet(builtinMaterialsFolder());

function withState(set: DataSet, edit: Record<string, number>): DataSet {
  return { ...set, cathodes: set.cathodes.map((c) => (c.id !== "LCO" ? c : { ...c, states: c.states.map((s) => (s.soc === "0%" ? { ...s, ...edit } : s)) })) };
}
function withElectrolyte(set: DataSet, edit: Record<string, number>): DataSet {
  return { ...set, electrolytes: set.electrolytes.map((e) => (e.id !== "LPS" ? e : { ...e, ...edit })) };
}

describe("cathode work function and E_F in the gap", () => {
  test("IP 3.0 eV with E_F 2.6 eV: work function 0.4 eV, an error in check and a warning in the map", async () => {
    const set = withState(base(), { ionizationPotential: 3.0, fermiLevel: 2.6, bandGap: 4 });
    const state = findCathodeState(set, "LCO", "0%");
    expect(cathodeBandWarnings(state).map((w) => w.code)).toEqual(["cathode-work-function"]);
    const result = await checkDataSet(set);
    const errors = result.errors.filter((f) => f.field === "states[0].ionizationPotential");
    expect(errors).toHaveLength(1);
    expect(errors[0].reason).toMatch(/work function IP - E_F = 3 eV - 2\.6 eV = 0\.4 eV is outside 2 to 7 eV/);
    // the stack shows the same guard
    const stack = stackMap(findAnode(set, "Li"), [findElectrolyte(set, "LLZO")], state);
    expect(stack.warnings.some((w) => w.startsWith("cathode-work-function"))).toBe(true);
  });

  test("E_F above the cathode's gap: the map warns (check's range finding already names states[k].fermiLevel)", async () => {
    const set = withState(base(), { fermiLevel: 3, bandGap: 2.7, ionizationPotential: 8 });
    const map = potentialMap(findAnode(set, "Li"), findElectrolyte(set, "LLZO"), findCathodeState(set, "LCO", "0%"), { withoutProfile: true });
    expect(map.warnings.filter((w) => w.code === "cathode-fermi-level" && /outside the cathode's gap 0 to 2\.7 eV/.test(w.message))).toHaveLength(1);
    const result = await checkDataSet(set);
    expect(result.errors.filter((f) => f.field === "states[0].fermiLevel")).toHaveLength(1);
  });

  test("the built-in cathodes pass: work functions 4.46 to 6.65 eV, E_F at the VBM", () => {
    for (const c of base().cathodes) for (const s of c.states) expect(cathodeBandWarnings(s)).toEqual([]);
  });
});

describe("electrolyte CBM against the vacuum level", () => {
  test("IP 3.2 eV, gap 8 eV: CBM 4.8 eV above the vacuum, an error in check, a warning in maps and sweeps", async () => {
    const set = withElectrolyte(base(), { ionizationPotential: 3.2, bandGap: 8 });
    const lps = findElectrolyte(set, "LPS");
    expect(electronAffinity(lps)).toBeCloseTo(-4.8, 12);
    expect(electrolyteBandWarnings(lps).map((w) => w.code)).toEqual(["cbm-above-vacuum"]);
    const result = await checkDataSet(set);
    expect(result.errors.filter((f) => f.field === "ionizationPotential" && /4\.8 eV above the vacuum level/.test(f.reason))).toHaveLength(1);
    const rows = temperatureSweep(findAnode(set, "Li"), lps, findCathodeState(set, "LCO", "0%"), [300, 400]);
    for (const row of rows) expect(row.warnings.map((w) => w.code)).toContain("cbm-above-vacuum");
  });

  test("the built-in LPO's calibrated IP puts its CBM 0.78 eV above the vacuum: a check warning, no map warning", async () => {
    const lpo = findElectrolyte(base(), "LPO");
    expect(negativeElectronAffinity(lpo)).toBeCloseTo(5.9 - lpo.ionizationPotential, 12);
    expect(electrolyteBandWarnings(lpo)).toEqual([]);
    const result = await checkDataSet(base());
    expect(result.errors.filter((f) => f.check === "range" || f.check === "bands")).toEqual([]);
    const above = Number((5.9 - lpo.ionizationPotential).toFixed(3));
    expect(above).toBe(0.78); // IP 5.1202 eV (calibrated with the published 1.60 eV Frenkel energy)
    expect(result.warnings.filter((f) => f.check === "bands" && f.reason.includes(`LPO: the CBM lies ${above} eV above`))).toHaveLength(1);
  });
});
