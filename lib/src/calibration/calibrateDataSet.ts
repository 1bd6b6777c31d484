/**
 * Calibrating the built-in data set against the paper's published numbers (model.md
 * section 4), in code so that it is reproducible and so that it can be re-run with a
 * column held out (leave-one-out). Works on raw material records (parsed JSON) so that
 * the result can be written back with its provenance notes intact.
 *
 * What is calibrated, in order:
 *  1. one "knob" per constructed electrolyte defect set (a single formation energy that
 *     sets where its regimes change), by minimising the Table 1 misfit;
 *  2. each electrolyte's IP from its published dphi_a (closed form, eq. 6);
 *  3. per cathode state, the constant K_c = E_F,c - IP_c + psi_a + OCV (through IP_c) and,
 *     only where the LPO column needs it, the OCV: the value closest to the eq. 3 prior
 *     among those minimising the misfit (dphi_c = K_c - phi_SE(-min(OCV, V_high)), eq. 7).
 * Every other number computed from the data set is a prediction.
 */
import { calibrateElectrolyteIP } from "./calibrate";
import { PotmapError } from "../core/errors";
import { fermiLevelFunction } from "../cell/fermiLevel";
import { Anode, CathodeState, Electrolyte, Material } from "../cell/materials";
import { electrostaticPotential } from "../cell/potential";
import { toMaterial } from "../io/readMaterials";
import { goldenMinimum } from "../numerics/minimize";

type Json = Record<string, any>;

export interface PublishedRow {
  cathode: string;
  electrolyte: string;
  soc: string;
  dphiCathode: number;
}

export interface PublishedNumbers {
  dphiAnode: { values: Record<string, number> };
  table1: { rows: PublishedRow[] };
  inconsistent: { cathode: string; electrolyte: string; soc: string }[];
}

/** A single formation energy of an electrolyte record that calibration may move. */
export interface Knob {
  electrolyte: string;
  /** Path inside the record to a quantity object ({ value, calibrated }). */
  path: (string | number)[];
  /** Search interval, eV. */
  range: [number, number];
}

export interface StateFit {
  cathode: string;
  soc: string;
  ionizationPotential: number;
  ocv: number;
  ocvPrior: number;
  /** K_c, V (absent when no published value constrains the state) */
  constant?: number;
  /** published - model, per electrolyte used */
  residuals: Record<string, number>;
}

export interface DataSetCalibration {
  /** Records (by file name) with every calibrated value written in. */
  records: Record<string, Json>;
  knobs: { electrolyte: string; path: (string | number)[]; value: number }[];
  electrolyteIP: Record<string, number>;
  states: StateFit[];
  /** Sum of squared residuals over the table entries used, V^2. */
  misfit: number;
  /** The misfit with one knob moved (the others as calibrated), V^2. */
  misfitAt(electrolyte: string, value: number): number;
}

export interface CalibrationOptions {
  /** Electrolyte whose Table 1 column is held out (leave-one-out). Its knob keeps its stored default. */
  holdOut?: string;
  /** Knob values to start from (defaults: the values stored in the records). */
  start?: Record<string, number>;
  /** Grid spacing of the OCV search, V (default 0.01). */
  ocvStep?: number;
  /** Keep the knob values of the records (steps 2-3 only), e.g. to check stored values. */
  fixedKnobs?: boolean;
}

const key = (c: string, soc: string) => `${c} ${soc}`;

function getAt(record: Json, path: (string | number)[]): Json {
  let node: any = record;
  for (const p of path) {
    node = node?.[p];
    if (node === undefined) throw new PotmapError("calibration path not found in the record", { field: path.join("."), value: record.id });
  }
  return node;
}

/** Copy records and set a knob's value. */
function withKnob(records: Record<string, Json>, file: string, path: (string | number)[], value: number): Record<string, Json> {
  const copy = { ...records, [file]: structuredClone(records[file]) };
  getAt(copy[file], path).value = value;
  return copy;
}

function fileOf(records: Record<string, Json>, role: string, id: string): string {
  const file = Object.keys(records).find((f) => records[f].role === role && records[f].id === id);
  if (!file) throw new PotmapError(`no ${role} record with this id`, { field: "id", value: id });
  return file;
}

interface Model {
  anode: Anode;
  electrolytes: Electrolyte[];
  states: CathodeState[];
}

function materials(records: Record<string, Json>): Model {
  const all: Material[] = Object.entries(records).map(([file, r]) => toMaterial(r, file));
  const anode = all.find((m): m is Anode => m.role === "anode");
  if (!anode) throw new PotmapError("the data set has no anode", { field: "role" });
  return {
    anode,
    electrolytes: all.filter((m): m is Electrolyte => m.role === "electrolyte"),
    states: all.flatMap((m) => (m.role === "cathode" ? m.states : [])),
  };
}

/** phi_SE(mu) of an electrolyte with a given IP (eq. 5). */
function potentialFunction(e: Electrolyte, workFunction: number): (mu: number) => number {
  const fermi = fermiLevelFunction(e.fermiLevel);
  return (mu) => electrostaticPotential(fermi(mu), e.ionizationPotential, workFunction, mu);
}

/**
 * Step 3 for one state: choose OCV (closest to the prior among the best) and K_c by least
 * squares. `phiAt(e, V)` gives phi_SE at mu = -V for V inside the window.
 */
function fitState(
  state: CathodeState,
  electrolytes: Electrolyte[],
  targets: Record<string, number>,
  phiAt: (e: Electrolyte, voltage: number) => number,
  workFunction: number,
  step: number,
): StateFit {
  const used = electrolytes.filter((e) => targets[e.id] !== undefined);
  const prior = state.ocvComputed ?? state.ocv;
  if (used.length === 0) {
    return { cathode: state.id, soc: state.soc, ionizationPotential: state.ionizationPotential, ocv: prior, ocvPrior: prior, residuals: {} };
  }
  const evaluate = (ocv: number) => {
    const c = used.map((e) => phiAt(e, Math.min(ocv, e.window.upper)));
    const constant = used.reduce((s, e, i) => s + targets[e.id] + c[i], 0) / used.length;
    const misfit = used.reduce((s, e, i) => s + (constant - c[i] - targets[e.id]) ** 2, 0);
    return { constant, misfit, c };
  };
  // The OCV matters only below the highest V_high of the electrolytes used. An eq. 3 value
  // above it is kept: moving it could not change the table, and keeping it leaves the
  // electrolyte knobs identifiable (otherwise every LPO entry could be met by its OCV).
  const lowest = Math.max(...used.map((e) => Math.max(e.window.lower, 0))) + step;
  const highest = Math.max(...used.map((e) => e.window.upper));
  let best = { ocv: prior, ...evaluate(prior) };
  const search = prior < highest;
  const tie = (a: number, b: number) => Math.abs(a - b) <= 1e-10 + 1e-6 * Math.min(a, b);
  for (let i = 0, v = lowest; search && v <= highest + step; i++, v = lowest + i * step) {
    const trial = { ocv: v, ...evaluate(v) };
    if (trial.misfit < best.misfit && !tie(trial.misfit, best.misfit)) best = trial;
    else if (tie(trial.misfit, best.misfit) && Math.abs(v - prior) < Math.abs(best.ocv - prior)) best = trial;
  }
  if (best.ocv !== prior) {
    // refine inside the grid cell
    const refinedOcv = goldenMinimum((v) => evaluate(v).misfit, best.ocv - step, best.ocv + step, 20);
    const r = evaluate(refinedOcv);
    if (r.misfit <= best.misfit) best = { ocv: refinedOcv, ...r };
    // a flat optimum (LPO saturated above its window): take the end nearest the prior
    if (best.ocv >= highest && prior >= highest) best = { ocv: prior, ...evaluate(prior) };
  }
  const residuals: Record<string, number> = {};
  used.forEach((e, i) => (residuals[e.id] = targets[e.id] - (best.constant - best.c[i])));
  return {
    cathode: state.id,
    soc: state.soc,
    // K_c = E_F,c - IP_c + psi_a + OCV
    ionizationPotential: state.fermiLevel + workFunction + best.ocv - best.constant,
    ocv: best.ocv,
    ocvPrior: prior,
    constant: best.constant,
    residuals,
  };
}

/** Table 1 targets per cathode state, without held-out and self-inconsistent entries. */
export function tableTargets(published: PublishedNumbers, holdOut?: string): Map<string, Record<string, number>> {
  const bad = (r: PublishedRow) => published.inconsistent.some((i) => i.cathode === r.cathode && i.electrolyte === r.electrolyte && i.soc === r.soc);
  const targets = new Map<string, Record<string, number>>();
  for (const row of published.table1.rows) {
    if (row.electrolyte === holdOut || bad(row)) continue;
    const k = key(row.cathode, row.soc);
    targets.set(k, { ...(targets.get(k) ?? {}), [row.electrolyte]: row.dphiCathode });
  }
  return targets;
}

/** Steps 2-3 for fixed knobs: electrolyte IPs, then every cathode state. */
function fitAll(records: Record<string, Json>, published: PublishedNumbers, options: CalibrationOptions) {
  const model = materials(records);
  const psi = model.anode.workFunction;
  const electrolyteIPs: Record<string, number> = {};
  const electrolytes = model.electrolytes.map((e) => {
    const target = published.dphiAnode.values[e.id];
    if (target === undefined) return e;
    const ip = calibrateElectrolyteIP(model.anode, e, target);
    electrolyteIPs[e.id] = ip;
    return { ...e, ionizationPotential: ip };
  });
  // phi_SE(-V) cached on the OCV grid: the LPO-like columns need it at many voltages
  const step = options.ocvStep ?? 0.01;
  const cache = new Map<string, Map<number, number>>();
  const functions = new Map(electrolytes.map((e) => [e.id, potentialFunction(e, psi)]));
  const phiAt = (e: Electrolyte, voltage: number) => {
    let table = cache.get(e.id);
    if (!table) cache.set(e.id, (table = new Map()));
    let value = table.get(voltage);
    if (value === undefined) table.set(voltage, (value = functions.get(e.id)!(-voltage)));
    return value;
  };
  const targets = tableTargets(published, options.holdOut);
  const states = model.states.map((s) => fitState(s, electrolytes, targets.get(key(s.id, s.soc)) ?? {}, phiAt, psi, step));
  const misfit = states.reduce((sum, s) => sum + Object.values(s.residuals).reduce((a, r) => a + r * r, 0), 0);
  return { electrolyteIPs, states, misfit };
}

/** Calibrate every knob (coordinate search), then write all calibrated values into copies of the records. */
export function calibrateDataSet(
  input: Record<string, Json>,
  published: PublishedNumbers,
  knobs: Knob[],
  options: CalibrationOptions = {},
): DataSetCalibration {
  let records = input;
  const active = knobs.filter((k) => k.electrolyte !== options.holdOut);
  for (const k of active) {
    const start = options.start?.[k.electrolyte];
    if (start !== undefined) records = withKnob(records, fileOf(records, "electrolyte", k.electrolyte), k.path, start);
  }
  const misfitWith = (k: Knob, value: number) =>
    fitAll(withKnob(records, fileOf(records, "electrolyte", k.electrolyte), k.path, value), published, options).misfit;
  // Coordinate search: a coarse scan of each knob's range, golden-section refinement, then
  // local passes until no knob moves by more than 1e-4 eV (they interact only through K_c).
  const knobValue = (k: Knob) => getAt(records[fileOf(records, "electrolyte", k.electrolyte)], k.path).value as number;
  for (let pass = 0; pass < (options.fixedKnobs ? 0 : 6); pass++) {
    let moved = 0;
    for (const k of active) {
      const [lo, hi] = k.range;
      let a: number;
      let b: number;
      if (pass === 0) {
        const n = 16;
        let bestI = 0;
        let bestM = Infinity;
        for (let i = 0; i <= n; i++) {
          const m = misfitWith(k, lo + ((hi - lo) * i) / n);
          if (m < bestM) [bestI, bestM] = [i, m];
        }
        a = lo + ((hi - lo) * Math.max(bestI - 1, 0)) / n;
        b = lo + ((hi - lo) * Math.min(bestI + 1, n)) / n;
      } else {
        a = Math.max(lo, knobValue(k) - 0.03);
        b = Math.min(hi, knobValue(k) + 0.03);
      }
      const value = goldenMinimum((v) => misfitWith(k, v), a, b, pass === 0 ? 24 : 16);
      moved = Math.max(moved, Math.abs(value - knobValue(k)));
      records = withKnob(records, fileOf(records, "electrolyte", k.electrolyte), k.path, value);
    }
    if (pass > 0 && moved < 5e-4) break;
  }
  const fit = fitAll(records, published, options);
  const out: Record<string, Json> = {};
  for (const [f, r] of Object.entries(records)) out[f] = structuredClone(r);
  for (const [id, ip] of Object.entries(fit.electrolyteIPs)) out[fileOf(out, "electrolyte", id)].ionizationPotential.value = ip;
  const byKey = new Map(fit.states.map((s) => [key(s.cathode, s.soc), s]));
  for (const file of Object.keys(out).filter((f) => out[f].role === "cathode")) {
    for (const s of out[file].states as Json[]) {
      const f = byKey.get(key(out[file].id, s.soc));
      if (!f || f.constant === undefined) continue;
      s.ionizationPotential.value = f.ionizationPotential;
      s.ocv.value = f.ocv;
    }
  }
  return {
    records: out,
    misfitAt: (electrolyte: string, value: number) => {
      const k = active.find((x) => x.electrolyte === electrolyte);
      if (!k) throw new PotmapError("no knob for this electrolyte", { field: "electrolyte", value: electrolyte });
      return misfitWith(k, value);
    },
    knobs: active.map((k) => ({ electrolyte: k.electrolyte, path: k.path, value: getAt(records[fileOf(records, "electrolyte", k.electrolyte)], k.path).value })),
    electrolyteIP: fit.electrolyteIPs,
    states: fit.states,
    misfit: fit.misfit,
  };
}
