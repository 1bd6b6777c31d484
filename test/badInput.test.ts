/**
 * Issue "Bad input never becomes a wrong number, a crash or a lost file": one test per class
 * of hostile input that used to get through (silent numbers from records and commands, windows
 * that are not windows, stack overflows, unclear messages, lost or overwritten files). Each
 * asserts the clear message (file or flag, field, value, what is allowed) and exit code 2, or,
 * where the result is still meaningful, the result with its warning.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";
import { builtinMaterialsFolder, parseMaterial, readDataSet } from "../lib/src/io/readMaterials";
import { findCathodeState } from "../lib/src/cell/dataSet";
import { PotmapError } from "../lib/src/core/errors";
import { physicalRanges } from "../lib/src/core/ranges";
import { plausible } from "../lib/src/check/records";
import { parseFormula } from "../lib/src/thermo/formula";

const root = path.resolve(__dirname, "..");
const materials = path.join(root, "data/materials");
const entries = path.resolve(root, "../shared/data/phase-entries/critexam-li-systems.csv");
const haveShared = fs.existsSync(entries);
const scfermi = path.join(root, "test/fixtures/scfermi/wide-gap");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-bad-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const recordText = (name: string) => fs.readFileSync(path.join(materials, `${name}.json`), "utf8");
function writeRecord(file: string, name: string, change: (r: any) => void): string {
  const r = JSON.parse(recordText(name));
  change(r);
  const out = path.join(tmp, file);
  fs.writeFileSync(out, JSON.stringify(r, null, 1));
  return out;
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr };
}
const mapWith = (file: string) => cli("map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--json", "--materials", file);

describe("silent wrong numbers from records (before: exit 0 with the number used as is)", () => {
  test.each([
    ["IP 1e300 (before: dphi_a -1e300)", "LLZO", (r: any) => (r.ionizationPotential.value = 1e300), /field "ionizationPotential.value", value 1e\+300: must be 3 to 9 eV/],
    ["V_Li sites 1e300 (before: E_F 3.6 eV below the VBM)", "LLZO", (r: any) => (r.fermiLevel.defects[0].sites.value = 1e300), /field "fermiLevel.defects\[0\].sites.value", value 1e\+300: must be above 0 and at most 2e\+23 cm\^-3/],
    ["cathode E_F 50 eV", "LCO", (r: any) => (r.states[0].fermiLevel.value = 50), /field "states\[0\].fermiLevel.value", value 50: must be from 0 to the band gap \(2.7 eV\)/],
    ["cathode E_F -3 eV", "LCO", (r: any) => (r.states[0].fermiLevel.value = -3), /field "states\[0\].fermiLevel.value", value -3: must be from 0 to the band gap/],
    ["OCV 400 V", "LCO", (r: any) => (r.states[0].ocv.value = 400), /field "states\[0\].ocv.value", value 400: must be 0 to 6 V/],
    ["two charge states q = -1 (before: dphi_a moved silently)", "LLZO", (r: any) => (r.fermiLevel.defects[0].chargeStates[0].charge = -1), /field "fermiLevel.defects\[0\].chargeStates\[1\].charge", value -1: V_Li already has charge state -1/],
    ["a repeated defect name", "LLZO", (r: any) => (r.fermiLevel.defects[1].name = "V_Li"), /field "fermiLevel.defects\[1\].name", value "V_Li": is already the name of fermiLevel.defects\[0\]/],
    ["a gap of 1e-9 eV", "LLZO", (r: any) => (r.bandGap.value = 1e-9), /field "bandGap.value", value 1e-9: must be 0.1 to 12 eV/],
    ["a scissor of -10 eV", "LLZO", (r: any) => (r.scissor = { value: -10, source: "test" }), /field "scissor.value", value -10: must leave a corrected gap \(bandGap 5.903 eV \+ scissor\) of 0.1 to 12 eV/],
    ["a window from -2 V", "LLZO", (r: any) => (r.window.lower = -2), /field "window.lower", value -2: must be 0 to 6 V/],
    ["a window to 50 V", "LLZO", (r: any) => (r.window.upper = 50), /field "window.upper", value 50: must be 0 to 6 V/],
  ])("%s", async (_, name, change, message) => {
    const file = writeRecord(`${name}-${Math.random().toString(36).slice(2)}.json`, name, change);
    const { code, stdout, stderr } = await mapWith(file);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(file);
    expect(stderr).toMatch(message);
  });

  test("a repeated JSON key is an error naming the key and the line (before: the last value kept)", async () => {
    const file = path.join(tmp, "dup-key.json");
    const text = recordText("LLZO").replace('"id": "LLZO",', '"id": "LLZO",\n  "id": "LLZO",');
    fs.writeFileSync(file, text);
    // the line of the second "id" (the record's first lines may change, e.g. "$schema")
    const line = text.slice(0, text.indexOf('"id": "LLZO",')).split("\n").length + 1;
    const { code, stderr } = await mapWith(file);
    expect(code).toBe(2);
    expect(stderr).toContain(`dup-key.json, field "id": the key "id" appears twice in one object (line ${line})`);
  });

  test("the reader and potmap check share one table of ranges", () => {
    expect(plausible.ionizationPotential).toEqual({ low: 3, high: 9, unit: "eV", what: physicalRanges.ionizationPotential.what });
    expect(plausible.ocv.high).toBe(physicalRanges.ocv.max);
    expect(plausible.temperature.low).toBe(physicalRanges.temperature.min);
  });
});

describe("silent wrong numbers from commands (before: exit 0)", () => {
  test.each([
    // before: O_N frozen at 1.4e289 cm^-3 in 1.5e22 sites, E_F 20 eV above the VBM, warnings []
    [["dope", "--electrolyte", "LiPON", "--quench-temperature", "900", "--quench-voltage", "99"], /field "--quench-voltage", value "99": must be a number from 0 to 6 V/],
    [["dope", "--electrolyte", "LLZO", "--quench-temperature", "900", "--quench-voltage", "5.5"], /field "--quench-voltage", value 5.5: must lie in the stability window of LLZO \(0 to 2.91 V vs Li\)/],
    [["dope", "--electrolyte", "LLZO", "--dopant", "Ta_Zr:+1:1e30", "--cathode", "LCO"], /field "--dopant", value "Ta_Zr:\+1:1e30": the concentration of Ta_Zr must be 0 to 2e\+23 cm\^-3/],
    // before: E_F 57 eV and dphi_a 56 V
    [["sweep-temperature", "--electrolyte", "LPS", "--cathode", "LCO", "--soc", "0%", "--to", "1e6"], /field "--to", value "1e6": must be a number from 1 to 3000 K/],
    // before: a charge residual of 0.89 printed as a result
    [["fermi", "--sc-fermi", path.join(scfermi, "input-fermi.dat"), "--temperature", "1e-9"], /field "--temperature", value "1e-9": must be a number from 1 to 3000 K/],
  ])("%j", async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv, "--json");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });

  test("a frozen SC-FERMI concentration above its sites is refused (before: 8.1e24 in 2.5e22 sites)", async () => {
    const input = path.join(tmp, "frozen-input-fermi.dat");
    fs.writeFileSync(input, fs.readFileSync(path.join(scfermi, "input-fermi.dat"), "utf8") + "1\nV_O 3e30\n0\n");
    const { code, stderr } = await cli("fermi", "--sc-fermi", input, "--unitcell", path.join(scfermi, "unitcell.dat"), "--json");
    expect(code).toBe(2);
    expect(stderr).toMatch(/frozen-input-fermi.dat, field "line \d+ \(V_O frozen concentration\)", value 3e\+30: must be at most the site density of V_O, 12 sites per cell = 1.200e\+22 cm\^-3/);
  });

  test("a residual above tolerance is never printed as a result", async () => {
    const { refuseUnsolvedForTest } = await import("./helpers/unsolved");
    expect(() => refuseUnsolvedForTest("map", { json: { warnings: [{ code: "neutrality-residual", message: "LLZO: residual 0.89" }] }, text: "" })).toThrow(
      /field "neutrality": charge neutrality was not reached, so there is no Fermi level to print: LLZO: residual 0.89/,
    );
  });
});

describe.skipIf(!haveShared)("windows that are not windows (before: lower == upper or 0 V to none, no flag)", () => {
  const csv = haveShared ? fs.readFileSync(entries, "utf8") : "";
  test("a compound missing from the entries: flagged, with whether a window exists", async () => {
    const { code, stdout } = await cli("window", "--entries", entries, "--formula", "Li5PS9", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.inEntries).toBe(false);
    expect(json.exists).toBe(json.upper !== null && json.upper > json.lower);
    expect(json.warnings.map((w: any) => w.code)).toContain("not-in-entries");
  });
  test("a compound 0.5 eV/atom above the hull: its energy above the hull and no window", async () => {
    const file = path.join(tmp, "above-hull.csv");
    fs.writeFileSync(file, csv + "Li3PS4O,0.5\n");
    const json = JSON.parse((await cli("window", "--entries", file, "--formula", "Li3PS4O", "--json")).stdout);
    expect(json.inEntries).toBe(true);
    expect(json.energyAboveHull).toBeGreaterThan(0.5);
    expect(json.exists).toBe(false);
    expect(json.lower).toBe(json.upper);
    expect(json.warnings.map((w: any) => w.code)).toEqual(["above-hull", "no-window"]);
  });
  test("Li0S is refused (before: read as elemental S, Li3PS4's window 1.69-1.69 V)", async () => {
    const file = path.join(tmp, "li0s.csv");
    fs.writeFileSync(file, csv + "Li0S,-1.3\n");
    const { code, stderr } = await cli("window", "--entries", file, "--formula", "Li3PS4", "--json");
    expect(code).toBe(2);
    expect(stderr).toMatch(/li0s.csv, line \d+, field "formula", value "Li0S": an amount of 0/);
  });
  test("an elemental row with a negative formation energy is refused", async () => {
    const file = path.join(tmp, "s-negative.csv");
    fs.writeFileSync(file, csv + "S,-0.3\n");
    const { code, stderr } = await cli("window", "--entries", file, "--formula", "Li3PS4", "--json");
    expect(code).toBe(2);
    expect(stderr).toMatch(/field "formation_energy_per_atom", value "-0.3": an elemental row's formation energy must be 0/);
  });
  test("--open-element Co for a compound without Co (before: 0 V to none)", async () => {
    const { code, stderr } = await cli("window", "--entries", entries, "--formula", "Li3PS4", "--open-element", "Co", "--json");
    expect(code).toBe(2);
    expect(stderr).toMatch(/field "--open-element", value "Co": Li3PS4 contains no Co/);
  });
});

describe("crashes (before: internal error, exit 1)", () => {
  test.each([
    ["a 200,000-deep array", "[".repeat(200000) + "]".repeat(200000)],
    ["a 200,000-deep object", '{"a":'.repeat(200000) + "1" + "}".repeat(200000)],
  ])("%s in a record: a clear error", async (_, text) => {
    const file = path.join(tmp, `deep-${text.length}-${text[0] === "[" ? "a" : "o"}.json`);
    fs.writeFileSync(file, text);
    const { code, stderr } = await mapWith(file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nested more than 64 levels deep \(line 1\)/);
  });
  test("50,000 nested parentheses in a formula: a clear error", () => {
    expect(() => parseFormula("(".repeat(50000) + "Li" + ")".repeat(50000))).toThrow(/brackets nested more than 8 deep at character 9/);
  });
  test("screen goes on past a deep record", async () => {
    const folder = path.join(tmp, "screen-deep");
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "deep.json"), "[".repeat(200000) + "]".repeat(200000));
    const { code, stdout, stderr } = await cli("screen", "--materials", folder, "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).failures).toHaveLength(1);
    expect(stderr).toMatch(/deep.json.*nested more than 64 levels/);
  });
  test.skipIf(!haveShared)("a formation energy of -1e300: a clear error before HiGHS", async () => {
    const file = path.join(tmp, "huge.csv");
    fs.writeFileSync(file, fs.readFileSync(entries, "utf8") + "Li2S,-1e300\n");
    const { code, stderr } = await cli("window", "--entries", file, "--formula", "Li3PS4", "--json");
    expect(code).toBe(2);
    expect(stderr).toMatch(/huge.csv, line \d+, field "formation_energy_per_atom", value "-1e300": must be -100 to 100 eV\/atom/);
  });
});

describe("unclear messages", () => {
  test("a UTF-8 BOM is accepted (before: Unexpected token)", () => {
    const material = parseMaterial("\ufeff" + recordText("LLZO"), "bom.json");
    expect(material.id).toBe("LLZO");
  });
  test('an unknown field "unit" is reported as unknown (before: "must be number")', () => {
    const r = JSON.parse(recordText("LLZO"));
    r.bandGap.unit = "meV";
    expect(() => parseMaterial(JSON.stringify(r), "unit.json")).toThrow('unit.json, field "bandGap.unit", value "meV": unknown field');
  });
  test("no root names the file and mu_Li (before: no file, value 0)", async () => {
    const file = writeRecord("noroot.json", "LLZO", (r) => {
      r.fermiLevel.carriers = { kind: "none", source: "test" };
      r.fermiLevel.defects = r.fermiLevel.defects.filter((d: any) => d.name === "V_Li");
      r.fermiLevel.defects[0].chargeStates = [{ charge: -1, energy: 5.184 }];
      r.fermiLevel.dopants = [];
      delete r.constraints;
    });
    const { code, stderr } = await mapWith(file);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}, field "fermiLevel.defects": charge neutrality has no root`);
    expect(stderr).toMatch(/LLZO, mu_Li = -?\d.* eV, i.e. .* V vs Li, T = 300 K/);
    expect(stderr).not.toMatch(/value 0/);
  });
  test("a unit-cell scale of 1e120 (before: 'linearly dependent')", async () => {
    const cell = path.join(tmp, "unitcell.dat");
    fs.writeFileSync(cell, fs.readFileSync(path.join(scfermi, "unitcell.dat"), "utf8").replace(/^1\.0$/m, "1e120"));
    const { code, stderr } = await cli("fermi", "--sc-fermi", path.join(scfermi, "input-fermi.dat"), "--unitcell", cell, "--json");
    expect(code).toBe(2);
    expect(stderr).toMatch(/unitcell.dat, field "line \d+ \(scale factor\)", value "1e120": must be 0.001 to 1000/);
  });
  test("library callers get library words and a typed error (before: TypeError: soc.trim is not a function)", () => {
    const set = readDataSet(builtinMaterialsFolder());
    expect(() => findCathodeState(set, "LCO", 0 as unknown as string)).toThrow(PotmapError);
    expect(() => findCathodeState(set, "LCO", 0 as unknown as string)).toThrow('field "soc", value 0: must be a string');
    expect(() => findCathodeState(set, "LCO", "7%")).toThrow('field "soc", value "7%": unknown state of charge for LCO');
  });
  test("the command line words the same error with its flag", async () => {
    // 7% is a point on LCO's voltage curve (cell/cathodeCurve.ts); a word is no state
    const { stderr } = await cli("map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "7%x");
    expect(stderr).toMatch(/field "--soc", value "7%x": unknown state of charge for LCO \(known: 0%, 100%, or a percentage on its voltage curve/);
  });
});

describe("files (before: input overwritten, CSV left behind or cut)", () => {
  test("an output that is an input is refused and the input kept", async () => {
    const folder = path.join(tmp, "inputs");
    fs.mkdirSync(folder);
    const record = path.join(folder, "LLZO.json");
    fs.copyFileSync(path.join(materials, "LLZO.json"), record);
    const before = fs.readFileSync(record, "utf8");
    const { code, stderr } = await cli("screen", "--materials", record, "--csv", record);
    expect(code).toBe(2);
    expect(stderr).toMatch(/LLZO.json, field "--csv": is one of the command's input files/);
    expect(fs.readFileSync(record, "utf8")).toBe(before);
    const inFolder = await cli("screen", "--materials", folder, "--json-out", path.join(folder, "out.json"));
    expect(inFolder.stderr).toMatch(/field "--json-out": lies in the input folder/);
  });
  test("when --json-out cannot be written, no CSV is left", async () => {
    const csv = path.join(tmp, "left.csv");
    const { code, stderr } = await cli("screen", "--csv", csv, "--json-out", "/dev/full");
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/dev\/full, field "--json-out": cannot write the file \(ENOSPC\); no output was written/);
    expect(fs.existsSync(csv)).toBe(false);
    expect(fs.readdirSync(tmp).filter((n) => n.includes(".tmp"))).toEqual([]);
  });
  test("a full disk leaves no file cut mid-line", async () => {
    const { code, stderr } = await cli("screen", "--csv", "/dev/full");
    expect(code).toBe(2);
    expect(stderr).toMatch(/ENOSPC/);
  });
  test("both outputs are written, a missing folder created", async () => {
    const csv = path.join(tmp, "new", "s.csv");
    const json = path.join(tmp, "new", "s.json");
    const { code } = await cli("screen", "--csv", csv, "--json-out", json);
    expect(code).toBe(0);
    expect(fs.readFileSync(csv, "utf8").split("\n")[0]).toMatch(/^pairRank,electrolyte,cathode,soc,/);
    expect(JSON.parse(fs.readFileSync(json, "utf8")).pairs.length).toBeGreaterThan(0);
  });
  test("a --materials path that does not exist fails the run (before: screen 'succeeded')", async () => {
    const { code, stderr } = await cli("screen", "--materials", "candidates/");
    expect(code).toBe(2);
    expect(stderr).toMatch(/field "--materials", value "candidates\/": no such file or folder/);
  });
});
