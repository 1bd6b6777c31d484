/**
 * Screening: every anode x electrolyte x cathode-state configuration of a set of material
 * files, ranking cathode/electrolyte pairs by their worst |dphi_c| over the cathode's
 * states of charge (the paper's criterion: a good pair has a small jump at every SOC).
 *
 * Robust to bad input: each file is read on its own (io/readRecords.ts) and each configuration
 * computed on its own; a PotmapError is recorded as a failure {file, reason} and the run goes on.
 *
 * Fast: each electrolyte's defect system is compiled once and its E_F cached per mu_Li
 * (the anode side depends only on the window, the cathode side only on min(V_high, OCV)),
 * so a configuration costs a few additions (whatif/interfaceJumps.ts).
 * No configuration result is ever a silent NaN: non-finite inputs or results become failures.
 */
import { orderedCathodeStates, orderedElectrolytes } from "../cell/dataSet";
import { PotmapError } from "../core/errors";
import { Anode, CathodeState, DataSet } from "../cell/materials";
import { hinders } from "../cell/potential";
import { MaterialFailure, readMaterialsLenient, reasonOf } from "../io/readRecords";
import { checkFiniteInputs, electrolyteEvaluator, ElectrolyteEvaluator } from "./interfaceJumps";
import { screenJumpsOf } from "./screenJumps";
import { PotmapWarning } from "../defects/guards";
import { checkDataSetShape } from "../cell/checkArguments";

/** |dphi_c| below this (V) counts as barrier-less. */
export const barrierlessThreshold = 0.1;

export interface ScreenRow {
  anode: string;
  electrolyte: string;
  cathode: string;
  soc: string;
  ocv: number;
  dphiAnode: number;
  dphiCathode: number;
  hindersCathode: "discharge" | "charge" | "neither";
  barrierless: boolean;
  reducedByAnode: boolean;
  electronLeakageRisk: boolean;
  oxidizedByCathode: boolean;
  /** Number of guard warnings of this configuration (their messages: ScreenResult.warnings). */
  warnings: number;
}

export interface PairRank {
  rank: number;
  electrolyte: string;
  cathode: string;
  /** max over states of charge (and anodes) of |dphi_c|, V */
  worstAbsDphiCathode: number;
  worstSoc: string;
  meanAbsDphiCathode: number;
  /** dphi_c per state of charge, V */
  states: { soc: string; ocv: number; dphiCathode: number }[];
  /** every state of charge was computed and has |dphi_c| < threshold */
  allBarrierless: boolean;
  /** dphi_a per anode, V */
  dphiAnode: Record<string, number>;
  oxidizedByCathode: boolean;
  reducedByAnode: boolean;
  /** States of charge whose configuration failed (the pair is ranked after complete ones). */
  failedStates: string[];
  /** Guard warnings over the pair's configurations (E_F at or beyond a band edge). */
  warnings: number;
}

export interface ScreenOptions {
  /** Electrolyte temperature, K (default: each record's). */
  temperature?: number;
  /** Barrier-less threshold on |dphi_c|, V (default 0.1). */
  threshold?: number;
  /** "role:id" -> file, to name the file of a failed configuration. */
  files?: Map<string, string>;
  /** Called every `progressEvery` configurations and at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface ScreenResult {
  /** anodes x electrolytes x cathode states, including the failed ones */
  configurations: number;
  rows: ScreenRow[];
  pairs: PairRank[];
  failures: MaterialFailure[];
  threshold: number;
  temperature?: number;
  /** Wall time of the computation, ms. */
  elapsedMs: number;
  /** Every distinct guard warning of the configurations (E_F at or beyond a band edge). */
  warnings: PotmapWarning[];
}

/** Every anode x electrolyte x cathode state, then the ranked pairs. */
export function screen(set: DataSet, options: ScreenOptions = {}): ScreenResult {
  checkDataSetShape(set);
  const threshold = options.threshold ?? barrierlessThreshold;
  if (!(threshold > 0) || !Number.isFinite(threshold)) throw new PotmapError("must be a positive voltage", { field: "threshold", value: threshold });
  const temperature = options.temperature;
  if (temperature !== undefined && (!(temperature > 0) || !Number.isFinite(temperature))) {
    throw new PotmapError("must be a positive temperature in K", { field: "temperature", value: temperature });
  }
  const start = performance.now();
  const fileOf = (role: string, id: string) => options.files?.get(`${role}:${id}`) ?? id;
  const electrolytes = orderedElectrolytes(set);
  const allStates = orderedCathodeStates(set);
  const total = set.anodes.length * electrolytes.length * allStates.length;
  const every = options.progressEvery ?? 500;
  const rows: ScreenRow[] = [];
  const failures: MaterialFailure[] = [];
  const failedStates = new Map<string, string[]>();
  const warningMessages = new Map<string, PotmapWarning>();
  // A broken record is reported once, not once per configuration it takes part in.
  const usable = <T extends Anode | CathodeState>(items: T[], role: string): T[] =>
    items.filter((m) => {
      try {
        checkFiniteInputs(m);
        return true;
      } catch (error) {
        if (!(error instanceof PotmapError)) throw error;
        failures.push({ file: fileOf(role, m.id), reason: reasonOf(error) });
        return false;
      }
    });
  const anodes = usable(set.anodes, "anode");
  const states = usable(allStates, "cathode");
  let done = 0;
  for (const electrolyte of electrolytes) {
    let evaluator: ElectrolyteEvaluator | undefined;
    try {
      checkFiniteInputs(electrolyte);
      evaluator = electrolyteEvaluator(electrolyte, temperature);
      // the anode-side E_F is shared by every configuration of this electrolyte
      const fermiLevel = evaluator.fermiLevel(-Math.max(electrolyte.window.lower, 0));
      if (!Number.isFinite(fermiLevel)) throw new PotmapError("the Fermi level is not finite", { field: "fermiLevel", value: fermiLevel });
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      failures.push({ file: fileOf("electrolyte", electrolyte.id), reason: reasonOf(error) });
      evaluator = undefined;
    }
    if (!evaluator) {
      done += set.anodes.length * allStates.length;
      if (options.onProgress) options.onProgress(done, total);
      continue;
    }
    for (const state of allStates) {
      if (states.includes(state)) continue;
      // a cathode state refused above: its pairs are incomplete, not complete without it
      const key = `${electrolyte.id}\u0000${state.id}`;
      failedStates.set(key, [...(failedStates.get(key) ?? []), state.soc]);
    }
    // interfaceJumps' numbers without a map per configuration (whatif/screenJumps.ts)
    const jumps = screenJumpsOf(evaluator);
    for (const anode of anodes) {
      for (const state of states) {
        done++;
        try {
          const j = jumps(anode, state);
          rows.push({
            anode: anode.id,
            electrolyte: electrolyte.id,
            cathode: state.id,
            soc: state.soc,
            ocv: j.ocv,
            dphiAnode: j.dphiAnode,
            dphiCathode: j.dphiCathode,
            hindersCathode: hinders(j.dphiCathode),
            barrierless: Math.abs(j.dphiCathode) < threshold,
            reducedByAnode: j.reducedByAnode,
            electronLeakageRisk: j.electronLeakageRisk,
            oxidizedByCathode: j.oxidizedByCathode,
            warnings: j.warnings.length,
          });
          for (const w of j.warnings) if (!warningMessages.has(w.message)) warningMessages.set(w.message, w);
        } catch (error) {
          if (!(error instanceof PotmapError)) throw error;
          failures.push({
            file: `${fileOf("electrolyte", electrolyte.id)} x ${fileOf("cathode", state.id)}`,
            configuration: `${anode.id} | ${electrolyte.id} | ${state.id} ${state.soc}`,
            reason: reasonOf(error),
          });
          const key = `${electrolyte.id}\u0000${state.id}`;
          const list = failedStates.get(key) ?? [];
          if (!list.includes(state.soc)) list.push(state.soc);
          failedStates.set(key, list);
        }
        if (options.onProgress && done % every === 0) options.onProgress(done, total);
      }
    }
    done += (set.anodes.length - anodes.length) * allStates.length + anodes.length * (allStates.length - states.length);
  }
  if (options.onProgress) options.onProgress(total, total);
  const pairs = rankPairs(rows, threshold, failedStates);
  const result: ScreenResult = { configurations: total, rows, pairs, failures, threshold, elapsedMs: performance.now() - start, warnings: [...warningMessages.values()] };
  if (temperature !== undefined) result.temperature = temperature;
  return result;
}

/**
 * Group rows by electrolyte/cathode and rank by worst |dphi_c| (then mean |dphi_c|, then
 * names). Pairs with a failed state of charge come after all complete pairs.
 */
export function rankPairs(rows: readonly ScreenRow[], threshold = barrierlessThreshold, failedStates = new Map<string, string[]>()): PairRank[] {
  // groups in order of first appearance; looked up by electrolyte, then cathode (no key strings per row)
  const index = new Map<string, Map<string, ScreenRow[]>>();
  const groups: { electrolyte: string; cathode: string; key: string; list: ScreenRow[] }[] = [];
  for (const row of rows) {
    let byCathode = index.get(row.electrolyte);
    if (byCathode === undefined) index.set(row.electrolyte, (byCathode = new Map()));
    const list = byCathode.get(row.cathode);
    if (list) list.push(row);
    else {
      const fresh = [row];
      byCathode.set(row.cathode, fresh);
      groups.push({ electrolyte: row.electrolyte, cathode: row.cathode, key: `${row.electrolyte}\u0000${row.cathode}`, list: fresh });
    }
  }
  for (const key of failedStates.keys()) {
    const [electrolyte, cathode] = key.split("\u0000");
    if (!index.get(electrolyte)?.has(cathode)) {
      index.set(electrolyte, (index.get(electrolyte) ?? new Map()).set(cathode, []));
      groups.push({ electrolyte, cathode, key, list: [] });
    }
  }
  const pairs: PairRank[] = [];
  for (const { electrolyte, cathode, key, list } of groups) {
    let worst = -Infinity;
    let worstSoc = "";
    const states: PairRank["states"] = [];
    const dphiAnode: Record<string, number> = {};
    let sum = 0;
    for (const row of list) {
      const a = Math.abs(row.dphiCathode);
      if (a > worst) {
        worst = a;
        worstSoc = row.soc;
      }
      if (!states.some((s) => s.soc === row.soc)) {
        states.push({ soc: row.soc, ocv: row.ocv, dphiCathode: row.dphiCathode });
        sum += a;
      }
      dphiAnode[row.anode] = row.dphiAnode;
    }
    pairs.push({
      rank: 0,
      electrolyte,
      cathode,
      worstAbsDphiCathode: list.length ? worst : NaN,
      worstSoc,
      meanAbsDphiCathode: states.length ? sum / states.length : NaN,
      states,
      allBarrierless: list.length > 0 && worst < threshold && !failedStates.get(key)?.length,
      dphiAnode,
      oxidizedByCathode: list.some((r) => r.oxidizedByCathode),
      reducedByAnode: list.some((r) => r.reducedByAnode),
      failedStates: failedStates.get(key) ?? [],
      warnings: list.reduce((n, r) => n + (r.warnings), 0),
    });
  }
  const order = (p: PairRank) => (p.failedStates.length > 0 || !Number.isFinite(p.worstAbsDphiCathode) ? 1 : 0);
  pairs.sort(
    (a, b) =>
      order(a) - order(b) ||
      nanLast(a.worstAbsDphiCathode, b.worstAbsDphiCathode) ||
      nanLast(a.meanAbsDphiCathode, b.meanAbsDphiCathode) ||
      a.electrolyte.localeCompare(b.electrolyte) ||
      a.cathode.localeCompare(b.cathode),
  );
  pairs.forEach((p, i) => (p.rank = i + 1));
  return pairs;
}

function nanLast(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a - b;
}

/** Read a folder or list of material files leniently and screen what could be read. */
export function screenMaterials(
  spec: string | readonly string[],
  options: Omit<ScreenOptions, "files"> & { onReadProgress?: (done: number, total: number) => void } = {},
): ScreenResult & { readMs: number } {
  const start = performance.now();
  const loaded = readMaterialsLenient(spec, options.onReadProgress);
  const readMs = performance.now() - start;
  const result = screen(loaded.set, { ...options, files: loaded.files });
  return { ...result, failures: [...loaded.failures, ...result.failures], readMs };
}
