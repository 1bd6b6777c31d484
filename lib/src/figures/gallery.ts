/**
 * The main figures of the course, as the library draws them from a data set: the recipes of
 * docs/gallery/ (PNG images committed so that a code-hosting site shows them; `npm run
 * gallery` redraws them, test/gallery.test.ts fails when a recipe's numbers changed but the
 * committed image was not refreshed).
 *
 * Pure: figure specs as plain data. `normaliseFigure` rounds every number as
 * test/plots.test.ts does for its snapshots, so that a hash of the normalised spec changes
 * when the drawn data change, not when the last bits of a float do.
 */
import { findAnode, findCathodeState, findElectrolyte, orderedElectrolytes } from "../cell/dataSet";
import { electrolyteSystem } from "../cell/fermiLevel";
import { DataSet } from "../cell/materials";
import { potentialMap } from "../cell/potentialMap";
import { linspace, sweepVoltage } from "../defects/sweep";
import { figureToJSON, PlotlyFigure, withDefaultLayout } from "./figure";
import { bandAlignmentFigure, defectChemistryFigure, fermiLevelFigure, potentialMapGrid } from "./plots";

export interface GalleryFigure {
  /** File name without extension, e.g. "fig2-band-alignment". */
  name: string;
  /** One line for the gallery page. */
  title: string;
  /** The notebook that shows and explains it. */
  notebook: string;
  /** Image size in CSS pixels. */
  width: number;
  height: number;
  figure: PlotlyFigure;
}

/** Voltages of the Fig. 4 sweeps: 0 to 4.5 V in 10 mV steps, as notebooks 02 and 03 use. */
const sweepVoltages = () => linspace(0, 4.5, 451);

/** Each figure with the project's default layout and 6 significant digits, as showFigure shows it. */
function finished(fig: PlotlyFigure): PlotlyFigure {
  return figureToJSON(withDefaultLayout(fig), { digits: 6 });
}

/** The gallery's figures for a data set (the built-in one for docs/gallery/). */
export function galleryFigures(set: DataSet): GalleryFigure[] {
  const li = findAnode(set, "Li");
  const electrolytes = orderedElectrolytes(set);
  const size = (fig: PlotlyFigure) => ({ width: Number(fig.layout?.width ?? 900), height: Number(fig.layout?.height ?? 500) });
  const out: Omit<GalleryFigure, "width" | "height">[] = [];

  out.push({ name: "fig2-band-alignment", title: "Fig. 2: band edges of every material against the vacuum level", notebook: "01-band-alignment", figure: finished(bandAlignmentFigure(set)) });

  const sweeps = electrolytes.map((electrolyte) => ({ electrolyte, sweep: sweepVoltage(electrolyteSystem(electrolyte), sweepVoltages()) }));
  const llzo = sweeps.find((s) => s.electrolyte.id === "LLZO") ?? sweeps[0];
  out.push({
    name: "fig4c-llzo",
    title: "Fig. 4c: defects, carriers and the Fermi level of LLZO vs voltage",
    notebook: "02-defect-chemistry",
    figure: finished(defectChemistryFigure(llzo.electrolyte, llzo.sweep, { title: `Fig. 4c · ${llzo.electrolyte.id}: defects, carriers and E<sub>F</sub> vs voltage` })),
  });
  out.push({ name: "fig-fermi-slopes", title: "The Fermi level of the four electrolytes vs voltage: slopes −1 and −1/2", notebook: "03-fermi-level-slopes", figure: finished(fermiLevelFigure(sweeps)) });

  const lcoMaps = ["0%", "100%"].flatMap((soc) => electrolytes.map((e) => potentialMap(li, e, findCathodeState(set, "LCO", soc))));
  out.push({
    name: "fig3-lco-maps",
    title: "Fig. 3: potential maps of Li | electrolyte | LCO at 0 % and 100 % SOC",
    notebook: "04-lithium-interfaces",
    figure: finished(potentialMapGrid(lcoMaps, electrolytes.length, "Li | solid electrolyte | LCO potential maps (paper Fig. 3)", lcoMaps.map((m) => `${m.electrolyte} | LCO ${m.soc}`))),
  });

  const cathodes = ["LCO", "LNO", "LNCO", "LMO", "LNMO"].filter((c) => set.cathodes.some((x) => x.id === c));
  const e = findElectrolyte(set, "LLZO");
  const fig5Maps = ["0%", "100%"].flatMap((soc) => cathodes.map((c) => potentialMap(li, e, findCathodeState(set, c, soc))));
  out.push({
    name: "fig5-llzo-maps",
    title: "Fig. 5: potential maps of Li | LLZO | cathode for the five cathodes at 0 % and 100 % SOC",
    notebook: "05-cathode-interfaces",
    figure: finished(potentialMapGrid(fig5Maps, cathodes.length, "Li | LLZO | cathode potential maps (paper Fig. 5)", fig5Maps.map((m) => `${m.cathode} ${m.soc}`))),
  });
  return out.map((g) => ({ ...g, ...size(g.figure) }));
}

/** Every number rounded to 3 decimals (4 significant digits when tiny or huge), as the plot snapshots are. */
export function normaliseFigure(value: unknown): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value === 0) return value;
    const a = Math.abs(value);
    const r = a >= 1e4 || a < 1e-3 ? Number(value.toPrecision(4)) : Math.round(value * 1000) / 1000;
    return Object.is(r, -0) ? 0 : r;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, normaliseFigure);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseFigure(v)]));
  return value;
}
