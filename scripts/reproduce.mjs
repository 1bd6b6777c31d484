#!/usr/bin/env node
// Reproduce the project's results: execute every notebooks/*.ipynb headlessly.
//
//   npm run reproduce                       setup (with notebooks) + all notebooks
//   node scripts/reproduce.mjs --only 01    notebooks whose name starts with/contains "01"
//                                           (repeatable, or comma-separated: --only 00,02)
//   node scripts/reproduce.mjs --no-setup   skip `bash scripts/setup.sh --notebooks`
//   node scripts/reproduce.mjs --jobs 1     run one notebook at a time (default: POTMAP_JOBS,
//                                           else min(2, CPUs))
//   node scripts/reproduce.mjs --html       also export each notebook with nbconvert to output/html/
//                                           (off by default: output/site replaces it, and each
//                                           export costs a Python start, ~1-1.5 s per notebook)
//
// Writes executed notebooks to output/notebooks/ (signed, so the classic UI trusts them; all in
// one Python process at the end), with --html nbconvert exports to output/html/, figures (showFigure with a name) to output/figures/, and the
// offline course site to output/site/ (scripts/site.mjs: index, one page per executed notebook,
// explorer; from every notebook in output/notebooks, so a --only run keeps earlier pages).
// Notebooks are independent (each has its own kernel), so they run concurrently, sharing one
// headless browser for their figures (POTMAP_RENDER_SOCKET, lib/src/render.ts); the report
// (scripts/report.mjs, if it exists; it reads only data/) runs alongside them. Progress lines
// and the summary are printed in notebook order whatever order the runs finish in.
// Exits non-zero if any notebook (or the report) fails.
// Per-cell timeout: POTMAP_CELL_TIMEOUT seconds (default 300).
// @ts-check
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_CELL_TIMEOUT_S, ROOT, defaultConcurrency, formatFailure, jupyterPython, limitConcurrency, listNotebooks, notebookEnv, run, runNotebook, startRenderService } from "./notebookRunner.mjs";

const args = process.argv.slice(2);
/** @type {string[]} */
const only = [];
let setup = true;
let html = false;
let jobs = defaultConcurrency();
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--only") {
    if (!args[i + 1]) usage("--only needs a value");
    only.push(...args[++i].split(",").filter(Boolean));
  } else if (a.startsWith("--only=")) only.push(...a.slice(7).split(",").filter(Boolean));
  else if (a === "--no-setup") setup = false;
  else if (a === "--html") html = true;
  else if (a === "--jobs" || a.startsWith("--jobs=")) {
    const v = a === "--jobs" ? args[++i] : a.slice(7);
    jobs = Number(v);
    if (!Number.isInteger(jobs) || jobs < 1) usage(`--jobs needs a positive integer, not ${v}`);
  }
  else if (a === "-h" || a === "--help") usage();
  else usage(`unknown argument ${a}`);
}

/**
 * @param {string} [msg]
 * @returns {never}
 */
function usage(msg) {
  if (msg) console.error(`reproduce: ${msg}`);
  console.error("usage: node scripts/reproduce.mjs [--only PREFIX[,PREFIX...]]... [--no-setup] [--jobs N] [--html]");
  process.exit(msg ? 2 : 0);
}

/** @param {string} p */
const rel = (p) => path.relative(process.cwd(), p) || ".";
const out = {
  notebooks: path.join(ROOT, "output", "notebooks"),
  html: path.join(ROOT, "output", "html"),
  figures: path.join(ROOT, "output", "figures"),
  site: path.join(ROOT, "output", "site"),
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
const reportScript = path.join(ROOT, "scripts", "report.mjs");
const withReport = fs.existsSync(reportScript);
console.log(
  `reproduce: ${notebooks.length} notebook(s)${withReport ? " and the report" : ""}, ${jobs} at a time, per-cell timeout ${cellTimeoutS} s`,
);
// leftovers of an interrupted run (.staging-<notebook>-<pid> of a process that is gone)
/** @param {number} pid */
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code !== "ESRCH";
  }
};
if (fs.existsSync(out.figures)) {
  for (const f of fs.readdirSync(out.figures)) {
    const m = /^\.staging-.*-(\d+)$/.exec(f);
    if (m && !alive(Number(m[1]))) fs.rmSync(path.join(out.figures, f), { recursive: true, force: true });
  }
}

/**
 * Runs a node script, capturing its output (printed later, so that it does not interleave).
 * @param {string} script
 * @returns {Promise<{ status: number | null, output: string, seconds: number }>}
 */
function runScript(script) {
  return new Promise((resolve) => {
    const t = Date.now();
    const child = spawn(process.execPath, [script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => (output += String(e)));
    child.on("close", (code) => resolve({ status: code, output, seconds: (Date.now() - t) / 1000 }));
  });
}

// One browser for every kernel's figures (a kernel that cannot reach it starts its own).
const renderer = await startRenderService();
const limit = limitConcurrency(jobs);
// The report is the longest single job: start it first so that it overlaps the notebooks.
const reportRun = withReport ? limit(() => runScript(reportScript)) : null;
/** @type {import("./notebookRunner.mjs").NotebookResult[]} */
const results = new Array(notebooks.length);
let printed = 0;
const printReady = () => {
  while (printed < notebooks.length && results[printed]) {
    const r = results[printed++];
    console.log(`  ${path.basename(r.notebook)} … ${r.ok ? "ok" : "FAILED"} (${r.seconds.toFixed(1)} s)`);
  }
};
await Promise.all(
  notebooks.map((nb, i) =>
    limit(() =>
      runNotebook(nb, { outDir: out.notebooks, htmlDir: html ? out.html : null, figureDir: out.figures, cellTimeoutS, renderSocket: renderer?.socketPath, sign: false }),
    ).then((r) => {
      results[i] = r;
      printReady();
    }),
  ),
);

await renderer?.close();

// Trust for the classic UI: every executed notebook signed by one Python process (one start
// instead of one per notebook), while the site is built.
const executed = /** @type {string[]} */ (results.map((r) => r.executed).filter((f) => typeof f === "string"));
const signing = executed.length
  ? run(jupyterPython(), ["-m", "nbformat.sign", ...executed], { env: notebookEnv(), timeoutMs: 120_000 })
  : Promise.resolve(null);

// The offline site (scripts/site.mjs) from every executed notebook in output/notebooks.
/** @type {{ pages: string[], out: string, seconds: number } | null} */
let site = null;
try {
  const { buildSite } = await import("./site.mjs");
  site = await buildSite({ from: out.notebooks, out: out.site });
} catch (e) {
  console.error(`reproduce: the site build failed: ${e instanceof Error ? e.stack : e}`);
}
const signed = await signing;
if (signed && signed.code !== 0) console.error(`reproduce: nbformat.sign failed: ${signed.stderr.trim()}`);

/** @type {number | null} */
let reportStatus = null;
if (reportRun) {
  const rep = await reportRun;
  console.log(`reproduce: node scripts/report.mjs (${rep.seconds.toFixed(1)} s, alongside the notebooks)`);
  process.stdout.write(rep.output);
  reportStatus = rep.status;
}

// ---- summary ----------------------------------------------------------------
const failed = results.filter((r) => !r.ok);
const figures = results.flatMap((r) => r.figures);
const w = Math.max(...results.map((r) => r.name.length), 8);
console.log("\n=== reproduce summary ===");
/** @param {number | null | undefined} x */
const ph = (x) => (x === null || x === undefined ? "    -" : x.toFixed(1).padStart(5));
console.log(`${"notebook".padEnd(w)}  status    time   start  cells   stop   html  figures  slowest cell`);
for (const r of results) {
  const slow = r.cells.reduce((/** @type {{ index: number, seconds: number } | null} */ a, c) => (a && a.seconds >= c.seconds ? a : c), null);
  const figs = new Set(r.figures.map((f) => path.basename(f).replace(/\.[^.]+$/, ""))).size;
  const p = r.phases ?? {};
  console.log(
    `${r.name.padEnd(w)}  ${(r.ok ? "ok" : "FAILED").padEnd(6)} ${r.seconds.toFixed(1).padStart(6)} s ` +
      `${ph(p.start)}  ${ph(p.cells)}  ${ph(p.stop)}  ${ph(p.html)} ${String(figs).padStart(8)}  ` +
      (slow ? `cell ${slow.index + 1}: ${slow.seconds.toFixed(2)} s` : "-"),
  );
}
console.log("(seconds; start = nbconvert and kernel start up to the first cell, stop = kernel shutdown)");
for (const r of failed) console.log("\n" + formatFailure(r));
console.log("");
console.log(`executed notebooks: ${rel(out.notebooks)}/   (${signed?.code === 0 ? "signed/trusted for the classic notebook UI" : "NOT signed"})`);
if (html) console.log(`HTML exports:       ${rel(out.html)}/`);
console.log(`figures:            ${rel(out.figures)}/   (${figures.length} files written in this run)`);
console.log(site ? `site:               ${rel(site.out)}/index.html   (${site.pages.length} notebook pages and the explorer, built in ${site.seconds.toFixed(1)} s; opens from file://)` : "site:               FAILED (see above)");
if (reportStatus !== null) console.log(`report:             scripts/report.mjs exited ${reportStatus}`);
console.log(
  `${results.length - failed.length} of ${results.length} notebook(s) ok, ${failed.length} failed,` +
    ` ${((Date.now() - t0) / 1000).toFixed(1)} s in total`,
);
process.exit(failed.length > 0 || !site || (reportStatus !== null && reportStatus !== 0) ? 1 : 0);
