/**
 * Property-based tests of the charge-neutrality solver (lib/src/neutrality.ts) and
 * determinism checks of the library and CLI (issue "Fast and unbreakable", reliability).
 *
 * Bounded: NUM_RUNS runs per property with a fixed, printed seed (POTMAP_FC_SEED
 * overrides it, POTMAP_FC_RUNS the number of runs), so a failure is reproducible with
 *   POTMAP_FC_SEED=<seed> npx vitest run test/neutrality.property.test.ts
 * and fast-check prints the counterexample and its path.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { DefectSystem } from "../lib/src/defects/defects";
import { FermiSolution, solveFermiLevel } from "../lib/src/defects/neutrality";
import { Carriers } from "../lib/src/defects/carriers";
import { Defect, Dopant } from "../lib/src/defects/defects";
import { PotmapError } from "../lib/src/core/errors";
import { thermalEnergy } from "../lib/src/core/constants";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { main } from "../lib/src/cli/main";

const SEED = Number(process.env.POTMAP_FC_SEED ?? 20260525);
const NUM_RUNS = Number(process.env.POTMAP_FC_RUNS ?? 200);
// eslint-disable-next-line no-console
console.log(`neutrality.property: fast-check seed ${SEED}, ${NUM_RUNS} runs per property`);
const params = { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true } as const;

// ------------------------------------------------------------------ generators

/** A double in [min, max] (no NaN), with the end points generated now and then. */
const between = (min: number, max: number) =>
  fc.oneof({ arbitrary: fc.double({ min, max, noNaN: true }), weight: 8 }, { arbitrary: fc.constantFrom(min, max), weight: 1 });
/** 10^x, x uniform in [a, b]: site densities, concentrations. */
const logUniform = (a: number, b: number) => between(a, b).map((x) => 10 ** x);

const chargeState = (charge: number) =>
  fc.record({
    charge: fc.constant(charge),
    energy: between(-50, 50),
    degeneracy: fc.integer({ min: 1, max: 4 }),
  });

const defect = (name: string): fc.Arbitrary<Defect> =>
  fc
    .record({
      sites: logUniform(18, 23),
      lithium: fc.constantFrom(-1, 0, 1),
      charges: fc.uniqueArray(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 4 }),
    })
    .chain(({ sites, lithium, charges }) =>
      fc.tuple(...charges.map(chargeState)).map((chargeStates) => ({ name, sites, lithium, chargeStates })),
    );

const parabolic: fc.Arbitrary<Carriers> = fc.record({
  kind: fc.constant("parabolic" as const),
  electronMass: between(0.1, 10),
  holeMass: between(0.1, 10),
  statistics: fc.constantFrom("fermi-dirac" as const, "boltzmann" as const),
});

/**
 * A small tabulated DOS (SC-FERMI convention, energies from the VBM): a sqrt-like valence
 * band below 0 and conduction band above the gap, a few to a few dozen points, nothing
 * inside the gap. It is bounded: at most `electrons` holes and a finite number of
 * conduction states per cell.
 */
const tabulated = (bandGap: number): fc.Arbitrary<Carriers> =>
  fc
    .record({
      points: fc.integer({ min: 2, max: 24 }),
      width: between(0.5, 8),
      electrons: fc.integer({ min: 1, max: 64 }),
      volume: between(10, 2000),
      conductionScale: between(0.1, 10),
    })
    .map(({ points, width, electrons, volume, conductionScale }) => {
      const energies: number[] = [];
      const dos: number[] = [];
      for (let i = 0; i < points; i++) {
        const e = i === points - 1 ? 0 : -width + (width * i) / (points - 1); // -width .. 0
        energies.push(e);
        dos.push(Math.sqrt(Math.max(0, -e)) + 1e-3);
      }
      for (let i = 0; i < points; i++) {
        const e = bandGap + (width * i) / (points - 1); // gap .. gap + width
        energies.push(e);
        dos.push(conductionScale * (Math.sqrt(Math.max(0, e - bandGap)) + 1e-3));
      }
      return { kind: "dos" as const, energies, dos, electrons, volume };
    });

const dopant = (name: string): fc.Arbitrary<Dopant> =>
  fc.record({ name: fc.constant(name), charge: fc.constantFrom(-3, -2, -1, 1, 2, 3), concentration: logUniform(8, 22) });

const system: fc.Arbitrary<DefectSystem> = fc
  .record({
    bandGap: between(0.1, 10),
    temperature: fc.oneof(between(1, 3000), fc.constantFrom(1, 300, 3000)),
    count: fc.integer({ min: 1, max: 8 }),
    carrierKind: fc.constantFrom("none", "parabolic", "parabolic", "dos"),
    dopantCount: fc.integer({ min: 0, max: 3 }),
  })
  .chain(({ bandGap, temperature, count, carrierKind, dopantCount }) =>
    fc.record({
      bandGap: fc.constant(bandGap),
      temperature: fc.constant(temperature),
      defects: fc.tuple(...Array.from({ length: count }, (_, i) => defect(`d${i}`))),
      carriers: carrierKind === "none" ? fc.constant<Carriers>({ kind: "none" }) : carrierKind === "dos" ? tabulated(bandGap) : parabolic,
      dopants: fc.tuple(...Array.from({ length: dopantCount }, (_, i) => dopant(`x${i}`))),
    }),
  );

/** mu_Li from Li metal (0) down to -6 eV, beyond every electrolyte's window. */
const muLi = between(-6, 0);

// ------------------------------------------------------------------ checks

/** Every number anywhere in `value` (path -> number) that is not finite. */
function nonFinite(value: unknown, path = "$", found: string[] = []): string[] {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) found.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nonFinite(v, `${path}[${i}]`, found));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) nonFinite(v, `${path}.${k}`, found);
  } else if (value === undefined) {
    found.push(`${path} = undefined`);
  }
  return found;
}

/**
 * The largest log of q * c (natural log, cm^-3) any charge state reaches at E_F, computed here
 * from the formation energies directly (not through the library's compiled system).
 * exp() of more than ~709.78 is Infinity in double precision.
 */
function largestLogCharge(s: DefectSystem, mu: number, fermiLevel: number): number {
  const kT = thermalEnergy(s.temperature);
  let max = -Infinity;
  for (const d of s.defects) {
    for (const q of d.chargeStates) {
      const energy = q.energy - (d.lithium ?? 0) * mu + q.charge * fermiLevel;
      max = Math.max(max, Math.log(d.sites * (q.degeneracy ?? 1) * Math.max(1, Math.abs(q.charge))) - energy / kT);
    }
  }
  return max;
}
const LOG_MAX_DOUBLE = Math.log(Number.MAX_VALUE); // 709.78

/**
 * Tolerance on the residual. Brent stops when the root is bracketed to within
 * 2 * (0.5e-10 + 2 eps |E_F|) eV (default tolerance 1e-10 eV). The residual is
 * tanh(|g|/2) <= |g|/2 with g = log Q+ - log Q-, and |dg/dE_F| <= 2 q_max / kT
 * (every charge state and carrier changes its log concentration by at most q_max/kT per eV).
 * At 1 K and q_max = 3 that gives ~7e4 per eV, so the returned E_F can have a residual up to
 * ~7e-6 even though it is within 1e-10 eV of the exact root: the bound is 1e-6 or this
 * slope times the E_F error, whichever is larger.
 */
function residualBound(s: DefectSystem, fermiLevel: number): number {
  const qMax = Math.max(1, ...s.defects.flatMap((d) => d.chargeStates.map((q) => Math.abs(q.charge))));
  const slope = (2 * qMax) / thermalEnergy(s.temperature);
  const eFError = 2 * (0.5e-10 + 2 * Number.EPSILON * Math.abs(fermiLevel));
  return Math.max(1e-6, (slope * eFError) / 2);
}

type Outcome =
  | { kind: "solution"; solution: FermiSolution }
  | { kind: "no root"; error: PotmapError }
  | { kind: "unstable"; error: PotmapError };

/**
 * Solve, accepting only a solution, a PotmapError "no root", or a PotmapError saying the host
 * is unstable against a defect (a concentration or carrier density beyond the largest double);
 * anything else (another error, a TypeError) is rethrown and fails the property.
 */
function solve(s: DefectSystem, mu: number): Outcome {
  try {
    return { kind: "solution", solution: solveFermiLevel(s, mu) };
  } catch (error) {
    if (error instanceof PotmapError && /no root/.test(error.message)) return { kind: "no root", error };
    if (error instanceof PotmapError && /the host is unstable against forming/.test(error.message)) return { kind: "unstable", error };
    throw error;
  }
}

/** The checks of every outcome: strict, no non-finite number anywhere. */
function checkOutcome(s: DefectSystem, mu: number, outcome: Outcome): void {
  if (outcome.kind === "no root") {
    // only a bounded carrier model (none, or a tabulated DOS) can fail to compensate
    expect(s.carriers.kind, outcome.error.message).not.toBe("parabolic");
    expect(outcome.error.message).not.toMatch(/NaN|undefined|Infinity/);
    return;
  }
  if (outcome.kind === "unstable") {
    const message = outcome.error.message;
    expect(message).not.toMatch(/NaN|undefined|Infinity/);
    // names the defect, its charge state, its formation energy and mu_Li
    const m = /defect (d\d+) in charge state ([+-]?\d+) has formation energy (\S+) eV .* at mu_Li = (\S+) eV and E_F = (\S+) eV/.exec(message);
    expect(m, message).not.toBeNull();
    const [, name, charge, energy, muText, eF] = m!;
    const d = s.defects.find((x) => x.name === name)!;
    const state = d.chargeStates.find((q) => q.charge === Number(charge))!;
    expect(state, message).toBeDefined();
    expect(Number(muText) === mu, `${muText} vs ${mu}`).toBe(true); // (-0 prints as 0)
    // the stated formation energy is that state's, at the stated E_F (4 significant digits)
    const expected = state.energy - (d.lithium ?? 0) * mu + state.charge * Number(eF);
    // (E_F printed to 6 significant digits: 5e-6 relative, times |q|)
    expect(Math.abs(Number(energy) - expected)).toBeLessThanOrEqual(1e-3 * Math.abs(expected) + 1e-5 * Math.abs(state.charge) * Math.max(1, Math.abs(Number(eF))));
    // and it really overflows: some q*c beyond the largest double, up to the number of terms
    const terms = s.defects.reduce((n, x) => n + x.chargeStates.length, 2);
    expect(largestLogCharge(s, mu, Number(eF))).toBeGreaterThan(LOG_MAX_DOUBLE - Math.log(terms) - 1);
    expect(outcome.error.field).toMatch(/^defects\[\d+\]\.chargeStates\[\d+\]\.energy$/);
    return;
  }
  const r = outcome.solution;
  const [low, high] = r.bracket;
  expect(low).toBeLessThanOrEqual(r.fermiLevel);
  expect(r.fermiLevel).toBeLessThanOrEqual(high);
  expect(r.residual).toBeLessThanOrEqual(residualBound(s, r.fermiLevel));
  expect(nonFinite(r)).toEqual([]);
  checkIndependently(s, mu, r);
}

/**
 * Recompute, without the library, every concentration at the returned E_F from
 * c = N g exp(-E_f / kT) and the net charge from the returned numbers: neutrality holds
 * to the residual bound, relative to the total charge.
 */
function checkIndependently(s: DefectSystem, mu: number, r: FermiSolution): void {
  const kT = thermalEnergy(s.temperature);
  const positive: number[] = [r.holes];
  const negative: number[] = [r.electrons];
  s.defects.forEach((d, i) => {
    const result = r.defects[i];
    expect(result.name).toBe(d.name);
    for (const q of d.chargeStates) {
      const c = result.charges[String(q.charge)];
      const energy = q.energy - (d.lithium ?? 0) * mu + q.charge * r.fermiLevel;
      const logC = Math.log(d.sites * (q.degeneracy ?? 1)) - energy / kT;
      // the exponent carries |E_f|/kT up to ~6e5, so ~1e-10 relative is double precision here
      if (logC > -700 && logC < 700) expect(Math.abs(c / Math.exp(logC) - 1), `${d.name} q=${q.charge}`).toBeLessThan(1e-8);
      else if (logC < -750) expect(c).toBe(0);
      if (q.charge > 0) positive.push(q.charge * c);
      if (q.charge < 0) negative.push(-q.charge * c);
    }
  });
  for (const x of s.dopants ?? []) (x.charge > 0 ? positive : negative).push(Math.abs(x.charge) * x.concentration);
  const scale = Math.max(...positive, ...negative);
  if (!(scale > 0)) return; // everything underflows: only the log-space residual above says anything
  const p = positive.reduce((a, b) => a + b / scale, 0);
  const n = negative.reduce((a, b) => a + b / scale, 0);
  expect(Math.abs(p - n) / (p + n)).toBeLessThanOrEqual(residualBound(s, r.fermiLevel) + 1e-12);
}

// ------------------------------------------------------------------ properties

describe("solveFermiLevel on random defect systems", () => {
  test("returns a bracketed, balanced, finite solution, or a PotmapError 'no root' or 'unstable'", () => {
    const seen = { solution: 0, "no root": 0, unstable: 0 };
    fc.assert(
      fc.property(system, muLi, (s, mu) => {
        const outcome = solve(s, mu);
        seen[outcome.kind]++;
        checkOutcome(s, mu, outcome);
      }),
      params,
    );
    // the generator reaches every outcome (energies from -50 eV at 1 K overflow often)
    // eslint-disable-next-line no-console
    console.log("neutrality.property outcomes:", JSON.stringify(seen));
    expect(seen.solution).toBeGreaterThan(NUM_RUNS / 4);
    expect(seen.unstable).toBeGreaterThan(0);
  });

  test("solutions near the top of the double range are returned finite and exact", () => {
    // a neutral defect with c = exp(700) cm^-3 (about 1e304): representable, so no error
    const kT = thermalEnergy(300);
    const sites = 1e22;
    const energy = -(700 - Math.log(sites)) * kT;
    const s: DefectSystem = {
      bandGap: 2,
      temperature: 300,
      carriers: { kind: "parabolic", electronMass: 1, holeMass: 1 },
      defects: [{ name: "X", sites, lithium: 0, chargeStates: [{ charge: 0, energy }] }],
    };
    const r = solveFermiLevel(s, 0);
    expect(nonFinite(r)).toEqual([]);
    expect(r.defects[0].total / Math.exp(700)).toBeCloseTo(1, 9);
    // 20 kT lower it is exp(720): beyond the largest double
    const deeper = { ...s, defects: [{ ...s.defects[0], chargeStates: [{ charge: 0, energy: energy - 20 * kT }] }] };
    expect(() => solveFermiLevel(deeper, 0)).toThrow(/defect X in charge state 0 .* the host is unstable against forming X/);
  });

  // BUG-1 (fixed): a charge state whose formation energy is below about -700 kT at the root
  // (e.g. -1 eV at 10 K, or any negative energy at 1 K) used to get concentration
  // exp(> 709.78) = Infinity in FermiSolution, with no error. It is now a PotmapError naming
  // the defect, charge state, formation energy and mu_Li.
  test("BUG-1: a strongly negative formation energy is an error naming the defect, not Infinity", () => {
    const s: DefectSystem = {
      bandGap: 2,
      temperature: 10,
      carriers: { kind: "parabolic", electronMass: 1, holeMass: 1 },
      defects: [{ name: "X", sites: 1e22, lithium: 0, chargeStates: [{ charge: 0, energy: -1 }] }],
    };
    let error: unknown;
    try {
      solveFermiLevel(s, 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PotmapError);
    const e = error as PotmapError;
    expect(e.field).toBe("defects[0].chargeStates[0].energy");
    expect(e.value).toBe(-1);
    // -1 eV / kT(10 K) = -1160.45 kT; log10 c = log10(1e22) + 1160.45 / ln 10 = 526
    expect(e.message).toMatch(/defect X in charge state 0 has formation energy -1\.000 eV \(-1160 kT at 10 K\) at mu_Li = 0 eV/);
    expect(e.message).toMatch(/about 10\^526 cm\^-3/);
    expect(e.message).toMatch(/the host is unstable against forming X/);
  });

  test("BUG-1: a Li vacancy that overflows at low mu_Li is reported with that mu_Li", () => {
    // E_f(V_Li) = 1 + mu_Li (eV): +0.5 eV at mu = -0.5 eV, -2 eV at mu = -3 eV (-1160 kT at 20 K)
    const s: DefectSystem = {
      bandGap: 3,
      temperature: 20,
      carriers: { kind: "parabolic", electronMass: 1, holeMass: 1 },
      defects: [{ name: "V_Li", sites: 1e22, lithium: -1, chargeStates: [{ charge: 0, energy: 1 }] }],
    };
    const fine = solveFermiLevel(s, -0.5);
    expect(nonFinite(fine)).toEqual([]);
    expect(fine.defects[0].total).toBeGreaterThan(0); // 1e22 exp(-0.5 eV / kT(20 K)) ~ 1e-104
    expect(() => solveFermiLevel(s, -3)).toThrow(
      /defect V_Li in charge state 0 has formation energy -2\.000 eV \(-1160 kT at 20 K\) at mu_Li = -3 eV .* unstable against forming V_Li/,
    );
  });

  test("BUG-1: carriers balancing an overflowing defect are an error too, not Infinity", () => {
    const s: DefectSystem = {
      bandGap: 0.1,
      temperature: 1,
      carriers: { kind: "parabolic", electronMass: 1, holeMass: 1, statistics: "boltzmann" },
      defects: [{ name: "A", sites: 1e22, lithium: 0, chargeStates: [{ charge: -3, energy: -50 }] }],
    };
    // holes balance A(-3): E_F sinks until 3 c_A = p, with E_f(A) = -50 + 3 E_F
    expect(() => solveFermiLevel(s, 0)).toThrow(/defect A in charge state -3 has formation energy -12\.5\d eV .* mu_Li = 0 eV/);
  });

  test("adding a donor never lowers E_F, adding an acceptor never raises it", () => {
    let compared = 0;
    fc.assert(
      fc.property(system, muLi, fc.integer({ min: 1, max: 3 }), logUniform(8, 22), fc.boolean(), (s, mu, q, c, donor) => {
        const base = solve(s, mu);
        const doped: DefectSystem = {
          ...s,
          dopants: [...(s.dopants ?? []), { name: "extra", charge: donor ? q : -q, concentration: c }],
        };
        const after = solve(doped, mu);
        if (base.kind !== "solution" || after.kind !== "solution") return; // nothing to compare
        compared++;
        if (donor) expect(after.solution.fermiLevel).toBeGreaterThanOrEqual(base.solution.fermiLevel - 1e-9);
        else expect(after.solution.fermiLevel).toBeLessThanOrEqual(base.solution.fermiLevel + 1e-9);
      }),
      params,
    );
    expect(compared).toBeGreaterThan(NUM_RUNS / 4);
  });

  test("parabolic bands always have a root (the outcome is a solution or 'unstable', never 'no root')", () => {
    fc.assert(
      fc.property(
        system.filter((s) => s.carriers.kind === "parabolic"),
        muLi,
        (s, mu) => {
          expect(solve(s, mu).kind).not.toBe("no root");
        },
      ),
      { ...params, numRuns: Math.ceil(NUM_RUNS / 2) },
    );
  });
});

// ------------------------------------------------------------------ determinism

describe("determinism: identical inputs give bit-identical JSON", () => {
  test("solveFermiLevel", () => {
    fc.assert(
      fc.property(system, muLi, (s, mu) => {
        const once = () => {
          try {
            return JSON.stringify(solveFermiLevel(structuredClone(s), mu));
          } catch (error) {
            return `error: ${(error as Error).message}`;
          }
        };
        expect(once()).toBe(once());
      }),
      { ...params, numRuns: Math.ceil(NUM_RUNS / 2) },
    );
  });

  test("potentialMap of every configuration of the built-in data set", () => {
    const maps = () => {
      const set = readDataSet(builtinMaterialsFolder());
      const out: string[] = [];
      for (const anode of set.anodes)
        for (const electrolyte of set.electrolytes)
          for (const cathode of set.cathodes)
            for (const state of cathode.states) {
              try {
                out.push(JSON.stringify(potentialMap(anode, electrolyte, state)));
              } catch (error) {
                out.push(`error: ${(error as Error).message}`);
              }
            }
      return out;
    };
    const first = maps();
    expect(first.length).toBeGreaterThanOrEqual(48);
    expect(maps()).toEqual(first);
    for (const json of first) if (!json.startsWith("error")) expect(nonFinite(JSON.parse(json))).toEqual([]);
  });

  test("CLI table --json", async () => {
    const run = async () => {
      let stdout = "";
      let stderr = "";
      const code = await main(["table", "--json"], (t) => (stdout += t), (t) => (stderr += t));
      return { code, stdout, stderr };
    };
    const a = await run();
    const b = await run();
    expect(a.code).toBe(0);
    expect(a.stderr).toBe("");
    expect(b).toEqual(a);
    expect(JSON.parse(a.stdout)).toHaveLength(48);
  });
});

describe("bad numbers in a defect system are one clear PotmapError naming the field", () => {
  const valid = (): DefectSystem => ({
    bandGap: 2,
    temperature: 300,
    carriers: { kind: "parabolic", electronMass: 1, holeMass: 1 },
    defects: [{ name: "X", sites: 1e22, lithium: 0, chargeStates: [{ charge: 1, energy: 1, degeneracy: 2 }] }],
    dopants: [{ name: "Y", charge: -1, concentration: 1e15 }],
    potentials: {},
  });
  test.each([
    ["temperature", (s: DefectSystem) => (s.temperature = 0), /field "temperature", value 0: must be a positive finite number/],
    ["temperature", (s: DefectSystem) => (s.temperature = NaN), /field "temperature", value NaN/],
    ["bandGap", (s: DefectSystem) => (s.bandGap = -1), /field "bandGap", value -1/],
    ["sites", (s: DefectSystem) => (s.defects[0].sites = Infinity), /field "defects\[0\]\.sites", value Infinity/],
    ["energy", (s: DefectSystem) => (s.defects[0].chargeStates[0].energy = NaN), /field "defects\[0\]\.chargeStates\[0\]\.energy", value NaN/],
    ["degeneracy", (s: DefectSystem) => (s.defects[0].chargeStates[0].degeneracy = 0), /field "defects\[0\]\.chargeStates\[0\]\.degeneracy", value 0/],
    ["dopant", (s: DefectSystem) => (s.dopants![0].concentration = -5), /field "dopants\[0\]\.concentration", value -5/],
    ["potential", (s: DefectSystem) => (s.potentials = { N: { intercept: NaN, slope: 0 } }), /field "potentials\.N\.intercept", value NaN/],
  ])("%s", (_name, spoil, message) => {
    const s = valid();
    expect(() => solveFermiLevel(s, 0)).not.toThrow();
    spoil(s);
    expect(() => solveFermiLevel(s, 0)).toThrow(PotmapError);
    expect(() => solveFermiLevel(s, 0)).toThrow(message);
  });
});
