/**
 * The space-charge layer next to an electrode, everything at once: scales, surface charge,
 * the two-regime approximation and the exact profile (what `potmap scl` prints; model.md
 * section 5). The pieces: model.ts, exact.ts, limits.ts.
 */
import { PotmapError } from "../core/errors";
import { DefectConcentrations, concentrationsAtF, SpaceChargeParams, surfaceCharge, validateSpaceChargeParams } from "./model";
import { ExactSpaceCharge, exactProfile, ProfileOptions, ProfilePoint } from "./exact";
import { approximateSpaceCharge } from "./limits";

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
