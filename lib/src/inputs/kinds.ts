/**
 * The kinds of physical input: unit, physical range (core/ranges.ts), how a what-if moves it
 * (additively, or by a factor for densities), and a default one-sigma uncertainty used where a
 * record declares none. The default sigmas are statements of "how uncertain such a number
 * typically is" for `sensitivity --per-sigma` and `uncertainty`, not physics values: the model
 * never reads them, and every output that uses one says so.
 */
import { PhysicalQuantity } from "../core/ranges";

/** The kinds of input a default uncertainty can be given for on the command line (`--sigma KIND=S`). */
export type UncertaintyKind = "ionizationPotential" | "defectEnergy" | "window" | "ocv" | "workFunction" | "bandGap" | "fermiLevel" | "temperature";

/** The kinds `uncertainty --sigma KIND=SIGMA` takes, in the order they are listed. */
export const uncertaintyKinds: UncertaintyKind[] = ["ionizationPotential", "defectEnergy", "window", "ocv", "workFunction", "bandGap", "fermiLevel", "temperature"];

/** Every kind of input of the table: the uncertainty kinds and the ones only what-ifs move. */
export type InputKind = UncertaintyKind | "scissor" | "siteDensity" | "concentration" | "potential";

export type UncertaintyMap = Partial<Record<UncertaintyKind, number>>;

export interface KindInfo {
  unit: string;
  /** additive: moved by +-step; multiplicative: by x/ a factor (densities span decades). */
  scale: "additive" | "multiplicative";
  /** Physical range of the value (core/ranges.ts). */
  range: PhysicalQuantity;
  /**
   * One sigma when the record declares none: in the unit for an additive kind, the natural
   * log of the factor for a multiplicative one. Stated, not physics (see the module comment).
   */
  defaultSigma: number;
}

/**
 * Default sigmas: 0.1 eV for DFT energies referenced to a band edge or the vacuum (IPs, defect
 * energies, E_F, the potentials of other species), the spread of semi-local against hybrid
 * levels; 0.3 eV for a gap or a scissor (semi-local gaps are 30-50% low); 0.05 V for an eq. 3
 * OCV and 0.05 eV for a measured work function; 0.1 V for a window edge; 10 K; a factor e^0.7
 * (about 2) for densities.
 */
export const inputKinds: Record<InputKind, KindInfo> = {
  ionizationPotential: { unit: "eV", scale: "additive", range: "ionizationPotential", defaultSigma: 0.1 },
  defectEnergy: { unit: "eV", scale: "additive", range: "defectEnergy", defaultSigma: 0.1 },
  window: { unit: "V", scale: "additive", range: "window", defaultSigma: 0.1 },
  ocv: { unit: "V", scale: "additive", range: "ocv", defaultSigma: 0.05 },
  workFunction: { unit: "eV", scale: "additive", range: "workFunction", defaultSigma: 0.05 },
  bandGap: { unit: "eV", scale: "additive", range: "bandGap", defaultSigma: 0.3 },
  fermiLevel: { unit: "eV", scale: "additive", range: "cathodeFermiLevel", defaultSigma: 0.1 },
  temperature: { unit: "K", scale: "additive", range: "temperature", defaultSigma: 10 },
  scissor: { unit: "eV", scale: "additive", range: "scissor", defaultSigma: 0.3 },
  siteDensity: { unit: "cm^-3", scale: "multiplicative", range: "siteDensity", defaultSigma: 0.7 },
  concentration: { unit: "cm^-3", scale: "multiplicative", range: "concentration", defaultSigma: 0.7 },
  potential: { unit: "eV", scale: "additive", range: "defectEnergy", defaultSigma: 0.1 },
};

/**
 * Kind of the quantity at a raw record path (object keys only, array indices left out), or
 * undefined for a number that is no physical input of the table (a charge, a mass, a note).
 */
export function recordKind(keys: readonly string[]): UncertaintyKind | undefined {
  let k = keys;
  if (k.length >= 2 && k[k.length - 1] === "value") k = k.slice(0, -1);
  const last = k[k.length - 1];
  const previous = k[k.length - 2];
  if (last === "ionizationPotential") return "ionizationPotential";
  if (last === "energy" && k.includes("chargeStates")) return "defectEnergy";
  if ((last === "lower" || last === "upper") && previous === "window") return "window";
  if (last === "ocv") return "ocv";
  if (last === "workFunction") return "workFunction";
  if (last === "bandGap") return "bandGap";
  if (last === "temperature" && previous === "fermiLevel") return "temperature";
  if (last === "fermiLevel") return "fermiLevel";
  return undefined;
}
