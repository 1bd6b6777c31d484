/**
 * Two (or more) defect models of one electrolyte side by side, as plain rows for the course:
 * e.g. LLZO's reduced built-in model (V_Li and Li_i only) against the complete model of Squires
 * et al. (14 defects, frozen after synthesis), or LPS on its non-degeneracy bound against LPS overfitted to
 * Table 1. Each model is an Electrolyte record; everything is computed with the library's own
 * physics (solveFermiLevel, fermiLevelSlope, potentialMap, eqs. 4-7).
 */
import { classifyConduction } from "../defects/conduction";
import { effectiveBandGap } from "../defects/defects";
import { PotmapError } from "../core/errors";
import { DataSet, Electrolyte } from "../cell/materials";
import { findAnode, orderedCathodeStates } from "../cell/dataSet";
import { potentialMap } from "../cell/potentialMap";
import { electrolyteSystem } from "../cell/fermiLevel";
import { compileSystem, solveFermiLevel } from "../defects/neutrality";
import { fermiLevelSlope } from "../defects/sweep";
import { PublishedNumbers } from "../calibration/calibrateDataSet";
import { dominantSpecies } from "./defectTables";

export interface CompareOptions {
  /** Voltages (V vs Li) of the state rows; default: the first model's window edges. */
  voltages?: number[];
  /** The paper's numbers, for a "paper" column. */
  published?: PublishedNumbers;
  /** The paper's column to compare with (default: the first model's id). */
  paperColumn?: string;
  /** How many dominant species of each sign to list (default 2). */
  top?: number;
  /** Anode id (default "Li"). */
  anode?: string;
}

export interface ModelComparison {
  /** One row per voltage and model: E_F, its class, dE_F/dV and the dominant species with site fractions. */
  states: Record<string, string | number>[];
  /** dphi_a (eq. 6) of each model, and the paper's. */
  anode: Record<string, string | number>[];
  /** dphi_c (eq. 7) for every cathode state: one column per model, and the paper's. */
  cathodes: Record<string, string | number>[];
}

const describe = (s: { label: string; concentration: number; siteFraction?: number }) =>
  `${s.label} ${s.concentration.toExponential(2)} (${s.siteFraction === undefined ? "—" : s.siteFraction.toExponential(1)})`;

/**
 * Compare electrolyte models. Slopes are central differences kept inside the window (a point
 * 10 mV inside an edge stands for the edge), so that no slope mixes in the extrapolated outside.
 */
export function compareElectrolyteModels(models: readonly Electrolyte[], set: DataSet, options: CompareOptions = {}): ModelComparison {
  if (models.length === 0) throw new PotmapError("needs at least one electrolyte model", { field: "models", value: 0 });
  const first = models[0];
  const voltages = options.voltages ?? [first.window.lower, first.window.upper];
  const top = options.top ?? 2;
  const column = options.paperColumn ?? first.id;
  const states: Record<string, string | number>[] = [];
  for (const v of voltages) {
    for (const model of models) {
      const system = electrolyteSystem(model);
      const solution = solveFermiLevel(compileSystem(system), -v);
      const at = Math.min(Math.max(v, model.window.lower + 0.01), model.window.upper - 0.01);
      states.push({
        voltage: v, model: model.id, fermiLevelAboveVbm: solution.fermiLevel, fermiLevelClass: solution.fermiLevelClass,
        // electronic versus ionic (the class that replaces the 3 kT reading of the E_F class)
        conduction: classifyConduction(solution.electrons, solution.holes, solution.fermiLevel, effectiveBandGap(system), model.transport).conductionClass,
        slope: fermiLevelSlope(system, at),
        dominantPositiveSpecies: dominantSpecies(solution, 1, top).map(describe).join("; "),
        dominantNegativeSpecies: dominantSpecies(solution, -1, top).map(describe).join("; "),
      });
    }
  }
  const anode = findAnode(set, options.anode ?? "Li");
  const cathodeStates = orderedCathodeStates(set);
  const maps = models.map((model) => cathodeStates.map((state) => potentialMap(anode, model, state, { withoutProfile: true })));
  const paperA = options.published?.dphiAnode.values[column];
  const anodeRow: Record<string, string | number> = { quantity: `Δφa, ${anode.id} | electrolyte (V)` };
  models.forEach((m, i) => (anodeRow[m.id] = maps[i][0]?.dphiAnode ?? NaN));
  if (options.published) anodeRow.paper = paperA ?? "—";
  const cathodes = cathodeStates.map((state, k) => {
    const row: Record<string, string | number> = { cathode: state.id, soc: state.soc };
    models.forEach((m, i) => (row[`dphiCathode[${m.id}]`] = maps[i][k].dphiCathode));
    if (options.published) {
      const printed = options.published.table1.rows.find((r) => r.electrolyte === column && r.cathode === state.id && r.soc === state.soc);
      row.dphiCathodePaper = printed ? printed.dphiCathode : "—";
    }
    return row;
  });
  return { states, anode: [anodeRow], cathodes };
}

/**
 * The average E_F slope dE_F/dV across `electrolyte`'s window that the paper's Table 1 implies,
 * read against a `reference` electrolyte whose phi is flat (slope -1, e.g. LLZO). For a cathode
 * state whose OCV exceeds both upper window edges, eq. 7 gives
 *   phi_X(V_high,X) = phi_ref + dphi_c(ref) - dphi_c(X),  with phi_ref = dphi_a(ref) (flat),
 * and eq. 5 gives phi_X(V_high,X) = dphi_a(X) + (1 + slope)(V_high,X - V_low,X). Averaged over the
 * states printed in both columns (the paper's inconsistent entries left out).
 */
export function impliedAverageSlope(set: DataSet, published: PublishedNumbers, electrolyte: string, reference: string): { slope: number; states: number } {
  const window = (id: string) => {
    const e = set.electrolytes.find((x) => x.id === id);
    if (!e) throw new PotmapError("is not an electrolyte of the data set", { field: "electrolyte", value: id });
    return e.window;
  };
  const wx = window(electrolyte);
  const wr = window(reference);
  const bad = (r: { cathode: string; soc: string; electrolyte: string }) => published.inconsistent.some((i) => i.cathode === r.cathode && i.soc === r.soc && (i.electrolyte === r.electrolyte));
  const printed = (id: string, cathode: string, soc: string) =>
    published.table1.rows.find((r) => r.electrolyte === id && r.cathode === cathode && r.soc === soc && typeof r.dphiCathode === "number" && !bad(r));
  const slopes: number[] = [];
  for (const state of orderedCathodeStates(set)) {
    if (state.ocv < Math.max(wx.upper, wr.upper)) continue;
    const x = printed(electrolyte, state.id, state.soc);
    const r = printed(reference, state.id, state.soc);
    if (!x || !r) continue;
    const phiX = published.dphiAnode.values[reference] + r.dphiCathode - x.dphiCathode;
    slopes.push((phiX - published.dphiAnode.values[electrolyte]) / (wx.upper - wx.lower) - 1);
  }
  if (slopes.length === 0) throw new PotmapError("no cathode state is printed in both columns", { field: "electrolyte", value: `${electrolyte}/${reference}` });
  return { slope: slopes.reduce((a, b) => a + b, 0) / slopes.length, states: slopes.length };
}
