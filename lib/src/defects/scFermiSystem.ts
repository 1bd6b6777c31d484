/**
 * SC-FERMI / py-sc-fermi inputs as a DefectSystem (model.md section 2, cli.md `potmap fermi`):
 * the plain data read from input-fermi.dat, totdos.dat and unitcell.dat (the readers are in
 * io/scFermi.ts), the DefectSystem they describe, and its self-consistent Fermi level.
 */
import { Carriers } from "./carriers";
import { cubicAngstrom } from "../core/constants";
import { Defect, DefectResult, DefectSystem, Dopant } from "./defects";
import { PotmapError } from "../core/errors";
import { requirePositive } from "../core/validation";
import { FermiSolution, solveFermiLevel, SolveOptions } from "./neutrality";
import { FermiLevelClass, PotmapWarning, siteFraction, solutionWarnings } from "./guards";
import { requireObject } from "../core/arguments";

// ---------------------------------------------------------------- types

export interface ScFermiChargeState {
  charge: number;
  /** Formation energy at E_F = VBM, eV. */
  energy: number;
  degeneracy: number;
  /** 1-based line number in the input file. */
  line: number;
}

export interface ScFermiDefect {
  name: string;
  /** Sites per unit cell. */
  nsites: number;
  chargeStates: ScFermiChargeState[];
  line: number;
}

export interface ScFermiFrozenDefect {
  name: string;
  /** Total concentration, cm^-3. */
  concentration: number;
  line: number;
}

export interface ScFermiFrozenChargeState {
  name: string;
  charge: number;
  /** Concentration, cm^-3. */
  concentration: number;
  line: number;
}

export interface ScFermiInput {
  file: string;
  spinPolarised: boolean;
  /** Electrons in the cell the DOS was computed for. */
  electrons: number;
  /** eV */
  bandGap: number;
  /** K */
  temperature: number;
  defects: ScFermiDefect[];
  frozenDefects: ScFermiFrozenDefect[];
  frozenChargeStates: ScFermiFrozenChargeState[];
}

export interface ScFermiDos {
  file: string;
  spinPolarised: boolean;
  /** eV relative to the VBM, strictly ascending. */
  energies: number[];
  /** states/eV per cell; for spin-polarised data |up| + |down|. */
  dos: number[];
  /** 1-based line number of every row. */
  lines: number[];
}

export interface ScFermiUnitCell {
  file: string;
  scale: number;
  /** Lattice vectors as rows, Angstrom (before scaling). */
  lattice: number[][];
  /** |det(lattice)| * scale^3, cubic Angstrom. */
  volume: number;
}

/** A DefectSystem built from SC-FERMI inputs, with a note when carriers are approximated. */
export interface ScFermiSystem extends DefectSystem {
  /** Set when the carrier model is a fallback (no totdos.dat). */
  note?: string;
  /** Cell volume used to convert per-cell counts, cubic Angstrom. */
  volume: number;
  /** The input-fermi.dat it was read from, named by a solver error. */
  file?: string;
}

/** The self-consistent solution in the shape cli.md prints (lists, not yet keyed by name). */
export interface ScFermiResult {
  /** eV above the VBM */
  fermiLevel: number;
  /** cm^-3 */
  electrons: number;
  /** cm^-3 */
  holes: number;
  /** Every defect, frozen charge states included under their defect's name. */
  defects: DefectResult[];
  residual: number;
  temperature: number;
  bandGap: number;
  /** Where E_F sits relative to the band edges (guards.ts). */
  fermiLevelClass: FermiLevelClass;
  /** Unphysical or extrapolated conditions, frozen totals above their site density included. */
  warnings: PotmapWarning[];
  note?: string;
}

// ---------------------------------------------------------------- DefectSystem

export interface ScFermiSystemOptions {
  /** Override the temperature of input-fermi.dat, K. */
  temperature?: number;
}

/**
 * Build the DefectSystem: sites = nsites / volume (cm^-3); frozen totals become
 * `frozenConcentration`; frozen charge states become Dopants (named after their defect) and
 * leave the defect's equilibrium list; when the defect's total is also frozen its other
 * charge states share the rest. Carriers come from the tabulated DOS, else from parabolic
 * bands with effective masses 1 (and `note` says so).
 */
export function scFermiSystem(
  input: ScFermiInput,
  dos: ScFermiDos | undefined,
  volume: number,
  options: ScFermiSystemOptions = {},
): ScFermiSystem {
  if (!(volume > 0) || !Number.isFinite(volume)) {
    throw new PotmapError("the cell volume must be a positive number of cubic Angstrom", { field: "volume", value: volume });
  }
  const temperature = options.temperature ?? input.temperature;
  requirePositive(temperature, { field: "temperature" }, "K");
  const perCell = 1 / (volume * cubicAngstrom);
  const dopants: Dopant[] = [];
  const defects: Defect[] = input.defects.map((d) => {
    const fixed = input.frozenChargeStates.filter((f) => f.name === d.name);
    const frozen = input.frozenDefects.find((f) => f.name === d.name);
    const chargeStates = d.chargeStates
      .filter((s) => !fixed.some((f) => f.charge === s.charge))
      .map((s) => ({ charge: s.charge, energy: s.energy, degeneracy: s.degeneracy }));
    const defect: Defect = { name: d.name, sites: d.nsites * perCell, chargeStates };
    if (frozen) {
      // a frozen total above the defect's site density has no physical meaning: more defects
      // than sites (SC-FERMI takes it as given; we refuse it rather than report 3e30 in 2.5e22)
      if (frozen.concentration > defect.sites) {
        fail(input.file, frozen.line, `${d.name} frozen concentration`, frozen.concentration, `must be at most the site density of ${d.name}, ${d.nsites} sites per cell = ${defect.sites.toExponential(3)} cm^-3: more defects than sites`);
      }
      const fixedSum = fixed.reduce((sum, f) => sum + f.concentration, 0);
      const rest = frozen.concentration - fixedSum;
      if (rest < 0) {
        fail(
          input.file,
          frozen.line,
          `${d.name} frozen concentration`,
          frozen.concentration,
          `the frozen total is smaller than the frozen charge states of ${d.name} (${fixedSum.toExponential(3)} cm^-3)`,
        );
      }
      if (chargeStates.length === 0 && rest > 0) {
        fail(input.file, frozen.line, `${d.name} frozen concentration`, frozen.concentration, `every charge state of ${d.name} is frozen individually, so its total cannot also be frozen to a different value`);
      }
      defect.frozenConcentration = rest;
    }
    return defect;
  });
  for (const f of input.frozenChargeStates) {
    dopants.push({ name: f.name, charge: f.charge, concentration: f.concentration });
  }

  let carriers: Carriers;
  let note: string | undefined;
  if (dos) {
    checkDosCoversGap(dos, input.bandGap);
    carriers = { kind: "dos", energies: dos.energies, dos: dos.dos, electrons: input.electrons, volume };
  } else {
    carriers = { kind: "parabolic", electronMass: 1, holeMass: 1, statistics: "fermi-dirac" };
    note = "no density of states (totdos.dat) given: electrons and holes from parabolic bands with effective masses 1 m_e";
  }
  const system: ScFermiSystem = { bandGap: input.bandGap, temperature, defects, carriers, dopants, volume, ...(input.file ? { file: input.file } : {}) };
  if (note) system.note = note;
  return system;
}

function checkDosCoversGap(dos: ScFermiDos, bandGap: number): void {
  const n = dos.energies.length;
  const low = dos.energies[0];
  const high = dos.energies[n - 1];
  if (low > 0) {
    fail(dos.file, dos.lines[0], "energy", low, `the density of states must span the gap: it starts above the VBM (0 eV), so there are no valence states`);
  }
  if (high < bandGap) {
    fail(dos.file, dos.lines[n - 1], "energy", high, `the density of states must span the gap: it ends below the CBM (${bandGap} eV, the band gap in input-fermi.dat)`);
  }
  const midGap = bandGap / 2;
  if (!dos.dos.some((g, i) => g > 0 && dos.energies[i] <= midGap)) {
    fail(dos.file, undefined, "dos", 0, "the density of states is zero everywhere below mid-gap: nothing to normalise to the number of electrons");
  }
}

/**
 * Solve charge neutrality at mu_Li = 0 (SC-FERMI energies already contain the chemical
 * potentials) and report frozen charge states under their defect's name.
 */
export function solveScFermi(system: ScFermiSystem, options: SolveOptions = {}): ScFermiResult {
  requireObject(system, "system");
  let solution: FermiSolution;
  try {
    solution = solveFermiLevel(system, 0, options);
  } catch (error) {
    // the solver knows no file: name the input the system came from
    if (error instanceof PotmapError && error.file === undefined && system.file !== undefined) {
      throw new PotmapError(error.reason, { file: system.file, ...(error.field !== undefined ? { field: error.field } : {}) });
    }
    throw error;
  }
  const defects: DefectResult[] = solution.defects.map((d) => ({ ...d, charges: { ...d.charges } }));
  for (const dopant of system.dopants ?? []) {
    let entry = defects.find((d) => d.name === dopant.name);
    if (!entry) {
      entry = { name: dopant.name, total: 0, charges: {} };
      defects.push(entry);
    }
    const key = String(dopant.charge);
    entry.charges[key] = (entry.charges[key] ?? 0) + dopant.concentration;
    entry.total += dopant.concentration;
    entry.frozen = true;
  }
  // site fractions of the merged entries: a frozen charge state counts against its defect's sites
  // (a fixed charge that is not one of the defects has no site density: no fraction)
  const sites = defects.map((d) => system.defects.find((x) => x.name === d.name)?.sites);
  defects.forEach((d, i) => {
    const n = sites[i];
    if (n === undefined) return;
    const fractions: Record<string, number> = {};
    for (const [q, c] of Object.entries(d.charges)) fractions[q] = siteFraction(c, n);
    d.siteFraction = siteFraction(d.total, n);
    d.siteFractions = fractions;
  });
  const merged = { ...solution, defects };
  const result: ScFermiResult = {
    fermiLevel: solution.fermiLevel,
    electrons: solution.electrons,
    holes: solution.holes,
    defects,
    residual: solution.residual,
    temperature: solution.temperature,
    bandGap: system.bandGap,
    fermiLevelClass: solution.fermiLevelClass,
    warnings: solutionWarnings(merged, system.bandGap, sites, { occupancy: options.occupancy ?? system.occupancy, where: `at ${solution.temperature} K`, ...options.context }),
  };
  if (system.note) result.note = system.note;
  return result;
}

/** One error naming the input file, its line and the value (the readers' format). */
function fail(file: string, line: number | undefined, what: string, value: unknown, reason: string): never {
  const field = line === undefined ? what : `line ${line} (${what})`;
  throw new PotmapError(reason, value === undefined ? { file, field } : { file, field, value });
}
