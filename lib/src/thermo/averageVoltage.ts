/**
 * Average intercalation voltage between two lithiation states of one host
 * (paper eq. 3):
 *
 *   V = -(E[Li_a X] - E[Li_b X] - (a - b) E[Li]) / ((a - b) e)
 *
 * with energies per formula unit of the same host X, from the lowest-energy
 * entry of each composition. With formation energies (PhaseEntry) E[Li] is
 * the formation energy of the lowest Li entry, i.e. 0.
 *
 * Pure: entries in, a number out. No phase-diagram LP is needed because the
 * two end states are given, not searched for.
 */
import { PotmapError } from "../core/errors";
import { Composition, atomCount, compositionRatio, parseFormula, withoutElement } from "./formula";
import { PhaseEntry, findEntry } from "./phaseEntry";

export interface VoltageOptions {
  /** The intercalating element (default "Li"). */
  ion?: string;
  /** File the entries came from, for error messages. */
  file?: string;
}

export interface AverageVoltage {
  /** Average voltage vs the ion's metal, V. */
  voltage: number;
  /** The formulas as given. */
  lithiated: string;
  delithiated: string;
  /** Ions exchanged per formula unit of the lithiated formula's host, a - b. */
  exchanged: number;
  /** The entries used (lowest energy of each composition). */
  lithiatedEntry: PhaseEntry;
  delithiatedEntry: PhaseEntry;
}

/**
 * Average voltage of delithiated + (a - b) Li -> lithiated. The formulas may
 * be written with any scaling ("LiCoO2" and "LiCo2O4" or "Li0.5CoO2"): both
 * are brought to the host of the lithiated formula. Throws a PotmapError if
 * the two do not share a host, if the lithiated formula does not hold more
 * of the ion, or if either composition has no entry.
 */
export function averageVoltage(
  entries: readonly PhaseEntry[],
  lithiated: string,
  delithiated: string,
  options: VoltageOptions = {},
): AverageVoltage {
  const ion = options.ion ?? "Li";
  const file = options.file;
  const compA = parseFormula(lithiated, { field: "lithiated" });
  const compB = parseFormula(delithiated, { field: "delithiated" });
  const hostA = withoutElement(compA, ion);
  const hostB = withoutElement(compB, ion);
  if (Object.keys(hostA).length === 0) {
    throw new PotmapError(`formula has no host: it contains only ${ion}`, { field: "lithiated", value: lithiated });
  }
  if (Object.keys(hostB).length === 0) {
    throw new PotmapError(`formula has no host: it contains only ${ion}`, { field: "delithiated", value: delithiated });
  }
  // hostB = r * hostA; dividing B by r puts both on the same formula unit of X.
  const r = compositionRatio(hostA, hostB);
  if (r === null) {
    throw new PotmapError(
      `lithiated ${lithiated} and delithiated ${delithiated} do not share the same host (the formulas without ${ion} differ)`,
      { field: "delithiated", value: delithiated },
    );
  }
  const a = compA[ion] ?? 0;
  const b = (compB[ion] ?? 0) / r;
  if (!(a - b > 1e-9)) {
    throw new PotmapError(
      `lithiated formula must contain more ${ion} per host than the delithiated one (${a} vs ${Number(b.toPrecision(6))})`,
      { field: "lithiated", value: lithiated },
    );
  }

  const entryA = requireEntry(entries, compA, "lithiated", lithiated, file);
  const entryB = requireEntry(entries, compB, "delithiated", delithiated, file);
  // Energies per formula unit of the host as written in `lithiated`.
  const energyA = entryA.energyPerAtom * atomCount(compA);
  const energyB = (entryB.energyPerAtom * atomCount(compB)) / r;
  // E[Li]: formation energies make the elemental reference 0; a file that
  // lists Li polymorphs still has its lowest one at 0.
  const ionEntry = findEntry(entries, { [ion]: 1 } as Composition);
  const energyIon = ionEntry ? ionEntry.energyPerAtom : 0;

  const voltage = -(energyA - energyB - (a - b) * energyIon) / (a - b);
  return {
    voltage,
    lithiated,
    delithiated,
    exchanged: a - b,
    lithiatedEntry: entryA,
    delithiatedEntry: entryB,
  };
}

function requireEntry(
  entries: readonly PhaseEntry[],
  composition: Composition,
  field: string,
  formula: string,
  file?: string,
): PhaseEntry {
  const entry = findEntry(entries, composition);
  if (!entry) {
    throw new PotmapError("no phase entry has this composition", { file, field, value: formula });
  }
  return entry;
}
