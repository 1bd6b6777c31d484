/**
 * Which coating? Every candidate interlayer between an electrolyte E and a cathode C, ranked
 * by the worst |dphi| of the two interfaces it makes (E/coating and coating/C) over the
 * cathode's state-of-charge range, with "no coating" (E/C, eq. 7) as the baseline row.
 *
 * Each configuration is a three-layer stack (cell/stack.ts): anode | E | coating | C at one
 * state of C. An electrolyte used as a coating lives inside its window (it takes the mu_Li
 * drop from where E ended, minimum interface); a cathode material used as a coating is a mixed
 * conductor at the cathode's mu_Li and takes the state stable at that voltage
 * (stack.ts interlayerState), whatever state it is listed with. The jump at the anode does
 * not depend on the coating and is not ranked.
 *
 * Chemical-compatibility flags (the paper's stability argument, model.md section 3): a
 * coating with a window is reduced where the voltage at a contact lies below its window and
 * oxidised where it lies above it; the contacts are E's upper window edge (or the OCV when
 * the window reaches past it) and the cathode's OCV, at every state of charge. A mixed
 * conductor is flagged when the voltage imposed on it lies outside its states' voltages.
 */
import { PotmapError } from "../core/errors";
import { Anode, Cathode, CathodeState, DataSet, Electrolyte } from "../cell/materials";
import { findAnode, findElectrolyte } from "../cell/dataSet";
import { StackLayer, stackMap } from "../cell/stack";
import { reasonOf } from "../io/readRecords";

/**
 * The states of charge a cathode is evaluated at, ordered by OCV: today the record's named
 * states. One function, so that a voltage curve can replace the list later.
 */
export function coatingStates(cathode: Cathode): CathodeState[] {
  return [...cathode.states].sort((a, b) => a.ocv - b.ocv);
}

export type CoatingKind = "none" | "electrolyte" | "cathode";

/** One interface of one configuration. */
export interface CoatInterface {
  left: string;
  right: string;
  /** V; positive hinders discharge. */
  dphi: number;
  /** Jump in mu_Li at the interface, eV (a grey region: the drop no layer can carry). */
  dmu: number;
}

export interface CoatState {
  soc: string;
  ocv: number;
  /** E/coating and coating/C (one interface, E/C, for the baseline). */
  interfaces: CoatInterface[];
  /** max |dphi| of those interfaces, V. */
  worstAbsDphi: number;
  /** A mixed-conductor coating: the state it took at the imposed voltage. */
  taken?: string;
}

export interface CoatCandidate {
  rank: number;
  /** Coating id ("none" for the baseline). */
  id: string;
  kind: CoatingKind;
  /** max over states of charge and the two interfaces of |dphi|, V (NaN when it failed). */
  worstAbsDphi: number;
  /** State of charge and interface where the worst jump occurs. */
  worstSoc: string;
  worstInterface: string;
  /** The worst jump with its sign, V. */
  worstDphi: number;
  states: CoatState[];
  /** Chemical-compatibility flags in words (empty: none). */
  flags: string[];
  /** No flag raised. */
  compatible: boolean;
  /** Improvement on the baseline's worst jump, V (positive = better than no coating). */
  gainOverNone: number;
  warnings: string[];
  /** Why the candidate could not be evaluated (then it ranks last). */
  failure?: string;
}

export interface CoatResult {
  anode: string;
  electrolyte: string;
  cathode: string;
  states: { soc: string; ocv: number }[];
  temperature?: number;
  candidates: CoatCandidate[];
}

export interface CoatOptions {
  anode?: string;
  temperature?: number;
  /** Restrict the candidates to these ids (default: every electrolyte and cathode but E and C). */
  candidates?: readonly string[];
}

const fmt = (v: number) => v.toFixed(2);

/** The window flags of an electrolyte-type coating at its two contacts, every state. */
export function windowFlags(coating: Electrolyte, electrolyte: Electrolyte, states: readonly CathodeState[]): string[] {
  const flags: string[] = [];
  const { lower, upper } = coating.window;
  const atE = states.map((s) => Math.min(electrolyte.window.upper, s.ocv));
  const atC = states.map((s) => s.ocv);
  const below = (vs: number[]) => vs.filter((v) => v < lower);
  const above = (vs: number[]) => vs.filter((v) => v > upper);
  if (below(atE).length) flags.push(`reduced at the ${electrolyte.id} side: ${fmt(Math.min(...atE))} V there, below its window (${lower} to ${upper} V)`);
  if (above(atE).length) flags.push(`oxidised at the ${electrolyte.id} side: ${fmt(Math.max(...atE))} V there, above its window (${lower} to ${upper} V)`);
  if (below(atC).length) flags.push(`reduced by the cathode: ${fmt(Math.min(...atC))} V, below its window (${lower} to ${upper} V)`);
  if (above(atC).length) flags.push(`oxidised by the cathode: up to ${fmt(Math.max(...atC))} V, above its window (${lower} to ${upper} V)`);
  return flags;
}

function evaluate(anode: Anode, electrolyte: Electrolyte, coating: StackLayer | undefined, states: readonly CathodeState[], set: DataSet, temperature?: number) {
  const out: CoatState[] = [];
  const warnings = new Set<string>();
  const uncovered = new Set<string>();
  for (const state of states) {
    const layers: StackLayer[] = coating ? [electrolyte, coating] : [electrolyte];
    const map = stackMap(anode, layers, state, { temperature, cathodes: set.cathodes, points: 2 });
    const interfaces = map.interfaces.slice(1).map((i) => ({ left: i.left, right: i.right, dphi: i.dphi, dmu: i.dmu }));
    for (const d of interfaces) {
      if (!Number.isFinite(d.dphi)) throw new PotmapError("the interface jump is not finite", { field: "dphi", value: `${d.left} / ${d.right} at ${state.soc}` });
    }
    const worst = Math.max(...interfaces.map((i) => Math.abs(i.dphi)));
    const s: CoatState = { soc: state.soc, ocv: state.ocv, interfaces, worstAbsDphi: worst };
    const choice = map.interlayers[0];
    if (choice) {
      s.taken = choice.taken;
      if (!choice.covered) uncovered.add(`${fmt(choice.voltage)} V`);
    }
    map.warnings.forEach((w) => warnings.add(w));
    out.push(s);
  }
  return { states: out, warnings: [...warnings], uncovered: [...uncovered] };
}

/** Every candidate coating between `electrolyte` and `cathode`, ranked (see the module comment). */
export function rankCoatings(set: DataSet, electrolyteId: string, cathodeId: string, options: CoatOptions = {}): CoatResult {
  const anode = findAnode(set, options.anode ?? set.anodes[0]?.id ?? "Li");
  const electrolyte = findElectrolyte(set, electrolyteId);
  const cathode = set.cathodes.find((c) => c.id.toLowerCase() === cathodeId.toLowerCase());
  if (!cathode) throw new PotmapError(`unknown cathode (known: ${set.cathodes.map((c) => c.id).join(", ")})`, { field: "--cathode", value: cathodeId });
  const states = coatingStates(cathode);
  if (states.length === 0) throw new PotmapError("the cathode has no state of charge", { field: "--cathode", value: cathode.id });
  const wanted = options.candidates?.map((c) => c.toLowerCase());
  if (wanted) {
    const known = [...set.electrolytes, ...set.cathodes].map((m) => m.id.toLowerCase());
    const unknown = wanted.filter((w) => !known.includes(w));
    if (unknown.length) throw new PotmapError(`unknown coating (known: ${[...set.electrolytes, ...set.cathodes].map((m) => m.id).join(", ")})`, { field: "--coatings", value: unknown.join(",") });
  }
  const keep = (id: string) => (!wanted || wanted.includes(id.toLowerCase()));
  const temperature = options.temperature;

  const baseline = evaluate(anode, electrolyte, undefined, states, set, temperature);
  const candidates: CoatCandidate[] = [row("none", "none", baseline, [])];
  for (const coating of set.electrolytes) {
    if (coating.id === electrolyte.id || !keep(coating.id)) continue;
    candidates.push(tryRow(coating.id, "electrolyte", () => evaluate(anode, electrolyte, coating, states, set, temperature), () => windowFlags(coating, electrolyte, states)));
  }
  for (const other of set.cathodes) {
    if (other.id === cathode.id || !keep(other.id) || other.states.length === 0) continue;
    // listed with its lowest-voltage state; the stack picks the state stable at the imposed voltage
    const listed = coatingStates(other)[0];
    candidates.push(
      tryRow(other.id, "cathode", () => evaluate(anode, electrolyte, listed, states, set, temperature), (e) =>
        e.uncovered.length ? [`held at ${e.uncovered.join(", ")}, outside its states' voltages (${fmt(listed.ocv)} to ${fmt(coatingStates(other).at(-1)!.ocv)} V): it would delithiate or lithiate beyond its data`] : [],
      ),
    );
  }
  const none = candidates[0].worstAbsDphi;
  for (const c of candidates) c.gainOverNone = none - c.worstAbsDphi;
  const failed = (c: CoatCandidate) => (Number.isFinite(c.worstAbsDphi) ? 0 : 1);
  candidates.sort((a, b) => failed(a) - failed(b) || (failed(a) ? 0 : a.worstAbsDphi - b.worstAbsDphi) || a.id.localeCompare(b.id));
  candidates.forEach((c, i) => (c.rank = i + 1));
  const result: CoatResult = { anode: anode.id, electrolyte: electrolyte.id, cathode: cathode.id, states: states.map((s) => ({ soc: s.soc, ocv: s.ocv })), candidates };
  if (temperature !== undefined) result.temperature = temperature;
  return result;
}

type Evaluation = ReturnType<typeof evaluate>;

function tryRow(id: string, kind: CoatingKind, run: () => Evaluation, flagsOf: (e: Evaluation) => string[]): CoatCandidate {
  try {
    const e = run();
    return row(id, kind, e, flagsOf(e));
  } catch (error) {
    if (!(error instanceof PotmapError)) throw error;
    return {
      rank: 0, id, kind, worstAbsDphi: NaN, worstSoc: "", worstInterface: "", worstDphi: NaN, states: [], flags: [], compatible: false, gainOverNone: NaN, warnings: [],
      failure: reasonOf(error),
    };
  }
}

function row(id: string, kind: CoatingKind, e: Evaluation, flags: string[]): CoatCandidate {
  let worst = -Infinity;
  let worstSoc = "";
  let worstInterface = "";
  let worstDphi = NaN;
  for (const s of e.states) {
    for (const i of s.interfaces) {
      if (Math.abs(i.dphi) > worst) {
        worst = Math.abs(i.dphi);
        worstSoc = s.soc;
        worstInterface = `${i.left} / ${i.right}`;
        worstDphi = i.dphi;
      }
    }
  }
  return { rank: 0, id, kind, worstAbsDphi: worst, worstSoc, worstInterface, worstDphi, states: e.states, flags, compatible: flags.length === 0, gainOverNone: 0, warnings: e.warnings };
}

function csvCell(value: unknown): string {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value ?? "");
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV: one line per candidate x state of charge x interface (numbers in V and eV). */
export function coatCsv(result: CoatResult): string {
  const lines = ["rank,coating,kind,worstAbsDphi,soc,ocv,taken,interface,dphi,dmu,compatible,flags"];
  for (const c of result.candidates) {
    if (c.failure) lines.push([c.rank, c.id, c.kind, "", "", "", "", "", "", "", false, `failed: ${c.failure}`].map(csvCell).join(","));
    for (const s of c.states) {
      for (const i of s.interfaces) {
        lines.push([c.rank, c.id, c.kind, c.worstAbsDphi, s.soc, s.ocv, s.taken ?? "", `${i.left} / ${i.right}`, i.dphi, i.dmu, c.compatible, c.flags.join("; ")].map(csvCell).join(","));
      }
    }
  }
  return lines.join("\n") + "\n";
}
