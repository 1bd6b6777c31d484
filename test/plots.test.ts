import { describe, expect, test } from "vitest";
import { bandAlignmentFigure, defectChemistryFigure, experimentFigure, lighten, mapColours, potentialMapFigure, potentialMapGrid } from "../lib/src/plots";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/dataSet";
import { potentialMap } from "../lib/src/potentialMap";
import { linspace, sweepVoltage } from "../lib/src/sweep";
import { PlotlyFigure } from "../lib/src/figure";

const set = readDataSet(builtinMaterialsFolder());
const li = findAnode(set, "Li");
const llzo = findElectrolyte(set, "LLZO");

/** Round every number to 3 decimals (4 significant digits for tiny/huge ones) so snapshots show real changes only. */
function normalise(value: unknown): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value === 0) return value;
    const a = Math.abs(value);
    return a >= 1e4 || a < 1e-3 ? Number(value.toPrecision(4)) : Math.round(value * 1000) / 1000;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, normalise);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

const title = (axis: any) => (typeof axis?.title === "string" ? axis.title : axis?.title?.text) ?? "";

function expectLabelledAxes(fig: PlotlyFigure) {
  for (const [key, axis] of Object.entries(fig.layout ?? {})) {
    // every titled numeric axis names its unit
    if (/^[xy]axis\d*$/.test(key) && (axis as any).type !== "category" && title(axis)) expect(title(axis)).toMatch(/\(|cm|eV|V\b/);
  }
  expect(title(fig.layout?.xaxis)).not.toBe("");
  expect(title(fig.layout?.yaxis)).not.toBe("");
}

describe("potentialMapFigure", () => {
  const fig = potentialMapFigure(potentialMap(li, llzo, findCathodeState(set, "LCO", "0%"), { points: 21 }));
  test("uses the paper's Fig. 3 colours and labels its axes with units", () => {
    const colours = Object.fromEntries(fig.data.map((t) => [t.name, (t.line as any).color]));
    expect(Object.values(colours)).toEqual([mapColours.phi, mapColours.vbm, mapColours.cbm, mapColours.muLi]);
    expectLabelledAxes(fig);
    expect(fig.layout?.shapes?.some((s) => s.fillcolor === mapColours.unstable)).toBe(true);
  });
  test("matches its normalised snapshot", () => {
    expect(normalise(fig)).toMatchSnapshot();
  });
});

describe("potentialMapGrid", () => {
  test("one set of axes per map and a shared legend", () => {
    const maps = ["0%", "100%"].map((soc) => potentialMap(li, llzo, findCathodeState(set, "LCO", soc), { points: 11 }));
    const fig = potentialMapGrid(maps, 2, "test");
    expect(fig.layout).toHaveProperty("xaxis2");
    expect(fig.data.filter((t) => t.showlegend)).toHaveLength(4);
  });
});

describe("bandAlignmentFigure", () => {
  const fig = bandAlignmentFigure(set);
  test("one column per material and state, valence darker than conduction", () => {
    expect((fig.data[0].x as string[]).length).toBe(1 + 4 + 12);
    const valence = (fig.data[0].marker as any).color as string[];
    const conduction = (fig.data[1].marker as any).color as string[];
    const lco = (fig.data[0].x as string[]).indexOf("LCO 0%");
    expect(valence[lco]).toBe("#d62728");
    expect(conduction[lco]).toBe(lighten("#d62728"));
    expectLabelledAxes(fig);
  });
  test("matches its normalised snapshot", () => {
    expect(normalise(fig)).toMatchSnapshot();
  });
});

describe("defectChemistryFigure", () => {
  test("a trace per charge state, carriers and E_F on the right axis", () => {
    const fig = defectChemistryFigure(llzo, sweepVoltage((llzo.fermiLevel as any).system, linspace(0, 3, 7)));
    expect(fig.data.map((t) => t.name)).toEqual(["V_Li(0)", "V_Li(-1)", "Li_i(0)", "Li_i(+1)", "electrons", "holes", "Fermi level (right axis)"]);
    expect(fig.data.at(-1)!.yaxis).toBe("y2");
    expect((fig.layout as any).yaxis.type).toBe("log");
    expect(fig.data.every((t) => (t.y as number[]).every((y) => Number.isFinite(y) && y > 0))).toBe(true);
  });
});

describe("experimentFigure", () => {
  test("orders the resistance categories from very low to very high", () => {
    const fig = experimentFigure([{ label: "LCO/LPO", absDphi: 0.07, category: "very low", soc: "0%" }]);
    expect((fig.layout as any).xaxis.categoryarray).toEqual(["very low", "low", "medium", "high", "very high"]);
  });
});

describe("lighten", () => {
  test("mixes towards white", () => {
    expect(lighten("#000000", 0.5)).toBe("#808080");
    expect(lighten("#ffffff")).toBe("#ffffff");
  });
});
