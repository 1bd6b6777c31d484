/**
 * Space-charge layer in a solid electrolyte next to an electrode: the
 * Poisson-Fermi-Dirac model with saturating defects of model.md section 5
 * (M. W. Swift, J. W. Swift, Y. Qi, Nat. Comput. Sci. 1, 212 (2021)).
 * This module: the inputs, the derived scales, the first integral G(f), rho(f) and the
 * surface charge. The exact profile is in exact.ts, approximations and limits in limits.ts,
 * everything at once (what the CLI prints) in spaceCharge.ts.
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
import {
  angstromPerMetre, elementaryCharge, microfaradPerSquareCentimetrePerFaradPerSquareMetre,
  perCubicMetrePerPerCubicCentimetre, perSquareNanometrePerPerSquareMetre, thermalEnergy, vacuumPermittivity,
} from "../core/constants";
import { softplus } from "../numerics/logMath";

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

// unit factors from mathjs, generated at build time (core/physicalConstants.ts)
const ANGSTROM_PER_M = angstromPerMetre;
const PER_M3_PER_CM3 = perCubicMetrePerPerCubicCentimetre;
const PER_NM2_PER_M2 = perSquareNanometrePerPerSquareMetre;
const UF_CM2_PER_F_M2 = microfaradPerSquareCentimetrePerFaradPerSquareMetre;

/** The scales of a space-charge layer (model.md section 5): kT (eV), f0, B, p and the length lambda (Angstrom). */
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
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** ln sinh(v) for v > 0, valid for any v (no overflow, no cancellation at small v). */
export function logSinh(v: number): number {
  return v + Math.log(-Math.expm1(-2 * v)) - Math.LN2;
}

/** ln tanh(v) for v > 0 without cancellation near tanh -> 1. */
export function logTanh(v: number): number {
  if (v < 0.5) return Math.log(Math.tanh(v));
  const e = Math.exp(-2 * v);
  return Math.log1p((-2 * e) / (1 + e));
}

/** Below this |f| the series G = p f^2 (1 + (1 - 6p) f^2 / 12) is exact to double precision. */
export const SERIES_F = 1e-4;

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

export function concentrationsAtF(params: SpaceChargeParams, s: SpaceChargeScales, f: number): DefectConcentrations {
  const full = params.alpha * params.nsites;
  return { cPlus: full * sigmoid(f - s.lnB), cMinus: full * sigmoid(-f - s.lnB) };
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
export function chargeFromField(params: SpaceChargeParams, s: SpaceChargeScales, s0: number, linearSlope: number): SurfaceCharge {
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
