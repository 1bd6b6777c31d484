/**
 * `potmap sensitivity`: which input moves dphi_c of one cell the most (one at a time,
 * --step eV/V, --temperature-step K, --factor for concentrations); --figure FILE writes the
 * tornado figure as Plotly JSON.
 */
import type { CommandResult, OptionValues } from "../command";
import type { sensitivityOptions } from "../commands";
import { cellOption, rawRecordsOption } from "../cellOptions";
import { declaredSigmas } from "../../inputs/recordInputs";
import { writeTextFile } from "../files";
import { figureToJSON, withDefaultLayout } from "../../figures/figure";
import { formatTable } from "../format";
import { sensitivity, sensitivityTornadoFigure } from "../../whatif/sensitivity";

export function run(options: OptionValues<typeof sensitivityOptions>): CommandResult {
  const { anode, electrolyte, cathode, replaced } = cellOption(options);
  const top = options.top;
  const result = sensitivity(anode, electrolyte, cathode, {
    step: options.step,
    temperatureStep: options.temperatureStep,
    factor: options.factor,
    temperature: options.temperature,
    perSigma: options.perSigma,
    // the declared uncertainties are read from the raw records of the same --materials
    declared: options.perSigma ? declaredSigmas(rawRecordsOption(options).records.map((r) => r.record)) : undefined,
  });
  const figureFile = options.figure;
  if (figureFile) writeTextFile(figureFile, JSON.stringify(figureToJSON(withDefaultLayout(sensitivityTornadoFigure(result, { top }))), null, 1) + "\n", "--figure", options.materials ?? []);
  const v = (x: number | null) => (x === null ? "n/a" : `${x >= 0 ? "+" : ""}${x.toFixed(3)}`);
  const text = [
    `${result.anode} | ${result.electrolyte} | ${result.cathode} (SOC ${result.soc}): dphi_c = ${v(result.nominal.dphiCathode)} V, dphi_a = ${v(result.nominal.dphiAnode)} V` +
      (result.temperature !== null ? ` at ${result.temperature} K` : ""),
    ...(result.options.perSigma
      ? [`each input moved by its one sigma: ${result.entries.filter((e) => e.sigmaDeclared).length} declared by their records, the others their kind's default (lib inputs/kinds.ts)`]
      : []),
    "",
    formatTable(
      ["input", "step", "nominal", "change dphi_c, lowered (V)", "raised (V)", "slope (V per unit)", "change dphi_a, raised (V)"],
      result.entries.slice(0, top).map((e) => [e.label, e.step, e.nominal, v(e.low.change), v(e.high.change), e.slope, v(e.high.changeAnode)]),
    ),
    ...(result.entries.length > top ? [`... ${result.entries.length - top} more inputs (--top N or --json)`] : []),
    ...(figureFile ? [`tornado figure written to ${figureFile}`] : []),
  ].join("\n");
  return { json: result, text, replaced };
}
