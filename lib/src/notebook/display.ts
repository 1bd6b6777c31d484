/**
 * Rich output for notebooks run by the tslab kernel.
 *
 *   import { showFigure, showTable } from "potmap/notebook";
 *   await showFigure({ data: [...], layout: {...} }, { name: "fig2-band-alignment" });
 *   showTable(rows);                       // array of objects, or a danfojs DataFrame
 *
 * showFigure sends ONE Jupyter display_data message whose MIME bundle carries
 *   application/vnd.plotly.v1+json  the figure: interactive in JupyterLab and VS Code
 *   image/png                       static: classic notebook (trusted or not), nbconvert
 *                                   HTML, code-hosting sites that show only images
 *   image/svg+xml                   only with { svg: true } (see ShowFigureOptions.svg)
 *   text/plain                      a one-line caption, for everything else
 * and each front end shows the richest type it knows. The static images are drawn by
 * headless chromium (see render.ts); plotly.js itself is never embedded in the notebook.
 * Size: the spec's numbers are rounded to 6 significant digits (ShowFigureOptions.digits) and
 * the PNG is the only image embedded, so a figure costs 0.2-0.6 MB of notebook, not megabytes.
 *
 * Inside a kernel the browser stays open between cells and is closed when the kernel shuts
 * down (so that the kernel exits at once instead of being killed after Jupyter's timeout).
 * With POTMAP_RENDER_SOCKET set (scripts/reproduce.mjs, the notebook tests) the images come
 * from a browser shared by all kernels instead.
 *
 * When POTMAP_FIGURE_DIR is set and a name is given, the figure is also written to
 * <dir>/<name>.svg, <dir>/<name>.png and <dir>/<name>.json (the spec as shown).
 *
 * Outside a tslab kernel (plain Node) nothing is displayed: the caption or the text
 * table is printed to stdout, and figure files are still written.
 */
import * as fs from "fs";
import * as path from "path";
import { PlotlyFigure, describeFigure, figureToJSON, withDefaultLayout } from "../figures/figure";
import { closeRenderer, renderFigure, RenderOptions } from "./render";
import { Cell, FrameLike, renderTable, ShowTableOptions } from "./table";

export { formatCell, renderTable } from "./table";
export type { ShowTableOptions } from "./table";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** A MIME bundle: MIME type → data (strings; JSON types may be objects; binary as base64). */
export type MimeBundle = Record<string, unknown>;

export interface ShowFigureOptions {
  /** File name (no extension) under POTMAP_FIGURE_DIR, e.g. "fig2-band-alignment". */
  name?: string;
  /** text/plain caption (default: the layout title, else the name, else "Plotly figure"). */
  caption?: string;
  /** Static image size in CSS pixels (default layout.width/height, else 900 × 500). */
  width?: number;
  height?: number;
  /** PNG pixel ratio (default 1.5). */
  scale?: number;
  /** Embed the PNG (default true): the static image every front end can show. */
  png?: boolean;
  /**
   * Also embed the SVG (default false). Off by default because where SVG wins over PNG it
   * can show nothing: Debian 12's nbconvert 6.5 (and nbconvert 7.0-7.6) empties inline SVG
   * in HTML exports (its clean_html filter strips the SVG elements), and the classic UI
   * ignores SVG in untrusted notebooks (it then falls back to the PNG). The SVG file is
   * always written to POTMAP_FIGURE_DIR when a name is given.
   */
  svg?: boolean;
  /** Embed the interactive Plotly JSON (default true). */
  interactive?: boolean;
  /** Apply the project's default layout (figure.ts withDefaultLayout; default true). */
  defaults?: boolean;
  /**
   * Significant digits kept in the figure's numbers (default 6; 0 = full precision). The
   * images are drawn from the rounded spec, so the interactive and static figures agree.
   */
  digits?: number;
}

/** How the last message was delivered, for diagnostics. */
export type DisplayChannel = "bundle" | "public-api" | "stdout";

let lastChannel: DisplayChannel | null = null;
/** How the most recent showFigure/showTable output was sent ("bundle" inside tslab). */
export function lastDisplayChannel(): DisplayChannel | null {
  return lastChannel;
}

type WriteDisplayData = (
  msg: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

const TSLAB_JUPYTER = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/**
 * The running tslab kernel's display writer, or null outside a kernel.
 *
 * tslab (1.0.x) keeps the current cell's `writeDisplayData(content, update)` in the exported
 * variable `lastWriteDisplayData` of its module dist/jupyter.js, reassigned before each cell
 * runs; its public `display.*` helpers call it with a one-type bundle. We look the module up
 * in require.cache (the kernel has loaded it, whichever tslab install started the kernel)
 * instead of requiring it, so that plain Node never loads tslab or zeromq.
 */
function kernelWriter(): WriteDisplayData | null {
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!TSLAB_JUPYTER.test(file)) continue;
    const w = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof w === "function") return w as WriteDisplayData;
  }
  return null;
}

let shutdownHooked = false;

/**
 * Closes the renderer's browser when the kernel shuts down. A kernel keeps the browser open
 * between cells (so that each figure after the first costs ~50 ms, not a browser start), but
 * an open browser keeps Node's event loop alive: after a shutdown_request tslab closes its
 * sockets and waits for the loop to drain, so without this hook Jupyter waits its
 * shutdown_wait_time (5 s) and then kills the kernel (SIGTERM), leaking the browser's
 * temporary profile. tslab 1.0.x calls JupyterHandlerImpl.prototype.close() on shutdown; we
 * wrap it (once) for the kernel that loaded this module.
 */
function closeRendererWithKernel(): void {
  if (shutdownHooked) return;
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!TSLAB_JUPYTER.test(file)) continue;
    const proto = (mod?.exports as { JupyterHandlerImpl?: { prototype?: Record<string, unknown> } } | undefined)?.JupyterHandlerImpl?.prototype;
    const original = proto?.close;
    if (!proto || typeof original !== "function") continue;
    proto.close = function (this: unknown, ...args: unknown[]) {
      void closeRenderer();
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    shutdownHooked = true;
  }
}

/** True inside a running tslab kernel. */
export function inKernel(): boolean {
  return kernelWriter() !== null;
}

interface PublicDisplay {
  raw(contentType: string, b: string | Uint8Array): unknown;
}

function publicDisplay(): PublicDisplay | null {
  // Only when a kernel module is loaded at all: requiring tslab in plain Node is pointless.
  if (!Object.keys(require.cache).some((f) => /[\\/]tslab[\\/]dist[\\/]/.test(f))) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return (require("tslab") as { display: PublicDisplay }).display;
  } catch {
    return null;
  }
}

/**
 * Sends one display_data message with a multi-MIME bundle. Inside tslab this uses the
 * kernel's writer; if that internal is unavailable it falls back to tslab's public API with
 * the single best static type (`fallbackOrder`), and outside a kernel prints text/plain.
 */
export function sendBundle(
  data: MimeBundle,
  metadata: Record<string, unknown> = {},
  fallbackOrder: string[] = ["image/svg+xml", "image/png", "text/html", "text/plain"],
): DisplayChannel {
  const write = kernelWriter();
  if (write) {
    write({ data, metadata, transient: {} }, false);
    return (lastChannel = "bundle");
  }
  const pub = publicDisplay();
  if (pub) {
    for (const type of fallbackOrder) {
      const v = data[type];
      if (typeof v !== "string") continue;
      try {
        pub.raw(type, type === "image/png" ? new Uint8Array(Buffer.from(v, "base64")) : v);
        return (lastChannel = "public-api");
      } catch {
        break; // "Not ready": not inside a cell
      }
    }
  }
  const text = data["text/plain"];
  if (typeof text === "string") console.log(text);
  return (lastChannel = "stdout");
}

function checkName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`showFigure: name ${JSON.stringify(name)} must be a plain file name (letters, digits, . _ -)`);
  }
}

/**
 * Shows a Plotly figure (interactive + static) in the notebook; see the module comment.
 * Await it, so that the output lands in the cell that made it.
 */
export async function showFigure(fig: PlotlyFigure, options: ShowFigureOptions = {}): Promise<void> {
  if (!fig || !Array.isArray(fig.data)) throw new Error("showFigure: expected a figure { data: [...], layout? }");
  if (options.name !== undefined) checkName(options.name);
  const digits = options.digits ?? 6;
  const spec = figureToJSON(options.defaults === false ? fig : withDefaultLayout(fig), digits > 0 ? { digits } : {});
  const figureDir = process.env.POTMAP_FIGURE_DIR;
  const writeFiles = Boolean(figureDir && options.name);
  const embedSvg = options.svg === true;
  const embedPng = options.png !== false;
  const formats: RenderOptions["formats"] = [];
  if (embedSvg || writeFiles) formats.push("svg");
  if (embedPng || writeFiles) formats.push("png");

  const kernel = inKernel();
  if (kernel) closeRendererWithKernel();
  const img =
    formats.length > 0
      ? await renderFigure(spec, {
          width: options.width,
          height: options.height,
          scale: options.scale,
          formats,
          // In a kernel keep the browser for the next figure; in a script let it go soon.
          keepAliveMs: kernel ? 300_000 : 1000,
        })
      : null;

  // one or two sentences (title, axes with units, number of curves), not every trace name:
  // the legend names them
  const described = describeFigure(spec);
  const caption = options.caption ?? `Figure: ${described || options.name || "Plotly figure"}`;

  const data: MimeBundle = {};
  const metadata: Record<string, unknown> = {};
  if (options.interactive !== false) data[PLOTLY_MIME] = spec;
  if (img?.svg && embedSvg) data["image/svg+xml"] = img.svg;
  if (img?.png && embedPng) {
    data["image/png"] = Buffer.from(img.png).toString("base64");
    // Show the PNG at CSS size (it has scale× more pixels, for sharpness).
    metadata["image/png"] = { width: img.width, height: img.height };
  }
  data["text/plain"] = caption;

  if (writeFiles && img) {
    const dir = path.resolve(figureDir as string);
    fs.mkdirSync(dir, { recursive: true });
    const base = path.join(dir, options.name as string);
    if (img.svg) fs.writeFileSync(base + ".svg", img.svg);
    if (img.png) fs.writeFileSync(base + ".png", img.png);
    fs.writeFileSync(base + ".json", JSON.stringify(spec, null, 1) + "\n");
  }

  sendBundle(data, metadata);
}

export { closeRenderer };


/** Shows a table (text/html + text/plain) from row objects or a danfojs DataFrame/Series. */
export function showTable(input: readonly Record<string, Cell>[] | FrameLike, options: ShowTableOptions = {}): void {
  const { html, text } = renderTable(input, options);
  sendBundle({ "text/html": html, "text/plain": text }, {}, ["text/html", "text/plain"]);
}
