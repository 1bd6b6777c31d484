/**
 * The public API of `potmap` (issue 24): no course helper in it (those are `potmap/course`);
 * every runtime export used by a test, notebook or script; the exports nothing else exercised,
 * checked here against hand physics (formation energies and concentrations, eq. S-1;
 * transition levels; eqs. 3-5; the guards' thresholds), and the course's display labels.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import * as potmap from "../lib/src/index";
import * as course from "../lib/src/course/index";

const root = path.resolve(__dirname, "..");
const set = potmap.readDataSet(potmap.builtinMaterialsFolder());
const kT = (T: number) => 8.617333262e-5 * T; // CODATA 2018 Boltzmann constant, eV/K

describe("the entries", () => {
  test("index.ts exports no course helper and imports nothing from course/", () => {
    const shared = Object.keys(course).filter((k) => k in potmap);
    expect(shared).toEqual([]);
    expect(fs.readFileSync(path.join(root, "lib/src/index.ts"), "utf8")).not.toMatch(/from "\.\/course\//);
    expect(Object.keys(course)).toEqual(expect.arrayContaining(["checkExercise", "table1Wide", "jumpRow", "withLabels", "resistanceObservations"]));
  });

  test("every runtime export of potmap is used by a test, notebook or script (grep of test/, notebooks/, scripts/)", () => {
    const files = ["test", "notebooks", "scripts"].flatMap((d) =>
      execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", d], { cwd: root, encoding: "utf8" }).split("\n").filter((f) => /\.(ts|mjs|ipynb)$/.test(f)),
    );
    const text = files.map((f) => fs.readFileSync(path.join(root, f), "utf8")).join("\n");
    const unused = Object.keys(potmap).filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
    expect(unused).toEqual([]);
  });
});

describe("exports checked here against hand physics", () => {
  test("cathodeWorkFunction: IP - E_F of a cathode state (eV); electronAffinity: IP - gap - scissor", () => {
    const lco = potmap.findCathodeState(set, "LCO", "0%");
    expect(potmap.cathodeWorkFunction(lco)).toBeCloseTo(lco.ionizationPotential - lco.fermiLevel, 12);
    const lps = potmap.findElectrolyte(set, "LPS");
    expect(potmap.electronAffinity(lps)).toBeCloseTo(lps.ionizationPotential - lps.bandGap - (lps.scissor ?? 0), 12);
  });

  test("conductionCriterion names the threshold electronicRatioLimit; defaultFilmThickness is 1 um (in m)", () => {
    expect(potmap.conductionCriterion).toContain(String(potmap.electronicRatioLimit));
    expect(potmap.defaultFilmThickness).toBe(1e-6);
  });

  test("spaceChargeFromRecord: at the Li contact phi0 is dphi_a of the map and the pair sits at one density (eq. 6)", () => {
    const li = potmap.findAnode(set, "Li");
    const llzo = potmap.findElectrolyte(set, "LLZO");
    const r = potmap.spaceChargeFromRecord(li, llzo, { voltage: 0 });
    const map = potmap.potentialMap(li, llzo, potmap.findCathodeState(set, "LCO", "0%"));
    expect(r.derivation.voltage).toBe(0);
    expect(Math.abs(r.params.phi0)).toBeCloseTo(Math.abs(map.dphiAnode), 3);
    expect(r.derivation.positive.concentration / r.derivation.negative.concentration).toBeCloseTo(1, 2);
  });

  const vacancy: potmap.Defect = { name: "V_Li", sites: 4e22, lithium: -1, chargeStates: [{ charge: -1, energy: 2.0 }, { charge: 0, energy: 1.5, degeneracy: 2 }] };

  test("formationEnergy: E0 - dN_Li mu_Li - sum dN_s mu_s + q E_F (eV), with tied potentials", () => {
    expect(potmap.formationEnergy(vacancy, vacancy.chargeStates[0], -0.5, 2)).toBeCloseTo(2.0 - 0.5 - 2, 12);
    const antisite: potmap.Defect = { name: "N_O", sites: 1e22, species: { N: 1, O: -1 }, chargeStates: [{ charge: -1, energy: 3 }] };
    const potentials = { N: { intercept: -1, slope: 0.5 }, O: { intercept: -2, slope: 0 } };
    const mu = -1.2;
    const muN = -1 + 0.5 * mu;
    const muO = -2;
    expect(potmap.formationEnergy(antisite, antisite.chargeStates[0], mu, 1.5, potentials)).toBeCloseTo(3 - (1 * muN - 1 * muO) - 1.5, 12);
    expect(() => potmap.formationEnergy(antisite, antisite.chargeStates[0], mu, 1.5)).toThrow(potmap.PotmapError);
  });

  test("defectConcentration: N_sites g exp(-E_f/kT) in cm^-3 (eq. S-1); thermalEnergy and roomTemperature agree", () => {
    // the neutral vacancy at mu_Li = -0.2 eV: E_f = 1.5 - 0.2 = 1.3 eV, whatever E_F
    const c = potmap.defectConcentration(vacancy, vacancy.chargeStates[1], -0.2, 3, potmap.roomTemperature);
    expect(c / (4e22 * 2 * Math.exp(-1.3 / kT(300)))).toBeCloseTo(1, 8);
    expect(potmap.roomTemperature).toBe(300);
    expect(potmap.thermalEnergy(potmap.roomTemperature)).toBeCloseTo(kT(300), 12);
    expect(potmap.defectConcentration(vacancy, vacancy.chargeStates[0], 0, -1e3, 300)).toBe(4e22 * Math.exp(-1001 / kT(300)));
  });

  test("transitionLevel: the E_F (eV above the VBM) at which two charge states have equal energy", () => {
    // E0(-1) - E_F = E0(0): E_F = 2.0 - 1.5 = 0.5 eV (an acceptor level in the gap)
    const level = potmap.transitionLevel(vacancy, -1, 0);
    expect(level).toBeCloseTo(0.5, 12);
    const [a, b] = vacancy.chargeStates.map((s) => potmap.formationEnergy(vacancy, s, -0.7, level));
    expect(a).toBeCloseTo(b, 12);
    expect(() => potmap.transitionLevel(vacancy, -1, -1)).toThrow(/distinct charge states/);
    expect(() => potmap.transitionLevel(vacancy, -1, 2)).toThrow(potmap.PotmapError);
  });

  test("describeSolution: at the root it is the solution; 0.1 eV off, concentrations scale by exp(q 0.1/kT) and the residual grows", () => {
    const llzo = potmap.findElectrolyte(set, "LLZO");
    const system = potmap.electrolyteSystem(llzo);
    const compiled = potmap.compileSystem(system);
    const solved = potmap.solveFermiLevel(compiled, -1);
    const at = potmap.describeSolution(compiled, -1, solved.fermiLevel);
    expect(at.defects.map((d) => d.total / solved.defects.find((s) => s.name === d.name)!.total)).toEqual(at.defects.map(() => expect.closeTo(1, 9)));
    const off = potmap.describeSolution(compiled, -1, solved.fermiLevel + 0.1);
    const name = "V_Li";
    const q = -1;
    expect(off.defects.find((d) => d.name === name)!.charges[String(q)] / at.defects.find((d) => d.name === name)!.charges[String(q)]).toBeCloseTo(Math.exp((-q * 0.1) / kT(system.temperature)), 6);
    expect(off.residual).toBeGreaterThan(0.9);
    expect(at.residual).toBeLessThan(1e-6);
  });

  test("eqs. 4-5: valenceBandMaximum = mu - E_F and vacuumLevel = psi_a - e phi, so vacuum - IP = VBM", () => {
    for (const [ef, ip, psi, mu] of [[1.2, 5.9, 2.93, -0.4], [4.0, 6.5, 2.9, -3.1], [0, 3, 7, 0]]) {
      const phi = potmap.electrostaticPotential(ef, ip, psi, mu);
      expect(potmap.vacuumLevel(psi, phi) - ip).toBeCloseTo(potmap.valenceBandMaximum(mu, ef), 12);
    }
    expect(potmap.valenceBandMaximum(-1, 2)).toBe(-3);
  });

  test("eq. 3: openCircuitVoltage (V) from total energies equals reactionVoltage from the same phase entries", () => {
    // formation energies per atom (Li metal at 0): LiCoO2 -5 x 4 atoms, CoO2 -5 x 3 atoms
    const entries = potmap.parsePhaseEntries("formula,formation_energy_per_atom\nLi,0\nCo,0\nO,0\nLiCoO2,-5\nCoO2,-5\n", "toy.csv");
    const ocv = potmap.openCircuitVoltage({ lithium: 1, energy: -20 }, { lithium: 0, energy: -15 }, 0);
    expect(ocv).toBeCloseTo(5, 12);
    expect(potmap.reactionVoltage(entries, "LiCoO2", ["CoO2"])).toBeCloseTo(ocv, 12);
    expect(() => potmap.openCircuitVoltage({ lithium: 0, energy: -15 }, { lithium: 1, energy: -20 }, 0)).toThrow(potmap.PotmapError);
  });

  test("guards' thresholds: edgeMargin (kT), diluteLimit (site fraction), leakageThreshold (eV)", () => {
    const margin = potmap.edgeMargin * kT(300);
    expect(potmap.classifyFermiLevel(margin * 1.01, 5, 300)).toBe("non-degenerate");
    expect(potmap.classifyFermiLevel(margin * 0.99, 5, 300)).toBe("near-VBM");
    expect(potmap.siteFraction(potmap.diluteLimit * 1e22, 1e22)).toBeCloseTo(potmap.diluteLimit, 12);
    const li = potmap.findAnode(set, "Li");
    const lco = potmap.findCathodeState(set, "LCO", "0%");
    for (const e of set.electrolytes) {
      const m = potmap.potentialMap(li, e, lco, { withoutProfile: true });
      // a CBM below the Li Fermi level is reduction (reducedByAnode), not tunnelling
      expect(m.stability.electronLeakageRisk, e.id).toBe(m.stability.cbmAboveAnodeFermi >= 0 && m.stability.cbmAboveAnodeFermi < potmap.leakageThreshold);
    }
  });

  test("ranges and checks: requireNonNegative, inPhysicalRange, rangeText, parseJsonText", () => {
    expect(potmap.requireNonNegative(0, { field: "x" })).toBe(0);
    expect(() => potmap.requireNonNegative(-1e-300, { file: "f.json", field: "x" }, "cm^-3")).toThrow(/f\.json.*x/);
    expect(() => potmap.requireNonNegative(Number.NaN, { field: "x" })).toThrow(potmap.PotmapError);
    expect(potmap.inPhysicalRange(0, "siteDensity")).toBe(false);
    expect(potmap.inPhysicalRange(0, "concentration")).toBe(true);
    expect(potmap.inPhysicalRange(Number.POSITIVE_INFINITY, "concentration")).toBe(false);
    expect(potmap.rangeText("siteDensity")).toBe("above 0 and at most 2e+23 cm^-3");
    expect(potmap.rangeText("ionizationPotential")).toBe("3 to 9 eV");
    expect(() => potmap.parseJsonText('{"a": 1, "a": 2}', "r.json")).toThrow(/r\.json.*"a" appears twice/);
    expect(potmap.parseJsonText("\uFEFF[1]", "r.json")).toEqual([1]);
  });

  test("readMergedDataSet: a record with a built-in id replaces it and is reported", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-api-"));
    try {
      const record = JSON.parse(fs.readFileSync(path.join(root, "data/materials/LLZO.json"), "utf8"));
      record.ionizationPotential.value = 6.1;
      fs.writeFileSync(path.join(dir, "llzo.json"), JSON.stringify(record));
      const { set: merged, replaced } = potmap.readMergedDataSet([dir], { baseFolder: potmap.builtinMaterialsFolder() });
      expect(merged.electrolytes).toHaveLength(set.electrolytes.length);
      expect(potmap.findElectrolyte(merged, "LLZO").ionizationPotential).toBe(6.1);
      expect(replaced.map((r) => r.id)).toEqual(["LLZO"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("screenJson: the screening document round-trips through JSON with every row", () => {
    const result = potmap.screenMaterials(potmap.builtinMaterialsFolder());
    const doc = JSON.parse(JSON.stringify(potmap.screenJson(result))) as { rows: unknown[]; pairs: { electrolyte: string }[] };
    expect(doc.rows).toHaveLength(result.rows.length);
    expect(doc.pairs[0].electrolyte).toBe(result.pairs[0].electrolyte);
  });

  test("defaultUncertainties: what monteCarlo uses when given no map (same seed, same numbers)", () => {
    const a = potmap.monteCarlo(potmap.builtinMaterialsFolder(), { samples: 4, seed: 3 });
    const b = potmap.monteCarlo(potmap.builtinMaterialsFolder(), { samples: 4, seed: 3, defaults: potmap.defaultUncertainties });
    expect(a.configurations.map((c) => c.pBarrierless)).toEqual(b.configurations.map((c) => c.pBarrierless));
    const c = potmap.monteCarlo(potmap.builtinMaterialsFolder(), { samples: 4, seed: 3, defaults: { ionizationPotential: 0.5, defectEnergy: 0.5 } });
    expect(c.ranking.map((r) => r.worst.p50)).not.toEqual(a.ranking.map((r) => r.worst.p50));
  });

  test("resistanceCategories order the category means (lowest resistance first)", () => {
    const points = potmap.resistanceCategories.map((category, i) => ({ category, absDphi: i / 10 }));
    expect(potmap.experimentCategoryMeans(points).means.map((m) => m.category)).toEqual([...potmap.resistanceCategories]);
    expect(potmap.experimentCategoryMeans(points).rising).toBe(true);
  });
});

describe("potmap/course labels", () => {
  test("columnLabel: plain keys to display labels, qualifiers in brackets, unknown keys unchanged", () => {
    expect(course.columnLabel("dphiCathode")).toBe("$\\Delta\\phi_c$ (V)");
    expect(course.columnLabel("dphiCathode[LCO 0%]")).toBe("$\\Delta\\phi_c$ LCO 0% (V)");
    expect(course.columnLabel("reducedByAnode")).toBe("CBM below Li E_F (band alignment)");
    expect(course.columnLabel("somethingElse")).toBe("somethingElse");
    expect(course.columnLabel("")).toBe("");
  });

  test("jumpRow's fields are plain names with a label each, and withLabels keeps the values", () => {
    const li = potmap.findAnode(set, "Li");
    const row = course.jumpRow(li, potmap.findElectrolyte(set, "LLZO"), potmap.findCathodeState(set, "LCO", "0%"));
    for (const key of Object.keys(row)) expect(course.columnLabels[key], key).toBeDefined();
    const [labelled] = course.withLabels([row]);
    expect(labelled["$\\Delta\\phi_c$ (V)"]).toBe(row.dphiCathode);
    expect(Object.keys(labelled)).toHaveLength(Object.keys(row).length);
  });
});
