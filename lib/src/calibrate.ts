/**
 * Transparent calibration of inputs the paper does not publish (model.md section 4).
 * Both quantities enter the potential linearly (eq. 5: e*phi = E_F - IP + psi_a - mu),
 * so each calibration is a closed-form shift, not a search:
 *  - an electrolyte's IP from its published dphi_a (eq. 6): dphi_a moves by -1 per +1 eV of IP;
 *  - a cathode state's IP from the published dphi_c of several electrolytes (eq. 7),
 *    in the least-squares sense: dphi_c moves by -1 per +1 eV of the cathode's IP, so the
 *    best IP shifts by the mean residual.
 * Everything else computed with these values is a prediction.
 */
import { PotmapError } from "./errors";
import { Anode, CathodeState, Electrolyte } from "./materials";
import { potentialMap } from "./potentialMap";

/** The electrolyte IP (eV) that reproduces a target dphi_a with this anode. */
export function calibrateElectrolyteIP(anode: Anode, electrolyte: Electrolyte, cathode: CathodeState, dphiAnode: number): number {
  const map = potentialMap(anode, electrolyte, cathode, { withoutProfile: true });
  return electrolyte.ionizationPotential + (map.dphiAnode - dphiAnode);
}

export interface CathodeFit {
  ionizationPotential: number;
  /** Published minus fitted dphi_c per electrolyte id, V. */
  residuals: Record<string, number>;
  rms: number;
}

/** The cathode-state IP (eV) minimising the squared error to published dphi_c values. */
export function calibrateCathodeIP(
  anode: Anode,
  electrolytes: Electrolyte[],
  state: CathodeState,
  published: Record<string, number>,
): CathodeFit {
  const used = electrolytes.filter((e) => published[e.id] !== undefined);
  if (used.length === 0) {
    throw new PotmapError(`no published dphi_c to calibrate ${state.id} ${state.soc} against`, { field: "published", value: Object.keys(published) });
  }
  const computed = used.map((e) => potentialMap(anode, e, state, { withoutProfile: true }).dphiCathode);
  const shift = used.reduce((sum, e, i) => sum + (computed[i] - published[e.id]), 0) / used.length;
  const ionizationPotential = state.ionizationPotential + shift;
  const residuals: Record<string, number> = {};
  used.forEach((e, i) => (residuals[e.id] = published[e.id] - (computed[i] - shift)));
  const values = Object.values(residuals);
  return { ionizationPotential, residuals, rms: Math.sqrt(values.reduce((s, r) => s + r * r, 0) / values.length) };
}
