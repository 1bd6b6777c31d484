/**
 * The exact space-charge profile of model.md section 5: x(f) = lambda int_f^{f0} du/sqrt(2G(u)),
 * evaluated by adaptive quadrature in t = ln u plus a closed-form tail, and inverted for f(x).
 * Conventions and G(f): model.ts.
 */
import { PotmapError } from "../core/errors";
import { integrate } from "../numerics/quadrature";
import { concentrationsAtF, firstIntegral, SERIES_F, SpaceChargeParams, SpaceChargeScales, spaceChargeScales, validateSpaceChargeParams } from "./model";

// ---------------------------------------------------------------------------------------
// The exact solution: x(f) = lambda * int_f^{f0} du / sqrt(2 G(u))
// ---------------------------------------------------------------------------------------

/**
 * Exact solution for one parameter set. All work is done with F = |f| (the problem is
 * symmetric: rho and f flip sign together) and restored with the sign of f0.
 *
 * Near u -> 0 the integrand 1/sqrt(2G(u)) ~ 1/(sqrt(2p) u) is not integrable at 0 (that is
 * the exponential Debye-Hueckel tail, x ~ -ln f). Two devices make the quadrature exact:
 * (1) the substitution u = e^t turns du/sqrt(2G) into h(t) dt with h = u/sqrt(2G(u)),
 *     bounded and smooth, h -> 1/sqrt(2p) as u -> 0 (the log singularity is split off);
 * (2) below F_s = 1e-4 the series G = p u^2 (1 + k u^2), k = (1-6p)/12, integrates in closed
 *     form: int_a^b du/sqrt(2G) = [ln(b/a) - k (b^2 - a^2)/4] / sqrt(2p) (error < 1e-20).
 */
export class ExactSpaceCharge {
  readonly params: SpaceChargeParams;
  readonly scales: SpaceChargeScales;
  /** |f0| */
  private readonly F0: number;
  private readonly sign: number;
  private readonly sqrt2p: number;
  private readonly k: number;
  /** min(F_s, F0): the analytic tail starts here. */
  private readonly Fs: number;
  /** I(Fs) = int_Fs^F0 du/sqrt(2G), in units of lambda. */
  private readonly Is: number;
  /** Panel boundaries in t = ln u, from ln F0 down to ln Fs, and cumulative I there. */
  private readonly panelT: number[] = [];
  private readonly panelI: number[] = [];
  private readonly h: (t: number) => number;

  constructor(params: SpaceChargeParams) {
    this.params = validateSpaceChargeParams(params);
    this.scales = spaceChargeScales(this.params);
    this.F0 = Math.abs(this.scales.f0);
    this.sign = this.scales.f0 < 0 ? -1 : 1;
    this.sqrt2p = Math.sqrt(2 * this.scales.p);
    this.k = (1 - 6 * this.scales.p) / 12;
    const lnB = this.scales.lnB;
    this.h = (t: number) => {
      const u = Math.exp(t);
      return u / Math.sqrt(2 * firstIntegral(u, lnB));
    };
    this.Fs = Math.min(SERIES_F, this.F0);
    this.panelT.push(Math.log(this.F0));
    this.panelI.push(0);
    if (this.F0 > SERIES_F) {
      // panels of width 0.25 in ln u: every later evaluation only integrates inside one
      const tEnd = Math.log(this.Fs);
      const n = Math.max(1, Math.ceil((this.panelT[0] - tEnd) / 0.25));
      const dt = (this.panelT[0] - tEnd) / n;
      for (let j = 1; j <= n; j++) {
        const t = j === n ? tEnd : this.panelT[0] - j * dt;
        const prev = this.panelT[j - 1];
        this.panelI.push(this.panelI[j - 1] + this.integral(t, prev));
        this.panelT.push(t);
      }
    }
    this.Is = this.panelI[this.panelI.length - 1];
  }

  /**
   * int_{t0}^{t1} h(t) dt to 1e-12 relative; an integral that does not converge is an error
   * naming the inputs, never a silently inaccurate x(f).
   */
  private integral(t0: number, t1: number): number {
    const result = integrate(this.h, t0, t1);
    if (!result.converged) {
      const { phi0, ef0, alpha, nsites, epsilon, temperature } = this.params;
      throw new PotmapError(
        `the space-charge integral x(f) = lambda int du/sqrt(2G(u)) did not converge for ln|f| in [${t0}, ${t1}] ` +
          `(${result.splits} bisections, value ${result.value}, error estimate ${result.error}) with ef0 = ${ef0} eV, ` +
          `alpha = ${alpha}, nsites = ${nsites} cm^-3, epsilon = ${epsilon}, T = ${temperature} K`,
        { field: "phi0", value: phi0 },
      );
    }
    return result.value;
  }

  /** Dimensionless surface field |f'(0)| = sqrt(2 G(f0)). */
  surfaceField(): number {
    return Math.sqrt(2 * firstIntegral(this.F0, this.scales.lnB));
  }

  /** Closed-form tail: int_a^b du/sqrt(2G) for 0 < a <= b <= Fs. */
  private tail(a: number, b: number): number {
    return (Math.log(b / a) - (this.k * (b * b - a * a)) / 4) / this.sqrt2p;
  }

  /** I(F) = int_F^{F0} du/sqrt(2G(u)) for 0 < F <= F0 (units of lambda). */
  integralFrom(F: number): number {
    if (!(F > 0)) return Infinity;
    if (F >= this.F0) return 0;
    if (F <= this.Fs) return this.Is + this.tail(F, this.Fs);
    const t = Math.log(F);
    // panels run downward in t; find j with panelT[j] >= t > panelT[j+1]
    let j = 0;
    while (j + 1 < this.panelT.length - 1 && this.panelT[j + 1] >= t) j++;
    return this.panelI[j] + this.integral(t, this.panelT[j]);
  }

  /** Position (Angstrom) where the dimensionless potential magnitude equals F. */
  positionOfF(F: number): number {
    return this.scales.lambda * this.integralFrom(F);
  }

  /** |f| at position x (Angstrom, x >= 0): inverts I(F) = x/lambda. */
  fAt(x: number): number {
    if (!(x >= 0)) throw new PotmapError("position must be >= 0 (Angstrom)", { field: "x", value: x });
    if (this.F0 === 0) return 0;
    const xi = x / this.scales.lambda;
    if (xi === 0) return this.F0;
    if (xi >= this.Is) {
      // inside the analytic tail: ln F = ln Fs - sqrt(2p)(xi - Is) - k (Fs^2 - F^2)/4
      const base = Math.log(this.Fs) - this.sqrt2p * (xi - this.Is);
      let lnF = base - (this.k * this.Fs * this.Fs) / 4;
      for (let it = 0; it < 4; it++) {
        const F = Math.exp(lnF);
        lnF = base - (this.k * (this.Fs * this.Fs - F * F)) / 4;
      }
      return Math.exp(lnF);
    }
    // locate the panel [panelT[j+1], panelT[j]] whose cumulative I brackets xi
    let j = 0;
    while (j + 1 < this.panelI.length - 1 && this.panelI[j + 1] <= xi) j++;
    const top = this.panelT[j];
    const I0 = this.panelI[j];
    let lo = this.panelT[j + 1]; // r(lo) >= 0
    let hi = top; // r(hi) <= 0
    // safeguarded Newton in t = ln F on r(t) = I(t) - xi, dr/dt = -h(t)
    let t = hi - ((xi - I0) / (this.panelI[j + 1] - I0)) * (hi - lo);
    for (let it = 0; it < 100; it++) {
      const r = I0 + this.integral(t, top) - xi;
      if (Math.abs(r) <= 1e-14 * Math.max(1, xi)) break;
      if (r > 0) lo = t;
      else hi = t;
      if (hi - lo <= 1e-15 * Math.max(1, Math.abs(t))) break;
      let next = t + r / this.h(t);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      t = next;
    }
    return Math.exp(t);
  }

  /** phi(x) in V (phi(0) = 0, phi(inf) = phi0). */
  potentialAt(x: number): number {
    return this.params.phi0 - this.scales.kT * this.sign * this.fAt(x);
  }

  /**
   * Position (Angstrom) where phi reaches `target` (V); null if it never does. phi is
   * monotone between phi(0) = 0 and phi(inf) = phi0, so a target is reached iff it lies in
   * [0, phi0) (or (phi0, 0] for phi0 < 0); phi0 itself is only approached as x -> inf.
   */
  positionOfPotential(target: number): number | null {
    if (!Number.isFinite(target)) throw new PotmapError("expected a finite number", { field: "phiTarget", value: target });
    if (this.F0 === 0) return target === 0 ? 0 : null;
    const F = this.sign * ((this.params.phi0 - target) / this.scales.kT);
    if (F === this.F0) return 0;
    if (F > this.F0 || F <= 0) return null;
    return this.positionOfF(F);
  }
}

// ---------------------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------------------

export interface ProfilePoint {
  /** Distance from the electrode, Angstrom. */
  x: number;
  /** Potential, V (0 at the electrode, phi0 in the bulk). */
  phi: number;
  /** Positive-defect concentration, cm^-3. */
  cPlus: number;
  /** Negative-defect concentration, cm^-3. */
  cMinus: number;
}

export interface ProfileOptions {
  /** Number of points (log-spaced in x). Default 200. */
  points?: number;
  /** First x, Angstrom (> 0). Default 0.01 lambda. */
  xMin?: number;
  /** Last x, Angstrom. Default: where |phi - phi0| has fallen to 1e-3 |phi0| (10 screening lengths if phi0 = 0). */
  xMax?: number;
}

/** Log-spaced positions (all > 0, so they can be drawn on a log-x axis; phi(0) = 0 exactly). */
function logGrid(xMin: number, xMax: number, n: number): number[] {
  if (!(xMin > 0) || !Number.isFinite(xMin)) throw new PotmapError("must be a positive number (Angstrom)", { field: "xMin", value: xMin });
  if (!(xMax > xMin) || !Number.isFinite(xMax)) throw new PotmapError("must be larger than xMin (Angstrom)", { field: "xMax", value: xMax });
  if (!Number.isInteger(n) || n < 2) throw new PotmapError("must be an integer >= 2", { field: "points", value: n });
  const a = Math.log(xMin);
  const b = Math.log(xMax);
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
}

function defaultRange(exact: ExactSpaceCharge, opts: ProfileOptions): { xMin: number; xMax: number } {
  const s = exact.scales;
  const xMin = opts.xMin ?? 0.01 * s.lambda;
  const F0 = Math.abs(s.f0);
  let xMax = opts.xMax ?? (F0 > 0 ? exact.positionOfF(1e-3 * F0) : 10 * s.screeningLength);
  if (opts.xMax === undefined && !(xMax > 10 * xMin)) xMax = 10 * xMin;
  return { xMin, xMax };
}

/** The exact profile on a log-spaced grid (pass an existing solver to reuse its tables). */
export function exactProfile(params: SpaceChargeParams | ExactSpaceCharge, opts: ProfileOptions = {}): ProfilePoint[] {
  const exact = params instanceof ExactSpaceCharge ? params : new ExactSpaceCharge(params);
  const { xMin, xMax } = defaultRange(exact, opts);
  const s = exact.scales;
  const sign = s.f0 < 0 ? -1 : 1;
  return logGrid(xMin, xMax, opts.points ?? 200).map((x) => {
    const f = sign * exact.fAt(x);
    return { x, phi: exact.params.phi0 - s.kT * f, ...concentrationsAtF(exact.params, s, f) };
  });
}

/** Exact phi (V) at position x (Angstrom). */
export function exactPotentialAt(params: SpaceChargeParams, x: number): number {
  return new ExactSpaceCharge(params).potentialAt(x);
}

/** Exact position (Angstrom) where phi reaches `target` (V), or null if it never does. */
export function exactXstar(params: SpaceChargeParams, target: number): number | null {
  return new ExactSpaceCharge(params).positionOfPotential(target);
}
