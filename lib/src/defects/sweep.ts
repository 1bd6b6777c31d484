/**
 * E_F and every concentration as functions of voltage (paper Fig. 4): mu_Li = -e V.
 * Every point carries its guards (site fractions, E_F class, warnings; guards.ts);
 * sweepWarnings condenses them to one line per condition for the whole sweep.
 */
import { DefectSystem } from "./defects";
import { compileSystem, FermiSolution, solveFermiLevel, SolveOptions } from "./neutrality";
import { PotmapWarning, summariseWarnings } from "./guards";
import { PotmapError } from "../core/errors";

export interface SweepPoint extends FermiSolution {
  /** Voltage vs Li/Li+, V. */
  voltage: number;
}

/** Evenly spaced values from `from` to `to` inclusive. */
export function linspace(from: number, to: number, points: number): number[] {
  if (!Number.isInteger(points) || points < 2) {
    throw new PotmapError("a sweep needs an integer number of points >= 2", { field: "points", value: points });
  }
  return Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
}

/** Solve neutrality at each voltage (V vs Li); mu_Li = -V. */
export function sweepVoltage(system: DefectSystem, voltages: number[], options: SolveOptions = {}): SweepPoint[] {
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
  const compiled = compileSystem(system);
  const up = solveFermiLevel(compiled, -(voltage + step)).fermiLevel;
  const down = solveFermiLevel(compiled, -(voltage - step)).fermiLevel;
  return (up - down) / (2 * step);
}
