import { describe, expect, test } from "vitest";
import reference from "./fixtures/fermi-dirac/reference.json";
import { fermiDiracHalf, logFermiDiracHalf } from "../lib/src/numerics/fermiDirac";

// Reference: mpmath polylog at 40 digits (fixtures/fermi-dirac/make_reference.py).
const tolerance = 1e-12;

describe("logFermiDiracHalf", () => {
  test.each(reference.rows)("matches mpmath at eta = $eta (relative 1e-12)", ({ eta, log }) => {
    expect(Math.abs(logFermiDiracHalf(eta) - log)).toBeLessThan(tolerance * Math.max(1, Math.abs(log)));
  });

  test("tends to the Boltzmann limit eta far below the band edge", () => {
    for (const eta of [-30, -60, -200]) expect(logFermiDiracHalf(eta) - eta).toBeCloseTo(0, 10);
    // and is below it everywhere (Pauli blocking)
    for (const eta of [-5, 0, 5]) expect(logFermiDiracHalf(eta)).toBeLessThan(eta);
  });

  test("is continuous across the regime switches at eta = -1 and eta = 80", () => {
    for (const edge of [-1, 80]) {
      const below = logFermiDiracHalf(edge - 1e-9);
      const above = logFermiDiracHalf(edge + 1e-9);
      expect(Math.abs(above - below)).toBeLessThan(1e-8);
    }
  });

  test("handles infinities and NaN on purpose", () => {
    expect(logFermiDiracHalf(-Infinity)).toBe(-Infinity);
    expect(logFermiDiracHalf(Infinity)).toBe(Infinity);
    expect(logFermiDiracHalf(NaN)).toBeNaN();
    expect(Number.isFinite(logFermiDiracHalf(-1e6))).toBe(true);
    expect(Number.isFinite(logFermiDiracHalf(1e6))).toBe(true);
  });
});

describe("fermiDiracHalf", () => {
  test("F(0) = (1 - 2^-1/2) zeta(3/2)", () => {
    expect(fermiDiracHalf(0)).toBeCloseTo((1 - Math.SQRT1_2) * 2.612375348685488, 12);
  });
  test("underflows to 0 rather than NaN far below the edge", () => {
    expect(fermiDiracHalf(-800)).toBe(0);
  });
});
