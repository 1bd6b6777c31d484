/**
 * The npm package works outside this repository (issue "A house a newcomer can walk through",
 * packaging): `npm pack` of lib/ (its prepack copies data/materials into the package), installed
 * into an empty temporary project, runs `potmap table --json` (48 rows from the packaged data),
 * `potmap window` (highs' WebAssembly), `require("potmap")` and `require("potmap/notebook")`
 * without the optional rendering peers. Issue 24: the tarball holds README, LICENSE, data/models
 * and the record schema; the README's TypeScript example type-checks (tsc --noEmit, no
 * skipLibCheck, no @types/node, under both node10 and nodenext resolution) with only potmap
 * installed, and runs. ajv, highs and mathjs come from npm's cache (--offline,
 * else --prefer-offline). Needs lib/dist (scripts/setup.sh builds it). Skipped, saying so, only
 * when npm itself cannot be run. Takes 10-60 s.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = path.resolve(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npmVersion = spawnSync(npm, ["--version"], { encoding: "utf8" });
const npmAvailable = npmVersion.status === 0;
if (!npmAvailable) console.warn(`test/package.test.ts skipped: npm cannot be run here (${npmVersion.error?.message ?? npmVersion.stderr})`);

let work = "";
let project = "";
let tarball = "";
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("builtinMaterialsFolder", () => {
  test("in the repository is data/materials, even while `npm pack` has a copy in lib/data", async () => {
    const { builtinMaterialsFolder } = await import("../lib/src/io/readMaterials");
    const copy = path.join(root, "lib/data/materials");
    const made = !fs.existsSync(copy);
    if (made) fs.mkdirSync(copy, { recursive: true });
    try {
      expect(builtinMaterialsFolder()).toBe(path.join(root, "data/materials"));
      const built = execFileSync(process.execPath, ["-e", 'process.stdout.write(require("potmap").builtinMaterialsFolder())'], { cwd: root, encoding: "utf8" });
      expect(built).toBe(path.join(root, "data/materials"));
    } finally {
      if (made) fs.rmSync(path.join(root, "lib/data"), { recursive: true, force: true });
    }
  });
});

describe.skipIf(!npmAvailable)("npm pack of lib/, installed into an empty project", () => {
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-package-"));
    const packed = execFileSync(npm, ["pack", "--json", "--pack-destination", work], { cwd: path.join(root, "lib"), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    tarball = path.join(work, (JSON.parse(packed) as { filename: string }[])[0].filename);
    project = path.join(work, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "potmap-package-check", private: true }));
    const install = (mode: string) => spawnSync(npm, ["install", mode, "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: project, encoding: "utf8" });
    let result = install("--offline");
    if (result.status !== 0) result = install("--prefer-offline"); // metadata not cached yet
    if (result.status !== 0) throw new Error(`npm install of ${tarball} failed: ${result.stderr}`);
  }, 180_000);

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test("the tarball holds dist, the built-in materials and no build stamp", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(files).toContain("package/dist/cli/main.js");
    const records = fs.readdirSync(path.join(root, "data/materials")).filter((f) => f.endsWith(".json"));
    for (const r of records) expect(files).toContain(`package/data/materials/${r}`);
    expect(files.filter((f) => f.includes(".build-stamp"))).toEqual([]);
  });

  test("the tarball holds the README, the LICENSE, the defect models and the record schema", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    for (const f of ["README.md", "LICENSE", "schema/material.schema.json"]) expect(files).toContain(`package/${f}`);
    for (const m of fs.readdirSync(path.join(root, "data/models"))) expect(files).toContain(`package/data/models/${m}`);
    expect(files.some((f) => f.startsWith("package/lib/"))).toBe(false);
  });

  test("the README's example type-checks with only potmap installed (no @types/node, no playwright-core) and runs", () => {
    const readme = fs.readFileSync(path.join(project, "node_modules/potmap/README.md"), "utf8");
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    fs.writeFileSync(path.join(project, "example.ts"), example!);
    // every entry's declarations, the optional peers' parts included
    fs.writeFileSync(
      path.join(project, "entries.ts"),
      'import * as potmap from "potmap";\nimport * as notebook from "potmap/notebook";\nimport * as course from "potmap/course";\n' +
        "export const render: typeof notebook.renderFigure = notebook.renderFigure;\nexport const launch: (dir: string) => Promise<notebook.ChromiumContext> = notebook.launchChromium;\n" +
        "export const map: typeof potmap.potentialMap = potmap.potentialMap;\nexport const check: typeof course.checkExercise = course.checkExercise;\n",
    );
    expect(fs.existsSync(path.join(project, "node_modules/@types/node"))).toBe(false);
    expect(fs.existsSync(path.join(project, "node_modules/playwright-core"))).toBe(false);
    const tsc = path.join(root, "node_modules/typescript/bin/tsc");
    // types: [] keeps out any @types an outer folder might hold; skipLibCheck false checks potmap's .d.ts
    const config = (module: string, moduleResolution: string, noEmit: boolean) =>
      JSON.stringify({ compilerOptions: { strict: true, types: [], skipLibCheck: false, target: "ES2022", module, moduleResolution, noEmit, outDir: "out" }, files: ["example.ts", "entries.ts"] });
    for (const [module, resolution] of [["commonjs", "node"], ["nodenext", "nodenext"]]) {
      fs.writeFileSync(path.join(project, `tsconfig.${resolution}.json`), config(module, resolution, true));
      const checked = spawnSync(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`], { cwd: project, encoding: "utf8" });
      expect(checked.stdout + checked.stderr, resolution).toBe("");
      expect(checked.status).toBe(0);
    }
    fs.writeFileSync(path.join(project, "tsconfig.json"), config("commonjs", "node", false));
    const built = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
    expect(built.status, built.stdout).toBe(0);
    const out = run(process.execPath, [path.join("out", "example.js")]);
    expect(out).toMatch(/Li \| LLZO \| LCO 0%: dphi_a = 1\.6\d\d V, dphi_c = -?\d\.\d{3} V/);
    expect(out).toMatch(/E_F \(eV\)/);
    expect(out).toContain("Na: work function 2.36 eV");
  }, 120_000);

  test("npx potmap table --json prints the 48 configurations from the packaged data", () => {
    const rows = JSON.parse(run("npx", ["--no-install", "potmap", "table", "--json"])) as { dphiCathode: number }[];
    expect(rows).toHaveLength(48);
    expect(rows.every((r) => Number.isFinite(r.dphiCathode))).toBe(true);
  });

  test("npx potmap window solves its LP with the installed highs", () => {
    const entries = path.join(root, "test/fixtures/phase/li-ti-o.csv");
    const window = JSON.parse(run("npx", ["--no-install", "potmap", "window", "--entries", entries, "--formula", "Li2TiO3", "--json"])) as { lower: number; upper: number };
    expect(window.upper).toBeGreaterThan(window.lower);
  });

  test("require(\"potmap\") loads from the project and reads its own data, not the repository's", () => {
    const out = run(process.execPath, ["-e", 'const p = require("potmap"); console.log(JSON.stringify([require.resolve("potmap"), p.builtinMaterialsFolder()]))']);
    const [main, folder] = JSON.parse(out) as string[];
    expect(main.startsWith(fs.realpathSync(project))).toBe(true);
    expect(folder.startsWith(fs.realpathSync(project))).toBe(true);
  });

  test("require(\"potmap/notebook\") resolves and loads without the optional peers installed", () => {
    const out = run(process.execPath, ["-e", 'require("potmap/notebook"); console.log(JSON.stringify([require.resolve("potmap/notebook"), ["playwright-core", "tslab", "plotly.js-dist"].filter((p) => { try { require.resolve(p); return true; } catch { return false; } })]))']);
    const [resolved, peers] = JSON.parse(out) as [string, string[]];
    expect(resolved.endsWith(path.join("potmap", "dist", "notebook", "index.js"))).toBe(true);
    expect(peers).toEqual([]);
  });
});
