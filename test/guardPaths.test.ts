/**
 * One guard evaluation for every result path (issue 20): potentialMap's warnings (the
 * electrolyte's E_F at both contacts, cell/bandGuards.ts) reach the stack, the temperature
 * sweep, the explorer and `dope`, and no command prints NaN or Infinity (cli/finiteOutput.ts).
 * On main the stack solved its electrolytes without guards and `dope` dropped the maps' warnings.
 */
import { describe, expect, test } from "vitest";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { stackMap } from "../lib/src/cell/stack";
import { temperatureSweep } from "../lib/src/whatif/temperature";
import { exploreCell } from "../lib/src/whatif/explore";
import { firstNonFinite, refuseNonFinite } from "../lib/src/cli/finiteOutput";
import { PotmapError } from "../lib/src/core/errors";
import type { Electrolyte } from "../lib/src/cell/materials";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const lco = findCathodeState(set, "LCO", "0%");
const lps = findElectrolyte(set, "LPS");

// LPS with its E_F fixed 0.2 eV above its CBM: a metal its record does not declare
const degenerate: Electrolyte = { ...lps, id: "LPS-n", fermiLevel: { rule: "fixed", value: lps.bandGap + 0.2 } };

describe("the same guards on every path", () => {
  const reference = potentialMap(li, degenerate, lco, { withoutProfile: true }).warnings;

  test("potentialMap flags the degenerate E_F", () => {
    expect(reference.map((w) => w.code)).toContain("fermi-level-degenerate");
  });

  test("stackMap gives the same warnings for the same cell", () => {
    const stack = stackMap(li, [degenerate], lco);
    for (const w of reference) expect(stack.warnings).toContain(`${w.code}: ${w.message}`);
    // and a guarded cell gives none
    expect(stackMap(li, [findElectrolyte(set, "LLZO")], lco).warnings).toEqual([]);
  });

  test("temperatureSweep and the explorer carry the map's warnings", () => {
    const row = temperatureSweep(li, degenerate, lco, [lps.fermiLevel.rule === "defects" ? lps.fermiLevel.system.temperature : 300])[0];
    expect(row.warnings.map((w) => w.code)).toContain("fermi-level-degenerate");
    const electrolytes = set.electrolytes.map((e) => (e.id === "LPS" ? { ...degenerate, id: "LPS" } : e));
    const explored = exploreCell({ ...set, electrolytes }, { anode: "Li", electrolyte: "LPS", cathode: "LCO", soc: "0%" });
    expect(explored.messages.some((m) => /degenerate-n, a metal/.test(m))).toBe(true);
  });
});

describe("no NaN or Infinity printed", () => {
  test("a result holding NaN is refused, naming its place", () => {
    expect(firstNonFinite({ rows: [{ a: 1 }, { a: NaN }] })).toEqual({ field: "rows[1].a", value: NaN });
    expect(() => refuseNonFinite("table", { json: { rows: [{ dphi: Infinity }] }, text: "" })).toThrow(PotmapError);
    expect(() => refuseNonFinite("table", { json: {}, text: "dphi_c  NaN V" })).toThrow(/non-finite number/);
    expect(() => refuseNonFinite("table", { json: { a: 1, upper: null }, text: "upper none" })).not.toThrow();
  });
});

describe("a JSON error names its line", () => {
  test("Node's message cut with ... at the start only (found by the fuzz, seed 12)", async () => {
    const { jsonErrorLine } = await import("../lib/src/core/jsonText");
    const text = '[\n {"a": 1},\n {"energy": NaN}\n]\n';
    let message = "";
    try {
      JSON.parse(text);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(jsonErrorLine(message, text)).toBe(3);
  });
});
