import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { overfitLps } from "./helpers/overfit";
import { orderedCathodeStates, orderedElectrolytes } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { listMaterialFiles, readRawRecords } from "../lib/src/io/readRecords";
import { electrolyteEvaluator, interfaceJumps } from "../lib/src/whatif/interfaceJumps";
import { rankPairs, screen, screenMaterials, ScreenRow } from "../lib/src/whatif/screen";
import { screenCsv } from "../lib/src/whatif/screenOutput";
import { screenBenchmark, screenThroughput, syntheticDataSet } from "../lib/src/whatif/synthetic";
import { DataSet } from "../lib/src/cell/materials";

const builtin = builtinMaterialsFolder();
const set = readDataSet(builtin);

describe("interfaceJumps", () => {
  test("agrees with potentialMap for every built-in configuration (eqs. 6, 7 and the stability flags)", () => {
    let n = 0;
    for (const electrolyte of orderedElectrolytes(set)) {
      const evaluator = electrolyteEvaluator(electrolyte);
      for (const state of orderedCathodeStates(set)) {
        const j = interfaceJumps(set.anodes[0], evaluator, state);
        const m = potentialMap(set.anodes[0], electrolyte, state, { withoutProfile: true });
        expect(j.dphiAnode).toBe(m.dphiAnode);
        expect(j.dphiCathode).toBe(m.dphiCathode);
        expect(j.muCathodeSide).toBe(m.muCathodeSide);
        expect(j.cbmAboveAnodeFermi).toBe(m.stability.cbmAboveAnodeFermi);
        expect(j.vbmBelowCathodeFermi).toBe(m.stability.vbmBelowCathodeFermi);
        expect([j.reducedByAnode, j.electronLeakageRisk, j.oxidizedByCathode]).toEqual([m.stability.reducedByAnode, m.stability.electronLeakageRisk, m.stability.oxidizedByCathode]);
        n++;
      }
    }
    expect(n).toBe(48);
  });

  test("at another temperature too", () => {
    const lps = set.electrolytes.find((e) => e.id === "LPS")!;
    const state = orderedCathodeStates(set)[0];
    expect(interfaceJumps(set.anodes[0], electrolyteEvaluator(lps, 500), state).dphiCathode).toBe(
      potentialMap(set.anodes[0], lps, state, { temperature: 500, withoutProfile: true }).dphiCathode,
    );
  });
});

describe("screen on the built-in data set", () => {
  const result = screen(set);

  test("48 configurations, 20 pairs, ranked by worst |dphi_c| over SOC", () => {
    expect(result.configurations).toBe(48);
    expect(result.rows).toHaveLength(48);
    expect(result.failures).toEqual([]);
    expect(result.pairs).toHaveLength(20);
    for (let i = 1; i < result.pairs.length; i++) expect(result.pairs[i].worstAbsDphiCathode).toBeGreaterThanOrEqual(result.pairs[i - 1].worstAbsDphiCathode);
    const lcoLlzo = result.pairs.find((p) => p.electrolyte === "LLZO" && p.cathode === "LCO")!;
    const maps = ["0%", "100%"].map((soc) => potentialMap(set.anodes[0], set.electrolytes.find((e) => e.id === "LLZO")!, orderedCathodeStates(set).find((s) => s.id === "LCO" && s.soc === soc)!, { withoutProfile: true }));
    expect(lcoLlzo.worstAbsDphiCathode).toBe(Math.max(...maps.map((m) => Math.abs(m.dphiCathode))));
    expect(lcoLlzo.worstSoc).toBe("100%");
  });

  test("the built-in set raises no guard warning (every electrolyte insulating in its window)", () => {
    expect(result.warnings).toEqual([]);
    expect(result.rows.every((r) => r.warnings === 0)).toBe(true);
  });

  test("warnings: a count per row and per pair, the distinct messages once; same classes as potentialMap", () => {
    const overfit: DataSet = { ...set, electrolytes: set.electrolytes.map((e) => (e.id === "LPS" ? overfitLps(e) : e)) };
    const flagged = screen(overfit);
    for (const row of flagged.rows) {
      const electrolyte = overfit.electrolytes.find((e) => e.id === row.electrolyte)!;
      const state = orderedCathodeStates(overfit).find((s) => s.id === row.cathode && s.soc === row.soc)!;
      const map = potentialMap(overfit.anodes.find((a) => a.id === row.anode)!, electrolyte, state, { withoutProfile: true });
      // screening sees E_F only: it flags the degenerate contacts potentialMap flags
      expect([row.electrolyte, row.cathode, row.soc, row.warnings]).toEqual([row.electrolyte, row.cathode, row.soc, map.warnings.filter((w) => w.code === "fermi-level-degenerate").length]);
    }
    expect(flagged.rows.filter((r) => r.warnings > 0).every((r) => r.electrolyte === "LPS")).toBe(true);
    expect(flagged.rows.some((r) => r.warnings > 0)).toBe(true);
    const lps = flagged.pairs.filter((p) => p.electrolyte === "LPS");
    for (const p of lps) expect(p.warnings).toBe(flagged.rows.filter((r) => r.electrolyte === "LPS" && r.cathode === p.cathode).reduce((n, r) => n + r.warnings, 0));
    expect(flagged.warnings.map((w) => w.code)).toEqual(["fermi-level-degenerate"]);
    expect(flagged.warnings[0].message).toMatch(/^LPS: E_F = /);
    expect(screenCsv(flagged).split("\n")[0].split(",").at(-1)).toBe("warnings");
  });

  test("CSV: one header and one line per configuration, pair rank first", () => {
    const lines = screenCsv(result).trim().split("\n");
    expect(lines).toHaveLength(49);
    expect(lines[0].split(",").slice(0, 4)).toEqual(["pairRank", "electrolyte", "cathode", "soc"]);
    expect(lines[1].startsWith("1,")).toBe(true);
    const first = result.pairs[0];
    expect(lines[1]).toContain(`${first.electrolyte},${first.cathode}`);
  });
});

describe("rankPairs", () => {
  const row = (electrolyte: string, cathode: string, soc: string, dphiCathode: number): ScreenRow => ({
    anode: "Li", electrolyte, cathode, soc, ocv: 4, dphiAnode: 1, dphiCathode, hindersCathode: dphiCathode > 0 ? "discharge" : "charge",
    barrierless: Math.abs(dphiCathode) < 0.1, reducedByAnode: false, electronLeakageRisk: false, oxidizedByCathode: false, warnings: 0,
  });

  test("worst |dphi_c| decides, a sign does not; a pair with a failed SOC comes last", () => {
    const pairs = rankPairs(
      [row("A", "X", "0%", 0.05), row("A", "X", "100%", -0.3), row("B", "X", "0%", 0.2), row("B", "X", "100%", 0.21), row("C", "X", "0%", 0.01)],
      0.1,
      new Map([["C\u0000X", ["100%"]]]),
    );
    expect(pairs.map((p) => `${p.electrolyte}${p.rank}`)).toEqual(["B1", "A2", "C3"]);
    expect(pairs[0].worstAbsDphiCathode).toBeCloseTo(0.21, 12);
    expect(pairs[2].failedStates).toEqual(["100%"]);
    expect(pairs.every((p) => !p.allBarrierless)).toBe(true);
  });
});

describe("screenMaterials with bad records", () => {
  let dir: string;
  const electrolyteRecord = (id: string, change: (r: any) => void) => {
    const r = JSON.parse(fs.readFileSync(path.join(builtin, "LLZO.json"), "utf8"));
    r.id = id;
    change(r);
    return JSON.stringify(r);
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-screen-"));
    for (const name of fs.readdirSync(builtin)) fs.copyFileSync(path.join(builtin, name), path.join(dir, name));
    fs.writeFileSync(path.join(dir, "broken.json"), '{ "id": "X", "role": "electrolyte", ');
    fs.writeFileSync(path.join(dir, "negative-ip.json"), electrolyteRecord("NEG", (r) => (r.ionizationPotential.value = -5.9)));
    fs.writeFileSync(path.join(dir, "duplicate.json"), electrolyteRecord("LLZO", () => undefined));
    // only positive defects and no carriers: charge neutrality has no root
    fs.writeFileSync(path.join(dir, "no-root.json"), electrolyteRecord("NOROOT", (r) => {
      r.fermiLevel.carriers = { kind: "none", source: "test" };
      r.fermiLevel.defects = [r.fermiLevel.defects[1]];
    }));
    // a window above most OCVs: only the LNMO states (4.65 V) reach it
    fs.writeFileSync(path.join(dir, "high-window.json"), electrolyteRecord("HIGH", (r) => {
      r.window.lower = 4.5;
      r.window.upper = 5;
    }));
    // JSON 1e999 parses to Infinity: never a silent NaN or Infinity in the results
    const lco = fs.readFileSync(path.join(builtin, "LCO.json"), "utf8").replace('"id": "LCO"', '"id": "LCOINF"');
    const parsed = JSON.parse(lco);
    parsed.states[0].fermiLevel.value = 12345.678;
    fs.writeFileSync(path.join(dir, "infinite.json"), JSON.stringify(parsed).replace("12345.678", "1e999"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("every bad record is a failure naming its file and reason; the rest is computed", () => {
    const result = screenMaterials(dir);
    const reasons = result.failures.map((f) => `${f.file} :: ${f.configuration ?? ""} :: ${f.reason}`);
    const has = (file: string, pattern: RegExp) => expect(reasons.some((r) => r.includes(file) && pattern.test(r)), `${file} ${pattern}\n${reasons.join("\n")}`).toBe(true);
    has("broken.json", /malformed JSON/);
    has("negative-ip.json", /field "ionizationPotential.value", value -5.9: must be 3 to 9 eV/);
    has("duplicate.json", /is already used by .*LLZO.json/);
    has("no-root.json", /charge neutrality has no root/);
    has("high-window.json", /does not overlap/);
    has("infinite.json", /fermiLevel.*value Infinity: .*finite/);
    // NOROOT fails once (not once per cathode state); HIGH fails per configuration whose OCV is below its 4.5 V edge
    const reaching = orderedCathodeStates(set).filter((s) => s.ocv >= 4.5).length;
    expect(reaching).toBeGreaterThan(0);
    expect(result.failures.filter((f) => f.file.includes("no-root.json"))).toHaveLength(1);
    expect(result.failures.filter((f) => f.file.includes("high-window.json"))).toHaveLength(12 - reaching);
    // computed: the 48 built-in configurations and HIGH with the LNMO states (OCV 4.65 V)
    expect(result.rows).toHaveLength(48 + reaching);
    expect(result.rows.every((r) => Number.isFinite(r.dphiCathode) && Number.isFinite(r.dphiAnode))).toBe(true);
    // the built-in configurations are unaffected by the bad neighbours
    const builtinResult = screen(set);
    for (const r of builtinResult.rows) {
      const same = result.rows.find((x) => x.electrolyte === r.electrolyte && x.cathode === r.cathode && x.soc === r.soc)!;
      expect(same.dphiCathode).toBe(r.dphiCathode);
    }
    const high = result.pairs.find((p) => p.electrolyte === "HIGH" && p.cathode === "LNMO")!;
    const lnmoBelow = orderedCathodeStates(set).filter((s) => s.id === "LNMO" && s.ocv < 4.5).map((s) => s.soc);
    expect(high.failedStates.sort()).toEqual(lnmoBelow.sort());
  });

  test("a non-finite number in an in-memory material is a failure of that material, not a NaN or Infinity", () => {
    const bad = structuredClone(set);
    bad.cathodes[0].states[0].fermiLevel = Infinity;
    const result = screen(bad);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].reason).toMatch(/LCO 0%: must be a finite number/);
    expect(result.failures[0].reason).toMatch(/field "fermiLevel", value Infinity/);
    expect(result.rows).toHaveLength(48 - 4);
    const pair = result.pairs.find((p) => p.electrolyte === "LLZO" && p.cathode === "LCO")!;
    expect(pair.failedStates).toEqual(["0%"]);
    expect(result.pairs.slice(-4).every((p) => p.cathode === "LCO")).toBe(true); // incomplete pairs last
    expect(result.rows.every((r) => Number.isFinite(r.dphiCathode))).toBe(true);
  });

  test("a list of files and folders, and a missing entry, are accepted", () => {
    const listed = listMaterialFiles(`${path.join(builtin, "Li.json")}, ${path.join(builtin, "LCO.json")},/nonexistent/x.json`);
    expect(listed.files).toHaveLength(2);
    expect(listed.failures[0]).toEqual({ file: "/nonexistent/x.json", reason: "cannot read the file or folder (ENOENT)" });
    expect(() => listMaterialFiles(" , ")).toThrow(/field "--materials"/);
  });
});

describe("throughput", () => {
  test("a synthetic set is deterministic in its seed and usable", () => {
    const { records } = readRawRecords(builtin);
    const a = syntheticDataSet(records, { electrolytes: 50, seed: 3 });
    const b = syntheticDataSet(records, { electrolytes: 50, seed: 3 });
    const c = syntheticDataSet(records, { electrolytes: 50, seed: 4 });
    expect(a.electrolytes).toHaveLength(50);
    expect(a.electrolytes.map((e) => e.ionizationPotential)).toEqual(b.electrolytes.map((e) => e.ionizationPotential));
    expect(a.electrolytes.map((e) => e.ionizationPotential)).not.toEqual(c.electrolytes.map((e) => e.ionizationPotential));
    const result = screen(a);
    expect(result.configurations).toBe(50 * 12);
    expect(result.failures).toEqual([]);
  });

  test("screenThroughput and screenBenchmark report configurations per second", () => {
    const r = screenBenchmark({ electrolytes: 100, seed: 1, repeats: 2 });
    expect(r.configurations).toBe(100 * 12);
    expect([r.anodes, r.electrolytes, r.cathodeStates]).toEqual([1, 100, 12]);
    expect(r.perSecond).toBeCloseTo(r.configurations / (r.medianMs / 1000), 6);
    expect(r.perSecond).toBeGreaterThan(0);
    expect(() => screenThroughput(set, { repeats: 0 })).toThrow(/field "repeats"/);
  });
});
