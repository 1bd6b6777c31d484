/**
 * Help texts and the command reference (docs/cli.md), generated from the option tables in
 * cli/commands.ts, so what --help says is what the parser does.
 */
import { CommandSpec, OptionSpec } from "./command";
import { commands } from "./commands";
import { describeRange } from "../core/validation";

const globalOptions: readonly OptionSpec[] = [
  { name: "json", type: "switch", meaning: "print one JSON document on stdout instead of a readable table" },
  { name: "help", type: "switch", meaning: "show this help and exit" },
];

function placeholder(o: OptionSpec): string {
  if (o.placeholder) return o.placeholder;
  switch (o.type) {
    case "number":
      // a plain unit reads well as the value's name: --temperature K, --phi0 V
      return o.unit && /^[A-Za-z]+$/.test(o.unit) ? o.unit : "NUMBER";
    case "integer":
      return "N";
    case "enum":
      return (o.values ?? []).join("|");
    case "list":
      return "A[,B...]";
    default:
      return "TEXT";
  }
}

/** "--temperature NUMBER" or "--json" */
export function optionUsage(o: OptionSpec): string {
  return o.type === "switch" ? `--${o.name}` : `--${o.name} ${placeholder(o)}`;
}

function defaultWords(o: OptionSpec): string | undefined {
  if (o.defaultText !== undefined) return o.defaultText;
  if (o.default === undefined) return undefined;
  const value = Array.isArray(o.default) ? o.default.join(",") : String(o.default);
  return o.unit && typeof o.default === "number" ? `${value} ${o.unit}` : value;
}

/** The value an option takes, in words: "a number > 0 K", "one of auto, on, off". */
export function optionValueWords(o: OptionSpec): string {
  switch (o.type) {
    case "number":
    case "integer":
      return describeRange({ min: o.min, max: o.max, exclusiveMin: o.exclusiveMin, exclusiveMax: o.exclusiveMax, integer: o.type === "integer", unit: o.unit });
    case "enum":
      return `one of ${(o.values ?? []).join(", ")}`;
    case "list":
      return "comma-separated";
    case "switch":
      return "switch";
    default:
      return "text";
  }
}

/** One line of details: value, required or default. */
function details(o: OptionSpec): string {
  const parts = [optionValueWords(o)];
  if (o.required) parts.push("required");
  const d = defaultWords(o);
  if (d !== undefined) parts.push(`default: ${d}`);
  return parts.join("; ");
}

/** `potmap --help`: the commands and a one-line summary each. */
export function usage(list: readonly CommandSpec[] = commands): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    "usage: potmap <command> [options] [--json]",
    "",
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "potmap <command> --help (or potmap help <command>) lists a command's options with their units and defaults.",
  ].join("\n");
}

function usageLine(spec: CommandSpec): string {
  const required = spec.options.filter((o) => o.required).map(optionUsage);
  const optional = spec.options.some((o) => !o.required) ? ["[options]"] : [];
  return `usage: potmap ${[spec.name, ...required, ...optional, "[--json]"].join(" ")}`;
}

/** `potmap <cmd> --help`: usage, summary and every option with meaning, unit and default. */
export function commandHelp(spec: CommandSpec): string {
  const all = [...spec.options, ...globalOptions];
  const width = Math.max(...all.map((o) => optionUsage(o).length));
  const lines: string[] = [usageLine(spec), "", spec.summary, "", "options:"];
  for (const o of all) {
    lines.push(`  ${optionUsage(o).padEnd(width)}  ${o.meaning}`);
    if (o.type !== "switch") lines.push(`  ${"".padEnd(width)}  (${details(o)})`);
  }
  return lines.join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** docs/cli.md: every command and option as Markdown. */
export function cliReference(list: readonly CommandSpec[] = commands): string {
  const out: string[] = [
    "# potmap command reference",
    "",
    "Generated from the option tables in `lib/src/cli/commands.ts` by `node scripts/cliDocs.mjs`;",
    "do not edit by hand (test/cliDocs.test.ts fails when this file and the tables differ).",
    "The contract other tools rely on is `shared/reference/cli.md`.",
    "",
    "Every command also takes `--json` (one JSON document on stdout) and `--help`.",
    "Numbers are plain decimals (`300`, `-1.5`, `2.2e21`); hex, `Infinity` and `NaN` are refused.",
    "",
    ...list.map((c) => `- [\`${c.name}\`](#potmap-${c.name}): ${c.summary}`),
  ];
  for (const spec of list) {
    out.push("", `## potmap ${spec.name}`, "", spec.summary, "", "```", usageLine(spec).replace(/^usage: /, ""), "```", "");
    out.push("| option | value | meaning | default |", "|---|---|---|---|");
    for (const o of spec.options) {
      const value = optionValueWords(o) + (o.required ? ", required" : "");
      out.push(`| \`${cell(optionUsage(o))}\` | ${cell(value)} | ${cell(o.meaning)} | ${cell(defaultWords(o) ?? "")} |`);
    }
  }
  return out.join("\n") + "\n";
}
