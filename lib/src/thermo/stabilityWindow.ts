/**
 * Electrochemical stability window of a compound against Li (model.md §3).
 *
 * At Li chemical potential mu (voltage V = -mu vs Li metal) the compound's
 * non-Li elements settle into the phases that minimise the grand potential
 * G(mu) = min_x sum_i x_i (e_i - n_Li,i mu). The window is the voltage range
 * in which those phases hold exactly as much Li as the compound: it neither
 * takes up nor releases Li. This is deliberately not "is the compound on the
 * hull": a compound slightly above the hull (LLZO in the shared data) still
 * has a window, in which it decomposes without any Li exchange.
 *
 * G is concave and piecewise linear in mu, and the products' Li content
 * N(mu) = -dG/dmu is a step function. Its steps are found exactly, not by
 * bisection: every LP solution at some mu gives a line ell(m) = G(mu) -
 * N (m - mu) lying on or above G; where the lines of two solutions cross,
 * one more LP either touches the crossing (a breakpoint) or gives a new line
 * in between (the "sandwich" or Eisner-Severance scheme for parametric LPs).
 * Each LP therefore either finds a breakpoint or a new step, so the number
 * of LPs is about twice the number of steps.
 */
import { PotmapError } from "../core/errors";
import { Composition, atomCount, isElement, parseFormula, reducedFormula } from "./formula";
import { Decomposition, energyAboveHull, grandPotential, phaseDiagram } from "./phaseDiagram";
import { PhaseEntry, findEntry } from "./phaseEntry";

export interface WindowOptions {
  /** The element exchanged with the electrode (default "Li"). */
  openElement?: string;
  /** File the entries came from, for error messages. */
  file?: string;
  /** How the open element is named in error messages (default "openElement"; the CLI passes "--open-element"). */
  openElementField?: string;
}

/**
 * The open element must be an element that some compound entry contains: with no entry
 * holding it, nothing can take it up or release it, and every "window" would be the
 * meaningless 0 V .. infinity.
 */
export function checkOpenElement(entries: readonly PhaseEntry[], element: string, options: WindowOptions = {}): void {
  const where = { file: options.file, field: options.openElementField ?? "openElement", value: element };
  if (!isElement(element)) throw new PotmapError("is not a chemical element symbol", where);
  const held = entries.some((e) => (e.composition[element] ?? 0) > 0 && Object.keys(e.composition).length > 1);
  if (!held) throw new PotmapError(`no compound among the phase entries contains ${element}, so no window against it can be computed`, where);
}

/** One step of the reaction profile: a voltage range with fixed products. */
export interface ReactionStep {
  /** Voltage range (V vs the open element's metal); upper may be Infinity. */
  lower: number;
  upper: number;
  /**
   * Open-element atoms taken up per formula unit of the compound as written
   * (negative: released). 0 inside the stability window.
   */
  uptake: number;
  /** Reduced formulas of the equilibrium phases, largest amount first. */
  products: string[];
}

export interface StabilityWindow {
  /** The formula as given. */
  formula: string;
  /** Lower edge, V vs Li metal. 0 when the compound is stable against Li metal itself. */
  lower: number;
  /** Upper edge, V vs Li metal; Infinity if Li is never released. */
  upper: number;
  /** Phases just below the window (reduction, Li taken up); empty if lower is 0. */
  reducedTo: string[];
  /** Phases just above the window (oxidation, Li released); empty if upper is Infinity. */
  oxidizedTo: string[];
  /**
   * Phases inside the window: the compound itself when it is on the hull,
   * else the Li-conserving mixture it decomposes into. Empty if the window
   * has zero width.
   */
  stableAs: string[];
  /** Energy above the hull, eV/atom, if the compound is among the entries; else null. */
  energyAboveHull: number | null;
  /** Whether the compound is among the entries (else its window is that of its composition). */
  inEntries: boolean;
  /** Whether a window of non-zero width exists (false: lower == upper, the compound decomposes at every voltage). */
  exists: boolean;
  /** What a reader of lower/upper must know: not among the entries, above the hull, no window. */
  warnings: WindowWarning[];
}

export interface WindowWarning {
  code: "not-in-entries" | "above-hull" | "no-window";
  message: string;
}

/** Energy above the hull (eV/atom) beyond which the window is flagged: the compound is metastable at best. */
export const aboveHullWarning = 0.025;

// Guard against a runaway search (it cannot happen for a finite LP, but a
// bug or pathological round-off should fail loudly, not hang).
const maxSolves = 2000;

/**
 * The step function N(V): voltage ranges from 0 V up, each with the
 * equilibrium products and the open-element uptake relative to the compound.
 * The range stops at 0 V because below it the open element's metal itself
 * is the stable phase.
 */
export async function reactionProfile(
  entries: readonly PhaseEntry[],
  formula: string | Composition,
  options: WindowOptions = {},
): Promise<ReactionStep[]> {
  const open = options.openElement ?? "Li";
  checkOpenElement(entries, open, options);
  const composition = typeof formula === "string" ? parseFormula(formula) : formula;
  const size = atomCount(composition);
  const content = composition[open] ?? 0;
  const diagram = phaseDiagram(entries);
  const potential = await grandPotential(diagram, composition, { openElement: open, file: options.file });

  // Tolerances in eV and atoms per formula unit; LP solutions at a vertex
  // are accurate to round-off, so these only absorb floating-point noise.
  const energyTol = 1e-9 * Math.max(1, size);
  const amountTol = 1e-7 * Math.max(1, size);

  interface Line {
    /** Open-element content N of the solution. */
    n: number;
    /** Grand potential at mu = 0; the line is a - n * mu. */
    a: number;
  }
  const line = (d: Decomposition, mu: number): Line => ({ n: d.openAmount, a: d.energy + d.openAmount * mu });

  let solves = 0;
  const solveAt = (mu: number) => {
    if (++solves > maxSolves) throw new Error("stability window search did not converge");
    return potential.at(mu);
  };

  // Ends of the search: mu -> -infinity (least Li) and mu = 0 (Li metal).
  const high = potential.limit();
  const low = solveAt(0);
  const breakpoints: number[] = [];
  const stack: [Line, Line][] = [[line(high, 0), line(low, 0)]];
  while (stack.length) {
    const [left, right] = stack.pop()!;
    if (right.n - left.n <= amountTol) continue; // same step: no breakpoint between
    const mu = (right.a - left.a) / (right.n - left.n);
    const middle = solveAt(mu);
    if (middle.energy >= left.a - left.n * mu - energyTol) {
      breakpoints.push(mu);
    } else {
      const between = line(middle, mu);
      stack.push([left, between], [between, right]);
    }
  }

  // Steps in order of increasing voltage, from 0 V.
  const voltages = breakpoints
    .map((mu) => -mu)
    .filter((v) => v > 1e-9)
    .sort((a, b) => a - b)
    .filter((v, i, all) => i === 0 || v - all[i - 1] > 1e-9);
  const edges = [0, ...voltages, Infinity];
  const steps: ReactionStep[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const [lower, upper] = [edges[k], edges[k + 1]];
    // Probe inside the step. Past the last breakpoint any voltage will do; a
    // finite one gives clean products (the limit LP carries a tolerance).
    const d = solveAt(upper === Infinity ? -(lower + 1) : -(lower + upper) / 2);
    const uptake = d.openAmount - content;
    // Snap round-off to an exact 0 so "inside the window" reads as such.
    const step = { lower, upper, uptake: Math.abs(uptake) <= amountTol ? 0 : uptake, products: d.products.map((p) => p.formula) };
    const previous = steps[steps.length - 1];
    if (previous && Math.abs(previous.uptake - step.uptake) <= amountTol) previous.upper = upper;
    else steps.push(step);
  }
  return steps;
}

/**
 * Stability window of `formula` against the open element (default Li),
 * from phase entries (formation energies, eV/atom). The compound need not be
 * among the entries: the window depends only on its composition.
 *
 * If no voltage range keeps the Li content (possible for a compound far
 * above the hull), the window has zero width at the voltage where the
 * products jump across the compound's Li content: lower = upper.
 */
export async function stabilityWindow(
  entries: readonly PhaseEntry[],
  formula: string | Composition,
  options: WindowOptions = {},
): Promise<StabilityWindow> {
  const label = typeof formula === "string" ? formula : reducedFormula(formula);
  const composition = typeof formula === "string" ? parseFormula(formula, { field: "formula" }) : formula;
  const open = options.openElement ?? "Li";
  checkOpenElement(entries, open, options);
  if (!((composition[open] ?? 0) > 0)) {
    // without the element the compound can never release it: the "window" would be 0 V to
    // nothing, which reads as "stable everywhere" but only says the question does not apply
    throw new PotmapError(`${label} contains no ${open}: a stability window against ${open} needs a compound that holds it`, {
      file: options.file,
      field: options.openElementField ?? "openElement",
      value: open,
    });
  }
  const steps = await reactionProfile(entries, composition, options);
  const amountTol = 1e-7 * Math.max(1, atomCount(composition));

  const own = findEntry(entries, composition);
  const aboveHull = own ? await energyAboveHull(phaseDiagram(entries), own) : null;
  const result = (lower: number, upper: number, below: number, inside: number, above: number): StabilityWindow => {
    const warnings: WindowWarning[] = [];
    if (!own) warnings.push({ code: "not-in-entries", message: `${label} is not among the phase entries: the window is that of its composition, whatever its energy` });
    if (aboveHull !== null && aboveHull > aboveHullWarning) {
      warnings.push({ code: "above-hull", message: `${label} lies ${(aboveHull * 1000).toFixed(0)} meV/atom above the hull (more than ${aboveHullWarning * 1000}): it is unstable at every voltage; the window is that of its Li-conserving decomposition` });
    }
    if (!(upper > lower)) warnings.push({ code: "no-window", message: `no voltage keeps ${label} (or its products) at its ${open} content: no stability window, only the voltage ${lower.toFixed(3)} V where the products jump across it` });
    return {
      formula: label,
      lower,
      upper,
      reducedTo: below >= 0 ? steps[below].products : [],
      oxidizedTo: above < steps.length ? steps[above].products : [],
      stableAs: inside >= 0 ? steps[inside].products : [],
      energyAboveHull: aboveHull,
      inEntries: own !== undefined && own !== null,
      exists: upper > lower,
      warnings,
    };
  };

  // Uptake decreases with voltage (more Li taken up at low voltage).
  const inside = steps.findIndex((s) => Math.abs(s.uptake) <= amountTol);
  if (inside >= 0) return result(steps[inside].lower, steps[inside].upper, inside - 1, inside, inside + 1);
  const firstReleasing = steps.findIndex((s) => s.uptake < 0);
  if (firstReleasing < 0) {
    // Takes up Li at every voltage: only conceivable with an incomplete set of entries.
    throw new PotmapError("compound takes up Li at every voltage: no stability window", {
      file: options.file,
      field: "formula",
      value: label,
    });
  }
  const edge = steps[firstReleasing].lower;
  return result(edge, edge, firstReleasing - 1, -1, firstReleasing);
}
