import { describe, expect, it } from "vitest";
import { PotmapError } from "../lib/src/core/errors";
import {
  atomCount,
  atomicFraction,
  compositionFrom,
  compositionKey,
  compositionRatio,
  elementSymbols,
  isElement,
  parseFormula,
  reducedFormula,
  sameComposition,
} from "../lib/src/thermo/formula";

describe("parseFormula", () => {
  it("parses integer formulas, with or without explicit counts of 1", () => {
    expect(parseFormula("Li3PO4")).toEqual({ Li: 3, P: 1, O: 4 });
    expect(parseFormula("Li3O4P1")).toEqual({ Li: 3, O: 4, P: 1 });
    expect(parseFormula("Co1Li2Ni1O4")).toEqual({ Co: 1, Li: 2, Ni: 1, O: 4 });
    expect(parseFormula("Li7La3Zr2O12")).toEqual({ Li: 7, La: 3, Zr: 2, O: 12 });
  });

  it("parses fractional amounts", () => {
    expect(parseFormula("Li0.5CoO2")).toEqual({ Li: 0.5, Co: 1, O: 2 });
    expect(parseFormula("LiNi0.5Mn1.5O4")).toEqual({ Li: 1, Ni: 0.5, Mn: 1.5, O: 4 });
    expect(parseFormula("Li2Mn3Ni1O8")).toEqual({ Li: 2, Mn: 3, Ni: 1, O: 8 });
    expect(parseFormula("Li.5CoO2")).toEqual({ Li: 0.5, Co: 1, O: 2 });
  });

  it("expands parentheses and brackets, nested, and sums repeated elements", () => {
    expect(parseFormula("Li2(NiCo)O4")).toEqual({ Li: 2, Ni: 1, Co: 1, O: 4 });
    expect(parseFormula("Ca3(PO4)2")).toEqual({ Ca: 3, P: 2, O: 8 });
    expect(parseFormula("Li[Ni(CoO2)2]0.5")).toEqual({ Li: 1, Ni: 0.5, Co: 1, O: 2 });
    expect(parseFormula("LiOCoO")).toEqual({ Li: 1, O: 2, Co: 1 });
  });

  it("ignores whitespace between tokens", () => {
    expect(parseFormula("  Li2 O ")).toEqual({ Li: 2, O: 1 });
    expect(parseFormula("Li 2 ( Ni Co ) O 4")).toEqual({ Li: 2, Ni: 1, Co: 1, O: 4 });
  });

  it("drops zero amounts but needs at least one atom", () => {
    expect(parseFormula("Li0CoO2")).toEqual({ Co: 1, O: 2 });
    expect(() => parseFormula("Li0")).toThrow(/no atoms/);
  });

  it("distinguishes case: CO is carbon monoxide, Co is cobalt", () => {
    expect(parseFormula("CO")).toEqual({ C: 1, O: 1 });
    expect(parseFormula("Co")).toEqual({ Co: 1 });
  });

  it("rejects unknown element symbols, naming symbol and formula", () => {
    expect(() => parseFormula("Lj2O")).toThrow(PotmapError);
    expect(() => parseFormula("Lj2O")).toThrow(/unknown element symbol "Lj".*|value "Lj2O"/);
    try {
      parseFormula("Xx2O", { file: "data.csv, line 3" });
      expect.unreachable();
    } catch (error) {
      const e = error as PotmapError;
      expect(e.message).toBe('data.csv, line 3, field "formula", value "Xx2O": unknown element symbol "Xx" in chemical formula');
      expect(e.value).toBe("Xx2O");
    }
  });

  it.each([
    ["", /no atoms/],
    ["   ", /no atoms/],
    ["li2O", /unexpected "l"/],
    ["Li2O)", /unexpected "\)"/],
    ["Li2(NiCo", /missing "\)"/],
    ["Li2()O", /empty brackets/],
    ["Li-2O", /unexpected "-"/],
    ["2Li", /unexpected "2"/],
    ["Li2O;", /unexpected ";"/],
    ["Li1.2.3O", /unexpected "\."/],
  ])("rejects malformed %j with a message naming it", (formula, reason) => {
    expect(() => parseFormula(formula)).toThrow(reason);
    expect(() => parseFormula(formula)).toThrow(`value ${JSON.stringify(formula)}`);
  });

  it("has the full periodic table", () => {
    expect(elementSymbols).toHaveLength(118);
    expect(new Set(elementSymbols).size).toBe(118);
    expect(isElement("Og")).toBe(true);
    expect(isElement("Uue")).toBe(false);
    expect(parseFormula("OgTs2")).toEqual({ Og: 1, Ts: 2 });
  });
});

describe("compositionFrom", () => {
  it("accepts an object or a formula string", () => {
    expect(compositionFrom({ Li: 2, O: 1 })).toEqual({ Li: 2, O: 1 });
    expect(compositionFrom("Li2O")).toEqual({ Li: 2, O: 1 });
  });
  it("rejects bad symbols and amounts", () => {
    expect(() => compositionFrom({ Lx: 1 })).toThrow(/unknown element symbol "Lx"/);
    expect(() => compositionFrom({ Li: "2" })).toThrow(/amount of Li/);
    expect(() => compositionFrom({ Li: -1 })).toThrow(/amount of Li/);
    expect(() => compositionFrom({})).toThrow(/no atoms/);
    expect(() => compositionFrom([1, 2])).toThrow(/composition object/);
  });
});

describe("reducedFormula and helpers", () => {
  it("writes reduced formulas in electronegativity order without counts of 1", () => {
    expect(reducedFormula("Li3O4P1")).toBe("Li3PO4");
    expect(reducedFormula("Li2N1O2P1")).toBe("Li2PNO2");
    expect(reducedFormula("Li0.5CoO2")).toBe("LiCo2O4");
    expect(reducedFormula("LiNi0.5Mn1.5O4")).toBe("Li2Mn3NiO8");
    expect(reducedFormula("Co1Li2Ni1O4")).toBe("Li2CoNiO4");
    expect(reducedFormula("Li4Ti2O6")).toBe("Li2TiO3");
    expect(reducedFormula("Li7La3Zr2O12")).toBe("Li7La3Zr2O12");
  });
  it("writes diatomic elements as molecules", () => {
    expect(reducedFormula("O")).toBe("O2");
    expect(reducedFormula("N4")).toBe("N2");
    expect(reducedFormula("Li3")).toBe("Li");
    expect(reducedFormula("Li2O2")).toBe("Li2O2");
    expect(reducedFormula("LiO2")).toBe("LiO2");
  });
  it("falls back to the amounts for irrational-looking compositions", () => {
    expect(reducedFormula({ Li: Math.PI, O: 1 })).toBe("Li3.14159O");
  });
  it("counts atoms and fractions", () => {
    expect(atomCount(parseFormula("Li0.5CoO2"))).toBe(3.5);
    expect(atomicFraction(parseFormula("LiCoO2"), "Li")).toBe(0.25);
    expect(atomicFraction(parseFormula("LiCoO2"), "Ni")).toBe(0);
  });
  it("matches compositions up to scaling", () => {
    expect(sameComposition(parseFormula("LiCo2O4"), parseFormula("Li0.5CoO2"))).toBe(true);
    expect(sameComposition(parseFormula("LiCoO2"), parseFormula("Li0.5CoO2"))).toBe(false);
    expect(compositionKey(parseFormula("Li3O4P1"))).toBe(compositionKey(parseFormula("Li6P2O8")));
    expect(compositionRatio(parseFormula("CoO2"), parseFormula("Co2O4"))).toBe(2);
    expect(compositionRatio(parseFormula("CoO2"), parseFormula("NiO2"))).toBeNull();
    expect(compositionRatio(parseFormula("CoO2"), parseFormula("Co2O3"))).toBeNull();
  });
});
