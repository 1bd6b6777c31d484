/**
 * |dphi_c| against the measured interface-resistance category (the paper's Table 1 compared
 * with experiment, section 4). Besides the points: the mean |dphi_c| of each category, and a
 * sentence saying whether those means rise with the measured resistance; points whose state
 * of charge the experiment does not state are drawn apart.
 */
import { pearsonCorrelation, ranks } from "../numerics/statistics";
import { PlotlyFigure, PlotlyTrace } from "./figure";

export interface ExperimentPoint {
  label: string;
  absDphi: number;
  /** "very low" | "low" | "medium" | "high" | "very high" */
  category: string;
  /** "0%", "100%", "+", or "NA" when the experiment does not state it. */
  soc: string;
  /** The signed jump, V: if given, filled markers hinder discharge (> 0), open ones charge (< 0). */
  dphi?: number;
  /**
   * false when the experiment does not state the SOC and `soc` is an assumed one (a point per
   * computed SOC): drawn apart like "NA", with the assumed SOC in its hover text.
   */
  socStated?: boolean;
}

/** Resistance categories, lowest first, with their area-specific resistances (Ω cm², paper Table 1). */
export const resistanceCategories = ["very low", "low", "medium", "high", "very high"] as const;
export type ResistanceCategory = (typeof resistanceCategories)[number];
const categoryRanges = ["< 10", "10–100", "100–500", "500–1000", "> 1000"];

export interface CategoryMean {
  category: string;
  /** Points in the category. */
  count: number;
  /** Mean |dphi_c| of those points, V (NaN when there are none). */
  mean: number;
}

export interface ExperimentTrend {
  means: CategoryMean[];
  /** Do the means of the categories with points rise strictly from lower to higher resistance? */
  rising: boolean;
  /** Spearman rank correlation between category order and mean (categories with points; NaN below 2). */
  rankCorrelation: number;
  /** The sentence the figure prints. */
  message: string;
}

const isUnknownSoc = (p: ExperimentPoint) => p.socStated === false || /^(na|n\/a|unknown|\?)$/i.test(p.soc.trim());

/**
 * Mean |dphi_c| per measured category and whether the means rise with resistance. The model
 * predicts a barrier, EIS measures a resistance: a rising mean is what agreement would look like.
 */
export function experimentCategoryMeans(points: readonly Pick<ExperimentPoint, "category" | "absDphi">[]): ExperimentTrend {
  const means = resistanceCategories.map((category) => {
    const ps = points.filter((p) => p.category === category);
    return { category, count: ps.length, mean: ps.length ? ps.reduce((s, p) => s + p.absDphi, 0) / ps.length : NaN };
  });
  const present = means.filter((m) => m.count > 0);
  const rising = present.length >= 2 && present.every((m, k) => k === 0 || m.mean > present[k - 1].mean);
  const rankCorrelation = present.length >= 2 ? pearsonCorrelation(ranks(present.map((_, k) => k)), ranks(present.map((m) => m.mean))) : NaN;
  const list = present.map((m) => `${m.category} ${m.mean.toFixed(2)}`).join(", ");
  const verdict = present.length < 2 ? "too few categories to judge a trend" : rising ? "the means rise with the measured resistance" : "no trend: the means do not rise with the measured resistance";
  return { means, rising, rankCorrelation, message: `Mean |Δφ<sub>c</sub>| per category (V): ${list}; ${verdict}` };
}

/**
 * |dphi_c| against the experimental interface-resistance category (paper Table 1). EIS sees
 * |dphi| in the rate-limiting direction; the sign (which process the barrier hinders) is shown
 * by filled (discharge) and open (charge) markers when the points carry `dphi`. Each category's
 * mean is a short black bar left of its points, and the figure says whether the means rise with resistance. Points
 * whose SOC is not stated ("NA", or socStated false) are grey hexagons with their own entry.
 */
export function experimentFigure(points: ExperimentPoint[]): PlotlyFigure {
  const order: readonly string[] = resistanceCategories;
  const symbols: Record<string, string> = { "0%": "circle", "100%": "square", "+": "diamond", NA: "hexagon" };
  const colours: Record<string, string> = { "0%": "#1f77b4", "100%": "#d62728", "+": "#2ca02c", NA: "#7f7f7f" };
  const socOf = (p: ExperimentPoint) => (isUnknownSoc(p) ? "NA" : p.soc);
  // Labels to the right of their marker, except where two markers of one category lie closer
  // than 3.5% of the axis: then the upper label goes to the left.
  const top = Math.max(0.1, ...points.map((p) => p.absDphi));
  const side = new Map<ExperimentPoint, string>();
  for (const cat of order) {
    const ps = points.filter((p) => p.category === cat).sort((a, b) => a.absDphi - b.absDphi);
    let prev: ExperimentPoint | null = null;
    for (const p of ps) {
      const clash = prev !== null && p.absDphi - prev.absDphi < 0.035 * top && side.get(prev) === "middle right";
      side.set(p, clash ? "middle left" : "middle right");
      prev = p;
    }
  }
  const direction = (p: ExperimentPoint) => (p.dphi === undefined ? "" : p.dphi >= 0 ? "discharge" : "charge");
  const groups: { soc: string; dir: string }[] = [];
  for (const p of points) {
    if (!groups.some((g) => g.soc === socOf(p) && g.dir === direction(p))) groups.push({ soc: socOf(p), dir: direction(p) });
  }
  const dirOrder = ["discharge", "charge", ""];
  // stated states first, in order of appearance; the unknown ones last
  const socOrder = [...new Set(points.map(socOf))].sort((a, b) => Number(a === "NA") - Number(b === "NA"));
  groups.sort((a, b) => socOrder.indexOf(a.soc) - socOrder.indexOf(b.soc) || dirOrder.indexOf(a.dir) - dirOrder.indexOf(b.dir));
  const data: PlotlyTrace[] = groups.map(({ soc, dir }) => {
    const ps = points.filter((p) => socOf(p) === soc && direction(p) === dir);
    const symbol = (symbols[soc] ?? "circle") + (dir === "charge" ? "-open" : "");
    const colour = colours[soc] ?? "#444";
    const what = soc === "NA" ? "SOC not stated (NA)" : `SOC ${soc}`;
    return {
      type: "scatter", mode: "markers+text",
      name: `${what}${dir === "discharge" ? ", Δφ<sub>c</sub> > 0: hinders discharge" : dir === "charge" ? ", Δφ<sub>c</sub> < 0: hinders charge" : ""}`,
      x: ps.map((p) => p.category), y: ps.map((p) => p.absDphi), text: ps.map((p) => p.label),
      customdata: ps.map((p) => (isUnknownSoc(p) && p.soc !== "NA" ? `computed at SOC ${p.soc} (not stated)` : `SOC ${p.soc}`)),
      textposition: ps.map((p) => side.get(p) ?? "middle right"), textfont: { size: 11 },
      marker: { size: 11, symbol, color: colour, opacity: 0.85, line: { color: colour, width: dir === "charge" ? 2 : 0 } },
      hovertemplate: "%{text}<br>%{customdata}<br>|Δφc| %{y:.2f} V<extra></extra>",
    };
  });
  const trend = experimentCategoryMeans(points);
  const present = trend.means.filter((m) => m.count > 0);
  // each category's mean: a short black bar left of the markers (labels sit to their right)
  const shapes = present.map((m) => {
    const i = order.indexOf(m.category);
    return { type: "line", xref: "x", yref: "y", x0: i - 0.34, x1: i - 0.08, y0: m.mean, y1: m.mean, line: { color: "#000", width: 3 } };
  });
  if (present.length) {
    data.push({ type: "scatter", mode: "lines", name: "mean |Δφ<sub>c</sub>| of the category (bar left of the points)", x: [null], y: [null], line: { color: "#000", width: 3 }, hoverinfo: "skip" });
  }
  return {
    data,
    layout: {
      title: { text: "Predicted |Δφ<sub>c</sub>| against measured interface resistance" },
      xaxis: {
        title: { text: "measured interface resistance category (area-specific resistance, Ω cm²)" },
        type: "category", categoryorder: "array", categoryarray: order, range: [-0.6, order.length - 0.4],
        tickmode: "array", tickvals: order, ticktext: order.map((c, i) => `${c}<br>${categoryRanges[i]}`),
      },
      yaxis: { title: { text: "|Δφ<sub>c</sub>| predicted (V)" }, rangemode: "tozero" },
      // the trend sentence above the plotting area, under the title: it reads as the figure's conclusion
      shapes,
      annotations: present.length ? [{ xref: "paper", yref: "paper", x: 0, y: 1, xanchor: "left", yanchor: "bottom", yshift: 6, showarrow: false, align: "left", text: trend.message, font: { size: 12 } }] : [],
      margin: { t: 80 },
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.22, yanchor: "top" },
      height: 620,
      width: 1040,
    },
  };
}
