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
  return entry.id ? `${reducedFormula(entry.composition)} (${entry.id})` : reducedFormula(entry.composition);
}
