/**
 * The hull voltage profile of an intercalation host between its lithiated and delithiated ends,
 * step by step (what pymatgen's InsertionElectrode gives): the lower convex hull of formation
 * energy per host unit against Li content x over the phases of one topotactic family; each hull
 * segment is a two-phase plateau whose voltage is eq. 3 between its two ends (thermo/voltage.ts,
 * the one implementation). The ends are phase names (formula, FORMULA@SPACEGROUP or entry id).
 *
 * The family (which intermediate phases Li_x X may enter the hull) - the entries carry no
 * structures, so a topotactic relation cannot be proven; the rule is stated instead:
 *  - when either end is named by structure (a space group or an entry id), an intermediate
 *    composition enters only with entries in the space group of one of the two ends (the lowest
 *    such entry), e.g. spinel LiMn2O4 (74) / lambda-MnO2 (227) admits no Li0.5Mn2O4 (none of its
 *    entries is in 74 or 227): a Li-ordered intermediate of lower symmetry must be named in
 *    `intermediates` to count;
 *  - otherwise (names by formula only, or a file without space groups) every composition of the
 *    host line enters with its lowest-energy entry: the ground-state hull.
 * Only entries of one file are used (requireOneFile): two files are two energy scales.
 */
import { voltageSlipHint } from "../core/ranges";
import { PotmapError } from "../core/errors";
import { Composition, atomCount, compositionKey, compositionRatio, formulaElements, reducedFormula, withoutElement } from "./formula";
import { VoltageEnds, VoltageOptions, voltageEnds } from "./averageVoltage";
import { NamedPhase, PhaseEntry, resolvePhase } from "./phaseEntry";
import { openCircuitVoltage } from "./voltage";

export interface ProfileOptions extends VoltageOptions {
  /** Extra intermediate phases (names as for the ends) that enter the hull whatever the rule. */
  intermediates?: readonly string[];
}

/** A candidate phase of the profile, at Li content x per host unit. */
export interface VoltagePoint {
  /** Name as given for an end or an intermediate, else the reduced formula (with @space group when known). */
  label: string;
  lithium: number;
  /** Formation energy per host unit, eV. */
  energy: number;
  entries: PhaseEntry[];
  /** Energy above the hull at its x, eV per host unit (0 for a vertex). */
  aboveHull: number;
}

/** One plateau: the two-phase region between two hull vertices. */
export interface VoltageStep {
  /** Li content per host unit at the Li-rich and Li-poor ends. */
  from: number;
  to: number;
  /** Eq. 3 voltage of the step, V vs Li. */
  voltage: number;
  /** The phases at the Li-rich and Li-poor ends (labels). */
  lithiated: string;
  delithiated: string;
}

export interface VoltageProfile {
  /** The host X (reduced formula), the unit of x. */
  host: string;
  lithiated: string;
  delithiated: string;
  /** Eq. 3 average between the two ends, V (equals the x-weighted mean of the steps). */
  average: number;
  /** Steps in the order Li is removed (from the lithiated end). */
  steps: VoltageStep[];
  /** Hull vertices, Li-poorest first. */
  hull: VoltagePoint[];
  /** Every phase considered, Li-poorest first. */
  points: VoltagePoint[];
  /** The family rule applied, in words. */
  family: string;
  /** Numbers that are likely not physical (voltageWarnings). */
  warnings: string[];
  ionEnergy: number;
}

/**
 * An intercalation voltage outside 0-6 V is almost always a unit slip: energies per formula unit
 * read as per atom (or the reverse) scale every voltage by the atoms per formula unit.
 */
export function voltageWarnings(voltages: readonly number[], what = "voltage"): string[] {
  const bad = voltages.filter((v) => !(v >= 0 && v <= 6));
  if (bad.length === 0) return [];
  // the slip is named by the one rule of core/ranges.ts (window and voltage commands alike)
  const hint = voltageSlipHint(bad.find((v) => v > 6) ?? bad[0]);
  return [`${what} ${bad.map((v) => `${Number(v.toFixed(3))} V`).join(", ")} outside 0-6 V, where intercalation voltages lie: ${hint}`];
}

/** The host as written in the lithiated name (Mn2O4, not MnO2): the unit of x. */
function hostText(host: Composition): string {
  return formulaElements(host).map((el) => (host[el] === 1 ? el : `${el}${Number(host[el].toPrecision(6))}`)).join("");
}

/** An intermediate's label: its formula as the file writes it, with @space group when known. */
function groupLabel(entry: PhaseEntry): string {
  return entry.spaceGroup !== undefined ? `${entry.formula}@${entry.spaceGroup}` : entry.formula;
}

/** The hull voltage profile from `lithiated` down to `delithiated` (one name, or a mixture). */
export function voltageProfile(
  entries: readonly PhaseEntry[],
  lithiated: string,
  delithiated: string | readonly string[],
  options: ProfileOptions = {},
): VoltageProfile {
  const ion = options.ion ?? "Li";
  const ends: VoltageEnds = voltageEnds(entries, lithiated, delithiated, options);
  const xHigh = ends.lithiated.lithium;
  const xLow = ends.delithiated.lithium;
  const endGroups = new Set<number>();
  for (const p of [...ends.lithiated.phases, ...ends.delithiated.phases]) if (p.entry.spaceGroup !== undefined) endGroups.add(p.entry.spaceGroup);
  const restricted = ends.byStructure && endGroups.size > 0;

  // per host unit: a composition Li_n H' with H' = r * host has x = n / r and E = e * atoms / r
  const onLine = (composition: PhaseEntry["composition"]) => {
    const r = compositionRatio(ends.host, withoutElement(composition, ion));
    return r === null ? null : { r, x: (composition[ion] ?? 0) / r };
  };
  const inside = (x: number) => x > xLow + 1e-9 && x < xHigh - 1e-9;
  const best = new Map<string, VoltagePoint>();
  for (const e of entries) {
    const line = onLine(e.composition);
    if (!line || !inside(line.x)) continue;
    if (restricted && !(e.spaceGroup !== undefined && endGroups.has(e.spaceGroup))) continue;
    const energy = (e.energyPerAtom * atomCount(e.composition)) / line.r;
    const key = compositionKey(e.composition);
    const previous = best.get(key);
    if (!previous || energy < previous.energy) best.set(key, { label: groupLabel(e), lithium: line.x, energy, entries: [e], aboveHull: 0 });
  }
  (options.intermediates ?? []).forEach((name, i) => {
    const phase: NamedPhase = resolvePhase(entries, name, { field: `intermediates[${i}]`, file: options.file });
    const line = onLine(phase.composition);
    if (!line || !inside(line.x)) {
      throw new PotmapError(`an intermediate must be Li_x of the host ${hostText(ends.host)} with x between ${xLow} and ${xHigh}`, { file: options.file, field: `intermediates[${i}]`, value: name });
    }
    const energy = (phase.entry.energyPerAtom * atomCount(phase.composition)) / line.r;
    best.set(compositionKey(phase.composition), { label: name, lithium: line.x, energy, entries: [phase.entry], aboveHull: 0 });
  });
  const endPoint = (end: VoltageEnds["lithiated"], label: string): VoltagePoint => ({ label, lithium: end.lithium, energy: end.energy, entries: end.phases.map((p) => p.entry), aboveHull: 0 });
  const names = typeof delithiated === "string" ? delithiated : delithiated.join(" + ");
  const points = [endPoint(ends.delithiated, names), ...[...best.values()].sort((a, b) => a.lithium - b.lithium), endPoint(ends.lithiated, lithiated)];

  // lower convex hull in (x, E), monotone chain; the two ends are always vertices
  const hull: VoltagePoint[] = [];
  for (const p of points) {
    while (hull.length >= 2) {
      const [a, b] = [hull[hull.length - 2], hull[hull.length - 1]];
      if ((b.energy - a.energy) * (p.lithium - a.lithium) >= (p.energy - a.energy) * (b.lithium - a.lithium)) hull.pop();
      else break;
    }
    hull.push(p);
  }
  const steps: VoltageStep[] = [];
  for (let k = hull.length - 1; k > 0; k--) {
    const [hi, lo] = [hull[k], hull[k - 1]];
    steps.push({ from: hi.lithium, to: lo.lithium, voltage: openCircuitVoltage(hi, lo, ends.ionEnergy), lithiated: hi.label, delithiated: lo.label });
  }
  for (const p of points) p.aboveHull = Math.max(0, p.energy - hullEnergyAt(hull, p.lithium));
  const average = openCircuitVoltage(ends.lithiated, ends.delithiated, ends.ionEnergy);
  const family = restricted
    ? `intermediates restricted to the space groups of the ends (${[...endGroups].sort((a, b) => a - b).join(", ")})${options.intermediates?.length ? " plus the named ones" : ""}`
    : `every Li_x ${hostText(ends.host)} composition at its lowest-energy entry${options.intermediates?.length ? " (named intermediates as named)" : ""}`;
  return {
    host: hostText(ends.host),
    lithiated,
    delithiated: names,
    average,
    steps,
    hull,
    points,
    family,
    warnings: voltageWarnings([average, ...steps.map((s) => s.voltage)]),
    ionEnergy: ends.ionEnergy,
  };
}

/** Energy of the hull (a two-phase mixture of its neighbouring vertices) at x, per host unit. */
function hullEnergyAt(hull: readonly VoltagePoint[], x: number): number {
  for (let k = 1; k < hull.length; k++) {
    const [lo, hi] = [hull[k - 1], hull[k]];
    if (x <= hi.lithium + 1e-12) return lo.energy + ((hi.energy - lo.energy) * (x - lo.lithium)) / (hi.lithium - lo.lithium);
  }
  return hull[hull.length - 1].energy;
}

/** Where a Li content sits on a profile. */
export interface ProfileState {
  lithium: number;
  /**
   * The local OCV: the voltage of the step on the delithiated side of x (where the state starts
   * to lose Li); at the delithiated end, the voltage of the last step.
   */
  localVoltage: number;
  /** That step. */
  step: VoltageStep;
  /** Eq. 3 average from the hull energy at x to the delithiated end (the local OCV at that end). */
  averageVoltage: number;
  /** True when x lies strictly inside a step (a two-phase mixture of its ends). */
  twoPhase: boolean;
}

/** The local and average voltage at Li content x (xLow <= x <= xHigh). */
export function profileAt(profile: VoltageProfile, x: number): ProfileState {
  const { hull, steps } = profile;
  const low = hull[0].lithium;
  const high = hull[hull.length - 1].lithium;
  if (!Number.isFinite(x) || x < low - 1e-9 || x > high + 1e-9) {
    throw new PotmapError(`the Li content must lie from ${low} to ${high} per ${profile.host} (the profile's ends)`, { field: "lithium", value: x });
  }
  // steps run from the lithiated end; the step on the delithiated side of x has to < x <= from
  const index = steps.findIndex((s) => x > s.to + 1e-9 && x <= s.from + 1e-9);
  const step = index >= 0 ? steps[index] : steps[steps.length - 1];
  const twoPhase = x > step.to + 1e-9 && x < step.from - 1e-9;
  const energy = hullEnergyAt(hull, x);
  const averageVoltage = x > low + 1e-9 ? openCircuitVoltage({ lithium: x, energy }, hull[0], profile.ionEnergy) : step.voltage;
  return { lithium: x, localVoltage: step.voltage, step, averageVoltage, twoPhase };
}
