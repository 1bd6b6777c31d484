/**
 * The one table of physical inputs (lib/src/inputs): the model materials' view and the raw
 * records' view name the same numbers by the same paths, `with` never changes its input, and
 * the ranges and sigmas are core/ranges' and the records'.
 */
import { describe, expect, test } from "vitest";
import { physicalRanges } from "../lib/src/core/ranges";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { readRawRecords } from "../lib/src/io/readRecords";
import { dataSetInputs, electrolyteInputs, cathodeStateInputs, anodeInputs, findInput } from "../lib/src/inputs/table";
import { declaredSigmas, recordInputs, recordQuantity, recordWith } from "../lib/src/inputs/recordInputs";
import { inputKinds } from "../lib/src/inputs/kinds";
import { findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { effectiveBandGap } from "../lib/src/defects/defects";
import { electrolyteFermiLevel, electrolyteSystem } from "../lib/src/cell/fermiLevel";
import { toMaterial } from "../lib/src/io/readMaterials";

const folder = builtinMaterialsFolder();
const set = readDataSet(folder);
const raw = readRawRecords(folder).records;

describe("the table of inputs", () => {
  const inputs = dataSetInputs(set);

  test("covers every material, defect charge state, dopant and cathode state, one path each", () => {
    const paths = inputs.map((i) => i.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain("Li.workFunction");
    expect(paths).toContain("LLZO.defects[V_Li].charges[-1].energy");
    expect(paths).toContain("LPS.defects[Li_i].charges[+1].energy");
    expect(paths).toContain("LMO[+].ocv");
    for (const e of set.electrolytes) expect(paths).toContain(`${e.id}.ionizationPotential`);
    const states = set.cathodes.flatMap((c) => c.states);
    for (const s of states) for (const q of ["ocv", "ionizationPotential", "fermiLevel", "bandGap", "scissor"]) expect(paths).toContain(`${s.id}[${s.soc}].${q}`);
    const defectStates = set.electrolytes.flatMap((e) => (e.fermiLevel.rule === "defects" ? e.fermiLevel.system.defects.flatMap((d) => d.chargeStates) : []));
    expect(inputs.filter((i) => i.kind === "defectEnergy")).toHaveLength(defectStates.length);
  });

  test("the raw records name the same numbers by the same paths, with the same values", () => {
    const rawValues = new Map(raw.flatMap((r) => recordInputs(r.record).map((i) => [i.path, i.value] as const)));
    let compared = 0;
    for (const input of inputs) {
      if (!rawValues.has(input.path)) continue;
      expect([input.path, rawValues.get(input.path)]).toEqual([input.path, input.value]);
      compared++;
    }
    // everything but absent scissors, which the model reads as 0
    expect(compared).toBe(inputs.filter((i) => !(i.kind === "scissor" && i.value === 0)).length);
  });

  test("ranges are core/ranges'; sigmas the record's or the kind's default", () => {
    for (const i of inputs) {
      expect(i.range).toBe(physicalRanges[inputKinds[i.kind].range]);
      expect(i.sigma).toBe(inputKinds[i.kind].defaultSigma);
      expect(i.sigmaDeclared).toBe(false);
    }
    const lco = findCathodeState(set, "LCO", "0%");
    const withDeclared = cathodeStateInputs(lco, new Map([["LCO[0%].ocv", 0.02]]));
    expect(findInput(withDeclared, "cathode.ocv")).toMatchObject({ sigma: 0.02, sigmaDeclared: true });
  });

  test("with(value) returns a new material with that value and leaves the original alone", () => {
    const llzo = findElectrolyte(set, "LLZO");
    const before = JSON.stringify(llzo);
    for (const input of electrolyteInputs(llzo)) {
      const moved = input.with(input.value + 0.01);
      expect(findInput(electrolyteInputs(moved), input.id)!.value).toBeCloseTo(input.value + 0.01, 12);
      expect(moved).not.toBe(llzo);
    }
    expect(JSON.stringify(llzo)).toBe(before);
    // one gap per electrolyte: the gap input moves the record's and the carriers' together
    const gap = findInput(electrolyteInputs(llzo), "electrolyte.bandGap")!.with(5);
    expect(gap.bandGap).toBe(5);
    expect(gap.fermiLevel.rule === "defects" && gap.fermiLevel.system.bandGap).toBe(5);
    const li = set.anodes[0];
    const psi = anodeInputs(li)[0].with(li.workFunction + 0.1);
    expect(potentialMap(psi, llzo, findCathodeState(set, "LCO", "0%")).dphiAnode - potentialMap(li, llzo, findCathodeState(set, "LCO", "0%")).dphiAnode).toBeCloseTo(0.1, 10);
  });
});

describe("raw record inputs", () => {
  const lps = raw.find((r) => r.record.id === "LPS")!.record;

  test("recordWith sets one input on a copy; the copy reads as a material with that value", () => {
    const out = recordWith(lps, "LPS.defects[Li_i].charges[+1].energy", -4.2)!;
    expect(out.fermiLevel.defects[0].chargeStates[0].energy.value).toBe(-4.2);
    expect(lps.fermiLevel.defects[0].chargeStates[0].energy.value).not.toBe(-4.2);
    const material = toMaterial(out, "LPS.json");
    expect(material.role === "electrolyte" && material.fermiLevel.rule === "defects" && material.fermiLevel.system.defects[0].chargeStates[0].energy).toBe(-4.2);
    expect(recordWith(lps, "LPS.defects[nothing].sites", 1)).toBeUndefined();
  });

  test("recordQuantity gives the quantity object (provenance kept), null for a plain number", () => {
    expect(recordQuantity(lps, "LPS.defects[V_Li].charges[-1].energy")).toMatchObject({ value: 6.5 });
    expect(recordQuantity(lps, "LPS.window.lower")).toBeNull();
    expect(recordQuantity(lps, "LPS.nothing")).toBeUndefined();
  });

  test("declaredSigmas: none in the built-in set", () => {
    expect(declaredSigmas(raw.map((r) => r.record)).size).toBe(0);
  });
});

describe("one effective gap, one band gap per electrolyte", () => {
  test("effectiveBandGap = bandGap + scissor (0 when absent)", () => {
    expect(effectiveBandGap({ bandGap: 2.7 })).toBe(2.7);
    expect(effectiveBandGap({ bandGap: 2.7, scissor: 1.1 })).toBeCloseTo(3.8, 14);
    expect(effectiveBandGap({ bandGap: 0, scissor: 0 })).toBe(0);
  });

  test("the electrolyte's gap is the one the carriers use, even when its defect system's copy differs", () => {
    const lps = findElectrolyte(set, "LPS");
    const stale = structuredClone(lps);
    if (stale.fermiLevel.rule !== "defects") throw new Error("LPS has defects");
    stale.fermiLevel.system.bandGap = 9; // a stale copy: ignored
    expect(electrolyteSystem(stale).bandGap).toBe(2.7);
    const muLi = -1.74;
    expect(electrolyteFermiLevel(stale)(muLi)).toBe(electrolyteFermiLevel(lps)(muLi));
    const lco = findCathodeState(set, "LCO", "0%");
    expect(potentialMap(set.anodes[0], stale, lco).dphiCathode).toBe(potentialMap(set.anodes[0], lps, lco).dphiCathode);
  });
});
