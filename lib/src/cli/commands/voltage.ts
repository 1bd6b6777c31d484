/**
 * `potmap voltage --entries FILE --lithiated A --delithiated B --json`
 * (cli.md): average voltage of B + (a-b) Li -> A (paper eq. 3).
 */
import { averageVoltage } from "../../thermo/averageVoltage";
import type { CommandResult, OptionValues } from "../command";
import type { voltageOptions } from "../commands";
import { readPhaseEntries } from "../../io/phaseEntries";
import { describeEntry } from "../../thermo/phaseEntry";
import { voltageRangeWarning } from "../../core/ranges";
import { withWarnings } from "../format";

export function run(options: OptionValues<typeof voltageOptions>): CommandResult {
  const { entries: file, lithiated, delithiated } = options;
  const entries = readPhaseEntries(file);
  const v = averageVoltage(entries, lithiated, delithiated, { file });
  const text = [
    `Average voltage ${delithiated} + ${Number(v.exchanged.toPrecision(6))} Li -> ${lithiated} (${file})`,
    `  voltage       ${v.voltage.toFixed(3)} V vs Li`,
    `  lithiated     ${describeEntry(v.lithiatedEntry)}  formation energy ${v.lithiatedEntry.energyPerAtom.toFixed(4)} eV/atom`,
    `  delithiated   ${describeEntry(v.delithiatedEntry)}  formation energy ${v.delithiatedEntry.energyPerAtom.toFixed(4)} eV/atom`,
  ].join("\n");
  // a voltage outside 0-6 V is flagged with the likely slip of the entries (core/ranges.ts)
  const warning = voltageRangeWarning(v.voltage, "the average voltage");
  const warnings = warning ? [warning] : [];
  return { json: { voltage: v.voltage, lithiated, delithiated, ...(warnings.length ? { warnings } : {}) }, text: withWarnings(text, warnings) };
}
