/**
 * The contract between the CLI dispatcher (cli/main.ts) and each command.
 *
 * A command is declared as data in cli/commands.ts: its name, a one-line summary, its
 * options (OptionSpec: name, type, unit, default, allowed values or range, whether
 * required, a one-line meaning) and a loader for its implementation. From that one table
 * come the parser (cli/parse.ts: types and ranges checked, defaults filled in),
 * `potmap <cmd> --help`, `potmap help <cmd>`, `potmap --help` and docs/cli.md (cli/help.ts).
 *
 * The implementation (cli/commands/<name>.ts) exports `run(options, io)`: it receives typed,
 * already-validated options (camelCase keys: --quench-temperature -> quenchTemperature) and
 * returns plain data: `json` is printed with --json, `text` otherwise. Commands never print
 * and never exit; they throw PotmapError on bad input (main turns it into one stderr line),
 * return `failures` for the run that went on without some inputs, and ask `io` for a
 * progress reporter. Only main decides where anything is written.
 *
 * To add a command (e.g. `potmap check`):
 *   1. in cli/commands.ts declare its options, `const checkOptions = [...] as const satisfies
 *      readonly OptionSpec[]`, reusing the shared ones there (materialsOptions, temperature...);
 *   2. add `defineCommand({ name: "check", summary: "...", options: checkOptions,
 *      load: () => import("./commands/check") })` to `commands` where --help should list it;
 *   3. write cli/commands/check.ts exporting
 *      `export function run(options: OptionValues<typeof checkOptions>, io: CommandIO): CommandResult`
 *      (import the option list with `import type`, so --help never loads the implementation);
 *   4. regenerate docs/cli.md: `node scripts/cliDocs.mjs` (test/cliDocs.test.ts checks it).
 */

/** The kinds of option value. `switch` takes no value; `list` is comma-separated. */
export type OptionType = "number" | "integer" | "string" | "enum" | "switch" | "list";

export interface OptionSpec {
  /** The flag without "--". */
  readonly name: string;
  readonly type: OptionType;
  /** One line: what the option means. */
  readonly meaning: string;
  /** Unit of a number ("K", "V", "eV", "cm^-3"). */
  readonly unit?: string;
  /** The value used when the option is absent. */
  readonly default?: number | string | boolean | readonly string[];
  /** The default in words when no constant fits ("each electrolyte record's own"). */
  readonly defaultText?: string;
  /** Allowed values of an enum. */
  readonly values?: readonly string[];
  /** Range of a number or integer. */
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
  readonly required?: boolean;
  /**
   * A comma-separated value whose items are named (NAME=VALUE, NAME:..., or a bare NAME): a
   * name given twice is refused instead of the last silently winning (issue 20).
   */
  readonly uniqueKeys?: boolean;
  /** Word shown for the value in usage lines: FILE, K, ID... (default from the type). */
  readonly placeholder?: string;
}

/** "quench-temperature" -> "quenchTemperature" */
export type CamelCase<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<CamelCase<B>>}` : S;

type ValueOf<S extends OptionSpec> = S["type"] extends "number" | "integer"
  ? number
  : S["type"] extends "switch"
    ? boolean
    : S["type"] extends "list"
      ? string[]
      : S extends { values: readonly (infer V)[] }
        ? V
        : string;

/** Present for sure: required, a switch, or given a default. */
type Certain<S extends OptionSpec> = S extends { required: true } ? true : S extends { type: "switch" } ? true : S extends { default: unknown } ? true : false;

/** The typed options a command's `run` receives, from its option table. */
export type OptionValues<O extends readonly OptionSpec[]> = {
  [S in O[number] as Certain<S> extends true ? CamelCase<S["name"]> : never]: ValueOf<S>;
} & {
  [S in O[number] as Certain<S> extends true ? never : CamelCase<S["name"]>]?: ValueOf<S>;
} & { json: boolean };

/** A progress reporter the CLI layer provides (a bar on a terminal, or nothing). */
export interface Progress {
  update(done: number, total: number, phase?: string): void;
  finish(): void;
}

/** What a command may ask of the CLI layer besides its options. */
export interface CommandIO {
  /** A reporter for a long run; `mode` is the command's --progress value. */
  progress(mode: "auto" | "on" | "off"): Progress;
}

/** The run went on without some inputs: main lists them on stderr after the result. */
export interface CommandFailures {
  /** e.g. "2 failures (the rest was computed)" */
  summary: string;
  lines: string[];
}

/** A built-in material record that a --materials record replaced (io/mergeMaterials.ts). */
export type { Replacement } from "../io/mergeMaterials";
import type { Replacement } from "../io/mergeMaterials";

export interface CommandResult {
  json: unknown;
  text: string;
  /** Exit code after printing the result (default 0); `check` returns 1 when it found errors. */
  exitCode?: number;
  failures?: CommandFailures;
  /** Built-in records replaced by --materials: a line in text, `replaced` in a JSON object. */
  replaced?: Replacement[];
}

export interface CommandModule<O extends readonly OptionSpec[]> {
  run(options: OptionValues<O>, io: CommandIO): CommandResult | Promise<CommandResult>;
}

export interface CommandSpec<O extends readonly OptionSpec[] = readonly OptionSpec[]> {
  name: string;
  /** One line for `potmap --help`. */
  summary: string;
  options: O;
  /** An option that may also be given as the first bare word (`potmap new electrolyte`). */
  positional?: O[number]["name"];
  /** Loads the implementation only when the command runs (help stays fast). */
  load(): Promise<CommandModule<O>>;
}

/** Declare a command; checks at compile time that the implementation takes these options. */
export function defineCommand<O extends readonly OptionSpec[]>(spec: CommandSpec<O>): CommandSpec {
  return spec as unknown as CommandSpec;
}
