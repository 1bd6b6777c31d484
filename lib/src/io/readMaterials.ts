/**
 * Reading material records: JSON parse -> schema (ajv) -> provenance -> physical
 * sanity -> plain model types. Every failure is one PotmapError naming file, field, value.
 * The file runs over 400 lines because every field's conversion and its physical range
 * (core/ranges.ts) sit side by side, so that no value reaches the physics unchecked.
 */
import * as fs from "fs";
import * as path from "path";
import type { ValidateFunction } from "ajv";
import { createMaterialValidator } from "./materialValidator";
import { convertUnits, unitSlipHint } from "./units";
import { PotmapError } from "../core/errors";
import { checkFiniteTree, requireNonNegative, requirePositive } from "../core/validation";
import { parseJsonText } from "../core/jsonText";
import { PhysicalQuantity, inPhysicalRange, physicalRanges, rangeText, slipHint } from "../core/ranges";
import { materialSchema } from "./schema";
import { lithiumFromName } from "./importScFermi";
import { checkInputFile, fileSizeLimits } from "./textFile";
import { Carriers } from "../defects/carriers";
import { parseFormula } from "../thermo/formula";
import { Defect, Dopant, TiedPotential } from "../defects/defects";
import { DefectSystem } from "../defects/defects";
import { quenchDefects } from "../defects/quench";
import { Anode, Cathode, CathodeProfile, CathodeState, DataSet, Electrolyte, FermiRule, LiteratureConstraint, Material } from "../cell/materials";
import { requireText } from "../core/arguments";

let validator: ValidateFunction | undefined;

/**
 * ajv's validator for schema.ts, generated ahead of time (scripts/materialValidator.mjs):
 * compiling the schema at load time cost every start of potmap about 0.2-0.5 s. The generated
 * code sits inside a function, built on first use, so loading potmap only pre-parses it.
 */
function validate(data: unknown): boolean {
  validator ??= createMaterialValidator() as ValidateFunction;
  return validator(data) as boolean;
}

type Json = Record<string, any>;

/** "/states/0/ocv" -> "states[0].ocv" */
function fieldName(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
}

function valueAt(data: unknown, pointer: string): unknown {
  let node: any = data;
  for (const part of pointer.split("/").slice(1)) node = node?.[part];
  return node;
}

/**
 * Parse JSON text, naming the file and the line of a syntax error. A leading BOM is accepted;
 * a repeated key or nesting deeper than core/jsonText's limit is an error (core/jsonText.ts).
 */
export function parseJson(text: string, file: string): unknown {
  return parseJsonText(text, file);
}

/**
 * Every number in a parsed record must be finite. JSON has no literal for NaN or Infinity,
 * but a number literal too large for a double (1e400) parses to Infinity and -1e400 to -Infinity;
 * the schema's "number" type accepts both, so they are rejected here, by field, before
 * they can reach a voltage, an energy or a concentration.
 */
export function checkFiniteNumbers(data: unknown, file: string): void {
  checkFiniteTree(data, file);
}

/** Validate a parsed record against the schema; throw the first error, clearly. */
export function validateRecord(raw: unknown, file: string): Json {
  // values given as strings with units ("1.3e28 m^-3") first become numbers in the field's unit (io/units.ts)
  const data = convertUnits(raw, file);
  const errors = recordShapeErrors(data, file);
  if (errors.length > 0) throw errors[0];
  return data as Json;
}

/** Every property name the schema knows, for "did you mean" (collected once). */
let knownFields: string[] | undefined;
function schemaFields(): string[] {
  if (knownFields) return knownFields;
  const names = new Set<string>();
  const stack: unknown[] = [materialSchema];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== "object") continue;
    const properties = (node as Json).properties;
    if (properties && typeof properties === "object") for (const k of Object.keys(properties)) names.add(k);
    stack.push(...Object.values(node as Json));
  }
  knownFields = [...names];
  return knownFields;
}

/** Edit distance (insertions, deletions, substitutions), for the closest known field name. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/**
 * The known field a misspelt one most likely means: a field the same object lacks (required)
 * first, then any field of the schema; same letters in another case, or at most 2 edits.
 */
export function closestField(name: string, preferred: readonly string[] = []): string | undefined {
  const lower = name.toLowerCase();
  for (const list of [preferred, schemaFields()]) {
    const same = list.find((k) => k.toLowerCase() === lower);
    if (same) return same;
    let best: string | undefined;
    let bestDistance = Math.min(2, Math.floor(name.length / 3));
    for (const k of list) {
      const d = editDistance(lower, k.toLowerCase());
      if (d <= bestDistance && (best === undefined || d < bestDistance)) [best, bestDistance] = [k, d];
    }
    if (best) return best;
  }
  return undefined;
}

/**
 * Every schema error of a parsed record, each one PotmapError naming the field, best first:
 * unknown fields (with the closest known one), then the rest. A field reported missing is left
 * out when an unknown field of the same object is its misspelling, and the "must match a schema
 * in anyOf" summaries are left out when a more precise error names the same place.
 */
export function recordShapeErrors(data: unknown, file: string): PotmapError[] {
  checkFiniteNumbers(data, file);
  if (validate(data)) return [];
  const errors = validator!.errors!;
  const missing = (at: string) => errors.filter((e) => e.keyword === "required" && e.instancePath === at).map((e) => String(e.params.missingProperty));
  const out: PotmapError[] = [];
  const seen = new Set<string>();
  const push = (error: PotmapError) => {
    const key = `${error.field}|${error.reason}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(error);
    }
  };
  const meant = new Set<string>();
  const unknownAt = new Set<string>();
  for (const e of errors.filter((x) => x.keyword === "additionalProperties")) {
    const base = fieldName(e.instancePath);
    const name = String(e.params.additionalProperty);
    const field = base ? `${base}.${name}` : name;
    const guess = closestField(name, missing(e.instancePath));
    if (guess) meant.add(`${e.instancePath}/${guess}`);
    unknownAt.add(e.instancePath);
    push(new PotmapError(guess ? `unknown field ${name} (did you mean ${guess}?)` : `unknown field ${name}`, { file, field, value: valueAt(data, `${e.instancePath}/${name}`) }));
  }
  for (const e of errors) {
    if (e.keyword === "additionalProperties") continue;
    // a quantity with an unknown field fails both branches of its anyOf: the unknown field says it
    if ((e.keyword === "type" || e.keyword === "anyOf" || e.keyword === "oneOf") && unknownAt.has(e.instancePath)) continue;
    if (e.keyword === "required" && meant.has(`${e.instancePath}/${e.params.missingProperty}`)) continue;
    push(shapeError(e, data, file));
  }
  // the summaries of anyOf/oneOf only when nothing more precise names the same place
  const precise = out.filter((e) => !/must match/.test(e.reason));
  return precise.length > 0 ? precise : out;
}

function shapeError(error: { keyword: string; instancePath: string; params: Record<string, any>; message?: string }, data: unknown, file: string): PotmapError {
  const field = fieldName(error.instancePath);
  if (error.keyword === "required") return new PotmapError("is required", { file, field: field ? `${field}.${error.params.missingProperty}` : error.params.missingProperty });
  if (error.keyword === "discriminator") {
    const tag = field ? `${field}.${error.params.tag}` : error.params.tag;
    return new PotmapError(`must be one of the known kinds (${error.params.tag === "role" ? "anode, electrolyte, cathode" : "fixed, defects"})`, { file, field: tag, value: error.params.tagValue });
  }
  const reason = error.keyword === "enum" ? `must be one of ${JSON.stringify(error.params.allowedValues)}` : (error.message ?? "invalid");
  const value = valueAt(data, error.instancePath);
  return new PotmapError(reason, value === undefined ? { file, field: field || "(record)" } : { file, field: field || "(record)", value });
}

function fail(file: string, field: string, value: unknown, reason: string): never {
  throw new PotmapError(reason, value === undefined ? { file, field } : { file, field, value });
}

/**
 * Every number must name its source or say it is calibrated, on itself or on an
 * enclosing object. Structural integers (charges, Li counts, species counts) are exempt.
 * Throws the first number without provenance (provenanceErrors lists them all).
 */
export function checkProvenance(data: unknown, file: string): void {
  const errors = provenanceErrors(data, file);
  if (errors.length > 0) throw errors[0];
}

/** Whether a record-level source or calibrated note names a field ("bandGap" as a word). */
function namesField(text: unknown, field: string): boolean {
  return typeof text === "string" && new RegExp(`(^|[^A-Za-z0-9_])${field.replace(/[^A-Za-z0-9_]/g, "")}($|[^A-Za-z0-9_])`).test(text);
}

/**
 * Every number without provenance, one PotmapError each. Provenance is per value: a "source"
 * or "calibrated" note covers the object it sits on and what that object holds, except at the
 * record's top level, where one note would silence every value of the record: there it covers
 * only the fields whose names it mentions.
 */
export function provenanceErrors(data: unknown, file: string): PotmapError[] {
  const structural = new Set(["charge", "lithium", "degeneracy"]);
  const errors: PotmapError[] = [];
  const walk = (node: unknown, field: string, covered: boolean, key: string): void => {
    if (typeof node === "number") {
      if (!covered && !structural.has(key) && !field.includes(".species.")) {
        errors.push(new PotmapError('has no provenance: give it (or an enclosing object) a "source" or a "calibrated" note', { file, field, value: node }));
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${field}[${i}]`, covered, key));
      return;
    }
    if (node && typeof node === "object") {
      const o = node as Json;
      const top = field === "";
      const here = covered || (!top && (typeof o.source === "string" || typeof o.calibrated === "string"));
      for (const [k, v] of Object.entries(o)) {
        if (k === "uncertainty") continue;
        walk(v, field ? `${field}.${k}` : k, here || (top && (namesField(o.source, k) || namesField(o.calibrated, k))), k);
      }
    }
  };
  walk(data, "", false, "");
  return errors;
}

/** The number of a quantity (plain number or { value, ... }). */
export function quantityValue(q: unknown): number {
  return typeof q === "number" ? q : (q as { value: number }).value;
}

/** Options of toMaterial. */
export interface ToMaterialOptions {
  /**
   * Check the physical ranges of core/ranges.ts (default true). `potmap check` turns this off
   * and reports every value outside its range as a finding of its own instead of stopping at
   * the first.
   */
  ranges?: boolean;
  /**
   * Collect every problem here instead of throwing the first (`potmap check`): the same checks
   * as the commands run, so that check and the commands agree on every record.
   */
  problems?: PotmapError[];
}

/** What a failed check does: nothing (ranges off), throw (default), or collect (check). */
type Checker = boolean | PotmapError[];

function problem(check: Checker, file: string, field: string, value: unknown, reason: string): void {
  if (check === false) return;
  const error = new PotmapError(reason, value === undefined ? { file, field } : { file, field, value });
  if (Array.isArray(check)) check.push(error);
  else throw error;
}

/** The field of a quantity as written: "ocv.value" for { "value": ... }, "ocv" for a number. */
function quantityPath(node: unknown, field: string): string {
  return node !== null && typeof node === "object" && "value" in (node as object) ? `${field}.value` : field;
}

/**
 * A value inside its physical range (core/ranges.ts), or one PotmapError saying what is allowed.
 * The same ranges are findings in `potmap check`.
 */
function physical(value: number, file: string, field: string, name: PhysicalQuantity, check: Checker): number {
  if (check && !inPhysicalRange(value, name)) {
    problem(check, file, field, value, `must be ${rangeText(name)}: outside the plausible range for ${physicalRanges[name].what}; ${slipHint(value, name) ?? `a unit or sign slip?${unitSlipHint(value, name)}`}`);
  }
  return value;
}

function positive(value: number, file: string, field: string, unit?: string): number {
  return requirePositive(value, { file, field }, unit);
}

function nonNegative(value: number, file: string, field: string, unit?: string): number {
  return requireNonNegative(value, { file, field }, unit);
}

function toCarriers(c: Json, file: string, field: string, bandGap: number, check: Checker): Carriers {
  if (c.kind === "none") return { kind: "none" };
  if (c.kind === "parabolic") {
    if (c.electronMass === undefined) fail(file, `${field}.electronMass`, undefined, "is required for parabolic bands");
    if (c.holeMass === undefined) fail(file, `${field}.holeMass`, undefined, "is required for parabolic bands");
    return {
      kind: "parabolic",
      electronMass: physical(positive(quantityValue(c.electronMass), file, `${field}.electronMass`, "m_e"), file, quantityPath(c.electronMass, `${field}.electronMass`), "effectiveMass", check),
      holeMass: physical(positive(quantityValue(c.holeMass), file, `${field}.holeMass`, "m_e"), file, quantityPath(c.holeMass, `${field}.holeMass`), "effectiveMass", check),
      statistics: c.statistics ?? "fermi-dirac",
    };
  }
  const energies: number[] = c.energies ?? [];
  const dos: number[] = c.dos ?? [];
  if (energies.length < 2 || energies.length !== dos.length) {
    fail(file, `${field}.dos`, dos.length, `needs as many values as energies (${energies.length}), at least 2`);
  }
  for (let i = 1; i < energies.length; i++) {
    if (!(energies[i] > energies[i - 1])) fail(file, `${field}.energies[${i}]`, energies[i], "energies must increase");
  }
  if (!(energies[0] <= 0 && energies[energies.length - 1] >= bandGap)) {
    fail(file, `${field}.energies`, [energies[0], energies[energies.length - 1]], "must span the VBM (0) to the CBM (band gap)");
  }
  return {
    kind: "dos",
    energies,
    dos,
    electrons: positive(c.electrons, file, `${field}.electrons`),
    volume: positive(c.volume, file, `${field}.volume`, "A^3"),
  };
}

function toFermiRule(f: Json, file: string, bandGap: number, check: Checker): FermiRule {
  if (f.rule === "fixed") {
    const value = quantityValue(f.value);
    // guards.ts bandLimit: an E_F more than 1 eV outside the gap is no electrolyte's
    if (check && !(value >= -1 && value <= bandGap + 1)) problem(check, file, quantityPath(f.value, "fermiLevel.value"), value, `must be from -1 to the band gap + 1 (${bandGap + 1} eV): E_F is measured from the VBM`);
    return { rule: "fixed", value };
  }
  const temperature = physical(positive(quantityValue(f.temperature), file, "fermiLevel.temperature", "K"), file, quantityPath(f.temperature, "fermiLevel.temperature"), "materialTemperature", check);
  const names = new Map<string, string>();
  const defects: Defect[] = f.defects.map((d: Json, i: number) => {
    const field = `fermiLevel.defects[${i}]`;
    // results are reported by name: a repeated name would merge two defects in every table
    if (check && names.has(d.name)) problem(check, file, `${field}.name`, d.name, `is already the name of ${names.get(d.name)}; each defect needs its own name`);
    names.set(d.name, field);
    const charges = new Map<number, number>();
    const defect: Defect = {
      name: d.name,
      sites: physical(positive(quantityValue(d.sites), file, `${field}.sites`, "cm^-3"), file, quantityPath(d.sites, `${field}.sites`), "siteDensity", check),
      lithium: lithiumOf(d, file, field, check),
      ...(d.species !== undefined ? { species: d.species } : {}),
      chargeStates: d.chargeStates.map((s: Json, j: number) => {
        const at = `${field}.chargeStates[${j}]`;
        // a repeated charge state counts the same defect twice in the neutrality sum (eq. S-1)
        if (check && charges.has(s.charge)) problem(check, file, `${at}.charge`, s.charge, `${d.name} already has charge state ${s.charge} (chargeStates[${charges.get(s.charge)}]); list each charge state once`);
        charges.set(s.charge, j);
        const degeneracy = s.degeneracy === undefined ? 1 : physical(s.degeneracy, file, `${at}.degeneracy`, "degeneracy", check);
        return { charge: s.charge, energy: physical(quantityValue(s.energy), file, quantityPath(s.energy, `${at}.energy`), "defectEnergy", check), degeneracy };
      }),
    };
    if (d.frozenConcentration !== undefined) {
      const frozenField = quantityPath(d.frozenConcentration, `${field}.frozenConcentration`);
      defect.frozenConcentration = positive(quantityValue(d.frozenConcentration), file, `${field}.frozenConcentration`, "cm^-3");
      if (check && defect.frozenConcentration > defect.sites) {
        problem(check, file, frozenField, defect.frozenConcentration, `must be at most the site density of ${d.name} (${defect.sites.toExponential(3)} cm^-3): more defects than sites`);
      }
    }
    for (const element of Object.keys(d.species ?? {})) {
      if (!f.potentials?.[element]) fail(file, `${field}.species.${element}`, d.species[element], `needs fermiLevel.potentials.${element}`);
    }
    return defect;
  });
  const dopants: Dopant[] = (f.dopants ?? []).map((d: Json, i: number) => ({
    name: d.name,
    charge: d.charge,
    concentration: physical(nonNegative(quantityValue(d.concentration), file, `fermiLevel.dopants[${i}].concentration`, "cm^-3"), file, quantityPath(d.concentration, `fermiLevel.dopants[${i}].concentration`), "concentration", check),
  }));
  const potentials: Record<string, TiedPotential> = {};
  for (const [element, p] of Object.entries((f.potentials ?? {}) as Record<string, Json>)) {
    potentials[element] = { intercept: quantityValue(p.intercept), slope: quantityValue(p.slope) };
  }
  const system: DefectSystem = { bandGap, temperature, defects, dopants, potentials, carriers: toCarriers(f.carriers, file, "fermiLevel.carriers", bandGap, check) };
  if (f.occupancy !== undefined) {
    const occupancy = typeof f.occupancy === "string" ? f.occupancy : f.occupancy.value;
    if (occupancy !== "dilute" && occupancy !== "saturating") fail(file, "fermiLevel.occupancy", occupancy, 'must be "dilute" or "saturating"');
    system.occupancy = occupancy;
  }
  if (f.synthesis === undefined) return { rule: "defects", system };
  return { rule: "defects", system: synthesised(system, f.synthesis, file, check) };
}

/**
 * The Li a defect exchanges with the reservoir (model.md section 2, E_f = E0 - dN_Li mu): as
 * written, else read from its name by the rule `potmap import` uses (io/importScFermi.ts
 * lithiumFromName: v_Li -1, Li_i +1, X_Li -1, Li_X +1, other element pairs 0). A name that
 * says nothing (a physics default of 0 would flatten E_F against mu_Li) is refused.
 */
function lithiumOf(d: Json, file: string, field: string, check: Checker): number {
  if (d.lithium !== undefined) return d.lithium;
  const fromName = typeof d.name === "string" ? lithiumFromName(d.name) : undefined;
  if (fromName !== undefined) return fromName;
  problem(
    Array.isArray(check) ? check : true, file, `${field}.lithium`, d.name,
    `is missing and the name ${JSON.stringify(d.name)} does not say how many Li the defect exchanges (names read as SPECIES_SITE: v_Li -1, Li_i +1, X_Li -1, Li_X +1, other element pairs 0); give "lithium"`,
  );
  return 0;
}

/**
 * Synthesis then operation (fermiLevel.synthesis): every defect equilibrated at the synthesis
 * temperature and mu_Li, the listed ones (default: those exchanging no Li) frozen at their
 * total concentration, then the system at the operating temperature. Same code as `potmap
 * dope --quench-temperature` (defects/quench.ts quenchDefects).
 */
function synthesised(system: DefectSystem, s: Json, file: string, check: Checker): DefectSystem {
  const processingTemperature = physical(positive(quantityValue(s.temperature), file, "fermiLevel.synthesis.temperature"), file, quantityPath(s.temperature, "fermiLevel.synthesis.temperature"), "synthesisTemperature", check);
  const muLi = physical(quantityValue(s.muLi), file, quantityPath(s.muLi, "fermiLevel.synthesis.muLi"), "muLi", check);
  // with a value outside its range (check collecting) the synthesis is not solved
  if (Array.isArray(check) && (!inPhysicalRange(processingTemperature, "synthesisTemperature") || !inPhysicalRange(muLi, "muLi"))) return system;
  const names = system.defects.map((d) => d.name);
  (s.freeze ?? []).forEach((name: string, i: number) => {
    if (!names.includes(name)) fail(file, `fermiLevel.synthesis.freeze[${i}]`, name, `names no defect of this record (defects: ${names.join(", ")})`);
  });
  try {
    return quenchDefects(system, { processingTemperature, muLi, operatingTemperature: system.temperature, freeze: s.freeze });
  } catch (error) {
    if (error instanceof PotmapError) fail(file, "fermiLevel.synthesis", processingTemperature, `the synthesis equilibrium cannot be solved: ${error.message}`);
    throw error;
  }
}

/** Literature constraints as plain data; records built in memory may skip the schema, so the shape is checked here too. */
function toConstraints(list: unknown, file: string): LiteratureConstraint[] {
  if (!Array.isArray(list)) fail(file, "constraints", list, "must be a list of constraints");
  return list.map((c: Json, i: number) => {
    const field = `constraints[${i}]`;
    if (c?.kind !== "frenkelEnergy") fail(file, `${field}.kind`, c?.kind, 'must be "frenkelEnergy"');
    for (const name of ["vacancy", "interstitial", "source"]) {
      if (typeof c[name] !== "string" || c[name] === "") fail(file, `${field}.${name}`, c[name], "must be a non-empty string");
    }
    if (typeof c.value !== "number") fail(file, `${field}.value`, c.value, "must be a number (eV)");
    nonNegative(c.tolerance, file, `${field}.tolerance`);
    return { kind: "frenkelEnergy", vacancy: c.vacancy, interstitial: c.interstitial, value: c.value, tolerance: c.tolerance, source: c.source };
  });
}

/** Li atoms in a formula such as "Li7La3Zr2O12" (undefined when it does not parse). */
function lithiumPerFormula(formula: string): number | undefined {
  try {
    return parseFormula(formula).Li ?? 0;
  } catch {
    return undefined;
  }
}

/** Turn a validated record into the model's plain types, checking physical ranges. */
export function toMaterial(record: Json, file: string, options: ToMaterialOptions = {}): Material {
  // records built in memory (calibration, screening) may skip validateRecord
  checkFiniteNumbers(record, file);
  const check: Checker = options.problems ?? options.ranges ?? true;
  const range = (node: unknown, field: string, name: PhysicalQuantity) => physical(quantityValue(node), file, quantityPath(node, field), name, check);
  const colour = record.colour;
  if (record.role === "anode") {
    const anode: Anode = { role: "anode", id: record.id, name: record.name, workFunction: range(record.workFunction, "workFunction", "workFunction") };
    if (colour) anode.colour = colour;
    return anode;
  }
  if (record.role === "electrolyte") {
    const bandGap = range(record.bandGap, "bandGap", "bandGap");
    const lower = range(record.window.lower, "window.lower", "window");
    const upper = range(record.window.upper, "window.upper", "window");
    if (check && inPhysicalRange(lower, "window") && inPhysicalRange(upper, "window") && !(upper > lower)) problem(check, file, "window.upper", upper, `must exceed window.lower (${lower})`);
    const electrolyte: Electrolyte = {
      role: "electrolyte",
      id: record.id,
      name: record.name,
      bandGap,
      ionizationPotential: range(record.ionizationPotential, "ionizationPotential", "ionizationPotential"),
      window: { lower, upper },
      fermiLevel: toFermiRule(record.fermiLevel, file, bandGap, check),
    };
    if (record.fermiLevel.declaredDegenerate?.value === true) electrolyte.declaredDegenerate = true;
    if (file && !file.startsWith("(")) electrolyte.file = file;
    const valid = record.fermiLevel.validTemperature;
    if (valid !== undefined) {
      const low = positive(valid.lower, file, "fermiLevel.validTemperature.lower");
      const high = positive(valid.upper, file, "fermiLevel.validTemperature.upper");
      if (!(high >= low)) fail(file, "fermiLevel.validTemperature.upper", high, `must be at least validTemperature.lower (${low} K)`);
      electrolyte.validTemperature = { lower: low, upper: high };
    }
    if (record.formula) electrolyte.formula = record.formula;
    if (typeof record.bandGap === "object" && record.bandGap.functional) electrolyte.bandGapFunctional = record.bandGap.functional;
    if (record.constraints !== undefined) electrolyte.constraints = toConstraints(record.constraints, file);
    if (record.scissor !== undefined) electrolyte.scissor = scissorOf(record.scissor, "scissor", bandGap, file, check);
    if (record.dielectricConstant !== undefined) electrolyte.dielectricConstant = range(record.dielectricConstant, "dielectricConstant", "dielectricConstant");
    if (record.transport !== undefined) {
      const t = record.transport;
      electrolyte.transport = {
        ionicConductivity: positive(quantityValue(t.ionicConductivity), file, "transport.ionicConductivity", "S/cm"),
        electronMobility: positive(quantityValue(t.electronMobility), file, "transport.electronMobility", "cm^2/Vs"),
        holeMobility: positive(quantityValue(t.holeMobility), file, "transport.holeMobility", "cm^2/Vs"),
      };
      if (t.measuredElectronicConductivity !== undefined) {
        electrolyte.transport.measuredElectronicConductivity = positive(quantityValue(t.measuredElectronicConductivity), file, "transport.measuredElectronicConductivity", "S/cm");
      }
      if (typeof t.note === "string") electrolyte.conductionNote = t.note;
    }
    if (record.structure !== undefined && record.formula) {
      const volume = positive(record.structure.cellVolume, file, "structure.cellVolume", "A^3");
      const z = positive(record.structure.formulaUnits, file, "structure.formulaUnits");
      const li = lithiumPerFormula(record.formula);
      // Li per formula unit x Z / V (A^3 -> cm^3: 1e-24)
      if (li !== undefined) electrolyte.lithiumDensity = (li * z) / (volume * 1e-24);
    }
    if (colour) electrolyte.colour = colour;
    return electrolyte;
  }
  const seen = new Set<string>();
  const states: CathodeState[] = record.states.map((s: Json, i: number) => {
    const field = `states[${i}]`;
    if (seen.has(s.soc)) problem(Array.isArray(check) ? check : true, file, `${field}.soc`, s.soc, "appears twice");
    seen.add(s.soc);
    const state: CathodeState = {
      role: "cathode",
      id: record.id,
      name: record.name,
      soc: s.soc,
      // a cathode state may be metallic (gap 0, e.g. Li0.5CoO2); otherwise a band gap
      bandGap: quantityValue(s.bandGap) === 0 ? 0 : range(s.bandGap, `${field}.bandGap`, "bandGap"),
      ionizationPotential: range(s.ionizationPotential, `${field}.ionizationPotential`, "ionizationPotential"),
      fermiLevel: quantityValue(s.fermiLevel),
      ocv: positive(range(s.ocv, `${field}.ocv`, "ocv"), file, quantityPath(s.ocv, `${field}.ocv`), "V"),
    };
    // paper section 2: a cathode's E_F is measured from its VBM and lies in its gap
    if (check && !(state.fermiLevel >= 0 && state.fermiLevel <= state.bandGap)) {
      problem(check, file, quantityPath(s.fermiLevel, `${field}.fermiLevel`), state.fermiLevel, `must be from 0 to the band gap (${state.bandGap} eV): a cathode's E_F is measured from its VBM and lies in its gap`);
    }
    if (s.scissor !== undefined) state.scissor = scissorOf(s.scissor, `${field}.scissor`, state.bandGap, file, check);
    // eq. 3 against Li metal: a lithiated state that is stable against Li has OCV > 0
    if (s.ocvComputed !== undefined) state.ocvComputed = positive(range(s.ocvComputed, `${field}.ocvComputed`, "ocv"), file, quantityPath(s.ocvComputed, `${field}.ocvComputed`), "V");
    if (s.lithium !== undefined) state.lithium = nonNegative(quantityValue(s.lithium), file, quantityPath(s.lithium, `${field}.lithium`));
    if (s.localVoltage !== undefined) state.localVoltage = positive(range(s.localVoltage, `${field}.localVoltage`, "ocv"), file, quantityPath(s.localVoltage, `${field}.localVoltage`), "V");
    if (colour) state.colour = colour;
    return state;
  });
  const cathode: Cathode = { role: "cathode", id: record.id, name: record.name, states };
  if (record.voltageProfile !== undefined) cathode.profile = toProfile(record.voltageProfile, file);
  if (colour) cathode.colour = colour;
  return cathode;
}

/** A cathode's hull voltage profile: steps from the lithiated end, each Li-poorer and higher in voltage. */
function toProfile(profile: Json, file: string): CathodeProfile {
  const steps = (profile.steps as Json[]).map((s, k) => {
    const at = `voltageProfile.steps[${k}]`;
    if (!(s.from > s.to)) fail(file, `${at}.to`, s.to, `must be below from (${s.from}): a step removes Li`);
    positive(s.voltage, file, `${at}.voltage`, "V");
    return { from: s.from, to: s.to, voltage: s.voltage, lithiated: s.lithiated, delithiated: s.delithiated };
  });
  steps.forEach((s, k) => {
    if (k > 0 && Math.abs(s.from - steps[k - 1].to) > 1e-9) fail(file, `voltageProfile.steps[${k}].from`, s.from, `must continue the previous step (to ${steps[k - 1].to})`);
    // a lower convex hull: the voltage rises as Li is removed
    if (k > 0 && s.voltage < steps[k - 1].voltage - 1e-9) fail(file, `voltageProfile.steps[${k}].voltage`, s.voltage, `must not fall below the previous step (${steps[k - 1].voltage} V): removing Li cannot lower the voltage on a convex hull`);
  });
  return { host: profile.host, steps };
}

/** A scissor shift whose corrected gap (gap + scissor) is still a band gap (core/ranges.ts). */
function scissorOf(node: unknown, field: string, bandGap: number, file: string, check: Checker): number {
  const scissor = physical(quantityValue(node), file, quantityPath(node, field), "scissor", check);
  if (check && !inPhysicalRange(bandGap + scissor, "bandGap")) {
    problem(check, file, quantityPath(node, field), scissor, `must leave a corrected gap (bandGap ${bandGap} eV + scissor) of ${rangeText("bandGap")}`);
  }
  return scissor;
}

/** Parse, validate and convert one material record given as text. */
export function parseMaterial(text: string, file = "(material)"): Material {
  requireText(text, "text");
  const data = parseJson(text, file);
  const record = validateRecord(data, file);
  checkProvenance(record, file);
  return toMaterial(record, file);
}

/** Read one material file. */
export function readMaterial(file: string): Material {
  let text: string;
  checkInputFile(file, "material record", fileSizeLimits.record);
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new PotmapError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file });
  }
  return parseMaterial(text, file);
}

/** Read every *.json record in a folder into a data set (ids must be unique per role). */
export function readDataSet(folder: string): DataSet {
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((n) => n.endsWith(".json")).sort();
  } catch {
    throw new PotmapError("cannot read the materials folder", { file: folder });
  }
  const set: DataSet = { anodes: [], electrolytes: [], cathodes: [] };
  const ids = new Map<string, string>();
  for (const name of names) {
    const file = path.join(folder, name);
    const material = readMaterial(file);
    const key = `${material.role}:${material.id}`;
    if (ids.has(key)) fail(file, "id", material.id, `is already used by ${ids.get(key)}`);
    ids.set(key, file);
    if (material.role === "anode") set.anodes.push(material);
    else if (material.role === "electrolyte") set.electrolytes.push(material);
    else set.cathodes.push(material);
  }
  return set;
}

/**
 * Folder of the built-in data set: in a clone (lib/src beside this module's lib/dist), the
 * repository's `data/materials`; in an installed package, its own `data/materials` (copied
 * there by `npm pack`'s prepack step). In a clone, data/ is the only copy read: a lib/data left
 * by, or being written by, `npm pack` never shadows it. This file is built to lib/dist/io,
 * hence the two and three levels up.
 */
export function builtinMaterialsFolder(): string {
  const packageRoot = path.resolve(__dirname, "..", "..");
  const repository = path.resolve(packageRoot, "..", "data", "materials");
  if (fs.existsSync(path.join(packageRoot, "src")) && fs.existsSync(repository)) return repository;
  const packaged = path.join(packageRoot, "data", "materials");
  if (fs.existsSync(packaged)) return packaged;
  return repository;
}
