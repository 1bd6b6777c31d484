/**
 * The electrostatic potential of a material in open-circuit equilibrium (paper eq. 5,
 * model.md section 1): with the Li+ electrochemical potential zero everywhere,
 *
 *   e*phi(mu) = E_F(mu) - IP + psi_a - mu        (phi = 0 in the Li anode),
 *
 * and the band edges relative to the anode Fermi level (eq. 4): VBM = mu - E_F, CBM = VBM + Eg.
 */
import { requireNumber } from "../core/arguments";

/** e*phi in eV (numerically the potential in V), eq. 5. */
export function electrostaticPotential(fermiLevel: number, ionizationPotential: number, workFunction: number, muLi: number): number {
  requireNumber(fermiLevel, "fermiLevel");
  requireNumber(ionizationPotential, "ionizationPotential");
  requireNumber(workFunction, "workFunction");
  requireNumber(muLi, "muLi");
  return fermiLevel - ionizationPotential + workFunction - muLi;
}

/** VBM relative to the anode Fermi level, eV (eq. 4). */
export function valenceBandMaximum(muLi: number, fermiLevel: number): number {
  requireNumber(muLi, "muLi");
  requireNumber(fermiLevel, "fermiLevel");
  return muLi - fermiLevel;
}

/** Local vacuum level relative to the anode Fermi level, eV: psi_a - e*phi. */
export function vacuumLevel(workFunction: number, phi: number): number {
  requireNumber(workFunction, "workFunction");
  requireNumber(phi, "phi");
  return workFunction - phi;
}

/** Which process a jump hinders: positive = discharge (Li+ anode -> cathode), negative = charge. */
export function hinders(dphi: number): "discharge" | "charge" | "neither" {
  requireNumber(dphi, "dphi");
  return dphi > 0 ? "discharge" : dphi < 0 ? "charge" : "neither";
}
