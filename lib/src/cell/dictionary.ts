/**
 * The paper's "dictionary": every anode x electrolyte x cathode-state configuration.
 */
import { DataSet } from "./materials";
import { findAnode, orderedCathodeStates, orderedElectrolytes } from "./dataSet";
import { MapOptions, potentialMap, PotentialMap } from "./potentialMap";
import { PotmapWarning, uniqueWarnings } from "../defects/guards";
import { checkDataSetShape } from "./checkArguments";

export interface DictionaryRow {
  electrolyte: string;
  cathode: string;
  soc: string;
  dphiAnode: number;
  dphiCathode: number;
  ocv: number;
}

/** All maps with the given anode (default Li). */
export function potentialDictionary(set: DataSet, options: MapOptions & { anode?: string } = {}): PotentialMap[] {
  checkDataSetShape(set);
  const anode = findAnode(set, options.anode ?? "Li");
  const maps: PotentialMap[] = [];
  for (const electrolyte of orderedElectrolytes(set)) {
    for (const state of orderedCathodeStates(set)) maps.push(potentialMap(anode, electrolyte, state, options));
  }
  return maps;
}

/** The table of interface jumps (paper Table 1 plus dphi_a), one row per configuration. */
export function dictionaryTable(set: DataSet, options: MapOptions & { anode?: string } = {}): DictionaryRow[] {
  return dictionaryTableWithWarnings(set, options).rows;
}

/** dictionaryTable and the distinct guard warnings of its maps (potentialMap's `warnings`). */
export function dictionaryTableWithWarnings(set: DataSet, options: MapOptions & { anode?: string } = {}): { rows: DictionaryRow[]; warnings: PotmapWarning[] } {
  const maps = potentialDictionary(set, { ...options, withoutProfile: true });
  const rows = maps.map((m) => ({
    electrolyte: m.electrolyte,
    cathode: m.cathode,
    soc: m.soc,
    dphiAnode: m.dphiAnode,
    dphiCathode: m.dphiCathode,
    ocv: m.ocv,
  }));
  return { rows, warnings: uniqueWarnings(maps.map((m) => m.warnings)) };
}
