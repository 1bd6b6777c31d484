/**
 * Electrons and holes. Two models (model.md section 2):
 *  - parabolic bands with effective masses, Fermi-Dirac (default) or Boltzmann statistics;
 *  - a tabulated density of states in the SC-FERMI totdos.dat convention: energies relative
 *    to the VBM, holes integrated below mid-gap, electrons above, the DOS normalised so that
 *    the states below mid-gap hold the stated number of electrons.
 * Every function returns natural logarithms of concentrations in cm^-3 so that the
 * neutrality solver never overflows.
 */
import { requireQuantity } from "../core/arguments";
import { boltzmannSI, cubicAngstrom, electronMass, reducedPlanck, thermalEnergy } from "../core/constants";
import { logFermiDiracHalf } from "../numerics/fermiDirac";
import { PotmapError } from "../core/errors";
import { logAddExp, softplus } from "../numerics/logMath";

export interface ParabolicCarriers {
  kind: "parabolic";
  /** Electron density-of-states effective mass, in electron masses. */
  electronMass: number;
  /** Hole density-of-states effective mass, in electron masses. */
  holeMass: number;
  /** "fermi-dirac" (default) or "boltzmann". */
  statistics?: "fermi-dirac" | "boltzmann";
}

export interface TabulatedCarriers {
  kind: "dos";
  /** Energies in eV relative to the VBM, ascending. */
  energies: number[];
  /** Density of states (any normalisation; it is rescaled), states/eV per cell. */
  dos: number[];
  /** Number of electrons the states below mid-gap hold, per cell. */
  electrons: number;
  /** Cell volume in cubic Angstrom. */
  volume: number;
}

export interface NoCarriers {
  kind: "none";
}

export type Carriers = ParabolicCarriers | TabulatedCarriers | NoCarriers;

/** Log concentrations of electrons and holes at one Fermi level. */
export interface LogCarriers {
  logElectrons: number;
  logHoles: number;
}

/** A carrier model bound to a band gap and temperature: E_F (eV above VBM) -> log n, log p. */
export type CarrierFunction = (fermiLevel: number) => LogCarriers;

/**
 * Effective density of states of a parabolic band, cm^-3:
 * N = 2 (m* kT / (2 pi hbar^2))^(3/2).
 */
export function effectiveDensityOfStates(mass: number, temperature: number): number {
  requireQuantity(mass, "mass", "effectiveMass");
  requireQuantity(temperature, "temperature", "temperature");
  const m = mass * electronMass;
  const perCubicMetre = 2 * Math.pow((m * boltzmannSI * temperature) / (2 * Math.PI * reducedPlanck * reducedPlanck), 1.5);
  return perCubicMetre * 1e-6;
}

/**
 * Bind a carrier model to a gap and temperature (precomputes what does not depend on E_F).
 *
 * `scissor` (eV) corrects the gap of the calculation by moving the conduction band up; the
 * VBM stays at 0 because E_F and every defect transition level are measured from it (the
 * paper's convention, eq. 5: the IP fixes the VBM to the vacuum; cell/alignment.ts draws
 * the same edge, valenceFraction 0). Parabolic bands: the CBM sits at bandGap + scissor.
 * Tabulated DOS: the states are split into valence and conduction branches at the mid-gap
 * of the unshifted `bandGap` (the DOS belongs to that calculation), then the conduction
 * branch is shifted up by the scissor.
 */
export function carrierFunction(carriers: Carriers, bandGap: number, temperature: number, scissor = 0): CarrierFunction {
  const kT = thermalEnergy(temperature);
  const conductionEdge = bandGap + scissor;
  if (carriers.kind === "none") {
    return () => ({ logElectrons: -Infinity, logHoles: -Infinity });
  }
  if (carriers.kind === "parabolic") {
    const logNc = Math.log(effectiveDensityOfStates(carriers.electronMass, temperature));
    const logNv = Math.log(effectiveDensityOfStates(carriers.holeMass, temperature));
    if (carriers.statistics === "boltzmann") {
      return (fermiLevel) => ({
        logElectrons: logNc + (fermiLevel - conductionEdge) / kT,
        logHoles: logNv - fermiLevel / kT,
      });
    }
    return (fermiLevel) => ({
      logElectrons: logNc + logFermiDiracHalf((fermiLevel - conductionEdge) / kT),
      logHoles: logNv + logFermiDiracHalf(-fermiLevel / kT),
    });
  }
  return tabulatedCarrierFunction(carriers, bandGap, kT, scissor);
}

interface Branch {
  energies: Float64Array;
  logWeights: Float64Array;
}

/** Trapezoid weights of a tabulated DOS, split at mid-gap and normalised (SC-FERMI convention). */
export function tabulatedBranches(carriers: TabulatedCarriers, bandGap: number): { holes: Branch; electrons: Branch; scale: number } {
  const { energies, dos } = carriers;
  const n = energies.length;
  const midGap = bandGap / 2;
  const weight = new Float64Array(n);
  // The two branches are integrated separately, as SC-FERMI does: a segment that
  // straddles mid-gap belongs to neither (the DOS there is zero in a real gap).
  const lowerEnd = energies.findIndex((e) => e > midGap);
  const split = lowerEnd === -1 ? n : lowerEnd;
  for (let i = 0; i + 1 < n; i++) {
    if (i + 1 === split) continue;
    const h = (energies[i + 1] - energies[i]) / 2;
    weight[i] += h * Math.abs(dos[i]);
    weight[i + 1] += h * Math.abs(dos[i + 1]);
  }
  let occupied = 0;
  for (let i = 0; i < split; i++) occupied += weight[i];
  if (!(occupied > 0)) {
    throw new PotmapError("the density of states has no states below mid-gap to normalise", { field: "dos" });
  }
  const scale = carriers.electrons / occupied;
  const volumeFactor = 1 / (carriers.volume * cubicAngstrom);
  const branch = (from: number, to: number): Branch => {
    const e: number[] = [];
    const w: number[] = [];
    for (let i = from; i < to; i++) {
      if (weight[i] > 0) {
        e.push(energies[i]);
        w.push(Math.log(weight[i] * scale * volumeFactor));
      }
    }
    return { energies: Float64Array.from(e), logWeights: Float64Array.from(w) };
  };
  return { holes: branch(0, split), electrons: branch(split, n), scale };
}

/**
 * Beyond this many kT from E_F the occupation is Boltzmann to double precision:
 * softplus(x) = x + log1p(e^-x) and e^-40 = 4e-18, below the rounding of every term.
 */
const BOLTZMANN_TAIL = 40;

/**
 * A branch's weights prepared for fast integrals: for every index k, the log of the
 * Boltzmann-weighted sum of the tail beyond k, referenced to E_k so that no exponent is large:
 *   electrons (tail above): S[k] = log sum_{i>=k} w_i exp(-(E_i - E_k)/kT)
 *   holes (tail below):     S[k] = log sum_{i<=k} w_i exp(-(E_k - E_i)/kT)
 * With x_k = |E_k - E_F|/kT > 40 for the whole tail, the tail's integral is exp(S[k] - x_k)
 * to a relative 4e-18, so an evaluation costs the ~|E - E_F| < 40 kT points only.
 */
function tailSums(branch: Branch, kT: number, sign: 1 | -1): Float64Array {
  const { energies, logWeights } = branch;
  const m = energies.length;
  const tail = new Float64Array(m);
  if (m === 0) return tail;
  if (sign === 1) {
    tail[m - 1] = logWeights[m - 1];
    for (let k = m - 2; k >= 0; k--) tail[k] = logAddExp(logWeights[k], tail[k + 1] - (energies[k + 1] - energies[k]) / kT);
  } else {
    tail[0] = logWeights[0];
    for (let k = 1; k < m; k++) tail[k] = logAddExp(logWeights[k], tail[k - 1] - (energies[k] - energies[k - 1]) / kT);
  }
  return tail;
}

function tabulatedCarrierFunction(carriers: TabulatedCarriers, bandGap: number, kT: number, scissor: number): CarrierFunction {
  const { holes, electrons: unshifted } = tabulatedBranches(carriers, bandGap);
  const electrons: Branch = scissor === 0 ? unshifted : { energies: unshifted.energies.map((e) => e + scissor), logWeights: unshifted.logWeights };
  const electronTail = tailSums(electrons, kT, 1);
  const holeTail = tailSums(holes, kT, -1);
  /**
   * log of sum_i w_i * occupation_i. Electrons (sign +1): occupation 1/(1+e^((E-E_F)/kT)),
   * the tail is every E_i more than 40 kT above E_F; holes (sign -1): 1/(1+e^((E_F-E)/kT)),
   * the tail is every E_i more than 40 kT below E_F. The points in between are summed
   * exactly (log-sum-exp with a running maximum).
   */
  const logIntegral = (branch: Branch, tail: Float64Array, fermiLevel: number, sign: 1 | -1): number => {
    const { energies, logWeights } = branch;
    const m = energies.length;
    if (m === 0) return -Infinity;
    // x(i) = sign (E_i - E_F)/kT is monotone in i (increasing for electrons, decreasing for
    // holes); find the explicit range [from, to) of points with x(i) <= 40 by bisection.
    const x = (i: number) => (sign * (energies[i] - fermiLevel)) / kT;
    let from = 0;
    let to = m;
    let tailIndex = -1;
    if (sign === 1) {
      // first index with x > 40 (m if none)
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (x(mid) > BOLTZMANN_TAIL) hi = mid;
        else lo = mid + 1;
      }
      to = lo;
      if (lo < m) tailIndex = lo;
    } else {
      // last index with x > 40 (-1 if none): x decreases with i
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (x(mid) > BOLTZMANN_TAIL) lo = mid + 1;
        else hi = mid;
      }
      from = lo;
      if (lo > 0) tailIndex = lo - 1;
    }
    const tailTerm = tailIndex >= 0 ? tail[tailIndex] - x(tailIndex) : -Infinity;
    let max = tailTerm;
    for (let i = from; i < to; i++) {
      const t = logWeights[i] - softplus(x(i));
      if (t > max) max = t;
    }
    if (max === -Infinity) return -Infinity;
    let sum = tailTerm === -Infinity ? 0 : Math.exp(tailTerm - max);
    for (let i = from; i < to; i++) sum += Math.exp(logWeights[i] - softplus(x(i)) - max);
    return max + Math.log(sum);
  };
  return (fermiLevel) => ({
    logElectrons: logIntegral(electrons, electronTail, fermiLevel, 1),
    logHoles: logIntegral(holes, holeTail, fermiLevel, -1),
  });
}
