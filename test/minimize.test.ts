import { describe, expect, test } from "vitest";
import { goldenMinimum } from "../lib/src/numerics/minimize";

describe("goldenMinimum", () => {
  test("finds the minimum of a parabola to 1e-6", () => {
    expect(goldenMinimum((x) => (x - 0.3) ** 2, -1, 2, 40)).toBeCloseTo(0.3, 6);
  });

  test("finds the minimum of cosh(x - 1) + x/2 (at 1 - asinh(1/2))", () => {
    expect(goldenMinimum((x) => Math.cosh(x - 1) + x / 2, -3, 3, 60)).toBeCloseTo(1 - Math.asinh(0.5), 7);
  });

  test("the bracket shrinks by the golden ratio per iteration: 0 iterations give the midpoint", () => {
    expect(goldenMinimum((x) => x, 0, 1, 0)).toBe(0.5);
    // a monotone function: the minimum is at the left end, reached to 0.618^n
    const n = 30;
    expect(goldenMinimum((x) => x, 0, 1, n)).toBeLessThan(0.6181 ** n);
  });

  test("refuses NaN values of the function, non-finite ends and a bad iteration count", () => {
    expect(() => goldenMinimum(() => NaN, 0, 1, 10)).toThrow(/NaN at/);
    expect(() => goldenMinimum((x) => (x < 0.3 ? NaN : x), 0, 1, 10)).toThrow(/field "f"/);
    expect(() => goldenMinimum((x) => x, 0, Infinity, 10)).toThrow(/field "interval"/);
    expect(() => goldenMinimum((x) => x, 0, 1, -1)).toThrow(/field "iterations", value -1/);
  });
});
