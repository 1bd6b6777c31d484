/**
 * Electronic versus ionic conduction of an electrolyte (the model's premise: the electrolyte
 * conducts Li+ and blocks electrons). A Fermi level a few kT inside the gap says only that the
 * carriers are non-degenerate; whether the solid blocks electrons depends on how many carriers
 * there are and how fast they move, against how well it conducts ions.
 *
 *   sigma_e = e (n mu_n + p mu_p)                       (Drude, non-degenerate carriers)
 *   t_e     = sigma_e / (sigma_e + sigma_ion)           (electronic transference number)
 *
 * Class (the criterion of Hebb-Wagner polarisation, where an electrolyte counts as electron
 * blocking while its electronic transference number is small):
 *   - "degenerate": E_F at or beyond a band edge: the solid is a (degenerate) electronic
 *     conductor whatever the mobilities;
 *   - "insulating": sigma_e / sigma_ion below `electronicRatioLimit` (1e-2, t_e < 1%);
 *   - "mixed conductor": sigma_e / sigma_ion at or above it: electrons carry a share of the
 *     current the model (a potential map of an electron-blocking electrolyte) ignores.
 * A measured electronic conductivity, when the record gives one, is reported beside the
 * estimate; the class uses the estimate, because it follows E_F with the voltage.
 */
import { elementaryCharge } from "../core/constants";

export type ConductionClass = "insulating" | "mixed conductor" | "degenerate" | "unknown";

/** sigma_e / sigma_ion at or above which an electrolyte is a mixed conductor (t_e >= ~1%). */
export const electronicRatioLimit = 1e-2;

/** What a record declares about transport (cell/materials.ts Electrolyte.transport). */
export interface Transport {
  /** Li+ conductivity at room temperature, S/cm. */
  ionicConductivity: number;
  /** cm^2/(V s) */
  electronMobility: number;
  /** cm^2/(V s) */
  holeMobility: number;
  /** A measured electronic conductivity, S/cm (reported only). */
  measuredElectronicConductivity?: number;
}

export interface Conduction {
  /** Estimated electronic conductivity e(n mu_n + p mu_p), S/cm. */
  electronicConductivity: number;
  ionicConductivity: number;
  /** sigma_e / sigma_ion */
  ratio: number;
  conductionClass: ConductionClass;
  /** The criterion in words, for tables and messages. */
  criterion: string;
}

/** The class criterion in words (printed beside every class): the ratio limit and what each class means. */
export const conductionCriterion = `insulating while sigma_e/sigma_ion < ${electronicRatioLimit} (electronic transference number under 1%, Hebb-Wagner), mixed conductor above, degenerate when E_F is at or beyond a band edge`;

/** e(n mu_n + p mu_p), S/cm, for n, p in cm^-3 and mobilities in cm^2/(V s). */
export function electronicConductivity(electrons: number, holes: number, electronMobility: number, holeMobility: number): number {
  return elementaryCharge * (electrons * electronMobility + holes * holeMobility);
}

/**
 * The class of an electrolyte at one point: carriers n, p (cm^-3), E_F (eV above the VBM) in
 * a gap of `bandGap` eV. Without transport data the class is "unknown" unless E_F is degenerate.
 */
export function classifyConduction(electrons: number, holes: number, fermiLevel: number, bandGap: number, transport: Transport | undefined): Conduction {
  const degenerate = !(fermiLevel > 0 && fermiLevel < bandGap);
  if (!transport) {
    return { electronicConductivity: NaN, ionicConductivity: NaN, ratio: NaN, conductionClass: degenerate ? "degenerate" : "unknown", criterion: conductionCriterion };
  }
  const sigma = electronicConductivity(electrons, holes, transport.electronMobility, transport.holeMobility);
  const ratio = sigma / transport.ionicConductivity;
  const conductionClass: ConductionClass = degenerate ? "degenerate" : ratio < electronicRatioLimit ? "insulating" : "mixed conductor";
  return { electronicConductivity: sigma, ionicConductivity: transport.ionicConductivity, ratio, conductionClass, criterion: conductionCriterion };
}
