/**
 * Issue 20 item 2, "no physics default": every case here was accepted (or badly reported) on
 * main 823c30a. A defect without "lithium" takes it from its name (the rule of `potmap import`)
 * or is refused; unknown fields name the closest known one; `check` lists every error of a
 * file; check and the commands share one table of ranges (site densities, temperatures with a
 * Celsius slip named, synthesis temperature and mu_Li); provenance is per value; a window
 * written in mu_Li gets a message naming the slip.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { PotmapError } from "../lib/src/core/errors";
import { builtinMaterialsFolder, parseMaterial, readDataSet } from "../lib/src/io/readMaterials";
import { checkDataSet } from "../lib/src/check/checkDataSet";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { Electrolyte } from "../lib/src/cell/materials";
import { main } from "../lib/src/cli/main";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-records-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const builtin = (id: string) => JSON.parse(fs.readFileSync(path.join(builtinMaterialsFolder(), `${id}.json`), "utf8"));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

/** The error of parsing a record, or undefined when it is accepted. */
function refusal(record: unknown, file = "x.json"): PotmapError | undefined {
  try {
    parseMaterial(JSON.stringify(record), file);
    return undefined;
  } catch (error) {
    if (error instanceof PotmapError) return error;
    throw error;
  }
}

async function checkErrors(record: unknown, name = "rec.json") {
  const result = await checkDataSet([{ file: name, record }]);
  return result.errors;
}

describe("a defect without lithium", () => {
  // an argyrodite-like electrolyte as a new user writes it: Li_i and V_Li, no "lithium"
  const argyrodite = () => {
    const r = builtin("LPS");
    r.id = "LPSCl";
    for (const d of r.fermiLevel.defects) delete d.lithium;
    return r;
  };

  test("takes dN_Li from its name by import's rule (Li_i +1, V_Li -1): the same E_F(mu) and dphi_a as with it written", () => {
    const written = parseMaterial(JSON.stringify(builtin("LPS")), "LPS.json") as Electrolyte;
    const inferred = parseMaterial(JSON.stringify(argyrodite()), "LPSCl.json") as Electrolyte;
    if (inferred.fermiLevel.rule !== "defects") throw new Error("defects");
    expect(inferred.fermiLevel.system.defects.map((d) => d.lithium)).toEqual([1, -1]);
    const set = readDataSet(builtinMaterialsFolder());
    const map = (e: Electrolyte) => potentialMap(findAnode(set, "Li"), e, findCathodeState(set, "LCO", "0%"));
    expect(map(inferred).dphiAnode).toBeCloseTo(map(written).dphiAnode, 10);
    // not the flat E_F of dN_Li = 0, which main read (silently) for the record without "lithium"
    const zero = builtin("LPS");
    for (const d of zero.fermiLevel.defects) d.lithium = 0;
    const flat = parseMaterial(JSON.stringify(zero), "zero.json") as Electrolyte;
    expect(Math.abs(map(inferred).dphiAnode - map(flat).dphiAnode)).toBeGreaterThan(0.3);
  });

  test("whose name says nothing is refused, naming the defect (reader and check)", async () => {
    const r = argyrodite();
    r.fermiLevel.defects[1].name = "vac1";
    const error = refusal(r);
    expect(error?.field).toBe("fermiLevel.defects[1].lithium");
    expect(error?.message).toContain('"vac1"');
    const errors = await checkErrors(r);
    expect(errors.some((f) => f.field === "fermiLevel.defects[1].lithium")).toBe(true);
  });
});

describe("unknown fields", () => {
  test("a misspelt bandgap is named with the closest known field", () => {
    const r = builtin("LPS");
    r.bandgap = r.bandGap;
    delete r.bandGap;
    const error = refusal(r);
    expect(error?.field).toBe("bandgap");
    expect(error?.reason).toBe("unknown field bandgap (did you mean bandGap?)");
  });

  test("a misspelt nested field too (ionisationPotential, electronmass)", () => {
    const r = builtin("LPS");
    r.fermiLevel.carriers.electronmass = r.fermiLevel.carriers.electronMass;
    delete r.fermiLevel.carriers.electronMass;
    expect(refusal(r)?.reason).toContain("did you mean electronMass?");
    const s = builtin("LPS");
    s.ionisationPotential = s.ionizationPotential;
    delete s.ionizationPotential;
    expect(refusal(s)?.reason).toContain("did you mean ionizationPotential?");
  });

  test("a field like no known one is named without a guess", () => {
    const r = builtin("LPS");
    r.zzzzzzzz = 1;
    expect(refusal(r)?.reason).toBe("unknown field zzzzzzzz");
  });
});

describe("check lists every error of a file", () => {
  test("five different errors of one record are five findings", async () => {
    const r = builtin("LPS");
    r.fermiLevel.temperature = { value: 25, source: "lab" };
    r.fermiLevel.defects[0].sites.value = 1.3e28;
    r.window = { source: "mu", lower: -2.32, upper: -1.74 };
    r.ionizationPotential.value = 40;
    const errors = await checkErrors(r);
    const fields = errors.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["fermiLevel.temperature.value", "fermiLevel.defects[0].sites.value", "window.lower", "window.upper", "ionizationPotential.value"]));
  });

  test("two unknown fields and a missing one are all listed", async () => {
    const r = builtin("LPS");
    r.colur = "red";
    r.wndow = r.window;
    delete r.window;
    const errors = await checkErrors(r);
    expect(errors.map((f) => f.expected)).toEqual(expect.arrayContaining(["unknown field colur (did you mean colour?)", "unknown field wndow (did you mean window?)"]));
  });
});

describe("one table of ranges for check and the commands", () => {
  const cases: [string, (r: any) => void, string, RegExp][] = [
    ["site density 1.3e28", (r) => (r.fermiLevel.defects[0].sites.value = 1.3e28), "fermiLevel.defects[0].sites.value", /site density/],
    ["temperature 25 (Celsius)", (r) => (r.fermiLevel.temperature = { value: 25, source: "lab" }), "fermiLevel.temperature.value", /degrees Celsius\? 25 °C is 298.15 K/],
    ["synthesis temperature 1e6 K", (r) => (r.fermiLevel.synthesis = { temperature: { value: 1e6, source: "x" }, muLi: { value: -1, source: "x" } }), "fermiLevel.synthesis.temperature.value", /synthesis temperature/],
    ["synthesis mu_Li +10", (r) => (r.fermiLevel.synthesis = { temperature: { value: 1000, source: "x" }, muLi: { value: 10, source: "x" } }), "fermiLevel.synthesis.muLi.value", /Li chemical potential/],
    ["a window written in mu (negative)", (r) => (r.window = { source: "mu", lower: -2.32, upper: -1.74 }), "window.lower", /looks like a Li chemical potential mu_Li in eV .*write 2.32/],
  ];
  test.each(cases)("%s: refused by the reader and an error of check, same field", async (_label, edit, field, reason) => {
    const r = builtin("LPS");
    edit(r);
    const error = refusal(r);
    expect(error?.field).toBe(field);
    expect(error?.reason).toMatch(reason);
    const errors = await checkErrors(r);
    expect(errors.find((f) => f.field === field)?.expected).toMatch(reason);
  });

  test("check --only exits 1 on a record map refuses (site densities 1.3e28)", async () => {
    const r = builtin("LPS");
    r.id = "LPSbig";
    r.fermiLevel.defects[0].sites.value = 1.3e28;
    const file = path.join(scratch, "LPSbig.json");
    fs.writeFileSync(file, JSON.stringify(r));
    const checked = await run(["check", "--materials", file, "--only"]);
    expect(checked.code).toBe(1);
    expect(checked.out).toMatch(/error +\S+LPSbig\.json +fermiLevel\.defects\[0\]\.sites\.value = 1\.3e\+28/);
    const mapped = await run(["map", "--materials", file, "--electrolyte", "LPSbig", "--cathode", "LCO", "--soc", "0%"]);
    expect(mapped.code).toBe(2);
    expect(mapped.err).toContain("fermiLevel.defects[0].sites.value");
  });
});

describe("provenance is per value", () => {
  test("a record-level source covers only the fields it names", async () => {
    const r = builtin("LPS");
    delete r.bandGap.source;
    delete r.ionizationPotential.calibrated;
    r.source = "my group's calculation of the bandGap";
    const error = refusal(r);
    expect(error?.field).toBe("ionizationPotential.value");
    expect(error?.reason).toContain("no provenance");
    r.source = "bandGap and ionizationPotential: my group's calculation";
    expect(refusal(r)).toBeUndefined();
  });

  test("a record-level source naming nothing covers nothing (and check lists every uncovered value)", async () => {
    const r = builtin("LPS");
    delete r.bandGap.source;
    delete r.window.source;
    r.source = "trust me";
    const errors = await checkErrors(r);
    expect(errors.map((f) => f.field)).toEqual(expect.arrayContaining(["bandGap.value", "window.lower", "window.upper"]));
  });
});
