/// <reference lib="dom" />
// The site's explorer page (output/site/explorer.html), bundled for the browser by esbuild
// (scripts/site.mjs). It imports only pure modules of the library (whatif/explore.ts and,
// through it, cell/, defects/, figures/): no file system, no Node. The data set comes as a
// global set by assets/explorer-data.js, written at build time from the built-in records.
import { orderedCathodeStates, orderedElectrolytes } from "../../lib/src/cell/dataSet";
import type { DataSet } from "../../lib/src/cell/materials";
import { withDefaultLayout } from "../../lib/src/figures/figure";
import { exploreCell, explorerControls, knobsFromControls, type ExplorerControl, type ExplorerSelection } from "../../lib/src/whatif/explore";

declare const Plotly: { react(div: HTMLElement, data: unknown, layout: unknown, config?: unknown): Promise<unknown> };

interface ExplorerApi {
  /** Recompute now; resolves with the milliseconds the physics and the drawing took. */
  update(): Promise<{ computeMs: number; drawMs: number; dphiAnode: number; dphiCathode: number }>;
  selection(): ExplorerSelection;
  values(): Record<string, number>;
  timings: number[];
  /** The update started by the last slider move or selection (the browser test awaits it). */
  pending: Promise<unknown>;
}

const set = (window as unknown as { POTMAP_DATA: DataSet }).POTMAP_DATA;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function fillSelect(select: HTMLSelectElement, options: string[], value?: string): void {
  select.innerHTML = options.map((o) => `<option>${o}</option>`).join("");
  if (value && options.includes(value)) select.value = value;
}

const anode = $<HTMLSelectElement>("anode");
const electrolyte = $<HTMLSelectElement>("electrolyte");
const cathode = $<HTMLSelectElement>("cathode");
const soc = $<HTMLSelectElement>("soc");
fillSelect(anode, set.anodes.map((a) => a.id));
fillSelect(electrolyte, orderedElectrolytes(set).map((e) => e.id), "LLZO");
const cathodeIds = [...new Set(orderedCathodeStates(set).map((s) => s.id))];
fillSelect(cathode, cathodeIds, "LCO");
const fillSoc = () => fillSelect(soc, orderedCathodeStates(set).filter((s) => s.id === cathode.value).map((s) => s.soc), soc.value || "0%");
fillSoc();

const selection = (): ExplorerSelection => ({ anode: anode.value, electrolyte: electrolyte.value, cathode: cathode.value, soc: soc.value });
let controls: ExplorerControl[] = [];

function decimals(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/**
 * A defect's label in Kröger-Vink notation: V_Li with q = -1 is V_Li′ (′ per negative, • per
 * positive effective charge, × when neutral), the name's subscript as HTML.
 */
export function krogerVink(name: string, charge: number): string {
  const [species, site = ""] = name.split("_");
  const mark = charge > 0 ? "•".repeat(charge) : charge < 0 ? "′".repeat(-charge) : "×";
  return `${species}${site ? `<sub>${site}</sub>` : ""}<sup>${mark}</sup>`;
}

function labelHtml(c: ExplorerControl): string {
  const m = /^defect:(.+)\|(-?\d+)$/.exec(c.key);
  return m ? `<i>E</i><sub>0</sub>(${krogerVink(m[1], Number(m[2]))})` : c.label;
}

function buildSliders(): void {
  controls = explorerControls(set, selection());
  $("sliders").innerHTML = controls
    .map(
      (c, i) =>
        `<label for="k${i}">${labelHtml(c)}: <output id="v${i}">${c.value.toFixed(decimals(c.step))}</output> ${c.unit}</label>` +
        `<input type="range" id="k${i}" data-key="${c.key}" min="${c.min}" max="${c.max}" step="${c.step}" value="${c.value}">`,
    )
    .join("");
  controls.forEach((c, i) => {
    const input = $<HTMLInputElement>(`k${i}`);
    // the range snaps to its step grid; the record's own value is kept exactly until moved
    input.value = String(c.value);
    input.addEventListener("input", () => {
      $(`v${i}`).textContent = Number(input.value).toFixed(decimals(c.step));
      api.pending = api.update();
    });
  });
}

/** Values that differ from the record (an untouched slider leaves the record's value exact). */
function values(): Record<string, number> {
  const v: Record<string, number> = {};
  controls.forEach((c, i) => {
    const x = Number($<HTMLInputElement>(`k${i}`).value);
    if (Math.abs(x - c.value) > c.step / 2) v[c.key] = x;
  });
  return v;
}

/** The traces' names with their line colour and dash, as Plotly's legend would show them. */
function legendHtml(data: { name?: string; showlegend?: boolean; line?: Record<string, unknown> }[]): string {
  return data
    .filter((t) => t.name && t.showlegend !== false)
    .map((t) => {
      const colour = String(t.line?.color ?? "#333");
      const dash = t.line?.dash === "dash" || t.line?.dash === "dot" ? "dashed" : "solid";
      return `<span class="entry"><span class="swatch" style="border-top: 3px ${dash} ${colour}"></span>${t.name}</span>`;
    })
    .join("");
}

const timings: number[] = [];

const api: ExplorerApi = {
  timings,
  pending: Promise.resolve(),
  selection,
  values,
  async update() {
    const t0 = performance.now();
    let computeMs = 0;
    try {
      const r = exploreCell(set, selection(), knobsFromControls(values()));
      computeMs = performance.now() - t0;
      $("dphiA").textContent = r.dphiAnode.toFixed(3);
      $("dphiC").textContent = r.dphiCathode.toFixed(3);
      $("warnings").innerHTML = r.messages.map((m) => `<li>${m.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</li>`).join("");
      const fig = withDefaultLayout(r.figure);
      // The legend never changes while sliders move: drawn once in HTML, not by Plotly on
      // every move (about half of Plotly's redraw time).
      if (!$("legend").childElementCount) $("legend").innerHTML = legendHtml(fig.data);
      const layout = { ...fig.layout, showlegend: false, width: Math.min(900, $("map").clientWidth || 900), margin: { ...(fig.layout?.margin ?? {}), b: 60 } };
      await Plotly.react($("map"), fig.data, layout, { displaylogo: false });
      const total = performance.now() - t0;
      timings.push(total);
      $("timing").textContent = `(${total.toFixed(0)} ms)`;
      return { computeMs, drawMs: total - computeMs, dphiAnode: r.dphiAnode, dphiCathode: r.dphiCathode };
    } catch (e) {
      $("dphiA").textContent = "–";
      $("dphiC").textContent = "–";
      $("warnings").innerHTML = `<li>${String(e instanceof Error ? e.message : e)}</li>`;
      return { computeMs, drawMs: 0, dphiAnode: NaN, dphiCathode: NaN };
    }
  },
};
(window as unknown as { potmapExplorer: ExplorerApi }).potmapExplorer = api;

for (const s of [anode, electrolyte, cathode, soc]) {
  s.addEventListener("change", () => {
    if (s === cathode) fillSoc();
    buildSliders();
    api.pending = api.update();
  });
}
$("reset").addEventListener("click", () => {
  buildSliders();
  void api.update();
});
buildSliders();
api.pending = api.update();
