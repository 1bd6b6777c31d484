import { describe, expect, test } from "vitest";
import { electrolyteWarnings, parseDopant, parseDopants, quenchDefects, quenchDefectsWithSolution, quenchElectrolyte, withDopant, withDopants } from "../lib/src/whatif/doping";
import { linspace } from "../lib/src/defects/sweep";
import { thermalEnergy } from "../lib/src/core/constants";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { PotmapError } from "../lib/src/core/errors";
import { Anode, CathodeState, Electrolyte } from "../lib/src/cell/materials";
import { DefectSystem } from "../lib/src/defects/defects";
import { solveFermiLevel } from "../lib/src/defects/neutrality";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { fermiLevelSlope } from "../lib/src/defects/sweep";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const lco0 = findCathodeState(set, "LCO", "0%");

// A Frenkel pair with formation energy 0.35 eV per defect at its own E_F = 4 + mu:
// c0 = N exp(-0.35 / kT), no carriers, so donors are compensated by V_Li only.
const N = 1e22;
const frenkel: DefectSystem = {
  bandGap: 6,
  temperature: 300,
  carriers: { kind: "none" },
  defects: [
    { name: "V_Li", sites: N, lithium: -1, chargeStates: [{ charge: -1, energy: 4.35 }] },
    { name: "Li_i", sites: N, lithium: 1, chargeStates: [{ charge: 1, energy: -3.65 }] },
  ],
};
const handMade: Electrolyte = {
  role: "electrolyte",
  id: "SE",
  name: "hand-made Frenkel electrolyte",
  bandGap: 6,
  ionizationPotential: 6,
  window: { lower: 0.5, upper: 3 },
  fermiLevel: { rule: "defects", system: frenkel },
};
const anode: Anode = { role: "anode", id: "Li", name: "Li", workFunction: 3 };
const cathode: CathodeState = { role: "cathode", id: "C", name: "C", soc: "0%", bandGap: 2, ionizationPotential: 5, fermiLevel: 0, ocv: 4 };

describe("withDopant", () => {
  const kT = thermalEnergy(300);
  const c0 = N * Math.exp(-0.35 / kT);

  test("a donor D in a Frenkel-balanced electrolyte raises E_F by kT asinh(D / 2c0) at every mu_Li", () => {
    // neutrality: c0 e^{-x} + D = c0 e^{x}  =>  x = asinh(D / 2c0), x = dE_F / kT
    const D = 1e18;
    const expected = kT * Math.asinh(D / (2 * c0));
    expect(expected).toBeGreaterThan(0.1); // the check is not trivially small
    const doped = withDopant(handMade, { name: "D", charge: 1, concentration: D });
    for (const mu of [-0.5, -1.5, -3]) {
      const before = solveFermiLevel(frenkel, mu).fermiLevel;
      const after = solveFermiLevel((doped.fermiLevel as any).system, mu).fermiLevel;
      expect(before).toBeCloseTo(4 + mu, 9);
      expect(after - before).toBeCloseTo(expected, 8);
    }
  });

  test("an acceptor lowers E_F by the same amount, and a charge of 2 counts twice", () => {
    const D = 3e17;
    const acceptor = withDopant(handMade, { name: "A", charge: -1, concentration: D });
    const shift = solveFermiLevel((acceptor.fermiLevel as any).system, -1).fermiLevel - solveFermiLevel(frenkel, -1).fermiLevel;
    expect(shift).toBeCloseTo(-kT * Math.asinh(D / (2 * c0)), 8);
    const double = withDopant(handMade, { name: "Al_Li", charge: 2, concentration: D });
    const shift2 = solveFermiLevel((double.fermiLevel as any).system, -1).fermiLevel - solveFermiLevel(frenkel, -1).fermiLevel;
    expect(shift2).toBeCloseTo(kT * Math.asinh((2 * D) / (2 * c0)), 8);
  });

  test("both jumps move by the E_F shift, in opposite directions (eqs. 5-7), and phi stays flat", () => {
    const D = 1e18;
    const shift = kT * Math.asinh(D / (2 * c0));
    const before = potentialMap(anode, handMade, cathode, { withoutProfile: true });
    const after = potentialMap(anode, withDopant(handMade, { name: "D", charge: 1, concentration: D }), cathode, { withoutProfile: true });
    expect(after.dphiAnode - before.dphiAnode).toBeCloseTo(shift, 8);
    expect(after.dphiCathode - before.dphiCathode).toBeCloseTo(-shift, 8);
    expect(after.phiElectrolyteCathodeSide - after.phiElectrolyteAnodeSide).toBeCloseTo(0, 8);
  });

  test("Ta_Zr(+1) in the shipped LLZO: D = 2 c0 sinh(dE_F / kT) with c0 the undoped [V_Li-]", () => {
    const llzo = findElectrolyte(set, "LLZO");
    const system = (llzo.fermiLevel as any).system as DefectSystem;
    const D = 2.2e21; // Li6.4La3Zr1.4Ta0.6O12-like, see notebook 07c
    const undoped = solveFermiLevel(system, 0);
    const c0 = undoped.defects.find((d) => d.name === "V_Li")!.charges["-1"];
    const doped = solveFermiLevel((withDopant(llzo, { name: "Ta_Zr", charge: 1, concentration: D }).fermiLevel as any).system, 0);
    const shift = doped.fermiLevel - undoped.fermiLevel;
    expect(shift).toBeCloseTo(kT * Math.asinh(D / (2 * c0)), 6);
    expect(shift).toBeGreaterThan(0.4);
    // the compensating defect is the Li vacancy: [V_Li-] ~ D
    expect(doped.defects.find((d) => d.name === "V_Li")!.charges["-1"] / D).toBeCloseTo(1, 6);
    const m0 = potentialMap(li, llzo, lco0, { withoutProfile: true });
    const m1 = potentialMap(li, withDopant(llzo, { name: "Ta_Zr", charge: 1, concentration: D }), lco0, { withoutProfile: true });
    expect(m1.dphiAnode - m0.dphiAnode).toBeCloseTo(shift, 6);
    expect(m1.dphiCathode - m0.dphiCathode).toBeCloseTo(-shift, 6);
  });

  test("a dopant of the same name is replaced, not added; the input is not modified", () => {
    const once = withDopant(handMade, { name: "D", charge: 1, concentration: 1e18 });
    const twice = withDopant(once, { name: "D", charge: 1, concentration: 1e18 });
    expect((twice.fermiLevel as any).system.dopants).toHaveLength(1);
    expect(frenkel.dopants).toBeUndefined();
    expect(withDopants(handMade, [{ name: "D", charge: 1, concentration: 1e18 }, { name: "A", charge: -1, concentration: 1e18 }]).name).toMatch(/D\(\+1\).*A\(-1\)/);
  });

  test.each([
    [{ name: "", charge: 1, concentration: 1 }, /dopants\[0\].name/],
    [{ name: "X", charge: 0, concentration: 1 }, /non-zero/],
    [{ name: "X", charge: 1, concentration: -1 }, /concentration/],
    [{ name: "X", charge: 1, concentration: NaN }, /concentration/],
  ])("refuses a bad dopant %j", (dopant, message) => {
    expect(() => withDopant(handMade, dopant as any)).toThrow(message);
  });

  test("refuses an electrolyte with a fixed Fermi level", () => {
    expect(() => withDopant({ ...handMade, fermiLevel: { rule: "fixed", value: 3 } }, { name: "X", charge: 1, concentration: 1 })).toThrow(/fixed Fermi level/);
  });
});

describe("parseDopant", () => {
  test("NAME:CHARGE:CONCENTRATION", () => {
    expect(parseDopant("Ta_Zr:+1:4e20")).toEqual({ name: "Ta_Zr", charge: 1, concentration: 4e20 });
    expect(parseDopants("Ta_Zr:+1:4e20, Al_Li:2:1e19")).toEqual([
      { name: "Ta_Zr", charge: 1, concentration: 4e20 },
      { name: "Al_Li", charge: 2, concentration: 1e19 },
    ]);
  });

  test.each(["Ta_Zr:+1", "Ta_Zr:0:1e20", "Ta_Zr:one:1e20", "Ta_Zr:+1:-1e20", "Ta_Zr:+1:1e999", ":+1:1e20"])("refuses %s naming the flag and value", (text) => {
    let error: unknown;
    try {
      parseDopant(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PotmapError);
    expect((error as Error).message).toContain(`field "--dopant", value "${text}"`);
  });

  test("refuses a dopant named twice", () => {
    expect(() => parseDopants("A:+1:1e18,A:-1:1e18")).toThrow(/twice/);
  });
});

describe("quenchDefects", () => {
  const lipon = findElectrolyte(set, "LiPON");
  const system = (lipon.fermiLevel as any).system as DefectSystem;

  test("quenched at the operating temperature and at mu_Li, the solution there is the unquenched one", () => {
    const quenched = quenchDefects(system, { processingTemperature: system.temperature, muLi: -1 });
    expect(solveFermiLevel(quenched, -1).fermiLevel).toBeCloseTo(solveFermiLevel(system, -1).fermiLevel, 9);
    // ... but not at another mu_Li: the frozen antisites no longer follow it
    expect(Math.abs(solveFermiLevel(quenched, -2.5).fermiLevel - solveFermiLevel(system, -2.5).fermiLevel)).toBeGreaterThan(0.3);
  });

  test("by default only defects that exchange no Li are frozen; Li_i / V_Li then give slope -1 (flat phi)", () => {
    const { system: quenched, frozen, warnings } = quenchDefectsWithSolution(system, { processingTemperature: 900, muLi: -1 });
    expect(frozen.map((f) => f.name).sort()).toEqual(["N_O", "O_N"]);
    expect(warnings).toEqual([]);
    expect(fermiLevelSlope(system, 2.2)).toBeCloseTo(-0.5, 3);
    expect(fermiLevelSlope(quenched, 2.2)).toBeCloseTo(-1, 3);
  });

  test("frozen single-charge-state defects act exactly as fixed dopants of their frozen totals", () => {
    const { system: quenched, frozen } = quenchDefectsWithSolution(system, { processingTemperature: 900, muLi: -1 });
    const asDopants: DefectSystem = {
      ...system,
      defects: system.defects.filter((d) => d.name === "Li_i" || d.name === "V_Li"),
      dopants: frozen.map((f) => ({ name: f.name, charge: f.name === "N_O" ? -1 : 1, concentration: f.concentration })),
    };
    for (const mu of [-0.7, -1.5, -2.6]) expect(solveFermiLevel(quenched, mu).fermiLevel).toBeCloseTo(solveFermiLevel(asDopants, mu).fermiLevel, 9);
  });

  test("the frozen total is the processing equilibrium's, and the operating temperature is kept", () => {
    const { system: quenched, processing, frozen } = quenchDefectsWithSolution(system, { processingTemperature: 1200, muLi: -1.2, operatingTemperature: 350 });
    expect(processing.temperature).toBe(1200);
    expect(quenched.temperature).toBe(350);
    expect(frozen.find((f) => f.name === "N_O")!.concentration).toBe(processing.defects.find((d) => d.name === "N_O")!.total);
    expect(system.defects.every((d) => d.frozenConcentration === undefined)).toBe(true); // input untouched
  });

  test("electrolyteWarnings: a total frozen above its site density is flagged at every voltage", () => {
    // LiPON equilibrated at 4.5 V (far outside its window) makes O_N exceed its sites; freeze it
    const lipon = findElectrolyte(set, "LiPON");
    const q = quenchDefectsWithSolution((lipon.fermiLevel as any).system, { processingTemperature: 300, muLi: -4.5, freeze: ["O_N"] });
    expect(q.warnings.some((w) => /^during processing: LiPON|^during processing: defect O_N|during processing: .*defect O_N/.test(w.message) && w.code === "above-site-density")).toBe(true);
    const quenched: Electrolyte = { ...lipon, fermiLevel: { rule: "defects", system: q.system } };
    const voltages = linspace(lipon.window.lower, lipon.window.upper, 5);
    const warnings = electrolyteWarnings(quenched, voltages);
    const frozen = warnings.find((w) => w.code === "above-site-density" && /frozen defect O_N/.test(w.message))!;
    expect(frozen.message).toMatch(/^LiPON: frozen defect O_N at .* above its site density.*\[and at 4 more of 5 points/);
    // the shipped LiPON inside its window: nothing to report
    expect(electrolyteWarnings(lipon, voltages)).toEqual([]);
  });

  test("warns when nothing can be frozen and when everything is", () => {
    const llzo = (findElectrolyte(set, "LLZO").fermiLevel as any).system as DefectSystem;
    const none = quenchDefectsWithSolution(llzo, { processingTemperature: 1500, muLi: -1 });
    expect(none.frozen).toEqual([]);
    expect(none.warnings[0]).toMatchObject({ code: "quench", message: expect.stringMatching(/no defect was frozen/) });
    expect(solveFermiLevel(none.system, -1).fermiLevel).toBeCloseTo(solveFermiLevel(llzo, -1).fermiLevel, 12);
    const all = quenchDefectsWithSolution(llzo, { processingTemperature: 1500, muLi: -1, freeze: ["V_Li", "Li_i"] });
    expect(all.warnings.map((w) => w.message).join(" ")).toMatch(/every defect is frozen/);
  });

  test.each([
    [{ processingTemperature: 0, muLi: -1 }, /processingTemperature/],
    [{ processingTemperature: 900, muLi: NaN }, /muLi/],
    [{ processingTemperature: 900, muLi: -1, operatingTemperature: -3 }, /operatingTemperature/],
    [{ processingTemperature: 900, muLi: -1, freeze: ["XX"] }, /field "freeze", value "XX": unknown defect/],
  ])("refuses %j", (options, message) => {
    expect(() => quenchDefects(system, options as any)).toThrow(message);
  });

  test("quenchElectrolyte names what was frozen", () => {
    expect(quenchElectrolyte(lipon, { processingTemperature: 900, muLi: -1 }).name).toMatch(/N_O, O_N frozen from 900 K/);
  });
});
