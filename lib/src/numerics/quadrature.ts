/**
 * Quadrature: Gauss-Legendre rules of any order (for fixed smooth integrands such as the
 * Fermi-Dirac integral after x = t^2) and adaptive Gauss-Kronrod 7-15 (for the space-charge
 * integral x(f) of model.md section 5). The adaptive rule reports whether it met its
 * tolerance: it never returns an unconverged value without saying so.
 */
import { PotmapError } from "../core/errors";

/** Gauss-Legendre nodes and weights on [-1, 1], by Newton iteration on P_n. */
export function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  if (!(Number.isInteger(n) && n >= 1)) throw new PotmapError("the order of a Gauss-Legendre rule must be an integer >= 1", { field: "n", value: n });
  const nodes: number[] = new Array(n);
  const weights: number[] = new Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const w = 2 / ((1 - x * x) * derivative * derivative);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  return { nodes, weights };
}

// Nodes and weights of the 15-point Kronrod rule and its embedded 7-point Gauss rule on
// [-1, 1] (standard tabulated values; checked in the tests by integrating polynomials).
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0.0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204,
  0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378,
  0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
];

function gk15(fn: (t: number) => number, a: number, b: number): { value: number; error: number } {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = fn(c);
  let k = WGK[7] * fc;
  let g = WG[3] * fc;
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j];
    const sum = fn(c - dx) + fn(c + dx);
    k += WGK[j] * sum;
    if (j % 2 === 1) g += WG[(j - 1) / 2] * sum;
  }
  return { value: k * h, error: Math.abs((k - g) * h) };
}

export interface QuadratureResult {
  /** The Kronrod estimate of the integral. */
  value: number;
  /** Summed |Kronrod - Gauss| over the pieces: a (pessimistic) error bound. */
  error: number;
  /** Number of bisections made. */
  splits: number;
  /** True when error <= relTol |value| (or the error is below 1e-300). */
  converged: boolean;
}

/** Default bisection limit of integrate. */
export const MAX_SPLITS = 5000;

/**
 * Integral of a smooth function over [a, b] by globally adaptive GK15 bisection until the
 * summed |Kronrod - Gauss| estimate is below relTol * |integral| (the Kronrod value is then
 * far more accurate than that estimate). After `maxSplits` bisections it stops and returns
 * `converged: false`. A NaN or infinite integrand value gives a non-finite value with
 * `converged: false`; the caller decides what to say about it.
 */
export function integrate(fn: (t: number) => number, a: number, b: number, relTol = 1e-12, maxSplits = MAX_SPLITS): QuadratureResult {
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new PotmapError("the limits of integration must be finite", { field: "interval", value: [a, b] });
  }
  if (a === b) return { value: 0, error: 0, splits: 0, converged: true };
  type Piece = { a: number; b: number; value: number; error: number };
  const first = gk15(fn, a, b);
  const pieces: Piece[] = [{ a, b, ...first }];
  let total = first.value;
  let error = first.error;
  // written as a negation so that a NaN error stops the loop too (it is then not converged)
  const done = () => !(error > relTol * Math.abs(total) && error > 1e-300);
  let splits = 0;
  for (; splits < maxSplits && !done(); splits++) {
    // split the piece with the largest error
    let worst = 0;
    for (let i = 1; i < pieces.length; i++) if (pieces[i].error > pieces[worst].error) worst = i;
    const w = pieces[worst];
    const m = 0.5 * (w.a + w.b);
    const left = gk15(fn, w.a, m);
    const right = gk15(fn, m, w.b);
    pieces[worst] = { a: w.a, b: m, ...left };
    pieces.push({ a: m, b: w.b, ...right });
    total = 0;
    error = 0;
    for (const piece of pieces) {
      total += piece.value;
      error += piece.error;
    }
  }
  return { value: total, error, splits, converged: Number.isFinite(total) && Number.isFinite(error) && done() };
}
