/**
 * Start-up (issue "A house a newcomer can walk through"): loading potmap and running a command
 * load only what they use. mathjs (constants generated at build time), ajv (validator generated
 * ahead of time), highs (first LP), playwright/tslab/plotly (potmap/notebook only) and the
 * modules of other commands stay unloaded. Checked in fresh Node processes of the built
 * library (lib/dist, built by scripts/setup.sh), by listing require.cache.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { commands } from "../lib/src/cli/commands";

const root = path.resolve(__dirname, "..");
const scfermi = path.join(root, "test/fixtures/scfermi/semiconductor");
const heavy = ["mathjs", "ajv", "highs", "playwright-core", "tslab", "plotly.js-dist"];

/** Files loaded by a fresh `node -e` evaluating `expression` (awaited if a promise), relative to the root. */
function loadedBy(expression: string): string[] {
  const code = `Promise.resolve(${expression}).then(() => process.stdout.write(JSON.stringify(Object.keys(require.cache))))`;
  const out = execFileSync(process.execPath, ["-e", code], { cwd: root, encoding: "utf8" });
  return (JSON.parse(out.slice(out.indexOf("["))) as string[]).map((f) => path.relative(root, f));
}

const packagesIn = (files: string[]) => heavy.filter((p) => files.some((f) => f.includes(`node_modules/${p}/`)));

describe("require(\"potmap\")", () => {
  test("loads none of mathjs, ajv, highs, playwright-core, tslab, plotly.js-dist", () => {
    const files = loadedBy('require("potmap")');
    expect(files.some((f) => f.endsWith("lib/dist/index.js"))).toBe(true);
    expect(packagesIn(files)).toEqual([]);
  });

  test("readDataSet then loads ajv's generated validator but not ajv's compiler", () => {
    const files = loadedBy('(() => { const p = require("potmap"); p.readDataSet(p.builtinMaterialsFolder()); })()');
    expect(files.some((f) => f.endsWith("io/materialValidator.js"))).toBe(true);
    expect(files.filter((f) => f.includes("node_modules/ajv/")).every((f) => f.includes("ajv/dist/runtime/"))).toBe(true);
    expect(packagesIn(files).filter((p) => p !== "ajv")).toEqual([]);
  });
});

describe("main (potmap CLI)", () => {
  test("fermi loads its own modules only: no other command, no cell/thermo/whatif/figures, no heavy package", () => {
    const argv = ["fermi", "--sc-fermi", path.join(scfermi, "input-fermi.dat"), "--dos", path.join(scfermi, "totdos.dat"), "--unitcell", path.join(scfermi, "unitcell.dat"), "--json"];
    const files = loadedBy(`require("./lib/dist/cli/main.js").main(${JSON.stringify(argv)}, () => {}).then((code) => { if (code !== 0) process.exit(code); })`);
    const commandsLoaded = files.filter((f) => f.includes("lib/dist/cli/commands/")).map((f) => path.basename(f));
    expect(commandsLoaded).toEqual(["fermi.js"]);
    expect(files.filter((f) => /lib\/dist\/(cell|thermo|whatif|figures|calibration|notebook)\//.test(f))).toEqual([]);
    expect(packagesIn(files)).toEqual([]);
  });

  test("--help loads no command module (the help comes from the option tables) and no heavy package", () => {
    const files = loadedBy('require("./lib/dist/cli/main.js").main(["--help"], () => {})');
    expect(files.filter((f) => f.includes("lib/dist/cli/commands/"))).toEqual([]);
    expect(packagesIn(files)).toEqual([]);
  });
});

describe("commands (the CLI's table)", () => {
  test("every command's load() gives a module with run()", async () => {
    for (const spec of commands) expect(typeof (await spec.load()).run, spec.name).toBe("function");
  });
});
