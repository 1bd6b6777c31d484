/**
 * The complete Fermi-Dirac integral of order 1/2, normalised so that
 * F(eta) -> exp(eta) for eta -> -infinity (the Boltzmann limit):
 *
 *   F(eta) = (2 / sqrt(pi)) * integral_0^inf sqrt(x) / (1 + exp(x - eta)) dx
 *
 * Carrier densities of a parabolic band are n = Nc * F((E_F - E_c)/kT).
 * Three regimes, each accurate to ~1e-13 relative:
 *  - eta < -1: the alternating series sum (-1)^(k+1) e^(k eta) / k^(3/2);
 *  - eta > 80: the Sommerfeld expansion (exponentially small error);
 *  - otherwise: Gauss-Legendre quadrature after x = t^2 (smooth integrand).
 */

import { gaussLegendre } from "./quadrature";

const sqrtPi = Math.sqrt(Math.PI);

const rule = gaussLegendre(20);

function seriesRatio(eta: number): number {
  // sum_k (-1)^(k+1) e^((k-1) eta) / k^(3/2): F(eta) = e^eta * this
  const z = Math.exp(eta);
  let term = 1;
  let sum = 1;
  for (let k = 2; k < 200; k++) {
    term *= -z;
    const contribution = term / (k * Math.sqrt(k));
    sum += contribution;
    if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

function quadrature(eta: number): number {
  // F = (4 / sqrt(pi)) * integral_0^T t^2 / (1 + exp(t^2 - eta)) dt,
  // cut where the integrand is below e^-60 of its peak.
  const upper = Math.sqrt(Math.max(eta, 0) + 60);
  const panels = 6 + Math.ceil(upper * 3);
  const h = upper / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = (p + 0.5) * h;
    for (let i = 0; i < rule.nodes.length; i++) {
      const t = mid + 0.5 * h * rule.nodes[i];
      const u = t * t - eta;
      // 1/(1+e^u) written to avoid overflow for large u
      const occupation = u > 0 ? Math.exp(-u) / (1 + Math.exp(-u)) : 1 / (1 + Math.exp(u));
      sum += rule.weights[i] * t * t * occupation;
    }
  }
  return (4 / sqrtPi) * 0.5 * h * sum;
}

function sommerfeld(eta: number): number {
  const inverseSquare = 1 / (eta * eta);
  const pi2 = Math.PI * Math.PI;
  return (
    (4 / (3 * sqrtPi)) *
    Math.pow(eta, 1.5) *
    (1 +
      (pi2 / 8) * inverseSquare +
      ((7 * pi2 * pi2) / 640) * inverseSquare ** 2 +
      ((31 * pi2 * pi2 * pi2) / 3072) * inverseSquare ** 3)
  );
}

/** Natural logarithm of F_1/2(eta); finite for every finite eta. */
export function logFermiDiracHalf(eta: number): number {
  if (Number.isNaN(eta)) return NaN;
  if (eta === -Infinity) return -Infinity;
  if (eta === Infinity) return Infinity;
  if (eta < -1) return eta + Math.log(seriesRatio(eta));
  if (eta > 80) return Math.log(sommerfeld(eta));
  // the quadrature (hundreds of exponentials) is remembered: the neutrality solver's bracket
  // asks for the same few eta (E_F = -0.5 eV and gap + 0.5 eV) for every map of a material
  let value = quadratureMemo.get(eta);
  if (value === undefined) {
    value = Math.log(quadrature(eta));
    if (quadratureMemo.size >= memoLimit) quadratureMemo.clear();
    quadratureMemo.set(eta, value);
  }
  return value;
}

/** log F_1/2 from the quadrature by eta (a pure function, so remembering changes no number). */
const quadratureMemo = new Map<number, number>();
const memoLimit = 4096;

/** F_1/2(eta) normalised to exp(eta) in the Boltzmann limit (may overflow to Infinity only for eta > ~1e205). */
export function fermiDiracHalf(eta: number): number {
  if (eta < -1) return Math.exp(eta) * seriesRatio(eta);
  return Math.exp(logFermiDiracHalf(eta));
}
