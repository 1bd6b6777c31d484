/** `potmap table`: dphi_a and dphi_c of every configuration (paper Table 1). */
import type { CommandResult, OptionValues } from "../command";
import type { tableOptions } from "../commands";
import { dataSetOption } from "../cellOptions";
import { dictionaryTableWithWarnings } from "../../cell/dictionary";
import { formatTable, withWarnings } from "../format";
import { filterDataSet } from "../filters";

export function run(options: OptionValues<typeof tableOptions>): CommandResult {
  const read = dataSetOption(options);
  const replaced = read.replaced;
  const set = filterDataSet(read.set, { electrolyte: options.electrolyte, cathode: options.cathode });
  const { rows, warnings } = dictionaryTableWithWarnings(set, { temperature: options.temperature, anode: options.anode });
  const text = formatTable(
    ["electrolyte", "cathode", "soc", "ocv (V)", "dphi_a (V)", "dphi_c (V)", "dphi_c hinders"],
    rows.map((r) => [r.electrolyte, r.cathode, r.soc, r.ocv, r.dphiAnode, r.dphiCathode, r.dphiCathode > 0 ? "discharge" : "charge"]),
    2,
  );
  // the JSON stays the array cli.md specifies; the guards go to the text output
  return { json: rows, text: withWarnings(text, warnings), replaced };
}
