/**
 * Open-circuit voltage of a cathode state against Li metal from total energies (eq. 3):
 *
 *   OCV = -(E[Li_a X] - E[Li_b X] - (a - b) E[Li]) / ((a - b) e)
 *
 * Energies per formula unit of X (eV), E[Li] per atom of Li metal.
 */
import { PotmapError } from "../core/errors";

export interface LithiationState {
  /** Li per formula unit of host X. */
  lithium: number;
  /** Total energy per formula unit Li_x X, eV. */
  energy: number;
}

/** Eq. 3 between two lithiation states from total energies (eV per formula unit; Li metal eV per atom), V vs Li/Li+. */
export function openCircuitVoltage(lithiated: LithiationState, reference: LithiationState, lithiumEnergy: number): number {
  const dx = lithiated.lithium - reference.lithium;
  if (!(dx > 0)) {
    throw new PotmapError("the lithiated state must hold more Li than the reference state", {
      field: "lithium",
      value: lithiated.lithium,
    });
  }
  return -(lithiated.energy - reference.energy - dx * lithiumEnergy) / dx;
}
