/**
 * Structure-aware fuzzing of potmap's inputs (issue "Bad input never becomes a wrong number, a
 * crash or a lost file"). Valid inputs (the built-in material records, the SC-FERMI fixtures,
 * phase-entry fixtures, valid command lines) are mutated as structures: numbers to extremes,
 * fields dropped, duplicated (also as repeated JSON keys), retyped, nested deeply. The oracle
 * accepts only
 *   - a clear error: a PotmapError whose message names the input (file, or flag for a command
 *     line) and a field or line; from the command line exit 2, nothing on stdout, one line on
 *     stderr; or
 *   - a result that passes the physics guards: finite numbers, E_F inside [-1, gap + 1] eV,
 *     every defect within its sites, values inside the shared physical ranges, a window with
 *     lower <= upper, unless a warning flags exactly that.
 * Anything else (a TypeError, an internal error, exit 1, a silent unphysical number) is a
 * failure, reported with the seed and case number that reproduce it.
 *
 * The file commands (issue 20) add to that: `import` and `export` on mutated SC-FERMI files and
 * records, with outputs aimed now and then at their own inputs, must leave every input file as
 * it was, write nothing when they fail, and write only what the readers accept (an imported
 * record passes `potmap check`, an exported set `potmap fermi`); and `potmap check` must agree
 * with the commands' reader on every mutated record (the reader refuses it exactly when check
 * reports a record or range error).
 * The library API (issue 20, `library` cases, when the caller passes `api.lib`, the module of
 * lib/src/index.ts or lib/dist/index.js): public functions called with one or two arguments
 * (or fields of a record or options bag) replaced by hostile values (text, NaN, Infinity,
 * null, {}, [], fractional, huge and negative numbers). The oracle accepts a clear PotmapError
 * or a result holding no NaN or Infinity anywhere; a number replaced by another type in a field
 * the function reads must be an error (no "4" + 1 = "41"), and a map's profile stays inside
 * the cell.
 *
 * Plain JavaScript with no import of potmap: the caller passes the API (`test/fuzz.test.ts`
 * the TypeScript sources, `scripts/fuzz.mjs` the built lib/dist), so both run the same cases.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * @typedef {{ next: () => number, int: (n: number) => number, pick: <T>(list: readonly T[]) => T }} Rng
 * @typedef {any} Json  a parsed JSON value, of any shape (the fuzzer mutates it freely)
 * @typedef {{ outcome: "result" | "flagged" | "error" | "fail", problem?: string, input?: string }} Outcome
 * @typedef {Record<string, any>} Api  potmap's functions, from lib/src or lib/dist (see fuzzer)
 */

/**
 * A small seeded generator (32-bit state, multiply-xorshift); same seed, same cases.
 * @param {number} seed
 * @returns {Rng}
 */
export function seeded(seed) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** @param {number} n */
  const int = (n) => Math.floor(next() * n);
  /** @type {<T>(list: readonly T[]) => T} */
  const pick = (list) => list[int(list.length)];
  return { next, int, pick };
}

const extremes = [0, -0, 1, -1, 1e-300, -1e-300, 1e-9, 1e6, -1e6, 1e30, -1e30, 1e300, -1e300, 50, -50, 400, 3000, 0.5, 1e23, 2.5e22];
const junkTexts = ["", " ", "x", "1e400", "-1e400", "0x10", "Infinity", "NaN", "1.2.3", "1e", "--", "1,5", "\u00b5", "9".repeat(400)];
const retypes = [null, true, "5.9", [], {}, [1, 2], { value: "x" }, { value: 1, unit: "meV" }];

// ---------------------------------------------------------------- JSON records

/**
 * Every path in a JSON tree (iteratively), with its value.
 * @param {Json} tree
 * @returns {[(string | number)[], Json][]}
 */
function paths(tree) {
  /** @type {[(string | number)[], Json][]} */
  const out = [];
  /** @type {[(string | number)[], Json][]} */
  const stack = [[[], tree]];
  while (stack.length) {
    const [at, node] = /** @type {[(string | number)[], Json]} */ (stack.pop());
    out.push([at, node]);
    if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) stack.push([[...at, Array.isArray(node) ? Number(k) : k], v]);
  }
  return out;
}

/** @param {Json} tree @param {(string | number)[]} at @param {Json} value @returns {Json} */
function setAt(tree, at, value) {
  if (at.length === 0) return value;
  let node = tree;
  for (const part of at.slice(0, -1)) node = node[part];
  node[at[at.length - 1]] = value;
  return tree;
}

/** @param {Json} tree @param {(string | number)[]} at @returns {Json} */
function removeAt(tree, at) {
  if (at.length === 0) return tree;
  let node = tree;
  for (const part of at.slice(0, -1)) node = node[part];
  const last = at[at.length - 1];
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
  return tree;
}

/**
 * One structural mutation of a parsed record; returns the new tree (may be a new root).
 * @param {Json} tree
 * @param {Rng} rng
 * @returns {Json}
 */
function mutateTree(tree, rng) {
  const all = paths(tree);
  const numbers = all.filter(([, v]) => typeof v === "number");
  const choice = rng.int(7);
  if (choice <= 2 && numbers.length) {
    const [at, v] = rng.pick(numbers);
    const replacement = rng.next() < 0.7 ? rng.pick(extremes) : v * rng.pick([-1, 10, 0.1, 1e3, 1e-3, 1.5]);
    return setAt(tree, at, replacement);
  }
  const [at, v] = rng.pick(all);
  if (choice === 3) return removeAt(tree, at);
  if (choice === 4) return setAt(tree, at, structuredClone(rng.pick(retypes)));
  if (choice === 5) {
    // duplicate: an array element twice, or an object's member under its sibling's name
    const parent = at.length ? all.find(([p]) => p.length === at.length - 1 && p.every((x, i) => x === at[i]))?.[1] : undefined;
    if (Array.isArray(parent)) {
      parent.push(structuredClone(v));
      return tree;
    }
    return setAt(tree, at, structuredClone(v === undefined ? null : v));
  }
  // nest: wrap a value in an array or an object
  return setAt(tree, at, rng.next() < 0.5 ? [structuredClone(v)] : { value: structuredClone(v) });
}

/** Text-level mutations JSON.stringify cannot produce: repeated keys, BOM, depth, truncation. */
/** @param {string} text @param {Rng} rng @returns {string} */
function mutateText(text, rng) {
  const choice = rng.int(6);
  if (choice === 0) {
    const keys = [...text.matchAll(/\n(\s*)"([A-Za-z]+)": ([^\n{[]+?),?\n/g)];
    if (keys.length) {
      const m = rng.pick(keys);
      const insert = `\n${m[1]}"${m[2]}": ${m[3].replace(/,$/, "")},`;
      return text.slice(0, m.index) + insert + text.slice(m.index);
    }
  }
  if (choice === 1) return "\ufeff" + text;
  if (choice === 2) {
    const depth = rng.pick([10, 63, 64, 65, 1000, 200000]);
    return rng.next() < 0.5 ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
  }
  if (choice === 3) return text.slice(0, rng.int(text.length));
  if (choice === 4) {
    const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
    if (numbers.length) {
      const m = rng.pick(numbers);
      const at = m.index ?? 0;
      return text.slice(0, at) + rng.pick(["1e400", "-1e400", "1e999", "NaN", "0x1", "\"5\""]) + text.slice(at + m[0].length);
    }
  }
  return text;
}

// ---------------------------------------------------------------- plain-text inputs

/** Token-level mutation of SC-FERMI and CSV text: a number to an extreme or junk, lines dropped or repeated. */
/**
 * @param {string} text
 * @param {Rng} rng
 * @param {{ separator?: RegExp | string, join?: string }} [options]
 * @returns {string}
 */
function mutateLines(text, rng, { separator = /\s+/, join = " " } = {}) {
  const lines = text.split("\n");
  const choice = rng.int(5);
  const i = rng.int(lines.length);
  if (choice === 0) lines.splice(i, 1);
  else if (choice === 1) lines.splice(i, 0, lines[i]);
  else if (choice === 2) lines[i] = rng.pick(junkTexts);
  else {
    const tokens = lines[i].split(separator);
    const j = rng.int(tokens.length);
    tokens[j] = rng.next() < 0.6 ? String(rng.pick(extremes)) : rng.pick(junkTexts);
    lines[i] = tokens.join(join);
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------- oracle

/** An error is clear when it is a PotmapError naming the input and a field or line. */
/**
 * @param {unknown} error
 * @param {string} name
 * @param {Api} api
 * @param {string} [input]
 * @returns {string | null} what is wrong with the error, or null when it is clear
 */
function clearError(error, name, api, input) {
  const e = /** @type {any} */ (error);
  if (!(error instanceof api.PotmapError)) return `threw ${e?.name ?? typeof error}: ${String(e?.message ?? error).slice(0, 200)}`;
  const message = String(e.message);
  if (!message.includes(name)) return `PotmapError does not name ${name}: ${message.slice(0, 200)}`;
  if (!/field "|line \d|entry \[|empty|no data rows|header|cannot read/.test(message)) return `PotmapError names no field or line: ${message.slice(0, 200)}`;
  if (/undefined|\[object Object\]/.test(message)) return `unclear message: ${message.slice(0, 200)}`;
  // NaN in a message is unclear unless it quotes the input's own text
  if (/NaN/.test(message) && !(input ?? "").includes("NaN")) return `unclear message (NaN): ${message.slice(0, 200)}`;
  return null;
}

/** @type {(x: number, range: [number, number]) => boolean} */
const inside = (x, [low, high]) => Number.isFinite(x) && x >= low && x <= high;
/** @type {(warnings: readonly { code: string }[], code: string) => boolean} */
const flagged = (warnings, code) => warnings.some((w) => w.code === code);

/** Physics guards of a defect solution: finite E_F, within the bands or flagged, sites or flagged, residual or flagged. */
/** @param {Json} solution @param {number} bandGap @returns {string[]} */
function solutionProblems(solution, bandGap) {
  /** @type {string[]} */
  const problems = [];
  const warnings = solution.warnings ?? [];
  if (!Number.isFinite(solution.fermiLevel)) problems.push(`E_F ${solution.fermiLevel}`);
  else if (!inside(solution.fermiLevel, [-1, bandGap + 1]) && !flagged(warnings, "fermi-level-outside-bands")) problems.push(`E_F ${solution.fermiLevel} outside [-1, ${bandGap + 1}] unflagged`);
  for (const d of solution.defects ?? []) {
    if (!Number.isFinite(d.total) || d.total < 0) problems.push(`${d.name} total ${d.total}`);
    if (d.siteFraction !== undefined && d.siteFraction > 1 + 1e-9 && !flagged(warnings, "above-site-density")) problems.push(`${d.name} above its sites unflagged`);
  }
  if (!(solution.residual <= 1e-6) && !flagged(warnings, "neutrality-residual")) problems.push(`residual ${solution.residual} unflagged`);
  return problems;
}

/** @param {Json} material @param {Json} ranges @returns {string[]} */
function rangeProblems(material, ranges) {
  /** @type {string[]} */
  const out = [];
  /** @type {(value: number, name: string, what: string) => void} */
  const check = (value, name, what) => {
    const r = ranges[name];
    if (!(Number.isFinite(value) && value >= r.min && value <= r.max)) out.push(`${what} = ${value} outside ${r.min}-${r.max}`);
  };
  if (material.role === "anode") check(material.workFunction, "workFunction", "workFunction");
  if (material.role === "electrolyte") {
    check(material.ionizationPotential, "ionizationPotential", "IP");
    check(material.bandGap, "bandGap", "bandGap");
    check(material.window.lower, "window", "window.lower");
    check(material.window.upper, "window", "window.upper");
    if (material.fermiLevel.rule === "defects") {
      const s = material.fermiLevel.system;
      check(s.temperature, "temperature", "T");
      for (const d of s.defects) check(d.sites, "siteDensity", `${d.name}.sites`);
    }
  }
  if (material.role === "cathode") {
    for (const s of material.states) {
      check(s.ionizationPotential, "ionizationPotential", `${s.soc} IP`);
      check(s.ocv, "ocv", `${s.soc} ocv`);
      if (!(s.fermiLevel >= 0 && s.fermiLevel <= s.bandGap)) out.push(`${s.soc} E_F ${s.fermiLevel} outside its gap`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- library calls

/** Values a caller may pass by mistake: text for numbers, non-finite, null, wrong shapes, extreme counts. */
const hostileValues = ["4", "", "NaN", NaN, Infinity, -Infinity, null, undefined, {}, [], true, 2.5, 1e9, -300, 0, -1, 1e300, -1e-300, 0.5, 7, 1e6, "LLZO"];

/** @param {unknown} v */
function describe(v) {
  if (typeof v === "number") return String(v);
  if (v === undefined) return "undefined";
  return JSON.stringify(v);
}

/**
 * The path and value of the first NaN or infinite number in a result, or null.
 * @param {unknown} value
 */
function nonFinite(value) {
  /** @type {[unknown, string][]} */
  const stack = [[value, "result"]];
  const seen = new Set();
  while (stack.length) {
    const [node, at] = /** @type {[unknown, string]} */ (stack.pop());
    if (typeof node === "number") {
      if (!Number.isFinite(node)) return `${at} = ${node}`;
    } else if (node && typeof node === "object" && !seen.has(node)) {
      seen.add(node);
      if (ArrayBuffer.isView(node)) {
        const list = /** @type {any} */ (node);
        for (let i = 0; i < list.length; i++) if (!Number.isFinite(list[i])) return `${at}[${i}]`;
      } else for (const [k, v] of Object.entries(node)) stack.push([v, `${at}.${k}`]);
    }
  }
  return null;
}

/**
 * Valid calls of the public API (built-in records), each with the argument paths the function
 * reads as numbers (`reads`, "*" for any index) and an extra check of its result.
 * @param {Api} lib @param {Json} set @param {Json} li
 * @returns {{ name: string, args: (rng: Rng) => unknown[], run: (...a: any[]) => any, reads: (string | number)[][], check?: (value: any, args: any[]) => string | null }[]}
 */
function libraryBaseCalls(lib, set, li) {
  const states = set.cathodes.flatMap((/** @type {Json} */ c) => c.states);
  const withDefects = set.electrolytes.filter((/** @type {Json} */ e) => e.fermiLevel.rule === "defects");
  const anodeReads = [[0, "workFunction"]];
  const electrolyteReads = [[1, "ionizationPotential"], [1, "bandGap"], [1, "window", "lower"], [1, "window", "upper"]];
  const cathodeReads = [[2, "ocv"], [2, "ionizationPotential"], [2, "bandGap"], [2, "fermiLevel"]];
  const optionReads = [[3, "points"], [3, "temperature"], [3, "electrodeWidth"]];
  /** A profile inside the cell: positions from -width to OCV + width, one per point plus four. */
  const profileInside = (/** @type {any} */ map, /** @type {any[]} */ args) => {
    const width = args[3]?.electrodeWidth ?? 0.5;
    const p = map.profile?.position ?? [];
    if (p.length === 0) return null;
    // a loop, not Math.min(...p): a profile may hold a million points
    let low = Infinity;
    let high = -Infinity;
    for (const x of p) {
      low = Math.min(low, x);
      high = Math.max(high, x);
    }
    if (low < -width - 1e-9 || high > map.ocv + width + 1e-9) return `profile positions ${low} to ${high} outside the cell`;
    if (args[3]?.points !== undefined && p.length !== args[3].points + 4) return `${p.length} profile positions for points ${args[3].points}`;
    return null;
  };
  return [
    {
      name: "potentialMap",
      args: (rng) => [li, rng.pick(set.electrolytes), rng.pick(states), rng.pick([{ points: 5 }, { withoutProfile: true }, { points: 3, temperature: 400 }, { electrodeWidth: 0.3, points: 2 }])],
      run: lib.potentialMap,
      reads: [...anodeReads, ...electrolyteReads, ...cathodeReads, ...optionReads],
      check: profileInside,
    },
    {
      name: "stackMap",
      args: (rng) => [li, [rng.pick(set.electrolytes)], rng.pick(states), { points: 3 }],
      run: lib.stackMap,
      reads: [[0, "workFunction"], [1, "*", "ionizationPotential"], [1, "*", "bandGap"], ...cathodeReads, [3, "points"], [3, "temperature"]],
    },
    {
      name: "temperatureSweep",
      args: (rng) => [li, rng.pick(withDefects), rng.pick(states), [rng.pick([250, 300, 600])]],
      run: lib.temperatureSweep,
      reads: [...anodeReads, ...electrolyteReads, ...cathodeReads, [3, "*"]],
    },
    {
      name: "defectConcentration",
      args: (rng) => {
        const d = rng.pick(rng.pick(withDefects).fermiLevel.system.defects);
        return [d, rng.pick(d.chargeStates), -rng.next() * 3, rng.next() * 5, rng.pick([300, 600])];
      },
      run: lib.defectConcentration,
      reads: [[0, "sites"], [1, "charge"], [1, "energy"]],
    },
    { name: "classifyFermiLevel", args: (rng) => [rng.next() * 6, 6, rng.pick([300, 1000])], run: lib.classifyFermiLevel, reads: [] },
    {
      name: "solveFermiLevel",
      args: (rng) => [rng.pick(withDefects).fermiLevel.system, -rng.next() * 3],
      run: lib.solveFermiLevel,
      reads: [[0, "temperature"], [0, "bandGap"]],
    },
    { name: "linspace", args: (rng) => [0, rng.next() * 5, 2 + rng.int(20)], run: lib.linspace, reads: [] },
    { name: "temperatureRange", args: (rng) => [250, 250 + rng.int(500), 2 + rng.int(10)], run: lib.temperatureRange, reads: [] },
    { name: "electrostaticPotential", args: (rng) => [rng.next() * 5, 6, 2.93, -rng.next() * 4], run: lib.electrostaticPotential, reads: [] },
    { name: "bandEdgesVsVacuum", args: (rng) => [6, rng.next() * 8, rng.next() * 5], run: lib.bandEdgesVsVacuum, reads: [] },
    { name: "effectiveDensityOfStates", args: (rng) => [0.5 + rng.next(), rng.pick([300, 600])], run: lib.effectiveDensityOfStates, reads: [] },
    { name: "interlayerState", args: (rng) => [rng.pick(set.cathodes).states, rng.next() * 5], run: lib.interlayerState, reads: [[0, "*", "ocv"]] },
    {
      name: "fermiLevelSlope",
      args: (rng) => [rng.pick(withDefects).fermiLevel.system, 0.5 + rng.next() * 2, 1e-3],
      run: lib.fermiLevelSlope,
      reads: [[0, "temperature"]],
    },
    { name: "calibrateElectrolyteIP", args: (rng) => [li, rng.pick(set.electrolytes), rng.next()], run: lib.calibrateElectrolyteIP, reads: [...anodeReads, [1, "window", "lower"]] },
    { name: "readInputFermi", args: () => ["1\n"], run: (/** @type {any} */ t) => lib.readInputFermi(t, "fuzz-input-fermi.dat"), reads: [] },
    { name: "parseMaterial", args: () => ["{}"], run: (/** @type {any} */ t) => lib.parseMaterial(t, "fuzz-record.json"), reads: [] },
  ];
}

// ---------------------------------------------------------------- the cases

/**
 * Inputs of the fuzzer, read once: `root` is the repository. Returns the case runner.
 * `api`: { PotmapError, parseMaterial, potentialMap, guardedFermiLevelFunction, readDataSet,
 *   builtinMaterialsFolder, findAnode, findElectrolyte, findCathodeState, readInputFermi,
 *   readUnitCell, scFermiSystem, solveScFermi, parsePhaseEntries, stabilityWindow,
 *   physicalRanges, main }.
 */
/**
 * @param {Api} api
 * @param {string} root
 * @param {string} scratch  a temporary folder for outputs a mutated command line may name
 */
export function fuzzer(api, root, scratch) {
  const folder = path.join(root, "data/materials");
  const records = fs.readdirSync(folder).filter((n) => n.endsWith(".json")).sort().map((n) => ({ name: n, text: fs.readFileSync(path.join(folder, n), "utf8") }));
  const set = api.readDataSet(api.builtinMaterialsFolder());
  const li = api.findAnode(set, "Li");
  const llzo = api.findElectrolyte(set, "LLZO");
  const lco = api.findCathodeState(set, "LCO", "0%");
  const scDir = path.join(root, "test/fixtures/scfermi");
  const scCases = ["wide-gap", "semiconductor"].map((c) => ({
    input: fs.readFileSync(path.join(scDir, c, "input-fermi.dat"), "utf8"),
    cell: fs.readFileSync(path.join(scDir, c, "unitcell.dat"), "utf8"),
  }));
  const phaseDir = path.join(root, "test/fixtures/phase");
  const csv = fs.readFileSync(path.join(phaseDir, "li-ti-o.csv"), "utf8");
  const entriesJson = fs.readFileSync(path.join(phaseDir, "li-ti-o-entries.json"), "utf8");
  const sc = path.join(root, "data/examples/sc-fermi");
  const entryFile = path.join(phaseDir, "li-ti-o.csv");
  const commandLines = [
    ["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%", "--points", "5"],
    ["map", "--electrolyte", "LPS", "--cathode", "LNMO", "--soc", "+", "--temperature", "400", "--points", "3"],
    ["fermi", "--sc-fermi", path.join(sc, "input-fermi.dat"), "--unitcell", path.join(sc, "unitcell.dat"), "--temperature", "300"],
    ["window", "--entries", entryFile, "--formula", "Li2TiO3", "--open-element", "Li"],
    ["voltage", "--entries", entryFile, "--lithiated", "Li2TiO3", "--delithiated", "TiO2"],
    ["scl", "--phi0", "1.6216", "--nsites", "3.27455e22", "--ef0", "0.0143907", "--epsilon", "50", "--alpha", "0.1", "--temperature", "300"],
    ["dope", "--electrolyte", "LLZO", "--dopant", "Ta_Zr:+1:2.2e21", "--cathode", "LCO", "--soc", "0%", "--points", "3"],
    ["dope", "--electrolyte", "LiPON", "--quench-temperature", "900", "--quench-voltage", "1.0", "--cathode", "LCO", "--soc", "0%", "--points", "3"],
    ["sweep-temperature", "--electrolyte", "LPS", "--cathode", "LCO", "--soc", "0%", "--from", "250", "--to", "600", "--count", "2"],
    ["stack", "--layers", "Li,LPS,LCO:0%"],
  ];
  const flagValues = [...junkTexts, ...extremes.map(String), "-5", "0", "1e-9", "99", "1e30", "Ta_Zr:+1:1e30", "Li,,LCO:0%", "Co", "Li0S", "(((Li)))", "/nonexistent", root];

  /** @param {Rng} rng @returns {Promise<Outcome>} */
  async function recordCase(rng) {
    const base = rng.pick(records);
    let text;
    if (rng.next() < 0.75) {
      let tree = JSON.parse(base.text);
      for (let k = 1 + rng.int(3); k > 0; k--) tree = mutateTree(tree, rng);
      text = JSON.stringify(tree, null, 1);
    } else {
      text = mutateText(base.text, rng);
    }
    const file = `fuzz-${base.name}`;
    let material;
    try {
      material = api.parseMaterial(text, file);
    } catch (error) {
      const problem = clearError(error, file, api, text);
      return problem ? { outcome: "fail", problem, input: text.slice(0, 400) } : { outcome: "error" };
    }
    const problems = rangeProblems(material, api.physicalRanges);
    /** @type {{ code: string }[]} */
    const warnings = [];
    try {
      const maps = material.role === "anode" ? [api.potentialMap(material, llzo, lco, { withoutProfile: true })]
        : material.role === "electrolyte" ? [api.potentialMap(li, material, lco, { withoutProfile: true })]
          : material.states.map((/** @type {Json} */ s) => api.potentialMap(li, llzo, s, { withoutProfile: true }));
      for (const m of maps) {
        warnings.push(...m.warnings);
        for (const key of ["dphiAnode", "dphiCathode", "fermiLevelAnodeSide", "fermiLevelCathodeSide", "ocv"]) if (!Number.isFinite(m[key])) problems.push(`${key} = ${m[key]}`);
      }
      if (material.role === "electrolyte" && material.fermiLevel.rule === "defects") {
        const solve = api.guardedFermiLevelFunction(material);
        const gap = material.bandGap + (material.scissor ?? 0);
        for (const v of [material.window.lower, material.window.upper]) problems.push(...solutionProblems(solve(-v).solution, gap));
      }
    } catch (error) {
      // a solver's error must name the record too (cell/fermiLevel.ts inRecord)
      const problem = clearError(error, file, api, text);
      return problem ? { outcome: "fail", problem: `evaluating: ${problem}`, input: text.slice(0, 400) } : { outcome: "error" };
    }
    if (problems.length) return { outcome: "fail", problem: problems.join("; "), input: text.slice(0, 400) };
    return { outcome: warnings.length ? "flagged" : "result" };
  }

  /** @param {Rng} rng @returns {Promise<Outcome>} */
  async function scFermiCase(rng) {
    const base = rng.pick(scCases);
    const mutateCell = rng.next() < 0.25;
    let input = mutateCell ? base.input : mutateLines(base.input, rng);
    if (!mutateCell && rng.next() < 0.2) input += `\n1\n${rng.pick(["V_Li", "V_O", "Li_i", "N_O", "X"])} ${rng.pick(["1e18", "1e22", "3e30", "-1", "x"])}\n0\n`;
    const cell = mutateCell ? mutateLines(base.cell, rng) : base.cell;
    const name = mutateCell ? "fuzz-unitcell.dat" : "fuzz-input-fermi.dat";
    try {
      const parsed = api.readInputFermi(input, "fuzz-input-fermi.dat");
      const unit = api.readUnitCell(cell, "fuzz-unitcell.dat");
      const system = api.scFermiSystem(parsed, undefined, unit.volume);
      const result = api.solveScFermi(system);
      const problems = solutionProblems(result, result.bandGap);
      if (problems.length) return { outcome: "fail", problem: problems.join("; "), input: (mutateCell ? cell : input).slice(0, 600) };
      return { outcome: result.warnings.length ? "flagged" : "result" };
    } catch (error) {
      const problem = clearError(error, name, api, input + cell) && clearError(error, "fuzz-", api, input + cell);
      return problem ? { outcome: "fail", problem, input: (mutateCell ? cell : input).slice(0, 600) } : { outcome: "error" };
    }
  }

  /** @param {Rng} rng @returns {Promise<Outcome>} */
  async function phaseCase(rng) {
    const json = rng.next() < 0.3;
    const file = json ? "fuzz-entries.json" : "fuzz-entries.csv";
    let text;
    if (json) {
      if (rng.next() < 0.7) {
        let tree = JSON.parse(entriesJson);
        for (let k = 1 + rng.int(2); k > 0; k--) tree = mutateTree(tree, rng);
        text = JSON.stringify(tree);
      } else text = mutateText(entriesJson, rng);
    } else {
      text = mutateLines(csv, rng, { separator: ",", join: "," });
      if (rng.next() < 0.2) text += `\n${rng.pick(["Li0O,-1.3", "O,-0.5", "Li2TiO3,1e300", "((((((((((Li)))))))))),0", "Li2TiO3,0.5", "Na,0"])}\n`;
    }
    const formula = rng.pick(["Li2TiO3", "Li4TiO4", "LiTi2O4", "Li5TiO9", "TiO2"]);
    try {
      const entries = api.parsePhaseEntries(text, file);
      const w = await api.stabilityWindow(entries, formula, { file });
      const problems = [];
      if (!Number.isFinite(w.lower) || !(w.upper >= w.lower)) problems.push(`window ${w.lower}..${w.upper}`);
      if (!w.exists && !flagged(w.warnings, "no-window")) problems.push("no window, unflagged");
      if (!w.inEntries && !flagged(w.warnings, "not-in-entries")) problems.push("not in the entries, unflagged");
      if (problems.length) return { outcome: "fail", problem: problems.join("; "), input: text.slice(0, 600) };
      return { outcome: w.warnings.length ? "flagged" : "result" };
    } catch (error) {
      // the formula is ours, not the file's: an error about it names the formula field
      const problem = clearError(error, file, api, text) && (error instanceof api.PotmapError && /field "formula"/.test(/** @type {any} */ (error).message) ? null : clearError(error, file, api, text));
      return problem ? { outcome: "fail", problem, input: text.slice(0, 600) } : { outcome: "error" };
    }
  }

  /** @param {Rng} rng @returns {Promise<Outcome>} */
  async function commandCase(rng) {
    const argv = [...rng.pick(commandLines)];
    const choice = rng.int(5);
    const flagAt = () => 1 + 2 * rng.int((argv.length - 1) / 2);
    if (choice <= 1) argv[flagAt() + 1] = rng.pick(flagValues);
    else if (choice === 2) argv.splice(flagAt(), 2);
    else if (choice === 3) {
      const i = flagAt();
      argv.push(argv[i], argv[i + 1] ?? "1");
    } else argv.push(rng.pick(["--unknown", "--json", "--temperature", "--materials", "--only", "--csv"]), rng.pick(flagValues));
    if (rng.next() < 0.5 && !argv.includes("--json")) argv.push("--json");
    // outputs a mutation may add go to the scratch folder, never into the repository
    for (let i = 0; i < argv.length - 1; i++) if (["--csv", "--json-out", "--figure", "--out"].includes(argv[i])) argv[i + 1] = path.join(scratch, "out.txt");
    let stdout = "";
    let stderr = "";
    const code = await api.main(argv, (/** @type {string} */ t) => (stdout += t), (/** @type {string} */ t) => (stderr += t));
    const shown = argv.join(" ").slice(0, 300);
    if (code === 0) {
      if (argv.includes("--json")) {
        try {
          JSON.parse(stdout);
        } catch {
          return { outcome: "fail", problem: "exit 0 but stdout is no JSON", input: shown };
        }
      }
      return { outcome: /warnings/.test(stdout) ? "flagged" : "result" };
    }
    if (code !== 2) return { outcome: "fail", problem: `exit ${code}: ${stderr.slice(0, 200)}`, input: shown };
    if (stdout !== "") return { outcome: "fail", problem: "exit 2 with output on stdout", input: shown };
    const lines = stderr.trimEnd().split("\n");
    if (lines.length !== 1 || !lines[0].startsWith(`potmap ${argv[0]}: `)) return { outcome: "fail", problem: `stderr not one potmap line: ${stderr.slice(0, 200)}`, input: shown };
    // the message names a flag or field, a line, or the file the command line gave
  const namesInput = argv.some((a, i) => i > 0 && !a.startsWith("--") && a.length > 0 && lines[0].startsWith(`potmap ${argv[0]}: ${a}`));
  if (!namesInput && !/field "|, line \d|\.(json|dat|csv)/.test(lines[0])) return { outcome: "fail", problem: `names no flag, field or file: ${lines[0].slice(0, 200)}`, input: shown };
    return { outcome: "error" };
  }

  // ---------------------------------------------------------------- file commands (issue 20)

  /** @param {string} file @returns {string} the file's hash, or "absent" */
  const hashOf = (file) => (fs.existsSync(file) ? crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex") : "absent");
  let caseFolders = 0;
  /** A fresh folder in the scratch space for one case. @returns {string} */
  const caseFolder = () => {
    const d = path.join(scratch, `case-${caseFolders++}`);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  /** @param {string[]} argv */
  async function runMain(argv) {
    let stdout = "";
    let stderr = "";
    const code = await api.main(argv, (/** @type {string} */ t) => (stdout += t), (/** @type {string} */ t) => (stderr += t));
    return { code, stdout, stderr };
  }
  /** The one-line error a failed command must give (exit 2, nothing on stdout). @returns {string | null} */
  const commandError = (/** @type {{ code: number, stdout: string, stderr: string }} */ r, /** @type {string} */ command) => {
    if (r.code !== 2) return `exit ${r.code}: ${r.stderr.slice(0, 200)}`;
    if (r.stdout !== "") return "exit 2 with output on stdout";
    const lines = r.stderr.trimEnd().split("\n");
    if (lines.length !== 1 || !lines[0].startsWith(`potmap ${command}: `)) return `stderr not one potmap line: ${r.stderr.slice(0, 200)}`;
    return null;
  };
  const exampleInput = fs.readFileSync(path.join(sc, "input-fermi.dat"), "utf8");
  const exampleCell = fs.readFileSync(path.join(sc, "unitcell.dat"), "utf8");
  const electrolyteRecords = records.filter((r) => JSON.parse(r.text).role === "electrolyte");
  // a base record whose window the example set spans (its V_Li and Li_i stay within their sites)
  const narrowBase = (() => {
    const r = JSON.parse(records.find((x) => x.name === "LLZO.json")?.text ?? "{}");
    r.id = "FuzzBase";
    r.window = { source: "fuzz: a window the example SC-FERMI set spans", lower: 1.6, upper: 1.9 };
    return JSON.stringify(r, null, 1);
  })();

  /**
   * `import` on mutated SC-FERMI files; --out now and then aimed at an input.
   * @param {Rng} rng
   * @returns {Promise<Outcome>}
   */
  async function importCase(rng) {
    const d = caseFolder();
    const input = path.join(d, "input-fermi.dat");
    const cell = path.join(d, "unitcell.dat");
    const base = path.join(d, "FuzzBase.json");
    let text = rng.next() < 0.6 ? mutateLines(exampleInput, rng) : exampleInput;
    if (rng.next() < 0.3) text += `\n${rng.pick(["1", "2", "0"])}\n${rng.pick(["V_Li", "V_O", "N_O", "X"])} ${rng.pick(["1e18", "1e22", "3e30", "-1", "x"])}\n${rng.pick(["0", "1\nN_O -1 1e16", "1\nV_Li +3 1e15", "1\nV_O 2 1e30"])}\n`;
    fs.writeFileSync(input, text);
    fs.writeFileSync(cell, rng.next() < 0.15 ? mutateLines(exampleCell, rng) : exampleCell);
    fs.writeFileSync(base, narrowBase);
    const out = rng.pick([path.join(d, "out.json"), path.join(d, "out.json"), path.join(d, "out.json"), input, cell, base, d]);
    const mu = rng.pick(["-1.75", "-1.75", "-1.6", "-5", "0", "5", "-1e6", "x"]);
    const argv = ["import", "--sc-fermi", input, "--unitcell", cell, "--base", "FuzzBase", "--id", "FuzzImport", "--mu-li", mu, "--materials", base, "--out", out];
    if (rng.next() < 0.5) argv.push("--synthesis", rng.pick(["off", "on"]));
    if (rng.next() < 0.2) argv.push("--synthesis-temperature", rng.pick(["1000", "25", "1e6"]));
    const inputs = [input, cell, base];
    const before = inputs.map(hashOf);
    const r = await runMain(argv);
    const shown = `${argv.join(" ").slice(0, 300)}\n${text.slice(0, 400)}`;
    const changed = inputs.filter((f, i) => hashOf(f) !== before[i]);
    if (changed.length) return { outcome: "fail", problem: `input changed: ${changed.join(", ")}`, input: shown };
    if (r.code === 0) {
      if (!fs.existsSync(out) || !fs.statSync(out).isFile()) return { outcome: "fail", problem: "exit 0 but no record written", input: shown };
      const written = fs.readFileSync(out, "utf8");
      try {
        api.parseMaterial(written, out);
      } catch (error) {
        return { outcome: "fail", problem: `the written record is refused: ${String(/** @type {any} */ (error)?.message).slice(0, 200)}`, input: shown };
      }
      const checked = await api.checkDataSet([{ file: out, record: JSON.parse(written) }]);
      if (checked.errors.length) return { outcome: "fail", problem: `the written record fails check: ${JSON.stringify(checked.errors[0]).slice(0, 200)}`, input: shown };
      return { outcome: /warning/.test(r.stdout) ? "flagged" : "result" };
    }
    const problem = commandError(r, "import");
    if (problem) return { outcome: "fail", problem, input: shown };
    if (out.endsWith("out.json") && fs.existsSync(out)) return { outcome: "fail", problem: "failed but wrote its output", input: shown };
    return { outcome: "error" };
  }

  /**
   * `export` of a mutated electrolyte record; what it writes, fermi must read.
   * @param {Rng} rng
   * @returns {Promise<Outcome>}
   */
  async function exportCase(rng) {
    const d = caseFolder();
    const baseRecord = rng.pick(electrolyteRecords);
    let tree = JSON.parse(baseRecord.text);
    tree.id = "FuzzExport";
    for (let k = rng.int(3); k > 0; k--) tree = mutateTree(tree, rng);
    if (rng.next() < 0.2 && tree?.fermiLevel && typeof tree.fermiLevel === "object") {
      tree.fermiLevel.dopants = [{ name: rng.pick(["Ta_Zr", "Ta Zr", "Ta#", "Ta\nZr"]), charge: rng.pick([1, 0.5, -2, 1e6]), concentration: { value: rng.pick([1e18, 3e21, 1e23, 1e30]), source: "fuzz" } }];
    }
    const record = path.join(d, "FuzzExport.json");
    fs.writeFileSync(record, JSON.stringify(tree, null, 1));
    const target = rng.pick([path.join(d, "set"), path.join(d, "set"), d, record]);
    const mu = rng.pick(["-1", "-1.5", "-2", "-2.5", "0", "5", "1e6", "-7", "x"]);
    const argv = ["export", "--sc-fermi", target, "--electrolyte", "FuzzExport", "--mu-li", mu, "--materials", record, "--only"];
    if (rng.next() < 0.3) argv.push("--force");
    const before = hashOf(record);
    const listing = fs.readdirSync(d).sort().join(",");
    const r = await runMain(argv);
    const shown = `${argv.join(" ").slice(0, 300)}\n${JSON.stringify(tree).slice(0, 400)}`;
    if (hashOf(record) !== before) return { outcome: "fail", problem: "the record changed", input: shown };
    if (r.code === 0) {
      const inputFermi = path.join(target, "input-fermi.dat");
      const dos = path.join(target, "totdos.dat");
      const fermi = await runMain(["fermi", "--sc-fermi", inputFermi, "--unitcell", path.join(target, "unitcell.dat"), ...(fs.existsSync(dos) ? ["--dos", dos] : []), "--json"]);
      if (fermi.code !== 0) return { outcome: "fail", problem: `fermi refuses the exported set: ${fermi.stderr.slice(0, 200)}`, input: shown };
      return { outcome: "result" };
    }
    const problem = commandError(r, "export");
    if (problem) return { outcome: "fail", problem, input: shown };
    if (fs.readdirSync(d).sort().join(",") !== listing) return { outcome: "fail", problem: "failed but left files behind", input: shown };
    return { outcome: "error" };
  }

  /**
   * `potmap check` and the commands' reader agree on a mutated record: the reader refuses it
   * exactly when check reports a record or range error of it.
   * @param {Rng} rng @returns {Promise<Outcome>}
   */
  async function agreeCase(rng) {
    const base = rng.pick(records);
    let tree = JSON.parse(base.text);
    for (let k = 1 + rng.int(2); k > 0; k--) tree = mutateTree(tree, rng);
    const file = `fuzz-${base.name}`;
    const text = JSON.stringify(tree, null, 1);
    let refused = null;
    try {
      api.parseMaterial(text, file);
    } catch (error) {
      if (!(error instanceof api.PotmapError)) return { outcome: "fail", problem: `reader threw ${String(error)}`, input: text.slice(0, 400) };
      refused = /** @type {any} */ (error).message;
    }
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { outcome: "error" };
    }
    const checked = await api.checkDataSet([{ file, record: parsed }]);
    const readerErrors = checked.errors.filter((/** @type {any} */ f) => f.check === "record" || f.check === "range");
    if (refused && readerErrors.length === 0) return { outcome: "fail", problem: `the reader refuses it but check reports no record or range error: ${refused.slice(0, 200)}`, input: text.slice(0, 400) };
    if (!refused && readerErrors.length > 0) return { outcome: "fail", problem: `check reports ${JSON.stringify(readerErrors[0]).slice(0, 200)} but the reader accepts it`, input: text.slice(0, 400) };
    return { outcome: refused ? "error" : checked.errors.length + checked.warnings.length ? "flagged" : "result" };
  }

  const voltageCsv = fs.readFileSync(path.join(phaseDir, "li-co-o-voltage.csv"), "utf8");
  /**
   * `window` and `voltage` on mutated entries (numbers, lines, energies scaled as per formula
   * unit): every printed voltage inside 0-6 V or flagged, no NaN, the entries file unchanged.
   * @param {Rng} rng
   * @returns {Promise<Outcome>}
   */
  async function windowVoltageCase(rng) {
    const d = caseFolder();
    const windowCase = rng.next() < 0.5;
    let text = windowCase ? csv : voltageCsv;
    const choice = rng.int(3);
    if (choice === 0) text = mutateLines(text, rng, { separator: ",", join: "," });
    else if (choice === 1) {
      // the unit slip: energies per formula unit in the per-atom column (times a factor)
      const factor = rng.pick([2, 3, 5, 10, -1, 1000]);
      text = text.split("\n").map((l) => (/^[A-Z][A-Za-z0-9.]*,-?[\d.]+/.test(l) ? l.replace(/,(-?[\d.]+)/, (_m, e) => `,${Number(e) * factor}`) : l)).join("\n");
    }
    const file = path.join(d, "entries.csv");
    fs.writeFileSync(file, text);
    const argv = windowCase
      ? ["window", "--entries", file, "--formula", rng.pick(["Li2TiO3", "Li4TiO4", "TiO2"]), "--json"]
      : ["voltage", "--entries", file, "--lithiated", rng.pick(["LiCoO2", "Li0.5CoO2"]), "--delithiated", rng.pick(["CoO2", "Li0.5CoO2"]), "--json"];
    const before = hashOf(file);
    const r = await runMain(argv);
    const shown = `${argv.join(" ")}\n${text.slice(0, 400)}`;
    if (hashOf(file) !== before) return { outcome: "fail", problem: "the entries file changed", input: shown };
    if (r.code !== 0) {
      const problem = commandError(r, argv[0]);
      return problem ? { outcome: "fail", problem, input: shown } : { outcome: "error" };
    }
    if (/NaN|Infinity/.test(r.stdout)) return { outcome: "fail", problem: "NaN or Infinity printed", input: shown };
    const json = JSON.parse(r.stdout);
    const voltages = windowCase ? [json.lower, json.upper] : [json.voltage];
    const warnings = json.warnings ?? [];
    for (const v of voltages) {
      if (v === null) continue;
      if (!(v >= 0 && v <= 6) && !flagged(warnings, "outside-voltage-range")) return { outcome: "fail", problem: `voltage ${v} V outside 0-6 V unflagged`, input: shown };
    }
    return { outcome: warnings.length ? "flagged" : "result" };
  }

  // ---------------------------------------------------------------- the library API
  const lib = api.lib;
  const llzoSystem = llzo.fermiLevel.system;
  const libraryCalls = lib ? libraryBaseCalls(lib, set, li) : [];

  /** @param {Rng} rng @returns {Promise<Outcome>} */
  async function libraryCase(rng) {
    const base = rng.pick(libraryCalls);
    const args = structuredClone(base.args(rng));
    /** @type {{ at: (string | number)[], value: unknown, typeChange: boolean }[]} */
    const changes = [];
    for (let k = 1 + (rng.next() < 0.2 ? 1 : 0); k > 0; k--) {
      const all = paths(args).filter(([at]) => at.length >= 1 && at.length <= 4);
      const [at, old] = rng.pick(all);
      const value = rng.pick(hostileValues);
      setAt(args, at, value);
      // a number another type where the function reads it: the call must fail
      const read = at.length === 1 || base.reads.some((r) => r.length === at.length && r.every((p, i) => p === "*" || p === at[i]));
      changes.push({ at, value, typeChange: typeof old === "number" && typeof value !== "number" && value !== undefined && read });
    }
    const shown = `${base.name}: ${changes.map((c) => `${c.at.join(".")} = ${describe(c.value)}`).join(", ")}`;
    let value;
    try {
      value = base.run(...args);
    } catch (error) {
      const e = /** @type {any} */ (error);
      if (!(error instanceof api.PotmapError)) return { outcome: "fail", problem: `threw ${e?.name ?? typeof error}: ${String(e?.message ?? error).slice(0, 200)}`, input: shown };
      const message = String(e.message);
      // a message may quote an injected NaN (the number or the text "NaN")
      const injectedNaN = changes.some((c) => (typeof c.value === "number" && !Number.isFinite(c.value)) || (typeof c.value === "string" && c.value.includes("NaN")));
      if (/\[object Object\]/.test(message) || (/NaN/.test(message) && !injectedNaN)) return { outcome: "fail", problem: `unclear PotmapError: ${message.slice(0, 200)}`, input: shown };
      return { outcome: "error" };
    }
    const bad = nonFinite(value);
    if (bad) return { outcome: "fail", problem: `returned ${bad}`, input: shown };
    // a path changed twice counts with its last value
    const typed = changes.find((c, i) => c.typeChange && !changes.slice(i + 1).some((d) => d.at.join(".") === c.at.join(".")));
    if (typed) return { outcome: "fail", problem: `a number replaced by ${describe(typed.value)} at ${typed.at.join(".")} gave a result, not an error`, input: shown };
    const problem = base.check?.(value, args);
    if (problem) return { outcome: "fail", problem, input: shown };
    return { outcome: Array.isArray(value?.warnings) && value.warnings.length ? "flagged" : "result" };
  }
  void llzoSystem;

  /** @type {[string, (rng: Rng) => Promise<Outcome>, number][]} */
  const kinds = [
    ["record", recordCase, lib ? 0.33 : 0.37],
    ["sc-fermi", scFermiCase, lib ? 0.14 : 0.15],
    ["phase-entries", phaseCase, lib ? 0.1 : 0.11],
    ["window-voltage", windowVoltageCase, 0.05],
    ["command", commandCase, lib ? 0.12 : 0.14],
    ["import", importCase, 0.05],
    ["export", exportCase, 0.05],
    ["check-agrees", agreeCase, 0.08],
    ...(lib ? [/** @type {[string, (rng: Rng) => Promise<Outcome>, number]} */ (["library", libraryCase, 0.08])] : []),
  ];

  /**
   * Run `cases` cases from `seed`; counts per kind and outcome, and the failures (seed, case).
   * @param {number} cases
   * @param {number} seed
   * @param {{ onProgress?: (done: number, counts: Record<string, Record<string, number>>) => void, maxFailures?: number }} [options]
   */
  return async function run(cases, seed, { onProgress, maxFailures = 20 } = {}) {
    const rng = seeded(seed);
    /** @type {Record<string, Record<string, number>>} */
    const counts = {};
    /** @type {(Outcome & { case: number, kind: string })[]} */
    const failures = [];
    for (let n = 0; n < cases; n++) {
      const r = rng.next();
      let acc = 0;
      const [kind, runCase] = kinds.find(([, , w]) => (acc += w) > r) ?? kinds[kinds.length - 1];
      // each case has its own generator, so a failure is reproduced from (seed, case) alone
      const caseRng = seeded((seed * 1000003 + n) >>> 0);
      /** @type {Outcome} */
      let result;
      try {
        result = await runCase(caseRng);
      } catch (error) {
        result = { outcome: "fail", problem: `the fuzzer itself threw: ${/** @type {any} */ (error)?.stack ?? error}` };
      }
      counts[kind] ??= { result: 0, flagged: 0, error: 0, fail: 0 };
      counts[kind][result.outcome]++;
      if (result.outcome === "fail" && failures.length < maxFailures) failures.push({ case: n, kind, ...result });
      if (onProgress && (n + 1) % 1000 === 0) onProgress(n + 1, counts);
    }
    return { cases, seed, counts, failures };
  };
}
