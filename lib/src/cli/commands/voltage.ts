/**
 * `potmap voltage --entries FILE --lithiated A --delithiated B --json`
 * (cli.md): average voltage of B + (a-b) Li -> A (paper eq. 3).
 */
import { averageVoltage } from "../../thermo/averageVoltage";
import type { CommandResult, OptionValues } from "../command";
import type { voltageOptions } from "../commands";
import { readPhaseEntries } from "../../io/phaseEntries";
import { describeEntry } from "../../thermo/phaseEntry";
import { withWarnings } from "../format";
import { voltageRangeWarnings } from "../voltageRange";

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
  const warnings = voltageRangeWarnings([{ what: "the voltage", value: v.voltage }], file);
  return { json: { voltage: v.voltage, lithiated, delithiated, ...(warnings.length ? { warnings } : {}) }, text: withWarnings(text, warnings) };
}
