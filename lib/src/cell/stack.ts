/**
 * Cells with interlayers and coatings: anode | layer 1 | ... | layer n | cathode.
 * The rules of the two-interface map (model.md section 3) are applied to every layer:
 *  - open-circuit equilibrium (eq. 1): the electron electrochemical potential is mu_Li
 *    everywhere, and e*phi = E_F - IP + psi_a - mu (eq. 5) in every layer;
 *  - a layer with an electrochemical window (an electrolyte or a coating) lives only inside
 *    it; mu_Li falls monotonically from 0 at the anode to -OCV at the cathode and each such
 *    layer takes as much of the drop as its window allows (minimum interface), starting
 *    where the previous layer ended (or at its nearest window edge);
 *  - a mixed conductor used as an interlayer (a cathode material, E_F fixed) is in
 *    electronic contact with the electrode on its side: behind the last windowed layer it
 *    sits at the cathode's mu, before the first at the anode's, otherwise it carries the
 *    mu of the layer before it;
 *  - such an interlayer exchanges Li with its neighbours, so in equilibrium it takes the state
 *    of charge that is stable at the mu_Li imposed on it, whatever state was asked for: the
 *    state whose hull step holds that mu_Li (the local voltage, cell/cathodeCurve.ts
 *    equilibriumAt), with a warning in a two-phase region; a material without a voltage
 *    profile falls back to its states' OCVs (interlayerState below); the final cathode is the
 *    electrode and keeps its state.
 * Every interface's jump is phi(right layer, left edge) - phi(left layer, right edge):
 * positive hinders discharge (Li+ moving towards the cathode), negative hinders charge.
 * Anode | electrolyte | cathode reduces to potentialMap (tested).
 */
import { effectiveBandGap } from "../defects/defects";
import { PotmapError } from "../core/errors";
import { guardedFermiLevelFunction } from "./fermiLevel";
import { cathodeCurve, equilibriumAt } from "./cathodeCurve";
import { uniqueWarnings } from "../defects/guards";
import { Anode, Cathode, CathodeState, Electrolyte } from "./materials";
import { electrostaticPotential, hinders, valenceBandMaximum } from "./potential";
import { checkAnode, checkCathodeState, checkLayer, checkMapOptions } from "./checkArguments";
import { cathodeBandWarnings, electrolyteBandWarnings } from "./bandGuards";
import { requireList, requireQuantity } from "../core/arguments";

export type StackLayer = Electrolyte | CathodeState;

export interface LayerState {
  id: string;
  soc?: string;
  role: "anode" | "electrolyte" | "cathode";
  /** mu_Li at the layer's left and right edges, eV */
  muLeft: number;
  muRight: number;
  fermiLeft: number;
  fermiRight: number;
  phiLeft: number;
  phiRight: number;
}

export interface StackInterface {
  left: string;
  right: string;
  /** Jump in phi, V */
  dphi: number;
  /** Jump in mu_Li, eV (nonzero where a window forces the drop to the interface) */
  dmu: number;
  hinders: ReturnType<typeof hinders>;
}

export interface StackProfile {
  position: number[];
  muLi: number[];
  phi: number[];
  vbm: number[];
  cbm: number[];
  layer: string[];
}

export interface StackMap {
  ocv: number;
  layers: LayerState[];
  interfaces: StackInterface[];
  profile: StackProfile;
  /** The state each mixed-conductor interlayer took at the mu_Li imposed on it. */
  interlayers: InterlayerChoice[];
  /** Conditions the result does not describe well, in words (empty when none). */
  warnings: string[];
}

export interface StackOptions {
  temperature?: number;
  /** Samples per windowed layer (default 41). */
  points?: number;
  /**
   * Cathode materials whose states an interlayer may take (e.g. the data set's cathodes).
   * Without them an interlayer has only the state it was given to choose from.
   */
  cathodes?: Cathode[];
}

export interface InterlayerChoice {
  /** Layer index among the stack's middle layers (0 = next to the anode). */
  index: number;
  id: string;
  /** The state asked for. */
  requested: string;
  /** The state taken at the imposed voltage. */
  taken: string;
  /** Voltage vs Li/Li+ imposed by the neighbours (-mu_Li), V. */
  voltage: number;
  /** False when no state's voltage range contains the imposed voltage (nearest state kept). */
  covered: boolean;
  /** The two phases that coexist when the imposed voltage is a hull step's voltage. */
  twoPhase?: { lithiated: string; delithiated: string; voltage: number };
}

/**
 * The state of charge a mixed-conductor interlayer takes at an imposed voltage V (= -mu_Li)
 * when its material has no voltage profile (with one, cell/cathodeCurve.ts equilibriumAt).
 * Rule: order the material's states by OCV (mu_Li, not the SOC label, selects the state);
 * state k covers [OCV_k, OCV_k+1) and the last state covers its own OCV only. Below the first
 * OCV the material would lithiate beyond its data, above the last it would delithiate beyond
 * them: the nearest state is kept and `covered` is false.
 */
export function interlayerState(states: readonly CathodeState[], voltage: number): { state: CathodeState; covered: boolean } {
  if (requireList(states, "states").length === 0) throw new PotmapError("an interlayer needs at least one state", { field: "states", value: 0 });
  states.forEach((s, k) => checkCathodeState(s, `states[${k}]`));
  requireQuantity(voltage, "voltage", "voltage");
  const ordered = [...states].sort((a, b) => a.ocv - b.ocv);
  const last = ordered[ordered.length - 1];
  if (voltage < ordered[0].ocv) return { state: ordered[0], covered: false };
  if (voltage > last.ocv) return { state: last, covered: false };
  for (let k = 0; k + 1 < ordered.length; k++) {
    if (voltage >= ordered[k].ocv && voltage < ordered[k + 1].ocv) return { state: ordered[k], covered: true };
  }
  return { state: last, covered: true };
}

const label = (layer: { id: string; soc?: string }) => (layer.soc ? `${layer.id} ${layer.soc}` : layer.id);

/** The potential map of anode | layers... | cathode. */
export function stackMap(anode: Anode, layers: StackLayer[], cathode: CathodeState, options: StackOptions = {}): StackMap {
  // the caller's records and options at run time; a stack has at least one layer
  checkAnode(anode);
  requireList(layers, "layers", { nonEmpty: true }).forEach((layer, k) => checkLayer(layer, `layers[${k}]`));
  checkCathodeState(cathode);
  checkMapOptions(options);
  const psi = anode.workFunction;
  const ocv = cathode.ocv;
  const muCathode = -ocv;
  const windowed = layers.map((l) => l.role === "electrolyte");
  const firstWindowed = windowed.indexOf(true);
  const lastWindowed = windowed.lastIndexOf(true);

  const states: LayerState[] = [{ id: anode.id, role: "anode", muLeft: 0, muRight: 0, fermiLeft: 0, fermiRight: 0, phiLeft: 0, phiRight: 0 }];
  const gaps: number[] = [0];
  const ips: number[] = [psi];
  const fermiOf: ((mu: number) => number)[] = [() => 0];
  const interlayers: InterlayerChoice[] = [];
  // the bands of every record (bandGuards.ts), as potentialMap gives them
  const warnings: string[] = [...layers, cathode]
    .flatMap((l) => (l.role === "electrolyte" ? electrolyteBandWarnings(l) : cathodeBandWarnings(l)))
    .map((w) => `${w.code}: ${w.message}`)
    .filter((w, i, all) => all.indexOf(w) === i);
  let mu = 0;
  layers.forEach((layer, k) => {
    if (layer.role === "electrolyte") {
      const top = -Math.max(layer.window.lower, 0);
      const bottom = -Math.min(layer.window.upper, ocv);
      if (bottom > top) {
        throw new PotmapError(`the window of ${layer.id} (${layer.window.lower} to ${layer.window.upper} V) lies outside the cell's 0 to ${ocv} V`, { field: "layers", value: layer.id });
      }
      const left = Math.min(top, Math.max(bottom, mu));
      const right = bottom;
      // the shared guards of potentialMap at both contacts of the layer (degenerate E_F, sites...)
      const guarded = guardedFermiLevelFunction(layer, options.temperature);
      const fermi = (m: number) => guarded(m).fermiLevel;
      const contacts = [guarded(left), guarded(right)];
      for (const w of uniqueWarnings(contacts.map((c) => c.warnings))) warnings.push(`${w.code}: ${w.message}`);
      const [fl, fr] = contacts.map((c) => c.fermiLevel);
      states.push({
        id: layer.id, role: "electrolyte", muLeft: left, muRight: right, fermiLeft: fl, fermiRight: fr,
        phiLeft: electrostaticPotential(fl, layer.ionizationPotential, psi, left),
        phiRight: electrostaticPotential(fr, layer.ionizationPotential, psi, right),
      });
      gaps.push(effectiveBandGap(layer));
      ips.push(layer.ionizationPotential);
      fermiOf.push(fermi);
      mu = right;
    } else {
      // a mixed conductor: constant mu, set by the electrode it touches electronically
      const here = k > lastWindowed ? muCathode : k < firstWindowed || firstWindowed === -1 ? 0 : mu;
      const id = layer.id;
      const material = options.cathodes?.find((c) => c.id === id);
      const curve = material ? cathodeCurve(material) : undefined;
      const equilibrium = curve ? equilibriumAt(curve, -here) : undefined;
      const { state, covered } = equilibrium ?? interlayerState(material ? material.states : [layer], -here);
      const choice: InterlayerChoice = { index: k, id, requested: layer.soc, taken: state.soc, voltage: -here, covered };
      if (equilibrium?.twoPhase) choice.twoPhase = equilibrium.twoPhase;
      interlayers.push(choice);
      if (equilibrium?.warning) warnings.push(`interlayer ${label(layer)}: ${equilibrium.warning}`);
      else if (!covered) {
        const ocvs = (material ? material.states : [layer]).map((s) => s.ocv);
        const beyond = -here > Math.max(...ocvs) ? "delithiate beyond its highest-voltage state" : "lithiate beyond its lowest-voltage state";
        warnings.push(
          `interlayer ${label(layer)} is held at ${(-here).toFixed(2)} V, outside the voltages of its states (${Math.min(...ocvs).toFixed(2)} to ${Math.max(...ocvs).toFixed(2)} V): ` +
            `it would ${beyond}; ${label(state)} is kept`,
        );
      }
      const phi = electrostaticPotential(state.fermiLevel, state.ionizationPotential, psi, here);
      states.push({ id: state.id, soc: state.soc, role: "cathode", muLeft: here, muRight: here, fermiLeft: state.fermiLevel, fermiRight: state.fermiLevel, phiLeft: phi, phiRight: phi });
      gaps.push(effectiveBandGap(state));
      ips.push(state.ionizationPotential);
      fermiOf.push(() => state.fermiLevel);
      mu = here;
    }
  });
  const phiCathode = electrostaticPotential(cathode.fermiLevel, cathode.ionizationPotential, psi, muCathode);
  states.push({ id: cathode.id, soc: cathode.soc, role: "cathode", muLeft: muCathode, muRight: muCathode, fermiLeft: cathode.fermiLevel, fermiRight: cathode.fermiLevel, phiLeft: phiCathode, phiRight: phiCathode });
  gaps.push(effectiveBandGap(cathode));
  ips.push(cathode.ionizationPotential);
  fermiOf.push(() => cathode.fermiLevel);

  const interfaces: StackInterface[] = [];
  for (let i = 0; i + 1 < states.length; i++) {
    const dphi = states[i + 1].phiLeft - states[i].phiRight;
    interfaces.push({ left: label(states[i]), right: label(states[i + 1]), dphi, dmu: states[i + 1].muLeft - states[i].muRight, hinders: hinders(dphi) });
  }

  // Profile: electrodes 0.5 wide; a windowed layer as wide as its mu drop (at least 0.3),
  // a mixed-conductor interlayer 0.3 wide; mu linear inside each layer.
  const profile: StackProfile = { position: [], muLi: [], phi: [], vbm: [], cbm: [], layer: [] };
  const points = options.points ?? 41;
  let x = -0.5;
  states.forEach((s, i) => {
    const isElectrode = i === 0 || i === states.length - 1;
    const width = isElectrode ? 0.5 : s.role === "electrolyte" ? Math.max(s.muLeft - s.muRight, 0.3) : 0.3;
    const n = s.role === "electrolyte" ? points : 2;
    const ip = ips[i];
    for (let j = 0; j < n; j++) {
      const t = j / (n - 1);
      const m = s.muLeft + (s.muRight - s.muLeft) * t;
      const f = fermiOf[i](m);
      const vbm = valenceBandMaximum(m, f);
      profile.position.push(x + width * t);
      profile.muLi.push(m);
      profile.phi.push(electrostaticPotential(f, ip, psi, m));
      profile.vbm.push(vbm);
      profile.cbm.push(vbm + gaps[i]);
      profile.layer.push(label(s));
    }
    x += width;
  });
  return { ocv, layers: states, interfaces, profile, interlayers, warnings: warnings.filter((w, i) => warnings.indexOf(w) === i) };
}
