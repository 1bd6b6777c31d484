/**
 * Records that write themselves (issue 24): the published JSON Schema (potmap schema,
 * schema/material.schema.json) with units and ranges, validating every built-in record; the
 * templates of potmap new and the placeholders check names; unit strings converted with mathjs
 * at read time (io/units.ts) and the unit slip a bare number outside its range most likely is.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCommand } from "../lib/src/cli/main";
import { parseOptions } from "../lib/src/cli/parse";
import { PotmapError } from "../lib/src/core/errors";
import { parseMaterial } from "../lib/src/io/readMaterials";
import { recordSchema } from "../lib/src/io/recordSchema";
import { recordTemplate } from "../lib/src/io/template";
import { convertQuantity, findPlaceholders, unitSlipHint } from "../lib/src/io/units";
import { Electrolyte } from "../lib/src/cell/materials";
import { commandNamed } from "./helpers/cliRun";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "lib/dist/cli/main.js");
const potmap = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });
const builtin = (name: string) => JSON.parse(fs.readFileSync(path.join(root, "data/materials", name), "utf8"));

describe("potmap schema", () => {
  test("schema/material.schema.json is what the library generates (node scripts/recordSchema.mjs)", () => {
    const file = JSON.parse(fs.readFileSync(path.join(root, "schema/material.schema.json"), "utf8"));
    expect(file).toEqual(recordSchema());
    expect(file.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  test("states units, ranges and descriptions per field", () => {
    const electrolyte = recordSchema().oneOf.find((b: any) => b.properties.role.const === "electrolyte");
    const ip = electrolyte.properties.ionizationPotential;
    expect(ip.unit).toBe("eV");
    expect(ip.description).toMatch(/VBM below the vacuum level.*Unit: eV; plausible range 3 to 9/);
    expect(ip.anyOf[0].anyOf[0]).toEqual({ type: "number", minimum: 3, maximum: 9 });
    const defect = electrolyte.properties.fermiLevel.oneOf[1].properties.defects.items;
    expect(defect.properties.sites.unit).toBe("cm^-3");
    expect(defect.properties.sites.anyOf[0].anyOf[0]).toEqual({ type: "number", exclusiveMinimum: 0, maximum: 2e23 });
  });

  test("--validate: every built-in record is valid against it; each built-in record names it in $schema", () => {
    const result = potmap(["schema", "--validate", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { records: number; valid: number };
    const files = fs.readdirSync(path.join(root, "data/materials")).filter((f) => f.endsWith(".json"));
    expect(out.records).toBe(files.length);
    expect(out.valid).toBe(files.length);
    for (const f of files) {
      const schema = builtin(f).$schema;
      expect(path.resolve(root, "data/materials", schema)).toBe(path.join(root, "schema/material.schema.json"));
    }
  });

  test("--validate fails, naming the record and field, on an out-of-range or unknown value", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-schema-"));
    try {
      const bad = builtin("Li.json");
      bad.workFunction.value = 29.3;
      fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify(bad));
      const result = potmap(["schema", "--validate", "--only", "--materials", dir]);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/bad\.json: .*\/workFunction/);
      expect(result.stdout).toMatch(/0 of 1 records valid/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("potmap new", () => {
  test("the first word is the role; an unknown role is refused", async () => {
    expect(parseOptions(["electrolyte", "--id", "X"], commandNamed("new"))).toMatchObject({ role: "electrolyte", id: "X" });
    await expect(runCommand(commandNamed("new"), ["solvent", "--id", "X"])).rejects.toThrow(/electrolyte/);
  });

  for (const role of ["electrolyte", "cathode", "anode"] as const) {
    test(`${role}: check names every placeholder until filled in, then reads the record`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-new-"));
      try {
        const file = path.join(dir, "x.json");
        const made = potmap(["new", role, "--id", "X", "--formula", "Li2O", "--out", file]);
        expect(made.status, made.stderr).toBe(0);
        const template = JSON.parse(fs.readFileSync(file, "utf8"));
        expect(path.resolve(dir, template.$schema)).toBe(path.join(root, "schema/material.schema.json"));
        const placeholders = findPlaceholders(template).map(([field]) => field);
        expect(placeholders.length).toBeGreaterThan(role === "anode" ? 2 : 10);
        const checked = potmap(["check", "--only", "--materials", file, "--json"]);
        expect(checked.status).toBe(1);
        const errors = (JSON.parse(checked.stdout) as { errors: { field: string; reason: string }[] }).errors;
        expect(errors.map((e) => e.field)).toEqual(placeholders);
        expect(errors.every((e) => /placeholder/.test(e.reason))).toBe(true);
        // a second new over the file is refused: a filled-in record is never replaced by a template
        expect(potmap(["new", role, "--id", "X", "--out", file]).status).toBe(2);
        // fill every placeholder with a plausible value: the record then reads
        const fill = (node: any, field: string): any => {
          if (typeof node === "string" && node.startsWith("TODO")) {
            if (/(^|\.)(source)$/.test(field)) return "test value";
            if (field.endsWith("functional")) return "HSE06";
            if (field.endsWith("name")) return field.includes("defects") ? "V_Li" : "X";
            if (field.endsWith("formula")) return "Li2O";
            if (field.endsWith("lithium")) return -1;
            if (field.endsWith("charge")) return -1;
            const values: Record<string, number | string> = { bandGap: 5, ionizationPotential: "6 eV", lower: 0, upper: "3000 mV", temperature: "26.85 degC", electronMass: 1, holeMass: 1, sites: "4e28 m^-3", energy: 3, fermiLevel: 0, ocv: 3.9, workFunction: 2.9 };
            const key = Object.keys(values).find((k) => field.replace(/\.value$/, "").replace(/\[\d+\]/g, "").endsWith(k));
            if (key === undefined) throw new Error(`no test value for ${field}`);
            return values[key];
          }
          if (Array.isArray(node)) return node.map((x, i) => fill(x, `${field}[${i}]`));
          if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, field ? `${field}.${k}` : k)]));
          return node;
        };
        const material = parseMaterial(JSON.stringify(fill(template, "")), file);
        expect(material.role).toBe(role);
        if (material.role === "electrolyte") {
          expect(material.ionizationPotential).toBe(6);
          expect(material.window.upper).toBe(3);
          const system = (material.fermiLevel as Extract<Electrolyte["fermiLevel"], { rule: "defects" }>).system;
          expect(system.temperature).toBe(300);
          expect(system.defects[0].sites).toBe(4e22);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test("a reader other than check refuses a template, naming the placeholders", () => {
    const text = JSON.stringify(recordTemplate("anode", "X"));
    expect(() => parseMaterial(text, "x.json")).toThrow(/x\.json.*name.*placeholder.*name, formula, workFunction\.value, workFunction\.source/);
  });
});

describe("units at read time (io/units.ts, mathjs)", () => {
  const llzo = () => builtin("LLZO.json");

  test('"1.3e28 m^-3" reads as 1.3e22 cm^-3; "25 degC" as 298.15 K; "5900 meV" as 5.9 eV', () => {
    const r = llzo();
    r.fermiLevel.defects[0].sites = { value: "1.3e28 m^-3", source: "test" };
    r.fermiLevel.temperature.value = "25 degC";
    r.bandGap.value = "5903 meV";
    r.window.upper = "2910 mV";
    const e = parseMaterial(JSON.stringify(r), "llzo.json") as Electrolyte;
    const system = (e.fermiLevel as Extract<Electrolyte["fermiLevel"], { rule: "defects" }>).system;
    expect(system.defects[0].sites).toBe(1.3e22);
    expect(system.temperature).toBe(298.15);
    expect(e.bandGap).toBe(5.903);
    expect(e.window.upper).toBe(2.91);
    // the same record with bare numbers in the model's units reads the same
    const plain = llzo();
    plain.fermiLevel.defects[0].sites = { value: 1.3e22, source: "test" };
    plain.fermiLevel.temperature.value = 298.15;
    const p = parseMaterial(JSON.stringify(plain), "llzo.json") as Electrolyte;
    expect((p.fermiLevel as any).system.defects[0].sites).toBe(1.3e22);
  });

  test("convertQuantity: plain, exponent and signed forms; mismatched, unknown and unitless fields refused", () => {
    expect(convertQuantity("1.3e22 cm^-3", "cm^-3", "f", "s")).toBe(1.3e22);
    expect(convertQuantity("298.15 K", "K", "f", "t")).toBe(298.15);
    expect(convertQuantity("-0.5 eV", "eV", "f", "e")).toBe(-0.5);
    expect(convertQuantity(".5eV", "eV", "f", "e")).toBe(0.5);
    expect(() => convertQuantity("5 kg", "eV", "f.json", "bandGap")).toThrow(PotmapError);
    expect(() => convertQuantity("5 kg", "eV", "f.json", "bandGap")).toThrow(/f\.json.*bandGap.*cannot be converted to eV/);
    expect(() => convertQuantity("5 furlongs^-3", "cm^-3", "f", "s")).toThrow(/cannot be converted/);
    expect(() => convertQuantity("5.9", "eV", "f", "bandGap")).toThrow(/a string with a unit, such as "5.9 eV"/);
    expect(() => convertQuantity("lots eV", "eV", "f", "bandGap")).toThrow(/must be a number/);
    expect(() => convertQuantity("1 m_e", "m_e", "f", "electronMass")).toThrow(/plain number in electron masses/);
    expect(() => convertQuantity("1e400 eV", "eV", "f", "bandGap")).toThrow(/finite/);
  });

  test("a bare number far outside its range names the likely unit slip", () => {
    const r = llzo();
    r.fermiLevel.defects[0].sites = { value: 1.3e28, source: "test" };
    expect(() => parseMaterial(JSON.stringify(r), "llzo.json")).toThrow(/1\.3e\+?28 m\^-3 would be 1\.3e\+?22 cm\^-3: a value in m\^-3\?/);
    const t = llzo();
    t.fermiLevel.temperature.value = 25;
    // 25 K is inside the temperature range: no slip can be told from the number alone
    expect(unitSlipHint(25, "temperature")).toBe("");
    expect(unitSlipHint(-20, "temperature")).toMatch(/-20 degC would be 253.15 K/);
    expect(unitSlipHint(5903, "bandGap")).toMatch(/5903 meV would be 5.903 eV/);
    expect(unitSlipHint(3910, "ocv")).toMatch(/3910 mV would be 3.91 V/);
    expect(unitSlipHint(1e300, "siteDensity")).toBe("");
    expect(unitSlipHint(Number.NaN, "siteDensity")).toBe("");
  });

  test("strings in other fields are left to the schema (a name stays a name; a unit string in a text field is no number)", () => {
    const r = llzo();
    r.name = "5 eV";
    expect((parseMaterial(JSON.stringify(r), "llzo.json") as Electrolyte).name).toBe("5 eV");
    const c = llzo();
    c.fermiLevel.defects[0].chargeStates[0].charge = "1 eV";
    expect(() => parseMaterial(JSON.stringify(c), "llzo.json")).toThrow(/charge/);
  });

  test("reading the built-in records loads no mathjs; a unit string does", () => {
    const code = (record: string) =>
      `const p = require("./lib/dist/index.js"); p.readDataSet(p.builtinMaterialsFolder()); ${record}; process.stdout.write(String(Object.keys(require.cache).some((f) => f.includes("node_modules/mathjs/"))))`;
    expect(execFileSync(process.execPath, ["-e", code("")], { cwd: root, encoding: "utf8" })).toBe("false");
    const withUnit = `const r = JSON.parse(require("fs").readFileSync("data/materials/Li.json", "utf8")); r.workFunction.value = "2.93 eV"; require("./lib/dist/io/readMaterials.js").parseMaterial(JSON.stringify(r))`;
    expect(execFileSync(process.execPath, ["-e", code(withUnit)], { cwd: root, encoding: "utf8" })).toBe("true");
  });
});

describe("potmap check names the unit slip", () => {
  test("a band gap of 5903 (meV for eV) is a range finding suggesting meV", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-slip-"));
    try {
      const r = builtin("LLZO.json");
      r.bandGap.value = 5903;
      fs.writeFileSync(path.join(dir, "llzo.json"), JSON.stringify(r));
      const result = potmap(["check", "--only", "--materials", dir, "--json"]);
      expect(result.status).toBe(1);
      const errors = (JSON.parse(result.stdout) as { errors: { field: string; expected: string; reason: string }[] }).errors;
      // the finding's expectation carries the reader's message (range and likely slip), its reason why it is an error
      const finding = errors.find((e) => e.field === "bandGap.value");
      expect(`${finding?.expected} ${finding?.reason}`).toMatch(/5903 meV would be 5\.903 eV: a value in meV\?/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
