/**
 * E_F and every concentration as functions of voltage (paper Fig. 4): mu_Li = -e V.
 * Every point carries its guards (site fractions, E_F class, warnings; guards.ts);
 * sweepWarnings condenses them to one line per condition for the whole sweep.
 */
import { DefectSystem } from "./defects";
import { compileSystem, FermiSolution, solveFermiLevel, SolveOptions } from "./neutrality";
import { PotmapWarning, summariseWarnings } from "./guards";
import { PotmapError } from "../core/errors";
import { maxCount, requireCount, requireList, requireNumber } from "../core/arguments";

export interface SweepPoint extends FermiSolution {
  /** Voltage vs Li/Li+, V. */
  voltage: number;
}

/** Evenly spaced values from `from` to `to` inclusive. */
export function linspace(from: number, to: number, points: number): number[] {
  requireNumber(from, "from");
  requireNumber(to, "to");
  requireCount(points, "points", 2, maxCount);
  return Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
}

/** Solve neutrality at each voltage (V vs Li); mu_Li = -V. */
export function sweepVoltage(system: DefectSystem, voltages: number[], options: SolveOptions = {}): SweepPoint[] {
  requireList(voltages, "voltages", { nonEmpty: true }).forEach((v, i) => requireNumber(v, `voltages[${i}]`));
  const compiled = compileSystem(system, options);
  return voltages.map((voltage) => ({ voltage, ...solveFermiLevel(compiled, -voltage, options) }));
}

/** The sweep's warnings, one per condition (and defect), with how many points earned it. */
export function sweepWarnings(points: readonly SweepPoint[]): PotmapWarning[] {
  return summariseWarnings(points);
}

/**
 * dE_F/dV by central differences (V vs Li). -1 for a Frenkel (V_Li/Li_i) balance,
 * -1/2 when a Li defect is balanced by a species whose energy does not depend on mu_Li.
 */
export function fermiLevelSlope(system: DefectSystem, voltage: number, step = 1e-3): number {
  requireNumber(voltage, "voltage");
  // a central difference: a step of 0 divides by zero, one of volts is no derivative
  if (!(requireNumber(step, "step") > 0 && step <= 0.5)) throw new PotmapError("must be a number > 0 and <= 0.5 V", { field: "step", value: step });
  const compiled = compileSystem(system);
  const up = solveFermiLevel(compiled, -(voltage + step)).fermiLevel;
  const down = solveFermiLevel(compiled, -(voltage - step)).fermiLevel;
  return (up - down) / (2 * step);
}
