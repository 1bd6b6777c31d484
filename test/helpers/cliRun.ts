/**
 * Running one CLI command from a record of flags, as the tests of each command do:
 * { "sc-fermi": "x.dat", json: true } -> ["--sc-fermi", "x.dat", "--json"] -> parsed, run.
 */
import { findCommand, runCommand } from "../../lib/src/cli/main";
import type { CommandResult, CommandSpec } from "../../lib/src/cli/command";
import { parseOptions } from "../../lib/src/cli/parse";

export type Flags = Record<string, string | boolean | undefined>;

export function flagsToArgv(flags: Flags): string[] {
  const argv: string[] = [];
  for (const [name, value] of Object.entries(flags)) {
    if (value === undefined || value === false) continue;
    if (value === true) argv.push(`--${name}`);
    else argv.push(`--${name}=${value}`);
  }
  return argv;
}

export function commandNamed(name: string): CommandSpec {
  const spec = findCommand(name);
  if (!spec) throw new Error(`no command ${name}`);
  return spec;
}

/** Parse the flags with the command's table and run it (rejects with the PotmapError). */
export function runFlags(name: string, flags: Flags): Promise<CommandResult> {
  return runCommand(commandNamed(name), flagsToArgv(flags));
}

/** The names of the options a command requires. */
export function requiredOptions(name: string): string[] {
  return commandNamed(name).options.filter((o) => o.required).map((o) => o.name);
}

/** The typed options a command's run() receives, parsed from flags (throws on bad flags). */
export function parseFlags(name: string, flags: Flags): any {
  return parseOptions(flagsToArgv(flags), commandNamed(name));
}
