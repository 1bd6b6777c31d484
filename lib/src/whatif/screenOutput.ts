/** Writers of a screening result: the CSV of every configuration and the JSON document. */
import { ScreenResult } from "./screen";

/**
 * One CSV cell. A text cell that a spreadsheet would run as a formula (first character =, +, -,
 * @, tab or carriage return: "-2+3", "=HYPERLINK(...)") gets a leading apostrophe and quotes
 * (the OWASP rule for CSV injection); numbers, and text that is a plain number ("-2.5"), stay
 * as they are.
 */
export function csvCell(value: unknown): string {
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value ?? "");
  const plainNumber = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text);
  const formula = typeof value !== "number" && !plainNumber && /^[=+\-@\t\r]/.test(text);
  if (formula) text = `'${text}`;
  return formula || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV of all configurations, pair rank first (one header line, numbers in V). */
export function screenCsv(result: ScreenResult): string {
  const rankOf = new Map(result.pairs.map((p) => [`${p.electrolyte}\u0000${p.cathode}`, p]));
  const header = [
    "pairRank", "electrolyte", "cathode", "soc", "anode", "ocv", "dphiAnode", "dphiCathode", "absDphiCathode",
    "pairWorstAbsDphiCathode", "hindersCathode", "barrierless", "reducedByAnode", "electronLeakageRisk", "oxidizedByCathode", "warnings",
  ];
  const rows = result.rows
    .map((r) => ({ r, p: rankOf.get(`${r.electrolyte}\u0000${r.cathode}`)! }))
    .sort((x, y) => x.p.rank - y.p.rank || x.r.soc.localeCompare(y.r.soc) || x.r.anode.localeCompare(y.r.anode));
  const lines = [header.join(",")];
  for (const { r, p } of rows) {
    lines.push(
      [
        p.rank, r.electrolyte, r.cathode, r.soc, r.anode, r.ocv, r.dphiAnode, r.dphiCathode, Math.abs(r.dphiCathode),
        p.worstAbsDphiCathode, r.hindersCathode, r.barrierless, r.reducedByAnode, r.electronLeakageRisk, r.oxidizedByCathode, r.warnings,
      ].map(csvCell).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** The JSON document of a screening run (pairs ranked, every row, failures at the end). */
export function screenJson(result: ScreenResult): Record<string, unknown> {
  return {
    configurations: result.configurations,
    computed: result.rows.length,
    failed: result.configurations - result.rows.length,
    threshold: result.threshold,
    ...(result.temperature !== undefined ? { temperature: result.temperature } : {}),
    elapsedMs: result.elapsedMs,
    configurationsPerSecond: result.elapsedMs > 0 ? result.configurations / (result.elapsedMs / 1000) : null,
    pairs: result.pairs,
    rows: result.rows,
    failures: result.failures,
    warnings: result.warnings,
  };
}
