import { describe, expect, test } from "vitest";
import { classifyConduction, electronicConductivity, electronicRatioLimit } from "../lib/src/defects/conduction";
import { debyeLength, formatLength, ionicStrength, screeningOf } from "../lib/src/spaceCharge/screening";
import { solutionWarnings } from "../lib/src/defects/guards";
import * as fs from "fs";
import { builtinMaterialsFolder, toMaterial } from "../lib/src/io/readMaterials";
import { Electrolyte } from "../lib/src/cell/materials";

const transport = { ionicConductivity: 1e-4, electronMobility: 1, holeMobility: 0.1 };

describe("electronic versus ionic conduction", () => {
  test("sigma_e = e (n mu_n + p mu_p)", () => {
    expect(electronicConductivity(4.3e17, 0, 1, 1)).toBeCloseTo(4.3e17 * 1.602176634e-19, 12);
    expect(electronicConductivity(1e10, 1e12, 2, 0.5)).toBeCloseTo(1.602176634e-19 * (2e10 + 5e11), 25);
    expect(electronicConductivity(0, 0, 1, 1)).toBe(0);
  });
  test("the class: insulating below sigma_e/sigma_ion = 1e-2, mixed conductor at or above, degenerate at a band edge", () => {
    // n at which sigma_e is exactly the limit
    const nLimit = (electronicRatioLimit * 1e-4) / 1.602176634e-19;
    expect(classifyConduction(0.5 * nLimit, 0, 3, 5, transport).conductionClass).toBe("insulating");
    expect(classifyConduction(2 * nLimit, 0, 3, 5, transport).conductionClass).toBe("mixed conductor");
    const lps = classifyConduction(4.3e17, 0, 2.62, 2.7, transport);
    expect(lps.conductionClass).toBe("mixed conductor");
    expect(lps.ratio).toBeCloseTo((4.3e17 * 1.602176634e-19) / 1e-4, 6);
    expect(classifyConduction(1, 1, 5.0, 5, transport).conductionClass).toBe("degenerate");
    expect(classifyConduction(1, 1, -0.01, 5, transport).conductionClass).toBe("degenerate");
    expect(classifyConduction(1, 1, NaN, 5, transport).conductionClass).toBe("degenerate");
    // without transport data: unknown, never a default mobility
    const unknown = classifyConduction(1e20, 0, 2, 5, undefined);
    expect(unknown.conductionClass).toBe("unknown");
    expect(unknown.electronicConductivity).toBeNaN();
  });
  test("guards warn for a mixed conductor and quote the record's note", () => {
    const result = { fermiLevel: 2.62, muLi: -1.74, temperature: 300, residual: 0, electrons: 4.3e17, holes: 1, defects: [] };
    const [w] = solutionWarnings(result, 2.7, [], { material: "LPS", transport, conductionNote: "explained" });
    expect(w.code).toBe("electronic-conduction");
    expect(w.message).toContain("n = 4.30e+17");
    expect(w.message).toContain("(record: explained)");
    expect(solutionWarnings({ ...result, electrons: 1 }, 2.7, [], { transport })).toEqual([]);
    expect(solutionWarnings(result, 2.7, [])).toEqual([]); // no transport: no class, no warning
  });
});

describe("screening length", () => {
  test("Debye length by hand: 1e18 cm^-3 monovalent, eps 10, 300 K is about 3.6 nm", () => {
    const lambda = debyeLength(10, 300, 1e18);
    const byHand = Math.sqrt((8.8541878128e-12 * 10 * 1.380649e-23 * 300) / (1.602176634e-19 ** 2 * 1e24));
    expect(lambda / byHand).toBeCloseTo(1, 12);
    expect(lambda).toBeGreaterThan(3e-9);
    expect(lambda).toBeLessThan(4e-9);
    // lambda ~ c^-1/2
    expect(debyeLength(10, 300, 1e16) / lambda).toBeCloseTo(10, 9);
  });
  test("z^2 weighting, neutral states skipped, carriers counted; nothing charged: infinite", () => {
    const species = { electrons: 1e10, holes: 2e10, defects: [{ name: "A", charges: { "0": 1e20, "-1": 1e12, "2": 3e12 } }] };
    expect(ionicStrength(species)).toEqual({ ionicStrength: 3e10 + 1e12 + 4 * 3e12, chargedDefects: 4e12 });
    expect(screeningOf({ electrons: 0, holes: 0, defects: [] }, 10, 300).debyeLength).toBe(Infinity);
    expect(debyeLength(10, 300, NaN)).toBe(Infinity);
  });
  test("a mid-window LiPON with 1e7 cm^-3 of each charged defect screens over about a millimetre", () => {
    expect(debyeLength(10, 300, 2e7)).toBeGreaterThan(5e-4);
    expect(formatLength(debyeLength(10, 300, 2e7))).toBe("845 um");
    expect(formatLength(2.8e-6)).toBe("2.80 um");
    expect(formatLength(1.5e-10)).toBe("1.50 A");
    expect(formatLength(Infinity)).toBe("Infinity");
  });
});

describe("records: transport and structure", () => {
  const llzo = () => JSON.parse(fs.readFileSync(`${builtinMaterialsFolder()}/LLZO.json`, "utf8"));
  test("the built-in LLZO reads its transport and its structure's Li density", () => {
    const e = toMaterial(llzo(), "LLZO.json") as Electrolyte;
    expect(e.transport).toEqual({ ionicConductivity: 1.6e-6, electronMobility: 1, holeMobility: 1 });
    expect(e.lithiumDensity).toBeCloseTo((7 * 4) / 1056.62e-24, -15);
  });
  test("a bad transport value fails naming file, field and value", () => {
    for (const [field, value] of [["ionicConductivity", 0], ["electronMobility", -1], ["holeMobility", 0]] as const) {
      const r = llzo();
      r.transport[field].value = value;
      expect(() => toMaterial(r, "LLZO.json")).toThrow(new RegExp(`LLZO.json, field "transport.${field}", value ${value}`));
    }
    const r = llzo();
    r.structure.cellVolume = 0;
    expect(() => toMaterial(r, "LLZO.json")).toThrow(/structure.cellVolume/);
  });
});
