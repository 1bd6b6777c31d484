import { CommandSpec } from "../command";
import { dataSetOption } from "../cellOptions";
import { dictionaryTableWithWarnings } from "../../cell/dictionary";
import { formatTable, withWarnings } from "../format";
import { numberOption, stringOption } from "../options";

export const tableCommand: CommandSpec = {
  name: "table",
  summary: "dphi_a and dphi_c for every electrolyte x cathode state of the data set (paper Table 1)",
  options: ["temperature", "materials", "anode"],
  run(options) {
    const set = dataSetOption(options);
    const { rows, warnings } = dictionaryTableWithWarnings(set, {
      temperature: numberOption(options, "temperature", { positive: true }),
      anode: stringOption(options, "anode"),
    });
    const text = formatTable(
      ["electrolyte", "cathode", "soc", "ocv (V)", "dphi_a (V)", "dphi_c (V)", "dphi_c hinders"],
      rows.map((r) => [r.electrolyte, r.cathode, r.soc, r.ocv, r.dphiAnode, r.dphiCathode, r.dphiCathode > 0 ? "discharge" : "charge"]),
      2,
    );
    // the JSON stays the array cli.md specifies; the guards go to the text output
    return { json: rows, text: withWarnings(text, warnings) };
  },
};
