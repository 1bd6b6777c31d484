/**
 * Plain-text tables for the CLI's readable output.
 */
import { PotmapWarning } from "../defects/guards";

export type Cell = string | number | boolean | null | undefined;

/** Format a number for people: fixed digits for ordinary values, exponent otherwise. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(digits - 1);
  return value.toFixed(digits);
}

/** Columns aligned with two spaces; numbers right-aligned. */
export function formatTable(header: string[], rows: Cell[][], digits = 3): string {
  const text = rows.map((row) => row.map((c) => (typeof c === "number" ? formatNumber(c, digits) : c == null ? "" : String(c))));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === "number" || r[i] == null));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n");
}

/**
 * The "warnings:" block every command prints at the end of its text output (empty string when
 * there is none): one line per warning, its message naming material, defect and value.
 */
export function formatWarnings(warnings: readonly { message: string }[]): string {
  if (warnings.length === 0) return "";
  return ["", `warnings (${warnings.length}):`, ...warnings.map((w) => `  - ${w.message}`)].join("\n");
}

/** Text with the warnings block appended (unchanged when there is no warning). */
export function withWarnings(text: string, warnings: readonly { message: string }[]): string {
  const block = formatWarnings(warnings);
  return block ? `${text}\n${block}` : text;
}
