#!/usr/bin/env node
// Benchmarks: median of repeated runs with spread (min-max), and peak resident memory.
// Targets (issue "Fast and unbreakable", 2-core machine): one E_F solve well under 50 us,
// the 48-map dictionary under 200 ms. Prints a table; asserts nothing.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const potmap = require("potmap");

function measure(name, run, { repeats = 7, per = 1, unit = "ms" } = {}) {
  run(); // warm-up (JIT, compiled systems)
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6 / per);
  }
  times.sort((a, b) => a - b);
  const scale = unit === "us" ? 1000 : 1;
  const f = (x) => (x * scale).toFixed(unit === "us" ? 2 : 1);
  return { name, median: `${f(times[Math.floor(times.length / 2)])} ${unit}`, spread: `${f(times[0])}-${f(times.at(-1))} ${unit}`, rss: `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB` };
}

// a ten-defect electrolyte: five donors, five acceptors, Li-dependent and not
const defects = [];
for (let i = 0; i < 5; i++) {
  defects.push({ name: `D${i}`, sites: 1e22, lithium: i % 2, chargeStates: [{ charge: 1, energy: 1 + 0.3 * i }, { charge: 0, energy: 2 + 0.3 * i }] });
  defects.push({ name: `A${i}`, sites: 1e22, lithium: -(i % 2), chargeStates: [{ charge: -1, energy: 4 + 0.3 * i }, { charge: 0, energy: 4.5 + 0.3 * i }] });
}
const base = { bandGap: 5, temperature: 300, defects };
const fd = potmap.compileSystem({ ...base, carriers: { kind: "parabolic", electronMass: 1, holeMass: 1 } });
const boltzmann = potmap.compileSystem({ ...base, carriers: { kind: "parabolic", electronMass: 1, holeMass: 1, statistics: "boltzmann" } });
const energies = potmap.linspace(-6, 11, 3401);
const dos = energies.map((e) => (e < 0 ? Math.sqrt(-e) : e > 5 ? Math.sqrt(e - 5) : 0));
const tabulated = potmap.compileSystem({ ...base, carriers: { kind: "dos", energies, dos, electrons: 100, volume: 1000 } });
const n = 2000;
const solves = (compiled) => () => {
  for (let i = 0; i < n; i++) potmap.solveFermiLevel(compiled, -3 * (i / n));
};
const set = potmap.readDataSet(potmap.builtinMaterialsFolder());
const lps = potmap.findElectrolyte(set, "LPS").fermiLevel.system;

const rows = [
  measure("E_F solve, 10 defects, Fermi-Dirac bands", solves(fd), { per: n, unit: "us" }),
  measure("E_F solve, 10 defects, Boltzmann bands", solves(boltzmann), { per: n, unit: "us" }),
  measure("E_F solve, 10 defects, tabulated DOS (3401 points)", solves(tabulated), { per: n, unit: "us", repeats: 5 }),
  measure("1000-point voltage sweep (LPS, Fermi-Dirac)", () => potmap.sweepVoltage(lps, potmap.linspace(0, 4.5, 1000))),
  measure("48-map dictionary with full profiles (101 points each)", () => potmap.potentialDictionary(set)),
  measure("48-row table (no profiles)", () => potmap.dictionaryTable(set)),
  measure("read and validate the data set", () => potmap.readDataSet(potmap.builtinMaterialsFolder())),
];
const widths = ["name", "median", "spread", "rss"].map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
const line = (r) => ["name", "median", "spread", "rss"].map((k, i) => (i === 0 ? r[k].padEnd(widths[i]) : r[k].padStart(widths[i]))).join("  ");
console.log(line({ name: "benchmark", median: "median", spread: "min-max", rss: "peak RSS" }));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
console.log("\nnot measured here yet: screening throughput (no `screen` command yet); notebook suite time: see `npm run reproduce` summary.");
