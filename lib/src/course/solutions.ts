/**
 * Closed forms for the teacher's solutions notebook (notebooks/10-solutions.ipynb): the Fermi
 * level of a two-species balance evaluated by hand from a record's numbers, without the
 * neutrality solver. The checker (exercises.ts) computes the same answers with the solver, so
 * a worked solution and its checker are two independent routes to one number.
 *
 * A charged species s (a defect charge state, or the electrons of a parabolic band) has a
 * Boltzmann concentration c_s = N_s g_s exp(-E_f,s / kT) with the formation energy
 *   E_f,s = E0_s - dN_s mu_Li + q_s E_F        (model.md section 2)
 * (electrons: E0 = E_CBM, q = -1, dN = 0, N g = N_c). Equating a +1 and a -1 species
 * (c_plus = c_minus) gives
 *   E_F = [E0_minus - E0_plus + (dN_plus - dN_minus) mu_Li] / 2 + (kT/2) ln(N_plus g_plus / (N_minus g_minus)).
 * The Frenkel pair (dN = +1, -1) moves one for one with mu_Li; a Li defect against a non-Li
 * species moves by one half.
 */
import { PotmapError } from "../core/errors";
import { thermalEnergy } from "../core/constants";
import { DefectSystem, effectiveBandGap } from "../defects/defects";
import { logFermiDiracHalf } from "../numerics/fermiDirac";

/** One charged species of a closed-form balance. */
export interface BalanceSpecies {
  label: string;
  /** +1 or -1 */
  charge: number;
  /** E0 at E_F = VBM and mu_Li = 0, eV */
  energy: number;
  /** Li gained by the host when the species forms (+1 interstitial, -1 vacancy, 0 otherwise) */
  lithium: number;
  /** Sites times degeneracy, cm^-3 */
  states: number;
}

/** A defect charge state of a record as a species of the balance. */
export function defectSpecies(system: DefectSystem, name: string, charge: number): BalanceSpecies {
  const d = system.defects.find((x) => x.name === name);
  if (!d) throw new PotmapError(`no defect ${name}`, { field: "defects", value: name });
  const s = d.chargeStates.find((x) => x.charge === charge);
  if (!s) throw new PotmapError(`${name} has no charge state ${charge}`, { field: `defects.${name}`, value: charge });
  return { label: `${name}(${charge > 0 ? "+" : ""}${charge})`, charge, energy: s.energy, lithium: d.lithium ?? 0, states: d.sites * (s.degeneracy ?? 1) };
}

/**
 * Electrons of a parabolic conduction band as a species: E0 = the CBM (gap + scissor above the
 * VBM), N_c = 2.509e19 cm^-3 (m_eff / m_e)^(3/2) (T/300 K)^(3/2), the textbook effective density of
 * states (written out here rather than taken from the solver's carrier model).
 */
export function electronSpecies(system: DefectSystem, scissor = 0): BalanceSpecies {
  if (system.carriers.kind !== "parabolic") throw new PotmapError("a closed form needs parabolic bands", { field: "carriers.kind", value: system.carriers.kind });
  const nc = 2.509e19 * Math.pow(system.carriers.electronMass, 1.5) * Math.pow(system.temperature / 300, 1.5);
  return { label: "e'", charge: -1, energy: effectiveBandGap(system) + scissor, lithium: 0, states: nc };
}

/** E_F (eV above the VBM) at which the two species' concentrations are equal. */
export function balanceFermiLevel(plus: BalanceSpecies, minus: BalanceSpecies, muLi: number, temperature: number): number {
  if (plus.charge !== 1 || minus.charge !== -1) throw new PotmapError("a closed-form balance pairs a +1 species with a -1 species", { field: "charge", value: `${plus.charge}, ${minus.charge}` });
  const kT = thermalEnergy(temperature);
  return (minus.energy - plus.energy + (plus.lithium - minus.lithium) * muLi) / 2 + (kT / 2) * Math.log(plus.states / minus.states);
}

/** Boltzmann concentration (cm^-3) of a species at (mu_Li, E_F): to see which pair dominates. */
export function speciesConcentration(s: BalanceSpecies, muLi: number, fermiLevel: number, temperature: number): number {
  return s.states * Math.exp(-(s.energy - s.lithium * muLi + s.charge * fermiLevel) / thermalEnergy(temperature));
}

/**
 * E_F when every charged species has charge +1 or -1 (Boltzmann): the positive ones sum to
 * A exp(-E_F/kT) and the negative ones to B exp(+E_F/kT), so neutrality gives
 * E_F = (kT/2) ln(A / B) with A, B the sums of N g exp(-(E0 - dN mu_Li)/kT) over each sign.
 */
export function allSpeciesFermiLevel(species: readonly BalanceSpecies[], muLi: number, temperature: number): number {
  const kT = thermalEnergy(temperature);
  const weight = (s: BalanceSpecies) => s.states * Math.exp(-(s.energy - s.lithium * muLi) / kT);
  const A = species.filter((s) => s.charge === 1).reduce((a, s) => a + weight(s), 0);
  const B = species.filter((s) => s.charge === -1).reduce((a, s) => a + weight(s), 0);
  if (species.some((s) => Math.abs(s.charge) !== 1) || !(A > 0) || !(B > 0)) {
    throw new PotmapError("needs charges of +1 and -1 only, at least one of each", { field: "species", value: species.map((s) => s.label).join(", ") });
  }
  return (kT / 2) * Math.log(A / B);
}

/**
 * dE_F/dV of the same closed form: with mu_Li = -eV, dE_F/dV = -(<dN>_+ - <dN>_-)/2, the
 * Li exchanged by each sign averaged with the weights of its species (1:1 Frenkel gives -1,
 * a Li defect against a non-Li species -1/2).
 */
export function allSpeciesSlope(species: readonly BalanceSpecies[], muLi: number, temperature: number): number {
  const kT = thermalEnergy(temperature);
  const mean = (sign: number) => {
    const group = species.filter((s) => s.charge === sign);
    const w = group.map((s) => s.states * Math.exp(-(s.energy - s.lithium * muLi) / kT));
    const total = w.reduce((a, b) => a + b, 0);
    return group.reduce((a, s, i) => a + (s.lithium * w[i]) / total, 0);
  };
  return -(mean(1) - mean(-1)) / 2;
}

/**
 * E_F (eV above the VBM) of a +1 defect against the electrons of a parabolic band with
 * Fermi-Dirac statistics: N+ g+ exp(-(E0+ - dN mu_Li + E_F)/kT) = N_c F_1/2((E_F - E_c)/kT).
 * The Boltzmann closed form (balanceFermiLevel) is valid only while E_F stays several kT below
 * the CBM; near or above it (a degenerate semiconductor) it errs by tens of meV, so a worked
 * solution there must use this. Solved by bisection on the log of the two sides (the left side
 * falls, the right side rises with E_F: one root).
 */
export function fermiDiracBalanceFermiLevel(plus: BalanceSpecies, electrons: BalanceSpecies, muLi: number, temperature: number): number {
  if (plus.charge !== 1 || electrons.charge !== -1) throw new PotmapError("a Fermi-Dirac balance pairs a +1 species with the electrons", { field: "charge", value: `${plus.charge}, ${electrons.charge}` });
  const kT = thermalEnergy(temperature);
  const mismatch = (ef: number) => Math.log(plus.states) - (plus.energy - plus.lithium * muLi + ef) / kT - (Math.log(electrons.states) + logFermiDiracHalf((ef - electrons.energy) / kT));
  let low = electrons.energy - 10;
  let high = electrons.energy + 10;
  if (!(mismatch(low) > 0 && mismatch(high) < 0)) throw new PotmapError("no Fermi-Dirac balance within 10 eV of the CBM", { field: "energy", value: plus.energy });
  for (let i = 0; i < 200 && high - low > 1e-13; i++) {
    const mid = 0.5 * (low + high);
    if (mismatch(mid) > 0) low = mid;
    else high = mid;
  }
  return 0.5 * (low + high);
}
