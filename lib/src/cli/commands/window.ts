/**
 * `potmap window --entries FILE --formula F [--open-element Li] --json`
 * (cli.md): stability window of F against Li from phase entries.
 */
import type { CommandResult, OptionValues } from "../command";
import type { windowOptions } from "../commands";
import { readPhaseEntries } from "../../io/phaseEntries";
import { stabilityWindow } from "../../thermo/stabilityWindow";
import { withWarnings } from "../format";
import { parseFormula } from "../../thermo/formula";
import { voltageRangeWarnings } from "../voltageRange";

const volts = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} V` : "none");
const phases = (list: string[]) => (list.length ? list.join(" + ") : "-");

export async function run(options: OptionValues<typeof windowOptions>): Promise<CommandResult> {
  const { entries: file, formula, openElement } = options;
  parseFormula(formula, { field: "--formula" }); // a bad formula is named by its flag
  const entries = readPhaseEntries(file);
  const found = await stabilityWindow(entries, formula, { openElement, file, openElementField: "--open-element" });
  const w = { ...found, warnings: [...found.warnings, ...voltageRangeWarnings([{ what: "the lower edge", value: found.lower }, { what: "the upper edge", value: found.upper }], file)] };
  // JSON has no Infinity: an edge that does not exist (never releases the
  // open element) is printed as null.
  const json = {
    formula: w.formula,
    lower: w.lower,
    upper: Number.isFinite(w.upper) ? w.upper : null,
    reducedTo: w.reducedTo,
    oxidizedTo: w.oxidizedTo,
    inEntries: w.inEntries,
    // absent when the compound is not among the entries (JSON output holds no null)
    ...(w.energyAboveHull !== null ? { energyAboveHull: w.energyAboveHull } : {}),
    exists: w.exists,
    warnings: w.warnings,
  };
  const text = [
    `Stability window of ${w.formula} against ${openElement} (${file})`,
    `  lower  ${volts(w.lower).padStart(8)}   reduced to   ${phases(w.reducedTo)}`,
    `  upper  ${volts(w.upper).padStart(8)}   oxidized to  ${phases(w.oxidizedTo)}`,
    `  inside the window: ${phases(w.stableAs)}` +
      (w.energyAboveHull !== null ? `  (${(w.energyAboveHull * 1000).toFixed(1)} meV/atom above hull)` : ""),
    `  in the entries: ${w.inEntries ? "yes" : "no"}; window exists: ${w.exists ? "yes" : "no (lower = upper)"}`,
  ].join("\n");
  return { json, text: withWarnings(text, w.warnings) };
}
