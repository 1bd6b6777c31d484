#!/usr/bin/env node
// @ts-check
// Recompute every derived or calibrated input of data/materials from data/published.json and
// the shared phase entries (model.md section 4) and write it back; with --check, only verify
// that the stored values are what this computes. This script only orchestrates (reads, writes,
// compares): the physics and the calibration's choices (knobs, bounds, LPO from the paper, eq. 3
// OCVs, the spinel analogy) are in lib/src/calibration/builtinCalibration.ts.
import fs from "node:fs";
import path from "node:path";
import potmap from "potmap";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const folder = path.join(root, "data", "materials");
const check = process.argv.includes("--check");
const tolerance = 2e-3;
/** @param {number} x */
const round = potmap.roundCalibrated;

/** @typedef {Record<string, any>} Json */
/** @typedef {Record<string, Json>} Records */
/** @typedef {import("potmap").PublishedNumbers} PublishedNumbers */

/** The shared data folder (`shared/data`): next to the project, or next to a parent (git worktrees). */
export function sharedDataFolder() {
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "data");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(path.dirname(root), "shared", "data");
  }
}

// the calibration's choices and steps are library code (lib/src/calibration/builtinCalibration.ts)
export const { lpoFrenkel, lpoCrossover, ipColumns, ipBounds, builtinKnobs: knobs } = potmap;

/** @returns {Records} */
export function readRecords() {
  const files = fs.readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
  return Object.fromEntries(files.map((f) => [f, JSON.parse(fs.readFileSync(path.join(folder, f), "utf8"))]));
}

/** @returns {PublishedNumbers & Json} */
export function readPublished() {
  return JSON.parse(fs.readFileSync(path.join(root, "data", "published.json"), "utf8"));
}

/**
 * Full calibration from the uncalibrated defaults (lib calibrateBuiltin, with the shared phase
 * entries); with { fixedKnobs: true } the stored knob values are kept (for --check).
 * @param {Records} records
 * @param {PublishedNumbers} published
 * @param {import("potmap").CalibrationOptions} [options]
 */
export function calibrate(records, published, options = {}) {
  return potmap.calibrateBuiltin(records, published, path.join(sharedDataFolder(), "phase-entries"), options);
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
