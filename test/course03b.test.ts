// Lesson 03b (Brouwer diagrams) and primer 00b: the course helpers of course/brouwer.ts against the
// mass-action derivation, and every number the two notebooks' prose quotes recomputed.
import { describe, expect, test } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findElectrolyte } from "../lib/src/cell/dataSet";
import { electrolyteSystem } from "../lib/src/cell/fermiLevel";
import { linspace, sweepVoltage, fermiLevelSlope } from "../lib/src/defects/sweep";
import { thermalEnergy } from "../lib/src/core/constants";
import { brouwerPoints, conductivityRatio, decadesPerVolt, predictedDecadesPerVolt } from "../lib/src/course/brouwer";
import { courseMobilities } from "../lib/src/course/mobilities";
import { expectedAnswer } from "../lib/src/course/exerciseAnswers";
import { PotmapError } from "../lib/src/core/errors";

const set = readDataSet(builtinMaterialsFolder());
const prose = (name: string) => {
  const nb = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../notebooks", `${name}.ipynb`), "utf8")) as { cells: { cell_type: string; source: string[] }[] };
  return nb.cells.filter((c) => c.cell_type === "markdown").map((c) => c.source.join("")).join("\n");
};
const text = prose("03b-brouwer-diagrams");
const ids = ["LiPON", "LPO", "LLZO", "LPS"];
const lithiumOf = (id: string) => (name: string) => electrolyteSystem(findElectrolyte(set, id)).defects.find((d) => d.name === name)?.lithium ?? 0;

describe("mass action against the sweep", () => {
  test("16.8 decades per volt per unit at 300 K, as the prose says", () => {
    expect(1 / (thermalEnergy(300) * Math.LN10)).toBeCloseTo(16.8, 1);
    expect(text).toContain("16.8 decades per volt");
  });
  test("LLZO Frenkel: both Li defects flat, electrons at 16.8 x dE_F/dV; LiPON's Li_i at half rate", () => {
    const llzo = brouwerPoints(sweepVoltage(electrolyteSystem(findElectrolyte(set, "LLZO")), linspace(1.4, 1.6, 21)));
    expect(decadesPerVolt(llzo, "V_Li(-1)", 1.5)).toBeCloseTo(0, 3);
    expect(decadesPerVolt(llzo, "Li_i(+1)", 1.5)).toBeCloseTo(0, 3);
    expect(decadesPerVolt(llzo, "electrons", 1.5)).toBeCloseTo(predictedDecadesPerVolt(0, -1, -1, 300), 1);
    const lipon = brouwerPoints(sweepVoltage(electrolyteSystem(findElectrolyte(set, "LiPON")), linspace(1.4, 1.6, 21)));
    const s = fermiLevelSlope(electrolyteSystem(findElectrolyte(set, "LiPON")), 1.5);
    expect(decadesPerVolt(lipon, "Li_i(+1)", 1.5)).toBeCloseTo(predictedDecadesPerVolt(1, 1, s, 300), 1);
    expect(decadesPerVolt(lipon, "Li_i(+1)", 1.5)).toBeCloseTo(-8.4, 0);
  });
  test("a species with fewer than three points is a clear error", () => {
    expect(() => decadesPerVolt([], "x", 1)).toThrow(PotmapError);
  });
});

describe("dilute and intrinsic limits (03b section 3)", () => {
  test("the largest defect density in the middle of each window runs from about 1e6 (LiPON) to 1e15 cm^-3 (LPS); LiPON at 4.0 V is far above its site density", () => {
    const mids = ids.map((id) => {
      const e = findElectrolyte(set, id);
      const p = sweepVoltage(electrolyteSystem(e), [(e.window.lower + e.window.upper) / 2])[0];
      return Math.max(...p.defects.map((d) => d.total));
    });
    expect(Math.abs(Math.log10(Math.min(...mids)) - 6)).toBeLessThan(0.5); // "about 10^6 (LiPON)"
    expect(Math.abs(Math.log10(Math.max(...mids)) - 15)).toBeLessThan(0.5); // "10^15 (LPS)"
    expect(ids[mids.indexOf(Math.min(...mids))]).toBe("LiPON");
    expect(ids[mids.indexOf(Math.max(...mids))]).toBe("LPS");
    expect(text).toContain("from about $10^{6}$ (LiPON) to $10^{15}$ cm⁻³ (LPS) in the middle of the windows");
    expect(expectedAnswer("03b-dilute-lipon", set)).toBeGreaterThan(1);
    const p4 = sweepVoltage(electrolyteSystem(findElectrolyte(set, "LiPON")), [4.0])[0];
    const top = p4.defects.reduce((a, d) => ((d.siteFraction ?? 0) > (a.siteFraction ?? 0) ? d : a));
    expect(top.name).toBe("O_N"); // "the largest site fraction is that of O_N•" (notebook 10)
    expect(prose("10-solutions")).toContain("the largest site fraction is that of $\\mathrm{O_N^\\bullet}$");
  });
  test("the diffusivity implied by the assumed Li-defect mobility is 2.6e-8 cm^2/s at 300 K", () => {
    expect(courseMobilities.lithiumDefects * thermalEnergy(300)).toBeCloseTo(2.6e-8, 9);
    expect(text).toContain("$D \\approx 2.6\\times10^{-8}$ cm²/s");
    expect([courseMobilities.electrons, courseMobilities.holes, courseMobilities.lithiumDefects]).toEqual([1, 1, 1e-6]);
  });
});

describe("electronic versus ionic (03b section 4)", () => {
  test("LPS: the ratio is the mobility ratio (n = [Li_i•]), as the teacher's route says", () => {
    const e = findElectrolyte(set, "LPS");
    const r = conductivityRatio(sweepVoltage(electrolyteSystem(e), [2.0])[0], lithiumOf("LPS"), courseMobilities);
    expect(Math.log10(r.ratio)).toBeCloseTo(6, 0);
    expect(Math.abs(expectedAnswer("03b-sigma-ratio-lps", set) - 6)).toBeLessThan(0.3);
  });
  test("LLZO in mid-window blocks electrons by many decades under the same assumption", () => {
    const e = findElectrolyte(set, "LLZO");
    const r = conductivityRatio(sweepVoltage(electrolyteSystem(e), [1.45])[0], lithiumOf("LLZO"), courseMobilities);
    expect(Math.log10(r.ratio)).toBeLessThan(-3);
  });
  test("a non-positive or NaN mobility is refused by name", () => {
    const p = sweepVoltage(electrolyteSystem(findElectrolyte(set, "LLZO")), [1])[0];
    expect(() => conductivityRatio(p, lithiumOf("LLZO"), { ...courseMobilities, electrons: 0 })).toThrow(/mobilities.electrons/);
    expect(() => conductivityRatio(p, lithiumOf("LLZO"), { ...courseMobilities, lithiumDefects: NaN })).toThrow(PotmapError);
  });
});

describe("primer 00b", () => {
  test("the LiPON window typed into the primer is the data set's", () => {
    const nb = fs.readFileSync(path.resolve(__dirname, "../notebooks/00b-typescript-primer.ipynb"), "utf8");
    const w = findElectrolyte(set, "LiPON").window;
    expect(nb).toContain(`V >= ${w.lower} && V <= ${w.upper}`);
  });
});
