/** `potmap table`: dphi_a and dphi_c of every configuration (paper Table 1). */
import type { CommandResult, OptionValues } from "../command";
import type { tableOptions } from "../commands";
import { cathodeStateOption, dataSetOption } from "../cellOptions";
import { DictionaryRow, dictionaryTableWithWarnings } from "../../cell/dictionary";
import { findAnode, orderedElectrolytes } from "../../cell/dataSet";
import { DataSet } from "../../cell/materials";
import { potentialMap } from "../../cell/potentialMap";
import { PotmapWarning } from "../../defects/guards";
import { formatTable, withWarnings } from "../format";
import { filterDataSet } from "../filters";

export function run(options: OptionValues<typeof tableOptions>): CommandResult {
  const read = dataSetOption(options);
  const replaced = read.replaced;
  const set = filterDataSet(read.set, { electrolyte: options.electrolyte, cathode: options.cathode });
  const table = dictionaryTableWithWarnings(set, { temperature: options.temperature, anode: options.anode });
  const { rows, warnings } = options.soc ? withCurveStates(set, table, options.soc, options) : table;
  const text = formatTable(
    ["electrolyte", "cathode", "soc", "ocv (V)", "dphi_a (V)", "dphi_c (V)", "dphi_c hinders"],
    rows.map((r) => [r.electrolyte, r.cathode, r.soc, r.ocv, r.dphiAnode, r.dphiCathode, r.dphiCathode > 0 ? "discharge" : "charge"]),
    2,
  );
  // the JSON stays the array cli.md specifies; the guards go to the text output
  return { json: rows, text: withWarnings(text, warnings), replaced };
}

/**
 * --soc: each cathode's states at these SOCs on its curve (cathodeAt), one row per electrolyte,
 * placed after that cathode's named rows; a SOC that names a state already listed adds nothing.
 */
function withCurveStates(set: DataSet, table: { rows: DictionaryRow[]; warnings: PotmapWarning[] }, socs: string[], options: { temperature?: number; anode: string }) {
  const anode = findAnode(set, options.anode);
  const rows = [...table.rows];
  const warnings = new Map<string, { message: string }>(table.warnings.map((w) => [w.message, w]));
  const add = (list: readonly { message: string }[]) => list.forEach((w) => warnings.has(w.message) || warnings.set(w.message, w));
  for (const electrolyte of orderedElectrolytes(set)) {
    for (const cathode of set.cathodes) {
      for (const soc of socs) {
        const { state, curve } = cathodeStateOption(set, { cathode: cathode.id, soc });
        if (!curve || curve.named) continue;
        const map = potentialMap(anode, electrolyte, state, { temperature: options.temperature, withoutProfile: true });
        add(map.warnings);
        add(curve.warnings.map((message) => ({ message })));
        const row = { electrolyte: map.electrolyte, cathode: map.cathode, soc: map.soc, dphiAnode: map.dphiAnode, dphiCathode: map.dphiCathode, ocv: map.ocv };
        // after the last row of this electrolyte and cathode
        let at = -1;
        rows.forEach((r, i) => r.electrolyte === row.electrolyte && r.cathode === row.cathode && (at = i));
        rows.splice(at + 1, 0, row);
      }
    }
  }
  return { rows, warnings: [...warnings.values()] };
}
