/**
 * Tables for notebooks: rows or a danfojs DataFrame as text/html and text/plain, numbers
 * rounded to their meaning (display.ts showTable sends them; the site shows the HTML).
 */

export interface ShowTableOptions {
  /** Caption shown above the table (and as the first text/plain line). */
  caption?: string;
  /** Significant digits for non-integer numbers (default 6). */
  digits?: number;
  /** Show at most this many rows (default 200); the rest are summarised. */
  maxRows?: number;
  /** Column order / subset (default: all columns in first-seen order). */
  columns?: string[];
  /**
   * Smallest step a column's numbers mean, by column name: values are rounded to it and a value
   * below half of it prints as 0. Default: 1e-4 (0.1 mV, 0.1 meV) for a column whose name ends
   * in "(V)" or "(eV)", where solver and calibration noise (1e-7 to 1e-11) is not a result;
   * none for other columns. Give 0 to switch a column's rounding off.
   */
  resolution?: Record<string, number>;
}

export type Cell = unknown;

interface TableData {
  columns: string[];
  rows: Cell[][];
  index?: Cell[];
}

/** Anything with danfojs's DataFrame/Series shape: `columns` and `values` (and `index`). */
export interface FrameLike {
  columns: unknown[];
  values: unknown[];
  index?: unknown[];
}

function isFrameLike(x: unknown): x is FrameLike {
  return (
    typeof x === "object" &&
    x !== null &&
    !Array.isArray(x) &&
    Array.isArray((x as FrameLike).columns) &&
    Array.isArray((x as FrameLike).values)
  );
}

function toTable(input: readonly Record<string, Cell>[] | FrameLike, columns?: string[]): TableData {
  if (isFrameLike(input)) {
    const cols = input.columns.map(String);
    const is2d = input.values.length === 0 || Array.isArray(input.values[0]);
    const rows = is2d ? (input.values as Cell[][]).map((r) => [...r]) : input.values.map((v) => [v]);
    const index = Array.isArray(input.index) ? input.index : undefined;
    const defaultIndex = !index || index.every((v, i) => v === i);
    let t: TableData = { columns: is2d ? cols : cols.slice(0, 1), rows, index: defaultIndex ? undefined : index };
    if (columns) t = select(t, columns);
    return t;
  }
  if (!Array.isArray(input)) throw new Error("showTable: expected an array of row objects or a DataFrame");
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of input) {
    for (const k of Object.keys(r ?? {})) {
      if (!seen.has(k)) {
        seen.add(k);
        cols.push(k);
      }
    }
  }
  const use = columns ?? cols;
  return { columns: use, rows: input.map((r) => use.map((c) => (r ?? {})[c])) };
}

function select(t: TableData, columns: string[]): TableData {
  const idx = columns.map((c) => {
    const i = t.columns.indexOf(c);
    if (i < 0) throw new Error(`showTable: no column ${JSON.stringify(c)}`);
    return i;
  });
  return { columns, rows: t.rows.map((r) => idx.map((i) => r[i])), index: t.index };
}

/** Default resolution of a column whose name ends in "(V)" or "(eV)" (ShowTableOptions.resolution). */
export const VOLT_RESOLUTION = 1e-4;

/** Resolution of a column of site fractions: every value is shown (1e-15 is a fraction, not noise). */
export const EXACT_RESOLUTION = -1;

/**
 * A column's resolution: given, else VOLT_RESOLUTION for a volt or electron-volt column,
 * EXACT_RESOLUTION for a site-fraction column ("/sites", "site fraction"), else 0.
 */
export function columnResolution(name: string, given?: Record<string, number>): number {
  if (given && name in given) return given[name];
  if (/\((?:e)?V\)\s*$/.test(name)) return VOLT_RESOLUTION;
  return /\/\s*sites|site fraction/i.test(name) ? EXACT_RESOLUTION : 0;
}

/**
 * Formats one cell: integers as is, |x| < 1e-12 (rounding noise such as 5.55e-16 eV) as 0
 * unless the resolution is negative (a site fraction of 1e-15 is a value: scientific notation),
 * others to `digits` significant digits; with a `resolution`, rounded to it first (so that
 * -7.2e-11 V of solver noise prints as 0, and 0.30000000000000004 V as 0.3).
 */
export function formatCell(cell: Cell, digits = 6, resolution = 0): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") {
    let v = cell;
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
    if (resolution > 0 && !Number.isInteger(v)) {
      const decimals = Math.max(0, Math.round(-Math.log10(resolution)));
      v = Number((Math.round(v / resolution) * resolution).toFixed(decimals));
    }
    // a negative resolution (site fractions) shows every nonzero value in scientific notation
    if (Math.abs(v) < 1e-12 && !(resolution < 0 && v !== 0)) return "0";
    if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
    const a = Math.abs(v);
    if (a >= 1e-3 && a < 1e6) return String(Number(v.toPrecision(digits)));
    return v.toExponential(digits - 1).replace(/\.?0+e/, "e");
  }
  if (typeof cell === "bigint") return cell.toString();
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === "object") return JSON.stringify(cell);
  return String(cell);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** text/html and text/plain renderings of a table (exported for tests and reports). */
export function renderTable(
  input: readonly Record<string, Cell>[] | FrameLike,
  options: ShowTableOptions = {},
): { html: string; text: string } {
  const digits = options.digits ?? 6;
  const maxRows = options.maxRows ?? 200;
  const t = toTable(input, options.columns);
  const shown = t.rows.slice(0, maxRows);
  const more = t.rows.length - shown.length;
  const headers = t.index ? ["", ...t.columns] : t.columns;
  const raw: Cell[][] = shown.map((r, i) => (t.index ? [t.index[i], ...r] : r));
  const resolutions = headers.map((h, j) => (t.index && j === 0 ? 0 : columnResolution(h, options.resolution)));
  const body = raw.map((r) => r.map((v, j) => formatCell(v, digits, resolutions[j])));
  const numeric = headers.map(
    (_, j) =>
      raw.length > 0 &&
      raw.every((r) => r[j] === null || r[j] === undefined || typeof r[j] === "number" || typeof r[j] === "bigint"),
  );

  const align = (j: number) => (numeric[j] ? ' style="text-align:right"' : ' style="text-align:left"');
  const html =
    '<table class="potmap-table">' +
    (options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "") +
    "<thead><tr>" +
    headers.map((h, j) => `<th${align(j)}>${escapeHtml(h)}</th>`).join("") +
    "</tr></thead><tbody>" +
    body.map((r) => "<tr>" + r.map((c, j) => `<td${align(j)}>${escapeHtml(c)}</td>`).join("") + "</tr>").join("") +
    "</tbody></table>" +
    (more > 0 ? `<p>… ${more} more rows</p>` : "");

  const widths = headers.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
  const lines = [
    ...(options.caption ? [options.caption] : []),
    headers.map(pad).join("  "),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map((r) => r.map(pad).join("  ")),
    ...(more > 0 ? [`… ${more} more rows`] : []),
  ];
  return { html, text: lines.map((l) => l.trimEnd()).join("\n") };
}
