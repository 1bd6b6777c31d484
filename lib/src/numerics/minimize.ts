/**
 * One-dimensional minimisation: golden-section search (Kiefer 1953), used to calibrate the
 * unpublished inputs (one knob at a time) against the paper's published numbers.
 */
import { PotmapError } from "../core/errors";

const goldenRatio = (Math.sqrt(5) - 1) / 2;

/**
 * Golden-section minimisation of f on [a, b]: one new evaluation per iteration, the bracket
 * shrinks by 0.618 each time; returns the midpoint of the final bracket. f must be
 * unimodal on [a, b] for the result to be the minimum. A NaN value of f throws a PotmapError
 * (a NaN compares false with everything and would steer the search silently).
 */
export function goldenMinimum(f: (x: number) => number, a: number, b: number, iterations: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new PotmapError("the interval of a golden-section search must have finite ends", { field: "interval", value: [a, b] });
  }
  if (!(Number.isInteger(iterations) && iterations >= 0)) {
    throw new PotmapError("must be an integer >= 0", { field: "iterations", value: iterations });
  }
  const at = (x: number): number => {
    const y = f(x);
    if (Number.isNaN(y)) throw new PotmapError(`the function to minimise is NaN at ${x}`, { field: "f", value: x });
    return y;
  };
  let x1 = b - goldenRatio * (b - a);
  let x2 = a + goldenRatio * (b - a);
  let f1 = at(x1);
  let f2 = at(x2);
  for (let i = 0; i < iterations; i++) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - goldenRatio * (b - a);
      f1 = at(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + goldenRatio * (b - a);
      f2 = at(x2);
    }
  }
  return (a + b) / 2;
}
