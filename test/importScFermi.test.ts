/**
 * SC-FERMI models as records and back (lib/src/io/importScFermi.ts, `potmap import` / `export`).
 * The shared LLZO files of Squires et al. are the real-world input.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, test } from "vitest";
import { PotmapError } from "../lib/src/core/errors";
import { cubicAngstrom } from "../lib/src/core/constants";
import { exportScFermi, importScFermi, lithiumFromName } from "../lib/src/io/importScFermi";
import { readInputFermi, readTotalDos, readUnitCell } from "../lib/src/io/scFermi";
import { scFermiSystem, solveScFermi } from "../lib/src/defects/scFermiSystem";
import { builtinMaterialsFolder, parseMaterial, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findElectrolyte, orderedCathodeStates } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { solveFermiLevel } from "../lib/src/defects/neutrality";
import { Electrolyte } from "../lib/src/cell/materials";
import { main } from "../lib/src/cli/main";

const shared = path.resolve(__dirname, "../../shared/data/sc-fermi/llzo-squires");
const haveShared = fs.existsSync(path.join(shared, "input-fermi.dat"));
const read = (name: string) => fs.readFileSync(path.join(shared, name), "utf8");
const baseRecord = () => JSON.parse(fs.readFileSync(path.join(builtinMaterialsFolder(), "LLZO.json"), "utf8"));
// the Li chemical potential of the shared files: their V_Li(-1) and Li_i(+1) energies against the
// same source's values at Li metal (literature-values.md), 3.9601 - 5.184 and -4.164 + 2.9395
const MU_FILE = -1.224;

function imported(synthesis: false | undefined = undefined, citation?: string) {
  const input = readInputFermi(read("input-fermi.dat"), "input-fermi.dat");
  return importScFermi({
    input,
    unitCell: readUnitCell(read("unitcell.dat"), "unitcell.dat"),
    dos: readTotalDos(read("totdos.dat"), "totdos.dat", input.spinPolarised),
    base: baseRecord(),
    id: "LLZO-complete",
    muLi: MU_FILE,
    synthesis,
    citation,
    files: { input: "input-fermi.dat", unitcell: "unitcell.dat", dos: "totdos.dat" },
  });
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

describe("lithiumFromName", () => {
  test.each([
    ["Li_i", 1], ["v_Li", -1], ["V_Li", -1], ["Va_Li", -1], ["Zr_Li", -1], ["Zr_Li_tet", -1], ["Li_Zr", 1], ["Li_La", 1],
    ["v_O", 0], ["Zr_i", 0], ["La_Zr", 0], ["O_i", 0],
  ])("%s exchanges %d Li", (name, expected) => {
    expect(lithiumFromName(name)).toBe(expected);
  });
  test.each(["vac1", "Xx_Li", "Li_Li", "v_i", "defect", ""])("%s is ambiguous", (name) => {
    expect(lithiumFromName(name)).toBeUndefined();
  });
});

describe.skipIf(!haveShared)("importScFermi on the shared LLZO files (Squires et al.)", () => {
  const record = imported();
  const electrolyte = parseMaterial(JSON.stringify(record), "LLZO-complete.json") as Electrolyte;

  test("keeps all 14 defects, their charge states and degeneracies", () => {
    const input = readInputFermi(read("input-fermi.dat"));
    expect(record.fermiLevel.defects.map((d: any) => d.name)).toEqual(input.defects.map((d) => d.name));
    const vLi = record.fermiLevel.defects.find((d: any) => d.name === "v_Li");
    expect(vLi.chargeStates.map((s: any) => [s.charge, s.degeneracy])).toEqual([[0, 2], [-1, 1]]);
  });

  test("energies at Li metal agree with the same source's published V_Li(-1) and Li_i(+1) within 1 meV", () => {
    const energy = (name: string, q: number) => record.fermiLevel.defects.find((d: any) => d.name === name).chargeStates.find((s: any) => s.charge === q).energy.value;
    expect(Math.abs(energy("v_Li", -1) - 5.184)).toBeLessThan(1e-3);
    expect(Math.abs(energy("Li_i", 1) - -4.164)).toBeLessThan(1e-3);
    // non-Li defects keep the file's energies (10 significant digits are stored)
    expect(Math.abs(energy("v_O", 2) - -4.462551241629165)).toBeLessThan(1e-9);
  });

  test("site densities are sites per cell over the cell volume (3 V_Li sites per Li_i site)", () => {
    const cell = readUnitCell(read("unitcell.dat"));
    const sites = (name: string) => record.fermiLevel.defects.find((d: any) => d.name === name).sites.value;
    expect(sites("v_Li") / sites("Li_i")).toBeCloseTo(3, 9);
    expect(Math.abs(sites("Li_i") * cell.volume * cubicAngstrom - 1)).toBeLessThan(1e-9);
  });

  test("every number names the file it came from", () => {
    for (const d of record.fermiLevel.defects) {
      expect(d.sites.source).toContain("input-fermi.dat line");
      for (const s of d.chargeStates) expect(s.energy.source).toMatch(/input-fermi\.dat line \d+/);
    }
    expect(record.fermiLevel.carriers.source).toContain("totdos.dat");
  });

  test("synthesis at the file's 1500 K freezes every defect but V_Li and Li_i, within its site density", () => {
    expect(record.fermiLevel.synthesis.temperature.value).toBe(1500);
    expect(record.fermiLevel.synthesis.freeze).not.toContain("v_Li");
    expect(record.fermiLevel.synthesis.freeze).not.toContain("Li_i");
    expect(record.fermiLevel.synthesis.freeze).toHaveLength(12);
    if (electrolyte.fermiLevel.rule !== "defects") throw new Error("defects expected");
    for (const d of electrolyte.fermiLevel.system.defects) {
      if (d.name === "v_Li" || d.name === "Li_i") expect(d.frozenConcentration).toBeUndefined();
      else {
        expect(d.frozenConcentration).toBeGreaterThanOrEqual(0);
        expect(d.frozenConcentration!).toBeLessThan(d.sites);
      }
    }
  });

  test("maps against every cathode state of the built-in set with finite jumps and E_F inside the gap", () => {
    const set = readDataSet(builtinMaterialsFolder());
    const li = findAnode(set, "Li");
    for (const state of orderedCathodeStates(set)) {
      const map = potentialMap(li, electrolyte, state, { withoutProfile: true });
      expect(Number.isFinite(map.dphiAnode) && Number.isFinite(map.dphiCathode)).toBe(true);
      expect(map.fermiLevelAnodeSide).toBeGreaterThan(0);
      expect(map.fermiLevelAnodeSide).toBeLessThan(electrolyte.bandGap);
    }
  });

  test("an ambiguous defect name without --lithium fails naming the defect", () => {
    const input = readInputFermi(read("input-fermi.dat").replace("Zr_Li_tet", "Zr_tetLi"));
    const error = (() => {
      try {
        importScFermi({ input, unitCell: readUnitCell(read("unitcell.dat")), base: baseRecord(), id: "X", muLi: MU_FILE, files: { input: "input-fermi.dat", unitcell: "unitcell.dat" } });
      } catch (e) {
        return e as PotmapError;
      }
      throw new Error("expected an error");
    })();
    expect(error).toBeInstanceOf(PotmapError);
    expect(error.message).toContain("Zr_tetLi");
    expect(error.message).toContain("--lithium");
  });

  test("a positive mu_Li (Li richer than Li metal) is refused", () => {
    expect(() => importScFermi({ input: readInputFermi(read("input-fermi.dat")), unitCell: readUnitCell(read("unitcell.dat")), base: baseRecord(), id: "X", muLi: 0.5, files: { input: "a", unitcell: "b" } })).toThrow(/<= 0 eV/);
  });
});

describe("exportScFermi round trip: potmap fermi on the exported files gives the record's E_F", () => {
  const cases: [string, () => Electrolyte, number][] = [
    ["the built-in LLZO record", () => findElectrolyte(readDataSet(builtinMaterialsFolder()), "LLZO"), -1.0],
    ["the built-in LiPON record", () => findElectrolyte(readDataSet(builtinMaterialsFolder()), "LiPON"), -2.0],
  ];
  if (haveShared) cases.push(["the imported complete LLZO (DOS, frozen defects)", () => parseMaterial(JSON.stringify(imported()), "LLZO-complete.json") as Electrolyte, -1.5]);
  test.each(cases)("%s", (_label, electrolyte, muLi) => {
    const e = electrolyte();
    if (e.fermiLevel.rule !== "defects") throw new Error("defects expected");
    const files = exportScFermi(e, muLi);
    const input = readInputFermi(files.inputFermi);
    const dos = files.totdos ? readTotalDos(files.totdos, "totdos.dat", false) : undefined;
    const cell = readUnitCell(files.unitcell);
    const result = solveScFermi(scFermiSystem(input, dos, cell.volume));
    const direct = solveFermiLevel(e.fermiLevel.system, muLi);
    if (files.notes.length === 0) {
      expect(Math.abs(result.fermiLevel - direct.fermiLevel)).toBeLessThan(1e-9);
      for (const d of direct.defects) {
        const other = result.defects.find((r) => r.name === d.name)!;
        expect(Math.abs(other.total - d.total)).toBeLessThanOrEqual(1e-9 * Math.max(d.total, 1e-300));
      }
    } else {
      // parabolic masses other than 1 m_e have no SC-FERMI form: only the defect-set E_F holds
      expect(Math.abs(result.fermiLevel - direct.fermiLevel)).toBeLessThan(0.05);
    }
  });
});

describe.skipIf(!haveShared)("potmap import / export", () => {
  test("import --out writes a record that map and table accept through --materials", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-import-"));
    const out = path.join(dir, "LLZO-complete.json");
    const imp = await run(["import", "--sc-fermi", path.join(shared, "input-fermi.dat"), "--dos", path.join(shared, "totdos.dat"), "--unitcell", path.join(shared, "unitcell.dat"), "--base", "LLZO", "--id", "LLZO-complete", "--mu-li", String(MU_FILE), "--out", out, "--json"]);
    expect(imp.err).toBe("");
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.out).written).toBe(out);
    const folder = path.join(dir, "set");
    fs.mkdirSync(folder);
    for (const f of fs.readdirSync(builtinMaterialsFolder())) fs.copyFileSync(path.join(builtinMaterialsFolder(), f), path.join(folder, f));
    fs.copyFileSync(out, path.join(folder, "LLZO-complete.json"));
    const map = await run(["map", "--materials", folder, "--electrolyte", "LLZO-complete", "--cathode", "LCO", "--soc", "0%", "--json"]);
    expect(map.code).toBe(0);
    expect(Number.isFinite(JSON.parse(map.out).dphiCathode)).toBe(true);
    const exp = await run(["export", "--sc-fermi", path.join(dir, "export"), "--electrolyte", "LLZO-complete", "--mu-li", "-1.5", "--materials", folder, "--json"]);
    expect(exp.code).toBe(0);
    const fermi = await run(["fermi", "--sc-fermi", path.join(dir, "export", "input-fermi.dat"), "--dos", path.join(dir, "export", "totdos.dat"), "--unitcell", path.join(dir, "export", "unitcell.dat"), "--json"]);
    expect(fermi.code).toBe(0);
    expect(JSON.parse(fermi.out).fermiLevel).toBeGreaterThan(0);
  });

  test("a missing base record fails with one line naming --base", async () => {
    const r = await run(["import", "--sc-fermi", path.join(shared, "input-fermi.dat"), "--unitcell", path.join(shared, "unitcell.dat"), "--base", "NOPE", "--id", "X", "--mu-li", "-1"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--base.*NOPE/);
  });
});

describe.skipIf(!haveShared)("data/models/LLZO-complete.json", () => {
  test("is what `npm run import-llzo` computes from the shared files and the built-in LLZO record (regenerate after recalibrating LLZO)", () => {
    const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../data/models/LLZO-complete.json"), "utf8"));
    const fresh = imported(undefined, committed.bandGap.source.replace(/^input-fermi\.dat \(band gap of the model\); /, ""));
    expect(committed).toEqual(JSON.parse(JSON.stringify(fresh)));
  });
});
