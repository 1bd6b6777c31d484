/**
 * One-at-a-time sensitivity of the interface jumps of one cell (anode | electrolyte | cathode
 * state) to each of its inputs, and the tornado figure that shows it.
 *
 * Each input is moved down and up by a step (additive for energies, voltages and temperature;
 * multiplicative for concentrations and site densities), all others held at their values, and
 * dphi_c (eq. 7) and dphi_a (eq. 6) are recomputed with potentialMap. Closed forms to check
 * against: e*phi_c = E_F,c - IP_c + psi_a - mu_c (eq. 5), so d(dphi_c)/d(IP_c) = -1 and
 * d(dphi_c)/d(E_F,c) = +1 exactly, d(dphi_c)/d(IP_SE) = +1, and psi_a cancels from dphi_c.
 * A step may carry an input out of its domain (a window edge across the other, T <= 0); that
 * side is then reported with its error instead of a number.
 */
import { PotmapError } from "../core/errors";
import { axisTitle, PlotlyFigure, PlotlyTrace } from "../figures/figure";
import { Anode, CathodeState, Electrolyte } from "../cell/materials";
import { potentialMap } from "../cell/potentialMap";

export interface SensitivityOptions {
  /** Additive step for energies (eV) and voltages (V), default 0.1. */
  step?: number;
  /** Additive step for the temperature, K (default 50). */
  temperatureStep?: number;
  /** Multiplicative step for concentrations and site densities (default 2: x2 and /2). */
  factor?: number;
  /** Operating temperature, K (default: the electrolyte record's). */
  temperature?: number;
}

/** One side (lowered or raised input) of one perturbation. */
export interface SensitivitySide {
  /** The input's value on this side. */
  value: number;
  /** dphi_c there, V (null when the perturbed cell could not be computed). */
  dphiCathode: number | null;
  dphiAnode: number | null;
  /** dphi_c minus its nominal value, V. */
  change: number | null;
  changeAnode: number | null;
  error?: string;
}

export interface SensitivityEntry {
  /** Machine-readable name, e.g. "cathode.ionizationPotential". */
  input: string;
  /** Human-readable name, e.g. "IP of LCO 0%". */
  label: string;
  unit: string;
  nominal: number;
  /** How the input was moved, e.g. "±0.1 eV" or "×/÷2". */
  step: string;
  low: SensitivitySide;
  high: SensitivitySide;
  /** (change(high) - change(low)) / (high - low): V per unit of the input (additive inputs only). */
  slope: number | null;
  /** max(|change(low)|, |change(high)|), V; null when neither side could be computed. */
  maxAbsChange: number | null;
}

export interface SensitivityResult {
  anode: string;
  electrolyte: string;
  cathode: string;
  soc: string;
  temperature: number | null;
  nominal: { dphiAnode: number; dphiCathode: number };
  options: { step: number; temperatureStep: number; factor: number };
  /** Largest |change of dphi_c| first; entries that could not be computed last. */
  entries: SensitivityEntry[];
}

interface Cell {
  anode: Anode;
  electrolyte: Electrolyte;
  cathode: CathodeState;
  temperature?: number;
}

interface Perturbation {
  input: string;
  label: string;
  unit: string;
  nominal: number;
  multiplicative: boolean;
  /** Returns the cell with this input set to `value` (the cell is a fresh deep copy). */
  set(cell: Cell, value: number): void;
}

function positiveOption(value: number | undefined, fallback: number, field: string, min = 0): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || !(v > min)) {
    throw new PotmapError(`must be a finite number above ${min}`, { field, value: v });
  }
  return v;
}

/** Every input of the cell that enters the jumps. */
function perturbations(cell: Cell): Perturbation[] {
  const { anode, electrolyte, cathode } = cell;
  const state = `${cathode.id} ${cathode.soc}`;
  const list: Perturbation[] = [
    { input: "electrolyte.ionizationPotential", label: `IP of ${electrolyte.id}`, unit: "eV", nominal: electrolyte.ionizationPotential, multiplicative: false, set: (c, v) => (c.electrolyte.ionizationPotential = v) },
    { input: "cathode.ionizationPotential", label: `IP of ${state}`, unit: "eV", nominal: cathode.ionizationPotential, multiplicative: false, set: (c, v) => (c.cathode.ionizationPotential = v) },
    { input: "cathode.fermiLevel", label: `E_F of ${state} above its VBM`, unit: "eV", nominal: cathode.fermiLevel, multiplicative: false, set: (c, v) => (c.cathode.fermiLevel = v) },
    { input: "cathode.ocv", label: `OCV of ${state}`, unit: "V", nominal: cathode.ocv, multiplicative: false, set: (c, v) => (c.cathode.ocv = v) },
    { input: "anode.workFunction", label: `work function of ${anode.id}`, unit: "eV", nominal: anode.workFunction, multiplicative: false, set: (c, v) => (c.anode.workFunction = v) },
    { input: "electrolyte.window.lower", label: `window lower edge of ${electrolyte.id}`, unit: "V", nominal: electrolyte.window.lower, multiplicative: false, set: (c, v) => (c.electrolyte.window.lower = v) },
    { input: "electrolyte.window.upper", label: `window upper edge of ${electrolyte.id}`, unit: "V", nominal: electrolyte.window.upper, multiplicative: false, set: (c, v) => (c.electrolyte.window.upper = v) },
  ];
  const rule = electrolyte.fermiLevel;
  if (rule.rule === "fixed") {
    list.push({ input: "electrolyte.fermiLevel.value", label: `E_F of ${electrolyte.id} (fixed)`, unit: "eV", nominal: rule.value, multiplicative: false, set: (c, v) => ((c.electrolyte.fermiLevel as { value: number }).value = v) });
    return list;
  }
  const system = rule.system;
  const sys = (c: Cell) => (c.electrolyte.fermiLevel as Extract<Electrolyte["fermiLevel"], { rule: "defects" }>).system;
  list.push({
    input: "electrolyte.bandGap",
    label: `band gap of ${electrolyte.id}`,
    unit: "eV",
    nominal: electrolyte.bandGap,
    multiplicative: false,
    // the gap enters the carriers of the defect system as well as the drawn CBM
    set: (c, v) => {
      c.electrolyte.bandGap = v;
      sys(c).bandGap = v;
    },
  });
  list.push({
    input: "temperature",
    label: "temperature",
    unit: "K",
    nominal: cell.temperature ?? system.temperature,
    multiplicative: false,
    set: (c, v) => (c.temperature = v),
  });
  system.defects.forEach((defect, d) => {
    defect.chargeStates.forEach((s, k) => {
      list.push({
        input: `electrolyte.defects[${defect.name}].chargeStates[q=${s.charge}].energy`,
        label: `E0 of ${defect.name}(${s.charge > 0 ? "+" : ""}${s.charge})`,
        unit: "eV",
        nominal: s.energy,
        multiplicative: false,
        set: (c, v) => (sys(c).defects[d].chargeStates[k].energy = v),
      });
    });
    list.push({
      input: `electrolyte.defects[${defect.name}].sites`,
      label: `site density of ${defect.name}`,
      unit: "cm^-3",
      nominal: defect.sites,
      multiplicative: true,
      set: (c, v) => (sys(c).defects[d].sites = v),
    });
    if (defect.frozenConcentration !== undefined) {
      list.push({
        input: `electrolyte.defects[${defect.name}].frozenConcentration`,
        label: `frozen total of ${defect.name}`,
        unit: "cm^-3",
        nominal: defect.frozenConcentration,
        multiplicative: true,
        set: (c, v) => (sys(c).defects[d].frozenConcentration = v),
      });
    }
  });
  (system.dopants ?? []).forEach((dopant, i) => {
    if (!(dopant.concentration > 0)) return; // a factor does not move zero
    list.push({
      input: `electrolyte.dopants[${dopant.name}].concentration`,
      label: `concentration of dopant ${dopant.name}`,
      unit: "cm^-3",
      nominal: dopant.concentration,
      multiplicative: true,
      set: (c, v) => (sys(c).dopants![i].concentration = v),
    });
  });
  for (const element of Object.keys(system.potentials ?? {})) {
    list.push({
      input: `electrolyte.potentials.${element}.intercept`,
      label: `mu_${element} intercept`,
      unit: "eV",
      nominal: system.potentials![element].intercept,
      multiplicative: false,
      set: (c, v) => (sys(c).potentials![element].intercept = v),
    });
  }
  return list;
}

function jumps(cell: Cell): { dphiAnode: number; dphiCathode: number } {
  const map = potentialMap(cell.anode, cell.electrolyte, cell.cathode, { temperature: cell.temperature, withoutProfile: true });
  if (!Number.isFinite(map.dphiCathode) || !Number.isFinite(map.dphiAnode)) {
    throw new PotmapError("the jumps are not finite", { field: "dphiCathode", value: map.dphiCathode });
  }
  return { dphiAnode: map.dphiAnode, dphiCathode: map.dphiCathode };
}

/** One-at-a-time sensitivity of dphi_c (and dphi_a) of one cell, largest effect first. */
export function sensitivity(anode: Anode, electrolyte: Electrolyte, cathode: CathodeState, options: SensitivityOptions = {}): SensitivityResult {
  const step = positiveOption(options.step, 0.1, "step");
  const temperatureStep = positiveOption(options.temperatureStep, 50, "temperatureStep");
  const factor = positiveOption(options.factor, 2, "factor", 1);
  if (options.temperature !== undefined) positiveOption(options.temperature, 300, "temperature");
  const base: Cell = { anode, electrolyte, cathode, temperature: options.temperature };
  const nominal = jumps(base);
  const entries: SensitivityEntry[] = perturbations(base).map((p) => {
    const additiveStep = p.unit === "K" ? temperatureStep : step;
    const lowValue = p.multiplicative ? p.nominal / factor : p.nominal - additiveStep;
    const highValue = p.multiplicative ? p.nominal * factor : p.nominal + additiveStep;
    const side = (value: number): SensitivitySide => {
      const cell = structuredClone(base);
      p.set(cell, value);
      try {
        if (p.unit === "K" && !(value > 0)) throw new PotmapError("must be a positive temperature in K", { field: "temperature", value });
        const j = jumps(cell);
        return { value, dphiCathode: j.dphiCathode, dphiAnode: j.dphiAnode, change: j.dphiCathode - nominal.dphiCathode, changeAnode: j.dphiAnode - nominal.dphiAnode };
      } catch (error) {
        if (!(error instanceof PotmapError)) throw error;
        return { value, dphiCathode: null, dphiAnode: null, change: null, changeAnode: null, error: error.message };
      }
    };
    const low = side(lowValue);
    const high = side(highValue);
    const changes = [low.change, high.change].filter((c): c is number => c !== null);
    const slope = !p.multiplicative && low.change !== null && high.change !== null ? (high.change - low.change) / (highValue - lowValue) : null;
    const unitText = p.unit === "cm^-3" ? "" : ` ${p.unit}`;
    return {
      input: p.input,
      label: p.label,
      unit: p.unit,
      nominal: p.nominal,
      step: p.multiplicative ? `×/÷${factor}` : `±${additiveStep}${unitText}`,
      low,
      high,
      slope,
      maxAbsChange: changes.length ? Math.max(...changes.map(Math.abs)) : null,
    };
  });
  entries.sort((a, b) => {
    if (a.maxAbsChange === null || b.maxAbsChange === null) return a.maxAbsChange === null ? (b.maxAbsChange === null ? 0 : 1) : -1;
    return b.maxAbsChange - a.maxAbsChange || a.label.localeCompare(b.label);
  });
  const rule = electrolyte.fermiLevel;
  return {
    anode: anode.id,
    electrolyte: electrolyte.id,
    cathode: cathode.id,
    soc: cathode.soc,
    temperature: options.temperature ?? (rule.rule === "defects" ? rule.system.temperature : null),
    nominal,
    options: { step, temperatureStep, factor },
    entries,
  };
}

/**
 * Tornado figure of a sensitivity result: one row per input (largest effect on top), a bar
 * for the lowered and one for the raised input, x = change of dphi_c in V. Pure data.
 */
export function sensitivityTornadoFigure(result: SensitivityResult, options: { top?: number; title?: string } = {}): PlotlyFigure {
  const top = options.top ?? 12;
  if (!Number.isInteger(top) || top < 1) throw new PotmapError("must be a positive integer", { field: "top", value: top });
  const shown = result.entries.filter((e) => e.maxAbsChange !== null).slice(0, top);
  const labels = shown.map((e) => `${e.label} (${e.step})`);
  const text = (c: number | null) => (c === null ? "n/a" : `${c >= 0 ? "+" : ""}${c.toFixed(3)} V`);
  const bar = (name: string, side: "low" | "high", color: string): PlotlyTrace => ({
    type: "bar",
    orientation: "h",
    name,
    y: labels,
    x: shown.map((e) => e[side].change),
    marker: { color },
    customdata: shown.map((e) => e[side].value),
    hovertemplate: `%{y}<br>input %{customdata:.4g}<br>change of Δφc %{x:+.3f} V<extra>${name}</extra>`,
    text: shown.map((e) => text(e[side].change)),
    textposition: "none",
  });
  const n = result.nominal.dphiCathode;
  const plotHeight = Math.max(200, 38 * shown.length);
  const title =
    options.title ??
    `Sensitivity of Δφc, ${result.anode} | ${result.electrolyte} | ${result.cathode} ${result.soc} (nominal ${n >= 0 ? "+" : ""}${n.toFixed(2)} V)`;
  return {
    data: [bar("input lowered (− step or ÷ factor)", "low", "#1f77b4"), bar("input raised (+ step or × factor)", "high", "#d62728")],
    layout: {
      title: { text: title, font: { size: 15 } },
      barmode: "group",
      bargap: 0.25,
      xaxis: { title: { text: axisTitle("change of Δφc from its nominal value", "V") }, zeroline: true, zerolinecolor: "#222", zerolinewidth: 1.5 },
      yaxis: { title: { text: "input moved (one at a time, step in brackets)" }, type: "category", autorange: "reversed", automargin: true },
      // the legend hangs a fixed 85 px below the plot area, under the x-axis title
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -85 / plotHeight, yanchor: "top" },
      margin: { l: 20, r: 30, t: 60, b: 140 },
      height: plotHeight + 200,
      width: 950,
    },
  };
}
