// The course's exercises and their checker (lib/src/course/exercises.ts): not answered, right within
// the tolerance, a miss gets the hint and neither the value nor a direction, unknown ids, non-finite
// answers; the answers (course/exerciseAnswers.ts) unreachable from the package entries; every exercise
// belongs to an existing notebook, sits in it as a "predict, then compute" cell, and has a worked
// solution in notebooks/10-solutions.ipynb. Also the closed forms the solutions use (course/solutions.ts).
import { describe, expect, test } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { checkExercise, exercises, findExercise } from "../lib/src/course/exercises";
import { answeredIds, expectedAnswer } from "../lib/src/course/exerciseAnswers";
import * as entry from "../lib/src/index";
import * as notebookEntry from "../lib/src/notebook/index";
import * as courseEntry from "../lib/src/course/index";
import { allSpeciesFermiLevel, allSpeciesSlope, balanceFermiLevel, defectSpecies, electronSpecies } from "../lib/src/course/solutions";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findElectrolyte } from "../lib/src/cell/dataSet";
import { solveFermiLevel } from "../lib/src/defects/neutrality";
import { fermiLevelSlope } from "../lib/src/defects/sweep";
import { effectiveDensityOfStates } from "../lib/src/defects/carriers";
import { PotmapError } from "../lib/src/core/errors";
import type { DefectSystem } from "../lib/src/defects/defects";

const published = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../data/published.json"), "utf8"));
const set = readDataSet(builtinMaterialsFolder());
const notebooks = path.resolve(__dirname, "../notebooks");
const notebookText = (name: string) => fs.readFileSync(path.join(notebooks, `${name}.ipynb`), "utf8");
const system = (id: string) => (findElectrolyte(set, id).fermiLevel as { system: DefectSystem }).system;

describe("checkExercise", () => {
  test("NaN and undefined are 'not answered yet', with the unit, and no error", () => {
    for (const answer of [NaN, undefined]) {
      const r = checkExercise("07-ip-shift-llzo", answer, set, published);
      expect(r.correct).toBeNull();
      expect(r.message).toContain("not answered yet");
      expect(r.message).toContain("(V)");
    }
  });

  test("an answer within the tolerance of the computed value is right and quotes the library's value", () => {
    const r = checkExercise("07-ip-shift-llzo", -0.2 + 0.004, set, published);
    expect(r.correct).toBe(true);
    expect(r.message).toContain("the library gives -0.2 V");
    expect(checkExercise("07-scissor-lps", 0.5, set, published).correct).toBe(true);
  });

  test("a miss says 'not yet' and gives the hint, never the value nor the direction of the miss", () => {
    for (const [id, answer] of [["07-ip-shift-llzo", 0.2], ["07-ip-shift-llzo", -0.6], ["07a-defect-llzo", -0.3], ["03b-hebb-wagner", 1]] as const) {
      const r = checkExercise(id, answer, set, published);
      expect(r.correct).toBe(false);
      expect(r.message).toBe(`${id}: not yet. Hint: ${findExercise(id).hint}`);
      expect(r.message).not.toMatch(/too (high|low)|higher|lower|larger|smaller/);
    }
    expect(checkExercise("07-ip-shift-llzo", 0.2, set, published).message).not.toContain("-0.2");
  });

  test("an unknown id is a PotmapError that lists the known ids", () => {
    expect(() => checkExercise("no-such-exercise", 1, set)).toThrow(PotmapError);
    expect(() => checkExercise("no-such-exercise", 1, set)).toThrow(/07-scissor-lps/);
  });

  test("Infinity is a clear error, not a wrong answer", () => {
    expect(() => checkExercise("07-ip-shift-llzo", Infinity, set)).toThrow(/finite number/);
    expect(() => checkExercise("07-ip-shift-llzo", -Infinity, set)).toThrow(PotmapError);
  });

  test("the computed answers of the what-if and stack exercises", () => {
    const value = (id: string) => expectedAnswer(id, set, published);
    expect(value("07-ip-shift-llzo")).toBeCloseTo(-0.2, 9);
    expect(value("07-scissor-lps")).toBeCloseTo(0.5, 3); // E_F follows the CBM by half (Li_i• against electrons)
    expect(value("07a-defect-llzo")).toBeCloseTo(-0.1, 9); // Frenkel: half the energy change
    // 0.4377 eV before V_Li moved onto all 28 Li sites per cell (c0 = [V_Li'] is sqrt(9.33) times larger): kT ln(D/c0) falls by kT/2 ln 9.33
    expect(value("07c-dopant-llzo")).toBeCloseTo(0.4088, 3);
    expect(value("07d-sensitivity-lps")).toBeCloseTo(0.05, 6);
    // LCO takes its 100% state at LNO 0%'s 3.93 V (between its hull steps 3.42 and 4.11 V); both sides
    // at one mu_Li, so the jump is the difference of E_F - IP: IP(LCO 100%) - IP(LNO 0%) with E_F at the VBMs
    const lco100 = set.cathodes.find((c) => c.id === "LCO")!.states.find((s) => s.soc === "100%")!;
    const lno0 = set.cathodes.find((c) => c.id === "LNO")!.states.find((s) => s.soc === "0%")!;
    expect(value("08-interlayer-lco-lno")).toBeCloseTo(lno0.fermiLevel - lno0.ionizationPotential - (lco100.fermiLevel - lco100.ionizationPotential), 9);
  });
});

describe("answers are out of the student's reach (issue 22)", () => {
  test("no package entry exports an answer, and an exercise carries no answer function", () => {
    for (const mod of [entry, notebookEntry, courseEntry] as Record<string, unknown>[]) {
      for (const name of ["expectedAnswer", "codeAnswerMatches", "answeredIds", "answers"]) expect(mod[name], name).toBeUndefined();
    }
    for (const e of exercises) {
      expect(Object.keys(e).sort(), e.id).toEqual(expect.arrayContaining(["id", "notebook", "prompt", "unit", "tolerance", "hint", "kind"]));
      expect("expected" in e, e.id).toBe(false);
      for (const v of Object.values(e)) expect(typeof v, e.id).not.toBe("function");
    }
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../lib/package.json"), "utf8"));
    expect(Object.keys(pkg.exports).sort()).toEqual([".", "./course", "./notebook", "./package.json"]); // dist/course/exerciseAnswers.js is not importable
    const sources = ["index.ts", "notebook/index.ts", "course/index.ts"].map((f) => fs.readFileSync(path.resolve(__dirname, "../lib/src", f), "utf8"));
    for (const src of sources) expect(src).not.toContain("exerciseAnswers");
  });

  test("every exercise has an answer, and every answer an exercise", () => {
    expect(answeredIds().sort()).toEqual(exercises.map((e) => e.id).sort());
  });

  test("at least 8 derivation, code, prediction or explanation exercises, each with a rubric in the teacher's notebook", () => {
    const thinking = exercises.filter((e) => e.kind !== "number");
    expect(thinking.length).toBeGreaterThanOrEqual(8);
    const nb = JSON.parse(notebookText("10-solutions")) as { cells: { source: string[] }[] };
    const cells = nb.cells.map((c) => c.source.join(""));
    for (const e of thinking) {
      const i = cells.findIndex((c) => c.startsWith(`## \`${e.id}\``));
      expect(i, e.id).toBeGreaterThanOrEqual(0);
      expect(cells[i], e.id).toContain("**Rubric.**");
    }
    for (const e of exercises.filter((x) => x.kind === "explanation")) {
      expect(e.options!.length, e.id).toBeGreaterThanOrEqual(3);
      const right = expectedAnswer(e.id, set, published);
      expect(Number.isInteger(right) && right >= 1 && right <= e.options!.length, e.id).toBe(true);
    }
  });

  test("a code exercise takes a function, checked at hidden cases; a throwing or wrong function is 'not yet'", () => {
    expect(checkExercise("03b-slope-function", (a: number, b: number) => -(a - b) / 2, set).correct).toBe(true);
    expect(checkExercise("03b-slope-function", (a: number, b: number) => -(a - b), set).correct).toBe(false);
    expect(checkExercise("03b-slope-function", () => { throw new Error("x"); }, set).correct).toBe(false);
    expect(checkExercise("03b-slope-function", undefined, set).correct).toBeNull();
    expect(() => checkExercise("03b-slope-function", 0.5, set)).toThrow(/takes a function/);
  });

  // Every exercise with a numeric answer: the answer, written to the exercise's tolerance, is not in its
  // notebook before the check cell: neither in the committed sources (code and Markdown, always present)
  // nor in the executed outputs (output/notebooks, when `npm run reproduce` has written them).
  // Not searchable, and so left out: code and explanation exercises (a function, an option number), the
  // direction exercise (tolerance 0, an answer of +-1), and answers within the tolerance of 0; an answer
  // that is round at one decimal (-1, 0.5, -0.2: what-if responses equal to their input) is searched
  // only with two or more decimals ("1.00"), since "0.2" is the prompt's own input.
  const shownForms = (v: number, tolerance: number): string[] => {
    const decimals = Math.ceil(-Math.log10(tolerance));
    const round1 = Math.abs(Number(v.toFixed(1)) - v) < 1e-6;
    const ds = [1, 2, 3, 4].filter((d) => d <= decimals + 1 && Math.abs(Number(v.toFixed(d)) - v) <= tolerance && (d > 1 || !round1));
    return [...new Set(ds.map((d) => Math.abs(v).toFixed(d)))];
  };
  const cellTexts = (file: string): { source: string; all: string }[] =>
    (JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { source: string[]; outputs?: { text?: string[]; data?: Record<string, string[]> }[] }[] }).cells.map((c) => {
      const source = c.source.join("");
      const outputs = (c.outputs ?? []).map((o) => [o.text, o.data?.["text/plain"], o.data?.["text/markdown"], o.data?.["text/html"]].flat().filter((x) => x !== undefined).join(""));
      return { source, all: [source, ...outputs].join("\n") };
    });
  const shownAt = (text: string, form: string) => new RegExp(`(?<![0-9.])${form.replace(".", "\\.")}(?![0-9]|e[+-])`).test(text);

  test("the forms searched for an answer", () => {
    expect(shownForms(0.28, 0.005)).toEqual(["0.28", "0.280", "0.2800"]);
    expect(shownForms(1.737, 0.005)).toEqual(["1.74", "1.737", "1.7370"]);
    expect(shownForms(-1, 0.02)).toEqual(["1.00", "1.000"]);
    expect(shownAt("gives +0.28 (LiPON)", "0.28")).toBe(true);
    expect(shownAt("V_Li: 4.63e+5 x its sites", "4.63")).toBe(false);
    expect(shownAt("10.283 and 0.2801", "0.28")).toBe(false);
  });

  test("no exercise's answer is shown in its notebook (sources, and outputs when executed) before the check cell", () => {
    const audited: string[] = [];
    for (const e of exercises) {
      if (e.kind === "code" || e.kind === "explanation" || e.tolerance === 0) continue;
      const v = expectedAnswer(e.id, set, published);
      if (Math.abs(v) <= e.tolerance) continue;
      const forms = shownForms(v, e.tolerance);
      expect(forms.length, e.id).toBeGreaterThan(0);
      const files = [path.join(notebooks, `${e.notebook}.ipynb`), path.resolve(__dirname, "../output/notebooks", `${e.notebook}.ipynb`)].filter((f) => fs.existsSync(f));
      for (const file of files) {
        const cells = cellTexts(file);
        const at = cells.findIndex((c) => c.source.includes(`course.checkExercise("${e.id}"`));
        expect(at, `${e.id} in ${file}`).toBeGreaterThan(0);
        cells.slice(0, at).forEach((c, i) => {
          for (const form of forms) expect(shownAt(c.all, form), `${e.id}: ${form} in cell ${i} of ${file}`).toBe(false);
        });
      }
      audited.push(e.id);
    }
    expect(audited.length).toBeGreaterThanOrEqual(20);
  });
});

describe("every exercise belongs to the course", () => {
  test("ids are unique and every exercise's notebook exists", () => {
    expect(new Set(exercises.map((e) => e.id)).size).toBe(exercises.length);
    for (const e of exercises) expect(fs.existsSync(path.join(notebooks, `${e.notebook}.ipynb`)), `${e.id}: ${e.notebook}.ipynb`).toBe(true);
  });

  test("the exercises of the what-if lessons, notebook 08 and lesson 03b are asked in their notebook (prompt and checker call)", () => {
    for (const e of exercises.filter((x) => /^0[78]|^03b/.test(x.notebook))) {
      const nb = JSON.parse(notebookText(e.notebook)) as { cells: { source: string[] }[] };
      const text = nb.cells.map((c) => c.source.join("")).join("\n");
      expect(text, e.id).toContain(e.prompt);
      expect(text, e.id).toContain(`course.checkExercise("${e.id}", answer, set, published)`);
    }
  });

  test("every exercise has a worked solution in notebooks/10-solutions.ipynb", () => {
    const text = notebookText("10-solutions");
    for (const e of exercises) expect(text, e.id).toContain(`confirm(\\"${e.id}\\"`);
  });
});

describe("closed forms of the solutions (course/solutions.ts)", () => {
  test("03-overfit-lps: the Fermi-Dirac route is accepted, the Boltzmann route (degenerate regime) is rejected", async () => {
    const { unboundedLpsFit } = await import("../lib/src/course/exercises");
    const { fermiDiracBalanceFermiLevel } = await import("../lib/src/course/solutions");
    const s = system("LPS");
    const plus = { ...defectSpecies(s, "Li_i", 1), energy: unboundedLpsFit(set, published).energy };
    const cbm = s.bandGap + (s.scissor ?? 0);
    const fd = fermiDiracBalanceFermiLevel(plus, electronSpecies(s), -1.74, s.temperature) - cbm;
    const boltzmann = balanceFermiLevel(plus, electronSpecies(s), -1.74, s.temperature) - cbm;
    expect(fd).toBeGreaterThan(0); // E_F above the CBM: degenerate
    expect(fd - boltzmann).toBeGreaterThan(0.015);
    expect(checkExercise("03-overfit-lps", fd, set, published).correct).toBe(true);
    expect(checkExercise("03-overfit-lps", boltzmann, set, published).correct).toBe(false);
    // far below the CBM the two statistics agree
    expect(fermiDiracBalanceFermiLevel(defectSpecies(s, "Li_i", 1), electronSpecies(s), -2.3, s.temperature)).toBeCloseTo(balanceFermiLevel(defectSpecies(s, "Li_i", 1), electronSpecies(s), -2.3, s.temperature), 3);
    expect(() => fermiDiracBalanceFermiLevel(electronSpecies(s), electronSpecies(s), 0, 300)).toThrow(PotmapError);
  });

  test("the Frenkel pair of LLZO equals the solver's E_F, and moves one for one with mu_Li", () => {
    const s = system("LLZO");
    const plus = defectSpecies(s, "Li_i", 1);
    const minus = defectSpecies(s, "V_Li", -1);
    expect(balanceFermiLevel(plus, minus, 0, 300)).toBeCloseTo(solveFermiLevel(s, 0).fermiLevel, 6);
    expect(balanceFermiLevel(plus, minus, -1, 300) - balanceFermiLevel(plus, minus, 0, 300)).toBeCloseTo(-1, 12);
  });

  test("the textbook N_c matches the carrier model's effective density of states", () => {
    const s = system("LPS");
    expect(electronSpecies(s).states / effectiveDensityOfStates(0.5, 300)).toBeCloseTo(1, 3);
  });

  test("LiPON's four ±1 species: E_F and slope agree with the solver inside the window", () => {
    const s = system("LiPON");
    const species = [["Li_i", 1], ["O_N", 1], ["V_Li", -1], ["N_O", -1]].map(([n, q]) => defectSpecies(s, n as string, q as number));
    for (const V of [0.68, 1.5, 2.64]) {
      expect(allSpeciesFermiLevel(species, -V, 300)).toBeCloseTo(solveFermiLevel(s, -V).fermiLevel, 4);
      expect(allSpeciesSlope(species, -V, 300)).toBeCloseTo(fermiLevelSlope(s, V), 2);
    }
  });

  test("a pair needs a +1 and a -1 species", () => {
    const s = system("LLZO");
    const plus = defectSpecies(s, "Li_i", 1);
    expect(() => balanceFermiLevel(plus, plus, 0, 300)).toThrow(PotmapError);
    expect(() => defectSpecies(s, "Li_i", 2)).toThrow(/no charge state 2/);
  });
});
