/// <reference lib="dom" />
// The site's explorer page (output/site/explorer.html), bundled for the browser by esbuild
// (scripts/site.mjs). It imports only pure modules of the library (whatif/explore.ts and,
// through it, cell/, defects/, figures/): no file system, no Node. The data set comes as a
// global set by assets/explorer-data.js, written at build time from the built-in records.
import { orderedCathodeStates, orderedElectrolytes } from "../../lib/src/cell/dataSet";
import type { DataSet } from "../../lib/src/cell/materials";
import { withDefaultLayout } from "../../lib/src/figures/figure";
// guards whose failure means the map is no result of the model: the jumps are shown as unreliable
import { unreliableWarningCodes } from "../../lib/src/defects/guards";
import { exploreCell, explorerControls, explorerSocOptions, knobsFromControls, type ExplorerControl, type ExplorerSelection } from "../../lib/src/whatif/explore";

declare const Plotly: { react(div: HTMLElement, data: unknown, layout: unknown, config?: unknown): Promise<unknown> };


interface PaperValues {
  source: string;
  dphiAnode: Record<string, number>;
  table1: { cathode: string; electrolyte: string; soc: string; dphiCathode: number }[];
}

interface ExplorerApi {
  /** Recompute now; resolves with the milliseconds the physics and the drawing took. */
  update(): Promise<{ computeMs: number; drawMs: number; dphiAnode: number; dphiCathode: number; reliable: boolean }>;
  selection(): ExplorerSelection;
  values(): Record<string, number>;
  timings: number[];
  /** The update started by the last slider move or selection (the browser test awaits it). */
  pending: Promise<unknown>;
}

const set = (window as unknown as { POTMAP_DATA: DataSet }).POTMAP_DATA;
const paper = (window as unknown as { POTMAP_PAPER?: PaperValues }).POTMAP_PAPER ?? { source: "", dphiAnode: {}, table1: [] };
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function fillSelect(select: HTMLSelectElement, options: string[], value?: string): void {
  select.innerHTML = options.map((o) => `<option>${escape(o)}</option>`).join("");
  if (value && options.includes(value)) select.value = value;
}

// ------------------------------------------------------------------ the view in the URL

/** The view in the page's address: #anode=Li&electrolyte=LLZO&cathode=LCO&soc=0%25&ionizationPotential=5.9 ... */
function readHash(): { selection: Partial<ExplorerSelection>; values: Record<string, number> } {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const selection: Partial<ExplorerSelection> = {};
  const values: Record<string, number> = {};
  for (const [k, v] of params) {
    if (k === "anode" || k === "electrolyte" || k === "cathode" || k === "soc") selection[k] = v;
    else if (Number.isFinite(Number(v)) && v.trim() !== "") values[k] = Number(v);
  }
  return { selection, values };
}

function writeHash(): void {
  const params = new URLSearchParams();
  const sel = selection();
  for (const k of ["anode", "electrolyte", "cathode", "soc"] as const) params.set(k, sel[k]);
  for (const [k, v] of Object.entries(values())) params.set(k, String(v));
  history.replaceState(null, "", `#${params.toString()}`);
}

const fromUrl = readHash();
const anode = $<HTMLSelectElement>("anode");
const electrolyte = $<HTMLSelectElement>("electrolyte");
const cathode = $<HTMLSelectElement>("cathode");
const soc = $<HTMLSelectElement>("soc");
fillSelect(anode, set.anodes.map((a) => a.id), fromUrl.selection.anode);
fillSelect(electrolyte, orderedElectrolytes(set).map((e) => e.id), fromUrl.selection.electrolyte ?? "LLZO");
const cathodeIds = [...new Set(orderedCathodeStates(set).map((s) => s.id))];
fillSelect(cathode, cathodeIds, fromUrl.selection.cathode ?? "LCO");
// the named states and every 10 % of the voltage curve between them (selectedCathodeState)
const fillSoc = (want?: string) => fillSelect(soc, explorerSocOptions(set, cathode.value), want ?? (soc.value || "0%"));
fillSoc(fromUrl.selection.soc);

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
  return m ? `<i>E</i><sub>0</sub>(${krogerVink(m[1], Number(m[2]))})` : escape(c.label);
}

const lesson = (page: string, n: string) => ` <a href="${page}.html">Lesson ${n}</a>`;

/** What a control is, its unit, what it moves, and the lesson that explains it. */
export function controlHelp(c: ExplorerControl): string {
  const m = /^defect:(.+)\|(-?\d+)$/.exec(c.key);
  if (m) {
    const q = Number(m[2]);
    if (q === 0) {
      return "Formation energy of the neutral defect (eV). It carries no charge, so it does not enter the charge balance: it cannot move E<sub>F</sub>, φ or the jumps, only its own concentration." + lesson("02-defect-chemistry", "02");
    }
    return `Formation energy of this charge state (${q > 0 ? "+" : "−"}${Math.abs(q)}) at E<sub>F</sub> = VBM and the reference μ<sub>Li</sub> (eV). Lower: more of it, which pulls E<sub>F</sub> ${q > 0 ? "up" : "down"}.` + lesson("02-defect-chemistry", "02");
  }
  switch (c.key) {
    case "ionizationPotential":
      return "Ionization potential: the electrolyte's VBM below the vacuum level (eV). It places its bands against the electrodes' (eq. 5), so it shifts φ in the electrolyte and both jumps." + lesson("01-band-alignment", "01");
    case "temperature":
      return "Temperature of the electrolyte's defect equilibrium (K): sets kT in every concentration." + lesson("07a-what-if-defects-and-temperature", "07a");
    case "ocv":
      return "Open-circuit voltage of the cathode state against Li (V), eq. 3: μ<sub>Li</sub> at the cathode is −e·OCV, the width of the electrolyte in the map." + lesson("05-cathode-interfaces", "05");
    case "scissor":
      return "Scissor: a shift added to the electrolyte's CBM (eV), correcting a DFT gap that is too small. It changes the electron density; with E<sub>F</sub> deep in the gap it moves almost nothing." + lesson("07b-what-if-band-edges", "07b");
    default:
      return "";
  }
}

function buildSliders(start: Record<string, number> = {}): void {
  controls = explorerControls(set, selection());
  $("sliders").innerHTML = controls
    .map(
      (c, i) =>
        `<label for="k${i}">${labelHtml(c)}: <output id="v${i}">${c.value.toFixed(decimals(c.step))}</output> ${c.unit}</label>` +
        `<input type="range" id="k${i}" data-key="${escape(c.key)}" min="${c.min}" max="${c.max}" step="${c.step}" value="${c.value}" aria-describedby="h${i}">` +
        `<span class="help" id="h${i}">${controlHelp(c)}</span>`,
    )
    .join("");
  controls.forEach((c, i) => {
    const input = $<HTMLInputElement>(`k${i}`);
    // the range snaps to its step grid; the record's own value is kept exactly until moved
    const wanted = start[c.key];
    // (a value from the URL within half a step of the range's ends: rounding of min/max)
    input.value = String(wanted !== undefined && wanted >= c.min - c.step / 2 && wanted <= c.max + c.step / 2 ? wanted : c.value);
    $(`v${i}`).textContent = Number(input.value).toFixed(decimals(c.step));
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

type LegendTrace = { name?: string; showlegend?: boolean; mode?: string; line?: Record<string, unknown>; marker?: Record<string, unknown> };

/**
 * The traces' names with the swatch Plotly's legend would draw: a line in its colour and dash,
 * or, for a marker-only entry (the grey region, the two label colours), a box in the marker's
 * colour and opacity.
 */
export function legendHtml(data: LegendTrace[]): string {
  return data
    .filter((t) => t.name && t.showlegend !== false)
    .map((t) => {
      const markerOnly = String(t.mode ?? "lines") === "markers";
      if (markerOnly) {
        const colour = String(t.marker?.color ?? "#333");
        const opacity = Number(t.marker?.opacity ?? 1);
        return `<span class="entry"><span class="swatch box" data-colour="${escape(colour)}" style="background: ${escape(colour)}; opacity: ${opacity}"></span><span class="name">${t.name}</span></span>`;
      }
      const colour = String(t.line?.color ?? "#333");
      const dash = String(t.line?.dash ?? "solid");
      const css = dash === "dot" ? "dotted" : dash === "solid" ? "solid" : "dashed";
      return `<span class="entry"><span class="swatch" data-colour="${escape(colour)}" style="border-top: 3px ${css} ${escape(colour)}"></span><span class="name">${t.name}</span></span>`;
    })
    .join("");
}

/** The paper's value for the anode / cathode jump of this cell, or why there is none. */
function paperValues(sel: ExplorerSelection): { anode: string; cathode: string } {
  const a = paper.dphiAnode[sel.electrolyte];
  const row = paper.table1.find((r) => r.cathode === sel.cathode && r.electrolyte === sel.electrolyte && r.soc === sel.soc);
  const fmt = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)} V`;
  return {
    anode: sel.anode === "Li" && a !== undefined ? `paper (Fig. 3): ${fmt(a)}` : "paper: not printed for this cell",
    cathode: row ? `paper (Table 1): ${fmt(row.dphiCathode)}` : "paper: not printed for this cell",
  };
}

/**
 * Warnings one line each: messages of one guard code are merged into the first one with the
 * number of similar ones (the four sides and charge states of one saturated defect are one line).
 */
export function groupWarnings(warnings: { code?: string; message: string }[]): string[] {
  const byCode = new Map<string, { first: string; more: number }>();
  const out: string[] = [];
  for (const w of warnings) {
    const key = w.code ?? w.message;
    const seen = byCode.get(key);
    if (seen) seen.more++;
    else byCode.set(key, { first: w.message, more: 0 });
  }
  for (const { first, more } of byCode.values()) out.push(more ? `${first} (and ${more} similar)` : first);
  return out;
}

const timings: number[] = [];

function showJump(id: string, value: number, reliable: boolean): void {
  const out = $(id);
  if (!Number.isFinite(value)) {
    out.textContent = "–";
    out.className = "";
    return;
  }
  // while a guard fails the number is no result: say so, keep the value only as a hint
  out.textContent = reliable ? `${value.toFixed(3)} V` : `unreliable (computed ${value.toFixed(2)} V)`;
  out.className = reliable ? "" : "unreliable";
}

function setWarnings(lines: string[]): void {
  $("warnings").innerHTML = lines.map((m) => `<li>${escape(m)}</li>`).join("");
  $("warnbox").classList.toggle("none", lines.length === 0);
  $("warnsummary").textContent = lines.length === 0 ? "no warnings" : `${lines.length} warning${lines.length === 1 ? "" : "s"}: ${lines[0]}`;
}

function narrow(): boolean {
  return window.innerWidth < 700 || (window.matchMedia?.("(pointer: coarse)").matches ?? false);
}

const api: ExplorerApi = {
  timings,
  pending: Promise.resolve(),
  selection,
  values,
  async update() {
    const t0 = performance.now();
    let computeMs = 0;
    const sel = selection();
    const p = paperValues(sel);
    $("paperA").textContent = p.anode;
    $("paperC").textContent = p.cathode;
    writeHash();
    try {
      const r = exploreCell(set, sel, knobsFromControls(values()));
      computeMs = performance.now() - t0;
      const failed = r.map.warnings.filter((w) => unreliableWarningCodes.has(w.code));
      const reliable = failed.length === 0 && Number.isFinite(r.dphiAnode) && Number.isFinite(r.dphiCathode);
      showJump("dphiA", r.dphiAnode, reliable);
      showJump("dphiC", r.dphiCathode, reliable);
      const status = $("status");
      const why: Record<string, string> = {
        "above-site-density": "a defect is denser than its sites",
        "fermi-level-outside-bands": "E_F lies outside the bands",
        "neutrality-residual": "charge neutrality is not solved",
        "fermi-level-degenerate": "E_F lies in a band (a metal, not an electrolyte)",
      };
      const reasons = [...new Set(failed.map((w) => why[w.code] ?? w.code))];
      status.textContent = reliable ? "all guards pass: the jumps are results of the model" : `unreliable: ${reasons.join("; ") || "a jump is not finite"} (see the warnings)`;
      status.className = reliable ? "status" : "status bad";
      const codes = new Map(r.map.warnings.map((w) => [w.message, w.code as string]));
      setWarnings(groupWarnings(r.messages.map((m) => ({ code: codes.get(m), message: m }))));
      const fig = withDefaultLayout(r.figure);
      // The legend never changes while sliders move: drawn once in HTML, not by Plotly on
      // every move (about half of Plotly's redraw time).
      if (!$("legend").childElementCount) $("legend").innerHTML = legendHtml(fig.data as LegendTrace[]);
      const width = Math.min(900, $("map").clientWidth || 900);
      const small = width < 600;
      const title = `${sel.anode} | ${sel.electrolyte} | ${sel.cathode} (SOC ${sel.soc})`;
      const layout: Record<string, unknown> = {
        ...fig.layout,
        showlegend: false,
        width,
        height: small ? 300 : 560,
        title: { text: title, x: 0.02, xanchor: "left", font: { size: small ? 13 : 17 } },
        font: { ...(fig.layout?.font ?? {}), size: small ? 12 : 14 },
        margin: { l: small ? 50 : 70, r: 8, t: small ? 30 : 44, b: small ? 40 : 60 },
        xaxis: { ...(fig.layout?.xaxis ?? {}), title: { text: small ? "position (electrolyte = OCV wide)" : "position (arb. units; electrolyte width = OCV in V)" } },
        yaxis: { ...(fig.layout?.yaxis ?? {}), title: { text: small ? "energy vs Li E<sub>F</sub> (eV)" : "energy relative to the Li Fermi level (eV)" } },
      };
      if (narrow()) layout.dragmode = false;
      await Plotly.react($("map"), fig.data, layout, { displaylogo: false, scrollZoom: false });
      $("map").setAttribute(
        "aria-label",
        `potential map of ${title}: Δφa ${reliable ? r.dphiAnode.toFixed(2) + " V" : "unreliable"}, Δφc ${reliable ? r.dphiCathode.toFixed(2) + " V" : "unreliable"}`,
      );
      const total = performance.now() - t0;
      timings.push(total);
      $("timing").textContent = `(${total.toFixed(0)} ms)`;
      return { computeMs, drawMs: total - computeMs, dphiAnode: r.dphiAnode, dphiCathode: r.dphiCathode, reliable };
    } catch (e) {
      showJump("dphiA", NaN, false);
      showJump("dphiC", NaN, false);
      $("status").textContent = "no map for these inputs";
      $("status").className = "status bad";
      setWarnings([String(e instanceof Error ? e.message : e)]);
      return { computeMs, drawMs: 0, dphiAnode: NaN, dphiCathode: NaN, reliable: false };
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
  api.pending = api.update();
});
$("share").addEventListener("click", () => {
  writeHash();
  const done = (text: string) => ($("shared").textContent = text);
  if (navigator.clipboard) navigator.clipboard.writeText(location.href).then(() => done("link copied"), () => done("copy the address bar"));
  else done("copy the address bar");
});
buildSliders(fromUrl.values);
api.pending = api.update();
