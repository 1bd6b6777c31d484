/**
 * Helpers of notebook 08 (space-charge layers and interlayer stacks): the studies as table rows
 * and Plotly figures, so that the notebook's cells stay short. Physics: solveSpaceCharge and
 * its limits (model.md section 5), stackMap (minimum interface applied to every layer).
 */
import { Anode, Cathode, CathodeState, Electrolyte } from "../cell/materials";
import { stackMap } from "../cell/stack";
import { SpaceChargeParams } from "../spaceCharge/model";
import { SpaceChargeResult } from "../spaceCharge/spaceCharge";
import { debyeHuckelLimit, fullSaturationLimit, gouyChapmanLimit } from "../spaceCharge/limits";
import { PlotlyFigure, PlotlyTrace } from "../figures/figure";
import { siteSpacing } from "../figures/spaceChargeFigure";

type Row = Record<string, number | string | boolean>;

/**
 * Anode | electrolyte | cathode against anode | electrolyte | interlayer | cathode for each
 * cathode state. The interlayer takes the state of charge whose OCV range holds the voltage the
 * cathode imposes on it (stackMap with `cathodes`); `helps` says whether the largest
 * cathode-side |jump| fell. Keys are plain names (course/labels.ts): ocv and the jumps
 * dphi[A/B] and largestWithInterlayer in V.
 */
export function interlayerRows(anode: Anode, electrolyte: Electrolyte, interlayer: CathodeState, cathodes: readonly CathodeState[], materials: readonly Cathode[]): Row[] {
  return cathodes.map((c) => {
    const bare = stackMap(anode, [electrolyte], c);
    const coated = stackMap(anode, [electrolyte, interlayer], c, { cathodes: [...materials] });
    const choice = coated.interlayers[0];
    const bareJump = bare.interfaces[1].dphi;
    const [left, right] = [coated.interfaces[1].dphi, coated.interfaces[2].dphi];
    const largest = Math.max(Math.abs(left), Math.abs(right));
    return {
      cathode: `${c.id} ${c.soc}`,
      ocv: c.ocv,
      [`interlayerState[${interlayer.id}]`]: `${choice.taken}${choice.covered ? "" : " (outside its states)"}`,
      [`dphi[${electrolyte.id}/cathode, bare]`]: bareJump,
      [`dphi[${electrolyte.id}/${interlayer.id}]`]: left,
      [`dphi[${interlayer.id}/cathode]`]: right,
      largestWithInterlayer: largest,
      barrierReduced: largest < Math.abs(bareJump),
    };
  });
}

/**
 * A log distance axis from one site spacing N^(-1/3) (below one lattice plane the continuum
 * profile means nothing) to the last point drawn; autorange when the spacing is unknown.
 */
function latticeLogAxis(nsites: number[], xs: number[]): Record<string, unknown> {
  const start = Math.min(...nsites.map(siteSpacing).filter((x) => Number.isFinite(x)));
  const end = Math.max(...xs.filter((x) => Number.isFinite(x)));
  const title = { text: "distance from the Li electrode, x (Å)" };
  if (!(start > 0 && Number.isFinite(start) && end > start)) return { title, type: "log" };
  return { title: { text: `${title.text}; from one site spacing N<sup>−1/3</sup> = ${start.toFixed(1)} Å` }, type: "log", range: [Math.log10(start), Math.log10(end)] };
}

/** The exact Li/SE profile with its three teaching limits, on a log position axis. */
export function spaceChargeLimitsFigure(name: string, params: SpaceChargeParams, result: SpaceChargeResult): PlotlyFigure {
  const xs = result.exact.profile.map((p) => p.x);
  const limit = (label: string, f: (x: number) => number, color: string, dash: string): PlotlyTrace => ({
    type: "scatter", mode: "lines", name: label, x: xs, y: xs.map(f), line: { color, dash },
  });
  const sat = fullSaturationLimit(params);
  const gc = gouyChapmanLimit(params);
  const dh = debyeHuckelLimit(params);
  const x1 = result.approximate.x1;
  return {
    data: [
      { type: "scatter", mode: "lines", name: "exact (Poisson–Fermi–Dirac)", x: xs, y: result.exact.profile.map((p) => p.phi), line: { color: "#7b2d8b", width: 3 } },
      limit("full saturation (parabolic)", (x) => sat.potentialAt(x), "#1f77b4", "dot"),
      limit("Gouy–Chapman (dilute)", (x) => gc.potentialAt(x), "#2ca02c", "dash"),
      limit("Debye–Hückel (linear)", (x) => dh.potentialAt(x), "#d55e00", "dash"),
    ],
    layout: {
      title: { text: `Li/${name}: potential across the space-charge layer` },
      xaxis: latticeLogAxis([params.nsites], xs),
      yaxis: { title: { text: "electrostatic potential φ(x) (V, electrode = 0)" } },
      shapes: [{ type: "line", xref: "x", yref: "paper", x0: x1, x1: x1, y0: 0, y1: 1, line: { color: "#555", dash: "dot" } }],
      annotations: [{ xref: "x", yref: "paper", x: Math.log10(x1), y: 0.05, text: "end of the saturated layer x<sub>1</sub>", showarrow: false, xanchor: "left" }],
      legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top" },
    },
  };
}

/** Exact profiles of several materials next to Li, with a horizontal line at a target potential. */
export function spaceChargeProfilesFigure(results: readonly { name: string; result: SpaceChargeResult }[], target: { name: string; phiTarget: number }): PlotlyFigure {
  // colours >= 3:1 on white (figures/palette.ts)
  const palette = ["#7b2d8b", "#d62728", "#1f77b4", "#0f7b8a", "#2ca02c"];
  return {
    data: results.map(({ name, result }, i) => ({
      type: "scatter", mode: "lines", name, x: result.exact.profile.map((p) => p.x), y: result.exact.profile.map((p) => p.phi), line: { color: palette[i % palette.length], width: 2.5 },
    })),
    layout: {
      title: { text: "Space-charge layers next to Li metal" },
      xaxis: latticeLogAxis(results.map((r) => r.result.input.nsites), results.flatMap((r) => r.result.exact.profile.map((p) => p.x))),
      yaxis: { title: { text: "electrostatic potential φ(x) (V, electrode = 0)" } },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: target.phiTarget, y1: target.phiTarget, line: { color: "#555", dash: "dot" } }],
      annotations: [{ xref: "paper", x: 0.01, y: target.phiTarget, text: `${target.name} target ${target.phiTarget} V`, showarrow: false, yanchor: "bottom", xanchor: "left" }],
      legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top" },
    },
  };
}
