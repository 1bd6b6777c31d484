// Notebooks 04-06: the course helpers (lib/src/course/interfaces.ts, experiments.ts) against
// independent computations, and every number the notebooks' prose quotes recomputed and found
// in the notebook's Markdown, so that a change of the data set that moves a quoted number fails here.
import { describe, expect, test } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { claimsLedger } from "../lib/src/calibration/claims";
import { findExercise } from "../lib/src/course/exercises";
import { cathodeVoltages, fittedTableColumns, greyWidths, lithiumSideRows, table1Entries, table1Summary, table1Wide } from "../lib/src/course/interfaces";
import { observationPoints, rankCorrelation, resistanceObservations } from "../lib/src/course/experiments";
import { experimentCategoryMeans } from "../lib/src/figures/experiment";

const root = path.resolve(__dirname, "..");
const folder = builtinMaterialsFolder();
const set = readDataSet(folder);
const published = JSON.parse(fs.readFileSync(path.join(root, "data", "published.json"), "utf8"));
const li = findAnode(set, "Li");
const map = (e: string, c: string, soc: string) => potentialMap(li, findElectrolyte(set, e), findCathodeState(set, c, soc), { withoutProfile: true });

/** All Markdown of a notebook, with the typographic minus read as "-". */
function markdown(name: string): string {
  const nb = JSON.parse(fs.readFileSync(path.join(root, "notebooks", `${name}.ipynb`), "utf8"));
  return nb.cells.filter((c: any) => c.cell_type === "markdown").map((c: any) => c.source.join("")).join("\n").replace(/−/g, "-");
}
const nb04 = markdown("04-lithium-interfaces");
const nb05 = markdown("05-cathode-interfaces");
const nb06 = markdown("06-experimental-comparison");
const f2 = (x: number) => x.toFixed(2);
const signed = (x: number) => (x >= 0 ? "+" : "") + f2(x);

describe("course helpers", () => {
  test("lithiumSideRows splits CBM - E_F(Li) into the grey drop and the electrolyte's own CBM - E_F (eq. 4)", () => {
    const rows = lithiumSideRows(set);
    expect(rows.map((r) => r.electrolyte)).toEqual(["LiPON", "LPO", "LLZO", "LPS"]);
    for (const r of rows) {
      expect(r.cbmAboveLiFermi).toBeCloseTo(-r.greyAnode + r.cbmAboveOwnFermi, 10);
      expect(r.stableAgainstLi).toBe(r.windowLower <= 0);
    }
    const lps = rows.find((r) => r.electrolyte === "LPS")!;
    expect(lps.electronTransfer).toBe(true);
    expect(lps.cbmAboveOwnFermi).toBeGreaterThan(0); // insulating: E_F below its CBM
    expect(lps.greyAnode).toBe(1.74);
    expect(rows.filter((r) => r.stableAgainstLi).map((r) => r.electrolyte)).toEqual(["LLZO"]);
  });

  test("table1Wide and table1Entries agree with potentialMap, and the roles follow the fitted columns", () => {
    const wide = table1Wide(set);
    expect(wide).toHaveLength(12);
    expect(wide[0]["dphiCathode[LLZO]"]).toBeCloseTo(map("LLZO", "LCO", "0%").dphiCathode, 12);
    const entries = table1Entries(set, published);
    expect(entries.filter((e) => e.role === "predicted, printed").every((e) => e.electrolyte === "LPO")).toBe(true);
    expect(entries.filter((e) => e.role === "fitted").every((e) => fittedTableColumns.includes(e.electrolyte))).toBe(true);
    // the records say which columns the IPs were fitted to
    const lco = JSON.parse(fs.readFileSync(path.join(folder, "LCO.json"), "utf8"));
    expect(lco.states[0].ionizationPotential.calibrated).toContain("LiPON, LLZO and LPS columns");
    const summary = table1Summary(entries);
    expect(summary.map((s) => s.entries)).toEqual([31, 11, 5, 1]);
  });

  test("cathodeVoltages recomputes the data set's OCVs (eq. 3) and never lets one fall with delithiation", () => {
    const rows = cathodeVoltages(folder);
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(r.ocv).toBeCloseTo(findCathodeState(set, r.cathode, r.soc).ocv, 3);
    for (const c of ["LCO", "LNO", "LNCO", "LMO", "LNMO"]) {
      const v = rows.filter((r) => r.cathode === c).map((r) => r.ocv);
      for (let i = 1; i < v.length; i++) expect(v[i]).toBeGreaterThanOrEqual(v[i - 1] - 1e-9);
    }
    const lco0 = rows.find((r) => r.cathode === "LCO" && r.soc === "0%")!;
    expect(lco0.segment).toBe("LiCoO2 → LiCo2O4"); // the intermediate as the MP2020 file writes it
    expect(lco0.localOcv).toBeLessThan(lco0.ocv);
  });

  test("observations read from published.json are the documented reading of Table 1's right column", () => {
    // the hand reading the course used before it read data/published.json (cathode, electrolyte, category, SOC, refs)
    const expected = [
      ["LCO", "LiPON", "high", "NA", "[14]"], ["LCO", "LPO", "very low", "100%", "[20], [66]"], ["LCO", "LPO", "very low", "0%", "[21]"],
      ["LCO", "LLZO", "high", "NA", "[13]"], ["LCO", "LPS", "high", "NA", "[67]"], ["LCO", "LPS", "medium", "0%", "[68]"], ["LCO", "LPS", "low", "0%", "[69]"],
      ["LNO", "LPS", "high", "0%", "[69]"], ["LNCO", "LPS", "high", "0%", "[69], [59]"], ["LMO", "LiPON", "very high", "0%", "[25]"],
      ["LMO", "LiPON", "high", "NA", "[24]"], ["LMO", "LLZO", "medium", "NA", "[70]"], ["LMO", "LLZO", "low", "0%", "[37]"], ["LMO", "LLZO", "low", "100%", "[37]"],
      ["LNMO", "LiPON", "very high", "100%", "[22]"], ["LNMO", "LiPON", "medium", "0%", "[21]"], ["LNMO", "LPO", "very low", "0%", "[38]"],
      ["LNMO", "LPO", "very low", "100%", "[38]"], ["LNMO", "LLZO", "low", "0%", "[37]"], ["LNMO", "LLZO", "low", "100%", "[37]"],
    ];
    const read = resistanceObservations(published);
    expect(read.map((o) => [o.cathode, o.electrolyte, o.category, o.soc, o.ref])).toEqual(expected);
    expect(read.find((o) => o.cathode === "LNO")?.note).toBe("Considered high, reduced by an LCO interlayer");
    expect(read.find((o) => o.cathode === "LMO" && o.soc === "0%" && o.electrolyte === "LLZO")?.note).toBe("low-medium");
    // a row with no state of charge is refused by name, not read as a guess
    const bad = { experiments: { rows: [{ cathode: "X", electrolyte: "Y", observation: "High [1]" }] } };
    expect(() => resistanceObservations(bad)).toThrow(/X\/Y.*no state of charge/);
  });

  test("observations: every pair is in the paper's experiment rows; SOC NA gives two points", () => {
    const printed = new Set(published.experiments.rows.map((r: any) => `${r.cathode}/${r.electrolyte}`));
    const observations = resistanceObservations(published);
    for (const o of observations) expect(printed.has(`${o.cathode}/${o.electrolyte}`)).toBe(true);
    const points = observationPoints(set, observations);
    expect(points).toHaveLength(observations.length + observations.filter((o) => o.soc === "NA").length);
  });

  test("rankCorrelation: +1 when |dphi| follows the categories exactly (ties alike), with a small p-value; deterministic", () => {
    const cats = ["very low", "low", "medium", "high", "very high"] as const;
    const ordered = cats.flatMap((category, i) => [0, 1].map(() => ({ category, absDphi: i }) as any));
    const r = rankCorrelation(ordered, { permutations: 2000 });
    expect(r.rho).toBeCloseTo(1, 10);
    expect(r.pValue).toBeLessThan(0.01);
    const points = observationPoints(set, resistanceObservations(published));
    expect(rankCorrelation(points).pValue).toBe(rankCorrelation(points).pValue);
  });
});

describe("numbers quoted in the notebooks' prose", () => {
  test("04: the Li side and Fig. 3", () => {
    const rows = Object.fromEntries(lithiumSideRows(set).map((r) => [r.electrolyte, r]));
    expect(nb04).toContain(`lie ${f2(rows.LiPON.cbmAboveLiFermi)} and ${f2(rows.LPO.cbmAboveLiFermi)} eV above the Li Fermi level`);
    expect(nb04).toContain(`ours is **${f2(rows.LLZO.cbmAboveLiFermi)} eV**`);
    expect(nb04).toContain(`(ours ${f2(rows.LLZO.cbmAboveLiFermi)} eV; a smaller gap`);
    expect(nb04).toContain(`ours is **${f2(rows.LiPON.cbmAboveLiFermi)} eV**`);
    expect(nb04).toContain(`${f2(-rows.LPS.cbmAboveLiFermi)} eV *below*`);
    expect(nb04).toContain(`${f2(rows.LPS.cbmAboveOwnFermi)} eV (3 kT at 300 K`);
    expect(nb04).toContain(`a gap ${f2(rows.LLZO.cbmAboveLiFermi - published.bandAlignmentClaims.values.LLZO.cbmAboveLiFermiBelow)} eV smaller would meet`);
    expect(nb04).toContain(`${f2(rows.LiPON.fermiLevel)} eV above the VBM at 0.68 V, only ${f2(rows.LiPON.cbmAboveOwnFermi)} eV below`);
    expect(nb04).toContain(`(${f2(findElectrolyte(set, "LLZO").bandGap)} eV)`);
    expect(nb04).toContain(`already negative at 0 % (${f2(map("LPS", "LCO", "0%").dphiCathode)} V) and more negative at 100 % (${f2(map("LPS", "LCO", "100%").dphiCathode)} V)`);
    const ledger = claimsLedger(set, published);
    expect(nb04).toContain(`≈${(ledger.find((c) => c.id === "lpo-switch-near-3v")!.value as number).toFixed(1)} V`);
    for (const [e, v] of Object.entries(published.dphiAnode.values as Record<string, number>)) expect(map(e, "LCO", "0%").dphiAnode).toBeCloseTo(v, 3);
    expect(nb04).toContain(findExercise("04-dphia-lipon").prompt);
  });

  test("05: OCVs, Table 1 by role, Fig. 5", () => {
    const v = cathodeVoltages(folder);
    const at = (c: string, soc: string) => v.find((r) => r.cathode === c && r.soc === soc)!;
    expect(nb05).toContain(`LCO 0 % averages ${f2(at("LCO", "0%").ocv)} V`);
    expect(nb05).toContain(`its local OCV is\n  ${f2(at("LCO", "0%").localOcv)} V`);
    expect(nb05).toContain(`${f2(at("LMO", "0%").ocv)} V and ${f2(at("LNMO", "0%").ocv)} V at all three states`);
    // LMO against spinel lambda-MnO2: its half-lithiated state sits on the one hull step; LNMO's phase lies above it
    expect(at("LMO", "100%").aboveHull).toBe(0);
    expect(nb05).toContain(`LMO 100 % sits on that one step, ${at("LMO", "100%").aboveHull.toFixed(0)} meV above the hull`);
    expect(nb05).toContain(`half-lithiated phase ${at("LNMO", "100%").aboveHull.toFixed(0)} meV per formula unit above the\n  hull`);
    expect(nb05).toContain(`LMO's (${f2(at("LMO", "0%").ocv)} V, against spinel λ-MnO₂) and LNMO's (${f2(at("LNMO", "0%").ocv)} V) are flat`);
    const grey = ["0%", "100%", "+"].map((s) => greyWidths(map("LLZO", "LNMO", s)).cathode);
    expect(new Set(grey.map(f2)).size).toBe(1);
    expect(nb05).toContain(`same ${f2(grey[0])} V at every state`);
    expect(nb05).toContain(`LNMO's widest (${f2(grey[0])} V)`);
    const spreads = ["LiPON", "LPO", "LLZO", "LPS"].map((e) => {
      const col = table1Wide(set).map((r) => r[`dphiCathode[${e}]`] as number);
      return Math.max(...col) - Math.min(...col);
    });
    expect(nb05).toContain(`spread over ${Math.min(...spreads).toFixed(2)}–${Math.max(...spreads).toFixed(2)} V`);
    const s = Object.fromEntries(table1Summary(table1Entries(set, published)).map((x) => [x.role, x]));
    expect(nb05).toContain(`fitted entries agree to ${f2(s.fitted.rms!)} V rms (largest ${f2(s.fitted.largest!)} V)`);
    expect(nb05).toContain(`agrees to ${f2(s["predicted, printed"].rms!)} V rms (largest ${f2(s["predicted, printed"].largest!)} V)`);
    expect(nb05).toContain(`the LPO column is a genuine prediction (${f2(s["predicted, printed"].rms!)} V rms)`);
    expect(nb05).toContain(`LPS columns are fitted (${f2(s.fitted.rms!)} V rms)`);
    expect(nb05).toContain(`near ${f2(map("LLZO", "LMO", "+").dphiCathode)} V`);
    const llzo = (c: string, soc: string) => map("LLZO", c, soc).dphiCathode;
    expect(nb05).toContain(`almost barrier-less (${f2(llzo("LNO", "0%"))} V)`);
    expect(nb05).toContain(`(${signed(llzo("LNCO", "0%"))}, ${signed(llzo("LNCO", "100%"))} V)`);
    expect(nb05).toContain(`(${f2(llzo("LMO", "0%"))}, ${f2(llzo("LMO", "100%"))} V)`);
    expect(nb05).toContain(`${f2(llzo("LNMO", "0%"))} V at 0 % and ${signed(llzo("LNMO", "100%"))} V at 100 %`);
    expect(nb05).toContain(`LCO goes from ${signed(llzo("LCO", "0%"))} V\n  to ${f2(llzo("LCO", "100%"))} V`);
    expect(nb05).toContain(findExercise("05-grey-lnmo").prompt);
    expect(nb05).toContain(findExercise("05-dphic-llzo-lco").prompt);
  });

  test("06: category means, rank correlation, the pairs named", () => {
    const points = observationPoints(set, resistanceObservations(published));
    const means = experimentCategoryMeans(points).means.map((c) => c.mean);
    expect(nb06).toContain(`between\n${f2(Math.min(...means))} and ${f2(Math.max(...means))} V in every category`);
    const all = rankCorrelation(points);
    const stated = rankCorrelation(points.filter((p) => p.socStated));
    expect(nb06).toContain(`$\\rho$ = ${f2(all.rho)} over all points, ${f2(stated.rho)} over the points`);
    expect(nb06).toContain(`about ${(all.pValue * 100).toFixed(0)} % of the time`);
    expect(all.pValue).toBeGreaterThan(0.1); // no evidence of a correlation: what the prose says
    const sorted = [...points].sort((a, b) => a.absDphi - b.absDphi);
    expect(`${sorted[0].cathode} ${sorted[0].soc}/${sorted[0].electrolyte}`).toBe("LNMO 100%/LPO");
    expect(`${sorted[1].cathode} ${sorted[1].soc}/${sorted[1].electrolyte}`).toBe("LCO 0%/LPO");
    expect(`${sorted[2].cathode} ${sorted[2].soc}/${sorted[2].electrolyte}`).toBe("LNMO 0%/LiPON");
    expect(nb06).toContain(`LNMO 100 %/LPO (${f2(sorted[0].absDphi)} V) and LCO 0 %/LPO (${f2(sorted[1].absDphi)} V)`);
    expect(nb06).toContain(`LNMO 0 %/LiPON (${f2(sorted[2].absDphi)} V)`);
    const abs = (e: string, c: string, soc: string) => f2(Math.abs(map(e, c, soc).dphiCathode));
    expect(nb06).toContain(`${abs("LiPON", "LNMO", "100%")} V at 100 % against ${abs("LiPON", "LNMO", "0%")} V at 0 %`);
    expect(nb06).toContain(`carry ${abs("LiPON", "LCO", "0%")} V (0 %)\nand ${abs("LLZO", "LCO", "100%")} V (100 %)`);
    expect(nb06).toContain(`predicted at ${abs("LPO", "LCO", "100%")} V and ${abs("LPO", "LNMO", "0%")} V`);
    expect(nb06).toContain(`at ${abs("LLZO", "LMO", "0%")}–${abs("LLZO", "LMO", "100%")} V`);
    expect(nb06).toContain(`from ${signed(map("LiPON", "LCO", "0%").dphiCathode)} V at 0 % to ${f2(map("LiPON", "LCO", "100%").dphiCathode)} V at 100 %`);
    const interlayer = claimsLedger(set, published).find((c) => c.id === "lco-interlayer")!;
    expect(interlayer.reproduced).toBe(false);
    expect(nb06).toContain(`gets ${f2(interlayer.value as number)} V larger`);
    expect(nb06).toContain(findExercise("06-direction-lnmo-lipon").prompt);
  });

  test("06: the ledger counted by kind, independent tests apart (claims ledger by kind)", () => {
    const ledger = claimsLedger(set, published);
    const count = (k: string) => { const rows = ledger.filter((c) => c.kind === k); return { ok: rows.filter((c) => c.reproduced).length, n: rows.length }; };
    const [t, f, i] = ["test", "fit", "input"].map(count);
    expect(t.n + f.n + i.n).toBe(ledger.length);
    expect(nb06).toContain(`(${i.ok} of ${i.n} reproduced) or follows from a fit (${f.ok} of ${f.n})`);
    expect(nb06).toContain(`of those **${t.ok} of ${t.n}** are reproduced (${ledger.filter((c) => c.reproduced).length} of ${ledger.length} claims in all)`);
    expect(ledger.find((c) => c.id === "experiment-very-low")!.kind).toBe("test");
  });
});

describe("issue 22: the low-barrier cut-off and the very-low rows at their stated SOC", () => {
  test("05: the cut-off is the course's own (0.43 V, just above the paper's 0.42 V), the paper prints LNMO 100%/LLZO at 0.41 V", () => {
    expect(published.lowBarrier.threshold).toBe(0.43);
    const row = (c: string, soc: string, e: string) => published.table1.rows.find((r: any) => r.cathode === c && r.soc === soc && r.electrolyte === e);
    expect(row("LNMO", "100%", "LLZO").dphiCathode).toBeCloseTo(0.41, 9);
    expect(row("LNCO", "0%", "LPO").dphiCathode).toBeCloseTo(0.42, 9);
    expect(nb05).toContain("is **the course's own choice**, set just\nabove the largest value in the paper's list (LNCO 0 %/LPO, 0.42 V). The paper's own LNMO 100 %/LLZO value is 0.41 V.");
  });
  test("06: mixed — at the stated SOC, LCO/LPO 100% and LNMO/LPO 0% are above the cut-off, the other two very-low rows below", () => {
    const cut = published.lowBarrier.threshold;
    const rows = observationPoints(set, resistanceObservations(published)).filter((p) => p.category === "very low");
    const above = rows.filter((p) => p.absDphi >= cut).map((p) => `${p.cathode}/${p.electrolyte} ${p.soc}`).sort();
    expect(above).toEqual(["LCO/LPO 100%", "LNMO/LPO 0%"]);
    expect(rows.length).toBe(4);
    expect(nb06).toContain("The pair-by-pair claims are **mixed**");
    expect(nb06).toContain("**LCO/LPO at 100 %** (measured very low by two groups) and\n  **LNMO/LPO at 0 %**");
    expect(nb06).not.toContain("The pair-by-pair claims hold");
  });
});

describe("issue 22: space-charge wording, the paper's inconsistency on LLZO, the hand value of 00a", () => {
  const nb00a = markdown("00a-concepts");
  test("one carrier accumulates while the other depletes, the counter-charge is in the electrode, accumulation can lower the resistance (00a, 04, 06)", () => {
    for (const t of [nb00a, nb04, nb06]) {
      expect(t).toMatch(/accumulates while the \**other\** depletes/);
      expect(t).toMatch(/counter-charge\s+sits/);
      expect(t).toMatch(/\*lower\*/);
      expect(t).not.toContain("accumulate on one side");
    }
  });
  test("04: the paper's two sentences on LLZO's CBM contradict, and the ledger's two rows show it", () => {
    const ledger = claimsLedger(set, published);
    const row = (id: string) => ledger.find((c) => c.id === id)!;
    expect(row("oxides-not-reduced").reproduced).toBe(true);
    expect(row("llzo-cbm-near-li").reproduced).toBe(false);
    expect(nb04).toContain("**The paper is itself inconsistent here.**");
    expect(["LiPON", "LPO"].every((id) => findElectrolyte(set, id).window.lower > 0)).toBe(true); // "Li *does* reduce LiPON and LPO"
  });
  test("00a: the +1.62 V match is by construction (IP calibrated), with Squires' HSE06 energies", () => {
    expect(published.dphiAnode.values.LLZO).toBeCloseTo(1.62, 9);
    expect(map("LLZO", "LCO", "0%").dphiAnode).toBeCloseTo(1.62, 3);
    expect(nb00a).toContain("The hand value comes out at the paper's +1.62 V **by construction**");
    expect(nb00a).toContain("Squires *et al.* (HSE06, tetragonal LLZO), not the paper's own");
  });
});
