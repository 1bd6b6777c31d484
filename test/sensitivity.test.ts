import { describe, expect, test } from "vitest";
import { boltzmann } from "../lib/src/core/constants";
import { findAnode, findCathodeState, findElectrolyte, orderedCathodeStates, orderedElectrolytes } from "../lib/src/cell/dataSet";
import { withDopant } from "../lib/src/whatif/doping";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { sensitivity, sensitivityTornadoFigure } from "../lib/src/whatif/sensitivity";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const entry = (r: ReturnType<typeof sensitivity>, input: string) => {
  const e = r.entries.find((x) => x.input === input);
  if (!e) throw new Error(`no entry ${input}: ${r.entries.map((x) => x.input).join(", ")}`);
  return e;
};

describe("sensitivity", () => {
  test("eq. 5: d(dphi_c)/d(IP_c) = -1, d/d(E_F,c) = +1, d/d(IP_SE) = +1 and psi_a cancels, for every built-in cell", () => {
    for (const electrolyte of orderedElectrolytes(set)) {
      for (const state of orderedCathodeStates(set)) {
        const r = sensitivity(li, electrolyte, state, { step: 0.05 });
        expect(entry(r, "cathode.ionizationPotential").slope).toBeCloseTo(-1, 10);
        expect(entry(r, "cathode.ionizationPotential").high.change).toBeCloseTo(-0.05, 10);
        // the cathodes' E_F sits at their VBM (0 eV), the lower end of its physical range: only
        // the raised side is computed, the lowered one names the range (inputs/table.ts)
        const ef = entry(r, "cathode.fermiLevel");
        expect(ef.high.change).toBeCloseTo(0.05, 10);
        if (state.fermiLevel - 0.05 < 0) expect(ef.low.error).toMatch(/outside the physical range of a cathode's E_F/);
        else expect(ef.slope).toBeCloseTo(1, 10);
        expect(entry(r, "electrolyte.ionizationPotential").slope).toBeCloseTo(1, 10);
        expect(entry(r, "electrolyte.ionizationPotential").high.changeAnode).toBeCloseTo(-0.05, 10);
        const psi = entry(r, "anode.workFunction");
        expect(psi.high.change).toBeCloseTo(0, 12);
        expect(psi.high.changeAnode).toBeCloseTo(0.05, 10);
      }
    }
  });

  test("LLZO (Frenkel, E_F = (E_V - E_i)/2 + mu): each charged defect energy moves dphi_c by -/+ 1/2 per eV", () => {
    const r = sensitivity(li, findElectrolyte(set, "LLZO"), findCathodeState(set, "LCO", "0%"));
    expect(entry(r, "electrolyte.defects[V_Li].chargeStates[q=-1].energy").slope).toBeCloseTo(-0.5, 6);
    expect(entry(r, "electrolyte.defects[Li_i].chargeStates[q=1].energy").slope).toBeCloseTo(0.5, 6);
    // the neutral states hold no charge and sit far from E_F: no effect
    expect(Math.abs(entry(r, "electrolyte.defects[V_Li].chargeStates[q=0].energy").maxAbsChange!)).toBeLessThan(1e-9);
    // slope -1 regime: phi is flat, so the upper window edge does not matter
    expect(entry(r, "electrolyte.window.upper").maxAbsChange!).toBeLessThan(1e-9);
    // ranked: the unit-slope inputs first, 0.1 V each
    expect(r.entries[0].maxAbsChange).toBeCloseTo(0.1, 9);
    for (let i = 1; i < r.entries.length; i++) {
      if (r.entries[i].maxAbsChange === null) continue;
      expect(r.entries[i].maxAbsChange!).toBeLessThanOrEqual(r.entries[i - 1].maxAbsChange! + 1e-15);
    }
  });

  test("LPS (Li_i balanced by electrons, slope -1/2): the upper window edge moves dphi_c by -1/2 per V", () => {
    const r = sensitivity(li, findElectrolyte(set, "LPS"), findCathodeState(set, "LCO", "0%"), { step: 0.02 });
    expect(entry(r, "electrolyte.window.upper").slope).toBeCloseTo(-0.5, 2);
    expect(entry(r, "temperature").step).toBe("±50 K");
    expect(Math.abs(entry(r, "temperature").slope!)).toBeGreaterThan(1e-5);
  });

  test("a dopant concentration is moved by a factor: Ta_Zr x2 raises E_F by kT ln 2 when V_Li compensates it", () => {
    const doped = withDopant(findElectrolyte(set, "LLZO"), { name: "Ta_Zr", charge: 1, concentration: 2.2e21 });
    const r = sensitivity(li, doped, findCathodeState(set, "LCO", "0%"), { factor: 2 });
    const e = entry(r, "electrolyte.dopants[Ta_Zr].concentration");
    const kT = boltzmann * 300;
    expect(e.step).toBe("×/÷2");
    expect(e.high.change).toBeCloseTo(-kT * Math.log(2), 4);
    expect(e.low.change).toBeCloseTo(kT * Math.log(2), 4);
    expect(e.slope).toBeNull();
  });

  test("a step out of the input's domain is reported on that side, not thrown", () => {
    const lps = findElectrolyte(set, "LPS"); // window 1.74-2.32 V
    const r = sensitivity(li, lps, findCathodeState(set, "LCO", "0%"), { step: 0.7, temperatureStep: 400 });
    const lower = entry(r, "electrolyte.window.lower");
    expect(lower.high.change).toBeNull();
    expect(lower.high.error).toMatch(/window\.upper|must exceed|does not overlap/);
    expect(lower.low.change).not.toBeNull();
    const t = entry(r, "temperature");
    expect(t.low.error).toMatch(/positive temperature/);
    expect(t.high.change).not.toBeNull();
  });

  test("issue 20: a step that cannot move an input is refused (no 0/0 slope); one past the physical range is reported per side", () => {
    const lps = findElectrolyte(set, "LPS");
    const lco = findCathodeState(set, "LCO", "0%");
    expect(() => sensitivity(li, lps, lco, { step: 1e-300 })).toThrow(/field "step", value 1e-300: does not move .* at double precision/);
    const huge = sensitivity(li, lps, lco, { step: 1e300 });
    for (const e of huge.entries) {
      expect(e.slope === null || Number.isFinite(e.slope)).toBe(true);
      if (e.unit === "eV" || e.unit === "V") expect(e.maxAbsChange).toBeNull();
    }
    expect(entry(huge, "electrolyte.ionizationPotential").high.error).toMatch(/outside the physical range of an ionization potential.*\(3 to 9 eV\)/);
    expect(JSON.stringify(huge)).not.toMatch(/NaN|Infinity/);
    expect(() => sensitivity(li, lps, lco, { factor: 1e300 })).toThrow(/field "factor", value 1e\+300: moves site density of \S+ \(1.87e\+22 cm\^-3\) to a non-finite value/);
  });

  test("--per-sigma: each input moves by its declared sigma, else its kind's default", () => {
    const lps = findElectrolyte(set, "LPS");
    const lco = findCathodeState(set, "LCO", "0%");
    const declared = new Map([["LCO[0%].ocv", 0.02], ["LPS.ionizationPotential", 0.3]]);
    const r = sensitivity(li, lps, lco, { perSigma: true, declared });
    const ocv = entry(r, "cathode.ocv");
    expect(ocv.sigma).toBe(0.02);
    expect(ocv.sigmaDeclared).toBe(true);
    expect(ocv.step).toBe("±0.02 V (1σ declared)");
    expect(ocv.high.change).toBeCloseTo(0.02, 10); // LPS column: mu_c* = OCV above the window, slope 1
    const ip = entry(r, "electrolyte.ionizationPotential");
    expect(ip.high.change).toBeCloseTo(0.3, 10);
    // the IP known to 0.3 eV now outranks the OCV known to 0.02 V
    expect(r.entries.indexOf(ip)).toBeLessThan(r.entries.indexOf(ocv));
    const e0 = entry(r, "electrolyte.defects[Li_i].chargeStates[q=1].energy");
    expect(e0.sigmaDeclared).toBe(false);
    expect(e0.sigma).toBe(0.1);
    expect(e0.path).toBe("LPS.defects[Li_i].charges[+1].energy");
    const sites = entry(r, "electrolyte.defects[Li_i].sites");
    expect(sites.high.value / sites.nominal).toBeCloseTo(Math.exp(0.7), 12);
  });

  test("refuses bad steps", () => {
    const llzo = findElectrolyte(set, "LLZO");
    const lco = findCathodeState(set, "LCO", "0%");
    expect(() => sensitivity(li, llzo, lco, { step: 0 })).toThrow(/field "step", value 0/);
    expect(() => sensitivity(li, llzo, lco, { factor: 1 })).toThrow(/field "factor"/);
    expect(() => sensitivity(li, llzo, lco, { temperatureStep: NaN })).toThrow(/field "temperatureStep"/);
  });
});

describe("sensitivityTornadoFigure", () => {
  const r = sensitivity(li, findElectrolyte(set, "LPS"), findCathodeState(set, "LCO", "0%"));
  const fig = sensitivityTornadoFigure(r, { top: 6 });

  test("two horizontal bar traces (lowered, raised) over the top inputs, largest first", () => {
    expect(fig.data).toHaveLength(2);
    for (const t of fig.data) {
      expect(t.type).toBe("bar");
      expect(t.orientation).toBe("h");
      expect(t.y).toHaveLength(6);
    }
    const y = fig.data[0].y as string[];
    expect(y[0]).toContain(r.entries[0].label);
    expect(fig.data[1].x).toEqual(r.entries.slice(0, 6).map((e) => e.high.change));
    expect(fig.layout!.yaxis!.autorange).toBe("reversed"); // first category on top
  });

  test("axis titles with units, a legend and the nominal value in the title", () => {
    expect(JSON.stringify(fig.layout!.xaxis!.title)).toMatch(/\(V\)/);
    expect(JSON.stringify(fig.layout!.yaxis!.title)).toMatch(/input/);
    expect(fig.data.map((t) => t.name)).toEqual(["input lowered (− step or ÷ factor)", "input raised (+ step or × factor)"]);
    expect(JSON.stringify(fig.layout!.title)).toContain(`${r.nominal.dphiCathode.toFixed(2)} V`);
    expect(() => JSON.stringify(fig)).not.toThrow();
  });
});
