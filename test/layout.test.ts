/**
 * The layout rules of lib/src (lib/src/README.md): the public index is curated, physics never
 * reaches up into I/O, the command line, notebooks, figures or what-if code, every folder is
 * documented, and a long file says why it is long.
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, test } from "vitest";

const src = path.resolve(__dirname, "../lib/src");

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const files = sourceFiles(src);
const relative = (file: string) => path.relative(src, file).split(path.sep).join("/");

/** The top folder of lib/src a file belongs to ("" for index.ts). */
const folderOf = (file: string) => (relative(file).includes("/") ? relative(file).split("/")[0] : "");

/** Every relative module specifier a file imports or re-exports (static, dynamic, require). */
function importsOf(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\bfrom\s+["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g, /^\s*import\s+["']([^"']+)["']/gm];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) if (match[1].startsWith(".")) out.push(match[1]);
  return out;
}

/** The lib/src folders a file imports from. */
function importedFolders(file: string): { specifier: string; folder: string }[] {
  return importsOf(fs.readFileSync(file, "utf8")).map((specifier) => {
    const target = path.resolve(path.dirname(file), specifier);
    return { specifier, folder: folderOf(target) };
  });
}

const physics = ["core", "numerics", "defects", "cell", "thermo", "spaceCharge"];
const forbiddenForPhysics = ["io", "cli", "notebook", "figures", "whatif", "calibration"];

/**
 * What each folder may import (inside potmap), as lib/src/README.md's table says: every folder
 * may import itself; "physics" stands for the six physics folders.
 */
const allFolders = ["core", "numerics", "defects", "cell", "thermo", "spaceCharge", "inputs", "io", "whatif", "calibration", "check", "course", "figures", "notebook", "cli"];
const allowedImports: Record<string, string[]> = {
  core: [],
  numerics: ["core"],
  defects: physics,
  cell: physics,
  thermo: physics,
  spaceCharge: physics,
  inputs: physics,
  io: physics,
  figures: physics,
  whatif: [...physics, "inputs", "io", "figures"],
  calibration: [...physics, "inputs", "io"],
  check: [...physics, "inputs", "io"],
  course: [...physics, "inputs", "io", "calibration", "whatif", "figures"],
  notebook: allFolders.filter((f) => f !== "cli"),
  cli: allFolders.filter((f) => f !== "notebook"),
};

describe("importsOf", () => {
  test("finds static, re-export, type-only, dynamic and require imports, relative ones only", () => {
    const text = [
      'import { a } from "../io/x";',
      'export { b } from "./y";',
      'import type { C } from "../cli/z";',
      'const m = await import("../notebook/w");',
      'const r = require("../figures/v");',
      'import "../whatif/side";',
      'import * as fs from "fs";',
    ].join("\n");
    expect(importsOf(text).sort()).toEqual(["../cli/z", "../figures/v", "../io/x", "../notebook/w", "../whatif/side", "./y"]);
  });
});

describe("lib/src layout", () => {
  test("index.ts has no export * (the public API is a curated list of names)", () => {
    const index = fs.readFileSync(path.join(src, "index.ts"), "utf8");
    expect(index.match(/export\s+(type\s+)?\*/g) ?? []).toEqual([]);
  });

  test("no physics folder imports from io, cli, notebook, figures, whatif or calibration", () => {
    const violations = files
      .filter((file) => physics.includes(folderOf(file)))
      .flatMap((file) => importedFolders(file).filter(({ folder }) => forbiddenForPhysics.includes(folder)).map(({ specifier }) => `${relative(file)} imports ${specifier}`));
    expect(violations).toEqual([]);
  });

  test("core imports nothing of potmap; numerics imports only core", () => {
    const violations = files.flatMap((file) => {
      const folder = folderOf(file);
      if (folder !== "core" && folder !== "numerics") return [];
      const allowed = folder === "core" ? ["core"] : ["core", "numerics"];
      return importedFolders(file).filter(({ folder: f }) => !allowed.includes(f)).map(({ specifier }) => `${relative(file)} imports ${specifier}`);
    });
    expect(violations).toEqual([]);
  });

  test("every folder imports only what lib/src/README.md's table allows (no io -> whatif, no inputs -> io, ...)", () => {
    const folders = fs.readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !(f in allowedImports))).toEqual([]);
    const violations = files.flatMap((file) => {
      const folder = folderOf(file);
      if (folder === "") return [];
      const allowed = [folder, ...allowedImports[folder]];
      return importedFolders(file).filter(({ folder: f }) => f !== "" && !allowed.includes(f)).map(({ specifier }) => `${relative(file)} imports ${specifier}`);
    });
    expect(violations).toEqual([]);
  });

  test("the README's table states the same allowed imports as the test", () => {
    const readme = fs.readFileSync(path.join(src, "README.md"), "utf8");
    for (const folder of Object.keys(allowedImports)) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${folder}/\` |`));
      expect(row, folder).toBeDefined();
      const cell = row!.split("|")[3];
      for (const f of allowedImports[folder].filter((x) => !physics.includes(x) || !cell.includes("physics"))) {
        if (folder === "notebook" || folder === "cli") continue; // "everything but ..."
        expect(cell, `${folder} may import ${f}`).toContain(`\`${f}\``);
      }
    }
  });

  test("the public index never loads the command line or the notebook layer", () => {
    const folders = importedFolders(path.join(src, "index.ts")).map(({ folder }) => folder);
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((f) => f === "cli" || f === "notebook")).toEqual([]);
  });

  test("every folder of lib/src is listed in lib/src/README.md", () => {
    const readme = fs.readFileSync(path.join(src, "README.md"), "utf8");
    const folders = fs.readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.length).toBeGreaterThan(5);
    expect(folders.filter((folder) => !readme.includes(`\`${folder}/\``))).toEqual([]);
  });

  test("lib/src/README.md lists every module, and every module it lists exists", () => {
    const readme = fs.readFileSync(path.join(src, "README.md"), "utf8");
    const listed = [...readme.matchAll(/^- `([^`]+\.ts)`/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(50);
    // a pattern "folder/*.ts" stands for the .ts files directly in that folder
    const matches = (entry: string, file: string) =>
      entry.endsWith("/*.ts") ? file.startsWith(entry.slice(0, -4)) && !file.slice(entry.length - 4).includes("/") : entry === file;
    const modules = files.map(relative);
    expect(modules.filter((file) => !listed.some((entry) => matches(entry, file)))).toEqual([]);
    expect(listed.filter((entry) => !modules.some((file) => matches(entry, file)))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  test("no source file over 400 lines unless its first comment says why (\"over N lines\")", () => {
    // generated files say so in their first line and are checked against a fresh generation instead
    const long = files.filter((file) => {
      const text = fs.readFileSync(file, "utf8");
      return text.split("\n").length > 400 && !text.startsWith("// GENERATED");
    });
    const unexplained = long.filter((file) => {
      const text = fs.readFileSync(file, "utf8");
      const first = text.match(/\/\*[\s\S]*?\*\//);
      // the comment's text without the leading " * " of its lines
      return !(first && /over \d+ lines/i.test(first[0].replace(/\s*\n\s*\*?\s*/g, " ")));
    });
    expect(unexplained.map(relative)).toEqual([]);
  });
});
