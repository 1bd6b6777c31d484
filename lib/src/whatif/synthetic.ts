/**
 * Synthetic data sets and the throughput benchmark of screening (issue "What-if at scale"; used
 * by scripts/bench.mjs and notebook 07d): perturbed copies of real electrolyte records, drawn
 * with the seeded generator of the Monte Carlo module, so a seed gives the same set.
 */
import { DataSet } from "../cell/materials";
import { PotmapError } from "../core/errors";
import { builtinMaterialsFolder, toMaterial } from "../io/readMaterials";
import { RawRecord, readRawRecords } from "../io/readRecords";
import { screen } from "./screen";
import { lenientDataSet } from "./uncertainty";
import { perturbRecords, UncertaintyMap } from "./perturb";
import { Random } from "../numerics/random";
import { requireList } from "../core/arguments";

export interface SyntheticOptions {
  /** Number of synthetic electrolytes (default 1000). */
  electrolytes?: number;
  /** Seed (default 1). */
  seed?: number;
  /** One-sigma perturbations by kind (default IP 0.2 eV, defect energies 0.1 eV, window edges 0.1 V). */
  sigmas?: UncertaintyMap;
}

/**
 * Synthetic electrolyte records for load tests: perturbed copies of the given electrolyte
 * records, taken in turn, with ids "<id>-syn<i>". Draws that toMaterial refuses (e.g. a
 * window whose edges crossed) are redrawn, up to 20 times, so every record is usable.
 */
export function syntheticElectrolyteRecords(records: readonly RawRecord[], options: SyntheticOptions = {}): RawRecord[] {
  const count = options.electrolytes ?? 1000;
  if (!Number.isInteger(count) || count < 1 || count > 1e6) throw new PotmapError("must be an integer from 1 to 1000000", { field: "electrolytes", value: count });
  const sigmas = options.sigmas ?? { ionizationPotential: 0.2, defectEnergy: 0.1, window: 0.1 };
  const random = new Random(options.seed ?? 1);
  const bases = records.filter((r) => r.record.role === "electrolyte");
  if (bases.length === 0) throw new PotmapError("no electrolyte record to copy", { field: "role" });
  const out: RawRecord[] = [];
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length];
    let made: RawRecord | undefined;
    for (let attempt = 0; attempt < 20 && !made; attempt++) {
      const [candidate] = perturbRecords([base], random, sigmas, { independentCathodeStates: true }).records;
      candidate.record.id = `${base.record.id}-syn${i}`;
      candidate.record.name = `${base.record.name} (synthetic copy ${i}, perturbed)`;
      candidate.file = `synthetic/${candidate.record.id}.json`;
      try {
        toMaterial(candidate.record, candidate.file);
        made = candidate;
      } catch (error) {
        if (!(error instanceof PotmapError)) throw error;
      }
    }
    if (!made) throw new PotmapError("could not draw a usable perturbed copy in 20 attempts", { file: base.file, field: "sigmas", value: sigmas });
    out.push(made);
  }
  return out;
}

/**
 * A data set for screening load tests: the anodes and cathodes of `records` plus
 * `electrolytes` synthetic electrolytes (anodes x electrolytes x cathode states configurations).
 */
export function syntheticDataSet(records: readonly RawRecord[], options: SyntheticOptions = {}): DataSet {
  requireList(records, "records");
  const { set } = lenientDataSet([...records.filter((r) => r.record.role !== "electrolyte"), ...syntheticElectrolyteRecords(records, options)]);
  return set;
}

export interface ThroughputResult {
  configurations: number;
  /** median wall time of one screen() over the repeats, ms */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** configurations / median time, 1/s */
  perSecond: number;
  repeats: number;
  failures: number;
}

/**
 * Screening throughput on an in-memory data set (compilation of every electrolyte, the E_F
 * solves, eqs. 6-7 and the ranking; file reading excluded). One warm-up run, then `repeats`.
 */
export function screenThroughput(set: DataSet, options: { repeats?: number; temperature?: number } = {}): ThroughputResult {
  const repeats = options.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 1000) throw new PotmapError("must be an integer from 1 to 1000", { field: "repeats", value: repeats });
  const first = screen(set, { temperature: options.temperature });
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    screen(set, { temperature: options.temperature });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)];
  return {
    configurations: first.configurations,
    medianMs,
    minMs: times[0],
    maxMs: times[times.length - 1],
    perSecond: first.configurations / (medianMs / 1000),
    repeats,
    failures: first.failures.length,
  };
}

/**
 * Screening throughput on a synthetic set built from the records of `materials` (a folder or
 * list; default the built-in data set): `electrolytes` perturbed electrolytes x every anode x
 * every cathode state. For scripts/bench.mjs: `screenBenchmark({ electrolytes: 1000, seed: 1, repeats: 5 })`.
 */
export function screenBenchmark(options: SyntheticOptions & { repeats?: number; materials?: string; temperature?: number } = {}): ThroughputResult & {
  anodes: number;
  electrolytes: number;
  cathodeStates: number;
} {
  const { records, failures } = readRawRecords(options.materials ?? builtinMaterialsFolder());
  if (failures.length) throw new PotmapError(`cannot read the materials for the benchmark: ${failures[0].reason}`, { file: failures[0].file });
  const set = syntheticDataSet(records, options);
  const result = screenThroughput(set, { repeats: options.repeats, temperature: options.temperature });
  return {
    ...result,
    anodes: set.anodes.length,
    electrolytes: set.electrolytes.length,
    cathodeStates: set.cathodes.reduce((n, c) => n + c.states.length, 0),
  };
}
