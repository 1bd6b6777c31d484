import { beforeAll, describe, expect, test } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { barrierLessInterfaces, compareTable, lowBarrierPairs, summarisePairs } from "../lib/src/calibration/reproduction";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findElectrolyte, orderedCathodeStates } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { main } from "../lib/src/cli/main";

const published = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../data/published.json"), "utf8"));
const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const table = compareTable(set, published);

describe("dphiAnode (eq. 6) against the paper", () => {
  test.each(Object.entries(published.dphiAnode.values as Record<string, number>))("Li/%s within 0.01 V of %f", (id, value) => {
    const map = potentialMap(li, findElectrolyte(set, id), orderedCathodeStates(set)[0]);
    expect(Math.abs(map.dphiAnode - value)).toBeLessThan(0.01);
  });
});

describe("compareTable (Table 1, eq. 7)", () => {
  test("the data set has the paper's 48 configurations", () => {
    expect(table).toHaveLength(48);
    expect(table.filter((r) => r.status !== "predicted")).toHaveLength(43);
  });

  test.each(table.filter((r) => r.status === "calibrated").map((r) => [`${r.cathode} ${r.soc}/${r.electrolyte}`, r] as const))(
    "%s within 0.03 V of the printed value",
    (_, row) => {
      expect(Math.abs(row.difference!)).toBeLessThanOrEqual(0.03);
    },
  );

  test("the entry the paper contradicts (LMO +/LLZO, printed -2.62) comes out near -1.74 V", () => {
    const row = table.find((r) => r.cathode === "LMO" && r.soc === "+" && r.electrolyte === "LLZO")!;
    expect(row.status).toBe("inconsistent");
    expect(row.dphiCathode).toBeCloseTo(-1.74, 1);
  });

  test("unprinted configurations are predictions: LNO 100%/LPS near the +0.11 V the table's structure implies", () => {
    const predicted = table.filter((r) => r.status === "predicted").map((r) => `${r.cathode} ${r.soc}/${r.electrolyte}`);
    expect(predicted.sort()).toEqual(["LNMO +/LLZO", "LNMO +/LPO", "LNMO +/LPS", "LNMO +/LiPON", "LNO 100%/LPS"]);
    const lnoLps = table.find((r) => r.cathode === "LNO" && r.soc === "100%" && r.electrolyte === "LPS")!;
    expect(lnoLps.dphiCathode).toBeCloseTo(0.11, 1);
  });
});

describe("barrier-less and low-barrier lists recomputed from the model", () => {
  const model = summarisePairs(table.map((r) => ({ ...r, value: r.dphiCathode })), 0.1);
  const printed = summarisePairs(published.table1.rows.map((r: any) => ({ ...r, value: r.dphiCathode })), 0.1);

  test("barrier-less interfaces: the model's list contains the printed table's", () => {
    const fromModel = barrierLessInterfaces(model);
    for (const entry of barrierLessInterfaces(printed)) expect(fromModel).toContain(entry);
  });

  test("low-barrier pairs at 0% and 100% SOC match the paper's list", () => {
    const atPrinted = summarisePairs(table.map((r) => ({ ...r, value: r.dphiCathode })), 0.1, ["0%", "100%"]);
    const paper = published.lowBarrier.pairs.map((p: any) => `${p.cathode}/${p.electrolyte}`).sort();
    expect(lowBarrierPairs(atPrinted, published.lowBarrier.threshold)).toEqual(paper);
  });
});

describe("band alignment claims of section 3.2 (predictions)", () => {
  const at = (id: string) => potentialMap(li, findElectrolyte(set, id), orderedCathodeStates(set)[0]).stability;
  test("LPS is reduced by Li once band bending is included", () => expect(at("LPS").reducedByAnode).toBe(true));
  test("LiPON, LPO and LLZO are not", () => {
    for (const id of ["LiPON", "LPO", "LLZO"]) expect(at(id).reducedByAnode).toBe(false);
  });
});

describe("potmap table --json", () => {
  let rows: any[] = [];
  beforeAll(async () => {
    let out = "";
    await main(["table", "--json"], (t) => (out += t), () => {});
    rows = JSON.parse(out);
  });
  test("returns the 48 configurations in the cli.md format", () => {
    expect(rows).toHaveLength(48);
    const electrolytes = new Set(rows.map((r) => r.electrolyte));
    expect([...electrolytes]).toEqual(["LiPON", "LPO", "LLZO", "LPS"]);
    expect(new Set(rows.map((r) => `${r.cathode} ${r.soc}`)).size).toBe(12);
  });
});
