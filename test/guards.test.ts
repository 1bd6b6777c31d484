/**
 * Guards on defect-chemistry results (defects/guards.ts): the E_F classification at known
 * Fermi levels, each warning triggered by a constructed case and absent for a physical one,
 * and the saturating site occupancy against an independent closed form.
 */
import { describe, expect, test } from "vitest";
import { classifyFermiLevel, siteFraction, solutionWarnings, summariseWarnings, uniqueWarnings, GuardedResult } from "../lib/src/defects/guards";
import { compileSystem, solveFermiLevel } from "../lib/src/defects/neutrality";
import { DefectSystem } from "../lib/src/defects/defects";
import { overfitLps } from "./helpers/overfit";
import { linspace, sweepVoltage, sweepWarnings } from "../lib/src/defects/sweep";
import { effectiveDensityOfStates } from "../lib/src/defects/carriers";
import { thermalEnergy } from "../lib/src/core/constants";
import { guardContextOf } from "../lib/src/cell/fermiLevel";
import { findElectrolyte } from "../lib/src/cell/dataSet";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { formatWarnings, withWarnings } from "../lib/src/cli/format";

const set = readDataSet(builtinMaterialsFolder());
const kT = thermalEnergy(300);

/** A donor with one +1 state on N sites, balanced by Boltzmann electrons: closed forms exist. */
function donorSystem(energy: number, sites = 1e22): DefectSystem {
  return {
    bandGap: 1,
    temperature: 300,
    carriers: { kind: "parabolic", electronMass: 1, holeMass: 1, statistics: "boltzmann" },
    defects: [{ name: "D", sites, lithium: 0, chargeStates: [{ charge: 1, energy }] }],
  };
}

describe("classifyFermiLevel", () => {
  test.each([
    [1.5, "non-degenerate"],
    [3.001 * kT, "non-degenerate"],
    [2.999 * kT, "near-VBM"],
    [3 - 2 * kT, "near-CBM"],
    [0, "degenerate-p"],
    [-0.01, "degenerate-p"],
    [3, "degenerate-n"],
    [3.2, "degenerate-n"],
  ])("E_F = %f eV in a 3 eV gap at 300 K is %s", (fermiLevel, expected) => {
    expect(classifyFermiLevel(fermiLevel, 3, 300)).toBe(expected);
  });
  test("a gap narrower than 6 kT: the nearer edge names the class", () => {
    expect(classifyFermiLevel(0.01, 0.05, 300)).toBe("near-VBM");
    expect(classifyFermiLevel(0.04, 0.05, 300)).toBe("near-CBM");
  });
});

describe("siteFraction", () => {
  test("concentration over sites; none on none is 0, some on none is Infinity", () => {
    expect(siteFraction(3e21, 3e22)).toBe(0.1);
    expect(siteFraction(0, 0)).toBe(0);
    expect(siteFraction(1, 0)).toBe(Infinity);
  });
});

describe("solutionWarnings", () => {
  const physical: GuardedResult = {
    fermiLevel: 2,
    muLi: -1.5,
    temperature: 300,
    residual: 1e-12,
    electrons: 1,
    holes: 1,
    defects: [{ name: "V_Li", total: 1e15, siteFraction: 1e15 / 3e22 }],
  };
  const context = { material: "SE", window: { lower: 1, upper: 3 }, validTemperature: { lower: 250, upper: 400 } };

  test("a physical result earns no warning", () => {
    expect(solutionWarnings(physical, 5, [3e22], context)).toEqual([]);
  });
  test("above the site density: named defect, concentration, sites", () => {
    const w = solutionWarnings({ ...physical, defects: [{ name: "V_Li", total: 6e22, siteFraction: 2 }] }, 5, [3e22], context);
    expect(w.map((x) => x.code)).toEqual(["above-site-density"]);
    expect(w[0].message).toMatch(/SE: defect V_Li at 6\.00e\+22 cm\^-3 .* its 3\.00e\+22 cm\^-3 sites at 1\.500 V vs Li/);
  });
  test("frozen defects are named as frozen", () => {
    const w = solutionWarnings({ ...physical, defects: [{ name: "O_N", total: 6e22, siteFraction: 2, frozen: true }] }, 5, [3e22], context);
    expect(w[0].message).toMatch(/frozen defect O_N/);
  });
  test("dilute limit: above 10% of sites, not under saturating occupancy", () => {
    const result = { ...physical, defects: [{ name: "Li_i", total: 6e21, siteFraction: 0.2 }] };
    expect(solutionWarnings(result, 5, [3e22], context).map((x) => x.code)).toEqual(["dilute-limit"]);
    expect(solutionWarnings(result, 5, [3e22], { ...context, occupancy: "saturating" })).toEqual([]);
    expect(solutionWarnings({ ...physical, defects: [{ name: "Li_i", total: 2.9e21, siteFraction: 2.9e21 / 3e22 }] }, 5, [3e22], context)).toEqual([]);
  });
  test("degenerate E_F unless the record declares it", () => {
    const metal = { ...physical, fermiLevel: 5.1, electrons: 1e20 };
    const w = solutionWarnings(metal, 5, [3e22], context);
    expect(w.map((x) => x.code)).toEqual(["fermi-level-degenerate"]);
    expect(w[0].message).toMatch(/0\.100 eV above the CBM .* degenerate-n/);
    expect(solutionWarnings(metal, 5, [3e22], { ...context, declaredDegenerate: true })).toEqual([]);
    expect(solutionWarnings({ ...physical, fermiLevel: -0.02 }, 5, [3e22], context)[0].message).toMatch(/below the VBM .* degenerate-p/);
  });
  test("a residual above tolerance", () => {
    expect(solutionWarnings({ ...physical, residual: 1e-3 }, 5, [3e22], context).map((x) => x.code)).toEqual(["neutrality-residual"]);
    expect(solutionWarnings({ ...physical, residual: 1e-3 }, 5, [3e22], { ...context, residualTolerance: 1e-2 })).toEqual([]);
  });
  test("a temperature outside validTemperature", () => {
    const w = solutionWarnings({ ...physical, temperature: 600 }, 5, [3e22], context);
    expect(w.map((x) => x.code)).toEqual(["temperature-outside-range"]);
    expect(w[0].message).toMatch(/600 K is outside .* 250-400 K/);
  });
  test("a voltage outside the window (and its edges inside)", () => {
    expect(solutionWarnings({ ...physical, muLi: -3.5 }, 5, [3e22], context).map((x) => x.code)).toEqual(["voltage-outside-window"]);
    expect(solutionWarnings({ ...physical, muLi: -3 }, 5, [3e22], context)).toEqual([]);
    expect(solutionWarnings({ ...physical, muLi: -1 }, 5, [3e22], context)).toEqual([]);
  });
});

describe("solveFermiLevel guards", () => {
  test("site fractions are concentration over sites, per charge state and total", () => {
    const llzo = (findElectrolyte(set, "LLZO").fermiLevel as any).system as DefectSystem;
    const s = solveFermiLevel(llzo, -1.5);
    llzo.defects.forEach((d, i) => {
      expect(s.defects[i].siteFraction).toBe(s.defects[i].total / d.sites);
      for (const [q, c] of Object.entries(s.defects[i].charges)) expect(s.defects[i].siteFractions![q]).toBe(c / d.sites);
    });
    expect(s.fermiLevelClass).toBe("non-degenerate");
    expect(s.warnings).toEqual([]);
  });
  test("an overfitted LPS at its lower window edge: degenerate-n, the record does not declare it", () => {
    const lps = overfitLps(findElectrolyte(set, "LPS"));
    const s = solveFermiLevel((lps.fermiLevel as any).system, -lps.window.lower, { context: guardContextOf(lps, true) });
    expect(s.fermiLevelClass).toBe("degenerate-n");
    expect(s.fermiLevel).toBeGreaterThan(lps.bandGap);
    expect(s.warnings.map((w) => w.code)).toEqual(["fermi-level-degenerate"]);
    expect(s.warnings[0].message).toMatch(/^LPS: E_F = /);
  });
  test("the guards change no number", () => {
    const lipon = (findElectrolyte(set, "LiPON").fermiLevel as any).system as DefectSystem;
    const bare = solveFermiLevel(lipon, -4.5);
    const guarded = solveFermiLevel(lipon, -4.5, { context: { material: "LiPON", window: { lower: 0.68, upper: 2.64 } } });
    expect(guarded.fermiLevel).toBe(bare.fermiLevel);
    expect(guarded.defects.map((d) => d.total)).toEqual(bare.defects.map((d) => d.total));
    expect(guarded.warnings.length).toBeGreaterThan(bare.warnings.length);
  });
});

describe("sweepVoltage guards", () => {
  const lipon = findElectrolyte(set, "LiPON");
  const system = (lipon.fermiLevel as any).system as DefectSystem;
  test("LiPON at 4.5 V: V_Li and O_N far above their sites, outside the window", () => {
    const [point] = sweepVoltage(system, [4.5], { context: guardContextOf(lipon, true) });
    const codes = point.warnings.map((w) => w.code);
    expect(codes).toContain("voltage-outside-window");
    const above = point.warnings.filter((w) => w.code === "above-site-density").map((w) => w.message.match(/defect (\S+)/)![1]);
    expect(above.sort()).toEqual(point.defects.filter((d) => d.siteFraction! > 1).map((d) => d.name).sort());
    expect(above).toEqual(expect.arrayContaining(["V_Li", "O_N"]));
  });
  test("inside the window every point is clean; the summary counts points per condition", () => {
    const inside = sweepVoltage(system, linspace(lipon.window.lower, lipon.window.upper, 9), { context: guardContextOf(lipon, true) });
    expect(inside.flatMap((p) => p.warnings)).toEqual([]);
    const wide = sweepVoltage(system, linspace(0, 4.5, 10), { context: guardContextOf(lipon, true) });
    const summary = sweepWarnings(wide);
    const outside = wide.filter((p) => p.warnings.some((w) => w.code === "voltage-outside-window"));
    const entry = summary.find((w) => w.code === "voltage-outside-window")!;
    expect(entry.message).toContain(`and at ${outside.length - 1} more of ${wide.length} points`);
    // one summary line per code and defect
    expect(new Set(summary.map((w) => `${w.code} ${w.message.match(/defect (\S+)/)?.[1] ?? ""}`)).size).toBe(summary.length);
  });
});

describe("saturating occupancy", () => {
  test("matches the closed form of a saturating donor balanced by Boltzmann electrons", () => {
    // N A / (u + A) = B u with u = e^{E_F/kT}, A = e^{-E0/kT}, B = Nc e^{-Eg/kT}
    const sites = 1e22;
    const energy = -2;
    const system = donorSystem(energy, sites);
    const Nc = effectiveDensityOfStates(1, 300);
    // in units of e^{Eg/kT} so that nothing overflows: u' = u e^{-Eg/kT}, A' = A e^{-Eg/kT}
    const a = Math.exp(-(energy + system.bandGap) / kT);
    // the root of u^2 + a u - N a / Nc = 0 without cancelling (a^2 >> 4 N a / Nc here)
    const u = (2 * sites * a) / Nc / (a + Math.sqrt(a * a + (4 * sites * a) / Nc));
    const expected = system.bandGap + kT * Math.log(u);
    const s = solveFermiLevel(system, 0, { occupancy: "saturating" });
    expect(s.fermiLevel).toBeCloseTo(expected, 9);
    expect(s.defects[0].siteFraction).toBeLessThanOrEqual(1);
    // the dilute form overshoots: E_F = (Eg - E0)/2 + kT/2 ln(N/Nc), far above
    const dilute = solveFermiLevel(system, 0);
    expect(dilute.fermiLevel).toBeCloseTo((system.bandGap - energy) / 2 + (kT / 2) * Math.log(sites / Nc), 9);
    expect(dilute.defects[0].siteFraction).toBeGreaterThan(1);
    expect(dilute.warnings.map((w) => w.code)).toContain("above-site-density");
  });
  test("agrees with the dilute limit when concentrations are small (LLZO across its window)", () => {
    const llzo = (findElectrolyte(set, "LLZO").fermiLevel as any).system as DefectSystem;
    for (const v of [0.5, 1.5, 2.5]) {
      const a = solveFermiLevel(llzo, -v);
      const b = solveFermiLevel(llzo, -v, { occupancy: "saturating" });
      const largest = Math.max(...a.defects.map((d) => d.siteFraction!));
      expect(largest).toBeLessThan(1e-6);
      // first order in the site fraction: E_F shifts by about kT times it
      expect(Math.abs(b.fermiLevel - a.fermiLevel)).toBeLessThan(10 * kT * largest);
      b.defects.forEach((d, i) => expect(d.total / a.defects[i].total).toBeCloseTo(1, 5));
    }
  });
  test("stays robust and bounded where the dilute form explodes (LiPON 0-6 V, 50 K to 2000 K)", () => {
    const lipon = (findElectrolyte(set, "LiPON").fermiLevel as any).system as DefectSystem;
    for (const temperature of [50, 300, 2000]) {
      const compiled = compileSystem({ ...lipon, temperature }, { occupancy: "saturating" });
      for (const v of linspace(0, 6, 13)) {
        const s = solveFermiLevel(compiled, -v);
        expect(Number.isFinite(s.fermiLevel)).toBe(true);
        expect(s.residual).toBeLessThan(1e-6);
        for (const d of s.defects) expect(d.siteFraction!).toBeLessThanOrEqual(1 + 1e-12);
        expect(s.warnings.filter((w) => w.code === "above-site-density" || w.code === "dilute-limit")).toEqual([]);
      }
    }
  });
  test("E_F falls monotonically with voltage under saturation too", () => {
    const lipon = (findElectrolyte(set, "LiPON").fermiLevel as any).system as DefectSystem;
    const sweep = sweepVoltage(lipon, linspace(0, 6, 61), { occupancy: "saturating" });
    for (let i = 1; i < sweep.length; i++) expect(sweep[i].fermiLevel).toBeLessThanOrEqual(sweep[i - 1].fermiLevel + 1e-12);
  });
  test("an unknown occupancy is refused with its field", () => {
    expect(() => solveFermiLevel(donorSystem(-2), 0, { occupancy: "fermi" as any })).toThrow(/occupancy.*"fermi".*dilute/);
  });
});

describe("formatWarnings", () => {
  test("a 'warnings:' block with one line per message; nothing when there is none", () => {
    const w = [{ code: "dilute-limit" as const, message: "A" }, { code: "quench" as const, message: "B" }];
    expect(formatWarnings(w)).toBe("\nwarnings (2):\n  - A\n  - B");
    expect(formatWarnings([])).toBe("");
    expect(withWarnings("text", [])).toBe("text");
    expect(withWarnings("text", w).startsWith("text\n\nwarnings (2):")).toBe(true);
  });
  test("uniqueWarnings and summariseWarnings keep the first of equal messages", () => {
    const a = { code: "quench" as const, message: "same" };
    expect(uniqueWarnings([[a], [a, { ...a, message: "other" }]]).map((w) => w.message)).toEqual(["same", "other"]);
    expect(summariseWarnings([{ voltage: 1, warnings: [a] }, { voltage: 2, warnings: [a] }])[0].message).toBe("same [and at 1 more of 2 points, 1 to 2 V]");
  });
});
