/**
 * Average intercalation voltage between two lithiation states of one host (paper eq. 3, whose
 * one implementation is thermo/voltage.ts openCircuitVoltage):
 *
 *   V = -(E[Li_a X] - E[Li_b X] - (a - b) E[Li]) / ((a - b) e)
 *
 * Here the two ends are looked up in phase entries and brought to one formula unit of the host X
 * (voltageEnds, shared with the hull profile of thermo/voltageProfile.ts). Each end is a phase
 * name (a formula, `FORMULA@SPACEGROUP` or an entry id, thermo/phaseEntry.ts resolvePhase); the
 * delithiated end may be a mixture of phases whose hosts add up to X (e.g. Li2NiCoO4 against
 * NiO2 + CoO2, because no NiCoO4 entry exists). With formation energies E[Li] is the formation
 * energy of the lowest Li entry, i.e. 0 (also when the file lists no elements).
 *
 * Pure: entries in, a number out. No phase-diagram LP: the two ends are given, not searched for.
 */
import { PotmapError } from "../core/errors";
import { Composition, atomCount, compositionRatio, parseFormula, withoutElement } from "./formula";
import { NamedPhase, PhaseEntry, findEntry, requireOneFile, resolvePhase } from "./phaseEntry";
import { openCircuitVoltage } from "./voltage";

export interface VoltageOptions {
  /** The intercalating element (default "Li"). */
  ion?: string;
  /** File the entries came from, for error messages. */
  file?: string;
}

/** One end of an intercalation reaction, per formula unit of the host X of the lithiated end. */
export interface VoltageEnd {
  /** The phases (one, or a mixture for a delithiated reference). */
  phases: NamedPhase[];
  /** Ions per host unit. */
  lithium: number;
  /** Formation energy per host unit, eV. */
  energy: number;
}

export interface VoltageEnds {
  /** The host X (the lithiated formula without the ion), the unit of `lithium` and `energy`. */
  host: Composition;
  lithiated: VoltageEnd;
  delithiated: VoltageEnd;
  /** E of the ion's metal per atom (0 for formation energies). */
  ionEnergy: number;
  /** True when either end was named by structure (space group or entry id). */
  byStructure: boolean;
}

export interface AverageVoltage {
  /** Average voltage vs the ion's metal, V. */
  voltage: number;
  /** The names as given (a mixture joined by " + "). */
  lithiated: string;
  delithiated: string;
  /** Ions exchanged per formula unit of the lithiated formula's host, a - b. */
  exchanged: number;
  /** The entries used. */
  lithiatedEntry: PhaseEntry;
  delithiatedEntry: PhaseEntry;
  delithiatedEntries: PhaseEntry[];
}

/** Energy of a phase per host unit: its formation energy per formula unit as named, over r. */
function energyOf(phase: NamedPhase): number {
  return phase.entry.energyPerAtom * atomCount(phase.composition);
}

/**
 * The two ends of delithiated + (a - b) ion -> lithiated on one host unit. Throws a PotmapError
 * if the hosts differ, if the lithiated end does not hold more of the ion, if a name matches no
 * entry, or if the entries come from two files.
 */
export function voltageEnds(
  entries: readonly PhaseEntry[],
  lithiated: string,
  delithiated: string | readonly string[],
  options: VoltageOptions = {},
): VoltageEnds {
  const ion = options.ion ?? "Li";
  const file = options.file;
  requireOneFile(entries);
  const names = typeof delithiated === "string" ? [delithiated] : [...delithiated];
  if (names.length === 0) throw new PotmapError("the delithiated end names no phase", { file, field: "delithiated", value: "" });
  const fields = names.map((_, i) => (names.length === 1 ? "delithiated" : `delithiated[${i}]`));
  // compositions first, so that a wrong host or order is reported before a missing entry
  const compA = compositionOfName(entries, lithiated, "lithiated", ion, file);
  const compParts = names.map((n, i) => compositionOfName(entries, n, fields[i], ion, file));
  const hostA = withoutElement(compA, ion);
  const hostB: Record<string, number> = {};
  let ionB = 0;
  for (const c of compParts) {
    ionB += c[ion] ?? 0;
    for (const [el, n] of Object.entries(withoutElement(c, ion))) hostB[el] = (hostB[el] ?? 0) + n;
  }
  // hostB = r * hostA; dividing B by r puts both on the same formula unit of X.
  const r = compositionRatio(hostA, hostB);
  const shown = names.join(" + ");
  if (r === null) {
    throw new PotmapError(
      `lithiated ${lithiated} and delithiated ${shown} do not share the same host (the formulas without ${ion} differ)`,
      { file, field: "delithiated", value: shown },
    );
  }
  const lithiumA = compA[ion] ?? 0;
  const lithiumB = ionB / r;
  if (!(lithiumA - lithiumB > 1e-9)) {
    throw new PotmapError(
      `lithiated formula must contain more ${ion} per host than the delithiated one (${lithiumA} vs ${Number(lithiumB.toPrecision(6))})`,
      { file, field: "lithiated", value: lithiated },
    );
  }
  const a = resolvePhase(entries, lithiated, { field: "lithiated", file });
  const parts = names.map((n, i) => resolvePhase(entries, n, { field: fields[i], file }));
  // E[ion]: formation energies make the elemental reference 0; a file that lists polymorphs of
  // the metal still has its lowest one at 0, and a file without elements means 0 too.
  const ionEntry = findEntry(entries, { [ion]: 1 } as Composition);
  return {
    host: hostA,
    lithiated: { phases: [a], lithium: lithiumA, energy: energyOf(a) },
    delithiated: { phases: parts, lithium: lithiumB, energy: parts.reduce((s, p) => s + energyOf(p), 0) / r },
    ionEnergy: ionEntry ? ionEntry.energyPerAtom : 0,
    byStructure: a.byStructure || parts.some((p) => p.byStructure),
  };
}

/** The composition a name stands for (an entry id's entry, else the formula before any @), with a host. */
function compositionOfName(entries: readonly PhaseEntry[], name: string, field: string, ion: string, file?: string): Composition {
  const byId = entries.find((e) => e.id !== undefined && e.id === name.trim());
  const composition = byId ? byId.composition : parseFormula(name.split("@")[0], { field, file });
  if (Object.keys(withoutElement(composition, ion)).length === 0) {
    throw new PotmapError(`formula has no host: it contains only ${ion}`, { file, field, value: name });
  }
  return composition;
}

/**
 * Average voltage of delithiated + (a - b) Li -> lithiated. The formulas may be written with any
 * scaling ("LiCoO2" and "LiCo2O4" or "Li0.5CoO2"): both are brought to the host of the lithiated
 * formula.
 */
export function averageVoltage(
  entries: readonly PhaseEntry[],
  lithiated: string,
  delithiated: string | readonly string[],
  options: VoltageOptions = {},
): AverageVoltage {
  const ends = voltageEnds(entries, lithiated, delithiated, options);
  const voltage = openCircuitVoltage(ends.lithiated, ends.delithiated, ends.ionEnergy);
  const parts = ends.delithiated.phases.map((p) => p.entry);
  return {
    voltage,
    lithiated,
    delithiated: typeof delithiated === "string" ? delithiated : delithiated.join(" + "),
    exchanged: ends.lithiated.lithium - ends.delithiated.lithium,
    lithiatedEntry: ends.lithiated.phases[0].entry,
    delithiatedEntry: parts[0],
    delithiatedEntries: parts,
  };
}

/** Eq. 3 against a mixture of delithiated phases (a voltage only; kept for its callers). */
export function reactionVoltage(entries: readonly PhaseEntry[], lithiated: string, delithiated: readonly string[]): number {
  return averageVoltage(entries, lithiated, delithiated).voltage;
}
