#!/usr/bin/env node
// The course as an offline site: output/site/ from the executed notebooks in output/notebooks/.
//
//   node scripts/site.mjs                 build output/site from output/notebooks
//   node scripts/site.mjs --from DIR --out DIR
//
// Called by scripts/reproduce.mjs after the notebooks ran. Works for any set of notebooks
// (it lists the folder) and reads nothing of their content but nbformat 4 fields:
//   index.html      the course outline: each notebook's first heading, its objectives (or its
//                   first paragraph) and a thumbnail of its first figure; a link to the explorer
//   NN-name.html    one page per notebook: Markdown rendered with marked, math rendered at
//                   build time by KaTeX (HTML + MathML), code cells numbered In [n] inside a
//                   <details> (folded by a click), outputs: interactive Plotly figures (spec
//                   from the application/vnd.plotly.v1+json output) with the PNG as fallback,
//                   tables, text; previous/next links
//   explorer.html   the potential map of any cell of the built-in set, recomputed in the
//                   browser on every slider move (scripts/site/explorer.ts bundled by esbuild);
//                   its view (cell and moved sliders) in the URL's #fragment
//   gallery.html    docs/gallery/README.md with its images under gallery/
// Figures fit their box (a phone: smaller fonts, wrapped title, no drag zoom so that a swipe
// scrolls; grids of side-by-side panels as their image) and open full-screen from a button.
// Links to project files outside the site are dropped (their text kept); build paths are
// removed from every page and from explorer-data.js (withoutBuildPaths).
//   assets/         plotly.min.js (minified once from plotly.js-dist), KaTeX's CSS and fonts,
//                   site.css, figures.js, explorer.js, explorer-data.js
// Nothing on a page is fetched from outside the folder: it opens from file:// and from any
// static host.
// @ts-check
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/**
 * @typedef {{ output_type: string, name?: string, text?: string | string[], data?: Record<string, unknown>, metadata?: Record<string, any>, ename?: string, evalue?: string, traceback?: string[] }} Output
 * @typedef {{ cell_type: string, source?: string | string[], execution_count?: number | null, outputs?: Output[] }} Cell
 * @typedef {{ cells: Cell[], metadata?: Record<string, unknown> }} Notebook
 * @typedef {{ file: string, name: string, html: string, title: string, heading: string, intro: string, thumbnail: string | null, figures: number }} Page
 */

/** @param {string | string[] | undefined} t */
const joinText = (t) => (Array.isArray(t) ? t.join("") : String(t ?? ""));

/** @param {string} s */
export function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// ------------------------------------------------------------------ Markdown and math

/**
 * Math in Markdown rendered by KaTeX at build time. The TeX is cut out before marked sees it
 * (marked would eat `_` and `*` inside it) and put back as HTML + MathML afterwards; code
 * spans and fences are left alone, so `$x` in code stays code.
 * @param {string} md
 * @returns {string} HTML
 */
export function renderMarkdown(md) {
  const katex = require("katex");
  const { Marked } = require("marked");
  /** @type {string[]} */
  const pieces = [];
  /** @param {string} tex @param {boolean} display */
  const keep = (tex, display) => {
    pieces.push(katex.renderToString(tex, { displayMode: display, output: "htmlAndMathml", throwOnError: false, strict: "ignore" }));
    return `KATEXMATH${pieces.length - 1}X`;
  };
  /** @param {string} text */
  const math = (text) =>
    text
      .replace(/\$\$([\s\S]+?)\$\$/g, (_, t) => keep(t, true))
      .replace(/\\\[([\s\S]+?)\\\]/g, (_, t) => keep(t, true))
      .replace(/\\\(([\s\S]+?)\\\)/g, (_, t) => keep(t, false))
      .replace(/(^|[^\\$])\$(?=\S)((?:\\.|[^$\\\n]|\n(?!\s*\n))+?)\$(?!\d)/g, (_, pre, t) => pre + keep(t, false));
  // fences and code spans pass through; math elsewhere
  const parts = md.split(/(^```[\s\S]*?^```[^\n]*$|`+[^`\n]*`+)/m);
  const protectedMd = parts.map((p, i) => (i % 2 === 1 ? p : math(p))).join("");
  const marked = new Marked({ gfm: true, breaks: false });
  const html = /** @type {string} */ (marked.parse(protectedMd, { async: false }));
  // a wide table scrolls in its own box instead of widening the page on a phone
  return html
    .replace(/<table>/g, '<div class="table-wrap"><table>')
    .replace(/<\/table>/g, "</table></div>")
    .replace(/KATEXMATH(\d+)X/g, (_, i) => pieces[Number(i)]);
}

/**
 * The parts of a notebook's first Markdown cell the index shows: the first heading (without
 * its "NN ·" prefix), and either its learning objectives (the paragraph that names them and
 * the list under it) or its first paragraph.
 * @param {Notebook} nb
 */
export function outline(nb) {
  const first = nb.cells.find((c) => c.cell_type === "markdown");
  const md = joinText(first?.source);
  const heading = /^#\s+(.+)$/m.exec(md)?.[1].trim() ?? "";
  const title = heading.replace(/^[0-9]+[a-z]?\s*[·:.-]\s*/i, "");
  const blocks = md.replace(/^#\s+.+$/m, "").split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  const isList = (/** @type {string} */ b) => /^([*-]|\d+\.)\s/.test(b);
  let at = blocks.findIndex((b) => /objective|you will|you can|you learn/i.test(b));
  if (at < 0) at = blocks.findIndex((b) => !/^\*\*(paper|time|prerequisites?)[:.]/i.test(b) && !isList(b));
  if (at < 0) return { heading, title: title || heading, intro: "" };
  // a paragraph that announces a list ("...per material:") or an equation takes it with it
  const intro = !/[.!?)]$/.test(blocks[at]) && blocks[at + 1] ? blocks[at] + "\n\n" + blocks[at + 1] : blocks[at];
  return { heading, title: title || heading, intro };
}

// ------------------------------------------------------------------ cells and outputs

/** @param {string} s */
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");

/**
 * One output as HTML. Plotly figures become a div with the spec in a JSON script and the PNG
 * inside as the fallback (assets/figures.js replaces it with the interactive figure).
 * @param {Output} o
 * @param {{ figureId: () => string }} ctx
 */
function renderOutput(o, ctx) {
  if (o.output_type === "stream") {
    return `<pre class="output stream ${o.name === "stderr" ? "stderr" : ""}">${escapeHtml(stripAnsi(joinText(o.text)))}</pre>`;
  }
  if (o.output_type === "error") {
    const tb = (o.traceback ?? []).map(stripAnsi).join("\n");
    return `<pre class="output error">${escapeHtml(tb || `${o.ename}: ${o.evalue}`)}</pre>`;
  }
  const data = o.data ?? {};
  const plain = joinText(/** @type {string | string[] | undefined} */ (data["text/plain"]));
  const png = data["image/png"];
  const pngMeta = o.metadata?.["image/png"] ?? {};
  const img = (/** @type {string} */ alt) =>
    typeof png === "string"
      ? `<img src="data:image/png;base64,${png.replace(/\s/g, "")}" alt="${escapeHtml(alt)}"${pngMeta.width ? ` width="${pngMeta.width}"` : ""}>`
      : "";
  if (data[PLOTLY_MIME]) {
    const id = ctx.figureId();
    const json = JSON.stringify(data[PLOTLY_MIME]).replace(/</g, "\\u003c");
    // the figure's accessible name is its caption (one or two sentences, notebook/display.ts)
    return (
      `<figure class="output plotly-figure"${plain ? ` aria-labelledby="${id}-caption"` : ""}>` +
      `<button type="button" class="enlarge" data-figure="${id}" aria-label="open the figure full-screen">⤢ full screen</button>` +
      `<div class="plotly-target" id="${id}" data-spec="${id}-spec">${img(plain)}</div>` +
      `<script type="application/json" id="${id}-spec">${json}</script>` +
      (plain ? `<figcaption id="${id}-caption">${escapeHtml(plain)}</figcaption>` : "") +
      `</figure>`
    );
  }
  if (typeof data["text/html"] === "string" || Array.isArray(data["text/html"])) {
    return `<div class="output html">${renderHtmlMath(joinText(/** @type {string | string[]} */ (data["text/html"])))}</div>`;
  }
  if (typeof png === "string") return `<figure class="output image">${img(plain)}</figure>`;
  if (data["image/svg+xml"]) return `<figure class="output image">${joinText(/** @type {string | string[]} */ (data["image/svg+xml"]))}</figure>`;
  if (data["text/markdown"]) return `<div class="output markdown">${renderMarkdown(joinText(/** @type {string | string[]} */ (data["text/markdown"])))}</div>`;
  if (plain) return `<pre class="output text">${escapeHtml(stripAnsi(plain))}</pre>`;
  return "";
}

/**
 * Relative links and images of a notebook's Markdown: another notebook → its page; a file of
 * the project → a path from the site folder (works from a checkout, opened as file://).
 * @param {string} html
 * @param {{ notebookDir: string, siteDir: string, pages: Set<string> }} where
 */
function rewriteLinks(html, where) {
  const OUTSIDE = "POTMAP-OUTSIDE-LINK";
  const linked = html.replace(/(href|src)="([^"#][^"]*)"/g, (all, attr, href) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("/")) return all;
    const [file, hash = ""] = href.split("#");
    const base = path.basename(file, ".ipynb");
    if (file.endsWith(".ipynb") && where.pages.has(base)) return `${attr}="${base}.html${hash ? "#" + hash : ""}"`;
    // the gallery is copied into the site (gallery.html and gallery/*.png)
    const inGallery = path.relative(GALLERY_SOURCE, path.resolve(where.notebookDir, file)).split(path.sep).join("/");
    if (!inGallery.startsWith("..") && !path.isAbsolute(inGallery)) {
      const to = inGallery === "README.md" || inGallery === "" ? "gallery.html" : `gallery/${inGallery}`;
      return `${attr}="${to}${hash ? "#" + hash : ""}"`;
    }
    // any other file of the project is not part of the site: the link is dropped, its text kept
    return `${attr}="${OUTSIDE}"`;
  });
  return linked.replace(new RegExp(`<a href="${OUTSIDE}"[^>]*>([\\s\\S]*?)</a>`, "g"), "$1").replace(new RegExp(`<img src="${OUTSIDE}"[^>]*>`, "g"), "");
}

const GALLERY_SOURCE = path.join(ROOT, "docs", "gallery");

/**
 * Build paths never reach the site: the project folder becomes relative ("data/..."), its
 * parent "..", and a temporary folder a phrase (error tracebacks, records' file names).
 * @param {string} text
 */
export function withoutBuildPaths(text) {
  const root = ROOT.split(path.sep).join("/");
  const parent = path.dirname(ROOT).split(path.sep).join("/");
  return text
    .split(root + "/").join("")
    .split(root).join(".")
    .split(parent + "/").join("../")
    .replace(/\/tmp\/[^\s"'<>)]*/g, "(a temporary folder)");
}

// ------------------------------------------------------------------ page template

/**
 * @param {{ title: string, body: string, plotly?: boolean, scripts?: string[], nav?: string, wide?: boolean }} p
 */
function page({ title, body, plotly = false, scripts = [], nav = "", wide = false }) {
  return withoutBuildPaths(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · potmap course</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
<header class="site"><a href="index.html">potmap course</a><span class="sep">·</span><a href="explorer.html">explorer</a><span class="sep">·</span><a href="gallery.html">gallery</a></header>
${nav}
<main${wide ? ' class="wide"' : ""}>
${body}
</main>
${nav}
${plotly ? '<script src="assets/plotly.min.js"></script>\n<script src="assets/figures.js"></script>' : ""}
${scripts.map((s) => `<script src="${s}"></script>`).join("\n")}
</body>
</html>
`);
}

/**
 * @param {Page | undefined} prev
 * @param {Page | undefined} next
 */
function navBar(prev, next) {
  const link = (/** @type {Page | undefined} */ p, /** @type {string} */ rel, /** @type {string} */ arrow) =>
    p ? `<a class="${rel}" rel="${rel}" href="${p.name}.html">${rel === "prev" ? arrow + " " : ""}${escapeHtml(p.heading)}${rel === "next" ? " " + arrow : ""}</a>` : "<span></span>";
  return `<nav class="pager">${link(prev, "prev", "←")}<a href="index.html">contents</a>${link(next, "next", "→")}</nav>`;
}

/**
 * One notebook as a page body (cells in order; code cells numbered from 1 when the executed
 * notebook carries no execution counts).
 * @param {Notebook} nb
 * @param {string} name
 * @param {{ notebookDir: string, siteDir: string, pages: Set<string> }} where
 */
function renderNotebook(nb, name, where) {
  let n = 0;
  let figures = 0;
  /** @type {string | null} */
  let thumbnail = null;
  const ctx = { figureId: () => `${name}-fig${++figures}` };
  const cells = nb.cells.map((c) => {
    if (c.cell_type === "markdown") return `<section class="cell markdown">${rewriteLinks(renderMarkdown(joinText(c.source)), where)}</section>`;
    if (c.cell_type !== "code") return "";
    n++;
    const count = typeof c.execution_count === "number" ? c.execution_count : n;
    const src = joinText(c.source);
    const lines = src.split("\n").length;
    for (const o of c.outputs ?? []) if (!thumbnail && typeof o.data?.["image/png"] === "string") thumbnail = /** @type {string} */ (o.data["image/png"]);
    const outs = (c.outputs ?? []).map((o) => renderOutput(o, ctx)).join("\n");
    return (
      `<section class="cell code" id="cell-${count}">` +
      `<details class="source" open><summary><span class="prompt">In [${count}]:</span> <span class="lines">${lines} line${lines === 1 ? "" : "s"}</span></summary>` +
      `<pre><code class="language-typescript">${escapeHtml(src)}</code></pre></details>` +
      (outs ? `<div class="outputs"><span class="prompt">Out [${count}]:</span>${outs}</div>` : "") +
      `</section>`
    );
  });
  return { body: cells.join("\n"), figures, thumbnail };
}

// ------------------------------------------------------------------ assets

const CSS = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --code: #f5f6f8; --accent: #1f4fd8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 "DejaVu Sans", system-ui, sans-serif; color: var(--ink); background: #fff; }
header.site { padding: .6rem 1rem; border-bottom: 1px solid var(--line); font-weight: 600; }
header.site a { color: var(--ink); text-decoration: none; } header.site .sep { margin: 0 .5rem; color: var(--muted); }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
main.wide { max-width: 84rem; }
a { color: var(--accent); }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; max-width: 60rem; margin: 0 auto; padding: .6rem 1rem; font-size: .92rem; }
nav.pager a.next { text-align: right; }
.cell { margin: 1rem 0; }
.cell.code details.source { border: 1px solid var(--line); border-radius: 6px; background: var(--code); }
.cell.code summary { cursor: pointer; padding: .2rem .6rem; color: var(--muted); font-size: .85rem; }
.prompt { font-family: "DejaVu Sans Mono", monospace; color: #303f9f; font-size: .85rem; }
.outputs > .prompt { color: #bf360c; display: block; margin: .3rem 0 .1rem; }
pre { margin: 0; padding: .6rem; overflow-x: auto; font: 13.5px/1.45 "DejaVu Sans Mono", monospace; }
.cell.code pre code { white-space: pre-wrap; overflow-wrap: anywhere; }
pre.output { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; }
pre.stderr { background: #fff4f4; } pre.error { background: #fdecea; color: #8a1c1c; }
.output.html, .table-wrap, #map { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: .2rem .6rem; }
thead th { border-bottom: 2px solid var(--ink); } caption { text-align: left; font-weight: 600; padding: .3rem 0; }
figure { margin: .5rem 0; max-width: 100%; overflow-x: auto; }
figure img, .markdown img, main img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: .2rem 0; }
.markdown code { background: var(--code); padding: 0 .2rem; border-radius: 3px; font-size: .9em; }
.outline { list-style: none; padding: 0; }
.outline > li { display: flex; gap: 1rem; padding: 1rem 0; border-bottom: 1px solid var(--line); }
.outline .thumb { flex: 0 0 200px; } .outline .thumb img { width: 200px; height: auto; border: 1px solid var(--line); }
.outline h2 { margin: 0 0 .3rem; font-size: 1.15rem; }
.outline .intro p { margin: .2rem 0; }
@media (max-width: 640px) { .outline > li { flex-direction: column; } .outline .thumb { order: 1; flex-basis: auto; } .outline .thumb img { width: 100%; } main { padding: .6rem; } }
.plotly-figure { position: relative; }
.plotly-figure .enlarge { display: block; margin: 0 0 .2rem auto; font-size: .8rem; padding: .15rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--ink); cursor: pointer; }
/* Plotly's toolbar sits in a strip above the figure, never over its title */
.plotly-target, #map { position: relative; padding-top: 30px; }
.plotly-target.static { padding-top: 0; }
.plotly-target .modebar-container, #map .modebar-container { top: -30px !important; }
.fullscreen { position: fixed; inset: 0; z-index: 1000; background: #fff; overflow: auto; padding: .5rem; }
.fullscreen .close { position: sticky; left: 0; top: 0; z-index: 1; font-size: 1rem; padding: .3rem .8rem; margin-bottom: .3rem; }
.explorer { display: grid; grid-template-columns: 20rem minmax(0, 1fr); gap: 1rem; }
.explorer .controls label { display: block; font-size: .85rem; margin: .5rem 0 0; }
.explorer .controls input[type=range] { width: 100%; }
.explorer .controls select { width: 100%; }
.explorer .help { display: block; color: var(--muted); font-size: .78rem; line-height: 1.35; margin: .1rem 0 .2rem; }
.explorer output { font-family: "DejaVu Sans Mono", monospace; }
.explorer .jumps { font-size: 1.05rem; margin: .3rem 0; min-height: 3.2em; }
.explorer .paper { color: var(--muted); font-size: .85rem; }
.explorer output.unreliable { color: #8a1c1c; font-weight: 600; }
.explorer .status { min-height: 1.6em; margin: .2rem 0; font-size: .9rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.explorer .status.bad { color: #8a1c1c; font-weight: 600; }
/* one line when closed, whatever the number of warnings: the map below never moves */
.explorer details.warnings { margin: .2rem 0; font-size: .88rem; }
.explorer details.warnings > summary { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; cursor: pointer; color: #8a1c1c; }
.explorer details.warnings.none > summary { color: var(--muted); }
.explorer details.warnings ul { max-height: 10rem; overflow-y: auto; margin: .2rem 0; padding-left: 1.2rem; color: #8a1c1c; }
.explorer .mapwrap { display: grid; grid-template-columns: minmax(0, 1fr) 13rem; gap: .5rem; align-items: start; }
.explorer .legend { font-size: .85rem; margin: 30px 0 0; }
.explorer .legend .entry { display: flex; align-items: center; gap: .4rem; margin: .25rem 0; }
.explorer .legend .swatch { flex: 0 0 2rem; display: inline-block; width: 2rem; height: 0; }
.explorer .legend .swatch.box { height: .9rem; border-radius: 2px; }
.explorer .howto { border: 1px solid var(--line); border-radius: 6px; padding: .3rem .8rem; margin: .5rem 0; font-size: .92rem; }
.explorer .howto summary, details.howto summary { cursor: pointer; font-weight: 600; }
details.howto { border: 1px solid var(--line); border-radius: 6px; padding: .3rem .8rem; margin: .5rem 0; font-size: .92rem; }
#share { margin-left: .3rem; }
@media (max-width: 1100px) { .explorer .mapwrap { grid-template-columns: 1fr; } .explorer .legend { margin: 0; } }
/* phone: the map first and kept in view (sticky) while the sliders below it scroll */
@media (max-width: 800px) { .explorer { grid-template-columns: minmax(0, 1fr); } .explorer .result { order: -1; position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); }
  .explorer .legend { display: flex; flex-wrap: wrap; gap: 0 .8rem; font-size: .75rem; } .explorer .legend .entry { margin: .1rem 0; } .explorer .legend .swatch { flex-basis: 1.2rem; width: 1.2rem; }
  .explorer .jumps { font-size: .9rem; min-height: 2.6em; } #timing { display: none; } .explorer #map { padding-top: 0; } }
@media (max-width: 640px) { h1 { font-size: 1.45rem; } }
`;

// Draws each figure from its JSON spec; on any failure the PNG inside stays. A figure wider
// than its box is fitted to it (on a phone with smaller fonts, a wrapped title and the legend
// below), or, when its panels sit side by side, shown as its image; "full screen" opens it at its own size in an overlay that scrolls. On a touch screen
// or a narrow one, dragging scrolls the page (no drag zoom, no wheel zoom): zoom with the
// toolbar's +/- buttons or in full screen.
const FIGURES_JS = `(function () {
  function narrowOrTouch() {
    return window.innerWidth < 700 || (window.matchMedia && window.matchMedia("(pointer: coarse)").matches);
  }
  function wrap(text, chars) {
    var words = String(text).split(" "), lines = [], line = "";
    words.forEach(function (w) {
      var plain = (line + " " + w).replace(/<[^>]*>/g, "");
      if (line && plain.length > chars) { lines.push(line); line = w; } else { line = line ? line + " " + w : w; }
    });
    if (line) lines.push(line);
    return lines;
  }
  function fitted(spec, room, full) {
    var layout = JSON.parse(JSON.stringify(spec.layout || {}));
    var want = layout.width || 900;
    if (!full && want > room) {
      layout.width = room;
      if (room < 700) {
        layout.font = Object.assign({}, layout.font || {}, { size: Math.max(11, Math.round(((layout.font && layout.font.size) || 14) * 0.85)) });
        var t = layout.title;
        var text = typeof t === "string" ? t : t && t.text;
        if (text) {
          var lines = wrap(text, Math.max(24, Math.floor(room / 8.5)));
          layout.title = Object.assign({}, typeof t === "object" ? t : {}, { text: lines.join("<br>"), font: { size: 14 }, x: 0.02, xanchor: "left" });
          if (lines.length > 1) {
            layout.margin = Object.assign({}, layout.margin || {});
            layout.margin.t = Math.max(layout.margin.t || 40, 24 + 18 * lines.length);
            if (typeof layout.title === "object" && layout.title.yref === "container") delete layout.title.y;
            if (layout.height) layout.height += 18 * (lines.length - 1);
          }
        }
        if (layout.legend && layout.legend.x >= 1) layout.legend = Object.assign({}, layout.legend, { orientation: "h", x: 0, xanchor: "left", y: -0.25, yanchor: "top" });
        if (layout.margin) layout.margin = Object.assign({}, layout.margin, { r: Math.min(layout.margin.r || 20, 40) });
      }
    }
    return layout;
  }
  function config(full) {
    return { displaylogo: false, responsive: false, scrollZoom: false, doubleClick: "reset" };
  }
  function plot(div, spec, full) {
    var layout = fitted(spec, div.parentNode.clientWidth || 900, full);
    if (narrowOrTouch() && !full) layout.dragmode = false;
    return Plotly.newPlot(div, spec.data, layout, config(full));
  }
  // panels side by side (grids of maps) cannot be squeezed to a phone: their image is shown,
  // fitted to the width (pinch zooms it), and "full screen" opens the interactive figure
  function sideBySide(spec) {
    var layout = spec.layout || {}, starts = {};
    Object.keys(layout).forEach(function (k) {
      if (/^xaxis\\d*$/.test(k) && layout[k] && layout[k].domain) starts[Math.round(layout[k].domain[0] * 100)] = true;
    });
    return Object.keys(starts).length > 1;
  }
  function draw(div) {
    var spec = JSON.parse(document.getElementById(div.dataset.spec).textContent);
    var room = div.parentNode.clientWidth || 900;
    if (room < 700 && (spec.layout || {}).width > room && sideBySide(spec) && div.querySelector("img")) {
      div.classList.add("static");
      return Promise.resolve();
    }
    var fallback = div.innerHTML;
    div.innerHTML = "";
    return plot(div, spec, false).catch(function (e) {
      div.innerHTML = fallback; console.warn("figure " + div.id + " kept its image: " + e);
    });
  }
  function openFull(id) {
    var spec = JSON.parse(document.getElementById(id + "-spec").textContent);
    var box = document.createElement("div");
    box.className = "fullscreen"; box.setAttribute("role", "dialog"); box.setAttribute("aria-modal", "true");
    var caption = document.getElementById(id + "-caption");
    box.setAttribute("aria-label", caption ? caption.textContent : "figure");
    var close = document.createElement("button");
    close.type = "button"; close.className = "close"; close.textContent = "✕ close";
    var target = document.createElement("div");
    box.appendChild(close); box.appendChild(target);
    document.body.appendChild(box);
    document.body.style.overflow = "hidden";
    function done() { Plotly.purge(target); box.remove(); document.body.style.overflow = ""; document.querySelector('[data-figure="' + id + '"]').focus(); }
    close.addEventListener("click", done);
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") done(); });
    close.focus();
    return Plotly.newPlot(target, spec.data, fitted(spec, 0, true), config(true));
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.enlarge"), function (b) {
    b.addEventListener("click", function () { openFull(b.dataset.figure); });
  });
  window.potmapOpenFull = openFull;
  window.potmapFigures = Promise.all(Array.prototype.map.call(document.querySelectorAll(".plotly-target"), draw));
})();
`;

/**
 * plotly.js-dist minified once into assets/ (cached beside the site by size and mtime).
 * @param {string} assets
 */
async function plotlyAsset(assets) {
  const src = require.resolve("plotly.js-dist/plotly.js");
  const out = path.join(assets, "plotly.min.js");
  const stat = fs.statSync(src);
  const stamp = `${stat.size}-${stat.mtimeMs}`;
  const stampFile = out + ".stamp";
  if (fs.existsSync(out) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return;
  const esbuild = require("esbuild");
  await esbuild.build({ entryPoints: [src], outfile: out, minify: true, bundle: false, logLevel: "error", legalComments: "none" });
  fs.writeFileSync(stampFile, stamp);
}

/** @param {string} assets */
function katexAssets(assets) {
  const dist = path.dirname(require.resolve("katex/dist/katex.min.css"));
  const to = path.join(assets, "katex");
  fs.mkdirSync(path.join(to, "fonts"), { recursive: true });
  fs.copyFileSync(path.join(dist, "katex.min.css"), path.join(to, "katex.min.css"));
  // woff2 only: every browser that runs plotly.js 3 reads it (the CSS lists woff2 first, so the
  // woff and ttf files it names after it are never fetched)
  for (const f of fs.readdirSync(path.join(dist, "fonts")).filter((f) => f.endsWith(".woff2"))) fs.copyFileSync(path.join(dist, "fonts", f), path.join(to, "fonts", f));
}

/**
 * The explorer: scripts/site/explorer.ts bundled for the browser, and the built-in data set
 * (lib's readDataSet, i.e. toMaterial on every record) as a script that sets a global.
 * @param {string} assets
 */
async function explorerAssets(assets) {
  const esbuild = require("esbuild");
  await esbuild.build({
    entryPoints: [path.join(ROOT, "scripts", "site", "explorer.ts")],
    outfile: path.join(assets, "explorer.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    logLevel: "error",
    // constants.ts loads mathjs lazily for unit conversions the explorer never calls
    external: ["mathjs"],
  });
  const potmap = require(path.join(ROOT, "lib", "dist", "index.js"));
  const set = potmap.readDataSet(potmap.builtinMaterialsFolder());
  const published = JSON.parse(fs.readFileSync(path.join(ROOT, "data", "published.json"), "utf8"));
  const paper = { source: published.source, dphiAnode: published.dphiAnode?.values ?? {}, table1: published.table1?.rows ?? [] };
  fs.writeFileSync(
    path.join(assets, "explorer-data.js"),
    withoutBuildPaths(`window.POTMAP_DATA = ${JSON.stringify(set)};\nwindow.POTMAP_PAPER = ${JSON.stringify(paper)};\n`),
  );
}

const EXPLORER_BODY = `<h1>Explorer: one cell, every input on a slider</h1>
<p>Pick an anode, an electrolyte, a cathode and its state of charge; move any input. The potential map
and the interface jumps $\\Delta\\phi_a$ (eq. 6) and $\\Delta\\phi_c$ (eq. 7) are recomputed in this page by the
potmap library on every move (no server, no kernel). The sliders start at the data set's values;
<button type="button" id="reset">reset</button> puts them back. The address of this page holds the view:
<button type="button" id="share">copy link to this view</button> <span id="shared" role="status"></span></p>
<details class="howto" id="howto"><summary>How to read this</summary>
<ul>
<li>Left to right: the Li anode, the electrolyte (drawn as wide as the cell's open-circuit voltage, so one tick is 1 V of $\\mu_{Li}$), the cathode. All energies are relative to the Li Fermi level.</li>
<li>$\\mu_{Li}$ (dashed) falls by $e\\cdot$OCV across the electrolyte; the electrolyte's Fermi level follows from its defects, and its bands sit at its ionization potential (IP) below the vacuum level. The electrostatic energy $e\\phi$ (purple) is what is left over.</li>
<li>$\\Delta\\phi_a$ and $\\Delta\\phi_c$ are the jumps of $\\phi$ at the anode and cathode interfaces (eqs. 6, 7). The paper reads a positive jump (red label) as opposing Li⁺ moving towards the cathode, a barrier to discharge, and a negative one (blue label) as a barrier to charge: a hypothesis about driven transport, not a result. Near zero is the paper's criterion for a low interfacial resistance.</li>
<li>Grey: $\\mu_{Li}$ outside the electrolyte's stability window (it would decompose there). “paper” is the value printed by Swift <i>et al.</i> for the same cell (Fig. 3, Table 1), when it prints one.</li>
<li>When a guard fails (a defect denser than its sites, $E_F$ outside the gap…) the numbers are no result of the model: the jumps are then marked <b>unreliable</b>.</li>
</ul></details>
<div class="explorer">
<form class="controls" id="controls" onsubmit="return false">
<label>anode <select id="anode"></select></label>
<span class="help">The metal electrode; its work function sets the left edge. <a href="04-lithium-interfaces.html">Lesson 04</a></span>
<label>electrolyte <select id="electrolyte"></select></label>
<span class="help">The solid electrolyte: its defects fix its Fermi level at every $\\mu_{Li}$. <a href="02-defect-chemistry.html">Lesson 02</a></span>
<label>cathode <select id="cathode"></select></label>
<span class="help">The positive electrode. <a href="05-cathode-interfaces.html">Lesson 05</a></span>
<label>state of charge <select id="soc"></select></label>
<span class="help">0 % = lithiated (discharged), 100 % = delithiated; each has its own OCV, IP and gap. <a href="05-cathode-interfaces.html">Lesson 05</a></span>
<div id="sliders"></div>
</form>
<div class="result">
<p class="jumps">$\\Delta\\phi_a$ = <output id="dphiA">…</output> <span class="paper" id="paperA"></span><br>
$\\Delta\\phi_c$ = <output id="dphiC">…</output> <span class="paper" id="paperC"></span>
<span class="muted" id="timing"></span></p>
<p class="status" id="status" role="status"></p>
<details class="warnings" id="warnbox"><summary id="warnsummary">no warnings</summary><ul id="warnings"></ul></details>
<div class="mapwrap"><div id="map" class="plotly-map" role="img" aria-label="potential map"></div>
<div class="legend" id="legend" aria-label="legend of the map"></div></div>
</div>
</div>`;

// ------------------------------------------------------------------ the build

/**
 * Builds the site. Returns the pages and the seconds spent.
 * @param {{ from?: string, out?: string, notebookDir?: string }} [options]
 */
export async function buildSite(options = {}) {
  const t0 = Date.now();
  const from = path.resolve(options.from ?? path.join(ROOT, "output", "notebooks"));
  const out = path.resolve(options.out ?? path.join(ROOT, "output", "site"));
  const notebookDir = path.resolve(options.notebookDir ?? path.join(ROOT, "notebooks"));
  const files = fs.existsSync(from) ? fs.readdirSync(from).filter((f) => f.endsWith(".ipynb") && !f.startsWith(".")).sort() : [];
  const assets = path.join(out, "assets");
  const thumbs = path.join(out, "thumbs");
  fs.mkdirSync(assets, { recursive: true });
  // pages of notebooks that are gone must not linger
  for (const f of fs.readdirSync(out)) if (f.endsWith(".html")) fs.rmSync(path.join(out, f));
  fs.rmSync(thumbs, { recursive: true, force: true });
  fs.mkdirSync(thumbs, { recursive: true });

  const plotly = plotlyAsset(assets);
  const explorer = explorerAssets(assets);
  katexAssets(assets);
  fs.writeFileSync(path.join(assets, "site.css"), CSS.trimStart());
  fs.writeFileSync(path.join(assets, "figures.js"), FIGURES_JS);

  const names = new Set(files.map((f) => path.basename(f, ".ipynb")));
  const where = { notebookDir, siteDir: out, pages: names };
  /** @type {Page[]} */
  const pages = files.map((f) => {
    const name = path.basename(f, ".ipynb");
    /** @type {Notebook} */
    const nb = JSON.parse(fs.readFileSync(path.join(from, f), "utf8"));
    const { heading, title, intro } = outline(nb);
    const r = renderNotebook(nb, name, where);
    let thumbnail = null;
    if (r.thumbnail) {
      thumbnail = `thumbs/${name}.png`;
      fs.writeFileSync(path.join(out, thumbnail), Buffer.from(r.thumbnail, "base64"));
    }
    return { file: f, name, html: r.body, title, heading: heading || name, intro, thumbnail, figures: r.figures };
  });
  pages.forEach((p, i) => {
    const nav = navBar(pages[i - 1], pages[i + 1]);
    fs.writeFileSync(path.join(out, `${p.name}.html`), page({ title: p.title, body: p.html, plotly: p.figures > 0, nav }));
  });

  const items = pages.map(
    (p) =>
      // the thumbnail repeats the heading's link: out of the tab order and hidden from screen
      // readers (one tab stop per lesson); no box at all when a lesson has no figure
      `<li>${p.thumbnail ? `<div class="thumb"><a href="${p.name}.html" tabindex="-1" aria-hidden="true"><img src="${p.thumbnail}" alt="" loading="lazy"></a></div>` : ""}` +
      `<div><h2><a href="${p.name}.html">${escapeHtml(p.heading)}</a></h2><div class="intro">${rewriteLinks(renderMarkdown(p.intro), where)}</div></div></li>`,
  );
  const index = `<h1>potmap: interface potential maps, a course in notebooks</h1>
<p>The notebooks of the course, executed, in order. Each reproduces part of Swift <em>et al.</em>,
“Predicting low-impedance interfaces for solid-state batteries”. Figures are interactive (hover,
zoom); every code cell can be folded. The <a href="explorer.html">explorer</a> recomputes a potential
map in the browser while you move its inputs.</p>
<p><strong>Recommended order</strong> (the list below is in file order): 00 → 00b (TypeScript primer, if new to it) → 00a → 01 →
02 → 03 → 03b → <strong>09 (windows) before 04</strong> → 04 → 05 → a space-charge primer (00a section 5, 08 section 1)
<strong>before 06</strong> → 06 → 07a-07d → 08 → 10 (teachers).</p>
${files.length === 0 ? "<p><strong>No executed notebooks were found</strong> (run <code>npm run reproduce</code>).</p>" : ""}
<ol class="outline">
${items.join("\n")}
</ol>`;
  fs.writeFileSync(path.join(out, "index.html"), page({ title: "Contents", body: index }));
  galleryPage(out, where);
  fs.writeFileSync(
    path.join(out, "explorer.html"),
    page({ title: "Explorer", body: renderMarkdownInline(EXPLORER_BODY), plotly: false, wide: true, scripts: ["assets/plotly.min.js", "assets/explorer-data.js", "assets/explorer.js"] }),
  );
  await Promise.all([plotly, explorer]);
  return { pages: pages.map((p) => p.name), out, seconds: (Date.now() - t0) / 1000 };
}

/**
 * docs/gallery inside the site: its README as gallery.html, its images under gallery/.
 * @param {string} out
 * @param {{ notebookDir: string, siteDir: string, pages: Set<string> }} where
 */
function galleryPage(out, where) {
  const to = path.join(out, "gallery");
  fs.rmSync(to, { recursive: true, force: true });
  const readme = path.join(GALLERY_SOURCE, "README.md");
  if (!fs.existsSync(readme)) return;
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(GALLERY_SOURCE).filter((f) => f.endsWith(".png"))) fs.copyFileSync(path.join(GALLERY_SOURCE, f), path.join(to, f));
  const body = rewriteLinks(renderMarkdown(fs.readFileSync(readme, "utf8")), { ...where, notebookDir: GALLERY_SOURCE });
  fs.writeFileSync(path.join(out, "gallery.html"), page({ title: "Gallery", body }));
}

/**
 * Math in an HTML output of a notebook (tables: column names such as "$\\Delta\\phi_a$ (V)"):
 * $...$ in the text between tags rendered by KaTeX; tags and attributes are left alone.
 * @param {string} html
 */
export function renderHtmlMath(html) {
  const katex = require("katex");
  /** @param {string} t */
  const unescape = (t) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return html
    .split(/(<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\$(?=\S)([^$]+?)\$/g, (_, t) => katex.renderToString(unescape(t), { output: "htmlAndMathml", throwOnError: false, strict: "ignore" }))))
    .join("");
}

/**
 * Math in a piece of HTML written here (not Markdown): $...$ rendered by KaTeX.
 * @param {string} html
 */
function renderMarkdownInline(html) {
  const katex = require("katex");
  return html.replace(/\$([^$]+)\$/g, (_, t) => katex.renderToString(t, { output: "htmlAndMathml", throwOnError: false }));
}

// ------------------------------------------------------------------ command line

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  /** @type {{ from?: string, out?: string }} */
  const opts = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--from") opts.from = args[++i];
    else if (args[i] === "--out") opts.out = args[++i];
    else {
      console.error("usage: node scripts/site.mjs [--from output/notebooks] [--out output/site]");
      process.exit(2);
    }
  }
  const r = await buildSite(opts);
  console.log(`site: ${r.pages.length} notebook page(s), index, explorer → ${path.relative(process.cwd(), r.out)}/ (${r.seconds.toFixed(1)} s)`);
}
