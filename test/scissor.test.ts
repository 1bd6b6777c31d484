import { describe, expect, test } from "vitest";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { electrolyteFermiLevel, electrolyteSystem, fermiLevelFunction } from "../lib/src/cell/fermiLevel";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { Electrolyte } from "../lib/src/cell/materials";
import { effectiveDensityOfStates, carrierFunction } from "../lib/src/defects/carriers";
import { solveFermiLevel } from "../lib/src/defects/neutrality";
import { thermalEnergy } from "../lib/src/core/constants";
import { PotmapError } from "../lib/src/core/errors";

const set = readDataSet(builtinMaterialsFolder());
const anode = findAnode(set, "Li");
const lps = findElectrolyte(set, "LPS");
const llzo = findElectrolyte(set, "LLZO");
const lco = findCathodeState(set, "LCO", "0%");
const scissored = (e: Electrolyte, scissor: number): Electrolyte => ({ ...e, scissor });

describe("fermiLevelFunction with a scissor", () => {
  test("LPS (Li_i balanced by electrons): +1 eV moves E_F by about +1/2 eV over the window", () => {
    const before = electrolyteFermiLevel(lps);
    const after = electrolyteFermiLevel(scissored(lps, 1));
    for (const voltage of [lps.window.lower, (lps.window.lower + lps.window.upper) / 2, lps.window.upper]) {
      const shift = after(-voltage) - before(-voltage);
      // Boltzmann electrons give exactly 1/2; degenerate ones (E_F near the CBM) a little less
      expect(shift).toBeGreaterThan(0.4);
      expect(shift).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });

  test("Boltzmann Li_i(+) vs electrons: E_F = (E_c - E0 + mu + kT ln(N g / N_c)) / 2, E_c = gap + scissor", () => {
    // an independent closed-form re-solve of neutrality in the Boltzmann limit:
    // N g exp(-(E0 - mu + E_F)/kT) = N_c exp((E_F - E_c)/kT)
    const system = electrolyteSystem(lps);
    const boltzmann = { ...system, carriers: { kind: "parabolic" as const, electronMass: 1, holeMass: 1, statistics: "boltzmann" as const }, defects: system.defects.filter((d) => d.name === "Li_i") };
    const li = boltzmann.defects[0];
    const E0 = li.chargeStates[0].energy;
    const kT = thermalEnergy(system.temperature);
    const Nc = effectiveDensityOfStates(1, system.temperature);
    for (const scissor of [0, 0.5, 1]) {
      for (const mu of [-1.74, -2.32]) {
        const Ec = system.bandGap + scissor;
        const expected = (Ec - E0 + mu + kT * Math.log((li.sites * (li.chargeStates[0].degeneracy ?? 1)) / Nc)) / 2;
        expect(solveFermiLevel({ ...boltzmann, scissor }, mu).fermiLevel).toBeCloseTo(expected, 8);
      }
    }
  });

  test("LLZO (V_Li balanced by Li_i): the scissor changes neither E_F nor the jumps", () => {
    const before = electrolyteFermiLevel(llzo);
    const after = electrolyteFermiLevel(scissored(llzo, 1));
    for (const voltage of [0, 1.5, 2.91]) expect(Math.abs(after(-voltage) - before(-voltage))).toBeLessThan(1e-6);
    const a = potentialMap(anode, llzo, lco, { withoutProfile: true });
    const b = potentialMap(anode, scissored(llzo, 1), lco, { withoutProfile: true });
    expect(Math.abs(b.dphiAnode - a.dphiAnode)).toBeLessThan(1e-6);
    expect(Math.abs(b.dphiCathode - a.dphiCathode)).toBeLessThan(1e-6);
    // the drawn CBM does move
    expect(b.stability.cbmAboveAnodeFermi - a.stability.cbmAboveAnodeFermi).toBeCloseTo(1, 6);
  });

  test("a negative scissor that closes the gap fails with one clear error", () => {
    expect(() => fermiLevelFunction(lps.fermiLevel, undefined, -10)).toThrow(PotmapError);
  });
});

describe("potentialMap with a scissor", () => {
  test("LPS: both jumps move with E_F (eq. 5: e phi = E_F - IP + psi_a - mu)", () => {
    const a = potentialMap(anode, lps, lco, { withoutProfile: true });
    const b = potentialMap(anode, scissored(lps, 1), lco, { withoutProfile: true });
    const shiftAnode = b.fermiLevelAnodeSide - a.fermiLevelAnodeSide;
    const shiftCathode = b.fermiLevelCathodeSide - a.fermiLevelCathodeSide;
    expect(shiftAnode).toBeGreaterThan(0.4);
    expect(b.dphiAnode - a.dphiAnode).toBeCloseTo(shiftAnode, 9);
    expect(b.dphiCathode - a.dphiCathode).toBeCloseTo(-shiftCathode, 9);
    console.log(`LPS +1 eV scissor: E_F shift ${shiftAnode.toFixed(4)} (anode side), ${shiftCathode.toFixed(4)} (cathode side); dphi_a ${a.dphiAnode.toFixed(3)} -> ${b.dphiAnode.toFixed(3)}, dphi_c ${a.dphiCathode.toFixed(3)} -> ${b.dphiCathode.toFixed(3)}`);
  });
});

describe("carrierFunction with a scissor", () => {
  test("tabulated DOS: the conduction branch moves by the scissor, the valence branch stays", () => {
    const energies = [-1, -0.5, 0, 1, 2, 2.5, 3];
    const dos = [1, 1, 1, 0, 0, 1, 1];
    const carriers = { kind: "dos" as const, energies, dos, electrons: 2, volume: 100 };
    const plain = carrierFunction(carriers, 2, 300);
    const shifted = carrierFunction(carriers, 2, 300, 0.7);
    expect(shifted(1.2).logHoles).toBeCloseTo(plain(1.2).logHoles, 12);
    // electrons at E_F + 0.7 with the scissor equal those at E_F without
    expect(shifted(1.9).logElectrons).toBeCloseTo(plain(1.2).logElectrons, 9);
  });
});
