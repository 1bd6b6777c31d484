import { describe, expect, test } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseMaterial, readDataSet, readMaterial, builtinMaterialsFolder } from "../lib/src/io/readMaterials";

const llzo = fs.readFileSync(path.join(builtinMaterialsFolder(), "LLZO.json"), "utf8");
const lco = fs.readFileSync(path.join(builtinMaterialsFolder(), "LCO.json"), "utf8");
const edit = (text: string, change: (r: any) => void) => {
  const record = JSON.parse(text);
  change(record);
  return JSON.stringify(record, null, 2);
};

describe("parseMaterial", () => {
  test("reads an electrolyte record into plain numbers", () => {
    const m = parseMaterial(llzo, "LLZO.json");
    expect(m.role).toBe("electrolyte");
    if (m.role !== "electrolyte" || m.fermiLevel.rule !== "defects") throw new Error("unexpected");
    expect(m.bandGap).toBe(5.903);
    expect(m.fermiLevel.system.defects[0].chargeStates[1].energy).toBe(5.184);
  });

  test.each([
    ["malformed JSON", "{ \"id\": ", /x\.json: malformed JSON/],
    ["unknown role", edit(llzo, (r) => (r.role = "separator")), /field "role", value "separator": must be one of the known kinds/],
    ["missing field", edit(llzo, (r) => delete r.bandGap), /field "bandGap": is required/],
    ["wrong type", edit(llzo, (r) => (r.bandGap.value = "5.9")), /field "bandGap(\.value)?"/],
    ["unknown field", edit(llzo, (r) => (r.bandgap = 1)), /field "bandgap", value 1: unknown field/],
    ["no provenance", edit(llzo, (r) => (r.bandGap = 5.9)), /field "bandGap", value 5.9: has no provenance/],
    ["negative site density", edit(llzo, (r) => (r.fermiLevel.defects[0].sites.value = -1)), /field "fermiLevel.defects\[0\].sites", value -1: must be positive/],
    ["zero temperature", edit(llzo, (r) => (r.fermiLevel.temperature.value = 0)), /field "fermiLevel.temperature", value 0/],
    ["inverted window", edit(llzo, (r) => (r.window.upper = 0)), /field "window.upper", value 0: must exceed window.lower/],
    ["window outside 0-6 V (c5: was accepted)", edit(llzo, (r) => (r.window.upper = -1)), /field "window.upper", value -1: must be 0 to 6 V/],
    ["unknown Fermi rule", edit(llzo, (r) => (r.fermiLevel.rule = "magic")), /field "fermiLevel.rule", value "magic"/],
    ["species without a potential", edit(llzo, (r) => (r.fermiLevel.defects[0].species = { N: 1 })), /species.N.*needs fermiLevel.potentials.N/],
    ["non-integer charge", edit(llzo, (r) => (r.fermiLevel.defects[0].chargeStates[0].charge = 0.5)), /chargeStates\[0\].charge", value 0.5: must be integer/],
    ["unknown SOC", edit(lco, (r) => (r.states[0].soc = "50%")), /field "states\[0\].soc", value "50%": must be one of/],
    ["duplicate SOC", edit(lco, (r) => (r.states[1].soc = "0%")), /field "states\[1\].soc", value "0%": appears twice/],
    ["negative OCV", edit(lco, (r) => (r.states[0].ocv.value = -3)), /field "states\[0\].ocv.value", value -3: must be 0 to 6 V/],
  ])("%s gives one clear message", (_, text, message) => {
    expect(() => parseMaterial(text, "x.json")).toThrow(message);
  });
});

describe("parseMaterial guard fields", () => {
  test("declaredDegenerate, validTemperature and occupancy reach the electrolyte and its system", () => {
    const text = edit(llzo, (r) => {
      r.fermiLevel.declaredDegenerate = { value: true, source: "test" };
      r.fermiLevel.validTemperature = { lower: 250, upper: 400, source: "test" };
      r.fermiLevel.occupancy = { value: "saturating", source: "test" };
    });
    const m = parseMaterial(text, "x.json");
    if (m.role !== "electrolyte" || m.fermiLevel.rule !== "defects") throw new Error("unexpected");
    expect(m.declaredDegenerate).toBe(true);
    expect(m.validTemperature).toEqual({ lower: 250, upper: 400 });
    expect(m.fermiLevel.system.occupancy).toBe("saturating");
    const plain = parseMaterial(llzo, "LLZO.json");
    if (plain.role !== "electrolyte" || plain.fermiLevel.rule !== "defects") throw new Error("unexpected");
    expect([plain.declaredDegenerate, plain.validTemperature, plain.fermiLevel.system.occupancy]).toEqual([undefined, undefined, undefined]);
  });
  test.each([
    ["declaredDegenerate without a source", (r: any) => (r.fermiLevel.declaredDegenerate = { value: true }), /fermiLevel.declaredDegenerate.source": is required/],
    ["inverted validTemperature", (r: any) => (r.fermiLevel.validTemperature = { lower: 400, upper: 250, source: "s" }), /fermiLevel.validTemperature.upper", value 250: must be at least/],
    ["unknown occupancy", (r: any) => (r.fermiLevel.occupancy = "fermi"), /fermiLevel.occupancy/],
  ])("%s gives one clear message", (_, change, message) => {
    expect(() => parseMaterial(edit(llzo, change), "x.json")).toThrow(message);
  });
});

describe("readMaterial", () => {
  test("names a missing file", () => {
    expect(() => readMaterial("/nonexistent/y.json")).toThrow(/\/nonexistent\/y.json: cannot read the file \(ENOENT\)/);
  });
});

describe("readDataSet", () => {
  test("reads the built-in data set", () => {
    const set = readDataSet(builtinMaterialsFolder());
    expect(set.anodes.map((a) => a.id)).toContain("Li");
    expect(set.electrolytes.map((e) => e.id)).toContain("LLZO");
    expect(set.cathodes.map((c) => c.id)).toContain("LCO");
  });

  test("refuses two records with one id", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-"));
    fs.writeFileSync(path.join(dir, "a.json"), llzo);
    fs.writeFileSync(path.join(dir, "b.json"), llzo);
    expect(() => readDataSet(dir)).toThrow(/b.json, field "id", value "LLZO": is already used by .*a.json/);
  });
});
