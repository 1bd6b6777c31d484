/**
 * Figures of `potmap coat`: the candidates' worst jumps as bars (flagged ones hatched, the
 * "no coating" baseline as a line), and the virtual-coating heat map with the barrier-less
 * contour and the real candidates drawn on it. Plain Plotly specs (figures/figure.ts).
 */
import { axisTitle, PlotlyFigure } from "../figures/figure";
import { CoatResult } from "./coat";
import { IdealCoatingResult } from "./idealCoating";
import { ScanGrid } from "./virtualCoating";

/** Worst |dphi| per candidate over the states of charge, best first. */
export function coatRankingFigure(result: CoatResult, threshold: number): PlotlyFigure {
  const rows = result.candidates.filter((c) => Number.isFinite(c.worstAbsDphi));
  const none = result.candidates.find((c) => c.kind === "none");
  return {
    data: [
      {
        type: "bar",
        name: "worst |dphi|",
        x: rows.map((c) => c.id),
        y: rows.map((c) => c.worstAbsDphi),
        text: rows.map((c) => `${c.worstSoc}, ${c.worstInterface}${c.flags.length ? `; ${c.flags.join("; ")}` : ""}`),
        marker: { color: rows.map((c) => (c.kind === "none" ? "#888888" : c.compatible ? "#1f77b4" : "#d62728")), pattern: { shape: rows.map((c) => (c.compatible ? "" : "/")) } },
      },
    ],
    layout: {
      // Plotly 3 reads titles as { text } (a plain string is ignored)
      title: { text: `Coatings between ${result.electrolyte} and ${result.cathode} (red, hatched: a stability flag)` },
      xaxis: { title: { text: "coating" } },
      yaxis: { title: { text: axisTitle("worst |Δφ| over the states of charge", "V") } },
      shapes: [
        ...(none ? [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: none.worstAbsDphi, y1: none.worstAbsDphi, line: { dash: "dash", color: "#888888" } }] : []),
        { type: "line", xref: "paper", x0: 0, x1: 1, y0: threshold, y1: threshold, line: { dash: "dot", color: "#2ca02c" } },
      ],
    },
  };
}

/** Every k-th grid point so that the figure has at most `max` points per axis. */
function thinned(scan: ScanGrid, max: number) {
  const n = scan.ionizationPotential.length;
  const k = Math.max(1, Math.ceil(n / max));
  const idx: number[] = [];
  for (let i = 0; i < n; i += k) idx.push(i);
  if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return {
    x: idx.map((i) => scan.ionizationPotential[i]),
    y: idx.map((j) => scan.interstitialEnergy[j]),
    z: idx.map((j) => idx.map((i) => scan.worst[j * n + i])),
  };
}

/** The heat map of worst |dphi| over (IP, E0_i), at most `maxPoints` per axis (default 200). */
export function virtualCoatingFigure(result: IdealCoatingResult, scan: ScanGrid, maxPoints = 200): PlotlyFigure {
  const { x, y, z } = thinned(scan, maxPoints);
  const shown = result.candidates.filter((c) => c.onMap);
  return {
    data: [
      { type: "heatmap", name: "worst |dphi|", x, y, z, zmin: 0, zmax: Math.max(1, 3 * result.threshold), colorscale: "Viridis", colorbar: { title: { text: "V" } } },
      {
        type: "contour", name: `|dphi| = ${result.threshold} V`, x, y, z, showscale: false, showlegend: true,
        contours: { start: result.threshold, end: result.threshold, size: 1, coloring: "lines" }, line: { color: "white", width: 2 },
      },
      {
        type: "scatter", mode: "markers+text", name: "real candidates", x: shown.map((c) => c.ionizationPotential), y: shown.map((c) => c.interstitialEnergy),
        text: shown.map((c) => `${c.id} (${c.realWorst.toFixed(2)} V)`), textposition: "top center", marker: { color: "white", size: 9, line: { color: "black", width: 1 } },
      },
    ],
    layout: {
      title: { text: `Virtual coatings between ${result.electrolyte} and ${result.cathode}: worst |Δφ| over the states of charge` },
      xaxis: { title: { text: axisTitle("ionization potential", "eV") } },
      yaxis: { title: { text: axisTitle(`E0(Li_i+1), Frenkel pair ${result.model.frenkelEnergy} eV`, "eV") } },
      // a fixed height and the legend below: beside the colour bar, a legend squeezed the plot
      // area of a narrow page to nothing (Plotly: "something went wrong with axis scaling")
      height: 600,
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.15, yanchor: "top" },
    },
  };
}
