#!/usr/bin/env node
// Reproduce the project's results: execute every notebooks/*.ipynb headlessly, in order.
//
//   npm run reproduce                       setup (with notebooks) + all notebooks
//   node scripts/reproduce.mjs --only 01    notebooks whose name starts with/contains "01"
//                                           (repeatable, or comma-separated: --only 00,02)
//   node scripts/reproduce.mjs --no-setup   skip `bash scripts/setup.sh --notebooks`
//
// Writes executed notebooks to output/notebooks/ (signed, so the classic UI trusts them),
// HTML exports to output/html/, figures (showFigure with a name) to output/figures/.
// Then runs scripts/report.mjs if it exists. Exits non-zero if any notebook fails.
// Per-cell timeout: POTMAP_CELL_TIMEOUT seconds (default 300).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_CELL_TIMEOUT_S, ROOT, formatFailure, listNotebooks, runNotebook } from "./notebookRunner.mjs";

const args = process.argv.slice(2);
const only = [];
let setup = true;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--only") {
    if (!args[i + 1]) usage("--only needs a value");
    only.push(...args[++i].split(",").filter(Boolean));
  } else if (a.startsWith("--only=")) only.push(...a.slice(7).split(",").filter(Boolean));
  else if (a === "--no-setup") setup = false;
  else if (a === "-h" || a === "--help") usage();
  else usage(`unknown argument ${a}`);
}

function usage(msg) {
  if (msg) console.error(`reproduce: ${msg}`);
  console.error("usage: node scripts/reproduce.mjs [--only PREFIX[,PREFIX...]]... [--no-setup]");
  process.exit(msg ? 2 : 0);
}

const rel = (p) => path.relative(process.cwd(), p) || ".";
const out = {
  notebooks: path.join(ROOT, "output", "notebooks"),
  html: path.join(ROOT, "output", "html"),
  figures: path.join(ROOT, "output", "figures"),
};

const t0 = Date.now();
if (setup) {
  // Idempotent and quiet when done (npm run reproduce has just run it too).
  const s = spawnSync("bash", [path.join(ROOT, "scripts", "setup.sh"), "--notebooks"], { stdio: "inherit", cwd: ROOT });
  if (s.status !== 0) {
    console.error("reproduce: setup failed");
    process.exit(1);
  }
}

const notebooks = listNotebooks(only);
if (notebooks.length === 0) {
  console.error(`reproduce: no notebooks in notebooks/ match ${only.length ? only.join(", ") : "*.ipynb"}`);
  process.exit(1);
}
const cellTimeoutS = Number(process.env.POTMAP_CELL_TIMEOUT) || DEFAULT_CELL_TIMEOUT_S;
console.log(`reproduce: ${notebooks.length} notebook(s), per-cell timeout ${cellTimeoutS} s`);

const results = [];
for (const nb of notebooks) {
  process.stdout.write(`  ${path.basename(nb)} … `);
  const r = await runNotebook(nb, { outDir: out.notebooks, htmlDir: out.html, figureDir: out.figures, cellTimeoutS });
  results.push(r);
  console.log(`${r.ok ? "ok" : "FAILED"} (${r.seconds.toFixed(1)} s)`);
}

let reportStatus = null;
const reportScript = path.join(ROOT, "scripts", "report.mjs");
if (fs.existsSync(reportScript)) {
  console.log("reproduce: node scripts/report.mjs");
  const r = spawnSync(process.execPath, [reportScript], { stdio: "inherit", cwd: ROOT });
  reportStatus = r.status;
}

// ---- summary ----------------------------------------------------------------
const failed = results.filter((r) => !r.ok);
const figures = results.flatMap((r) => r.figures);
const w = Math.max(...results.map((r) => r.name.length), 8);
console.log("\n=== reproduce summary ===");
console.log(`${"notebook".padEnd(w)}  status    time   figures  slowest cell`);
for (const r of results) {
  const slow = r.cells.reduce((a, c) => (a && a.seconds >= c.seconds ? a : c), null);
  const figs = new Set(r.figures.map((f) => path.basename(f).replace(/\.[^.]+$/, ""))).size;
  console.log(
    `${r.name.padEnd(w)}  ${(r.ok ? "ok" : "FAILED").padEnd(6)} ${r.seconds.toFixed(1).padStart(6)} s ${String(figs).padStart(8)}  ` +
      (slow ? `cell ${slow.index + 1}: ${slow.seconds.toFixed(2)} s` : "-"),
  );
}
for (const r of failed) console.log("\n" + formatFailure(r));
console.log("");
console.log(`executed notebooks: ${rel(out.notebooks)}/   (signed/trusted for the classic notebook UI)`);
console.log(`HTML exports:       ${rel(out.html)}/`);
console.log(`figures:            ${rel(out.figures)}/   (${figures.length} files written in this run)`);
if (reportStatus !== null) console.log(`report:             scripts/report.mjs exited ${reportStatus}`);
console.log(
  `${results.length - failed.length} of ${results.length} notebook(s) ok, ${failed.length} failed,` +
    ` ${((Date.now() - t0) / 1000).toFixed(1)} s in total`,
);
process.exit(failed.length > 0 || (reportStatus !== null && reportStatus !== 0) ? 1 : 0);
