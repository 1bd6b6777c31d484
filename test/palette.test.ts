// The figures' colours (lib/src/figures/palette.ts): every line at least 3:1 against white,
// no two legend entries of one figure alike, the material records' colours distinct, and the
// contrast arithmetic itself checked against WCAG's reference values.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { describeFigure, withDefaultLayout, withHoverText } from "../lib/src/figures/figure";
import { galleryFigures } from "../lib/src/figures/gallery";
import { contrastRatio, legendStyleClashes, legendStyles, lineContrast, lowContrastLines, mapColours, materialColours, relativeLuminance, seriesColours } from "../lib/src/figures/palette";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";

const set = readDataSet(builtinMaterialsFolder());

describe("contrast arithmetic (WCAG 2.1)", () => {
  test("black on white is 21:1, white on white 1:1, #767676 is the 4.5:1 grey", () => {
    expect(contrastRatio("#000000")).toBeCloseTo(21, 6);
    expect(contrastRatio("#fff")).toBeCloseTo(1, 9);
    expect(contrastRatio("#767676")).toBeGreaterThan(4.5);
    expect(contrastRatio("#777777")).toBeLessThan(4.5);
    // the #808080 the three electrolytes shared: 3.95:1
    expect(contrastRatio("#808080")).toBeCloseTo(3.95, 2);
  });
  test("unreadable colours give NaN, never a number that passes", () => {
    expect(relativeLuminance("red")).toBeNaN();
    expect(contrastRatio("#12345")).toBeNaN();
    expect(contrastRatio("") >= lineContrast).toBe(false);
  });
});

describe("the palette", () => {
  test("every line colour is at least 3:1 on white", () => {
    const lines = { ...materialColours, ...Object.fromEntries(Object.entries(mapColours).filter(([k]) => k !== "unstable")), ...Object.fromEntries(seriesColours.map((c, i) => [`series${i}`, c])) };
    const low = Object.entries(lines).filter(([, c]) => !(contrastRatio(c) >= lineContrast));
    expect(low).toEqual([]);
  });
  test("the records' colours: LPO, LLZO and LPS apart, each record as the palette, each >= 3:1", () => {
    const records = [...set.anodes, ...set.electrolytes, ...set.cathodes];
    const colour = Object.fromEntries(records.map((r) => [r.id, r.colour]));
    expect(new Set([colour.LPO, colour.LLZO, colour.LPS, colour.LiPON]).size).toBe(4);
    for (const r of records) {
      expect(r.colour, r.id).toBe(materialColours[r.id]);
      expect(contrastRatio(r.colour!), r.id).toBeGreaterThanOrEqual(lineContrast);
    }
    // the paper names these colours (Fig. 2): LiPON purple, LCO red, LMO blue
    expect(colour.LiPON).toBe("#800080");
    expect(colour.LCO).toBe("#d62728");
    expect(colour.LMO).toBe("#1f77b4");
  });
});

describe("legend styles", () => {
  test("a figure with two entries of the same colour and dash is caught", () => {
    const fig = { data: [
      { name: "a", mode: "lines", line: { color: "#808080" } },
      { name: "b", mode: "lines", line: { color: "#808080" } },
      { name: "c", mode: "lines", line: { color: "#808080", dash: "dash" } },
      { name: "d", mode: "lines", showlegend: false, line: { color: "#808080" } },
    ] };
    expect(legendStyleClashes(fig)).toEqual([["a", "b"]]);
    expect(legendStyles(fig).map((s) => s.name)).toEqual(["a", "b", "c"]);
    // traces without a colour take the colorway by index: two of them differ
    expect(legendStyleClashes({ data: [{ name: "x" }, { name: "y" }] })).toEqual([]);
  });
  test("every gallery figure: distinct legend entries, lines >= 3:1", () => {
    for (const g of galleryFigures(set)) {
      const fig = withDefaultLayout(g.figure);
      expect(legendStyleClashes(fig as never), g.name).toEqual([]);
      expect(lowContrastLines(fig as never), g.name).toEqual([]);
    }
  });
  test("the figures of the executed notebooks (output/notebooks, when present) obey the same", () => {
    const dir = path.join(__dirname, "..", "output", "notebooks");
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")) : [];
    let figures = 0;
    const bad: unknown[] = [];
    for (const f of files) {
      const nb = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      for (const c of nb.cells) {
        for (const o of c.outputs ?? []) {
          const spec = o.data?.["application/vnd.plotly.v1+json"];
          if (!spec) continue;
          figures++;
          const clashes = legendStyleClashes(spec);
          const low = lowContrastLines(spec);
          if (clashes.length || low.length) bad.push({ notebook: f, title: spec.layout?.title?.text ?? spec.layout?.title, clashes, low });
        }
      }
    }
    expect(bad).toEqual([]);
    if (files.length) expect(figures).toBeGreaterThan(0);
  });
});

describe("hover text and captions", () => {
  const fig = {
    data: [
      { type: "scatter", name: "LLZO", x: [1], y: [2] },
      { type: "scatter", name: "own", x: [1], y: [2], hovertemplate: "%{y}" },
      { type: "scatter", name: "right", x: [1], y: [2], yaxis: "y2" },
      { type: "bar", name: "bars", x: [1], y: [2] },
    ],
    layout: { title: { text: "E<sub>F</sub> vs voltage" }, xaxis: { title: { text: "voltage vs Li/Li⁺ (V)" } }, yaxis: { title: "E<sub>F</sub> above the VBM (eV)" }, yaxis2: { title: { text: "dφ (V)" } } },
  };
  test("a bare trace gets its name and both values with the axis titles (units); others are kept", () => {
    const t = withHoverText(fig.data as never, fig.layout as never);
    expect(t[0].hovertemplate).toBe("LLZO<br>voltage vs Li/Li⁺ (V): %{x:.4~g}<br>E_F above the VBM (eV): %{y:.4~g}<extra></extra>");
    expect(t[1].hovertemplate).toBe("%{y}");
    expect(String(t[2].hovertemplate)).toContain("dφ (V): %{y");
    expect(t[3].hovertemplate).toBeUndefined();
  });
  test("a caption: the title and what is plotted against what, never the list of trace names", () => {
    expect(describeFigure(fig as never)).toBe("E_F vs voltage. E_F above the VBM (eV) against voltage vs Li/Li⁺ (V); 4 legend entries.");
    expect(describeFigure({ data: [] })).toBe("");
  });
});
