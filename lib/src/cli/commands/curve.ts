/**
 * `potmap curve --electrolyte E --cathode C`: dphi_c, dphi_a, OCV and local OCV over C's whole
 * state-of-charge curve (cell/dphiCurve.ts), the named states marked; --csv and --figure
 * written all or nothing (cli/files.ts). The figure draws the paper's Table 1 dphi_c beside the
 * named states where data/published.json prints one.
 */
import * as fs from "fs";
import * as path from "path";
import type { CommandResult, OptionValues } from "../command";
import type { curveOptions } from "../commands";
import { dataSetOption } from "../cellOptions";
import { writeOutputs } from "../files";
import { formatTable, withWarnings } from "../format";
import { findAnode, findCathodeState, findElectrolyte } from "../../cell/dataSet";
import { dphiAlongCurve, DphiCurve } from "../../cell/dphiCurve";
import { figureToJSON, withDefaultLayout } from "../../figures/figure";
import { dphiCurveFigure, PublishedPoint } from "../../figures/curveFigure";
import { builtinMaterialsFolder } from "../../io/readMaterials";

/** Table 1 rows of this electrolyte and cathode, when data/published.json is there (the repository or the package). */
function publishedPoints(electrolyte: string, cathode: string): PublishedPoint[] {
  const file = path.join(builtinMaterialsFolder(), "..", "published.json");
  if (!fs.existsSync(file)) return [];
  const rows = (JSON.parse(fs.readFileSync(file, "utf8")).table1?.rows ?? []) as { cathode: string; electrolyte: string; soc: string; dphiCathode: number }[];
  return rows.filter((r) => r.cathode === cathode && r.electrolyte === electrolyte && Number.isFinite(r.dphiCathode)).map((r) => ({ soc: r.soc, dphiCathode: r.dphiCathode }));
}

function csvOf(curve: DphiCurve): string {
  const head = "soc_percent,lithium,named,ocv_V,local_voltage_V,dphi_anode_V,dphi_cathode_V,fermi_level_cathode_side_eV,warnings";
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = curve.points.map((p) =>
    [p.soc, p.lithium, p.named ?? "", p.ocv, p.localVoltage, p.dphiAnode, p.dphiCathode, p.fermiLevelCathodeSide, quote(p.warnings.map((w) => w.message).join("; "))].join(","),
  );
  return [head, ...rows].join("\n") + "\n";
}

export function run(options: OptionValues<typeof curveOptions>): CommandResult {
  const { set, replaced } = dataSetOption(options);
  const anode = findAnode(set, options.anode);
  const electrolyte = findElectrolyte(set, options.electrolyte);
  findCathodeState(set, options.cathode, "0%"); // an unknown id fails with the known ones
  const cathode = set.cathodes.find((c) => c.id.toLowerCase() === options.cathode.trim().toLowerCase())!;
  const curve = dphiAlongCurve(anode, electrolyte, cathode, options.points, { temperature: options.temperature });

  const outputs = [];
  if (options.csv) outputs.push({ file: options.csv, text: csvOf(curve), flag: "--csv" });
  if (options.figure) {
    const figure = dphiCurveFigure(curve, publishedPoints(curve.electrolyte, curve.cathode));
    outputs.push({ file: options.figure, text: JSON.stringify(figureToJSON(withDefaultLayout(figure))) + "\n", flag: "--figure" });
  }
  writeOutputs(outputs, options.materials ?? []);

  const lines = [
    `${curve.anode} | ${curve.electrolyte} | ${curve.cathode} over its state-of-charge curve (x = Li per ${curve.host})`,
    `rule: ${curve.rule}`,
    "",
    formatTable(
      ["SOC (%)", "x", "state", "OCV (V)", "local OCV (V)", "dphi_a (V)", "dphi_c (V)", "E_F at cathode side (eV)"],
      curve.points.map((p) => [p.soc, p.lithium, p.named ?? "", p.ocv, p.localVoltage, p.dphiAnode, p.dphiCathode, p.fermiLevelCathodeSide]),
      3,
    ),
  ];
  if (options.csv) lines.push(`CSV written to ${options.csv}`);
  if (options.figure) lines.push(`figure written to ${options.figure}`);
  // each point carries its warnings in the JSON; the text lists each distinct one once
  const seen = new Map<string, { message: string }>();
  for (const p of curve.points) for (const w of p.warnings) if (!seen.has(w.message)) seen.set(w.message, w);
  return { json: curve, text: withWarnings(lines.join("\n"), [...seen.values()]), replaced };
}
