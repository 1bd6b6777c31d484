/**
 * Comparing the model with the paper's published numbers, entry by entry.
 * Pure: a data set and the published numbers in, rows out (the report and the
 * notebooks format them).
 */
import { DataSet } from "../cell/materials";
import { dictionaryTable, DictionaryRow } from "../cell/dictionary";
import { PublishedNumbers } from "./calibrateDataSet";

export type EntryStatus =
  /** a printed value the calibration used (one constant per cathode state, one knob per constructed electrolyte) */
  | "calibrated"
  /** not printed in the paper: the model's number is a prediction */
  | "predicted"
  /** printed, but inconsistent with the rest of the paper's table; excluded from calibration */
  | "inconsistent";

export interface TableComparison extends DictionaryRow {
  published: number | null;
  difference: number | null;
  status: EntryStatus;
}

export interface PairSummary {
  cathode: string;
  electrolyte: string;
  /** largest |dphi_c| over the states of charge present */
  worst: number;
  /** states of charge with |dphi_c| below the barrier-less threshold */
  barrierLess: string[];
}

/** Every configuration of the data set next to Table 1. */
export function compareTable(set: DataSet, published: PublishedNumbers & { inconsistent: { cathode: string; electrolyte: string; soc: string }[] }): TableComparison[] {
  const printed = new Map(published.table1.rows.map((r) => [`${r.electrolyte}|${r.cathode}|${r.soc}`, r.dphiCathode]));
  const bad = new Set(published.inconsistent.map((r) => `${r.electrolyte}|${r.cathode}|${r.soc}`));
  return dictionaryTable(set).map((row) => {
    const k = `${row.electrolyte}|${row.cathode}|${row.soc}`;
    const value = printed.get(k);
    if (value === undefined) return { ...row, published: null, difference: null, status: "predicted" };
    return { ...row, published: value, difference: row.dphiCathode - value, status: bad.has(k) ? "inconsistent" : "calibrated" };
  });
}

/**
 * Per cathode/electrolyte pair: the worst |dphi_c| over SOC and the SOCs that are
 * barrier-less (paper section 3.4: |dphi_c| < 0.1 V); `socs` restricts the states considered.
 */
export function summarisePairs(
  rows: { electrolyte: string; cathode: string; soc: string; value: number }[],
  threshold = 0.1,
  socs?: string[],
): PairSummary[] {
  const pairs = new Map<string, PairSummary>();
  for (const r of rows) {
    if (socs && !socs.includes(r.soc)) continue;
    const k = `${r.cathode}/${r.electrolyte}`;
    const p = pairs.get(k) ?? { cathode: r.cathode, electrolyte: r.electrolyte, worst: 0, barrierLess: [] };
    p.worst = Math.max(p.worst, Math.abs(r.value));
    if (Math.abs(r.value) < threshold) p.barrierLess.push(r.soc);
    pairs.set(k, p);
  }
  return [...pairs.values()];
}

/** Pairs whose |dphi_c| stays below `threshold` at every SOC (the paper's "low-barrier" list). */
export function lowBarrierPairs(summaries: PairSummary[], threshold: number): string[] {
  return summaries.filter((p) => p.worst < threshold).map((p) => `${p.cathode}/${p.electrolyte}`).sort();
}

/** Barrier-less interfaces, as "C SOC/E" strings. */
export function barrierLessInterfaces(summaries: PairSummary[]): string[] {
  return summaries.flatMap((p) => p.barrierLess.map((soc) => `${p.cathode} ${soc}/${p.electrolyte}`)).sort();
}
