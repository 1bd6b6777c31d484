/**
 * One-at-a-time sensitivity of the interface jumps of one cell (anode | electrolyte | cathode
 * state) to each of its inputs, and the tornado figure that shows it.
 *
 * Each input is moved down and up by a step (additive for energies, voltages and temperature;
 * multiplicative for concentrations and site densities), all others held at their values, and
 * dphi_c (eq. 7) and dphi_a (eq. 6) are recomputed with potentialMap. Closed forms to check
 * against: e*phi_c = E_F,c - IP_c + psi_a - mu_c (eq. 5), so d(dphi_c)/d(IP_c) = -1 and
 * d(dphi_c)/d(E_F,c) = +1 exactly, d(dphi_c)/d(IP_SE) = +1, and psi_a cancels from dphi_c.
 * The inputs are the table's (inputs/table.ts): every number of the anode, the electrolyte
 * (its defect charge states, site densities, dopants included) and the cathode state that
 * enters the jumps. With `perSigma` each moves by its own one sigma (declared, else its kind's
 * default) instead of the common step. A step may carry an input out of its domain (a window
 * edge across the other, T <= 0) or its physical range (core/ranges.ts); that side is then
 * reported with its error instead of a number. A step that cannot move an input at double
 * precision, or moves it to a non-finite value, is refused (no 0/0 slope).
 */
import { PotmapError } from "../core/errors";
import { axisTitle, PlotlyFigure, PlotlyTrace } from "../figures/figure";
import { Anode, CathodeState, Electrolyte } from "../cell/materials";
import { potentialMap } from "../cell/potentialMap";
import { PhysicalRange } from "../core/ranges";
import { DeclaredSigmas, PhysicalInput, anodeInputs, cathodeStateInputs, electrolyteInputs, findInput } from "../inputs/table";

export interface SensitivityOptions {
  /** Additive step for energies (eV) and voltages (V), default 0.1. */
  step?: number;
  /** Additive step for the temperature, K (default 50). */
  temperatureStep?: number;
  /** Multiplicative step for concentrations and site densities (default 2: x2 and /2). */
  factor?: number;
  /** Operating temperature, K (default: the electrolyte record's). */
  temperature?: number;
  /**
   * Move each input by its own one sigma (the record's declared uncertainty, else its kind's
   * default, inputs/kinds.ts) instead of the common steps: an OCV known to 0.05 V then weighs
   * less than an IP known to 0.3 eV. Densities move by the factor e^sigma.
   */
  perSigma?: boolean;
  /** Declared one-sigma uncertainties by record path (inputs/recordInputs.ts declaredSigmas). */
  declared?: DeclaredSigmas;
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
  /** Named record path, e.g. "LCO[0%].ionizationPotential" (inputs/paths.ts). */
  path: string;
  /** The input's one sigma (declared, else its kind's default) and whether the record declares it. */
  sigma: number;
  sigmaDeclared: boolean;
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
  options: { step: number; temperatureStep: number; factor: number; perSigma: boolean };
  /** Largest |change of dphi_c| first; entries that could not be computed last. */
  entries: SensitivityEntry[];
}

interface Cell {
  anode: Anode;
  electrolyte: Electrolyte;
  cathode: CathodeState;
}

function positiveOption(value: number | undefined, fallback: number, field: string, min = 0): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || !(v > min)) {
    throw new PotmapError(`must be a finite number above ${min}`, { field, value: v });
  }
  return v;
}

/** One input of the cell from the table (inputs/table.ts), as a function of the whole cell. */
interface CellInput {
  input: PhysicalInput<unknown>;
  with(cell: Cell, value: number): Cell;
}

/** Every input of the cell that enters the jumps, from the one table of inputs. */
function cellInputs(cell: Cell, declared?: DeclaredSigmas): CellInput[] {
  const list: CellInput[] = [];
  const add = <M>(inputs: PhysicalInput<M>[], put: (cell: Cell, m: M) => Cell) => {
    for (const input of inputs) if (input.entersJumps) list.push({ input: input as PhysicalInput<unknown>, with: (c, v) => put(c, input.with(v)) });
  };
  add(electrolyteInputs(cell.electrolyte, declared).filter((i) => i.id === "electrolyte.ionizationPotential"), (c, e) => ({ ...c, electrolyte: e }));
  add(cathodeStateInputs(cell.cathode, declared), (c, s) => ({ ...c, cathode: s }));
  add(anodeInputs(cell.anode, declared), (c, a) => ({ ...c, anode: a }));
  add(electrolyteInputs(cell.electrolyte, declared).filter((i) => i.id !== "electrolyte.ionizationPotential"), (c, e) => ({ ...c, electrolyte: e }));
  // a factor does not move zero (an absent dopant, a scissor of 0 is moved additively)
  return list.filter((c) => !(c.input.scale === "multiplicative" && !(c.input.value > 0)));
}

function jumps(cell: Cell): { dphiAnode: number; dphiCathode: number } {
  const map = potentialMap(cell.anode, cell.electrolyte, cell.cathode, { withoutProfile: true });
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
  const perSigma = options.perSigma === true;
  let moved = electrolyte;
  if (options.temperature !== undefined) {
    positiveOption(options.temperature, 300, "temperature");
    // the operating temperature is the electrolyte's temperature input, set once
    const t = findInput(electrolyteInputs(electrolyte), "temperature");
    if (t) moved = t.with(options.temperature);
  }
  const base: Cell = { anode, electrolyte: moved, cathode };
  const nominal = jumps(base);
  const entries: SensitivityEntry[] = cellInputs(base, options.declared).map(({ input: p, with: withValue }) => {
    const multiplicative = p.scale === "multiplicative";
    const sigmaText = p.sigmaDeclared ? "1σ declared" : "1σ default";
    const additiveStep = perSigma ? p.sigma : p.unit === "K" ? temperatureStep : step;
    const f = perSigma ? Math.exp(p.sigma) : factor;
    const lowValue = multiplicative ? p.value / f : p.value - additiveStep;
    const highValue = multiplicative ? p.value * f : p.value + additiveStep;
    if (!Number.isFinite(lowValue) || !Number.isFinite(highValue)) {
      const field = perSigma ? "sigma" : multiplicative ? "factor" : p.unit === "K" ? "temperatureStep" : "step";
      throw new PotmapError(`moves ${p.label} (${p.value} ${p.unit}) to a non-finite value`, { field, value: multiplicative ? f : additiveStep });
    }
    if (lowValue === p.value || highValue === p.value) {
      // 2.7 + 1e-300 is 2.7: the slope would be 0/0
      const field = perSigma ? "sigma" : multiplicative ? "factor" : p.unit === "K" ? "temperatureStep" : "step";
      throw new PotmapError(`does not move ${p.label} (${p.value} ${p.unit}) at double precision`, { field, value: multiplicative ? f : additiveStep });
    }
    const side = (value: number): SensitivitySide => {
      try {
        if (p.unit === "K" && !(value > 0)) throw new PotmapError("must be a positive temperature in K", { field: "temperature", value });
        if (!inRange(value, p.range)) throw new PotmapError(`is outside the physical range of ${p.range.what} (${p.range.min} to ${p.range.max}${p.range.unit ? ` ${p.range.unit}` : ""})`, { field: p.path, value });
        const j = jumps(withValue(base, value));
        return { value, dphiCathode: j.dphiCathode, dphiAnode: j.dphiAnode, change: j.dphiCathode - nominal.dphiCathode, changeAnode: j.dphiAnode - nominal.dphiAnode };
      } catch (error) {
        if (!(error instanceof PotmapError)) throw error;
        return { value, dphiCathode: null, dphiAnode: null, change: null, changeAnode: null, error: error.message };
      }
    };
    const low = side(lowValue);
    const high = side(highValue);
    const changes = [low.change, high.change].filter((c): c is number => c !== null);
    const slope = !multiplicative && low.change !== null && high.change !== null ? (high.change - low.change) / (highValue - lowValue) : null;
    const unitText = p.unit === "cm^-3" ? "" : ` ${p.unit}`;
    const stepText = multiplicative ? `×/÷${perSigma ? Number(f.toPrecision(3)) : f}` : `±${perSigma ? Number(additiveStep.toPrecision(3)) : additiveStep}${unitText}`;
    return {
      input: p.id,
      path: p.path,
      label: p.label,
      unit: p.unit,
      nominal: p.value,
      step: perSigma ? `${stepText} (${sigmaText})` : stepText,
      sigma: p.sigma,
      sigmaDeclared: p.sigmaDeclared,
      low,
      high,
      slope: slope !== null && Number.isFinite(slope) ? slope : null,
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
    options: { step, temperatureStep, factor, perSigma },
    entries,
  };
}

function inRange(value: number, range: PhysicalRange): boolean {
  if (!Number.isFinite(value)) return false;
  return (range.exclusiveMin ? value > range.min : value >= range.min) && (range.exclusiveMax ? value < range.max : value <= range.max);
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
