/**
 * E_F(mu_Li) of any material: fixed, or from defect chemistry (solved once per call
 * site with a compiled system so that profiles and sweeps stay cheap).
 */
import { FermiRule } from "./materials";
import { compileSystem, solveFermiLevel } from "../defects/neutrality";

/** A function mu_Li (eV) -> E_F (eV above the VBM), optionally at another temperature. */
export function fermiLevelFunction(rule: FermiRule, temperature?: number): (muLi: number) => number {
  if (rule.rule === "fixed") return () => rule.value;
  const system = temperature === undefined ? rule.system : { ...rule.system, temperature };
  const compiled = compileSystem(system);
  return (muLi) => solveFermiLevel(compiled, muLi).fermiLevel;
}
