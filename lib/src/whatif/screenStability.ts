/**
 * Stability of a screened pair, for ranking and filtering (issue 21): the widths of its grey
 * regions and its flags in words.
 *  - Grey regions (model.md section 3): the voltages the electrolyte's window leaves out of the
 *    cell, where it decomposes: from 0 V to its lower edge on the anode side (reduced by the
 *    anode), from its upper edge to the cathode's OCV on the cathode side (oxidised by the
 *    cathode; the widest over the cathode's states).
 *  - Band flags (cell/potentialMap.ts): CBM below the anode's Fermi level, VBM above the
 *    cathode's (electrons cross without a barrier).
 * A pair is stable when it has no band flag and neither grey region is wider than `maxGrey`
 * (0 by default: any decomposition counts; a larger value accepts a passivating interphase).
 */
import { Electrolyte } from "../cell/materials";
import { PairRank } from "./screen";

export interface PairStability {
  /** Anode-side grey region, V (0 when the window reaches 0 V). */
  greyAnode: number;
  /** Widest cathode-side grey region over the states, V. */
  greyCathode: number;
  flags: string[];
  stable: boolean;
}

/** A screened pair's stability: grey-region widths (V) at both contacts, reduced/oxidised flags, and whether it counts as stable for `screen --stable-only` (grey width at most maxGrey V). */
export function pairStability(pair: PairRank, electrolyte: Electrolyte | undefined, maxGrey = 0): PairStability {
  const flags: string[] = [];
  const greyAnode = electrolyte ? Math.max(electrolyte.window.lower, 0) : NaN;
  const upper = electrolyte?.window.upper ?? NaN;
  const over = pair.states.filter((s) => s.ocv > upper);
  const greyCathode = electrolyte ? Math.max(0, ...pair.states.map((s) => s.ocv - upper)) : NaN;
  if (greyAnode > 0) flags.push(`reduced below ${greyAnode.toFixed(2)} V`);
  if (over.length) flags.push(`oxidised above ${upper.toFixed(2)} V (${over.map((s) => s.soc).join(", ")})`);
  if (pair.reducedByAnode) flags.push("CBM below the anode's E_F");
  if (pair.oxidizedByCathode) flags.push("VBM above the cathode's E_F");
  const stable = !pair.reducedByAnode && !pair.oxidizedByCathode && greyAnode <= maxGrey && greyCathode <= maxGrey;
  return { greyAnode, greyCathode, flags, stable };
}
