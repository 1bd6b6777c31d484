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
  /**
   * Electron affinity, vacuum level minus CBM (IP - gap - scissor). A few wide-gap solids have a
   * negative one, down to about -1.3 eV (hydrogen-terminated diamond: Maier, Ristein and Ley,
   * PRB 64, 165411 (2001)); a CBM further above the vacuum is an IP or gap slip (issue 20: IP
   * 3.2 eV with an 8 eV gap puts it 4.8 eV above). Between -1.5 and 0 `check` warns.
   */
  electronAffinity: { min: -1.5, max: 6, unit: "eV", what: "an electron affinity (vacuum level minus CBM)" },
  /** A defect's or dopant's charge, e: a few units (Ta_Zr +1, V_O +2); a million is a slip. */
  defectCharge: { min: -10, max: 10, unit: "e", what: "a defect or dopant charge" },
  /** The potential step across a space-charge layer, V: a few volts at most (the cell's OCV). */
  spaceChargePotential: { min: -10, max: 10, unit: "V", what: "a potential step across a space-charge layer" },
  /** The site ratio alpha of the space-charge model (model.md section 5): a saturation fraction. */
  siteRatio: { min: 0, max: 1, exclusiveMin: true, unit: "", what: "a ratio of site densities (a saturation fraction)" },
  /** A finite-difference step of an energy or voltage (sensitivity): 0.1 meV to 1 eV. */
  energyStep: { min: 1e-4, max: 1, unit: "eV or V", what: "a finite-difference step of an energy or voltage" },
  /** A finite-difference step of a temperature: 0.1 to 1000 K. */
  temperatureStep: { min: 0.1, max: 1000, unit: "K", what: "a finite-difference step of a temperature" },
  /** A multiplicative step of a concentration or site density: above 1, at most 1000. */
  concentrationFactor: { min: 1, max: 1000, exclusiveMin: true, unit: "", what: "a multiplicative step of a concentration" },
  /** The cell volume after scaling, A^3: one atom to a large supercell. */
  cellVolume: { min: 1, max: 1e7, unit: "A^3", what: "a cell volume" },
  // ---- records and SC-FERMI files (issue 20: the same ranges in check, the reader, import and fermi)
  /** A material's operating temperature: below 100 K no battery runs (25 would be a Celsius slip). */
  materialTemperature: { min: 100, max: 3000, unit: "K", what: "an operating temperature" },
  /** The synthesis (equilibration) temperature of fermiLevel.synthesis: no solid is made above 3000 K. */
  synthesisTemperature: { min: 100, max: 3000, unit: "K", what: "a synthesis temperature" },
  /**
   * The Li chemical potential vs Li metal: above 0 Li metal precipitates; below -6 eV is beyond
   * every stability window (0-6 V, V = -mu_Li/e).
   */
  muLi: { min: -6, max: 0, unit: "eV", what: "a Li chemical potential vs Li metal (V = -mu_Li/e, 0 to 6 V)" },
  /** A defect's charge state: a few electrons at most (v_Zr -4, W_Zr +2; ions beyond +-8 do not exist in solids). */
  chargeState: { min: -8, max: 8, unit: "e", what: "a defect charge state" },
  /** Valence electrons per cm^3 of a DOS cell: diamond has 7e23; 1e25 allows semicore states. */
  electronDensity: { min: 0, max: 1e25, exclusiveMin: true, unit: "cm^-3", what: "an electron density of a solid (diamond's valence electrons: 7e23 cm^-3)" },
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

/**
 * The likely slip behind a value outside its range, for the message: a temperature in degrees
 * Celsius, a voltage written as a Li chemical potential (negative), a mu_Li written as a voltage.
 */
export function slipHint(value: number, name: PhysicalQuantity): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const r: PhysicalRange = physicalRanges[name];
  if (r.unit === "K" && value < r.min && inPhysicalRange(value + 273.15, name)) {
    return `a temperature in degrees Celsius? ${value} °C is ${Number((value + 273.15).toFixed(2))} K`;
  }
  if (r.unit === "V" && value < 0 && inPhysicalRange(-value, name)) {
    return `a voltage vs Li/Li+ is positive: ${value} looks like a Li chemical potential mu_Li in eV (V = -mu_Li/e); write ${-value}`;
  }
  if (name === "muLi" && value > 0) {
    return `mu_Li above 0 eV (Li metal) cannot be; ${value} looks like a voltage (mu_Li = -eV): write ${-value}`;
  }
  return undefined;
}

/**
 * A voltage computed from phase entries (eq. 3: a window edge, an average voltage) outside the
 * voltage range, as a warning naming the likely slip (issue 20): energies per formula unit in a
 * per-atom column multiply every voltage by the atoms per formula unit (25.98 V), and energies of
 * mixed references or a wrong open element give negative ones.
 */
export function voltageRangeWarning(value: number, what: string): { code: "outside-voltage-range"; message: string } | undefined {
  if (!Number.isFinite(value) || inPhysicalRange(value, "voltage")) return undefined;
  return { code: "outside-voltage-range", message: `${what} = ${Number(value.toFixed(3))} V lies outside ${rangeText("voltage")}, ${physicalRanges.voltage.what}: ${voltageSlipHint(value)}` };
}

/** The likely slip behind a voltage above or below 0-6 V (phase entries in the wrong unit or mixed references). */
export function voltageSlipHint(value: number): string {
  return value > physicalRanges.voltage.max
    ? "are the energies per formula unit where eV/atom is expected (a CSV's formation_energy_per_atom)? That multiplies every voltage by the atoms per formula unit"
    : "a negative voltage vs Li: are the energies from mixed references (corrections applied to some entries only), or per formula unit where eV/atom is expected?";
}
