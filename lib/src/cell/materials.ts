/**
 * Material records as the physics uses them: plain numbers in the units of the
 * unit table (eV, V, K, cm^-3, Angstrom^3, electron masses). The JSON files in data/
 * carry provenance as well; readMaterials.ts strips it into these types.
 */
import { DefectSystem } from "../defects/defects";
import { Transport } from "../defects/conduction";

export type FermiRule =
  /** E_F fixed relative to the VBM (metals, the p-type cathodes). */
  | { rule: "fixed"; value: number }
  /** E_F from charge neutrality of a defect system at each mu_Li. */
  | { rule: "defects"; system: DefectSystem };

export interface Anode {
  role: "anode";
  id: string;
  name: string;
  /** Work function psi_a, eV (equals the IP of a metal). */
  workFunction: number;
  colour?: string;
}

/**
 * A literature value the record's defect energies must reproduce (verified by `potmap check`).
 * frenkelEnergy: E0(interstitial, +1) + E0(vacancy, -1), eV, the energy of a V_Li(-)/Li_i(+)
 * pair; mu_Li and E_F cancel in the sum, so it holds at any voltage.
 */
export interface FrenkelEnergyConstraint {
  kind: "frenkelEnergy";
  /** Name of the vacancy defect (charge state -1 used). */
  vacancy: string;
  /** Name of the interstitial defect (charge state +1 used). */
  interstitial: string;
  /** eV */
  value: number;
  /** eV; |computed - value| <= tolerance passes. */
  tolerance: number;
  source: string;
}

export type LiteratureConstraint = FrenkelEnergyConstraint;

export interface Electrolyte {
  role: "electrolyte";
  id: string;
  name: string;
  formula?: string;
  /** Band gap, eV (as computed; scissor applied separately). */
  bandGap: number;
  /** Method of the band gap when the record names it ("PBE", "HSE06", "GW0", "experiment"). */
  bandGapFunctional?: string;
  /** VBM below the local vacuum, eV. */
  ionizationPotential: number;
  /** Electrochemical window vs Li/Li+, V. */
  window: { lower: number; upper: number };
  fermiLevel: FermiRule;
  /** The record file it was read from, for messages of errors found later (no root, ...). */
  file?: string;
  /** Scissor shift added to the CBM, eV (default 0). */
  scissor?: number;
  dielectricConstant?: number;
  /** Literature values the defect energies must reproduce (checked, never used in the physics). */
  constraints?: LiteratureConstraint[];
  /** The record declares E_F at or beyond a band edge (fermiLevel.declaredDegenerate): no guard warning for it. */
  declaredDegenerate?: boolean;
  /** Temperature range the record's data are stated for (fermiLevel.validTemperature), K. */
  validTemperature?: { lower: number; upper: number };
  /** Ionic conductivity and carrier mobilities (record `transport`): the conduction class. */
  transport?: Transport;
  /** The record's explanation of a class other than insulating (transport.note). */
  conductionNote?: string;
  /** Li atoms per cm^3 from the record's structure (formula Li count x Z / cell volume). */
  lithiumDensity?: number;
  colour?: string;
}

/** A record's named states ("0%", "100%", "+"), or a point between them on the cathode's curve ("80%", cell/cathodeCurve.ts cathodeAt). */
export type StateOfCharge = "0%" | "100%" | "+" | `${number}%`;

export interface CathodeState {
  role: "cathode";
  /** Cathode id, e.g. "LCO". */
  id: string;
  name: string;
  soc: StateOfCharge;
  bandGap: number;
  ionizationPotential: number;
  /** E_F above the VBM, eV (about 0 for the p-type cathodes). */
  fermiLevel: number;
  /** Open-circuit voltage vs Li/Li+, V (eq. 3). */
  ocv: number;
  /** eq. 3 from phase entries before any calibration, V (when the record gives it). */
  ocvComputed?: number;
  /** Li per host unit of the cathode's profile (0 for "+"), when the record gives it. */
  lithium?: number;
  /** Local OCV: the voltage of the hull step on the delithiated side of the state, V (the record's localVoltage). */
  localVoltage?: number;
  scissor?: number;
  colour?: string;
}

export interface Cathode {
  role: "cathode";
  id: string;
  name: string;
  colour?: string;
  states: CathodeState[];
  /** The hull voltage profile of the host (thermo/voltageProfile.ts), when the record gives it. */
  profile?: CathodeProfile;
}

/** Steps of a cathode's hull voltage profile, in the order Li is removed. */
export interface CathodeProfile {
  /** The host unit of the Li content x. */
  host: string;
  steps: { from: number; to: number; voltage: number; lithiated: string; delithiated: string }[];
}

export type Material = Anode | Electrolyte | Cathode;

export interface DataSet {
  anodes: Anode[];
  electrolytes: Electrolyte[];
  cathodes: Cathode[];
}
