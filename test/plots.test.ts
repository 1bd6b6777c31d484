import { describe, expect, test } from "vitest";
import { bandAlignmentFigure, defectChemistryFigure, experimentFigure, fermiLevelFigure, lighten, mapColours, mapLineNames, materialColours, potentialMapFigure, potentialMapGrid, stackMapFigure } from "../lib/src/figures/plots";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { linspace, sweepVoltage } from "../lib/src/defects/sweep";
import { stackMap } from "../lib/src/cell/stack";
import { PlotlyFigure, figureToJSON } from "../lib/src/figures/figure";
import { distinguishCoincidentCurves, jumpColour, jumpColours, krogerVink } from "../lib/src/figures/labels";
import { curveSlopes } from "../lib/src/figures/plots";
import { outsideColour } from "../lib/src/figures/palette";
import { experimentCategoryMeans } from "../lib/src/figures/experiment";
import { curveDifference, differenceFigure } from "../lib/src/figures/difference";
import { settledAt, siteSpacing, spaceChargeCurve, spaceChargeFigure } from "../lib/src/figures/spaceChargeFigure";
import { spaceChargeLimitsFigure, spaceChargeProfilesFigure } from "../lib/src/course/stacks";
import { solveSpaceCharge } from "../lib/src/spaceCharge/spaceCharge";

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
    const colours = Object.fromEntries(fig.data.filter((t) => t.mode === "lines").map((t) => [t.name, (t.line as any).color]));
    expect(Object.values(colours)).toEqual([mapColours.phi, mapColours.vbm, mapColours.cbm, mapColours.muLi]);
    expectLabelledAxes(fig);
    expect(fig.layout?.shapes?.some((s) => s.fillcolor === mapColours.unstable)).toBe(true);
  });
  test("matches its normalised snapshot", () => {
    expect(normalise(fig)).toMatchSnapshot();
  });
});

describe("the electrolyte's bands in a map (issue 22)", () => {
  test("no VBM or CBM point strictly inside a grey region; the lines reach the window edges; none without a grey region", () => {
    const lps = findElectrolyte(set, "LPS");
    for (const [e, soc] of [[lps, "100%"], [llzo, "0%"], [findElectrolyte(set, "LiPON"), "0%"]] as const) {
      const map = potentialMap(li, e, findCathodeState(set, "LCO", soc), { points: 41 });
      const fig = potentialMapFigure(map);
      for (const name of [mapLineNames.vbm, mapLineNames.cbm]) {
        const t = fig.data.find((d) => d.name === name)!;
        const xs = t.x as number[];
        const ys = t.y as (number | null)[];
        for (const u of map.unstable) {
          xs.forEach((x, k) => { if (x > u.from + 1e-9 && x < u.to - 1e-9) expect(ys[k], `${e.id} ${name} at ${x}`).toBeNull(); });
          const edge = u.side === "anode" ? u.to : u.from;
          expect(xs.some((x, k) => Math.abs(x - edge) < 1e-12 && ys[k] !== null), `${e.id} ${name} reaches ${edge}`).toBe(true);
        }
        if (map.unstable.length === 0) expect(ys.every((y) => y !== null)).toBe(true);
        // the electrodes' levels stay drawn
        expect(ys[0]).toBe(0);
        expect(ys[ys.length - 1]).not.toBeNull();
      }
    }
    // LPS at LCO 100 %: grey on both sides
    expect(potentialMap(li, lps, findCathodeState(set, "LCO", "100%"), { points: 41 }).unstable.map((u) => u.side).sort()).toEqual(["anode", "cathode"]);
  });
});

describe("potentialMapGrid", () => {
  test("one set of axes per map and a shared legend", () => {
    const maps = ["0%", "100%"].map((soc) => potentialMap(li, llzo, findCathodeState(set, "LCO", soc), { points: 11 }));
    const fig = potentialMapGrid(maps, 2, "test");
    expect(fig.layout).toHaveProperty("xaxis2");
    // the four lines, then the grey region and the two colours of the jump labels
    expect(fig.data.filter((t) => t.showlegend !== false).map((t) => t.name)).toEqual([
      mapLineNames.phi, mapLineNames.vbm, mapLineNames.cbm, mapLineNames.muLi, "grey: μ<sub>Li</sub> outside the window",
      "Δφ > 0 (red label): barrier to discharge (paper's hypothesis)", "Δφ < 0 (blue label): barrier to charge (paper's hypothesis)",
    ]);
  });

  // Fig. 3 layout: 4 electrolytes x 2 states of charge. Everything is checked in pixels.
  const electrolytes = ["LiPON", "LPO", "LLZO", "LPS"].map((id) => findElectrolyte(set, id));
  const maps = ["0%", "100%"].flatMap((soc) => electrolytes.map((e) => potentialMap(li, e, findCathodeState(set, "LCO", soc), { points: 11 })));
  const fig = potentialMapGrid(maps, 4, "Fig. 3", maps.map((m) => `${m.electrolyte} | LCO ${m.soc}`));
  const L = fig.layout as any;
  const plotW = L.width - L.margin.l - L.margin.r;
  const plotH = L.height - L.margin.t - L.margin.b;
  const annotations = L.annotations as any[];
  const panelLabels = annotations.filter((a) => String(a.xref).endsWith(" domain") && a.yanchor === "bottom");

  test("panels do not overlap, and one energy range serves every panel", () => {
    const boxes = maps.map((_, i) => {
      const k = i === 0 ? "" : String(i + 1);
      return { x: L[`xaxis${k}`].domain, y: L[`yaxis${k}`].domain, range: L[`yaxis${k}`].range };
    });
    for (let i = 0; i < boxes.length; i++) {
      expect(boxes[i].range).toEqual(boxes[0].range);
      for (let j = i + 1; j < boxes.length; j++) {
        const apart = boxes[i].x[1] <= boxes[j].x[0] || boxes[j].x[1] <= boxes[i].x[0] || boxes[i].y[1] <= boxes[j].y[0] || boxes[j].y[1] <= boxes[i].y[0];
        expect(apart, `panels ${i} and ${j} overlap`).toBe(true);
      }
    }
    // energy tick labels and the axis title only on the first column
    maps.forEach((_, i) => {
      const y = L[`yaxis${i === 0 ? "" : i + 1}`];
      expect(y.showticklabels).toBe(i % 4 === 0);
      expect(title(y) !== "").toBe(i % 4 === 0);
    });
  });

  test("title above the panel labels, which sit above their panels and clear of the row above", () => {
    expect(panelLabels).toHaveLength(8);
    const topOfPlot = L.margin.t; // px from the top of the figure
    const titleTop = (1 - L.title.y) * L.height;
    expect(L.title.yanchor).toBe("top");
    // title (18 px font) ends before the first row's panel labels start (13 px font, 4 px above the panel)
    expect(titleTop + 18 * 1.3).toBeLessThan(topOfPlot - 4 - 13 * 1.3);
    // gap between rows holds a panel label
    const gapPx = (L.yaxis.domain[0] - L.yaxis5.domain[1]) * plotH;
    expect(gapPx).toBeGreaterThan(4 + 13 * 1.3 + 6);
  });

  test("one shared x caption under the bottom row, no per-column x titles, legend below the caption", () => {
    for (const [k, v] of Object.entries(L)) if (/^xaxis\d*$/.test(k)) expect(title(v)).toBe("");
    const captions = annotations.filter((a) => a.xref === "paper" && a.yref === "paper");
    expect(captions).toHaveLength(1);
    expect(captions[0].text).toMatch(/position/);
    expect(captions[0].yanchor).toBe("top");
    const captionBottomPx = -captions[0].yshift + 13 * 1.4; // below the plotting area
    const legendTopPx = -L.legend.y * plotH;
    expect(L.legend.orientation).toBe("h");
    expect(L.legend.yanchor).toBe("top");
    expect(legendTopPx).toBeGreaterThanOrEqual(captionBottomPx);
    // and the legend (two lines, ~30 px each with the padding) fits in the bottom margin
    expect(legendTopPx + 2 * 30).toBeLessThanOrEqual(L.margin.b);
  });

  test("narrow grids get wide enough for the caption and the legend", () => {
    const two = potentialMapGrid(maps.slice(0, 2), 2, "two");
    expect((two.layout as any).width).toBeGreaterThanOrEqual(900);
  });
});

describe("the paper's colours", () => {
  test("Fig. 2 caption: LiPON purple, LCO red, LNO orange, LNCO magenta, LMO blue, LNMO brown; LPO/LLZO/LPS (all grey in the paper) apart", () => {
    expect(materialColours).toMatchObject({ LiPON: "#800080", LPO: "#4d4d4d", LCO: "#d62728", LNO: "#d55e00", LNCO: "#c51b7d", LMO: "#1f77b4", LNMO: "#8c564b" });
    expect(new Set([materialColours.LPO, materialColours.LLZO, materialColours.LPS]).size).toBe(3);
  });
  test("Fig. 3 text: mu_Li blue, VBM orange, CBM green, e*phi purple; Fig. 4: Fermi level brown", () => {
    const hue = (hex: string) => {
      const n = parseInt(hex.slice(1), 16);
      const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => c / 255);
      const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    expect(hue(mapColours.muLi)).toBeGreaterThan(200); // blue
    expect(hue(mapColours.muLi)).toBeLessThan(250);
    expect(hue(mapColours.vbm)).toBeGreaterThan(20); // orange
    expect(hue(mapColours.vbm)).toBeLessThan(40);
    expect(hue(mapColours.cbm)).toBeGreaterThan(90); // green
    expect(hue(mapColours.cbm)).toBeLessThan(150);
    expect(hue(mapColours.phi)).toBeGreaterThan(270); // purple
    expect(hue(mapColours.phi)).toBeLessThan(310);
    expect(mapColours.fermiLevel).toBe("#8b4513"); // saddle brown
  });
});

describe("bandAlignmentFigure", () => {
  const fig = bandAlignmentFigure(set);
  test("the Li Fermi level is a dotted legend entry, not a label over the bars", () => {
    const line = fig.data.find((t) => String(t.name).includes("Fermi level"))!;
    expect((line.line as any).dash).toBe("dot");
    expect(line.y).toEqual([-li.workFunction, -li.workFunction]);
    // one note, above the plotting area (never over a bar): the bar heights are arbitrary
    const notes = (fig.layout?.annotations ?? []) as any[];
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ yref: "paper", y: 1, yanchor: "bottom" });
    expect(notes[0].text).toMatch(/heights are arbitrary/);
    expect((fig.layout as any).legend.y).toBeLessThan(0);
  });
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
    // 0-3 V reaches past LLZO's 2.91 V upper limit: the legend gains "outside window"
    expect(fig.data.map((t) => t.name)).toEqual([
      "V<sub>Li</sub>ˣ", "V<sub>Li</sub>′", "Li<sub>i</sub>ˣ", "Li<sub>i</sub>•", "electrons", "holes", "Fermi level (right axis)", "CBM (right axis, 5.90 eV above the VBM)", "outside window",
    ]);
    expect(fig.data.find((t) => t.name === "Fermi level (right axis)")!.yaxis).toBe("y2");
    expect((fig.layout as any).yaxis.type).toBe("log");
    const drawn = fig.data.filter((t) => t.name !== "outside window" && !String(t.name).startsWith("CBM"));
    expect(drawn.every((t) => (t.y as number[]).every((y) => Number.isFinite(y) && y > 0))).toBe(true);
  });
});

describe("defectChemistryFigure layout", () => {
  const fig = defectChemistryFigure(llzo, sweepVoltage((llzo.fermiLevel as any).system, linspace(0, 3, 7)), { title: "Fig. 4c" });
  test("the window: dotted black lines at its edges and a black double arrow between them", () => {
    const L = fig.layout as any;
    const lines = L.shapes.filter((s: any) => s.type === "line");
    expect(lines.map((s: any) => s.x0)).toEqual([llzo.window.lower, llzo.window.upper]);
    for (const s of lines) expect(s.line).toMatchObject({ color: "#000", dash: "dot" });
    const arrow = L.annotations.find((a: any) => a.showarrow);
    expect(arrow).toMatchObject({ x: llzo.window.upper, ax: llzo.window.lower, arrowside: "end+start", arrowcolor: "#000" });
  });
  test("E_F brown on the right axis; the legend below the plot, clear of that axis", () => {
    const ef = fig.data.find((t) => t.name === "Fermi level (right axis)")!;
    expect((ef.line as any).color).toBe(mapColours.fermiLevel);
    expect((fig.layout as any).yaxis2.side).toBe("right");
    expect((fig.layout as any).legend).toMatchObject({ orientation: "h", yanchor: "top" });
    expect((fig.layout as any).legend.y).toBeLessThan(0);
    expect((fig.layout?.title as any).text).toBe("Fig. 4c");
  });
});

describe("defectChemistryFigure guards", () => {
  test("greys the voltages outside the window, one rect per side, with a legend entry", () => {
    const fig = defectChemistryFigure(llzo, sweepVoltage((llzo.fermiLevel as any).system, linspace(0, 3, 7)));
    const rects = (fig.layout as any).shapes.filter((s: any) => s.type === "rect");
    // LLZO's window starts at 0 V: only the part above its upper limit is grey
    expect(rects.map((r: any) => [r.x0, r.x1])).toEqual([[llzo.window.upper, 3]]);
    expect(fig.data.filter((t) => t.name === "outside window")).toHaveLength(1);
  });
  test("marks every defect total above its site density, and nothing when there is none", () => {
    const lipon = set.electrolytes.find((e) => e.id === "LiPON")!;
    const sweep = sweepVoltage((lipon.fermiLevel as any).system, linspace(0, 4.5, 10));
    const fig = defectChemistryFigure(lipon, sweep);
    const marks = fig.data.find((t) => t.name === "above site density")!;
    const expected = sweep.flatMap((p) => p.defects.filter((d) => d.siteFraction! > 1).map((d) => [p.voltage, d.total]));
    expect(expected.length).toBeGreaterThan(0);
    expect((marks.x as number[]).map((x, i) => [x, (marks.y as number[])[i]])).toEqual(expected);
    const inside = defectChemistryFigure(lipon, sweepVoltage((lipon.fermiLevel as any).system, linspace(lipon.window.lower, lipon.window.upper, 5)));
    expect(inside.data.some((t) => t.name === "above site density" || t.name === "outside window")).toBe(false);
  });
});

describe("fermiLevelFigure guards", () => {
  test("the part of a sweep outside its window is drawn grey, once in the legend", () => {
    const sweeps = set.electrolytes.map((electrolyte) => ({ electrolyte, sweep: sweepVoltage((electrolyte.fermiLevel as any).system, linspace(0, 4.5, 10)) }));
    const fig = fermiLevelFigure(sweeps);
    const outside = fig.data.filter((t) => t.name === "outside window");
    expect(outside.length).toBe(sweeps.filter(({ electrolyte }) => electrolyte.window.lower > 0 || electrolyte.window.upper < 4.5).length);
    expect(outside.filter((t) => t.showlegend).length).toBe(1);
    for (const t of outside) expect((t.line as any).color).toBe(outsideColour);
    for (const { electrolyte } of sweeps) {
      const line = fig.data.find((t) => t.name === electrolyte.id)!;
      for (const x of line.x as number[]) expect(x >= electrolyte.window.lower - 1e-9 && x <= electrolyte.window.upper + 1e-9).toBe(true);
    }
  });
});

describe("experimentFigure", () => {
  test("orders the resistance categories from very low to very high", () => {
    const fig = experimentFigure([{ label: "LCO/LPO", absDphi: 0.07, category: "very low", soc: "0%" }]);
    expect((fig.layout as any).xaxis.categoryarray).toEqual(["very low", "low", "medium", "high", "very high"]);
  });
  test("the sign of the jump: filled markers hinder discharge, open ones charge", () => {
    const fig = experimentFigure([
      { label: "a", absDphi: 0.3, dphi: 0.3, category: "low", soc: "0%" },
      { label: "b", absDphi: 0.5, dphi: -0.5, category: "low", soc: "0%" },
    ]);
    expect(fig.data.filter((t) => t.mode === "markers+text").map((t) => (t.marker as any).symbol)).toEqual(["circle", "circle-open"]);
    expect(fig.data.filter((t) => t.mode === "markers+text").map((t) => t.name)).toEqual(["SOC 0%, Δφ<sub>c</sub> > 0: hinders discharge", "SOC 0%, Δφ<sub>c</sub> < 0: hinders charge"]);
  });
  test("close labels in one category go to opposite sides", () => {
    const fig = experimentFigure([
      { label: "a", absDphi: 0.37, category: "high", soc: "0%" },
      { label: "b", absDphi: 0.386, category: "high", soc: "0%" },
      { label: "c", absDphi: 0.9, category: "high", soc: "0%" },
    ]);
    expect(fig.data[0].textposition).toEqual(["middle right", "middle left", "middle right"]);
  });
});

describe("stackMapFigure", () => {
  test("one label per layer, one jump label per interface, the Fig. 3 colours", () => {
    const stack = stackMap(li, [findElectrolyte(set, "LPS"), findCathodeState(set, "LCO", "0%")], findCathodeState(set, "LNCO", "0%"), { points: 11 });
    const fig = stackMapFigure(stack);
    const texts = (fig.layout?.annotations ?? []).map((a) => String(a.text));
    expect(texts.filter((t) => t.startsWith("Δφ"))).toHaveLength(stack.interfaces.length);
    for (const l of ["Li", "LPS", "LCO 0%", "LNCO 0%"]) expect(texts).toContain(l);
    expect(fig.data.filter((t) => t.mode === "lines").map((t) => (t.line as any).color)).toEqual([mapColours.phi, mapColours.vbm, mapColours.cbm, mapColours.muLi]);
    // jump labels coloured by sign
    const jumps = (fig.layout?.annotations ?? []).filter((a) => String(a.text).startsWith("Δφ"));
    jumps.forEach((a, k) => expect((a.font as any).color).toBe(stack.interfaces[k].dphi > 0 ? jumpColours.discharge : jumpColours.charge));
    expectLabelledAxes(fig);
  });
});

describe("figureToJSON", () => {
  test("rounds numbers to the requested significant digits, keeps everything else", () => {
    const fig: PlotlyFigure = { data: [{ x: new Float64Array([1 / 3, 123456.789]), y: [2e-30, NaN], name: "a" }], layout: { width: 1446 } };
    expect(figureToJSON(fig, { digits: 6 })).toEqual({ data: [{ x: [0.333333, 123457], y: [2e-30, null], name: "a" }], layout: { width: 1446 } });
    expect((figureToJSON(fig).data[0].x as number[])[0]).toBe(1 / 3);
  });
});

describe("lighten", () => {
  test("mixes towards white", () => {
    expect(lighten("#000000", 0.5)).toBe("#808080");
    expect(lighten("#ffffff")).toBe("#ffffff");
  });
});

describe("krogerVink", () => {
  test("site as a subscript, one prime per negative and one bullet per positive charge, a cross when neutral", () => {
    expect(krogerVink("V_Li", -1)).toBe("V<sub>Li</sub>′");
    expect(krogerVink("Li_i", 1)).toBe("Li<sub>i</sub>•");
    expect(krogerVink("N_O", -1)).toBe("N<sub>O</sub>′");
    expect(krogerVink("O_N", 1)).toBe("O<sub>N</sub>•");
    expect(krogerVink("V_Li", 0)).toBe("V<sub>Li</sub>ˣ");
    expect(krogerVink("v_O", 2)).toBe("V<sub>O</sub>••");
    expect(krogerVink("Zr_Li_tet", 3)).toBe("Zr<sub>Li,tet</sub>•••");
    expect(krogerVink("V_Li", -1, { format: "plain" })).toBe("V_Li′");
  });
});

describe("defectChemistryFigure: the CBM next to E_F, and curves that coincide", () => {
  const sweep = sweepVoltage((llzo.fermiLevel as any).system, linspace(0, 3, 7));
  test("the CBM is a line on the right axis at gap + scissor, labelled", () => {
    const fig = defectChemistryFigure(llzo, sweep);
    const cbm = fig.data.find((t) => String(t.name).startsWith("CBM"))!;
    expect(cbm.yaxis).toBe("y2");
    expect(cbm.y).toEqual([llzo.bandGap, llzo.bandGap]);
    expect(cbm.x).toEqual([0, 3]);
    expect((fig.layout?.annotations ?? []).some((a) => a.text === "CBM" && a.yref === "y2" && a.y === llzo.bandGap)).toBe(true);
    const scissored = defectChemistryFigure({ ...llzo, scissor: 1 }, sweep);
    expect(scissored.data.find((t) => String(t.name).startsWith("CBM"))!.y).toEqual([llzo.bandGap + 1, llzo.bandGap + 1]);
  });
  test("the Frenkel pair V_Li′ / Li_i• coincides in LLZO and is drawn with two dash styles", () => {
    const fig = defectChemistryFigure(llzo, sweep);
    const v = fig.data.find((t) => t.name === "V<sub>Li</sub>′")!;
    const i = fig.data.find((t) => t.name === "Li<sub>i</sub>•")!;
    // they do coincide (within 0.05 decades) at every voltage inside the window
    const inside = (v.x as number[]).map((x, k) => k).filter((k) => (v.x as number[])[k] <= llzo.window.upper);
    for (const k of inside) expect(Math.abs(Math.log10((v.y as number[])[k] / (i.y as number[])[k]))).toBeLessThan(0.05);
    expect((v.line as any).dash).toBe("solid");
    expect((i.line as any).dash).not.toBe("solid");
  });
  test("distinguishCoincidentCurves leaves apart curves alone and restyles a coinciding one", () => {
    const traces: any[] = [
      { mode: "lines", y: [1, 2, 3], line: { dash: "solid" } },
      { mode: "lines", y: [5, 6, 7], line: { dash: "solid" } },
      { mode: "lines", y: [1, 2, 3.0001], line: { dash: "solid" } },
    ];
    distinguishCoincidentCurves(traces);
    expect(traces.map((t) => t.line.dash)).toEqual(["solid", "solid", "dash"]);
  });
});

describe("fermiLevelFigure slope guides", () => {
  const sweeps = set.electrolytes.map((electrolyte) => ({ electrolyte, sweep: sweepVoltage((electrolyte.fermiLevel as any).system, linspace(0, 4.5, 91)) }));
  const fig = fermiLevelFigure(sweeps, { slopePanel: true, guideColours: "curve" });
  const guides = fig.data.filter((t) => t.mode === "lines+text");
  test("two guides (−1 and −1/2) per pivot of each curve, in the curve's colour when asked, starting just below the curve", () => {
    const grey = fermiLevelFigure(sweeps).data.filter((t) => t.mode === "lines+text");
    for (const g of grey) expect((g.line as any).color).toBe("#555");
    const curves = fig.data.filter((t) => set.electrolytes.some((e) => e.id === t.name));
    for (const c of curves) {
      const own = guides.filter((g) => String(g.hovertemplate).startsWith(`${c.name}:`));
      expect(own.length).toBeGreaterThanOrEqual(2);
      for (const g of own) {
        const [x0, x1] = g.x as number[];
        const [y0, y1] = g.y as number[];
        expect([-1, -0.5]).toContainEqual(Number(((y1 - y0) / (x1 - x0)).toFixed(9)));
        expect((g.line as any).color).toBe((c.line as any).color);
        // the start lies below the curve at the same voltage, by the same offset for every guide
        const k = (c.x as number[]).findIndex((x) => x >= x0 - 1e-9);
        expect((c.y as number[])[k] - y0).toBeGreaterThan(0);
      }
    }
    // LPO has two regimes (−1 below ~3 V, −1/2 above): guides at the quarter points, four lines
    expect(guides.filter((g) => String(g.hovertemplate).startsWith("LPO:"))).toHaveLength(4);
    expect(fig.data.filter((t) => String(t.name).startsWith("slope") && t.showlegend !== false)).toHaveLength(2);
  });
  test("the slope panel shows dE_F/dV: −1 for LLZO, −1/2 for LPS inside their windows", () => {
    const panel = (id: string) => fig.data.find((t) => t.name === `${id} dE<sub>F</sub>/dV`)!;
    expect(panel("LLZO").yaxis).toBe("y2");
    for (const s of panel("LLZO").y as number[]) expect(s).toBeCloseTo(-1, 2);
    for (const s of panel("LPS").y as number[]) expect(s).toBeCloseTo(-0.5, 1);
    expect(curveSlopes([0, 1, 2], [0, -1, -3])).toEqual([-1, -1.5, -2]);
  });
});

describe("potential maps: jump labels coloured by sign", () => {
  test("red for a barrier to discharge, blue for a barrier to charge, both in the legend with the grey region", () => {
    const lps = findElectrolyte(set, "LPS");
    const map = potentialMap(li, lps, findCathodeState(set, "LCO", "0%"), { points: 11 });
    const fig = potentialMapFigure(map);
    const labels = (fig.layout?.annotations ?? []) as any[];
    const anode = labels.find((a) => String(a.text).startsWith("Δφ<sub>a</sub>"));
    const cathode = labels.find((a) => String(a.text).startsWith("Δφ<sub>c</sub>"));
    expect(map.dphiAnode).toBeGreaterThan(0);
    expect(map.dphiCathode).toBeLessThan(0);
    expect(anode.font.color).toBe(jumpColours.discharge);
    expect(cathode.font.color).toBe(jumpColours.charge);
    expect(jumpColour(0)).toBe(jumpColours.neither);
    const names = fig.data.map((t) => String(t.name));
    expect(names.filter((n) => /red label|blue label|outside the window/.test(n))).toHaveLength(3);
  });
});

describe("experimentFigure: category means and unknown SOC", () => {
  const points = [
    { label: "a", absDphi: 0.1, dphi: 0.1, category: "very low", soc: "0%" },
    { label: "b", absDphi: 0.5, dphi: -0.5, category: "low", soc: "0%" },
    { label: "c", absDphi: 0.3, dphi: 0.3, category: "low", soc: "NA" },
    { label: "d", absDphi: 0.2, dphi: 0.2, category: "high", soc: "100%", socStated: false },
  ];
  test("the means per category come from the points, and the message says there is no trend", () => {
    const trend = experimentCategoryMeans(points);
    expect(trend.means.map((m) => [m.category, m.count])).toEqual([["very low", 1], ["low", 2], ["medium", 0], ["high", 1], ["very high", 0]]);
    expect(trend.means[1].mean).toBeCloseTo(0.4, 12);
    expect(trend.rising).toBe(false); // 0.1, 0.4, 0.2
    expect(trend.message).toContain("very low 0.10, low 0.40, high 0.20");
    expect(trend.message).toContain("no trend");
    const fig = experimentFigure(points);
    expect(fig.layout?.annotations?.[0].text).toBe(trend.message);
    const bars = (fig.layout?.shapes ?? []) as any[];
    expect(bars.map((b) => b.y0)).toEqual([0.1, trend.means[1].mean, 0.2]);
    const rising = experimentCategoryMeans([{ ...points[0] }, { ...points[1] }]);
    expect(rising.rising).toBe(true);
    expect(rising.rankCorrelation).toBeCloseTo(1, 12);
    expect(rising.message).toContain("rise with the measured resistance");
  });
  test("points without a stated SOC are grey hexagons with their own legend entry", () => {
    const fig = experimentFigure(points);
    const unknown = fig.data.filter((t) => String(t.name).startsWith("SOC not stated (NA)"));
    expect(unknown.flatMap((t) => t.text as string[]).sort()).toEqual(["c", "d"]);
    for (const t of unknown) expect(String((t.marker as any).symbol)).toMatch(/^hexagon/);
    const stated = fig.data.filter((t) => String(t.name).startsWith("SOC 0%"));
    expect(stated.flatMap((t) => t.text as string[]).sort()).toEqual(["a", "b"]);
  });
});

describe("differenceFigure", () => {
  test("the lower panel is modified − base, interpolated onto the base's x where the grids differ", () => {
    const base = { name: "shipped", x: [0, 1, 2, 3], y: [4, 3, 2, 1] };
    const same = { name: "a", x: [0, 1, 2, 3], y: [4.2, 3.1, 2.3, 1.05] };
    const finer = { name: "b", x: [0, 0.5, 1, 1.5, 2, 2.5, 3], y: [5, 4.5, 4, 3.5, 3, 2.5, 2] };
    const fig = differenceFigure(base, [same, finer]);
    const diffs = fig.data.filter((t) => t.yaxis === "y2");
    expect(diffs).toHaveLength(2);
    (diffs[0].y as number[]).forEach((d, k) => expect(d).toBeCloseTo(same.y[k] - base.y[k], 12));
    expect(diffs[1].y).toEqual([1, 1, 1, 1]);
    expect(curveDifference(base, { name: "c", x: [0.5, 3], y: [0, 0] }).y.map(Number.isNaN)).toEqual([true, false, false, false]);
    expect((fig.layout as any).xaxis.matches).toBe("x2");
    for (const axis of ["xaxis2", "yaxis", "yaxis2"]) expect(title((fig.layout as any)[axis])).toMatch(/\((V|eV)\)$/);
  });
});

describe("spaceChargeFigure", () => {
  const params = { phi0: 1.24, nsites: 1e22, ef0: 0.6, epsilon: 20, alpha: 0.1, temperature: 300 };
  const result = solveSpaceCharge(params, { points: 200 });
  const curve = spaceChargeCurve("test", result);
  test("the x range ends where φ has settled within 1% of φ0", () => {
    const end = settledAt(curve);
    Array.from(curve.x).forEach((x, k) => {
      if (x >= end) expect(Math.abs(curve.phi[k] - params.phi0)).toBeLessThanOrEqual(0.01 * params.phi0);
    });
    const k = Array.from(curve.x).indexOf(end);
    expect(Math.abs(curve.phi[k - 1] - params.phi0)).toBeGreaterThan(0.01 * params.phi0);
    const fig = spaceChargeFigure([curve]);
    expect((fig.layout as any).xaxis.range).toEqual([0, end]);
    expect((fig.layout as any).xaxis.type).toBe("linear");
    const nm = spaceChargeFigure([curve], { unit: "nm", logX: true });
    expect((nm.layout as any).xaxis.range[1]).toBeCloseTo(Math.log10(end / 10), 12);
    expect(title((nm.layout as any).xaxis)).toContain("(nm)");
    expectLabelledAxes(fig);
  });
  test("a log axis by default when the curves settle at very different distances; 5 screening lengths without φ0", () => {
    const far = { ...curve, name: "far", x: Array.from(curve.x, (x) => x * 100) };
    expect((spaceChargeFigure([curve, far]).layout as any).xaxis.type).toBe("log");
    expect(settledAt({ name: "n", x: [1, 2], phi: [0, 0], screeningLength: 7 })).toBe(35);
  });
  test("a log axis starts at one site spacing N^(-1/3), not at the solver's first grid point (issue 22)", () => {
    // 1e22 sites per cm^3: 4.64 Å between sites
    expect(siteSpacing(1e22)).toBeCloseTo(Math.cbrt(1e-22) * 1e8, 12);
    expect(siteSpacing(1e22)).toBeCloseTo(4.6416, 3);
    for (const bad of [0, -1, NaN, Infinity]) expect(siteSpacing(bad)).toBeNaN();
    expect(curve.siteSpacing).toBeCloseTo(siteSpacing(params.nsites), 12);
    const firstPoint = Math.min(...Array.from(curve.x).filter((x) => x > 0));
    expect(firstPoint).toBeLessThan(curve.siteSpacing!); // the grid starts below one lattice plane
    const log = spaceChargeFigure([curve], { logX: true }).layout as any;
    expect(log.xaxis.range[0]).toBeCloseTo(Math.log10(curve.siteSpacing!), 12);
    expect(title(log.xaxis)).toContain("site spacing");
    const nm = spaceChargeFigure([curve], { logX: true, unit: "nm" }).layout as any;
    expect(nm.xaxis.range[0]).toBeCloseTo(Math.log10(curve.siteSpacing! / 10), 12);
    // without a spacing (or one beyond the range) the first positive grid point, as before
    const bare = { ...curve, siteSpacing: undefined };
    expect((spaceChargeFigure([bare], { logX: true }).layout as any).xaxis.range[0]).toBeCloseTo(Math.log10(firstPoint), 12);
    expect((spaceChargeFigure([curve], { logX: true, xStart: 1e9 }).layout as any).xaxis.range[0]).toBeCloseTo(Math.log10(firstPoint), 12);
    // a linear axis still starts at the electrode
    expect((spaceChargeFigure([curve], { logX: false }).layout as any).xaxis.range[0]).toBe(0);
    // the course's two space-charge figures (notebook 08) too
    const limits = spaceChargeLimitsFigure("test", params, result).layout as any;
    expect(limits.xaxis.type).toBe("log");
    expect(limits.xaxis.range[0]).toBeCloseTo(Math.log10(siteSpacing(params.nsites)), 12);
    const dense = solveSpaceCharge({ ...params, nsites: 8e22 }, { points: 200 });
    const profiles = spaceChargeProfilesFigure([{ name: "a", result }, { name: "b", result: dense }], { name: "t", phiTarget: 0.5 }).layout as any;
    expect(profiles.xaxis.range[0]).toBeCloseTo(Math.log10(siteSpacing(8e22)), 12); // the smaller spacing
    expect(profiles.xaxis.range[1]).toBeGreaterThan(profiles.xaxis.range[0]);
  });
});
