/**
 * The self-consistent Fermi level: the E_F at which the net charge of all defects,
 * carriers and fixed dopants vanishes (model.md section 2),
 *
 *   sum_d,q q c(d,q) + p - n + sum dopants q c = 0.
 *
 * The positive charge falls and the negative charge rises monotonically with E_F, so
 * g(E_F) = log(positive) - log(negative) is strictly decreasing and has at most one root.
 * Both logs are computed as log-sum-exps: nothing overflows at 1 K or with |E_f| of 50 eV.
 * The root is bracketed (widening the bracket until g changes sign) and refined with
 * Brent's method (numerics/roots.ts; not converging is an error); the relative residual |Q+ - Q-| / (Q+ + Q-) is reported.
 *
 * Occupancy (model.md section 2). "dilute" (default, the paper's Boltzmann limit, eq. S-1):
 * c(d,q) = N_d g e^{-E_f/kT}, valid while c << N_d. "saturating": the charge states of a defect
 * compete for its N_d sites with Fermi-Dirac-like site statistics,
 *   c(d,q) = N_d g_q e^{-E_f(q)/kT} / (1 + sum_q' g_q' e^{-E_f(q')/kT}),
 * the grand-canonical occupancy of a site that is empty or holds one defect in one of its
 * charge states (the same physics as the alpha saturation of spaceCharge/spaceCharge.ts, with
 * alpha = 1). It equals the dilute form to first order in the site fraction, so the default
 * keeps the paper's (and Table 1's) numbers; guards.ts flags where the dilute form fails.
 * Saturation keeps the solve monotone: the positive charge of a site, N sum_{q>0} q x_q / Z
 * with x_q ~ e^{-q E_F/kT}, still falls with E_F (its log-derivative is minus the mean of q over
 * the positive states weighted by q x_q, which is at least the site's mean charge) and the
 * negative charge still rises, so the root stays unique. Frozen totals (frozenConcentration)
 * are kept as given under either occupancy (only their charge states share them); a frozen
 * total above its sites is reported by the guards, not changed.
 *
 * Over 500 lines: the solver, its compiled form, the root-only fast path (solveFermiLevelValue)
 * and the result/overflow checks share the private compiled layout and are kept together.
 */
import { thermalEnergy } from "../core/constants";
import { carrierFunction, CarrierFunction, LogCarriers } from "./carriers";
import { checkSystemShape } from "./checkArguments";
import { requireObject } from "../core/arguments";
import { DefectResult, DefectSystem, effectiveBandGap, linearCoefficients } from "./defects";
import { PotmapError } from "../core/errors";
import { logAddExp, softplus } from "../numerics/logMath";
import { brent } from "../numerics/roots";
import { classifyFermiLevel, FermiLevelClass, GuardContext, PotmapWarning, siteFraction, solutionWarnings } from "./guards";
import type { Occupancy } from "./defects";

export type { Occupancy };

export interface FermiSolution {
  /** Equilibrium Fermi level, eV above the VBM. */
  fermiLevel: number;
  muLi: number;
  temperature: number;
  /** cm^-3 */
  electrons: number;
  /** cm^-3 */
  holes: number;
  defects: DefectResult[];
  /** Relative charge imbalance |Q+ - Q-| / (Q+ + Q-) at the returned E_F. */
  residual: number;
  iterations: number;
  /** The bracket [low, high] (eV) in which the root was found. */
  bracket: [number, number];
  /** Where E_F sits relative to the band edges of the carrier model's gap (guards.ts). */
  fermiLevelClass: FermiLevelClass;
  /** Conditions under which this result is unphysical or extrapolated (empty when none). */
  warnings: PotmapWarning[];
}

export interface SolveOptions {
  /** Absolute tolerance on E_F, eV (default 1e-10). */
  tolerance?: number;
  /** Largest distance (eV) the bracket may extend beyond the band edges (default 60). */
  maxExtension?: number;
  /** Iteration limit of Brent's method (default 200); reaching it is an error. */
  maxIterations?: number;
  /** Site statistics; overrides the system's `occupancy` (default "dilute"). */
  occupancy?: Occupancy;
  /** What the result's warnings check against (material name, declared ranges, window). */
  context?: GuardContext;
}

interface CompiledState {
  defect: number;
  /** Index of the charge state in its defect's chargeStates. */
  position: number;
  charge: number;
  /** log(N_sites g), the log concentration at zero formation energy. */
  logSites: number;
  /** log(N g) - (E0 + intercept)/kT: the log concentration at E_F = 0, mu = 0. */
  logBase: number;
  /** d(log c)/d(mu) = slope/kT */
  muFactor: number;
  /** log(N_sites) of its defect (saturating occupancy normalises by it). */
  logDefectSites: number;
  /** log|q| (0 for neutral states, unused), precomputed for logCharges. */
  logAbsCharge: number;
  /**
   * The key of the state in DefectResult.charges: String(charge), as a number where that
   * string is an array index (the same property; V8 stores it faster as a number).
   */
  chargeKey: string | number;
  /** The first state of its defect with this charge (later ones add to it). */
  firstOfKey: boolean;
}

/** A property key as describeSolution writes it: index-like keys as numbers (same property). */
function fastKey(key: string): string | number {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < 2 ** 32 - 1 && String(n) === key ? n : key;
}

/** A defect system prepared for repeated solves at one temperature. */
export interface CompiledSystem {
  system: DefectSystem;
  kT: number;
  states: CompiledState[];
  occupancy: Occupancy;
  /** Saturating occupancy: the state indices of each free defect with sites. */
  saturatingGroups: number[][];
  frozen: { defect: number; states: number[]; logTotal: number }[];
  carriers: CarrierFunction;
  logPositiveDopants: number;
  logNegativeDopants: number;
  /** Per defect, the keys of DefectResult.charges in their enumeration order (fastKey form). */
  defectKeys: (string | number)[][];
  /** Per defect, an object with those keys (values 0): copied, then filled, it has their order. */
  defectTemplates: Record<string, number>[];
  /** Site density of each defect, and the guards' context without extras (describeSolution). */
  defectSites?: number[];
  guardContext?: GuardContext;
  /** Scratch log concentrations of describeSolution. */
  describeScratch?: Float64Array;
  /** Scratch log concentrations of logCharges (no allocation per evaluation). */
  scratch?: Float64Array;
  /**
   * Carriers at the bracket's trial Fermi levels (-0.5, gap + 0.5, then widening steps):
   * the same few values for every mu_Li, so each is computed once per compiled system.
   */
  bracketCarriers?: Map<number, LogCarriers>;
}

/** One clear error for a number of a defect system that no physics can use. */
function requireNumber(value: unknown, field: string, rule: "positive" | "nonNegative" | "finite"): void {
  const ok =
    typeof value === "number" && Number.isFinite(value) && (rule === "finite" || (rule === "positive" ? value > 0 : value >= 0));
  if (!ok) {
    const what = rule === "positive" ? "a positive finite number" : rule === "nonNegative" ? "a finite number >= 0" : "a finite number";
    throw new PotmapError(`must be ${what}`, { field, value });
  }
}

/** Check the numbers of a defect system (temperatures, energies, densities) before any solve. */
export function validateSystem(system: DefectSystem): void {
  checkSystemShape(system);
  requireNumber(system.temperature, "temperature", "positive");
  requireNumber(system.bandGap, "bandGap", "nonNegative");
  if (system.scissor !== undefined) {
    requireNumber(system.scissor, "scissor", "finite");
    requireNumber(system.bandGap + system.scissor, "scissor (bandGap + scissor)", "nonNegative");
  }
  system.defects.forEach((defect, d) => {
    requireNumber(defect.sites, `defects[${d}].sites`, "nonNegative");
    if (defect.frozenConcentration !== undefined) requireNumber(defect.frozenConcentration, `defects[${d}].frozenConcentration`, "nonNegative");
    defect.chargeStates.forEach((state, k) => {
      requireNumber(state.charge, `defects[${d}].chargeStates[${k}].charge`, "finite");
      requireNumber(state.energy, `defects[${d}].chargeStates[${k}].energy`, "finite");
      if (state.degeneracy !== undefined) requireNumber(state.degeneracy, `defects[${d}].chargeStates[${k}].degeneracy`, "positive");
    });
  });
  (system.dopants ?? []).forEach((dopant, i) => {
    requireNumber(dopant.charge, `dopants[${i}].charge`, "finite");
    requireNumber(dopant.concentration, `dopants[${i}].concentration`, "nonNegative");
  });
  for (const [element, tied] of Object.entries(system.potentials ?? {})) {
    requireNumber(tied.intercept, `potentials.${element}.intercept`, "finite");
    requireNumber(tied.slope, `potentials.${element}.slope`, "finite");
  }
}

/** Precompute everything that does not depend on E_F or mu_Li. */
export function compileSystem(system: DefectSystem, options: { occupancy?: Occupancy } = {}): CompiledSystem {
  validateSystem(system);
  const occupancy = options.occupancy ?? system.occupancy ?? "dilute";
  if (occupancy !== "dilute" && occupancy !== "saturating") {
    throw new PotmapError('must be "dilute" or "saturating"', { field: "occupancy", value: occupancy });
  }
  const saturatingGroups: number[][] = [];
  const kT = thermalEnergy(system.temperature);
  const states: CompiledState[] = [];
  const frozen: CompiledSystem["frozen"] = [];
  const defectKeys: (string | number)[][] = [];
  const defectTemplates: Record<string, number>[] = [];
  system.defects.forEach((defect, d) => {
    const { intercept, slope } = linearCoefficients(defect, system.potentials);
    const indices: number[] = [];
    // the enumeration order of the charges object, as JavaScript defines it for these keys
    const probe: Record<string, number> = {};
    const seen = new Set<string>();
    for (const state of defect.chargeStates) probe[String(state.charge)] = 0;
    defectKeys.push(Object.keys(probe).map(fastKey));
    defectTemplates.push(probe);
    defect.chargeStates.forEach((state, position) => {
      indices.push(states.length);
      const logSites = Math.log(defect.sites * (state.degeneracy ?? 1));
      states.push({
        defect: d,
        position,
        charge: state.charge,
        logSites,
        logBase: logSites - (state.energy + intercept) / kT,
        muFactor: slope / kT,
        logDefectSites: Math.log(defect.sites),
        logAbsCharge: state.charge === 0 ? 0 : Math.log(Math.abs(state.charge)),
        chargeKey: fastKey(String(state.charge)),
        firstOfKey: !seen.has(String(state.charge)),
      });
      seen.add(String(state.charge));
    });
    if (occupancy === "saturating" && defect.frozenConcentration === undefined && defect.sites > 0) saturatingGroups.push(indices);
    if (defect.frozenConcentration !== undefined) {
      frozen.push({ defect: d, states: indices, logTotal: Math.log(defect.frozenConcentration) });
    }
  });
  let logPositiveDopants = -Infinity;
  let logNegativeDopants = -Infinity;
  for (const dopant of system.dopants ?? []) {
    const logCharge = Math.log(Math.abs(dopant.charge) * dopant.concentration);
    if (dopant.charge > 0) logPositiveDopants = logAddExp(logPositiveDopants, logCharge);
    if (dopant.charge < 0) logNegativeDopants = logAddExp(logNegativeDopants, logCharge);
  }
  return {
    system,
    kT,
    states,
    occupancy,
    saturatingGroups,
    frozen,
    defectKeys,
    defectTemplates,
    carriers: carrierFunction(system.carriers, system.bandGap, system.temperature, system.scissor ?? 0),
    logPositiveDopants,
    logNegativeDopants,
  };
}

/** Log concentration of every charge state at (mu, E_F), frozen defects renormalised. */
export function logConcentrations(compiled: CompiledSystem, muLi: number, fermiLevel: number): Float64Array {
  return fillLogConcentrations(compiled, muLi, fermiLevel, new Float64Array(compiled.states.length));
}

function fillLogConcentrations(compiled: CompiledSystem, muLi: number, fermiLevel: number, out: Float64Array): Float64Array {
  const { states, kT, frozen } = compiled;
  for (let i = 0; i < states.length; i++) {
    const s = states[i];
    out[i] = s.logBase + s.muFactor * muLi - (s.charge * fermiLevel) / kT;
  }
  for (const group of compiled.saturatingGroups) {
    // site occupancy: c_q = N x_q / (1 + sum x), x_q = c_q(dilute) / N, in log space
    const logSites = states[group[0]].logDefectSites;
    let logSum = -Infinity;
    for (const i of group) logSum = logAddExp(logSum, out[i] - logSites);
    const logNorm = softplus(logSum);
    for (const i of group) out[i] -= logNorm;
  }
  for (const f of frozen) {
    // the total is fixed; the charge states share it in their Boltzmann ratios
    let logSum = -Infinity;
    for (const i of f.states) logSum = logAddExp(logSum, out[i]);
    for (const i of f.states) out[i] = f.logTotal + out[i] - logSum;
  }
  return out;
}

/** log(total positive charge) and log(total negative charge), cm^-3, at (mu, E_F). */
export function logCharges(
  compiled: CompiledSystem,
  muLi: number,
  fermiLevel: number,
  carriers: LogCarriers = compiled.carriers(fermiLevel),
): { positive: number; negative: number } {
  const n = compiled.states.length;
  if (compiled.scratch?.length !== n) compiled.scratch = new Float64Array(n);
  const logC = fillLogConcentrations(compiled, muLi, fermiLevel, compiled.scratch);
  const { logElectrons, logHoles } = carriers;
  let positive = logAddExp(compiled.logPositiveDopants, logHoles);
  let negative = logAddExp(compiled.logNegativeDopants, logElectrons);
  const states = compiled.states;
  for (let i = 0; i < states.length; i++) {
    const s = states[i];
    // logAbsCharge = Math.log(|q|), computed once (same number as computing it here)
    if (s.charge > 0) positive = logAddExp(positive, logC[i] + s.logAbsCharge);
    else if (s.charge < 0) negative = logAddExp(negative, logC[i] + s.logAbsCharge);
  }
  return { positive, negative };
}

function balance(compiled: CompiledSystem, muLi: number, fermiLevel: number, carriers?: LogCarriers): number {
  const { positive, negative } = logCharges(compiled, muLi, fermiLevel, carriers);
  if (positive === -Infinity && negative === -Infinity) return 0;
  return positive - negative;
}

/** balance() at a bracket trial point, with the (mu-independent) carriers remembered. */
function bracketBalance(compiled: CompiledSystem, muLi: number, fermiLevel: number): number {
  const memo = (compiled.bracketCarriers ??= new Map());
  let carriers = memo.get(fermiLevel);
  if (carriers === undefined) {
    carriers = compiled.carriers(fermiLevel);
    if (memo.size < 64) memo.set(fermiLevel, carriers);
  }
  return balance(compiled, muLi, fermiLevel, carriers);
}

/**
 * Solve charge neutrality for E_F at one lithium chemical potential (eV, 0 = Li metal).
 * Accepts a DefectSystem or a CompiledSystem (faster for sweeps).
 */
export function solveFermiLevel(input: DefectSystem | CompiledSystem, muLi: number, options: SolveOptions = {}): FermiSolution {
  const compiled = compiledFor(input, options);
  const { root, iterations, bracket } = findFermiLevel(compiled, muLi, options);
  return describeSolution(compiled, muLi, root, iterations, bracket, options.context);
}

/**
 * E_F alone: the same root as solveFermiLevel (same bracket, same Brent iterations) and the
 * same errors (no root, no convergence, concentrations beyond a double), without building
 * the concentrations and warnings. For callers that keep only the number (E_F(mu_Li)
 * functions, maps, screening); test/neutrality.test.ts checks it equals solveFermiLevel's.
 */
export function solveFermiLevelValue(input: DefectSystem | CompiledSystem, muLi: number, options: SolveOptions = {}): number {
  const compiled = compiledFor(input, options);
  const { root } = findFermiLevel(compiled, muLi, options);
  const n = compiled.states.length;
  if (compiled.scratch?.length !== n) compiled.scratch = new Float64Array(n);
  const logC = fillLogConcentrations(compiled, muLi, root, compiled.scratch);
  const { logElectrons, logHoles } = compiled.carriers(root);
  checkRepresentable(compiled, muLi, root, logC, logElectrons, logHoles);
  return root;
}

function compiledFor(input: DefectSystem | CompiledSystem, options: SolveOptions): CompiledSystem {
  requireObject(input, "system");
  const compiled = "states" in input ? input : compileSystem(input, options);
  if (options.occupancy !== undefined && options.occupancy !== compiled.occupancy) return compileSystem(compiled.system, options);
  return compiled;
}

/** The bracket and Brent's root of charge neutrality (errors as solveFermiLevel documents). */
function findFermiLevel(compiled: CompiledSystem, muLi: number, options: SolveOptions): { root: number; iterations: number; bracket: [number, number] } {
  const { system } = compiled;
  const tolerance = options.tolerance ?? 1e-10;
  const maxExtension = options.maxExtension ?? 60;
  if (!Number.isFinite(muLi)) throw new PotmapError("the lithium chemical potential must be finite", { field: "muLi", value: muLi });

  // Start with the gap widened by a few kT; widen in doubling steps until g changes sign.
  let low = -0.5;
  const conductionEdge = effectiveBandGap(system);
  let high = conductionEdge + 0.5;
  let gLow = bracketBalance(compiled, muLi, low);
  let gHigh = bracketBalance(compiled, muLi, high);
  let step = 1;
  while (gLow < 0 && low > -maxExtension) {
    high = low;
    gHigh = gLow;
    low = Math.max(low - step, -maxExtension);
    step *= 2;
    gLow = bracketBalance(compiled, muLi, low);
  }
  step = 1;
  while (gHigh > 0 && high < conductionEdge + maxExtension) {
    low = high;
    gLow = gHigh;
    high = Math.min(high + step, conductionEdge + maxExtension);
    step *= 2;
    gHigh = bracketBalance(compiled, muLi, high);
  }
  if (Number.isNaN(gLow) || Number.isNaN(gHigh)) {
    throw new PotmapError(
      `charge neutrality could not be evaluated (NaN) at ${system.temperature} K: the formation energies over kT overflow ` +
        `(a temperature far below 1 K?) or a carrier model is broken (mu_Li = ${muLi} eV)`,
      { field: "defects" },
    );
  }
  if (gLow < 0 || gHigh > 0) {
    const sign = gLow < 0 ? "negative" : "positive";
    const where = gLow < 0 ? `${low.toFixed(2)} eV` : `${high.toFixed(2)} eV`;
    throw new PotmapError(
      `charge neutrality has no root: the net charge stays ${sign} for every Fermi level ` +
        `(checked down to ${low.toFixed(2)} and up to ${high.toFixed(2)} eV above the VBM; at ${where} it is still ${sign}). ` +
        `Add a compensating ${sign === "negative" ? "donor, holes" : "acceptor, electrons"} or check the formation energies ` +
        `(${options.context?.material ? `${options.context.material}, ` : ""}mu_Li = ${muLi} eV, i.e. ${-muLi} V vs Li, T = ${system.temperature} K)`,
      { field: "fermiLevel.defects" },
    );
  }
  const { root, iterations, converged, bracket } = brent((x) => balance(compiled, muLi, x), low, high, {
    fa: gLow,
    fb: gHigh,
    tolerance,
    maxIterations: options.maxIterations,
    quantity: "Fermi level",
  });
  if (!converged) {
    throw new PotmapError(
      `charge neutrality did not converge: Brent's method stopped after ${iterations} iterations with the Fermi level ` +
        `between ${bracket[0]} and ${bracket[1]} eV (tolerance ${tolerance} eV) at mu_Li = ${muLi} eV`,
      { field: "tolerance", value: tolerance },
    );
  }
  return { root, iterations, bracket: [low, high] };
}

/** Natural log of the largest finite double (709.78...): exp of more is Infinity. */
export const LOG_MAX_DOUBLE = Math.log(Number.MAX_VALUE);

/**
 * A result must hold finite numbers only. A charge state whose formation energy is below
 * about -700 kT at E_F (e.g. -1 eV at 10 K, -0.07 eV at 1 K) has a Boltzmann concentration
 * beyond the largest double: far beyond its site density, the host is not stable against
 * forming that defect, and no finite concentration describes it. Throw a PotmapError naming
 * the defect, charge state, formation energy and mu_Li; never return Infinity.
 */
function checkRepresentable(compiled: CompiledSystem, muLi: number, fermiLevel: number, logC: Float64Array, logElectrons: number, logHoles: number): void {
  const { states, kT, system } = compiled;
  // fast path: no defect total can exceed (number of states) x the largest concentration, so
  // below that bound nothing overflows (NaN fails the test and takes the full check)
  let largest = -Infinity;
  for (let i = 0; i < logC.length; i++) if (!(logC[i] <= largest)) largest = logC[i];
  if (largest + Math.log(Math.max(logC.length, 1)) <= LOG_MAX_DOUBLE && !(logElectrons > LOG_MAX_DOUBLE) && !(logHoles > LOG_MAX_DOUBLE)) return;
  const unstable = (i: number, what: string): never => {
    const s = states[i];
    const defect = system.defects[s.defect];
    const state = defect.chargeStates[s.position];
    // E_f = kT (log(N g) - log c): exact for free and frozen defects alike
    const energy = kT * (s.logSites - logC[i]);
    const q = s.charge > 0 ? `+${s.charge}` : String(s.charge);
    throw new PotmapError(
      `${what}: defect ${defect.name} in charge state ${q} has formation energy ${energy.toPrecision(4)} eV ` +
        `(${(energy / kT).toPrecision(4)} kT at ${system.temperature} K) at mu_Li = ${muLi} eV and E_F = ${fermiLevel.toPrecision(6)} eV, ` +
        `so its equilibrium concentration, about 10^${Math.round(logC[i] / Math.LN10)} cm^-3, exceeds the largest double ` +
        `(and its ${defect.sites.toPrecision(4)} cm^-3 sites by far): the host is unstable against forming ${defect.name}. ` +
        `Check the formation energies (E0 = ${state.energy} eV) and the chemical potentials`,
      { field: `defects[${s.defect}].chargeStates[${s.position}].energy`, value: state.energy },
    );
  };
  // per defect: the total over charge states must be representable
  const logTotals = new Float64Array(system.defects.length).fill(-Infinity);
  for (let i = 0; i < states.length; i++) logTotals[states[i].defect] = logAddExp(logTotals[states[i].defect], logC[i]);
  for (let d = 0; d < logTotals.length; d++) {
    if (logTotals[d] > LOG_MAX_DOUBLE) {
      let worst = -1;
      for (let i = 0; i < states.length; i++) if (states[i].defect === d && (worst < 0 || logC[i] > logC[worst])) worst = i;
      unstable(worst, "a concentration overflows");
    }
  }
  // carriers: they can overflow only while balancing the charge of such a defect
  for (const [name, logN, sign] of [["electrons", logElectrons, 1], ["holes", logHoles, -1]] as const) {
    if (!(logN > LOG_MAX_DOUBLE)) continue;
    let worst = -1;
    for (let i = 0; i < states.length; i++) {
      if (states[i].charge * sign > 0 && (worst < 0 || logC[i] + Math.log(Math.abs(states[i].charge)) > logC[worst] + Math.log(Math.abs(states[worst].charge)))) worst = i;
    }
    const density = `the ${name} density, about 10^${Math.round(logN / Math.LN10)} cm^-3, overflows`;
    if (worst >= 0) unstable(worst, `${density} balancing a defect`);
    throw new PotmapError(`${density} at mu_Li = ${muLi} eV and E_F = ${fermiLevel.toPrecision(6)} eV: balancing the fixed dopant charge needs a density beyond the largest double`, {
      field: "dopants",
    });
  }
}

/** Concentrations, carriers and residual at a given E_F (the root, or any trial value). */
export function describeSolution(
  compiled: CompiledSystem,
  muLi: number,
  fermiLevel: number,
  iterations = 0,
  bracket: [number, number] = [fermiLevel, fermiLevel],
  context?: GuardContext,
): FermiSolution {
  // a scratch array of its own (logCharges below fills compiled.scratch); nothing keeps logC
  const n = compiled.states.length;
  if (compiled.describeScratch?.length !== n) compiled.describeScratch = new Float64Array(n);
  const logC = fillLogConcentrations(compiled, muLi, fermiLevel, compiled.describeScratch);
  const { logElectrons, logHoles } = compiled.carriers(fermiLevel);
  checkRepresentable(compiled, muLi, fermiLevel, logC, logElectrons, logHoles);
  const { positive, negative } = logCharges(compiled, muLi, fermiLevel, { logElectrons, logHoles });
  const g = positive - negative;
  const residual = positive === -Infinity && negative === -Infinity ? 0 : Math.abs(Math.tanh(g / 2));
  const system = compiled.system;
  // plain loops, keys precomputed (same objects, same key order as before)
  const defects: DefectResult[] = new Array(system.defects.length);
  for (let d = 0; d < defects.length; d++) {
    const entry: DefectResult = { name: system.defects[d].name, total: 0, charges: { ...compiled.defectTemplates[d] }, siteFraction: 0, siteFractions: {} };
    if (system.defects[d].frozenConcentration !== undefined) entry.frozen = true;
    defects[d] = entry;
  }
  const states = compiled.states;
  for (let i = 0; i < states.length; i++) {
    const s = states[i];
    const c = Math.exp(logC[i]);
    const entry = defects[s.defect];
    const charges = entry.charges as Record<string | number, number>;
    // 0 + c is c: the first state of a charge writes c (as (undefined ?? 0) + c did)
    charges[s.chargeKey] = s.firstOfKey ? c : charges[s.chargeKey] + c;
    entry.total += c;
  }
  for (let d = 0; d < defects.length; d++) {
    const entry = defects[d];
    const sites = system.defects[d].sites;
    const charges = entry.charges as Record<string | number, number>;
    const fractions: Record<string | number, number> = { ...compiled.defectTemplates[d] };
    for (const q of compiled.defectKeys[d]) fractions[q] = siteFraction(charges[q], sites);
    entry.siteFraction = siteFraction(entry.total, sites);
    entry.siteFractions = fractions;
  }
  const solution: FermiSolution = {
    fermiLevel,
    muLi,
    temperature: compiled.system.temperature,
    electrons: Math.exp(logElectrons),
    holes: Math.exp(logHoles),
    defects,
    residual,
    iterations,
    bracket,
    // the class and the warnings measure E_F against the CBM the carriers see (gap + scissor)
    fermiLevelClass: classifyFermiLevel(fermiLevel, effectiveBandGap(system), system.temperature),
    warnings: [],
  };
  // sites and the context without extras are the same every call: made once per compiled system
  const sites = (compiled.defectSites ??= system.defects.map((d) => d.sites));
  const guardContext = context === undefined ? (compiled.guardContext ??= { occupancy: compiled.occupancy }) : { occupancy: compiled.occupancy, ...context };
  solution.warnings = solutionWarnings(solution, effectiveBandGap(system), sites, guardContext);
  return solution;
}
