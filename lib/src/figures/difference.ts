/**
 * What-if figures with a difference panel: curves of a shipped (base) record and of modified
 * ones on top, modified − base underneath, so that a change of a few tens of meV is seen even
 * where the curves themselves span volts.
 */
import { PlotlyFigure, PlotlyTrace } from "./figure";
import { seriesColours } from "./palette";

export interface Curve {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  colour?: string;
  dash?: string;
}

export interface DifferenceFigureOptions {
  title?: string;
  /** Axis titles with units (defaults are those of E_F(V): voltage in V, E_F in eV). */
  xTitle?: string;
  yTitle?: string;
  /** Title of the difference panel (default "modified − base (eV)"). */
  differenceTitle?: string;
  /** Share of the height given to the difference panel (default 0.3). */
  differenceShare?: number;
}

/** y of a curve at v by linear interpolation between its points (x ascending or descending); NaN outside. */
export function interpolateAt(x: ArrayLike<number>, y: ArrayLike<number>, v: number): number {
  for (let k = 0; k < x.length; k++) if (x[k] === v) return y[k];
  for (let k = 1; k < x.length; k++) {
    const [x0, x1] = [x[k - 1], x[k]];
    if ((v > x0 && v < x1) || (v < x0 && v > x1)) return y[k - 1] + ((y[k] - y[k - 1]) * (v - x0)) / (x1 - x0);
  }
  return NaN;
}

/** modified − base at the base curve's x (the modified curve interpolated where its x differ). */
export function curveDifference(base: Curve, modified: Curve): { x: number[]; y: number[] } {
  const x = Array.from(base.x);
  return { x, y: x.map((v, k) => interpolateAt(modified.x, modified.y, v) - base.y[k]) };
}

const palette = seriesColours;

/**
 * Two panels sharing the x axis: the base curve (dark grey, dashed) and every modified curve
 * on top; modified − base for each modified curve underneath, with the zero line.
 */
export function differenceFigure(base: Curve, modified: Curve | Curve[], options: DifferenceFigureOptions = {}): PlotlyFigure {
  const list = Array.isArray(modified) ? modified : [modified];
  const share = Math.min(0.6, Math.max(0.15, options.differenceShare ?? 0.3));
  const gap = 0.08;
  const data: PlotlyTrace[] = [
    { type: "scatter", mode: "lines", name: base.name, legendgroup: "base", x: Array.from(base.x), y: Array.from(base.y), line: { color: base.colour ?? "#444444", width: 2.5, dash: base.dash ?? "dash" } },
  ];
  list.forEach((m, i) => {
    const colour = m.colour ?? palette[i % palette.length];
    data.push({ type: "scatter", mode: "lines", name: m.name, legendgroup: `m${i}`, x: Array.from(m.x), y: Array.from(m.y), line: { color: colour, width: 2.5, dash: m.dash ?? "solid" } });
    const d = curveDifference(base, m);
    data.push({
      type: "scatter", mode: "lines", name: `${m.name} − ${base.name}`, legendgroup: `m${i}`, showlegend: false, x: d.x, y: d.y, xaxis: "x2", yaxis: "y2",
      line: { color: colour, width: 2.2, dash: m.dash ?? "solid" }, hovertemplate: "%{y:.3f}<extra>modified − base</extra>",
    });
  });
  const xs = Array.from(base.x).filter(Number.isFinite);
  const shapes = xs.length
    ? [{ type: "line", xref: "x2", yref: "y2", x0: Math.min(...xs), x1: Math.max(...xs), y0: 0, y1: 0, line: { color: "#444", width: 1, dash: "dot" } }]
    : [];
  return {
    data,
    layout: {
      title: { text: options.title ?? `${list.map((m) => m.name).join(", ")} against ${base.name}` },
      xaxis: { domain: [0, 1], anchor: "y", matches: "x2", showticklabels: false, title: { text: "" } },
      yaxis: { domain: [share + gap, 1], title: { text: options.yTitle ?? "Fermi level above the VBM (eV)" } },
      xaxis2: { domain: [0, 1], anchor: "y2", title: { text: options.xTitle ?? "voltage vs Li/Li⁺ (V)" } },
      yaxis2: { domain: [0, share], anchor: "x2", title: { text: options.differenceTitle ?? "modified − base (eV)" }, zeroline: false },
      shapes,
      legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top" },
      height: 640,
      width: 960,
    },
  };
}
