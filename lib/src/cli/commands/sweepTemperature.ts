/**
 * `potmap sweep-temperature`: the interface jumps and the electrolyte's Fermi levels of one
 * cell at evenly spaced temperatures (--from K --to K --count N).
 */
import { CommandSpec } from "../command";
import { cellOption } from "../cellOptions";
import { PotmapError } from "../../core/errors";
import { formatTable, withWarnings } from "../format";
import { uniqueWarnings } from "../../defects/guards";
import { numberOption } from "../options";
import { temperatureRange, temperatureSweep } from "../../whatif/temperature";

export const sweepTemperatureCommand: CommandSpec = {
  name: "sweep-temperature",
  summary: "dphi_a, dphi_c and E_F of one cell at --count temperatures from --from to --to (K)",
  options: ["electrolyte", "cathode", "soc", "from", "to", "count", "anode", "materials"],
  required: ["electrolyte", "cathode", "soc"],
  run(options) {
    const { anode, electrolyte, cathode } = cellOption(options);
    const from = numberOption(options, "from", { positive: true }) ?? 250;
    const to = numberOption(options, "to", { positive: true }) ?? 600;
    const count = numberOption(options, "count", { integer: true, min: 1, max: 10000 }) ?? 8;
    if (count === 1 && from !== to) throw new PotmapError("must be at least 2 when --from and --to differ", { field: "--count", value: String(count) });
    const rows = temperatureSweep(anode, electrolyte, cathode, temperatureRange(from, to, count));
    const span = (key: "dphiAnode" | "dphiCathode") => Math.max(...rows.map((r) => r[key])) - Math.min(...rows.map((r) => r[key]));
    const json = {
      anode: anode.id,
      electrolyte: electrolyte.id,
      cathode: cathode.id,
      soc: cathode.soc,
      ocv: cathode.ocv,
      rows,
      spread: { dphiAnode: span("dphiAnode"), dphiCathode: span("dphiCathode") },
      warnings: uniqueWarnings(rows.map((r) => r.warnings)),
    };
    const text = [
      `${anode.id} | ${electrolyte.id} | ${cathode.id} (SOC ${cathode.soc}), OCV ${cathode.ocv.toFixed(3)} V: jumps vs temperature`,
      "",
      formatTable(
        ["T (K)", "dphi_a (V)", "dphi_c (V)", "E_F anode side (eV)", "E_F cathode side (eV)", "CBM - E_F(Li) (eV)", "warnings"],
        rows.map((r) => [r.temperature, r.dphiAnode, r.dphiCathode, r.fermiLevelAnodeSide, r.fermiLevelCathodeSide, r.cbmAboveAnodeFermi, r.warnings.length]),
      ),
      "",
      `spread over ${from}-${to} K: dphi_a ${json.spread.dphiAnode.toFixed(3)} V, dphi_c ${json.spread.dphiCathode.toFixed(3)} V`,
    ].join("\n");
    return { json, text: withWarnings(text, json.warnings) };
  },
};
