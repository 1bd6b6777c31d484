import { CommandSpec } from "../command";
import { cellOption } from "../cellOptions";
import { formatNumber, formatTable, withWarnings } from "../format";
import { numberOption } from "../options";
import { potentialMap } from "../../cell/potentialMap";

export const mapCommand: CommandSpec = {
  name: "map",
  summary: "one potential map: anode | electrolyte | cathode at a state of charge",
  options: ["electrolyte", "cathode", "soc", "anode", "temperature", "materials", "points"],
  required: ["electrolyte", "cathode", "soc"],
  run(options) {
    const { anode, electrolyte, cathode } = cellOption(options);
    const map = potentialMap(anode, electrolyte, cathode, {
      temperature: numberOption(options, "temperature", { positive: true }),
      points: numberOption(options, "points", { integer: true, min: 2, max: 100000 }),
    });
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
    return { json: map, text: withWarnings(text, map.warnings) };
  },
};
