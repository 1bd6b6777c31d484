/**
 * `potmap screen`: every anode x electrolyte x cathode state of the built-in set and
 * --materials, pairs ranked by their worst |dphi_c| over the states of charge. A bad record is
 * a failure, not the end of the run: the result carries the failures and main lists them on
 * stderr after the result; the progress bar also goes to stderr, so stdout can be piped.
 */
import type { CommandIO, CommandResult, OptionValues } from "../command";
import type { screenOptions } from "../commands";
import { PotmapError } from "../../core/errors";
import { formatNumber, formatTable, withWarnings } from "../format";
import { checkOutputPaths, writeOutputs } from "../files";
import { lenientDataSetOption } from "../cellOptions";
import { builtinMaterialsFolder } from "../../io/readMaterials";
import { MaterialFailure } from "../../io/readRecords";
import { screen } from "../../whatif/screen";
import { screenCsv, screenJson } from "../../whatif/screenOutput";
import { filterDataSet } from "../filters";
import { pairStability } from "../../whatif/screenStability";

/** The failures as lines for stderr, one per failure. */
export function failureLines(failures: readonly MaterialFailure[]): string[] {
  return failures.map((f) => {
    const where = f.configuration ? `${f.configuration} (${f.file})` : f.file;
    return f.reason.startsWith(f.file) ? f.reason : `${where}: ${f.reason}`;
  });
}

export function run(options: OptionValues<typeof screenOptions>, io: CommandIO): CommandResult {
  const { temperature, threshold, top } = options;
  const csvFile = options.csv;
  const jsonFile = options.jsonOut;
  // what was read: the built-in folder (unless --only), then the --materials entries
  const materials = [...(options.only ? [] : [builtinMaterialsFolder()]), ...(options.materials ?? [])].join(",");

  // refuse an output that is an input before the run, not after it
  const inputs = [...(options.only ? [] : [builtinMaterialsFolder()]), ...(options.materials ?? [])];
  const outputNames = [...(csvFile ? [{ file: csvFile, flag: "--csv" }] : []), ...(jsonFile ? [{ file: jsonFile, flag: "--json-out" }] : [])];
  checkOutputPaths(outputNames, inputs);
  const progress = io.progress(options.progress);
  const start = performance.now();
  const loaded = lenientDataSetOption(options, (done, total) => progress.update(done, total, "files"));
  const readMs = performance.now() - start;
  const set = filterDataSet(loaded.set, { anode: options.anode, electrolyte: options.electrolyte, cathode: options.cathode });
  const screened = screen(set, { temperature, threshold, files: loaded.files, onProgress: (done, total) => progress.update(done, total, "configurations") });
  progress.finish();
  const result = { ...screened, failures: [...loaded.failures, ...screened.failures], readMs };
  // stability of each pair (whatif/screenStability.ts); --stable-only keeps the stable pairs
  const stabilityOf = new Map(result.pairs.map((p) => [p, pairStability(p, set.electrolytes.find((e) => e.id === p.electrolyte), options.maxGrey)]));
  // the counts stay those of the run; pairs and rows shown (text, JSON, CSV) are the stable ones
  const view = { ...result };
  if (options.stableOnly) {
    const kept = result.pairs.filter((p) => stabilityOf.get(p)!.stable);
    const keys = new Set(kept.map((p) => `${p.electrolyte}\u0000${p.cathode}`));
    view.pairs = kept.map((p, i) => Object.assign(p, { rank: i + 1 }));
    view.rows = result.rows.filter((r) => keys.has(`${r.electrolyte}\u0000${r.cathode}`));
  }
  if (result.configurations === 0) {
    const first = result.failures[0];
    throw new PotmapError(
      `no configuration to screen: it needs at least one anode, one electrolyte and one cathode record` + (first ? ` (first failure: ${first.reason})` : ""),
      { field: "--materials", value: materials },
    );
  }
  const json = {
    materials,
    ...screenJson(result),
    pairs: view.pairs.map((p) => ({ ...p, stability: stabilityOf.get(p) })),
    rows: view.rows,
    ...(options.stableOnly ? { stableOnly: { maxGrey: options.maxGrey, pairsLeft: view.pairs.length } } : {}),
    readMs: result.readMs,
  };
  // both or neither (cli/files.ts)
  writeOutputs(
    [...(csvFile ? [{ file: csvFile, text: screenCsv(view), flag: "--csv" }] : []), ...(jsonFile ? [{ file: jsonFile, text: JSON.stringify(json, null, 1) + "\n", flag: "--json-out" }] : [])],
    [...inputs, ...loaded.files.values()],
  );

  const f = (x: number) => formatNumber(x, 3);
  const rate = result.elapsedMs > 0 ? result.configurations / (result.elapsedMs / 1000) : NaN;
  const text = [
    `${result.configurations} configurations (${result.rows.length} computed, ${result.configurations - result.rows.length} failed) in ${f(result.elapsedMs)} ms ` +
      `(${Number.isFinite(rate) ? Math.round(rate) : "n/a"} configurations/s; reading the files took ${f(result.readMs)} ms)`,
    `pairs ranked by their worst |dphi_c| over the states of charge (barrier-less: |dphi_c| < ${result.threshold} V at every SOC)` +
      (result.temperature !== undefined ? `, T = ${result.temperature} K` : ""),
    "",
    formatTable(
      ["rank", "electrolyte", "cathode", "worst |dphi_c| (V)", "at SOC", "dphi_c per SOC (V)", "barrier-less", "grey a/c (V)", "stability flags", "failed SOC", "warnings"],
      view.pairs.slice(0, top).map((p) => [
        String(p.rank),
        p.electrolyte,
        p.cathode,
        p.worstAbsDphiCathode,
        p.worstSoc,
        p.states.map((s) => `${s.soc} ${s.dphiCathode >= 0 ? "+" : ""}${s.dphiCathode.toFixed(2)}`).join(", "),
        p.allBarrierless ? "yes" : "no",
        `${stabilityOf.get(p)!.greyAnode.toFixed(2)}/${stabilityOf.get(p)!.greyCathode.toFixed(2)}`,
        stabilityOf.get(p)!.flags.join("; ") || "none",
        p.failedStates.join(", "),
        p.warnings,
      ]),
    ),
    ...(options.stableOnly ? [`--stable-only: ${view.pairs.length} of ${result.pairs.length} pairs without a band flag and with grey regions up to ${options.maxGrey} V`] : []),
    ...(view.pairs.length > top ? [`... ${view.pairs.length - top} more pairs (--top N, --csv FILE or --json)`] : []),
    ...(result.failures.length ? ["", `${result.failures.length} failures, listed on stderr`] : []),
    ...(csvFile ? [`CSV written to ${csvFile}`] : []),
    ...(jsonFile ? [`JSON written to ${jsonFile}`] : []),
  ].join("\n");
  const n = result.failures.length;
  return {
    json,
    text: withWarnings(text, result.warnings),
    replaced: loaded.replaced,
    failures: { summary: `${n} failure${n === 1 ? "" : "s"} (the rest was computed)`, lines: failureLines(result.failures) },
  };
}
