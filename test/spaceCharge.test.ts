/**
 * Space-charge layer (model.md section 5): exact solution against an independent
 * high-precision reference, its limits, edge cases, the published parameter sets and the
 * `scl` command.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, test } from "vitest";
import { boltzmann, elementaryCharge, thermalEnergy, vacuumPermittivity } from "../lib/src/core/constants";
import { PotmapError } from "../lib/src/core/errors";
import {
  chargeDensity,
  defectConcentrations,
  firstIntegral,
  SpaceChargeParams,
  spaceChargeScales,
  surfaceCharge,
  validateSpaceChargeParams,
} from "../lib/src/spaceCharge/model";
import { ExactSpaceCharge, exactPotentialAt, exactProfile, exactXstar } from "../lib/src/spaceCharge/exact";
import { approximateSpaceCharge, debyeHuckelLimit, fullSaturationLimit, gouyChapmanLimit } from "../lib/src/spaceCharge/limits";
import { solveSpaceCharge } from "../lib/src/spaceCharge/spaceCharge";
import { loadSpaceChargeData, parseSpaceChargeData } from "../lib/src/io/spaceChargeData";
import { run as sclRun } from "../lib/src/cli/commands/scl";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { parseOptions } from "../lib/src/cli/parse";
import { commandNamed, Flags, parseFlags, requiredOptions } from "./helpers/cliRun";

/** potmap scl with these flags, parsed by the command's option table. */
const scl = (flags: Flags) => sclRun(parseFlags("scl", flags));
import reference from "./fixtures/scl/reference.json";

const DATA = join(__dirname, "..", "data", "space-charge.json");
const data = loadSpaceChargeData(DATA);
const byName = (name: string): SpaceChargeParams => {
  const m = data.materials.find((x) => x.name === name);
  if (!m) throw new Error(`no ${name} in ${DATA}`);
  return m;
};
const LLZO = byName("LLZO");
const LIF = byName("LiF");

/** Expect a PotmapError whose message names `field` (and optionally shows `value`). */
function expectPotmapError(fn: () => unknown, field: string, value?: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(PotmapError);
  const message = (caught as Error).message;
  expect(message).toContain(`"${field}"`);
  if (value !== undefined) expect(message).toContain(value);
}

describe("numerical building blocks", () => {
  test("G(f) equals the literal model.md first integral, is even, and G' = rho", () => {
    for (const lnB of [Math.log(0.17), 0, 10, 35]) {
      const B = Math.exp(lnB);
      for (const f of [0.3, 1, 5, 20, 40]) {
        const literal = Math.log((Math.exp(f) + B) / (1 + B)) + Math.log((Math.exp(-f) + B) / (1 + B));
        expect(Math.abs(firstIntegral(f, lnB) - literal)).toBeLessThan(1e-12 * Math.max(1, literal));
        expect(firstIntegral(-f, lnB)).toBe(firstIntegral(f, lnB));
        const h = 1e-5 * Math.max(1, f);
        const derivative = (firstIntegral(f + h, lnB) - firstIntegral(f - h, lnB)) / (2 * h);
        expect(Math.abs(derivative / chargeDensity(f, lnB) - 1)).toBeLessThan(1e-7);
        const rhoLiteral = 1 / (1 + B * Math.exp(-f)) - 1 / (1 + B * Math.exp(f));
        expect(Math.abs(chargeDensity(f, lnB) / rhoLiteral - 1)).toBeLessThan(1e-12);
      }
    }
  });

  test("G is smooth across the small-f series switch and finite for huge f (no overflow)", () => {
    const lnB = 3;
    const below = firstIntegral(0.99999999e-4, lnB);
    const above = firstIntegral(1.00000001e-4, lnB);
    expect(Math.abs(above / below - 1)).toBeLessThan(1e-7);
    expect(firstIntegral(1e4, lnB)).toBeCloseTo(1e4 + lnB - 2 * Math.log1p(Math.exp(lnB)), 8);
    expect(chargeDensity(1e4, lnB)).toBe(1);
    expect(chargeDensity(-1e4, lnB)).toBe(-1);
  });
});

describe("exact solution against the independent mpmath reference (test/fixtures/scl)", () => {
  // Tolerances (relative unless stated): sigma, capacitance, lambda 1e-12; x(f) 1e-11;
  // phi(x) 1e-12 V absolute; exact x* 1e-11. The reference itself is good to ~1e-15
  // (60-digit mpmath; cross-checks with scipy solve_ivp/solve_bvp agree to < 1e-14 V).
  test("the constants are the ones the fixtures were made with", () => {
    expect(Math.abs(boltzmann / reference.constants.boltzmannEvPerK - 1)).toBeLessThan(1e-15);
    expect(Math.abs(elementaryCharge / reference.constants.elementaryCharge - 1)).toBeLessThan(1e-15);
    expect(Math.abs(vacuumPermittivity / reference.constants.vacuumPermittivity - 1)).toBeLessThan(1e-15);
  });

  test("the fixture sets cover LLZO, LiF, an extreme (phi0/kT ~ 100) and small-phi0 sets", () => {
    const names = reference.sets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["LLZO", "LiF", "extreme", "smallPhi0", "tinyPhi0"]));
    const extreme = reference.sets.find((s) => s.name === "extreme")!;
    expect(extreme.f0).toBeGreaterThan(99);
    for (const set of reference.sets) {
      for (const [key, dev] of Object.entries(set.crossChecks)) {
        expect(dev, `${set.name} ${key}`).toBeLessThan(1e-12);
      }
    }
  });

  for (const set of reference.sets) {
    test(`${set.name}: sigma, capacitance, lambda, phi(x), x(f), x*`, () => {
      const params = set.params as SpaceChargeParams;
      const charge = surfaceCharge(params);
      expect(Math.abs(charge.sigma / set.sigma - 1)).toBeLessThan(1e-12);
      expect(Math.abs(charge.capacitance / set.capacitance - 1)).toBeLessThan(1e-12);
      const exact = new ExactSpaceCharge(params);
      expect(Math.abs(exact.scales.lambda / set.lambda - 1)).toBeLessThan(1e-12);
      expect(Math.abs(exact.scales.B / set.B - 1)).toBeLessThan(1e-12);
      for (const point of set.profile) {
        expect(Math.abs(exact.positionOfF(Math.abs(point.f)) / point.x - 1)).toBeLessThan(1e-11);
        expect(Math.abs(exact.potentialAt(point.x) - point.phi)).toBeLessThan(1e-12);
      }
      for (const [target, x] of Object.entries(set.xstar)) {
        const got = exactXstar(params, Number(target));
        if (x === null) expect(got).toBeNull();
        else expect(Math.abs((got as number) / x - 1)).toBeLessThan(1e-11);
      }
    });
  }
});

describe("limits", () => {
  test("small phi0: the exact solution approaches Debye-Hueckel, with errors ~ (phi0/kT)^2", () => {
    const kT = thermalEnergy(LLZO.temperature);
    let previous = Infinity;
    for (const phi0 of [1e-2, 5e-3, 2.5e-3, 1e-3]) {
      const params = { ...LLZO, phi0 };
      const f0 = phi0 / kT;
      const dh = debyeHuckelLimit(params);
      const exact = new ExactSpaceCharge(params);
      const sigmaError = Math.abs(surfaceCharge(params).sigma / dh.sigma - 1);
      // G = p f^2 (1 + (1-6p) f^2/12): the field differs by (1-6p) f0^2/24 < f0^2/24
      expect(sigmaError).toBeLessThan(f0 * f0 / 24);
      let profileError = 0;
      for (const x of [0.1, 1, 3, 10, 30, 100]) profileError = Math.max(profileError, Math.abs(exact.potentialAt(x) - dh.potentialAt(x)));
      expect(profileError).toBeLessThan(0.005 * f0 * f0 * phi0);
      expect(sigmaError).toBeLessThan(previous / 3.5); // halving phi0 cuts the error ~4x
      previous = sigmaError;
    }
    // the DH length is the model's linear screening length lambda (1+B)/sqrt(2B)
    const s = spaceChargeScales(LLZO);
    expect(debyeHuckelLimit(LLZO).length).toBeCloseTo((s.lambda * (1 + s.B)) / Math.sqrt(2 * s.B), 10);
  });

  test("dilute regime (B >> 1, e^f0 << B): the exact solution approaches Gouy-Chapman", () => {
    // LiF defect chemistry: B = 2.2e15, ln B = 35.3. Errors scale like e^f0 / B.
    const B = spaceChargeScales(LIF).B;
    for (const phi0 of [0.1, 0.3, 0.5]) {
      const params = { ...LIF, phi0 };
      const f0 = phi0 / thermalEnergy(LIF.temperature);
      const gc = gouyChapmanLimit(params);
      const exact = new ExactSpaceCharge(params);
      const bound = Math.exp(f0) / B + 1e-13;
      expect(Math.abs(surfaceCharge(params).sigma / gc.sigma - 1)).toBeLessThan(bound);
      for (const x of [1, 10, 1e3, 1e5, 1e7, 3e7]) {
        expect(Math.abs(exact.potentialAt(x) - gc.potentialAt(x))).toBeLessThan(bound * phi0);
      }
    }
    // ...and fails once the layer saturates (the published LiF offset, f0 = 74 > ln B):
    expect(gouyChapmanLimit(LIF).sigma / surfaceCharge(LIF).sigma).toBeGreaterThan(1e6);
  });

  test("strong saturation (|f0| >> |ln B|): the exact solution approaches the parabolic full-saturation profile", () => {
    // B = 1 (Ef0 = kT ln(1/alpha)) and phi0 = 2 V at falling T, so f0 = 77 ... 4951.
    // Predicted: sigma_exact/sigma_MS - 1 = (ln B - 2 ln(1+B))/(2 f0) = -ln2/f0, and the
    // profiles differ by about one kT (the diffuse tail), i.e. relative ~ 1/f0.
    let previous = Infinity;
    for (const T of [300, 75, 18.75, 4.6875]) {
      const kT = thermalEnergy(T);
      const params: SpaceChargeParams = { phi0: 2, nsites: 5e22, ef0: kT * Math.log(10), epsilon: 10, alpha: 0.1, temperature: T };
      const f0 = 2 / kT;
      const ms = fullSaturationLimit(params);
      const ratio = surfaceCharge(params).sigma / ms.sigma - 1;
      expect(Math.abs(ratio / (-Math.LN2 / f0) - 1)).toBeLessThan(0.02);
      const exact = new ExactSpaceCharge(params);
      let profileError = 0;
      for (const frac of [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1, 1.2, 2]) {
        profileError = Math.max(profileError, Math.abs(exact.potentialAt(frac * ms.length) - ms.potentialAt(frac * ms.length)));
      }
      expect(profileError).toBeLessThan(1.5 * kT);
      expect(profileError / 2).toBeLessThan(previous);
      previous = profileError / 2;
    }
  });

  test("the two-regime approximation carries the exact sigma and matches the exact x* in the saturated region", () => {
    const approx = approximateSpaceCharge(LLZO, 1.24);
    const exact = new ExactSpaceCharge(LLZO);
    const s = spaceChargeScales(LLZO);
    // x1 = |sigma| / (e alpha N)
    const sigmaSI = Math.abs(surfaceCharge(LLZO).sigmaSI);
    expect(approx.x1).toBeCloseTo((sigmaSI / (elementaryCharge * LLZO.alpha * LLZO.nsites * 1e6)) * 1e10, 10);
    expect(approx.x2).toBeCloseTo(approx.x1 + s.screeningLength, 12);
    expect(approx.potentialAt(approx.x2)).toBe(approx.phiX2);
    expect(approx.potentialAt(0)).toBeCloseTo(0, 14);
    expect(Math.abs((approx.xstar as number) / (exact.positionOfPotential(1.24) as number) - 1)).toBeLessThan(1e-6);
    // the approximate profile is monotone and ends at phi0
    let last = -Infinity;
    for (const x of [0, 1, 5, 10, approx.x1, 20, 50, 1e3]) {
      const phi = approx.potentialAt(x);
      expect(phi).toBeGreaterThanOrEqual(last);
      last = phi;
    }
    expect(approx.potentialAt(1e4)).toBeCloseTo(LLZO.phi0, 12);
  });
});

describe("edge cases", () => {
  test("phi0 = 0: zero charge, flat profile, bulk concentrations, DH capacitance", () => {
    const params = { ...LLZO, phi0: 0 };
    const r = solveSpaceCharge(params, { phiTarget: 1.24 });
    expect(r.sigma).toBe(0);
    for (const point of r.exact.profile) {
      expect(point.phi).toBe(0);
      expect(point.cPlus).toBeCloseTo(r.bulkConcentration, -8);
      expect(point.cMinus).toBeCloseTo(r.bulkConcentration, -8);
    }
    expect(r.exact.xstar).toBeNull();
    expect(r.approximate.xstar).toBeNull();
    expect(r.approximate.x1).toBe(0);
    // |sigma/phi0| -> eps0 eps / L_DH as phi0 -> 0
    expect(r.capacitance / surfaceCharge({ ...LLZO, phi0: 1e-7 }).capacitance - 1).toBeLessThan(1e-9);
    expect(Number.isFinite(r.capacitance)).toBe(true);
  });

  test("negative phi0 flips sigma, phi and swaps c+ and c-", () => {
    const neg = { ...LLZO, phi0: -LLZO.phi0 };
    expect(surfaceCharge(neg).sigma).toBe(-surfaceCharge(LLZO).sigma);
    expect(surfaceCharge(neg).capacitance).toBe(surfaceCharge(LLZO).capacitance);
    expect(surfaceCharge(LLZO).sigma).toBeLessThan(0); // electrode side, phi0 > 0
    for (const x of [0.01, 1, 8, 20]) {
      expect(exactPotentialAt(neg, x)).toBeCloseTo(-exactPotentialAt(LLZO, x), 13);
    }
    const pos = exactProfile(LLZO, { points: 5 });
    const flipped = exactProfile(neg, { points: 5 });
    pos.forEach((p, i) => {
      expect(flipped[i].cPlus / p.cMinus - 1).toBeLessThan(1e-12);
      expect(flipped[i].cMinus / p.cPlus - 1).toBeLessThan(1e-12);
    });
    expect(exactXstar(neg, -1.24)).toBeCloseTo(exactXstar(LLZO, 1.24) as number, 12);
    expect(exactXstar(neg, 1.24)).toBeNull();
    expect(approximateSpaceCharge(neg, -1.24).xstar).toBeCloseTo(approximateSpaceCharge(LLZO, 1.24).xstar as number, 12);
  });

  test("x* is null when the target is never reached, 0 at the electrode potential", () => {
    const li2o110 = byName("Li2O(110)"); // phi0 = 0.71 V < 1.24 V
    expect(exactXstar(li2o110, 1.24)).toBeNull();
    expect(approximateSpaceCharge(li2o110, 1.24).xstar).toBeNull();
    expect(exactXstar(LLZO, LLZO.phi0)).toBeNull(); // reached only at infinity
    expect(exactXstar(LLZO, -0.1)).toBeNull();
    expect(exactXstar(LLZO, 0)).toBe(0);
  });

  test("profile: log-spaced positive x, monotone phi from ~0 to ~phi0, concentrations saturate at alpha N", () => {
    const profile = exactProfile(LIF);
    expect(profile).toHaveLength(200);
    for (let i = 1; i < profile.length; i++) {
      expect(profile[i].x / profile[i - 1].x).toBeCloseTo(profile[1].x / profile[0].x, 10);
      expect(profile[i].phi).toBeGreaterThanOrEqual(profile[i - 1].phi);
    }
    expect(profile[0].x).toBeGreaterThan(0);
    expect(profile[0].phi).toBeLessThan(0.01);
    expect(LIF.phi0 - profile[profile.length - 1].phi).toBeCloseTo(1e-3 * LIF.phi0, 8);
    expect(profile[0].cPlus / (LIF.alpha * LIF.nsites)).toBeCloseTo(1, 12);
    const atInterface = defectConcentrations(LIF, 0);
    expect(atInterface.cPlus + atInterface.cMinus).toBeLessThanOrEqual(LIF.alpha * LIF.nsites * (1 + 1e-15));
    const custom = exactProfile(LIF, { points: 3, xMin: 1, xMax: 100 });
    expect(custom.map((p) => p.x)).toEqual([1, expect.closeTo(10, 12), expect.closeTo(100, 10)]);
  });

  test("the extreme f0 ~ 100 (and far beyond) neither overflows nor loses the profile", () => {
    for (const phi0 of [2.585, 10, -25]) {
      const params = { phi0, nsites: 5e22, ef0: 0.5, epsilon: 10, alpha: 0.1, temperature: 300 };
      const r = solveSpaceCharge(params, { phiTarget: phi0 / 2 });
      expect(Number.isFinite(r.sigma) && Number.isFinite(r.capacitance)).toBe(true);
      expect(r.exact.profile.every((p) => Number.isFinite(p.phi) && Number.isFinite(p.x))).toBe(true);
      expect(exactPotentialAt(params, r.exact.xstar as number)).toBeCloseTo(phi0 / 2, 10);
    }
  });

  test("NaN, Infinity, negative and out-of-range inputs throw a PotmapError naming the field", () => {
    const cases: Array<[keyof SpaceChargeParams, unknown, string]> = [
      ["phi0", NaN, "NaN"],
      ["phi0", Infinity, "Infinity"],
      ["nsites", -1e22, "-1e+22"],
      ["nsites", 0, "0"],
      ["ef0", "0.1", '"0.1"'],
      ["epsilon", 0, "0"],
      ["epsilon", -5, "-5"],
      ["alpha", 0, "0"],
      ["alpha", 1.5, "1.5"],
      ["temperature", -300, "-300"],
      ["temperature", undefined, ""],
      ["ef0", 1e3, "1000"], // exp(Ef0/kT) underflows the bulk defect population
    ];
    for (const [field, value, shown] of cases) {
      expectPotmapError(() => surfaceCharge({ ...LLZO, [field]: value }), field, shown);
      expectPotmapError(() => new ExactSpaceCharge({ ...LLZO, [field]: value }), field, shown);
    }
    expect(() => validateSpaceChargeParams(null)).toThrow(PotmapError);
    expectPotmapError(() => exactPotentialAt(LLZO, -1), "x", "-1");
    expectPotmapError(() => exactXstar(LLZO, NaN), "phiTarget", "NaN");
    expectPotmapError(() => exactProfile(LLZO, { points: 1 }), "points", "1");
  });
});

describe("published parameter sets (data/space-charge.json)", () => {
  test("the data file holds the five sets and two targets, each citing its source", () => {
    expect(data.materials.map((m) => m.name)).toEqual(["LLZO", "Li2CO3", "Li2O(110)", "Li2O(111)", "LiF"]);
    expect(data.targets).toEqual([
      expect.objectContaining({ name: "LiPON", phiTarget: 1.24 }),
      expect.objectContaining({ name: "LLZO", phiTarget: 1.62 }),
    ]);
    for (const m of data.materials) {
      expect(m.source).toMatch(/Swift.*Nat\. Comput\. Sci\. 1, 212 \(2021\)/);
      expect(m.source).toContain("mwswift/PFD_solution");
      expect(m.temperature).toBe(300);
      expect(m.alpha).toBe(0.1);
    }
    for (const t of data.targets) expect(t.source).toContain("Nat. Comput. Sci. 1, 212 (2021)");
  });

  test("(d) Li/LLZO: sigma = -5.327 e/nm^2, C/A = 52.63 uF/cm^2, lambda = 1.477 A", () => {
    const r = solveSpaceCharge(LLZO, { phiTarget: 1.24 });
    console.log(
      `Li/LLZO: sigma = ${r.sigma.toFixed(4)} e/nm^2, capacitance = ${r.capacitance.toFixed(4)} uF/cm^2, ` +
        `lambda = ${r.debyeLength.toFixed(4)} A, L = ${r.screeningLength.toFixed(4)} A, x* (1.24 V) = ${r.exact.xstar?.toFixed(3)} A`,
    );
    expect(r.sigma).toBeCloseTo(-5.3271, 4);
    expect(r.capacitance).toBeCloseTo(52.632, 3);
    expect(r.debyeLength).toBeCloseTo(1.477, 3);
  });

  // The authors' script printed these outputs (4 decimals; x2 and xstar fewer digits).
  // Our values differ from them only in rounding (capacitance ~2e-6 relative, presumably
  // constants), except x2/phiX2 of LLZO: see approximateSpaceCharge's doc comment.
  for (const m of data.materials) {
    test(`${m.name}: reproduces the published sigma, capacitance, x1, phi(x1), x2, phi(x2), xstar`, () => {
      const pub = m.published!;
      const r = solveSpaceCharge(m, { phiTarget: pub.phiTarget });
      expect(Math.abs(r.sigma - pub.sigma)).toBeLessThanOrEqual(5e-5 + 1e-9);
      expect(Math.abs(r.capacitance - pub.capacitance)).toBeLessThanOrEqual(1.5e-4);
      expect(Math.abs(r.approximate.x1 - pub.x1)).toBeLessThanOrEqual(5e-5 + 1e-9);
      expect(Math.abs(r.approximate.phiX1 - pub.phiX1)).toBeLessThanOrEqual(5e-5 + 1e-9);
      if (pub.xstar === null) expect(r.approximate.xstar).toBeNull();
      else expect(Math.abs((r.approximate.xstar as number) - pub.xstar)).toBeLessThanOrEqual(5e-3 + 1e-9);
      if (m.name === "LLZO") {
        // published x2 = lambda sqrt(B/2) = 0.436 A (Boltzmann length, inside the saturated layer)
        expect(spaceChargeScales(m).boltzmannLength).toBeCloseTo(pub.x2, 3);
        expect(r.approximate.x2).toBeGreaterThan(r.approximate.x1);
      } else {
        expect(Math.abs(r.approximate.x2 / pub.x2 - 1)).toBeLessThan(0.005); // 3 printed digits
        expect(Math.abs(r.approximate.phiX2 - pub.phiX2)).toBeLessThanOrEqual(5e-5 + 1e-9);
      }
    });
  }

  test("loader errors name the file, the field and the value", () => {
    const dir = mkdtempSync(join(tmpdir(), "potmap-scl-"));
    const write = (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    expect(() => loadSpaceChargeData(join(dir, "missing.json"))).toThrow(/missing\.json: cannot read file/);
    expect(() => loadSpaceChargeData(write("bad.json", "{ nope"))).toThrow(/bad\.json: invalid JSON/);
    const good = JSON.parse(JSON.stringify(data)) as Record<string, any>;
    const broken = (mutate: (d: Record<string, any>) => void) => {
      const copy = JSON.parse(JSON.stringify(good));
      mutate(copy);
      return copy;
    };
    expectPotmapError(() => parseSpaceChargeData(broken((d) => (d.materials[2].nsites = -1)), "x.json"), "materials[2].nsites", "-1");
    expectPotmapError(() => parseSpaceChargeData(broken((d) => (d.materials[0].alpha = "0.1")), "x.json"), "materials[0].alpha", '"0.1"');
    expectPotmapError(() => parseSpaceChargeData(broken((d) => delete d.materials[1].source), "x.json"), "materials[1].source");
    expectPotmapError(() => parseSpaceChargeData(broken((d) => (d.materials[1].name = "LLZO")), "x.json"), "materials[1].name", '"LLZO"');
    expectPotmapError(() => parseSpaceChargeData(broken((d) => (d.targets[0].phiTarget = null)), "x.json"), "targets[0].phiTarget", "null");
    expectPotmapError(() => parseSpaceChargeData(broken((d) => (d.materials[4].published.sigma = "x")), "x.json"), "materials[4].published.sigma");
    expectPotmapError(() => parseSpaceChargeData(broken((d) => (d.materials = [])), "x.json"), "materials", "[]");
    const path = write("neg.json", JSON.stringify(broken((d) => (d.materials[3].epsilon = 0))));
    expect(() => loadSpaceChargeData(path)).toThrow(new RegExp(`neg\\.json, field "materials\\[3\\]\\.epsilon", value 0`));
  });
});

describe("potmap scl (cli.md)", () => {
  const flags = (overrides: Record<string, string | boolean | undefined> = {}) => {
    const base: Record<string, string | boolean> = {
      phi0: String(LLZO.phi0),
      nsites: String(LLZO.nsites),
      ef0: String(LLZO.ef0),
      epsilon: String(LLZO.epsilon),
      alpha: String(LLZO.alpha),
      temperature: String(LLZO.temperature),
      json: true,
    };
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete base[k];
      else base[k] = v;
    }
    return base;
  };

  test("prints the cli.md JSON shape with the right units", async () => {
    const result = await scl(flags({ "phi-target": "1.24" }));
    const json = JSON.parse(JSON.stringify(result.json));
    expect(json.sigma).toBeCloseTo(-5.3271, 4);
    expect(json.capacitance).toBeCloseTo(52.632, 3);
    expect(json.debyeLength).toBeCloseTo(1.477, 3); // Angstrom
    for (const key of ["x1", "phiX1", "x2", "phiX2", "xstar"]) expect(typeof json.approximate[key]).toBe("number");
    expect(json.approximate.xstar).toBeCloseTo(8.83, 2);
    expect(json.exact.xstar).toBeCloseTo(8.826, 3);
    expect(json.exact.profile.length).toBeGreaterThan(50);
    for (const p of json.exact.profile) {
      expect(typeof p.x).toBe("number");
      expect(typeof p.phi).toBe("number");
    }
    expect(result.text).toContain("sigma = -5.3271 e/nm^2");
    expect(result.text).toContain("52.6321 uF/cm^2");
    // the six numbers are required unless --electrolyte derives them (checked in sclParams)
    expect(requiredOptions("scl")).toEqual([]);
    expect(commandNamed("scl").options.map((o) => o.name)).toContain("phi-target");
  });

  test("without --phi-target both x* are null; negative --phi0 is accepted", async () => {
    const json = (await scl(flags())).json as any;
    expect(json.exact.xstar).toBeNull();
    expect(json.approximate.xstar).toBeNull();
    const neg = (await scl(flags({ phi0: "-1.62", "phi-target": "-1.24" }))).json as any;
    expect(neg.sigma).toBeGreaterThan(0);
    expect(neg.exact.xstar).toBeGreaterThan(0);
  });

  test("the CLI's argument parser feeds it (negative values, --name=value)", async () => {
    const argv = ["--phi0", "-1.6216", "--nsites=3.27455e22", "--ef0", "0.0143907", "--epsilon", "50", "--alpha", "0.1",
      "--temperature", "300", "--phi-target", "-1.24", "--json"];
    const json = sclRun(parseOptions(argv, commandNamed("scl")) as any).json as any;
    expect(json.sigma).toBeCloseTo(5.327, 3);
    expect(json.exact.xstar).toBeCloseTo(8.826, 2);
  });

  test("--electrolyte LLZO --voltage 0: the inputs from the record (one LLZO with the map)", async () => {
    const argv = ["--electrolyte", "LLZO", "--voltage", "0", "--json"];
    const out = sclRun(parseOptions(argv, commandNamed("scl")) as any).json as any;
    const set = readDataSet(builtinMaterialsFolder());
    const llzo = findElectrolyte(set, "LLZO");
    const map = potentialMap(findAnode(set, "Li"), llzo, findCathodeState(set, "LCO", "0%"), { withoutProfile: true });
    // phi0 is the map's dphi_a; the bulk defect density is the map's (Frenkel: half the charged defects each)
    expect(out.input.phi0).toBeCloseTo(map.dphiAnode, 12);
    expect(out.bulkConcentration).toBeCloseTo(map.screening!.anodeSide.chargedDefects / 2, -8);
    expect(out.input.epsilon).toBe(llzo.dielectricConstant);
    expect(out.input.alpha).toBe(1);
    if (llzo.fermiLevel.rule !== "defects") throw new Error("defects");
    expect(out.input.nsites).toBe(Math.min(...llzo.fermiLevel.system.defects.map((d) => d.sites)));
    // the linear screening length of the layer is the map's Debye length (both in the dilute bulk)
    expect(out.screeningLength * 1e-10 / map.screening!.anodeSide.debyeLength).toBeCloseTo(1, 3);
    expect(out.fromRecord.positive.name).toBe("Li_i(+1)");
    expect(out.fromRecord.negative.name).toBe("V_Li(-1)");
    // an explicit number overrides the record's
    const over = sclRun(parseOptions([...argv, "--phi0", "1.0"], commandNamed("scl")) as any).json as any;
    expect(over.input.phi0).toBe(1);
    expect(over.input.ef0).toBe(out.input.ef0);
    // against a cathode: phi0 = -dphi_c at min(OCV, V_high)
    const cat = sclRun(parseOptions(["--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--json"], commandNamed("scl")) as any).json as any;
    expect(cat.input.phi0).toBeCloseTo(-map.dphiCathode, 12);
    expect(cat.fromRecord.voltage).toBe(2.91);
  });

  test("--electrolyte errors: --voltage without it, --cathode without --soc, LPS's carriers noted", () => {
    expectPotmapError(() => sclRun(parseOptions(["--voltage", "0", "--phi0", "1", "--nsites", "1e22", "--ef0", "0.1", "--epsilon", "5", "--alpha", "0.1", "--temperature", "300"], commandNamed("scl")) as any), "--voltage", "0");
    expectPotmapError(() => sclRun(parseOptions(["--electrolyte", "LLZO", "--cathode", "LCO"], commandNamed("scl")) as any), "--cathode", "LCO");
    expectPotmapError(() => sclRun(parseOptions(["--electrolyte", "NOPE"], commandNamed("scl")) as any), "electrolyte", "NOPE");
    // LPS at 1.74 V: Li_i(+) balanced by electrons, not by a negative defect: the two-defect model is refused
    expect(() => sclRun(parseOptions(["--electrolyte", "LPS", "--voltage", "1.74"], commandNamed("scl")) as any)).toThrow(/no charged defect pair|two-defect/);
  });

  test("every flag is validated: missing, non-numeric, unphysical", () => {
    const bad: Array<[Record<string, string | boolean | undefined>, string, string | undefined]> = [
      [{ nsites: undefined }, "--nsites", undefined],
      [{ phi0: "abc" }, "--phi0", '"abc"'],
      [{ phi0: "NaN" }, "--phi0", '"NaN"'],
      [{ ef0: "Infinity" }, "--ef0", '"Infinity"'],
      [{ ef0: "0x10" }, "--ef0", '"0x10"'],
      [{ epsilon: "" }, "--epsilon", '""'],
      [{ nsites: "-3e22" }, "--nsites", "-3e22"],
      [{ nsites: "0" }, "--nsites", "0"],
      [{ epsilon: "0" }, "--epsilon", "0"],
      [{ alpha: "0" }, "--alpha", "0"],
      [{ alpha: "1.01" }, "--alpha", "1.01"],
      [{ temperature: "-1" }, "--temperature", "-1"],
      [{ temperature: true }, "--temperature", undefined],
      [{ "phi-target": "x" }, "--phi-target", '"x"'],
    ];
    for (const [override, field, value] of bad) {
      expectPotmapError(() => scl(flags(override)), field, value);
    }
  });
});
