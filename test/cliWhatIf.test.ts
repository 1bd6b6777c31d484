import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { main } from "../lib/src/cli/main";
import { builtinMaterialsFolder } from "../lib/src/io/readMaterials";

// Commands return data and main writes it through its writers (progress bars and failure lists
// too); process.stderr is watched to prove that nothing bypasses them.
let sideStderr = "";
beforeEach(() => {
  sideStderr = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: any) => {
    sideStderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr, sideStderr };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-cli-"));
  fs.mkdirSync(path.join(dir, "materials"));
  const builtin = builtinMaterialsFolder();
  for (const name of fs.readdirSync(builtin)) fs.copyFileSync(path.join(builtin, name), path.join(dir, "materials", name));
  fs.writeFileSync(path.join(dir, "materials", "zz-broken.json"), "{");
  const r = JSON.parse(fs.readFileSync(path.join(builtin, "LPS.json"), "utf8"));
  r.id = "LPS-BAD";
  r.bandGap.value = -1;
  fs.writeFileSync(path.join(dir, "materials", "zz-negative-gap.json"), JSON.stringify(r));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("potmap screen", () => {
  test("--json: exactly one JSON document on stdout; CSV and JSON files written; no stderr when clean", async () => {
    const csv = path.join(dir, "out.csv");
    const jsonFile = path.join(dir, "out.json");
    const { code, stdout, stderr, sideStderr } = await run("screen", "--json", "--csv", csv, "--json-out", jsonFile, "--progress", "off");
    expect(code).toBe(0);
    expect(stderr + sideStderr).toBe("");
    const doc = JSON.parse(stdout);
    expect(doc.configurations).toBe(48);
    expect(doc.computed).toBe(48);
    expect(doc.failures).toEqual([]);
    expect(doc.pairs[0].rank).toBe(1);
    expect(doc.pairs.map((p: any) => p.worstAbsDphiCathode)).toEqual([...doc.pairs.map((p: any) => p.worstAbsDphiCathode)].sort((a: number, b: number) => a - b));
    expect(fs.readFileSync(csv, "utf8").trim().split("\n")).toHaveLength(49);
    const written = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
    expect(written.pairs).toEqual(doc.pairs);
  });

  test("bad records: listed at the end on stderr and in the JSON, the rest ranked, exit 0", async () => {
    const { code, stdout, stderr, sideStderr } = await run("screen", "--materials", path.join(dir, "materials"), "--json");
    expect(code).toBe(0);
    expect(sideStderr).toBe("");
    const doc = JSON.parse(stdout);
    expect(doc.computed).toBe(48);
    // the copies of the built-in records replace them (same role and id, another file)
    expect(doc.replaced).toHaveLength(fs.readdirSync(builtinMaterialsFolder()).length);
    expect(doc.failures).toHaveLength(2);
    expect(doc.failures[0].reason).toMatch(/zz-broken.json: malformed JSON/);
    expect(doc.failures[1].reason).toMatch(/zz-negative-gap.json, field "bandGap(.value)?", value -1/);
    expect(stderr).toMatch(/^potmap screen: 2 failures \(the rest was computed\):\n {2}.*zz-broken.json.*\n {2}.*zz-negative-gap.json/);
  });

  test("--progress on: progress on stderr only; text mode gives a ranking table", async () => {
    const { code, stdout, stderr, sideStderr } = await run("screen", "--progress", "on", "--top", "3");
    expect(code).toBe(0);
    expect(sideStderr).toBe("");
    expect(stderr).toMatch(/potmap screen.*100%/);
    expect(stdout).not.toMatch(/%.*configurations \(/);
    expect(stdout).toMatch(/rank\s+electrolyte\s+cathode\s+worst \|dphi_c\|/);
    expect(stdout).toMatch(/\.\.\. 17 more pairs/);
  });
});

describe("potmap dope / sweep-temperature / uncertainty / sensitivity", () => {
  test("dope --json: Ta-doped LLZO shifts E_F by the same amount at every voltage and both jumps by it", async () => {
    const { code, stdout, stderr } = await run("dope", "--electrolyte", "LLZO", "--dopant", "Ta_Zr:+1:2.2e21", "--cathode", "LCO", "--json");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const doc = JSON.parse(stdout);
    const shift = doc.fermiLevels[0].shift;
    expect(shift).toBeGreaterThan(0.4);
    for (const r of doc.fermiLevels) expect(r.shift).toBeCloseTo(shift, 6);
    expect(doc.jumps.map((j: any) => j.soc)).toEqual(["0%", "100%"]);
    for (const j of doc.jumps) {
      expect(j.changeDphiAnode).toBeCloseTo(shift, 6);
      expect(j.changeDphiCathode).toBeCloseTo(-shift, 6);
    }
  });

  test("dope --quench-temperature: frozen antisites in LiPON, equal to the shipped E_F at the processing voltage and temperature", async () => {
    const { code, stdout } = await run("dope", "--electrolyte", "LiPON", "--quench-temperature", "300", "--quench-voltage", "1.17", "--from", "0.68", "--to", "1.66", "--points", "3", "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.quench.frozen.map((f: any) => f.name)).toEqual(["N_O", "O_N"]);
    expect(doc.fermiLevels[1].voltage).toBeCloseTo(1.17, 12);
    expect(doc.fermiLevels[1].shift).toBeCloseTo(0, 8);
    expect(Math.abs(doc.fermiLevels[2].shift)).toBeGreaterThan(0.05);
  });

  test("sweep-temperature --json", async () => {
    const { code, stdout } = await run("sweep-temperature", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--from", "250", "--to", "600", "--count", "8", "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.rows.map((r: any) => r.temperature)).toEqual([250, 300, 350, 400, 450, 500, 550, 600]);
    // LLZO: V_Li(-)/Li_i(+) Frenkel balance with V_Li on all 28 Li sites per cell and 1 Li_i site
    // (structure and Squires et al.), so E_F = const + (kT/2) ln 28 and dphi_c moves by (k/2) ln 28 per kelvin over 250-600 K
    expect(doc.spread.dphiCathode).toBeCloseTo((8.617333e-5 * (600 - 250) * Math.log(2.65e22 / 9.4641e20)) / 2, 4);
  });

  test("uncertainty --json is seeded: the same seed prints the same document", async () => {
    const a = await run("uncertainty", "--samples", "20", "--seed", "3", "--json");
    const b = await run("uncertainty", "--samples", "20", "--seed", "3", "--json");
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc.samples).toBe(20);
    expect(doc.ranking).toHaveLength(20);
    expect(Object.keys(doc.ranking[0].pBarrierless).length).toBeGreaterThan(0);
    const c = await run("uncertainty", "--samples", "20", "--seed", "3", "--sigma", "ionizationPotential=0", "--json");
    for (const conf of JSON.parse(c.stdout).configurations) expect(conf.dphiCathode.sd).toBeLessThan(1e-12);
  });

  test("uncertainty over a folder with bad files: they are left out, listed on stderr and in the JSON", async () => {
    const { code, stdout, stderr, sideStderr } = await run("uncertainty", "--materials", path.join(dir, "materials"), "--samples", "5", "--json");
    expect(code).toBe(0);
    expect(sideStderr).toBe("");
    const doc = JSON.parse(stdout);
    expect(doc.inputFailures.map((f: any) => path.basename(f.file))).toEqual(["zz-broken.json", "zz-negative-gap.json"]);
    expect(doc.configurations).toHaveLength(48);
    expect(stderr).toMatch(/potmap uncertainty: 2 file\(s\) left out/);
  });

  test("sensitivity --json and --figure", async () => {
    const figure = path.join(dir, "tornado.json");
    const { code, stdout } = await run("sensitivity", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--step", "0.2", "--figure", figure, "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const ip = doc.entries.find((e: any) => e.input === "cathode.ionizationPotential");
    expect(ip.slope).toBeCloseTo(-1, 10);
    expect(ip.high.change).toBeCloseTo(-0.2, 10);
    const fig = JSON.parse(fs.readFileSync(figure, "utf8"));
    expect(fig.data[0].orientation).toBe("h");
    expect(fig.layout.xaxis.title.text).toMatch(/\(V\)/);
  });
});

describe("issues 20 and 21: declared sigmas, correlated draws, guards in the Monte Carlo", () => {
  test("sensitivity --per-sigma reads the declared uncertainty of a --materials record", async () => {
    const folder = path.join(dir, "sigma");
    fs.mkdirSync(folder, { recursive: true });
    const lco = JSON.parse(fs.readFileSync(path.join(builtinMaterialsFolder(), "LCO.json"), "utf8"));
    lco.states[0].ionizationPotential.uncertainty = 0.3;
    fs.writeFileSync(path.join(folder, "LCO.json"), JSON.stringify(lco));
    const { code, stdout } = await run("sensitivity", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--per-sigma", "--materials", folder, "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const ip = doc.entries.find((e: any) => e.input === "cathode.ionizationPotential");
    expect(ip).toMatchObject({ sigma: 0.3, sigmaDeclared: true, step: "±0.3 eV (1σ declared)" });
    expect(ip.high.change).toBeCloseTo(-0.3, 10);
    expect(doc.entries.find((e: any) => e.input === "cathode.ocv")).toMatchObject({ sigma: 0.05, sigmaDeclared: false });
    const text = await run("sensitivity", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--per-sigma", "--materials", folder);
    expect(text.stdout).toMatch(/each input moved by its one sigma: 1 declared by their records/);
  });

  test("sensitivity --step 1e-300: refused with the input named, no NaN", async () => {
    const { code, stdout, stderr } = await run("sensitivity", "--electrolyte", "LPS", "--cathode", "LCO", "--soc", "0%", "--step", "1e-300");
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    // the option's range (core/ranges.ts energyStep) refuses it first; the library's own check
    // (a step that does not move an input at double precision) is tested in sensitivity.test.ts
    expect(stderr).toMatch(/field "--step", value "1e-300": must be a number from 0\.0001 to 1 eV or V/);
  });

  test("uncertainty --sigma bandGap=20: no NaN printed, pairs without a valid sample listed as not ranked", async () => {
    const { code, stdout } = await run("uncertainty", "--samples", "20", "--sigma", "bandGap=20");
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/NaN|Infinity/);
    expect(stdout).toMatch(/not ranked \(no valid sample\): /);
    expect(stdout).toMatch(/valid samples/);
  });

  test("uncertainty counts the samples whose guards warn, and says the cathode states share their offset draw", async () => {
    const { code, stdout } = await run("uncertainty", "--samples", "100", "--sigma", "defectEnergy=0.1");
    expect(code).toBe(0);
    expect(stdout).toMatch(/the states of one cathode share their IP \(offset\) draw/);
    const m = stdout.match(/(\d+) had a configuration whose guards warned/);
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(stdout).toMatch(/LPO near a band edge \d+ \(\d+%\), at or beyond it \d+/);
    const apart = await run("uncertainty", "--samples", "3", "--independent-states");
    expect(apart.stdout).toMatch(/the states of one cathode are drawn independently/);
  });
});

describe("bad input: one line on stderr naming the flag and value, nothing on stdout", () => {
  test.each([
    [["screen", "--progress", "sometimes"], /field "--progress", value "sometimes"/],
    [["screen", "--threshold", "-1"], /field "--threshold", value "-1"/],
    [["screen", "--only", "--materials", "/nonexistent"], /field "--materials", value "\/nonexistent"/],
    [["screen", "--only"], /field "--only": needs --materials/],
    [["dope", "--electrolyte", "LLZO", "--dopant", "Ta_Zr:+1"], /field "--dopant", value "Ta_Zr:\+1"/],
    [["dope", "--electrolyte", "LLZO", "--quench-temperature", "1500"], /field "--quench-voltage": is required/],
    [["dope", "--electrolyte", "LiPON", "--quench-temperature", "900", "--quench-voltage", "1", "--freeze", "X"], /field "--freeze", value "X"/],
    [["sweep-temperature", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--count", "0"], /field "--count", value "0"/],
    [["uncertainty", "--samples", "many"], /field "--samples", value "many"/],
    [["uncertainty", "--sigma", "ip=0.1"], /field "--sigma", value "ip"/],
    [["uncertainty", "--only", "--materials", "/nonexistent"], /field "--materials", value "\/nonexistent": no such file or folder/],
    [["uncertainty", "--anode", "Na"], /field "--anode", value "Na": unknown anode/],
    [["sensitivity", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--factor", "0.5"], /field "--factor", value "0.5"/],
    [["sensitivity", "--electrolyte", "LLZO", "--cathode", "LCO"], /field "--soc": is required/],
  ])("%j", async (argv, message) => {
    const { code, stdout, stderr, sideStderr } = await run(...(argv as string[]));
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(sideStderr).toBe("");
  });
});
