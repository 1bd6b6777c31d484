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

/** Where on its curve a cathode state is asked for: a state of charge (%), a Li content, or an OCV (V). */
export type CurveQuery = { soc: number } | { x: number } | { voltage: number };

export interface CurveState {
  /** The state: a named state itself when the query lands on one, else one interpolated on the curve. */
  state: CathodeState;
  /** Li per host unit. */
  lithium: number;
  /** State of charge, % (0 at the 0% state, 100 at the 100% state, linear in Li content). */
  soc: number;
  /** Eq. 3 average from the hull energy at x to the Li-free end: the OCV the map uses (as Table 1's named states). */
  averageVoltage: number;
  /** The local OCV: the hull step on the delithiated side of x. */
  localVoltage: number;
  /** True when the state is one of the record's named states. */
  named: boolean;
  /** The interpolation rule, in words. */
  rule: string;
  warnings: string[];
}

/** The rule cathodeAt applies, for outputs. */
export const curveRule =
  "SOC is linear in Li content x (0% at the record's 0% state, 100% at its 100% state); the OCV at x is the eq. 3 average from the hull energy at x to the Li-free end (the x-weighted mean of the profile's steps below x), as for the named states in Table 1; the IP, E_F and band gap are linear in x between the two nearest named states (the fitted IPs are per-state offsets, so no physics says more) and the nearest named state's beyond them";

/** The x-weighted mean of the step voltages from the Li-poor end up to x: eq. 3 against that end. */
function averageAt(curve: CathodeCurve, x: number): number {
  const last = curve.steps[curve.steps.length - 1];
  if (x <= last.to + 1e-12) return last.voltage;
  let sum = 0;
  for (const s of curve.steps) {
    const lo = s.to;
    const hi = Math.min(s.from, x);
    if (hi > lo) sum += s.voltage * (hi - lo);
  }
  return sum / (x - last.to);
}

function localAt(curve: CathodeCurve, x: number): number {
  const step = curve.steps.find((s) => x > s.to + 1e-9 && x <= s.from + 1e-9) ?? curve.steps[curve.steps.length - 1];
  return step.voltage;
}

/**
 * A cathode state anywhere on its curve (`potmap map --soc 80%`, `--x 0.6`, `--voltage 3.9`).
 * `voltage` is the OCV of that curve (the eq. 3 average, what the map uses): where the curve is
 * flat the Li-richest state with that OCV is taken, and said. Needs the record's voltage profile
 * and the Li content of its 0% and 100% states.
 */
export function cathodeAt(cathode: Cathode, query: CurveQuery): CurveState {
  const curve = cathodeCurve(cathode);
  if (!curve) {
    throw new PotmapError(`${cathode.id} has no voltage profile with the Li content of each state (run scripts/calibrate.mjs, or give a named state: ${cathode.states.map((s) => s.soc).join(", ")})`, { field: "soc", value: cathode.id });
  }
  const of = (soc: string) => curve.points.find((p) => p.state.soc === soc);
  const [zero, full] = [of("0%"), of("100%")];
  if (!zero || !full || !(zero.lithium > full.lithium)) {
    throw new PotmapError(`${cathode.id} needs a 0% and a 100% state with Li contents (0% the Li-richer) to place a state of charge on its curve`, { field: "soc", value: cathode.id });
  }
  const high = curve.steps[0].from;
  const low = curve.steps[curve.steps.length - 1].to;
  const socOf = (x: number) => (100 * (zero.lithium - x)) / (zero.lithium - full.lithium);
  const xOf = (soc: number) => zero.lithium - (soc / 100) * (zero.lithium - full.lithium);
  const warnings: string[] = [];
  let x: number;
  if ("soc" in query) {
    if (!Number.isFinite(query.soc)) throw new PotmapError("the state of charge must be a finite percentage", { field: "soc", value: query.soc });
    x = xOf(query.soc);
    if (x > high + 1e-9 || x < low - 1e-9) {
      throw new PotmapError(`outside ${cathode.id}'s curve: its profile runs from ${Number(socOf(high).toFixed(3))}% to ${Number(socOf(low).toFixed(3))}% (x from ${high} to ${low} per ${curve.host})`, { field: "soc", value: `${query.soc}%` });
    }
  } else if ("x" in query) {
    x = query.x;
    if (!Number.isFinite(x) || x > high + 1e-9 || x < low - 1e-9) {
      throw new PotmapError(`the Li content must lie on ${cathode.id}'s profile, from ${low} to ${high} per ${curve.host}`, { field: "x", value: query.x });
    }
  } else {
    const v = query.voltage;
    const [vLow, vHigh] = [averageAt(curve, high), averageAt(curve, low)];
    if (!Number.isFinite(v) || v < vLow - stepTolerance || v > vHigh + stepTolerance) {
      throw new PotmapError(`the OCV must lie on ${cathode.id}'s curve, from ${vLow.toFixed(4)} to ${vHigh.toFixed(4)} V`, { field: "voltage", value: v });
    }
    // the average never rises with x: bisect for the Li-richest x with average >= v
    let [a, b] = [low, high];
    if (averageAt(curve, high) >= v - stepTolerance) x = high;
    else {
      for (let k = 0; k < 100; k++) {
        const m = (a + b) / 2;
        if (averageAt(curve, m) >= v) a = m;
        else b = m;
      }
      x = a;
    }
    const flatTo = curve.points.filter((p) => p.lithium < x - 1e-9 && Math.abs(averageAt(curve, p.lithium) - averageAt(curve, x)) <= stepTolerance);
    if (flatTo.length > 0 || (x > low + 1e-9 && Math.abs(averageAt(curve, low) - averageAt(curve, x)) <= stepTolerance)) {
      warnings.push(`${cathode.id}'s OCV is ${averageAt(curve, x).toFixed(4)} V over a range of Li content (a flat part of the curve): the Li-richest state, x = ${Number(x.toFixed(6))} per ${curve.host}, is taken`);
    }
  }
  x = Math.min(high, Math.max(low, x));
  const named = curve.points.find((p) => Math.abs(p.lithium - x) <= 1e-9);
  const averageVoltage = averageAt(curve, x);
  const localVoltage = localAt(curve, x);
  const soc = socOf(x);
  if (named) return { state: named.state, lithium: x, soc, averageVoltage: named.state.ocv, localVoltage, named: true, rule: curveRule, warnings };
  // neighbours in x among the named states (points are Li-richest first)
  const richer = [...curve.points].reverse().find((p) => p.lithium > x);
  const poorer = curve.points.find((p) => p.lithium < x);
  const [p, q] = [richer ?? poorer!, poorer ?? richer!];
  const t = p === q ? 0 : (x - p.lithium) / (q.lithium - p.lithium);
  if (p === q) warnings.push(`x = ${Number(x.toFixed(6))} per ${curve.host} lies beyond ${cathode.id}'s named states: the IP, E_F and gap of ${cathode.id} ${p.state.soc} are used (no extrapolation)`);
  const mix = (f: (s: CathodeState) => number) => f(p.state) + t * (f(q.state) - f(p.state));
  const label = `${Number(soc.toFixed(2))}%` as `${number}%`;
  const state: CathodeState = {
    role: "cathode",
    id: cathode.id,
    name: cathode.name,
    soc: label,
    bandGap: mix((s) => s.bandGap),
    ionizationPotential: mix((s) => s.ionizationPotential),
    fermiLevel: mix((s) => s.fermiLevel),
    ocv: averageVoltage,
    lithium: x,
    localVoltage,
  };
  if (p.state.scissor !== undefined || q.state.scissor !== undefined) state.scissor = mix((s) => s.scissor ?? 0);
  if (cathode.colour) state.colour = cathode.colour;
  return { state, lithium: x, soc, averageVoltage, localVoltage, named: false, rule: curveRule, warnings };
}
