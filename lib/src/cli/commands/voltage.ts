/**
 * `potmap voltage --entries FILE --lithiated A --delithiated B [--profile] --json` (cli.md):
 * average voltage of B + (a-b) Li -> A (paper eq. 3) and, with --profile, every step of the hull
 * voltage profile between them (thermo/voltageProfile.ts). A and B may be formulas,
 * FORMULA@SPACEGROUP or entry ids.
 */
import { averageVoltage } from "../../thermo/averageVoltage";
import { voltageProfile } from "../../thermo/voltageProfile";
import type { CommandResult, OptionValues } from "../command";
import type { voltageOptions } from "../commands";
import { readPhaseEntries } from "../../io/phaseEntries";
import { describeEntry } from "../../thermo/phaseEntry";
import { voltageRangeWarning } from "../../core/ranges";
import { withWarnings } from "../format";

const x = (v: number) => Number(v.toPrecision(6));

export function run(options: OptionValues<typeof voltageOptions>): CommandResult {
  const { entries: file, lithiated, delithiated } = options;
  const entries = readPhaseEntries(file);
  const v = averageVoltage(entries, lithiated, delithiated, { file });
  const lines = [
    `Average voltage ${delithiated} + ${x(v.exchanged)} Li -> ${lithiated} (${file})`,
    `  voltage       ${v.voltage.toFixed(3)} V vs Li (eq. 3 average)`,
    `  lithiated     ${describeEntry(v.lithiatedEntry)}  formation energy ${v.lithiatedEntry.energyPerAtom.toFixed(4)} eV/atom`,
    `  delithiated   ${describeEntry(v.delithiatedEntry)}  formation energy ${v.delithiatedEntry.energyPerAtom.toFixed(4)} eV/atom`,
  ];
  if (!options.profile) {
    // a voltage outside 0-6 V is flagged with the likely slip of the entries (core/ranges.ts)
    const flagged = voltageRangeWarning(v.voltage, "the average voltage");
    const warnings = flagged ? [flagged] : [];
    return { json: { voltage: v.voltage, lithiated, delithiated, ...(warnings.length ? { warnings } : {}) }, text: withWarnings(lines.join("\n"), warnings) };
  }
  const p = voltageProfile(entries, lithiated, delithiated, { file });
  lines.push(`Hull voltage profile, x = Li per ${p.host} (${p.family}):`);
  for (const s of p.steps) lines.push(`  x ${x(s.from)} -> ${x(s.to)}  ${s.voltage.toFixed(3)} V  ${s.lithiated} -> ${s.delithiated}`);
  const above = p.points.filter((q) => q.aboveHull > 1e-9).sort((a, b) => a.aboveHull - b.aboveHull);
  if (above.length) lines.push(`  above the hull (${above.length}; closest first): ${above.slice(0, 5).map((q) => `${q.label} (x ${x(q.lithium)}, +${(1000 * q.aboveHull).toFixed(0)} meV per ${p.host})`).join(", ")}${above.length > 5 ? ", ..." : ""}`);
  const warnings = p.warnings.map((message) => ({ code: "outside-voltage-range" as const, message }));
  const json = {
    voltage: v.voltage,
    lithiated,
    delithiated,
    host: p.host,
    family: p.family,
    steps: p.steps.map((s) => ({ from: s.from, to: s.to, voltage: s.voltage, lithiated: s.lithiated, delithiated: s.delithiated })),
    ...(warnings.length ? { warnings } : {}),
  };
  return { json, text: withWarnings(lines.join("\n"), warnings) };
}
