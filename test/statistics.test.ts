import { describe, expect, test } from "vitest";
import { distribution, pearsonCorrelation, percentile, ranks } from "../lib/src/numerics/statistics";

describe("percentile", () => {
  test("interpolates linearly between order statistics", () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 1)).toBe(4);
    expect(percentile([10, 20], 0.25)).toBe(12.5);
    expect(percentile([7], 0.9)).toBe(7);
  });

  test("no values: NaN (no percentile exists); p outside [0, 1] or NaN is refused", () => {
    expect(percentile([], 0.5)).toBeNaN();
    expect(() => percentile([1, 2], 1.5)).toThrow(/field "p", value 1.5/);
    expect(() => percentile([1, 2], NaN)).toThrow(/field "p", value NaN/);
  });
});

describe("distribution", () => {
  test("closed forms; NaN and infinite samples are left out and counted out of n", () => {
    expect(distribution([3, 1, NaN, 2])).toEqual({ n: 3, mean: 2, sd: 1, p5: 1.1, p50: 2, p95: 2.9 });
    expect(distribution([Infinity, 5, -Infinity])).toEqual({ n: 1, mean: 5, sd: 0, p5: 5, p50: 5, p95: 5 });
  });

  test("sorts numerically, not as strings (10 after 9)", () => {
    const d = distribution([10, 9, 1, 100]);
    expect(d.p50).toBe(9.5);
    expect(d.mean).toBe(30);
  });

  test("no finite sample: n = 0 and NaN statistics", () => {
    const d = distribution([NaN, Infinity]);
    expect(d.n).toBe(0);
    expect(d.mean).toBeNaN();
    expect(d.p95).toBeNaN();
  });
});

describe("ranks", () => {
  test("ranks 1..n with ties at their average rank", () => {
    expect(ranks([10, 30, 20, 20])).toEqual([1, 4, 2.5, 2.5]);
    expect(ranks([])).toEqual([]);
  });
});

describe("pearsonCorrelation", () => {
  test("1 for a line, -1 for a falling line, NaN without spread", () => {
    expect(pearsonCorrelation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearsonCorrelation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearsonCorrelation([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
  test("Spearman's rho of a known small set: ranks then Pearson (rho = 1 - 6 sum d^2 / (n (n^2 - 1)) without ties)", () => {
    const x = [1, 2, 3, 4, 5];
    const y = [2, 1, 4, 3, 5];
    const d2 = [1, 1, 1, 1, 0].reduce((a, b) => a + b, 0);
    expect(pearsonCorrelation(ranks(x), ranks(y))).toBeCloseTo(1 - (6 * d2) / (5 * 24), 12);
  });
});
