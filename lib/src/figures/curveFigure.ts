/**
 * The figure of `potmap curve`: dphi_c and dphi_a against the cathode's state of charge, the
 * OCV on a second axis, the record's named states marked, and the paper's Table 1 dphi_c
 * (data/published.json) beside them where it prints one. A plain Plotly spec (figures/figure.ts).
 */
import { DphiCurve } from "../cell/dphiCurve";
import { axisTitle, PlotlyFigure } from "./figure";
import { seriesColours } from "./palette";

/** A Table 1 value of this cell: the named state's label and the printed dphi_c (V). */
export interface PublishedPoint {
  /** The named state's label ("0%", "100%", "+"). */
  soc: string;
  /** The printed dphi_c, V. */
  dphiCathode: number;
}

/**
 * dphi_c and dphi_a (V) against the state of charge (%), the OCV and local OCV (V vs Li/Li+) on
 * the right axis, the named states marked and `published` (Table 1 dphi_c) drawn at their SOC.
 */
export function dphiCurveFigure(curve: DphiCurve, published: PublishedPoint[] = []): PlotlyFigure {
  const soc = curve.points.map((p) => p.soc);
  const named = curve.points.filter((p) => p.named !== undefined);
  // the paper's values sit at the SOC of the named state they belong to
  const paper = published.flatMap((row) => {
    const p = named.find((n) => n.named === row.soc);
    return p ? [{ soc: p.soc, value: row.dphiCathode, label: row.soc }] : [];
  });
  const data: PlotlyFigure["data"] = [
    { type: "scatter", mode: "lines", name: "Δφ_c (model)", x: soc, y: curve.points.map((p) => p.dphiCathode), line: { color: seriesColours[0], width: 2.5 } },
    { type: "scatter", mode: "lines", name: "Δφ_a (model)", x: soc, y: curve.points.map((p) => p.dphiAnode), line: { color: seriesColours[1], dash: "dash", width: 2 } },
    { type: "scatter", mode: "lines", name: "OCV (eq. 3 average)", x: soc, y: curve.points.map((p) => p.ocv), yaxis: "y2", line: { color: seriesColours[2], dash: "dot", width: 2 } },
    { type: "scatter", mode: "lines", name: "local OCV (hull step)", x: soc, y: curve.points.map((p) => p.localVoltage), yaxis: "y2", line: { color: seriesColours[3], dash: "dashdot", width: 1.5, shape: "hv" } },
    {
      type: "scatter", mode: "markers+text", name: "named states (Δφ_c)", x: named.map((p) => p.soc), y: named.map((p) => p.dphiCathode),
      text: named.map((p) => p.named!), textposition: "top center", marker: { color: seriesColours[0], size: 10, symbol: "circle" },
    },
  ];
  if (paper.length > 0) {
    data.push({
      type: "scatter", mode: "markers", name: "paper, Table 1 (Δφ_c)", x: paper.map((p) => p.soc), y: paper.map((p) => p.value),
      marker: { color: seriesColours[4], size: 12, symbol: "x" },
    });
  }
  return {
    data,
    layout: {
      title: { text: `${curve.anode} | ${curve.electrolyte} | ${curve.cathode}: interface jumps over the state of charge` },
      xaxis: { title: { text: axisTitle(`state of charge of ${curve.cathode} (linear in Li per ${curve.host})`, "%") } },
      yaxis: { title: { text: axisTitle("Δφ", "V") } },
      yaxis2: { title: { text: axisTitle("OCV vs Li/Li⁺", "V") }, overlaying: "y", side: "right" },
      legend: { x: 1.1, xanchor: "left" },
      // Plotly 3 reads titles as { text } only
      margin: { l: 70, r: 20, t: 60, b: 60 },
    },
  };
}
