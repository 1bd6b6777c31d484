/**
 * `potmap screen`: every anode x electrolyte x cathode state of a set of material files,
 * pairs ranked by their worst |dphi_c| over the states of charge. stdout carries only the
 * result (the JSON document with --json, else a table); the progress bar and the list of
 * failures go to stderr, so stdout can be piped.
 */
import * as fs from "fs";
import { CommandSpec } from "../command";
import { PotmapError } from "../../core/errors";
import { formatNumber, formatTable, withWarnings } from "../format";
import { numberOption, stringOption } from "../options";
import { builtinMaterialsFolder } from "../../io/readMaterials";
import { MaterialFailure, screenCsv, screenJson, screenMaterials } from "../../whatif/screen";

/** Write a text file, or fail with one message naming the flag and the file. */
export function writeTextFile(file: string, text: string, flag: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new PotmapError(`cannot write the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file, field: flag });
  }
}

/** The failures as stderr lines, one per failure, after a header. */
export function failureLines(failures: readonly MaterialFailure[], command: string): string {
  if (failures.length === 0) return "";
  const lines = failures.map((f) => {
    const where = f.configuration ? `${f.configuration} (${f.file})` : f.file;
    return `  ${f.reason.startsWith(f.file) ? f.reason : `${where}: ${f.reason}`}`;
  });
  return `potmap ${command}: ${failures.length} failure${failures.length === 1 ? "" : "s"} (the rest was computed):\n${lines.join("\n")}\n`;
}

/** A progress reporter on stderr: a redrawn bar on a terminal, a line per 10% otherwise. */
export function progressReporter(label: string, mode: string): { update(done: number, total: number, phase?: string): void; finish(): void } {
  const tty = Boolean(process.stderr.isTTY);
  const on = mode === "on" || (mode === "auto" && tty);
  let last = 0;
  let lastDecile = -1;
  let drawn = false;
  return {
    update(done, total, phase = "") {
      if (!on || total <= 0) return;
      const fraction = Math.min(1, done / total);
      if (tty) {
        const now = Date.now();
        if (now - last < 100 && done < total) return;
        last = now;
        const width = 30;
        const full = Math.round(fraction * width);
        process.stderr.write(`\r${label} [${"#".repeat(full)}${"-".repeat(width - full)}] ${(100 * fraction).toFixed(0).padStart(3)}% ${phase} ${done}/${total}\u001b[K`);
        drawn = true;
      } else {
        const decile = Math.floor(fraction * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        process.stderr.write(`${label}: ${(100 * fraction).toFixed(0)}% ${phase} (${done}/${total})\n`);
      }
    },
    finish() {
      if (drawn) process.stderr.write("\r\u001b[K");
      drawn = false;
    },
  };
}

export const screenCommand: CommandSpec = {
  name: "screen",
  summary: "screen every anode x electrolyte x cathode state of --materials FOLDER|FILE,... ; pairs ranked by worst |dphi_c| over SOC",
  options: ["materials", "csv", "json-out", "temperature", "threshold", "progress", "top"],
  run(options) {
    const materials = stringOption(options, "materials") ?? builtinMaterialsFolder();
    const csvFile = stringOption(options, "csv");
    const jsonFile = stringOption(options, "json-out");
    const temperature = numberOption(options, "temperature", { positive: true });
    const threshold = numberOption(options, "threshold", { positive: true });
    const top = numberOption(options, "top", { integer: true, min: 1 }) ?? 20;
    const progressMode = stringOption(options, "progress") ?? "auto";
    if (!["auto", "on", "off"].includes(progressMode)) throw new PotmapError("must be auto, on or off", { field: "--progress", value: progressMode });

    const progress = progressReporter("potmap screen", progressMode);
    const result = screenMaterials(materials, {
      temperature,
      threshold,
      onReadProgress: (done, total) => progress.update(done, total, "files"),
      onProgress: (done, total) => progress.update(done, total, "configurations"),
    });
    progress.finish();
    if (result.configurations === 0) {
      const first = result.failures[0];
      throw new PotmapError(
        `no configuration to screen: it needs at least one anode, one electrolyte and one cathode record` + (first ? ` (first failure: ${first.reason})` : ""),
        { field: "--materials", value: materials },
      );
    }
    const json = { materials, ...screenJson(result), readMs: result.readMs };
    if (csvFile) writeTextFile(csvFile, screenCsv(result), "--csv");
    if (jsonFile) writeTextFile(jsonFile, JSON.stringify(json, null, 1) + "\n", "--json-out");
    if (result.failures.length) process.stderr.write(failureLines(result.failures, "screen"));

    const f = (x: number) => formatNumber(x, 3);
    const rate = result.elapsedMs > 0 ? result.configurations / (result.elapsedMs / 1000) : NaN;
    const text = [
      `${result.configurations} configurations (${result.rows.length} computed, ${result.configurations - result.rows.length} failed) in ${f(result.elapsedMs)} ms ` +
        `(${Number.isFinite(rate) ? Math.round(rate) : "n/a"} configurations/s; reading the files took ${f(result.readMs)} ms)`,
      `pairs ranked by their worst |dphi_c| over the states of charge (barrier-less: |dphi_c| < ${result.threshold} V at every SOC)` +
        (result.temperature !== undefined ? `, T = ${result.temperature} K` : ""),
      "",
      formatTable(
        ["rank", "electrolyte", "cathode", "worst |dphi_c| (V)", "at SOC", "dphi_c per SOC (V)", "barrier-less", "failed SOC", "warnings"],
        result.pairs.slice(0, top).map((p) => [
          String(p.rank),
          p.electrolyte,
          p.cathode,
          p.worstAbsDphiCathode,
          p.worstSoc,
          p.states.map((s) => `${s.soc} ${s.dphiCathode >= 0 ? "+" : ""}${s.dphiCathode.toFixed(2)}`).join(", "),
          p.allBarrierless ? "yes" : "no",
          p.failedStates.join(", "),
          p.warnings,
        ]),
      ),
      ...(result.pairs.length > top ? [`... ${result.pairs.length - top} more pairs (--top N, --csv FILE or --json)`] : []),
      ...(result.failures.length ? ["", `${result.failures.length} failures, listed on stderr`] : []),
      ...(csvFile ? [`CSV written to ${csvFile}`] : []),
      ...(jsonFile ? [`JSON written to ${jsonFile}`] : []),
    ].join("\n");
    return { json, text: withWarnings(text, result.warnings) };
  },
};
