import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { averageVoltage } from "../lib/src/thermo/averageVoltage";
import { requiredOptions, runFlags } from "./helpers/cliRun";
import { parsePhaseEntriesCsv, readPhaseEntries } from "../lib/src/io/phaseEntries";

const fixture = (name: string) => path.resolve(__dirname, "fixtures/phase", name);
// CI checks out shared/ beside the repository (or beside a parent of it, for git worktrees).
const shared = (name: string) => {
  for (let dir = path.resolve(__dirname, ".."); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "data", "phase-entries", name);
    if (fs.existsSync(candidate) || path.dirname(dir) === dir) return candidate;
  }
};

/*
 * Toy Li-Co-O (fixtures/phase/li-co-o-voltage.csv), energies per formula
 * unit: LiCoO2 4 x -2.0 = -8.0, Li0.5CoO2 3.5 x -1.8 = -6.3, CoO2 3 x -1.5 =
 * -4.5, Li 0 (a Li polymorph at +0.02 and a LiCoO2 polymorph at -1.9 must be
 * ignored). Eq. 3: V = -(E[Li_a X] - E[Li_b X] - (a - b) E[Li]) / (a - b).
 */
describe("average voltage, toy Li-Co-O (closed form)", () => {
  const entries = readPhaseEntries(fixture("li-co-o-voltage.csv"));

  it("LiCoO2 -> CoO2", () => {
    const v = averageVoltage(entries, "LiCoO2", "CoO2");
    expect(v.voltage).toBeCloseTo(-(-8.0 - -4.5) / 1, 12); // 3.5 V
    expect(v.exchanged).toBe(1);
    expect(v.lithiatedEntry.energyPerAtom).toBe(-2.0);
  });

  it("half delithiation, written as a fractional or as a reduced formula", () => {
    const expected = -(-8.0 - -6.3) / 0.5; // 3.4 V
    expect(averageVoltage(entries, "LiCoO2", "Li0.5CoO2").voltage).toBeCloseTo(expected, 12);
    expect(averageVoltage(entries, "LiCoO2", "LiCo2O4").voltage).toBeCloseTo(expected, 12);
    expect(averageVoltage(entries, "Li2Co2O4", "LiCo2O4").voltage).toBeCloseTo(expected, 12);
    expect(averageVoltage(entries, "LiCoO2", "LiCo2O4").exchanged).toBeCloseTo(0.5, 12);
  });

  it("the two halves average to the whole", () => {
    const whole = averageVoltage(entries, "LiCoO2", "CoO2").voltage;
    const first = averageVoltage(entries, "LiCoO2", "LiCo2O4").voltage;
    const second = averageVoltage(entries, "LiCo2O4", "CoO2").voltage;
    expect(second).toBeCloseTo(-(-6.3 - -4.5) / 0.5, 12); // 3.6 V
    expect((first + second) / 2).toBeCloseTo(whole, 12);
  });

  it("uses E[Li] of the entries when it is not zero", () => {
    // Formation energies relative to a different Li reference shift V by that amount.
    const text = "formula,formation_energy_per_atom\nLi,0.1\nLiCoO2,-2.0\nCoO2,-1.5\n";
    expect(averageVoltage(parsePhaseEntriesCsv(text), "LiCoO2", "CoO2").voltage).toBeCloseTo(3.5 + 0.1, 12);
  });

  it("errors: different hosts, wrong order, missing entries, bad formulas", () => {
    expect(() => averageVoltage(entries, "LiCoO2", "NiO2")).toThrow(
      /field "delithiated", value "NiO2": lithiated LiCoO2 and delithiated NiO2 do not share the same host/,
    );
    expect(() => averageVoltage(entries, "LiCoO2", "Co2O3")).toThrow(/do not share the same host/);
    expect(() => averageVoltage(entries, "CoO2", "LiCoO2")).toThrow(/field "lithiated", value "CoO2": lithiated formula must contain more Li/);
    expect(() => averageVoltage(entries, "LiCoO2", "LiCoO2")).toThrow(/must contain more Li/);
    expect(() => averageVoltage(entries, "Li2CoO2", "CoO2", { file: "x.csv" })).toThrow(
      /x\.csv, field "lithiated", value "Li2CoO2": no phase entry has this composition/,
    );
    expect(() => averageVoltage(entries, "LiCoO2", "CoQ2")).toThrow(/field "delithiated", value "CoQ2": unknown element symbol "Q"/);
    expect(() => averageVoltage(entries, "Li", "CoO2")).toThrow(/no host/);
  });

  it("generalises to another ion", () => {
    const text = "formula,formation_energy_per_atom\nNa,0\nNaCoO2,-1.5\nCoO2,-1.5\n";
    expect(averageVoltage(parsePhaseEntriesCsv(text), "NaCoO2", "CoO2", { ion: "Na" }).voltage).toBeCloseTo(1.5, 12);
  });
});

describe("LiCoO2 voltages from the shared MP2020 entries vs an independent pymatgen computation", () => {
  const entries = readPhaseEntries(shared("mp2020-li-co-ni-o.csv"));
  // Reference: literature-values.md, "From the shared MP2020 entries".
  it("LiCoO2 -> CoO2 about 3.77 V", () => {
    const v = averageVoltage(entries, "LiCoO2", "CoO2");
    expect(Math.abs(v.voltage - 3.77)).toBeLessThan(0.01);
    expect(v.lithiatedEntry.id).toBe("mp-22526");
    expect(v.delithiatedEntry.id).toBe("mp-1400906");
  });
  it("LiCoO2 -> Li0.5CoO2 (LiCo2O4) about 3.42 V", () => {
    const v = averageVoltage(entries, "LiCoO2", "Li0.5CoO2");
    expect(Math.abs(v.voltage - 3.42)).toBeLessThan(0.01);
    expect(v.delithiatedEntry.id).toBe("mp-774082");
  });
});

describe("potmap voltage command", () => {
  it("prints the cli.md JSON and a text table", async () => {
    const result = (await runFlags("voltage", {
      entries: fixture("li-co-o-voltage.csv"),
      lithiated: "LiCoO2",
      delithiated: "CoO2",
      json: true,
    })) as { json: Record<string, unknown>; text: string };
    expect(Object.keys(result.json)).toEqual(["voltage", "lithiated", "delithiated"]); // no warnings at 3.5 V
    expect(result.json.voltage as number).toBeCloseTo(3.5, 12);
    expect(result.json).toMatchObject({ lithiated: "LiCoO2", delithiated: "CoO2" });
    expect(result.text).toMatch(/voltage\s+3\.500 V vs Li/);
    expect(requiredOptions("voltage")).toEqual(["entries", "lithiated", "delithiated"]);
  });
  it("reports bad input as one PotmapError line", async () => {
    await expect(runFlags("voltage", { entries: fixture("bad-energy.csv"), lithiated: "Li2O", delithiated: "O" })).rejects.toThrow(
      /bad-energy\.csv, line 4, field "formation_energy_per_atom", value "abc"/,
    );
    await expect(runFlags("voltage", { entries: fixture("li-co-o-voltage.csv"), lithiated: "LiCoO2" })).rejects.toThrow(
      /--delithiated.*is required/,
    );
  });
});
