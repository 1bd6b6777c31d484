/**
 * E_F(mu_Li) of any material: fixed, or from defect chemistry (solved once per call
 * site with a compiled system so that profiles and sweeps stay cheap).
 */
import { PotmapError } from "../core/errors";
import { compileSystem, solveFermiLevel } from "../defects/neutrality";
import { DefectSystem } from "../defects/defects";
import { Electrolyte, FermiRule } from "./materials";

/**
 * A function mu_Li (eV) -> E_F (eV above the VBM), optionally at another temperature.
 * `scissor` (eV), when given, replaces the defect system's own: it raises the conduction band
 * for the electron statistics (defects/carriers.ts), so that E_F and the drawn CBM use one gap.
 */
export function fermiLevelFunction(rule: FermiRule, temperature?: number, scissor?: number): (muLi: number) => number {
  if (rule.rule === "fixed") return () => rule.value;
  let system = temperature === undefined ? rule.system : { ...rule.system, temperature };
  if (scissor !== undefined) system = { ...system, scissor };
  const compiled = compileSystem(system);
  return (muLi) => solveFermiLevel(compiled, muLi).fermiLevel;
}

/** E_F(mu_Li) of an electrolyte with its record's scissor in the carrier statistics. */
export function electrolyteFermiLevel(electrolyte: Electrolyte, temperature?: number): (muLi: number) => number {
  return fermiLevelFunction(electrolyte.fermiLevel, temperature, electrolyte.scissor);
}

/**
 * The electrolyte's defect system as the physics uses it: the record's scissor moved into
 * the system (the record keeps the gap of the calculation and the scissor apart).
 */
export function electrolyteSystem(electrolyte: Electrolyte): DefectSystem {
  if (electrolyte.fermiLevel.rule !== "defects") {
    throw new PotmapError(`${electrolyte.id} has a fixed Fermi level: there is no defect system`, { field: "fermiLevel.rule", value: electrolyte.fermiLevel.rule });
  }
  const system = electrolyte.fermiLevel.system;
  return electrolyte.scissor === undefined ? system : { ...system, scissor: electrolyte.scissor };
}
