import { describe, expect, test } from "vitest";
import { gaussLegendre, integrate } from "../lib/src/numerics/quadrature";

describe("gaussLegendre", () => {
  test("integrates polynomials of degree 2n-1 exactly", () => {
    const { nodes, weights } = gaussLegendre(8);
    const integral = nodes.reduce((s, x, i) => s + weights[i] * x ** 14, 0);
    expect(integral).toBeCloseTo(2 / 15, 13);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(2, 14);
  });

  test("the one-point rule is the midpoint rule; a bad order is refused", () => {
    expect(gaussLegendre(1).nodes[0]).toBeCloseTo(0, 15);
    expect(gaussLegendre(1).weights[0]).toBeCloseTo(2, 14);
    expect(() => gaussLegendre(0)).toThrow(/field "n", value 0/);
    expect(() => gaussLegendre(NaN)).toThrow(/field "n"/);
  });
});

describe("integrate", () => {
  test("GK15 is exact for polynomials of degree 22 and converges on smooth functions", () => {
    expect(integrate((x) => x ** 22, -1, 1).value).toBeCloseTo(2 / 23, 15);
    expect(integrate((x) => x ** 22 + 3 * x ** 7, 0, 2).value).toBeCloseTo(2 ** 23 / 23 + (3 * 2 ** 8) / 8, 8);
    const arctan = integrate((x) => 1 / (1 + x * x), 0, 1000);
    expect(arctan.converged).toBe(true);
    expect(Math.abs(arctan.value - Math.atan(1000))).toBeLessThan(1e-13);
    expect(arctan.error).toBeLessThanOrEqual(1e-12 * arctan.value);
    expect(arctan.splits).toBeGreaterThan(0);
  });

  test("an empty interval is 0, a reversed one changes sign", () => {
    expect(integrate(Math.exp, 2, 2)).toEqual({ value: 0, error: 0, splits: 0, converged: true });
    expect(integrate(Math.exp, 1, 0).value).toBeCloseTo(-(Math.E - 1), 14);
  });

  test("an integrable singularity needs many splits; a low split limit is reported, not silent", () => {
    // int_0^1 x^-1/2 dx = 2
    const full = integrate((x) => 1 / Math.sqrt(x), 0, 1, 1e-10);
    expect(full.converged).toBe(true);
    expect(full.value).toBeCloseTo(2, 8);
    const capped = integrate((x) => 1 / Math.sqrt(x), 0, 1, 1e-10, 5);
    expect(capped.converged).toBe(false);
    expect(capped.splits).toBe(5);
    expect(capped.error).toBeGreaterThan(1e-10 * capped.value);
  });

  test("a NaN or infinite integrand is reported as not converged", () => {
    expect(integrate(() => NaN, 0, 1).converged).toBe(false);
    const pole = integrate((x) => (x === 0.5 ? Infinity : 1), 0, 1);
    expect(pole.converged).toBe(false);
    expect(Number.isFinite(pole.value)).toBe(false);
  });

  test("infinite limits are refused with a clear error", () => {
    expect(() => integrate(Math.exp, 0, Infinity)).toThrow(/field "interval"/);
    expect(() => integrate(Math.exp, NaN, 1)).toThrow(/limits of integration must be finite/);
  });
});
