/**
 * Approximate and limiting descriptions of the space-charge layer (model.md section 5): the
 * two-regime approximation (a saturated layer plus a Gouy-Chapman tail) and the three
 * teaching limits (Debye-Hueckel, Gouy-Chapman, full saturation), each with its surface charge
 * and profile. Conventions: model.ts.
 */
import { PotmapError } from "../core/errors";
import { chargeFromField, firstIntegral, logTanh, SpaceChargeParams, spaceChargeScales, SurfaceCharge, validateSpaceChargeParams } from "./model";

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
