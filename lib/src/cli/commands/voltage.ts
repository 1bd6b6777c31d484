/**
 * `potmap voltage --entries FILE --lithiated A --delithiated B --json`
 * (cli.md): average voltage of B + (a-b) Li -> A (paper eq. 3).
 */
import { averageVoltage } from "../../thermo/averageVoltage";
import { CliOptions, CommandResult, CommandSpec } from "../command";
import { requiredString as stringOption } from "../options";
import { readPhaseEntries } from "../../io/phaseEntries";
import { describeEntry } from "../../thermo/phaseEntry";

export const voltageCommand: CommandSpec = {
  name: "voltage",
  summary: "Average voltage between a lithiated and a delithiated state from phase entries",
  options: ["entries", "lithiated", "delithiated"],
  required: ["entries", "lithiated", "delithiated"],
  run(options: CliOptions): CommandResult {
    const file = stringOption(options, "entries");
    const lithiated = stringOption(options, "lithiated");
    const delithiated = stringOption(options, "delithiated");
    const entries = readPhaseEntries(file);
    const v = averageVoltage(entries, lithiated, delithiated, { file });
    const text = [
      `Average voltage ${delithiated} + ${Number(v.exchanged.toPrecision(6))} Li -> ${lithiated} (${file})`,
      `  voltage       ${v.voltage.toFixed(3)} V vs Li`,
      `  lithiated     ${describeEntry(v.lithiatedEntry)}  formation energy ${v.lithiatedEntry.energyPerAtom.toFixed(4)} eV/atom`,
      `  delithiated   ${describeEntry(v.delithiatedEntry)}  formation energy ${v.delithiatedEntry.energyPerAtom.toFixed(4)} eV/atom`,
    ].join("\n");
    return { json: { voltage: v.voltage, lithiated, delithiated }, text };
  },
};
