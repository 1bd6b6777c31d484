/** `potmap map`: one potential map, anode | electrolyte | cathode at a state of charge. */
import type { CommandResult, OptionValues } from "../command";
import type { mapOptions } from "../commands";
import { cellOption } from "../cellOptions";
import { formatNumber, formatTable, withWarnings } from "../format";
import { potentialMap } from "../../cell/potentialMap";

export function run(options: OptionValues<typeof mapOptions>): CommandResult {
  const { anode, electrolyte, cathode, replaced } = cellOption(options);
  const map = potentialMap(anode, electrolyte, cathode, { temperature: options.temperature, points: options.points });
  const f = (x: number) => formatNumber(x, 3);
  const text = [
    `${map.anode} | ${map.electrolyte} | ${map.cathode} (SOC ${map.soc}), OCV ${f(map.ocv)} V`,
    `window of ${map.electrolyte}: ${f(map.window.lower)} to ${f(map.window.upper)} V vs Li; stable from mu = ${f(map.muAnodeSide)} to ${f(map.muCathodeSide)} eV`,
    "",
    formatTable(
      ["interface", "dphi (V)", "hinders", "E_F of SE (eV)", "E_F class"],
      [
        [`${map.anode}/${map.electrolyte}`, map.dphiAnode, map.hinders.anode, map.fermiLevelAnodeSide, map.fermiLevelClassAnodeSide],
        [`${map.electrolyte}/${map.cathode}`, map.dphiCathode, map.hinders.cathode, map.fermiLevelCathodeSide, map.fermiLevelClassCathodeSide],
      ],
    ),
    "",
    `SE CBM above the anode Fermi level: ${f(map.stability.cbmAboveAnodeFermi)} eV` +
      (map.stability.reducedByAnode ? " (below it: reduced by the anode)" : map.stability.electronLeakageRisk ? " (< 1 eV: electron leakage / dendrite risk)" : ""),
    `cathode Fermi level above the SE VBM: ${f(map.stability.vbmBelowCathodeFermi)} eV` + (map.stability.oxidizedByCathode ? " (negative: oxidised by the cathode)" : ""),
  ].join("\n");
  return { json: map, text: withWarnings(text, map.warnings), replaced };
}
