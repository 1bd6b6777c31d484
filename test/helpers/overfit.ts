/**
 * A deliberately unphysical LPS for guard tests: its Li_i(+1) energy at -4.46 eV, the value an
 * unbounded fit to Table 1 gave before the physical recalibration. It puts E_F above the CBM at
 * the lower window edge (degenerate electrons, a metal), which the guards must flag.
 */
import { Electrolyte } from "../../lib/src/cell/materials";

export const OVERFIT_LPS_INTERSTITIAL = -4.46;

export function overfitLps(lps: Electrolyte): Electrolyte {
  if (lps.fermiLevel.rule !== "defects") throw new Error("LPS needs a defect chemistry");
  const system = lps.fermiLevel.system;
  const defects = system.defects.map((d) =>
    d.lithium === 1 ? { ...d, chargeStates: d.chargeStates.map((s) => (s.charge === 1 ? { ...s, energy: OVERFIT_LPS_INTERSTITIAL } : s)) } : d,
  );
  return { ...lps, fermiLevel: { rule: "defects", system: { ...system, defects } } };
}
