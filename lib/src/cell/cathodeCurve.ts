/**
 * A cathode as a voltage curve: the steps of its hull voltage profile (thermo/voltageProfile.ts,
 * stored on the record by scripts/calibrate.mjs) with its named states as points on it. Pure.
 *
 * The equilibrium at an imposed voltage V (= -mu_Li) follows the hull: between two steps the
 * single phase at their common vertex is stable; at a step's voltage its two end phases coexist
 * (a two-phase region); below the first step the lithiated end, above the last the delithiated
 * end. The named state at that Li content is the state taken (cell/stack.ts interlayers).
 */
import { PotmapError } from "../core/errors";
import { Cathode, CathodeState } from "./materials";

/** Two voltages closer than this (V) are the same step (the records store 1e-4 V). */
export const stepTolerance = 5e-4;

export interface CurvePoint {
  state: CathodeState;
  /** Li per host unit. */
  lithium: number;
}

export interface CathodeCurve {
  id: string;
  host: string;
  steps: NonNullable<Cathode["profile"]>["steps"];
  /** The named states with their Li content, Li-richest first. */
  points: CurvePoint[];
}

/** The curve of a cathode, or undefined when its record has no voltage profile (or a state no Li content). */
export function cathodeCurve(cathode: Cathode): CathodeCurve | undefined {
  const profile = cathode.profile;
  if (!profile || profile.steps.length === 0) return undefined;
  if (cathode.states.some((s) => s.lithium === undefined)) return undefined;
  const points = cathode.states.map((state) => ({ state, lithium: state.lithium! })).sort((a, b) => b.lithium - a.lithium);
  return { id: cathode.id, host: profile.host, steps: profile.steps, points };
}

export interface Equilibrium {
  /** The named state taken. */
  state: CathodeState;
  /** False when no named state sits at the stable Li content (the nearest one in x is kept). */
  covered: boolean;
  /** The stable Li content range (one value for a single phase, the step's two ends in a two-phase region). */
  lithium: [number, number];
  /** The coexisting phases when V is a step's voltage. */
  twoPhase?: { lithiated: string; delithiated: string; voltage: number };
  /** What the result means, when it is not a plain single phase at a named state. */
  warning?: string;
}

/** The equilibrium of a cathode's curve at an imposed voltage V (vs Li/Li+). */
export function equilibriumAt(curve: CathodeCurve, voltage: number): Equilibrium {
  if (!Number.isFinite(voltage)) throw new PotmapError("the imposed voltage must be finite", { field: "voltage", value: voltage });
  const { steps, points } = curve;
  const nearest = (x: number) => points.reduce((a, b) => (Math.abs(b.lithium - x) < Math.abs(a.lithium - x) ? b : a));
  const at = steps.findIndex((s) => Math.abs(s.voltage - voltage) <= stepTolerance);
  const name = (p: CurvePoint) => `${curve.id} ${p.state.soc}`;
  if (at >= 0) {
    const step = steps[at];
    // the named states on this step (ends included); the Li-richest is kept
    const inside = points.filter((p) => p.lithium <= step.from + 1e-9 && p.lithium >= step.to - 1e-9);
    const kept = inside[0] ?? nearest(step.from);
    const between = inside.length >= 2 ? ` (between the named states ${inside.map(name).join(" and ")})` : "";
    return {
      state: kept.state,
      covered: inside.length > 0,
      lithium: [step.to, step.from],
      twoPhase: { lithiated: step.lithiated, delithiated: step.delithiated, voltage: step.voltage },
      warning: `${voltage.toFixed(3)} V is the voltage of the hull step ${step.lithiated} -> ${step.delithiated} of ${curve.id}: a two-phase region where ${step.lithiated} and ${step.delithiated} coexist (x from ${step.from} to ${step.to} per ${curve.host})${between}; ${name(kept)} is kept`,
    };
  }
  // the stable vertex: the Li-poor end of the last step whose voltage lies below V
  let x = steps[0].from;
  for (const s of steps) if (s.voltage < voltage) x = s.to;
  const exact = points.find((p) => Math.abs(p.lithium - x) <= 1e-9);
  if (exact) return { state: exact.state, covered: true, lithium: [x, x] };
  const kept = nearest(x);
  return {
    state: kept.state,
    covered: false,
    lithium: [x, x],
    warning: `at ${voltage.toFixed(3)} V the stable phase of ${curve.id} has x = ${x} per ${curve.host}, which is no named state; ${name(kept)} (x = ${kept.lithium}) is kept`,
  };
}
