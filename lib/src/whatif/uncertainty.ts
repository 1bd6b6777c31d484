/**
 * Uncertainty propagation by Monte Carlo over the raw material records. (Over 300 lines: one
 * sampling loop with its result types and the robust-pair ranking it feeds; the perturbation
 * of records lives in whatif/perturb.ts, the generator in numerics/random.ts.)
 *
 * Every quantity that declares an "uncertainty" (one standard deviation, in the quantity's
 * unit) is drawn from a normal distribution around its value; quantities without one take
 * the default uncertainty of their kind, if the caller gives one (the built-in data set
 * declares none, so monteCarlo falls back to {ionizationPotential: 0.1, defectEnergy: 0.1} eV
 * and says so in its result). Each sample is a whole perturbed data set, converted record by
 * record with toMaterial, so all configurations of one sample share the same draws (pairs are
 * ranked against each other consistently); a record whose draw is unphysical (refused by
 * toMaterial) leaves only its own configurations undefined in that sample, and is counted.
 * Inputs are independent; no correlations are modelled. Because the electrolyte IPs and the
 * cathode IPs of the built-in data are calibrated against published jumps, the defaults
 * describe "what if the inputs were this uncertain", not the error of the calibrated values.
 *
 * Deterministic: a seeded 32-bit generator (numerics/random.ts, mulberry32) and a fixed
 * traversal order, so a given seed gives bit-identical results on any machine.
 */
import { orderedCathodeStates, orderedElectrolytes } from "../cell/dataSet";
import { PotmapError } from "../core/errors";
import { isDecimal } from "../core/validation";
import { Anode, DataSet } from "../cell/materials";
import { dataSetFromRecordsLenient, MaterialFailure, RawRecord, readRawRecords } from "../io/readRecords";
import { barrierlessThreshold } from "./screen";
import { electrolyteEvaluator, ElectrolyteEvaluator, interfaceJumps } from "./interfaceJumps";
import { Random } from "../numerics/random";
import { distribution, Distribution } from "../numerics/statistics";
import { declaredUncertainties, DeclaredUncertainty, perturbRecords, UncertaintyKind, uncertaintyKinds, UncertaintyMap } from "./perturb";

/** Used by monteCarlo when the caller gives no default map (eV). */
export const defaultUncertainties: UncertaintyMap = { ionizationPotential: 0.1, defectEnergy: 0.1 };

export interface MonteCarloOptions {
  /** Number of perturbed data sets (default 200). */
  samples?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Default one-sigma uncertainty by kind for quantities that declare none (default defaultUncertainties). */
  defaults?: UncertaintyMap;
  /** |dphi_c| below this counts as barrier-less, V (default 0.1). */
  threshold?: number;
  /** Electrolyte temperature, K (default: each record's). */
  temperature?: number;
  /** Anode id (default: the first anode). */
  anode?: string;
}

export interface ConfigurationDistribution {
  anode: string;
  electrolyte: string;
  cathode: string;
  soc: string;
  nominal: { dphiAnode: number; dphiCathode: number };
  dphiAnode: Distribution;
  dphiCathode: Distribution;
  /** Fraction of successful samples with |dphi_c| < threshold. */
  pBarrierless: number;
  /** Samples in which this configuration could not be computed. */
  failedSamples: number;
}

export interface RobustPair {
  rank: number;
  electrolyte: string;
  cathode: string;
  /** worst |dphi_c| over SOC with the unperturbed inputs, V */
  worstNominal: number;
  /** distribution over samples of the worst |dphi_c| over SOC, V */
  worst: Distribution;
  /** P(|dphi_c| < threshold) per state of charge */
  pBarrierless: Record<string, number>;
  /** P(every state of charge barrier-less in the same sample) */
  pAllBarrierless: number;
  /** mean over samples of the pair's rank in that sample (1 = best) */
  meanRank: number;
}

export interface MonteCarloResult {
  samples: number;
  seed: number;
  threshold: number;
  /** Samples that could not be evaluated at all (e.g. the anode record became unphysical); left out. */
  failedSamples: number;
  /** Samples in which some record or configuration failed (those configurations are NaN there). */
  partialSamples: number;
  /** The first few failure reasons, "sample i: ...". */
  failureReasons: string[];
  uncertainty: {
    declared: DeclaredUncertainty[];
    /** default map used for quantities without a declared uncertainty */
    defaults: UncertaintyMap;
    defaultsAreBuiltIn: boolean;
    /** quantities perturbed per sample (declared + defaulted) */
    perturbedPerSample: number;
    note: string;
  };
  configurations: ConfigurationDistribution[];
  /** cathode/electrolyte pairs by the median over samples of their worst |dphi_c| */
  ranking: RobustPair[];
  /** files that could not be read (when a folder or list was given) */
  inputFailures: MaterialFailure[];
}

interface Evaluation {
  keys: string[];
  dphiAnode: Float64Array;
  dphiCathode: Float64Array;
}

/**
 * Records -> data set, one record at a time: a record whose perturbed values are unphysical
 * (toMaterial refuses them) drops out of this sample only, so its configurations are NaN
 * in this sample while every other configuration is still computed.
 */
export function lenientDataSet(records: readonly RawRecord[]): { set: DataSet; failures: string[] } {
  const { set, failures } = dataSetFromRecordsLenient(records);
  return { set, failures: failures.map((f) => f.reason) };
}

/** dphi_a and dphi_c of every electrolyte x cathode state, NaN where a configuration fails. */
function evaluate(
  records: readonly RawRecord[],
  anodeId: string | undefined,
  keys?: string[],
): Evaluation & { anode: Anode; labels: { electrolyte: string; cathode: string; soc: string }[]; failures: string[] } {
  const { set, failures } = lenientDataSet(records);
  if (set.anodes.length === 0) throw new PotmapError(failures.length ? `no usable anode record (${failures[0]})` : "the records hold no anode", { field: "role" });
  const anode = anodeId === undefined ? set.anodes[0] : set.anodes.find((a) => a.id === anodeId);
  if (!anode) throw new PotmapError(`unknown anode (known: ${set.anodes.map((a) => a.id).join(", ")})`, { field: "anode", value: anodeId });
  const labels: { electrolyte: string; cathode: string; soc: string }[] = [];
  const found = new Map<string, { a: number; c: number }>();
  const states = orderedCathodeStates(set);
  for (const electrolyte of orderedElectrolytes(set)) {
    let evaluator: ElectrolyteEvaluator | undefined;
    try {
      evaluator = electrolyteEvaluator(electrolyte);
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      failures.push(error.message);
    }
    for (const state of states) {
      const key = `${electrolyte.id}\u0000${state.id}\u0000${state.soc}`;
      labels.push({ electrolyte: electrolyte.id, cathode: state.id, soc: state.soc });
      let a = NaN;
      let c = NaN;
      if (evaluator) {
        try {
          const j = interfaceJumps(anode, evaluator, state);
          a = j.dphiAnode;
          c = j.dphiCathode;
        } catch (error) {
          if (!(error instanceof PotmapError)) throw error;
          if (failures.length < 50) failures.push(`${electrolyte.id} / ${state.id} ${state.soc}: ${error.message}`);
        }
      }
      found.set(key, { a, c });
    }
  }
  const order = keys ?? [...found.keys()];
  const dphiAnode = new Float64Array(order.length);
  const dphiCathode = new Float64Array(order.length);
  order.forEach((key, i) => {
    const v = found.get(key);
    dphiAnode[i] = v ? v.a : NaN;
    dphiCathode[i] = v ? v.c : NaN;
  });
  return { keys: order, dphiAnode, dphiCathode, anode, labels, failures };
}

/**
 * Records with every electrolyte's temperature set to `temperature` (K), keeping a declared
 * uncertainty: so an operating-temperature override is itself perturbed like the record's.
 */
export function recordsAtTemperature(records: readonly RawRecord[], temperature: number): RawRecord[] {
  if (typeof temperature !== "number" || !Number.isFinite(temperature) || !(temperature > 0)) {
    throw new PotmapError("must be a positive temperature in K", { field: "temperature", value: temperature });
  }
  return records.map(({ file, record }) => {
    if (record.role !== "electrolyte" || record.fermiLevel?.rule !== "defects") return { file, record };
    const copy = structuredClone(record);
    const t = copy.fermiLevel.temperature;
    if (t && typeof t === "object") t.value = temperature;
    else copy.fermiLevel.temperature = temperature;
    return { file, record: copy };
  });
}

function checkOptions(options: MonteCarloOptions): { samples: number; seed: number; threshold: number } {
  const samples = options.samples ?? 200;
  // 2 x configurations x samples doubles are kept: 1e5 samples of 48 configurations ~ 77 MB
  if (!Number.isInteger(samples) || samples < 1 || samples > 100000) throw new PotmapError("must be an integer from 1 to 100000", { field: "samples", value: samples });
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new PotmapError("must be an integer", { field: "seed", value: seed });
  const threshold = options.threshold ?? barrierlessThreshold;
  if (!(threshold > 0) || !Number.isFinite(threshold)) throw new PotmapError("must be a positive voltage", { field: "threshold", value: threshold });
  for (const [kind, sigma] of Object.entries(options.defaults ?? {})) {
    if (!uncertaintyKinds.includes(kind as UncertaintyKind)) {
      throw new PotmapError(`unknown kind of input (known: ${uncertaintyKinds.join(", ")})`, { field: "defaults", value: kind });
    }
    if (typeof sigma !== "number" || !(sigma >= 0) || !Number.isFinite(sigma)) throw new PotmapError("must be zero or a positive number", { field: `defaults.${kind}`, value: sigma });
  }
  return { samples, seed, threshold };
}

/**
 * Monte Carlo over the inputs' uncertainties. `input` is a list of raw records, or a
 * folder / comma-separated list of files (unreadable files are listed in inputFailures).
 */
export function monteCarlo(input: readonly RawRecord[] | string, options: MonteCarloOptions = {}): MonteCarloResult {
  const { samples, seed, threshold } = checkOptions(options);
  let records: readonly RawRecord[];
  let inputFailures: MaterialFailure[] = [];
  if (typeof input === "string") {
    const read = readRawRecords(input);
    records = read.records;
    inputFailures = read.failures;
  } else {
    records = input;
  }
  if (records.length === 0) throw new PotmapError("no material record to sample", { field: "materials", value: typeof input === "string" ? input : "[]" });
  if (options.temperature !== undefined) records = recordsAtTemperature(records, options.temperature);
  const defaultsAreBuiltIn = options.defaults === undefined;
  const defaults = { ...(options.defaults ?? defaultUncertainties) };
  const declared = declaredUncertainties(records);

  const nominal = evaluate(records, options.anode);
  const { keys, labels } = nominal;
  const m = keys.length;
  const dphiAnode = Array.from({ length: m }, () => new Float64Array(samples));
  const dphiCathode = Array.from({ length: m }, () => new Float64Array(samples));
  const random = new Random(seed);
  let failedSamples = 0;
  let partialSamples = 0;
  const failureReasons: string[] = [];
  let perturbedPerSample = 0;
  const good: number[] = [];
  for (let s = 0; s < samples; s++) {
    const perturbed = perturbRecords(records, random, defaults);
    perturbedPerSample = perturbed.perturbed;
    try {
      const result = evaluate(perturbed.records, nominal.anode.id, keys);
      for (let i = 0; i < m; i++) {
        dphiAnode[i][s] = result.dphiAnode[i];
        dphiCathode[i][s] = result.dphiCathode[i];
      }
      good.push(s);
      // failures the unperturbed inputs have too are not the sampling's doing
      const fresh = result.failures.filter((f) => !nominal.failures.includes(f));
      if (fresh.length) {
        partialSamples++;
        if (failureReasons.length < 10) failureReasons.push(`sample ${s}: ${fresh[0]}`);
      }
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      failedSamples++;
      if (failureReasons.length < 10) failureReasons.push(`sample ${s}: ${error.message}`);
      for (let i = 0; i < m; i++) {
        dphiAnode[i][s] = NaN;
        dphiCathode[i][s] = NaN;
      }
    }
  }

  const configurations: ConfigurationDistribution[] = labels.map((label, i) => {
    let ok = 0;
    let barrierless = 0;
    for (const s of good) {
      const c = dphiCathode[i][s];
      if (Number.isNaN(c)) continue;
      ok++;
      if (Math.abs(c) < threshold) barrierless++;
    }
    return {
      anode: nominal.anode.id,
      ...label,
      nominal: { dphiAnode: nominal.dphiAnode[i], dphiCathode: nominal.dphiCathode[i] },
      dphiAnode: distribution(dphiAnode[i]),
      dphiCathode: distribution(dphiCathode[i]),
      pBarrierless: ok ? barrierless / ok : NaN,
      failedSamples: samples - ok,
    };
  });

  // pairs: worst |dphi_c| over SOC per sample, ranked within each sample
  const pairIndex = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const key = `${l.electrolyte}\u0000${l.cathode}`;
    const list = pairIndex.get(key);
    if (list) list.push(i);
    else pairIndex.set(key, [i]);
  });
  const pairKeys = [...pairIndex.keys()];
  const worst = pairKeys.map(() => new Float64Array(samples).fill(NaN));
  const allBarrierless = pairKeys.map(() => 0);
  const rankSum = pairKeys.map(() => 0);
  const rankCount = pairKeys.map(() => 0);
  for (const s of good) {
    pairKeys.forEach((key, p) => {
      let w = -Infinity;
      let complete = true;
      for (const i of pairIndex.get(key)!) {
        const c = dphiCathode[i][s];
        if (Number.isNaN(c)) complete = false;
        else w = Math.max(w, Math.abs(c));
      }
      worst[p][s] = complete && w > -Infinity ? w : NaN;
      if (complete && w < threshold) allBarrierless[p]++;
    });
    const order = pairKeys.map((_, p) => p).filter((p) => !Number.isNaN(worst[p][s]));
    order.sort((a, b) => worst[a][s] - worst[b][s] || a - b);
    order.forEach((p, r) => {
      rankSum[p] += r + 1;
      rankCount[p]++;
    });
  }
  const ranking: RobustPair[] = pairKeys.map((key, p) => {
    const [electrolyte, cathode] = key.split("\u0000");
    const indices = pairIndex.get(key)!;
    const pBarrierless: Record<string, number> = {};
    for (const i of indices) pBarrierless[labels[i].soc] = configurations[i].pBarrierless;
    let worstNominal = -Infinity;
    for (const i of indices) worstNominal = Math.max(worstNominal, Math.abs(nominal.dphiCathode[i]));
    return {
      rank: 0,
      electrolyte,
      cathode,
      worstNominal: Number.isNaN(worstNominal) ? NaN : worstNominal,
      worst: distribution(worst[p]),
      pBarrierless,
      pAllBarrierless: good.length ? allBarrierless[p] / good.length : NaN,
      meanRank: rankCount[p] ? rankSum[p] / rankCount[p] : NaN,
    };
  });
  ranking.sort((a, b) => {
    const am = Number.isNaN(a.worst.p50) ? Infinity : a.worst.p50;
    const bm = Number.isNaN(b.worst.p50) ? Infinity : b.worst.p50;
    return am - bm || a.meanRank - b.meanRank || a.electrolyte.localeCompare(b.electrolyte) || a.cathode.localeCompare(b.cathode);
  });
  ranking.forEach((r, i) => (r.rank = i + 1));

  const defaultedKinds = Object.entries(defaults).filter(([, v]) => (v ?? 0) > 0);
  const note =
    (declared.length === 0 ? "no record declares an uncertainty; " : `${declared.length} quantities declare an uncertainty; `) +
    (defaultedKinds.length
      ? `the others of kind ${defaultedKinds.map(([k, v]) => `${k} (${v})`).join(", ")} were perturbed with ${defaultsAreBuiltIn ? "the built-in" : "the given"} default one-sigma uncertainties`
      : "no default uncertainties were applied") +
    "; inputs are independent normal draws (no correlations)";
  return {
    samples,
    seed,
    threshold,
    failedSamples,
    partialSamples,
    failureReasons,
    uncertainty: { declared, defaults, defaultsAreBuiltIn, perturbedPerSample, note },
    configurations,
    ranking,
    inputFailures,
  };
}
