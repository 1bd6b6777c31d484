/**
 * Physical constants in the units potmap uses (eV, K, cm, Angstrom), taken from
 * mathjs (CODATA 2018) rather than re-typed.
 */
import { create, all } from "mathjs";

const math = create(all, {});

/**
 * Boltzmann constant in eV/K, as k_B [J/K] / e [C]: mathjs's own "eV" unit carries an older
 * electron-volt value (4e-8 relative off), while both SI constants are exact in CODATA 2018.
 */
export const boltzmann: number = math.evaluate("boltzmann").toNumber("J/K") / math.evaluate("elementaryCharge").toNumber("C");
/** Elementary charge in C. */
export const elementaryCharge: number = math.evaluate("elementaryCharge").toNumber("C");
/** Vacuum permittivity in F/m. */
export const vacuumPermittivity: number = math.evaluate("electricConstant").toNumber("F/m");
/** Electron rest mass in kg. */
export const electronMass: number = math.evaluate("electronMass").toNumber("kg");
/** Reduced Planck constant in J s. */
export const reducedPlanck: number = math.evaluate("reducedPlanckConstant").toNumber("J s");
/** Boltzmann constant in J/K. */
export const boltzmannSI: number = math.evaluate("boltzmann").toNumber("J/K");
/** Room temperature used throughout the paper, K. */
export const roomTemperature = 300;

/** Thermal energy kT in eV. */
export function thermalEnergy(temperature: number): number {
  return boltzmann * temperature;
}

/** Convert a value between units with mathjs, e.g. convertUnit(1, "angstrom^3", "cm^3"). */
export function convertUnit(value: number, from: string, to: string): number {
  return math.unit(value, from).toNumber(to);
}

/** Cubic Angstrom in cm^3 (for per-cell counts -> cm^-3). */
export const cubicAngstrom: number = convertUnit(1, "angstrom^3", "cm^3");
