import { describe, expect, test } from "vitest";
import { stackMap } from "../lib/src/cell/stack";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte, orderedCathodeStates, orderedElectrolytes } from "../lib/src/cell/dataSet";
import { main } from "../lib/src/cli/main";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const lps = findElectrolyte(set, "LPS");

describe("stackMap", () => {
  test("anode | electrolyte | cathode reduces exactly to potentialMap for all 48 configurations", () => {
    for (const e of orderedElectrolytes(set)) {
      for (const c of orderedCathodeStates(set)) {
        const map = potentialMap(li, e, c, { withoutProfile: true });
        const stack = stackMap(li, [e], c);
        expect(stack.interfaces.map((i) => i.dphi)).toEqual([map.dphiAnode, map.dphiCathode]);
        expect(stack.layers[1].muLeft).toBe(map.muAnodeSide);
        expect(stack.layers[1].muRight).toBe(map.muCathodeSide);
      }
    }
  });

  test("jumps plus the changes inside layers add up to the cathode's potential, however many layers", () => {
    const lnco = findCathodeState(set, "LNCO", "0%");
    const stack = stackMap(li, [lps, findCathodeState(set, "LCO", "0%")], lnco);
    const inside = stack.layers.reduce((s, l) => s + (l.phiRight - l.phiLeft), 0);
    const total = stack.interfaces.reduce((s, i) => s + i.dphi, 0) + inside;
    expect(total).toBeCloseTo(stack.layers.at(-1)!.phiLeft, 12);
    expect(total).toBeCloseTo(potentialMap(li, lps, lnco).phiCathode, 12);
  });

  test("a cathode-material interlayer sits at the cathode's mu and splits dphi_c in two", () => {
    const lno = findCathodeState(set, "LNO", "0%");
    const bare = potentialMap(li, lps, lno).dphiCathode;
    const stack = stackMap(li, [lps, findCathodeState(set, "LCO", "0%")], lno);
    const [, lpsLco, lcoLno] = stack.interfaces;
    expect(stack.layers[2].muLeft).toBe(-lno.ocv);
    expect(lcoLno.dmu).toBe(0);
    expect(lpsLco.dphi + lcoLno.dphi).toBeCloseTo(bare, 12);
  });

  test("a coating with a window takes its share of the mu drop (LPO between LPS and LCO)", () => {
    const lpo = findElectrolyte(set, "LPO");
    const stack = stackMap(li, [lps, lpo], findCathodeState(set, "LCO", "0%"));
    // LPS ends at -2.32 eV, inside LPO's window (0.69-4.21 V): no mu jump at LPS/LPO
    expect(stack.interfaces[1].dmu).toBeCloseTo(0, 12);
    expect(stack.layers[2].muRight).toBeCloseTo(-findCathodeState(set, "LCO", "0%").ocv, 12);
  });

  test("the profile covers every layer in order with finite values", () => {
    const stack = stackMap(li, [lps, findCathodeState(set, "LCO", "0%")], findCathodeState(set, "LNO", "0%"));
    expect([...new Set(stack.profile.layer)]).toEqual(["Li", "LPS", "LCO 0%", "LNO 0%"]);
    for (const key of ["position", "muLi", "phi", "vbm", "cbm"] as const) expect(stack.profile[key].every(Number.isFinite)).toBe(true);
    const x = stack.profile.position;
    expect(x.every((v, i) => i === 0 || v >= x[i - 1])).toBe(true);
  });
});

describe("potmap stack", () => {
  const run = async (...argv: string[]) => {
    let out = "";
    let err = "";
    const code = await main(argv, (t) => (out += t), (t) => (err += t));
    return { code, out, err };
  };
  test("--json prints layers and interfaces", async () => {
    const { code, out } = await run("stack", "--layers", "Li,LPS,LCO:0%,LNO:0%", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.interfaces.map((i: any) => i.right)).toEqual(["LPS", "LCO 0%", "LNO 0%"]);
  });
  test.each([
    [["stack", "--layers", "Li,XYZ,LCO:0%"], /value "XYZ": unknown layer/],
    [["stack", "--layers", "Li,LCO:0%"], /needs at least an anode, one layer and a cathode/],
    [["stack", "--layers", "Li,LPS,LLZO"], /the last layer must be a cathode/],
    [["stack", "--layers", "Li,LPS,LCO:50%"], /field "--soc", value "50%"/],
  ])("bad input %j gives one clear line", async (argv, message) => {
    const { code, out, err } = await run(...(argv as string[]));
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
  });
});
