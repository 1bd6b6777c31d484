import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { readRawRecords } from "../lib/src/io/readRecords";
import { monteCarlo } from "../lib/src/whatif/uncertainty";
import { declaredUncertainties, parseUncertaintyMap, perturbRecords } from "../lib/src/whatif/perturb";
import { Random } from "../lib/src/numerics/random";

const builtin = builtinMaterialsFolder();

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, |error| < 1.5e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

describe("monteCarlo on the built-in data set", () => {
  test("seeded and reproducible: bit-identical across runs; another seed differs", () => {
    const a = monteCarlo(builtin, { samples: 40, seed: 11 });
    const b = monteCarlo(builtin, { samples: 40, seed: 11 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = monteCarlo(builtin, { samples: 40, seed: 12 });
    expect(c.configurations[0].dphiCathode.mean).not.toBe(a.configurations[0].dphiCathode.mean);
    expect(a.uncertainty.defaultsAreBuiltIn).toBe(true);
    expect(a.uncertainty.perturbedPerSample).toBeGreaterThan(20);
    expect(a.configurations).toHaveLength(48);
    expect(a.ranking).toHaveLength(20);
  });

  test("sigma -> 0: the mean converges to the unperturbed value, the spread to zero", () => {
    for (const sigma of [1e-3, 1e-6]) {
      const result = monteCarlo(builtin, { samples: 30, seed: 5, defaults: { ionizationPotential: sigma, defectEnergy: sigma } });
      for (const c of result.configurations) {
        expect(Math.abs(c.dphiCathode.mean - c.nominal.dphiCathode)).toBeLessThan(3 * sigma);
        expect(c.dphiCathode.sd).toBeGreaterThan(0);
        expect(c.dphiCathode.sd).toBeLessThan(3 * sigma);
      }
    }
    const exact = monteCarlo(builtin, { samples: 5, seed: 5, defaults: {} });
    for (const c of exact.configurations) {
      expect(c.dphiCathode.mean).toBeCloseTo(c.nominal.dphiCathode, 14);
      expect(c.dphiCathode.p50).toBe(c.nominal.dphiCathode);
      expect(c.dphiCathode.sd).toBeLessThan(1e-13);
    }
  });

  test("the nominal values are potentialMap's, also at an overridden temperature", () => {
    const set = readDataSet(builtin);
    const result = monteCarlo(builtin, { samples: 2, seed: 1, temperature: 450 });
    for (const c of result.configurations.filter((x) => x.electrolyte === "LPS")) {
      const m = potentialMap(findAnode(set, "Li"), findElectrolyte(set, c.electrolyte), findCathodeState(set, c.cathode, c.soc), { temperature: 450, withoutProfile: true });
      expect(c.nominal.dphiCathode).toBe(m.dphiCathode);
    }
  });

  test.each([
    [{ samples: 0 }, /field "samples", value 0/],
    [{ samples: 1e6 }, /field "samples"/],
    [{ seed: 1.5 }, /field "seed", value 1.5/],
    [{ defaults: { colour: 0.1 } }, /unknown kind/],
    [{ defaults: { ionizationPotential: -0.1 } }, /field "defaults.ionizationPotential"/],
    [{ threshold: 0 }, /field "threshold"/],
  ])("refuses %j", (options, message) => {
    expect(() => monteCarlo(builtin, options as any)).toThrow(message);
  });
});

describe("monteCarlo with declared uncertainties", () => {
  let dir: string;
  const sigma = 0.15;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-mc-"));
    for (const name of fs.readdirSync(builtin)) fs.copyFileSync(path.join(builtin, name), path.join(dir, name));
    const lco = JSON.parse(fs.readFileSync(path.join(builtin, "LCO.json"), "utf8"));
    lco.states[0].ionizationPotential.uncertainty = sigma; // allowed by the schema (quantity.uncertainty)
    lco.states[1].bandGap.uncertainty = 1; // LCO 100% has a gap of 0: half the draws are negative
    fs.writeFileSync(path.join(dir, "LCO.json"), JSON.stringify(lco, null, 1));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const n = 1200;
  let cached: ReturnType<typeof monteCarlo> | undefined;
  const run = () => (cached ??= monteCarlo(dir, { samples: n, seed: 3, defaults: {} }));

  test("the records' uncertainties are read and listed", () => {
    const { records, failures } = readRawRecords(dir);
    expect(failures).toEqual([]);
    expect(declaredUncertainties(records).map((d) => [path.basename(d.file), d.field, d.kind, d.uncertainty])).toEqual([
      ["LCO.json", "states[0].ionizationPotential", "ionizationPotential", sigma],
      ["LCO.json", "states[1].bandGap", "bandGap", 1],
    ]);
  });

  test("a cathode IP with sigma: dphi_c = K - IP_c, so mean, sd and P(|dphi_c| < 0.1) follow the normal law", () => {
    const result = run();
    const lco0 = result.configurations.filter((c) => c.cathode === "LCO" && c.soc === "0%");
    expect(lco0).toHaveLength(4);
    for (const c of lco0) {
      const valid = n - c.failedSamples;
      expect(valid).toBeGreaterThan(0.4 * n);
      expect(Math.abs(c.dphiCathode.mean - c.nominal.dphiCathode)).toBeLessThan((4 * sigma) / Math.sqrt(valid));
      // relative standard error of a sample sd is 1/sqrt(2 n): 4 of them
      expect(Math.abs(c.dphiCathode.sd / sigma - 1)).toBeLessThan(4 / Math.sqrt(2 * valid));
      const mu = c.nominal.dphiCathode;
      const p = phi((0.1 - mu) / sigma) - phi((-0.1 - mu) / sigma);
      expect(Math.abs(c.pBarrierless - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / valid) + 1e-3);
      // dphi_a does not depend on the cathode
      expect(c.dphiAnode.sd).toBeLessThan(1e-13);
    }
    // one draw per sample, shared by the four electrolytes: identical spreads
    for (const c of lco0) expect(c.dphiCathode.sd).toBeCloseTo(lco0[0].dphiCathode.sd, 10);
    // nothing else moves
    for (const c of result.configurations.filter((x) => x.cathode !== "LCO")) {
      expect(c.dphiCathode.sd).toBeLessThan(1e-13);
      expect(c.failedSamples).toBe(0);
    }
  });

  test("an unphysical draw drops only its record's configurations from that sample, and is counted", () => {
    const result = run();
    expect(result.failedSamples).toBe(0);
    const lco = result.configurations.filter((c) => c.cathode === "LCO");
    // P(0 + 1 * N(0,1) < 0) = 1/2: about half of the samples refuse the LCO record
    for (const c of lco) expect(Math.abs(c.failedSamples / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
    expect(result.partialSamples).toBe(lco[0].failedSamples);
    expect(result.failureReasons[0]).toMatch(/states\[1\]\.bandGap/);
    expect(result.configurations.filter((c) => c.cathode !== "LCO").every((c) => c.failedSamples === 0)).toBe(true);
  });
});

describe("perturbRecords / parseUncertaintyMap", () => {
  test("only quantities with a sigma move; structural integers never do", () => {
    const { records } = readRawRecords(builtin);
    const { records: out, perturbed } = perturbRecords(records, new Random(1), { ionizationPotential: 0.1 });
    // one IP per electrolyte (4) and per cathode state (12)
    expect(perturbed).toBe(16);
    const llzo = (rs: typeof records) => rs.find((r) => r.record.id === "LLZO")!.record;
    expect(llzo(out).ionizationPotential.value).not.toBe(llzo(records).ionizationPotential.value);
    expect(llzo(out).fermiLevel.defects[0].chargeStates[0]).toEqual(llzo(records).fermiLevel.defects[0].chargeStates[0]);
    expect(llzo(out).bandGap).toEqual(llzo(records).bandGap);
  });

  test("KIND=SIGMA lists", () => {
    expect(parseUncertaintyMap("ionizationPotential=0.2, defectEnergy=0.05,ocv=0")).toEqual({ ionizationPotential: 0.2, defectEnergy: 0.05, ocv: 0 });
    expect(() => parseUncertaintyMap("ip=0.1")).toThrow(/field "--sigma", value "ip": unknown kind/);
    expect(() => parseUncertaintyMap("ocv=-1")).toThrow(/field "--sigma", value "ocv=-1"/);
    expect(() => parseUncertaintyMap("ocv")).toThrow(/KIND=SIGMA/);
  });
});

describe("issue 21 item 5: correlated draws", () => {
  const { records } = readRawRecords(builtin);
  const ip = (rs: typeof records, id: string, k: number) => rs.find((r) => r.record.id === id)!.record.states[k].ionizationPotential.value;
  const z = (out: typeof records, id: string, k: number, sigma: number) => (ip(out, id, k) - ip(records, id, k)) / sigma;

  test("the states of one cathode share their IP (offset) draw by default; independentCathodeStates draws them apart", () => {
    const shared = perturbRecords(records, new Random(7), { ionizationPotential: 0.1 });
    expect(z(shared.records, "LCO", 0, 0.1)).toBeCloseTo(z(shared.records, "LCO", 1, 0.1), 9);
    expect(z(shared.records, "LMO", 0, 0.1)).toBeCloseTo(z(shared.records, "LMO", 2, 0.1), 9);
    expect(Math.abs(z(shared.records, "LCO", 0, 0.1) - z(shared.records, "LMO", 0, 0.1))).toBeGreaterThan(1e-6);
    expect(shared.groups["cathode:LCO"]).toBe(2);
    expect(shared.groups["cathode:LMO"]).toBe(3);
    const apart = perturbRecords(records, new Random(7), { ionizationPotential: 0.1 }, { independentCathodeStates: true });
    expect(Math.abs(z(apart.records, "LCO", 0, 0.1) - z(apart.records, "LCO", 1, 0.1))).toBeGreaterThan(1e-6);
    expect(apart.groups).toEqual({});
  });

  test("a declared correlation group shares one draw across records, each value with its own sigma", () => {
    const copy = records.map((r) => ({ file: r.file, record: structuredClone(r.record) }));
    const lco = copy.find((r) => r.record.id === "LCO")!.record;
    const lno = copy.find((r) => r.record.id === "LNO")!.record;
    Object.assign(lco.states[0].ocv, { uncertainty: 0.05, correlation: "PBE+U" });
    Object.assign(lno.states[1].ocv, { uncertainty: 0.2, correlation: "PBE+U" });
    const declared = declaredUncertainties(copy);
    expect(declared.map((d) => [d.path, d.correlation])).toEqual([
      ["LCO[0%].ocv", "PBE+U"],
      ["LNO[100%].ocv", "PBE+U"],
    ]);
    for (const seed of [1, 2, 3]) {
      const { records: out, groups } = perturbRecords(copy, new Random(seed), {});
      const a = (out.find((r) => r.record.id === "LCO")!.record.states[0].ocv.value - lco.states[0].ocv.value) / 0.05;
      const b = (out.find((r) => r.record.id === "LNO")!.record.states[1].ocv.value - lno.states[1].ocv.value) / 0.2;
      expect(a).toBeCloseTo(b, 9);
      expect(Math.abs(a)).toBeGreaterThan(0);
      expect(groups).toEqual({ "declared:PBE+U": 2 });
    }
  });

  test("the note says how draws are correlated", () => {
    const result = monteCarlo(builtin, { samples: 2, seed: 1 });
    expect(result.uncertainty.cathodeStatesShareOffsets).toBe(true);
    expect(result.uncertainty.note).toMatch(/the states of one cathode share their IP \(offset\) draw/);
    const apart = monteCarlo(builtin, { samples: 2, seed: 1, independentCathodeStates: true });
    expect(apart.uncertainty.note).toMatch(/drawn independently/);
  });
});

describe("issue 20: Monte Carlo guards", () => {
  test("bandGap sigma 20 eV: no NaN anywhere; pairs without a valid sample are not ranked, the rest use their valid samples", () => {
    const result = monteCarlo(builtin, { samples: 20, seed: 1, defaults: { bandGap: 20 } });
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    expect(result.unranked.length).toBeGreaterThan(0);
    expect(result.ranking.length + result.unranked.length).toBe(20);
    for (const r of result.ranking) {
      expect(r.validSamples).toBeGreaterThan(0);
      expect(r.worst.n).toBe(r.validSamples);
      expect(Number.isFinite(r.worst.p50)).toBe(true);
      expect(Number.isFinite(r.meanRank)).toBe(true);
    }
    for (const c of result.configurations) {
      expect(c.validSamples + c.unphysicalSamples + c.failedSamples).toBe(20);
      if (c.validSamples === 0) {
        expect(c.dphiCathode).toBeNull();
        expect(c.pBarrierless).toBeNull();
      } else expect(c.dphiCathode!.n).toBe(c.validSamples);
    }
  });

  test("0.1 eV on defect energies: samples with E_F at or beyond a band edge are counted and left out, near-edge ones counted", () => {
    const n = 200;
    const result = monteCarlo(builtin, { samples: n, seed: 1, defaults: { defectEnergy: 0.1 } });
    const g = result.guardsByElectrolyte;
    // LPS sits 3 kT below its CBM at 1.74 V (its fitted Li_i energy is bound there): a few samples
    // cross it. LPO keeps the published 1.60 eV Frenkel energy, which puts E_F 2 meV above its VBM
    // at 4.21 V: about half the samples cross it there (issue 19: not raised to pass a guard)
    for (const e of ["LPS", "LPO"]) {
      expect(g[e].nearEdge / n).toBeGreaterThan(0.3);
      expect(g[e].unphysical).toBeGreaterThan(0);
    }
    expect(g.LPS.unphysical / n).toBeLessThan(0.15);
    expect(g.LPO.unphysical / n).toBeGreaterThan(0.3);
    expect(g.LPO.unphysical / n).toBeLessThan(0.7);
    expect(g.LLZO.unphysical).toBe(0);
    expect(result.unphysicalSamples).toBeGreaterThan(0);
    expect(result.guardReasons[0]).toMatch(/degenerate|outside the gap/);
    const lps = result.configurations.filter((c) => c.electrolyte === "LPS");
    expect(lps.some((c) => c.unphysicalSamples > 0)).toBe(true);
    for (const c of result.configurations) expect(c.validSamples + c.unphysicalSamples + c.failedSamples).toBe(n);
    const pair = result.ranking.find((r) => r.electrolyte === "LPS" && r.cathode === "LCO")!;
    expect(pair.validSamples + pair.unphysicalSamples).toBe(n);
    expect(pair.unphysicalSamples).toBeGreaterThan(0);
  });
});

describe("the correlation field of a quantity", () => {
  test("the schema accepts it, the reader keeps the value, monteCarlo lists the group", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-corr-"));
    try {
      for (const name of fs.readdirSync(builtin)) fs.copyFileSync(path.join(builtin, name), path.join(dir, name));
      const lco = JSON.parse(fs.readFileSync(path.join(dir, "LCO.json"), "utf8"));
      Object.assign(lco.states[0].ocv, { uncertainty: 0.05, correlation: "eq3-PBE" });
      Object.assign(lco.states[1].ocv, { uncertainty: 0.05, correlation: "eq3-PBE" });
      fs.writeFileSync(path.join(dir, "LCO.json"), JSON.stringify(lco, null, 1));
      expect(findCathodeState(readDataSet(dir), "LCO", "0%").ocv).toBe(lco.states[0].ocv.value);
      const result = monteCarlo(dir, { samples: 3, seed: 1, defaults: {} });
      expect(result.uncertainty.correlationGroups).toEqual({ "declared:eq3-PBE": 2 });
      expect(result.uncertainty.note).toMatch(/correlation groups declared by the records share one draw each: eq3-PBE/);
      lco.states[0].ocv.correlation = "";
      fs.writeFileSync(path.join(dir, "LCO.json"), JSON.stringify(lco, null, 1));
      expect(() => readDataSet(dir)).toThrow(/LCO.json, field "states\[0\]\.ocv/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
