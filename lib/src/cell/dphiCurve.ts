/**
 * dphi_a, dphi_c, OCV and local OCV over a cathode's whole state-of-charge curve for one anode |
 * electrolyte pair (`potmap curve`, issue 21). Pure: every point is potentialMap (eqs. 5-7) at a
 * state placed by cathodeAt (cell/cathodeCurve.ts), so the named states are points of the curve
 * with exactly the dphi_c of their own maps.
 */
import { PotmapError } from "../core/errors";
import { cathodeAt, cathodeCurve, curveRule } from "./cathodeCurve";
import { Anode, Cathode, Electrolyte } from "./materials";
import { potentialMap } from "./potentialMap";

/** Most grid points a curve takes (each is a full map; 10,000 take about a second). */
export const maxCurvePoints = 10000;

/** One state on the curve: where it is and the map's jumps there. */
export interface DphiCurvePoint {
  /** State of charge, % (linear in Li content; cell/cathodeCurve.ts). */
  soc: number;
  /** Li per host unit. */
  lithium: number;
  /** The record's state label when the point is a named state ("0%", "100%", "+"), else undefined. */
  named?: string;
  /** OCV the map uses (eq. 3 average), V vs Li/Li+. */
  ocv: number;
  /** Local OCV (the hull step on the delithiated side), V vs Li/Li+. */
  localVoltage: number;
  /** Interface jumps (eqs. 6, 7), V. */
  dphiAnode: number;
  /** dphi_c (eq. 7), V. */
  dphiCathode: number;
  /** The electrolyte's E_F at its cathode edge, eV above its VBM. */
  fermiLevelCathodeSide: number;
  /** The map's guard warnings and the curve's own (interpolation beyond the named states, flat parts). */
  warnings: { code?: string; message: string }[];
}

/** The jumps of one cell over its cathode's curve (`potmap curve --json`). */
export interface DphiCurve {
  /** Record ids of the cell. */
  anode: string;
  /** Electrolyte record id. */
  electrolyte: string;
  /** Cathode record id. */
  cathode: string;
  /** The host unit x counts Li per. */
  host: string;
  /** How states between the named ones are built. */
  rule: string;
  /** Grid points (evenly spaced from 0% to 100%, or to the farthest named state beyond) and the named states, by rising SOC. */
  points: DphiCurvePoint[];
}

/**
 * dphi_c (and dphi_a, OCV, local OCV) at `points` states of charge evenly spaced from 0% to
 * 100% of `cathode`'s curve (to the farthest named state when one lies beyond, as LNMO's "+"),
 * plus each named state of the record at its own SOC. Refuses a
 * cathode without a voltage profile and a point count outside 2..maxCurvePoints.
 */
export function dphiAlongCurve(anode: Anode, electrolyte: Electrolyte, cathode: Cathode, points: number, options: { temperature?: number } = {}): DphiCurve {
  if (!Number.isInteger(points) || points < 2 || points > maxCurvePoints) {
    throw new PotmapError(`the number of points must be an integer from 2 to ${maxCurvePoints}`, { field: "points", value: points });
  }
  const curve = cathodeCurve(cathode);
  if (!curve) {
    throw new PotmapError(`${cathode.id} has no voltage profile with the Li content of each state, so it has no curve (run scripts/calibrate.mjs)`, { field: "cathode", value: cathode.id });
  }
  const at = (query: { soc: number } | { x: number }, named?: string): DphiCurvePoint => {
    const placed = cathodeAt(cathode, query);
    const state = named ? cathode.states.find((s) => s.soc === named)! : placed.state;
    const map = potentialMap(anode, electrolyte, state, { temperature: options.temperature, withoutProfile: true });
    return {
      soc: placed.soc,
      lithium: placed.lithium,
      ...(named ? { named } : {}),
      ocv: map.ocv,
      localVoltage: placed.localVoltage,
      dphiAnode: map.dphiAnode,
      dphiCathode: map.dphiCathode,
      fermiLevelCathodeSide: map.fermiLevelCathodeSide,
      warnings: [...placed.warnings.map((message) => ({ message })), ...map.warnings],
    };
  };
  const list: DphiCurvePoint[] = [];
  const namedPoints = curve.points.map((p) => at({ x: p.lithium }, p.state.soc));
  // the grid spans 0% to 100% and every named state beyond (LNMO's "+" at 200%), so no part of the drawn curve is a bare line between two named states
  const low = Math.min(0, ...namedPoints.map((p) => p.soc));
  const high = Math.max(100, ...namedPoints.map((p) => p.soc));
  for (let i = 0; i < points; i++) {
    const soc = low + ((high - low) * i) / (points - 1);
    // a grid point on a named state is that state (its label kept)
    if (namedPoints.some((p) => Math.abs(p.soc - soc) <= 1e-9)) continue;
    list.push(at({ soc }));
  }
  list.push(...namedPoints);
  list.sort((a, b) => a.soc - b.soc);
  return { anode: anode.id, electrolyte: electrolyte.id, cathode: cathode.id, host: curve.host, rule: curveRule, points: list };
}
