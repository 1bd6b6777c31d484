// Headless execution of the project's notebooks with Debian's Jupyter (nbconvert + nbclient)
// and the project-local tslab kernel spec (notebooks/jupyter/kernels/tslab).
// Used by scripts/reproduce.mjs and test/notebooks.test.ts, so both run notebooks the same way.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const NOTEBOOK_DIR = path.join(ROOT, "notebooks");
/** Folder given to Jupyter as JUPYTER_PATH; holds kernels/tslab/kernel.json. */
export const JUPYTER_DATA_DIR = path.join(NOTEBOOK_DIR, "jupyter");

/** Default per-cell timeout in seconds (nbclient interrupts the kernel after it). */
export const DEFAULT_CELL_TIMEOUT_S = 300;

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

function whichSync(cmd) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const p = path.join(dir, cmd);
    if (dir && fs.existsSync(p)) return p;
  }
  throw new Error(`${cmd} not found on PATH`);
}

/** Environment for jupyter commands: project-local kernel spec, quiet debugger, figure dir. */
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

/** Runs a command; resolves {code, signal, stdout, stderr, timedOut}. Kills it (SIGINT, then SIGKILL) after timeoutMs. */
export function run(cmd, args, { env, cwd = ROOT, timeoutMs = 0 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let killTimer = null;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            // SIGINT lets nbclient shut the kernel down; SIGKILL the group if it does not stop.
            try {
              process.kill(-child.pid, "SIGINT");
            } catch {}
            killTimer = setTimeout(() => {
              try {
                process.kill(-child.pid, "SIGKILL");
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

/** Arguments for `jupyter nbconvert --to html` of an executed notebook. */
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

function readNotebook(p) {
  return JSON.parse(fs.readFileSync(p, "utf8"));
}

const joinText = (t) => (Array.isArray(t) ? t.join("") : String(t ?? ""));

/**
 * Time of each code cell from nbclient's metadata.execution timestamps (tslab sends no
 * execute_input, so busy → idle on iopub is used).
 */
export function cellTimings(nb) {
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
 */
function describeFailure(nb, stderr) {
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
 *   figureDir  POTMAP_FIGURE_DIR for showFigure (default output/figures)
 *   cellTimeoutS  per-cell timeout (default 300 s, env POTMAP_CELL_TIMEOUT)
 *   timeoutMs  hard limit for the whole notebook run (default 30 min)
 *   sign       trust the executed notebook for the classic UI (default true)
 * Resolves { name, ok, seconds, executed, html, figures, cells, error }.
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

  const env = notebookEnv({ POTMAP_FIGURE_DIR: figureDir, ...(opts.env ?? {}) });
  const jupyter = jupyterCommand();
  const executed = path.join(outDir, `${name}.ipynb`);
  const t0 = Date.now();
  const startedAt = t0 - 1000; // mtime granularity
  fs.rmSync(executed, { force: true });

  const result = {
    name,
    notebook: nbPath,
    ok: false,
    seconds: 0,
    executed: null,
    html: null,
    figures: [],
    cells: [],
    error: null,
  };

  const r = await run(jupyter, nbconvertExecuteArgs(nbPath, outDir, cellTimeoutS, false), { env, timeoutMs });
  result.seconds = (Date.now() - t0) / 1000;

  if (r.code === 0 && fs.existsSync(executed)) {
    result.ok = true;
    result.executed = executed;
    const nb = readNotebook(executed);
    result.cells = cellTimings(nb);
  } else {
    // nbconvert writes nothing on failure; run again allowing errors to keep the outputs
    // (stderr of the failing cell) for the report and for the student to look at.
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
    const h = await run(jupyter, nbconvertHtmlArgs(result.executed, htmlDir), {
      env,
      timeoutMs: 120_000,
    });
    const html = path.join(htmlDir, `${name}.html`);
    if (h.code === 0 && fs.existsSync(html)) result.html = html;
    else if (result.ok) {
      result.ok = false;
      result.error = { cell: null, codeCell: null, source: null, message: `HTML export failed:\n${h.stderr.trim()}` };
    }
  }
  if (result.executed && sign) {
    const s = await run(jupyterPython(), ["-m", "nbformat.sign", result.executed], { env, timeoutMs: 60_000 });
    result.signed = s.code === 0;
  }
  if (fs.existsSync(figureDir)) {
    result.figures = fs
      .readdirSync(figureDir)
      .filter((f) => fs.statSync(path.join(figureDir, f)).mtimeMs >= startedAt)
      .sort()
      .map((f) => path.join(figureDir, f));
  }
  result.seconds = (Date.now() - t0) / 1000;
  return result;
}

/** One-paragraph description of a failed run, for test failures and the reproduce summary. */
export function formatFailure(res) {
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
