// Numbers quoted in the prose of notebooks 07a-07d, 08 and 10 that no cell prints: each is
// recomputed with the library and compared with the text of the notebook JSON, so a data change
// that makes a sentence false fails here.
import { describe, expect, test } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { stackMap } from "../lib/src/cell/stack";
import { temperatureSweep } from "../lib/src/whatif/temperature";
import { scissorRows, withScissorShift } from "../lib/src/course/whatIf";
import { interlayerRows } from "../lib/src/course/stacks";
import { boltzmann, thermalEnergy } from "../lib/src/core/constants";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const lco0 = findCathodeState(set, "LCO", "0%");
const prose = (name: string) => {
  const nb = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../notebooks", `${name}.ipynb`), "utf8")) as { cells: { cell_type: string; source: string[] }[] };
  return nb.cells.filter((c) => c.cell_type === "markdown").map((c) => c.source.join("")).join("\n");
};

describe("07b: the hypothetical LXO against LCO 100 %", () => {
  test("its OCV exceeds LXO's window top while the band-alignment flag is false, as the prose says", async () => {
    const { readMaterial } = await import("../lib/src/io/readMaterials");
    const lxo = readMaterial(path.resolve(__dirname, "../data/models/LXO-hypothetical.json")) as import("../lib/src/cell/materials").Electrolyte;
    const m = potentialMap(li, lxo, findCathodeState(set, "LCO", "100%"), { withoutProfile: true });
    expect(m.ocv).toBeGreaterThan(lxo.window.upper);
    expect(m.stability.oxidizedByCathode).toBe(false);
    expect(prose("07b-what-if-band-edges")).toContain("(LCO 100 % is such a case although its flag is false)");
  });
});

describe("07a: temperature", () => {
  test("LLZO's jumps move by about (k/2) ln 28 = 0.14 mV/K (1:28 site ratio: V_Li on all 28 Li sites per cell)", () => {
    const llzo = findElectrolyte(set, "LLZO").fermiLevel as any;
    const sites = Object.fromEntries(llzo.system.defects.map((d: any) => [d.name, d.sites]));
    const ratio = Math.round(sites.V_Li / sites.Li_i);
    expect(ratio).toBe(28);
    expect(prose("07a-what-if-defects-and-temperature")).toContain(`$\\tfrac{k}{2}\\ln ${ratio} \\approx ${((boltzmann / 2) * Math.log(ratio) * 1000).toFixed(2)}$ mV/K`);
    expect(prose("00a-concepts")).toContain(`$\\tfrac{kT}{2}\\ln ${ratio}$ for LLZO's ${ratio} vacancy sites`);
    const rows = temperatureSweep(li, findElectrolyte(set, "LLZO"), lco0, [250, 600]);
    const perKelvin = (rows[1].dphiCathode - rows[0].dphiCathode) / 350;
    expect(perKelvin * 1000).toBeCloseTo((boltzmann / 2) * Math.log(28) * 1000, 2);
    expect(perKelvin * 1000).toBeCloseTo(0.14, 2);
  });

  test("LiPON's cathode-side E_F moves by (k dT/2) ln 2, about 10 mV over 350 K", () => {
    expect(prose("07a-what-if-defects-and-temperature")).toContain("about 10 mV over these 350 K");
    const rows = temperatureSweep(li, findElectrolyte(set, "LiPON"), lco0, [250, 600]);
    const mV = Math.abs(rows[1].dphiCathode - rows[0].dphiCathode) * 1000;
    expect(Math.abs(mV - 10)).toBeLessThan(1); // "about 10 mV"
    expect(Math.abs(mV - ((thermalEnergy(600) - thermalEnergy(250)) / 2) * Math.log(2) * 1000)).toBeLessThan(0.2); // the closed form
  });
});

describe("07b: band edges", () => {
  const text = prose("07b-what-if-band-edges");
  test("a +1 eV scissor leaves LPS's CBM below the Li E_F (a band-alignment flag, not stability); 2-4 eV rows equal (Frenkel takes over); LLZO -0.5 eV within 1 eV", () => {
    expect(text).toContain("a +1 eV scissor leaves LPS's CBM below the Li Fermi level at the\ncontact (band alignment;");
    expect(text).not.toMatch(/oxidised by cathode`|"reduced by Li"/);
    expect(text).toContain("the rows for 2-4 eV are equal");
    const lps = scissorRows(li, findElectrolyte(set, "LPS"), lco0, [1, 2, 3, 4]);
    expect(lps[0].reducedByAnode).toBe(true);
    for (const r of lps.slice(2)) expect(r.dphiCathode as number).toBeCloseTo(lps[1].dphiCathode as number, 6);
    expect(findElectrolyte(set, "LPS").window.lower).toBeGreaterThan(0); // reduced by Li thermodynamically, as the prose says
    const m = potentialMap(li, withScissorShift(findElectrolyte(set, "LLZO"), -0.5), lco0, { withoutProfile: true });
    expect(text).toContain("would put its CBM within 1 eV of the Li Fermi level (leakage flag true)");
    expect(m.stability.electronLeakageRisk).toBe(true);
    expect(m.stability.cbmAboveAnodeFermi).toBeGreaterThan(0);
  });
});

describe("07c: dopants", () => {
  test("a 1.5 % change of [Ta] moves E_F by kT ln 1.015, about 0.4 meV", () => {
    expect(prose("07c-what-if-doping-and-quench")).toContain("$kT\\ln 1.015 \\approx 0.4$ meV");
    expect(thermalEnergy(300) * Math.log(1.015) * 1000).toBeCloseTo(0.4, 1);
  });
});

describe("07c/07d: Ta-LLZO and the dilute limit (issue 22, item 3)", () => {
  test("at x = 0.6 the compensating vacancies fill 8 % of LLZO's Li sites (78 % on 3 sites per cell), below the 10 % guard (07c, 07d)", async () => {
    const { dopantRows } = await import("../lib/src/course/whatIf");
    const { cubicAngstrom } = await import("../lib/src/core/constants");
    const { diluteLimit } = await import("../lib/src/defects/guards");
    const llzo = findElectrolyte(set, "LLZO");
    const nTa = (8 * 0.6) / (12.94 ** 3 * cubicAngstrom);
    const rows = dopantRows(li, llzo, [lco0], [{ name: "Ta_Zr", charge: 1, concentration: nTa }]);
    const frac = rows[1].vacancySiteFraction as number;
    expect(rows[1].diluteVerdict).toBe(frac > diluteLimit ? "dilute limit invalid" : "dilute");
    const t07c = prose("07c-what-if-doping-and-quench");
    const [m, e] = nTa.toExponential(1).split("e+");
    expect(t07c).toContain(`($[\\mathrm{Ta}] = ${m}\\times10^{${e}}$ cm⁻³) the compensating vacancies\noccupy ${(100 * frac).toFixed(0)} % of LLZO's Li sites`);
    const sites = (llzo.fermiLevel as any).system.defects.find((d: any) => d.name === "V_Li").sites;
    const [sm, se] = sites.toExponential(2).split("e+");
    expect(t07c).toContain(`all 28 Li sites of the cell, $${sm}\\times10^{${se}}$ cm⁻³`);
    expect(t07c).toContain(`under the ${(100 * diluteLimit).toFixed(0)} % at\nwhich the guards declare the dilute limit invalid`);
    // on the SC-FERMI input's 3 V_Li sites per cell (2.84e21 cm^-3), the same vacancies: the fraction scales with the site ratio
    expect(t07c).toContain(`would fill ${(100 * frac * sites / 2.84e21).toFixed(0)} % of them`);
    expect(t07c).toContain(`(${(100 * frac).toFixed(0)} % of LLZO's Li sites at x = 0.6)`);
    expect(prose("07d-what-if-uncertainty-and-screening")).toContain(`vacancies fill ${(100 * frac).toFixed(0)} % of LLZO's Li sites (lesson 07c), near the ${(100 * diluteLimit).toFixed(0)} %`);
  });
});

describe("08: targets and interlayers", () => {
  const text = prose("08-space-charge-and-stacks");
  test("08's LLZO is 02's (spaceChargeFromRecord at 0 V): 1.4e13 cm^-3, 26 A saturated, 1.6 um screening; Swift, Swift & Qi's lambda and x* are below a lattice constant (issue 22, item 11)", async () => {
    const { loadSpaceChargeData } = await import("../lib/src/io/spaceChargeData");
    const { solveSpaceCharge } = await import("../lib/src/spaceCharge/spaceCharge");
    const { spaceChargeFromRecord } = await import("../lib/src/spaceCharge/fromRecord");
    const sw = loadSpaceChargeData(path.resolve(__dirname, "../data/space-charge.json"));
    const params = sw.materials.find((m: any) => m.name === "LLZO");
    const target = sw.targets.find((t: any) => t.name === "LiPON").phiTarget;
    const theirs = solveSpaceCharge(params, { phiTarget: target, points: 200 });
    expect(text).toContain(`$\\lambda$ = ${theirs.debyeLength.toFixed(2)} Å and $x^*$ = ${theirs.exact.xstar.toFixed(1)} Å`);
    expect(theirs.exact.xstar).toBeLessThan(12.94); // the garnet's lattice constant (07c)
    const record = spaceChargeFromRecord(li, findElectrolyte(set, "LLZO"), { voltage: 0 });
    const ours = solveSpaceCharge(record.params, { points: 200 });
    const sci = (x: number) => { const [m, e] = x.toExponential(1).split("e+"); return `${m}\\times10^{${e}}`; };
    expect(record.params.phi0).toBeCloseTo(params.phi0, 2);
    expect(text).toContain(`(${record.params.phi0.toFixed(2)} V in both`);
    expect(text).toContain(`holds $${sci(ours.bulkConcentration)}$ cm⁻³ of each Frenkel defect at 0 V, against $${sci(theirs.bulkConcentration)}$`);
    expect(text).toContain(`saturated over ${ours.approximate.x1.toFixed(0)} Å and its linear screening length is ${(ours.screeningLength / 1e4).toFixed(1)} µm, where theirs is ${theirs.screeningLength.toFixed(1)} Å`);
  });

  test("Li/LiPON's dphi_a is 0.28 V, not the 1.24 V target", () => {
    expect(text).toContain("here Li/LiPON's $\\Delta\\phi_a$ is 0.28 V");
    expect(potentialMap(li, findElectrolyte(set, "LiPON"), lco0, { withoutProfile: true }).dphiAnode).toBeCloseTo(0.28, 6);
  });

  test("the interlayer takes the LCO state whose hull step holds the cathode's voltage (100% against all four); the barrier is not reduced for LNO 0%", () => {
    // notebook 08's prose must say so (it said LCO 0% against the 0% cathodes, from the eq. 3 averages)
    expect(text).toContain("The interlayer takes LCO 100 % against all four cathodes");
    const cathodes = ["LNO", "LNCO"].flatMap((c) => ["0%", "100%"].map((soc) => findCathodeState(set, c, soc)));
    const rows = interlayerRows(li, findElectrolyte(set, "LPS"), lco0, cathodes, set.cathodes);
    // LNO 0% (3.93 V) and LNCO 0% (3.84 V) lie between LCO's steps 3.42 and 4.11 V: the x = 0.5 phase, LCO 100%;
    // LNO 100% and LNCO 100% lie above 4.11 V, where CoO2 (no named state) is stable: LCO 100% kept, flagged
    expect(rows.map((r) => String(r["interlayerState[LCO]"]).split(" ")[0])).toEqual(["100%", "100%", "100%", "100%"]);
    expect(rows.map((r) => String(r["interlayerState[LCO]"]).includes("outside"))).toEqual([false, true, false, true]);
    expect(rows[0].barrierReduced).toBe(false);
    expect(text).toContain("here it does not fall for LNO 0 %");
    // the numbers of the "Reading the table" paragraph, LNO 0 % row
    const f2 = (x: number) => x.toFixed(2);
    const r0 = rows[0] as Record<string, number>;
    expect(text).toContain(`against LNO 0 % it grows from ${f2(r0["dphi[LPS/cathode, bare]"])} V (bare) to ${f2(r0["dphi[LPS/LCO]"])} V`);
    expect(text).toContain(`(+${f2(r0["dphi[LCO/cathode]"])} V against LNO 0 %)`);
    expect(text).toContain(`(${f2(r0.largestWithInterlayer)} V against ${f2(Math.abs(r0["dphi[LPS/cathode, bare]"]))} V)`);
    expect(text).toContain(`LCO 0 %/LPS's small\nvalue (${f2(potentialMap(li, findElectrolyte(set, "LPS"), lco0, { withoutProfile: true }).dphiCathode)} V)`);
    expect(text).toContain(`LNO 0 % (${f2(rows[0].ocv as number)} V) and LNCO 0 % (${f2(rows[2].ocv as number)} V)`);
  });
});

describe("10: solutions", () => {
  test("LCO takes its 100% state at LNO 0%'s voltage (3.93 V, between LCO's hull steps 3.42 and 4.11 V)", () => {
    // notebook 10's prose must say so (it said "At 3.93 V LCO takes its 0 % state")
    expect(prose("10-solutions")).toContain("At 3.93 V LCO takes its 100 % state");
    const lno0 = findCathodeState(set, "LNO", "0%");
    expect(lno0.ocv).toBeCloseTo(3.93, 2);
    const s = stackMap(li, [findElectrolyte(set, "LPS"), lco0], lno0, { cathodes: set.cathodes });
    expect(s.interlayers[0].taken).toBe("100%");
  });
});
