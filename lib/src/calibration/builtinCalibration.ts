/**
 * The calibration of the built-in data set (model.md section 4) as library code: the choices
 * (knobs and their bounds, the columns that fit the cathode IPs, the IP bounds, LPO's crossover
 * and Frenkel energy) and the steps that derive inputs from the paper and from phase entries.
 * scripts/calibrate.mjs only reads the records, calls calibrateBuiltin and writes or compares;
 * scripts/report.mjs reads the same constants. Moved here unchanged from scripts/calibrate.mjs.
 *
 * Inputs, and what is fitted:
 *  - OCVs: eq. 3 average voltage from each state's hull energy to the Li-free reference, and the
 *    local OCV of its hull step (withCathodeVoltages), never fitted;
 *  - one defect-energy knob for LiPON and LPS, inside physical bounds; LPO's defect energies
 *    follow from the paper's ~3 V crossover and Du & Holzwarth's Frenkel energy;
 *  - electrolyte IPs from the four dphi_a values (4 parameters for 4 values);
 *  - one IP per cathode state, least squares over its printed LiPON, LLZO and LPS values (LNMO
 *    "+" has none: its IP follows the isostructural LMO, withSpinelAnalogy). The LPO column is
 *    predicted.
 */
import * as path from "path";
import { PotmapError } from "../core/errors";
import { thermalEnergy } from "../core/constants";
import { effectiveDensityOfStates } from "../defects/carriers";
import { solveFermiLevel } from "../defects/neutrality";
import { parseFormula } from "../thermo/formula";
import { PhaseEntry } from "../thermo/phaseEntry";
import { readPhaseEntries } from "../io/phaseEntries";
import { toMaterial } from "../io/readMaterials";
import { calibrateDataSet, CalibrationOptions, DataSetCalibration, energyQuantity, PublishedNumbers } from "./calibrateDataSet";
import { withCathodeVoltages } from "./cathodeVoltage";
import { brent } from "../numerics/roots";

type Json = Record<string, any>;
export type RecordsByFile = Record<string, Json>;

/** Values are written to 1e-4 (eV, V). */
export const roundCalibrated = (x: number): number => Math.round(x * 1e4) / 1e4;
const round = roundCalibrated;

/** Li3PO4 Frenkel pair energy E0(Li_i,+1) + E0(V_Li,-1), eV: Du & Holzwarth, J. Electrochem. Soc. 154, A999 (2007). */
export const lpoFrenkel = { value: 1.6, tolerance: 0.2, source: "Du & Holzwarth, J. Electrochem. Soc. 154, A999 (2007), doi:10.1149/1.2772200 (lowest Li vacancy-interstitial pair in gamma-Li3PO4)" };

/**
 * LPO is not fitted: its Li_i(+1) energy puts the end of the flat (Frenkel, slope -1) regime at
 * the paper's "approximately 3 V" (section 3.2), V* = -E0(Li_i,+1) - kT ln(Nv/N_Li_i) (Li_i(+)
 * meets holes), and V_Li(-1) follows from the Frenkel pair energy. Its Table 1 column, which
 * depends on the OCVs, is then a prediction.
 */
export const lpoCrossover = { value: 3.0, source: "paper section 3.2: LPO phi is flat 'below approximately 3 V', slope -1/2 above" };

/** Columns of Table 1 whose values fit the cathode IPs (their mu_c* is V_high for every state, independent of the OCV). */
export const ipColumns = ["LiPON", "LLZO", "LPS"];

/** Plausible slab IPs of the oxide cathodes, eV (LiCoO2's photoemission work function is 5.1 eV, literature-values.md). */
export const ipBounds: [number, number] = [4, 8];

/** A calibration knob of the built-in set, with its uncalibrated default and why. */
export interface BuiltinKnob {
  electrolyte: string;
  defect: string;
  charge: number;
  range: [number, number];
  default: number;
  insideGap?: number;
  pair?: { defect: string; charge: number; value: number };
  why: string;
}

/** The defect-energy knobs (eV) the built-in calibration fits, each with its bounds, default and why. */
export const builtinKnobs: BuiltinKnob[] = [
  // electrolyte, defect and charge of the calibrated energy, search range (eV), uncalibrated default (eV)
  { electrolyte: "LiPON", defect: "O_N", charge: 1, range: [-1.9, -1.1], default: -1.5, why: "antisite pair energy relative to the Li Frenkel pair (no published value; range +-0.4 eV around equal pair energies)" },
  // E_F more than 3 kT below the CBM across 1.74-2.32 V: no degenerate electrons (slope -1/2)
  { electrolyte: "LPS", defect: "Li_i", charge: 1, range: [-4.8, -3.4], default: -3.84, insideGap: 3, why: "sets how close E_F comes to the CBM; bounded so that E_F stays 3 kT below the CBM across the window" },
];

/** LPO's Li_i(+1) from the paper's crossover voltage and V_Li(-1) from the Frenkel energy. */
export function withLpoFromPaper(records: RecordsByFile): RecordsByFile {
  const out = structuredClone(records);
  const record = Object.values(out).find((r) => r.role === "electrolyte" && r.id === "LPO");
  if (!record) return out;
  const interstitial = record.fermiLevel.defects.find((d: Json) => d.name === "Li_i");
  const t = record.fermiLevel.temperature.value;
  const nv = effectiveDensityOfStates(record.fermiLevel.carriers.holeMass, t);
  const kT = thermalEnergy(t);
  const energy = -lpoCrossover.value - kT * Math.log(nv / interstitial.sites.value);
  energyQuantity(record, { defect: "Li_i", charge: 1 }).value = energy;
  // V_Li(-1): Du & Holzwarth's Frenkel energy as published. It is not raised to keep E_F away
  // from the VBM: calibration may not move an input to satisfy a guard. Above the ~3 V crossover
  // V_Li(-) is balanced by holes; at the upper window edge LPO is then a mixed conductor, which
  // the record (transport.note), the report and potmap check show.
  energyQuantity(record, { defect: "V_Li", charge: -1 }).value = round(lpoFrenkel.value - energy);
  return out;
}

/**
 * Each cathode's hull voltage profile and each state's eq. 3 average (ocv, ocvComputed,
 * voltageReaction) and local OCV (localVoltage): withCathodeVoltages, on the phase-entries file
 * each record names, read from `phaseEntriesFolder`.
 */
export function withVoltages(records: RecordsByFile, phaseEntriesFolder: string): RecordsByFile {
  const cache = new Map<string, PhaseEntry[]>();
  return withCathodeVoltages(records, (name) => {
    if (!cache.has(name)) cache.set(name, readPhaseEntries(path.join(phaseEntriesFolder, name)));
    return cache.get(name)!;
  });
}

/** Defaults of the knobs (the uncalibrated constructed values). */
export function withDefaultKnobs(records: RecordsByFile, knobs: readonly BuiltinKnob[] = builtinKnobs): RecordsByFile {
  const out = structuredClone(records);
  for (const k of knobs) {
    const record = Object.values(out).find((r) => r.role === "electrolyte" && r.id === k.electrolyte);
    if (!record) throw new PotmapError("no electrolyte record for a calibration knob", { field: "knobs", value: k.electrolyte });
    energyQuantity(record, k).value = k.default;
    if (k.pair) energyQuantity(record, k.pair).value = k.pair.value - k.default;
  }
  return out;
}

/** LNMO "+" is not in Table 1: its IP follows LNMO 100% by the shift of the isostructural LMO. */
export function withSpinelAnalogy(records: RecordsByFile): RecordsByFile {
  const out = structuredClone(records);
  const find = (id: string) => Object.values(out).find((r) => r.role === "cathode" && r.id === id);
  const ip = (record: Json, soc: string) => record.states.find((s: Json) => s.soc === soc).ionizationPotential;
  const lmo = find("LMO");
  const lnmo = find("LNMO");
  if (lmo && lnmo) ip(lnmo, "+").value = ip(lnmo, "100%").value + (ip(lmo, "+").value - ip(lmo, "100%").value);
  return out;
}

/**
 * Full calibration of the built-in set from the uncalibrated defaults; with { fixedKnobs: true }
 * the knob values stored in the records are kept and only the closed-form steps are redone.
 */
export function calibrateBuiltin(records: RecordsByFile, published: PublishedNumbers, phaseEntriesFolder: string, options: CalibrationOptions = {}): DataSetCalibration {
  const voltages = withLpoFromPaper(withVoltages(records, phaseEntriesFolder));
  const start = options.fixedKnobs ? voltages : withDefaultKnobs(voltages);
  const result = calibrateDataSet(start, published, builtinKnobs, { ipColumns, ipBounds, ...options });
  result.records = withSpinelAnalogy(result.records);
  // a slab IP of an oxide cathode outside 4-8 eV would mean the fit compensates something unphysical
  for (const s of result.states) {
    if (s.constant !== undefined && !(s.ionizationPotential >= ipBounds[0] - 1e-9 && s.ionizationPotential <= ipBounds[1] + 1e-9)) {
      throw new PotmapError(`calibrated cathode IP outside the plausible ${ipBounds[0]}-${ipBounds[1]} eV`, { file: `${s.cathode}.json`, field: `states[${s.soc}].ionizationPotential`, value: s.ionizationPotential });
    }
  }
  return result;
}

/**
 * The voltage V in [lower, upper] at which a potential phi(V), monotone on that interval,
 * equals `target` (Brent's method, numerics/roots.ts); null when phi does not reach it there.
 * The reproduction report asks with it what OCV a printed LPO value would need.
 */
export function voltageForPotential(phi: (voltage: number) => number, lower: number, upper: number, target: number): number | null {
  const low = phi(lower);
  const high = phi(upper);
  if (!(target >= Math.min(low, high) && target <= Math.max(low, high))) return null;
  return brent((v) => phi(v) - target, lower, upper, { fa: low - target, fb: high - target, quantity: "voltage of the potential" }).root;
}

/** Li removed in this order: 0% (lithiated) -> 100% (charged) -> "+" (beyond). */
const socOrder = ["0%", "100%", "+"];

/** A cathode's OCVs in the order Li is removed, and whether they never fall (eq. 3 on a convex hull). */
export function ocvOrder(cathode: { id: string; states: readonly { soc: string; ocv: number }[] }): { cathode: string; ocvs: number[]; monotone: boolean } {
  const ocvs = [...cathode.states].sort((a, b) => socOrder.indexOf(a.soc) - socOrder.indexOf(b.soc)).map((s) => s.ocv);
  return { cathode: cathode.id, ocvs, monotone: ocvs.every((v, i) => i === 0 || v >= ocvs[i - 1] - 1e-9) };
}
