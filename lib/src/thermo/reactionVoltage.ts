/**
 * Eq. 3 when the delithiated reference is a mixture of phases (e.g. Li2NiCoO4 against
 * NiO2 + CoO2, because no NiCoO4 entry exists): the host X is the sum of the parts.
 *
 *   OCV = -(E[Li_a X] - sum_i E[part_i] - a' E[Li]) / a'
 *
 * with formation energies per formula unit (so E[Li] = 0) and a' the Li exchanged.
 */
import { PotmapError } from "../core/errors";
import { atomCount, Composition, parseFormula, withoutElement } from "./formula";
import { findEntry, PhaseEntry } from "./phaseEntry";

function energyOf(entries: readonly PhaseEntry[], formula: string, field: string): { energy: number; composition: Composition } {
  const composition = parseFormula(formula, { field });
  const entry = findEntry(entries, composition);
  if (!entry) throw new PotmapError("no phase entry has this composition", { field, value: formula });
  return { energy: entry.energyPerAtom * atomCount(composition), composition };
}

/**
 * Eq. 3 against a mixture of phases, V vs Li/Li+: -(E[lithiated] - sum E[delithiated]) / n_Li
 * with energies from the phase entries (eV/atom, Li metal at 0) and n_Li the Li exchanged.
 */
export function reactionVoltage(entries: readonly PhaseEntry[], lithiated: string, delithiated: string[]): number {
  const a = energyOf(entries, lithiated, "lithiated");
  const parts = delithiated.map((f, i) => energyOf(entries, f, `delithiated[${i}]`));
  const host: Record<string, number> = {};
  let liParts = 0;
  for (const p of parts) {
    liParts += p.composition.Li ?? 0;
    for (const [el, n] of Object.entries(withoutElement(p.composition, "Li"))) host[el] = (host[el] ?? 0) + n;
  }
  const target = withoutElement(a.composition, "Li");
  const elements = new Set([...Object.keys(host), ...Object.keys(target)]);
  // exact equality, not up to scaling: the energies are per formula unit as written
  if ([...elements].some((el) => Math.abs((host[el] ?? 0) - (target[el] ?? 0)) > 1e-9)) {
    throw new PotmapError(`the delithiated phases do not add up to the host of ${lithiated}`, { field: "delithiated", value: delithiated.join(" + ") });
  }
  const exchanged = (a.composition.Li ?? 0) - liParts;
  if (!(exchanged > 0)) throw new PotmapError("the lithiated formula must hold more Li than the delithiated phases", { field: "lithiated", value: lithiated });
  const reference = parts.reduce((s, p) => s + p.energy, 0);
  return -(a.energy - reference) / exchanged;
}
