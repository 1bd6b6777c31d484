#!/usr/bin/env node
// Recompute every calibrated input of data/materials from data/published.json
// (model.md section 4) and write it back; `--check` only verifies the stored values.
// Order matters: electrolyte IPs (from dphi_a) first, then cathode-state IPs (from Table 1).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const potmap = require("potmap");
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const folder = path.join(root, "data", "materials");
const published = JSON.parse(fs.readFileSync(path.join(root, "data", "published.json"), "utf8"));
const check = process.argv.includes("--check");
const tolerance = 5e-4;
const round = (x) => Math.round(x * 1e4) / 1e4;

const files = fs.readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
const records = new Map(files.map((f) => [f, JSON.parse(fs.readFileSync(path.join(folder, f), "utf8"))]));
const load = () => potmap.readDataSet(folder);
let stale = [];

function update(file, pathParts, value) {
  const record = records.get(file);
  let node = record;
  for (const p of pathParts) node = node[p];
  const stored = node.value;
  if (Math.abs(stored - value) > tolerance) stale.push(`${file}: ${pathParts.join(".")} stored ${stored}, computed ${round(value)}`);
  node.value = round(value);
  if (!check) fs.writeFileSync(path.join(folder, file), JSON.stringify(record, null, 2) + "\n");
}

const inconsistent = (row) =>
  published.inconsistent.some((i) => i.cathode === row.cathode && i.electrolyte === row.electrolyte && i.soc === row.soc);

// 1. electrolyte IPs from dphi_a
let set = load();
const li = potmap.findAnode(set, "Li");
const anyState = potmap.orderedCathodeStates(set)[0];
for (const electrolyte of set.electrolytes) {
  const target = published.dphiAnode.values[electrolyte.id];
  if (target === undefined) continue;
  const file = files.find((f) => records.get(f).id === electrolyte.id && records.get(f).role === "electrolyte");
  const ip = potmap.calibrateElectrolyteIP(li, electrolyte, anyState, target);
  update(file, ["ionizationPotential"], ip);
  if (!check) electrolyte.ionizationPotential = round(ip);
}

// 2. cathode-state IPs from Table 1 (excluding entries the paper itself contradicts)
const report = [];
for (const cathode of set.cathodes) {
  const file = files.find((f) => records.get(f).id === cathode.id && records.get(f).role === "cathode");
  cathode.states.forEach((state, index) => {
    const targets = {};
    for (const row of published.table1.rows) {
      if (row.cathode === state.id && row.soc === state.soc && !inconsistent(row)) targets[row.electrolyte] = row.dphiCathode;
    }
    if (!set.electrolytes.some((e) => targets[e.id] !== undefined)) return;
    const fit = potmap.calibrateCathodeIP(li, set.electrolytes, state, targets);
    update(file, ["states", index, "ionizationPotential"], fit.ionizationPotential);
    report.push(`${state.id} ${state.soc}: IP ${fit.ionizationPotential.toFixed(4)} eV, rms ${fit.rms.toFixed(4)} V`);
  });
}

if (check) {
  if (stale.length) {
    console.error(`calibrated values are stale (run node scripts/calibrate.mjs):\n  ${stale.join("\n  ")}`);
    process.exit(1);
  }
  console.log("calibrated values are current");
} else {
  console.log(report.join("\n"));
  if (stale.length) console.log(`updated:\n  ${stale.join("\n  ")}`);
}
