import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { requiredOptions, runFlags } from "./helpers/cliRun";
import { PotmapError } from "../lib/src/core/errors";
import { decompose, energyAboveHull, phaseDiagram } from "../lib/src/thermo/phaseDiagram";
import { parsePhaseEntriesCsv, readPhaseEntries } from "../lib/src/io/phaseEntries";
import { reactionProfile, stabilityWindow } from "../lib/src/thermo/stabilityWindow";

const fixture = (name: string) => path.resolve(__dirname, "fixtures/phase", name);
// CI checks out /work/shared beside the repository.
const shared = (name: string) => path.resolve(__dirname, "../../shared/data/phase-entries", name);

/*
 * Toy Li-Ti-O system (test/fixtures/phase/li-ti-o.csv), formation energies
 * per formula unit: Li2O -6, TiO2 -9, Li2TiO3 -16.5, Li4TiO4 -22.95 (eV).
 * For the Ti:O = 1:3 of Li2TiO3 the candidate product sets and their grand
 * potentials Phi(V) = E + N V (N = Li per Ti) are
 *   Ti + 3 Li2O             -18      + 6 V
 *   3/4 Li4TiO4 + 1/4 Ti    -17.2125 + 3 V
 *   Li2TiO3                 -16.5    + 2 V
 *   TiO2 + 1/2 O2           -9
 * so the steps are at 0.7875/3 = 0.2625 V, 0.7125 V and 7.5/2 = 3.75 V, and
 * the window of Li2TiO3 is 0.7125-3.75 V.
 */
// Window edges where the Li2TiO3 line meets its neighbours.
const toyLower = (-16.5 - 0.75 * -22.95) / (3 - 2); // 0.7125
const toyUpper = (-9 - -16.5) / (2 - 0); // 3.75

describe("stability window, toy Li-Ti-O system (closed form)", () => {
  const entries = readPhaseEntries(fixture("li-ti-o.csv"));

  it("finds the window edges and products exactly", async () => {
    const w = await stabilityWindow(entries, "Li2TiO3");
    expect(w.lower).toBeCloseTo(toyLower, 9);
    expect(w.lower).toBeCloseTo(0.7125, 9);
    expect(w.upper).toBeCloseTo(toyUpper, 9);
    expect(w.reducedTo).toEqual(["Li4TiO4", "Ti"]);
    expect(w.oxidizedTo).toEqual(["TiO2", "O2"]);
    expect(w.stableAs).toEqual(["Li2TiO3"]);
    expect(w.energyAboveHull).toBe(0);
    expect(w.formula).toBe("Li2TiO3");
  });

  it("gives the whole step function of Li uptake", async () => {
    const steps = await reactionProfile(entries, "Li2TiO3");
    expect(steps.map((s) => s.uptake)).toEqual([4, 1, 0, -2]);
    expect(steps.map((s) => s.products)).toEqual([["Li2O", "Ti"], ["Li4TiO4", "Ti"], ["Li2TiO3"], ["TiO2", "O2"]]);
    const edges = steps.map((s) => s.upper);
    expect(edges[0]).toBeCloseTo(0.2625, 9);
    expect(edges[1]).toBeCloseTo(0.7125, 9);
    expect(edges[2]).toBeCloseTo(3.75, 9);
    expect(edges[3]).toBe(Infinity);
    expect(steps[0].lower).toBe(0);
  });

  it("other compounds of the toy: Li4TiO4 and Li2O (stable against Li metal)", async () => {
    const l4 = await stabilityWindow(entries, "Li4TiO4");
    expect(l4.lower).toBeCloseTo((-22.95 - -24) / 4, 9); // Li4TiO4 + 4 Li -> 4 Li2O + Ti
    expect(l4.upper).toBeCloseTo((-16.5 - -22.95) / 2, 9); // -> Li2TiO3 + 1/2 O2 + 2 Li
    const li2o = await stabilityWindow(entries, "Li2O");
    expect(li2o).toMatchObject({ lower: 0, reducedTo: [], oxidizedTo: ["O2"] });
    expect(li2o.upper).toBeCloseTo(3, 9);
  });

  it("does not depend on how the formula is scaled or written", async () => {
    for (const formula of ["Li4Ti2O6", "Li0.5Ti0.25O0.75", "Li2(TiO3)", "Ti1Li2O3"]) {
      const w = await stabilityWindow(entries, formula);
      expect(w.lower).toBeCloseTo(0.7125, 9);
      expect(w.upper).toBeCloseTo(3.75, 9);
      expect(w.formula).toBe(formula);
    }
  });

  it("ignores the higher-energy polymorph", async () => {
    const withoutPolymorph = entries.filter((e) => e.id !== "toy-li2tio3-b");
    expect(await stabilityWindow(withoutPolymorph, "Li2TiO3")).toEqual(await stabilityWindow(entries, "Li2TiO3"));
  });

  it("gives the same window from MP-style JSON computed entries with corrections", async () => {
    const json = readPhaseEntries(fixture("li-ti-o-entries.json"));
    const w = await stabilityWindow(json, "Li2TiO3");
    expect(w.lower).toBeCloseTo(0.7125, 9);
    expect(w.upper).toBeCloseTo(3.75, 9);
    expect(w.reducedTo).toEqual(["Li4TiO4", "Ti"]);
  });

  it("generalises to another open element", async () => {
    const text = readFileSync(fixture("li-ti-o.csv"), "utf8").replace(/Li/g, "Na");
    const w = await stabilityWindow(parsePhaseEntriesCsv(text), "Na2TiO3", { openElement: "Na" });
    expect(w.lower).toBeCloseTo(0.7125, 9);
    expect(w.upper).toBeCloseTo(3.75, 9);
  });
});

describe("stability window is not 'on the hull'", () => {
  it("a compound above the hull still has a window: it decomposes without Li exchange", async () => {
    // Li2TiO3 at -2.45 eV/atom, 0.05 above Li2O + TiO2. Inside the window it is
    // Li2O + TiO2 (-15 + 2V); Ti + 3 Li2O (-18 + 6V) below 0.75 V; TiO2 + O2 (-9) above 3 V.
    const entries = readPhaseEntries(fixture("li-ti-o-above-hull.csv"));
    const w = await stabilityWindow(entries, "Li2TiO3");
    expect(w.energyAboveHull).toBeCloseTo(0.05, 9);
    expect(w.lower).toBeCloseTo(0.75, 9);
    expect(w.upper).toBeCloseTo(3, 9);
    expect(w.stableAs).toEqual(["Li2O", "TiO2"]);
    expect(w.reducedTo).toEqual(["Li2O", "Ti"]);
    expect(w.oxidizedTo).toEqual(["TiO2", "O2"]);
  });

  it("window of zero width when no product set holds the compound's Li", async () => {
    // Li0.5CoO2 above the LiCoO2-CoO2 tie line and no Li2O: the products jump
    // from LiCoO2 to CoO2 at E[CoO2] - E[LiCoO2] = -4.5 + 8 = 3.5 V.
    const entries = parsePhaseEntriesCsv("formula,formation_energy_per_atom\nLi,0\nCo,0\nO,0\nLiCoO2,-2.0\nCoO2,-1.5\nLi0.5CoO2,-1.7\n");
    const w = await stabilityWindow(entries, "Li0.5CoO2");
    expect(w.lower).toBeCloseTo(3.5, 9);
    expect(w.upper).toBe(w.lower);
    expect(w.reducedTo).toEqual(["LiCoO2"]);
    expect(w.oxidizedTo).toEqual(["CoO2"]);
    expect(w.stableAs).toEqual([]);
  });

  it("a compound absent from the entries gets the window of its composition", async () => {
    const entries = readPhaseEntries(fixture("li-ti-o.csv")).filter((e) => e.formula !== "Li2TiO3");
    const w = await stabilityWindow(entries, "Li2TiO3");
    expect(w.energyAboveHull).toBeNull();
    expect(w.stableAs).toEqual(["Li4TiO4", "TiO2"]); // 1/2 Li4TiO4 + 1/2 TiO2 holds 2 Li per Ti
  });
});

describe("errors name the formula and the file", () => {
  const entries = readPhaseEntries(fixture("li-ti-o.csv"));
  it("unknown element or malformed formula", async () => {
    await expect(stabilityWindow(entries, "Li2XxO3")).rejects.toThrow(/field "formula", value "Li2XxO3": unknown element symbol "Xx"/);
    await expect(stabilityWindow(entries, "Li2TiO3)")).rejects.toThrow(PotmapError);
  });
  it("element not covered by the entries", async () => {
    await expect(stabilityWindow(entries, "Li3PO4", { file: "toy.csv" })).rejects.toThrow(
      /toy\.csv, field "formula", value "Li3PO4": no phase entry contains P/,
    );
  });
  it("composition of the open element only", async () => {
    await expect(stabilityWindow(entries, "Li")).rejects.toThrow(/no element other than the open element Li/);
  });
});

describe("phase diagram LP", () => {
  it("decomposes a closed composition onto the hull", async () => {
    const diagram = phaseDiagram(readPhaseEntries(fixture("li-ti-o.csv")));
    // Li3TiO3.5 = 1/2 Li2TiO3 + 1/2 Li4TiO4 (-19.725 eV), below Li2TiO3 + 1/2 Li2O (-19.5 eV).
    const d = await decompose(diagram, "Li3TiO3.5");
    expect(d.products.map((p) => p.formula).sort()).toEqual(["Li2TiO3", "Li4TiO4"]);
    expect(d.energy).toBeCloseTo(0.5 * -16.5 + 0.5 * -22.95, 9);
    expect(d.products.map((p) => p.atoms)).toEqual([expect.closeTo(4.5, 9), expect.closeTo(3, 9)]);
    const open = await decompose(diagram, "Li2TiO3", { openElement: "Li", mu: -1 });
    expect(open.openAmount).toBeCloseTo(2, 9);
    expect(open.energy).toBeCloseTo(-16.5 + 2 * 1, 9);
  });

  it("reproduces the hull distances of the shared MP2020 file (pymatgen)", async () => {
    const entries = readPhaseEntries(shared("mp2020-li-co-ni-o.csv"));
    const rows = readFileSync(shared("mp2020-li-co-ni-o.csv"), "utf8").trim().split("\n").slice(1);
    const diagram = phaseDiagram(entries);
    for (let i = 0; i < entries.length; i += 7) {
      const expected = Number(rows[i].split(",")[3]);
      expect(await energyAboveHull(diagram, entries[i])).toBeCloseTo(expected, 6);
    }
  });
});

describe("stability windows from the shared CritExam entries vs an independent pymatgen computation", () => {
  const entries = readPhaseEntries(shared("critexam-li-systems.csv"));
  // Reference: literature-values.md (grand-potential analysis with pymatgen on this file).
  it.each([
    ["Li3O4P1", 0.69, 4.21], // LPO; paper 0.69-4.21
    ["Li2PO2N", 0.68, 2.64], // LiPON proxy; paper 0.68-2.64
    ["Li7La3Zr2O12", 0.05, 2.91], // LLZO; paper 0.00-2.91
    ["Li3PS4", 1.72, 2.36], // LPS; paper 1.74-2.32
  ])("%s: %f-%f V", async (formula, lower, upper) => {
    const w = await stabilityWindow(entries, formula);
    expect(Math.abs(w.lower - lower)).toBeLessThan(0.01);
    expect(Math.abs(w.upper - upper)).toBeLessThan(0.01);
  });

  it("Li3PO4 is reduced to Li3P + Li2O and oxidised to Li4P2O7 + O2", async () => {
    const w = await stabilityWindow(entries, "Li3PO4");
    expect([...w.reducedTo].sort()).toEqual(["Li2O", "Li3P"]);
    expect([...w.oxidizedTo].sort()).toEqual(["Li4P2O7", "O2"]);
  });

  it("LLZO is 6.6 meV/atom above the hull yet has a window", async () => {
    const w = await stabilityWindow(entries, "Li7La3Zr2O12");
    expect(w.energyAboveHull! * 1000).toBeCloseTo(6.6, 1);
    expect(w.upper - w.lower).toBeGreaterThan(2.8);
    expect(w.stableAs).not.toContain("Li7La3Zr2O12");
  });

  it("LiNiO2 and LiMn2O4 hull distances match the data README", async () => {
    const diagram = phaseDiagram(entries);
    const find = (f: string) => entries.find((e) => e.formula === f)!;
    expect((await energyAboveHull(diagram, find("Li1Ni1O2"))) * 1000).toBeCloseTo(5.9, 1);
    expect((await energyAboveHull(diagram, find("Li1Mn2O4"))) * 1000).toBeCloseTo(2.0, 1);
  });
});

describe("potmap window command", () => {
  it("prints the cli.md JSON", async () => {
    const result = await runFlags("window", { entries: fixture("li-ti-o.csv"), formula: "Li2TiO3", json: true });
    const json = result.json as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["formula", "lower", "upper", "reducedTo", "oxidizedTo", "inEntries", "energyAboveHull", "exists", "warnings"]);
    expect(json.formula).toBe("Li2TiO3");
    expect(json.lower as number).toBeCloseTo(0.7125, 9);
    expect(json.upper as number).toBeCloseTo(3.75, 9);
    expect(json.reducedTo).toEqual(["Li4TiO4", "Ti"]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(result.text).toMatch(/lower\s+0\.71 V\s+reduced to\s+Li4TiO4 \+ Ti/);
    expect(result.text).toMatch(/upper\s+3\.75 V\s+oxidized to\s+TiO2 \+ O2/);
    expect(requiredOptions("window")).toEqual(["entries", "formula"]);
  });

  it("accepts --open-element and reports bad input as PotmapError", async () => {
    const text = await runFlags("window", { entries: fixture("li-ti-o.csv"), formula: "Li2TiO3", "open-element": "Li" });
    expect((text.json as { upper: number }).upper).toBeCloseTo(3.75, 9);
    await expect(runFlags("window", { entries: fixture("nope.csv"), formula: "Li2O" })).rejects.toThrow(/nope\.csv: cannot read/);
    await expect(runFlags("window", { entries: fixture("li-ti-o.csv"), formula: "" })).rejects.toThrow(
      /field "--formula": needs a value/,
    );
    await expect(runFlags("window", { entries: fixture("li-ti-o.csv") })).rejects.toThrow(/--formula.*is required/);
  });
});
