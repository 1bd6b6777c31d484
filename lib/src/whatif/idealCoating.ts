/**
 * `coat --virtual`: the map of virtual coatings (whatif/virtualCoating.ts) between E and C,
 * the region where the worst jump stays below a threshold, and where the real candidates
 * (whatif/coat.ts) sit on it.
 *
 * A real candidate is placed at its IP and at the interstitial energy a Frenkel-pair coating
 * would need for the same E_F - mu_Li at its contact with E (lowest-voltage state of C):
 * E0_i = E_FP/2 + kT/2 ln(N_i/N_v) - (E_F - mu_Li). The placement is exact only for a
 * coating whose E_F tracks mu_Li (a Frenkel-pair or mixed-conductor coating); for others it
 * is a guide, so its own (real) worst jump is listed beside the map's value there.
 */
import { PotmapError } from "../core/errors";
import { thermalEnergy } from "../core/constants";
import { CathodeState, DataSet, Electrolyte } from "../cell/materials";
import { findAnode, findElectrolyte } from "../cell/dataSet";
import { stackMap } from "../cell/stack";
import { CoatResult, coatingStates } from "./coat";
import { ScanGrid, scanStates, scanVirtualCoatings, VirtualCoatingModel, virtualCoatingModel, VirtualCoatingOverrides } from "./virtualCoating";

export interface IdealCoatingOptions extends VirtualCoatingOverrides {
  anode?: string;
  /** Grid points per axis (n x n coatings). */
  grid: number;
  /** Worst |dphi| below this counts as barrier-less, V. */
  threshold: number;
  ipRange?: [number, number];
  energyRange?: [number, number];
  /** Template electrolyte id (default: the first record declaring a Li Frenkel energy). */
  template?: string;
}

export interface PlacedCandidate {
  id: string;
  kind: "electrolyte" | "cathode";
  ionizationPotential: number;
  /** E_F - mu_Li at the contact with E, eV. */
  fermiOffset: number;
  /** Equivalent E0(Li_i,+1) on the map, eV. */
  interstitialEnergy: number;
  /** Inside the scanned ranges. */
  onMap: boolean;
  /** The map's worst |dphi| at the nearest grid point, V (null off the map or where the model does not hold). */
  mapWorst: number | null;
  /** The candidate's own worst |dphi| (potmap coat), V. */
  realWorst: number;
  /** Distance to the nearest barrier-less grid point in the (IP, E0_i) plane, eV (null: no region). */
  distanceToRegion: number | null;
}

export interface IdealCoatingResult {
  electrolyte: string;
  cathode: string;
  states: { soc: string; ocv: number }[];
  model: VirtualCoatingModel;
  parametrisation: string;
  grid: number;
  threshold: number;
  ipRange: [number, number];
  energyRange: [number, number];
  region: {
    /** Grid points below the threshold. */
    points: number;
    fraction: number;
    /** Bounding box of the barrier-less points (null when there are none). */
    ionizationPotential: [number, number] | null;
    interstitialEnergy: [number, number] | null;
  };
  best: { ionizationPotential: number; interstitialEnergy: number; fermiOffset: number; worstAbsDphi: number; soc: string };
  /** Rows of E0_i where the model does not hold (E_F outside the gap, a defect above its sites): left out. */
  invalidRows: number;
  /** Real candidates, nearest to the barrier-less region first. */
  candidates: PlacedCandidate[];
  /** The scan alone, ms. */
  scanMs: number;
}

/** How the virtual coating is parametrised (a Li Frenkel pair: IP and E0(Li_i+1) at a fixed pair energy), as printed by `coat --virtual`. */
export const parametrisation =
  "virtual coating: an insulator with a Li Frenkel pair (Li_i+1 with E0_i, V_Li-1 with E0_v = E_FP - E0_i; E0 at E_F = VBM, mu_Li = 0) " +
  "and Boltzmann electrons and holes; E_F = kT/2 ln((A + N_V)/(B + N_C e^(-Eg/kT))), A = N_i e^(-(E0_i - mu)/kT), B = N_v e^(-(E0_v + mu)/kT); " +
  "gap, temperature, masses, sites and E_FP from the template record; stable over the whole cell; scanned over IP (x) and E0_i (y)";

/** The first electrolyte with a Li Frenkel energy (the default template). */
export function defaultTemplate(set: DataSet): Electrolyte | undefined {
  return set.electrolytes.find((e) => e.constraints?.some((c) => c.kind === "frenkelEnergy"));
}

/**
 * The ideal coating between an electrolyte and a cathode: the virtual-coating scan over IP (eV)
 * and E0(Li_i+1) (eV), the region where the worst |dphi| (V) of both interfaces over every state
 * stays below the threshold, and the real candidates of `ranked` placed on it.
 */
export function idealCoating(set: DataSet, electrolyteId: string, cathodeId: string, ranked: CoatResult, options: IdealCoatingOptions): IdealCoatingResult & { scan: ScanGrid } {
  const anode = findAnode(set, options.anode ?? set.anodes[0]?.id ?? "Li");
  const electrolyte = findElectrolyte(set, electrolyteId);
  const cathode = set.cathodes.find((c) => c.id.toLowerCase() === cathodeId.toLowerCase());
  if (!cathode) throw new PotmapError(`unknown cathode (known: ${set.cathodes.map((c) => c.id).join(", ")})`, { field: "--cathode", value: cathodeId });
  const template = options.template !== undefined ? findElectrolyte(set, options.template) : defaultTemplate(set);
  const model = virtualCoatingModel(template, options);
  const states = coatingStates(cathode);
  const scanned = scanStates(anode, electrolyte, states, options.temperature);
  const kT = thermalEnergy(model.temperature);
  const centre = model.frenkelEnergy / 2 + (kT / 2) * Math.log(model.interstitialSites / model.vacancySites);

  const placed = place(set, electrolyte, states, ranked, options.temperature, centre);
  const ips = [electrolyte.ionizationPotential, ...states.map((s) => s.ionizationPotential), ...placed.map((p) => p.ionizationPotential)];
  // stated rules: IP from 1 eV below the lowest to 1 eV above the highest IP of E, C and the
  // candidates; E0_i for which, in the pair's limit (E_F - mu_Li = centre - E0_i), E_F stays
  // inside the gap at both contacts at every state (the model's validity, virtualCoating.ts)
  const ipRange: [number, number] = options.ipRange ?? [Math.min(...ips) - 1, Math.max(...ips) + 1];
  const lowest = Math.min(...states.map((s) => s.ocv));
  const deepest = Math.max(...scanned.map((s) => -s.muElectrolyte), ...states.map((s) => s.ocv));
  const energyRange: [number, number] = options.energyRange ?? [centre - model.bandGap - Math.min(lowest, ...scanned.map((s) => -s.muElectrolyte)), centre - deepest];

  const t0 = performance.now();
  const scan = scanVirtualCoatings(model, scanned, options.grid, ipRange, energyRange);
  const scanMs = performance.now() - t0;

  const n = options.grid;
  let points = 0;
  let best = -1;
  const box = { ipLo: Infinity, ipHi: -Infinity, eLo: Infinity, eHi: -Infinity };
  const good: number[] = [];
  for (let k = 0; k < n * n; k++) {
    const w = scan.worst[k];
    if (Number.isNaN(w)) continue;
    if (best === -1 || w < scan.worst[best]) best = k;
    if (w < options.threshold) {
      points++;
      good.push(k);
      const ip = scan.ionizationPotential[k % n];
      const e = scan.interstitialEnergy[Math.floor(k / n)];
      if (ip < box.ipLo) box.ipLo = ip;
      if (ip > box.ipHi) box.ipHi = ip;
      if (e < box.eLo) box.eLo = e;
      if (e > box.eHi) box.eHi = e;
    }
  }
  const step = (r: [number, number]) => (r[1] - r[0]) / (n - 1);
  for (const p of placed) {
    p.onMap = p.ionizationPotential >= ipRange[0] && p.ionizationPotential <= ipRange[1] && p.interstitialEnergy >= energyRange[0] && p.interstitialEnergy <= energyRange[1];
    if (p.onMap) {
      const c = Math.round((p.ionizationPotential - ipRange[0]) / step(ipRange));
      const r = Math.round((p.interstitialEnergy - energyRange[0]) / step(energyRange));
      const w = scan.worst[r * n + c];
      p.mapWorst = Number.isNaN(w) ? null : w;
    }
    let d = Infinity;
    for (const k of good) {
      const dx = scan.ionizationPotential[k % n] - p.ionizationPotential;
      const dy = scan.interstitialEnergy[Math.floor(k / n)] - p.interstitialEnergy;
      const dd = dx * dx + dy * dy;
      if (dd < d) d = dd;
    }
    p.distanceToRegion = good.length ? Math.sqrt(d) : null;
  }
  placed.sort((a, b) => (a.distanceToRegion ?? Infinity) - (b.distanceToRegion ?? Infinity) || a.realWorst - b.realWorst || a.id.localeCompare(b.id));
  if (best === -1) throw new PotmapError("the virtual-coating model holds nowhere on this grid (E_F outside the gap or a defect above its sites at every E0_i)", { field: "--energy-range", value: energyRange.join(",") });
  const bestEi = scan.interstitialEnergy[Math.floor(best / n)];
  return {
    electrolyte: electrolyte.id,
    cathode: cathode.id,
    states: states.map((s) => ({ soc: s.soc, ocv: s.ocv })),
    model,
    parametrisation,
    grid: n,
    threshold: options.threshold,
    ipRange,
    energyRange,
    region: {
      points,
      fraction: points / (n * n),
      ionizationPotential: points ? [box.ipLo, box.ipHi] : null,
      interstitialEnergy: points ? [box.eLo, box.eHi] : null,
    },
    best: {
      ionizationPotential: scan.ionizationPotential[best % n],
      interstitialEnergy: bestEi,
      fermiOffset: centre - bestEi,
      worstAbsDphi: scan.worst[best],
      soc: states[scan.worstState[best]].soc,
    },
    invalidRows: scan.invalidRows,
    candidates: placed,
    scanMs,
    scan,
  };
}

/** The real candidates' positions on the map (module comment). */
function place(set: DataSet, electrolyte: Electrolyte, states: readonly CathodeState[], ranked: CoatResult, temperature: number | undefined, centre: number): PlacedCandidate[] {
  const anode = findAnode(set, ranked.anode);
  const first = states[0];
  const out: PlacedCandidate[] = [];
  for (const c of ranked.candidates) {
    if (c.kind === "none" || c.failure) continue;
    let layer;
    let ip: number;
    if (c.kind === "electrolyte") {
      layer = findElectrolyte(set, c.id);
      ip = layer.ionizationPotential;
    } else {
      const material = set.cathodes.find((m) => m.id === c.id)!;
      layer = coatingStates(material)[0];
      ip = NaN;
    }
    const map = stackMap(anode, [electrolyte, layer], first, { temperature, cathodes: set.cathodes, points: 2 });
    const state = map.layers[2];
    if (c.kind === "cathode") {
      const material = set.cathodes.find((m) => m.id === c.id)!;
      ip = material.states.find((s) => s.soc === state.soc)!.ionizationPotential;
    }
    const fermiOffset = state.fermiLeft - state.muLeft;
    out.push({ id: c.id, kind: c.kind, ionizationPotential: ip, fermiOffset, interstitialEnergy: centre - fermiOffset, onMap: false, mapWorst: null, realWorst: c.worstAbsDphi, distanceToRegion: null });
  }
  return out;
}
