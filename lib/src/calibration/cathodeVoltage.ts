/**
 * Open-circuit voltages of cathode states from phase entries: the hull voltage profile of the
 * cathode's host (thermo/voltageProfile.ts) between its lithiated end and its Li-free reference,
 * and where each state sits on it. Each state gets two labelled voltages:
 *  - the eq. 3 average (paper eq. 3, its LiCoO2 -> CoO2 example: the average of delithiating the
 *    state down to the Li-free reference), with the state at its equilibrium (hull) energy, so a
 *    state above the tie line of its neighbours enters as the two-phase mixture it decomposes
 *    into. Because the hull is convex this never falls as Li is removed (0% <= 100% <= "+").
 *    Table 1 uses this one (`ocv`): the paper computes its OCVs this way, so the reproduction
 *    compares like with like;
 *  - the local voltage: the step of the hull on the delithiated side of the state (the voltage at
 *    which it starts to lose Li). An interlayer's state is chosen by it (cell/stack.ts), and a
 *    state between named states takes it (cell/cathodeCurve.ts).
 * References may be chosen by structure (`MnO2@227`, entry ids); the family rule is
 * voltageProfile's.
 */
import { PotmapError } from "../core/errors";
import { parseFormula } from "../thermo/formula";
import { PhaseEntry } from "../thermo/phaseEntry";
import { VoltageProfile, profileAt, voltageProfile } from "../thermo/voltageProfile";

export interface HullSegment {
  /** Li-richer end of the eq. 3 reaction. */
  lithiated: string;
  /** Li-poorer end: the delithiated reference (possibly a mixture of phases). */
  delithiated: string[];
  /** eq. 3 voltage, V vs Li: the average from the state (at its hull energy) to the Li-free reference. */
  voltage: number;
}

export interface StateVoltage extends HullSegment {
  /** Li per host unit of the state (0 for the delithiated limit "+"). */
  lithium: number;
  /** Whether the state is a vertex of the hull (false: inside a two-phase step). */
  onHull: boolean;
  /** Energy of the family's own phase at this x above the hull, eV per host unit (0 on the hull or without one). */
  aboveHull: number;
  /** Voltage of the hull step on the delithiated side of the state (the local OCV), V. */
  segmentVoltage: number;
  /** Li-richer end of that step. */
  segmentLithiated: string;
  /** Li-poorer end of that step. */
  segmentDelithiated: string[];
}

/**
 * `phases`: formulas of the cathode's Li-holding phases (the Li-richest per host unit is the
 * profile's lithiated end; the others are found by the family rule); `delithiated`: the Li-free
 * reference (one name, or a mixture adding up to the host); `states`: Li content per host unit of
 * each state (0 = the delithiated limit).
 */
export function cathodeStateVoltages(entries: readonly PhaseEntry[], phases: string[], delithiated: string[], states: number[]): StateVoltage[] {
  const lithiated = lithiatedEnd(phases);
  return stateVoltages(voltageProfile(entries, lithiated, delithiated), delithiated, states);
}

/** The Li-richest phase per host unit (Li / non-Li atoms); names with @ or ids use their formula part. */
function lithiatedEnd(phases: string[]): string {
  if (phases.length === 0) throw new PotmapError("a cathode needs at least one Li-holding phase", { field: "phases", value: 0 });
  const share = (name: string) => {
    const c = parseFormula(name.split("@")[0], { field: "phases" });
    const li = c.Li ?? 0;
    const rest = Object.entries(c).reduce((s, [el, n]) => (el === "Li" ? s : s + n), 0);
    if (!(li > 0)) throw new PotmapError("a cathode phase must hold Li", { field: "phases", value: name });
    return li / rest;
  };
  return [...phases].sort((a, b) => share(b) - share(a))[0];
}

/** Each state's average and local voltage on a profile. */
export function stateVoltages(profile: VoltageProfile, delithiated: string[], states: number[]): StateVoltage[] {
  const top = profile.hull[profile.hull.length - 1].lithium;
  return states.map((x) => {
    if (!(x >= 0) || x > top + 1e-9) throw new PotmapError("state Li content outside the cathode's profile", { field: "states", value: x });
    const at = profileAt(profile, x);
    const own = profile.points.find((p) => Math.abs(p.lithium - x) <= 1e-9);
    const vertex = profile.hull.find((p) => Math.abs(p.lithium - x) <= 1e-9);
    // the reaction eq. 3 names: the state itself when it is a hull vertex, else the Li-richer end
    // of its step, which has the same average only when the step starts at the Li-free reference
    if (x > 0 && !vertex && at.step.to > 1e-9) {
      throw new PotmapError("a state inside a step between two Li-holding phases has no single eq. 3 reaction", { field: "states", value: x });
    }
    return {
      lithium: x,
      lithiated: x === 0 ? at.step.lithiated : vertex ? vertex.label : at.step.lithiated,
      delithiated,
      voltage: at.averageVoltage,
      onHull: vertex !== undefined,
      aboveHull: own ? own.aboveHull : 0,
      segmentVoltage: at.localVoltage,
      segmentLithiated: at.step.lithiated,
      segmentDelithiated: at.step.to <= 1e-9 ? delithiated : [at.step.delithiated],
    };
  });
}

/** A material record as JSON (the calibration works on records, not model types). */
type Json = Record<string, any>;

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Li per formula unit of a name ("MnO2@227" -> its formula part); null for an entry id or no composition. */
function lithiumOf(name: string): number | null {
  try {
    return parseFormula(name.split("@")[0], { field: "formula" }).Li ?? 0;
  } catch {
    return null;
  }
}

/**
 * Every cathode record's voltages from its phase entries (scripts/calibrate.mjs writes them back):
 * the profile between the 0% state's lithiated phase and the Li-free reference its states' voltage
 * reactions name (formulas, FORMULA@SPACEGROUP or entry ids), written as the record's
 * `voltageProfile`; per state the Li content `lithium`, the eq. 3 average (`ocvComputed`, `ocv`,
 * its `voltageReaction`) and the local OCV (`localVoltage`). `entriesOf(name)` reads one phase-
 * entries file; a record never mixes two (each record names one). Pure apart from that reader.
 */
export function withCathodeVoltages(records: Readonly<Record<string, Json>>, entriesOf: (name: string) => readonly PhaseEntry[]): Record<string, Json> {
  const out: Record<string, Json> = structuredClone(records) as Record<string, Json>;
  for (const [file, record] of Object.entries(out)) {
    if (record.role !== "cathode") continue;
    const states = (record.states as Json[]).filter((s) => s.voltageReaction);
    if (states.length === 0) continue;
    const names = new Set(states.map((s) => s.voltageReaction.entries as string));
    if (names.size > 1) throw new PotmapError(`the states name ${names.size} phase-entries files: one cathode's hull never mixes two`, { file, field: "states[].voltageReaction.entries", value: [...names].join(", ") });
    const entriesName = states[0].voltageReaction.entries as string;
    const reference = states.map((s) => s.voltageReaction.delithiated as string[]).find((d) => d.every((f) => lithiumOf(f) === 0));
    if (!reference) throw new PotmapError("no Li-free delithiated reference among the states' voltage reactions", { file, field: "voltageReaction.delithiated" });
    // the lithiated end: the Li-richest state's reaction (names by structure are kept as named)
    const richest = [...states].sort((a, b) => (lithiumOf(b.formula) ?? 0) - (lithiumOf(a.formula) ?? 0))[0];
    const lithiated = richest.voltageReaction.lithiated as string;
    const entries = entriesOf(entriesName);
    const profile = voltageProfile(entries, lithiated, reference, { file: entriesName });
    if (profile.warnings.length) throw new PotmapError(profile.warnings.join("; "), { file, field: "voltageProfile", value: entriesName });
    // x per host unit: a state's formula brought to the host of the lithiated end
    const hostLithium = lithiumOf(lithiated.split("@")[0]) ?? NaN;
    const xs = states.map((s) => (s.soc === "+" ? 0 : ((lithiumOf(s.formula) ?? NaN) / (lithiumOf(richest.formula) ?? NaN)) * hostLithium));
    const voltages = stateVoltages(profile, reference, xs);
    const structure = entries.some((e) => e.spaceGroup !== undefined)
      ? `references chosen by structure where named (${profile.family})`
      : "the file carries no space groups, so every phase is the lowest-energy entry of its composition (structure not matched)";
    const previous = record.voltageProfile as Json | undefined;
    record.voltageProfile = {
      entries: entriesName,
      lithiated,
      delithiated: reference,
      host: profile.host,
      family: profile.family,
      steps: profile.steps.map((s) => ({ from: round(s.from), to: round(s.to), voltage: round(s.voltage), lithiated: s.lithiated, delithiated: s.delithiated })),
      source: `lower convex hull of Li_x ${profile.host} between ${lithiated} and ${reference.join(" + ")} in shared/data/phase-entries/${entriesName}; ${structure} (lib voltageProfile)`,
      ...(typeof previous?.note === "string" ? { note: previous.note } : {}),
    };
    states.forEach((s, i) => {
      const v = voltages[i];
      const where = s.soc === "+"
        ? "the delithiated limit: its local OCV is the last step of the profile"
        : v.onHull
          ? `the state is a vertex of the hull; eq. 3 averages over its delithiation to ${reference.join(" + ")} (its local OCV, the hull step ${v.segmentLithiated} -> ${v.segmentDelithiated.join(" + ")}, is ${round(v.segmentVoltage)} V)`
          : `the state lies inside the hull step ${v.segmentLithiated} -> ${v.segmentDelithiated.join(" + ")} (a two-phase mixture of its ends${v.aboveHull > 0 ? `; the family's own phase at this x lies ${(v.aboveHull * 1000).toFixed(0)} meV per ${profile.host} above it` : ""}), so it shares the step's voltage`;
      s.voltageReaction = {
        entries: entriesName,
        lithiated: v.lithiated,
        delithiated: v.delithiated,
        source: `paper eq. 3 against the Li-free reference ${reference.join(" + ")} (its LiCoO2 -> CoO2 example), the state at its energy on the hull of the cathode's voltageProfile`,
        note: where,
      };
      s.lithium = { value: round(v.lithium), source: `Li per ${profile.host} (the host of the voltageProfile), from the state's formula${s.soc === "+" ? " (the delithiated limit)" : ""}` };
      s.ocvComputed = { ...(typeof s.ocvComputed === "object" ? s.ocvComputed : {}), value: round(v.voltage) };
      if (typeof s.ocvComputed.source !== "string" && typeof s.ocvComputed.calibrated !== "string") s.ocvComputed.source = "eq. 3 from the phase entries of voltageReaction";
      s.ocv = {
        value: round(v.voltage),
        source: "eq. 3 average voltage from the state's hull energy to the Li-free reference (ocvComputed), not fitted; Table 1 uses it because the paper computes its OCVs this way (the local OCV is localVoltage)",
      };
      s.localVoltage = { value: round(v.segmentVoltage), source: `local OCV: the hull step ${v.segmentLithiated} -> ${v.segmentDelithiated.join(" + ")} of the voltageProfile (the voltage at which the state starts to lose Li); sets an interlayer's state (cell/stack.ts)` };
    });
  }
  return out;
}
