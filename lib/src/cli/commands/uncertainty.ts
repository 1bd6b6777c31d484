/**
 * `potmap uncertainty`: Monte Carlo propagation of the inputs' uncertainties (declared in the
 * records, else --sigma KIND=SIGMA,... defaults) to dphi_a and dphi_c of every configuration;
 * P(|dphi_c| < threshold) per state of charge and a ranking of the pairs by the median of
 * their worst |dphi_c| over the samples. Seeded: the same --seed gives the same numbers.
 */
import type { CommandResult, OptionValues } from "../command";
import type { uncertaintyOptions } from "../commands";
import { PotmapError } from "../../core/errors";
import { formatTable } from "../format";
import { rawRecordsOption } from "../cellOptions";
import { filterRecords } from "../filters";
import { defaultUncertainties, monteCarlo } from "../../whatif/uncertainty";
import { parseUncertaintyMap } from "../../whatif/perturb";

export function run(options: OptionValues<typeof uncertaintyOptions>): CommandResult {
  const sigma = options.sigma;
  const top = options.top;
  const unfiltered = rawRecordsOption(options);
  const read = { ...unfiltered, records: filterRecords(unfiltered.records, { electrolyte: options.electrolyte, cathode: options.cathode }) };
  if (read.records.length === 0) {
    throw new PotmapError(`no usable material record${read.failures[0] ? ` (first failure: ${read.failures[0].reason})` : ""}`, {
      field: "--materials",
      value: options.materials?.join(",") ?? "(built-in set)",
    });
  }
  const anodeId = options.anode;
  const anodes = read.records.filter((r) => r.record.role === "anode").map((r) => String(r.record.id));
  if (anodeId !== undefined && !anodes.includes(anodeId)) throw new PotmapError(`unknown anode (known: ${anodes.join(", ")})`, { field: "--anode", value: anodeId });
  const result = monteCarlo(read.records, {
    samples: options.samples,
    seed: options.seed,
    defaults: sigma === undefined ? undefined : parseUncertaintyMap(sigma, "--sigma"),
    threshold: options.threshold,
    temperature: options.temperature,
    anode: anodeId,
    independentCathodeStates: options.independentStates,
  });
  result.inputFailures = read.failures;
  const pct = (p: number | null) => (p !== null && Number.isFinite(p) ? `${(100 * p).toFixed(0)}%` : "n/a");
  const guards = Object.entries(result.guardsByElectrolyte).filter(([, g]) => g.nearEdge || g.unphysical);
  const sigmas = Object.entries(result.uncertainty.defaults).map(([k, v]) => `${k} ${v}`).join(", ");
  const text = [
    `${result.samples} samples, seed ${result.seed}; default one-sigma uncertainties: ${sigmas || "none"}` +
      (sigma === undefined ? ` (built-in: ${Object.entries(defaultUncertainties).map(([k, v]) => `${k} ${v}`).join(", ")}; --sigma to change)` : ""),
    result.uncertainty.note,
    `${result.failedSamples} samples failed entirely, ${result.partialSamples} in part; ${result.unphysicalSamples} had a configuration whose guards warned (left out of that configuration's statistics)`,
    ...(guards.length
      ? [
          "guards per electrolyte (samples with some configuration): " +
            guards.map(([e, g]) => `${e} near a band edge ${g.nearEdge} (${pct(g.nearEdge / result.samples)}), at or beyond it ${g.unphysical} (${pct(g.unphysical / result.samples)})`).join("; "),
        ]
      : []),
    ...result.guardReasons.slice(0, 3).map((r) => `  e.g. ${r}`),
    "",
    `robust ranking: pairs by the median over samples of their worst |dphi_c| over SOC; P = probability that |dphi_c| < ${result.threshold} V`,
    formatTable(
      ["rank", "electrolyte", "cathode", "worst |dphi_c| nominal (V)", "median (V)", "5-95% (V)", "P barrier-less per SOC", "P all SOC", "mean rank", "valid samples"],
      result.ranking.slice(0, top).map((r) => [
        String(r.rank),
        r.electrolyte,
        r.cathode,
        r.worstNominal === null ? "n/a" : r.worstNominal,
        r.worst.p50,
        `${r.worst.p5.toFixed(2)}-${r.worst.p95.toFixed(2)}`,
        Object.entries(r.pBarrierless).map(([soc, p]) => `${soc} ${pct(p)}`).join(", "),
        pct(r.pAllBarrierless),
        r.meanRank,
        `${r.validSamples}/${result.samples}`,
      ]),
    ),
    ...(result.ranking.length > top ? [`... ${result.ranking.length - top} more pairs (--top N or --json)`] : []),
    ...(result.unranked.length
      ? [`not ranked (no valid sample): ${result.unranked.map((u) => `${u.electrolyte}/${u.cathode} (${u.unphysicalSamples} unphysical, ${u.failedSamples} failed)`).join(", ")}`, `  ${result.unranked[0].reason}`]
      : []),
  ].join("\n");
  return {
    json: result,
    text,
    replaced: read.replaced,
    failures: {
      summary: `${read.failures.length} file(s) left out`,
      lines: read.failures.map((f) => (f.reason.startsWith(f.file) ? f.reason : `${f.file}: ${f.reason}`)),
    },
  };
}
