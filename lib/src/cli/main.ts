#!/usr/bin/env node
/**
 * potmap command line (contract: shared/reference/cli.md). A thin layer: find the command in
 * the table (cli/commands.ts), answer --help from the table alone, parse and validate the
 * flags (cli/parse.ts), load and run the command, write its result (cli/output.ts).
 * Bad input: one line on stderr naming file / field / value, nothing on stdout, exit code 2.
 * Only the table and the help texts are imported up front, so `potmap --help` stays fast.
 */
import { CommandResult, CommandSpec } from "./command";
import { commands } from "./commands";
import { commandHelp, usage } from "./help";
import { parseOptions, wantsHelp } from "./parse";
import { progressReporter, terminalSafe, writeResult, Writer } from "./output";
import { PotmapError } from "../core/errors";
import { refuseNonFinite } from "./finiteOutput";

export { usage, commandHelp };

export interface MainOptions {
  /** Whether stderr is a terminal (progress bars redraw in place); default process.stderr's. */
  stderrIsTTY?: boolean;
}

/** The command of that name, if any. */
export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((c) => c.name === name);
}

/**
 * Parse the flags of a command and run it; throws PotmapError on bad input. Progress goes to
 * `err` (nowhere by default). For tests and scripts; main adds the writing.
 */
export async function runCommand(spec: CommandSpec, argv: readonly string[], err: Writer = () => {}, tty = false): Promise<CommandResult & { options: Record<string, unknown> }> {
  const options = parseOptions(argv, spec);
  const module = await spec.load();
  let result: CommandResult;
  try {
    result = await module.run(options as never, { progress: (mode) => progressReporter(`potmap ${spec.name}`, mode, err, tty) });
  } catch (error) {
    throw error instanceof PotmapError ? inFlagWords(error) : error;
  }
  refuseUnsolved(spec.name, result);
  refuseNonFinite(spec.name, result);
  return { ...result, options };
}

/** Library parameters that are flags of the command line (cell/dataSet.ts look-ups). */
const flagOf: Record<string, string> = { anode: "--anode", electrolyte: "--electrolyte", cathode: "--cathode", soc: "--soc" };

/** A library error about a parameter, reworded with the flag the user typed. */
export function inFlagWords(error: PotmapError): PotmapError {
  const flag = error.file === undefined && error.field !== undefined ? flagOf[error.field] : undefined;
  if (!flag) return error;
  return new PotmapError(error.reason, { field: flag, ...(error.value !== undefined ? { value: error.value } : {}) });
}

/** Commands whose runs list failures per configuration and go on (a residual is one of them). */
const lenient = new Set(["screen", "uncertainty", "check"]);

/**
 * A Fermi level whose charge-neutrality residual is above tolerance is not a solution: it is
 * never printed as a result (guards.ts flags it as "neutrality-residual"; here it becomes the
 * error). The message names the condition the guard reported.
 */
export function refuseUnsolved(name: string, result: CommandResult): void {
  if (lenient.has(name)) return;
  const warnings = (result.json as { warnings?: { code?: string; message?: string }[] } | undefined)?.warnings;
  const find = (code: string) => (Array.isArray(warnings) ? warnings.find((w) => w?.code === code) : undefined);
  const unsolved = find("neutrality-residual");
  if (unsolved) {
    throw new PotmapError(`charge neutrality was not reached, so there is no Fermi level to print: ${unsolved.message ?? "residual above tolerance"}`, { field: "neutrality" });
  }
  const outside = find("fermi-level-outside-bands");
  if (outside) throw new PotmapError(`no meaningful Fermi level to print: ${outside.message ?? "E_F far outside the gap"}`, { field: "fermiLevel" });
}

const unknown = (name: string) => `potmap: unknown command "${name}" (known: ${commands.map((c) => c.name).join(", ")})\n`;

/** Run the CLI; returns the exit code. Output goes through the given writers (testable). */
export async function main(
  argv: string[],
  out: Writer = (t) => process.stdout.write(t),
  err: Writer = (t) => process.stderr.write(t),
  options: MainOptions = {},
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || (name === "help" && rest.length === 0)) {
    out(usage() + "\n");
    return 0;
  }
  if (name === "help") {
    const spec = findCommand(rest[0]);
    if (!spec) {
      err(unknown(rest[0]));
      return 2;
    }
    out(commandHelp(spec) + "\n");
    return 0;
  }
  if (!name) {
    // a failing exit prints nothing on stdout (cli.md): one line on stderr instead of the usage
    err(`potmap: no command given (known: ${commands.map((c) => c.name).join(", ")}); potmap --help lists them\n`);
    return 2;
  }
  const spec = findCommand(name);
  if (!spec) {
    err(unknown(name));
    return 2;
  }
  // help before any other check: `potmap map --help` works without the required flags
  if (wantsHelp(rest)) {
    out(commandHelp(spec) + "\n");
    return 0;
  }
  try {
    const tty = options.stderrIsTTY ?? Boolean(process.stderr.isTTY);
    const result = await runCommand(spec, rest, err, tty);
    writeResult(result, result.options.json === true, name, out, err);
    return result.exitCode ?? 0;
  } catch (error) {
    if (error instanceof PotmapError) {
      err(`potmap ${name}: ${terminalSafe(error.message.replace(/\s*\n\s*/g, " "))}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    err(`potmap ${name}: internal error: ${message.replace(/\s*\n\s*/g, " ")} (set POTMAP_DEBUG=1 for details)\n`);
    if (process.env.POTMAP_DEBUG) err(String((error as Error)?.stack) + "\n");
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
