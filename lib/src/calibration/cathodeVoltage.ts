/**
 * Open-circuit voltages of cathode states from phase entries (eq. 3), on the lower convex hull
 * of the cathode's own phases along its Li content x per host unit X.
 *
 * The paper's eq. 3 is the AVERAGE voltage of delithiating a state down to the Li-free
 * reference: its worked example takes LiCoO2 against CoO2 (alpha = 1, beta = 0), not against
 * the next phase Li0.5CoO2. potmap follows it, with one physical amendment: the state enters
 * with its equilibrium (hull) energy E_h(x), so a state above the tie line of its neighbours
 * (Li0.5Mn2O4 and Li0.5Ni0.5Mn1.5O4 in the shared entries) is the two-phase mixture it would
 * decompose into. Then
 *
 *     OCV(x) = -(E_h(x) - E[X]) / x      (x > 0),   the first segment's voltage at x = 0 ("+"),
 *
 * and because E_h is convex with E_h(0) = E[X], E_h(x)/x never decreases with x: the OCV never
 * falls as Li is removed (0% <= 100% <= "+"). The voltage of the hull segment on the
 * delithiated side of the state (the local OCV at that x) is returned too, as segmentVoltage;
 * the notebooks discuss the difference (average reaction voltage vs OCV at a state of charge).
 *
 * Only the cathode's own phases enter (the CSV has no structures, so other entries of the
 * same composition line cannot be told to be the same intercalation host).
 */
import { PotmapError } from "../core/errors";
import { parseFormula } from "../thermo/formula";
import { reactionVoltage } from "../thermo/reactionVoltage";
import { PhaseEntry } from "../thermo/phaseEntry";

export interface HullSegment {
  /** Li-richer end of the segment (a formula of the cathode's phases). */
  lithiated: string;
  /** Li-poorer end: one formula, or the delithiated reference (possibly a mixture of phases). */
  delithiated: string[];
  /** eq. 3 voltage, V vs Li: the average from the state (at its hull energy) to the Li-free reference. */
  voltage: number;
}

export interface StateVoltage extends HullSegment {
  /** Li per host unit of the state (0 for the delithiated limit "+"). */
  lithium: number;
  /** Whether the state's phase is a vertex of the hull (false: above the tie line of its neighbours). */
  onHull: boolean;
  /** Energy above the segment, eV per host unit (0 on the hull). */
  aboveHull: number;
  /** Voltage of the hull segment on the delithiated side of the state (the local OCV), V. */
  segmentVoltage: number;
  /** Li-richer end of that segment. */
  segmentLithiated: string;
  /** Li-poorer end of that segment. */
  segmentDelithiated: string[];
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
    const segmentVoltage = -(hi.energy - lo.energy) / (hi.x - lo.x);
    const own = points.find((p) => Math.abs(p.x - x) <= 1e-9);
    const line = lo.energy - segmentVoltage * (x - lo.x);
    const aboveHull = own ? own.energy - line : 0;
    const onHull = aboveHull <= 1e-9;
    // eq. 3 against the Li-free reference from the state's hull energy (line at x)
    const voltage = x > 0 ? -line / x : segmentVoltage;
    // the reaction eq. 3 names: the state itself when it is a hull vertex, else the Li-richer
    // vertex of its segment, which has the same average voltage only when the segment starts at X
    const lithiated = x === 0 ? hi.formula! : onHull ? own!.formula! : hi.formula!;
    if (x > 0 && !onHull && lo.x > 0) {
      throw new PotmapError("a state above the hull between two Li-holding phases has no single eq. 3 reaction", { field: "states", value: x });
    }
    return {
      lithium: x,
      lithiated,
      delithiated,
      voltage,
      onHull,
      aboveHull,
      segmentVoltage,
      segmentLithiated: hi.formula!,
      segmentDelithiated: lo.formula === null ? delithiated : [lo.formula],
    };
  });
}
