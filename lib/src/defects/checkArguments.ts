/**
 * Run-time checks of the defects, charge states and systems a caller hands to the defect
 * functions (formation energies, concentrations, neutrality, sweeps): the shapes (an object,
 * a list of charge states) before any property is read, so that `defectConcentration(null,
 * ...)` or `compileSystem({ defects: null })` throw one PotmapError naming the argument, not a
 * bare TypeError. The numbers inside a system are checked by validateSystem (neutrality.ts).
 */
import { PotmapError } from "../core/errors";
import { requireList, requireNumber, requireObject } from "../core/arguments";
import type { ChargeState, Defect, DefectSystem } from "./defects";

export function checkChargeState(value: unknown, field = "state"): ChargeState {
  const s = requireObject(value, field);
  requireNumber(s.charge, `${field}.charge`);
  if (!Number.isInteger(s.charge)) throw new PotmapError("a charge state must be an integer", { field: `${field}.charge`, value: s.charge });
  requireNumber(s.energy, `${field}.energy`);
  if (s.degeneracy !== undefined && !(requireNumber(s.degeneracy, `${field}.degeneracy`) > 0)) {
    throw new PotmapError("must be positive", { field: `${field}.degeneracy`, value: s.degeneracy });
  }
  return value as ChargeState;
}

export function checkDefect(value: unknown, field = "defect"): Defect {
  const d = requireObject(value, field);
  if (typeof d.name !== "string") throw new PotmapError("expected the defect's name (text)", { field: `${field}.name`, value: d.name });
  const sites = requireNumber(d.sites, `${field}.sites`);
  if (!(sites >= 0)) throw new PotmapError("must be zero or positive (cm^-3)", { field: `${field}.sites`, value: sites });
  if (d.lithium !== undefined) requireNumber(d.lithium, `${field}.lithium`);
  requireList(d.chargeStates, `${field}.chargeStates`, { nonEmpty: true }).forEach((s, k) => checkChargeState(s, `${field}.chargeStates[${k}]`));
  if (d.species !== undefined) for (const [element, n] of Object.entries(requireObject(d.species, `${field}.species`))) requireNumber(n, `${field}.species.${element}`);
  return value as Defect;
}

/**
 * The shape of a defect system: an object with a list of defects (each an object with a list
 * of charge states), optional dopants and potentials; fields named as validateSystem names
 * them ("defects[0].chargeStates"), which then checks the numbers.
 */
export function checkSystemShape(value: unknown, field = "system"): DefectSystem {
  const s = requireObject(value, field);
  requireList(s.defects, "defects").forEach((d, k) => {
    const defect = requireObject(d, `defects[${k}]`);
    if (typeof defect.name !== "string" || defect.name === "") throw new PotmapError("expected the defect's name (text)", { field: `defects[${k}].name`, value: defect.name });
    if (defect.lithium !== undefined) requireNumber(defect.lithium, `defects[${k}].lithium`);
    if (defect.species !== undefined) for (const [element, n] of Object.entries(requireObject(defect.species, `defects[${k}].species`))) requireNumber(n, `defects[${k}].species.${element}`);
    requireList(defect.chargeStates, `defects[${k}].chargeStates`).forEach((c, j) => requireObject(c, `defects[${k}].chargeStates[${j}]`));
  });
  if (s.dopants !== undefined) requireList(s.dopants, "dopants").forEach((d, k) => requireObject(d, `dopants[${k}]`));
  if (s.potentials !== undefined) for (const [element, p] of Object.entries(requireObject(s.potentials, "potentials"))) requireObject(p, `potentials.${element}`);
  checkCarriers(s.carriers);
  return value as DefectSystem;
}

/** A carrier model: none, parabolic bands (two masses) or a tabulated DOS (equal-length lists). */
function checkCarriers(value: unknown): void {
  const c = requireObject(value, "carriers");
  if (c.kind === "none") return;
  if (c.kind === "parabolic") {
    requireNumber(c.electronMass, "carriers.electronMass");
    requireNumber(c.holeMass, "carriers.holeMass");
    return;
  }
  if (c.kind === "dos") {
    const energies = requireList(c.energies, "carriers.energies", { nonEmpty: true });
    const dos = requireList(c.dos, "carriers.dos", { nonEmpty: true });
    if (energies.length !== dos.length) throw new PotmapError(`energies and dos differ in length (${energies.length} and ${dos.length})`, { field: "carriers.dos", value: dos.length });
    energies.forEach((e, i) => requireNumber(e, `carriers.energies[${i}]`));
    dos.forEach((g, i) => requireNumber(g, `carriers.dos[${i}]`));
    requireNumber(c.electrons, "carriers.electrons");
    requireNumber(c.volume, "carriers.volume");
    return;
  }
  throw new PotmapError(`expected "none", "parabolic" or "dos"`, { field: "carriers.kind", value: c.kind });
}
