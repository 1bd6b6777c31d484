/**
 * Calibrating the built-in data set against the paper's published numbers (model.md
 * section 4), in code so that it is reproducible and so that it can be re-run with a
 * column held out (leave-one-out). Works on raw material records (parsed JSON) so that
 * the result can be written back with its provenance notes intact.
 *
 * What is calibrated, in order:
 *  1. one "knob" per constructed electrolyte defect set (one formation energy, addressed by
 *     defect name and charge), by minimising the Table 1 misfit inside physical bounds: a
 *     fixed search range, optionally narrowed so that E_F stays a given number of kT inside
 *     the gap across the window (no degenerate carriers), and optionally with a partner
 *     energy that follows so that a published pair (Frenkel) energy is kept;
 *  2. each electrolyte's IP from its published dphi_a (closed form, eq. 6);
 *  3. per cathode state, K_c = E_F,c - IP_c + psi_a + OCV through IP_c, by least squares over
 *     the state's printed values (dphi_c = K_c - phi_SE(-min(OCV, V_high)), eq. 7).
 * The OCVs are inputs (eq. 3 from phase entries, cathodeVoltage.ts), never fitted.
 */
import { calibrateElectrolyteIP } from "./calibrate";
import { PotmapError } from "../core/errors";
import { thermalEnergy } from "../core/constants";
import { fermiLevelFunction } from "../cell/fermiLevel";
import { Anode, CathodeState, Electrolyte, Material } from "../cell/materials";
import { electrostaticPotential } from "../cell/potential";
import { toMaterial } from "../io/readMaterials";
import { goldenMinimum } from "../numerics/minimize";
import { recordQuantity } from "../inputs/recordInputs";
import { defectEnergyPath } from "../inputs/paths";

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

/** A charge state of a named defect in an electrolyte record. */
export interface EnergyAddress {
  defect: string;
  charge: number;
}

/** A single formation energy E0(defect, charge) of an electrolyte record that calibration may move. */
export interface Knob extends EnergyAddress {
  electrolyte: string;
  /** Search interval, eV. */
  range: [number, number];
  /** Keep E_F at least this many kT from both band edges across the window (narrows `range`). */
  insideGap?: number;
  /** A partner energy set to `value` minus the knob, so the pair energy (e.g. Frenkel) stays `value` eV. */
  pair?: EnergyAddress & { value: number };
}

export interface StateFit {
  cathode: string;
  soc: string;
  ionizationPotential: number;
  ocv: number;
  /** K_c, V (absent when no published value constrains the state) */
  constant?: number;
  /** printed dphi_c per electrolyte used */
  targets: Record<string, number>;
  /** e*phi_SE(mu_c*) per electrolyte used, eV */
  potentials: Record<string, number>;
  /** published - model, per electrolyte used */
  residuals: Record<string, number>;
}

export interface KnobResult {
  electrolyte: string;
  defect: string;
  charge: number;
  value: number;
  /** The physical bounds searched, eV. */
  bounds: [number, number];
  /** Pair energy kept, eV (with `pair`). */
  pairValue?: number;
  /**
   * The bound the fitted value sits on (within 1e-3 eV), if any: "insideGap" for the
   * non-degeneracy bound of `insideGap`, "range" for the search range. A binding bound is a
   * constraint that decides the value, reported as such (never a result of the fit).
   */
  binding?: "insideGap" | "range";
}

export interface DataSetCalibration {
  /** Records (by file name) with every calibrated value written in. */
  records: Record<string, Json>;
  knobs: KnobResult[];
  electrolyteIP: Record<string, number>;
  states: StateFit[];
  /** Sum of squared residuals over the fitted table entries (not the predicted columns), V^2. */
  misfit: number;
  /** The misfit with one knob moved (the others as calibrated), V^2. */
  misfitAt(electrolyte: string, value: number): number;
}

export interface CalibrationOptions {
  /** Electrolyte whose Table 1 column is held out (leave-one-out). Its knob keeps its stored value. */
  holdOut?: string;
  /** Knob values to start from (defaults: the values stored in the records). */
  start?: Record<string, number>;
  /** Keep the knob values of the records (steps 2-3 only), e.g. to check stored values. */
  fixedKnobs?: boolean;
  /**
   * Columns left out of the cathode-IP least squares (still compared, and still the target of
   * their own electrolyte's knob), e.g. LPO, whose values depend on the OCVs.
   */
  ipColumns?: string[];
  /** Plausible range of a cathode slab IP, eV: a least-squares IP outside it is set to the nearer end. */
  ipBounds?: [number, number];
}

const key = (c: string, soc: string) => `${c} ${soc}`;

/** The energy quantity object ({ value, ... }) of a defect's charge state in an electrolyte record (the table of inputs, inputs/recordInputs.ts). */
export function energyQuantity(record: Json, address: EnergyAddress): Json {
  const where = (field: string, value: unknown) => ({ file: `${record.id}.json`, field, value });
  const quantity = recordQuantity(record, defectEnergyPath(String(record.id), address.defect, address.charge));
  if (quantity) return quantity;
  const defect = (record.fermiLevel?.defects as Json[] | undefined)?.find((d) => d.name === address.defect);
  if (!defect) throw new PotmapError("calibration: no defect of this name in the record", where("fermiLevel.defects.name", address.defect));
  const state = (defect.chargeStates as Json[]).find((s) => s.charge === address.charge);
  if (!state) throw new PotmapError(`calibration: defect ${address.defect} has no state of this charge`, where("chargeStates.charge", address.charge));
  throw new PotmapError("calibration: the energy must be a quantity object { value, ... }", where(`${address.defect}(${address.charge}).energy`, state.energy));
}

function fileOf(records: Record<string, Json>, role: string, id: string): string {
  const file = Object.keys(records).find((f) => records[f].role === role && records[f].id === id);
  if (!file) throw new PotmapError(`no ${role} record with this id`, { field: "id", value: id });
  return file;
}

/** Copy records and set a knob's value (and its pair partner). */
function withKnob(records: Record<string, Json>, k: Knob, value: number): Record<string, Json> {
  const file = fileOf(records, "electrolyte", k.electrolyte);
  const copy = { ...records, [file]: structuredClone(records[file]) };
  energyQuantity(copy[file], k).value = value;
  if (k.pair) energyQuantity(copy[file], k.pair).value = k.pair.value - value;
  return copy;
}

const knobValue = (records: Record<string, Json>, k: Knob): number => energyQuantity(records[fileOf(records, "electrolyte", k.electrolyte)], k).value;

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

/**
 * Smallest distance of E_F to a band edge across an electrolyte's window, in kT, sampled at
 * `points` voltages from V_low to V_high (the carriers use the unshifted gap).
 */
export function bandEdgeMargin(e: Electrolyte, points = 5): number {
  if (e.fermiLevel.rule !== "defects") return Infinity;
  const fermi = fermiLevelFunction(e.fermiLevel);
  const kT = thermalEnergy(e.fermiLevel.system.temperature);
  const lower = Math.max(e.window.lower, 0);
  let margin = Infinity;
  for (let i = 0; i < points; i++) {
    const ef = fermi(-(lower + ((e.window.upper - lower) * i) / (points - 1)));
    margin = Math.min(margin, ef / kT, (e.bandGap - ef) / kT);
  }
  return margin;
}

/**
 * The part of a knob's range inside its physical bound: the longest run of a 40-point grid
 * where E_F stays `insideGap` kT inside the gap, its ends refined by bisection.
 */
export function knobBounds(records: Record<string, Json>, k: Knob): [number, number] {
  if (k.insideGap === undefined) return k.range;
  const file = fileOf(records, "electrolyte", k.electrolyte);
  const ok = (v: number) => {
    const e = toMaterial(withKnob(records, k, v)[file], file);
    return e.role === "electrolyte" && bandEdgeMargin(e) >= k.insideGap!;
  };
  const [lo, hi] = k.range;
  const n = 40;
  const grid = Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
  const flags = grid.map(ok);
  let best: [number, number] | null = null;
  for (let i = 0; i <= n; i++) {
    if (!flags[i]) continue;
    let j = i;
    while (j + 1 <= n && flags[j + 1]) j++;
    if (!best || j - i > best[1] - best[0]) best = [i, j];
    i = j;
  }
  if (!best) {
    throw new PotmapError(`calibration: no value of the knob keeps E_F ${k.insideGap} kT inside the gap across the window`, {
      file: `${k.electrolyte}.json`, field: `${k.defect}(${k.charge}).energy`, value: `${lo}..${hi}`,
    });
  }
  const refine = (inside: number, outside: number) => {
    for (let it = 0; it < 30; it++) {
      const mid = (inside + outside) / 2;
      if (ok(mid)) inside = mid;
      else outside = mid;
    }
    return inside;
  };
  // 1e-4 eV inside, so that a value on the bound stays inside once stored to four decimals
  const a = best[0] > 0 ? refine(grid[best[0]], grid[best[0] - 1]) + 1e-4 : lo;
  const b = best[1] < n ? refine(grid[best[1]], grid[best[1] + 1]) - 1e-4 : hi;
  return [a, b];
}

/** phi_SE(mu) of an electrolyte with a given IP (eq. 5). */
function potentialFunction(e: Electrolyte, workFunction: number): (mu: number) => number {
  const fermi = fermiLevelFunction(e.fermiLevel, undefined, e.scissor);
  return (mu) => electrostaticPotential(fermi(mu), e.ionizationPotential, workFunction, mu);
}

/** Step 3 for one state: K_c (through IP_c) by least squares over the printed values. */
function fitState(
  state: CathodeState,
  electrolytes: Electrolyte[],
  targets: Record<string, number>,
  phiAt: (e: Electrolyte, voltage: number) => number,
  workFunction: number,
  ipColumns?: string[],
  ipBounds?: [number, number],
): StateFit {
  const used = electrolytes.filter((e) => targets[e.id] !== undefined);
  const fitted = used.filter((e) => !ipColumns || ipColumns.includes(e.id));
  const base = { cathode: state.id, soc: state.soc, ocv: state.ocv, targets: {}, potentials: {}, residuals: {} };
  if (fitted.length === 0) return { ...base, ionizationPotential: state.ionizationPotential };
  const potentials: Record<string, number> = {};
  // eq. 7: mu_c* = -min(OCV, V_high)
  for (const e of used) potentials[e.id] = phiAt(e, Math.min(state.ocv, e.window.upper));
  let constant = fitted.reduce((s, e) => s + targets[e.id] + potentials[e.id], 0) / fitted.length;
  // K_c = E_F,c - IP_c + psi_a + OCV: a bounded IP bounds K_c
  const ipOf = (k: number) => state.fermiLevel + workFunction + state.ocv - k;
  if (ipBounds) {
    const ip = Math.min(Math.max(ipOf(constant), ipBounds[0]), ipBounds[1]);
    constant = state.fermiLevel + workFunction + state.ocv - ip;
  }
  const residuals: Record<string, number> = {};
  for (const e of used) residuals[e.id] = targets[e.id] - (constant - potentials[e.id]);
  return {
    ...base,
    // K_c = E_F,c - IP_c + psi_a + OCV
    ionizationPotential: ipOf(constant),
    constant,
    targets: Object.fromEntries(fitted.map((e) => [e.id, targets[e.id]])),
    potentials,
    residuals,
  };
}

/**
 * Leave-one-out inside one cathode state: each printed value in turn left out, K_c (the
 * state's IP) refitted from the others with the electrolytes as calibrated, the left-out
 * value predicted. Returns predicted - published per electrolyte (needs two or more values).
 */
export function stateLeaveOneOut(fit: StateFit): Record<string, number> {
  const ids = Object.keys(fit.targets);
  const out: Record<string, number> = {};
  if (ids.length < 2) return out;
  for (const left of ids) {
    const rest = ids.filter((e) => e !== left);
    const constant = rest.reduce((s, e) => s + fit.targets[e] + fit.potentials[e], 0) / rest.length;
    out[left] = constant - fit.potentials[left] - fit.targets[left];
  }
  return out;
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
  const functions = new Map(electrolytes.map((e) => [e.id, potentialFunction(e, psi)]));
  const phiAt = (e: Electrolyte, voltage: number) => functions.get(e.id)!(-voltage);
  const targets = tableTargets(published, options.holdOut);
  const states = model.states.map((s) => fitState(s, electrolytes, targets.get(key(s.id, s.soc)) ?? {}, phiAt, psi, options.ipColumns, options.ipBounds));
  // only the fitted columns count: a predicted column (options.ipColumns) must not steer any knob
  const misfit = states.reduce((sum, s) => sum + Object.keys(s.targets).reduce((a, e) => a + s.residuals[e] ** 2, 0), 0);
  return { electrolyteIPs, states, misfit };
}

/** Which bound, if any, decides a knob's value (KnobResult.binding). */
function bindingOf(k: Knob, value: number, bounds: [number, number]): { binding?: "insideGap" | "range" } {
  const near = (x: number) => Math.abs(value - x) < 1e-3;
  for (const [end, rangeEnd] of [[bounds[0], k.range[0]], [bounds[1], k.range[1]]]) {
    if (!near(end)) continue;
    return { binding: Math.abs(end - rangeEnd) > 1e-9 ? "insideGap" : "range" };
  }
  return {};
}

/** Calibrate every knob (coordinate search inside its bounds), then write all calibrated values into copies of the records. */
export function calibrateDataSet(input: Record<string, Json>, published: PublishedNumbers, knobs: Knob[], options: CalibrationOptions = {}): DataSetCalibration {
  let records = input;
  const active = knobs.filter((k) => k.electrolyte !== options.holdOut);
  for (const k of active) {
    const start = options.start?.[k.electrolyte];
    if (start !== undefined) records = withKnob(records, k, start);
  }
  const bounds = new Map(active.map((k) => [k, knobBounds(records, k)]));
  const misfitWith = (k: Knob, value: number) => fitAll(withKnob(records, k, value), published, options).misfit;
  // Coordinate search: a coarse scan of each knob's bounds, golden-section refinement, then
  // local passes until no knob moves by more than 5e-4 eV (they interact only through K_c).
  for (let pass = 0; pass < (options.fixedKnobs ? 0 : 6); pass++) {
    let moved = 0;
    for (const k of active) {
      const [lo, hi] = bounds.get(k)!;
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
        a = Math.max(lo, knobValue(records, k) - 0.03);
        b = Math.min(hi, knobValue(records, k) + 0.03);
      }
      let value = goldenMinimum((v) => misfitWith(k, v), a, b, pass === 0 ? 24 : 16);
      // a minimum on a bound: take the bound itself (golden section stops just inside)
      for (const end of [lo, hi]) if (Math.abs(value - end) < 1e-3 && misfitWith(k, end) <= misfitWith(k, value)) value = end;
      moved = Math.max(moved, Math.abs(value - knobValue(records, k)));
      records = withKnob(records, k, value);
    }
    if (pass > 0 && moved < 5e-4) break;
  }
  if (options.fixedKnobs) for (const k of active) if (k.pair) records = withKnob(records, k, knobValue(records, k));
  const fit = fitAll(records, published, options);
  const out: Record<string, Json> = {};
  for (const [f, r] of Object.entries(records)) out[f] = structuredClone(r);
  for (const [id, ip] of Object.entries(fit.electrolyteIPs)) out[fileOf(out, "electrolyte", id)].ionizationPotential.value = ip;
  const byKey = new Map(fit.states.map((s) => [key(s.cathode, s.soc), s]));
  for (const file of Object.keys(out).filter((f) => out[f].role === "cathode")) {
    for (const s of out[file].states as Json[]) {
      const f = byKey.get(key(out[file].id, s.soc));
      if (f && f.constant !== undefined) s.ionizationPotential.value = f.ionizationPotential;
    }
  }
  return {
    records: out,
    misfitAt: (electrolyte: string, value: number) => {
      const k = active.find((x) => x.electrolyte === electrolyte);
      if (!k) throw new PotmapError("no knob for this electrolyte", { field: "electrolyte", value: electrolyte });
      return misfitWith(k, value);
    },
    knobs: active.map((k) => ({
      electrolyte: k.electrolyte, defect: k.defect, charge: k.charge, value: knobValue(records, k), bounds: bounds.get(k)!,
      ...(k.pair ? { pairValue: knobValue(records, k) + energyQuantity(records[fileOf(records, "electrolyte", k.electrolyte)], k.pair).value } : {}),
      ...bindingOf(k, knobValue(records, k), bounds.get(k)!),
    })),
    electrolyteIP: fit.electrolyteIPs,
    states: fit.states,
    misfit: fit.misfit,
  };
}
