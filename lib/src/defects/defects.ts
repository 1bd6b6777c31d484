/**
 * Point defects and their concentrations (model.md section 2, paper Supporting Information I).
 *
 *   E_f(d, q; mu_Li, E_F) = E0(d, q) - dN_Li(d) * mu_Li - sum_s dN_s(d) * mu_s + q * E_F
 *
 * with E_F measured from the VBM and mu_Li from Li metal. Chemical potentials of other
 * species s may be tied linearly to mu_Li (mu_s = intercept + slope * mu_Li), as they are
 * when the electrolyte itself fixes them. Concentration c = N_sites * g * exp(-E_f / kT).
 */
import { thermalEnergy } from "../core/constants";
import { PotmapError } from "../core/errors";
import type { Carriers } from "./carriers";
import { requireNumber, requireObject, requireQuantity } from "../core/arguments";
import { checkChargeState, checkDefect } from "./checkArguments";

export interface ChargeState {
  /** Charge q in units of e. */
  charge: number;
  /** Formation energy E0 at E_F = VBM and mu_Li = 0 (Li metal), eV. */
  energy: number;
  /** Degeneracy g (spin/orientation), default 1. */
  degeneracy?: number;
}

export interface Defect {
  name: string;
  /** Site density, cm^-3. */
  sites: number;
  /** Li atoms added by forming the defect: +1 interstitial, -1 vacancy, 0 otherwise. */
  lithium?: number;
  /** Other atoms added (+) or removed (-), e.g. N_O = { N: 1, O: -1 }. */
  species?: Record<string, number>;
  chargeStates: ChargeState[];
  /**
   * Frozen total concentration (cm^-3): the defect was equilibrated elsewhere
   * (processing, a dopant) and only its charge states re-equilibrate with E_F.
   */
  frozenConcentration?: number;
}

/** A chemical potential tied to mu_Li: mu_s = intercept + slope * mu_Li (eV). */
export interface TiedPotential {
  intercept: number;
  slope: number;
}

/** A fixed charge, e.g. an aliovalent dopant whose concentration is set by synthesis. */
export interface Dopant {
  name: string;
  /** Charge per dopant, units of e. */
  charge: number;
  /** Concentration, cm^-3. */
  concentration: number;
}

/** A host with its defects, carriers and fixed dopants at one temperature: the input of charge neutrality. */
export interface DefectSystem {
  /** Band gap, eV (E_F is measured from the VBM). */
  bandGap: number;
  /**
   * Scissor shift, eV (default 0): the conduction band sits bandGap + scissor above the VBM
   * for the carrier statistics; the VBM and the defect energies (referenced to it) stay.
   */
  scissor?: number;
  /** Temperature, K. */
  temperature: number;
  defects: Defect[];
  carriers: Carriers;
  dopants?: Dopant[];
  /** Chemical potentials of species other than Li, tied to mu_Li. */
  potentials?: Record<string, TiedPotential>;
  /** Site statistics of the defects (default "dilute", the paper's Boltzmann limit). */
  occupancy?: Occupancy;
}

/** How a defect's charge states occupy its sites (defects/neutrality.ts explains both). */
export type Occupancy = "dilute" | "saturating";

/** Concentrations of one defect in a solution of charge neutrality. */
export interface DefectResult {
  name: string;
  /** Total concentration over charge states, cm^-3. */
  total: number;
  /** Concentration per charge state, keyed by the charge as a string ("1", "-1", "0"). */
  charges: Record<string, number>;
  /**
   * total / site density (can exceed 1 in the dilute limit or for a frozen total). Always set
   * by the solver; absent only where no site density is known (an SC-FERMI fixed charge that
   * is not one of the defects).
   */
  siteFraction?: number;
  /** Concentration / site density per charge state, keyed like `charges`. */
  siteFractions?: Record<string, number>;
  /** The total is frozen (quenched or SC-FERMI fixed), only the charge states re-equilibrate. */
  frozen?: boolean;
}

/**
 * The gap the carriers see, eV: the band gap plus the scissor shift of the CBM (eq. 4; model.md
 * section 3). The VBM and the defect energies, referenced to it, stay; only the CBM moves. One
 * function for electrolytes, cathode states and defect systems.
 */
export function effectiveBandGap(x: { bandGap: number; scissor?: number }): number {
  return x.bandGap + (x.scissor ?? 0);
}

/**
 * Formation energy of one charge state (eV). `potentials` gives the other species'
 * chemical potentials as functions of mu_Li.
 */
export function formationEnergy(
  defect: Defect,
  state: ChargeState,
  muLi: number,
  fermiLevel: number,
  potentials: Record<string, TiedPotential> = {},
): number {
  checkDefect(defect);
  checkChargeState(state);
  requireNumber(muLi, "muLi");
  requireNumber(fermiLevel, "fermiLevel");
  requireObject(potentials, "potentials");
  const { intercept, slope } = linearCoefficients(defect, potentials);
  return state.energy + intercept - slope * muLi + state.charge * fermiLevel;
}

/**
 * The formation energy is linear in mu_Li: E_f = E0 + intercept - slope * mu_Li + q E_F.
 * slope = dN_Li + sum_s dN_s * slope_s; intercept = -sum_s dN_s * intercept_s.
 */
export function linearCoefficients(defect: Defect, potentials: Record<string, TiedPotential> = {}): TiedPotential {
  let slope = defect.lithium ?? 0;
  let intercept = 0;
  for (const [element, count] of Object.entries(defect.species ?? {})) {
    const tied = potentials[element];
    if (!tied) {
      throw new PotmapError(`defect ${defect.name} exchanges ${element} but no chemical potential is given for it`, { field: `potentials.${element}` });
    }
    slope += count * tied.slope;
    intercept -= count * tied.intercept;
  }
  return { intercept, slope };
}

/** Concentration of one charge state, cm^-3 (Boltzmann statistics on N_sites, eq. S-1). */
export function defectConcentration(
  defect: Defect,
  state: ChargeState,
  muLi: number,
  fermiLevel: number,
  temperature: number,
  potentials: Record<string, TiedPotential> = {},
): number {
  requireQuantity(temperature, "temperature", "temperature");
  const energy = formationEnergy(defect, state, muLi, fermiLevel, potentials);
  const concentration = defect.sites * (state.degeneracy ?? 1) * Math.exp(-energy / thermalEnergy(temperature));
  if (!Number.isFinite(concentration)) {
    // exp overflows: a formation energy hundreds of kT below zero is no dilute defect
    throw new PotmapError(`defect ${defect.name}: the formation energy ${energy.toPrecision(4)} eV at ${temperature} K makes the concentration overflow; check E_F, mu_Li and the energies`, { field: "formationEnergy", value: energy });
  }
  return concentration;
}

/**
 * Charge-transition level epsilon(q1/q2) above the VBM: the Fermi level at which the
 * two charge states have equal formation energy (independent of mu).
 */
export function transitionLevel(defect: Defect, q1: number, q2: number): number {
  checkDefect(defect);
  requireNumber(q1, "q1");
  requireNumber(q2, "q2");
  const a = defect.chargeStates.find((s) => s.charge === q1);
  const b = defect.chargeStates.find((s) => s.charge === q2);
  if (!a || !b || q1 === q2) {
    throw new PotmapError(`defect ${defect.name} has no distinct charge states ${q1} and ${q2}`, { field: "chargeStates" });
  }
  return (b.energy - a.energy) / (q1 - q2);
}
