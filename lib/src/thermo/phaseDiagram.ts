/**
 * Convex-hull and grand-potential decompositions as linear programs.
 *
 * Instead of building hull facets (awkward beyond three elements, and the
 * data here has up to four), every question is one LP over the phase
 * entries: the lowest-energy mixture of phases x_i >= 0 that conserves the
 * amount of each element. For a system open to one element (Li) at chemical
 * potential mu, that element is not conserved and each phase pays
 * -n_open,i * mu instead (the grand potential). The LPs are solved with HiGHS
 * (npm `highs`, WebAssembly); no hand-written simplex.
 *
 * Energies are formation energies (eV/atom, PhaseEntry.energyPerAtom), so the
 * open element's reference state has mu = 0 and "voltage" = -mu.
 */
import type { Highs } from "highs";
import { PotmapError } from "../core/errors";
import { Composition, atomCount, formulaElements, parseFormula, reducedFormula } from "./formula";
import { PhaseEntry, lowestEntries } from "./phaseEntry";
import { requireList } from "../core/arguments";

let solverPromise: Promise<Highs> | undefined;

/**
 * The HiGHS solver. Loading compiles WebAssembly asynchronously, so it is
 * done once per process and the promise is shared by every caller. The module itself is
 * required here, on first use, so that loading potmap does not load it (about 60 ms).
 */
export function loadSolver(): Promise<Highs> {
  if (!solverPromise) {
    const loadHighs = (require("highs") as typeof import("highs")).default;
    // A failed load is not cached, so a later call can retry.
    solverPromise = loadHighs().catch((error: unknown) => {
      solverPromise = undefined;
      throw error;
    });
  }
  return solverPromise;
}

export interface PhaseDiagram {
  /** Elements covered by the entries, in formula order. */
  readonly elements: readonly string[];
  /** One entry per composition: the lowest-energy polymorph. */
  readonly entries: readonly PhaseEntry[];
}

/**
 * A phase diagram from entries: duplicates reduced to the lowest-energy
 * polymorph; with `elements`, entries containing other elements dropped.
 */
export function phaseDiagram(entries: readonly PhaseEntry[], elements?: readonly string[]): PhaseDiagram {
  // a hull of no phase has no energy to compare with: refused, not an empty diagram
  requireList(entries, "entries", { nonEmpty: true });
  const allowed = elements ? new Set(elements) : undefined;
  const kept = lowestEntries(entries).filter(
    (e) => !allowed || Object.keys(e.composition).every((s) => allowed.has(s)),
  );
  const present: Record<string, number> = {};
  for (const e of kept) for (const s in e.composition) present[s] = 1;
  return { elements: formulaElements(present), entries: kept };
}

/** One phase of a decomposition. */
export interface Product {
  /** Reduced formula of the phase ("Li2O", "O2"). */
  formula: string;
  entry: PhaseEntry;
  /** Atoms of this phase per formula unit of the decomposed composition. */
  atoms: number;
}

export interface Decomposition {
  /** Phases with non-zero amount, largest first. */
  products: Product[];
  /**
   * Minimised energy per formula unit of the decomposed composition, eV:
   * formation energy for a closed system, grand potential
   * sum_i x_i (e_i - f_open,i * mu) for an open one.
   */
  energy: number;
  /** Atoms of the open element in the products per formula unit (0 when closed). */
  openAmount: number;
}

export interface DecomposeOptions {
  /** Element exchanged with a reservoir (e.g. "Li"); omit for a closed system. */
  openElement?: string;
  /** Chemical potential of the open element relative to its elemental phase, eV (voltage = -mu). */
  mu?: number;
  /** File the entries came from, for error messages. */
  file?: string;
}

/**
 * A solver for one composition in a diagram, re-usable for many mu values.
 * `at(mu)` gives the decomposition at chemical potential mu of the open
 * element; `limit()` the decomposition for mu -> -infinity (least open
 * element, then lowest energy at mu = 0), which the window search needs as
 * its high-voltage end. Without an open element mu is ignored.
 */
export interface GrandPotential {
  at(mu: number): Decomposition;
  limit(): Decomposition;
}

interface Column {
  entry: PhaseEntry;
  /** Fraction of each conserved element (row order). */
  fractions: number[];
  /** Fraction of the open element. */
  open: number;
}

/**
 * Set up the LP for `formula` in `diagram`: rows are the conserved elements
 * of the composition, columns the entries built only from its elements (plus
 * the open element). Columns are per atom of each phase, so coefficients are
 * atomic fractions (<= 1) and energies are eV/atom: well scaled for HiGHS.
 */
export async function grandPotential(
  diagram: PhaseDiagram,
  formula: string | Composition,
  options: Omit<DecomposeOptions, "mu"> = {},
): Promise<GrandPotential> {
  const highs = await loadSolver();
  const composition = typeof formula === "string" ? parseFormula(formula) : formula;
  const label = typeof formula === "string" ? formula : reducedFormula(formula);
  const open = options.openElement;
  const where = { file: options.file, field: "formula", value: label };

  const rows = formulaElements(composition).filter((s) => s !== open);
  if (rows.length === 0) {
    throw new PotmapError(`composition has no element other than the open element ${open}`, where);
  }
  const allowed = new Set([...rows, ...(open ? [open] : [])]);
  const columns: Column[] = [];
  for (const entry of diagram.entries) {
    const elements = Object.keys(entry.composition);
    if (!elements.every((s) => allowed.has(s))) continue;
    // The open element's own phase only sets mu = 0; in the grand potential
    // it is the reservoir, not a product.
    if (open && elements.length === 1 && elements[0] === open) continue;
    const atoms = atomCount(entry.composition);
    columns.push({
      entry,
      fractions: rows.map((s) => (entry.composition[s] ?? 0) / atoms),
      open: open ? (entry.composition[open] ?? 0) / atoms : 0,
    });
  }
  for (const [r, symbol] of rows.entries()) {
    if (!columns.some((c) => c.fractions[r] > 0)) {
      throw new PotmapError(
        `no phase entry contains ${symbol} (an elemental reference for ${symbol} is missing from the entries)`,
        where,
      );
    }
  }
  const target = rows.map((s) => composition[s]);
  const size = atomCount(composition);

  // CSC matrix of the equality constraints, shared by every solve.
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const c of columns) {
    c.fractions.forEach((f, r) => {
      if (f > 0) {
        indices.push(r);
        values.push(f);
      }
    });
    starts.push(indices.length);
  }

  const solve = (cost: number[], extraRow?: { coefficients: number[]; upper: number }): Float64Array => {
    const numRows = rows.length + (extraRow ? 1 : 0);
    let matrix = { starts, indices, values };
    if (extraRow) {
      // Append the extra row's coefficient to each column.
      const s2 = [0];
      const i2: number[] = [];
      const v2: number[] = [];
      columns.forEach((_, j) => {
        for (let k = starts[j]; k < starts[j + 1]; k++) {
          i2.push(indices[k]);
          v2.push(values[k]);
        }
        if (extraRow.coefficients[j] !== 0) {
          i2.push(rows.length);
          v2.push(extraRow.coefficients[j]);
        }
        s2.push(i2.length);
      });
      matrix = { starts: s2, indices: i2, values: v2 };
    }
    const result = highs.raw.lpCall({
      numCols: columns.length,
      numRows,
      colCost: cost,
      colLower: columns.map(() => 0),
      colUpper: columns.map(() => highs.infinity),
      rowLower: extraRow ? [...target, -highs.infinity] : target,
      rowUpper: extraRow ? [...target, extraRow.upper] : target,
      matrix: { format: "csc", numRows, numCols: columns.length, ...matrix },
    });
    // a failed solve is bad input here (amounts or energies spanning many orders of magnitude;
    // readers bound both), not an internal error: name the entries file
    const unsolved = (what: string) =>
      new PotmapError(`the decomposition of ${label} cannot be solved (${what}): the entries' amounts or energies span too many orders of magnitude`, where);
    if (result.status === -1) throw unsolved("HiGHS failed");
    const status = result.value.modelStatus;
    if (status === highs.constants.modelStatus.infeasible) {
      throw new PotmapError("composition cannot be made from the phase entries (no balanced mixture exists)", where);
    }
    if (status !== highs.constants.modelStatus.optimal) {
      throw unsolved(`HiGHS model status ${status}`);
    }
    return result.value.solution.colValue;
  };

  const decomposition = (x: Float64Array, mu: number): Decomposition => {
    let energy = 0;
    let openAmount = 0;
    const products: Product[] = [];
    columns.forEach((c, j) => {
      energy += x[j] * (c.entry.energyPerAtom - c.open * mu);
      openAmount += x[j] * c.open;
      // Amounts below this are solver round-off, not phases.
      if (x[j] > 1e-9 * Math.max(1, size)) {
        products.push({ formula: reducedFormula(c.entry.composition), entry: c.entry, atoms: x[j] });
      }
    });
    products.sort((a, b) => b.atoms - a.atoms || (a.formula < b.formula ? -1 : 1));
    return { products, energy, openAmount };
  };

  const at = (mu: number): Decomposition => {
    const m = open ? mu : 0;
    return decomposition(solve(columns.map((c) => c.entry.energyPerAtom - c.open * m)), m);
  };

  const limit = (): Decomposition => {
    if (!open) return at(0);
    // Lexicographic: first the least open element possible, then the lowest
    // energy among mixtures holding that much.
    const least = decomposition(solve(columns.map((c) => c.open)), 0).openAmount;
    const x = solve(
      columns.map((c) => c.entry.energyPerAtom),
      { coefficients: columns.map((c) => c.open), upper: least + 1e-9 * Math.max(1, size) },
    );
    return decomposition(x, 0);
  };

  return { at, limit };
}

/**
 * Lowest-energy decomposition of `formula` over the entries: the convex hull
 * (closed system), or the grand-potential minimum at `mu` when `openElement`
 * is given.
 */
export async function decompose(
  diagram: PhaseDiagram,
  formula: string | Composition,
  options: DecomposeOptions = {},
): Promise<Decomposition> {
  const potential = await grandPotential(diagram, formula, options);
  return potential.at(options.mu ?? 0);
}

/**
 * Energy of an entry above the convex hull of the diagram, eV/atom (0 for a
 * stable phase). The entry need not be in the diagram; if it is not, a
 * negative value means it would lower the hull.
 */
export async function energyAboveHull(diagram: PhaseDiagram, entry: PhaseEntry): Promise<number> {
  const hull = await decompose(diagram, entry.composition);
  const above = entry.energyPerAtom - hull.energy / atomCount(entry.composition);
  // Negative only if the entry is below a hull it is not part of; tiny
  // negatives are LP round-off for an entry on the hull.
  return Math.abs(above) < 1e-10 ? 0 : above;
}
