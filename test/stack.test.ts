import { describe, expect, test } from "vitest";
import { interlayerState, stackMap } from "../lib/src/cell/stack";
import { Cathode, CathodeState } from "../lib/src/cell/materials";
import { electrostaticPotential } from "../lib/src/cell/potential";
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

// A constructed interlayer material whose states' OCVs are deliberately not in SOC order.
const state = (soc: CathodeState["soc"], ocv: number, ionizationPotential: number): CathodeState => ({
  role: "cathode", id: "X", name: "X", soc, bandGap: 1, ionizationPotential, fermiLevel: 0.1, ocv,
});
const x: Cathode = { role: "cathode", id: "X", name: "X", states: [state("0%", 3.5, 5.5), state("100%", 3, 5.2), state("+", 4, 6)] };

describe("interlayerState", () => {
  test("state k covers [OCV_k, OCV_k+1), ordered by OCV; the last covers its own OCV", () => {
    const take = (v: number) => interlayerState(x.states, v);
    expect(take(3.2)).toMatchObject({ state: { soc: "100%" }, covered: true });
    expect(take(3.5)).toMatchObject({ state: { soc: "0%" }, covered: true });
    expect(take(3.99)).toMatchObject({ state: { soc: "0%" }, covered: true });
    expect(take(4)).toMatchObject({ state: { soc: "+" }, covered: true });
  });
  test("outside every state's voltage the nearest state is kept, not covered", () => {
    expect(interlayerState(x.states, 4.3)).toMatchObject({ state: { soc: "+" }, covered: false });
    expect(interlayerState(x.states, 0)).toMatchObject({ state: { soc: "100%" }, covered: false });
  });
  test("no states or a NaN voltage fail with one clear error", () => {
    expect(() => interlayerState([], 3)).toThrow(/at least one state/);
    expect(() => interlayerState(x.states, NaN)).toThrow(/finite/);
  });
});

describe("stackMap interlayer equilibrium", () => {
  // LPS at its Li contact (1.74 V) is a mixed conductor (defects/conduction.ts): every stack with
  // it carries that electrolyte warning; these tests are about the interlayer's own warnings
  const ownWarnings = (warnings: readonly string[]) => warnings.filter((w) => !w.startsWith("electronic-conduction:"));
  const cathodeAt = (ocv: number): CathodeState => ({ role: "cathode", id: "C", name: "C", soc: "0%", bandGap: 2, ionizationPotential: 6.2, fermiLevel: 0, ocv });

  test("an interlayer behind the electrolyte takes the state whose range holds the cathode's voltage and uses its IP and E_F (eq. 5)", () => {
    for (const ocv of [3.2, 3.7, 4]) {
      const asked = x.states[0];
      const stack = stackMap(li, [lps, asked], cathodeAt(ocv), { cathodes: [x] });
      const expected = interlayerState(x.states, ocv).state;
      expect(stack.interlayers).toEqual([{ index: 1, id: "X", requested: "0%", taken: expected.soc, voltage: ocv, covered: true }]);
      expect(stack.warnings.filter((w) => w.startsWith("electronic-conduction: LPS: mixed conductor"))).toHaveLength(1);
      expect(ownWarnings(stack.warnings)).toEqual([]);
      const layer = stack.layers[2];
      expect(layer.soc).toBe(expected.soc);
      expect(layer.phiLeft).toBeCloseTo(electrostaticPotential(expected.fermiLevel, expected.ionizationPotential, li.workFunction, -ocv), 12);
    }
  });

  test("without the material's states the interlayer keeps the state it was given", () => {
    const stack = stackMap(li, [lps, x.states[1]], cathodeAt(3.7));
    expect(stack.layers[2].soc).toBe("100%");
    expect(stack.interlayers[0]).toMatchObject({ requested: "100%", taken: "100%", covered: false });
  });

  test("beyond its highest or lowest state: the nearest state is kept and a warning names the interlayer", () => {
    const high = stackMap(li, [lps, x.states[0]], cathodeAt(4.5), { cathodes: [x] });
    expect(high.layers[2].soc).toBe("+");
    expect(ownWarnings(high.warnings)).toHaveLength(1);
    expect(ownWarnings(high.warnings)[0]).toMatch(/interlayer X 0% is held at 4\.50 V.*delithiate beyond/);
    const low = stackMap(li, [x.states[2], lps], cathodeAt(3.7), { cathodes: [x] });
    expect(low.layers[1].soc).toBe("100%");
    expect(ownWarnings(low.warnings)[0]).toMatch(/held at 0\.00 V.*lithiate beyond its lowest/);
  });

  test("LCO 0% against LNCO 0% and the LNO states takes the LCO state whose hull step holds the cathode's voltage", () => {
    const lco = set.cathodes.find((c) => c.id === "LCO")!;
    const steps = lco.profile!.steps; // 1 -> 0.5 at 3.420 V, 0.5 -> 0 at 4.111 V
    for (const cathode of [findCathodeState(set, "LNCO", "0%"), ...set.cathodes.find((c) => c.id === "LNO")!.states]) {
      const stack = stackMap(li, [lps, findCathodeState(set, "LCO", "0%")], cathode, { cathodes: set.cathodes });
      const choice = stack.interlayers[0];
      const taken = lco.states.find((s) => s.soc === choice.taken)!;
      expect(choice.voltage).toBe(cathode.ocv);
      if (cathode.ocv < steps[0].voltage) expect(taken.soc).toBe("0%");
      else if (cathode.ocv < steps[1].voltage) {
        // between the steps the stable phase is the x = 0.5 vertex: the 100% state
        expect(taken.soc).toBe("100%");
        expect(ownWarnings(stack.warnings)).toEqual([]);
      } else {
        // above the last step CoO2 is stable, which LCO does not name: the nearest state, with a warning
        expect(taken.soc).toBe("100%");
        expect(choice.covered).toBe(false);
        expect(ownWarnings(stack.warnings)[0]).toMatch(/interlayer LCO 0%: .*no named state/);
      }
      expect(stack.layers[2].phiLeft).toBeCloseTo(electrostaticPotential(taken.fermiLevel, taken.ionizationPotential, li.workFunction, -cathode.ocv), 12);
    }
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
    expect(json.interfaces.map((i: any) => i.right)).toEqual(["LPS", json.interfaces[1].right, "LNO 0%"]);
    expect(json.interlayers[0]).toMatchObject({ id: "LCO", requested: "0%" });
    expect(json.interfaces[1].right).toBe(`LCO ${json.interlayers[0].taken}`);
    expect(Array.isArray(json.warnings)).toBe(true);
  });
  test("the text names the state each interlayer took", async () => {
    const { code, out } = await run("stack", "--layers", "Li,LPS,LCO:0%,LNCO:0%");
    expect(code).toBe(0);
    const lnco = findCathodeState(readDataSet(builtinMaterialsFolder()), "LNCO", "0%");
    expect(out).toContain(`at ${lnco.ocv.toFixed(2)} V`);
    expect(out).toMatch(/interlayer LCO 0% -> LCO (0%|100%) at /);
  });
  test.each([
    [["stack", "--layers", "Li,XYZ,LCO:0%"], /value "XYZ": unknown layer/],
    [["stack", "--layers", "Li,LCO:0%"], /needs at least an anode, one layer and a cathode/],
    [["stack", "--layers", "Li,LPS,LLZO"], /the last layer must be a cathode/],
    [["stack", "--layers", "Li,LPS,LCO:250%"], /field "--soc", value "250%": outside LCO's curve/], // 50% is a point on the curve
  ])("bad input %j gives one clear line", async (argv, message) => {
    const { code, out, err } = await run(...(argv as string[]));
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
  });
});
