/**
 * The potential across a space-charge layer next to an electrode (model.md section 5), drawn on
 * the range where it changes: from the electrode to where phi has settled within 1% of its bulk
 * value phi0 (or 5 screening lengths when a curve carries no phi0), in Å or nm, linear or log.
 * A log axis starts at one site spacing N^(-1/3) (the lattice scale of the defect sites), not
 * at the solver's first grid point: the continuum profile means nothing below one lattice plane.
 */
import { SpaceChargeResult } from "../spaceCharge/spaceCharge";
import { PlotlyFigure, PlotlyTrace } from "./figure";
import { mapColours, seriesColours } from "./palette";

export interface SpaceChargeCurve {
  name: string;
  /** Distance from the electrode, Å. */
  x: ArrayLike<number>;
  /** Potential, V (0 at the electrode, phi0 in the bulk). */
  phi: ArrayLike<number>;
  /** Bulk potential, V: the curve has settled where |phi − phi0| < 1% |phi0|. */
  phi0?: number;
  /** Linear screening length, Å (the range falls back to 5 of them). */
  screeningLength?: number;
  /** Mean distance between defect sites N^(-1/3), Å: where a log distance axis starts. */
  siteSpacing?: number;
  colour?: string;
  dash?: string;
}

/** A curve of the exact profile of a solved layer (solveSpaceCharge), with its phi0, screening length and site spacing. */
export function spaceChargeCurve(name: string, result: SpaceChargeResult, style: { colour?: string; dash?: string } = {}): SpaceChargeCurve {
  const profile = result.exact.profile;
  return {
    name, x: profile.map((p) => p.x), phi: profile.map((p) => p.phi), phi0: result.input.phi0, screeningLength: result.screeningLength,
    siteSpacing: siteSpacing(result.input.nsites), ...style,
  };
}

/** Mean distance between sites of density `nsites` (cm^-3), Å: N^(-1/3); NaN unless N > 0 and finite. */
export function siteSpacing(nsites: number): number {
  return Number.isFinite(nsites) && nsites > 0 ? Math.cbrt(1 / nsites) * 1e8 : NaN;
}

export interface SpaceChargeFigureOptions {
  title?: string;
  /** Unit of the distance axis (default "Å"; the curves are always given in Å). */
  unit?: "Å" | "nm";
  /**
   * Logarithmic distance axis: shows the saturated layer next to the electrode. Default: on when
   * the curves settle at distances more than 20 times apart (one linear axis cannot show both).
   */
  logX?: boolean;
  /** Last distance drawn, Å (default: where every curve has settled, see settledAt). */
  xMax?: number;
  /**
   * First distance drawn on a log axis, Å (default: the smallest site spacing of the curves, one
   * lattice plane; the first positive grid point when no curve carries one).
   */
  xStart?: number;
  /** Vertical marks, Å (e.g. the end of the saturated layer x1). */
  marks?: { x: number; label: string }[];
  /** Horizontal marks, V (e.g. a target potential). */
  levels?: { phi: number; label: string }[];
}

/**
 * Where a curve has settled, Å: the first x beyond which |phi − phi0| stays below 1% of |phi0|;
 * 5 screening lengths when it has no phi0 (or phi0 = 0); its last x when neither is known.
 */
export function settledAt(curve: SpaceChargeCurve): number {
  const n = curve.x.length;
  const phi0 = curve.phi0;
  if (phi0 !== undefined && phi0 !== 0) {
    for (let k = n - 1; k >= 0; k--) {
      if (Math.abs(curve.phi[k] - phi0) > 0.01 * Math.abs(phi0)) return k + 1 < n ? curve.x[k + 1] : curve.x[n - 1];
    }
    return n ? curve.x[0] : NaN;
  }
  if (curve.screeningLength !== undefined && curve.screeningLength > 0) return 5 * curve.screeningLength;
  return n ? curve.x[n - 1] : NaN;
}

const palette = [mapColours.phi, ...seriesColours.filter((c) => c !== mapColours.phi)];

/** φ(x) of one or more space-charge layers, on the range where they change. */
export function spaceChargeFigure(curves: SpaceChargeCurve[], options: SpaceChargeFigureOptions = {}): PlotlyFigure {
  const unit = options.unit ?? "Å";
  const scale = unit === "nm" ? 0.1 : 1;
  const settled = curves.map(settledAt).filter((x) => Number.isFinite(x) && x > 0);
  const xMax = options.xMax ?? Math.max(...settled);
  const logX = options.logX ?? (settled.length > 1 && Math.max(...settled) > 20 * Math.min(...settled));
  const spacings = curves.map((c) => c.siteSpacing).filter((x): x is number => x !== undefined && Number.isFinite(x) && x > 0);
  const firstPoint = Math.min(...curves.flatMap((c) => Array.from(c.x).filter((x) => x > 0)));
  const start = options.xStart ?? (spacings.length ? Math.min(...spacings) : NaN);
  const fromLattice = Number.isFinite(start) && start > 0 && start < xMax;
  const xMin = fromLattice ? start : firstPoint;
  const data: PlotlyTrace[] = curves.map((c, i) => {
    // keep one point past the range so the line reaches the edge of the plot
    const keep = Array.from(c.x, (_, k) => k).filter((k) => k === 0 || c.x[k - 1] <= xMax);
    return {
      type: "scatter", mode: "lines", name: c.name, x: keep.map((k) => c.x[k] * scale), y: keep.map((k) => c.phi[k]),
      line: { color: c.colour ?? palette[i % palette.length], width: 2.5, dash: c.dash ?? "solid" }, hovertemplate: `x %{x:.3g} ${unit}<br>φ %{y:.3f} V<extra>${c.name}</extra>`,
    };
  });
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  for (const m of options.marks ?? []) {
    shapes.push({ type: "line", xref: "x", yref: "paper", x0: m.x * scale, x1: m.x * scale, y0: 0, y1: 1, line: { color: "#555", dash: "dot", width: 1.2 } });
    annotations.push({ xref: "x", yref: "paper", x: logX ? Math.log10(m.x * scale) : m.x * scale, y: 0.02, xanchor: "left", yanchor: "bottom", xshift: 3, text: m.label, showarrow: false, font: { size: 12 } });
  }
  for (const l of options.levels ?? []) {
    shapes.push({ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: l.phi, y1: l.phi, line: { color: "#555", dash: "dot", width: 1.2 } });
    annotations.push({ xref: "paper", yref: "y", x: 0.99, y: l.phi, xanchor: "right", yanchor: "bottom", text: l.label, showarrow: false, font: { size: 12 } });
  }
  const range: [number, number] = logX ? [Math.log10(xMin * scale), Math.log10(xMax * scale)] : [0, xMax * scale];
  return {
    data,
    layout: {
      title: { text: options.title ?? "Potential across the space-charge layer" },
      xaxis: {
        title: { text: `distance from the electrode, x (${unit})${logX && fromLattice ? "; from one site spacing N<sup>−1/3</sup>" : ""}` },
        type: logX ? "log" : "linear", range, exponentformat: "power",
      },
      yaxis: { title: { text: "electrostatic potential φ(x) (V, electrode = 0)" } },
      shapes,
      annotations,
      legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top" },
      height: 500,
      width: 960,
    },
  };
}
