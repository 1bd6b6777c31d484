/**
 * Space-charge layer in a solid electrolyte next to an electrode: the
 * Poisson-Fermi-Dirac model with saturating defects of model.md section 5
 * (M. W. Swift, J. W. Swift, Y. Qi, Nat. Comput. Sci. 1, 212 (2021)).
 *
 * Conventions (model.md section 5):
 * - phi(x) is the electrostatic potential in the electrolyte measured from the electrode:
 *   phi(0) = 0 at the interface, phi(inf) = phi0 in the neutral bulk. The dimensionless
 *   potential is f = (phi0 - phi)/kT (kT in eV, so f is e*(phi0 - phi)/kT), f(0) = phi0/kT
 *   = f0 and f(inf) = 0. Positions x are in Angstrom, xi = x / lambda.
 * - lambda = sqrt(eps0 eps kT / (e^2 alpha N)) is the screening length of a layer in which
 *   every available site is charged (charge density e*alpha*N); B = alpha exp(Ef0/kT).
 * - Positive defects: c+ = alpha N / (1 + B e^-f); negative: c- = alpha N / (1 + B e^f).
 *   Then rho(f) = (c+ - c-)/(alpha N) and Poisson's equation reads f'' = rho(f) (d/dxi).
 *   In the bulk (f = 0) both equal alpha N/(1+B); for B e^{-|f|} >> 1 they reduce to the
 *   Boltzmann form N exp(-(Ef0 -+ e(phi0-phi))/kT) of model.md section 2, and they saturate
 *   at alpha N when B e^{-|f|} << 1.
 * - sigma = eps0 eps (kT/e) f'(0) / lambda: the charge per area on the electrode side
 *   (negative for phi0 > 0: Li+ leaves the electrode and the electrolyte side holds
 *   -sigma). This sign matches the published code outputs (sigma = -5.3271 e/nm^2 for LLZO).
 *
 * Why the formulas below look the way they do: f0 reaches ~85 (2.2 V at 300 K) and B ranges
 * from ~0.2 (LLZO) to ~1e15 (LiF), so exp(f) and B are never formed directly. Everything is
 * written with ln B, log1p/expm1 and log-sum-exp, and the first integral is
 *
 *     G(f) = ln[(e^f + B)(e^-f + B)/(1 + B)^2] = log1p(4 p sinh^2(f/2)),  p = B/(1+B)^2,
 *
 * which is algebraically the model.md expression but has no cancellation at small f and
 * no overflow at large f.
 */
import { PotmapError } from "../core/errors";
import { convertUnit, elementaryCharge, thermalEnergy, vacuumPermittivity } from "../core/constants";
import { softplus } from "../numerics/logMath";
import { integrate } from "../numerics/quadrature";

// ---------------------------------------------------------------------------------------
// Inputs and derived scales
// ---------------------------------------------------------------------------------------

/** Inputs of the model (model.md section 5). */
export interface SpaceChargeParams {
  /** Offset between the neutral bulk and the electrode, V (dphi_a for a Li/SE interface). */
  phi0: number;
  /** Defect site density N, cm^-3. */
  nsites: number;
  /** Defect formation energy at charge neutrality Ef0, eV. */
  ef0: number;
  /** Static dielectric constant (relative permittivity). */
  epsilon: number;
  /** Saturation fraction of sites, 0 < alpha <= 1. */
  alpha: number;
  /** Temperature, K. */
  temperature: number;
}

/** Where a validation error should point: a file and a prefix for field names. */
export interface FieldContext {
  file?: string;
  /** Prepended to each field name, e.g. "materials[2]." */
  prefix?: string;
  /** Field names to use instead of the parameter names (the CLI maps them to its flags). */
  names?: Partial<Record<keyof SpaceChargeParams, string>>;
}

/**
 * Check every input: finite numbers, nsites > 0, epsilon > 0, 0 < alpha <= 1, T > 0, and a
 * bulk defect population that does not underflow (|Ef0|/kT of several hundred).
 * Throws a PotmapError naming the field and value; returns a clean copy.
 */
export function validateSpaceChargeParams(params: unknown, ctx: FieldContext = {}): SpaceChargeParams {
  const name = (key: keyof SpaceChargeParams) => `${ctx.prefix ?? ""}${ctx.names?.[key] ?? key}`;
  if (typeof params !== "object" || params === null) {
    throw new PotmapError("expected an object with phi0, nsites, ef0, epsilon, alpha, temperature", {
      file: ctx.file,
      field: ctx.prefix ? ctx.prefix.replace(/\.$/, "") : undefined,
      value: params,
    });
  }
  const raw = params as Record<string, unknown>;
  const num = (key: keyof SpaceChargeParams): number => {
    const v = raw[key];
    if (v === undefined) throw new PotmapError("missing value", { file: ctx.file, field: name(key) });
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new PotmapError("expected a finite number", { file: ctx.file, field: name(key), value: v });
    }
    return v;
  };
  const out: SpaceChargeParams = {
    phi0: num("phi0"),
    nsites: num("nsites"),
    ef0: num("ef0"),
    epsilon: num("epsilon"),
    alpha: num("alpha"),
    temperature: num("temperature"),
  };
  const bad = (key: keyof SpaceChargeParams, reason: string) =>
    new PotmapError(reason, { file: ctx.file, field: name(key), value: out[key] });
  if (!(out.nsites > 0)) throw bad("nsites", "site density must be > 0 (cm^-3)");
  if (!(out.epsilon > 0)) throw bad("epsilon", "dielectric constant must be > 0");
  if (!(out.alpha > 0 && out.alpha <= 1)) throw bad("alpha", "saturation fraction must be in (0, 1]");
  if (!(out.temperature > 0)) throw bad("temperature", "temperature must be > 0 K");
  // p = B/(1+B)^2 sets the linear screening; if it underflows the bulk has no mobile
  // defects at all (or all sites full) and the screening length is infinite.
  const lnB = Math.log(out.alpha) + out.ef0 / thermalEnergy(out.temperature);
  if (lnB - 2 * softplus(lnB) < -690) {
    throw bad("ef0", "|Ef0|/kT is so large that the bulk has no free defects or no free sites (exp underflows)");
  }
  return out;
}

/** Quantities derived from the inputs. Lengths in Angstrom. */
export interface SpaceChargeScales {
  /** kT in eV; numerically the thermal voltage kT/e in V. */
  kT: number;
  /** f0 = phi0 / kT (dimensionless, signed). */
  f0: number;
  /** ln B = ln alpha + Ef0/kT. */
  lnB: number;
  /** B = alpha exp(Ef0/kT) (may be Infinity for absurd inputs; the math uses lnB). */
  B: number;
  /** p = B/(1+B)^2: the bulk occupancy times (1 - occupancy); G(f) ~ p f^2 at small f. */
  p: number;
  /** lambda of model.md section 5, Angstrom (the "debyeLength" of the CLI). */
  lambda: number;
  /**
   * Linear (Debye-Hueckel) screening length of the full model, lambda (1+B)/sqrt(2B),
   * Angstrom. For B >> 1 it equals the Boltzmann length lambda sqrt(B/2).
   */
  screeningLength: number;
  /** Boltzmann (Gouy-Chapman) screening length lambda sqrt(B/2), Angstrom. */
  boltzmannLength: number;
  /** Bulk concentration of each defect, alpha N/(1+B), cm^-3. */
  bulkConcentration: number;
}

const ANGSTROM_PER_M = convertUnit(1, "m", "angstrom");
const PER_M3_PER_CM3 = convertUnit(1, "cm^-3", "m^-3");
const PER_NM2_PER_M2 = convertUnit(1, "m^-2", "nm^-2");
const UF_CM2_PER_F_M2 = convertUnit(1, "F/m^2", "uF/cm^2");

export function spaceChargeScales(params: SpaceChargeParams): SpaceChargeScales {
  const p = validateSpaceChargeParams(params);
  const kT = thermalEnergy(p.temperature);
  const lnB = Math.log(p.alpha) + p.ef0 / kT;
  const lnP = lnB - 2 * softplus(lnB);
  // lambda^2 = eps0 eps (kT/e) / (e alpha N): kT in eV is the thermal voltage in V.
  const lambdaM = Math.sqrt((vacuumPermittivity * p.epsilon * kT) / (elementaryCharge * p.alpha * p.nsites * PER_M3_PER_CM3));
  const lambda = lambdaM * ANGSTROM_PER_M;
  return {
    kT,
    f0: p.phi0 / kT,
    lnB,
    B: Math.exp(lnB),
    p: Math.exp(lnP),
    lambda,
    screeningLength: lambda * Math.exp(-0.5 * lnP) / Math.SQRT2,
    boltzmannLength: lambda * Math.exp(0.5 * lnB) / Math.SQRT2,
    bulkConcentration: p.alpha * p.nsites * Math.exp(-softplus(lnB)),
  };
}

// ---------------------------------------------------------------------------------------
// Numerically safe elementary functions
// ---------------------------------------------------------------------------------------

/** 1/(1 + e^-z) without overflow. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** ln sinh(v) for v > 0, valid for any v (no overflow, no cancellation at small v). */
function logSinh(v: number): number {
  return v + Math.log(-Math.expm1(-2 * v)) - Math.LN2;
}

/** ln tanh(v) for v > 0 without cancellation near tanh -> 1. */
function logTanh(v: number): number {
  if (v < 0.5) return Math.log(Math.tanh(v));
  const e = Math.exp(-2 * v);
  return Math.log1p((-2 * e) / (1 + e));
}

/** Below this |f| the series G = p f^2 (1 + (1 - 6p) f^2 / 12) is exact to double precision. */
const SERIES_F = 1e-4;

/**
 * First integral G(f) of model.md section 5: (f')^2/2 = G(f), with G(0) = 0.
 * G is even in f; its small-f expansion is p f^2 + p(1 - 6p) f^4/12 (twice the even
 * cumulants of the Fermi occupancy), its large-f form f + ln B - 2 ln(1+B) + ...
 */
export function firstIntegral(f: number, lnB: number): number {
  const a = Math.abs(f);
  const lnP = lnB - 2 * softplus(lnB);
  if (a < SERIES_F) {
    const p = Math.exp(lnP);
    return p * a * a * (1 + ((1 - 6 * p) * a * a) / 12);
  }
  // G = log1p(q), q = 4 p sinh^2(f/2); ln q is always finite.
  const lnQ = Math.log(4) + lnP + 2 * logSinh(a / 2);
  return softplus(lnQ);
}

/**
 * Dimensionless charge density rho(f) = 1/(1 + B e^-f) - 1/(1 + B e^f) = G'(f) = f''.
 * Odd in f, tends to +-1 (saturation) for |f| >> ln B.
 */
export function chargeDensity(f: number, lnB: number): number {
  if (Math.abs(f) < 1) {
    // 2 p sinh f / (1 + q): no cancellation between the two occupancies at small f.
    const lnP = lnB - 2 * softplus(lnB);
    const p = Math.exp(lnP);
    const s = Math.sinh(f / 2);
    return (2 * p * Math.sinh(f)) / (1 + 4 * p * s * s);
  }
  return sigmoid(f - lnB) - sigmoid(-f - lnB);
}

/** Defect concentrations (cm^-3) at potential phi (V) in the layer. */
export interface DefectConcentrations {
  /** Positive defects (e.g. Li interstitials), alpha N / (1 + B e^-f). */
  cPlus: number;
  /** Negative defects (e.g. Li vacancies), alpha N / (1 + B e^f). */
  cMinus: number;
}

/** c+ and c- at the point where the potential is phi (V); f = (phi0 - phi)/kT. */
export function defectConcentrations(params: SpaceChargeParams, phi: number): DefectConcentrations {
  const s = spaceChargeScales(params);
  return concentrationsAtF(params, s, (params.phi0 - phi) / s.kT);
}

function concentrationsAtF(params: SpaceChargeParams, s: SpaceChargeScales, f: number): DefectConcentrations {
  const full = params.alpha * params.nsites;
  return { cPlus: full * sigmoid(f - s.lnB), cMinus: full * sigmoid(-f - s.lnB) };
}

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
// Surface charge and capacitance
// ---------------------------------------------------------------------------------------

export interface SurfaceCharge {
  /** Surface charge on the electrode side, e/nm^2 (sign opposite to phi0). */
  sigma: number;
  /** The same in C/m^2. */
  sigmaSI: number;
  /** Areal capacitance |sigma/phi0|, uF/cm^2 (at phi0 = 0: its limit eps eps0/screeningLength). */
  capacitance: number;
}

/** sigma and C/A from a dimensionless surface field s0 = |f'(0)| (model.md section 5). */
function chargeFromField(params: SpaceChargeParams, s: SpaceChargeScales, s0: number, linearSlope: number): SurfaceCharge {
  const lambdaM = s.lambda / ANGSTROM_PER_M;
  const scale = (vacuumPermittivity * params.epsilon * s.kT) / lambdaM; // C/m^2 per unit f'
  const sign = params.phi0 > 0 ? -1 : params.phi0 < 0 ? 1 : 0;
  const sigmaSI = sign * scale * s0;
  const perVolt = params.phi0 !== 0 ? Math.abs(sigmaSI / params.phi0) : (scale * linearSlope) / s.kT;
  return {
    sigma: (sigmaSI / elementaryCharge) * PER_NM2_PER_M2,
    sigmaSI,
    capacitance: perVolt * UF_CM2_PER_F_M2,
  };
}

/** Exact surface charge and areal capacitance. */
export function surfaceCharge(params: SpaceChargeParams): SurfaceCharge {
  const s = spaceChargeScales(params);
  const s0 = Math.sqrt(2 * firstIntegral(s.f0, s.lnB));
  return chargeFromField(params, s, s0, Math.sqrt(2 * s.p));
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

// ---------------------------------------------------------------------------------------
// Two-regime approximation (saturated layer + Gouy-Chapman tail)
// ---------------------------------------------------------------------------------------

/**
 * Gouy-Chapman form 4 artanh(tanh(F/4) e^-s) for F >= 0, s >= 0, without the rounding of
 * tanh(F/4) to 1 when F is large (F ~ 85): 1 - z is formed as -expm1(-s) + e^-s (1 - tanh).
 */
function gouyChapmanShape(F: number, s: number): number {
  if (F === 0) return 0;
  const em = Math.exp(-F / 2);
  const oneMinusY = (2 * em) / (1 + em);
  const y = 1 - oneMinusY;
  const es = Math.exp(-s);
  const z = y * es;
  const oneMinusZ = -Math.expm1(-s) + es * oneMinusY;
  // (1+z)/(1-z) = 1 + 2z/(1-z): log1p keeps full precision when z is tiny (far tail)
  return 2 * Math.log1p((2 * z) / oneMinusZ);
}

/**
 * The two-regime description of the layer (the "approximate" block of cli.md):
 *
 * - Region I, 0 <= x <= x1, saturated: every available site near the electrode is charged
 *   (density e*alpha*N), so f'' = 1 and f is a parabola. Its initial slope is the exact surface
 *   field s0 = sqrt(2 G(f0)), so the approximation carries the exact sigma, and it ends at its
 *   vertex: x1 = lambda * s0 = |sigma| / (e alpha N) = the thickness a saturated layer needs to
 *   hold the whole surface charge. There f1 = |f0| - G(|f0|) and phiX1 = phi0 - kT f1
 *   (for B >> 1 and f0 >> ln B, f1 -> ln B: the potential at which the occupancy drops to 1/2,
 *   i.e. where saturation ends).
 * - Region II, x > x1, dilute tail: Gouy-Chapman decay from f1,
 *   f = 4 artanh(tanh(f1/4) exp(-(x - x1)/L)), with L the linear screening length of the
 *   full model, lambda (1+B)/sqrt(2B) (= the Boltzmann length lambda sqrt(B/2) when B >> 1).
 * - x2 = x1 + L (one screening length into the tail), phiX2 = the approximate phi there.
 * - xstar = where this approximate profile reaches the target (null if never).
 *
 * The published script (github mwswift/PFD_solution) gives the same x1, phi(x1) and xstar
 * for the five published sets; it places x2 at lambda sqrt(B/2), which equals our x1 + L to
 * its printed precision for the dilute interlayers but not for LLZO (B = 0.17 < 1, where the
 * Boltzmann length 0.44 A lies inside the saturated region; we report x1 + L instead).
 * The field is discontinuous at x1 (zero at the parabola's vertex, finite in the tail):
 * an accepted feature of a two-regime sketch, not of the exact solution.
 */
export interface ApproximateSpaceCharge {
  /** End of the saturated region, Angstrom. */
  x1: number;
  /** phi at x1, V. */
  phiX1: number;
  /** x1 + one tail screening length, Angstrom. */
  x2: number;
  /** Approximate phi at x2, V. */
  phiX2: number;
  /** Where the approximate phi reaches the target, Angstrom (null if never, or if no target). */
  xstar: number | null;
  /** Tail screening length L, Angstrom. */
  tailLength: number;
  /** Approximate phi (V) at x (Angstrom). */
  potentialAt(x: number): number;
}

export function approximateSpaceCharge(params: SpaceChargeParams, phiTarget?: number | null): ApproximateSpaceCharge {
  const p = validateSpaceChargeParams(params);
  const s = spaceChargeScales(p);
  const F0 = Math.abs(s.f0);
  const sign = s.f0 < 0 ? -1 : 1;
  const G0 = firstIntegral(F0, s.lnB);
  const w = Math.sqrt(2 * G0); // x1 / lambda
  const F1 = F0 - G0; // G(F) < F for F > 0 since rho < 1, so F1 >= 0
  const ell = s.screeningLength / s.lambda; // L / lambda
  const fOfXi = (xi: number): number => {
    if (xi <= w) return F1 + 0.5 * (w - xi) * (w - xi);
    return gouyChapmanShape(F1, (xi - w) / ell);
  };
  const potentialAt = (x: number): number => {
    if (!(x >= 0)) throw new PotmapError("position must be >= 0 (Angstrom)", { field: "x", value: x });
    return p.phi0 - s.kT * sign * fOfXi(x / s.lambda);
  };
  const x1 = s.lambda * w;
  const x2 = x1 + s.screeningLength;
  let xstar: number | null = null;
  if (phiTarget !== undefined && phiTarget !== null) {
    if (!Number.isFinite(phiTarget)) throw new PotmapError("expected a finite number", { field: "phiTarget", value: phiTarget });
    const Ft = sign * ((p.phi0 - phiTarget) / s.kT);
    if (F0 === 0) xstar = phiTarget === 0 ? 0 : null;
    else if (Ft >= F0) xstar = Ft === F0 ? 0 : null;
    else if (Ft <= 0) xstar = null;
    else if (Ft >= F1) xstar = s.lambda * (w - Math.sqrt(2 * (Ft - F1)));
    else xstar = s.lambda * (w + ell * (logTanh(F1 / 4) - logTanh(Ft / 4)));
  }
  return { x1, phiX1: p.phi0 - s.kT * sign * F1, x2, phiX2: potentialAt(x2), xstar, tailLength: s.screeningLength, potentialAt };
}

// ---------------------------------------------------------------------------------------
// Teaching limits
// ---------------------------------------------------------------------------------------

/** A closed-form limiting model: its surface charge and its profile. */
export interface LimitSolution {
  name: "debye-huckel" | "gouy-chapman" | "full-saturation";
  /** e/nm^2, same sign convention as the exact sigma. */
  sigma: number;
  /** |sigma/phi0|, uF/cm^2. */
  capacitance: number;
  /** The model's characteristic length, Angstrom. */
  length: number;
  /** phi (V) at x (Angstrom). */
  potentialAt(x: number): number;
}

/**
 * Debye-Hueckel: the exact equation linearised about the bulk, f'' = 2 p f, so
 * f = f0 exp(-x/L) with L = lambda (1+B)/sqrt(2B) (the screeningLength). It is the exact
 * solution's limit for |phi0| << kT, for any B.
 */
export function debyeHuckelLimit(params: SpaceChargeParams): LimitSolution {
  const p = validateSpaceChargeParams(params);
  const s = spaceChargeScales(p);
  const L = s.screeningLength;
  const slope = Math.sqrt(2 * s.p);
  return {
    name: "debye-huckel",
    ...pickCharge(chargeFromField(p, s, Math.abs(s.f0) * slope, slope)),
    length: L,
    potentialAt: (x: number) => p.phi0 - s.kT * s.f0 * Math.exp(-x / L),
  };
}

/**
 * Gouy-Chapman: Boltzmann defects without saturation, c+- = (alpha N/B) e^{+-f}
 * = N exp(-(Ef0 -+ e(phi0 - phi))/kT), so f'' = (2/B) sinh f and
 * f = 4 artanh(tanh(f0/4) exp(-x/L_B)), L_B = lambda sqrt(B/2); Grahame's
 * |f'(0)| = (2/ell_B) sinh(|f0|/2). It is the exact solution's limit in the dilute regime:
 * B >> 1 (few defects in the bulk) and e^|f0| << B (|phi0| well below Ef0 - kT ln(1/alpha),
 * so no site gets near saturation). Its sigma grows like e^{|f0|/2} (overflows for |f0| > ~1400).
 */
export function gouyChapmanLimit(params: SpaceChargeParams): LimitSolution {
  const p = validateSpaceChargeParams(params);
  const s = spaceChargeScales(p);
  const ell = s.boltzmannLength / s.lambda;
  const F0 = Math.abs(s.f0);
  const sign = s.f0 < 0 ? -1 : 1;
  return {
    name: "gouy-chapman",
    ...pickCharge(chargeFromField(p, s, (2 / ell) * Math.sinh(F0 / 2), 1 / ell)),
    length: s.boltzmannLength,
    potentialAt: (x: number) => p.phi0 - s.kT * sign * gouyChapmanShape(F0, x / s.boltzmannLength),
  };
}

/**
 * Full saturation (Mott-Schottky-like): charge density e*alpha*N (all available sites charged)
 * out to a depth w, neutral beyond, so f = (w - xi)^2/2 for xi < w, w = sqrt(2|f0|), and
 * |f'(0)| = sqrt(2|f0|). For |f0| >> 1 the exact G(f0) = |f0| + ln B - 2 ln(1+B) + O(B e^-|f0|),
 * so the exact solution approaches this one when |f0| >> |ln B - 2 ln(1+B)| (>= 2 ln 2, equal
 * at B = 1): |phi0| much larger than kT times the logarithm of B, i.e. the saturated layer
 * carries nearly all of the potential drop and the diffuse tail (a few L) is negligible.
 * Relative error of sigma ~ |ln B - 2 ln(1+B)| / (2|f0|).
 */
export function fullSaturationLimit(params: SpaceChargeParams): LimitSolution {
  const p = validateSpaceChargeParams(params);
  const s = spaceChargeScales(p);
  const F0 = Math.abs(s.f0);
  const sign = s.f0 < 0 ? -1 : 1;
  const w = Math.sqrt(2 * F0);
  return {
    name: "full-saturation",
    // capacitance at phi0 -> 0 diverges as 1/sqrt(phi0); report Infinity there
    ...pickCharge(chargeFromField(p, s, w, Infinity)),
    length: s.lambda * w,
    potentialAt: (x: number) => {
      const xi = x / s.lambda;
      return p.phi0 - s.kT * sign * (xi < w ? 0.5 * (w - xi) * (w - xi) : 0);
    },
  };
}

function pickCharge(c: SurfaceCharge): { sigma: number; capacitance: number } {
  return { sigma: c.sigma, capacitance: c.capacitance };
}

// ---------------------------------------------------------------------------------------
// Everything at once (what the CLI prints)
// ---------------------------------------------------------------------------------------

export interface SpaceChargeResult {
  input: SpaceChargeParams & { phiTarget: number | null };
  /** kT, V (thermal voltage). */
  thermalVoltage: number;
  B: number;
  lnB: number;
  /** lambda, Angstrom. */
  debyeLength: number;
  /** Linear screening length lambda (1+B)/sqrt(2B), Angstrom. */
  screeningLength: number;
  /** Bulk concentration of each defect, cm^-3. */
  bulkConcentration: number;
  /** e/nm^2 (electrode side; negative for phi0 > 0). */
  sigma: number;
  /** uF/cm^2. */
  capacitance: number;
  approximate: { x1: number; phiX1: number; x2: number; phiX2: number; xstar: number | null };
  exact: {
    xstar: number | null;
    /** Defect concentrations at the interface (x = 0), cm^-3. */
    interface: DefectConcentrations;
    profile: ProfilePoint[];
  };
}

/** Solve the space-charge layer: exact and approximate descriptions (model.md section 5). */
export function solveSpaceCharge(
  params: SpaceChargeParams,
  options: ProfileOptions & { phiTarget?: number | null } = {},
): SpaceChargeResult {
  const p = validateSpaceChargeParams(params);
  const exact = new ExactSpaceCharge(p);
  const s = exact.scales;
  const target = options.phiTarget ?? null;
  if (target !== null && !Number.isFinite(target)) {
    throw new PotmapError("expected a finite number", { field: "phiTarget", value: target });
  }
  const charge = surfaceCharge(p);
  const approx = approximateSpaceCharge(p, target);
  return {
    input: { ...p, phiTarget: target },
    thermalVoltage: s.kT,
    B: s.B,
    lnB: s.lnB,
    debyeLength: s.lambda,
    screeningLength: s.screeningLength,
    bulkConcentration: s.bulkConcentration,
    sigma: charge.sigma,
    capacitance: charge.capacitance,
    approximate: { x1: approx.x1, phiX1: approx.phiX1, x2: approx.x2, phiX2: approx.phiX2, xstar: approx.xstar },
    exact: {
      xstar: target === null ? null : exact.positionOfPotential(target),
      interface: concentrationsAtF(p, s, s.f0),
      profile: exactProfile(exact, options),
    },
  };
}
