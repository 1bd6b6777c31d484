import { describe, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { readRawRecords } from "../lib/src/io/readRecords";
import { filterDataSet, filterRecords } from "../lib/src/cli/filters";
import { pairStability } from "../lib/src/whatif/screenStability";
import { screen } from "../lib/src/whatif/screen";
import { findElectrolyte } from "../lib/src/cell/dataSet";

const set = readDataSet(builtinMaterialsFolder());

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr };
}

describe("filters", () => {
  test("filterDataSet keeps the wanted ids of each role, case-insensitively, and the other roles whole", () => {
    const f = filterDataSet(set, { electrolyte: ["llzo"], cathode: ["LCO", "LNO"] });
    expect(f.electrolytes.map((e) => e.id)).toEqual(["LLZO"]);
    expect(f.cathodes.map((c) => c.id).sort()).toEqual(["LCO", "LNO"]);
    expect(f.anodes).toEqual(set.anodes);
    expect(filterDataSet(set, {})).toEqual(set);
  });

  test("an unknown id fails naming the flag and the known ids", () => {
    expect(() => filterDataSet(set, { cathode: ["NCM811"] })).toThrow(/--cathode.*NCM811.*unknown cathode \(known: /);
    expect(() => filterDataSet(set, { anode: ["Na"] })).toThrow(/--anode/);
  });

  test("filterRecords narrows raw records by role and id", () => {
    const { records } = readRawRecords(builtinMaterialsFolder());
    const f = filterRecords(records, { electrolyte: ["LPS"] });
    expect(f.filter((r) => r.record.role === "electrolyte").map((r) => r.record.id)).toEqual(["LPS"]);
    expect(f.filter((r) => r.record.role === "cathode").length).toBe(records.filter((r) => r.record.role === "cathode").length);
  });
});

describe("screen, table and uncertainty with filters", () => {
  test("screen --electrolyte LLZO --json lists LLZO pairs and rows only, each pair with its stability", async () => {
    const r = await run("screen", "--electrolyte", "LLZO", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.pairs.length).toBe(5);
    expect(doc.pairs.every((p: { electrolyte: string }) => p.electrolyte === "LLZO")).toBe(true);
    expect(doc.rows.every((p: { electrolyte: string }) => p.electrolyte === "LLZO")).toBe(true);
    const lco = doc.pairs.find((p: { cathode: string }) => p.cathode === "LCO");
    // LLZO's window ends at 2.91 V; LCO 100% is at 4.11 V
    expect(lco.stability.greyCathode).toBeCloseTo(4.111 - 2.91, 2);
    expect(lco.stability.greyAnode).toBe(0);
  });

  test("screen --stable-only keeps the stable pairs only; --max-grey widens what counts as stable; the counts stay the run's", async () => {
    const none = JSON.parse((await run("screen", "--stable-only", "--json")).stdout);
    expect(none.computed).toBe(48);
    expect(none.pairs.length).toBe(0);
    const some = JSON.parse((await run("screen", "--stable-only", "--max-grey", "0.7", "--json")).stdout);
    expect(some.pairs.length).toBeGreaterThan(0);
    for (const p of some.pairs) {
      expect(p.stability.stable).toBe(true);
      expect(p.stability.greyAnode).toBeLessThanOrEqual(0.7);
      expect(p.stability.greyCathode).toBeLessThanOrEqual(0.7);
    }
    expect(some.pairs.map((p: { rank: number }) => p.rank)).toEqual(some.pairs.map((_: unknown, i: number) => i + 1));
    const text = (await run("screen", "--electrolyte", "LPS")).stdout;
    expect(text).toMatch(/grey a\/c \(V\)/);
    expect(text).toMatch(/oxidised above 2\.32 V/);
  });

  test("table --electrolyte --cathode narrows the rows; uncertainty --cathode ranks only that cathode's pairs", async () => {
    const t = JSON.parse((await run("table", "--electrolyte", "LPO", "--cathode", "LCO", "--json")).stdout);
    expect(t.map((r: { soc: string }) => r.soc)).toEqual(["0%", "100%"]);
    const u = JSON.parse((await run("uncertainty", "--samples", "5", "--cathode", "LNO", "--electrolyte", "LLZO,LPS", "--json")).stdout);
    expect(u.ranking.map((r: { electrolyte: string; cathode: string }) => `${r.electrolyte}|${r.cathode}`).sort()).toEqual(["LLZO|LNO", "LPS|LNO"]);
    const bad = await run("table", "--electrolyte", "XX");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--electrolyte/);
  });
});

describe("pairStability", () => {
  test("grey regions from the window and the OCVs; band flags; NaN-free for the built-in set", () => {
    const result = screen(set);
    for (const p of result.pairs) {
      const e = findElectrolyte(set, p.electrolyte);
      const s = pairStability(p, e);
      expect(s.greyAnode).toBe(Math.max(e.window.lower, 0));
      expect(s.greyCathode).toBe(Math.max(0, ...p.states.map((x) => x.ocv - e.window.upper)));
      expect(s.stable).toBe(!p.reducedByAnode && !p.oxidizedByCathode && s.greyAnode === 0 && s.greyCathode === 0);
      expect(pairStability(p, e, Infinity).stable).toBe(!p.reducedByAnode && !p.oxidizedByCathode);
    }
  });
});
