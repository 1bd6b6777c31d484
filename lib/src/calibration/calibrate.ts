/**
 * Closed-form calibration of an electrolyte's ionization potential from a published
 * dphi_a (eq. 6). e*phi = E_F - IP + psi_a - mu (eq. 5) is linear in the IP with slope
 * -1, so the IP that reproduces a target jump follows without a search.
 * (The whole data set is calibrated by calibrateDataSet.ts.)
 */
import { fermiLevelFunction } from "../cell/fermiLevel";
import { Anode, Electrolyte } from "../cell/materials";
import { electrostaticPotential } from "../cell/potential";
import { requireNumber } from "../core/arguments";
import { checkAnode, checkElectrolyte } from "../cell/checkArguments";

/** The electrolyte IP (eV) for which Li/electrolyte has the jump `dphiAnode` (V). */
export function calibrateElectrolyteIP(anode: Anode, electrolyte: Electrolyte, dphiAnode: number): number {
  checkAnode(anode);
  checkElectrolyte(electrolyte);
  requireNumber(dphiAnode, "dphiAnode");
  const muAnodeSide = -Math.max(electrolyte.window.lower, 0);
  const fermiLevel = fermiLevelFunction(electrolyte.fermiLevel, undefined, electrolyte.scissor)(muAnodeSide);
  return electrostaticPotential(fermiLevel, 0, anode.workFunction, muAnodeSide) - dphiAnode;
}
