/**
 * SC-FERMI inputs (lib/src/scFermi.ts) and `potmap fermi` (lib/src/commandFermi.ts).
 *
 * The fixtures' reference.json files come from test/fixtures/scfermi/make_reference.py, an
 * independent numpy implementation (own parser, own trapezoid rule, bisection).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, test } from "vitest";
import { carrierFunction, TabulatedCarriers } from "../lib/src/defects/carriers";
import { cubicAngstrom, electronMass, elementaryCharge, reducedPlanck } from "../lib/src/core/constants";
import { PotmapError } from "../lib/src/core/errors";
import { DefectSystem } from "../lib/src/defects/defects";
import { solveFermiLevel } from "../lib/src/defects/neutrality";
import { FermiJson, run as fermiRun } from "../lib/src/cli/commands/fermi";
import { Flags, parseFlags } from "./helpers/cliRun";

/** potmap fermi with these flags, parsed by the command's option table. */
const fermi = (flags: Flags) => fermiRun(parseFlags("fermi", flags));
import { loadScFermi, readInputFermi, readTotalDos, readUnitCell } from "../lib/src/io/scFermi";
import { scFermiSystem, solveScFermi } from "../lib/src/defects/scFermiSystem";

const fixtures = path.join(__dirname, "fixtures", "scfermi");
const fixture = (name: string, file: string) => path.join(fixtures, name, file);

interface Reference {
  fermiLevel: number;
  electrons: number;
  holes: number;
  defects: Record<string, { total: number; charges: Record<string, number> }>;
  volume: number;
}
const readReference = (name: string): Reference => JSON.parse(fs.readFileSync(fixture(name, "reference.json"), "utf8"));

/** Run fn and return the PotmapError it throws (failing the test if it does not). */
function thrown(fn: () => unknown): PotmapError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PotmapError);
    return error as PotmapError;
  }
  throw new Error("expected a PotmapError");
}

function expectMessage(fn: () => unknown, ...parts: (string | RegExp)[]): string {
  const message = thrown(fn).message;
  expect(message).not.toMatch(/NaN|undefined|\[object/);
  expect(message.split("\n")).toHaveLength(1);
  for (const part of parts) {
    if (typeof part === "string") expect(message).toContain(part);
    else expect(message).toMatch(part);
  }
  return message;
}

// ------------------------------------------------------------------ parsing

describe("readInputFermi", () => {
  test("wide-gap fixture: header, defects, trailing comments", () => {
    const input = readInputFermi(fs.readFileSync(fixture("wide-gap", "input-fermi.dat"), "utf8"), "wide-gap/input-fermi.dat");
    expect(input.spinPolarised).toBe(false);
    expect(input.electrons).toBe(96);
    expect(input.bandGap).toBe(6);
    expect(input.temperature).toBe(300); // "300   # room temperature"
    expect(input.defects.map((d) => d.name)).toEqual(["V_Li", "Li_i", "V_O", "N_O"]);
    expect(input.defects[2]).toMatchObject({ name: "V_O", nsites: 12 });
    expect(input.defects[2].chargeStates.map(({ charge, energy, degeneracy }) => [charge, energy, degeneracy])).toEqual([
      [2, -5.3, 1],
      [1, -2.4, 2],
      [0, 1.2, 1],
    ]);
    expect(input.frozenDefects).toEqual([]);
    expect(input.frozenChargeStates).toEqual([]);
  });

  test("semiconductor fixture: spin flag 2, frozen defects and charge states, Fortran D exponent", () => {
    const input = readInputFermi(fs.readFileSync(fixture("semiconductor", "input-fermi.dat"), "utf8"));
    expect(input.spinPolarised).toBe(true);
    expect(input.bandGap).toBe(1.2);
    expect(input.frozenDefects).toMatchObject([{ name: "V_X", concentration: 3e16 }]);
    expect(input.frozenChargeStates).toMatchObject([
      { name: "A_Si", charge: -1, concentration: 5e15 },
      { name: "H_i", charge: 1, concentration: 2e15 },
    ]);
  });

  test("the frozen charge-state section may be absent after the frozen defects", () => {
    const input = readInputFermi(`1\n8\n1.0\n300\n1\nV 2 1\n0 1 1\n-1 1.5 1\n1\nV 1e15\n`, "x.dat");
    expect(input.frozenDefects).toMatchObject([{ name: "V", concentration: 1e15 }]);
    expect(input.frozenChargeStates).toEqual([]);
  });
});

describe("readTotalDos", () => {
  test("non-spin-polarised: two columns", () => {
    const dos = readTotalDos("# E dos\n-1 2\n0 1 # VBM\n\n1 0\n2 3\n", "t.dat", false);
    expect(dos.energies).toEqual([-1, 0, 1, 2]);
    expect(dos.dos).toEqual([2, 1, 0, 3]);
    expect(dos.lines).toEqual([2, 3, 5, 6]);
  });

  test("spin polarised: |up| + |down|, column count inferred when not given", () => {
    const dos = readTotalDos("-1 2 -1.5\n0 1 -1\n1 0 0\n", "t.dat");
    expect(dos.spinPolarised).toBe(true);
    expect(dos.dos).toEqual([3.5, 2, 0]);
  });

  test("semiconductor fixture (spin polarised) sums the two spin channels", () => {
    const dos = readTotalDos(fs.readFileSync(fixture("semiconductor", "totdos.dat"), "utf8"), "totdos.dat", true);
    expect(dos.energies[0]).toBe(-12);
    expect(dos.dos[0]).toBeCloseTo(2 * 2.15871169e-1, 12);
  });
});

describe("readUnitCell", () => {
  test("volume = |det| * scale^3", () => {
    expect(readUnitCell(fs.readFileSync(fixture("wide-gap", "unitcell.dat"), "utf8")).volume).toBeCloseTo(999.6, 9);
    const fcc = readUnitCell(fs.readFileSync(fixture("semiconductor", "unitcell.dat"), "utf8"));
    expect(fcc.scale).toBe(2);
    expect(fcc.volume).toBeCloseTo(2 * 1.35 ** 3 * 8, 9);
    // a left-handed cell has a negative determinant: the volume is its absolute value
    expect(readUnitCell("1\n0 1 0\n1 0 0\n0 0 2\n").volume).toBeCloseTo(2, 12);
  });
});

// ------------------------------------------------------------------ against the reference

describe.each(["wide-gap", "semiconductor"])("%s fixture against make_reference.py", (name) => {
  const reference = readReference(name);
  const loaded = loadScFermi({ input: fixture(name, "input-fermi.dat") });
  const result = solveScFermi(loaded.system);

  test("companion files are found next to the input", () => {
    expect(loaded.files.dos).toBe(fixture(name, "totdos.dat"));
    expect(loaded.files.unitcell).toBe(fixture(name, "unitcell.dat"));
    expect(loaded.unitCell.volume).toBeCloseTo(reference.volume, 9);
    expect(loaded.system.carriers.kind).toBe("dos");
    expect(loaded.system.note).toBeUndefined();
  });

  test("E_F within 1e-4 eV and concentrations within 1e-3 relative", () => {
    expect(Math.abs(result.fermiLevel - reference.fermiLevel)).toBeLessThan(1e-4);
    const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-3 * Math.abs(expected));
    close(result.electrons, reference.electrons);
    close(result.holes, reference.holes);
    expect(result.defects.map((d) => d.name).sort()).toEqual(Object.keys(reference.defects).sort());
    for (const d of result.defects) {
      const ref = reference.defects[d.name];
      close(d.total, ref.total);
      expect(Object.keys(d.charges).sort()).toEqual(Object.keys(ref.charges).sort());
      for (const [q, c] of Object.entries(d.charges)) close(c, ref.charges[q]);
    }
    expect(result.residual).toBeLessThan(1e-9);
  });
});

test("semiconductor: frozen totals and frozen charge states are honoured", () => {
  const result = solveScFermi(loadScFermi({ input: fixture("semiconductor", "input-fermi.dat") }).system);
  const byName = Object.fromEntries(result.defects.map((d) => [d.name, d]));
  expect(byName.V_X.total).toBeCloseTo(3e16, -5); // frozen total
  expect(byName.A_Si.charges["-1"]).toBe(5e15); // frozen charge state reported under its defect
  expect(byName.H_i).toEqual({ name: "H_i", total: 2e15, charges: { "1": 2e15 }, frozen: true }); // not a defect: its own entry, no site density
  // carriers matter: electrons are a sizeable part of the negative charge
  expect(result.electrons).toBeGreaterThan(1e16);
});

test("a frozen charge state of a frozen defect: the other charge states share the rest", () => {
  const text = `1\n8\n1.0\n300\n1\nV 3 1\n0 0.5 1\n-1 0.6 1\n-2 0.9 1\n1\nV 1.0e16\n1\nV -2 4.0e15\n`;
  const input = readInputFermi(text, "x.dat");
  const system = scFermiSystem(input, undefined, 40);
  expect(system.defects[0].frozenConcentration).toBeCloseTo(6e15, -3);
  expect(system.defects[0].chargeStates.map((s) => s.charge)).toEqual([0, -1]);
  expect(system.dopants).toEqual([{ name: "V", charge: -2, concentration: 4e15 }]);
  const v = solveScFermi(system).defects[0];
  expect(v.total).toBeCloseTo(1e16, -3);
  expect(v.charges["-2"]).toBe(4e15);
  expect(v.charges["0"] + v.charges["-1"]).toBeCloseTo(6e15, -3);
  // the frozen total must cover the frozen charge states
  expectMessage(() => scFermiSystem(readInputFermi(text.replace("V 1.0e16", "V 1.0e15"), "x.dat"), undefined, 40), "x.dat", "line 11", "1000000000000000", "smaller");
});

test("without totdos.dat: parabolic bands with masses 1 and a note", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-scfermi-"));
  try {
    fs.copyFileSync(fixture("wide-gap", "input-fermi.dat"), path.join(dir, "input-fermi.dat"));
    fs.copyFileSync(fixture("wide-gap", "unitcell.dat"), path.join(dir, "unitcell.dat"));
    const loaded = loadScFermi({ input: path.join(dir, "input-fermi.dat") });
    expect(loaded.system.carriers).toEqual({ kind: "parabolic", electronMass: 1, holeMass: 1, statistics: "fermi-dirac" });
    expect(loaded.system.note).toMatch(/parabolic bands with effective masses 1/);
    const json = fermi({ "sc-fermi": path.join(dir, "input-fermi.dat"), json: true }) as { json: FermiJson };
    expect(json.json.note).toMatch(/no density of states/);
    // in this wide-gap system the carriers are negligible, so E_F hardly moves
    expect(Math.abs(json.json.fermiLevel - readReference("wide-gap").fermiLevel)).toBeLessThan(1e-6);
    // no unitcell.dat: the volume is unavailable
    fs.rmSync(path.join(dir, "unitcell.dat"));
    expectMessage(() => loadScFermi({ input: path.join(dir, "input-fermi.dat") }), "input-fermi.dat", "unitcell", "cell volume");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ------------------------------------------------------------------ the command

describe("solveScFermi guards", () => {
  test("a frozen total above its site density is flagged; the shipped fixture is clean", () => {
    const loaded = loadScFermi({ input: fixture("semiconductor", "input-fermi.dat") });
    const clean = solveScFermi(loaded.system);
    expect(clean.warnings).toEqual([]);
    expect(clean.fermiLevelClass).toBe("non-degenerate");
    const vx = loaded.system.defects.find((d) => d.name === "V_X")!;
    const over = { ...loaded.system, defects: loaded.system.defects.map((d) => (d === vx ? { ...d, frozenConcentration: 10 * d.sites } : d)) };
    const result = solveScFermi(over);
    const entry = result.defects.find((d) => d.name === "V_X")!;
    expect(entry.siteFraction).toBeCloseTo(10, 9);
    expect(entry.frozen).toBe(true);
    // (the frozen acceptors also push the free donor D_i above its sites: flagged too)
    const above = result.warnings.filter((w) => w.code === "above-site-density").map((w) => w.message);
    expect(above).toContainEqual(expect.stringMatching(/^frozen defect V_X at 5\.08e\+23 cm\^-3 is 10\.0 times its 5\.08e\+22 cm\^-3 sites at 300 K: above its site density/));
    expect(above.length).toBe(result.defects.filter((d) => (d.siteFraction ?? 0) > 1).length);
  });
  test("a frozen charge state counts against its defect's sites", () => {
    const loaded = loadScFermi({ input: fixture("semiconductor", "input-fermi.dat") });
    const result = solveScFermi(loaded.system);
    const aSi = result.defects.find((d) => d.name === "A_Si")!;
    const sites = loaded.system.defects.find((d) => d.name === "A_Si")!.sites;
    expect(aSi.siteFractions!["-1"]).toBe(aSi.charges["-1"] / sites);
    expect(aSi.siteFraction).toBe(aSi.total / sites);
  });
});

describe("potmap fermi (run)", () => {
  test("JSON shape of cli.md", async () => {
    const { json, text } = await fermi({ "sc-fermi": fixture("semiconductor", "input-fermi.dat"), json: true });
    const out = JSON.parse(JSON.stringify(json)) as FermiJson;
    expect(Object.keys(out)).toEqual(expect.arrayContaining(["fermiLevel", "electrons", "holes", "defects"]));
    for (const key of ["fermiLevel", "electrons", "holes", "residual", "temperature"] as const) expect(typeof out[key]).toBe("number");
    expect(Object.keys(out.defects)).toEqual(["D_i", "A_Si", "V_X", "H_i"]);
    for (const entry of Object.values(out.defects)) {
      expect(Object.keys(entry).sort()).toEqual(entry === out.defects.H_i ? ["charges", "total"] : ["charges", "siteFraction", "siteFractions", "total"]);
      expect(typeof entry.total).toBe("number");
      for (const [q, c] of Object.entries(entry.charges)) {
        expect(q).toMatch(/^-?\d+$/);
        expect(Number.isFinite(c)).toBe(true);
      }
    }
    expect(out.defects.V_X.charges).toHaveProperty("-1");
    expect(out.fermiLevel).toBeCloseTo(readReference("semiconductor").fermiLevel, 4);
    // text: an aligned table with scientific notation
    expect(text).toMatch(/Self-consistent Fermi level: 1\.06\d\d eV/);
    const rows = text.split("\n");
    const header = rows.find((r) => r.startsWith("defect"))!;
    expect(header).toMatch(/defect\s+charge\s+concentration \(cm\^-3\)/);
    const tableRows = rows.filter((r) => /\d\.\d{3}e[+-]\d+/.test(r) && !r.startsWith("charge residual"));
    expect(tableRows.length).toBeGreaterThanOrEqual(12);
    expect(new Set(tableRows.map((r) => r.length)).size).toBeLessThanOrEqual(2); // right-aligned column (e+16 vs e+1 widths differ by one)
    // the site-fraction column is the total over the defect's sites (nsites / cell volume)
    const loaded = loadScFermi({ input: fixture("semiconductor", "input-fermi.dat") });
    const vx = loaded.system.defects.find((d) => d.name === "V_X")!;
    expect(out.defects.V_X.siteFraction).toBe(out.defects.V_X.total / vx.sites);
    expect(text).toContain("site fraction");
    const vxLine = rows.find((r) => /^V_X\s+total/.test(r))!;
    expect(vxLine).toMatch(/^V_X\s+total\s+3\.000e\+16\s+\S+$/);
    expect(Number(vxLine.trim().split(/\s+/)[3])).toBeCloseTo(out.defects.V_X.siteFraction!, 9);
    expect(text).toMatch(/^\s+-1\s+5\.000e\+15\s+\S+$/m);
  });

  test("--temperature overrides the input, --dos and --unitcell name the companions", async () => {
    const dir = fixture("semiconductor", "");
    const { json } = await fermi({
      "sc-fermi": fixture("semiconductor", "input-fermi.dat"),
      dos: path.join(dir, "totdos.dat"),
      unitcell: path.join(dir, "unitcell.dat"),
      temperature: "600",
      json: true,
    });
    expect((json as FermiJson).temperature).toBe(600);
    expect((json as FermiJson).fermiLevel).not.toBeCloseTo(readReference("semiconductor").fermiLevel, 3);
  });

  test("bad options and missing files", () => {
    expectMessage(() => fermi({ "sc-fermi": fixture("wide-gap", "input-fermi.dat"), temperature: "-5" }), "--temperature", "-5");
    expectMessage(() => fermi({ "sc-fermi": "/nonexistent/input-fermi.dat" }), "/nonexistent/input-fermi.dat", "does not exist");
    expectMessage(
      () => fermi({ "sc-fermi": fixture("wide-gap", "input-fermi.dat"), dos: "/nonexistent/totdos.dat" }),
      "/nonexistent/totdos.dat",
      "does not exist",
    );
    expectMessage(
      () => fermi({ "sc-fermi": fixture("wide-gap", "input-fermi.dat"), unitcell: "/nonexistent/unitcell.dat" }),
      "/nonexistent/unitcell.dat",
      "does not exist",
    );
    // the wide-gap (non-spin) input with the spin-polarised DOS of the other fixture
    expectMessage(
      () => fermi({ "sc-fermi": fixture("wide-gap", "input-fermi.dat"), dos: fixture("semiconductor", "totdos.dat") }),
      "totdos.dat",
      "line 4",
      "expected 2 columns",
    );
  });
});

// ------------------------------------------------------------------ malformed inputs

const good = `# comment
1
8
1.5
300
2
V_A 2 1
 0 1.0 1
-1 1.2 1
D_B 2 1
 1 0.5 1
 0 1.4 2
`;

describe("malformed input-fermi.dat: one clear message per class", () => {
  const parse = (text: string) => () => readInputFermi(text, "in.dat");
  test("the base text parses", () => {
    expect(readInputFermi(good, "in.dat").defects).toHaveLength(2);
  });
  test("fewer charge-state lines than declared (next defect follows)", () => {
    expectMessage(parse(good.replace("V_A 2 1", "V_A 3 1")), "in.dat", "line 7", "value 3", "declares 3 charge states but only 2 charge-state lines follow", 'line 10 is "D_B 2 1"');
  });
  test("fewer charge-state lines than declared (file ends)", () => {
    expectMessage(parse(good.replace("D_B 2 1", "D_B 3 1")), "in.dat", "line 10", "declares 3 charge states but only 2", "file ends after line 12");
  });
  test("more charge-state lines than declared", () => {
    expectMessage(parse(good.replace("V_A 2 1", "V_A 1 1")), "in.dat", "line 9", '"-1 1.2 1"', "fewer charge states than it lists");
  });
  test("fewer defect species declared than listed", () => {
    expectMessage(parse(good.replace("\n2\nV_A", "\n1\nV_A")), "in.dat", "line 10", '"D_B 2 1"', "number of frozen defects", "number of defect species");
  });
  test("more defect species declared than listed", () => {
    expectMessage(parse(good.replace("\n2\nV_A", "\n3\nV_A")), "in.dat", "line 6", "declares 3 defect species", "after 2");
  });
  test("non-numeric fields", () => {
    expectMessage(parse(good.replace("1.5", "1.5eV")), "in.dat", "line 4 (band gap)", '"1.5eV"', "expected a number");
    expectMessage(parse(good.replace("-1 1.2 1", "-1 x1.2 1")), "in.dat", "line 9 (V_A formation energy)", '"x1.2"', "expected a number");
    expectMessage(parse(good.replace("V_A 2 1", "V_A two 1")), "in.dat", "line 7", '"two"', "expected a number");
    expectMessage(parse(good.replace("V_A 2 1", "V_A 2.5 1")), "in.dat", "line 7", '"2.5"', "must be an integer >= 1");
    expectMessage(parse(good.replace("-1 1.2 1", "-0.5 1.2 1")), "in.dat", "line 9 (V_A charge)", '"-0.5"', "whole number");
  });
  test("wrong number of fields on a line", () => {
    expectMessage(parse(good.replace("-1 1.2 1", "-1 1.2")), "in.dat", "line 9", '"-1 1.2"', "expected 3 fields (charge energy degeneracy)");
    expectMessage(parse(good.replace("\n300\n", "\n300 K\n")), "in.dat", "line 5 (temperature)", '"300 K"', "expected 1 field");
  });
  test("negative nsites", () => {
    expectMessage(parse(good.replace("V_A 2 1", "V_A 2 -1")), "in.dat", "line 7 (V_A nsites)", "value \"-1\"", "must not be negative");
  });
  test("negative or zero temperature", () => {
    expectMessage(parse(good.replace("\n300\n", "\n-300\n")), "in.dat", "line 5 (temperature)", '"-300"', "must be positive (K)");
    expectMessage(parse(good.replace("\n300\n", "\n0\n")), "in.dat", "line 5 (temperature)", '"0"', "must be positive (K)");
  });
  test("band gap <= 0", () => {
    expectMessage(parse(good.replace("1.5", "0")), "in.dat", "line 4 (band gap)", '"0"', "must be positive (eV)");
    expectMessage(parse(good.replace("1.5", "-1.5")), "in.dat", "line 4 (band gap)", '"-1.5"', "must be positive (eV)");
  });
  test("spin flag, electrons, degeneracy, duplicates", () => {
    expectMessage(parse(good.replace("# comment\n1\n", "# comment\n3\n")), "in.dat", "line 2 (spin-polarisation flag)", '"3"', "must be 1");
    expectMessage(parse(good.replace("\n8\n", "\n0\n")), "in.dat", "line 3 (number of electrons)", "must be positive");
    expectMessage(parse(good.replace(" 0 1.4 2", " 0 1.4 0")), "in.dat", "line 12 (D_B degeneracy)", "must be positive");
    expectMessage(parse(good.replace("-1 1.2 1", " 0 1.2 1")), "in.dat", "line 9 (V_A charge)", "already given on line 8");
    expectMessage(parse(good.replace("D_B 2 1", "V_A 2 1")), "in.dat", "line 10", '"V_A"', "already defined on line 7");
  });
  test("truncated header", () => {
    expectMessage(parse("1\n8\n1.5\n"), "in.dat", "temperature", "file ends (after line 3)");
  });
  test("frozen section errors", () => {
    expectMessage(parse(good + "1\nX_Y 1e15\n"), "in.dat", "line 14 (frozen defect name)", '"X_Y"', "no defect called X_Y", "V_A, D_B");
    expectMessage(parse(good + "2\nV_A 1e15\n"), "in.dat", "line 13 (number of frozen defects)", "declares 2 frozen defects but only 1");
    expectMessage(parse(good + "1\nV_A -1e15\n"), "in.dat", "line 14 (V_A frozen concentration)", '"-1e15"', "must not be negative");
    expectMessage(parse(good + "1\nV_A abc\n"), "in.dat", "line 14 (V_A frozen concentration)", '"abc"', "expected a number");
    expectMessage(parse(good + "0\n2\nV_A -1 1e15\n"), "in.dat", "line 14 (number of frozen charge states)", "declares 2 frozen charge states but only 1");
    expectMessage(parse(good + "0\n1\nV_A -1 1e15 7\n"), "in.dat", "line 15", "expected 3 fields (name charge concentration)");
    expectMessage(parse(good + "0\n1\nV_A -1 1e15\nextra\n"), "in.dat", "line 16", '"extra"', "input is complete before this line");
  });
});

describe("malformed totdos.dat", () => {
  test("dos / energy column mismatch", () => {
    expectMessage(() => readTotalDos("-1 1\n0 1 2\n1 0\n", "dos.dat", false), "dos.dat", "line 2 (columns)", '"0 1 2"', "expected 2 columns");
    expectMessage(() => readTotalDos("-1 1\n0 1\n", "dos.dat", true), "dos.dat", "line 1 (columns)", "expected 3 columns (energy dos_up dos_down: spin polarised)");
    expectMessage(() => readTotalDos("-1 1 1 1\n0 1 1 1\n", "dos.dat"), "dos.dat", "line 1 (columns)", "found 4");
  });
  test("unsorted or repeated energies", () => {
    expectMessage(() => readTotalDos("# h\n-1 1\n1 1\n0.5 1\n", "dos.dat"), "dos.dat", "line 4 (energy)", '"0.5"', "increase strictly", "line 3 has 1");
    expectMessage(() => readTotalDos("-1 1\n-1 1\n", "dos.dat"), "dos.dat", "line 2 (energy)", "increase strictly");
  });
  test("non-numeric values, negative DOS, too short", () => {
    expectMessage(() => readTotalDos("-1 1\n0 nan\n", "dos.dat"), "dos.dat", "line 2 (dos)", '"nan"', "expected a number");
    expectMessage(() => readTotalDos("-1 1\n0 -0.5\n", "dos.dat", false), "dos.dat", "line 2 (dos)", '"-0.5"', "must not be negative");
    expectMessage(() => readTotalDos("# only\n-1 1\n", "dos.dat"), "dos.dat", "rows", "at least two rows");
  });
  test("a DOS that does not span 0 .. band gap", () => {
    const input = readInputFermi(good, "in.dat");
    const above = readTotalDos("0.1 1\n1 0\n2 1\n", "dos.dat");
    expectMessage(() => scFermiSystem(input, above, 40), "dos.dat", "line 1 (energy)", "value 0.1", "starts above the VBM");
    const short = readTotalDos("-1 1\n0 1\n1 0\n1.4 1\n", "dos.dat");
    expectMessage(() => scFermiSystem(input, short, 40), "dos.dat", "line 4 (energy)", "value 1.4", "ends below the CBM (1.5 eV");
    const empty = readTotalDos("-1 0\n0 0\n1 0\n2 1\n", "dos.dat");
    expectMessage(() => scFermiSystem(input, empty, 40), "dos.dat", "zero everywhere below mid-gap");
  });
});

describe("malformed unitcell.dat", () => {
  test("each class", () => {
    expectMessage(() => readUnitCell("# nothing\n", "cell.dat"), "cell.dat", "scale factor", "no scale factor");
    expectMessage(() => readUnitCell("x\n1 0 0\n0 1 0\n0 0 1\n", "cell.dat"), "cell.dat", "line 1 (scale factor)", '"x"', "expected a number");
    expectMessage(() => readUnitCell("-1\n1 0 0\n0 1 0\n0 0 1\n", "cell.dat"), "cell.dat", "line 1 (scale factor)", "must be positive");
    expectMessage(() => readUnitCell("1\n1 0 0\n0 1 0\n", "cell.dat"), "cell.dat", "lattice vector 3", "ends (after line 3)");
    expectMessage(() => readUnitCell("1\n1 0 0\n0 1\n0 0 1\n", "cell.dat"), "cell.dat", "line 3 (lattice vector 2)", '"0 1"', "expected 3 fields");
    expectMessage(() => readUnitCell("1\n1 0 0\n0 1 y\n0 0 1\n", "cell.dat"), "cell.dat", "line 3 (lattice vector 2)", '"y"');
    expectMessage(() => readUnitCell("1\n1 0 0\n2 0 0\n0 0 1\n", "cell.dat"), "cell.dat", "line 2 (lattice vectors)", "zero cell volume");
    expectMessage(() => readUnitCell("1\n1 0 0\n0 1 0\n0 0 1\n1 1 1\n", "cell.dat"), "cell.dat", "line 5", "only a scale factor and three lattice vectors");
  });
});

// ------------------------------------------------------------------ tabulated vs parabolic

describe("a DOS tabulated from parabolic bands reproduces the parabolic Fermi-Dirac carriers", () => {
  // Grid step h = 0.25 meV (~kT/100 at 300 K). The trapezoid rule on the sqrt band edge has a
  // relative error of about 0.23 (h/kT)^1.5 ~ 2e-4; tolerance: 1e-3 relative on n and p,
  // 1e-4 eV on E_F.
  const gap = 1.0;
  const volume = 40; // Angstrom^3
  const me = 0.5;
  const mh = 0.8;
  const step = 0.00025;
  const bottom = -1.5;
  const top = gap + 1.5;
  /** states/eV per cell of a parabolic band, depth = |E - E_edge| in eV */
  const bandDos = (mass: number, depth: number) =>
    depth <= 0
      ? 0
      : ((volume * 1e-30) / (2 * Math.PI ** 2)) *
        Math.pow((2 * mass * electronMass) / reducedPlanck ** 2, 1.5) *
        Math.sqrt(depth * elementaryCharge) *
        elementaryCharge;
  const count = Math.round((top - bottom) / step) + 1;
  const energies = Array.from({ length: count }, (_, i) => bottom + i * step);
  const dos = energies.map((e) => bandDos(mh, -e) + bandDos(me, e - gap));
  // the valence branch (E <= mid-gap) integrated with the trapezoid rule on the grid: with
  // `electrons` set to exactly this, the normalisation leaves the DOS unscaled
  let electrons = 0;
  for (let i = 0; i + 1 < count && energies[i + 1] <= gap / 2; i++) electrons += ((energies[i + 1] - energies[i]) * (dos[i] + dos[i + 1])) / 2;
  const tabulated: TabulatedCarriers = { kind: "dos", energies, dos, electrons, volume };
  const parabolic = { kind: "parabolic", electronMass: me, holeMass: mh, statistics: "fermi-dirac" } as const;

  test("n(E_F) and p(E_F) across and beyond the gap (degenerate included)", () => {
    const t = carrierFunction(tabulated, gap, 300);
    const p = carrierFunction(parabolic, gap, 300);
    for (const ef of [-0.05, 0, 0.2, 0.5, 0.8, 1.0, 1.05]) {
      const a = t(ef);
      const b = p(ef);
      expect(Math.abs(Math.expm1(a.logElectrons - b.logElectrons))).toBeLessThan(1e-3);
      expect(Math.abs(Math.expm1(a.logHoles - b.logHoles))).toBeLessThan(1e-3);
    }
  });

  test("the self-consistent E_F agrees", () => {
    const sites = 1 / (volume * cubicAngstrom);
    const system = (carriers: DefectSystem["carriers"]): DefectSystem => ({
      bandGap: gap,
      temperature: 300,
      carriers,
      defects: [
        // a shallow donor ((+1/0) at 0.95 eV) pins E_F near the CBM: degenerate electrons
        { name: "D", sites, chargeStates: [{ charge: 1, energy: -0.75 }, { charge: 0, energy: 0.2 }] },
        { name: "A", sites, chargeStates: [{ charge: 0, energy: 0.9 }, { charge: -1, energy: 1.6 }] },
      ],
    });
    const a = solveFermiLevel(system(tabulated), 0);
    const b = solveFermiLevel(system(parabolic), 0);
    expect(b.electrons).toBeGreaterThan(1e17); // carriers matter in this system
    expect(Math.abs(a.fermiLevel - b.fermiLevel)).toBeLessThan(1e-4);
    expect(Math.abs(a.electrons / b.electrons - 1)).toBeLessThan(1e-3);
  });
});
