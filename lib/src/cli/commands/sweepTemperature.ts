/**
 * `potmap sweep-temperature`: the interface jumps and the electrolyte's Fermi levels of one
 * cell at evenly spaced temperatures (--from K --to K --count N).
 */
import type { CommandResult, OptionValues } from "../command";
import type { sweepTemperatureOptions } from "../commands";
import { cellOption } from "../cellOptions";
import { PotmapError } from "../../core/errors";
import { formatTable, withWarnings } from "../format";
import { uniqueWarnings } from "../../defects/guards";
import { temperatureRange, temperatureSweep } from "../../whatif/temperature";

export function run(options: OptionValues<typeof sweepTemperatureOptions>): CommandResult {
  const { anode, electrolyte, cathode, replaced } = cellOption(options);
  const { from, to, count } = options;
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
      rows.map((r) => [r.temperature, r.dphiAnode, r.dphiCathode, r.fermiLevelAnodeSide, r.fermiLevelCathodeSide, r.cbmAboveAnodeFermi, String(r.warnings.length)]),
    ),
    "",
    `spread over ${from}-${to} K: dphi_a ${json.spread.dphiAnode.toFixed(3)} V, dphi_c ${json.spread.dphiCathode.toFixed(3)} V`,
  ].join("\n");
  return { json, text: withWarnings(text, json.warnings), replaced };
}
