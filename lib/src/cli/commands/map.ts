/** `potmap map`: one potential map, anode | electrolyte | cathode at a state of charge. */
import type { CommandResult, OptionValues } from "../command";
import type { mapOptions } from "../commands";
import { cellOption } from "../cellOptions";
import { formatNumber, formatTable, withWarnings } from "../format";
import { potentialMap, PotentialMap } from "../../cell/potentialMap";
import { formatLength } from "../../spaceCharge/screening";

export function run(options: OptionValues<typeof mapOptions>): CommandResult {
  const { anode, electrolyte, cathode, replaced, curve } = cellOption(options);
  // --thickness in um, the map in m
  const map = potentialMap(anode, electrolyte, cathode, { temperature: options.temperature, points: options.points, thickness: options.thickness * 1e-6 });
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
    ...electrolyteLines(map),
  ].join("\n");
  if (!curve) return { json: map, text: withWarnings(text, map.warnings), replaced };
  // a state placed on the cathode's curve: say where, with both voltages and the rule
  const where = `${map.cathode} on its curve: SOC ${Number(curve.soc.toFixed(2))}%, x = ${Number(curve.lithium.toFixed(4))}${curve.named ? ` (the named state ${cathode.soc})` : " (interpolated)"}; OCV ${f(curve.averageVoltage)} V (eq. 3 average, used), local OCV ${f(curve.localVoltage)} V (its hull step)`;
  const json = { ...map, curve: { soc: curve.soc, lithium: curve.lithium, named: curve.named, averageVoltage: curve.averageVoltage, localVoltage: curve.localVoltage, rule: curve.rule } };
  return { json, text: withWarnings(`${where}\n${curve.named ? "" : `rule: ${curve.rule}\n`}${text}`, [...curve.warnings.map((message) => ({ message })), ...map.warnings]), replaced };
}

/** The electrolyte at both contacts: conduction class and screening length. */
function electrolyteLines(map: PotentialMap): string[] {
  const lines: string[] = [];
  if (map.conduction) {
    const c = (side: typeof map.conduction.anodeSide) =>
      Number.isNaN(side.ratio) ? side.conductionClass : `${side.conductionClass} (sigma_e ${side.electronicConductivity.toExponential(2)} S/cm, ${side.ratio.toExponential(2)} x sigma_ion)`;
    lines.push(`${map.electrolyte} conduction: anode side ${c(map.conduction.anodeSide)}; cathode side ${c(map.conduction.cathodeSide)}`);
    lines.push(`  criterion: ${map.conduction.anodeSide.criterion}`);
  }
  if (map.screening) {
    const s = map.screening;
    lines.push(
      `${map.electrolyte} screening length (Debye, eps ${s.epsilon}): ${formatLength(s.anodeSide.debyeLength)} at the anode side (${s.anodeSide.chargedDefects.toExponential(2)} cm^-3 charged defects), ` +
        `${formatLength(s.cathodeSide.debyeLength)} at the cathode side (${s.cathodeSide.chargedDefects.toExponential(2)} cm^-3); film ${formatLength(s.thickness)}: ${s.neutralBulk ? "bulk neutral" : "bulk neutrality does not hold"}`,
    );
  } else if (map.conduction) {
    lines.push(`${map.electrolyte} screening length: not computed (the record has no dielectricConstant)`);
  }
  return lines;
}
