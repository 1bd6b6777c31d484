import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDataSet, formatFinding } from "../lib/src/check/checkDataSet";
import { functionalFamily } from "../lib/src/check/electrolytes";
import { Finding, show } from "../lib/src/check/findings";
import { CheckRecord } from "../lib/src/check/records";
import { main } from "../lib/src/cli/main";
import { parsePhaseEntriesCsv } from "../lib/src/io/phaseEntries";
import { builtinMaterialsFolder } from "../lib/src/io/readMaterials";
import { toMaterial } from "../lib/src/io/readMaterials";
import { compileSystem, solveFermiLevel } from "../lib/src/defects/neutrality";
import { DataSet, Electrolyte } from "../lib/src/cell/materials";
import { thermalEnergy } from "../lib/src/core/constants";

/*
 * A small clean set: Li, an LLZO-like insulator (Squires et al. 2020 V_Li/Li_i energies, HSE06 gap),
 * and a toy cathode on toy Li-Co-O entries. Energies per formula unit: LiCoO2 4 x -2.0 = -8.0,
 * Li0.5CoO2 3.5 x -1.8 = -6.3, CoO2 3 x -1.5 = -4.5, so eq. 3 gives 3.5 V (LiCoO2 -> CoO2) and
 * 3.6 V (Li0.5CoO2 -> CoO2), and Li0.5CoO2 lies below the LiCoO2-CoO2 tie line (-6.25).
 */
const toyEntries = "formula,formation_energy_per_atom\nLi,0\nCo,0\nO,0\nLiCoO2,-2.0\nLi0.5CoO2,-1.8\nCoO2,-1.5\n";
const entries = () => ({ "toy.csv": parsePhaseEntriesCsv(toyEntries, "toy.csv") });

const anode = () => ({ id: "Li", name: "Li metal", role: "anode", workFunction: { value: 2.93, source: "test" } });

const electrolyte = (id = "INS") => ({
  id,
  name: "insulator",
  role: "electrolyte",
  bandGap: { value: 5.903, source: "test", functional: "HSE06" },
  ionizationPotential: { value: 5.98, source: "test" },
  window: { source: "test", lower: 0, upper: 2.91 },
  fermiLevel: {
    rule: "defects",
    source: "test",
    temperature: 300,
    carriers: { kind: "parabolic", electronMass: 1, holeMass: 1 },
    defects: [
      { name: "V_Li", lithium: -1, sites: 3.27455e22, chargeStates: [{ charge: 0, energy: 4.696 }, { charge: -1, energy: 5.184 }] },
      { name: "Li_i", lithium: 1, sites: 3.27455e22, chargeStates: [{ charge: 0, energy: 1.422 }, { charge: 1, energy: -4.164 }] },
    ],
  },
  constraints: [{ kind: "frenkelEnergy", vacancy: "V_Li", interstitial: "Li_i", value: 1.02, tolerance: 0.05, source: "test" }],
  transport: { source: "test", ionicConductivity: 1e-4, electronMobility: 1, holeMobility: 1 },
});

const state = (soc: string, lithiated: string, ocv: number) => ({
  soc,
  source: "test",
  bandGap: 1,
  ionizationPotential: 6,
  fermiLevel: 0,
  voltageReaction: { entries: "toy.csv", lithiated, delithiated: ["CoO2"] },
  ocvComputed: ocv,
  ocv: { value: ocv, calibrated: "test" },
});

const cathode = () => ({ id: "TOY", name: "toy cathode", role: "cathode", states: [state("0%", "LiCoO2", 3.5), state("100%", "Li0.5CoO2", 3.6)] });

type Json = Record<string, any>;
function readRecordsOfBuiltin(): CheckRecord[] {
  const folder = builtinMaterialsFolder();
  return fs.readdirSync(folder).filter((f) => f.endsWith(".json")).sort().map((f) => ({ file: path.join(folder, f), record: JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")) }));
}
function records(edit: (r: { anode: Json; electrolyte: Json; cathode: Json }) => void = () => {}): CheckRecord[] {
  const r = { anode: anode() as Json, electrolyte: electrolyte() as Json, cathode: cathode() as Json };
  edit(r);
  return [
    { file: "Li.json", record: r.anode },
    { file: "INS.json", record: r.electrolyte },
    { file: "TOY.json", record: r.cathode },
  ];
}

const all = (result: { errors: Finding[]; warnings: Finding[] }) => [...result.errors, ...result.warnings];
const find = (list: Finding[], check: string, field: string) => list.filter((f) => f.check === check && f.field === field);

describe("checkDataSet", () => {
  it("finds nothing in a clean set", async () => {
    const result = await checkDataSet(records(), { phaseEntries: entries() });
    expect(all(result).map(formatFinding)).toEqual([]);
  });

  it("reports a record the schema refuses, by file and field, and goes on with the rest", async () => {
    const result = await checkDataSet(records((r) => delete r.electrolyte.ionizationPotential), { phaseEntries: entries() });
    expect(result.errors.map((f) => [f.check, f.file, f.field])).toEqual([["record", "INS.json", "ionizationPotential"]]);
  });

  it("reports repeated ids, defect names and charge states", async () => {
    const set = records((r) => {
      r.electrolyte.fermiLevel.defects[1].name = "V_Li";
      r.electrolyte.fermiLevel.defects[0].chargeStates[1].charge = 0;
    });
    set.push({ file: "INS2.json", record: { ...electrolyte("ins"), constraints: undefined } });
    const result = await checkDataSet(set, { phaseEntries: entries() });
    expect(find(result.errors, "unique", "id")).toMatchObject([{ file: "INS2.json", value: "ins" }]);
    expect(find(result.errors, "unique", "fermiLevel.defects[1].name")).toMatchObject([{ file: "INS.json", value: "V_Li" }]);
    expect(find(result.errors, "unique", "fermiLevel.defects[0].chargeStates[1].charge")).toMatchObject([{ file: "INS.json", value: 0 }]);
  });

  it("reports values outside the plausible ranges", async () => {
    const result = await checkDataSet(
      records((r) => {
        r.anode.workFunction.value = 1.5;
        r.electrolyte.ionizationPotential.value = 12;
        r.electrolyte.window.upper = 7;
        r.electrolyte.fermiLevel.temperature = 5000;
        r.cathode.states[0].fermiLevel = 1.5; // above its 1 eV gap
        r.cathode.states[1].bandGap = 0.05;
      }),
      { phaseEntries: entries() },
    );
    const ranges = result.errors.filter((f) => f.check === "range").map((f) => [f.file, f.field, f.value]);
    expect(ranges).toEqual(
      expect.arrayContaining([
        ["Li.json", "workFunction.value", 1.5],
        ["INS.json", "ionizationPotential.value", 12],
        ["INS.json", "window.upper", 7],
        ["INS.json", "fermiLevel.temperature", 5000],
        ["TOY.json", "states[0].fermiLevel", 1.5],
        ["TOY.json", "states[1].bandGap", 0.05],
      ]),
    );
    expect(ranges).toHaveLength(6);
  });

  it("reports an OCV that falls as Li is removed", async () => {
    const result = await checkDataSet(records((r) => (r.cathode.states[1].ocv.value = 3.45)), { phaseEntries: entries() });
    const [finding] = find(result.errors, "ocv-order", "states[1].ocv.value");
    expect(finding).toMatchObject({ file: "TOY.json", value: 3.45 });
    expect(finding.expected).toContain("3.5 V");
  });

  it("reports a calibrated OCV away from its eq. 3 reaction, accepts a cited or uncertain one", async () => {
    const moved = await checkDataSet(records((r) => (r.cathode.states[0].ocv.value = 3.6)), { phaseEntries: entries() });
    const [error] = find(moved.errors, "ocv-reaction", "states[0].ocv.value");
    // eq. 3 of the toy entries: -(-8.0 - -4.5) / 1 = 3.5 V
    expect(error).toMatchObject({ file: "TOY.json", value: 3.6 });
    expect(error.expected).toContain("of 3.5 V");
    expect(error.reason).toContain("+0.1 V");

    const cited = await checkDataSet(records((r) => (r.cathode.states[0].ocv = { value: 3.6, source: "measured, some paper" })), { phaseEntries: entries() });
    expect(find(cited.errors, "ocv-reaction", "states[0].ocv.value")).toEqual([]);
    expect(find(cited.warnings, "ocv-reaction", "states[0].ocv.value")).toHaveLength(1);

    const uncertain = await checkDataSet(records((r) => (r.cathode.states[0].ocv.uncertainty = 0.06)), { phaseEntries: entries(), ocvTolerance: 0 });
    expect(find(all(uncertain), "ocv-reaction", "states[0].ocv.value")).toEqual([]);
  });

  it("reports a stale ocvComputed and a reaction whose entries are missing", async () => {
    const stale = await checkDataSet(records((r) => (r.cathode.states[1].ocvComputed = 3.4)), { phaseEntries: entries() });
    const [error] = find(stale.errors, "ocv-reaction", "states[1].ocvComputed");
    expect(error.value).toBe(3.4);
    expect(error.expected).toContain("3.6 V"); // -(-6.3 - -4.5) / 0.5

    const missing = await checkDataSet(records());
    expect(find(missing.warnings, "ocv-reaction", "states[0].voltageReaction.entries")).toMatchObject([{ value: "toy.csv" }]);
  });

  it("reports a reaction phase above the Li_x host tie line, and a note that claims the hull", async () => {
    // Li0.5CoO2 at -1.7 eV/atom: -5.95 per formula unit against -6.25 on the tie line
    const above = parsePhaseEntriesCsv(toyEntries.replace("Li0.5CoO2,-1.8", "Li0.5CoO2,-1.7"), "toy.csv");
    const result = await checkDataSet(
      records((r) => {
        r.cathode.states[1].voltageReaction.note = "on the hull";
        r.cathode.states[1].ocvComputed = 2.9; // -(-5.95 - -4.5) / 0.5
        r.cathode.states[1].ocv.value = 2.9;
      }),
      { phaseEntries: { "toy.csv": above } },
    );
    const [warning] = find(result.warnings, "hull", "states[1].voltageReaction.lithiated");
    expect(warning.value).toBe("Li0.5CoO2");
    expect(warning.reason).toContain(`${Number((1000 * (-1.7 - -6.25 / 3.5)).toPrecision(4))} meV/atom above the tie lines`);
    expect(warning.reason).toContain("the record's note says this segment lies on the hull");
    expect(find(result.errors, "ocv-order", "states[1].ocv.value")).toHaveLength(1);
  });

  it("reports a lithiated phase above the full hull though on its host line", async () => {
    // 0.5 Li2O + 0.5 Co2O3 = 0.5 (3 x -2.2) + 0.5 (5 x -2.0) = -8.3 eV < -8.0 eV for LiCoO2
    const metastable = parsePhaseEntriesCsv(toyEntries + "Li2O,-2.2\nCo2O3,-2.0\n", "toy.csv");
    const result = await checkDataSet(records(), { phaseEntries: { "toy.csv": metastable } });
    const [warning] = find(result.warnings, "hull", "states[0].voltageReaction.lithiated");
    expect(warning.reason).toContain(`${Number((1000 * (0.3 / 4)).toPrecision(4))} meV/atom above the full hull`);
    expect(warning.reason).toContain("metastable compound");
  });

  it("reports an electrolyte whose E_F leaves the gap inside its window", async () => {
    // gap 4.3 eV: Li_i(+) balanced by electrons, n = Nc exp(-(Eg - E_F)/kT) = N exp(-(E_F - 4.164)/kT),
    // puts E_F near (4.3 + 4.164 + kT ln(N/Nc)) / 2 = 4.33 eV at 0 V: past the CBM
    const result = await checkDataSet(records((r) => (r.electrolyte.bandGap.value = 4.3)), { phaseEntries: entries() });
    const [error] = find(result.errors, "insulating", "fermiLevel");
    const set = records((r) => (r.electrolyte.bandGap.value = 4.3));
    const material = toMaterial(set[1].record as Json, "INS.json") as Electrolyte;
    if (material.fermiLevel.rule !== "defects") throw new Error("expected a defect model");
    const atAnode = solveFermiLevel(compileSystem(material.fermiLevel.system), -0);
    expect(error.value).toBeCloseTo(atAnode.fermiLevel, 12);
    expect(4.3 - atAnode.fermiLevel).toBeLessThan(3 * thermalEnergy(300));
    expect(error.reason).toContain("at 0 V");
  });

  it("accepts a degenerate electrolyte that declares it (in-memory data set)", async () => {
    const set = records((r) => (r.electrolyte.bandGap.value = 4.3));
    const material = toMaterial(set[1].record as Json, "INS.json") as Electrolyte & { declaredDegenerate?: boolean };
    const dataSet: DataSet = { anodes: [], electrolytes: [material], cathodes: [] };
    expect(find((await checkDataSet(dataSet)).errors, "insulating", "fermiLevel")).toHaveLength(1);
    material.declaredDegenerate = true;
    expect(all(await checkDataSet(dataSet))).toEqual([]);
  });

  it("reports a mixed conductor by sigma_e/sigma_ion (not 3 kT), an error unless transport.note explains it", async () => {
    // gap 4.7 eV: E_F stays inside the gap (non-degenerate) but n is large; with sigma_ion 1e-4 S/cm it conducts electrons
    const edit = (r: Json) => (r.electrolyte.bandGap.value = 4.7);
    const result = await checkDataSet(records(edit), { phaseEntries: entries() });
    expect(find(result.errors, "insulating", "fermiLevel")).toEqual([]);
    const [error] = find(result.errors, "conduction", "fermiLevel");
    const material = toMaterial(records(edit)[1].record as Json, "INS.json") as Electrolyte;
    if (material.fermiLevel.rule !== "defects") throw new Error("expected a defect model");
    const atAnode = solveFermiLevel(compileSystem(material.fermiLevel.system), -0);
    expect(atAnode.fermiLevel).toBeLessThan(4.7);
    const sigma = 1.602176634e-19 * atAnode.electrons;
    expect(sigma / 1e-4).toBeGreaterThan(1e-2);
    expect(error.reason).toContain(`sigma_e = ${show(sigma, "S/cm")}`);
    expect(error.reason).toContain("mixed conductor at 0 V");
    // the same with a lower mobility that puts sigma_e under 1% of sigma_ion: insulating
    const slow = await checkDataSet(records((r) => { edit(r); r.electrolyte.transport.electronMobility = (1e-2 * 1e-4 * 0.5) / sigma; }), { phaseEntries: entries() });
    expect(find(all(slow), "conduction", "fermiLevel")).toEqual([]);
    // explained in the record: a warning quoting the explanation
    const explained = await checkDataSet(records((r) => { edit(r); r.electrolyte.transport.note = "test: cannot meet both"; }), { phaseEntries: entries() });
    expect(find(explained.errors, "conduction", "fermiLevel")).toEqual([]);
    expect(find(explained.warnings, "conduction", "transport.note")).toMatchObject([{ value: "test: cannot meet both" }]);
    // no transport at all: a warning (class unknown)
    const bare = await checkDataSet(records((r) => { delete r.electrolyte.transport; }), { phaseEntries: entries() });
    expect(find(bare.warnings, "conduction", "transport")).toHaveLength(1);
  });

  it("flags cathode IP offsets that fall as Li is removed or depart from the OCV change beyond the dipole bound, naming the states", async () => {
    const offsets = (result: { warnings: Finding[] }) => result.warnings.filter((f) => f.check === "cathode-offset");
    // fixture: IP 6 -> 6 eV while the OCV rises 3.5 -> 3.6 V: within 0.3 eV
    expect(offsets(await checkDataSet(records(), { phaseEntries: entries() }))).toEqual([]);
    const falls = offsets(await checkDataSet(records((r) => (r.cathode.states[1].ionizationPotential = 5.5)), { phaseEntries: entries() }));
    expect(falls).toHaveLength(1);
    expect(falls[0].field).toBe("states[1].ionizationPotential");
    expect(falls[0].reason).toContain("TOY 0% -> 100%: the IP offset falls by 0.5 eV");
    expect(falls[0].reason).toContain(`departs from the OCV change 0.1 V by ${show(-0.5 - 0.1, "eV")}`);
    expect(falls[0].reason).toContain("not explained in the record");
    // rises, but 0.4 eV beyond the OCV: flagged; with dipoleBound 0.5 it passes
    const far = (r: Json) => (r.cathode.states[1].ionizationPotential = 6.5);
    expect(offsets(await checkDataSet(records(far), { phaseEntries: entries() }))[0].reason).toContain(`departs from the OCV change 0.1 V by ${show(0.4, "eV")}, beyond the 0.3 eV dipole bound`);
    expect(offsets(await checkDataSet(records(far), { phaseEntries: entries(), dipoleBound: 0.5 }))).toEqual([]);
    // explained in the record
    const explained = offsets(await checkDataSet(records((r) => (r.cathode.states[1].ionizationPotential = { value: 6.5, calibrated: "test", note: "a fit" })), { phaseEntries: entries() }));
    expect(explained[0]).toMatchObject({ field: "states[1].ionizationPotential.note", value: "a fit" });
    expect(explained[0].reason).toContain("explained in the record");
  });

  it("the built-in set: every cathode-offset and conduction warning is explained in its record", async () => {
    const { warnings } = await checkDataSet(readRecordsOfBuiltin(), {});
    const flagged = warnings.filter((f) => f.check === "cathode-offset" || f.check === "conduction");
    expect(flagged.map((f) => `${path.basename(f.file)} ${f.field}`).sort()).toEqual([
      "LCO.json states[1].ionizationPotential.note", "LMO.json states[2].ionizationPotential.note", "LNCO.json states[1].ionizationPotential.note",
      "LNMO.json states[1].ionizationPotential.note", "LNMO.json states[2].ionizationPotential.note", "LNO.json states[1].ionizationPotential.note",
      "LPO.json transport.note", "LPS.json transport.note",
    ]);
    for (const f of flagged) expect(f.reason).toMatch(/explained in the record$/);
  });

  it("flags Li-vacancy sites far below the structure's Li density unless sites.note says why", async () => {
    // 7 Li x 4 f.u. / 1056.62 A^3 = 2.650e22 Li cm^-3; the fixture's 3.27e22 V_Li sites pass, a tenth fails
    const structure = { source: "test", cellVolume: 1056.62, formulaUnits: 4 };
    const edit = (r: Json) => { r.electrolyte.formula = "Li7La3Zr2O12"; r.electrolyte.structure = structure; };
    expect(find(all(await checkDataSet(records(edit), { phaseEntries: entries() })), "site-density", "fermiLevel.defects[0].sites")).toEqual([]);
    const tenth = await checkDataSet(records((r) => { edit(r); r.electrolyte.fermiLevel.defects[0].sites = 2.84e21; }), { phaseEntries: entries() });
    const [error] = find(tenth.errors, "site-density", "fermiLevel.defects[0].sites");
    expect(error.reason).toContain(show(2.84e21 / ((7 * 4) / 1056.62e-24)));
    const why = await checkDataSet(records((r) => { edit(r); r.electrolyte.fermiLevel.defects[0].sites = { value: 2.84e21, source: "test", note: "only the 24d sites" }; }), { phaseEntries: entries() });
    expect(find(why.errors, "site-density", "fermiLevel.defects[0].sites")).toEqual([]);
    expect(find(why.warnings, "site-density", "fermiLevel.defects[0].sites.note")).toHaveLength(1);
  });

  it("reports a defect above its site density, and warns near it", async () => {
    const result = await checkDataSet(
      records((r) => {
        r.electrolyte.fermiLevel.defects[0].frozenConcentration = 5e22; // above 3.27e22 sites
        r.electrolyte.fermiLevel.defects[1].frozenConcentration = 5e21; // 15% of its sites
      }),
      { phaseEntries: entries() },
    );
    const [error] = find(result.errors, "site-density", "fermiLevel.defects[0]");
    expect(error.value).toBeCloseTo(5e22, -10);
    const [warning] = find(result.warnings, "site-density", "fermiLevel.defects[1]");
    expect(warning.value).toBeCloseTo(5e21, -10);
    expect(warning.reason).toContain(`${Number((100 * 5e21 / 3.27455e22).toPrecision(4))}% of its sites`);
  });

  it("warns when electrolytes mix band-gap methods without a scissor", async () => {
    const set = records((r) => (r.electrolyte.bandGap.functional = "PBE"));
    const hybrid = electrolyte("HYB");
    set.push({ file: "HYB.json", record: hybrid }, { file: "PBE2.json", record: { ...electrolyte("SL"), bandGap: { value: 3, source: "semi-local (PBE) gap" } } });
    const result = await checkDataSet(set, { phaseEntries: entries() });
    expect(result.warnings.filter((f) => f.check === "functional").map((f) => [f.file, f.field, f.value])).toEqual([["HYB.json", "bandGap.functional", "HSE06"]]);

    (hybrid as Json).scissor = { value: 0, source: "no shift" };
    expect((await checkDataSet(set, { phaseEntries: entries() })).warnings.filter((f) => f.check === "functional")).toHaveLength(1);
    (hybrid as Json).scissor = { value: -1.2, source: "onto the PBE reference" };
    expect((await checkDataSet(set, { phaseEntries: entries() })).warnings.filter((f) => f.check === "functional")).toEqual([]);
  });

  it("reports a literature constraint the defect energies miss", async () => {
    const result = await checkDataSet(records((r) => (r.electrolyte.constraints[0] = { ...r.electrolyte.constraints[0], value: 1.6, tolerance: 0.2 })), { phaseEntries: entries() });
    const [error] = find(result.errors, "constraint", "constraints[0].value");
    expect(error.value).toBe(1.6);
    // E0(Li_i,+1) + E0(V_Li,-1) = -4.164 + 5.184
    expect(error.reason).toContain(`Frenkel energy of ${Number((-4.164 + 5.184).toPrecision(4))} eV`);

    const unknown = await checkDataSet(records((r) => (r.electrolyte.constraints[0].vacancy = "V_O")), { phaseEntries: entries() });
    expect(find(unknown.errors, "constraint", "constraints[0].vacancy")).toMatchObject([{ value: "V_O" }]);
  });

  it("refuses a sweep with fewer than two points", async () => {
    await expect(checkDataSet(records(), { points: 1 })).rejects.toThrow(/field "points", value 1/);
  });

  it("built-in set passes with zero errors", async () => {
    // the CLI finds the shared phase entries by looking above the data folder (shared/data/phase-entries)
    let stdout = "";
    const code = await main(["check", "--json"], (t) => (stdout += t), () => {});
    const result = JSON.parse(stdout);
    expect(result.errors.map(formatFinding)).toEqual([]);
    expect(result.warnings.filter((f: Finding) => f.field.endsWith(".entries"))).toEqual([]); // every reaction was checked
    expect(code).toBe(0);
  });
});

describe("functionalFamily", () => {
  it("reads the method family from a gap's source text", () => {
    expect(functionalFamily("Squires et al. 2020, HSE06 gap")).toBe("hybrid");
    expect(functionalFamily("approximate semi-local (PBE) gap")).toBe("semi-local");
    expect(functionalFamily("GW0 gap")).toBe("GW");
    expect(functionalFamily("experimental optical gap")).toBe("experiment");
    expect(functionalFamily("recalled")).toBeUndefined();
  });
});

describe("main check", () => {
  async function run(...argv: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
    return { code, stdout, stderr };
  }

  function folderWith(edit?: Parameters<typeof records>[0]): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-check-"));
    for (const { file, record } of records(edit)) fs.writeFileSync(path.join(folder, file), JSON.stringify(record));
    fs.writeFileSync(path.join(folder, "toy.csv"), toyEntries); // found beside the records
    return folder;
  }

  it("exits 0 with a count for a clean folder", async () => {
    const { code, stdout, stderr } = await run("check", "--materials", folderWith(), "--only");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^0 errors, 0 warnings in 3 records/);
  });

  it("prints one line per finding and exits 1 when there are errors; --json lists them", async () => {
    const folder = folderWith((r) => (r.cathode.states[1].ocv.value = 3.45));
    const text = await run("check", "--materials", folder, "--only");
    expect(text.code).toBe(1);
    const lines = text.stdout.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^2 errors, 0 warnings in 3 records/);
    expect(lines[0]).toMatch(/^error\s+\S+TOY\.json {2}states\[1\]\.ocv\.value = 3\.45: expected at least the OCV at 0%/);

    const json = await run("check", "--materials", folder, "--only", "--json");
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.records).toBe(3);
    expect(parsed.errors.map((f: Finding) => f.check).sort()).toEqual(["ocv-order", "ocv-reaction"]);
  });

  it("merges --materials onto the built-in set (without --only): the built-in records are checked too", async () => {
    const { stdout } = await run("check", "--materials", folderWith(), "--json");
    const parsed = JSON.parse(stdout);
    const builtin = fs.readdirSync(builtinMaterialsFolder()).filter((f) => f.endsWith(".json")).length;
    // the toy Li anode replaces the built-in one (same role and id)
    expect(parsed.replaced).toHaveLength(1);
    expect(parsed.records).toBe(builtin + 3 - 1);
  });

  it("reports an unreadable file as a finding", async () => {
    const folder = folderWith();
    fs.writeFileSync(path.join(folder, "broken.json"), "{ not json");
    const { code, stdout } = await run("check", "--materials", folder, "--only");
    expect(code).toBe(1);
    expect(stdout).toMatch(/error\s+\S+broken\.json {2}\(file\) = null: expected a JSON material record; malformed JSON/);
  });
});
