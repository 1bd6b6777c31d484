import { describe, expect, test } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { claimKinds, claimsLedger, countByKind, dominantBalance, ledgerMarkdown } from "../lib/src/calibration/claims";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findElectrolyte } from "../lib/src/cell/dataSet";
import { electrolyteSystem } from "../lib/src/cell/fermiLevel";
import { solveFermiLevel } from "../lib/src/defects/neutrality";
import { PotmapError } from "../lib/src/core/errors";

const published = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../data/published.json"), "utf8"));
const set = readDataSet(builtinMaterialsFolder());
const ledger = claimsLedger(set, published);

/** Claims the data set reproduces today (20 of 26): raise when more claims are reproduced; a fall fails. */
const REPRODUCED_FLOOR = 20;

describe("claimsLedger", () => {
  test("every claim has an id, a section, the paper's reading and a computed value", () => {
    expect(ledger.length).toBeGreaterThanOrEqual(20);
    expect(new Set(ledger.map((c) => c.id)).size).toBe(ledger.length);
    for (const c of ledger) {
      expect(c.section).toMatch(/^3\.[234]|Conclusions/);
      expect(c.expected.length).toBeGreaterThan(0);
      if (typeof c.value === "number") expect(Number.isFinite(c.value)).toBe(true);
      else expect(c.value.length).toBeGreaterThan(0);
    }
    console.log(ledgerMarkdown(ledger));
  });

  test("the number reproduced does not fall below the floor", () => {
    expect(ledger.filter((c) => c.reproduced).length).toBeGreaterThanOrEqual(REPRODUCED_FLOOR);
  });

  test("the LLZO slope claim agrees with an independent central difference of E_F", () => {
    const claim = ledger.find((c) => c.id === "llzo-slope-1")!;
    const system = electrolyteSystem(findElectrolyte(set, "LLZO"));
    const at = (v: number) => solveFermiLevel(system, -v).fermiLevel;
    const slope = (at(1.5) - at(1.4)) / 0.1;
    expect(Math.abs((claim.value as number) - slope)).toBeLessThan(0.05);
  });

  test("the LNMO/LLZO grey-region claim is OCV(+) - OCV(0%) of LNMO", () => {
    const lnmo = set.cathodes.find((c) => c.id === "LNMO")!;
    const ocv = (soc: string) => lnmo.states.find((s) => s.soc === soc)!.ocv;
    expect(ledger.find((c) => c.id === "lnmo-llzo-grey-grows")!.value).toBeCloseTo(ocv("+") - ocv("0%"), 12);
  });

  test("missing published parts fail with one clear error", () => {
    expect(() => claimsLedger(set, { ...published, lowBarrier: undefined })).toThrow(PotmapError);
  });
});

describe("dominantBalance", () => {
  test("LPS at its window's middle: Li_i balanced by electrons, the largest charges of the solution", () => {
    const solution = solveFermiLevel(electrolyteSystem(findElectrolyte(set, "LPS")), -2);
    const balance = dominantBalance(solution);
    const liI = solution.defects.find((d) => d.name === "Li_i")!.charges["1"];
    const vLi = solution.defects.find((d) => d.name === "V_Li")!.charges["-1"];
    // the solution's own numbers: Li_i+ outweighs holes, electrons outweigh V_Li-
    expect(liI).toBeGreaterThan(solution.holes);
    expect(solution.electrons).toBeGreaterThan(vLi);
    expect(balance).toEqual({ positive: "Li_i", negative: "electrons" });
  });
});

describe("claims by kind", () => {
  test("every claim is an input, a consequence of a fit or an independent test, with the reason", () => {
    for (const c of ledger) {
      expect(["input", "fit", "test"]).toContain(c.kind);
      expect(c.basis!.length).toBeGreaterThan(10);
    }
    // no kind left over for a claim that is no longer computed
    expect(Object.keys(claimKinds).sort()).toEqual(ledger.map((c) => c.id).sort());
  });

  test("the claims that follow from inputs or fits are not counted as tests (dphi_a fitted exactly, windows the paper's, slopes built in, ~3 V an input)", () => {
    const kind = (id: string) => ledger.find((c) => c.id === id)!.kind;
    expect(kind("anode-barrier-positive")).toBe("fit");
    for (const id of ["llzo-most-stable-vs-li", "lps-narrowest-window", "lpo-switch-near-3v", "lps-slope-half", "lipon-slope-half"]) expect(kind(id)).toBe("input");
    expect(kind("llzo-slope-1")).toBe("test"); // literature defect energies, not constructed
    const k = countByKind(ledger);
    expect(k.test.total + k.fit.total + k.input.total).toBe(ledger.length);
    expect(k.test.total).toBeLessThan(ledger.length / 3);
    expect(k.test.reproduced).toBe(ledger.filter((c) => c.kind === "test" && c.reproduced).length);
  });

  test("a claim without a kind is refused", () => {
    const saved = claimKinds["llzo-slope-1"];
    delete claimKinds["llzo-slope-1"];
    try {
      expect(() => claimsLedger(set, published)).toThrow(/without a kind/);
    } finally {
      claimKinds["llzo-slope-1"] = saved;
    }
  });
});

describe("ledgerMarkdown", () => {
  test("one table row per claim, headed by the independent tests on their own", () => {
    const text = ledgerMarkdown(ledger);
    const rows = text.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| id"));
    expect(rows).toHaveLength(ledger.length);
    const tests = ledger.filter((c) => c.kind === "test");
    expect(text.split("\n")[0]).toBe(`Independent tests: ${tests.filter((c) => c.reproduced).length} of ${tests.length} reproduced.`);
    expect(text.split("\n")[1]).toContain(`All kinds: ${ledger.filter((c) => c.reproduced).length} of ${ledger.length}`);
  });
});
