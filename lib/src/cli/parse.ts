/**
 * Command-line arguments -> typed, validated options, from a command's option table
 * (cli/commands.ts). Numbers go through core/validation (decimal text only, ranges with
 * units); defaults are filled in from the table; every error names the flag and the value.
 */
import { CommandSpec, OptionSpec } from "./command";
import { PotmapError } from "../core/errors";
import { parseChoice, parseDecimal, checkRange, NumberRange } from "../core/validation";

/** Switches every command takes besides its own options. */
export const globalSwitches = ["json", "help"] as const;

/** "quench-temperature" -> "quenchTemperature" */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** True when the arguments ask for help (--help anywhere), before any other check. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes("--help");
}

function rangeOf(option: OptionSpec): NumberRange {
  return {
    min: option.min,
    max: option.max,
    exclusiveMin: option.exclusiveMin,
    exclusiveMax: option.exclusiveMax,
    integer: option.type === "integer",
    unit: option.unit,
  };
}

/** Items of a list option named twice (NAME=..., NAME:... or NAME; case as typed): refused. */
function refuseRepeatedNames(option: OptionSpec, text: string): void {
  const seen = new Set<string>();
  for (const item of text.split(",")) {
    const name = item.split(/[=:]/)[0].trim();
    if (name === "") continue;
    if (seen.has(name)) throw new PotmapError(`names ${name} twice: give each name once`, { field: `--${option.name}`, value: text });
    seen.add(name);
  }
}

/** The value of one option from its text, checked against its declaration. */
export function optionValue(option: OptionSpec, text: string): number | string | string[] {
  const where = { field: `--${option.name}` };
  if (option.uniqueKeys) refuseRepeatedNames(option, text);
  switch (option.type) {
    case "number":
    case "integer":
      return checkRange(parseDecimal(text, where), where, rangeOf(option), text);
    case "enum":
      return parseChoice(text, option.values ?? [], where);
    case "list": {
      const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
      if (items.length === 0) throw new PotmapError("needs at least one comma-separated item", { ...where, value: text });
      return items;
    }
    case "string":
      if (text === "") throw new PotmapError("needs a value", where);
      return text;
    case "switch":
      throw new PotmapError("is a switch and takes no value", { ...where, value: text });
  }
}

/**
 * Parse `--name value`, `--name=value` and switches into `{ camelCaseName: value }`, then
 * check required options and fill in defaults. Unknown flags and stray words fail.
 */
export function parseOptions(argv: readonly string[], spec: CommandSpec): Record<string, unknown> {
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  const given = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // the command's positional option as its first bare word (potmap new electrolyte)
    if (i === 0 && spec.positional && !arg.startsWith("-")) {
      given.set(spec.positional, arg);
      continue;
    }
    if (!arg.startsWith("--")) throw new PotmapError(`unexpected argument for "${spec.name}"`, { field: "arguments", value: arg });
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const option = byName.get(name);
    const isSwitch = (globalSwitches as readonly string[]).includes(name) || option?.type === "switch";
    if (!option && !isSwitch) {
      const known = [...spec.options.map((o) => "--" + o.name), "--json", "--help"].join(", ");
      throw new PotmapError(`unknown option for "${spec.name}" (known: ${known}); potmap ${spec.name} --help explains them`, { field: `--${name}` });
    }
    if (given.has(name)) throw new PotmapError("is given twice", { field: `--${name}` });
    if (isSwitch) {
      if (eq !== -1) throw new PotmapError("is a switch and takes no value", { field: `--${name}`, value: arg.slice(eq + 1) });
      given.set(name, true);
    } else if (eq !== -1) {
      given.set(name, arg.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      // a negative number is a value, not a flag
      if (next === undefined || (next.startsWith("--") && !/^--?\d/.test(next))) {
        throw new PotmapError("needs a value", { field: `--${name}` });
      }
      given.set(name, next);
      i++;
    }
  }
  const options: Record<string, unknown> = { json: given.has("json") };
  for (const option of spec.options) {
    const key = camelCase(option.name);
    const text = given.get(option.name);
    if (option.type === "switch") options[key] = text === true;
    else if (text !== undefined) options[key] = optionValue(option, text as string);
    else if (option.required) throw new PotmapError(`is required by "${spec.name}"`, { field: `--${option.name}` });
    else if (option.default !== undefined) options[key] = Array.isArray(option.default) ? [...option.default] : option.default;
  }
  return options;
}
