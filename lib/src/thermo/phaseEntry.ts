/**
 * A phase entry (a composition with its formation energy per atom) and the pure queries on a
 * list of entries: formation energies from total energies, the lowest entry per composition,
 * lookup by formula. Reading entries from files: io/phaseEntries.ts.
 */
import { PotmapError } from "../core/errors";
import { Composition, atomCount, compositionKey, formulaElements, parseFormula, reducedFormula } from "./formula";

export interface PhaseEntry {
  /** Formula as written in the source ("Li3O4P1", or reduced from a JSON composition). */
  formula: string;
  composition: Composition;
  /** Formation energy per atom relative to the elemental references, eV/atom. */
  energyPerAtom: number;
  /** Identifier from the source (material_id / entry_id), if any. */
  id?: string;
  /** Where the entry came from ("file, line 12"), for messages. */
  source?: string;
  /** The file the entry was read from: entries of two files are never mixed in one hull. */
  file?: string;
  /** Space group number (1-230) of the entry's structure, when the source gives it. */
  spaceGroup?: number;
}

/**
 * Convert total energies per atom into formation energies per atom, relative
 * to the lowest-energy elemental entry of each element (the convention of
 * phase-diagram codes). Pure; `file` only names the data in errors.
 */
export function formationEnergies(entries: readonly PhaseEntry[], file?: string): PhaseEntry[] {
  const references = new Map<string, number>();
  for (const e of entries) {
    const elements = Object.keys(e.composition);
    if (elements.length !== 1) continue;
    const previous = references.get(elements[0]);
    if (previous === undefined || e.energyPerAtom < previous) references.set(elements[0], e.energyPerAtom);
  }
  return entries.map((e) => {
    let reference = 0;
    for (const symbol of formulaElements(e.composition)) {
      const mu = references.get(symbol);
      if (mu === undefined) {
        throw new PotmapError(
          `no elemental entry for ${symbol}: formation energies from total energies need the lowest-energy entry of every element`,
          { file: e.source ?? file, field: "composition", value: e.formula },
        );
      }
      reference += e.composition[symbol] * mu;
    }
    return { ...e, energyPerAtom: e.energyPerAtom - reference / atomCount(e.composition) };
  });
}

/**
 * One entry per composition (compositions equal up to scaling count as the
 * same): the lowest in energy per atom. Duplicate polymorphs stay in the
 * list read from a file; every query goes through this.
 */
export function lowestEntries(entries: readonly PhaseEntry[]): PhaseEntry[] {
  const best = new Map<string, PhaseEntry>();
  for (const e of entries) {
    const key = compositionKey(e.composition);
    const previous = best.get(key);
    if (!previous || e.energyPerAtom < previous.energyPerAtom) best.set(key, e);
  }
  return [...best.values()];
}

/** The lowest-energy entry with the composition of `formula` (up to scaling), or undefined. */
export function findEntry(entries: readonly PhaseEntry[], formula: string | Composition): PhaseEntry | undefined {
  const key = compositionKey(typeof formula === "string" ? parseFormula(formula) : formula);
  let best: PhaseEntry | undefined;
  for (const e of entries) {
    if (compositionKey(e.composition) !== key) continue;
    if (!best || e.energyPerAtom < best.energyPerAtom) best = e;
  }
  return best;
}

/** Short description of an entry for messages: "LiCoO2 (mp-22526)". */
export function describeEntry(entry: PhaseEntry): string {
  const group = entry.spaceGroup !== undefined ? `, space group ${entry.spaceGroup}` : "";
  return entry.id ? `${reducedFormula(entry.composition)} (${entry.id}${group})` : `${reducedFormula(entry.composition)}${group ? ` (${group.slice(2)})` : ""}`;
}

/**
 * Refuse a list that mixes entries of two files: different files are different energy scales
 * (code settings, corrections), so one hull or one eq. 3 voltage must come from one of them.
 */
export function requireOneFile(entries: readonly PhaseEntry[], field = "entries"): void {
  const files = new Set<string>();
  for (const e of entries) if (e.file !== undefined) files.add(e.file);
  if (files.size > 1) {
    const [a, b] = files;
    throw new PotmapError(
      `the entries come from ${files.size} files (${a}, ${b}${files.size > 2 ? ", ..." : ""}): energies of different files are on different scales, so one hull or one voltage never mixes them`,
      { field, value: [...files].join(", ") },
    );
  }
}

/** A phase named in a voltage reaction, resolved to one entry. */
export interface NamedPhase {
  /** The name as given: "LiMn2O4", "MnO2@227" or an entry id. */
  name: string;
  entry: PhaseEntry;
  /** The composition as named (the entry's own for an id). */
  composition: Composition;
  /** True when the name fixes the structure (a space group or an entry id), not only the composition. */
  byStructure: boolean;
}

/**
 * Resolve a phase name: an entry id ("agm003215605", "mp-22526"), `FORMULA@SPACEGROUP` (the
 * lowest-energy entry of that composition in that space group, e.g. "MnO2@227" = spinel
 * lambda-MnO2), or a formula (the lowest-energy entry of the composition). Throws a
 * PotmapError naming the field and the name when nothing matches.
 */
export function resolvePhase(entries: readonly PhaseEntry[], name: string, where: { field: string; file?: string }): NamedPhase {
  const text = name.trim();
  const byId = entries.filter((e) => e.id !== undefined && e.id === text);
  if (byId.length > 0) {
    const entry = byId.reduce((a, b) => (b.energyPerAtom < a.energyPerAtom ? b : a));
    return { name: text, entry, composition: entry.composition, byStructure: true };
  }
  const at = text.lastIndexOf("@");
  if (at < 0) {
    const composition = parseFormula(text, where);
    const entry = findEntry(entries, composition);
    if (!entry) throw new PotmapError("no phase entry has this composition", { ...where, value: name });
    return { name: text, entry, composition, byStructure: false };
  }
  const composition = parseFormula(text.slice(0, at), where);
  const groupText = text.slice(at + 1).trim();
  const group = /^[0-9]+$/.test(groupText) ? Number(groupText) : NaN;
  if (!(group >= 1 && group <= 230)) {
    throw new PotmapError("a space group after @ must be an integer from 1 to 230 (FORMULA@SPACEGROUP, e.g. MnO2@227)", { ...where, value: name });
  }
  if (!entries.some((e) => e.spaceGroup !== undefined)) {
    throw new PotmapError("these entries carry no space groups: name the phase by formula or by entry id", { ...where, value: name });
  }
  const key = compositionKey(composition);
  const same = entries.filter((e) => compositionKey(e.composition) === key);
  const matching = same.filter((e) => e.spaceGroup === group);
  if (matching.length === 0) {
    const groups = [...new Set(same.map((e) => e.spaceGroup).filter((g) => g !== undefined))].sort((a, b) => a! - b!);
    throw new PotmapError(
      same.length === 0 ? "no phase entry has this composition" : `no entry of this composition has space group ${group} (its entries have ${groups.join(", ") || "none"})`,
      { ...where, value: name },
    );
  }
  const entry = matching.reduce((a, b) => (b.energyPerAtom < a.energyPerAtom ? b : a));
  return { name: text, entry, composition, byStructure: true };
}
