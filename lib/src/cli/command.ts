/**
 * The contract between the CLI dispatcher (cli.ts) and each command module.
 * A command takes parsed options and returns plain data: `json` is printed
 * with --json, `text` otherwise. Commands never print and never exit; they
 * throw PotmapError on bad input and cli.ts turns that into one stderr line.
 */
export type CliOptions = Record<string, string | boolean>;

export interface CommandResult {
  json: unknown;
  text: string;
  /** Exit code after printing the result (default 0); `check` returns 1 when it found errors. */
  exitCode?: number;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Option names (without --) the command accepts, besides --json and --help. */
  options: string[];
  /** Options that must be present. */
  required?: string[];
  run(options: CliOptions): CommandResult | Promise<CommandResult>;
}
