/**
 * Open-circuit voltages of cathode states from phase entries (eq. 3), taken on the
 * lower convex hull of the cathode's own phases along its Li content.
 *
 * The phases of one cathode (e.g. LiCoO2, Li0.5CoO2 and CoO2) lie on a line of Li content x
 * per host unit X. The voltage at which a state gives up Li is the eq. 3 voltage of the hull
 * segment it lies on, on its delithiated side: a state above the tie line of its neighbours
 * (Li0.5Mn2O4 and Li0.5Ni0.5Mn1.5O4 in the shared entries) is not a hull vertex, so it lies
 * on the lithiated -> delithiated segment and shares that segment's voltage. Along a lower
 * convex hull the segment voltages rise as x falls, so an OCV can never fall as Li is
 * removed (0% <= 100% <= "+").
 *
 * Only the cathode's own phases enter (the CSV has no structures, so other entries of the
 * same composition line cannot be told to be the same intercalation host).
 */
import { PotmapError } from "../core/errors";
import { parseFormula } from "../thermo/formula";
import { reactionVoltage } from "../thermo/reactionVoltage";
import { PhaseEntry } from "../io/phaseEntries";

export interface HullSegment {
  /** Li-richer end of the segment (a formula of the cathode's phases). */
  lithiated: string;
  /** Li-poorer end: one formula, or the delithiated reference (possibly a mixture of phases). */
  delithiated: string[];
  /** eq. 3 voltage of the segment, V vs Li. */
  voltage: number;
}

export interface StateVoltage extends HullSegment {
  /** Li per host unit of the state (0 for the delithiated limit "+"). */
  lithium: number;
  /** Whether the state's phase is a vertex of the hull (false: above the tie line of its neighbours). */
  onHull: boolean;
  /** Energy above the segment, eV per host unit (0 on the hull). */
  aboveHull: number;
}

/**
 * `phases`: formulas of the cathode's Li-holding phases (one host X, any Li content);
 * `delithiated`: the Li-free reference (one formula, or a mixture adding up to X);
 * `states`: Li content per host unit of each state asked for (0 = the delithiated limit).
 */
export function cathodeStateVoltages(
  entries: readonly PhaseEntry[],
  phases: string[],
  delithiated: string[],
  states: number[],
): StateVoltage[] {
  // Energy of each phase relative to the delithiated reference, per host unit:
  // reactionVoltage gives V = -(E[Li_x X] - E[X]) / x, so E - E[X] = -V x.
  const points = [{ x: 0, energy: 0, formula: null as string | null }];
  for (const formula of new Set(phases)) {
    const x = parseFormula(formula, { field: "phases" }).Li ?? 0;
    if (!(x > 0)) throw new PotmapError("a cathode phase must hold Li", { field: "phases", value: formula });
    points.push({ x, energy: -reactionVoltage(entries, formula, delithiated) * x, formula });
  }
  points.sort((a, b) => a.x - b.x);
  // Lower convex hull (monotone chain) in (x, energy).
  const hull: typeof points = [];
  for (const p of points) {
    while (hull.length >= 2) {
      const [a, b] = [hull[hull.length - 2], hull[hull.length - 1]];
      if ((b.energy - a.energy) * (p.x - a.x) >= (p.energy - a.energy) * (b.x - a.x)) hull.pop();
      else break;
    }
    hull.push(p);
  }
  const top = hull[hull.length - 1].x;
  return states.map((x) => {
    if (!(x >= 0) || x > top + 1e-9) throw new PotmapError("state Li content outside the cathode's phases", { field: "states", value: x });
    // the segment on the delithiated side of x: lo.x < x <= hi.x (the first one for x = 0)
    const i = hull.findIndex((p) => p.x >= x - 1e-9 && p.x > 0);
    const [lo, hi] = [hull[i - 1], hull[i]];
    const voltage = -(hi.energy - lo.energy) / (hi.x - lo.x);
    const own = points.find((p) => Math.abs(p.x - x) <= 1e-9);
    const line = lo.energy - voltage * (x - lo.x);
    const aboveHull = own ? own.energy - line : 0;
    return {
      lithium: x,
      lithiated: hi.formula!,
      delithiated: lo.formula === null ? delithiated : [lo.formula],
      voltage,
      onHull: aboveHull <= 1e-9,
      aboveHull,
    };
  });
}
