import { describe, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findElectrolyte } from "../lib/src/cell/dataSet";
import { solveFermiLevel } from "../lib/src/defects/neutrality";
import { coatingStates, rankCoatings } from "../lib/src/whatif/coat";
import { defaultTemplate, idealCoating } from "../lib/src/whatif/idealCoating";
import {
  scanStates, scanVirtualCoatings, virtualCoatingModel, virtualCoatingSystem, virtualFermiLevelFunction, virtualWorstByStack, virtualModelHolds,
} from "../lib/src/whatif/virtualCoating";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const lps = findElectrolyte(set, "LPS");
const lco = set.cathodes.find((c) => c.id === "LCO")!;
const model = virtualCoatingModel(defaultTemplate(set));

describe("virtual coating model", () => {
  test("parameters come from the template (LPO: Frenkel energy 1.6 eV, its Li sites, gap + scissor)", () => {
    const lpo = findElectrolyte(set, "LPO");
    expect(defaultTemplate(set)?.id).toBe("LPO");
    expect(model.frenkelEnergy).toBe(lpo.constraints![0].value);
    expect(model.bandGap).toBe(lpo.bandGap + (lpo.scissor ?? 0));
    expect(model.interstitialSites).toBeGreaterThan(0);
    expect(virtualCoatingModel(lpo, { frenkelEnergy: 2, sites: 1e22 }).frenkelEnergy).toBe(2);
  });

  test("no template and no value: refused, naming the option", () => {
    expect(() => virtualCoatingModel(undefined, {})).toThrow(/--gap/);
    expect(() => virtualCoatingModel(lps)).toThrow(/--frenkel-energy/);
  });

  test("the closed-form E_F equals the general neutrality solver over the whole range, carriers included", () => {
    const fermi = virtualFermiLevelFunction(model);
    let compared = 0;
    for (const ei of [-9, -6, -4, -2.5, -1, 0, 0.8, 3]) {
      const system = virtualCoatingSystem(model, ei);
      for (const mu of [0, -1, -2.3, -3.77, -4.11, -5]) {
        const general = solveFermiLevel(system, mu).fermiLevel;
        expect(fermi(ei, mu)).toBeCloseTo(general, 7);
        compared++;
      }
    }
    expect(compared).toBe(48);
  });

  test("where the pair dominates, E_F - mu_Li is E_FP/2 - E0_i (equal sites); beyond the model's validity the closed form is refused", () => {
    const fermi = virtualFermiLevelFunction(model);
    const ei = model.frenkelEnergy / 2 - 3; // E_F - mu = 3 eV
    expect(fermi(ei, -1) + 1).toBeCloseTo(3, 6);
    expect(fermi(ei, -0.5) + 0.5).toBeCloseTo(3, 6);
    // vacancies with a negative formation energy push E_F below the VBM: the model fails there
    const below = fermi(20, 0);
    expect(below).toBeLessThan(0);
    expect(virtualModelHolds(model, 20, 0, below)).toBe(false);
    expect(virtualModelHolds(model, ei, -1, fermi(ei, -1))).toBe(true);
    expect(Number.isFinite(fermi(1e3, 0))).toBe(true);
    expect(Number.isFinite(fermi(-1e3, 0))).toBe(true);
  });
});

describe("the scan", () => {
  const states = coatingStates(lco);
  const scanned = scanStates(li, lps, states);

  test("every grid point's worst jump equals the stack (cell/stack.ts) with the general solver", () => {
    const n = 7;
    const grid = scanVirtualCoatings(model, scanned, n, [4, 8], [-6, 0.5]);
    let compared = 0;
    for (let r = 0; r < n; r++) {
      if (Number.isNaN(grid.worst[r * n])) continue;
      for (let c = 0; c < n; c += 3) {
        const byStack = virtualWorstByStack(li, lps, states, model, grid.ionizationPotential[c], grid.interstitialEnergy[r]);
        expect(grid.worst[r * n + c]).toBeCloseTo(byStack, 7);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(9);
  });

  test("rows where the model fails are NaN, exactly those where E_F leaves the gap or a formation energy is negative", () => {
    const n = 40;
    const grid = scanVirtualCoatings(model, scanned, n, [4, 8], [-12, 4]);
    const fermi = virtualFermiLevelFunction(model);
    let invalid = 0;
    for (let r = 0; r < n; r++) {
      const ei = grid.interstitialEnergy[r];
      const holds = scanned.every((s) => virtualModelHolds(model, ei, s.muElectrolyte, fermi(ei, s.muElectrolyte)) && virtualModelHolds(model, ei, -s.ocv, fermi(ei, -s.ocv)));
      if (!holds) invalid++;
      expect(Number.isNaN(grid.worst[r * n])).toBe(!holds);
      expect(Number.isNaN(grid.worst[r * n + n - 1])).toBe(!holds);
    }
    expect(invalid).toBe(grid.invalidRows);
    expect(invalid).toBeGreaterThan(0);
    expect(invalid).toBeLessThan(n);
  });

  test("the axes run over the ranges; the grid is deterministic", () => {
    const a = scanVirtualCoatings(model, scanned, 50, [4, 8], [-8, 0.5]);
    const b = scanVirtualCoatings(model, scanned, 50, [4, 8], [-8, 0.5]);
    expect(a.ionizationPotential[0]).toBe(4);
    expect(a.ionizationPotential[49]).toBe(8);
    expect(a.interstitialEnergy[49]).toBe(0.5);
    expect(Array.from(a.worst)).toEqual(Array.from(b.worst));
    expect(() => scanVirtualCoatings(model, scanned, 1, [4, 8], [-8, 0])).toThrow(/--grid/);
    expect(() => scanVirtualCoatings(model, scanned, 5, [8, 4], [-8, 0])).toThrow(/--ip-range/);
  });

  test("the best point is the smallest valid worst jump; a threshold above it gives a region that contains it", () => {
    const result = idealCoating(set, "LPS", "LCO", rankCoatings(set, "LPS", "LCO"), { grid: 200, threshold: 0.1 });
    // the minimum is a real grid value and no point lies below it
    const finite = Array.from(result.scan.worst).filter((w) => !Number.isNaN(w));
    expect(result.best.worstAbsDphi).toBe(Math.min(...finite));
    expect(result.region.points).toBe(finite.filter((w) => w < 0.1).length);
    // a threshold above the best gives a non-empty region containing the best point
    const loose = idealCoating(set, "LPS", "LCO", rankCoatings(set, "LPS", "LCO"), { grid: 200, threshold: result.best.worstAbsDphi + 0.05 });
    expect(loose.region.points).toBeGreaterThan(0);
    expect(loose.region.ionizationPotential![0]).toBeLessThanOrEqual(result.best.ionizationPotential);
    expect(loose.region.ionizationPotential![1]).toBeGreaterThanOrEqual(result.best.ionizationPotential);
    expect(loose.candidates.every((c) => c.distanceToRegion !== null && c.distanceToRegion >= 0)).toBe(true);
    // candidates sorted by distance
    const d = loose.candidates.map((c) => c.distanceToRegion!);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
  });

  test("a Frenkel-pair-like real candidate placed on the map sits near its own worst jump (LLZO within 0.1 V)", () => {
    const result = idealCoating(set, "LPS", "LCO", rankCoatings(set, "LPS", "LCO"), { grid: 400, threshold: 0.1 });
    const llzo = result.candidates.find((c) => c.id === "LLZO")!;
    expect(llzo.onMap).toBe(true);
    expect(Math.abs(llzo.mapWorst! - llzo.realWorst)).toBeLessThan(0.1);
  });
});

describe("potmap coat --virtual", () => {
  test("JSON carries the region, the best point, the model and the candidates; the heat map is written", async () => {
    let out = "";
    const code = await main(["coat", "--electrolyte", "LPS", "--cathode", "LNO", "--virtual", "--grid", "50", "--threshold", "0.3", "--json"], (t) => (out += t), () => {});
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.virtual.grid).toBe(50);
    expect(doc.virtual.region.points).toBeGreaterThan(0);
    expect(doc.virtual.parametrisation).toMatch(/Frenkel/);
    expect(doc.virtual.scan).toBeUndefined();
    expect(doc.virtual.candidates.length).toBe(doc.candidates.length - 1);
  });
});
