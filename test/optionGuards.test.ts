/**
 * Option ranges and repeated names on the command line (issue 20): every case here was
 * accepted on main (823c30a), exit 0 with a wrong or meaningless result.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-options-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const scl = ["scl", "--phi0", "0.3", "--nsites", "3e22", "--ef0", "0.1", "--epsilon", "50", "--alpha", "0.1", "--temperature", "300"];
const set = (argv: string[], flag: string, value: string) => argv.map((a, i) => (argv[i - 1] === flag ? value : a));
const cell = ["--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%"];
const importBase = ["import", "--sc-fermi", path.join(scratch, "none.dat"), "--unitcell", path.join(scratch, "none.dat"), "--base", "LLZO", "--id", "X", "--mu-li", "-1"];

async function refused(argv: string[], flag: string) {
  const r = await run(...argv);
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain(`field "${flag}"`);
  return r.stderr;
}

describe("option ranges (shared table core/ranges.ts)", () => {
  test("scl: --epsilon 1e-300 and --phi0 1e6 are refused, a valid layer still solves", async () => {
    expect(await refused(set(scl, "--epsilon", "1e-300"), "--epsilon")).toMatch(/from 1 to 100000/);
    expect(await refused(set(scl, "--phi0", "1e6"), "--phi0")).toMatch(/from -10 to 10 V/);
    expect(await refused(set(scl, "--alpha", "5"), "--alpha")).toMatch(/<= 1/);
    expect((await run(...scl)).code).toBe(0);
  });

  test("dope: a dopant charge of +1000000 is refused", async () => {
    expect(await refused(["dope", "--electrolyte", "LLZO", "--dopant", "Ta_Zr:+1000000:1e20"], "--dopant")).toMatch(/-10 to 10 e/);
    expect((await run("dope", "--electrolyte", "LLZO", "--dopant", "Ta_Zr:+1:1e20", "--points", "2", "--cathode", "LCO", "--soc", "0%")).code).toBe(0);
  });

  test("stack: a layer with two states (LCO:0%:junk) is refused", async () => {
    expect(await refused(["stack", "--layers", "Li,LPS,LCO:0%:junk"], "--layers")).toMatch(/ID or ID:SOC/);
  });

  test("sensitivity: --step 1e-300 (NaN slope on main), 1e300 and --temperature-step 1e9 are refused", async () => {
    const base = ["sensitivity", ...cell];
    await refused([...base, "--step", "1e-300"], "--step");
    await refused([...base, "--step", "1e300"], "--step");
    await refused([...base, "--temperature-step", "1e9"], "--temperature-step");
    await refused([...base, "--factor", "1e300"], "--factor");
  });
});

describe("a name given twice is refused, not the last taken", () => {
  test("--sigma kinds, --dopant names, --freeze and --lithium items", async () => {
    expect(await refused(["uncertainty", "--samples", "2", "--sigma", "bandGap=0.1,bandGap=0.2"], "--sigma")).toMatch(/names bandGap twice/);
    await refused(["dope", "--electrolyte", "LLZO", "--dopant", "Ta_Zr:+1:1e20,Ta_Zr:+1:2e20"], "--dopant");
    await refused(["dope", "--electrolyte", "LiPON", "--quench-temperature", "900", "--quench-voltage", "1", "--freeze", "V_O,V_O"], "--freeze");
    await refused([...importBase, "--lithium", "X_i=1,X_i=2"], "--lithium");
    await refused([...importBase, "--freeze", "V_O,V_O"], "--freeze");
  });

  test("a repeated flag is refused", async () => {
    await refused([...scl, "--phi0", "0.2"], "--phi0");
  });
});

describe("options that would be ignored", () => {
  test("import: --freeze or --synthesis-temperature under --synthesis off", async () => {
    expect(await refused([...importBase, "--synthesis", "off", "--freeze", "V_O"], "--freeze")).toMatch(/no effect with --synthesis off/);
    await refused([...importBase, "--synthesis", "off", "--synthesis-temperature", "1000"], "--synthesis-temperature");
  });

  test("check: --phase-entries naming a file, not a folder", async () => {
    const file = path.join(scratch, "entries.csv");
    fs.writeFileSync(file, "formula,formation_energy_per_atom\nLi,0\n");
    expect(await refused(["check", "--phase-entries", file], "--phase-entries")).toMatch(/is not a folder/);
  });
});

describe("window and voltage outside 0-6 V name the likely unit slip", () => {
  // LiCoO2 -2.0 and CoO2 -1.5 eV/atom give 3.5 V; the same written per formula unit
  // (x4 and x3 atoms) in the per-atom column gives 18.5 V
  const perAtom = "formula,formation_energy_per_atom\nLi,0\nCo,0\nO,0\nLiCoO2,-2.0\nCoO2,-1.5\n";
  const perFormula = "formula,formation_energy_per_atom\nLi,0\nCo,0\nO,0\nLiCoO2,-8.0\nCoO2,-4.5\n";
  const write = (name: string, text: string) => {
    const file = path.join(scratch, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test("voltage: 3.5 V clean, 18.5 V flagged with eV per formula unit named", async () => {
    const ok = JSON.parse((await run("voltage", "--entries", write("atom.csv", perAtom), "--lithiated", "LiCoO2", "--delithiated", "CoO2", "--json")).stdout);
    expect(ok.voltage).toBeCloseTo(3.5, 10);
    expect(ok.warnings).toBeUndefined();
    const r = await run("voltage", "--entries", write("fu.csv", perFormula), "--lithiated", "LiCoO2", "--delithiated", "CoO2", "--json");
    const slip = JSON.parse(r.stdout);
    expect(slip.voltage).toBeCloseTo(18.5, 10);
    expect(slip.warnings.map((w: { code: string }) => w.code)).toEqual(["outside-voltage-range"]);
    expect(slip.warnings[0].message).toMatch(/18\.5 V lies outside 0 to 6 V.*per formula unit/);
    const text = await run("voltage", "--entries", path.join(scratch, "fu.csv"), "--lithiated", "LiCoO2", "--delithiated", "CoO2");
    expect(text.stdout).toMatch(/per formula unit/);
  });

  test("window: an upper edge above 6 V is flagged", async () => {
    const r = JSON.parse((await run("window", "--entries", path.join(scratch, "fu.csv"), "--formula", "LiCoO2", "--json")).stdout);
    const flagged = r.warnings.filter((w: { code: string }) => w.code === "outside-voltage-range");
    expect(flagged.length).toBeGreaterThan(0);
    expect(r.upper === null || r.upper > 6 || r.lower < 0).toBe(true);
  });
});
