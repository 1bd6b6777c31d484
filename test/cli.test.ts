import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";
import { commands } from "../lib/src/cli/commands";
import { builtinMaterialsFolder, parseMaterial, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { dictionaryTable } from "../lib/src/cell/dictionary";
import type { Electrolyte } from "../lib/src/cell/materials";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr };
}

describe("main", () => {
  test("map --json follows the paper's conventions for Li | LLZO | LCO at 0%", async () => {
    const { code, stdout, stderr } = await run("map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const map = JSON.parse(stdout);
    // dphi_a > 0 hinders discharge (Li+ entering the SE), the paper's +1.62 V
    expect(map.dphiAnode).toBeCloseTo(1.62, 2);
    expect(map.hinders.anode).toBe("discharge");
    expect(map.window).toEqual({ lower: 0, upper: 2.91 });
    expect(map.dphiCathode).toBeCloseTo(map.phiCathode - map.phiElectrolyteCathodeSide, 12);
    for (const key of ["position", "muLi", "phi", "vbm", "cbm"]) expect(map.profile[key].length).toBeGreaterThan(10);
  });

  test("table --json prints one row per configuration with the contract's fields", async () => {
    const { code, stdout } = await run("table", "--json");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["cathode", "dphiAnode", "dphiCathode", "electrolyte", "ocv", "soc"]);
  });

  test("text output is a readable table", async () => {
    const { stdout } = await run("table");
    expect(stdout).toMatch(/electrolyte\s+cathode\s+soc/);
  });

  test.each([
    [["map", "--electrolyte", "XX", "--cathode", "LCO", "--soc", "0%"], /field "--electrolyte", value "XX": unknown electrolyte/],
    [["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "250%"], /field "--soc", value "250%": outside LCO's curve/],
    [["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "50%", "--x", "0.5"], /field "--x": give one of --soc, --x and --voltage/],
    [["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--temperature", "-5"], /field "--temperature", value "-5": must be a number from 1 to 3000 K/],
    [["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--temperature", "hot"], /value "hot": expected a number/],
    [["table", "--colour", "red"], /field "--colour": unknown option/],
    [["table", "--materials", "/nonexistent"], /\/nonexistent, field "--materials": cannot read the file or folder \(ENOENT\)/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [[], /no command given/],
    [["table", "--json=yes"], /field "--json", value "yes": is a switch and takes no value/],
    [["window", "--entries", "test/fixtures/phase/li-ti-o.csv", "--formula", "Li2TiO3", "--open-element", "Na"], /field "--open-element", value "Na": no compound among the phase entries contains Na/],
    [["window", "--entries", "test/fixtures/phase/li-ti-o.csv", "--formula", "Li2TiO3", "--open-element", "Xx"], /field "--open-element", value "Xx": is not a chemical element symbol/],
  ])("bad input %j: one line on stderr, nothing on stdout, non-zero exit", async (argv, message) => {
    const { code, stdout, stderr } = await run(...(argv as string[]));
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("help from the option tables", () => {
  const names = commands.map((c) => c.name);

  test("potmap --help lists every command and exits 0", async () => {
    for (const argv of [["--help"], ["help"]]) {
      const { code, stdout, stderr } = await run(...argv);
      expect(code).toBe(0);
      expect(stderr).toBe("");
      for (const name of names) expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    }
  });

  test.each(names)("potmap %s --help and potmap help %s: exit 0, every option with its meaning, unit and default", async (name) => {
    const spec = commands.find((c) => c.name === name)!;
    const viaFlag = await run(name, "--help");
    const viaHelp = await run("help", name);
    // --help wins over everything else, even a bad or missing flag
    const withBad = await run(name, "--no-such-flag", "--help");
    for (const r of [viaFlag, viaHelp, withBad]) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe(viaFlag.stdout);
    }
    const help = viaFlag.stdout;
    expect(help).toMatch(new RegExp(`^usage: potmap ${name} `));
    for (const option of spec.options) {
      const line = help.split("\n").findIndex((l) => l.startsWith(`  --${option.name} `) || l === `  --${option.name}`);
      expect(line, `--${option.name} in ${name} --help`).toBeGreaterThan(0);
      const block = help.split("\n").slice(line, line + 2).join("\n");
      expect(block).toContain(option.meaning);
      if (option.unit) expect(block).toContain(option.unit);
      if (option.default !== undefined) expect(block).toContain(`default: ${option.default}`);
      if (option.defaultText !== undefined) expect(block).toContain(`default: ${option.defaultText}`);
      if (option.required) expect(block).toContain("required");
    }
    expect(help).toContain("--json");
  });

  test("help for an unknown command fails with one line", async () => {
    const { code, stdout, stderr } = await run("help", "frobnicate");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe("option values are checked by the table", () => {
  const map = ["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%"];
  test.each([
    [[...map, "--temperature", "0x12c"], /field "--temperature", value "0x12c": expected a number: a decimal such as 300/],
    [[...map, "--temperature", "Infinity"], /field "--temperature", value "Infinity": expected a number/],
    [[...map, "--temperature", "1e400"], /field "--temperature", value "1e400": expected a finite number/],
    [[...map, "--temperature", ""], /field "--temperature", value "": expected a number/],
    [[...map, "--temperature", "300K"], /field "--temperature", value "300K": expected a number/],
    [[...map, "--temperature", "0"], /field "--temperature", value "0": must be a number from 1 to 3000 K/],
    [[...map, "--points", "2.5"], /field "--points", value "2\.5": must be an integer from 2 to 100000/],
    [[...map, "--points", "1"], /field "--points", value "1": must be an integer from 2 to 100000/],
    [[...map, "--temperature", "300", "--temperature", "400"], /field "--temperature": is given twice/],
    [["screen", "--progress", "ON"], /field "--progress", value "ON": must be one of auto, on, off/],
    [["stack", "--layers", ","], /field "--layers", value ",": needs at least one comma-separated item/],
    [["table", "--only=yes"], /field "--only", value "yes": is a switch and takes no value/],
    [["table", "--only"], /field "--only": needs --materials/],
  ])("%j", async (argv, message) => {
    const { code, stdout, stderr } = await run(...(argv as string[]));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  test("a decimal with a sign or an exponent is accepted: +300 and 3e2 K give the 300 K map", async () => {
    const at = async (t: string) => JSON.parse((await run("map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--temperature", t, "--json")).stdout);
    const plain = await at("300");
    expect((await at("+300")).dphiCathode).toBe(plain.dphiCathode);
    expect((await at("3e2")).dphiCathode).toBe(plain.dphiCathode);
    expect((await at("400")).dphiCathode).not.toBe(plain.dphiCathode);
  });
});

describe("--materials merges onto the built-in set; --only uses the given records alone", () => {
  let dir: string;
  let shiftedFile: string;
  const builtin = builtinMaterialsFolder();
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(builtin, name), "utf8"));
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-merge-"));
    // LLZO with its ionization potential 0.2 eV deeper: replaces the built-in LLZO
    const shifted = read("LLZO.json");
    shifted.ionizationPotential.value += 0.2;
    shiftedFile = path.join(dir, "LLZO-shifted.json");
    fs.writeFileSync(shiftedFile, JSON.stringify(shifted));
    // a new electrolyte id: added next to the built-in ones
    const extra = read("LPS.json");
    extra.id = "LPS-X";
    fs.mkdirSync(path.join(dir, "extra"));
    fs.writeFileSync(path.join(dir, "extra", "LPS-X.json"), JSON.stringify(extra));
    // a complete small set for --only
    fs.mkdirSync(path.join(dir, "small"));
    for (const name of ["Li.json", "LPS.json", "LCO.json"]) fs.copyFileSync(path.join(builtin, name), path.join(dir, "small", name));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("map: a record with a built-in role and id replaces it, and the output says so", async () => {
    const set = readDataSet(builtin);
    const expected = potentialMap(findAnode(set, "Li"), parseMaterial(fs.readFileSync(shiftedFile, "utf8")) as Electrolyte, findCathodeState(set, "LCO", "0%"));
    const args = ["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--materials", shiftedFile];
    const json = await run(...args, "--json");
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.dphiCathode).toBe(expected.dphiCathode);
    expect(doc.dphiAnode).toBe(expected.dphiAnode);
    expect(doc.replaced).toEqual([{ role: "electrolyte", id: "LLZO", file: shiftedFile, replacedFile: path.join(builtin, "LLZO.json") }]);
    const text = await run(...args);
    expect(text.stdout).toContain(`--materials: ${shiftedFile} replaces the built-in electrolyte LLZO`);
    // the built-in record itself is no replacement: same numbers, no note
    const same = await run("map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--materials", builtin, "--json");
    expect(JSON.parse(same.stdout).replaced).toBeUndefined();
    expect(JSON.parse(same.stdout).dphiCathode).toBe(potentialMap(findAnode(set, "Li"), findElectrolyte(set, "LLZO"), findCathodeState(set, "LCO", "0%")).dphiCathode);
  });

  test("table: files and folders (comma-separated) are merged; the JSON stays the contract's array and the note goes to stderr", async () => {
    const { code, stdout, stderr } = await run("table", "--materials", `${shiftedFile},${path.join(dir, "extra")}`, "--json");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout);
    expect(Array.isArray(rows)).toBe(true);
    const base = dictionaryTable(readDataSet(builtin));
    expect(rows).toHaveLength(base.length + 12);
    expect(rows.filter((r: any) => r.electrolyte === "LPS-X")).toHaveLength(12);
    const llzo = rows.find((r: any) => r.electrolyte === "LLZO" && r.cathode === "LCO" && r.soc === "0%");
    const builtinLlzo = base.find((r) => r.electrolyte === "LLZO" && r.cathode === "LCO" && r.soc === "0%")!;
    expect(llzo.dphiCathode).not.toBe(builtinLlzo.dphiCathode);
    expect(stderr).toBe(`potmap table: --materials: ${shiftedFile} replaces the built-in electrolyte LLZO\n`);
  });

  test("--only: just the given records", async () => {
    const { code, stdout } = await run("table", "--only", "--materials", path.join(dir, "small"), "--json");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows.map((r: any) => `${r.electrolyte} ${r.cathode} ${r.soc}`)).toEqual(["LPS LCO 0%", "LPS LCO 100%"]);
    const only = await run("map", "--only", "--materials", path.join(dir, "small"), "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%");
    expect(only.code).toBe(2);
    expect(only.stderr).toMatch(/field "--electrolyte", value "LLZO": unknown electrolyte/);
  });

  test.each([
    ["stack", ["--layers", "Li,LLZO,LCO:0%"]],
    ["dope", ["--electrolyte", "LLZO", "--dopant", "Ta_Zr:+1:2.2e21", "--cathode", "LCO", "--soc", "0%"]],
    ["sweep-temperature", ["--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--count", "2"]],
    ["sensitivity", ["--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%"]],
    ["uncertainty", ["--samples", "2"]],
    ["screen", ["--progress", "off"]],
  ])("%s: the same merge and the same replaced list", async (name, args) => {
    const { code, stdout } = await run(name, ...args, "--materials", shiftedFile, "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).replaced).toEqual([{ role: "electrolyte", id: "LLZO", file: shiftedFile, replacedFile: path.join(builtin, "LLZO.json") }]);
  });
});
