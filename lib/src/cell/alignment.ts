/**
 * Band alignment to the vacuum level (paper Fig. 2): each material's VBM sits its
 * ionization potential below the local vacuum; the CBM a (scissor-shifted) gap above.
 * A scissor shift corrects the semi-local gap; by default it moves the CBM only, since
 * in Li conductors the IP is accurate and the gap error sits in the conduction band
 * (paper section 2). `valenceFraction` moves part of it into the VBM instead.
 */
import { requireNumber } from "../core/arguments";

export interface BandEdges {
  /** VBM relative to the vacuum level, eV (negative). */
  vbm: number;
  /** CBM relative to the vacuum level, eV. */
  cbm: number;
  /** Fermi level relative to the vacuum level, eV. */
  fermiLevel: number;
}

export interface ScissorOptions {
  scissor?: number;
  /** Fraction of the scissor applied by lowering the VBM (0..1, default 0). */
  valenceFraction?: number;
}

/**
 * VBM, CBM and E_F relative to the vacuum level, eV (Fig. 2), from the ionization potential,
 * the band gap and E_F above the VBM (all eV); a scissor (eV) moves the CBM up.
 */
export function bandEdgesVsVacuum(
  ionizationPotential: number,
  bandGap: number,
  fermiLevel: number,
  { scissor = 0, valenceFraction = 0 }: ScissorOptions = {},
): BandEdges {
  requireNumber(ionizationPotential, "ionizationPotential");
  requireNumber(bandGap, "bandGap");
  requireNumber(fermiLevel, "fermiLevel");
  requireNumber(scissor, "scissor");
  requireNumber(valenceFraction, "valenceFraction");
  const vbm = -ionizationPotential - scissor * valenceFraction;
  return { vbm, cbm: -ionizationPotential + bandGap + scissor * (1 - valenceFraction), fermiLevel: -ionizationPotential + fermiLevel };
}
