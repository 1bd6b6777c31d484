// Executes every notebooks/*.ipynb with Debian's Jupyter and the project-local tslab kernel
// (the same code path as `npm run reproduce`) and fails on any cell error, naming the cell.
//
// Needs `bash scripts/setup.sh --notebooks`. Skipped (with a message) only when jupyter is
// missing AND CI is not set; in CI a missing jupyter is a failure.
// Cost: the notebooks run concurrently (POTMAP_JOBS, default min(2, CPUs)) and their kernels
// share one headless browser for their figures, as in reproduce; no HTML export, no signing.
// Bounded: each notebook has POTMAP_NOTEBOOK_TIMEOUT_S (default 300 s) in all, each cell 240 s.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ROOT,
  defaultConcurrency,
  formatFailure,
  jupyterAvailable,
  limitConcurrency,
  listNotebooks,
  runNotebook,
  startRenderService,
  type RenderService,
} from "../scripts/notebookRunner.mjs";

const NOTEBOOK_TIMEOUT_S = Number(process.env.POTMAP_NOTEBOOK_TIMEOUT_S) || 300;
const haveJupyter = jupyterAvailable();
const skip = !haveJupyter && !process.env.CI;
const title = skip
  ? "notebooks (SKIPPED: jupyter nbconvert not installed; run `bash scripts/setup.sh --notebooks` as root)"
  : "notebooks execute without errors";
if (skip) console.warn(`test/notebooks.test.ts: ${title}`);

const outRoot = path.join(ROOT, "output", "test", "notebooks");
const concurrency = defaultConcurrency();
const limit = limitConcurrency(concurrency);

describe.skipIf(skip)(title, () => {
  const notebooks = listNotebooks();
  let renderer: RenderService | null = null;

  beforeAll(async () => {
    renderer = await startRenderService();
  });
  afterAll(async () => {
    await renderer?.close();
  });

  test("jupyter nbconvert is available", () => {
    expect(haveJupyter, "jupyter nbconvert not runnable: run `bash scripts/setup.sh --notebooks`").toBe(true);
  });

  test("there is at least one notebook", () => {
    expect(notebooks.length).toBeGreaterThan(0);
  });

  // vitest starts up to 5 concurrent tests; `limit` runs `concurrency` notebooks at a time, so a
  // test may wait for two others before its own run: its timeout covers three runs.
  test.concurrent.each(notebooks.map((p) => [path.basename(p), p]))(
    "%s",
    async (_name, nbPath) => {
      const res = await limit(() =>
        runNotebook(nbPath, {
          outDir: path.join(outRoot, "executed"),
          htmlDir: null,
          figureDir: path.join(outRoot, "figures"),
          cellTimeoutS: Math.min(240, NOTEBOOK_TIMEOUT_S - 30),
          timeoutMs: (NOTEBOOK_TIMEOUT_S - 10) * 1000,
          sign: false,
          renderSocket: renderer?.socketPath,
        }),
      );
      if (!res.ok) expect.fail(formatFailure(res));
      expect(res.executed).not.toBeNull();
    },
    3 * NOTEBOOK_TIMEOUT_S * 1000,
  );
});
