/**
 * The ideal coating: a hypothetical interlayer between an electrolyte E and a cathode C,
 * scanned over its ionization potential and the defect energy that sets its Fermi level.
 *
 * Parametrisation (stated here, in `potmap coat --help` and in the JSON):
 *  - the coating is an insulator whose only ionic defects are a Li Frenkel pair,
 *    Li_i(+1) with E0_i and V_Li(-1) with E0_v, and electrons and holes in parabolic bands
 *    with Boltzmann statistics (defects/defects.ts conventions: E0 at E_F = VBM, mu_Li = 0);
 *  - the pair energy E_FP = E0_i + E0_v (the Frenkel energy: mu_Li and E_F cancel in it) is
 *    fixed; the scanned "defect energy" is its reference, the interstitial's E0_i (so that
 *    E0_v = E_FP - E0_i);
 *  - band gap, temperature, effective masses, site densities and E_FP are read from a template
 *    electrolyte record (its frenkelEnergy constraint names the two defects) or given;
 *  - it is stable over the whole cell (window 0 V to the highest OCV): the ideal coating's
 *    jumps, not its chemistry, are scanned; the real candidates carry the stability flags.
 *
 * Charge neutrality [Li_i+] + p = [V_Li-] + n has a closed form (x = exp(E_F/kT)):
 *   A/x + P/x = B x + C x,  A = N_i exp(-(E0_i - mu)/kT), P = N_V,
 *   B = N_v exp(-(E0_v + mu)/kT), C = N_C exp(-Eg/kT)   =>   E_F = kT/2 ln((A + P)/(B + C)),
 * verified against the general solver (defects/neutrality.ts) in test/virtualCoating.test.ts.
 * Where the pair dominates, E_F - mu_Li = (E0_v - E0_i)/2 + kT/2 ln(N_i/N_v) is constant and
 * so is the coating's phi (eq. 5): the coating then behaves like a metal of "work function"
 * IP - (E_F - mu_Li). Where holes or electrons take over, E_F follows mu_Li with slope 1/2.
 *
 * Validity: the closed form (Boltzmann carriers, dilute defects) is physical only where E_F
 * lies inside the gap and both defects have a positive formation energy (site fraction below
 * 1) over the coating's mu_Li range. E_F rises with mu_Li and the two formation energies are
 * monotonic in it, so the two contacts decide; a row of E0_i that fails at any state of
 * charge is left out of the map (NaN), never shown as a jump.
 *
 * In the stack (cell/stack.ts rules) E ends at mu_E = -min(V_high(E), OCV) and the coating
 * runs from mu_E to -OCV, so at each state of charge s
 *   dphi(E/coating) = F(mu_E) - mu_E - IP - (phi_E(mu_E) - psi_a)        = a_s(E0_i) - IP,
 *   dphi(coating/C) = (phi_C - psi_a) - (F(-OCV) + OCV - IP)              = b_s(E0_i) + IP,
 * with F(mu) = E_F(mu; E0_i). a_s and b_s depend on E0_i only, so a grid of N x N coatings
 * costs 2 N S closed-form solves and N^2 S comparisons (S states of charge): a 1000 x 1000
 * grid over LCO's states is a few milliseconds on one thread; no worker threads are needed.
 */
import { PotmapError } from "../core/errors";
import { thermalEnergy } from "../core/constants";
import { effectiveDensityOfStates } from "../defects/carriers";
import { DefectSystem } from "../defects/defects";
import { logAddExp } from "../numerics/logMath";
import { Anode, CathodeState, Electrolyte } from "../cell/materials";
import { stackMap } from "../cell/stack";

export interface VirtualCoatingModel {
  /** CBM above the VBM, eV (the gap of the carrier statistics). */
  bandGap: number;
  /** K */
  temperature: number;
  /** E0(Li_i,+1) + E0(V_Li,-1), eV. */
  frenkelEnergy: number;
  /** Site densities of Li_i and V_Li, cm^-3. */
  interstitialSites: number;
  vacancySites: number;
  /** Density-of-states effective masses, electron masses. */
  electronMass: number;
  holeMass: number;
  /** Where each value comes from (template record or option), in words. */
  source?: string;
}

/** What can override the template's values. */
export interface VirtualCoatingOverrides {
  bandGap?: number;
  frenkelEnergy?: number;
  sites?: number;
  temperature?: number;
}

/**
 * The model's parameters from a template electrolyte record: gap (with its scissor),
 * temperature and effective masses of its defect system, E_FP and the site densities from its
 * frenkelEnergy constraint and the two defects it names. Overrides win; a value that neither
 * gives is refused (no physics default).
 */
export function virtualCoatingModel(template: Electrolyte | undefined, overrides: VirtualCoatingOverrides = {}): VirtualCoatingModel {
  const who = template ? `template ${template.id}` : "no template";
  const system = template?.fermiLevel.rule === "defects" ? template.fermiLevel.system : undefined;
  const constraint = template?.constraints?.find((c) => c.kind === "frenkelEnergy");
  const defect = (name: string | undefined) => system?.defects.find((d) => d.name === name);
  const need = (value: number | undefined, field: string, why: string): number => {
    if (value === undefined) throw new PotmapError(`the virtual coating needs it: ${why} (${who})`, { field });
    if (!Number.isFinite(value)) throw new PotmapError("must be a finite number", { field, value });
    return value;
  };
  const bandGap = need(overrides.bandGap ?? (template ? template.bandGap + (template.scissor ?? 0) : undefined), "--gap", "give the band gap in eV or a --template record");
  const temperature = need(overrides.temperature ?? system?.temperature, "--temperature", "give a temperature or a --template record with a defect model");
  const frenkelEnergy = need(overrides.frenkelEnergy ?? constraint?.value, "--frenkel-energy", "give the Li Frenkel pair energy or a --template record that declares one (constraints, kind frenkelEnergy)");
  const interstitialSites = need(overrides.sites ?? defect(constraint?.interstitial)?.sites, "--sites", "give the Li site density or a --template record whose frenkelEnergy constraint names its defects");
  const vacancySites = need(overrides.sites ?? defect(constraint?.vacancy)?.sites, "--sites", "give the Li site density or a --template record whose frenkelEnergy constraint names its defects");
  const carriers = system?.carriers;
  const masses = carriers?.kind === "parabolic" ? carriers : undefined;
  if (!masses) throw new PotmapError(`the virtual coating takes its effective masses from a template with parabolic carriers (${who})`, { field: "--template", value: template?.id ?? "" });
  if (!(bandGap > 0)) throw new PotmapError("must be positive", { field: "--gap", value: bandGap });
  if (!(temperature > 0)) throw new PotmapError("must be positive", { field: "--temperature", value: temperature });
  if (!(interstitialSites > 0) || !(vacancySites > 0)) throw new PotmapError("must be positive", { field: "--sites", value: overrides.sites ?? interstitialSites });
  const given = (["bandGap", "frenkelEnergy", "sites", "temperature"] as const).filter((k) => overrides[k] !== undefined);
  return {
    bandGap, temperature, frenkelEnergy, interstitialSites, vacancySites, electronMass: masses.electronMass, holeMass: masses.holeMass,
    source: `${template ? `from ${template.id}${constraint ? ` (Frenkel energy: ${constraint.source})` : ""}` : "given"}${given.length ? `; given: ${given.join(", ")}` : ""}`,
  };
}

/** The Frenkel-pair defect system with Boltzmann carriers (for the general solver). */
export function virtualCoatingSystem(model: VirtualCoatingModel, interstitialEnergy: number): DefectSystem {
  return {
    bandGap: model.bandGap,
    temperature: model.temperature,
    defects: [
      { name: "Li_i", sites: model.interstitialSites, lithium: 1, chargeStates: [{ charge: 1, energy: interstitialEnergy }] },
      { name: "V_Li", sites: model.vacancySites, lithium: -1, chargeStates: [{ charge: -1, energy: model.frenkelEnergy - interstitialEnergy }] },
    ],
    carriers: { kind: "parabolic", electronMass: model.electronMass, holeMass: model.holeMass, statistics: "boltzmann" },
  };
}

/** E_F(mu_Li; E0_i) of the model, closed form (module comment), eV above the VBM. */
export function virtualFermiLevelFunction(model: VirtualCoatingModel): (interstitialEnergy: number, muLi: number) => number {
  const kT = thermalEnergy(model.temperature);
  const logNi = Math.log(model.interstitialSites);
  const logNv = Math.log(model.vacancySites);
  const logP = Math.log(effectiveDensityOfStates(model.holeMass, model.temperature));
  const logC = Math.log(effectiveDensityOfStates(model.electronMass, model.temperature)) - model.bandGap / kT;
  return (ei, mu) => {
    const logA = logNi - (ei - mu) / kT;
    const logB = logNv - (model.frenkelEnergy - ei + mu) / kT;
    return 0.5 * kT * (logAddExp(logA, logP) - logAddExp(logB, logC));
  };
}

/** The virtual coating as an electrolyte record (stable over 0..upper V), for cell/stack.ts. */
export function virtualCoatingElectrolyte(model: VirtualCoatingModel, ionizationPotential: number, interstitialEnergy: number, upper: number): Electrolyte {
  return {
    role: "electrolyte", id: "virtual", name: "virtual coating", bandGap: model.bandGap, ionizationPotential,
    window: { lower: 0, upper }, fermiLevel: { rule: "defects", system: virtualCoatingSystem(model, interstitialEnergy) },
  };
}

/** One state of charge as the scan sees it (from the stack without a coating). */
export interface ScanState {
  soc: string;
  ocv: number;
  /** mu_Li where E ends, eV. */
  muElectrolyte: number;
  /** phi of E there minus psi_a, V. */
  offsetElectrolyte: number;
  /** phi of the cathode minus psi_a, V. */
  offsetCathode: number;
}

/** The scan's view of each state: E's right edge and the cathode, from stackMap without a coating. */
export function scanStates(anode: Anode, electrolyte: Electrolyte, states: readonly CathodeState[], temperature?: number): ScanState[] {
  return states.map((state) => {
    const map = stackMap(anode, [electrolyte], state, { temperature, points: 2 });
    const e = map.layers[1];
    const c = map.layers[2];
    return { soc: state.soc, ocv: state.ocv, muElectrolyte: e.muRight, offsetElectrolyte: e.phiRight - anode.workFunction, offsetCathode: c.phiLeft - anode.workFunction };
  });
}

export interface ScanGrid {
  /** IP axis, eV (columns). */
  ionizationPotential: Float64Array;
  /** E0(Li_i,+1) axis, eV (rows). */
  interstitialEnergy: Float64Array;
  /** Worst |dphi| over both interfaces and every state, V; row-major: [row * n + column]. */
  worst: Float64Array;
  /** Index of the state of charge where the worst jump occurs, same layout. */
  worstState: Uint8Array;
  /** Rows (E0_i values) outside the model's validity (module comment), whose points are NaN. */
  invalidRows: number;
}

/**
 * Whether the model holds at one contact: E_F inside the gap, both formation energies
 * positive (E0_i - mu + E_F for Li_i+1, E0_v + mu - E_F for V_Li-1).
 */
export function virtualModelHolds(model: VirtualCoatingModel, interstitialEnergy: number, muLi: number, fermiLevel: number): boolean {
  return (
    fermiLevel >= 0 && fermiLevel <= model.bandGap &&
    interstitialEnergy - muLi + fermiLevel >= 0 && model.frenkelEnergy - interstitialEnergy + muLi - fermiLevel >= 0
  );
}

function axis(range: readonly [number, number], n: number, field: string): Float64Array {
  const [lo, hi] = range;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) throw new PotmapError("must be two finite numbers, the first below the second", { field, value: `${lo},${hi}` });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + ((hi - lo) * i) / (n - 1);
  return out;
}

/** The n x n scan (module comment: a_s, b_s per row, then comparisons). */
export function scanVirtualCoatings(model: VirtualCoatingModel, states: readonly ScanState[], n: number, ipRange: readonly [number, number], energyRange: readonly [number, number]): ScanGrid {
  if (!Number.isInteger(n) || n < 2) throw new PotmapError("must be an integer of at least 2", { field: "--grid", value: n });
  if (states.length === 0 || states.length > 255) throw new PotmapError("needs 1 to 255 states of charge", { field: "--cathode", value: states.length });
  const ip = axis(ipRange, n, "--ip-range");
  const ei = axis(energyRange, n, "--energy-range");
  const fermi = virtualFermiLevelFunction(model);
  const S = states.length;
  const a = new Float64Array(S);
  const b = new Float64Array(S);
  const worst = new Float64Array(n * n);
  const worstState = new Uint8Array(n * n);
  let invalidRows = 0;
  for (let r = 0; r < n; r++) {
    let holds = true;
    for (let s = 0; s < S; s++) {
      const st = states[s];
      const fE = fermi(ei[r], st.muElectrolyte);
      const fC = fermi(ei[r], -st.ocv);
      holds = holds && virtualModelHolds(model, ei[r], st.muElectrolyte, fE) && virtualModelHolds(model, ei[r], -st.ocv, fC);
      a[s] = fE - st.muElectrolyte - st.offsetElectrolyte;
      b[s] = st.offsetCathode - fC - st.ocv;
    }
    const base = r * n;
    if (!holds) {
      invalidRows++;
      worst.fill(NaN, base, base + n);
      continue;
    }
    for (let c = 0; c < n; c++) {
      const x = ip[c];
      let w = -1;
      let ws = 0;
      for (let s = 0; s < S; s++) {
        const j1 = Math.abs(a[s] - x);
        const j2 = Math.abs(b[s] + x);
        const m = j1 > j2 ? j1 : j2;
        if (m > w) {
          w = m;
          ws = s;
        }
      }
      worst[base + c] = w;
      worstState[base + c] = ws;
    }
  }
  return { ionizationPotential: ip, interstitialEnergy: ei, worst, worstState, invalidRows };
}

/** The worst jump of one virtual coating through the general path (stack.ts + neutrality solver). */
export function virtualWorstByStack(anode: Anode, electrolyte: Electrolyte, states: readonly CathodeState[], model: VirtualCoatingModel, ionizationPotential: number, interstitialEnergy: number, temperature?: number): number {
  const upper = Math.max(...states.map((s) => s.ocv));
  const coating = virtualCoatingElectrolyte(model, ionizationPotential, interstitialEnergy, upper);
  let worst = -Infinity;
  for (const state of states) {
    // E at `temperature` (or its record's); the coating at the model's, which the caller sets to the same
    const map = stackMap(anode, [electrolyte, coating], state, { temperature, points: 2 });
    for (const i of map.interfaces.slice(1)) worst = Math.max(worst, Math.abs(i.dphi));
  }
  return worst;
}
