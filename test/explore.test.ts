// The explorer (lib/src/whatif/explore.ts): the knobs move the map as eqs. 5-7 say, and the
// record's values reproduce the plain potential map.
import { describe, expect, test } from "vitest";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { exploreCell, explorerControls, explorerSocOptions, knobsFromControls, selectedCathodeState } from "../lib/src/whatif/explore";
import { cathodeAt } from "../lib/src/cell/cathodeCurve";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";

const set = readDataSet(builtinMaterialsFolder());
const sel = { anode: "Li", electrolyte: "LLZO", cathode: "LCO", soc: "0%" };

describe("exploreCell", () => {
  test("with no knobs it is the plain potential map (LLZO | LCO 0%: dphi_a 1.62 V, dphi_c 0.224 V)", () => {
    const r = exploreCell(set, sel);
    const m = potentialMap(findAnode(set, "Li"), findElectrolyte(set, "LLZO"), findCathodeState(set, "LCO", "0%"));
    expect(r.dphiAnode).toBeCloseTo(m.dphiAnode, 12);
    expect(r.dphiCathode).toBeCloseTo(m.dphiCathode, 12);
    expect(r.dphiAnode).toBeCloseTo(1.62, 3);
    expect(r.dphiCathode).toBeCloseTo(0.224, 3);
    expect(r.figure.data.length).toBeGreaterThan(0);
  });
  test("raising the electrolyte's IP by 0.1 eV lowers dphi_a and raises dphi_c by 0.1 V (eq. 5)", () => {
    const r = exploreCell(set, sel, { ionizationPotential: findElectrolyte(set, "LLZO").ionizationPotential + 0.1 });
    expect(r.dphiAnode).toBeCloseTo(1.52, 3);
    expect(r.dphiCathode).toBeCloseTo(0.324, 3);
  });
  test("temperature and defect energies move E_F; the OCV moves the cathode", () => {
    // 0.2382 V before the V_Li sites became the Li sites (x 9.33): at 600 K the E_F shift kT/2 ln 9.33 is no longer the one the 300 K IP absorbs
    expect(exploreCell(set, sel, { temperature: 600 }).dphiCathode).toBeCloseTo(0.2670, 3);
    const ocv = exploreCell(set, sel, { ocv: 3.8653 });
    expect(ocv.map.ocv).toBeCloseTo(3.8653, 6);
    const moved = exploreCell(set, sel, knobsFromControls({ "defect:Li_i|1": -4.064 }));
    expect(moved.dphiCathode).not.toBeCloseTo(0.224, 3);
  });
  test("a scissor of +1 eV on LPS keeps it insulating (E_F measured against gap + scissor)", () => {
    const plain = exploreCell(set, { ...sel, electrolyte: "LPS" });
    const r = exploreCell(set, { ...sel, electrolyte: "LPS" }, { scissor: 1 });
    expect(r.map.fermiLevelClassAnodeSide).toBe("non-degenerate");
    expect(r.map.fermiLevelAnodeSide - plain.map.fermiLevelAnodeSide).toBeGreaterThan(0.4);
    expect(r.messages.some((m) => /reduces it/.test(m))).toBe(true);
  });
  test("one slider per charge state, plus IP, temperature, OCV and scissor", () => {
    const keys = explorerControls(set, sel).map((c) => c.key);
    expect(keys).toEqual(["ionizationPotential", "defect:V_Li|0", "defect:V_Li|-1", "defect:Li_i|0", "defect:Li_i|1", "temperature", "ocv", "scissor"]);
    expect(() => exploreCell(set, sel, knobsFromControls({ "defect:X|1": 0 }))).toThrow(/X\|1/);
  });
});

describe("the state-of-charge control follows the voltage curve", () => {
  test("explorerSocOptions: the named states and every 10 % of the curve, in order", () => {
    expect(explorerSocOptions(set, "LCO")).toEqual(["0%", "10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%", "90%", "100%"]);
    expect(explorerSocOptions(set, "LMO").at(-1)).toBe("+");
    expect(explorerSocOptions(set, "NOPE")).toEqual([]);
  });

  test("selectedCathodeState: a named state is the record's; 80 % is cathodeAt's point, and the cell's jump is its map's", () => {
    expect(selectedCathodeState(set, "LCO", "100%")).toBe(findCathodeState(set, "LCO", "100%"));
    const lco = set.cathodes.find((c) => c.id === "LCO")!;
    const at = cathodeAt(lco, { soc: 80 }).state;
    expect(selectedCathodeState(set, "LCO", "80%")).toEqual(at);
    const cell = exploreCell(set, { anode: "Li", electrolyte: "LLZO", cathode: "LCO", soc: "80%" });
    const map = potentialMap(findAnode(set, "Li"), findElectrolyte(set, "LLZO"), at);
    expect(cell.dphiCathode).toBeCloseTo(map.dphiCathode, 12);
    const [zero, full] = ["0%", "100%"].map((soc) => findCathodeState(set, "LCO", soc).ocv);
    expect(cell.map.ocv).toBeGreaterThan(zero);
    expect(cell.map.ocv).toBeLessThan(full);
    expect(() => selectedCathodeState(set, "LCO", "junk")).toThrow();
  });
});
