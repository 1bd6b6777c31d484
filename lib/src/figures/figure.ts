/**
 * Plotly figure specs as plain data, and the project's default look.
 *
 * Pure module: no I/O, no browser, no Plotly import. A figure is the JSON that
 * plotly.js (and the Jupyter MIME type application/vnd.plotly.v1+json) accepts:
 * `{ data: traces[], layout, config? }`. The types are deliberately loose (only the
 * fields this project relies on are named); any other Plotly attribute passes through.
 */

import { seriesColours } from "./palette";

/** Values Plotly accepts for data arrays. Typed arrays are converted by figureToJSON. */
export type PlotlyDatum = number | string | null | Date;
export type PlotlyArray = ArrayLike<PlotlyDatum> | ArrayLike<number>;

export interface PlotlyTrace {
  type?: string;
  name?: string;
  mode?: string;
  x?: PlotlyArray;
  y?: PlotlyArray;
  z?: PlotlyArray | ArrayLike<PlotlyArray>;
  text?: string | ArrayLike<string>;
  line?: Record<string, unknown>;
  marker?: Record<string, unknown>;
  xaxis?: string;
  yaxis?: string;
  showlegend?: boolean;
  [attribute: string]: unknown;
}

export interface PlotlyAxis {
  title?: string | { text?: string; [k: string]: unknown };
  /** "linear", "log", "date", "category" or "-" (auto); typed loosely so object literals fit. */
  type?: string;
  range?: [number, number];
  [attribute: string]: unknown;
}

export interface PlotlyLayout {
  title?: string | { text?: string; [k: string]: unknown };
  width?: number;
  height?: number;
  font?: Record<string, unknown>;
  margin?: { l?: number; r?: number; t?: number; b?: number; pad?: number };
  xaxis?: PlotlyAxis;
  yaxis?: PlotlyAxis;
  showlegend?: boolean;
  legend?: Record<string, unknown>;
  annotations?: Record<string, unknown>[];
  shapes?: Record<string, unknown>[];
  [attribute: string]: unknown;
}

export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout?: PlotlyLayout;
  /** Plotly config (interactive options); not part of the static image. */
  config?: Record<string, unknown>;
}

/** Font stack: DejaVu Sans is what Debian's chromium renders static images with. */
export const DEFAULT_FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif";

/** Default size of static images in CSS pixels. */
export const DEFAULT_WIDTH = 900;
export const DEFAULT_HEIGHT = 500;

const AXIS_DEFAULTS: PlotlyAxis = {
  showline: true,
  linecolor: "#222",
  linewidth: 1,
  mirror: true,
  ticks: "outside",
  tickcolor: "#222",
  showgrid: true,
  gridcolor: "#e5e5e5",
  zeroline: false,
  automargin: true,
};

/** The project's default layout; figure layouts override it key by key. */
export function defaultLayout(): PlotlyLayout {
  return {
    font: { family: DEFAULT_FONT_FAMILY, size: 14, color: "#222" },
    margin: { l: 70, r: 20, t: 40, b: 60 },
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    colorway: [...seriesColours],
    legend: { bgcolor: "rgba(255,255,255,0.8)", bordercolor: "#ccc", borderwidth: 1 },
    xaxis: { ...AXIS_DEFAULTS },
    yaxis: { ...AXIS_DEFAULTS },
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof Date);
}

/** Deep merge of plain objects; `over` wins; arrays and other values are replaced, not merged. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? merge(b, v) : v;
  }
  return out;
}

const AXIS_KEY = /^[xy]axis\d*$/;

/**
 * Returns a new figure whose layout is the project default overridden by the figure's
 * own layout. Every axis the figure uses (xaxis2, yaxis3, ...) gets the axis defaults too.
 * Does not modify its argument.
 */
export function withDefaultLayout(fig: PlotlyFigure): PlotlyFigure {
  const base = defaultLayout() as Record<string, unknown>;
  const own = (fig.layout ?? {}) as Record<string, unknown>;
  const axisKeys = new Set<string>(Object.keys(own).filter((k) => AXIS_KEY.test(k)));
  for (const t of fig.data) {
    if (typeof t.xaxis === "string") axisKeys.add(t.xaxis.replace(/^x/, "xaxis"));
    if (typeof t.yaxis === "string") axisKeys.add(t.yaxis.replace(/^y/, "yaxis"));
  }
  for (const k of axisKeys) if (!(k in base)) base[k] = { ...AXIS_DEFAULTS };
  const layout = merge(base, own) as PlotlyLayout;
  const out: PlotlyFigure = { data: withHoverText(fig.data, layout), layout };
  if (fig.config !== undefined) out.config = fig.config;
  return out;
}

/** The text of a title given as a string or as { text }; markup (<sub>, <br>) turned into plain text. */
export function plainTitle(title: PlotlyLayout["title"] | PlotlyAxis["title"]): string {
  const t = typeof title === "string" ? title : typeof title?.text === "string" ? title.text : "";
  return t.replace(/<sub>(.*?)<\/sub>/g, "_$1").replace(/<sup>(.*?)<\/sup>/g, "^$1").replace(/<br\s*\/?>/g, " ").replace(/<[^>]*>/g, "").trim();
}

/**
 * Scatter traces that say nothing on hover but a bare "(x, y)" get a hover text with their
 * name and both values with the axes' titles (which carry the units, axisTitle). Traces with
 * their own hovertemplate, hovertext or hoverinfo are left alone. New trace objects.
 */
export function withHoverText(data: PlotlyTrace[], layout: PlotlyLayout): PlotlyTrace[] {
  const axisOf = (ref: unknown, letter: "x" | "y") => {
    const key = typeof ref === "string" && ref.length > 1 ? `${letter}axis${ref.slice(1)}` : `${letter}axis`;
    return plainTitle((layout[key] as PlotlyAxis | undefined)?.title) || letter;
  };
  return data.map((t) => {
    if ((t.type ?? "scatter") !== "scatter" || t.hovertemplate !== undefined || t.hoverinfo !== undefined || t.hovertext !== undefined) return t;
    const name = typeof t.name === "string" && t.name ? `${t.name}<br>` : "";
    const text = t.text !== undefined && !String(t.mode ?? "").includes("text") ? "%{text}<br>" : "";
    return { ...t, hovertemplate: `${name}${text}${axisOf(t.xaxis, "x")}: %{x:.4~g}<br>${axisOf(t.yaxis, "y")}: %{y:.4~g}<extra></extra>` };
  });
}

/**
 * What a figure shows in a sentence or two, for captions and accessible names: its title, what
 * is plotted against what (axis titles with units) and how many curves the legend names.
 */
export function describeFigure(fig: PlotlyFigure): string {
  const layout = fig.layout ?? {};
  const title = plainTitle(layout.title);
  const x = plainTitle(layout.xaxis?.title);
  const y = plainTitle(layout.yaxis?.title);
  const named = new Set(fig.data.filter((t) => t.showlegend !== false && typeof t.name === "string" && t.name).map((t) => String(t.legendgroup ?? t.name)));
  const first = title ? (/[.!?]$/.test(title) ? title : title + ".") : "";
  const axes = x && y ? `${y[0].toUpperCase()}${y.slice(1)} against ${x}` : "";
  const second = axes ? `${axes}${named.size > 1 ? `; ${named.size} legend entries` : ""}.` : named.size > 1 ? `${named.size} legend entries.` : "";
  return [first, second].filter(Boolean).join(" ");
}

/** Axis title with its unit, e.g. axisTitle("E − E_F", "eV") → "E − E_F (eV)". */
export function axisTitle(quantity: string, unit?: string): string {
  return unit ? `${quantity} (${unit})` : quantity;
}

export interface FigureJSONOptions {
  /**
   * Round every number to this many significant digits (default: keep full precision).
   * 6 digits are far below what a figure can show and make the JSON about a quarter smaller.
   */
  digits?: number;
}

/**
 * A JSON-safe deep copy of a figure: typed arrays become plain arrays, non-finite numbers
 * become null (Plotly draws gaps there), Dates become ISO strings, functions and undefined
 * are dropped. Use it before serialising a figure or sending it to a browser.
 */
export function figureToJSON(fig: PlotlyFigure, options: FigureJSONOptions = {}): PlotlyFigure {
  const d = options.digits;
  const round = d !== undefined && Number.isInteger(d) && d >= 1 && d <= 21 ? (x: number) => Number(x.toPrecision(d)) : (x: number) => x;
  return toJSONValue(fig, round) as PlotlyFigure;
}

function toJSONValue(v: unknown, round: (x: number) => number): unknown {
  if (v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? round(v) : null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    return Array.from(v as unknown as ArrayLike<number | bigint>, (x) => toJSONValue(x, round));
  }
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : toJSONValue(x, round)));
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
      out[k] = toJSONValue(x, round);
    }
    return out;
  }
  return null;
}
