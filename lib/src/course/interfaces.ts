/**
 * Course helpers for notebooks 04 (Li interfaces) and 05 (cathode interfaces): the tables
 * those notebooks show, computed with eqs. 3-7, so that the notebook cells stay short and
 * the numbers quoted in their prose can be recomputed by a test.
 */
import { effectiveBandGap } from "../defects/defects";
import * as fs from "fs";
import * as path from "path";
import { PotmapError } from "../core/errors";
import { DataSet, StateOfCharge } from "../cell/materials";
import { findAnode, findCathodeState, findElectrolyte, orderedCathodeStates, orderedElectrolytes } from "../cell/dataSet";
import { potentialMap, PotentialMap } from "../cell/potentialMap";
import { FermiLevelClass } from "../defects/guards";
import type { ConductionClass } from "../defects/conduction";
import { parseFormula } from "../thermo/formula";
import { readRawRecords } from "../io/readRecords";
import { readPhaseEntries } from "../io/phaseEntries";
import { cathodeStateVoltages } from "../calibration/cathodeVoltage";
import { compareTable } from "../calibration/reproduction";
import { PublishedNumbers } from "../calibration/calibrateDataSet";
import { potentialMapGrid } from "../figures/plots";
import { PlotlyFigure } from "../figures/figure";

// ---- notebook 04: the Li side -------------------------------------------------------------

export interface LithiumSideRow {
  electrolyte: string;
  /** Lower edge of the stability window, V vs Li (paper section 3.3). */
  windowLower: number;
  /** Thermodynamics: is the electrolyte stable at mu_Li = 0, i.e. against Li metal? */
  stableAgainstLi: boolean;
  /** Voltage taken up by the grey region on the anode side, V: max(V_low, 0). */
  greyAnode: number;
  /** E_F above the VBM at the anode-side window edge mu_a*, eV. */
  fermiLevel: number;
  fermiLevelClass: FermiLevelClass;
  /** Electronic versus ionic at that edge (defects/conduction.ts): insulating, mixed conductor, degenerate. */
  conductionClass: ConductionClass;
  /** sigma_e / sigma_ion at that edge (NaN without transport data). */
  electronicToIonic: number;
  /** Gap of the electrolyte (record gap plus scissor), eV. */
  gap: number;
  /** CBM above the electrolyte's own E_F at that edge, eV: gap - E_F. */
  cbmAboveOwnFermi: number;
  /** CBM above the Li Fermi level, eV (eq. 4): mu_a* + (gap - E_F). */
  cbmAboveLiFermi: number;
  /** Band alignment: could electrons of Li drop into this CBM (CBM below the Li Fermi level)? */
  electronTransfer: boolean;
}

/**
 * The electrolyte at its anode-side window edge, one row per electrolyte (paper order). The
 * CBM offset splits into the grey-region drop (the window, thermodynamics) and the
 * electrolyte's own CBM - E_F (its defect chemistry): eq. 4 at mu_a* = -max(V_low, 0).
 */
export function lithiumSideRows(set: DataSet, anodeId = "Li"): LithiumSideRow[] {
  const anode = findAnode(set, anodeId);
  // the anode side does not depend on the cathode; any state whose OCV overlaps every window will do
  const cathode = orderedCathodeStates(set)[0];
  if (!cathode) throw new PotmapError("the data set has no cathode state", { field: "cathodes" });
  return orderedElectrolytes(set).map((e) => {
    const m = potentialMap(anode, e, cathode, { withoutProfile: true });
    const gap = effectiveBandGap(e);
    return {
      electrolyte: e.id,
      windowLower: e.window.lower,
      stableAgainstLi: e.window.lower <= 0,
      greyAnode: -m.muAnodeSide,
      fermiLevel: m.fermiLevelAnodeSide,
      fermiLevelClass: m.fermiLevelClassAnodeSide,
      conductionClass: m.conduction?.anodeSide.conductionClass ?? "unknown",
      electronicToIonic: m.conduction?.anodeSide.ratio ?? NaN,
      gap,
      cbmAboveOwnFermi: gap - m.fermiLevelAnodeSide,
      cbmAboveLiFermi: m.stability.cbmAboveAnodeFermi,
      electronTransfer: m.stability.reducedByAnode,
    };
  });
}

// ---- notebook 05: Table 1, the OCVs, the grids ----------------------------------------------

/**
 * The Table 1 columns the cathode IPs were fitted to (least squares per state, scripts/
 * calibrate.mjs `ipColumns`; each cathode record's IP says so in its `calibrated` text). The
 * LPO column, whose mu_c* follows the OCV, is a prediction.
 */
export const fittedTableColumns: readonly string[] = ["LiPON", "LLZO", "LPS"];

/**
 * Table 1 as the paper prints it: one row per cathode state (cathode, soc, ocv in V), one
 * dphi_c column per electrolyte, keyed "dphiCathode[LLZO]" (V); withLabels gives the display labels.
 */
export function table1Wide(set: DataSet, anodeId = "Li"): Record<string, string | number>[] {
  const anode = findAnode(set, anodeId);
  const electrolytes = orderedElectrolytes(set);
  return orderedCathodeStates(set).map((s) => {
    const row: Record<string, string | number> = { cathode: s.id, soc: s.soc, ocv: s.ocv };
    for (const e of electrolytes) row[`dphiCathode[${e.id}]`] = potentialMap(anode, e, s, { withoutProfile: true }).dphiCathode;
    return row;
  });
}

export type EntryRole = "fitted" | "predicted, printed" | "predicted, not printed" | "inconsistent";

export interface Table1Entry {
  electrolyte: string;
  cathode: string;
  soc: string;
  model: number;
  printed: number | null;
  difference: number | null;
  role: EntryRole;
}

/**
 * Every configuration next to the printed Table 1, with what the entry can test: "fitted"
 * (a column the cathode IPs were fitted to), "predicted, printed" (an out-of-sample test:
 * the LPO column), "predicted, not printed", "inconsistent" (printed, but off the structure
 * of the rest of the table; excluded from the fit).
 */
export function table1Entries(
  set: DataSet,
  published: PublishedNumbers & { inconsistent: { cathode: string; electrolyte: string; soc: string }[] },
  fitted: readonly string[] = fittedTableColumns,
): Table1Entry[] {
  return compareTable(set, published).map((r) => ({
    electrolyte: r.electrolyte,
    cathode: r.cathode,
    soc: r.soc,
    model: r.dphiCathode,
    printed: r.published,
    difference: r.difference,
    role: r.status === "inconsistent" ? "inconsistent" : r.published === null ? "predicted, not printed" : fitted.includes(r.electrolyte) ? "fitted" : "predicted, printed",
  }));
}

/** Per role: entries, and rms and largest |model - printed| where printed (V). */
export function table1Summary(entries: readonly Table1Entry[]): { role: EntryRole; entries: number; rms: number | null; largest: number | null }[] {
  const roles: EntryRole[] = ["fitted", "predicted, printed", "predicted, not printed", "inconsistent"];
  return roles.map((role) => {
    const mine = entries.filter((e) => e.role === role);
    const d = mine.flatMap((e) => (e.difference === null ? [] : [e.difference]));
    return {
      role,
      entries: mine.length,
      rms: d.length ? Math.sqrt(d.reduce((a, x) => a + x * x, 0) / d.length) : null,
      largest: d.length ? Math.max(...d.map(Math.abs)) : null,
    };
  });
}

export interface CathodeVoltageRow {
  cathode: string;
  soc: StateOfCharge;
  formula: string;
  /** The data set's OCV: eq. 3 averaged from the state to the Li-free reference, V. */
  ocv: number;
  /** That eq. 3 reaction, e.g. "LiCoO2 → CoO2". */
  averageOver: string;
  /** The local OCV at this state: the voltage of the hull segment on its delithiated side, V. */
  localOcv: number;
  /** That hull segment, e.g. "LiCoO2 → Li0.5CoO2". */
  segment: string;
  /** Is the state's phase a vertex of the convex hull of the cathode's phases? */
  onHull: boolean;
  /** Its energy above the hull segment, meV per formula unit (0 on the hull). */
  aboveHull: number;
}

/** Folders where a phase-entries file may be: the given one, then shared/data/phase-entries in or above the records' folder. */
function entriesFile(name: string, recordsFolder: string, given?: string): string {
  const folders = given ? [given] : [];
  for (let f = path.resolve(recordsFolder); ; f = path.dirname(f)) {
    folders.push(path.join(f, "shared", "data", "phase-entries"));
    if (path.dirname(f) === f) break;
  }
  const found = folders.map((f) => path.join(f, name)).find((f) => fs.existsSync(f));
  if (!found) throw new PotmapError(`phase-entries file not found (looked in ${folders.join(", ")})`, { field: "voltageReaction.entries", value: name });
  return found;
}

/** Li per formula unit (of the formula part of FORMULA@SPACEGROUP); null for no composition (the "+" states' LidMn2O4). */
const lithiumOf = (formula: string): number | null => {
  try {
    return parseFormula(formula.split("@")[0], { field: "formula" }).Li ?? 0;
  } catch {
    return null;
  }
};

/**
 * Average (eq. 3) against local OCV for every cathode state with a `voltageReaction`,
 * recomputed from the phase entries its record names: the convex hull of the cathode's own
 * phases and the Li-free reference (calibration/cathodeVoltage.ts).
 */
export function cathodeVoltages(materialsFolder: string, entriesFolder?: string): CathodeVoltageRow[] {
  const { records } = readRawRecords(materialsFolder);
  const rows: CathodeVoltageRow[] = [];
  for (const { record } of records) {
    const r = record as { role?: string; id?: string; states?: Array<Record<string, any>> };
    if (r.role !== "cathode" || !r.states) continue;
    const states = r.states.filter((s) => s.voltageReaction);
    if (states.length === 0) continue;
    const reference: string[] | undefined = states.map((s) => s.voltageReaction.delithiated as string[]).find((d) => d.every((f) => lithiumOf(f) === 0));
    if (!reference) throw new PotmapError("no Li-free reference among the voltage reactions", { file: `${r.id}.json`, field: "voltageReaction.delithiated" });
    const phases = new Set<string>();
    for (const s of states) {
      phases.add(s.voltageReaction.lithiated);
      if ((lithiumOf(s.formula) ?? 0) > 0) phases.add(s.formula);
    }
    const entries = readPhaseEntries(entriesFile(states[0].voltageReaction.entries, materialsFolder, entriesFolder));
    const xs = states.map((s) => (s.soc === "+" ? 0 : lithiumOf(s.formula) ?? NaN));
    cathodeStateVoltages(entries, [...phases], reference, xs).forEach((v, i) => {
      const s = states[i];
      rows.push({
        cathode: r.id!,
        soc: s.soc,
        formula: s.formula,
        ocv: v.voltage,
        averageOver: `${v.lithiated} → ${v.delithiated.join(" + ")}`,
        localOcv: v.segmentVoltage,
        segment: `${v.segmentLithiated} → ${v.segmentDelithiated.join(" + ")}`,
        onHull: v.onHull,
        aboveHull: v.aboveHull * 1000,
      });
    });
  }
  const order = orderOf(rows);
  return rows.sort((a, b) => order(a) - order(b));
}

function orderOf(rows: CathodeVoltageRow[]): (r: CathodeVoltageRow) => number {
  const paper = ["LCO", "LNO", "LNCO", "LMO", "LNMO"];
  const socs = ["0%", "100%", "+"];
  const ids = [...new Set(rows.map((r) => r.cathode))].sort((a, b) => (paper.indexOf(a) + 1 || 99) - (paper.indexOf(b) + 1 || 99));
  return (r) => ids.indexOf(r.cathode) * 10 + socs.indexOf(r.soc);
}

/**
 * Width of each grey region of a cell, V: the anode side (window starts above 0 V) and the
 * cathode side (the OCV beyond the window's upper edge), from the map's unstable ranges.
 */
export function greyWidths(m: PotentialMap): { anode: number; cathode: number } {
  const width = (side: "anode" | "cathode") => m.unstable.filter((u) => u.side === side).reduce((a, u) => a + (u.to - u.from), 0);
  return { anode: width("anode"), cathode: width("cathode") };
}

/** Potential maps of Li | electrolyte | cathode, cathodes across, 0% SOC on top and 100% below (the layout of Fig. 5). */
export function cathodeMapGrid(set: DataSet, electrolyteId: string, cathodes: readonly string[] = ["LCO", "LNO", "LNCO", "LMO", "LNMO"], anodeId = "Li"): PlotlyFigure {
  const anode = findAnode(set, anodeId);
  const e = findElectrolyte(set, electrolyteId);
  const maps: PotentialMap[] = [];
  const labels: string[] = [];
  for (const soc of ["0%", "100%"]) {
    for (const c of cathodes) {
      maps.push(potentialMap(anode, e, findCathodeState(set, c, soc)));
      labels.push(`${c} ${soc}`);
    }
  }
  return potentialMapGrid(maps, cathodes.length, `${anode.id} | ${e.id} | cathode: top 0% SOC, bottom 100% SOC`, labels);
}
