#!/usr/bin/env node
// docs/gallery/: PNG images of the course's main figures, committed so that a code-hosting
// site shows them (the notebooks are committed without outputs), with index.json (for each
// figure: the hash of its normalised spec and of its PNG) and README.md.
//
//   npm run gallery            redraw every image from the library (lib/dist) and the built-in set
//   node scripts/gallery.mjs --check   only compare: exit 1 if an image is stale
//
// The recipes are the library's (lib/src/figures/gallery.ts galleryFigures); test/gallery.test.ts
// recomputes them and fails when a spec's hash differs from index.json (the data changed and
// the image was not redrawn) or a PNG differs from its recorded hash.
// @ts-check
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const GALLERY_DIR = path.join(ROOT, "docs", "gallery");
const require = createRequire(import.meta.url);

/**
 * @typedef {{ name: string, title: string, notebook: string, png: string, width: number, height: number, specHash: string, pngHash: string }} GalleryEntry
 */

/** @param {string | Buffer} data */
export const sha256 = (data) => crypto.createHash("sha256").update(data).digest("hex");

/**
 * Hash of a figure's normalised spec (numbers rounded as the plot snapshots round them).
 * @param {unknown} figure
 * @param {(v: unknown) => unknown} normalise  the library's normaliseFigure
 */
export function specHash(figure, normalise) {
  return sha256(JSON.stringify(normalise(figure)));
}

/** The library's gallery figures for the built-in data set, each with its spec hash. */
export function currentFigures() {
  const potmap = require(path.join(ROOT, "lib", "dist", "index.js"));
  const set = potmap.readDataSet(potmap.builtinMaterialsFolder());
  /** @type {{ name: string, title: string, notebook: string, width: number, height: number, figure: unknown }[]} */
  const figs = potmap.galleryFigures(set);
  return figs.map((g) => ({ ...g, specHash: specHash(g.figure, potmap.normaliseFigure) }));
}

/** @returns {GalleryEntry[]} */
export function readIndex() {
  const f = path.join(GALLERY_DIR, "index.json");
  return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")).figures : [];
}

/**
 * @param {GalleryEntry[]} entries
 */
function readme(entries) {
  const lines = [
    "# Gallery: the course's main figures",
    "",
    "Static images of the main figures, drawn by the library from the built-in data set, so that",
    "they show on a code-hosting site (the notebooks are committed without outputs). Each links to",
    "the notebook that explains it. The interactive versions are in the course site",
    "(`npm run reproduce` writes `output/site/index.html`).",
    "",
    "Redraw with `npm run gallery`. `index.json` records for each image the SHA-256 of the",
    "figure's normalised spec (numbers rounded to 3 decimals, as test/plots.test.ts rounds them)",
    "and of the PNG; test/gallery.test.ts recomputes the specs and fails when an image is stale.",
    "",
  ];
  for (const e of entries) {
    lines.push(`## ${e.title}`, "", `From [notebooks/${e.notebook}.ipynb](../../notebooks/${e.notebook}.ipynb).`, "", `![${e.title}](${e.png})`, "");
  }
  return lines.join("\n");
}

/** Redraws every image (Chromium through lib/dist/notebook/render.js) and writes index.json and README.md. */
export async function writeGallery() {
  const render = require(path.join(ROOT, "lib", "dist", "notebook", "render.js"));
  fs.mkdirSync(GALLERY_DIR, { recursive: true });
  /** @type {GalleryEntry[]} */
  const entries = [];
  try {
    for (const g of currentFigures()) {
      // scale 1: modest files (the repository stays small); the site has the sharp, interactive ones
      const img = await render.renderFigure(g.figure, { width: g.width, height: g.height, scale: 1, formats: ["png"] });
      const png = `${g.name}.png`;
      fs.writeFileSync(path.join(GALLERY_DIR, png), img.png);
      entries.push({ name: g.name, title: g.title, notebook: g.notebook, png, width: g.width, height: g.height, specHash: g.specHash, pngHash: sha256(img.png) });
    }
  } finally {
    await render.closeRenderer();
  }
  const keep = new Set(entries.map((e) => e.png));
  for (const f of fs.readdirSync(GALLERY_DIR)) if (f.endsWith(".png") && !keep.has(f)) fs.rmSync(path.join(GALLERY_DIR, f));
  fs.writeFileSync(path.join(GALLERY_DIR, "index.json"), JSON.stringify({ figures: entries }, null, 1) + "\n");
  fs.writeFileSync(path.join(GALLERY_DIR, "README.md"), readme(entries));
  return entries;
}

/** Names of the figures whose committed image is stale or missing. */
export function staleFigures() {
  const index = new Map(readIndex().map((e) => [e.name, e]));
  return currentFigures()
    .filter((g) => {
      const e = index.get(g.name);
      const file = e && path.join(GALLERY_DIR, e.png);
      return !e || e.specHash !== g.specHash || !file || !fs.existsSync(file) || sha256(fs.readFileSync(file)) !== e.pngHash;
    })
    .map((g) => g.name);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    const stale = staleFigures();
    console.log(stale.length ? `gallery: stale: ${stale.join(", ")} (run npm run gallery)` : "gallery: every image is up to date");
    process.exit(stale.length ? 1 : 0);
  }
  const t0 = Date.now();
  const entries = await writeGallery();
  const bytes = entries.reduce((s, e) => s + fs.statSync(path.join(GALLERY_DIR, e.png)).size, 0);
  console.log(`gallery: ${entries.length} images, ${(bytes / 1024).toFixed(0)} kB → ${path.relative(process.cwd(), GALLERY_DIR)}/ (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
