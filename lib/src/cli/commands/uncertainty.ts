/**
 * `potmap uncertainty`: Monte Carlo propagation of the inputs' uncertainties (declared in the
 * records, else --sigma KIND=SIGMA,... defaults) to dphi_a and dphi_c of every configuration;
 * P(|dphi_c| < threshold) per state of charge and a ranking of the pairs by the median of
 * their worst |dphi_c| over the samples. Seeded: the same --seed gives the same numbers.
 */
import { CommandSpec } from "../command";
import { PotmapError } from "../../core/errors";
import { formatTable } from "../format";
import { numberOption, stringOption } from "../options";
import { builtinMaterialsFolder } from "../../io/readMaterials";
import { readRawRecords } from "../../io/readRecords";
import { defaultUncertainties, monteCarlo } from "../../whatif/uncertainty";
import { parseUncertaintyMap } from "../../whatif/perturb";

export const uncertaintyCommand: CommandSpec = {
  name: "uncertainty",
  summary: "Monte Carlo over input uncertainties (--samples N --seed S --sigma ionizationPotential=0.1,...): barrier-less probabilities, robust ranking",
  options: ["samples", "seed", "sigma", "threshold", "temperature", "anode", "materials", "top"],
  run(options) {
    const materials = stringOption(options, "materials") ?? builtinMaterialsFolder();
    const sigma = stringOption(options, "sigma");
    const top = numberOption(options, "top", { integer: true, min: 1 }) ?? 10;
    const read = readRawRecords(materials);
    if (read.records.length === 0) {
      throw new PotmapError(`no usable material record${read.failures[0] ? ` (first failure: ${read.failures[0].reason})` : ""}`, { field: "--materials", value: materials });
    }
    const anodeId = stringOption(options, "anode");
    const anodes = read.records.filter((r) => r.record.role === "anode").map((r) => String(r.record.id));
    if (anodeId !== undefined && !anodes.includes(anodeId)) throw new PotmapError(`unknown anode (known: ${anodes.join(", ")})`, { field: "--anode", value: anodeId });
    const result = monteCarlo(read.records, {
      samples: numberOption(options, "samples", { integer: true, min: 1, max: 100000 }) ?? 200,
      seed: numberOption(options, "seed", { integer: true }) ?? 1,
      defaults: sigma === undefined ? undefined : parseUncertaintyMap(sigma, "--sigma"),
      threshold: numberOption(options, "threshold", { positive: true }),
      temperature: numberOption(options, "temperature", { positive: true }),
      anode: anodeId,
    });
    result.inputFailures = read.failures;
    if (read.failures.length) {
      process.stderr.write(
        `potmap uncertainty: ${read.failures.length} file(s) left out:\n${read.failures.map((f) => `  ${f.reason.startsWith(f.file) ? f.reason : `${f.file}: ${f.reason}`}`).join("\n")}\n`,
      );
    }
    const pct = (p: number) => (Number.isFinite(p) ? `${(100 * p).toFixed(0)}%` : "n/a");
    const sigmas = Object.entries(result.uncertainty.defaults).map(([k, v]) => `${k} ${v}`).join(", ");
    const text = [
      `${result.samples} samples, seed ${result.seed}; default one-sigma uncertainties: ${sigmas || "none"}` +
        (sigma === undefined ? ` (built-in: ${Object.entries(defaultUncertainties).map(([k, v]) => `${k} ${v}`).join(", ")}; --sigma to change)` : ""),
      result.uncertainty.note,
      `${result.failedSamples} samples failed entirely, ${result.partialSamples} in part`,
      "",
      `robust ranking: pairs by the median over samples of their worst |dphi_c| over SOC; P = probability that |dphi_c| < ${result.threshold} V`,
      formatTable(
        ["rank", "electrolyte", "cathode", "worst |dphi_c| nominal (V)", "median (V)", "5-95% (V)", "P barrier-less per SOC", "P all SOC", "mean rank"],
        result.ranking.slice(0, top).map((r) => [
          String(r.rank),
          r.electrolyte,
          r.cathode,
          r.worstNominal,
          r.worst.p50,
          `${r.worst.p5.toFixed(2)}-${r.worst.p95.toFixed(2)}`,
          Object.entries(r.pBarrierless).map(([soc, p]) => `${soc} ${pct(p)}`).join(", "),
          pct(r.pAllBarrierless),
          r.meanRank,
        ]),
      ),
      ...(result.ranking.length > top ? [`... ${result.ranking.length - top} more pairs (--top N or --json)`] : []),
    ].join("\n");
    return { json: result, text };
  },
};
