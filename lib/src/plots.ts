/**
 * Plotly figure specs of the paper's figures, as plain data (no browser, no Plotly):
 * Fig. 2 (band alignment), Figs. 3 and 5 (potential maps), Fig. 4 (defect chemistry vs
 * voltage), the Fermi-level slopes of section 3.3, and |dphi_c| against experiment.
 * Colours: the paper's captions (Fig. 2: LiPON purple, LPO/LLZO/LPS grey, LCO red,
 * LNO orange, LNCO magenta, LMO blue, LNMO brown; Fig. 3: mu_Li blue, VBM orange,
 * CBM green, e*phi purple; Fig. 4: E_F brown).
 */
import { bandEdgesVsVacuum } from "./alignment";
import { orderedCathodeStates, orderedElectrolytes } from "./dataSet";
import { DataSet, Electrolyte } from "./materials";
import { PotentialMap } from "./potentialMap";
import { SweepPoint } from "./sweep";
import { PlotlyFigure, PlotlyTrace } from "./figure";

export const mapColours = { muLi: "#1f4fd8", phi: "#7b2d8b", vbm: "#ff7f0e", cbm: "#2ca02c", fermiLevel: "#8b4513", unstable: "#bdbdbd" };

/** Colours of Fig. 2 by material id (records may override with `colour`). */
export const materialColours: Record<string, string> = {
  Li: "#555555", LiPON: "#800080", LPO: "#808080", LLZO: "#808080", LPS: "#808080",
  LCO: "#d62728", LNO: "#ff7f0e", LNCO: "#ff00ff", LMO: "#1f77b4", LNMO: "#8b4513",
};

/** Mix a hex colour with white: the "lighter colour" of the empty (conduction) band. */
export function lighten(hex: string, amount = 0.6): string {
  const n = parseInt(hex.replace("#", ""), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

export interface AlignmentOptions {
  /** Scissor shift added to every electrolyte's CBM, eV. */
  scissor?: number;
  /** E_F of each electrolyte at this voltage vs Li (default: the anode side of its window). */
  voltage?: number;
  /** Fermi level of each electrolyte, eV above its VBM (drawn as a tick). */
  fermiLevels?: Record<string, number>;
}

/** Fig. 2: VBM (dark) and CBM (light) of every material relative to the vacuum level. */
export function bandAlignmentFigure(set: DataSet, options: AlignmentOptions = {}): PlotlyFigure {
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
  const colour = (id: string) => materialColours[id] ?? "#444444";
  const x = columns.map((c) => c.label);
  const traces: PlotlyTrace[] = [
    {
      type: "bar", name: "occupied states (VBM and below)", x, base: columns.map((c) => c.vbm - depth), y: columns.map(() => depth),
      marker: { color: columns.map((c) => colour(c.id)), line: { width: 0 } },
      hovertemplate: "%{x}<br>VBM %{customdata:.2f} eV<extra></extra>", customdata: columns.map((c) => c.vbm),
    },
    {
      type: "bar", name: "empty states (CBM and above)", x, base: columns.map((c) => c.cbm), y: columns.map(() => depth),
      marker: { color: columns.map((c) => lighten(colour(c.id))), line: { width: 0 } },
      hovertemplate: "%{x}<br>CBM %{customdata:.2f} eV<extra></extra>", customdata: columns.map((c) => c.cbm),
    },
  ];
  const fermi = columns.filter((c) => c.fermi !== undefined);
  if (fermi.length) {
    traces.push({ type: "scatter", mode: "markers", name: "Fermi level", x: fermi.map((c) => c.label), y: fermi.map((c) => c.fermi!), marker: { symbol: "line-ew-open", size: 18, color: mapColours.fermiLevel, line: { width: 3 } } });
  }
  return {
    data: traces,
    layout: {
      title: { text: "Band edges aligned to the vacuum level (paper Fig. 2)" },
      barmode: "overlay",
      bargap: 0.25,
      xaxis: { title: { text: "material (cathodes at state of charge)" }, tickangle: -45 },
      yaxis: { title: { text: "energy relative to the vacuum level (eV)" } },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: -set.anodes[0]?.workFunction, y1: -set.anodes[0]?.workFunction, line: { color: "#555", dash: "dot", width: 1 } }],
      annotations: [{ xref: "paper", x: 1, y: -set.anodes[0]?.workFunction, text: "Li Fermi level", showarrow: false, xanchor: "right", yanchor: "bottom", font: { size: 11 } }],
      legend: { orientation: "h", y: -0.35 },
      height: 560,
    },
  };
}

function mapTraces(map: PotentialMap, axis: string, showLegend: boolean): PlotlyTrace[] {
  const { position, muLi, phi, vbm, cbm } = map.profile;
  const line = (name: string, y: number[], color: string, dash?: string): PlotlyTrace => ({
    type: "scatter", mode: "lines", name, x: position, y, xaxis: `x${axis}`, yaxis: `y${axis}`, legendgroup: name, showlegend: showLegend,
    line: { color, width: 2.2, ...(dash ? { dash } : {}) },
  });
  // mu_Li last and dashed: in the electrodes it coincides with the VBM (E_F = 0)
  return [
    line("e·phi (electrostatic potential energy)", phi, mapColours.phi),
    line("VBM", vbm, mapColours.vbm),
    line("CBM", cbm, mapColours.cbm),
    line("mu_Li (electron electrochemical potential)", muLi, mapColours.muLi, "dash"),
  ];
}

function mapDecorations(map: PotentialMap, axis: string) {
  const xref = `x${axis}`;
  const yref = `y${axis} domain`;
  const shapes: Record<string, unknown>[] = map.unstable.map((u) => ({
    type: "rect", xref, yref, x0: u.from, x1: u.to, y0: 0, y1: 1, fillcolor: mapColours.unstable, opacity: 0.45, line: { width: 0 }, layer: "below",
  }));
  for (const x of [0, map.ocv]) shapes.push({ type: "line", xref, yref, x0: x, x1: x, y0: 0, y1: 1, line: { color: "#222", width: 1.5 } });
  const annotations = [
    { xref, yref, x: 0, y: 1.0, text: `Δφa ${map.dphiAnode >= 0 ? "+" : ""}${map.dphiAnode.toFixed(2)} V`, showarrow: false, xanchor: "left", yanchor: "top", font: { size: 11 } },
    { xref, yref, x: map.ocv, y: 1.0, text: `Δφc ${map.dphiCathode >= 0 ? "+" : ""}${map.dphiCathode.toFixed(2)} V`, showarrow: false, xanchor: "right", yanchor: "top", font: { size: 11 } },
  ];
  return { shapes, annotations };
}

/** One potential map (a panel of Figs. 3 and 5). */
export function potentialMapFigure(map: PotentialMap): PlotlyFigure {
  const { shapes, annotations } = mapDecorations(map, "");
  return {
    data: mapTraces(map, "", true),
    layout: {
      title: { text: `${map.anode} | ${map.electrolyte} | ${map.cathode} (SOC ${map.soc}), OCV ${map.ocv.toFixed(2)} V` },
      xaxis: { title: { text: "position (arb. units; electrolyte width = OCV in V)" } },
      yaxis: { title: { text: "energy relative to the Li Fermi level (eV)" } },
      shapes,
      annotations,
      legend: { orientation: "h", y: -0.2 },
      height: 520,
    },
  };
}

/** A grid of potential maps (Fig. 3: electrolytes x SOC; Fig. 5: cathodes x SOC), row by row. */
export function potentialMapGrid(maps: PotentialMap[], columns: number, title: string, labels: string[] = []): PlotlyFigure {
  const rows = Math.ceil(maps.length / columns);
  const data: PlotlyTrace[] = [];
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {};
  const yMin = Math.min(...maps.flatMap((m) => m.profile.vbm.concat(m.profile.muLi))) - 0.5;
  const yMax = Math.max(...maps.flatMap((m) => m.profile.cbm.concat(m.profile.phi))) + 0.8;
  maps.forEach((map, i) => {
    const axis = i === 0 ? "" : String(i + 1);
    data.push(...mapTraces(map, axis, i === 0));
    const d = mapDecorations(map, axis);
    shapes.push(...d.shapes);
    annotations.push(...d.annotations);
    const row = Math.floor(i / columns);
    layout[`xaxis${axis}`] = { title: { text: row === rows - 1 ? "position (electrolyte width = OCV)" : "" }, showticklabels: false };
    layout[`yaxis${axis}`] = { title: { text: i % columns === 0 ? "energy vs Li E_F (eV)" : "" }, range: [yMin, yMax] };
    annotations.push({ xref: `x${axis} domain`, yref: `y${axis} domain`, x: 0.5, y: 1.13, text: labels[i] ?? `${map.electrolyte} / ${map.cathode} ${map.soc}`, showarrow: false, font: { size: 12 } });
  });
  return {
    data,
    layout: {
      title: { text: title },
      grid: { rows, columns, pattern: "independent", ygap: 0.28, xgap: 0.08 },
      ...layout,
      shapes,
      annotations,
      legend: { orientation: "h", y: -0.12 },
      height: 330 * rows + 120,
      width: 260 * columns + 160,
    },
  };
}

/** Fig. 4: every defect, electrons and holes vs voltage (log scale), E_F on a second axis, window marked. */
export function defectChemistryFigure(electrolyte: Electrolyte, sweep: SweepPoint[]): PlotlyFigure {
  const voltage = sweep.map((p) => p.voltage);
  const palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#17becf", "#bcbd22", "#e377c2"];
  const traces: PlotlyTrace[] = [];
  const names = sweep[0]?.defects.map((d) => d.name) ?? [];
  names.forEach((name, i) => {
    const charges = Object.keys(sweep[0].defects[i].charges);
    for (const q of charges) {
      const label = `${name}${charges.length > 1 || q !== "0" ? `(${Number(q) > 0 ? "+" : ""}${q})` : ""}`;
      traces.push({ type: "scatter", mode: "lines", name: label, x: voltage, y: sweep.map((p) => Math.max(p.defects[i].charges[q], 1e-30)), line: { color: palette[i % palette.length], dash: q === "0" ? "dot" : "solid" } });
    }
  });
  traces.push({ type: "scatter", mode: "lines", name: "electrons", x: voltage, y: sweep.map((p) => Math.max(p.electrons, 1e-30)), line: { color: "#000000", dash: "dash" } });
  traces.push({ type: "scatter", mode: "lines", name: "holes", x: voltage, y: sweep.map((p) => Math.max(p.holes, 1e-30)), line: { color: "#7f7f7f", dash: "dash" } });
  traces.push({ type: "scatter", mode: "lines", name: "Fermi level (right axis)", x: voltage, y: sweep.map((p) => p.fermiLevel), yaxis: "y2", line: { color: mapColours.fermiLevel, width: 3 } });
  const { lower, upper } = electrolyte.window;
  return {
    data: traces,
    layout: {
      title: { text: `${electrolyte.id}: defect chemistry vs voltage (paper Fig. 4)` },
      xaxis: { title: { text: "voltage vs Li/Li+ (V) = -mu_Li / e" } },
      yaxis: { title: { text: "concentration (cm⁻³)" }, type: "log", range: [0, 23], exponentformat: "power" },
      yaxis2: { title: { text: "Fermi level above the VBM (eV)", font: { color: mapColours.fermiLevel } }, overlaying: "y", side: "right", showgrid: false, tickfont: { color: mapColours.fermiLevel } },
      shapes: [lower, upper].map((x) => ({ type: "line", xref: "x", yref: "paper", x0: x, x1: x, y0: 0, y1: 1, line: { color: "#000", dash: "dot", width: 1.5 } })),
      annotations: [{ xref: "x", yref: "paper", x: upper, ax: lower, axref: "x", y: 0.04, ay: 0.04, ayref: "paper", text: "", showarrow: true, arrowhead: 2, arrowside: "end+start", arrowwidth: 1.5 },
        { xref: "x", yref: "paper", x: (lower + upper) / 2, y: 0.07, text: "stability window", showarrow: false, font: { size: 11 } }],
      legend: { x: 1.1, y: 1 },
      height: 520,
    },
  };
}

/** Section 3.3: E_F vs voltage for several electrolytes inside their windows, with slope guides. */
export function fermiLevelFigure(sweeps: { electrolyte: Electrolyte; sweep: SweepPoint[] }[]): PlotlyFigure {
  const colours = ["#800080", "#1f77b4", "#2ca02c", "#d62728", "#8b4513"];
  const data: PlotlyTrace[] = sweeps.map(({ electrolyte, sweep }, i) => {
    const inside = sweep.filter((p) => p.voltage >= electrolyte.window.lower - 1e-9 && p.voltage <= electrolyte.window.upper + 1e-9);
    return { type: "scatter", mode: "lines", name: electrolyte.id, x: inside.map((p) => p.voltage), y: inside.map((p) => p.fermiLevel), line: { color: colours[i % colours.length], width: 3 } };
  });
  // guides: slopes -1 and -1/2 through (1 V, 5 eV)
  data.push({ type: "scatter", mode: "lines", name: "slope -1 (guide)", x: [0.5, 2.5], y: [5.5, 3.5], line: { color: "#999", dash: "dash" } });
  data.push({ type: "scatter", mode: "lines", name: "slope -1/2 (guide)", x: [0.5, 2.5], y: [4.5, 3.5], line: { color: "#999", dash: "dot" } });
  return {
    data,
    layout: {
      title: { text: "Fermi level vs voltage inside each window (section 3.3)" },
      xaxis: { title: { text: "voltage vs Li/Li+ (V)" } },
      yaxis: { title: { text: "Fermi level above the VBM (eV)" } },
      height: 480,
    },
  };
}

export interface ExperimentPoint {
  label: string;
  absDphi: number;
  /** "very low" | "low" | "medium" | "high" | "very high" */
  category: string;
  soc: string;
}

/** |dphi_c| against the experimental interface-resistance category (paper Table 1; EIS sees |dphi|). */
export function experimentFigure(points: ExperimentPoint[]): PlotlyFigure {
  const order = ["very low", "low", "medium", "high", "very high"];
  const symbols: Record<string, string> = { "0%": "circle", "100%": "square", "+": "diamond" };
  const socs = [...new Set(points.map((p) => p.soc))];
  return {
    data: socs.map((soc) => {
      const ps = points.filter((p) => p.soc === soc);
      return {
        type: "scatter", mode: "markers+text", name: `SOC ${soc}`, x: ps.map((p) => p.category), y: ps.map((p) => p.absDphi), text: ps.map((p) => p.label),
        textposition: "middle right", marker: { size: 11, symbol: symbols[soc] ?? "circle" },
      };
    }),
    layout: {
      title: { text: "Predicted |Δφc| against measured interface resistance" },
      xaxis: { title: { text: "measured interface resistance category (Ω cm²)" }, type: "category", categoryorder: "array", categoryarray: order },
      yaxis: { title: { text: "|Δφc| predicted (V)" }, rangemode: "tozero" },
      height: 500,
    },
  };
}

