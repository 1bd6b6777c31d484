/**
 * Issue 20 items 3 and 4 and the file part of 6: never lose a file, SC-FERMI in full, no input
 * that hangs. Every case here went wrong on main 823c30a (a file replaced with exit 0, a stale
 * totdos.dat loaded, a frozen section ignored, files written that fermi refuses, a hang).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { builtinMaterialsFolder, parseMaterial } from "../lib/src/io/readMaterials";
import { exportScFermi } from "../lib/src/io/importScFermi";
import { PotmapError } from "../lib/src/core/errors";
import { Electrolyte } from "../lib/src/cell/materials";
import { solveFermiLevel } from "../lib/src/defects/neutrality";
import { main } from "../lib/src/cli/main";

const root = path.resolve(__dirname, "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-files-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const example = path.join(root, "data/examples/sc-fermi");
const builtinLLZO = path.join(builtinMaterialsFolder(), "LLZO.json");

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

let count = 0;
function dir(): string {
  const d = path.join(scratch, `d${count++}`);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

/** A copy of the example SC-FERMI set with input-fermi.dat's body replaced (or extended). */
function scFermiSet(edit: (text: string) => string = (t) => t): { input: string; unitcell: string; dos: string } {
  const d = dir();
  for (const name of ["input-fermi.dat", "unitcell.dat", "totdos.dat"]) fs.copyFileSync(path.join(example, name), path.join(d, name));
  const input = path.join(d, "input-fermi.dat");
  fs.writeFileSync(input, edit(fs.readFileSync(input, "utf8")));
  return { input, unitcell: path.join(d, "unitcell.dat"), dos: path.join(d, "totdos.dat") };
}

const importArgs = (set: { input: string; unitcell: string; dos: string }, extra: string[] = []) => [
  "import", "--sc-fermi", set.input, "--unitcell", set.unitcell, "--dos", set.dos, "--base", "LLZO", "--id", "WG", "--mu-li", "-1", ...extra,
];

const snapshot = (folder: string) => Object.fromEntries(fs.readdirSync(folder).map((f) => [f, fs.readFileSync(path.join(folder, f), "utf8")]));

describe("never lose a file", () => {
  test("import --out onto the built-in record it reads as --base is refused, the record kept", async () => {
    const before = fs.readFileSync(builtinLLZO, "utf8");
    const r = await run(importArgs(scFermiSet(), ["--out", builtinLLZO]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out.*input folder/);
    expect(fs.readFileSync(builtinLLZO, "utf8")).toBe(before);
  });

  test("import --out onto a --materials base record, or into its folder, is refused", async () => {
    const folder = dir();
    const record = JSON.parse(fs.readFileSync(builtinLLZO, "utf8"));
    record.id = "MyLLZO";
    const file = path.join(folder, "MyLLZO.json");
    fs.writeFileSync(file, JSON.stringify(record));
    const before = snapshot(folder);
    const onFile = await run([...importArgs(scFermiSet(), ["--out", file, "--materials", file]).map((a) => (a === "LLZO" ? "MyLLZO" : a))]);
    expect(onFile.code).toBe(2);
    const inFolder = await run([...importArgs(scFermiSet(), ["--out", path.join(folder, "new.json"), "--materials", folder])]);
    expect(inFolder.code).toBe(2);
    expect(snapshot(folder)).toEqual(before);
  });

  test("sensitivity --figure onto a built-in record, or a figure into a records folder, is refused", async () => {
    const before = fs.readFileSync(builtinLLZO, "utf8");
    const onRecord = await run(["sensitivity", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--figure", builtinLLZO]);
    expect(onRecord.code).toBe(2);
    expect(fs.readFileSync(builtinLLZO, "utf8")).toBe(before);
    const figure = path.join(builtinMaterialsFolder(), "tornado.html");
    const inFolder = await run(["sensitivity", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--figure", figure]);
    expect(inFolder.code).toBe(2);
    expect(fs.existsSync(figure)).toBe(false);
    const models = path.join(root, "data/models/fig.json");
    expect((await run(["sensitivity", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--figure", models])).code).toBe(2);
    expect(fs.existsSync(models)).toBe(false);
  });

  test("export into a folder of older SC-FERMI files is refused; --force replaces the whole set (no stale totdos.dat)", async () => {
    const old = scFermiSet();
    const folder = path.dirname(old.input);
    const before = snapshot(folder);
    const refused = await run(["export", "--sc-fermi", folder, "--electrolyte", "LLZO", "--mu-li", "-1"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/not empty.*--force/);
    expect(snapshot(folder)).toEqual(before);
    // LLZO has parabolic bands: its set has no totdos.dat, so the old one must go
    const forced = await run(["export", "--sc-fermi", folder, "--electrolyte", "LLZO", "--mu-li", "-1", "--force"]);
    expect(forced.code).toBe(0);
    expect(fs.readdirSync(folder).sort()).toEqual(["input-fermi.dat", "unitcell.dat"]);
    const fermi = await run(["fermi", "--sc-fermi", path.join(folder, "input-fermi.dat"), "--json"]);
    expect(fermi.code).toBe(0);
    const ef = JSON.parse(fermi.out).fermiLevel;
    // the record's own E_F at mu_Li = -1 eV (parabolic bands of 1 m_e in both)
    const record = parseMaterial(fs.readFileSync(builtinLLZO, "utf8"), "LLZO.json") as Electrolyte;
    if (record.fermiLevel.rule !== "defects") throw new Error("defects");
    expect(ef).toBeCloseTo(solveFermiLevel(record.fermiLevel.system, -1).fermiLevel, 3);
  });

  test("export into a new folder or an empty one writes the complete set", async () => {
    const fresh = path.join(dir(), "new", "set");
    expect((await run(["export", "--sc-fermi", fresh, "--electrolyte", "LPS", "--mu-li", "-2"])).code).toBe(0);
    expect(fs.readdirSync(fresh).sort()).toEqual(["input-fermi.dat", "unitcell.dat"]);
    const empty = dir();
    expect((await run(["export", "--sc-fermi", empty, "--electrolyte", "LPS", "--mu-li", "-2"])).code).toBe(0);
    expect(fs.readdirSync(empty).sort()).toEqual(["input-fermi.dat", "unitcell.dat"]);
    // no temporary folder is left beside them
    expect(fs.readdirSync(path.dirname(empty)).filter((n) => n.startsWith("."))).toEqual([]);
  });
});

describe("inputs that are not regular files, or too large", () => {
  const cli = path.join(root, "lib/dist/cli/main.js");
  const built = fs.existsSync(cli);
  // a child process with a timeout: on main a FIFO blocks the read for ever
  const runChild = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 20_000 });

  test.skipIf(!built)("a FIFO named *.json in a --materials folder is refused, not read (main: table hangs)", () => {
    const folder = dir();
    execFileSync("mkfifo", [path.join(folder, "pipe.json")]);
    const r = runChild(["table", "--materials", folder]);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pipe\.json.*FIFO/);
    const f = runChild(["fermi", "--sc-fermi", path.join(folder, "pipe.json")]);
    expect(f.signal).toBeNull();
    expect(f.status).toBe(2);
  });

  test.skipIf(!built)("a link to /dev/zero is refused before reading (main: bad_alloc)", () => {
    const folder = dir();
    fs.symlinkSync("/dev/zero", path.join(folder, "zero.json"));
    const r = runChild(["table", "--materials", folder]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/zero\.json.*character device/);
  });

  test("a record file over the size limit is refused", async () => {
    const folder = dir();
    const file = path.join(folder, "big.json");
    fs.writeFileSync(file, `{"id": "big", "pad": "${"x".repeat(17 * 1024 * 1024)}"}`);
    const r = await run(["table", "--materials", file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/big\.json.*MB/);
  });
});

describe("SC-FERMI in full", () => {
  // freeze V_O's total and one charge state of N_O (the example's 999.6 A^3 cell: 12 sites = 1.2e22 cm^-3)
  const frozen = (t: string) => t + "2\nV_O 1e18\nN_O 1e17\n1\nN_O -1 5e16\n";

  test("import reads the frozen section: the record's E_F is fermi's (main: the section was ignored)", async () => {
    const set = scFermiSet(frozen);
    const fermi = await run(["fermi", "--sc-fermi", set.input, "--dos", set.dos, "--unitcell", set.unitcell, "--json"]);
    expect(fermi.code).toBe(0);
    const imported = await run([...importArgs(set, ["--synthesis", "off", "--json"])]);
    expect(imported.err).toBe("");
    const record = JSON.parse(imported.out);
    const material = parseMaterial(JSON.stringify(record), "WG.json") as Electrolyte;
    if (material.fermiLevel.rule !== "defects") throw new Error("defects");
    const system = { ...material.fermiLevel.system, temperature: 300 };
    expect(system.defects.find((d) => d.name === "V_O")?.frozenConcentration).toBe(1e18);
    expect(system.defects.find((d) => d.name === "N_O")?.frozenConcentration).toBeCloseTo(5e16, -8);
    expect(system.dopants).toEqual([{ name: "N_O(-1)", charge: -1, concentration: 5e16 }]);
    // the record holds energies at mu_Li = 0; the file's at mu_Li = -1 eV
    expect(solveFermiLevel(system, -1).fermiLevel).toBeCloseTo(JSON.parse(fermi.out).fermiLevel, 6);
  });

  test.each([
    ["a frozen charge state the defect lacks", (t: string) => t + "0\n1\nV_Li +3 1e15\n", /V_Li has no charge state 3/],
    ["a fixed charge (no defect's) of 1e30 cm^-3", (t: string) => t + "0\n1\nX_Y 1 1e30\n", /concentration/],
    ["a frozen charge state above its sites (1e30 on 8 sites per cell)", (t: string) => t + "0\n1\nV_Li -1 1e30\n", /more defects than sites/],
    ["1e25 electrons per cell", (t: string) => t.replace(/^96$/m, "1e25"), /electron density/],
    ["a charge of -1e6", (t: string) => t.replace(/^ -1 {3}4\.00/m, "-1000000 4.00"), /charge state/],
    ["1e30 sites per cell", (t: string) => t.replace("V_Li 2 8", "V_Li 2 1e30"), /site density/],
  ])("%s: refused by fermi and by import alike, naming the file", async (_label, edit, reason) => {
    const set = scFermiSet(edit);
    const fermi = await run(["fermi", "--sc-fermi", set.input, "--dos", set.dos, "--unitcell", set.unitcell]);
    expect(fermi.code).toBe(2);
    expect(fermi.err).toMatch(reason);
    const imported = await run(importArgs(set));
    expect(imported.code).toBe(2);
    expect(imported.err).toMatch(reason);
    expect(imported.err).toContain("input-fermi.dat");
  });

  test("import --mu-li -5 writes nothing: the record's E_F would leave the gap (main: E_F 7.83 eV in a 5.90 eV gap)", async () => {
    const out = path.join(dir(), "x.json");
    const r = await run([...importArgs(scFermiSet(), ["--out", out])].map((a) => (a === "-1" ? "-5" : a)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E_F/);
    expect(fs.existsSync(out)).toBe(false);
  });

  const llzo = () => parseMaterial(fs.readFileSync(builtinLLZO, "utf8"), "LLZO.json") as Electrolyte;
  const withSystem = (edit: (s: any) => void): Electrolyte => {
    const e = llzo();
    const system = JSON.parse(JSON.stringify((e.fermiLevel as any).system));
    edit(system);
    return { ...e, fermiLevel: { rule: "defects", system } };
  };
  const refusedExport = (e: Electrolyte, mu: number) => {
    try {
      exportScFermi(e, mu);
      return undefined;
    } catch (error) {
      if (error instanceof PotmapError) return error;
      throw error;
    }
  };

  test.each([5, 1e6])("export refuses --mu-li %s (above Li metal)", async (mu) => {
    const folder = path.join(dir(), "set");
    const r = await run(["export", "--sc-fermi", folder, "--electrolyte", "LLZO", "--mu-li", String(mu)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Li chemical potential/);
    expect(fs.existsSync(folder)).toBe(false);
  });

  test.each(["V Li", "V#Li", "V\nLi"])("export refuses the defect name %j (fermi would misread it)", (name) => {
    expect(refusedExport(withSystem((s) => (s.defects[0].name = name)), -1)?.reason).toMatch(/one token/);
  });

  test("export refuses a fractional dopant charge", () => {
    expect(refusedExport(withSystem((s) => (s.dopants = [{ name: "Ta", charge: 0.5, concentration: 1e18 }])), -1)?.reason).toMatch(/whole number/);
  });

  test("a dopant above one site per cell exports to files fermi solves like the record", async () => {
    // 1e21 cm^-3 in the 1000 A^3 cell of a record without a DOS is 1 per cell: main wrote 1 site
    const record = JSON.parse(fs.readFileSync(builtinLLZO, "utf8"));
    record.id = "LLZOTa";
    record.fermiLevel.dopants = [{ name: "Ta_Zr", charge: 1, concentration: { value: 3e21, source: "test" } }];
    const folder = dir();
    const file = path.join(folder, "LLZOTa.json");
    fs.writeFileSync(file, JSON.stringify(record));
    const target = path.join(dir(), "set");
    const r = await run(["export", "--sc-fermi", target, "--electrolyte", "LLZOTa", "--mu-li", "-1", "--materials", file]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const fermi = await run(["fermi", "--sc-fermi", path.join(target, "input-fermi.dat"), "--json"]);
    expect(fermi.code).toBe(0);
    const material = parseMaterial(JSON.stringify(record), "LLZOTa.json") as Electrolyte;
    if (material.fermiLevel.rule !== "defects") throw new Error("defects");
    expect(JSON.parse(fermi.out).fermiLevel).toBeCloseTo(solveFermiLevel(material.fermiLevel.system, -1).fermiLevel, 3);
  });
});

describe("what reaches a spreadsheet or a terminal", () => {
  test("screen CSV: text cells a spreadsheet would execute are quoted with an apostrophe; numbers stay numbers", async () => {
    const { csvCell } = await import("../lib/src/whatif/screenOutput");
    expect(csvCell("-2+3")).toBe(`"'-2+3"`);
    expect(csvCell("=HYPERLINK(1)")).toBe(`"'=HYPERLINK(1)"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("+1")).toBe("+1");
    expect(csvCell("-2.5")).toBe("-2.5");
    expect(csvCell(-2.5)).toBe("-2.5");
    expect(csvCell("LLZO")).toBe("LLZO");
  });

  test("screen --csv with a record named -2+3 writes it safely", async () => {
    const folder = dir();
    const record = JSON.parse(fs.readFileSync(builtinLLZO, "utf8"));
    record.id = "-2+3";
    record.name = "=cmd|' /C calc'!A0";
    fs.writeFileSync(path.join(folder, "x.json"), JSON.stringify(record));
    const csv = path.join(dir(), "out.csv");
    const r = await run(["screen", "--materials", folder, "--csv", csv]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(csv, "utf8");
    expect(text).toContain(`"'-2+3"`);
    expect(text.split("\n").some((line) => /(^|,)[-=+@][^,]*[A-Za-z]/.test(line.replace(/"[^"]*"/g, "")))).toBe(false);
  });

  test("control characters in a record's name are escaped on the terminal", async () => {
    const folder = dir();
    const record = JSON.parse(fs.readFileSync(builtinLLZO, "utf8"));
    record.id = "LLZOesc";
    record.name = "LLZO\u001b[2J\u001b[31mred\u0007\r";
    record.window = { source: "test: a window the example set spans", lower: 1.6, upper: 1.9 };
    fs.writeFileSync(path.join(folder, "x.json"), JSON.stringify(record));
    // import prints the base record's name in its summary
    const set = scFermiSet();
    const r = await run(["import", "--sc-fermi", set.input, "--unitcell", set.unitcell, "--base", "LLZOesc", "--id", "X", "--mu-li", "-1", "--synthesis", "off", "--materials", folder]);
    expect(r.err).toBe("");
    expect(r.out).toContain("LLZO\\x1b[2J");
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const bad = await run(["map", "--materials", folder, "--electrolyte", "X\u001b[2J", "--cathode", "LCO", "--soc", "0%"]);
    expect(bad.code).toBe(2);
    expect(bad.err).not.toMatch(/\u001b/);
  });

  test("check --phase-entries naming a file is refused, not ignored", async () => {
    const r = await run(["check", "--phase-entries", path.join(example, "input-fermi.dat")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--phase-entries.*is not a folder: give the folder/);
  });
});

describe("window and voltage from entries with a unit slip", () => {
  // formation energies per formula unit in the per-atom column: every voltage times the atoms per formula unit
  const perFormulaUnit = (source: string) => {
    const atoms = (f: string) => [...f.matchAll(/([A-Z][a-z]?)([\d.]*)/g)].reduce((n, m) => n + Number(m[2] || 1), 0);
    const lines = fs.readFileSync(path.join(root, "test/fixtures/phase", source), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
    const [header, ...rows] = lines;
    const file = path.join(dir(), `perfu-${source}`);
    fs.writeFileSync(file, [header.split(",").slice(0, 2).join(","), ...rows.map((r) => { const [f, e] = r.split(","); return `${f},${Number(e) * atoms(f)}`; })].join("\n") + "\n");
    return file;
  };

  test("window edges outside 0-6 V are flagged with the likely slip (main: 38 V printed without a word)", async () => {
    const r = await run(["window", "--entries", perFormulaUnit("li-ti-o.csv"), "--formula", "Li2TiO3", "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.lower).toBeGreaterThan(6);
    const flags = json.warnings.filter((w: { code: string }) => w.code === "outside-voltage-range");
    expect(flags).toHaveLength(2);
    expect(flags[0].message).toMatch(/per formula unit/);
  });

  test("an average voltage outside 0-6 V is flagged with the likely slip", async () => {
    const r = await run(["voltage", "--entries", perFormulaUnit("li-co-o-voltage.csv"), "--lithiated", "LiCoO2", "--delithiated", "CoO2", "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.voltage).toBeGreaterThan(6);
    expect(json.warnings[0].message).toMatch(/per formula unit/);
    // a plain voltage of the original entries carries no such warning
    const plain = await run(["voltage", "--entries", path.join(root, "test/fixtures/phase/li-co-o-voltage.csv"), "--lithiated", "LiCoO2", "--delithiated", "CoO2", "--json"]);
    expect(JSON.parse(plain.out).warnings).toBeUndefined();
  });
});
