#!/usr/bin/env node
// @ts-check
// Recompute every derived or calibrated input of data/materials from data/published.json and
// the shared phase entries (model.md section 4) and write it back; with --check, only verify
// that the stored values are what this computes. The physics is in lib/src/calibration/.
//
// Inputs, and what is fitted:
//  - OCVs: eq. 3 average voltage from each state's hull energy to the Li-free reference, and the
//    local OCV of its hull step (lib withCathodeVoltages), never fitted;
//  - one defect-energy knob for LiPON and LPS, inside physical bounds (below); LPO's defect
//    energies follow from the paper's ~3 V crossover and Du & Holzwarth's Frenkel energy;
//  - electrolyte IPs from the four dphi_a values (4 parameters for 4 values);
//  - one IP per cathode state, least squares over its printed LiPON, LLZO and LPS values
//    (LNMO "+" has none: its IP follows the isostructural LMO, withSpinelAnalogy). The LPO
//    column is predicted.
import fs from "node:fs";
import path from "node:path";
import potmap from "potmap";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const folder = path.join(root, "data", "materials");
const check = process.argv.includes("--check");
const tolerance = 2e-3;
/** @param {number} x */
const round = (x) => Math.round(x * 1e4) / 1e4;

/** @typedef {Record<string, any>} Json */
/** @typedef {Record<string, Json>} Records */
/** @typedef {import("potmap").PublishedNumbers} PublishedNumbers */
/** @typedef {{ electrolyte: string, defect: string, charge: number, range: [number, number], default: number, insideGap?: number, pair?: { defect: string, charge: number, value: number }, why: string }} ScriptKnob */

/** The shared data folder (`shared/data`): next to the project, or next to a parent (git worktrees). */
export function sharedDataFolder() {
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "data");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(path.dirname(root), "shared", "data");
  }
}

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
export const ipBounds = /** @type {[number, number]} */ ([4, 8]);

/** @type {ScriptKnob[]} */
export const knobs = [
  // electrolyte, defect and charge of the calibrated energy, search range (eV), uncalibrated default (eV)
  { electrolyte: "LiPON", defect: "O_N", charge: 1, range: [-1.9, -1.1], default: -1.5, why: "antisite pair energy relative to the Li Frenkel pair (no published value; range +-0.4 eV around equal pair energies)" },
  // E_F more than 3 kT below the CBM across 1.74-2.32 V: no degenerate electrons (slope -1/2)
  { electrolyte: "LPS", defect: "Li_i", charge: 1, range: [-4.8, -3.4], default: -3.84, insideGap: 3, why: "sets how close E_F comes to the CBM; bounded so that E_F stays 3 kT below the CBM across the window" },
];

/**
 * LPO's Li_i(+1) from the paper's crossover voltage and V_Li(-1) from the Frenkel energy.
 * @param {Records} records
 */
export function withLpoFromPaper(records) {
  const out = structuredClone(records);
  const record = Object.values(out).find((r) => r.role === "electrolyte" && r.id === "LPO");
  if (!record) return out;
  const interstitial = record.fermiLevel.defects.find((/** @type {Json} */ d) => d.name === "Li_i");
  const t = record.fermiLevel.temperature.value;
  const nv = potmap.effectiveDensityOfStates(record.fermiLevel.carriers.holeMass, t);
  const kT = potmap.thermalEnergy(t);
  const energy = -lpoCrossover.value - kT * Math.log(nv / interstitial.sites.value);
  potmap.energyQuantity(record, { defect: "Li_i", charge: 1 }).value = energy;
  // V_Li(-1): Du & Holzwarth's Frenkel energy as published. It is not raised to keep E_F away
  // from the VBM: calibration may not move an input to satisfy a guard. Above the ~3 V crossover
  // V_Li(-) is balanced by holes; at the upper window edge LPO is then a mixed conductor, which
  // the record (transport.note), the report and potmap check show.
  potmap.energyQuantity(record, { defect: "V_Li", charge: -1 }).value = round(lpoFrenkel.value - energy);
  return out;
}

/** @returns {Records} */
export function readRecords() {
  const files = fs.readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
  return Object.fromEntries(files.map((f) => [f, JSON.parse(fs.readFileSync(path.join(folder, f), "utf8"))]));
}

/** @returns {PublishedNumbers & Json} */
export function readPublished() {
  return JSON.parse(fs.readFileSync(path.join(root, "data", "published.json"), "utf8"));
}

/** @param {string} formula */
function lithiumOf(formula) {
  try {
    return potmap.parseFormula(formula).Li ?? 0;
  } catch {
    return null;
  }
}

/**
 * Each cathode's hull voltage profile and each state's eq. 3 average (ocv, ocvComputed,
 * voltageReaction) and local OCV (localVoltage): lib withCathodeVoltages, on the phase-entries
 * file each record names.
 * @param {Records} records
 */
export function withVoltages(records) {
  /** @type {Map<string, any>} */
  const cache = new Map();
  return potmap.withCathodeVoltages(records, (/** @type {string} */ name) => {
    if (!cache.has(name)) cache.set(name, potmap.readPhaseEntries(path.join(sharedDataFolder(), "phase-entries", name)));
    return cache.get(name);
  });
}

/**
 * Defaults of the knobs (the uncalibrated constructed values).
 * @param {Records} records
 */
export function withDefaultKnobs(records) {
  const out = structuredClone(records);
  for (const k of knobs) {
    const record = Object.values(out).find((r) => r.role === "electrolyte" && r.id === k.electrolyte);
    if (!record) throw new potmap.PotmapError("no electrolyte record for a calibration knob", { field: "knobs", value: k.electrolyte });
    potmap.energyQuantity(record, k).value = k.default;
    if (k.pair) potmap.energyQuantity(record, k.pair).value = k.pair.value - k.default;
  }
  return out;
}

/**
 * LNMO "+" is not in Table 1: its IP follows LNMO 100% by the shift of the isostructural LMO.
 * @param {Records} records
 */
export function withSpinelAnalogy(records) {
  const out = structuredClone(records);
  /** @param {string} id */
  const find = (id) => Object.values(out).find((r) => r.role === "cathode" && r.id === id);
  /** @param {Json} record @param {string} soc */
  const ip = (record, soc) => record.states.find((/** @type {Json} */ s) => s.soc === soc).ionizationPotential;
  const lmo = find("LMO");
  const lnmo = find("LNMO");
  if (lmo && lnmo) ip(lnmo, "+").value = ip(lnmo, "100%").value + (ip(lmo, "+").value - ip(lmo, "100%").value);
  return out;
}

/**
 * Full calibration from the uncalibrated defaults; with { fixedKnobs: true } the knob values
 * stored in the records are kept and only the closed-form steps are redone (for --check).
 * @param {Records} records
 * @param {PublishedNumbers} published
 * @param {import("potmap").CalibrationOptions} [options]
 */
export function calibrate(records, published, options = {}) {
  const voltages = withLpoFromPaper(withVoltages(records));
  const start = options.fixedKnobs ? voltages : withDefaultKnobs(voltages);
  const result = potmap.calibrateDataSet(start, published, knobs, { ipColumns, ipBounds, ...options });
  result.records = withSpinelAnalogy(result.records);
  // a slab IP of an oxide cathode outside 4-8 eV would mean the fit compensates something unphysical
  for (const s of result.states) {
    if (s.constant !== undefined && !(s.ionizationPotential >= ipBounds[0] - 1e-9 && s.ionizationPotential <= ipBounds[1] + 1e-9)) {
      throw new potmap.PotmapError(`calibrated cathode IP outside the plausible ${ipBounds[0]}-${ipBounds[1]} eV`, { file: `${s.cathode}.json`, field: `states[${s.soc}].ionizationPotential`, value: s.ionizationPotential });
    }
  }
  return result;
}

/** @param {any} stored @param {any} computed @param {string} where @param {string[]} stale */
function compare(stored, computed, where, stale) {
  if (typeof computed === "number") {
    if (typeof stored !== "number" || Math.abs(stored - computed) > tolerance) stale.push(`${where}: stored ${stored}, computed ${round(computed)}`);
    return;
  }
  if (typeof computed === "string" && where.includes("voltageReaction") && stored !== computed) stale.push(`${where}: stored ${stored}, computed ${computed}`);
  if (computed && typeof computed === "object") for (const k of Object.keys(computed)) compare(stored?.[k], computed[k], `${where}.${k}`, stale);
}

/** @param {any} node @returns {any} */
function roundValues(node) {
  if (Array.isArray(node)) return node.map(roundValues);
  if (node && typeof node === "object") {
    /** @type {Json} */
    const out = {};
    // four decimals for eV and V; small quantities (conductivities in S/cm) keep six significant digits
    for (const [k, v] of Object.entries(node)) out[k] = k === "value" && typeof v === "number" ? (v === 0 || Math.abs(v) >= 1e-2 ? round(v) : Number(v.toPrecision(6))) : roundValues(v);
    return out;
  }
  return node;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const records = readRecords();
  const result = calibrate(records, readPublished(), { fixedKnobs: check });
  if (check) {
    /** @type {string[]} */
    const stale = [];
    for (const [file, record] of Object.entries(result.records)) compare(records[file], record, file, stale);
    // each stored knob must be a local minimum of the misfit inside its bounds (to 3 meV)
    for (const k of result.knobs) {
      for (const dv of [-0.003, 0.003]) {
        const moved = k.value + dv;
        if (moved < k.bounds[0] || moved > k.bounds[1]) continue;
        if (result.misfitAt(k.electrolyte, moved) < result.misfit - 1e-7) stale.push(`${k.electrolyte} knob ${k.value}: moving it by ${dv} eV lowers the misfit`);
      }
    }
    if (stale.length) {
      console.error(`calibrated values are stale (run node scripts/calibrate.mjs):\n  ${stale.join("\n  ")}`);
      process.exit(1);
    }
    console.log(`calibrated values are current (misfit ${result.misfit.toExponential(3)} V^2)`);
  } else {
    for (const [file, record] of Object.entries(result.records)) {
      fs.writeFileSync(path.join(folder, file), JSON.stringify(roundValues(record), null, 2) + "\n");
    }
    for (const k of result.knobs) {
      const pair = k.pairValue === undefined ? "" : `, pair energy ${k.pairValue.toFixed(4)} eV`;
      const binding = k.binding ? `; binding: the ${k.binding === "insideGap" ? "non-degeneracy" : "range"} bound decides the value` : "";
      console.log(`knob ${k.electrolyte} ${k.defect}(${k.charge > 0 ? "+" : ""}${k.charge}): ${k.value.toFixed(4)} eV (bounds ${k.bounds[0].toFixed(4)} .. ${k.bounds[1].toFixed(4)}${pair}${binding})`);
    }
    for (const [id, ip] of Object.entries(result.electrolyteIP)) console.log(`IP ${id}: ${ip.toFixed(4)} eV`);
    for (const s of result.states) {
      const r = Object.entries(s.residuals).map(([e, v]) => `${e} ${v >= 0 ? "+" : ""}${v.toFixed(3)}`).join(", ");
      console.log(`${s.cathode} ${s.soc}: IP ${s.ionizationPotential.toFixed(3)} eV, OCV ${s.ocv.toFixed(3)} V, residuals ${r}`);
    }
    console.log(`misfit ${result.misfit.toExponential(3)} V^2`);
  }
}
