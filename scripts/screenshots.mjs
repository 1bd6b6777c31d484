#!/usr/bin/env node
// Screenshots of the offline site (output/site, built by `npm run site` or `npm run reproduce`)
// at a laptop (1280 x 900) and a phone (390 x 844) width, for looking at the layout by eye:
//
//   node scripts/screenshots.mjs [--out output/screenshots] [page ...]
//
// Default pages: index, 03-fermi-level-slopes, 07a-what-if-defects-and-temperature, explorer.
// Each notebook page is shot twice: at its top and at its first figure; the index and the
// explorer at the top of the page (the index down to 2600 px). Also the explorer with every
// slider at its minimum (the unphysical state) and a figure opened full-screen on the phone.
// Writes output/screenshots/<page>-<width>[-figure].png; prints the files.
// @ts-check
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const render = require(path.join(ROOT, "lib", "dist", "notebook", "render.js"));

const args = process.argv.slice(2);
let out = path.join(ROOT, "output", "screenshots");
/** @type {string[]} */
const wanted = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--out") out = path.resolve(args[++i]);
  else wanted.push(args[i]);
}
const pages = wanted.length ? wanted : ["index", "03-fermi-level-slopes", "07a-what-if-defects-and-temperature", "explorer"];
const site = path.join(ROOT, "output", "site");
fs.mkdirSync(out, { recursive: true });
const profile = fs.mkdtempSync(path.join(ROOT, "output", ".shots-profile-"));
const context = await render.launchChromium(profile);
/** @type {string[]} */
const written = [];
try {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    for (const name of pages) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(pathToFileURL(path.join(site, `${name}.html`)).href, { waitUntil: "load" });
      await page.evaluate(() => /** @type {any} */ (window).potmapFigures);
      if (name === "explorer") await page.waitForFunction(() => document.querySelector("#map svg.main-svg") !== null);
      const file = (/** @type {string} */ tail) => path.join(out, `${name}-${width}${tail}.png`);
      if (name === "index") {
        // lazy thumbnails load only when scrolled to: load them all for the full-page shot
        await page.evaluate(() => Promise.all(Array.from(document.images, (i) => ((i.loading = "eager"), i.decode().catch(() => undefined)))));
        const full = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path: file(""), fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(full, 2600) } });
        written.push(file(""));
      } else {
        await page.screenshot({ path: file("") });
        written.push(file(""));
      }
      if (name !== "index" && name !== "explorer") {
        await page.evaluate(() => document.querySelector(".plotly-figure")?.scrollIntoView());
        await page.screenshot({ path: file("-figure") });
        written.push(file("-figure"));
        if (width < 500) {
          await page.click(".plotly-figure button.enlarge");
          await page.waitForSelector(".fullscreen svg.main-svg");
          await page.screenshot({ path: file("-fullscreen") });
          written.push(file("-fullscreen"));
        }
      }
      if (name === "explorer") {
        // every slider at its minimum: the unphysical state must read as unreliable
        await page.evaluate(async () => {
          for (const s of document.querySelectorAll("#sliders input[type=range]")) {
            const r = /** @type {HTMLInputElement} */ (s);
            r.value = r.min;
            r.dispatchEvent(new Event("input"));
          }
          await /** @type {any} */ (window).potmapExplorer.pending;
        });
        await page.screenshot({ path: file("-minimum") });
        written.push(file("-minimum"));
      }
      await page.close();
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
for (const f of written) console.log(path.relative(process.cwd(), f));
