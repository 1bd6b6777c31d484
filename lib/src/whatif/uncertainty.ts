/**
 * Uncertainty propagation by Monte Carlo over the raw material records. (Over 450 lines: one
 * sampling loop with its result types, the guard bookkeeping per configuration and pair, and
 * the robust-pair ranking it feeds; the perturbation of records lives in whatif/perturb.ts, the
 * table of inputs in inputs/recordInputs.ts, the generator in numerics/random.ts.)
 *
 * Every quantity that declares an "uncertainty" (one standard deviation, in the quantity's
 * unit) is drawn from a normal distribution around its value; quantities without one take
 * the default uncertainty of their kind, if the caller gives one (the built-in data set
 * declares none, so monteCarlo falls back to {ionizationPotential: 0.1, defectEnergy: 0.1} eV
 * and says so in its result). Each sample is a whole perturbed data set, converted record by
 * record with toMaterial, so all configurations of one sample share the same draws (pairs are
 * ranked against each other consistently); a record whose draw is unphysical (refused by
 * toMaterial) leaves only its own configurations undefined in that sample, and is counted.
 * Draws are independent except where whatif/perturb.ts correlates them: values of one declared
 * `correlation` group, and (by default) the IPs of the states of one cathode, share one draw.
 *
 * Guards: every configuration of every sample goes through interfaceJumps, i.e. potentialMap's
 * one guard evaluation (defects/guards.ts). A configuration whose guards warn (E_F at or beyond
 * a band edge, outside the bands) is unphysical in that sample: counted, and left out of its
 * distributions and probabilities, which are over the valid samples only (their number is
 * reported); a Fermi-level class other than "non-degenerate" without a warning, or a mixed
 * conductor (the electronic-conduction warning: the electron-blocking premise fails, the numbers
 * stay the model's), is counted as near an edge and kept. A pair with no valid sample is not ranked (listed in `unranked`); nothing NaN is
 * returned (null where there is no number). Because the electrolyte IPs and the
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
  /** Draw the IPs of one cathode's states independently (default false: one shared draw per cathode). */
  independentCathodeStates?: boolean;
}

export interface ConfigurationDistribution {
  anode: string;
  electrolyte: string;
  cathode: string;
  soc: string;
  /** With the unperturbed inputs; null when the configuration cannot be computed from them. */
  nominal: { dphiAnode: number | null; dphiCathode: number | null };
  /** Over the valid samples; null when there is none. */
  dphiAnode: Distribution | null;
  dphiCathode: Distribution | null;
  /** Fraction of the valid samples with |dphi_c| < threshold; null without a valid sample. */
  pBarrierless: number | null;
  /** Samples computed with no guard warning (the ones the statistics use). */
  validSamples: number;
  /** Samples whose guard evaluation warned (E_F at or beyond a band edge): left out. */
  unphysicalSamples: number;
  /** Valid samples with E_F near a band edge on either side (class other than insulating). */
  nearEdgeSamples: number;
  /** Samples in which this configuration could not be computed. */
  failedSamples: number;
}

export interface RobustPair {
  rank: number;
  electrolyte: string;
  cathode: string;
  /** worst |dphi_c| over SOC with the unperturbed inputs, V */
  worstNominal: number | null;
  /** distribution over the pair's valid samples of the worst |dphi_c| over SOC, V */
  worst: Distribution;
  /** P(|dphi_c| < threshold) per state of charge, over that configuration's valid samples */
  pBarrierless: Record<string, number | null>;
  /** P(every state of charge barrier-less in the same sample), over the pair's valid samples */
  pAllBarrierless: number;
  /** mean over samples of the pair's rank in that sample (1 = best) */
  meanRank: number;
  /** Samples in which every state of the pair was computed with no guard warning. */
  validSamples: number;
  /** Samples in which some state of the pair earned a guard warning. */
  unphysicalSamples: number;
  /** Valid samples with some state near a band edge. */
  nearEdgeSamples: number;
}

/** A pair with no valid sample: not ranked. */
export interface UnrankedPair {
  electrolyte: string;
  cathode: string;
  unphysicalSamples: number;
  failedSamples: number;
  /** Why, e.g. the first guard warning. */
  reason: string;
}

export interface MonteCarloResult {
  samples: number;
  seed: number;
  threshold: number;
  /** Samples that could not be evaluated at all (e.g. the anode record became unphysical); left out. */
  failedSamples: number;
  /** Samples in which some record or configuration failed (those configurations are left out there). */
  partialSamples: number;
  /** Samples in which some configuration earned a guard warning (left out for that configuration). */
  unphysicalSamples: number;
  /** The first few failure reasons, "sample i: ...". */
  failureReasons: string[];
  /** The first few guard warnings, "sample i: ...". */
  guardReasons: string[];
  /** Per electrolyte: samples with some configuration near a band edge, and beyond one (guard warning). */
  guardsByElectrolyte: Record<string, { nearEdge: number; unphysical: number }>;
  uncertainty: {
    declared: DeclaredUncertainty[];
    /** default map used for quantities without a declared uncertainty */
    defaults: UncertaintyMap;
    defaultsAreBuiltIn: boolean;
    /** quantities perturbed per sample (declared + defaulted) */
    perturbedPerSample: number;
    /** groups of shared draws and how many quantities share each ("cathode:LCO", "declared:GROUP") */
    correlationGroups: Record<string, number>;
    /** the states of one cathode share their IP (offset) draw */
    cathodeStatesShareOffsets: boolean;
    note: string;
  };
  configurations: ConfigurationDistribution[];
  /** cathode/electrolyte pairs with a valid sample, by the median of their worst |dphi_c| */
  ranking: RobustPair[];
  /** pairs with no valid sample: not ranked */
  unranked: UnrankedPair[];
  /** files that could not be read (when a folder or list was given) */
  inputFailures: MaterialFailure[];
}

/** Guard verdict of one configuration in one sample (defects/guards.ts, through interfaceJumps). */
const GuardFlag = {
  /** E_F inside the gap, away from the edges: the model's insulating electrolyte. */
  Physical: 0,
  /** Class other than insulating (near a band edge), no guard warning: kept, counted. */
  NearEdge: 1,
  /** A guard warning (E_F at or beyond a band edge, outside the bands): left out, counted. */
  Unphysical: 2,
} as const;
type GuardFlag = (typeof GuardFlag)[keyof typeof GuardFlag];

interface Evaluation {
  keys: string[];
  dphiAnode: Float64Array;
  dphiCathode: Float64Array;
  flags: Uint8Array;
  /** The first guard warning per key that earned one. */
  warnings: Map<string, string>;
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
  const found = new Map<string, { a: number; c: number; flag: GuardFlag }>();
  const warnings = new Map<string, string>();
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
      let flag: GuardFlag = GuardFlag.Physical;
      if (evaluator) {
        try {
          const j = interfaceJumps(anode, evaluator, state);
          a = j.dphiAnode;
          c = j.dphiCathode;
          // one guard evaluation per configuration and sample: the same warnings as map and table
          // a mixed conductor (electronic-conduction) breaks the model's electron-blocking premise
          // but not its numbers: counted with the near-edge samples and kept, like the nominal map
          const invalid = j.warnings.filter((w) => w.code !== "electronic-conduction");
          if (invalid.length) {
            flag = GuardFlag.Unphysical;
            warnings.set(key, invalid[0].message);
          } else if (j.warnings.length || j.fermiLevelClassAnodeSide !== "non-degenerate" || j.fermiLevelClassCathodeSide !== "non-degenerate") flag = GuardFlag.NearEdge;
        } catch (error) {
          if (!(error instanceof PotmapError)) throw error;
          if (failures.length < 50) failures.push(`${electrolyte.id} / ${state.id} ${state.soc}: ${error.message}`);
        }
      }
      found.set(key, { a, c, flag });
    }
  }
  const order = keys ?? [...found.keys()];
  const dphiAnode = new Float64Array(order.length);
  const dphiCathode = new Float64Array(order.length);
  const flags = new Uint8Array(order.length);
  order.forEach((key, i) => {
    const v = found.get(key);
    dphiAnode[i] = v ? v.a : NaN;
    dphiCathode[i] = v ? v.c : NaN;
    flags[i] = v ? v.flag : GuardFlag.Physical;
  });
  return { keys: order, dphiAnode, dphiCathode, flags, warnings, anode, labels, failures };
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
  const dphiAnode = Array.from({ length: m }, () => new Float64Array(samples).fill(NaN));
  const dphiCathode = Array.from({ length: m }, () => new Float64Array(samples).fill(NaN));
  // GuardFlag per configuration and sample (NaN values mark failures)
  const flags = Array.from({ length: m }, () => new Uint8Array(samples));
  const random = new Random(seed);
  let failedSamples = 0;
  let partialSamples = 0;
  let unphysicalSamples = 0;
  const failureReasons: string[] = [];
  const guardReasons: string[] = [];
  const firstWarning = new Map<number, string>();
  let perturbedPerSample = 0;
  let correlationGroups: Record<string, number> = {};
  const good: number[] = [];
  const guardsByElectrolyte: Record<string, { nearEdge: number; unphysical: number }> = {};
  for (const l of labels) guardsByElectrolyte[l.electrolyte] ??= { nearEdge: 0, unphysical: 0 };
  for (let s = 0; s < samples; s++) {
    const perturbed = perturbRecords(records, random, defaults, { independentCathodeStates: options.independentCathodeStates });
    perturbedPerSample = perturbed.perturbed;
    correlationGroups = perturbed.groups;
    try {
      const result = evaluate(perturbed.records, nominal.anode.id, keys);
      const near = new Set<string>();
      const beyond = new Set<string>();
      for (let i = 0; i < m; i++) {
        dphiAnode[i][s] = result.dphiAnode[i];
        dphiCathode[i][s] = result.dphiCathode[i];
        flags[i][s] = result.flags[i];
        if (result.flags[i] === GuardFlag.Unphysical) {
          beyond.add(labels[i].electrolyte);
          if (!firstWarning.has(i)) firstWarning.set(i, `sample ${s}: ${result.warnings.get(keys[i])}`);
        } else if (result.flags[i] === GuardFlag.NearEdge && !Number.isNaN(result.dphiCathode[i])) near.add(labels[i].electrolyte);
      }
      for (const e of near) guardsByElectrolyte[e].nearEdge++;
      for (const e of beyond) guardsByElectrolyte[e].unphysical++;
      if (beyond.size) {
        unphysicalSamples++;
        const i = result.flags.findIndex((f) => f === GuardFlag.Unphysical);
        if (guardReasons.length < 10) guardReasons.push(`sample ${s}: ${result.warnings.get(keys[i])}`);
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
    }
  }
  const valid = (i: number, s: number) => !Number.isNaN(dphiCathode[i][s]) && !Number.isNaN(dphiAnode[i][s]) && flags[i][s] !== GuardFlag.Unphysical;
  const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

  const configurations: ConfigurationDistribution[] = labels.map((label, i) => {
    let ok = 0;
    let barrierless = 0;
    let unphysical = 0;
    let nearEdge = 0;
    let failed = 0;
    const a: number[] = [];
    const c: number[] = [];
    for (let s = 0; s < samples; s++) {
      if (Number.isNaN(dphiCathode[i][s]) || Number.isNaN(dphiAnode[i][s])) failed++;
      else if (flags[i][s] === GuardFlag.Unphysical) unphysical++;
      else {
        ok++;
        if (flags[i][s] === GuardFlag.NearEdge) nearEdge++;
        a.push(dphiAnode[i][s]);
        c.push(dphiCathode[i][s]);
        if (Math.abs(dphiCathode[i][s]) < threshold) barrierless++;
      }
    }
    return {
      anode: nominal.anode.id,
      ...label,
      nominal: { dphiAnode: finiteOrNull(nominal.dphiAnode[i]), dphiCathode: finiteOrNull(nominal.dphiCathode[i]) },
      dphiAnode: ok ? distribution(a) : null,
      dphiCathode: ok ? distribution(c) : null,
      pBarrierless: ok ? barrierless / ok : null,
      validSamples: ok,
      unphysicalSamples: unphysical,
      nearEdgeSamples: nearEdge,
      failedSamples: failed,
    };
  });

  // pairs: worst |dphi_c| over SOC per sample (every state valid), ranked within each sample
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
  const pairValid = pairKeys.map(() => 0);
  const pairUnphysical = pairKeys.map(() => 0);
  const pairNear = pairKeys.map(() => 0);
  const pairFailed = pairKeys.map(() => 0);
  for (let s = 0; s < samples; s++) {
    pairKeys.forEach((key, p) => {
      let w = -Infinity;
      let complete = true;
      let unphysical = false;
      let near = false;
      for (const i of pairIndex.get(key)!) {
        if (Number.isNaN(dphiCathode[i][s]) || Number.isNaN(dphiAnode[i][s])) complete = false;
        else if (flags[i][s] === GuardFlag.Unphysical) unphysical = true;
        else {
          if (flags[i][s] === GuardFlag.NearEdge) near = true;
          w = Math.max(w, Math.abs(dphiCathode[i][s]));
        }
      }
      if (!complete) pairFailed[p]++;
      else if (unphysical) pairUnphysical[p]++;
      else if (w > -Infinity) {
        worst[p][s] = w;
        pairValid[p]++;
        if (near) pairNear[p]++;
        if (w < threshold) allBarrierless[p]++;
      }
    });
    const order = pairKeys.map((_, p) => p).filter((p) => !Number.isNaN(worst[p][s]));
    order.sort((a, b) => worst[a][s] - worst[b][s] || a - b);
    order.forEach((p, r) => {
      rankSum[p] += r + 1;
      rankCount[p]++;
    });
  }
  const ranking: RobustPair[] = [];
  const unranked: UnrankedPair[] = [];
  pairKeys.forEach((key, p) => {
    const [electrolyte, cathode] = key.split("\u0000");
    const indices = pairIndex.get(key)!;
    if (pairValid[p] === 0) {
      const warned = indices.map((i) => firstWarning.get(i)).find((w) => w !== undefined);
      unranked.push({
        electrolyte,
        cathode,
        unphysicalSamples: pairUnphysical[p],
        failedSamples: pairFailed[p],
        reason: warned ? `no valid sample; first guard warning: ${warned}` : `no valid sample: ${pairFailed[p]} of ${samples} could not be computed${failureReasons.length ? ` (first failure of the run: ${failureReasons[0]})` : ""}`,
      });
      return;
    }
    const pBarrierless: Record<string, number | null> = {};
    for (const i of indices) pBarrierless[labels[i].soc] = configurations[i].pBarrierless;
    let worstNominal = -Infinity;
    for (const i of indices) worstNominal = Math.max(worstNominal, Math.abs(nominal.dphiCathode[i]));
    ranking.push({
      rank: 0,
      electrolyte,
      cathode,
      worstNominal: finiteOrNull(worstNominal),
      worst: distribution(worst[p]),
      pBarrierless,
      pAllBarrierless: allBarrierless[p] / pairValid[p],
      meanRank: rankSum[p] / rankCount[p],
      validSamples: pairValid[p],
      unphysicalSamples: pairUnphysical[p],
      nearEdgeSamples: pairNear[p],
    });
  });
  ranking.sort((a, b) => a.worst.p50 - b.worst.p50 || a.meanRank - b.meanRank || a.electrolyte.localeCompare(b.electrolyte) || a.cathode.localeCompare(b.cathode));
  ranking.forEach((r, i) => (r.rank = i + 1));

  const cathodeStatesShareOffsets = !options.independentCathodeStates;
  const defaultedKinds = Object.entries(defaults).filter(([, v]) => (v ?? 0) > 0);
  const declaredGroups = [...new Set(declared.filter((d) => d.correlation !== undefined).map((d) => d.correlation!))];
  const note =
    (declared.length === 0 ? "no record declares an uncertainty; " : `${declared.length} quantities declare an uncertainty; `) +
    (defaultedKinds.length
      ? `the others of kind ${defaultedKinds.map(([k, v]) => `${k} (${v})`).join(", ")} were perturbed with ${defaultsAreBuiltIn ? "the built-in" : "the given"} default one-sigma uncertainties`
      : "no default uncertainties were applied") +
    "; normal draws, independent except: " +
    (cathodeStatesShareOffsets ? "the states of one cathode share their IP (offset) draw (independentCathodeStates to draw them apart)" : "the states of one cathode are drawn independently") +
    (declaredGroups.length ? `; correlation groups declared by the records share one draw each: ${declaredGroups.join(", ")}` : "; no record declares a correlation group") +
    "; samples whose guard evaluation warns (E_F at or beyond a band edge) are left out of a configuration's statistics and counted";
  return {
    samples,
    seed,
    threshold,
    failedSamples,
    partialSamples,
    unphysicalSamples,
    failureReasons,
    guardReasons,
    guardsByElectrolyte,
    uncertainty: { declared, defaults, defaultsAreBuiltIn, perturbedPerSample, correlationGroups, cathodeStatesShareOffsets, note },
    configurations,
    ranking,
    unranked,
    inputFailures,
  };
}
