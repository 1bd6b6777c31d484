/**
 * Mutation fuzzing of every reader and of the CLI flags (issue "Fast and unbreakable",
 * reliability part). Valid inputs (the built-in materials, the SC-FERMI and phase-entry
 * fixtures, slices of the shared MP2020 CSV, valid command lines) are mutated with a fixed,
 * printed seed (POTMAP_FC_SEED overrides it, POTMAP_FC_RUNS the number of mutations).
 *
 * Property: every reader call either succeeds with a result holding no NaN, Infinity or
 * undefined, or throws a PotmapError whose message starts with the file's name (then its
 * line, field and value). For the CLI: exit 0 (and with
 * --json a JSON document on stdout), or a non-zero exit with nothing on stdout and exactly
 * one line on stderr starting with "potmap", without stack frames or "internal error".
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { PotmapError } from "../lib/src/core/errors";
import { parseMaterial } from "../lib/src/io/readMaterials";
import { readInputFermi, readTotalDos, readUnitCell } from "../lib/src/io/scFermi";
import { parsePhaseEntries } from "../lib/src/io/phaseEntries";
import { main } from "../lib/src/cli/main";

const SEED = Number(process.env.POTMAP_FC_SEED ?? 20260525);
const RUNS = Number(process.env.POTMAP_FC_RUNS ?? 300);
// eslint-disable-next-line no-console
console.log(`readers.fuzz: fast-check seed ${SEED}, ${RUNS} mutations per reader`);
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const;

const root = path.resolve(__dirname, "..");
const materialsFolder = path.join(root, "data/materials");
const scfermiFolder = path.join(root, "test/fixtures/scfermi");
const phaseFolder = path.join(root, "test/fixtures/phase");
// CI checks out /work/shared beside the repository.
const sharedCsv = path.resolve(root, "../shared/data/phase-entries/mp2020-li-co-ni-o.csv");

const scfermiCases = readdirSync(scfermiFolder, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const scText = (c: string, f: string) => readFileSync(path.join(scfermiFolder, c, f), "utf8");

const scratch = mkdtempSync(path.join(os.tmpdir(), "potmap-fuzz-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// ------------------------------------------------------------------ checks

/** Paths of every NaN, Infinity or undefined inside a value (functions are skipped). */
function badValues(value: unknown, at = "$", found: string[] = [], allowNull: RegExp | null = null): string[] {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) found.push(`${at} = ${value}`);
  } else if (value === undefined) {
    found.push(`${at} = undefined`);
  } else if (value === null) {
    if (!allowNull || !allowNull.test(at)) found.push(`${at} = null`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => badValues(v, `${at}[${i}]`, found, allowNull));
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value)) badValues(v, `${at}.${k}`, found, allowNull);
  }
  return found;
}

/**
 * Run a reader on the text of `file`: a result must be clean; an error must be a PotmapError
 * naming that file (and saying so in its message), with a one-line-able message free of
 * "[object Object]" and "undefined". Anything else fails the property (fast-check then
 * prints the mutated input).
 */
function expectCleanOutcome(call: () => unknown, what: string, file: string): void {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    if (!(error instanceof PotmapError)) {
      throw new Error(`${what}: threw ${(error as Error)?.name ?? typeof error} instead of PotmapError: ${(error as Error)?.message ?? error}`);
    }
    // the file, possibly with its line ("li-co-o.csv, line 6")
    expect(String(error.file).startsWith(file), `${what}: "${error.message}" does not name the file`).toBe(true);
    expect(error.message.startsWith(file), `${what}: "${error.message}"`).toBe(true);
    expect(error.message, what).not.toMatch(/\[object Object\]|\bundefined\b/);
    return;
  }
  expect(badValues(result), `${what}: result holds non-finite or undefined values`).toEqual([]);
}

// ------------------------------------------------------------------ text mutations

type TextMutation =
  | { op: "truncate"; at: number }
  | { op: "flipBracket"; at: number }
  | { op: "deleteChar"; at: number }
  | { op: "insert"; at: number; text: string }
  | { op: "deleteLine"; at: number }
  | { op: "duplicateLine"; at: number }
  | { op: "swapLines"; at: number; other: number }
  | { op: "replaceToken"; at: number; text: string }
  | { op: "negateNumber"; at: number };

const garbage = fc.constantFrom(
  "abc", "NaN", "nan", "Infinity", "-inf", "1e400", "-1e400", "1e-400", "0", "-0", "-1", "-3.5", "1D+999", "1.0d0",
  "", " ", "\t", "#", "\"", "{", "}", "[", "]", ",", ",,", "null", "true", "0x10", "1,5", "١", "\u0000", "9".repeat(400), "-",
);

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("flipBracket" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("deleteChar" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: garbage }),
  fc.record({ op: fc.constant("deleteLine" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicateLine" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("swapLines" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant("replaceToken" as const), at: fc.nat(), text: garbage }),
  fc.record({ op: fc.constant("negateNumber" as const), at: fc.nat() }),
);

/** Apply a mutation; positions are taken modulo the text's size so every mutation applies. */
function mutateText(text: string, m: TextMutation): string {
  const lines = text.split("\n");
  switch (m.op) {
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
    case "flipBracket": {
      const brackets = [...text.matchAll(/[[\]{}]/g)].map((x) => x.index!);
      if (!brackets.length) return text;
      const i = brackets[m.at % brackets.length];
      const flip: Record<string, string> = { "[": "{", "{": "[", "]": "}", "}": "]" };
      return text.slice(0, i) + flip[text[i]] + text.slice(i + 1);
    }
    case "deleteChar": {
      const i = m.at % Math.max(1, text.length);
      return text.slice(0, i) + text.slice(i + 1);
    }
    case "insert": {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case "deleteLine":
      lines.splice(m.at % lines.length, 1);
      return lines.join("\n");
    case "duplicateLine": {
      const i = m.at % lines.length;
      lines.splice(i, 0, lines[i]);
      return lines.join("\n");
    }
    case "swapLines": {
      const i = m.at % lines.length;
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join("\n");
    }
    case "replaceToken": {
      const tokens = [...text.matchAll(/[^\s,]+/g)];
      if (!tokens.length) return text;
      const t = tokens[m.at % tokens.length];
      return text.slice(0, t.index!) + m.text + text.slice(t.index! + t[0].length);
    }
    case "negateNumber": {
      const numbers = [...text.matchAll(/(?<![\w.])[+-]?\d+(\.\d*)?([eEdD][+-]?\d+)?/g)];
      if (!numbers.length) return text;
      const t = numbers[m.at % numbers.length];
      const negated = t[0].startsWith("-") ? t[0].slice(1) : "-" + t[0].replace(/^\+/, "");
      return text.slice(0, t.index!) + negated + text.slice(t.index! + t[0].length);
    }
  }
}

const textMutations = fc.array(textMutation, { minLength: 1, maxLength: 3 });
const applyText = (text: string, ms: TextMutation[]) => ms.reduce(mutateText, text);

// ------------------------------------------------------------------ JSON mutations

type JsonMutation = { path: number; op: "delete" | "string" | "null" | "bool" | "array" | "object" | "negate" | "nan" | "huge" | "tiny" | "zero" | "float" | "emptyString" };
const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  path: fc.nat(),
  op: fc.constantFrom("delete", "string", "null", "bool", "array", "object", "negate", "nan", "huge", "tiny", "zero", "float", "emptyString"),
});

/** Every path (list of keys) inside a JSON value, the root excluded. */
function jsonPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), jsonPaths(v, [...prefix, i], out)));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push([...prefix, k]), jsonPaths(v, [...prefix, k], out);
  return out;
}

const HUGE = "__potmap_huge__";
const TINY = "__potmap_tiny__";

/** Apply structural mutations, then serialise (1e400 / 1e-400 as literal JSON numbers). */
function mutateJson(text: string, ms: JsonMutation[]): string {
  const data = JSON.parse(text);
  for (const m of ms) {
    const paths = jsonPaths(data);
    if (!paths.length) break;
    const p = paths[m.path % paths.length];
    const parent = p.slice(0, -1).reduce((node: any, k) => node[k], data);
    const key = p[p.length - 1];
    const old = parent[key];
    const replace = (v: unknown) => (parent[key] = v);
    switch (m.op) {
      case "delete":
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case "string": replace(typeof old === "string" ? old + "?" : JSON.stringify(old)); break;
      case "null": replace(null); break;
      case "bool": replace(true); break;
      case "array": replace([old]); break;
      case "object": replace({ value: old }); break;
      case "negate": replace(typeof old === "number" ? -old : old); break;
      case "nan": replace("NaN"); break;
      case "huge": replace(HUGE); break;
      case "tiny": replace(TINY); break;
      case "zero": replace(0); break;
      case "float": replace(typeof old === "number" ? old + 0.5 : 2.5); break;
      case "emptyString": replace(""); break;
    }
  }
  return JSON.stringify(data, null, 2).replaceAll(`"${HUGE}"`, "1e400").replaceAll(`"${TINY}"`, "-1e400");
}

const jsonOrTextMutations = fc.oneof(
  { arbitrary: fc.array(jsonMutation, { minLength: 1, maxLength: 3 }).map((ms) => ({ kind: "json" as const, ms })), weight: 3 },
  { arbitrary: textMutations.map((ms) => ({ kind: "text" as const, ms })), weight: 1 },
);

// ------------------------------------------------------------------ readers

/**
 * O-1 (fixed): optional keys used to be set to an explicit undefined on valid input
 * (toFermiRule copied `species: d.species` onto every defect, the CSV and JSON phase-entry
 * readers gave `id: undefined` to entries without an id); badValues now rejects any undefined.
 */
describe("mutation fuzzing of the readers", () => {
  test("material JSON: parseMaterial on every data/materials record", () => {
    const records = readdirSync(materialsFolder)
      .filter((n) => n.endsWith(".json"))
      .sort()
      .map((n) => ({ name: n, text: readFileSync(path.join(materialsFolder, n), "utf8") }));
    // the unmutated records are valid and clean
    for (const r of records) expectCleanOutcome(() => parseMaterial(r.text, r.name), r.name, r.name);
    fc.assert(
      fc.property(fc.nat({ max: records.length - 1 }), jsonOrTextMutations, (i, mutation) => {
        const { name, text } = records[i];
        const mutated = mutation.kind === "json" ? mutateJson(text, mutation.ms) : applyText(text, mutation.ms);
        expectCleanOutcome(() => parseMaterial(mutated, name), `parseMaterial(${name})`, name);
      }),
      params,
    );
  });

  // BUG-2 (fixed): a number literal beyond the range of a double (-1e400) parses to -Infinity,
  // which the schema's "number" accepted; LCO states[1].ocvComputed came back as -Infinity.
  test("BUG-2: out-of-range number literals and a non-positive eq. 3 OCV are errors naming file, field and value", () => {
    const lco = readFileSync(path.join(materialsFolder, "LCO.json"), "utf8");
    const withOcv = (literal: string) => lco.replace('"value": 4.1108', `"value": ${literal}`);
    expect(withOcv("4.1108")).toBe(lco);
    expect(() => parseMaterial(withOcv("-1e400"), "LCO.json")).toThrow(
      'LCO.json, field "states[1].ocvComputed.value", value -Infinity: must be a finite number (a literal beyond +-1.8e308 overflows a double)',
    );
    expect(() => parseMaterial(withOcv("1e400"), "LCO.json")).toThrow('field "states[1].ocvComputed.value", value Infinity');
    expect(() => parseMaterial(withOcv("-3.2"), "LCO.json")).toThrow(
      'LCO.json, field "states[1].ocvComputed.value", value -3.2: must be 0 to 6 V',
    );
    const llzo = readFileSync(path.join(materialsFolder, "LLZO.json"), "utf8");
    expect(llzo).toContain('"energy": 4.696');
    const spoilt = llzo.replace('"energy": 4.696', '"energy": 1e999');
    expect(() => parseMaterial(spoilt, "LLZO.json")).toThrow(
      /^LLZO\.json, field "fermiLevel\.defects\[\d+\]\.chargeStates\[\d+\]\.energy", value Infinity: must be a finite number/,
    );
  });

  test("SC-FERMI: readInputFermi, readTotalDos, readUnitCell on the fixtures", () => {
    const readers = [
      { file: "input-fermi.dat", read: (t: string, f: string) => readInputFermi(t, f) },
      { file: "totdos.dat", read: (t: string, f: string) => readTotalDos(t, f) },
      { file: "unitcell.dat", read: (t: string, f: string) => readUnitCell(t, f) },
    ];
    for (const c of scfermiCases) for (const r of readers) expectCleanOutcome(() => r.read(scText(c, r.file), r.file), `${c}/${r.file}`, r.file);
    fc.assert(
      fc.property(fc.nat({ max: scfermiCases.length - 1 }), fc.nat({ max: readers.length - 1 }), textMutations, (c, r, ms) => {
        const reader = readers[r];
        const mutated = applyText(scText(scfermiCases[c], reader.file), ms);
        expectCleanOutcome(() => reader.read(mutated, reader.file), `${scfermiCases[c]}/${reader.file}`, reader.file);
      }),
      params,
    );
  });

  test("phase entries: parsePhaseEntries on the fixtures and slices of the shared MP2020 CSV", () => {
    const fixtures = readdirSync(phaseFolder)
      .sort()
      .map((n) => ({ name: n, text: readFileSync(path.join(phaseFolder, n), "utf8") }));
    const shared = readFileSync(sharedCsv, "utf8").split("\n");
    const slice = fc
      .tuple(fc.nat({ max: shared.length - 2 }), fc.integer({ min: 1, max: 12 }))
      .map(([from, n]) => ({ name: "mp2020-slice.csv", text: [shared[0], ...shared.slice(1 + from, 1 + from + n)].join("\n") + "\n" }));
    const source = fc.oneof(fc.constantFrom(...fixtures), slice);
    fc.assert(
      fc.property(source, jsonOrTextMutations, ({ name, text }, mutation) => {
        let mutated = text;
        if (mutation.kind === "json") {
          try {
            JSON.parse(text);
            mutated = mutateJson(text, mutation.ms);
          } catch {
            mutated = applyText(text, [{ op: "replaceToken", at: mutation.ms[0].path, text: "NaN" }]);
          }
        } else mutated = applyText(text, mutation.ms);
        expectCleanOutcome(() => parsePhaseEntries(mutated, name), `parsePhaseEntries(${name})`, name);
      }),
      params,
    );
  });
});

// ------------------------------------------------------------------ CLI

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr };
}

/** The CLI contract for one invocation (cli.md): see the file comment. */
async function expectCliContract(argv: string[]): Promise<void> {
  const { code, stdout, stderr } = await run(argv);
  const shown = JSON.stringify(argv);
  if (code === 0) {
    // the one documented stderr of a success: table's JSON is an array, so the records that
    // replace built-in ones are named on stderr (README, --materials)
    const notes = stderr.split("\n").filter((l) => l !== "" && !/^potmap table: --materials: .* replaces the built-in (anode|electrolyte|cathode) \S+$/.test(l));
    expect(notes, shown).toEqual([]);
    // --help is a help request (usage text, exit 0); --help=<anything> is an error
    const help = argv.slice(1).includes("--help");
    if (argv.includes("--json") && !help) {
      let parsed: unknown;
      expect(() => (parsed = JSON.parse(stdout)), `${shown}: stdout is not JSON`).not.toThrow();
      // null is the documented "no such value" of window.upper and scl xstar, and the echo
      // of an scl --phi-target that was not given
      expect(badValues(parsed, "$", [], /\.(upper|xstar)$|^\$\.input\.phiTarget$/), shown).toEqual([]);
    } else {
      // the user's own values (e.g. --open-element NaN) may be echoed; nothing else may say NaN
      const own = argv.flatMap((a) => a.split("=")).filter((a) => /NaN|undefined|Infinity/.test(a));
      const text = own.reduce((t, a) => t.split(a).join(""), stdout);
      expect(text, shown).not.toMatch(/\bNaN\b|\bundefined\b|Infinity/);
    }
    return;
  }
  expect(stdout, `${shown}: stdout on failure`).toBe("");
  expect(stderr, shown).toMatch(/^potmap\b/);
  expect(stderr.endsWith("\n") && stderr.indexOf("\n") === stderr.length - 1, `${shown}: stderr is not exactly one line: ${stderr}`).toBe(true);
  expect(stderr, shown).not.toMatch(/\n\s+at |internal error|\[object Object\]|\bundefined\b/);
  // names a file, a field or a flag
  const namesAnArgument = argv.some((a) => a.length > 1 && stderr.includes(a.replace(/^--/, "")));
  expect(namesAnArgument || /field "|--[a-z]|\.(dat|csv|json)\b/.test(stderr), `${shown}: names no file, field or flag: ${stderr}`).toBe(true);
}

const phaseFixture = (n: string) => path.join(phaseFolder, n);
const validCommands: Record<string, string[]> = {
  table: ["table", "--temperature", "300"],
  map: ["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--temperature", "300", "--points", "11"],
  fermi: ["fermi", "--sc-fermi", path.join(scfermiFolder, "semiconductor/input-fermi.dat"), "--temperature", "300"],
  window: ["window", "--entries", phaseFixture("li-ti-o.csv"), "--formula", "Li2TiO3", "--open-element", "Li"],
  voltage: ["voltage", "--entries", phaseFixture("li-co-o-voltage.csv"), "--lithiated", "LiCoO2", "--delithiated", "CoO2"],
  scl: ["scl", "--phi0", "0.3", "--nsites", "1e22", "--ef0", "0.2", "--epsilon", "10", "--alpha", "0.5", "--temperature", "300", "--phi-target", "0.1"],
  stack: ["stack", "--layers", "Li,LPS,LCO:0%,LNCO:0%", "--soc", "0%", "--temperature", "300"],
};

const flagValues = fc.constantFrom(
  "abc", "-1", "0", "1e999", "-1e999", "1e-999", "", " ", "NaN", "Infinity", "0x1F", "1e3", "2.5", "-0", "300", "1e22", "LCO", "LLZO",
  "100%", "+", "0%", "50%", "Li", "Xx", "Li2O", "CoO2", "Li,LPS", "Li,LLZO,LCO:100%", "Li,,LCO:0%", "LCO:0%,Li,LPS", "Li,LPS,LPS,LMO:+", "Li,LCO:7%,LNO:0%", "/nonexistent/file", ".", "--json", "-5", "1".repeat(400), "3000", "1,5",
  phaseFixture("bad-energy.csv"), phaseFixture("empty.csv"), phaseFixture("bad.json"), phaseFixture("li-ti-o-entries.json"),
  path.join(scfermiFolder, "wide-gap/input-fermi.dat"), path.join(scfermiFolder, "semiconductor/totdos.dat"), materialsFolder, scfermiFolder,
);

type FlagMutation =
  | { op: "drop"; at: number }
  | { op: "setValue"; at: number; value: string }
  | { op: "equals"; at: number; value: string }
  | { op: "missingValue"; at: number }
  | { op: "unknownFlag"; name: string }
  | { op: "duplicate"; at: number }
  | { op: "stray"; value: string }
  | { op: "json"; on: boolean };

const flagMutation: fc.Arbitrary<FlagMutation> = fc.oneof(
  fc.record({ op: fc.constant("drop" as const), at: fc.nat() }),
  { arbitrary: fc.record({ op: fc.constant("setValue" as const), at: fc.nat(), value: flagValues }), weight: 4 },
  fc.record({ op: fc.constant("equals" as const), at: fc.nat(), value: flagValues }),
  fc.record({ op: fc.constant("missingValue" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("unknownFlag" as const), name: fc.constantFrom("--bogus", "--", "--=", "---temperature", "--TEMPERATURE", "--help") }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("stray" as const), value: flagValues }),
  fc.record({ op: fc.constant("json" as const), on: fc.boolean() }),
);

/** Mutate a valid argv ([command, --flag, value, ...]) as flag/value pairs. */
function mutateArgv(base: string[], ms: FlagMutation[]): string[] {
  const [command, ...rest] = base;
  let pairs: string[][] = [];
  for (let i = 0; i < rest.length; i += 2) pairs.push([rest[i], rest[i + 1]]);
  let json = true;
  const extra: string[] = [];
  for (const m of ms) {
    const i = "at" in m ? m.at % Math.max(1, pairs.length) : 0;
    switch (m.op) {
      case "drop": pairs.splice(i, 1); break;
      case "setValue": if (pairs[i]) pairs[i] = [pairs[i][0], m.value]; break;
      case "equals": if (pairs[i]) pairs[i] = [`${pairs[i][0]}=${m.value}`]; break;
      case "missingValue": if (pairs[i]) { const [flag] = pairs.splice(i, 1)[0]; extra.push(flag); } break;
      case "unknownFlag": pairs.push([m.name]); break;
      case "duplicate": if (pairs[i]) pairs.push([...pairs[i]]); break;
      case "stray": pairs.splice(i, 0, [m.value]); break;
      case "json": json = m.on; break;
    }
  }
  pairs = pairs.filter((p) => p.length);
  // a flag left without its value goes last, where nothing can follow it
  return [command, ...pairs.flat(), ...(json ? ["--json"] : []), ...extra];
}

describe("CLI flag fuzzing: every command keeps the cli.md contract", () => {
  test("the unmutated command lines succeed", async () => {
    for (const argv of Object.values(validCommands)) {
      const r = await run([...argv, "--json"]);
      expect(r.stderr, argv.join(" ")).toBe("");
      expect(r.code).toBe(0);
    }
  });

  test("random flags and values for table, map, fermi, window, voltage, scl, stack", async () => {
    const names = Object.keys(validCommands);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.array(flagMutation, { minLength: 1, maxLength: 3 }), async (name, ms) => {
        await expectCliContract(mutateArgv(validCommands[name], ms));
      }),
      params,
    );
  });

  test("unknown commands", async () => {
    for (const argv of [["bogus"], ["--json"], ["TABLE"], ["-h"]]) {
      const r = await run(argv);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^potmap: unknown command .*\n$/);
    }
  });

  // `potmap` with no command (or an empty first argument) is a failing call: one stderr line.
  test("no command: non-zero exit with nothing on stdout", async () => {
    for (const argv of [[], [""]]) {
      const r = await run(argv);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^potmap.*\n$/);
    }
  });

  test("fermi with mutated SC-FERMI files (written to a temporary folder)", async () => {
    const files = ["input-fermi.dat", "totdos.dat", "unitcell.dat"];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: scfermiCases.length - 1 }), fc.nat({ max: files.length - 1 }), textMutations, async (c, f, ms) => {
        const folder = mkdtempSync(path.join(scratch, "sc-"));
        for (const name of files) {
          const text = scText(scfermiCases[c], name);
          writeFileSync(path.join(folder, name), name === files[f] ? applyText(text, ms) : text);
        }
        await expectCliContract(["fermi", "--sc-fermi", path.join(folder, "input-fermi.dat"), "--json"]);
      }),
      { ...params, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  test("table, map and stack with one mutated record in a --materials folder", async () => {
    const names = readdirSync(materialsFolder).filter((n) => n.endsWith(".json")).sort();
    const commandsFor = (folder: string) => [
      ["table", "--materials", folder, "--json"],
      ["map", "--materials", folder, "--electrolyte", "LPS", "--cathode", "LNO", "--soc", "100%", "--points", "5", "--json"],
      ["stack", "--materials", folder, "--layers", "Li,LiPON,LMO:+", "--json"],
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: names.length - 1 }), jsonOrTextMutations, fc.nat({ max: 2 }), async (i, mutation, c) => {
        const folder = mkdtempSync(path.join(scratch, "mat-"));
        for (const name of names) {
          const text = readFileSync(path.join(materialsFolder, name), "utf8");
          const mutated = name !== names[i] ? text : mutation.kind === "json" ? mutateJson(text, mutation.ms) : applyText(text, mutation.ms);
          writeFileSync(path.join(folder, name), mutated);
        }
        await expectCliContract(commandsFor(folder)[c]);
      }),
      { ...params, numRuns: Math.ceil(RUNS / 6) },
    );
  });

  // An --open-element that no entry contains (or that is no element at all) would give a
  // meaningless window of 0 V .. none: it is an error naming the flag.
  test("window --open-element absent from the entries is an error naming the flag", async () => {
    for (const element of ["Xx", "Na", "NaN"]) {
      const r = await run(["window", "--entries", phaseFixture("li-ti-o.csv"), "--formula", "Li2TiO3", "--open-element", element, "--json"]);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(new RegExp(`--open-element.*${element}`));
    }
  });

  test("window and voltage with mutated phase-entry files", async () => {
    const base = [
      { file: "li-ti-o.csv", argv: (f: string) => ["window", "--entries", f, "--formula", "Li2TiO3"] },
      { file: "li-ti-o-entries.json", argv: (f: string) => ["window", "--entries", f, "--formula", "Li2TiO3"] },
      { file: "li-co-o-voltage.csv", argv: (f: string) => ["voltage", "--entries", f, "--lithiated", "LiCoO2", "--delithiated", "CoO2"] },
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: base.length - 1 }), textMutations, async (b, ms) => {
        const file = path.join(mkdtempSync(path.join(scratch, "ph-")), base[b].file);
        writeFileSync(file, applyText(readFileSync(phaseFixture(base[b].file), "utf8"), ms));
        await expectCliContract([...base[b].argv(file), "--json"]);
      }),
      { ...params, numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
