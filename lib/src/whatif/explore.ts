/**
 * The explorer: one cell of a data set with its inputs moved by hand (the site's explorer
 * page, output/site/explorer.html, runs this in the browser on every slider move).
 *
 * Pure: plain data in, plain data out; no I/O, so that esbuild can bundle it for the browser
 * together with cell/, defects/ and figures/. The same function in Node gives the numbers the
 * browser test compares against.
 *
 * Knobs (each optional; absent = the record's value):
 *   ionizationPotential  the electrolyte's IP, eV (moves phi in the electrolyte, eq. 5)
 *   defectEnergies       E0 of a charge state, eV, keyed "defect name|charge" (defectKey)
 *   temperature          K, for the electrolyte's defect chemistry
 *   ocv                  the cathode state's open-circuit voltage, V (eq. 3 value replaced)
 *   scissor              added to the electrolyte's CBM, eV (enters the carrier statistics)
 */
import { PotmapError } from "../core/errors";
import { findAnode, findCathodeState, findElectrolyte } from "../cell/dataSet";
import { cathodeAt, cathodeCurve } from "../cell/cathodeCurve";
import { CathodeState, DataSet, Electrolyte } from "../cell/materials";
import { potentialMap, PotentialMap } from "../cell/potentialMap";
import { PlotlyFigure } from "../figures/figure";
import { potentialMapFigure } from "../figures/plots";
import { cathodeStateInputs, electrolyteInputs, findInput } from "../inputs/table";

export interface ExplorerSelection {
  anode: string;
  electrolyte: string;
  cathode: string;
  soc: string;
}

export interface ExplorerKnobs {
  ionizationPotential?: number;
  defectEnergies?: Record<string, number>;
  temperature?: number;
  ocv?: number;
  scissor?: number;
}

/** One slider: its key in ExplorerKnobs, a label with unit, the record's value and a range. */
export interface ExplorerControl {
  key: string;
  label: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  step: number;
}

export interface ExplorerResult {
  map: PotentialMap;
  figure: PlotlyFigure;
  dphiAnode: number;
  dphiCathode: number;
  /** The warnings' messages, plus the stability readings of section 3 when they apply. */
  messages: string[];
}

/** Key of one charge state's energy in ExplorerKnobs.defectEnergies. */
export function defectKey(defect: string, charge: number): string {
  return `${defect}|${charge}`;
}

/** The electrolyte and cathode state with the knobs applied (new objects; the set is not changed). */
export function applyKnobs(electrolyte: Electrolyte, cathode: CathodeState, knobs: ExplorerKnobs): { electrolyte: Electrolyte; cathode: CathodeState } {
  // every knob is an input of the one table (inputs/table.ts), set through its immutable `with`
  let e = electrolyte;
  const set = (id: string, value: number | undefined, key = id) => {
    if (value === undefined) return;
    const input = findInput(electrolyteInputs(e), id);
    if (!input) throw new PotmapError(`no input ${key} in ${electrolyte.id}`, { field: "knobs", value: key });
    e = input.with(value);
  };
  set("electrolyte.ionizationPotential", knobs.ionizationPotential);
  set("electrolyte.scissor", knobs.scissor);
  if (electrolyte.fermiLevel.rule === "defects") {
    const energies = knobs.defectEnergies ?? {};
    for (const key of Object.keys(energies)) {
      const [name, charge] = key.split("|");
      const id = `electrolyte.defects[${name}].chargeStates[q=${charge}].energy`;
      if (!findInput(electrolyteInputs(e), id)) throw new PotmapError(`no defect charge state ${key} in ${electrolyte.id}`, { field: "defectEnergies", value: key });
      set(id, energies[key], key);
    }
    set("temperature", knobs.temperature);
  }
  const ocv = findInput(cathodeStateInputs(cathode), "cathode.ocv")!;
  const c: CathodeState = knobs.ocv === undefined ? cathode : ocv.with(knobs.ocv);
  return { electrolyte: e, cathode: c };
}

/**
 * The cathode state a selection names: one of the record's named states, or any other
 * percentage ("80%") as a point on the cathode's voltage curve (cell/cathodeCurve.ts cathodeAt:
 * SOC linear in Li content, the eq. 3 average as OCV, IP and E_F interpolated in x).
 */
export function selectedCathodeState(set: DataSet, cathodeId: string, soc: string): CathodeState {
  const cathode = set.cathodes.find((c) => c.id === cathodeId);
  const named = cathode?.states.find((s) => s.soc === soc);
  if (named || !cathode || !/^\d+(\.\d+)?%$/.test(soc)) return findCathodeState(set, cathodeId, soc);
  return cathodeAt(cathode, { soc: Number(soc.slice(0, -1)) }).state;
}

/**
 * The state-of-charge choices of the explorer for one cathode: its named states and, where the
 * record has a voltage curve, every 10 % between 0 % and 100 % on that curve, in order.
 */
export function explorerSocOptions(set: DataSet, cathodeId: string): string[] {
  const cathode = set.cathodes.find((c) => c.id === cathodeId);
  if (!cathode) return [];
  const named = cathode.states.map((s) => s.soc);
  if (!cathodeCurve(cathode)) return named;
  const percent = (soc: string) => (soc === "+" ? Infinity : Number(soc.slice(0, -1)));
  const grid = Array.from({ length: 11 }, (_, i) => `${10 * i}%`);
  return [...new Set([...named, ...grid])].sort((a, b) => percent(a) - percent(b));
}

/** The potential map (eqs. 4-7), its figure, the jumps and the messages for one set of knobs. */
export function exploreCell(set: DataSet, selection: ExplorerSelection, knobs: ExplorerKnobs = {}): ExplorerResult {
  const anode = findAnode(set, selection.anode);
  const moved = applyKnobs(findElectrolyte(set, selection.electrolyte), selectedCathodeState(set, selection.cathode, selection.soc), knobs);
  const map = potentialMap(anode, moved.electrolyte, moved.cathode, knobs.temperature !== undefined ? { temperature: knobs.temperature } : {});
  const messages = map.warnings.map((w) => w.message);
  const s = map.stability;
  if (s.reducedByAnode) messages.push(`the electrolyte's CBM lies ${(-s.cbmAboveAnodeFermi).toFixed(2)} eV below the Li Fermi level: the anode reduces it`);
  else if (s.electronLeakageRisk) messages.push(`the electrolyte's CBM lies only ${s.cbmAboveAnodeFermi.toFixed(2)} eV above the Li Fermi level: electron leakage risk`);
  if (s.oxidizedByCathode) messages.push(`the electrolyte's VBM lies ${(-s.vbmBelowCathodeFermi).toFixed(2)} eV above the cathode's Fermi level: the cathode oxidises it`);
  return { map, figure: potentialMapFigure(map), dphiAnode: map.dphiAnode, dphiCathode: map.dphiCathode, messages };
}

/** The sliders for one selection, centred on the record's values. */
export function explorerControls(set: DataSet, selection: ExplorerSelection): ExplorerControl[] {
  const e = findElectrolyte(set, selection.electrolyte);
  const c = selectedCathodeState(set, selection.cathode, selection.soc);
  const round = (x: number, step: number) => Math.round(x / step) * step;
  const around = (key: string, label: string, unit: string, value: number, half: number, step: number): ExplorerControl => ({
    key, label, unit, value, min: round(value - half, step), max: round(value + half, step), step,
  });
  const controls: ExplorerControl[] = [around("ionizationPotential", `IP of ${e.id}`, "eV", e.ionizationPotential, 1, 0.005)];
  const rule = e.fermiLevel;
  if (rule.rule === "defects") {
    for (const d of rule.system.defects) {
      for (const q of d.chargeStates) {
        const sign = q.charge > 0 ? "+" : q.charge < 0 ? "−" : "";
        const label = `E0(${d.name}, q = ${sign}${Math.abs(q.charge)})`;
        controls.push(around(`defect:${defectKey(d.name, q.charge)}`, label, "eV", q.energy, 1, 0.005));
      }
    }
    const t = rule.system.temperature;
    controls.push({ key: "temperature", label: "temperature", unit: "K", value: t, min: 200, max: Math.max(1000, t), step: 5 });
  }
  controls.push(around("ocv", `OCV of ${c.id} ${c.soc}`, "V", c.ocv, 1, 0.005));
  controls.push({ key: "scissor", label: `scissor on the CBM of ${e.id}`, unit: "eV", value: e.scissor ?? 0, min: 0, max: 3, step: 0.05 });
  return controls;
}

/** Knobs from control values keyed as explorerControls names them. */
export function knobsFromControls(values: Record<string, number>): ExplorerKnobs {
  const knobs: ExplorerKnobs = {};
  const energies: Record<string, number> = {};
  for (const [key, v] of Object.entries(values)) {
    if (key.startsWith("defect:")) energies[key.slice(7)] = v;
    else if (key === "ionizationPotential" || key === "temperature" || key === "ocv" || key === "scissor") knobs[key] = v;
    else throw new PotmapError("unknown explorer control", { field: "control", value: key });
  }
  if (Object.keys(energies).length) knobs.defectEnergies = energies;
  return knobs;
}
