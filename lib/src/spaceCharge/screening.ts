/**
 * The screening length of an electrolyte's bulk (linear, Debye-Hueckel): how far from an
 * interface a potential step is screened by the mobile charged species of the neutral bulk,
 *
 *   lambda_D = sqrt(eps0 eps_r kT / (e^2 sum_i z_i^2 c_i)),
 *
 * the sum over every charged defect state and the electrons and holes (model.md section 5 in
 * its dilute limit). The potential map (eqs. 5-7) assumes bulk neutrality between the two
 * contacts: that needs lambda_D well below the electrolyte's thickness. When lambda_D exceeds
 * it the jumps dphi_a and dphi_c are not screened inside the film: "bulk neutrality does not hold".
 */
import { elementaryCharge, perCubicMetrePerPerCubicCentimetre, thermalEnergy, vacuumPermittivity } from "../core/constants";

/** Default electrolyte (film) thickness against which the screening length is compared, m. */
export const defaultFilmThickness = 1e-6;

/** The charged species of a solution, as the neutrality solver gives them. */
export interface ChargedSpecies {
  electrons: number;
  holes: number;
  defects: readonly { name: string; charges: Record<string, number> }[];
}

export interface Screening {
  /** sum z^2 c over charged defect states and carriers, cm^-3. */
  ionicStrength: number;
  /** Charged defects alone (sum over states of charge != 0 of c), cm^-3. */
  chargedDefects: number;
  /** Debye length, m (Infinity with no charged species). */
  debyeLength: number;
}

/** sum_i z_i^2 c_i (cm^-3) over charged states and carriers, and the charged-defect density. */
export function ionicStrength(species: ChargedSpecies): { ionicStrength: number; chargedDefects: number } {
  let sum = species.electrons + species.holes;
  let charged = 0;
  for (const d of species.defects) {
    for (const [q, c] of Object.entries(d.charges)) {
      const z = Number(q);
      if (z === 0) continue;
      sum += z * z * c;
      charged += c;
    }
  }
  return { ionicStrength: sum, chargedDefects: charged };
}

/** lambda_D in m for a relative permittivity, temperature (K) and sum z^2 c (cm^-3). */
export function debyeLength(epsilon: number, temperature: number, strength: number): number {
  if (!(strength > 0)) return Infinity;
  // eps0 eps kT / (e^2 n): kT in eV -> J is kT_eV * e, so one e cancels
  const perCubicMetre = strength * perCubicMetrePerPerCubicCentimetre;
  return Math.sqrt((vacuumPermittivity * epsilon * thermalEnergy(temperature)) / (elementaryCharge * perCubicMetre));
}

/** The screening of one solution. */
export function screeningOf(species: ChargedSpecies, epsilon: number, temperature: number): Screening {
  const { ionicStrength: strength, chargedDefects } = ionicStrength(species);
  return { ionicStrength: strength, chargedDefects, debyeLength: debyeLength(epsilon, temperature, strength) };
}

/** "2.8 um", "1.5 mm", "3.1 A": a length in m for messages. */
export function formatLength(metres: number): string {
  if (!Number.isFinite(metres)) return String(metres);
  const units: [number, string][] = [[1, "m"], [1e-3, "mm"], [1e-6, "um"], [1e-9, "nm"]];
  for (const [scale, unit] of units) if (metres >= scale) return `${(metres / scale).toPrecision(3)} ${unit}`;
  return `${(metres / 1e-10).toPrecision(3)} A`;
}
