/**
 * The numeric fields of a material record: unit, physical range (core/ranges.ts) and meaning.
 * One table for the unit conversion at read time (io/units.ts), the published JSON Schema
 * (io/recordSchema.ts) and the templates of `potmap new` (io/template.ts), so that a field's
 * unit is stated once. Paths are record paths with array indices written `[]` and the element
 * keys of fermiLevel.potentials written `*`.
 */
import { PhysicalQuantity } from "../core/ranges";

export interface RecordField {
  /** The unit the model uses (and a bare number is read in); "" for a pure number. */
  unit: string;
  /** The physical range the reader enforces, if any. */
  range?: PhysicalQuantity;
  /** What the value is, for the schema's descriptions and the template's placeholders. */
  description: string;
}

const eV = "eV";
const volt = "V";

export const recordFields: Readonly<Record<string, RecordField>> = {
  workFunction: { unit: eV, range: "workFunction", description: "work function of the anode (vacuum level minus E_F)" },
  bandGap: { unit: eV, range: "bandGap", description: "band gap (CBM minus VBM)" },
  ionizationPotential: { unit: eV, range: "ionizationPotential", description: "ionization potential: the VBM below the vacuum level (Fig. 2)" },
  scissor: { unit: eV, range: "scissor", description: "scissor shift added to the band gap (the CBM and the defect levels tied to it move up)" },
  dielectricConstant: { unit: "", range: "dielectricConstant", description: "static relative dielectric constant eps_r (space-charge layers only)" },
  "window.lower": { unit: volt, range: "window", description: "lower end of the stability window, V vs Li/Li+" },
  "window.upper": { unit: volt, range: "window", description: "upper end of the stability window, V vs Li/Li+" },
  "fermiLevel.value": { unit: eV, description: "fixed Fermi level above the VBM (rule fixed)" },
  "fermiLevel.temperature": { unit: "K", range: "temperature", description: "operating temperature of the defect chemistry" },
  "fermiLevel.validTemperature.lower": { unit: "K", range: "temperature", description: "lowest temperature at which the record's E_F may be trusted" },
  "fermiLevel.validTemperature.upper": { unit: "K", range: "temperature", description: "highest temperature at which the record's E_F may be trusted" },
  "fermiLevel.carriers.electronMass": { unit: "m_e", range: "effectiveMass", description: "electron effective mass (parabolic bands)" },
  "fermiLevel.carriers.holeMass": { unit: "m_e", range: "effectiveMass", description: "hole effective mass (parabolic bands)" },
  "fermiLevel.defects[].sites": { unit: "cm^-3", range: "siteDensity", description: "density of sites the defect may occupy" },
  "fermiLevel.defects[].chargeStates[].energy": { unit: eV, range: "defectEnergy", description: "formation energy of the charge state at E_F = VBM and mu_Li = 0 (Li metal)" },
  "fermiLevel.defects[].frozenConcentration": { unit: "cm^-3", range: "concentration", description: "total concentration held fixed (quenched defect)" },
  "fermiLevel.dopants[].concentration": { unit: "cm^-3", range: "concentration", description: "concentration of a fixed-charge dopant" },
  "fermiLevel.synthesis.temperature": { unit: "K", range: "temperature", description: "synthesis temperature at which the frozen defects equilibrate" },
  "fermiLevel.synthesis.muLi": { unit: eV, description: "Li chemical potential during synthesis, relative to Li metal" },
  "fermiLevel.potentials.*.intercept": { unit: eV, description: "chemical potential of the element at mu_Li = 0" },
  "fermiLevel.potentials.*.slope": { unit: "", description: "change of the element's chemical potential per unit change of mu_Li" },
  "states[].bandGap": { unit: eV, description: "band gap of the cathode state (0 for a metallic state)" },
  "states[].ionizationPotential": { unit: eV, range: "ionizationPotential", description: "ionization potential of the cathode state: the VBM below the vacuum level" },
  "states[].fermiLevel": { unit: eV, range: "cathodeFermiLevel", description: "Fermi level of the cathode state above its VBM, within its gap" },
  "states[].ocv": { unit: volt, range: "ocv", description: "open-circuit voltage of the state vs Li/Li+ (eq. 3)" },
  "states[].ocvComputed": { unit: volt, range: "ocv", description: "eq. 3 voltage from phase entries, before any calibration" },
  "states[].scissor": { unit: eV, range: "scissor", description: "scissor shift added to the band gap of the state" },
};

/** "fermiLevel.defects[3].sites" -> "fermiLevel.defects[].sites"; potentials' element keys -> "*". */
export function fieldPattern(path: string): string {
  return path.replace(/\[\d+\]/g, "[]").replace(/^fermiLevel\.potentials\.[^.]+\./, "fermiLevel.potentials.*.");
}

/** The table entry of a record path, if the field is a numeric quantity. */
export function recordField(path: string): RecordField | undefined {
  return recordFields[fieldPattern(path)];
}
