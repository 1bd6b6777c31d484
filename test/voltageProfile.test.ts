import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { averageVoltage, reactionVoltage } from "../lib/src/thermo/averageVoltage";
import { profileAt, voltageProfile, voltageWarnings } from "../lib/src/thermo/voltageProfile";
import { resolvePhase } from "../lib/src/thermo/phaseEntry";
import { parsePhaseEntriesCsv, readPhaseEntries } from "../lib/src/io/phaseEntries";
import { cathodeCurve, equilibriumAt } from "../lib/src/cell/cathodeCurve";
import { stackMap } from "../lib/src/cell/stack";
import { builtinMaterialsFolder, readDataSet, toMaterial } from "../lib/src/io/readMaterials";
import { runFlags } from "./helpers/cliRun";

/** shared/data/phase-entries next to the repository or a parent of it (git worktrees). */
function shared(name: string): string {
  for (let dir = path.resolve(__dirname, ".."); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "data", "phase-entries", name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`shared phase entries not found: ${name}`);
  }
}

// A toy Li-Co-O line with space groups, formation energies per atom. Per CoO2 unit:
// LiCoO2@166 4 x -1.8 = -7.2, CoO2@166 3 x -1.0 = -3.0, CoO2@87 3 x -1.1 = -3.3 (ground state),
// Li0.5CoO2@166 3.5 x -1.6 = -5.6 (below the 166 tie line), Li0.5CoO2@12 3.5 x -1.7 = -5.95.
const toy = [
  "formula,formation_energy_per_atom,space_group,entry_id",
  "LiCoO2,-1.8,166,a1",
  "CoO2,-1.0,166,a2",
  "CoO2,-1.1,87,a3",
  "Li0.5CoO2,-1.6,166,a4",
  "Li0.5CoO2,-1.7,12,a5",
].join("\n");

describe("hull voltage profile (closed form)", () => {
  const entries = parsePhaseEntriesCsv(toy, "toy.csv");

  it("references by space group and by entry id pick that polymorph", () => {
    expect(resolvePhase(entries, "CoO2", { field: "x" }).entry.id).toBe("a3");
    expect(resolvePhase(entries, "CoO2@166", { field: "x" }).entry.id).toBe("a2");
    expect(resolvePhase(entries, "a2", { field: "x" }).byStructure).toBe(true);
    expect(averageVoltage(entries, "LiCoO2", "CoO2@166").voltage).toBeCloseTo(-(-7.2 - -3.0), 12); // 4.2
    expect(averageVoltage(entries, "LiCoO2", "CoO2").voltage).toBeCloseTo(-(-7.2 - -3.3), 12); // 3.9
    expect(averageVoltage(entries, "a1", "a2").voltage).toBeCloseTo(4.2, 12);
  });

  it("bad names fail with the field and the name", () => {
    expect(() => resolvePhase(entries, "CoO2@999", { field: "delithiated" })).toThrow(/field "delithiated", value "CoO2@999": a space group after @ must be an integer from 1 to 230/);
    expect(() => resolvePhase(entries, "CoO2@62", { field: "delithiated" })).toThrow(/no entry of this composition has space group 62 \(its entries have 87, 166\)/);
    const plain = parsePhaseEntriesCsv("formula,formation_energy_per_atom\nCoO2,-1\n", "plain.csv");
    expect(() => resolvePhase(plain, "CoO2@166", { field: "delithiated" })).toThrow(/carry no space groups/);
  });

  it("structure-named ends restrict intermediates to their space groups: two steps from the 166 line", () => {
    const p = voltageProfile(entries, "LiCoO2@166", "CoO2@166");
    expect(p.steps.map((s) => [s.from, s.to])).toEqual([[1, 0.5], [0.5, 0]]);
    expect(p.steps[0].voltage).toBeCloseTo(-(-7.2 - -5.6) / 0.5, 12); // 3.2
    expect(p.steps[1].voltage).toBeCloseTo(-(-5.6 - -3.0) / 0.5, 12); // 5.2
    expect(p.steps[1].delithiated).toBe("CoO2@166");
    // the x-weighted mean of the steps is the eq. 3 average of the ends
    expect((p.steps[0].voltage + p.steps[1].voltage) / 2).toBeCloseTo(p.average, 12);
    expect(p.family).toMatch(/space groups of the ends \(166\)/);
  });

  it("formula-only ends take the ground state of every composition", () => {
    const p = voltageProfile(entries, "LiCoO2", "CoO2");
    expect(p.steps[0].delithiated).toBe("Li0.5CoO2@12");
    expect(p.steps[0].voltage).toBeCloseTo(-(-7.2 - -5.95) / 0.5, 12);
    expect(p.steps[1].voltage).toBeCloseTo(-(-5.95 - -3.3) / 0.5, 12);
  });

  it("an intermediate above the tie line leaves one plateau, and states on it are two-phase", () => {
    const above = parsePhaseEntriesCsv("formula,formation_energy_per_atom\nLiCoO2,-1.8\nCoO2,-1.0\nLi0.5CoO2,-1.2\n", "above.csv");
    const p = voltageProfile(above, "LiCoO2", "CoO2");
    expect(p.steps).toHaveLength(1);
    expect(p.points.find((q) => q.lithium === 0.5)!.aboveHull).toBeCloseTo(3.5 * -1.2 - (-7.2 + -3.0) / 2, 12);
    const half = profileAt(p, 0.5);
    expect(half.twoPhase).toBe(true);
    expect(half.localVoltage).toBeCloseTo(4.2, 12);
    expect(half.averageVoltage).toBeCloseTo(4.2, 12);
    expect(() => profileAt(p, 1.5)).toThrow(/Li content must lie from 0 to 1/);
    expect(() => profileAt(p, NaN)).toThrow(/Li content/);
  });

  it("the reader keeps space groups and entry ids, and refuses a space group that is no integer 1-230", () => {
    expect(entries.map((e) => [e.id, e.spaceGroup, e.file])).toContainEqual(["a2", 166, "toy.csv"]);
    const bad = (group: string) => () => parsePhaseEntriesCsv(`formula,formation_energy_per_atom,space_group\nCoO2,-1,${group}\n`, "sg.csv");
    expect(bad("231")).toThrow(/sg\.csv, line 2, field "space_group", value "231": a space group must be an integer from 1 to 230/);
    expect(bad("12.5")).toThrow(/space group must be an integer/);
    expect(bad("0")).toThrow(/space group must be an integer/);
    expect(parsePhaseEntriesCsv("formula,formation_energy_per_atom,space_group\nCoO2,-1,\n", "sg.csv")[0].spaceGroup).toBeUndefined();
  });

  it("refuses entries of two files in one hull", () => {
    const a = parsePhaseEntriesCsv("formula,formation_energy_per_atom\nLiCoO2,-1.8\n", "a.csv");
    const b = parsePhaseEntriesCsv("formula,formation_energy_per_atom\nCoO2,-1.0\n", "b.csv");
    expect(() => voltageProfile([...a, ...b], "LiCoO2", "CoO2")).toThrow(/come from 2 files \(a\.csv, b\.csv\)/);
    expect(() => reactionVoltage([...a, ...b], "LiCoO2", ["CoO2"])).toThrow(/different scales/);
  });

  it("flags voltages outside 0-6 V as a likely unit slip", () => {
    expect(voltageWarnings([3.8])).toEqual([]);
    expect(voltageWarnings([15.2])[0]).toMatch(/15\.2 V outside 0-6 V.*per formula unit/);
    expect(voltageWarnings([-0.5, Infinity])[0]).toMatch(/-0\.5 V, Infinity V/);
    const slip = parsePhaseEntriesCsv("formula,formation_energy_per_atom\nLiCoO2,-7.2\nCoO2,-1.0\n", "slip.csv");
    expect(voltageProfile(slip, "LiCoO2", "CoO2").warnings[0]).toMatch(/outside 0-6 V/);
  });
});

describe("shared phase entries", () => {
  it("LiMn2O4 -> spinel lambda-MnO2@227 of Alexandria: 3.856 V, one plateau; ground-state MnO2 3.663 V", () => {
    const entries = readPhaseEntries(shared("alexandria-li-mn-co-ni-o.csv"));
    const p = voltageProfile(entries, "LiMn2O4", "MnO2@227");
    expect(p.average).toBeCloseTo(3.856, 3);
    expect(p.steps).toHaveLength(1);
    expect(averageVoltage(entries, "LiMn2O4", "MnO2").voltage).toBeCloseTo(3.663, 3);
    expect(entries.find((e) => e.id === "agm003215605")?.spaceGroup).toBe(74);
  });

  it("LiCoO2 -> CoO2 of MP2020: steps 3.420 and 4.111 V through LiCo2O4", () => {
    const p = voltageProfile(readPhaseEntries(shared("mp2020-li-co-ni-o.csv")), "LiCoO2", "CoO2");
    expect(p.steps.map((s) => Number(s.voltage.toFixed(3)))).toEqual([3.42, 4.111]);
    expect(p.steps[0].delithiated).toBe("LiCo2O4");
  });

  it("potmap voltage --profile --json", async () => {
    const r = (await runFlags("voltage", { entries: shared("mp2020-li-co-ni-o.csv"), lithiated: "LiCoO2", delithiated: "CoO2", profile: true, json: true })) as { json: { steps: { voltage: number }[] }; text: string };
    expect(r.json.steps.map((s) => s.voltage.toFixed(3))).toEqual(["3.420", "4.111"]);
    expect(r.text).toMatch(/x 1 -> 0\.5 {2}3\.420 V {2}LiCoO2 -> LiCo2O4/);
  });
});

describe("interlayer state from the local voltage", () => {
  const data = readDataSet(builtinMaterialsFolder());
  const lco = data.cathodes.find((c) => c.id === "LCO")!;
  const curve = cathodeCurve(lco)!;

  it("LCO between its steps (3.420, 4.111 V) is the 100% state; below the first step the 0% state", () => {
    expect(equilibriumAt(curve, 3.93)).toMatchObject({ state: { soc: "100%" }, covered: true });
    expect(equilibriumAt(curve, 3.0)).toMatchObject({ state: { soc: "0%" }, covered: true });
    // above the last step the stable phase is CoO2, which LCO does not name
    const beyond = equilibriumAt(curve, 4.5);
    expect(beyond.covered).toBe(false);
    expect(beyond.warning).toMatch(/x = 0 per CoO2, which is no named state/);
  });

  it("at a step's voltage two phases coexist, and it says which", () => {
    const e = equilibriumAt(curve, curve.steps[0].voltage);
    expect(e.twoPhase).toMatchObject({ lithiated: "LiCoO2", delithiated: "LiCo2O4" });
    expect(e.warning).toMatch(/two-phase region where LiCoO2 and LiCo2O4 coexist/);
    expect(() => equilibriumAt(curve, NaN)).toThrow(/finite/);
  });

  it("stack Li | LPS | LCO | LNO 0% puts LCO in its 100% state", () => {
    const lno = data.cathodes.find((c) => c.id === "LNO")!.states.find((s) => s.soc === "0%")!;
    const lps = data.electrolytes.find((e) => e.id === "LPS")!;
    const lco0 = lco.states.find((s) => s.soc === "0%")!;
    const map = stackMap(data.anodes[0], [lps, lco0], lno, { cathodes: data.cathodes });
    expect(map.interlayers[0]).toMatchObject({ requested: "0%", taken: "100%", covered: true });
    expect(map.interlayers[0].voltage).toBeCloseTo(lno.ocv, 12);
    expect(map.interlayers[0].voltage).toBeGreaterThan(curve.steps[0].voltage);
    expect(map.interlayers[0].voltage).toBeLessThan(curve.steps[1].voltage);
  });

  it("LMO records: spinel reference, one plateau, average = local for every state", () => {
    const lmo = data.cathodes.find((c) => c.id === "LMO")!;
    expect(lmo.profile!.steps).toHaveLength(1);
    for (const s of lmo.states) {
      expect(s.ocv).toBeCloseTo(3.8556, 4);
      expect(s.localVoltage).toBeCloseTo(3.8556, 4);
    }
    const e = equilibriumAt(cathodeCurve(lmo)!, 3.8556);
    expect(e.warning).toMatch(/LiMn2O4 and MnO2@227 coexist/);
  });
});

describe("a record's voltage profile is read with its physics", () => {
  const record = JSON.parse(fs.readFileSync(path.join(builtinMaterialsFolder(), "LCO.json"), "utf8"));
  it("the built-in LCO: two steps, each state with its Li content and local OCV", () => {
    const lco = toMaterial(structuredClone(record), "LCO.json") as import("../lib/src/cell/materials").Cathode;
    expect(lco.profile!.steps.map((s) => s.voltage)).toEqual([3.4199, 4.1108]);
    expect(lco.states.map((s) => [s.soc, s.lithium, s.localVoltage])).toEqual([["0%", 1, 3.4199], ["100%", 0.5, 4.1108]]);
  });
  it("a voltage that falls as Li is removed, or steps that do not join, are refused", () => {
    const falling = structuredClone(record);
    falling.voltageProfile.steps[1].voltage = 3.0;
    expect(() => toMaterial(falling, "LCO.json")).toThrow(/LCO\.json, field "voltageProfile\.steps\[1\]\.voltage", value 3: must not fall below the previous step/);
    const gap = structuredClone(record);
    gap.voltageProfile.steps[1].from = 0.4;
    expect(() => toMaterial(gap, "LCO.json")).toThrow(/steps\[1\]\.from", value 0\.4: must continue the previous step/);
  });
});
