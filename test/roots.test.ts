import { describe, expect, test } from "vitest";
import { brent } from "../lib/src/numerics/roots";
import { PotmapError } from "../lib/src/core/errors";

describe("brent", () => {
  test("finds sqrt(2) as the root of x^2 - 2 to the tolerance, and says it converged", () => {
    const result = brent((x) => x * x - 2, 0, 2, { tolerance: 1e-14 });
    expect(result.converged).toBe(true);
    expect(Math.abs(result.root - Math.SQRT2)).toBeLessThan(1e-14);
    expect(result.bracket[0]).toBeLessThanOrEqual(Math.SQRT2 + 1e-14);
    expect(result.bracket[1]).toBeGreaterThanOrEqual(Math.SQRT2 - 1e-14);
  });

  test("finds the root of a transcendental function (cos x = x, the Dottie number 0.7390851332151607)", () => {
    const { root, converged } = brent((x) => Math.cos(x) - x, 0, 1, { tolerance: 1e-15 });
    expect(converged).toBe(true);
    expect(root).toBeCloseTo(0.7390851332151607, 14);
  });

  test("uses the given end values and returns an end point that is already a root", () => {
    let calls = 0;
    const f = (x: number) => {
      calls++;
      return x - 1;
    };
    expect(brent(f, 1, 3, { fa: 0, fb: 2 })).toEqual({ root: 1, iterations: 0, converged: true, bracket: [1, 1] });
    expect(calls).toBe(0);
  });

  test("works with a decreasing function and infinite values at the ends", () => {
    // g is +Infinity at the left end and -Infinity at the right: still a sign change
    const g = (x: number) => (x <= -1 ? Infinity : x >= 1 ? -Infinity : -Math.atanh(x) + 0.5);
    const { root, converged } = brent(g, -1, 1, { tolerance: 1e-13 });
    expect(converged).toBe(true);
    expect(root).toBeCloseTo(Math.tanh(0.5), 12);
  });

  test("reports the iteration limit instead of returning silently", () => {
    const result = brent((x) => x ** 3 - 0.3, 0, 1, { tolerance: 1e-15, maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
    // the reported bracket still holds the root, 0.3^(1/3)
    const root = Math.cbrt(0.3);
    expect(result.bracket[0]).toBeLessThanOrEqual(root);
    expect(result.bracket[1]).toBeGreaterThanOrEqual(root);
  });

  test("refuses an interval that does not bracket a sign change", () => {
    expect(() => brent((x) => x * x + 1, -1, 1, { quantity: "Fermi level" })).toThrow(PotmapError);
    expect(() => brent((x) => x * x + 1, -1, 1, { quantity: "Fermi level" })).toThrow(/does not bracket the Fermi level/);
  });

  test("refuses NaN function values and non-finite ends", () => {
    expect(() => brent(() => NaN, 0, 1)).toThrow(/NaN at 0/);
    expect(() => brent((x) => (x > 0.25 && x < 0.75 ? NaN : x - 0.5), 0, 1)).toThrow(/NaN at/);
    expect(() => brent((x) => x, -Infinity, 1)).toThrow(/finite ends/);
    expect(() => brent((x) => x, NaN, 1)).toThrow(/field "bracket"/);
    expect(() => brent((x) => x, -1, 1, { tolerance: 0 })).toThrow(/field "tolerance"/);
    expect(() => brent((x) => x, -1, 1, { maxIterations: 2.5 })).toThrow(/field "maxIterations"/);
  });
});
