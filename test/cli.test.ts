import { describe, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";

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
    [["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "50%"], /field "--soc", value "50%"/],
    [["map", "--electrolyte", "LLZO", "--cathode", "LCO"], /field "--soc": is required/],
    [["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--temperature", "-5"], /field "--temperature", value "-5": must be positive/],
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
