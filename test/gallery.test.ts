// docs/gallery/ is up to date: every main figure recomputed from the library has the spec hash
// recorded in docs/gallery/index.json, and every committed PNG has its recorded hash. When a
// figure's data change (a record, a recipe, a plot), the hash changes and this fails until
// `npm run gallery` redraws the image. The README and the notebooks link to the gallery.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { galleryFigures, normaliseFigure } from "../lib/src/figures/gallery";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { GALLERY_DIR, readIndex, sha256, specHash } from "../scripts/gallery.mjs";

const ROOT = path.resolve(__dirname, "..");
const set = readDataSet(builtinMaterialsFolder());
const figures = galleryFigures(set);
const index = new Map(readIndex().map((e) => [e.name, e]));

describe("docs/gallery", () => {
  test("the five main figures: Fig. 2, 3, 4c, 5 and the Fermi-level slopes", () => {
    expect(figures.map((f) => f.name)).toEqual(["fig2-band-alignment", "fig4c-llzo", "fig-fermi-slopes", "fig3-lco-maps", "fig5-llzo-maps"]);
  });

  for (const f of figures) {
    test(`${f.name}: the committed image shows the library's current figure (else: npm run gallery)`, () => {
      const e = index.get(f.name);
      expect(e, `${f.name} missing from docs/gallery/index.json`).toBeDefined();
      expect(specHash(f.figure, normaliseFigure), `${f.name}: the figure's data changed; run npm run gallery`).toBe(e!.specHash);
      const png = fs.readFileSync(path.join(GALLERY_DIR, e!.png));
      expect(sha256(png), `${e!.png} differs from the image index.json records`).toBe(e!.pngHash);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(png.length).toBeLessThan(200_000); // modest resolution: the repository stays small
    });
  }

  test("a change of the data changes the hash (an IP moved by 0.1 eV)", () => {
    const moved = { ...set, electrolytes: set.electrolytes.map((e) => (e.id === "LLZO" ? { ...e, ionizationPotential: e.ionizationPotential + 0.1 } : e)) };
    const before = figures.find((f) => f.name === "fig3-lco-maps")!;
    const after = galleryFigures(moved).find((f) => f.name === "fig3-lco-maps")!;
    expect(specHash(after.figure, normaliseFigure)).not.toBe(specHash(before.figure, normaliseFigure));
  });

  test("the gallery README shows every image, and the root README and every notebook link to it", () => {
    const readme = fs.readFileSync(path.join(GALLERY_DIR, "README.md"), "utf8");
    for (const e of index.values()) expect(readme).toContain(`](${e.png})`);
    expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain("docs/gallery/README.md");
    const notebooks = fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb"));
    const missing = notebooks.filter((f) => !fs.readFileSync(path.join(ROOT, "notebooks", f), "utf8").includes("../docs/gallery/README.md"));
    expect(missing, "these notebooks need a Markdown link to ../docs/gallery/README.md (e.g. a last cell, as the others have)").toEqual([]);
  });
});
