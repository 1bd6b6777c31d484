#!/usr/bin/env node
/**
 * Hostile calls of the public library API (issue 20, "the library checks its callers"): every
 * entry point exported from lib/src/index.ts called with arguments a new user passes by
 * mistake (a number as text, NaN, a fractional or huge count, a negative temperature, null, an
 * empty list, a record missing a field) and with unphysical records that pass the types
 * (a cathode work function of 0.4 eV, an electrolyte CBM above the vacuum level).
 *
 * Oracle: a call is handled when it throws a PotmapError with a clear message (no
 * "undefined", no "[object Object]"), or, for the calls marked `guarded`, returns a result that
 * carries a warning with the expected code; and in no case a result with NaN or Infinity.
 *
 *   node scripts/hostileCalls.mjs [--dist lib/dist] [--list]
 *
 * prints the calls tried and handled per class (and with --list every call not handled). The
 * calls run in a worker with a time and memory limit, so a call that hangs or allocates
 * gigabytes (`points: 1e9`) counts as not handled instead of stopping the run.
 * test/hostileCalls.test.ts runs the same table against lib/src; scripts/fuzzEngine.mjs
 * mutates the same base calls.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

/** @typedef {{ name: string, cls: string, run: () => unknown, guarded?: string }} HostileCall */

/** Deep scan: the path of the first NaN or infinite number in a value, or null. */
/** @param {unknown} value @returns {string | null} */
export function firstNonFinite(value) {
  /** @type {[unknown, string][]} */
  const stack = [[value, "result"]];
  const seen = new Set();
  let visited = 0;
  while (stack.length && visited++ < 2e6) {
    const [node, at] = /** @type {[unknown, string]} */ (stack.pop());
    if (typeof node === "number") {
      if (!Number.isFinite(node)) return `${at} = ${node}`;
    } else if (node && typeof node === "object") {
      if (seen.has(node)) continue;
      seen.add(node);
      if (ArrayBuffer.isView(node)) {
        for (let i = 0; i < /** @type {any} */ (node).length; i++) if (!Number.isFinite(/** @type {any} */ (node)[i])) return `${at}[${i}]`;
      } else for (const [k, v] of Object.entries(node)) stack.push([v, `${at}.${k}`]);
    }
  }
  return null;
}

/**
 * What is wrong with the outcome of one call, or null when it was handled.
 * @param {any} api @param {HostileCall} call @param {{ threw: boolean, error?: any, value?: any }} outcome
 */
export function judge(api, call, outcome) {
  if (outcome.threw) {
    const e = outcome.error;
    if (!(e instanceof api.PotmapError)) return `threw ${e?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 160)}`;
    const message = String(e.message);
    // NaN or undefined in a message is clear only when it quotes the caller's own value
    const quotes = /NaN|Infinity/.test(call.name);
    if (/\[object Object\]/.test(message) || (/NaN/.test(message) && !quotes) || /undefined/.test(message.replace(/value undefined/g, ""))) {
      return `unclear PotmapError: ${message.slice(0, 160)}`;
    }
    return null;
  }
  const bad = firstNonFinite(outcome.value);
  if (bad) return `returned ${bad}`;
  if (call.guarded) {
    const warnings = collectWarnings(outcome.value);
    const code = call.guarded;
    if (warnings.some((w) => w === code || (typeof w === "string" && w.includes(code)))) return null;
    return `returned without a "${call.guarded}" warning`;
  }
  return `returned without an error: ${JSON.stringify(outcome.value)?.slice(0, 120)}`;
}

/**
 * Warning codes (or warning lines) anywhere in a result.
 * @param {any} value
 * @returns {string[]}
 */
function collectWarnings(value) {
  /** @type {string[]} */
  const out = [];
  const walk = (/** @type {any} */ node, depth = 0) => {
    if (!node || typeof node !== "object" || depth > 4) return;
    if (Array.isArray(node.warnings)) for (const w of node.warnings) out.push(typeof w === "string" ? w : w.code);
    for (const v of Array.isArray(node) ? node : Object.values(node)) walk(v, depth + 1);
  };
  walk(value);
  return out;
}

/**
 * The table of hostile calls against `api` (the module of lib/dist/index.js or lib/src/index.ts).
 * @param {any} api
 * @returns {HostileCall[]}
 */
export function hostileCalls(api) {
  const set = api.readDataSet(api.builtinMaterialsFolder());
  const li = api.findAnode(set, "Li");
  const llzo = api.findElectrolyte(set, "LLZO");
  const lps = api.findElectrolyte(set, "LPS");
  const lco = api.findCathodeState(set, "LCO", "0%");
  const system = llzo.fermiLevel.system;
  const defect = system.defects[0];
  const state = defect.chargeStates[0];
  /** @type {HostileCall[]} */
  const calls = [];
  /** @param {string} cls @param {string} name @param {() => unknown} run @param {string} [guarded] */
  const add = (cls, name, run, guarded) => calls.push({ cls, name, run, ...(guarded ? { guarded } : {}) });

  // ---- a number as text, NaN, Infinity in a record or an argument
  const textNumbers = /** @type {[string, () => unknown][]} */ ([
    ["potentialMap anode.workFunction '4'", () => api.potentialMap({ ...li, workFunction: "4" }, llzo, lco)],
    ["potentialMap electrolyte.ionizationPotential '6'", () => api.potentialMap(li, { ...llzo, ionizationPotential: "6" }, lco)],
    ["potentialMap electrolyte.bandGap '6'", () => api.potentialMap(li, { ...llzo, bandGap: "6" }, lco)],
    ["potentialMap cathode.ocv '4'", () => api.potentialMap(li, llzo, { ...lco, ocv: "4" })],
    ["potentialMap cathode.fermiLevel '0'", () => api.potentialMap(li, llzo, { ...lco, fermiLevel: "0" })],
    ["potentialMap cathode.ionizationPotential '6'", () => api.potentialMap(li, llzo, { ...lco, ionizationPotential: "6" })],
    ["potentialMap window.upper '6'", () => api.potentialMap(li, { ...llzo, window: { lower: 0, upper: "6" } }, lco)],
    ["potentialMap options.temperature '300'", () => api.potentialMap(li, llzo, lco, { temperature: "300" })],
    ["stackMap anode.workFunction '4'", () => api.stackMap({ ...li, workFunction: "4" }, [llzo], lco)],
    ["electrostaticPotential '1'", () => api.electrostaticPotential("1", 6, 4, 0)],
    ["valenceBandMaximum '0'", () => api.valenceBandMaximum("0", 1)],
    ["vacuumLevel '4'", () => api.vacuumLevel("4", 0)],
    ["bandEdgesVsVacuum '6'", () => api.bandEdgesVsVacuum("6", 5, 1)],
    ["classifyFermiLevel '1'", () => api.classifyFermiLevel("1", 5, 300)],
    ["defectConcentration fermiLevel '1'", () => api.defectConcentration(defect, state, 0, "1", 300)],
    ["solveFermiLevel muLi '0'", () => api.solveFermiLevel(system, "0")],
    ["linspace from '0'", () => api.linspace("0", 1, 3)],
    ["temperatureRange '250'", () => api.temperatureRange("250", 600, 3)],
    ["calibrateElectrolyteIP dphiAnode '0.4'", () => api.calibrateElectrolyteIP(li, llzo, "0.4")],
    ["openCircuitVoltage lithiumEnergy '-1.9'", () => api.openCircuitVoltage({ energy: -10, lithium: 1 }, { energy: -5, lithium: 0 }, "-1.9")],
  ]);
  for (const [n, f] of textNumbers) add("number as text", n, f);

  const nonFinite = /** @type {[string, () => unknown][]} */ ([
    ["classifyFermiLevel(NaN)", () => api.classifyFermiLevel(NaN, 5, 300)],
    ["classifyFermiLevel gap NaN", () => api.classifyFermiLevel(1, NaN, 300)],
    ["classifyFermiLevel T Infinity", () => api.classifyFermiLevel(1, 5, Infinity)],
    ["potentialMap anode.workFunction NaN", () => api.potentialMap({ ...li, workFunction: NaN }, llzo, lco)],
    ["potentialMap cathode.ocv Infinity", () => api.potentialMap(li, llzo, { ...lco, ocv: Infinity })],
    ["potentialMap electrolyte.ionizationPotential NaN", () => api.potentialMap(li, { ...llzo, ionizationPotential: NaN }, lco)],
    ["potentialMap options.temperature NaN", () => api.potentialMap(li, llzo, lco, { temperature: NaN })],
    ["potentialMap options.electrodeWidth Infinity", () => api.potentialMap(li, llzo, lco, { electrodeWidth: Infinity })],
    ["electrostaticPotential NaN", () => api.electrostaticPotential(NaN, 6, 4, 0)],
    ["valenceBandMaximum Infinity", () => api.valenceBandMaximum(-Infinity, 1)],
    ["vacuumLevel NaN", () => api.vacuumLevel(4, NaN)],
    ["bandEdgesVsVacuum NaN", () => api.bandEdgesVsVacuum(6, NaN, 1)],
    ["hinders(NaN)", () => api.hinders(NaN)],
    ["defectConcentration muLi NaN", () => api.defectConcentration(defect, state, NaN, 1, 300)],
    ["formationEnergy fermiLevel Infinity", () => api.formationEnergy(defect, state, 0, Infinity)],
    ["solveFermiLevel muLi NaN", () => api.solveFermiLevel(system, NaN)],
    ["solveFermiLevel muLi Infinity", () => api.solveFermiLevel(system, -Infinity)],
    ["sweepVoltage [NaN]", () => api.sweepVoltage(system, [NaN])],
    ["fermiLevelSlope voltage NaN", () => api.fermiLevelSlope(system, NaN)],
    ["fermiLevelSlope step 0", () => api.fermiLevelSlope(system, 1, 0)],
    ["linspace to Infinity", () => api.linspace(0, Infinity, 3)],
    ["effectiveDensityOfStates mass NaN", () => api.effectiveDensityOfStates(NaN, 300)],
    ["fermiLevelFunction fixed NaN", () => api.fermiLevelFunction({ rule: "fixed", value: NaN })(0)],
    ["electrolyteFermiLevel mu NaN", () => api.electrolyteFermiLevel(llzo)(NaN)],
    ["calibrateElectrolyteIP NaN", () => api.calibrateElectrolyteIP(li, llzo, NaN)],
    ["openCircuitVoltage NaN", () => api.openCircuitVoltage({ energy: NaN, lithium: 1 }, { energy: -5, lithium: 0 }, -1.9)],
    ["interlayerState voltage NaN", () => api.interlayerState(set.cathodes[0].states, NaN)],
    ["dictionaryTable temperature NaN", () => api.dictionaryTable(set, { temperature: NaN })],
  ]);
  for (const [n, f] of nonFinite) add("NaN or Infinity", n, f);

  // ---- counts: fractional, huge, zero, negative
  const counts = /** @type {[string, () => unknown][]} */ ([
    ["potentialMap points 2.5", () => api.potentialMap(li, llzo, lco, { points: 2.5 })],
    ["potentialMap points 1e9", () => api.potentialMap(li, llzo, lco, { points: 1e9 })],
    ["potentialMap points 1", () => api.potentialMap(li, llzo, lco, { points: 1 })],
    ["potentialMap points 0", () => api.potentialMap(li, llzo, lco, { points: 0 })],
    ["potentialMap points -5", () => api.potentialMap(li, llzo, lco, { points: -5 })],
    ["potentialMap points '11'", () => api.potentialMap(li, llzo, lco, { points: "11" })],
    ["stackMap points 2.5", () => api.stackMap(li, [llzo], lco, { points: 2.5 })],
    ["stackMap points 1e9", () => api.stackMap(li, [llzo], lco, { points: 1e9 })],
    ["dictionaryTable points 0.5", () => api.dictionaryTable(set, { points: 0.5 })],
    ["linspace points 1e9", () => api.linspace(0, 1, 1e9)],
    ["temperatureRange count 2.5", () => api.temperatureRange(250, 600, 2.5)],
    ["temperatureRange count 1e9", () => api.temperatureRange(250, 600, 1e9)],
    ["transitionLevel charges 0.5", () => api.transitionLevel(defect, 0.5, 1)],
  ]);
  for (const [n, f] of counts) add("count not an integer 2..1e6", n, f);

  // ---- out of physical range
  const ranges = /** @type {[string, () => unknown][]} */ ([
    ["defectConcentration at -300 K", () => api.defectConcentration(defect, state, 0, 1, -300)],
    ["defectConcentration at 0 K", () => api.defectConcentration(defect, state, 0, 1, 0)],
    ["classifyFermiLevel at -300 K", () => api.classifyFermiLevel(1, 5, -300)],
    ["classifyFermiLevel gap -1", () => api.classifyFermiLevel(1, -1, 300)],
    ["potentialMap temperature -300", () => api.potentialMap(li, llzo, lco, { temperature: -300 })],
    ["potentialMap temperature 1e6", () => api.potentialMap(li, llzo, lco, { temperature: 1e6 })],
    ["potentialMap electrodeWidth -1", () => api.potentialMap(li, llzo, lco, { electrodeWidth: -1 })],
    ["potentialMap cathode.ocv -4", () => api.potentialMap(li, llzo, { ...lco, ocv: -4 })],
    ["potentialMap cathode.ocv 400", () => api.potentialMap(li, llzo, { ...lco, ocv: 400 })],
    ["potentialMap electrolyte.bandGap -1", () => api.potentialMap(li, { ...lps, bandGap: -1 }, lco)],
    ["potentialMap anode.workFunction 400", () => api.potentialMap({ ...li, workFunction: 400 }, llzo, lco)],
    ["effectiveDensityOfStates at -300 K", () => api.effectiveDensityOfStates(1, -300)],
    ["effectiveDensityOfStates mass -1", () => api.effectiveDensityOfStates(-1, 300)],
    ["electrolyteFermiLevel at -300 K", () => api.electrolyteFermiLevel(llzo, -300)(0)],
    ["solveFermiLevel system at -300 K", () => api.solveFermiLevel({ ...system, temperature: -300 }, 0)],
    ["temperatureSweep [-5]", () => api.temperatureSweep(li, llzo, lco, [-5])],
    ["stackMap temperature 0", () => api.stackMap(li, [llzo], lco, { temperature: 0 })],
    ["dictionaryTable temperature -1", () => api.dictionaryTable(set, { temperature: -1 })],
    ["interlayerState voltage -100", () => api.interlayerState(set.cathodes[0].states, -100)],
    ["fermiLevelSlope step 1e300", () => api.fermiLevelSlope(system, 1, 1e300)],
  ]);
  for (const [n, f] of ranges) add("out of physical range", n, f);

  // ---- wrong shapes: null, undefined, {}, a number for a record
  const shapes = /** @type {[string, () => unknown][]} */ ([
    ["readInputFermi(null)", () => api.readInputFermi(null)],
    ["readInputFermi(42)", () => api.readInputFermi(42)],
    ["readTotalDos(null)", () => api.readTotalDos(null)],
    ["readUnitCell(undefined)", () => api.readUnitCell(undefined)],
    ["parseMaterial({})", () => api.parseMaterial({})],
    ["parseMaterial(null)", () => api.parseMaterial(null)],
    ["parseMaterial(42)", () => api.parseMaterial(42)],
    ["parsePhaseEntries(null)", () => api.parsePhaseEntries(null, "x.csv")],
    ["parseSpaceChargeData(null)", () => api.parseSpaceChargeData(null)],
    ["parseFormula(null)", () => api.parseFormula(null)],
    ["parseFormula(42)", () => api.parseFormula(42)],
    ["reducedFormula(null)", () => api.reducedFormula(null)],
    ["parseDopants(null)", () => api.parseDopants(null)],
    ["parseUncertaintyMap(null)", () => api.parseUncertaintyMap(null)],
    ["potentialMap(null, ...)", () => api.potentialMap(null, llzo, lco)],
    ["potentialMap(li, null, lco)", () => api.potentialMap(li, null, lco)],
    ["potentialMap(li, llzo, undefined)", () => api.potentialMap(li, llzo, undefined)],
    ["potentialMap(li, {}, lco)", () => api.potentialMap(li, {}, lco)],
    ["potentialMap electrolyte without window", () => api.potentialMap(li, { ...llzo, window: undefined }, lco)],
    ["potentialMap electrolyte without fermiLevel", () => api.potentialMap(li, { ...llzo, fermiLevel: undefined }, lco)],
    ["potentialMap fermiLevel rule 'magic'", () => api.potentialMap(li, { ...llzo, fermiLevel: { rule: "magic" } }, lco)],
    ["potentialMap options 'fast'", () => api.potentialMap(li, llzo, lco, "fast")],
    ["stackMap(null, [llzo], lco)", () => api.stackMap(null, [llzo], lco)],
    ["stackMap(li, null, lco)", () => api.stackMap(li, null, lco)],
    ["stackMap(li, [null], lco)", () => api.stackMap(li, [null], lco)],
    ["stackMap(li, [llzo], null)", () => api.stackMap(li, [llzo], null)],
    ["potentialDictionary(null)", () => api.potentialDictionary(null)],
    ["potentialDictionary({})", () => api.potentialDictionary({})],
    ["dictionaryTable(undefined)", () => api.dictionaryTable(undefined)],
    ["dictionaryTableWithWarnings({anodes: 1})", () => api.dictionaryTableWithWarnings({ anodes: 1, electrolytes: [], cathodes: [] })],
    ["defectConcentration(null, ...)", () => api.defectConcentration(null, state, 0, 1, 300)],
    ["defectConcentration(defect, null, ...)", () => api.defectConcentration(defect, null, 0, 1, 300)],
    ["formationEnergy({}, {})", () => api.formationEnergy({}, {}, 0, 1)],
    ["transitionLevel(null, 0, 1)", () => api.transitionLevel(null, 0, 1)],
    ["solveFermiLevel(null, 0)", () => api.solveFermiLevel(null, 0)],
    ["solveFermiLevel({}, 0)", () => api.solveFermiLevel({}, 0)],
    ["compileSystem(undefined)", () => api.compileSystem(undefined)],
    ["compileSystem defects null", () => api.compileSystem({ ...system, defects: null })],
    ["sweepVoltage(system, null)", () => api.sweepVoltage(system, null)],
    ["sweepVoltage(system, 'abc')", () => api.sweepVoltage(system, "abc")],
    ["fermiLevelSlope(null, 1)", () => api.fermiLevelSlope(null, 1)],
    ["fermiLevelFunction(null)", () => api.fermiLevelFunction(null)],
    ["electrolyteFermiLevel(null)", () => api.electrolyteFermiLevel(null)],
    ["electrolyteSystem(null)", () => api.electrolyteSystem(null)],
    ["findAnode(null, 'Li')", () => api.findAnode(null, "Li")],
    ["findElectrolyte(set, 42)", () => api.findElectrolyte(set, 42)],
    ["findCathodeState(set, null, '0%')", () => api.findCathodeState(set, null, "0%")],
    ["interlayerState(null, 1)", () => api.interlayerState(null, 1)],
    ["temperatureSweep(li, llzo, lco, null)", () => api.temperatureSweep(li, llzo, lco, null)],
    ["withDopant(llzo, null)", () => api.withDopant(llzo, null)],
    ["withDopant(llzo, {name:'X', charge:'x', concentration: 1})", () => api.withDopant(llzo, { name: "X", charge: "x", concentration: 1 })],
    ["quenchElectrolyte(llzo, null)", () => api.quenchElectrolyte(llzo, null)],
    ["quenchElectrolyte(llzo, {temperature: -5, voltage: 1})", () => api.quenchElectrolyte(llzo, { temperature: -5, voltage: 1 })],
    ["scFermiSystem(null)", () => api.scFermiSystem(null)],
    ["solveScFermi(null)", () => api.solveScFermi(null)],
    ["calibrateElectrolyteIP(null, llzo, 0.4)", () => api.calibrateElectrolyteIP(null, llzo, 0.4)],
    ["screen(null)", () => api.screen(null)],
    ["syntheticDataSet(null)", () => api.syntheticDataSet(null)],
    ["bandAlignmentFigure(null)", () => api.bandAlignmentFigure(null)],
    ["solveSpaceCharge(null)", () => api.solveSpaceCharge(null)],
    ["openCircuitVoltage(null, null, 0)", () => api.openCircuitVoltage(null, null, 0)],
    ["averageVoltage(null, 'LiCoO2', 'CoO2')", () => api.averageVoltage(null, "LiCoO2", "CoO2")],
    ["reactionVoltage(null, 'LiCoO2', ['CoO2'])", () => api.reactionVoltage(null, "LiCoO2", ["CoO2"])],
  ]);
  for (const [n, f] of shapes) add("wrong type or shape (null, {}, number)", n, f);

  // ---- empty lists
  const empties = /** @type {[string, () => unknown][]} */ ([
    ["stackMap(li, [], lco)", () => api.stackMap(li, [], lco)],
    ["sweepVoltage(system, [])", () => api.sweepVoltage(system, [])],
    ["temperatureSweep(..., [])", () => api.temperatureSweep(li, llzo, lco, [])],
    ["interlayerState([], 1)", () => api.interlayerState([], 1)],
    ["dictionaryTable(empty set)", () => api.dictionaryTable({ anodes: [], electrolytes: [], cathodes: [] })],
    ["defectConcentration defect without charge states", () => api.transitionLevel({ ...defect, chargeStates: [] }, 0, 1)],
    ["withDopants(llzo, null)", () => api.withDopants(llzo, null)],
    ["phaseDiagram([])", () => api.phaseDiagram([])],
    ["reactionVoltage([], 'LiCoO2', [])", () => api.reactionVoltage([], "LiCoO2", [])],
  ]);
  for (const [n, f] of empties) add("empty list", n, f);

  // ---- unphysical records that pass the types: guarded (a warning) or refused
  const weakCathode = { ...lco, fermiLevel: 2.6, ionizationPotential: 3.0, bandGap: 4 };
  const cbmAboveVacuum = { ...lps, ionizationPotential: 3.2, bandGap: 8, scissor: 0 };
  const physics = /** @type {[string, () => unknown, string][]} */ ([
    ["potentialMap cathode work function 0.4 eV", () => api.potentialMap(li, llzo, weakCathode, { withoutProfile: true }), "cathode-work-function"],
    ["potentialMap cathode E_F above its gap", () => api.potentialMap(li, llzo, { ...lco, fermiLevel: 5, bandGap: 2 }, { withoutProfile: true }), "cathode-fermi-level"],
    ["potentialMap cathode E_F below its VBM", () => api.potentialMap(li, llzo, { ...lco, fermiLevel: -1 }, { withoutProfile: true }), "cathode-fermi-level"],
    ["potentialMap electrolyte CBM above vacuum", () => api.potentialMap(li, cbmAboveVacuum, lco, { withoutProfile: true }), "cbm-above-vacuum"],
    ["stackMap electrolyte CBM above vacuum", () => api.stackMap(li, [cbmAboveVacuum], lco), "cbm-above-vacuum"],
    ["stackMap cathode work function 0.4 eV", () => api.stackMap(li, [llzo], weakCathode), "cathode-work-function"],
    ["dictionaryTableWithWarnings cathode work function 0.4 eV", () => api.dictionaryTableWithWarnings({ anodes: [li], electrolytes: [llzo], cathodes: [{ role: "cathode", id: "X", name: "X", states: [{ ...weakCathode, id: "X" }] }] }), "cathode-work-function"],
    ["temperatureSweep electrolyte CBM above vacuum", () => api.temperatureSweep(li, cbmAboveVacuum, lco, [300]), "cbm-above-vacuum"],
  ]);
  for (const [n, f, code] of physics) add("unphysical record (physics guard)", n, f, code);
  return calls;
}

// ---------------------------------------------------------------- the runner

/**
 * Run every call in this thread; the outcome of each (for the worker and the test).
 * @param {any} api
 */
export function runCalls(api, from = 0, post = (/** @type {any} */ _r) => {}) {
  const calls = hostileCalls(api);
  for (let i = from; i < calls.length; i++) {
    const call = calls[i];
    /** @type {{ threw: boolean, error?: any, value?: any }} */
    let outcome;
    try {
      outcome = { threw: false, value: call.run() };
    } catch (error) {
      outcome = { threw: true, error };
    }
    post({ index: i, total: calls.length, cls: call.cls, name: call.name, problem: judge(api, call, outcome) });
  }
}

async function main() {
  const { Worker } = await import("node:worker_threads");
  const args = process.argv.slice(2);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const distAt = args.indexOf("--dist");
  const dist = path.resolve(distAt >= 0 ? args[distAt + 1] : path.join(here, "../lib/dist"));
  /** @type {any[]} */
  const results = [];
  let next = 0;
  let total = Infinity;
  while (next < total) {
    const started = next;
    await new Promise((resolve) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { dist, from: started }, resourceLimits: { maxOldGenerationSizeMb: 512 } });
      let timer = setTimeout(() => worker.terminate(), 15000);
      worker.on("message", (/** @type {any} */ r) => {
        results[r.index] = r;
        total = r.total;
        next = r.index + 1;
        clearTimeout(timer);
        timer = setTimeout(() => worker.terminate(), 15000);
      });
      worker.on("error", () => {});
      worker.on("exit", () => {
        clearTimeout(timer);
        if (next === started || (results[next - 1] && next < total && results[next] === undefined)) {
          // the call at `next` hung, ran out of memory or crashed the worker
          if (total === Infinity) total = next + 1;
          results[next] = { index: next, cls: "(crashed)", name: `call ${next}`, problem: "took over 15 s or 512 MB" };
          next++;
        }
        resolve(undefined);
      });
    });
  }
  // name the calls that crashed from the table itself
  const require = createRequire(import.meta.url);
  const names = hostileCalls(require(path.join(dist, "index.js")));
  for (const r of results) if (r.cls === "(crashed)") Object.assign(r, { cls: names[r.index].cls, name: names[r.index].name });
  /** @type {Map<string, { tried: number, handled: number }>} */
  const byClass = new Map();
  for (const r of results) {
    const c = byClass.get(r.cls) ?? { tried: 0, handled: 0 };
    c.tried++;
    if (!r.problem) c.handled++;
    byClass.set(r.cls, c);
  }
  console.log(`hostile library calls against ${path.relative(process.cwd(), dist) || dist}`);
  const rows = [...byClass].map(([cls, c]) => `${cls.padEnd(42)} ${String(c.tried).padStart(5)} ${String(c.handled).padStart(8)}`);
  console.log(`${"class".padEnd(42)} ${"tried".padStart(5)} ${"handled".padStart(8)}`);
  for (const row of rows) console.log(row);
  const tried = results.length;
  const handled = results.filter((r) => !r.problem).length;
  console.log(`${"total".padEnd(42)} ${String(tried).padStart(5)} ${String(handled).padStart(8)}`);
  if (args.includes("--list")) for (const r of results) if (r.problem) console.log(`  not handled: ${r.name}: ${r.problem}`);
  process.exitCode = handled === tried ? 0 : 1;
}

const { isMainThread, workerData, parentPort } = await import("node:worker_threads");
if (!isMainThread && workerData?.dist) {
  const require = createRequire(import.meta.url);
  const api = require(path.join(workerData.dist, "index.js"));
  runCalls(api, workerData.from, (r) => parentPort?.postMessage(r));
} else if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
