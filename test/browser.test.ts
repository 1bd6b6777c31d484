// Opens the HTML export of notebooks/00-toolchain.ipynb in headless chromium and checks that
// every figure is really drawn (an <img> that decodes to a full-size image with the plotted
// curves' colours in its pixels, or an inline SVG with plot paths), that the table is there,
// that the SVG file has the curves and labels, and that the executed notebook carries the
// multi-MIME bundle and stays small. The notebook is executed in beforeAll into output/test/browser/.
//
// Needs `bash scripts/setup.sh --notebooks` (Jupyter + chromium). Skipped only when they are
// missing AND CI is not set. Bounded: beforeAll 300 s, each test 120 s.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  NOTEBOOK_DIR,
  ROOT,
  formatFailure,
  jupyterAvailable,
  runNotebook,
  type NotebookResult,
} from "../scripts/notebookRunner.mjs";

// The library is CommonJS (lib/dist); load it with Node's require, as notebooks do.
const require_ = createRequire(import.meta.url);
const render = require_("potmap/notebook") as typeof import("../lib/src/notebook/render");

const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const NOTEBOOK = path.join(NOTEBOOK_DIR, "00-toolchain.ipynb");
const outRoot = path.join(ROOT, "output", "test", "browser");

const haveTools = fs.existsSync(render.chromiumExecutable()) && jupyterAvailable();
const skip = !haveTools && !process.env.CI;
const title = skip
  ? "browser rendering (SKIPPED: jupyter or chromium missing; run `bash scripts/setup.sh --notebooks` as root)"
  : "exported notebook HTML renders its figures";
if (skip) console.warn(`test/browser.test.ts: ${title}`);

type Output = { output_type: string; data?: Record<string, unknown>; metadata?: Record<string, unknown> };
type Notebook = { cells: { cell_type: string; outputs?: Output[] }[] };

describe.skipIf(skip)(title, () => {
  let res: NotebookResult;
  let nb: Notebook;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;

  beforeAll(async () => {
    fs.rmSync(outRoot, { recursive: true, force: true });
    res = await runNotebook(NOTEBOOK, {
      outDir: path.join(outRoot, "notebooks"),
      htmlDir: path.join(outRoot, "html"),
      figureDir: path.join(outRoot, "figures"),
      cellTimeoutS: 180,
      timeoutMs: 240_000,
      sign: false,
    });
    if (!res.ok || !res.html || !res.executed) throw new Error(formatFailure(res));
    nb = JSON.parse(fs.readFileSync(res.executed, "utf8")) as Notebook;
    profileDir = fs.mkdtempSync(path.join(outRoot, "profile-"));
    context = (await render.launchChromium(profileDir)) as unknown as BrowserContext;
    // Offline and deterministic: only local files may load (the nbconvert template links CDNs).
    await context.route("**/*", (route) =>
      route.request().url().startsWith("file:") || route.request().url().startsWith("data:")
        ? route.continue()
        : route.abort(),
    );
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  }, 60_000);

  const figureOutputs = (): Output[] =>
    nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "display_data" && o.data?.[PLOTLY_MIME]);

  test(
    "the executed notebook carries one multi-MIME bundle per figure and stays small",
    () => {
      const figs = figureOutputs();
      expect(figs.length).toBe(1);
      for (const o of figs) {
        expect(Object.keys(o.data ?? {}).sort()).toEqual([PLOTLY_MIME, "image/png", "text/plain"].sort());
        const spec = o.data?.[PLOTLY_MIME] as { data: unknown[]; layout: Record<string, unknown> };
        expect(spec.data.length).toBe(2);
        expect(spec.layout.paper_bgcolor).toBe("white"); // project defaults applied
        expect((o.metadata?.["image/png"] as { width?: number })?.width).toBe(900);
      }
      expect(res.figures.map((f) => path.basename(f)).sort()).toEqual([
        "00-boltzmann-factor.json",
        "00-boltzmann-factor.png",
        "00-boltzmann-factor.svg",
      ]);
      // plotly.js (several MB) must never be embedded: one figure costs ~150 kB.
      expect(fs.statSync(res.executed as string).size).toBeLessThan(1_000_000);
    },
    120_000,
  );

  test(
    "the HTML export draws every figure (decoded image with plotted lines, or SVG with plot paths)",
    async () => {
      await page.goto(pathToFileURL(res.html as string).href, { waitUntil: "load" });
      const figs = await page.evaluate(async () => {
        const imgs = Array.from(document.querySelectorAll("img")).filter((i) => i.src.startsWith("data:image/"));
        const images = [];
        for (const img of imgs) {
          await img.decode();
          // Look at the pixels: a blank or broken image has (almost) no coloured pixels.
          const c = document.createElement("canvas");
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          const g = c.getContext("2d") as CanvasRenderingContext2D;
          g.drawImage(img, 0, 0);
          const px = g.getImageData(0, 0, c.width, c.height).data;
          let ink = 0;
          let blue = 0;
          let red = 0;
          for (let i = 0; i < px.length; i += 4) {
            const [r, gg, b] = [px[i], px[i + 1], px[i + 2]];
            if (r + gg + b < 600) ink++;
            if (b > 150 && r < 80) blue++; // trace colour #1f77b4
            if (r > 180 && gg < 80 && b < 80) red++; // trace colour #d62728
          }
          const r = img.getBoundingClientRect();
          images.push({ w: img.naturalWidth, h: img.naturalHeight, shownW: r.width, ink, blue, red, n: px.length / 4 });
        }
        const svgs = Array.from(document.querySelectorAll("svg.main-svg")).map((s) => ({
          paths: Array.from(s.querySelectorAll("g.trace path, g.trace image")).filter(
            (p) => !p.closest("g.legend") && (p.getAttribute("d") || p.tagName === "image"),
          ).length,
        }));
        return { images, svgs };
      });
      expect(figs.images.length + figs.svgs.length).toBe(figureOutputs().length);
      for (const s of figs.svgs) expect(s.paths).toBeGreaterThan(0);
      for (const i of figs.images) {
        expect(i.w).toBeGreaterThanOrEqual(900);
        expect(i.h).toBeGreaterThanOrEqual(500);
        expect(i.shownW).toBeGreaterThan(300);
        expect(i.ink / i.n).toBeGreaterThan(0.005);
      }
      // The smoke figure: one blue and one red curve (300 K and 600 K).
      const f = figs.images[0];
      expect(f.blue).toBeGreaterThan(500);
      expect(f.red).toBeGreaterThan(500);
      await page.screenshot({ path: path.join(outRoot, "00-toolchain-html.png"), fullPage: true });
    },
    120_000,
  );

  test(
    "the HTML export shows the table",
    async () => {
      await page.goto(pathToFileURL(res.html as string).href, { waitUntil: "load" });
      const rows = await page.evaluate(() =>
        Array.from(document.querySelectorAll("table.potmap-table tbody tr")).map((tr) =>
          Array.from(tr.querySelectorAll("td")).map((td) => td.textContent),
        ),
      );
      expect(rows.length).toBe(2);
      expect(rows[0][0]).toBe("300");
      expect(rows[1][0]).toBe("600");
    },
    120_000,
  );

  test(
    "the SVG written to the figure folder has the curves, axis titles with units and legend",
    async () => {
      const svgFile = res.figures.find((f) => f.endsWith(".svg")) as string;
      await page.goto(pathToFileURL(svgFile).href, { waitUntil: "load" });
      const svg = await page.evaluate(() => {
        const s = document.querySelector("svg.main-svg") as SVGSVGElement;
        const r = s.getBoundingClientRect();
        return {
          width: r.width,
          height: r.height,
          lines: Array.from(s.querySelectorAll("g.trace path.js-line")).filter((p) => !p.closest("g.legend")).length,
          text: s.textContent ?? "",
        };
      });
      expect(svg.width).toBe(900);
      expect(svg.height).toBe(500);
      expect(svg.lines).toBe(2);
      expect(svg.text).toContain("E (eV)");
      expect(svg.text).toContain("T = 300 K");
      expect(svg.text).toContain("T = 600 K");
    },
    120_000,
  );
});
