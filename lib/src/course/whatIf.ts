/**
 * Helpers of the what-if lessons (notebooks 07a-07d): one input changed on a copy of a record,
 * the potential map recomputed, the result as table rows or a Plotly figure. Pure functions
 * on plain data; nothing is written back to data/. The physics is the library's (potentialMap,
 * solveFermiLevel, withDopant, temperatureSweep, monteCarlo): these only arrange it so that a
 * notebook cell stays a few lines long.
 */
import { electrolyteSystem } from "../cell/fermiLevel";
import { PotmapError } from "../core/errors";
import { thermalEnergy } from "../core/constants";
import { Anode, CathodeState, DataSet, Electrolyte } from "../cell/materials";
import { potentialMap } from "../cell/potentialMap";
import { DefectSystem, Dopant } from "../defects/defects";
import { solveFermiLevel } from "../defects/neutrality";
import { diluteLimit } from "../defects/guards";
import { fermiLevelSlope, linspace, sweepVoltage } from "../defects/sweep";
import { withDopant } from "../whatif/doping";
import { temperatureSweep } from "../whatif/temperature";
import { MonteCarloResult } from "../whatif/uncertainty";
import { orderedCathodeStates, orderedElectrolytes } from "../cell/dataSet";
import { PlotlyFigure, PlotlyTrace } from "../figures/figure";
import { cathodeStateInputs, electrolyteInputs, findInput, PhysicalInput } from "../inputs/table";

type Row = Record<string, number | string | boolean>;


// the electrolyte's defect system with its scissor in the carrier statistics (cell/fermiLevel.ts)
const defectSystemOf = electrolyteSystem;

/** A copy of `e` with E0 of one defect charge state raised by `delta` eV (relabelled). */
export function withDefectEnergyShift(e: Electrolyte, defect: string, charge: number, delta: number): Electrolyte {
  const d = defectSystemOf(e).defects.find((x) => x.name === defect);
  if (!d) throw new PotmapError(`has no defect ${defect}`, { field: `${e.id}.defects`, value: defect });
  const input = findInput(electrolyteInputs(e), `electrolyte.defects[${defect}].chargeStates[q=${charge}].energy`);
  if (!input) throw new PotmapError(`has no charge state ${charge}`, { field: `${e.id}.${defect}`, value: charge });
  const out = input.with(input.value + delta);
  out.id = `${e.id} (${defect}(${charge > 0 ? "+" : ""}${charge}) ${delta >= 0 ? "+" : ""}${delta} eV)`;
  return out;
}

/** A copy of `e` with its scissor shift increased by `delta` eV (eq. 4: the CBM moves up). */
export function withScissorShift(e: Electrolyte, delta: number): Electrolyte {
  const input = findInput(electrolyteInputs(e), "electrolyte.scissor")!;
  return input.with(input.value + delta);
}

/** A copy of an electrolyte or cathode state with its IP raised by `delta` eV. */
export function withIonizationPotentialShift<T extends Electrolyte | CathodeState>(x: T, delta: number): T {
  const inputs = (x.role === "electrolyte" ? electrolyteInputs(x) : cathodeStateInputs(x)) as PhysicalInput<unknown>[];
  const input = inputs.find((i) => i.kind === "ionizationPotential")!;
  return input.with(input.value + delta) as T;
}

/**
 * The quantities a what-if compares: E_F at both edges (eV above the VBM), both jumps (V), the
 * CBM margin above the anode's E_F (eV) and flags. Keys are plain names (course/labels.ts).
 */
export function jumpRow(anode: Anode, e: Electrolyte, cathode: CathodeState, temperature?: number): Row {
  const m = potentialMap(anode, e, cathode, { withoutProfile: true, temperature });
  return {
    fermiLevelAnodeSide: m.fermiLevelAnodeSide,
    fermiLevelCathodeSide: m.fermiLevelCathodeSide,
    dphiAnode: m.dphiAnode,
    dphiCathode: m.dphiCathode,
    cbmAboveAnodeFermi: m.stability.cbmAboveAnodeFermi,
    reducedByAnode: m.stability.reducedByAnode,
    electronLeakageRisk: m.stability.electronLeakageRisk,
  };
}

/** One row per scissor shift (eV) of `e` against `cathode`: electrolyte, scissor (eV) and jumpRow's fields. */
export function scissorRows(anode: Anode, e: Electrolyte, cathode: CathodeState, shifts: readonly number[]): Row[] {
  return shifts.map((s) => ({ electrolyte: e.id, scissor: s, ...jumpRow(anode, withScissorShift(e, s), cathode) }));
}

/** Jumps (V) at each temperature (K) for each electrolyte against each cathode state: dphiAnode, dphiCathode[ID SOC]. */
export function temperatureRows(anode: Anode, electrolytes: readonly Electrolyte[], cathodes: readonly CathodeState[], temperatures: readonly number[]): Row[] {
  const rows: Row[] = [];
  for (const e of electrolytes) {
    for (const T of temperatures) {
      const row: Row = { electrolyte: e.id, temperature: T };
      cathodes.forEach((c, i) => {
        const m = potentialMap(anode, e, c, { temperature: T, withoutProfile: true });
        if (i === 0) row.dphiAnode = m.dphiAnode;
        row[`dphiCathode[${c.id} ${c.soc}]`] = m.dphiCathode;
      });
      rows.push(row);
    }
  }
  return rows;
}

/** Largest minus smallest of a column of rows, per electrolyte (how far a sweep moved it). */
export function spreadByElectrolyte(rows: readonly Row[], column: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of new Set(rows.map((r) => String(r.electrolyte)))) {
    const v = rows.filter((r) => r.electrolyte === id).map((r) => Number(r[column]));
    out[id] = Math.max(...v) - Math.min(...v);
  }
  return out;
}

/** Delta-phi_c (V) of every electrolyte against `cathode` with its IP shifted by each of `shifts` (eV): dphiCathode[shipped IP], dphiCathode[IP +0.2 eV], ... */
export function cathodeIpRows(anode: Anode, electrolytes: readonly Electrolyte[], cathode: CathodeState, shifts: readonly number[]): Row[] {
  return electrolytes.map((e) => {
    const row: Row = { electrolyte: e.id, cathodeState: `${cathode.id} ${cathode.soc}` };
    for (const s of shifts) {
      const label = s === 0 ? "shipped IP" : `IP ${s > 0 ? "+" : ""}${s} eV`;
      row[`dphiCathode[${label}]`] = potentialMap(anode, e, withIonizationPotentialShift(cathode, s), { withoutProfile: true }).dphiCathode;
    }
    return row;
  });
}

/**
 * Ta_Zr-type donors (or any fixed charge) in a Frenkel electrolyte: E_F at 0 V and its change
 * (eV), the closed form kT asinh(D/2c0) (eV), and the jumps (V).
 */
export function dopantRows(anode: Anode, e: Electrolyte, cathodes: readonly CathodeState[], dopants: readonly Dopant[]): Row[] {
  const system = defectSystemOf(e);
  const undoped = solveFermiLevel(system, 0);
  // c0 = [V_Li'] = [Li_i•] undoped at 0 V: the closed form E_F rise is kT asinh(D / 2c0)
  const c0 = undopedVacancyConcentration(e);
  const kT = thermalEnergy(system.temperature);
  return [{ name: "none", charge: 0, concentration: 0 }, ...dopants].map((d) => {
    const doped = d.concentration > 0 ? withDopant(e, d) : e;
    const row: Row = { dopant: d.concentration > 0 ? `${d.name} ${d.concentration.toExponential(2)} cm⁻³` : "none (shipped)" };
    const solution = solveFermiLevel(defectSystemOf(doped), 0);
    const ef = solution.fermiLevel;
    row.fermiLevel = ef;
    row.fermiLevelChange = ef - undoped.fermiLevel;
    row.fermiLevelClosedForm = kT * Math.asinh((d.charge * d.concentration) / (2 * c0));
    // the compensating vacancies' share of their sites: the closed form and the solver assume a
    // dilute population (guards.ts calls it invalid above diluteLimit; interactions are neglected below it too)
    const fraction = solution.defects.find((x) => x.name.startsWith("V_"))?.siteFraction ?? NaN;
    row.vacancySiteFraction = fraction;
    row.diluteVerdict = !(fraction <= 1) ? "above site density" : fraction > diluteLimit ? "dilute limit invalid" : "dilute";
    cathodes.forEach((c, i) => {
      const m = potentialMap(anode, doped, c, { withoutProfile: true });
      if (i === 0) row.dphiAnode = m.dphiAnode;
      row[`dphiCathode[${c.id} ${c.soc}]`] = m.dphiCathode;
    });
    return row;
  });
}

/** Charge density of the undoped Frenkel pair's vacancy at 0 V, cm^-3 (c0 of the closed form). */
export function undopedVacancyConcentration(e: Electrolyte): number {
  const v = solveFermiLevel(defectSystemOf(e), 0).defects.find((d) => d.name.startsWith("V_"));
  if (!v) throw new PotmapError("has no vacancy", { field: e.id, value: "V_*" });
  return -Object.entries(v.charges).reduce((a, [q, c]) => a + Number(q) * c, 0);
}

// colours >= 3:1 on white (figures/palette.ts)
const palette = ["#444444", "#1f77b4", "#2ca02c", "#d62728", "#d55e00", "#800080"];

/** E_F(V) across the window, undoped and with each dopant: the curves shift, the slope stays. */
export function dopantFermiLevelFigure(e: Electrolyte, dopants: readonly Dopant[], label: (d: Dopant) => string, points = 30): PlotlyFigure {
  const voltages = linspace(Math.max(e.window.lower, 0), e.window.upper, points);
  const data = [null, ...dopants].map((d, i) => {
    const system = defectSystemOf(d ? withDopant(e, d) : e);
    return {
      type: "scatter", mode: "lines", name: d ? label(d) : "undoped (shipped record)", x: voltages,
      y: sweepVoltage(system, voltages).map((p) => p.fermiLevel), line: { color: palette[i % palette.length], width: 2.5, dash: d ? "solid" : "dash" },
    };
  });
  return {
    data,
    layout: {
      title: { text: `${e.id}: Fermi level vs voltage with fixed donors (slope kept, curve shifted up)` },
      xaxis: { title: { text: "voltage vs Li/Li⁺ (V)" } },
      yaxis: { title: { text: "E<sub>F</sub> above the VBM (eV)" } },
      legend: { x: 0.98, xanchor: "right", y: 0.98 },
      height: 480,
    },
  };
}

/** E_F (eV) and slope dE_F/dV (eV/V) at each voltage (V vs Li), for a system and its quenched copy. */
export function quenchRows(system: DefectSystem, quenched: DefectSystem, voltages: readonly number[]): Row[] {
  return voltages.map((V) => ({
    voltage: V,
    fermiLevelEquilibrium: solveFermiLevel(system, -V).fermiLevel,
    fermiLevelFrozen: solveFermiLevel(quenched, -V).fermiLevel,
    slopeEquilibrium: fermiLevelSlope(system, V),
    slopeFrozen: fermiLevelSlope(quenched, V),
  }));
}

/** Delta-phi_c against temperature for several electrolytes: the figure and a summary row each. */
export function temperatureSweepStudy(anode: Anode, electrolytes: readonly Electrolyte[], cathode: CathodeState, temperatures: readonly number[], colours: Record<string, string> = {}): { figure: PlotlyFigure; rows: Row[] } {
  const data: PlotlyTrace[] = [];
  const rows: Row[] = [];
  electrolytes.forEach((e, i) => {
    const sweep = temperatureSweep(anode, e, cathode, temperatures);
    const first = sweep[0];
    const last = sweep[sweep.length - 1];
    data.push({ type: "scatter", mode: "lines+markers", name: e.id, x: [...temperatures], y: sweep.map((r) => r.dphiCathode), line: { color: colours[e.id] ?? palette[i % palette.length], width: 2.5 } });
    rows.push({
      electrolyte: e.id, [`dphiCathode[at ${first.temperature} K]`]: first.dphiCathode, [`dphiCathode[at ${last.temperature} K]`]: last.dphiCathode,
      dphiCathodeChange: last.dphiCathode - first.dphiCathode, dphiAnodeChange: last.dphiAnode - first.dphiAnode,
    });
  });
  const figure: PlotlyFigure = {
    data,
    layout: {
      title: { text: `Cathode interface jump vs temperature, Li | SE | ${cathode.id} ${cathode.soc}` },
      xaxis: { title: { text: "temperature (K)" } },
      yaxis: { title: { text: "Δφ<sub>c</sub> (V)" } },
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.2, yanchor: "top" },
      height: 500,
    },
  };
  return { figure, rows };
}

/** P(|Delta-phi_c| < threshold): one row per cathode state, nominal value and probability per electrolyte. */
export function barrierlessProbabilityRows(set: DataSet, mc: MonteCarloResult): Row[] {
  return orderedCathodeStates(set).map((s) => {
    const row: Row = { cathodeState: `${s.id} ${s.soc}` };
    for (const e of orderedElectrolytes(set)) {
      const c = mc.configurations.find((x) => x.electrolyte === e.id && x.cathode === s.id && x.soc === s.soc);
      row[`dphiCathodeNominal[${e.id}]`] = c?.nominal.dphiCathode ?? "n/a";
      row[`pBarrierless[${e.id}]`] = c?.pBarrierless ?? "n/a";
    }
    return row;
  });
}

/** The robust ranking of pairs as rows (median and 5-95 % of the worst |Delta-phi_c| over SOC). */
export function robustRankingRows(mc: MonteCarloResult, top = 10): Row[] {
  return mc.ranking.slice(0, top).map((r) => ({
    rank: r.rank, pair: `${r.electrolyte} / ${r.cathode}`, worstNominal: r.worstNominal ?? "n/a",
    worstMedian: r.worst.p50, worstP5: r.worst.p5, worstP95: r.worst.p95,
    pBarrierlessPerSoc: Object.entries(r.pBarrierless).map(([soc, p]) => `${soc}: ${p === null ? "n/a" : `${(100 * p).toFixed(0)} %`}`).join(", "),
    pAllBarrierless: r.pAllBarrierless, meanRank: r.meanRank,
  }));
}

/** The robust ranking as a dot plot with 5-95 % bars and the unperturbed values. */
export function robustRankingFigure(mc: MonteCarloResult, top = 12): PlotlyFigure {
  const pairs = mc.ranking.slice(0, top);
  const names = pairs.map((r) => `${r.electrolyte} / ${r.cathode}`);
  return {
    data: [
      {
        type: "scatter", mode: "markers", name: "median over samples, bar = 5–95 %", x: pairs.map((r) => r.worst.p50), y: names, marker: { size: 10, color: "#1f77b4" },
        error_x: { type: "data", symmetric: false, array: pairs.map((r) => r.worst.p95 - r.worst.p50), arrayminus: pairs.map((r) => r.worst.p50 - r.worst.p5), color: "#1f77b4" },
      },
      { type: "scatter", mode: "markers", name: "unperturbed inputs", x: pairs.map((r) => r.worstNominal), y: names, marker: { size: 10, symbol: "x", color: "#d62728" } },
    ],
    layout: {
      title: { text: `Robust ranking of electrolyte / cathode pairs (${mc.samples} samples, seed ${mc.seed})` },
      xaxis: { title: { text: "worst |Δφ<sub>c</sub>| over the states of charge (V)" }, rangemode: "tozero" },
      yaxis: { title: { text: "pair (best on top)" }, type: "category", autorange: "reversed" },
      shapes: [{ type: "line", xref: "x", yref: "paper", x0: mc.threshold, x1: mc.threshold, y0: 0, y1: 1, line: { color: "#555", dash: "dot" } }],
      annotations: [{ xref: "x", yref: "paper", x: mc.threshold, y: 1.0, yanchor: "bottom", text: `${mc.threshold} V`, showarrow: false, font: { size: 11 } }],
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.2, yanchor: "top" },
      margin: { b: 130 },
      height: 600,
    },
  };
}
