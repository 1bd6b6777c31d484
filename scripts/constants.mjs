#!/usr/bin/env node
// @ts-check
// Generates lib/src/core/physicalConstants.ts from mathjs (CODATA 2018 constants and its unit
// system), so that the library keeps mathjs as the source of its constants without loading all
// of mathjs (about 0.6 s and 50 MB) every time it starts.
//
//   node scripts/constants.mjs          write lib/src/core/physicalConstants.ts
//   node scripts/constants.mjs --check  exit 1 if the committed file differs from a fresh one
//
// test/constants.test.ts recomputes every value with mathjs and checks the committed file.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// the library's own mathjs (lib/node_modules, ^15), not the older one a dev dependency hoists to
// the root node_modules
const libRequire = createRequire(path.join(ROOT, "lib/package.json"));

/**
 * The part of a mathjs instance used here (typed by hand: the root node_modules holds an older
 * mathjs whose types do not resolve from scripts/).
 * @typedef {{ toNumber(unit: string): number }} MathJsUnit
 * @typedef {{ evaluate(expression: string): MathJsUnit, unit(value: number, unit: string): MathJsUnit }} MathJs
 */

/**
 * A full mathjs instance from the library's own mathjs.
 * @returns {MathJs}
 */
export function createMath() {
  /** @type {{ create(factories: unknown, config: object): MathJs, all: unknown }} */
  const mathjs = libRequire("mathjs");
  return mathjs.create(mathjs.all, {});
}
export const OUTPUT = path.join(ROOT, "lib/src/core/physicalConstants.ts");

/**
 * @typedef {object} ConstantDefinition
 * @property {string} name     exported name in physicalConstants.ts
 * @property {string} doc      its doc comment (unit included)
 * @property {string} recipe   how mathjs computes it (written into the generated file)
 * @property {(math: MathJs) => number} compute
 */

/** @type {(math: MathJs, name: string, unit: string) => number} */
const constant = (math, name, unit) => math.evaluate(name).toNumber(unit);
/** @type {(math: MathJs, from: string, to: string) => number} */
const factor = (math, from, to) => math.unit(1, from).toNumber(to);

/** @type {ConstantDefinition[]} */
export const DEFINITIONS = [
  {
    name: "boltzmann",
    // mathjs's own "eV" unit carries an older electron-volt value (4e-8 relative off), while
    // both SI constants are exact in CODATA 2018
    doc: "Boltzmann constant in eV/K, as k_B [J/K] / e [C] (both exact in CODATA 2018; mathjs's \"eV\" unit is an older value).",
    recipe: 'boltzmann in J/K / elementaryCharge in C',
    compute: (m) => constant(m, "boltzmann", "J/K") / constant(m, "elementaryCharge", "C"),
  },
  { name: "elementaryCharge", doc: "Elementary charge in C.", recipe: "elementaryCharge in C", compute: (m) => constant(m, "elementaryCharge", "C") },
  { name: "vacuumPermittivity", doc: "Vacuum permittivity in F/m.", recipe: "electricConstant in F/m", compute: (m) => constant(m, "electricConstant", "F/m") },
  { name: "electronMass", doc: "Electron rest mass in kg.", recipe: "electronMass in kg", compute: (m) => constant(m, "electronMass", "kg") },
  { name: "reducedPlanck", doc: "Reduced Planck constant in J s.", recipe: "reducedPlanckConstant in J s", compute: (m) => constant(m, "reducedPlanckConstant", "J s") },
  { name: "boltzmannSI", doc: "Boltzmann constant in J/K.", recipe: "boltzmann in J/K", compute: (m) => constant(m, "boltzmann", "J/K") },
  { name: "cubicAngstrom", doc: "Cubic Angstrom in cm^3 (for per-cell counts -> cm^-3).", recipe: "unit(1, angstrom^3) in cm^3", compute: (m) => factor(m, "angstrom^3", "cm^3") },
  { name: "angstromPerMetre", doc: "Angstrom per metre.", recipe: "unit(1, m) in angstrom", compute: (m) => factor(m, "m", "angstrom") },
  { name: "perCubicMetrePerPerCubicCentimetre", doc: "m^-3 per cm^-3 (concentrations).", recipe: "unit(1, cm^-3) in m^-3", compute: (m) => factor(m, "cm^-3", "m^-3") },
  { name: "perSquareNanometrePerPerSquareMetre", doc: "nm^-2 per m^-2 (surface charge).", recipe: "unit(1, m^-2) in nm^-2", compute: (m) => factor(m, "m^-2", "nm^-2") },
  { name: "microfaradPerSquareCentimetrePerFaradPerSquareMetre", doc: "uF/cm^2 per F/m^2 (capacitance).", recipe: "unit(1, F/m^2) in uF/cm^2", compute: (m) => factor(m, "F/m^2", "uF/cm^2") },
];

/**
 * Every constant computed with a full mathjs instance.
 * @returns {Record<string, number>}
 */
export function computeConstants() {
  const math = createMath();
  return Object.fromEntries(DEFINITIONS.map((d) => [d.name, d.compute(math)]));
}

/** The mathjs version the values come from (recorded in the generated header). */
export function mathjsVersion() {
  return /** @type {{ version: string }} */ (libRequire("mathjs/package.json")).version;
}

/**
 * The text of physicalConstants.ts. Numbers are written with String(x), the shortest decimal
 * that reads back as the same double, so the generated values equal mathjs's bit for bit.
 * @param {Record<string, number>} values
 * @param {string} version
 * @returns {string}
 */
export function renderModule(values, version) {
  const lines = [
    "/**",
    " * GENERATED by scripts/constants.mjs from mathjs " + version + " (CODATA 2018 constants, mathjs units).",
    " * Do not edit: run `node scripts/constants.mjs`. test/constants.test.ts recomputes every value",
    " * with mathjs and fails if this file drifts. Generated so that loading potmap does not load mathjs.",
    " */",
  ];
  for (const d of DEFINITIONS) {
    const value = values[d.name];
    if (!Number.isFinite(value)) throw new Error(`constants: ${d.name} computed as ${value}`);
    lines.push("", `/** ${d.doc} mathjs: ${d.recipe}. */`, `export const ${d.name} = ${String(value)};`);
  }
  return lines.join("\n") + "\n";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = renderModule(computeConstants(), mathjsVersion());
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : "";
    if (current !== text) {
      console.error(`constants: ${path.relative(ROOT, OUTPUT)} is out of date; run node scripts/constants.mjs`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(OUTPUT, text);
    console.log(`constants: wrote ${path.relative(ROOT, OUTPUT)}`);
  }
}
