/**
 * Physical constants in the units potmap uses (eV, K, cm, Angstrom), taken from
 * mathjs (CODATA 2018) rather than re-typed. The values are generated from mathjs at build
 * time (physicalConstants.ts, by scripts/constants.mjs): loading all of mathjs costs about
 * 0.6 s and 50 MB, too much for six numbers on every start of the library or the CLI.
 */
import type { MathJsInstance } from "mathjs";
import { boltzmann } from "./physicalConstants";

export {
  boltzmann, elementaryCharge, vacuumPermittivity, electronMass, reducedPlanck, boltzmannSI, cubicAngstrom,
  angstromPerMetre, perCubicMetrePerPerCubicCentimetre, perSquareNanometrePerPerSquareMetre,
  microfaradPerSquareCentimetrePerFaradPerSquareMetre,
} from "./physicalConstants";

/** Room temperature used throughout the paper, K. */
export const roomTemperature = 300;

/** Thermal energy kT in eV. */
export function thermalEnergy(temperature: number): number {
  return boltzmann * temperature;
}

let math: MathJsInstance | undefined;

/**
 * Convert a value between units with mathjs, e.g. convertUnit(1, "angstrom^3", "cm^3").
 * mathjs is loaded on the first call only (see the head of this file).
 */
export function convertUnit(value: number, from: string, to: string): number {
  if (!math) {
    const mathjs = require("mathjs") as typeof import("mathjs");
    math = mathjs.create(mathjs.all, {});
  }
  return math.unit(value, from).toNumber(to);
}
