#!/usr/bin/env node
/**
 * potmap command line (contract: shared/reference/cli.md). A thin layer: parse flags,
 * run a command, print JSON (--json) or text. Bad input: one line on stderr naming
 * file / field / value, nothing on stdout, exit code 2.
 */
import { CliOptions, CommandSpec } from "./command";
import { commandNames, loadCommand, loadCommands } from "./commands";
import { PotmapError } from "../core/errors";

/** Parse `--name value`, `--name=value` and bare boolean flags. */
export function parseArguments(argv: string[], spec: CommandSpec): CliOptions {
  const options: CliOptions = {};
  const booleans = new Set(["json", "help"]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new PotmapError(`unexpected argument for "${spec.name}"`, { field: "arguments", value: arg });
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!booleans.has(name) && !spec.options.includes(name)) {
      throw new PotmapError(`unknown option for "${spec.name}" (known: ${spec.options.map((o) => "--" + o).join(", ")}, --json)`, { field: `--${name}` });
    }
    if (booleans.has(name)) {
      if (eq !== -1) throw new PotmapError("is a switch and takes no value", { field: `--${name}`, value: arg.slice(eq + 1) });
      options[name] = true;
    } else if (eq !== -1) {
      options[name] = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      // a negative number is a value, not a flag
      if (next === undefined || (next.startsWith("--") && !/^--?\d/.test(next))) {
        throw new PotmapError("needs a value", { field: `--${name}` });
      }
      options[name] = next;
      i++;
    }
  }
  for (const name of spec.required ?? []) {
    if (options[name] === undefined) throw new PotmapError(`is required by "${spec.name}"`, { field: `--${name}` });
  }
  return options;
}

/** The top-level help (loads every command module for its summary). */
export async function usage(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: potmap <command> [options] [--json]",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "potmap <command> --help lists a command's options.",
  ].join("\n");
}

function commandHelp(spec: CommandSpec): string {
  const required = new Set(spec.required ?? []);
  return [
    `usage: potmap ${spec.name} ${spec.options.map((o) => (required.has(o) ? `--${o} VALUE` : `[--${o} VALUE]`)).join(" ")} [--json]`,
    "",
    spec.summary,
  ].join("\n");
}

/** Run the CLI; returns the exit code. Output goes through the given writers (testable). */
export async function main(
  argv: string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
  err: (text: string) => void = (t) => process.stderr.write(t),
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "help") {
    out((await usage()) + "\n");
    return 0;
  }
  if (!name) {
    // a failing exit prints nothing on stdout (cli.md): one line on stderr instead of the usage
    err(`potmap: no command given (known: ${commandNames.join(", ")}); potmap --help lists them\n`);
    return 2;
  }
  const spec = await loadCommand(name);
  if (!spec) {
    err(`potmap: unknown command "${name}" (known: ${commandNames.join(", ")})\n`);
    return 2;
  }
  try {
    const options = parseArguments(rest, spec);
    if (options.help) {
      out(commandHelp(spec) + "\n");
      return 0;
    }
    const result = await spec.run(options);
    out(options.json ? JSON.stringify(result.json, null, 2) + "\n" : result.text + "\n");
    return 0;
  } catch (error) {
    if (error instanceof PotmapError) {
      err(`potmap ${name}: ${error.message.replace(/\s*\n\s*/g, " ")}\n`);
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
