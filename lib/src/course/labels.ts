/**
 * Display labels of the course rows' plain field names: the rows of course/whatIf.ts are keyed
 * by names a program can use (dphiCathode, fermiLevelAnodeSide), and the notebooks show them
 * with these labels (LaTeX in $...$, the unit in parentheses). A key may carry a qualifier in
 * brackets, "dphiCathode[LCO 0%]", shown after the symbol: "$\Delta\phi_c$ LCO 0% (V)".
 */

export interface ColumnLabel {
  /** The symbol or words, LaTeX in $...$. */
  label: string;
  /** The unit, shown in parentheses; absent for flags, names and pure numbers. */
  unit?: string;
}

export const columnLabels: Readonly<Record<string, ColumnLabel>> = {
  electrolyte: { label: "electrolyte" },
  cathode: { label: "cathode" },
  soc: { label: "SOC" },
  ocv: { label: "OCV", unit: "V" },
  dopant: { label: "dopant" },
  cathodeState: { label: "cathode state" },
  pair: { label: "pair" },
  rank: { label: "rank" },
  scissor: { label: "scissor", unit: "eV" },
  temperature: { label: "T", unit: "K" },
  voltage: { label: "V vs Li", unit: "V" },
  fermiLevelAnodeSide: { label: "$E_F$ anode side", unit: "eV" },
  fermiLevelCathodeSide: { label: "$E_F$ cathode side", unit: "eV" },
  fermiLevel: { label: "$E_F$ at 0 V", unit: "eV" },
  fermiLevelChange: { label: "$\\Delta E_F$", unit: "eV" },
  fermiLevelClosedForm: { label: "$kT\\,\\mathrm{asinh}(D/2c_0)$", unit: "eV" },
  vacancySiteFraction: { label: "[V_Li']/sites" },
  diluteVerdict: { label: "dilute limit (invalid above 10 %)" },
  fermiLevelEquilibrium: { label: "$E_F$ equilibrium", unit: "eV" },
  fermiLevelFrozen: { label: "$E_F$ frozen", unit: "eV" },
  slopeEquilibrium: { label: "$dE_F/dV$ equilibrium" },
  slopeFrozen: { label: "$dE_F/dV$ frozen" },
  dphiAnode: { label: "$\\Delta\\phi_a$", unit: "V" },
  dphiCathode: { label: "$\\Delta\\phi_c$", unit: "V" },
  dphiCathodeNominal: { label: "$\\Delta\\phi_c$ nominal", unit: "V" },
  dphiCathodePaper: { label: "paper $\\Delta\\phi_c$", unit: "V" },
  model: { label: "model" },
  material: { label: "material" },
  role: { label: "role" },
  ipOrWorkFunction: { label: "IP or ψ", unit: "eV" },
  ipStatus: { label: "IP status" },
  bandGap: { label: "gap", unit: "eV" },
  gapStatus: { label: "gap status" },
  ipSource: { label: "IP: where from" },
  gapSource: { label: "gap: where from" },
  interlayerState: { label: "state taken by" },
  dphi: { label: "Δφ", unit: "V" },
  largestWithInterlayer: { label: "largest |Δφ| with interlayer", unit: "V" },
  barrierReduced: { label: "barrier reduced" },
  fromVoltage: { label: "from V", unit: "V" },
  dominantPair: { label: "dominant + / −" },
  fermiLevelAboveVbm: { label: "$E_F$ − VBM", unit: "eV" },
  fermiLevelClass: { label: "$E_F$ class" },
  electronicToIonic: { label: "σ_e/σ_ion" },
  conduction: { label: "conduction" },
  slope: { label: "$dE_F/dV$" },
  dominantPositive: { label: "dominant +" },
  dominantPositiveConcentration: { label: "[+]", unit: "cm⁻³" },
  dominantPositiveFraction: { label: "[+]/sites" },
  dominantNegative: { label: "dominant −" },
  dominantNegativeConcentration: { label: "[−]", unit: "cm⁻³" },
  dominantNegativeFraction: { label: "[−]/sites" },
  dominantPositiveSpecies: { label: "dominant + [c (cm⁻³), c/sites]" },
  dominantNegativeSpecies: { label: "dominant − [c (cm⁻³), c/sites]" },
  dphiAnodeChange: { label: "$\\Delta\\phi_a$ change", unit: "V" },
  dphiCathodeChange: { label: "$\\Delta\\phi_c$ change", unit: "V" },
  cbmAboveAnodeFermi: { label: "CBM − $E_F$(Li)", unit: "eV" },
  reducedByAnode: { label: "CBM below Li E_F (band alignment)" },
  electronLeakageRisk: { label: "leakage risk (< 1 eV)" },
  pBarrierless: { label: "P barrier-less" },
  worstNominal: { label: "worst $|\\Delta\\phi_c|$ nominal", unit: "V" },
  worstMedian: { label: "median", unit: "V" },
  worstP5: { label: "5 %", unit: "V" },
  worstP95: { label: "95 %", unit: "V" },
  pBarrierlessPerSoc: { label: "P barrier-less per SOC" },
  pAllBarrierless: { label: "P all SOC" },
  meanRank: { label: "mean rank" },
};

/** The label of a key: "dphiCathode[LCO 0%]" -> "$\Delta\phi_c$ LCO 0% (V)"; an unknown key as it is. */
export function columnLabel(key: string): string {
  const match = /^([A-Za-z0-9]+)(?:\[(.*)\])?$/.exec(key);
  const entry = match ? columnLabels[match[1]] : undefined;
  if (!match || !entry) return key;
  const qualifier = match[2] ? ` ${match[2]}` : "";
  return `${entry.label}${qualifier}${entry.unit ? ` (${entry.unit})` : ""}`;
}

/** Rows with their keys replaced by the display labels (for showTable). */
export function withLabels<T extends Record<string, unknown>>(rows: readonly T[]): Record<string, unknown>[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [columnLabel(k), v])));
}
