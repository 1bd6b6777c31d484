/**
 * `potmap curve` and dphiAlongCurve (cell/dphiCurve.ts): dphi_c over a cathode's whole
 * state-of-charge curve. The named states are points of the curve with exactly the dphi_c of
 * their own maps; the OCV never falls as Li is removed; the point count is the grid plus the
 * named states off it; bad input is one PotmapError; no NaN reaches the JSON.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";
import { firstNonFinite } from "../lib/src/cli/finiteOutput";
import { legendStyleClashes, lowContrastLines } from "../lib/src/figures/palette";
import { withDefaultLayout } from "../lib/src/figures/figure";
import { builtinMaterialsFolder, dphiAlongCurve, dphiCurveFigure, findAnode, findElectrolyte, maxCurvePoints, potentialMap, PotmapError, readDataSet } from "../lib/src/index";
import { cathodeCurve } from "../lib/src/cell/cathodeCurve";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const withCurve = set.cathodes.filter((c) => cathodeCurve(c) !== undefined);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-curve-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

describe("dphiAlongCurve", () => {
  test("every built-in cathode has a curve", () => {
    expect(withCurve.map((c) => c.id).sort()).toEqual(set.cathodes.map((c) => c.id).sort());
  });

  test.each(set.electrolytes.map((e) => e.id))("%s: the curve passes exactly through each named state's dphi_c and dphi_a", (id) => {
    const electrolyte = findElectrolyte(set, id);
    for (const cathode of withCurve) {
      const curve = dphiAlongCurve(li, electrolyte, cathode, 11);
      for (const state of cathode.states) {
        const point = curve.points.find((p) => p.named === state.soc);
        expect(point, `${cathode.id} ${state.soc}`).toBeDefined();
        const map = potentialMap(li, electrolyte, state);
        expect(point!.dphiCathode).toBe(map.dphiCathode);
        expect(point!.dphiAnode).toBe(map.dphiAnode);
        expect(point!.ocv).toBe(state.ocv);
        expect(point!.warnings.map((w) => w.message)).toEqual(expect.arrayContaining(map.warnings.map((w) => w.message)));
      }
    }
  });

  test("the OCV never falls as Li is removed, and x falls as SOC rises", () => {
    const llzo = findElectrolyte(set, "LLZO");
    for (const cathode of withCurve) {
      const points = dphiAlongCurve(li, llzo, cathode, 41).points;
      for (let i = 1; i < points.length; i++) {
        expect(points[i].lithium, cathode.id).toBeLessThan(points[i - 1].lithium);
        expect(points[i].ocv, `${cathode.id} at ${points[i].soc}%`).toBeGreaterThanOrEqual(points[i - 1].ocv - 1e-9);
      }
    }
    // LCO's OCV rises strictly from 0% to 100% (its average includes the 4.11 V step)
    const lco = dphiAlongCurve(li, llzo, set.cathodes.find((c) => c.id === "LCO")!, 5).points;
    expect(lco[lco.length - 1].ocv).toBeGreaterThan(lco[0].ocv + 0.1);
  });

  test("between two named states dphi_c lies between theirs (IP, E_F linear in x)", () => {
    const llzo = findElectrolyte(set, "LLZO");
    const points = dphiAlongCurve(li, llzo, set.cathodes.find((c) => c.id === "LCO")!, 21).points;
    const [zero, full] = [points.find((p) => p.named === "0%")!, points.find((p) => p.named === "100%")!];
    for (const p of points.filter((q) => q.named === undefined)) {
      expect(p.dphiCathode).toBeLessThan(Math.max(zero.dphiCathode, full.dphiCathode));
      expect(p.dphiCathode).toBeGreaterThan(Math.min(zero.dphiCathode, full.dphiCathode));
    }
  });

  test("points: the grid from 0% to 100% plus the named states off it", () => {
    const lps = findElectrolyte(set, "LPS");
    const lco = set.cathodes.find((c) => c.id === "LCO")!;
    expect(dphiAlongCurve(li, lps, lco, 2).points.map((p) => p.soc)).toEqual([0, 100]);
    expect(dphiAlongCurve(li, lps, lco, 21).points).toHaveLength(21);
    // LNMO's "+" state lies beyond 100%: one point more
    const lnmo = set.cathodes.find((c) => c.id === "LNMO")!;
    const curve = dphiAlongCurve(li, lps, lnmo, 4);
    const offGrid = lnmo.states.length - 2;
    expect(curve.points).toHaveLength(4 + offGrid);
    expect(curve.points.map((p) => p.named).filter(Boolean).sort()).toEqual(lnmo.states.map((s) => s.soc).sort());
  });

  test("bad input: one PotmapError each", () => {
    const llzo = findElectrolyte(set, "LLZO");
    const lco = set.cathodes.find((c) => c.id === "LCO")!;
    for (const n of [1, 0, -3, 2.5, NaN, Infinity, 1e9, maxCurvePoints + 1]) {
      expect(() => dphiAlongCurve(li, llzo, lco, n), String(n)).toThrow(PotmapError);
    }
    const bare = { ...lco, profile: undefined };
    expect(() => dphiAlongCurve(li, llzo, bare, 5)).toThrow(/no voltage profile/);
  });

  test("no non-finite number in any built-in cell's curve", () => {
    for (const electrolyte of set.electrolytes) {
      for (const cathode of withCurve) {
        expect(firstNonFinite(dphiAlongCurve(li, electrolyte, cathode, 6)), `${electrolyte.id} ${cathode.id}`).toBeUndefined();
      }
    }
  });
});

describe("the figure", () => {
  const published = JSON.parse(fs.readFileSync(path.join(builtinMaterialsFolder(), "..", "published.json"), "utf8")).table1.rows as { cathode: string; electrolyte: string; soc: string; dphiCathode: number }[];
  const rows = published.filter((r) => r.cathode === "LCO" && r.electrolyte === "LLZO");
  const curve = dphiAlongCurve(li, findElectrolyte(set, "LLZO"), set.cathodes.find((c) => c.id === "LCO")!, 11);
  const fig = withDefaultLayout(dphiCurveFigure(curve, rows));

  test("distinct colour + dash per trace, lines >= 3:1 on white", () => {
    expect(legendStyleClashes(fig as never)).toEqual([]);
    expect(lowContrastLines(fig as never)).toEqual([]);
  });
  test("axis titles with units; named states and Table 1 values marked at their SOC", () => {
    const title = (a: unknown) => JSON.stringify(a);
    expect(title(fig.layout!.xaxis!.title)).toContain("(%)");
    expect(title(fig.layout!.yaxis!.title)).toContain("(V)");
    expect(title((fig.layout as Record<string, unknown>).yaxis2)).toContain("(V)");
    const named = fig.data.find((t) => t.name === "named states (Δφ_c)")!;
    expect(Array.from(named.x as number[])).toEqual([0, 100]);
    const paper = fig.data.find((t) => t.name === "paper, Table 1 (Δφ_c)")!;
    expect(rows.length).toBe(2);
    expect(Array.from(paper.y as number[])).toEqual(rows.map((r) => r.dphiCathode));
  });
  test("without published values there is no paper trace", () => {
    expect(dphiCurveFigure(curve).data.some((t) => String(t.name).startsWith("paper"))).toBe(false);
  });
});

describe("potmap curve", () => {
  test("JSON: the points with their warnings, no NaN, null or Infinity", async () => {
    const { code, out } = await run(["curve", "--electrolyte", "LPS", "--cathode", "LNO", "--points", "5", "--json"]);
    expect(code).toBeLessThan(2);
    expect(out).not.toMatch(/\bnull\b|NaN|Infinity/);
    const doc = JSON.parse(out);
    expect(doc.points.length).toBeGreaterThanOrEqual(5);
    for (const p of doc.points) expect(Array.isArray(p.warnings)).toBe(true);
  });
  test("unknown cathode, --points 1 and --points 1e9: one clear message each, exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [["--cathode", "XX"], /field "--cathode", value "XX": unknown cathode \(known: .*LCO/],
      [["--cathode", "LCO", "--points", "1"], /--points.*from 2 to/],
      [["--cathode", "LCO", "--points", "1e9"], /--points.*from 2 to/],
    ];
    for (const [extra, message] of cases) {
      const { code, out, err } = await run(["curve", "--electrolyte", "LLZO", ...extra]);
      expect(code, extra.join(" ")).toBe(2);
      expect(out).toBe("");
      expect(err.trim().split("\n")).toHaveLength(1);
      expect(err).toMatch(message);
    }
  });
  test("--csv and --figure are written; the text names the named states", async () => {
    const csv = path.join(tmp, "c.csv");
    const figure = path.join(tmp, "c.json");
    const { code, out } = await run(["curve", "--electrolyte", "LLZO", "--cathode", "LCO", "--points", "3", "--csv", csv, "--figure", figure]);
    expect(code).toBeLessThan(2);
    expect(out).toMatch(/100%/);
    expect(fs.readFileSync(csv, "utf8").trim().split("\n")).toHaveLength(4);
    expect(JSON.parse(fs.readFileSync(figure, "utf8")).data.length).toBe(6);
  });
});

describe("potmap table --soc", () => {
  test("a row per electrolyte x cathode at each SOC, equal to map --soc and to the curve's point", async () => {
    const named = JSON.parse((await run(["table", "--json"])).out) as { electrolyte: string; cathode: string; soc: string; dphiCathode: number }[];
    const { code, out } = await run(["table", "--soc", "80%,100%", "--json"]);
    expect(code).toBeLessThan(2);
    const rows = JSON.parse(out) as typeof named;
    // 100% names a state already listed: only 80% adds rows
    expect(rows).toHaveLength(named.length + set.electrolytes.length * set.cathodes.length);
    const row = rows.find((r) => r.electrolyte === "LLZO" && r.cathode === "LCO" && r.soc === "80%")!;
    const map = JSON.parse((await run(["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "80%", "--json"])).out);
    expect(row.dphiCathode).toBe(map.dphiCathode);
    const curve = dphiAlongCurve(li, findElectrolyte(set, "LLZO"), set.cathodes.find((c) => c.id === "LCO")!, 6);
    expect(curve.points.find((p) => Math.abs(p.soc - 80) < 1e-9)!.dphiCathode).toBeCloseTo(row.dphiCathode, 12);
  });
  test("a SOC off the curve or no number: one message, exit 2", async () => {
    for (const soc of ["300%", "abc"]) {
      const { code, err } = await run(["table", "--soc", soc]);
      expect(code, soc).toBe(2);
      expect(err.trim().split("\n")).toHaveLength(1);
      expect(err).toContain('"--soc"');
    }
  });
});

