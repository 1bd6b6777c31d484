/**
 * The fast paths of issue 21 (speed) against the general ones: same numbers, bit for bit.
 *  - solveFermiLevelValue (E_F alone) against solveFermiLevel(...).fermiLevel, errors included;
 *  - describeSolution's concentrations built from precomputed keys against a plain rebuild of
 *    the same objects (key order, duplicate charge states, non-integer and negative charges).
 */
import { describe, expect, test } from "vitest";
import { compileSystem, describeSolution, logConcentrations, solveFermiLevel, solveFermiLevelValue } from "../lib/src/defects/neutrality";
import { DefectSystem } from "../lib/src/defects/defects";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { electrolyteSystem } from "../lib/src/cell/fermiLevel";
import { siteFraction } from "../lib/src/defects/guards";
import { readRawRecords } from "../lib/src/io/readRecords";
import { syntheticDataSet } from "../lib/src/whatif/synthetic";
import { electrolyteEvaluator, interfaceJumps } from "../lib/src/whatif/interfaceJumps";
import { screenJumpsOf } from "../lib/src/whatif/screenJumps";
import { orderedCathodeStates } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { potentialDictionary } from "../lib/src/cell/dictionary";
import { logFermiDiracHalf } from "../lib/src/numerics/fermiDirac";

const set = readDataSet(builtinMaterialsFolder());

const odd: DefectSystem = {
  bandGap: 4,
  temperature: 600,
  carriers: { kind: "parabolic", electronMass: 0.7, holeMass: 2 },
  defects: [
    { name: "X", sites: 1e22, lithium: 1, chargeStates: [{ charge: 2, energy: 2 }, { charge: -1, energy: 3 }, { charge: 0, energy: 2.5 }, { charge: 2, energy: 2.2, degeneracy: 2 }] },
    { name: "Y", sites: 5e21, lithium: -1, chargeStates: [{ charge: -0.5, energy: 1.5 }, { charge: 1, energy: 2.8 }] },
    { name: "Z", sites: 0, chargeStates: [{ charge: -1, energy: 1 }] },
  ],
};

/** The objects as the original loop built them: String(q) keys, (old ?? 0) + c, Object.entries. */
function plainDefects(system: DefectSystem, logC: Float64Array) {
  const compiled = compileSystem(system);
  const out = system.defects.map((d) => ({ name: d.name, total: 0, charges: {} as Record<string, number>, siteFraction: 0, siteFractions: {} as Record<string, number>, ...(d.frozenConcentration !== undefined ? { frozen: true } : {}) }));
  compiled.states.forEach((s, i) => {
    const c = Math.exp(logC[i]);
    const e = out[s.defect];
    e.charges[String(s.charge)] = (e.charges[String(s.charge)] ?? 0) + c;
    e.total += c;
  });
  out.forEach((e, d) => {
    for (const [q, c] of Object.entries(e.charges)) e.siteFractions[q] = siteFraction(c, system.defects[d].sites);
    e.siteFraction = siteFraction(e.total, system.defects[d].sites);
  });
  return out;
}

describe("fast paths equal the general ones", () => {
  const systems: [string, DefectSystem][] = [
    ["odd charges", odd],
    ...set.electrolytes.filter((e) => e.fermiLevel.rule === "defects").map((e) => [e.id, electrolyteSystem(e)] as [string, DefectSystem]),
  ];
  for (const [name, system] of systems) {
    test(`${name}: E_F alone and the concentrations' objects, over mu_Li`, () => {
      const compiled = compileSystem(system);
      for (const mu of [0, -0.7, -1.9, -3.3, -4.6]) {
        const full = solveFermiLevel(compiled, mu);
        expect(solveFermiLevelValue(compiled, mu)).toBe(full.fermiLevel);
        expect(solveFermiLevelValue(system, mu)).toBe(full.fermiLevel);
        const logC = logConcentrations(compiled, mu, full.fermiLevel);
        expect(JSON.stringify(full.defects)).toBe(JSON.stringify(plainDefects(system, logC)));
        const again = describeSolution(compiled, mu, full.fermiLevel, full.iterations, full.bracket);
        expect(JSON.stringify(again)).toBe(JSON.stringify(full));
      }
    });
  }

  test("errors are the same: no root, and a concentration beyond a double", () => {
    const noRoot: DefectSystem = { bandGap: 3, temperature: 300, carriers: { kind: "none" }, defects: [{ name: "D", sites: 1e22, chargeStates: [{ charge: 1, energy: 1 }] }] };
    expect(() => solveFermiLevel(noRoot, 0)).toThrow(/no root/);
    expect(() => solveFermiLevelValue(noRoot, 0)).toThrow(/no root/);
    const cold: DefectSystem = {
      bandGap: 3, temperature: 1, carriers: { kind: "parabolic", electronMass: 1, holeMass: 1 },
      defects: [{ name: "D", sites: 1e22, lithium: 1, chargeStates: [{ charge: 1, energy: -1 }] }, { name: "A", sites: 1e22, chargeStates: [{ charge: -1, energy: -1 }] }],
    };
    let full = "";
    let fast = "";
    try { solveFermiLevel(cold, 0); } catch (e) { full = String(e); }
    try { solveFermiLevelValue(cold, 0); } catch (e) { fast = String(e); }
    expect(full).toMatch(/a concentration overflows: defect D/);
    expect(fast).toBe(full);
  });
});

describe("screening's lean jumps equal interfaceJumps", () => {
  test("every configuration of the built-in set and 60 synthetic electrolytes, bit for bit, warnings and errors included", () => {
    const { records } = readRawRecords(builtinMaterialsFolder());
    const synthetic = syntheticDataSet(records, { electrolytes: 60, seed: 7 });
    let compared = 0;
    let errors = 0;
    let warned = 0;
    for (const data of [set, synthetic]) {
      for (const electrolyte of data.electrolytes) {
        const lean = screenJumpsOf(electrolyteEvaluator(electrolyte));
        const general = electrolyteEvaluator(electrolyte);
        for (const anode of data.anodes) {
          for (const state of orderedCathodeStates(data)) {
            let a: unknown;
            let b: unknown;
            try { a = interfaceJumps(anode, general, state); } catch (e) { a = String(e); }
            try { b = lean(anode, state); } catch (e) { b = String(e); }
            if (typeof a === "string") {
              errors++;
              expect(b).toBe(a);
              continue;
            }
            const j = a as ReturnType<typeof interfaceJumps>;
            const k = b as ReturnType<ReturnType<typeof screenJumpsOf>>;
            expect([k.ocv, k.dphiAnode, k.dphiCathode, k.reducedByAnode, k.electronLeakageRisk, k.oxidizedByCathode]).toEqual([j.ocv, j.dphiAnode, j.dphiCathode, j.reducedByAnode, j.electronLeakageRisk, j.oxidizedByCathode]);
            expect(Object.is(k.dphiCathode, j.dphiCathode)).toBe(true);
            expect(k.warnings.map((w) => w.message)).toEqual(j.warnings.map((w) => w.message));
            if (j.warnings.length) warned++;
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    // the comparison covered configurations with warnings too (degenerate E_F in perturbed electrolytes)
    expect(warned).toBeGreaterThan(0);
  });
});

describe("maps: profile points from the root-only solver, remembered Fermi-Dirac quadratures", () => {
  test("a map's profile equals E_F solved in full at each point", () => {
    const lps = set.electrolytes.find((e) => e.id === "LPS")!;
    const state = orderedCathodeStates(set).find((s) => s.id === "LCO" && s.soc === "0%")!;
    const map = potentialMap(set.anodes[0], lps, state, { points: 31 });
    const compiled = compileSystem(electrolyteSystem(lps));
    map.profile.muLi.forEach((mu, i) => {
      if (map.profile.region[i] !== "electrolyte") return;
      const f = solveFermiLevel(compiled, mu).fermiLevel;
      expect(map.profile.vbm[i]).toBe(mu - f);
    });
  });

  test("the dictionary is the same computed twice (memo warm) and logF_1/2 is the same remembered or not", () => {
    expect(JSON.stringify(potentialDictionary(set))).toBe(JSON.stringify(potentialDictionary(set)));
    for (const eta of [-0.99, 0, 3.3, 19.3, 79.9]) expect(logFermiDiracHalf(eta)).toBe(logFermiDiracHalf(eta));
  });
});
