import { describe, expect, test } from "vitest";
import { boltzmann } from "../lib/src/core/constants";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { quenchDefectsWithSolution } from "../lib/src/whatif/doping";
import { Anode, CathodeState, Electrolyte } from "../lib/src/cell/materials";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { checkTemperatures, temperatureRange, temperatureSweep } from "../lib/src/whatif/temperature";

const anode: Anode = { role: "anode", id: "Li", name: "Li", workFunction: 3 };
const cathode: CathodeState = { role: "cathode", id: "C", name: "C", soc: "0%", bandGap: 2, ionizationPotential: 5, fermiLevel: 0, ocv: 4 };
// Frenkel pair with 4x more interstitial than vacancy sites:
// E_F = (E_V - E_i)/2 + mu + (kT/2) ln(N_i / N_V), so dE_F/dT = (k/2) ln 4.
const unequalSites: Electrolyte = {
  role: "electrolyte",
  id: "SE",
  name: "hand-made",
  bandGap: 6,
  ionizationPotential: 6,
  window: { lower: 0.5, upper: 3 },
  fermiLevel: {
    rule: "defects",
    system: {
      bandGap: 6,
      temperature: 300,
      carriers: { kind: "none" },
      defects: [
        { name: "V_Li", sites: 1e22, lithium: -1, chargeStates: [{ charge: -1, energy: 4.5 }] },
        { name: "Li_i", sites: 4e22, lithium: 1, chargeStates: [{ charge: 1, energy: -3.5 }] },
      ],
    },
  },
};

describe("temperatureSweep guards", () => {
  test("rows outside the record's validTemperature carry a warning, rows inside none", () => {
    const stated: Electrolyte = { ...unequalSites, validTemperature: { lower: 280, upper: 350 } };
    const rows = temperatureSweep(anode, stated, cathode, [250, 300, 600]);
    expect(rows.map((r) => r.warnings.map((w) => w.code))).toEqual([["temperature-outside-range"], [], ["temperature-outside-range"]]);
    expect(rows[2].warnings[0].message).toMatch(/^SE: temperature 600 K is outside the record's stated range 280-350 K/);
    expect(rows.map((r) => r.fermiLevelClassAnodeSide)).toEqual(["non-degenerate", "non-degenerate", "non-degenerate"]);
  });
});

describe("temperatureSweep", () => {
  test("closed form: dphi_c falls and dphi_a rises by (k/2) ln(N_i/N_V) per K", () => {
    const rows = temperatureSweep(anode, unequalSites, cathode, [250, 300, 600]);
    const slope = (boltzmann / 2) * Math.log(4);
    for (const r of rows) {
      // E_F = 4 + mu + (kT/2) ln 4 at both sides (mu_a* = -0.5, mu_c* = -3)
      expect(r.fermiLevelAnodeSide).toBeCloseTo(3.5 + slope * r.temperature, 9);
      expect(r.fermiLevelCathodeSide).toBeCloseTo(1 + slope * r.temperature, 9);
    }
    expect(rows[2].dphiCathode - rows[0].dphiCathode).toBeCloseTo(-slope * 350, 9);
    expect(rows[2].dphiAnode - rows[0].dphiAnode).toBeCloseTo(slope * 350, 9);
    expect(rows[2].phiCathode).toBe(rows[0].phiCathode); // the cathode's E_F is fixed
  });

  test("every row equals potentialMap at that temperature (built-in Li | LPS | LCO 100%)", () => {
    const set = readDataSet(builtinMaterialsFolder());
    const li = findAnode(set, "Li");
    const lps = findElectrolyte(set, "LPS");
    const lco = findCathodeState(set, "LCO", "100%");
    const temperatures = temperatureRange(250, 600, 8);
    const rows = temperatureSweep(li, lps, lco, temperatures);
    expect(rows.map((r) => r.temperature)).toEqual(temperatures);
    for (const r of rows) {
      const m = potentialMap(li, lps, lco, { temperature: r.temperature, withoutProfile: true });
      expect(r.dphiAnode).toBe(m.dphiAnode);
      expect(r.dphiCathode).toBe(m.dphiCathode);
      expect(r.cbmAboveAnodeFermi).toBe(m.stability.cbmAboveAnodeFermi);
      expect(r.hindersCathode).toBe(m.hinders.cathode);
    }
    // LPS: Li_i balanced by electrons, whose density of states depends on T
    expect(Math.abs(rows[7].dphiCathode - rows[0].dphiCathode)).toBeGreaterThan(0.05);
  });

  test("quenched (frozen) totals stay frozen across the sweep: Li_i compensates them, dE_F/dT = k ln(N / |Q|)", () => {
    const set = readDataSet(builtinMaterialsFolder());
    const lipon = findElectrolyte(set, "LiPON");
    const { system, frozen } = quenchDefectsWithSolution((lipon.fermiLevel as any).system, { processingTemperature: 900, muLi: -1 });
    const quenched: Electrolyte = { ...lipon, fermiLevel: { rule: "defects", system } };
    // frozen net charge Q = [O_N+] - [N_O-] < 0, balanced by Li_i+ (V_Li- negligible) whose
    // formation energy E_i - mu + E_F = kT ln(N_i / |Q|) at every T
    const q = frozen.find((f) => f.name === "O_N")!.concentration - frozen.find((f) => f.name === "N_O")!.concentration;
    expect(q).toBeLessThan(0);
    const sites = system.defects.find((d) => d.name === "Li_i")!.sites;
    const rows = temperatureSweep(findAnode(set, "Li"), quenched, findCathodeState(set, "LCO", "0%"), [300, 400]);
    const slope = boltzmann * Math.log(sites / -q);
    expect(rows[1].fermiLevelCathodeSide - rows[0].fermiLevelCathodeSide).toBeCloseTo(100 * slope, 6);
    expect(rows[1].dphiCathode - rows[0].dphiCathode).toBeCloseTo(-100 * slope, 6);
  });
});

describe("temperatureRange / checkTemperatures", () => {
  test("evenly spaced, both ends included", () => {
    expect(temperatureRange(250, 600, 8)).toEqual([250, 300, 350, 400, 450, 500, 550, 600]);
    expect(temperatureRange(300, 300, 1)).toEqual([300]);
  });

  test.each([
    [() => temperatureRange(0, 600, 3), /field "from"/],
    [() => temperatureRange(250, NaN, 3), /field "to"/],
    [() => temperatureRange(250, 600, 1), /field "count"/],
    [() => temperatureRange(250, 600, 2.5), /field "count"/],
    [() => checkTemperatures([300, -1]), /field "temperatures\[1\]", value -1/],
    [() => checkTemperatures([]), /at least one/],
  ])("refuses bad input %#", (call, message) => {
    expect(call).toThrow(message);
  });
});
