/**
 * The exact space-charge profile surfaces a quadrature that did not converge (numerics/quadrature
 * reports it; spaceCharge/exact must not turn it into a silently inaccurate x(f)). The
 * quadrature is wrapped so that it cannot meet its tolerance: an absolute error of 1e-300 in
 * two bisections.
 */
import { describe, expect, test, vi } from "vitest";
import { PotmapError } from "../lib/src/core/errors";
import { thermalEnergy } from "../lib/src/core/constants";
import { spaceChargeScales } from "../lib/src/spaceCharge/model";

vi.mock("../lib/src/numerics/quadrature", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/src/numerics/quadrature")>();
  return { ...actual, integrate: (fn: (t: number) => number, a: number, b: number) => actual.integrate(fn, a, b, 0, 2) };
});

const { ExactSpaceCharge } = await import("../lib/src/spaceCharge/exact");

const llzo = { phi0: 1.6216, nsites: 3.27455e22, ef0: 0.0143907, epsilon: 50, alpha: 0.1, temperature: 300 };

describe("ExactSpaceCharge", () => {
  test("a quadrature that reports non-convergence becomes a PotmapError naming the inputs", () => {
    expect(() => new ExactSpaceCharge(llzo)).toThrow(PotmapError);
    expect(() => new ExactSpaceCharge(llzo)).toThrow(/did not converge .*\(2 bisections.*ef0 = 0.0143907 eV/);
    expect(() => new ExactSpaceCharge(llzo)).toThrow(/field "phi0", value 1.6216/);
  });

  test("below the series threshold no quadrature is needed, so a tiny phi0 still solves (the Debye tail)", () => {
    // |f0| = phi0/kT < 1e-4: only the closed-form tail, ln F = ln F0 - sqrt(2p) xi (+ O(F^2))
    const exact = new ExactSpaceCharge({ ...llzo, phi0: 1e-7 });
    const { lambda, p } = spaceChargeScales({ ...llzo, phi0: 1e-7 });
    const f0 = 1e-7 / thermalEnergy(llzo.temperature);
    expect(exact.fAt(0)).toBeCloseTo(f0, 15);
    expect(exact.fAt(lambda) / (f0 * Math.exp(-Math.sqrt(2 * p)))).toBeCloseTo(1, 9);
  });
});
