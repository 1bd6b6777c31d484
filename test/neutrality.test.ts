import { describe, expect, test } from "vitest";
import { DefectSystem } from "../lib/src/defects/defects";
import { compileSystem, solveFermiLevel } from "../lib/src/defects/neutrality";
import { fermiLevelSlope, linspace, sweepVoltage } from "../lib/src/defects/sweep";
import { effectiveDensityOfStates } from "../lib/src/defects/carriers";
import { thermalEnergy } from "../lib/src/core/constants";
import { PotmapError } from "../lib/src/core/errors";

const sites = 3e22;
/** Li vacancies and interstitials only (Frenkel) — LLZO-like, Squires et al. 2020 energies. */
const frenkel: DefectSystem = {
  bandGap: 5.903,
  temperature: 300,
  carriers: { kind: "parabolic", electronMass: 1, holeMass: 1 },
  defects: [
    { name: "V_Li", sites, lithium: -1, chargeStates: [{ charge: 0, energy: 4.696 }, { charge: -1, energy: 5.184 }] },
    { name: "Li_i", sites, lithium: 1, chargeStates: [{ charge: 0, energy: 1.422 }, { charge: 1, energy: -4.164 }] },
  ],
};

/** A Li interstitial balanced by electrons (LPS-like). */
const interstitialElectrons: DefectSystem = {
  bandGap: 3,
  temperature: 300,
  carriers: { kind: "parabolic", electronMass: 0.5, holeMass: 2, statistics: "boltzmann" },
  defects: [{ name: "Li_i", sites, lithium: 1, chargeStates: [{ charge: 1, energy: -3 }] }],
};

describe("solveFermiLevel", () => {
  test("Frenkel balance: E_F where the two formation energies cross", () => {
    // 5.184 + E_F + mu = -4.164 - mu + E_F... at mu = 0: 5.184 - E_F = -4.164 + E_F -> E_F = 4.674
    const s = solveFermiLevel(frenkel, 0);
    expect(s.fermiLevel).toBeCloseTo(4.674, 9);
    expect(s.residual).toBeLessThan(1e-9);
    expect(s.defects[0].charges["-1"]).toBeCloseTo(s.defects[1].charges["1"], -8);
  });

  test("Frenkel balance gives dE_F/dV = -1 (flat phi)", () => {
    for (const v of [0.5, 1.5, 2.5]) expect(fermiLevelSlope(frenkel, v)).toBeCloseTo(-1, 6);
  });

  test("a Li defect balanced by electrons gives dE_F/dV = -1/2", () => {
    for (const v of [0.5, 1, 2]) expect(fermiLevelSlope(interstitialElectrons, v)).toBeCloseTo(-0.5, 6);
  });

  test("closed form for Li_i(+) vs electrons in the Boltzmann limit", () => {
    // N exp(-(E0 - mu + E_F)/kT) = Nc exp(-(Eg - E_F)/kT)  ->  2 E_F = Eg - E0 + mu + kT ln(N/Nc)
    const kT = thermalEnergy(300);
    const nc = effectiveDensityOfStates(0.5, 300);
    const mu = -1;
    const expected = (3 - -3 + mu + kT * Math.log(sites / nc)) / 2;
    expect(solveFermiLevel(interstitialElectrons, mu).fermiLevel).toBeCloseTo(expected, 9);
  });

  test("non-convergence of the root finder is an error, not a silent E_F", () => {
    const converged = solveFermiLevel(frenkel, 0);
    // the converged solve needs more than 1 Brent iteration, so a limit of 1 must be reported
    expect(converged.iterations).toBeGreaterThan(1);
    expect(() => solveFermiLevel(frenkel, 0, { maxIterations: 1 })).toThrow(PotmapError);
    expect(() => solveFermiLevel(frenkel, 0, { maxIterations: 1 })).toThrow(/charge neutrality did not converge: Brent's method stopped after 1 iterations/);
    // with the default limit the same E_F as before
    expect(solveFermiLevel(frenkel, 0, { maxIterations: 200 }).fermiLevel).toBe(converged.fermiLevel);
  });

  test("the neutrality residual stays below 1e-9 across a 1000-point voltage sweep", () => {
    const points = sweepVoltage(frenkel, linspace(0, 3, 1000));
    expect(Math.max(...points.map((p) => p.residual))).toBeLessThan(1e-9);
    const lps = sweepVoltage(interstitialElectrons, linspace(0, 3, 200));
    expect(Math.max(...lps.map((p) => p.residual))).toBeLessThan(1e-9);
  });

  test("a fixed acceptor dopant lowers E_F, a donor raises it", () => {
    const base = solveFermiLevel(frenkel, -1).fermiLevel;
    const acceptor = solveFermiLevel({ ...frenkel, dopants: [{ name: "A", charge: -1, concentration: 1e20 }] }, -1).fermiLevel;
    const donor = solveFermiLevel({ ...frenkel, dopants: [{ name: "D", charge: 1, concentration: 1e20 }] }, -1).fermiLevel;
    expect(acceptor).toBeLessThan(base);
    expect(donor).toBeGreaterThan(base);
  });

  test("a frozen defect keeps its total concentration", () => {
    const frozen: DefectSystem = {
      ...frenkel,
      defects: [...frenkel.defects, { name: "Ta_Zr", sites, frozenConcentration: 1e19, chargeStates: [{ charge: 1, energy: 0 }, { charge: 0, energy: 3 }] }],
    };
    const s = solveFermiLevel(frozen, -1);
    expect(s.defects[2].total).toBeCloseTo(1e19, -12);
    expect(s.residual).toBeLessThan(1e-9);
  });

  test("Fermi-Dirac and Boltzmann agree for a mid-gap Fermi level and differ when degenerate", () => {
    const fd = { ...interstitialElectrons, carriers: { ...interstitialElectrons.carriers, statistics: "fermi-dirac" as const } };
    expect(solveFermiLevel(fd, -1).fermiLevel).toBeCloseTo(solveFermiLevel(interstitialElectrons, -1).fermiLevel, 6);
    // a huge donor density pushes E_F into the conduction band: FD holds it lower (Pauli blocking)
    const heavy = (s: DefectSystem) => ({ ...s, dopants: [{ name: "D", charge: 1, concentration: 1e22 }] });
    expect(solveFermiLevel(heavy(fd), -1).fermiLevel).toBeGreaterThan(3);
    expect(solveFermiLevel(heavy(fd), -1).fermiLevel).toBeGreaterThan(solveFermiLevel(heavy(interstitialElectrons), -1).fermiLevel);
  });

  test("never overflows at extreme temperatures and energies", () => {
    for (const temperature of [1, 3000]) {
      const s = solveFermiLevel({ ...frenkel, temperature }, -2);
      expect(Number.isFinite(s.fermiLevel)).toBe(true);
      expect(s.residual).toBeLessThan(1e-6);
    }
    const extreme: DefectSystem = {
      ...frenkel,
      defects: [
        { name: "A", sites, chargeStates: [{ charge: -2, energy: 45 }] },
        { name: "D", sites, chargeStates: [{ charge: 3, energy: -48 }] },
      ],
    };
    const s = solveFermiLevel(extreme, 0);
    expect(Number.isFinite(s.fermiLevel)).toBe(true);
    expect(Number.isFinite(s.electrons) && Number.isFinite(s.holes)).toBe(true);
  });

  test("explains when neutrality has no root", () => {
    const onlyDonors: DefectSystem = { ...frenkel, carriers: { kind: "none" }, defects: [frenkel.defects[1]] };
    expect(() => solveFermiLevel(onlyDonors, 0)).toThrow(PotmapError);
    expect(() => solveFermiLevel(onlyDonors, 0)).toThrow(/no root: the net charge stays positive/);
  });

  test("rejects a non-finite chemical potential", () => {
    expect(() => solveFermiLevel(frenkel, NaN)).toThrow(/muLi/);
  });

  test("a compiled system gives the same answer as the plain one", () => {
    expect(solveFermiLevel(compileSystem(frenkel), -1.3).fermiLevel).toBe(solveFermiLevel(frenkel, -1.3).fermiLevel);
  });
});
