/**
 * Root finding on a bracketing interval: Brent's method (inverse quadratic interpolation,
 * secant and bisection steps; R. P. Brent, "Algorithms for Minimization without
 * Derivatives", 1973, ch. 4). Used for the self-consistent Fermi level (model.md section 2).
 *
 * The result says whether the tolerance was met: a caller never receives an unconverged
 * root without knowing it.
 */
import { PotmapError } from "../core/errors";

export interface RootOptions {
  /** f(a), if already known (saves an evaluation). */
  fa?: number;
  /** f(b), if already known. */
  fb?: number;
  /** Absolute tolerance on the root (default 1e-12). */
  tolerance?: number;
  /** Iteration limit (default 200). */
  maxIterations?: number;
  /** What the root is, for error messages (default "root"). */
  quantity?: string;
}

export interface RootResult {
  root: number;
  /** Function evaluations after the two end points. */
  iterations: number;
  /** False when the iteration limit was reached before the tolerance was met. */
  converged: boolean;
  /** The last bracket [low, high] around the root. */
  bracket: [number, number];
}

/**
 * Brent's root finder on [a, b] with f(a), f(b) of opposite sign (or one of them zero).
 * Throws a PotmapError naming `quantity` when an end point or a function value is not a
 * number or the interval does not bracket a sign change; reports `converged: false` when the
 * iteration limit is hit.
 */
export function brent(f: (x: number) => number, a: number, b: number, options: RootOptions = {}): RootResult {
  const quantity = options.quantity ?? "root";
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new PotmapError(`the interval searched for the ${quantity} must have finite ends`, { field: "bracket", value: [a, b] });
  }
  if (!(tolerance > 0)) throw new PotmapError("must be a positive number", { field: "tolerance", value: tolerance });
  if (!(Number.isInteger(maxIterations) && maxIterations >= 0)) {
    throw new PotmapError("must be an integer >= 0", { field: "maxIterations", value: maxIterations });
  }
  let fa = options.fa ?? f(a);
  let fb = options.fb ?? f(b);
  const evaluated = (x: number, fx: number): number => {
    if (Number.isNaN(fx)) throw new PotmapError(`the function whose ${quantity} is sought is NaN at ${x}`, { field: quantity, value: x });
    return fx;
  };
  evaluated(a, fa);
  evaluated(b, fb);
  if (fa === 0) return { root: a, iterations: 0, converged: true, bracket: [a, a] };
  if (fb === 0) return { root: b, iterations: 0, converged: true, bracket: [b, b] };
  if (Math.sign(fa) === Math.sign(fb)) {
    throw new PotmapError(`[${a}, ${b}] does not bracket the ${quantity}: the function has the same sign (${fa}, ${fb}) at both ends`, {
      field: "bracket",
      value: [a, b],
    });
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tolerance;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return { root: b, iterations: iteration, converged: true, bracket: ordered(b, c) };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // inverse quadratic interpolation, or the secant step when only two points differ
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const r = fb / fc;
        const t = fa / fc;
        p = s * (2 * m * t * (t - r) - (b - a) * (r - 1));
        q = (t - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = evaluated(b, f(b));
  }
  // c is refreshed at the top of an iteration; after the last one the sign change is
  // between b and a (the previous b) when f(b) has the sign of f(c)
  return { root: b, iterations: maxIterations, converged: false, bracket: ordered(b, Math.sign(fb) === Math.sign(fc) ? a : c) };
}

function ordered(x: number, y: number): [number, number] {
  return x <= y ? [x, y] : [y, x];
}
