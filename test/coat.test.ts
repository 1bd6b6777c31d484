import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { stackMap } from "../lib/src/cell/stack";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { coatCsv, coatingStates, rankCoatings, windowFlags } from "../lib/src/whatif/coat";
import { Electrolyte } from "../lib/src/cell/materials";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const lps = findElectrolyte(set, "LPS");

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-coat-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("rankCoatings", () => {
  const result = rankCoatings(set, "LPS", "LCO");

  test("ranks every built-in electrolyte and cathode but E and C, plus the baseline, best first", () => {
    const ids = result.candidates.map((c) => c.id).sort();
    expect(ids).toEqual(["LLZO", "LMO", "LNCO", "LNMO", "LNO", "LPO", "LiPON", "none"].sort());
    const worst = result.candidates.map((c) => c.worstAbsDphi);
    expect([...worst].sort((a, b) => a - b)).toEqual(worst);
    expect(result.candidates.map((c) => c.rank)).toEqual(result.candidates.map((_, i) => i + 1));
    expect(result.states.map((s) => s.soc)).toEqual(coatingStates(set.cathodes.find((c) => c.id === "LCO")!).map((s) => s.soc));
  });

  test("the baseline is eq. 7 at every state: the worst |dphi_c| of LPS|LCO", () => {
    const none = result.candidates.find((c) => c.kind === "none")!;
    const dphis = ["0%", "100%"].map((soc) => potentialMap(li, lps, findCathodeState(set, "LCO", soc), { withoutProfile: true }).dphiCathode);
    expect(none.worstAbsDphi).toBe(Math.max(...dphis.map(Math.abs)));
    expect(none.states.map((s) => s.interfaces[0].dphi)).toEqual(dphis);
    expect(none.gainOverNone).toBe(0);
  });

  test("a candidate's worst jump is the largest |dphi| of its two interfaces in the stack, at the state it names", () => {
    for (const c of result.candidates.filter((c) => c.kind === "electrolyte")) {
      const coating = findElectrolyte(set, c.id);
      let worst = 0;
      for (const soc of ["0%", "100%"]) {
        const map = stackMap(li, [lps, coating], findCathodeState(set, "LCO", soc), { cathodes: set.cathodes });
        for (const i of map.interfaces.slice(1)) worst = Math.max(worst, Math.abs(i.dphi));
      }
      expect(c.worstAbsDphi).toBeCloseTo(worst, 12);
      const state = c.states.find((s) => s.soc === c.worstSoc)!;
      expect(Math.max(...state.interfaces.map((i) => Math.abs(i.dphi)))).toBe(c.worstAbsDphi);
      expect(Math.abs(c.worstDphi)).toBe(c.worstAbsDphi);
    }
  });

  test("the ranking of the built-in candidates (LLZO 0.70 < LNCO 0.83 < LNO 0.84 < LiPON 0.87 < none 1.04 < LPO 1.06)", () => {
    // the hand ranking (LNO 0.81) took interlayer states from eq. 3 averages; the local
    // voltage rule (cell/cathodeCurve.ts) puts LNO and LNCO in their 100% states here
    const byId = Object.fromEntries(result.candidates.map((c) => [c.id, c.worstAbsDphi]));
    expect(byId.LLZO).toBeCloseTo(0.7, 2);
    expect(byId.LNCO).toBeCloseTo(0.83, 2);
    expect(byId.LNO).toBeCloseTo(0.84, 2);
    expect(byId.LiPON).toBeCloseTo(0.87, 2);
    expect(byId.none).toBeCloseTo(1.04, 2);
    expect(byId.LPO).toBeCloseTo(1.06, 2);
    expect(result.candidates.map((c) => c.id).slice(0, 6)).toEqual(["LLZO", "LNCO", "LNO", "LiPON", "none", "LPO"]);
  });

  test("a cathode-material coating takes the state whose hull step holds the cathode's voltage (LNO: Li0.5NiO2 between its steps)", () => {
    const lno = result.candidates.find((c) => c.id === "LNO")!;
    const steps = set.cathodes.find((c) => c.id === "LNO")!.profile!.steps; // 3.47 and 4.39 V
    for (const soc of ["0%", "100%"]) {
      const v = findCathodeState(set, "LCO", soc).ocv; // 3.77 and 4.11 V
      expect(v).toBeGreaterThan(steps[0].voltage);
      expect(v).toBeLessThan(steps[1].voltage);
      expect(lno.states.find((s) => s.soc === soc)!.taken).toBe("100%");
    }
    expect(lno.flags).toEqual([]);
    expect(lno.compatible).toBe(true);
  });

  test("window flags: reduced below, oxidised above, at both contacts", () => {
    const states = coatingStates(set.cathodes.find((c) => c.id === "LCO")!);
    const wide: Electrolyte = { ...lps, id: "W", window: { lower: 0, upper: 10 } };
    expect(windowFlags(wide, lps, states)).toEqual([]);
    const low: Electrolyte = { ...lps, id: "L", window: { lower: 0, upper: 4 } };
    expect(windowFlags(low, lps, states).join()).toMatch(/oxidised by the cathode: up to 4\.11 V/);
    const high: Electrolyte = { ...lps, id: "H", window: { lower: 3, upper: 10 } };
    // LPS ends at its upper edge, 2.32 V, below H's window
    expect(windowFlags(high, lps, states).join()).toMatch(/reduced at the LPS side: 2\.32 V/);
  });

  test("a candidate that cannot be stacked is a failure ranked last, not an error", () => {
    const bad: Electrolyte = { ...lps, id: "OUT", window: { lower: 5, upper: 6 } };
    const r = rankCoatings({ ...set, electrolytes: [...set.electrolytes, bad] }, "LPS", "LCO");
    const last = r.candidates.at(-1)!;
    expect(last.id).toBe("OUT");
    expect(last.failure).toMatch(/window/);
    expect(Number.isNaN(last.worstAbsDphi)).toBe(true);
    expect(coatCsv(r)).toMatch(/OUT,electrolyte,,.*failed:/);
  });

  test("unknown ids fail with the flag named", () => {
    expect(() => rankCoatings(set, "LPS", "NOPE")).toThrow(/--cathode/);
    expect(() => rankCoatings(set, "LPS", "LCO", { candidates: ["XYZ"] })).toThrow(/--coatings/);
  });
});

describe("potmap coat", () => {
  test("--json ranks the built-in candidates plus the baseline, each with its worst jump, state and flags", async () => {
    const r = await run("coat", "--electrolyte", "LPS", "--cathode", "LCO", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.candidates.length).toBe(8);
    for (const c of doc.candidates) {
      expect(Number.isFinite(c.worstAbsDphi)).toBe(true);
      expect(["0%", "100%"]).toContain(c.worstSoc);
      expect(Array.isArray(c.flags)).toBe(true);
    }
    expect(doc.candidates.find((c: { id: string }) => c.id === "none").kind).toBe("none");
  });

  test("text, --csv and --figure; --stable-only keeps unflagged candidates and the baseline", async () => {
    const csv = path.join(dir, "coat.csv");
    const fig = path.join(dir, "coat.json");
    const r = await run("coat", "--electrolyte", "LPS", "--cathode", "LCO", "--csv", csv, "--figure", fig);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rank\s+coating/);
    expect(fs.readFileSync(csv, "utf8").split("\n")[0]).toBe("rank,coating,kind,worstAbsDphi,soc,ocv,taken,interface,dphi,dmu,compatible,flags");
    expect(JSON.parse(fs.readFileSync(fig, "utf8")).data[0].type).toBe("bar");
    const s = JSON.parse((await run("coat", "--electrolyte", "LPS", "--cathode", "LCO", "--stable-only", "--json")).stdout);
    expect(s.candidates.every((c: { compatible: boolean; kind: string }) => c.compatible || c.kind === "none")).toBe(true);
    expect(s.candidates.some((c: { kind: string }) => c.kind === "none")).toBe(true);
  });

  test("--coatings restricts the candidates; a bad --ip-range is one clear error", async () => {
    const r = JSON.parse((await run("coat", "--electrolyte", "LPS", "--cathode", "LCO", "--coatings", "LLZO,LNO", "--json")).stdout);
    expect(r.candidates.map((c: { id: string }) => c.id).sort()).toEqual(["LLZO", "LNO", "none"]);
    const bad = await run("coat", "--electrolyte", "LPS", "--cathode", "LCO", "--virtual", "--ip-range", "7,5");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--ip-range/);
  });
});

describe("notebook 08b: the numbers its prose quotes", () => {
  const nb = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../notebooks/08b-which-coating.ipynb"), "utf8")) as { cells: { cell_type: string; source: string[] }[] };
  const prose = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => c.source.join("")).join("\n");

  test("LPS|LCO: no coating -1.04 V at 100% (-0.12 V at 0%), LLZO 0.70 V and oxidised, LPO worse than none", () => {
    const r = rankCoatings(set, "LPS", "LCO");
    const none = r.candidates.find((c) => c.kind === "none")!;
    expect(prose).toContain("$-1.04$ V at 100%");
    expect(none.worstDphi.toFixed(2)).toBe("-1.04");
    expect(none.states[0].interfaces[0].dphi.toFixed(2)).toBe("-0.12");
    const llzo = r.candidates.find((c) => c.id === "LLZO")!;
    expect(prose).toContain("(0.70 V)");
    expect(llzo.worstAbsDphi.toFixed(2)).toBe("0.70");
    expect(llzo.flags.join()).toMatch(/oxidised by the cathode/);
    expect(r.candidates.find((c) => c.id === "LPO")!.worstAbsDphi).toBeGreaterThan(none.worstAbsDphi);
  });

  test("LPS|LNO: the LCO layer takes its 100% state at LNO 0% (-1.22 V at the LPS side, +0.81 V at LNO), 0.84 V at LNO 100%, worst 1.22 V against 0.41 V without; only LNCO (flagged) edges out none", () => {
    const r = rankCoatings(set, "LPS", "LNO");
    const lco = r.candidates.find((c) => c.id === "LCO")!;
    const at0 = lco.states.find((s) => s.soc === "0%")!;
    expect(at0.taken).toBe("100%"); // 3.93 V lies between LCO's hull steps 3.42 and 4.11 V
    const [lpsSide, lnoSide] = at0.interfaces.map((i) => i.dphi.toFixed(2));
    expect(prose).toContain(`the LPS/LCO jump is then $${lpsSide}$ V and the LCO/LNO one $+${lnoSide}$ V`);
    const at100 = lco.states.find((s) => s.soc === "100%")!;
    expect(prose).toContain(`LCO/LNO interface jumps by ${Math.abs(at100.interfaces[1].dphi).toFixed(2)} V`);
    expect(prose).toContain(`Its worst jump, ${lco.worstAbsDphi.toFixed(2)} V, is far worse than the ${r.candidates.find((c) => c.kind === "none")!.worstAbsDphi.toFixed(2)} V of no coating`);
    const none = r.candidates.find((c) => c.kind === "none")!;
    expect(prose).toContain(`than the $${none.states[0].interfaces[0].dphi.toFixed(2)}$ V they replace`);
    const bare = rankCoatings(set, "LPS", "LCO").candidates.find((c) => c.kind === "none")!;
    expect(prose).toContain(`(LCO 0%/LPS alone is $${bare.states[0].interfaces[0].dphi.toFixed(2)}$ V)`);
    // only LNCO ranks above no coating, and it is flagged (held above its own states at LNO 100%)
    const ahead = r.candidates.slice(0, r.candidates.indexOf(none));
    expect(ahead.map((c) => c.id)).toEqual(["LNCO"]);
    expect(ahead[0].flags.join(" ")).toMatch(/outside its states/);
    expect(prose).toContain(`Only LNCO edges out no coating (${ahead[0].worstAbsDphi.toFixed(2)} V)`);
  });

  test("LPS|LCO: cathode-material coatings take their 100% states at both of LCO's voltages, unflagged", () => {
    const r = rankCoatings(set, "LPS", "LCO");
    for (const id of ["LNCO", "LNO"]) {
      const c = r.candidates.find((x) => x.id === id)!;
      expect(c.states.map((s) => s.taken)).toEqual(["100%", "100%"]);
      expect(c.flags).toEqual([]);
      expect(prose).toContain(`${id} (${c.worstAbsDphi.toFixed(2)} V)`);
    }
  });

  test("the best virtual coating for LPS|LCO is about 0.5 V and LCO's own swing about 0.9 V", async () => {
    const { idealCoating } = await import("../lib/src/whatif/idealCoating");
    const r = rankCoatings(set, "LPS", "LCO");
    const v = idealCoating(set, "LPS", "LCO", r, { grid: 200, threshold: 0.1 });
    expect(prose).toContain("about 0.5 V");
    expect(v.best.worstAbsDphi).toBeGreaterThan(0.45);
    expect(v.best.worstAbsDphi).toBeLessThan(0.55);
    expect(v.region.points).toBe(0);
    const none = r.candidates.find((c) => c.kind === "none")!;
    const swing = Math.abs(none.states[1].interfaces[0].dphi - none.states[0].interfaces[0].dphi);
    expect(prose).toContain("about 0.9 V");
    expect(swing).toBeGreaterThan(0.85);
    expect(swing).toBeLessThan(0.95);
  });
});
