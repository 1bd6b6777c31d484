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
