/**
 * Static rendering of Plotly figures (SVG, PNG) with a real headless browser. (Over 400 lines:
 * the one shared browser's lifecycle, the render queue and the render service share one module
 * state, which a split would have to export.)
 *
 * plotly.js needs a DOM, so figures are drawn by Debian's chromium driven through
 * playwright-core: ONE browser is started lazily on the first render and reused; it is
 * closed by closeRenderer(), after an idle period (so a script that forgets to close it
 * still exits), and killed when the Node process exits. Nothing is downloaded: plotly.js
 * is loaded from node_modules through a file:// URL.
 *
 * playwright-core and plotly.js-dist are resolved only when a figure is rendered, so
 * importing this module (or the library) never loads them.
 *
 * Shared renderer: a process that renders many notebooks' figures (scripts/reproduce.mjs, the
 * notebook tests) starts ONE browser and serves it on a Unix socket with serveRenders(); the
 * kernels it starts find the socket in POTMAP_RENDER_SOCKET and send their figures there
 * instead of starting a browser each (~1.5 s per notebook). If the socket cannot be reached,
 * a kernel falls back to its own browser; the images are the same either way.
 *
 * Environment:
 *   POTMAP_CHROMIUM         browser executable (default /usr/bin/chromium)
 *   POTMAP_RENDER_IDLE_MS   default for RenderOptions.keepAliveMs (default 5000)
 *   POTMAP_RENDER_SOCKET    Unix socket of a shared renderer (serveRenders), if any
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import type { BrowserContext, Page } from "playwright-core";

/**
 * What launchChromium gives its callers: the part of playwright-core's BrowserContext they use,
 * typed here so that potmap/notebook's declarations compile where the optional peer
 * playwright-core is not installed (a caller with it may cast to BrowserContext).
 */
export interface ChromiumContext {
  newPage(): Promise<any>;
  pages(): any[];
  route(url: string, handler: (route: any) => unknown): Promise<unknown>;
  close(): Promise<void>;
}
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, PlotlyFigure, figureToJSON } from "../figures/figure";

export type ImageFormat = "svg" | "png";

export interface RenderOptions {
  /** Image width in CSS pixels (default: layout.width, else 900). */
  width?: number;
  /** Image height in CSS pixels (default: layout.height, else 500). */
  height?: number;
  /** Pixel ratio of the PNG (default 1.5, i.e. 1350 × 750 pixels for 900 × 500). */
  scale?: number;
  /** Formats to produce (default ["svg"]). */
  formats?: ImageFormat[];
  /** Milliseconds to wait for one figure before giving up (default 60000). */
  timeoutMs?: number;
  /**
   * Keep the browser open this long after the render, for the next figure (default
   * POTMAP_RENDER_IDLE_MS, else 5000 ms; 0 = until closeRenderer or process exit).
   * While it is open the Node process does not exit by itself: scripts should call
   * closeRenderer() when done, or wait this long.
   */
  keepAliveMs?: number;
}

export interface RenderedFigure {
  /** SVG document text (starts with "<svg"). */
  svg?: string;
  /** PNG file bytes. */
  /** The PNG bytes (a Node Buffer at run time; typed as Uint8Array so the declarations need no Node types). */
  png?: Uint8Array;
  /** CSS size the figure was drawn at; the PNG has scale times as many pixels. */
  width: number;
  height: number;
  scale: number;
}

/** Chromium path, overridable with POTMAP_CHROMIUM. */
export function chromiumExecutable(): string {
  return process.env.POTMAP_CHROMIUM || "/usr/bin/chromium";
}

/** Flags for headless chromium on CI machines and containers without network or GPU. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * Starts headless chromium with a persistent profile in `profileDir` (must exist).
 * Signal handling is left to the host process (a Jupyter kernel uses SIGINT to interrupt
 * a cell; it must not close the browser or exit). Also used by the browser tests.
 */
export async function launchChromium(profileDir: string): Promise<ChromiumContext> {
  return launchContext(profileDir);
}

async function launchContext(profileDir: string): Promise<BrowserContext> {
  // Lazy: loading playwright-core costs ~100 ms and is only needed to render.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const executablePath = chromiumExecutable();
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `potmap render: no browser at ${executablePath}; install Debian's chromium ` +
        "(bash scripts/setup.sh --notebooks) or set POTMAP_CHROMIUM",
    );
  }
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  });
}

interface RendererState {
  context: BrowserContext;
  page: Page;
  tmpDir: string;
}

let starting: Promise<RendererState> | null = null;
let queue: Promise<unknown> = Promise.resolve();
let idleTimer: NodeJS.Timeout | null = null;
let exitHookInstalled = false;
const tmpDirs = new Set<string>();

function plotlyScriptPath(): string {
  // plotly.js-dist 3.x ships plotly.js (no .min.js); its package "main" points at it.
  return require.resolve("plotly.js-dist");
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // playwright-core kills the browser on "exit" itself; we remove our temp profile dirs.
  process.on("exit", () => {
    for (const d of tmpDirs) {
      try {
        fs.rmSync(d, { recursive: true, force: true });
      } catch {
        /* the browser may still hold files; leave the rest to the OS */
      }
    }
  });
  // Belt and braces: if the event loop ever drains with a browser still registered, close it.
  process.on("beforeExit", () => {
    if (starting) void closeRenderer();
  });
}

const TMP_PREFIX = "potmap-render-";

/**
 * Removes the temporary profiles of renderers whose process has died without cleaning up
 * (killed by a signal, e.g. a kernel that Jupyter had to kill). Their names carry the pid.
 */
function removeStaleProfiles(): void {
  let names: string[];
  try {
    names = fs.readdirSync(os.tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^potmap-render-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue; // alive (or not ours to judge)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ESRCH") continue;
    }
    try {
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    } catch {
      /* not ours, or busy: leave it */
    }
  }
}

async function start(): Promise<RendererState> {
  installExitHook();
  removeStaleProfiles();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `${TMP_PREFIX}${process.pid}-`));
  tmpDirs.add(tmpDir);
  const profileDir = path.join(tmpDir, "profile");
  fs.mkdirSync(profileDir);
  const htmlPath = path.join(tmpDir, "render.html");
  fs.writeFileSync(
    htmlPath,
    '<!doctype html><html><head><meta charset="utf-8">' +
      `<script src="${pathToFileURL(plotlyScriptPath()).href}"></script>` +
      '</head><body style="margin:0;background:white"></body></html>',
  );
  let context: BrowserContext | undefined;
  try {
    context = await launchContext(profileDir);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load", timeout: 60_000 });
    await page.waitForFunction(() => typeof (window as any).Plotly?.toImage === "function", null, {
      timeout: 60_000,
    });
    return { context, page, tmpDir };
  } catch (e) {
    await context?.close().catch(() => undefined);
    fs.rmSync(tmpDir, { recursive: true, force: true });
    tmpDirs.delete(tmpDir);
    throw e;
  }
}

function defaultKeepAliveMs(): number {
  const v = Number(process.env.POTMAP_RENDER_IDLE_MS ?? 5000);
  return Number.isFinite(v) && v >= 0 ? v : 5000;
}

function armIdleTimer(ms: number): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (!starting) return;
  if (ms > 0) {
    idleTimer = setTimeout(() => void closeRenderer(), ms);
    // The browser's pipe keeps the event loop alive until this fires; the timer itself
    // must not (it would delay exit after an explicit closeRenderer()).
    idleTimer.unref();
  }
}

/** Closes the browser if one is running. Safe to call at any time, any number of times. */
export async function closeRenderer(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const s = starting;
  starting = null;
  if (!s) return;
  let state: RendererState;
  try {
    state = await s;
  } catch {
    return; // it never started
  }
  await state.context.close().catch(() => undefined);
  fs.rmSync(state.tmpDir, { recursive: true, force: true });
  tmpDirs.delete(state.tmpDir);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`potmap render: ${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/**
 * Renders a figure to SVG and/or PNG. Calls are serialised on one browser page.
 * The figure is drawn as given (apply withDefaultLayout first for the project look).
 */
export function renderFigure(fig: PlotlyFigure, options: RenderOptions = {}): Promise<RenderedFigure> {
  const socket = process.env.POTMAP_RENDER_SOCKET;
  if (socket && !remoteUnavailable) {
    return renderRemote(socket, fig, options).catch((e: unknown) => {
      if (!(e instanceof RemoteUnavailable)) throw e;
      remoteUnavailable = true; // use a browser of our own from now on
      return renderLocal(fig, options);
    });
  }
  return renderLocal(fig, options);
}

function renderLocal(fig: PlotlyFigure, options: RenderOptions): Promise<RenderedFigure> {
  const job = () => renderNow(fig, options);
  const result = queue.then(job, job);
  queue = result.catch(() => undefined);
  return result;
}

// ---------------------------------------------------------------------------------
// Shared renderer over a Unix socket

/** The shared renderer could not be reached (as opposed to: it failed to draw the figure). */
class RemoteUnavailable extends Error {}
let remoteUnavailable = false;

interface WireRequest {
  fig: PlotlyFigure;
  options: Pick<RenderOptions, "width" | "height" | "scale" | "formats" | "timeoutMs">;
}
interface WireReply {
  error?: string;
  svg?: string;
  png?: string; // base64
  width?: number;
  height?: number;
  scale?: number;
}

function renderRemote(socketPath: string, fig: PlotlyFigure, options: RenderOptions): Promise<RenderedFigure> {
  const request: WireRequest = {
    fig: figureToJSON(fig),
    options: { width: options.width, height: options.height, scale: options.scale, formats: options.formats, timeoutMs: options.timeoutMs },
  };
  const body = JSON.stringify(request);
  return new Promise<RenderedFigure>((resolve, reject) => {
    let answered = false;
    const req = http.request(
      // agent: false: one connection per figure, closed after it (nothing keeps a kernel alive)
      { socketPath, path: "/render", method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => reject(new RemoteUnavailable(String(e))));
        res.on("end", () => {
          let reply: WireReply;
          try {
            reply = JSON.parse(Buffer.concat(chunks).toString("utf8")) as WireReply;
          } catch (e) {
            reject(new RemoteUnavailable(`bad reply from the shared renderer: ${String(e)}`));
            return;
          }
          if (reply.error !== undefined) {
            reject(new Error(reply.error));
            return;
          }
          const out: RenderedFigure = { width: reply.width ?? 0, height: reply.height ?? 0, scale: reply.scale ?? 1 };
          if (reply.svg !== undefined) out.svg = reply.svg;
          if (reply.png !== undefined) out.png = Buffer.from(reply.png, "base64");
          resolve(out);
        });
      },
    );
    // a figure takes ~0.1 s; the first one also starts the browser
    req.setTimeout((options.timeoutMs ?? 60_000) + 90_000, () => req.destroy(new Error("timed out")));
    req.on("error", (e) => (answered ? reject(e) : reject(new RemoteUnavailable(String(e)))));
    req.end(body);
  });
}

export interface RenderService {
  socketPath: string;
  /** Stops serving and closes the browser. */
  close(): Promise<void>;
}

/**
 * Serves renderFigure on a Unix socket (owner-only permissions) for other processes, which use
 * it when POTMAP_RENDER_SOCKET names the socket. One browser for all of them; figures are
 * drawn one at a time, in arrival order. The browser starts with the first figure, or at once
 * with `warm` (its ~1.5-5 s start and plotly.js load then overlap the kernels' start-up).
 */
export async function serveRenders(socketPath: string, options: { warm?: boolean } = {}): Promise<RenderService> {
  fs.rmSync(socketPath, { force: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      let reply: WireReply;
      try {
        if (req.method !== "POST" || req.url !== "/render") throw new Error(`potmap render service: no ${req.method} ${req.url}`);
        const { fig, options } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as WireRequest;
        const img = await renderLocal(fig, { ...options, keepAliveMs: 0 });
        reply = { width: img.width, height: img.height, scale: img.scale, svg: img.svg, png: img.png ? Buffer.from(img.png).toString("base64") : undefined };
      } catch (e) {
        reply = { error: e instanceof Error ? e.message : String(e) };
      }
      const text = JSON.stringify(reply);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  if (options.warm && !starting) {
    const warm = start();
    starting = warm;
    // a failed warm start is retried by the first figure (renderNow), not reported here
    warm.catch(() => {
      if (starting === warm) starting = null;
    });
  }
  return {
    socketPath,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await closeRenderer();
      fs.rmSync(socketPath, { force: true });
    },
  };
}

async function renderNow(fig: PlotlyFigure, options: RenderOptions): Promise<RenderedFigure> {
  const plain = figureToJSON(fig);
  const layout = plain.layout ?? {};
  const width = options.width ?? (typeof layout.width === "number" ? layout.width : DEFAULT_WIDTH);
  const height = options.height ?? (typeof layout.height === "number" ? layout.height : DEFAULT_HEIGHT);
  const scale = options.scale ?? 1.5;
  const formats = options.formats ?? ["svg"];
  const timeoutMs = options.timeoutMs ?? 60_000;
  for (const f of formats) {
    if (f !== "svg" && f !== "png") throw new Error(`potmap render: unknown format ${String(f)}`);
  }
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (!starting) starting = start();
  let state: RendererState;
  try {
    state = await withTimeout(starting, 90_000, "starting chromium");
  } catch (e) {
    starting = null;
    throw e;
  }
  try {
    const urls = await withTimeout(
      state.page.evaluate(
        async ({ fig, width, height, scale, formats }) => {
          const Plotly = (window as any).Plotly;
          const gd = document.createElement("div");
          document.body.appendChild(gd);
          try {
            const layout = { ...(fig.layout || {}), width, height };
            await Plotly.newPlot(gd, fig.data, layout, { staticPlot: true });
            const out: Record<string, string> = {};
            for (const format of formats) {
              out[format] = await Plotly.toImage(gd, { format, width, height, scale: format === "png" ? scale : 1 });
            }
            return out;
          } finally {
            Plotly.purge(gd);
            gd.remove();
          }
        },
        { fig: plain, width, height, scale, formats },
      ),
      timeoutMs,
      "rendering a figure",
    );
    const out: RenderedFigure = { width, height, scale };
    if (urls.svg !== undefined) out.svg = decodeDataUrl(urls.svg).toString("utf8");
    if (urls.png !== undefined) out.png = decodeDataUrl(urls.png);
    return out;
  } catch (e) {
    // A hung or crashed page: start afresh next time.
    await closeRenderer();
    throw e;
  } finally {
    armIdleTimer(options.keepAliveMs ?? defaultKeepAliveMs());
  }
}

function decodeDataUrl(url: string): Buffer {
  const comma = url.indexOf(",");
  if (!url.startsWith("data:") || comma < 0) throw new Error("potmap render: Plotly did not return a data URL");
  const head = url.slice(5, comma);
  const body = url.slice(comma + 1);
  return head.endsWith(";base64") ? Buffer.from(body, "base64") : Buffer.from(decodeURIComponent(body), "utf8");
}
