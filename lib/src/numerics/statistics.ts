/** Summary statistics of Monte Carlo samples. */
import { PotmapError } from "../core/errors";

export interface Distribution {
  /** samples that gave a value */
  n: number;
  mean: number;
  sd: number;
  p5: number;
  p50: number;
  p95: number;
}

/**
 * Percentile (p in 0..1) of ascending sorted values, linear interpolation between order
 * statistics (Hyndman-Fan type 7). NaN for no values: there is no percentile to give.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new PotmapError("a percentile must be between 0 and 1", { field: "p", value: p });
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Mean, sample standard deviation and 5/50/95 percentiles of the finite values; NaN and
 * infinite values (samples that failed) are left out and `n` says how many were used.
 */
export function distribution(values: ArrayLike<number>): Distribution {
  const finite = Array.from(values).filter((v) => Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return { n: 0, mean: NaN, sd: NaN, p5: NaN, p50: NaN, p95: NaN };
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(finite.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (n - 1)) : 0;
  const sorted = Float64Array.from(finite).sort();
  return { n, mean, sd, p5: percentile(sorted, 0.05), p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

/** Ranks 1..n of the values, ties sharing their average rank (for Spearman's rho). */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let k = 0; k < order.length; ) {
    let m = k;
    while (m + 1 < order.length && order[m + 1][0] === order[k][0]) m++;
    for (let j = k; j <= m; j++) out[order[j][1]] = (k + m) / 2 + 1;
    k = m + 1;
  }
  return out;
}

/** Pearson's correlation of two equally long series; NaN when either has no spread. */
export function pearsonCorrelation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}
