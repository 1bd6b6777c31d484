/**
 * E_F(mu_Li) of any material: fixed, or from defect chemistry (solved once per call
 * site with a compiled system so that profiles and sweeps stay cheap).
 */
import { PotmapError } from "../core/errors";
import { roomTemperature } from "../core/constants";
import { compileSystem, FermiSolution, solveFermiLevel, solveFermiLevelValue } from "../defects/neutrality";
import { DefectSystem, effectiveBandGap } from "../defects/defects";
import { bandLimit, classifyFermiLevel, FermiLevelClass, GuardContext, PotmapWarning } from "../defects/guards";
import { Electrolyte, FermiRule } from "./materials";
import { requireNumber, requireObject } from "../core/arguments";
import { checkElectrolyte } from "./checkArguments";

/**
 * A function mu_Li (eV) -> E_F (eV above the VBM), optionally at another temperature.
 * `scissor` (eV), when given, replaces the defect system's own: it raises the conduction band
 * for the electron statistics (defects/carriers.ts), so that E_F and the drawn CBM use one gap.
 */
export function fermiLevelFunction(rule: FermiRule, temperature?: number, scissor?: number): (muLi: number) => number {
  requireObject(rule, "fermiLevel");
  if (rule.rule === "fixed") {
    const value = requireNumber(rule.value, "fermiLevel.value");
    return () => value;
  }
  let system = temperature === undefined ? rule.system : { ...rule.system, temperature };
  if (scissor !== undefined) system = { ...system, scissor };
  const compiled = compileSystem(system);
  // the root alone (same number and errors as solveFermiLevel(...).fermiLevel, tested)
  return (muLi) => solveFermiLevelValue(compiled, muLi);
}

/**
 * E_F(mu_Li) of an electrolyte with its record's gap and scissor in the carrier statistics
 * (electrolyteSystem), optionally at another temperature; errors name the record's file.
 */
export function electrolyteFermiLevel(electrolyte: Electrolyte, temperature?: number): (muLi: number) => number {
  checkElectrolyte(electrolyte);
  const rule = electrolyte.fermiLevel;
  if (rule.rule === "fixed") return () => rule.value;
  const compiled = compiledElectrolyte(electrolyte, temperature);
  return (muLi) => inRecord(electrolyte, () => solveFermiLevelValue(compiled, muLi));
}

/** The electrolyte's system (electrolyteSystem: its gap and scissor), compiled once, optionally at another temperature. */
function compiledElectrolyte(electrolyte: Electrolyte, temperature?: number) {
  const base = electrolyteSystem(electrolyte);
  return compileSystem(temperature === undefined ? base : { ...base, temperature });
}

/**
 * Run a solve for an electrolyte; a PotmapError that names no file (the solver knows none)
 * gets the record's file, so "charge neutrality has no root" says where to look.
 */
export function inRecord<T>(electrolyte: Electrolyte, solve: () => T): T {
  try {
    return solve();
  } catch (error) {
    if (error instanceof PotmapError && error.file === undefined && electrolyte.file !== undefined) {
      throw new PotmapError(error.reason, { file: electrolyte.file, ...(error.field !== undefined ? { field: error.field } : {}), ...(error.value !== undefined ? { value: error.value } : {}) });
    }
    throw error;
  }
}

/**
 * The electrolyte's defect system as the physics uses it: the electrolyte's band gap and scissor
 * moved into the system. One gap per electrolyte: `Electrolyte.bandGap` is the source; the
 * system's own copy (equal when read from a record) is overwritten here, so a what-if that moves
 * the electrolyte's gap moves the carriers' too.
 */
export function electrolyteSystem(electrolyte: Electrolyte): DefectSystem {
  checkElectrolyte(electrolyte);
  if (electrolyte.fermiLevel.rule !== "defects") {
    throw new PotmapError(`${electrolyte.id} has a fixed Fermi level: there is no defect system`, { field: "fermiLevel.rule", value: electrolyte.fermiLevel.rule });
  }
  const system = electrolyte.fermiLevel.system;
  if (system.bandGap === electrolyte.bandGap && (electrolyte.scissor === undefined || system.scissor === electrolyte.scissor)) return system;
  return { ...system, bandGap: electrolyte.bandGap, ...(electrolyte.scissor === undefined ? {} : { scissor: electrolyte.scissor }) };
}

/**
 * What an electrolyte's results are checked against (guards.ts): its id, what its record
 * declares (degenerate E_F, temperature range) and, with `withWindow`, its window, so that
 * evaluations at voltages outside it are flagged.
 */
export function guardContextOf(electrolyte: Electrolyte, withWindow = false): GuardContext {
  const context: GuardContext = { material: electrolyte.id };
  if (electrolyte.declaredDegenerate) context.declaredDegenerate = true;
  if (electrolyte.validTemperature) context.validTemperature = electrolyte.validTemperature;
  if (electrolyte.transport) context.transport = electrolyte.transport;
  if (electrolyte.conductionNote) context.conductionNote = electrolyte.conductionNote;
  if (withWindow) context.window = electrolyte.window;
  return context;
}

/** E_F with its class and warnings at one mu_Li (the full solution for a defect system). */
export interface GuardedFermiLevel {
  fermiLevel: number;
  fermiLevelClass: FermiLevelClass;
  warnings: PotmapWarning[];
  /** The neutrality solution, for an electrolyte whose E_F comes from defects. */
  solution?: FermiSolution;
}

/**
 * mu_Li -> E_F with guards for an electrolyte: the defect solution (site fractions, residual,
 * temperature range) or, for a fixed E_F, its position in the gap. Same numbers as
 * fermiLevelFunction.
 */
export function guardedFermiLevelFunction(electrolyte: Electrolyte, temperature?: number, withWindow = false): (muLi: number) => GuardedFermiLevel {
  const context = guardContextOf(electrolyte, withWindow);
  const rule = electrolyte.fermiLevel;
  if (rule.rule === "fixed") {
    return () => fixedFermiLevelGuards(rule.value, effectiveBandGap(electrolyte), temperature ?? roomTemperature, context);
  }
  // the record's scissor enters the carrier statistics (electrolyteSystem)
  const compiled = compiledElectrolyte(electrolyte, temperature);
  return (muLi) => {
    const solution = inRecord(electrolyte, () => solveFermiLevel(compiled, muLi, { context }));
    return { fermiLevel: solution.fermiLevel, fermiLevelClass: solution.fermiLevelClass, warnings: solution.warnings, solution };
  };
}

/**
 * Guards from E_F alone (a fixed E_F, or screening's cached values): its class, and a warning
 * when it is degenerate and the record does not declare so.
 */
export function fixedFermiLevelGuards(fermiLevel: number, bandGap: number, temperature: number, context: GuardContext = {}, muLi?: number): GuardedFermiLevel {
  const fermiLevelClass = classifyFermiLevel(fermiLevel, bandGap, temperature);
  const warnings: PotmapWarning[] = [];
  if ((fermiLevelClass === "degenerate-n" || fermiLevelClass === "degenerate-p") && !context.declaredDegenerate) {
    const who = context.material ? `${context.material}: ` : "";
    warnings.push({
      code: "fermi-level-degenerate",
      message: `${who}E_F = ${fermiLevel.toFixed(3)} eV is ${fermiLevelClass === "degenerate-n" ? "at or above the CBM" : "at or below the VBM"} (gap ${bandGap} eV)${muLi === undefined ? "" : ` at ${-muLi} V vs Li`}: ${fermiLevelClass}, a metal, though the record does not declare fermiLevel.declaredDegenerate`,
    });
  }
  if (!(fermiLevel >= -bandLimit && fermiLevel <= bandGap + bandLimit)) {
    const who = context.material ? `${context.material}: ` : "";
    warnings.push({
      code: "fermi-level-outside-bands",
      message: `${who}E_F = ${fermiLevel.toFixed(3)} eV lies more than ${bandLimit} eV outside the gap (0 to ${bandGap} eV)${muLi === undefined ? "" : ` at ${-muLi} V vs Li`}: the defect model does not hold there`,
    });
  }
  return { fermiLevel, fermiLevelClass, warnings };
}
