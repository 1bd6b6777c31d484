// Headless execution of the project's notebooks with Debian's Jupyter (nbconvert + nbclient)
// and the project-local tslab kernel spec (notebooks/jupyter/kernels/tslab).
// Used by scripts/reproduce.mjs and test/notebooks.test.ts, so both run notebooks the same way.
// Typed with JSDoc (checked by `npx tsc -p scripts`; the tests import these types from here).
// @ts-check
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const NOTEBOOK_DIR = path.join(ROOT, "notebooks");
/** Folder given to Jupyter as JUPYTER_PATH; holds kernels/tslab/kernel.json. */
export const JUPYTER_DATA_DIR = path.join(NOTEBOOK_DIR, "jupyter");

/** Default per-cell timeout in seconds (nbclient interrupts the kernel after it). */
export const DEFAULT_CELL_TIMEOUT_S = 300;

/**
 * @typedef {object} RunOptions
 * @property {string} [outDir]
 * @property {string | null} [htmlDir]  null: no HTML export
 * @property {string} [figureDir]
 * @property {number} [cellTimeoutS]
 * @property {number} [timeoutMs]
 * @property {boolean} [sign]
 * @property {Record<string, string>} [env]
 * @property {string} [renderSocket]  socket of a shared renderer (startRenderService) for the kernel's figures
 */

/**
 * @typedef {object} NotebookFailure
 * @property {number | null} cell      index of the failing cell in nb.cells, when found
 * @property {number | null} codeCell  1-based number among code cells
 * @property {string | null} source
 * @property {string} message
 */

/**
 * @typedef {object} NotebookResult
 * @property {string} name
 * @property {string} notebook
 * @property {boolean} ok
 * @property {number} seconds
 * @property {string | null} executed
 * @property {string | null} html
 * @property {string[]} figures
 * @property {{ index: number, seconds: number }[]} cells
 * @property {NotebookFailure | null} error
 * @property {boolean} [signed]
 * @property {{ start: number | null, cells: number | null, stop: number | null, html: number | null, sign: number | null }} phases
 *   seconds spent in each phase (null when not measured): start = nbconvert and kernel start up
 *   to the first cell, cells = first cell busy to last cell idle, stop = kernel shutdown and
 *   nbconvert exit, html = HTML export, sign = nbformat.sign
 */

/**
 * @typedef {object} RenderService
 * @property {string} socketPath
 * @property {() => Promise<void>} close
 */

/**
 * The parts of a notebook (nbformat 4 JSON) read here.
 * @typedef {{ cell_type: string, source?: string | string[], metadata?: { execution?: Record<string, string> }, outputs?: NotebookOutput[] }} NotebookCell
 * @typedef {{ output_type: string, name?: string, text?: string | string[], ename?: string, evalue?: string }} NotebookOutput
 * @typedef {{ cells: NotebookCell[] }} Notebook
 */

/**
 * @typedef {object} RunResult
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {boolean} timedOut
 */

/** The jupyter command: Debian's /usr/bin/jupyter when present (a pyenv or venv on PATH may lack nbconvert). */
export function jupyterCommand() {
  return fs.existsSync("/usr/bin/jupyter") ? "/usr/bin/jupyter" : "jupyter";
}

/** True when `jupyter nbconvert` can run here. */
export function jupyterAvailable() {
  const r = spawnSync(jupyterCommand(), ["nbconvert", "--version"], {
    env: notebookEnv(),
    encoding: "utf8",
    timeout: 60_000,
  });
  return r.status === 0;
}

/** The Python interpreter that runs jupyter (from its #! line), for `python -m nbformat.sign`. */
export function jupyterPython() {
  const exe = jupyterCommand();
  try {
    const resolved = exe.includes("/") ? exe : whichSync(exe);
    const first = fs.readFileSync(resolved, "utf8").split("\n", 1)[0];
    const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
    if (m) return m[1].endsWith("/env") && m[2] ? m[2] : m[1];
  } catch {
    /* fall through */
  }
  return fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

/** @param {string} cmd */
function whichSync(cmd) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const p = path.join(dir, cmd);
    if (dir && fs.existsSync(p)) return p;
  }
  throw new Error(`${cmd} not found on PATH`);
}

/**
 * Environment for jupyter commands: project-local kernel spec, quiet debugger, figure dir.
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function notebookEnv(extra = {}) {
  const env = { ...process.env };
  const jp = env.JUPYTER_PATH ? [JUPYTER_DATA_DIR, env.JUPYTER_PATH] : [JUPYTER_DATA_DIR];
  env.JUPYTER_PATH = jp.join(path.delimiter);
  env.PYDEVD_DISABLE_FILE_VALIDATION = "1";
  // The kernel's Node finds node_modules/.bin tools (tsc etc.) if it shells out.
  env.PATH = [path.join(ROOT, "node_modules", ".bin"), env.PATH ?? ""].join(path.delimiter);
  return { ...env, ...extra };
}

/**
 * notebooks/*.ipynb sorted by name. `only`: list of selectors; each picks the notebooks whose
 * file name starts with it (e.g. "01", "00-toolchain"), or, if none does, contains it.
 * @param {string[]} [only]
 * @returns {string[]}
 */
export function listNotebooks(only = []) {
  const all = fs
    .readdirSync(NOTEBOOK_DIR)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort();
  const picked = only.length
    ? all.filter((f) =>
        only.some((s) => (all.some((g) => g.startsWith(s)) ? f.startsWith(s) : f.includes(s))),
      )
    : all;
  return picked.map((f) => path.join(NOTEBOOK_DIR, f));
}

/**
 * Runs a command; resolves {code, signal, stdout, stderr, timedOut}. Kills it (SIGINT, then SIGKILL) after timeoutMs.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number }} [options]
 * @returns {Promise<RunResult>}
 */
export function run(cmd, args, { env, cwd = ROOT, timeoutMs = 0 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    /** @type {NodeJS.Timeout | null} */
    let killTimer = null;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            // SIGINT lets nbclient shut the kernel down; SIGKILL the group if it does not stop.
            try {
              if (child.pid !== undefined) process.kill(-child.pid, "SIGINT");
            } catch {}
            killTimer = setTimeout(() => {
              try {
                if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
              } catch {}
            }, 15_000);
          }, timeoutMs)
        : null;
    child.on("error", (e) => {
      stderr += String(e);
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/**
 * @param {string} nbPath
 * @param {string} outDir
 * @param {number} cellTimeoutS
 * @param {boolean} allowErrors
 */
function nbconvertExecuteArgs(nbPath, outDir, cellTimeoutS, allowErrors) {
  return [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    nbPath,
    "--output-dir",
    outDir,
    `--ExecutePreprocessor.timeout=${cellTimeoutS}`,
    "--ExecutePreprocessor.startup_timeout=120",
    ...(allowErrors ? ["--allow-errors"] : []),
  ];
}

/**
 * nbconvert's HTML priority with PNG ahead of SVG: Debian 12's nbconvert 6.5 (and 7.0-7.6)
 * passes inline SVG through clean_html, which strips every SVG element (blank figure).
 */
export const HTML_DISPLAY_PRIORITY = [
  "text/html",
  "application/pdf",
  "text/latex",
  "image/png",
  "image/jpeg",
  "image/svg+xml",
  "text/markdown",
  "text/plain",
];

/**
 * Arguments for `jupyter nbconvert --to html` of an executed notebook.
 * @param {string} executed
 * @param {string} htmlDir
 * @returns {string[]}
 */
export function nbconvertHtmlArgs(executed, htmlDir) {
  return [
    "nbconvert",
    "--to",
    "html",
    executed,
    "--output-dir",
    htmlDir,
    `--NbConvertBase.display_data_priority=${JSON.stringify(HTML_DISPLAY_PRIORITY)}`,
  ];
}

/**
 * @param {string} p
 * @returns {Notebook}
 */
function readNotebook(p) {
  return JSON.parse(fs.readFileSync(p, "utf8"));
}

/** @param {string | string[] | undefined} t */
const joinText = (t) => (Array.isArray(t) ? t.join("") : String(t ?? ""));

/**
 * Numbers the code cells 1, 2, ... where the kernel left execution_count null (tslab sends no
 * execute_input, so nbclient never learns the count): front ends then show In [n], not In [ ].
 * Returns true when it changed anything.
 * @param {{ cells: { cell_type: string, execution_count?: number | null, outputs?: { output_type: string, execution_count?: number | null }[] }[] }} nb
 */
export function numberCells(nb) {
  let n = 0;
  let changed = false;
  for (const c of nb.cells) {
    if (c.cell_type !== "code") continue;
    n++;
    if (c.execution_count === null || c.execution_count === undefined) {
      c.execution_count = n;
      changed = true;
    }
    for (const o of c.outputs ?? []) if (o.output_type === "execute_result" && o.execution_count == null) o.execution_count = c.execution_count;
  }
  return changed;
}

/**
 * Time of each code cell from nbclient's metadata.execution timestamps (tslab sends no
 * execute_input, so busy → idle on iopub is used).
 * @param {Notebook} nb
 * @returns {{ index: number, seconds: number }[]}
 */
export function cellTimings(nb) {
  /** @type {{ index: number, seconds: number }[]} */
  const out = [];
  nb.cells.forEach((c, index) => {
    const ex = c.metadata?.execution;
    const a = ex?.["iopub.status.busy"] ?? ex?.["iopub.execute_input"];
    const b = ex?.["iopub.status.idle"] ?? ex?.["shell.execute_reply"];
    if (c.cell_type === "code" && a && b) out.push({ index, seconds: (Date.parse(b) - Date.parse(a)) / 1000 });
  });
  return out;
}

/**
 * Finds the failing cell: the first code cell whose source appears in nbconvert's error
 * message, with its stderr and error outputs (tslab writes compile and runtime errors to
 * stderr and reports only a bare "<Error>:" to nbclient).
 * @param {Notebook | null} nb
 * @param {string} stderr
 * @returns {NotebookFailure}
 */
function describeFailure(nb, stderr) {
  /** @type {string | null} */
  let failedSource = null;
  let tail;
  const m = /An error occurred while executing the following cell:\n-+\n([\s\S]*?)\n-+\n([\s\S]*)$/.exec(stderr);
  const t = /(CellTimeoutError: [\s\S]*?)Here is a preview of the cell contents:\n-+\n([\s\S]*?)\n-+/.exec(stderr);
  if (m) {
    failedSource = m[1];
    tail = m[2].trim();
  } else if (t) {
    failedSource = t[2];
    tail = t[1].trim();
  } else {
    tail = stderr.trim().split("\n").slice(-15).join("\n");
  }
  let codeNo = 0;
  if (nb) {
    for (let i = 0; i < nb.cells.length; i++) {
      const c = nb.cells[i];
      if (c.cell_type !== "code") continue;
      codeNo++;
      const src = joinText(c.source);
      // (a timeout's preview may be only the start of the cell)
      if (failedSource !== null && src.trim() !== failedSource.trim() && !src.startsWith(failedSource.trim())) continue;
      const outs = c.outputs ?? [];
      const errText = outs
        .map((o) =>
          o.output_type === "error"
            ? `${o.ename}: ${o.evalue}`
            : o.output_type === "stream" && o.name === "stderr"
              ? joinText(o.text)
              : "",
        )
        .filter(Boolean)
        .join("\n")
        .trim();
      if (failedSource === null && !errText) continue;
      return { cell: i, codeCell: codeNo, source: src, message: errText || tail };
    }
  }
  return { cell: null, codeCell: null, source: failedSource, message: tail };
}

/**
 * Executes one notebook.
 *   outDir     executed notebook goes to <outDir>/<name>.ipynb (default output/notebooks)
 *   htmlDir    HTML export to <htmlDir>/<name>.html, null to skip (default output/html)
 *   figureDir  where showFigure writes <name>.{svg,png,json} (default output/figures)
 *   cellTimeoutS  per-cell timeout (default 300 s, env POTMAP_CELL_TIMEOUT)
 *   timeoutMs  hard limit for the whole notebook run (default 30 min)
 *   sign       trust the executed notebook for the classic UI (default true)
 *   renderSocket  a shared renderer's socket (startRenderService) for the kernel's figures
 * The kernel writes its figures to a private staging folder (POTMAP_FIGURE_DIR) that is
 * moved into figureDir afterwards, so that `figures` lists exactly this notebook's files even
 * when several notebooks run at once.
 * Resolves { name, ok, seconds, executed, html, figures, cells, phases, error }; `phases` are
 * seconds: start (nbconvert + kernel start, up to the first cell), cells (first cell busy to
 * last cell idle), stop (kernel shutdown, nbconvert exit), html, sign.
 * @param {string} nbPath
 * @param {RunOptions} [opts]
 * @returns {Promise<NotebookResult>}
 */
export async function runNotebook(nbPath, opts = {}) {
  const name = path.basename(nbPath, ".ipynb");
  const outDir = path.resolve(opts.outDir ?? path.join(ROOT, "output", "notebooks"));
  const htmlDir = opts.htmlDir === null ? null : path.resolve(opts.htmlDir ?? path.join(ROOT, "output", "html"));
  const figureDir = path.resolve(opts.figureDir ?? path.join(ROOT, "output", "figures"));
  const cellTimeoutS = opts.cellTimeoutS ?? (Number(process.env.POTMAP_CELL_TIMEOUT) || DEFAULT_CELL_TIMEOUT_S);
  const timeoutMs = opts.timeoutMs ?? 30 * 60_000;
  const sign = opts.sign ?? true;
  for (const d of [outDir, figureDir, htmlDir]) if (d) fs.mkdirSync(d, { recursive: true });
  const staging = path.join(figureDir, `.staging-${name}-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });

  const env = notebookEnv({
    POTMAP_FIGURE_DIR: staging,
    ...(opts.renderSocket ? { POTMAP_RENDER_SOCKET: opts.renderSocket } : {}),
    ...(opts.env ?? {}),
  });
  const jupyter = jupyterCommand();
  const executed = path.join(outDir, `${name}.ipynb`);
  const t0 = Date.now();
  fs.rmSync(executed, { force: true });

  /** @type {NotebookResult} */
  const result = {
    name,
    notebook: nbPath,
    ok: false,
    seconds: 0,
    executed: null,
    html: null,
    figures: [],
    cells: [],
    phases: { start: null, cells: null, stop: null, html: null, sign: null },
    error: null,
  };

  try {
    const r = await run(jupyter, nbconvertExecuteArgs(nbPath, outDir, cellTimeoutS, false), { env, timeoutMs });
    const tExecuted = Date.now();
    result.seconds = (tExecuted - t0) / 1000;

    if (r.code === 0 && fs.existsSync(executed)) {
      result.ok = true;
      result.executed = executed;
      const nb = readNotebook(executed);
      if (numberCells(nb)) fs.writeFileSync(executed, JSON.stringify(nb, null, 1) + "\n");
      result.cells = cellTimings(nb);
      const span = executionSpan(nb);
      if (span) {
        result.phases.start = Math.max(0, (span.first - t0) / 1000);
        result.phases.cells = (span.last - span.first) / 1000;
        result.phases.stop = Math.max(0, (tExecuted - span.last) / 1000);
      }
    } else {
      // nbconvert writes nothing on failure; run again allowing errors to keep the outputs
      // (stderr of the failing cell) for the report and for the student to look at.
      /** @type {Notebook | null} */
      let nb = null;
      if (!r.timedOut && !/CellTimeoutError/.test(r.stderr)) {
        const again = await run(jupyter, nbconvertExecuteArgs(nbPath, outDir, cellTimeoutS, true), { env, timeoutMs });
        if (again.code === 0 && fs.existsSync(executed)) {
          nb = readNotebook(executed);
          result.executed = executed;
        }
      }
      result.error = r.timedOut
        ? { cell: null, codeCell: null, source: null, message: `timed out after ${timeoutMs / 1000} s\n${r.stderr.trim().split("\n").slice(-10).join("\n")}` }
        : describeFailure(nb ?? readNotebook(nbPath), r.stderr);
    }

    if (result.executed && htmlDir) {
      const th = Date.now();
      const h = await run(jupyter, nbconvertHtmlArgs(result.executed, htmlDir), {
        env,
        timeoutMs: 120_000,
      });
      result.phases.html = (Date.now() - th) / 1000;
      const html = path.join(htmlDir, `${name}.html`);
      if (h.code === 0 && fs.existsSync(html)) result.html = html;
      else if (result.ok) {
        result.ok = false;
        result.error = { cell: null, codeCell: null, source: null, message: `HTML export failed:\n${h.stderr.trim()}` };
      }
    }
    if (result.executed && sign) {
      const ts = Date.now();
      const s = await run(jupyterPython(), ["-m", "nbformat.sign", result.executed], { env, timeoutMs: 60_000 });
      result.phases.sign = (Date.now() - ts) / 1000;
      result.signed = s.code === 0;
    }
  } finally {
    // this notebook's figures, moved out of its staging folder
    for (const f of fs.existsSync(staging) ? fs.readdirSync(staging).sort() : []) {
      const to = path.join(figureDir, f);
      fs.renameSync(path.join(staging, f), to);
      result.figures.push(to);
    }
    fs.rmSync(staging, { recursive: true, force: true });
  }
  result.seconds = (Date.now() - t0) / 1000;
  return result;
}

/**
 * First busy and last idle time (ms since the epoch) of the code cells, from nbclient's metadata.
 * @param {Notebook} nb
 */
function executionSpan(nb) {
  let first = Infinity;
  let last = -Infinity;
  for (const c of nb.cells) {
    const ex = c.metadata?.execution;
    const a = Date.parse(ex?.["iopub.status.busy"] ?? ex?.["iopub.execute_input"] ?? "");
    const b = Date.parse(ex?.["iopub.status.idle"] ?? ex?.["shell.execute_reply"] ?? "");
    if (Number.isFinite(a)) first = Math.min(first, a);
    if (Number.isFinite(b)) last = Math.max(last, b);
  }
  return Number.isFinite(first) && Number.isFinite(last) ? { first, last } : null;
}

/**
 * Starts one headless browser that the kernels of runNotebook({ renderSocket }) share for their
 * figures (lib/src/notebook/render.ts serveRenders), instead of one browser per notebook. Resolves
 * { socketPath, close() }, or null (with a warning) if the library is not built; a kernel that
 * cannot reach the socket starts its own browser, so nothing depends on this succeeding.
 * @returns {Promise<RenderService | null>}
 */
export async function startRenderService() {
  try {
    const render = createRequire(import.meta.url)(path.join(ROOT, "lib", "dist", "notebook", "render.js"));
    const socketPath = path.join(os.tmpdir(), `potmap-rs-${process.pid}-${Date.now().toString(36)}.sock`);
    // warm: the browser starts now, while Jupyter starts the kernels
    return await render.serveRenders(socketPath, { warm: true });
  } catch (e) {
    console.warn(`notebookRunner: no shared renderer (${e instanceof Error ? e.message : e}); each kernel starts its own browser`);
    return null;
  }
}

/**
 * Default number of notebooks run at once: POTMAP_JOBS, else the number of CPUs capped at 2
 * (each notebook is a Jupyter kernel plus a headless browser: ~0.5 GB and one busy core).
 * @returns {number}
 */
export function defaultConcurrency() {
  const fromEnv = Number(process.env.POTMAP_JOBS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const cpus = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(2, cpus));
}

/**
 * A limiter: `limit(fn)` runs fn when fewer than `n` earlier calls are still running, in call
 * order, and resolves with fn's result.
 * @param {number} n
 * @returns {<T>(fn: () => T | Promise<T>) => Promise<T>}
 */
export function limitConcurrency(n) {
  let active = 0;
  /** @type {{ fn: () => unknown, resolve: (value: any) => void, reject: (reason: unknown) => void }[]} */
  const waiting = [];
  const next = () => {
    if (active >= n || waiting.length === 0) return;
    active++;
    const { fn, resolve, reject } = /** @type {(typeof waiting)[number]} */ (waiting.shift());
    Promise.resolve()
      .then(fn)
      .then(resolve, reject)
      .finally(() => {
        active--;
        next();
      });
  };
  return (fn) =>
    new Promise((resolve, reject) => {
      waiting.push({ fn, resolve, reject });
      next();
    });
}

/**
 * Runs notebooks with bounded concurrency (default defaultConcurrency()), their kernels sharing
 * one renderer (startRenderService; sharedRenderer: false for one browser per kernel). Results
 * come back in the order of `nbPaths`, whatever order they finish in; `onResult(result, index)`
 * is called in that same order, as soon as a result and all results before it are in.
 * @param {string[]} nbPaths
 * @param {RunOptions} [opts]
 * @param {{ concurrency?: number, onResult?: (result: NotebookResult, index: number) => void, sharedRenderer?: boolean }} [run]
 * @returns {Promise<NotebookResult[]>}
 */
export async function runNotebooks(nbPaths, opts = {}, { concurrency = defaultConcurrency(), onResult, sharedRenderer = true } = {}) {
  const service = sharedRenderer && !opts.renderSocket ? await startRenderService() : null;
  if (service) opts = { ...opts, renderSocket: service.socketPath };
  try {
    return await runAll(nbPaths, opts, concurrency, onResult);
  } finally {
    await service?.close();
  }
}

/**
 * @param {string[]} nbPaths
 * @param {RunOptions} opts
 * @param {number} concurrency
 * @param {((result: NotebookResult, index: number) => void) | undefined} onResult
 * @returns {Promise<NotebookResult[]>}
 */
async function runAll(nbPaths, opts, concurrency, onResult) {
  const limit = limitConcurrency(concurrency);
  /** @type {NotebookResult[]} */
  const results = new Array(nbPaths.length);
  let reported = 0;
  const report = () => {
    while (reported < nbPaths.length && results[reported] !== undefined) {
      onResult?.(results[reported], reported);
      reported++;
    }
  };
  await Promise.all(
    nbPaths.map((p, i) =>
      limit(() => runNotebook(p, opts)).then((r) => {
        results[i] = r;
        report();
      }),
    ),
  );
  return results;
}

/**
 * One-paragraph description of a failed run, for test failures and the reproduce summary.
 * @param {NotebookResult} res
 * @returns {string}
 */
export function formatFailure(res) {
  /** @type {Partial<NotebookFailure>} */
  const e = res.error ?? {};
  const where = e.cell === null || e.cell === undefined ? "" : ` in cell ${e.cell + 1} (code cell ${e.codeCell}; counting from 1)`;
  const src = e.source
    ? "\n  source:\n" +
      e.source
        .split("\n")
        .slice(0, 8)
        .map((l) => "    | " + l)
        .join("\n") +
      (e.source.split("\n").length > 8 ? "\n    | …" : "")
    : "";
  const msg = (e.message ?? "unknown error")
    .split("\n")
    .slice(0, 20)
    .map((l) => "    " + l)
    .join("\n");
  return `${res.name}: FAILED${where}${src}\n  error:\n${msg}` + (res.executed ? `\n  outputs: ${path.relative(ROOT, res.executed)}` : "");
}
