/**
 * Physical ranges of the quantities the records, files and flags give. One table, used by the
 * record reader (io/readMaterials.ts: a value outside is an error), by `potmap check`
 * (check/records.ts: a finding) and by the option table of the CLI (cli/commands.ts), so that
 * "plausible" means the same everywhere. The ranges are wide on purpose: they catch unit and
 * sign slips (meV for eV, an OCV of 400 V, 1e300 sites), not unusual materials.
 */
import { NumberRange } from "./validation";

export interface PhysicalRange extends NumberRange {
  min: number;
  max: number;
  /** What the quantity is, for messages: "an ionization potential (VBM below vacuum)". */
  what: string;
}

/** The plausible range of each physical quantity, with its unit (eV, V vs Li/Li+, K, cm^-3, m_e, A^3) and a description. */
export const physicalRanges = {
  ionizationPotential: { min: 3, max: 9, unit: "eV", what: "an ionization potential (VBM below vacuum)" },
  workFunction: { min: 2, max: 7, unit: "eV", what: "a work function" },
  bandGap: { min: 0.1, max: 12, unit: "eV", what: "a band gap" },
  ocv: { min: 0, max: 6, unit: "V", what: "an open-circuit voltage vs Li/Li+" },
  window: { min: 0, max: 6, unit: "V", what: "a stability window vs Li/Li+" },
  /** Voltages vs Li a command is asked about (quench, E_F(V) tables): the range of the windows. */
  voltage: { min: 0, max: 6, unit: "V", what: "a voltage vs Li/Li+" },
  temperature: { min: 1, max: 3000, unit: "K", what: "a temperature" },
  /**
   * Sites and concentrations: no solid holds more atoms than diamond, the densest, at 1.76e23
   * cm^-3 (Li metal 4.6e22, LLZO about 9.6e22).
   */
  siteDensity: { min: 0, max: 2e23, exclusiveMin: true, unit: "cm^-3", what: "a site density (no solid has more than ~1.8e23 atoms per cm^3)" },
  concentration: { min: 0, max: 2e23, unit: "cm^-3", what: "a concentration (no solid has more than ~1.8e23 atoms per cm^3)" },
  /** Formation energies of defects at the VBM and mu_Li = 0 (tens of eV would be a unit slip). */
  defectEnergy: { min: -50, max: 50, unit: "eV", what: "a defect formation energy" },
  /** Formation or total energies per atom of phase entries. */
  energyPerAtom: { min: -100, max: 100, unit: "eV/atom", what: "an energy per atom" },
  /** Degeneracy of a defect charge state: spin and orientations, a few to a few hundred. */
  degeneracy: { min: 0, max: 1000, exclusiveMin: true, unit: "", what: "a degeneracy (spin and orientations)" },
  effectiveMass: { min: 1e-3, max: 1e3, unit: "m_e", what: "an effective mass" },
  dielectricConstant: { min: 1, max: 1e5, what: "a relative dielectric constant" },
  /** A scissor shift: the corrected gap (gap + scissor) must itself be a band gap. */
  scissor: { min: -10, max: 10, unit: "eV", what: "a scissor shift of the gap" },
  /** A cathode's Fermi level, from its VBM: in [0, gap] (checked against the gap separately). */
  cathodeFermiLevel: { min: 0, max: 12, unit: "eV", what: "a cathode's E_F above its VBM" },
  /** The unit-cell scale factor of unitcell.dat (lattice vectors in Angstrom times this). */
  cellScale: { min: 1e-3, max: 1e3, unit: "", what: "a unit-cell scale factor" },
  /** The cell volume after scaling, A^3: one atom to a large supercell. */
  cellVolume: { min: 1, max: 1e7, unit: "A^3", what: "a cell volume" },
} as const satisfies Record<string, PhysicalRange>;

export type PhysicalQuantity = keyof typeof physicalRanges;

/** "3 to 9 eV" */
export function rangeText(name: PhysicalQuantity): string {
  const r: PhysicalRange = physicalRanges[name];
  const unit = r.unit ? ` ${r.unit}` : "";
  return r.exclusiveMin ? `above ${r.min} and at most ${r.max}${unit}` : `${r.min} to ${r.max}${unit}`;
}

/** Whether a value lies in the range (inclusive unless the range says otherwise). */
export function inPhysicalRange(value: number, name: PhysicalQuantity): boolean {
  const r: PhysicalRange = physicalRanges[name];
  if (!Number.isFinite(value)) return false;
  const low = r.exclusiveMin ? value > r.min : value >= r.min;
  const high = r.exclusiveMax ? value < r.max : value <= r.max;
  return low && high;
}
