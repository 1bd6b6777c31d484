/**
 * Plotly figure specs of the paper's figures, as plain data (no browser, no Plotly). (Over 400
 * lines: one function per figure, all sharing the colour tables and the layout rule below.)
 * Fig. 2 (band alignment), Figs. 3 and 5 (potential maps), Fig. 4 (defect chemistry vs
 * voltage), the Fermi-level slopes of section 3.3, |dphi_c| against experiment, and the
 * map of a multilayer stack.
 * Colours: palette.ts (the paper's captions where they name one, each line at least 3:1 on
 * white, LPO/LLZO/LPS told apart); Fig. 4's window: a black arrow between dotted lines.
 *
 * Layout rule of every figure: title in the top margin, axis titles with units, legend
 * outside the plotting area (below it, or to the right), nothing drawn over the data that
 * could be placed beside it. Grids of maps are laid out in pixels (fixed panel size and
 * gaps), so that titles, panel labels, the shared x caption and the legend never collide,
 * whatever the number of rows and columns.
 */
import { bandEdgesVsVacuum } from "../cell/alignment";
import { orderedCathodeStates, orderedElectrolytes } from "../cell/dataSet";
import { DataSet, Electrolyte } from "../cell/materials";
import { PotentialMap } from "../cell/potentialMap";
import { StackMap } from "../cell/stack";
import { SweepPoint } from "../defects/sweep";
import { effectiveBandGap } from "../defects/defects";
import { electrolyteSystem } from "../cell/fermiLevel";
import { PlotlyFigure, PlotlyTrace } from "./figure";
import { interpolateAt } from "./difference";
import { dashCycle, distinguishCoincidentCurves, jumpColour, jumpColours, jumpLegendNames, krogerVink } from "./labels";
import { checkDataSetShape } from "../cell/checkArguments";

import { carrierColours, defectColours, defectSpareColours, guideColour as guideGrey, mapColours, materialColours, outsideColour, seriesColours } from "./palette";

// the colour tables live in palette.ts (one place); re-exported here for existing imports
export { mapColours, materialColours };

/** Legend names of the four lines of a potential map (Fig. 3 colours in mapColours). */
export const mapLineNames = {
  phi: "eφ (electrostatic potential energy)",
  vbm: "VBM",
  cbm: "CBM",
  muLi: "μ<sub>Li</sub> (electron electrochemical potential)",
};

/** Mix a hex colour with white: the "lighter colour" of the empty (conduction) band. */
export function lighten(hex: string, amount = 0.6): string {
  const n = parseInt(hex.replace("#", ""), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

const signed = (x: number, digits = 2) => `${x >= 0 ? "+" : ""}${x.toFixed(digits)}`;

export interface AlignmentOptions {
  /** Scissor shift added to every electrolyte's CBM, eV. */
  scissor?: number;
  /** E_F of each electrolyte at this voltage vs Li (default: the anode side of its window). */
  voltage?: number;
  /** Fermi level of each electrolyte, eV above its VBM (drawn as a tick). */
  fermiLevels?: Record<string, number>;
  /** Figure title (default: the paper's Fig. 2 caption in short). */
  title?: string;
}

/** Fig. 2: VBM (dark) and CBM (light) of every material relative to the vacuum level. */
export function bandAlignmentFigure(set: DataSet, options: AlignmentOptions = {}): PlotlyFigure {
  checkDataSetShape(set);
  const depth = 2.5;
  const columns: { label: string; id: string; vbm: number; cbm: number; fermi?: number }[] = [];
  for (const anode of set.anodes) columns.push({ label: anode.id, id: anode.id, vbm: -anode.workFunction, cbm: -anode.workFunction });
  for (const e of orderedElectrolytes(set)) {
    const edges = bandEdgesVsVacuum(e.ionizationPotential, e.bandGap, options.fermiLevels?.[e.id] ?? 0, { scissor: options.scissor ?? e.scissor ?? 0 });
    columns.push({ label: e.id, id: e.id, vbm: edges.vbm, cbm: edges.cbm, fermi: options.fermiLevels?.[e.id] === undefined ? undefined : edges.fermiLevel });
  }
  for (const s of orderedCathodeStates(set)) {
    const edges = bandEdgesVsVacuum(s.ionizationPotential, s.bandGap, s.fermiLevel, { scissor: s.scissor ?? 0 });
    columns.push({ label: `${s.id} ${s.soc}`, id: s.id, vbm: edges.vbm, cbm: edges.cbm });
  }
  const own = new Map<string, string>();
  for (const m of [...set.anodes, ...set.electrolytes, ...set.cathodes]) if (m.colour) own.set(m.id, m.colour);
  const colour = (id: string) => own.get(id) ?? materialColours[id] ?? "#444444";
  const x = columns.map((c) => c.label);
  const traces: PlotlyTrace[] = [
    {
      type: "bar", name: "occupied states (VBM and below; darker)", x, base: columns.map((c) => c.vbm - depth), y: columns.map(() => depth),
      marker: { color: columns.map((c) => colour(c.id)), line: { width: 0 } },
      hovertemplate: "%{x}<br>VBM %{customdata:.2f} eV<extra></extra>", customdata: columns.map((c) => c.vbm),
    },
    {
      type: "bar", name: "empty states (CBM and above; lighter)", x, base: columns.map((c) => c.cbm), y: columns.map(() => depth),
      marker: { color: columns.map((c) => lighten(colour(c.id))), line: { width: 0 } },
      hovertemplate: "%{x}<br>CBM %{customdata:.2f} eV<extra></extra>", customdata: columns.map((c) => c.cbm),
    },
  ];
  const anode = set.anodes[0];
  if (anode) {
    // The anode's Fermi level as a legend entry (a dotted line across all columns), not as a
    // text label: a label on the plot always lands on some material's bar.
    traces.push({
      type: "scatter", mode: "lines", name: `${anode.id} Fermi level (−ψ<sub>a</sub> = ${(-anode.workFunction).toFixed(2)} eV)`,
      x: [x[0], x[x.length - 1]], y: [-anode.workFunction, -anode.workFunction],
      line: { color: "#222", dash: "dot", width: 1.5 }, hoverinfo: "skip",
    });
  }
  const fermi = columns.filter((c) => c.fermi !== undefined);
  if (fermi.length) {
    traces.push({ type: "scatter", mode: "markers", name: "Fermi level", x: fermi.map((c) => c.label), y: fermi.map((c) => c.fermi!), marker: { symbol: "line-ew-open", size: 18, color: mapColours.fermiLevel, line: { width: 3 } } });
  }
  return {
    data: traces,
    layout: {
      title: { text: options.title ?? "Band edges aligned to the vacuum level (paper Fig. 2)" },
      barmode: "overlay",
      bargap: 0.25,
      xaxis: { title: { text: "material (cathodes at their state of charge)" }, tickangle: -45, type: "category" },
      yaxis: { title: { text: "energy relative to the vacuum level (eV)" } },
      // the bars are drawn a fixed depth below the VBM and above the CBM: only their inner ends mean something
      annotations: [{
        xref: "paper", yref: "paper", x: 0, y: 1, xanchor: "left", yanchor: "bottom", yshift: 4, showarrow: false, align: "left",
        text: "Only the band edges (the bars' inner ends) are data; the bar heights are arbitrary.", font: { size: 12, color: "#444" },
      }],
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.3, yanchor: "top" },
      // room between the title and the note above the plot
      margin: { b: 40, t: 96 },
      height: 600,
    },
  };
}

/**
 * A band edge of the profile drawn only where the electrolyte exists: over the grey regions
 * (mu_Li outside its window, the electrolyte decomposed) the line breaks (null), and it ends at
 * the window edge itself rather than at the nearest profile point. The electrodes' own levels
 * (x < 0 and x > OCV) stay drawn.
 */
export function bandInsideWindow(map: PotentialMap, edge: "vbm" | "cbm"): { x: number[]; y: (number | null)[] } {
  const { position, region } = map.profile;
  const values = map.profile[edge];
  const x: number[] = [];
  const y: (number | null)[] = [];
  const edgeOf = (side: "anode" | "cathode") => map.unstable.find((u) => u.side === side);
  for (let k = 0; k < position.length; k++) {
    if (region[k] === "unstable") {
      // leaving the window towards the cathode: close the line at the window edge, then break it
      if (k > 0 && region[k - 1] === "electrolyte") {
        const u = edgeOf("cathode");
        if (u) { x.push(u.from); y.push(values[k]); }
      }
      if (y.length && y[y.length - 1] !== null) { x.push(position[k]); y.push(null); }
      continue;
    }
    // entering the window from the anode side's grey region: start the line at the window edge
    if (region[k] === "electrolyte" && k > 0 && region[k - 1] === "unstable") {
      const u = edgeOf("anode");
      if (u && u.to < position[k]) { x.push(u.to); y.push(values[k - 1]); }
    }
    x.push(position[k]);
    y.push(values[k]);
  }
  return { x, y };
}

function mapTraces(map: PotentialMap, axis: string, showLegend: boolean): PlotlyTrace[] {
  const { position, muLi, phi } = map.profile;
  const line = (name: string, y: (number | null)[], color: string, dash?: string, x: number[] = position): PlotlyTrace => ({
    type: "scatter", mode: "lines", name, x, y, xaxis: `x${axis}`, yaxis: `y${axis}`, legendgroup: name, showlegend: showLegend,
    line: { color, width: 2.2, ...(dash ? { dash } : {}) },
    hovertemplate: `%{y:.2f} eV<extra>${name.replace(/ \(.*$/, "")}</extra>`,
  });
  // the electrolyte's bands only where it exists (not through the grey regions; issue 22)
  const vbm = bandInsideWindow(map, "vbm");
  const cbm = bandInsideWindow(map, "cbm");
  // mu_Li last and dashed: in the electrodes it coincides with the VBM (E_F = 0)
  return [
    line(mapLineNames.phi, phi, mapColours.phi),
    line(mapLineNames.vbm, vbm.y, mapColours.vbm, undefined, vbm.x),
    line(mapLineNames.cbm, cbm.y, mapColours.cbm, undefined, cbm.x),
    line(mapLineNames.muLi, muLi, mapColours.muLi, "dash"),
  ];
}

function mapDecorations(map: PotentialMap, axis: string, fontSize = 13) {
  const xref = `x${axis}`;
  const yref = `y${axis} domain`;
  const shapes: Record<string, unknown>[] = map.unstable.map((u) => ({
    type: "rect", xref, yref, x0: u.from, x1: u.to, y0: 0, y1: 1, fillcolor: mapColours.unstable, opacity: 0.45, line: { width: 0 }, layer: "below",
  }));
  for (const x of [0, map.ocv]) shapes.push({ type: "line", xref, yref, x0: x, x1: x, y0: 0, y1: 1, line: { color: "#222", width: 1.5 } });
  // label colour by sign: red hinders discharge (> 0), blue hinders charge (< 0); see mapLegendEntries
  // the cathode-side label one line below the anode-side one: in narrow grid panels the two
  // would otherwise run into each other
  const label = (x: number, text: string, xanchor: string, dphi: number) => ({
    xref, yref, x, y: 1, text, showarrow: false, xanchor, yanchor: "top", xshift: xanchor === "left" ? 2 : -2, yshift: xanchor === "left" ? -2 : -4 - Math.round(1.4 * fontSize),
    font: { size: fontSize, color: jumpColour(dphi) },
  });
  const annotations = [
    label(0, `Δφ<sub>a</sub> ${signed(map.dphiAnode)} V`, "left", map.dphiAnode),
    label(map.ocv, `Δφ<sub>c</sub> ${signed(map.dphiCathode)} V`, "right", map.dphiCathode),
  ];
  return { shapes, annotations };
}

/**
 * Legend-only entries of what the maps draw besides lines: the grey region (μ_Li outside the
 * electrolyte's window; its bands break there, bandInsideWindow) when some map has one, and the
 * two colours of the jump labels.
 */
function mapLegendEntries(maps: { unstable: unknown[] }[]): PlotlyTrace[] {
  const out: PlotlyTrace[] = [];
  if (maps.some((m) => m.unstable.length > 0)) {
    out.push(legendEntry("grey: μ<sub>Li</sub> outside the window", { symbol: "square", size: 14, color: mapColours.unstable, opacity: 0.6 }));
  }
  out.push(legendEntry(jumpLegendNames.discharge, { symbol: "square", size: 12, color: jumpColours.discharge }));
  out.push(legendEntry(jumpLegendNames.charge, { symbol: "square", size: 12, color: jumpColours.charge }));
  return out;
}

/** Common y range of a set of maps, with head room for the jump labels at the top. */
function mapRange(maps: PotentialMap[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of maps) {
    for (const y of [...m.profile.vbm, ...m.profile.muLi, ...m.profile.cbm, ...m.profile.phi]) {
      if (Number.isFinite(y)) {
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
    }
  }
  if (!Number.isFinite(lo)) return [-5, 3];
  const span = Math.max(hi - lo, 1);
  return [lo - 0.06 * span, hi + 0.16 * span];
}

const MAP_X_CAPTION = "position across the cell: Li | electrolyte, drawn OCV wide (ticks 1 V of μ<sub>Li</sub> apart) | cathode";
const MAP_Y_TITLE = "energy vs Li E<sub>F</sub> (eV)";

/** One potential map (a panel of Figs. 3 and 5). */
export function potentialMapFigure(map: PotentialMap): PlotlyFigure {
  const { shapes, annotations } = mapDecorations(map, "", 14);
  return {
    data: [...mapTraces(map, "", true), ...mapLegendEntries([map])],
    layout: {
      title: { text: `${map.anode} | ${map.electrolyte} | ${map.cathode} (SOC ${map.soc}), OCV ${map.ocv.toFixed(2)} V` },
      xaxis: { title: { text: "position (arb. units; electrolyte width = OCV in V)" }, showticklabels: false, dtick: 1, zeroline: false },
      yaxis: { title: { text: "energy relative to the Li Fermi level (eV)" }, range: mapRange([map]) },
      shapes,
      annotations,
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.17, yanchor: "top" },
      height: 600,
    },
  };
}

export interface MapGridOptions {
  /** Size of one panel in CSS pixels (default: 200-260 wide, so that the grid fits 1200 px; 250 high). */
  panelWidth?: number;
  panelHeight?: number;
  /** The caption under the bottom row, shared by all columns (default: what the position axis means). */
  xCaption?: string;
}

/**
 * A grid of potential maps (Fig. 3: electrolytes x SOC; Fig. 5: cathodes x SOC), row by row.
 * All panels share one energy range (tick labels on the first column only) and one x caption;
 * the title sits above the panel labels and the legend below the caption.
 */
export function potentialMapGrid(maps: PotentialMap[], columns: number, title: string, labels: string[] = [], options: MapGridOptions = {}): PlotlyFigure {
  const cols = Math.max(1, Math.min(columns, maps.length || 1));
  const rows = Math.max(1, Math.ceil(maps.length / cols));
  const gapX = 14; // no tick labels between panels
  const gapY = 46; // room for the next row's panel labels
  // margins (px): title 50 + panel labels 30 on top; caption 30 and a two-line legend (the
  // four lines, then the grey region and the two label colours) 76 below
  const margin = { l: 78, r: 24, t: 84, b: 106, pad: 0 };
  // Panels 200-260 px wide so that the whole figure fits 1200 px (a notebook cell shows it
  // unscaled, with readable labels), but together at least 900 px for the caption and legend.
  const across = (total: number) => (total - margin.l - margin.r - (cols - 1) * gapX) / cols;
  const panelW = options.panelWidth ?? Math.max(Math.ceil(across(900)), Math.min(260, Math.max(200, Math.floor(across(1200)))));
  const panelH = options.panelHeight ?? 250;
  const plotW = cols * panelW + (cols - 1) * gapX;
  const plotH = rows * panelH + (rows - 1) * gapY;
  const width = plotW + margin.l + margin.r;
  const height = plotH + margin.t + margin.b;
  const range = mapRange(maps);

  const data: PlotlyTrace[] = [];
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const axes: Record<string, unknown> = {};
  maps.forEach((map, i) => {
    const axis = i === 0 ? "" : String(i + 1);
    const row = Math.floor(i / cols);
    const col = i % cols;
    data.push(...mapTraces(map, axis, i === 0));
    const d = mapDecorations(map, axis);
    shapes.push(...d.shapes);
    annotations.push(...d.annotations);
    const x0 = (col * (panelW + gapX)) / plotW;
    const x1 = (col * (panelW + gapX) + panelW) / plotW;
    const y1 = 1 - (row * (panelH + gapY)) / plotH;
    const y0 = 1 - (row * (panelH + gapY) + panelH) / plotH;
    axes[`xaxis${axis}`] = {
      domain: [x0, x1], anchor: `y${axis}`, showticklabels: false, dtick: 1, tick0: 0, ticks: "outside", ticklen: 4, zeroline: false, title: { text: "" },
    };
    axes[`yaxis${axis}`] = {
      domain: [y0, y1], anchor: `x${axis}`, range, showticklabels: col === 0, zeroline: false,
      title: { text: col === 0 ? MAP_Y_TITLE : "" },
    };
    // panel label just above its panel
    annotations.push({
      xref: `x${axis} domain`, yref: `y${axis} domain`, x: 0.5, y: 1, yanchor: "bottom", yshift: 4, showarrow: false,
      text: labels[i] ?? `${map.electrolyte} | ${map.cathode} ${map.soc}`, font: { size: 13 },
    });
  });
  data.push(...mapLegendEntries(maps));
  // one caption for the whole grid, under the bottom row
  annotations.push({
    xref: "paper", yref: "paper", x: 0.5, y: 0, xanchor: "center", yanchor: "top", yshift: -10, showarrow: false,
    text: options.xCaption ?? MAP_X_CAPTION, font: { size: 13 },
  });
  return {
    data,
    layout: {
      title: { text: title, x: 0.5, xanchor: "center", y: 1 - 14 / height, yanchor: "top", yref: "container", font: { size: 18 } },
      ...axes,
      shapes,
      annotations,
      // below the caption: 36 px under the bottom of the plotting area
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -36 / plotH, yanchor: "top" },
      margin,
      height,
      width,
    },
  };
}

export interface DefectFigureOptions {
  /** Figure title (default "<id>: defects, carriers and E_F vs voltage (paper Fig. 4)"). */
  title?: string;
  /**
   * CBM drawn on the right axis, eV above the VBM (default: the record's gap plus its scissor,
   * the conduction edge of the carrier statistics). NaN hides it.
   */
  conductionBandMinimum?: number;
}

/** Colour of a defect by name, so that Li_i and V_Li keep their colours in every panel. */
function defectColour(name: string, index: number): string {
  // N_O teal, not green: green is the CBM (Fig. 3), drawn in this figure too
  return defectColours[name] ?? defectSpareColours[index % defectSpareColours.length];
}

/**
 * Dash of each charge state of one defect: its charged states solid, dashed, dash-dotted, ... in
 * order of |q| (so two charge states of one colour never share a style), the neutral one dotted.
 */
function chargeDashes(charges: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const charged = charges.filter((q) => Number(q) !== 0).sort((a, b) => Math.abs(Number(a)) - Math.abs(Number(b)) || Number(a) - Number(b));
  charged.forEach((q, k) => out.set(q, dashCycle[k % (dashCycle.length - 1)]));
  for (const q of charges) if (Number(q) === 0) out.set(q, "dot");
  return out;
}

/** The conduction edge of an electrolyte's carrier statistics, eV above its VBM: gap + scissor. */
function conductionEdge(electrolyte: Electrolyte): number {
  return effectiveBandGap(electrolyte.fermiLevel.rule === "defects" ? electrolyteSystem(electrolyte) : electrolyte);
}

/** Grey of the voltages outside an electrolyte's window (guards: the defect chemistry is extrapolated there). */
const outsideGrey = "rgba(128,128,128,0.22)";

/** A legend-only entry (no data on the plot) for a shape or a marker style. */
function legendEntry(name: string, marker: Record<string, unknown>): PlotlyTrace {
  return { type: "scatter", mode: "markers", name, x: [null], y: [null], marker, hoverinfo: "skip" };
}

/** Points of a sweep where some defect exceeds its site density (guards.ts): voltage, defect, concentration. */
function saturatedPoints(sweep: SweepPoint[]): { voltage: number; name: string; total: number; fraction: number }[] {
  const out: { voltage: number; name: string; total: number; fraction: number }[] = [];
  for (const p of sweep) for (const d of p.defects) if ((d.siteFraction ?? 0) > 1) out.push({ voltage: p.voltage, name: d.name, total: d.total, fraction: d.siteFraction! });
  return out;
}

/**
 * Fig. 4: every defect (Kröger-Vink labels), electrons and holes vs voltage (log scale), E_F and
 * the CBM on a second axis (E_F crossing the CBM is seen), window marked; voltages outside the
 * window greyed, totals above their site density marked with x. Curves that coincide (a Frenkel
 * pair in the -1 regime) get different dash styles, so both stay visible.
 */
export function defectChemistryFigure(electrolyte: Electrolyte, sweep: SweepPoint[], options: DefectFigureOptions = {}): PlotlyFigure {
  const voltage = sweep.map((p) => p.voltage);
  const traces: PlotlyTrace[] = [];
  const names = sweep[0]?.defects.map((d) => d.name) ?? [];
  names.forEach((name, i) => {
    const charges = Object.keys(sweep[0].defects[i].charges);
    const dashes = chargeDashes(charges);
    for (const q of charges) {
      traces.push({
        type: "scatter", mode: "lines", name: krogerVink(name, Number(q)), x: voltage, y: sweep.map((p) => Math.max(p.defects[i].charges[q], 1e-30)),
        line: { color: defectColour(name, i), width: 2.2, dash: dashes.get(q) }, hovertemplate: `%{x:.2f} V: %{y:.3g} cm⁻³<extra>${krogerVink(name, Number(q), { format: "plain" })}</extra>`,
      });
    }
  });
  traces.push({ type: "scatter", mode: "lines", name: "electrons", x: voltage, y: sweep.map((p) => Math.max(p.electrons, 1e-30)), line: { color: carrierColours.electrons, dash: "dash" } });
  traces.push({ type: "scatter", mode: "lines", name: "holes", x: voltage, y: sweep.map((p) => Math.max(p.holes, 1e-30)), line: { color: carrierColours.holes, dash: "dash" } });
  // only curves inside the drawn range (>= 1 cm^-3) can hide each other
  distinguishCoincidentCurves(traces, { log: true, visibleFrom: 1 });
  traces.push({ type: "scatter", mode: "lines", name: "Fermi level (right axis)", x: voltage, y: sweep.map((p) => p.fermiLevel), yaxis: "y2", line: { color: mapColours.fermiLevel, width: 3.5 } });
  const cbm = options.conductionBandMinimum ?? conductionEdge(electrolyte);
  const annotations: Record<string, unknown>[] = [];
  if (voltage.length && Number.isFinite(cbm)) {
    const [from, to] = [Math.min(...voltage), Math.max(...voltage)];
    traces.push({
      type: "scatter", mode: "lines", name: `CBM (right axis, ${cbm.toFixed(2)} eV above the VBM)`, x: [from, to], y: [cbm, cbm], yaxis: "y2",
      line: { color: mapColours.cbm, width: 2.5, dash: "longdash" }, hoverinfo: "skip",
    });
    annotations.push({ xref: "x", yref: "y2", x: to, y: cbm, xanchor: "right", yanchor: "bottom", xshift: -10, yshift: 2, text: "CBM", showarrow: false, font: { size: 12, color: mapColours.cbm } });
  }
  const { lower, upper } = electrolyte.window;
  const narrow = upper - lower < 1;
  const shapes: Record<string, unknown>[] = [];
  if (voltage.length) {
    const from = Math.min(...voltage);
    const to = Math.max(...voltage);
    const grey = (x0: number, x1: number) => shapes.push({ type: "rect", xref: "x", yref: "paper", x0, x1, y0: 0, y1: 1, fillcolor: outsideGrey, line: { width: 0 }, layer: "below" });
    if (from < lower) grey(from, lower);
    if (to > upper) grey(upper, to);
    if (shapes.length) traces.push(legendEntry("outside window", { symbol: "square", size: 14, color: outsideGrey }));
  }
  shapes.push(...[lower, upper].map((x) => ({ type: "line", xref: "x", yref: "paper", x0: x, x1: x, y0: 0, y1: 1, line: { color: "#000", dash: "dot", width: 1.5 } })));
  const saturated = saturatedPoints(sweep);
  if (saturated.length) {
    traces.push({
      type: "scatter", mode: "markers", name: "above site density", x: saturated.map((s) => s.voltage), y: saturated.map((s) => s.total),
      text: saturated.map((s) => `${s.name}: ${s.fraction.toPrecision(3)} x its sites`), marker: { symbol: "x", size: 8, color: "#000" },
    });
  }
  return {
    data: traces,
    layout: {
      title: { text: options.title ?? `${electrolyte.id}: defects, carriers and E<sub>F</sub> vs voltage (paper Fig. 4)` },
      xaxis: { title: { text: "voltage vs Li/Li⁺ (V) = −μ<sub>Li</sub>/e" } },
      yaxis: { title: { text: "concentration (cm⁻³)" }, type: "log", range: [0, 23], exponentformat: "power", dtick: 3 },
      yaxis2: {
        title: { text: "Fermi level and CBM above the VBM (eV)", font: { color: mapColours.fermiLevel } }, overlaying: "y", side: "right", showgrid: false,
        tickfont: { color: mapColours.fermiLevel }, linecolor: mapColours.fermiLevel,
      },
      shapes,
      annotations: [
        { xref: "x", yref: "paper", x: upper, ax: lower, axref: "x", y: 0.04, ay: 0.04, ayref: "paper", text: "", showarrow: true, arrowhead: 2, arrowside: "end+start", arrowwidth: 1.8, arrowcolor: "#000" },
        { xref: "x", yref: "paper", x: (lower + upper) / 2, y: 0.06, yanchor: "bottom", text: narrow ? "window" : "stability window", showarrow: false, font: { size: 12 }, bgcolor: "rgba(255,255,255,0.85)" },
        ...annotations,
      ],
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.2, yanchor: "top" },
      margin: { r: 90 },
      height: 620,
    },
  };
}

export interface FermiLevelFigureOptions {
  /**
   * Voltages (V) at which slope guides (−1 and −1/2) are drawn through each electrolyte's curve,
   * by id. Default: the middle of the drawn part of the window, or its quarter points when the
   * slope differs there by more than 0.25 (two regimes, e.g. LPO below and above ~3 V).
   */
  guideAt?: Record<string, number[]>;
  /** Half width of a guide, V (default 0.3): a guide starts half of it left of its pivot. */
  guideHalfWidth?: number;
  /**
   * Colour of the guides: "grey" (default; the legend shows their dashes) or "curve", each
   * curve's own colour, which tells whose guide is whose where curves run close together.
   */
  guideColours?: "grey" | "curve";
  /** Add a lower panel of dE_F/dV against voltage, with the two reference slopes (default false). */
  slopePanel?: boolean;
  title?: string;
}

/** dE_F/dV of a drawn curve by finite differences (central inside, one-sided at the ends). */
export function curveSlopes(x: number[], y: number[]): number[] {
  const n = Math.min(x.length, y.length);
  if (n < 2) return Array.from({ length: n }, () => NaN);
  return Array.from({ length: n }, (_, k) => {
    const i = Math.max(0, k - 1);
    const j = Math.min(n - 1, k + 1);
    return (y[j] - y[i]) / (x[j] - x[i]);
  });
}

/** Default pivots of the slope guides on one curve (see FermiLevelFigureOptions.guideAt). */
function guidePivots(x: number[], y: number[]): number[] {
  if (x.length < 3) return [];
  const [from, to] = [x[0], x[x.length - 1]];
  const at = (f: number) => from + f * (to - from);
  const slopes = curveSlopes(x, y);
  const slopeAt = (v: number) => interpolateAt(x, slopes, v);
  return Math.abs(slopeAt(at(0.25)) - slopeAt(at(0.75))) > 0.25 ? [at(0.25), at(0.75)] : [at(0.5)];
}

const guideStyle = {
  steep: { slope: -1, name: "slope −1 (guide: flat φ)", label: "−1", dash: "dash" },
  half: { slope: -0.5, name: "slope −1/2 (guide: sloped φ)", label: "−½", dash: "dot" },
};

/**
 * Guide labels that would overlap another (two curves' guides ending close together: "−½" and
 * "−1" read as "−½1") move: below, above, or to the start of their guide, the first place free.
 * Overlap is judged in pixels of a plotting area about 600 x 380 px spanning the data ranges.
 */
function separateGuideLabels(guides: PlotlyTrace[], xRange: [number, number], yRange: [number, number]): void {
  const sx = 600 / Math.max(1e-9, xRange[1] - xRange[0]);
  const sy = 380 / Math.max(1e-9, yRange[1] - yRange[0]);
  const [w, h] = [24, 15];
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const overlaps = (b: { x0: number; x1: number; y0: number; y1: number }) => placed.some((p) => b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1);
  for (const g of guides) {
    const [xs, xe] = (g.x as number[]).map((v) => v * sx);
    const [ys, ye] = (g.y as number[]).map((v) => v * sy);
    const label = (g.text as string[])[1];
    const candidates = [
      { pos: "middle right", at: 1, box: { x0: xe + 2, x1: xe + 2 + w, y0: ye - h / 2, y1: ye + h / 2 } },
      { pos: "bottom right", at: 1, box: { x0: xe, x1: xe + w, y0: ye - h - 2, y1: ye - 2 } },
      { pos: "top right", at: 1, box: { x0: xe, x1: xe + w, y0: ye + 2, y1: ye + h + 2 } },
      { pos: "middle left", at: 0, box: { x0: xs - 2 - w, x1: xs - 2, y0: ys - h / 2, y1: ys + h / 2 } },
    ];
    const pick = candidates.find((c) => !overlaps(c.box)) ?? candidates[0];
    placed.push(pick.box);
    g.text = pick.at === 1 ? ["", label] : [label, ""];
    g.textposition = pick.pos;
  }
}

/**
 * Section 3.3: E_F vs voltage for several electrolytes inside their windows. Through each curve
 * run two short guides of slope −1 (Frenkel balance: eφ flat, eqs. 4-5) and −1/2 (a Li defect
 * against a non-Li species: eφ sloped), fanning out from a point just below the curve and
 * labelled at their right ends, so the regime is read off where the curve runs parallel to one. Where a sweep extends beyond its window, that part is
 * drawn thin and grey ("outside window"); points inside a window where a defect exceeds its
 * site density are marked with x. With `slopePanel`, a lower panel shows dE_F/dV.
 */
export function fermiLevelFigure(sweeps: { electrolyte: Electrolyte; sweep: SweepPoint[] }[], options: FermiLevelFigureOptions = {}): PlotlyFigure {
  // LiPON keeps its Fig. 2 purple; the others (grey in Fig. 2) need telling apart here
  const colourOf = (e: Electrolyte, i: number) => e.colour ?? materialColours[e.id] ?? seriesColours[i % seriesColours.length];
  const isInside = (electrolyte: Electrolyte, v: number) => v >= electrolyte.window.lower - 1e-9 && v <= electrolyte.window.upper + 1e-9;
  // two curves of one material (a variant of a record keeps its colour) must still differ:
  // a colour already taken goes to the first series colour no curve uses
  const taken = new Set<string>();
  const curves = sweeps.map(({ electrolyte, sweep }, i) => {
    const inside = sweep.filter((p) => isInside(electrolyte, p.voltage));
    let colour = colourOf(electrolyte, i);
    if (taken.has(colour)) colour = seriesColours.find((c) => !taken.has(c) && !sweeps.some((s) => s.electrolyte.colour === c)) ?? colour;
    taken.add(colour);
    return { id: electrolyte.id, colour, x: inside.map((p) => p.voltage), y: inside.map((p) => p.fermiLevel) };
  });
  const data: PlotlyTrace[] = curves.map((c) => ({ type: "scatter", mode: "lines", name: c.id, legendgroup: c.id, x: c.x, y: c.y, line: { color: c.colour, width: 3 } }));
  let outsideShown = false;
  for (const { electrolyte, sweep } of sweeps) {
    // null breaks the line between the parts below and above the window
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    sweep.forEach((p, k) => {
      if (isInside(electrolyte, p.voltage)) {
        if (k > 0 && !isInside(electrolyte, sweep[k - 1].voltage)) (x.push(null), y.push(null));
        return;
      }
      x.push(p.voltage);
      y.push(p.fermiLevel);
    });
    if (x.length === 0) continue;
    data.push({ type: "scatter", mode: "lines", name: "outside window", legendgroup: "outside window", showlegend: !outsideShown, x, y, line: { color: outsideColour, width: 1.2, dash: "dot" }, hovertext: electrolyte.id });
    outsideShown = true;
  }
  const saturated = sweeps.flatMap(({ electrolyte, sweep }) =>
    sweep.filter((p) => isInside(electrolyte, p.voltage) && p.defects.some((d) => (d.siteFraction ?? 0) > 1)).map((p) => ({ id: electrolyte.id, voltage: p.voltage, fermiLevel: p.fermiLevel })),
  );
  if (saturated.length) {
    data.push({ type: "scatter", mode: "markers", name: "above site density", x: saturated.map((s) => s.voltage), y: saturated.map((s) => s.fermiLevel), text: saturated.map((s) => s.id), marker: { symbol: "x", size: 8, color: "#000" } });
  }
  // Guides beside each curve: both slopes fan out from one point a little below the curve (on
  // it, the guide the curve follows would be hidden); labels at their right ends. The legend
  // entries show the dash of each slope in grey.
  const guideColour = (colour: string) => (options.guideColours === "curve" ? colour : guideGrey);
  const half = options.guideHalfWidth ?? 0.3;
  const drawn = curves.flatMap((c) => c.y).filter(Number.isFinite);
  const offset = 0.06 * Math.max(1, Math.max(...drawn) - Math.min(...drawn));
  const shown = new Set<string>();
  const guides: PlotlyTrace[] = [];
  for (const c of curves) {
    for (const v0 of options.guideAt?.[c.id] ?? guidePivots(c.x, c.y)) {
      const from = Math.max(c.x[0], v0 - half);
      const e0 = interpolateAt(c.x, c.y, from) - offset;
      if (!Number.isFinite(e0)) continue;
      for (const g of [guideStyle.steep, guideStyle.half]) {
        guides.push({
          type: "scatter", mode: "lines+text", name: g.name, legendgroup: g.name, showlegend: false,
          x: [from, from + 2 * half], y: [e0, e0 + 2 * half * g.slope], text: ["", g.label], textposition: "middle right",
          textfont: { size: 12, color: guideColour(c.colour) }, line: { color: guideColour(c.colour), width: 1.3, dash: g.dash }, hovertemplate: `${c.id}: slope ${g.label} guide<extra></extra>`,
        });
        shown.add(g.name);
      }
    }
  }
  const everything = sweeps.flatMap(({ sweep }) => sweep);
  separateGuideLabels(guides, [Math.min(...everything.map((p) => p.voltage)), Math.max(...everything.map((p) => p.voltage))], [Math.min(...everything.map((p) => p.fermiLevel)), Math.max(...everything.map((p) => p.fermiLevel))]);
  data.push(...guides);
  for (const g of [guideStyle.steep, guideStyle.half]) {
    if (shown.has(g.name)) data.push({ type: "scatter", mode: "lines", name: g.name, legendgroup: g.name, x: [null], y: [null], line: { color: guideGrey, width: 1.4, dash: g.dash }, hoverinfo: "skip" });
  }
  const layout: Record<string, unknown> = {
    title: { text: options.title ?? "Fermi level vs voltage inside each window (section 3.3)" },
    xaxis: { title: { text: "voltage vs Li/Li⁺ (V)" } },
    yaxis: { title: { text: "Fermi level above the VBM (eV)" } },
    legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top" },
    height: 500,
    width: 960,
  };
  if (options.slopePanel) {
    for (const c of curves) {
      data.push({ type: "scatter", mode: "lines", name: `${c.id} dE<sub>F</sub>/dV`, legendgroup: c.id, showlegend: false, x: c.x, y: curveSlopes(c.x, c.y), xaxis: "x2", yaxis: "y2", line: { color: c.colour, width: 2.2 } });
    }
    const [lo, hi] = [Math.min(...curves.flatMap((c) => c.x)), Math.max(...curves.flatMap((c) => c.x))];
    for (const g of [guideStyle.steep, guideStyle.half]) {
      data.push({ type: "scatter", mode: "lines", name: g.name, legendgroup: g.name, showlegend: false, x: [lo, hi], y: [g.slope, g.slope], xaxis: "x2", yaxis: "y2", line: { color: guideGrey, width: 1.4, dash: g.dash }, hoverinfo: "skip" });
    }
    Object.assign(layout, {
      xaxis: { title: { text: "" }, domain: [0, 1], anchor: "y", matches: "x2", showticklabels: false },
      yaxis: { title: { text: "Fermi level above the VBM (eV)" }, domain: [0.36, 1] },
      xaxis2: { title: { text: "voltage vs Li/Li⁺ (V)" }, domain: [0, 1], anchor: "y2" },
      yaxis2: { title: { text: "dE<sub>F</sub>/dV (eV/V)" }, domain: [0, 0.28], anchor: "x2", range: [-1.3, 0.2], dtick: 0.5 },
      height: 680,
    });
  }
  return { data, layout };
}

// Fig. 6 (|dphi_c| against experiment) lives in experiment.ts; re-exported for existing imports
export { experimentFigure, experimentCategoryMeans } from "./experiment";
export type { ExperimentPoint, CategoryMean, ExperimentTrend } from "./experiment";

/** The map of a multilayer stack (stackMap): the four lines of Fig. 3, layer names and every jump. */
export function stackMapFigure(stack: StackMap, title?: string): PlotlyFigure {
  const p = stack.profile;
  const line = (name: string, y: number[], color: string, dash?: string): PlotlyTrace => ({
    type: "scatter", mode: "lines", name, x: p.position, y, line: { color, width: 2.2, ...(dash ? { dash } : {}) },
    hovertemplate: `%{y:.2f} eV<extra>${name.replace(/ \(.*$/, "")}</extra>`,
  });
  // layer extents from the profile
  const names = stack.layers.map((l) => (l.soc ? `${l.id} ${l.soc}` : l.id));
  const extents = names.map((n) => {
    const xs = p.position.filter((_, i) => p.layer[i] === n);
    return { name: n, from: Math.min(...xs), to: Math.max(...xs) };
  });
  const shapes: Record<string, unknown>[] = extents.slice(1).map((e) => ({
    type: "line", xref: "x", yref: "paper", x0: e.from, x1: e.from, y0: 0, y1: 1, line: { color: "#222", width: 1.5 },
  }));
  const annotations: Record<string, unknown>[] = [];
  extents.forEach((e) => annotations.push({
    xref: "x", yref: "paper", x: (e.from + e.to) / 2, y: 0, yanchor: "bottom", yshift: 4, text: e.name, showarrow: false, font: { size: 13 }, bgcolor: "rgba(255,255,255,0.8)",
  }));
  stack.interfaces.forEach((jump, k) => annotations.push({
    xref: "x", yref: "paper", x: extents[k + 1].from, y: 1, yanchor: "top", yshift: -4 - 18 * (k % 2), text: `Δφ ${signed(jump.dphi)} V`, showarrow: false,
    font: { size: 12, color: jumpColour(jump.dphi) }, bgcolor: "rgba(255,255,255,0.8)",
  }));
  const all = [...p.phi, ...p.vbm, ...p.cbm, ...p.muLi].filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = Math.max(hi - lo, 1);
  return {
    data: [
      line(mapLineNames.phi, p.phi, mapColours.phi), line(mapLineNames.vbm, p.vbm, mapColours.vbm), line(mapLineNames.cbm, p.cbm, mapColours.cbm), line(mapLineNames.muLi, p.muLi, mapColours.muLi, "dash"),
      legendEntry(jumpLegendNames.discharge, { symbol: "square", size: 12, color: jumpColours.discharge }),
      legendEntry(jumpLegendNames.charge, { symbol: "square", size: 12, color: jumpColours.charge }),
    ],
    layout: {
      title: { text: title ?? names.join(" | ") },
      xaxis: { title: { text: "position (arb. units; an electrolyte layer is as wide as its μ<sub>Li</sub> drop in V)" }, showticklabels: false, zeroline: false },
      yaxis: { title: { text: "energy relative to the Li Fermi level (eV)" }, range: [lo - 0.14 * span, hi + 0.2 * span] },
      shapes,
      annotations,
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.18, yanchor: "top" },
      height: 600,
    },
  };
}
