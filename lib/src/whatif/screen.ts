/**
 * Screening: every anode x electrolyte x cathode-state configuration of a set of material
 * files, ranking cathode/electrolyte pairs by their worst |dphi_c| over the cathode's
 * states of charge (the paper's criterion: a good pair has a small jump at every SOC).
 *
 * Robust to bad input: each file is read on its own and each configuration computed on
 * its own; a PotmapError is recorded as a failure {file, reason} and the run goes on.
 *
 * Fast: each electrolyte's defect system is compiled once and its E_F cached per mu_Li
 * (the anode side depends only on the window, the cathode side only on min(V_high, OCV)),
 * so a configuration costs a few additions. interfaceJumps is potentialMap without the profile,
 * fed the cached E_F: eqs. 6-7 and the stability flags come from one implementation.
 * No configuration result is ever a silent NaN: non-finite inputs or results become failures.
 */
import * as fs from "fs";
import * as path from "path";
import { orderedCathodeStates, orderedElectrolytes } from "../cell/dataSet";
import { PotmapError } from "../core/errors";
import { fermiLevelFunction } from "../cell/fermiLevel";
import { Anode, CathodeState, DataSet, Electrolyte, Material } from "../cell/materials";
import { potentialMap } from "../cell/potentialMap";
import { hinders } from "../cell/potential";
import { FermiLevelClass, PotmapWarning } from "../defects/guards";
import { parseJson, readMaterial, toMaterial, validateRecord, checkProvenance } from "../io/readMaterials";

/** |dphi_c| below this (V) counts as barrier-less. */
export const barrierlessThreshold = 0.1;

export interface MaterialFailure {
  file: string;
  reason: string;
  /** "anode | electrolyte | cathode soc" when one configuration failed. */
  configuration?: string;
}

/** One raw (validated) JSON record and the file it came from. */
export interface RawRecord {
  file: string;
  record: Record<string, any>;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\s*\n\s*/g, " ") : String(error);
}

/**
 * The files named by a folder or a comma-separated list of files and folders (a folder
 * contributes its *.json, sorted). Entries that cannot be listed become failures.
 */
export function listMaterialFiles(spec: string | readonly string[]): { files: string[]; failures: MaterialFailure[] } {
  const entries = (typeof spec === "string" ? spec.split(",") : [...spec]).map((s) => s.trim()).filter((s) => s !== "");
  if (entries.length === 0) throw new PotmapError("names no file or folder", { field: "--materials", value: spec });
  const files: string[] = [];
  const failures: MaterialFailure[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const entry of entries) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch (error) {
      failures.push({ file: entry, reason: `cannot read the file or folder (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      continue;
    }
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = fs.readdirSync(entry).filter((n) => n.endsWith(".json")).sort();
      } catch (error) {
        failures.push({ file: entry, reason: `cannot list the folder (${(error as NodeJS.ErrnoException).code ?? "error"})` });
        continue;
      }
      if (names.length === 0) failures.push({ file: entry, reason: "the folder holds no *.json material file" });
      for (const name of names) add(path.join(entry, name));
    } else {
      add(entry);
    }
  }
  return { files, failures };
}

export interface LoadedMaterials {
  set: DataSet;
  /** "role:id" -> file it was read from. */
  files: Map<string, string>;
  failures: MaterialFailure[];
}

/** Add materials to a set, rejecting a repeated role:id as a failure of the later file. */
function collect(items: { file: string; material: Material }[], failures: MaterialFailure[]): LoadedMaterials {
  const set: DataSet = { anodes: [], electrolytes: [], cathodes: [] };
  const files = new Map<string, string>();
  for (const { file, material } of items) {
    const key = `${material.role}:${material.id}`;
    const previous = files.get(key);
    if (previous !== undefined) {
      failures.push({ file, reason: new PotmapError(`is already used by ${previous}`, { file, field: "id", value: material.id }).message });
      continue;
    }
    files.set(key, file);
    if (material.role === "anode") set.anodes.push(material);
    else if (material.role === "electrolyte") set.electrolytes.push(material);
    else set.cathodes.push(material);
  }
  return { set, files, failures };
}

/**
 * Read every file on its own; a bad file is a failure, not the end of the run.
 * `onProgress(done, total)` is called after each file.
 */
export function readMaterialsLenient(spec: string | readonly string[], onProgress?: (done: number, total: number) => void): LoadedMaterials {
  const { files, failures } = listMaterialFiles(spec);
  const items: { file: string; material: Material }[] = [];
  for (const [i, file] of files.entries()) {
    onProgress?.(i, files.length);
    try {
      items.push({ file, material: readMaterial(file) });
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      failures.push({ file, reason: reasonOf(error) });
    }
  }
  onProgress?.(files.length, files.length);
  return collect(items, failures);
}

/**
 * The validated raw JSON records (provenance and uncertainties kept), for perturbation.
 * Each record is also converted once, so a record that cannot become a material fails here.
 */
export function readRawRecords(spec: string | readonly string[]): { records: RawRecord[]; failures: MaterialFailure[] } {
  const { files, failures } = listMaterialFiles(spec);
  const records: RawRecord[] = [];
  const items: { file: string; material: Material }[] = [];
  for (const file of files) {
    try {
      let text: string;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch (error) {
        throw new PotmapError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file });
      }
      const record = validateRecord(parseJson(text, file), file);
      checkProvenance(record, file);
      items.push({ file, material: toMaterial(record, file) });
      records.push({ file, record });
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      failures.push({ file, reason: reasonOf(error) });
    }
  }
  const kept = new Set(collect(items, failures).files.values());
  return { records: records.filter((r) => kept.has(r.file)), failures };
}

/**
 * Convert raw records into a data set one record at a time: a record that toMaterial refuses,
 * or whose role:id repeats an earlier one, becomes a failure and the rest is kept.
 */
export function dataSetFromRecordsLenient(records: readonly RawRecord[]): { set: DataSet; failures: MaterialFailure[] } {
  const failures: MaterialFailure[] = [];
  const items: { file: string; material: Material }[] = [];
  for (const { file, record } of records) {
    try {
      items.push({ file, material: toMaterial(record, file) });
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      failures.push({ file, reason: reasonOf(error) });
    }
  }
  return { set: collect(items, failures).set, failures };
}

/** Convert raw records into a data set (throws the first PotmapError). */
export function dataSetFromRecords(records: readonly RawRecord[]): DataSet {
  const { set, failures } = dataSetFromRecordsLenient(records);
  if (failures.length) throw new PotmapError(failures[0].reason);
  return set;
}

/** E_F(mu_Li) of one electrolyte: compiled once, cached per mu. */
export interface ElectrolyteEvaluator {
  electrolyte: Electrolyte;
  temperature?: number;
  fermiLevel(muLi: number): number;
}

export function electrolyteEvaluator(electrolyte: Electrolyte, temperature?: number): ElectrolyteEvaluator {
  const solve = fermiLevelFunction(electrolyte.fermiLevel, temperature);
  const cache = new Map<number, number>();
  return {
    electrolyte,
    temperature,
    fermiLevel(muLi) {
      let value = cache.get(muLi);
      if (value === undefined) {
        value = solve(muLi);
        cache.set(muLi, value);
      }
      return value;
    },
  };
}

/** The numbers of a potential map that screening needs (no profile). */
export interface InterfaceJumps {
  ocv: number;
  muAnodeSide: number;
  muCathodeSide: number;
  fermiLevelAnodeSide: number;
  fermiLevelCathodeSide: number;
  dphiAnode: number;
  dphiCathode: number;
  cbmAboveAnodeFermi: number;
  vbmBelowCathodeFermi: number;
  reducedByAnode: boolean;
  electronLeakageRisk: boolean;
  oxidizedByCathode: boolean;
  fermiLevelClassAnodeSide: FermiLevelClass;
  fermiLevelClassCathodeSide: FermiLevelClass;
  /** Guards from the cached E_F alone (its position in the gap): see potentialMap. */
  warnings: PotmapWarning[];
}

/** Eqs. 6 and 7 with the electrolyte's cached E_F: potentialMap without its profile. */
export function interfaceJumps(anode: Anode, evaluator: ElectrolyteEvaluator, cathode: CathodeState): InterfaceJumps {
  const electrolyte = evaluator.electrolyte;
  const map = potentialMap(anode, electrolyte, cathode, {
    withoutProfile: true,
    temperature: evaluator.temperature,
    fermiLevelOf: evaluator.fermiLevel,
  });
  if (!Number.isFinite(map.dphiAnode) || !Number.isFinite(map.dphiCathode)) {
    checkFiniteInputs(anode);
    checkFiniteInputs(electrolyte);
    checkFiniteInputs(cathode);
    throw new PotmapError(`the interface potentials are not finite (E_F = ${map.fermiLevelAnodeSide} and ${map.fermiLevelCathodeSide} eV)`, {
      field: "fermiLevel",
      value: electrolyte.id,
    });
  }
  const { cbmAboveAnodeFermi, vbmBelowCathodeFermi, reducedByAnode, electronLeakageRisk, oxidizedByCathode } = map.stability;
  return {
    ocv: map.ocv,
    muAnodeSide: map.muAnodeSide,
    muCathodeSide: map.muCathodeSide,
    fermiLevelAnodeSide: map.fermiLevelAnodeSide,
    fermiLevelCathodeSide: map.fermiLevelCathodeSide,
    dphiAnode: map.dphiAnode,
    dphiCathode: map.dphiCathode,
    cbmAboveAnodeFermi,
    vbmBelowCathodeFermi,
    reducedByAnode,
    electronLeakageRisk,
    oxidizedByCathode,
    fermiLevelClassAnodeSide: map.fermiLevelClassAnodeSide,
    fermiLevelClassCathodeSide: map.fermiLevelClassCathodeSide,
    warnings: map.warnings,
  };
}

/**
 * Refuse a material whose numbers that enter eqs. 5-7 are not finite (JSON "1e999" parses to
 * Infinity): the error names the field, so a screening failure points at the input.
 */
export function checkFiniteInputs(material: Anode | Electrolyte | CathodeState): void {
  const fields: [string, unknown][] = [];
  if (material.role === "anode") fields.push(["workFunction", material.workFunction]);
  else if (material.role === "electrolyte") {
    fields.push(["ionizationPotential", material.ionizationPotential], ["bandGap", material.bandGap], ["window.lower", material.window.lower], ["window.upper", material.window.upper]);
    if (material.scissor !== undefined) fields.push(["scissor", material.scissor]);
    const rule = material.fermiLevel;
    if (rule.rule === "fixed") fields.push(["fermiLevel.value", rule.value]);
    else {
      fields.push(["fermiLevel.temperature", rule.system.temperature]);
      rule.system.defects.forEach((d, i) => {
        fields.push([`fermiLevel.defects[${i}].sites`, d.sites]);
        d.chargeStates.forEach((c, j) => fields.push([`fermiLevel.defects[${i}].chargeStates[${j}].energy`, c.energy]));
      });
      (rule.system.dopants ?? []).forEach((d, i) => fields.push([`fermiLevel.dopants[${i}].concentration`, d.concentration]));
      for (const [element, p] of Object.entries(rule.system.potentials ?? {})) {
        fields.push([`fermiLevel.potentials.${element}.intercept`, p.intercept], [`fermiLevel.potentials.${element}.slope`, p.slope]);
      }
    }
  } else {
    fields.push(["ionizationPotential", material.ionizationPotential], ["fermiLevel", material.fermiLevel], ["ocv", material.ocv], ["bandGap", material.bandGap]);
  }
  for (const [field, value] of fields) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      const where = material.role === "cathode" ? `${material.id} ${material.soc}` : material.id;
      throw new PotmapError(`${where}: must be a finite number`, { field, value });
    }
  }
}

export interface ScreenRow {
  anode: string;
  electrolyte: string;
  cathode: string;
  soc: string;
  ocv: number;
  dphiAnode: number;
  dphiCathode: number;
  hindersCathode: "discharge" | "charge" | "neither";
  barrierless: boolean;
  reducedByAnode: boolean;
  electronLeakageRisk: boolean;
  oxidizedByCathode: boolean;
  /** Number of guard warnings of this configuration (their messages: ScreenResult.warnings). */
  warnings: number;
}

export interface PairRank {
  rank: number;
  electrolyte: string;
  cathode: string;
  /** max over states of charge (and anodes) of |dphi_c|, V */
  worstAbsDphiCathode: number;
  worstSoc: string;
  meanAbsDphiCathode: number;
  /** dphi_c per state of charge, V */
  states: { soc: string; ocv: number; dphiCathode: number }[];
  /** every state of charge was computed and has |dphi_c| < threshold */
  allBarrierless: boolean;
  /** dphi_a per anode, V */
  dphiAnode: Record<string, number>;
  oxidizedByCathode: boolean;
  reducedByAnode: boolean;
  /** States of charge whose configuration failed (the pair is ranked after complete ones). */
  failedStates: string[];
  /** Guard warnings over the pair's configurations (E_F at or beyond a band edge). */
  warnings: number;
}

export interface ScreenOptions {
  /** Electrolyte temperature, K (default: each record's). */
  temperature?: number;
  /** Barrier-less threshold on |dphi_c|, V (default 0.1). */
  threshold?: number;
  /** "role:id" -> file, to name the file of a failed configuration. */
  files?: Map<string, string>;
  /** Called every `progressEvery` configurations and at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface ScreenResult {
  /** anodes x electrolytes x cathode states, including the failed ones */
  configurations: number;
  rows: ScreenRow[];
  pairs: PairRank[];
  failures: MaterialFailure[];
  threshold: number;
  temperature?: number;
  /** Wall time of the computation, ms. */
  elapsedMs: number;
  /** Every distinct guard warning of the configurations (E_F at or beyond a band edge). */
  warnings: PotmapWarning[];
}

/** Every anode x electrolyte x cathode state, then the ranked pairs. */
export function screen(set: DataSet, options: ScreenOptions = {}): ScreenResult {
  const threshold = options.threshold ?? barrierlessThreshold;
  if (!(threshold > 0) || !Number.isFinite(threshold)) throw new PotmapError("must be a positive voltage", { field: "threshold", value: threshold });
  const temperature = options.temperature;
  if (temperature !== undefined && (!(temperature > 0) || !Number.isFinite(temperature))) {
    throw new PotmapError("must be a positive temperature in K", { field: "temperature", value: temperature });
  }
  const start = performance.now();
  const fileOf = (role: string, id: string) => options.files?.get(`${role}:${id}`) ?? id;
  const electrolytes = orderedElectrolytes(set);
  const allStates = orderedCathodeStates(set);
  const total = set.anodes.length * electrolytes.length * allStates.length;
  const every = options.progressEvery ?? 500;
  const rows: ScreenRow[] = [];
  const failures: MaterialFailure[] = [];
  const failedStates = new Map<string, string[]>();
  const warningMessages = new Map<string, PotmapWarning>();
  // A broken record is reported once, not once per configuration it takes part in.
  const usable = <T extends Anode | CathodeState>(items: T[], role: string): T[] =>
    items.filter((m) => {
      try {
        checkFiniteInputs(m);
        return true;
      } catch (error) {
        if (!(error instanceof PotmapError)) throw error;
        failures.push({ file: fileOf(role, m.id), reason: reasonOf(error) });
        return false;
      }
    });
  const anodes = usable(set.anodes, "anode");
  const states = usable(allStates, "cathode");
  let done = 0;
  for (const electrolyte of electrolytes) {
    let evaluator: ElectrolyteEvaluator | undefined;
    try {
      checkFiniteInputs(electrolyte);
      evaluator = electrolyteEvaluator(electrolyte, temperature);
      // the anode-side E_F is shared by every configuration of this electrolyte
      const fermiLevel = evaluator.fermiLevel(-Math.max(electrolyte.window.lower, 0));
      if (!Number.isFinite(fermiLevel)) throw new PotmapError("the Fermi level is not finite", { field: "fermiLevel", value: fermiLevel });
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      failures.push({ file: fileOf("electrolyte", electrolyte.id), reason: reasonOf(error) });
      evaluator = undefined;
    }
    if (!evaluator) {
      done += set.anodes.length * allStates.length;
      if (options.onProgress) options.onProgress(done, total);
      continue;
    }
    for (const state of allStates) {
      if (states.includes(state)) continue;
      // a cathode state refused above: its pairs are incomplete, not complete without it
      const key = `${electrolyte.id}\u0000${state.id}`;
      failedStates.set(key, [...(failedStates.get(key) ?? []), state.soc]);
    }
    for (const anode of anodes) {
      for (const state of states) {
        done++;
        try {
          const j = interfaceJumps(anode, evaluator, state);
          rows.push({
            anode: anode.id,
            electrolyte: electrolyte.id,
            cathode: state.id,
            soc: state.soc,
            ocv: j.ocv,
            dphiAnode: j.dphiAnode,
            dphiCathode: j.dphiCathode,
            hindersCathode: hinders(j.dphiCathode),
            barrierless: Math.abs(j.dphiCathode) < threshold,
            reducedByAnode: j.reducedByAnode,
            electronLeakageRisk: j.electronLeakageRisk,
            oxidizedByCathode: j.oxidizedByCathode,
            warnings: j.warnings.length,
          });
          for (const w of j.warnings) if (!warningMessages.has(w.message)) warningMessages.set(w.message, w);
        } catch (error) {
          if (!(error instanceof PotmapError)) throw error;
          failures.push({
            file: `${fileOf("electrolyte", electrolyte.id)} x ${fileOf("cathode", state.id)}`,
            configuration: `${anode.id} | ${electrolyte.id} | ${state.id} ${state.soc}`,
            reason: reasonOf(error),
          });
          const key = `${electrolyte.id}\u0000${state.id}`;
          const list = failedStates.get(key) ?? [];
          if (!list.includes(state.soc)) list.push(state.soc);
          failedStates.set(key, list);
        }
        if (options.onProgress && done % every === 0) options.onProgress(done, total);
      }
    }
    done += (set.anodes.length - anodes.length) * allStates.length + anodes.length * (allStates.length - states.length);
  }
  if (options.onProgress) options.onProgress(total, total);
  const pairs = rankPairs(rows, threshold, failedStates);
  const result: ScreenResult = { configurations: total, rows, pairs, failures, threshold, elapsedMs: performance.now() - start, warnings: [...warningMessages.values()] };
  if (temperature !== undefined) result.temperature = temperature;
  return result;
}

/**
 * Group rows by electrolyte/cathode and rank by worst |dphi_c| (then mean |dphi_c|, then
 * names). Pairs with a failed state of charge come after all complete pairs.
 */
export function rankPairs(rows: readonly ScreenRow[], threshold = barrierlessThreshold, failedStates = new Map<string, string[]>()): PairRank[] {
  const groups = new Map<string, ScreenRow[]>();
  for (const row of rows) {
    const key = `${row.electrolyte}\u0000${row.cathode}`;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  for (const key of failedStates.keys()) if (!groups.has(key)) groups.set(key, []);
  const pairs: PairRank[] = [];
  for (const [key, list] of groups) {
    const [electrolyte, cathode] = key.split("\u0000");
    let worst = -Infinity;
    let worstSoc = "";
    const states: PairRank["states"] = [];
    const dphiAnode: Record<string, number> = {};
    let sum = 0;
    for (const row of list) {
      const a = Math.abs(row.dphiCathode);
      if (a > worst) {
        worst = a;
        worstSoc = row.soc;
      }
      if (!states.some((s) => s.soc === row.soc)) {
        states.push({ soc: row.soc, ocv: row.ocv, dphiCathode: row.dphiCathode });
        sum += a;
      }
      dphiAnode[row.anode] = row.dphiAnode;
    }
    pairs.push({
      rank: 0,
      electrolyte,
      cathode,
      worstAbsDphiCathode: list.length ? worst : NaN,
      worstSoc,
      meanAbsDphiCathode: states.length ? sum / states.length : NaN,
      states,
      allBarrierless: list.length > 0 && worst < threshold && !failedStates.get(key)?.length,
      dphiAnode,
      oxidizedByCathode: list.some((r) => r.oxidizedByCathode),
      reducedByAnode: list.some((r) => r.reducedByAnode),
      failedStates: failedStates.get(key) ?? [],
      warnings: list.reduce((n, r) => n + (r.warnings), 0),
    });
  }
  const order = (p: PairRank) => (p.failedStates.length > 0 || !Number.isFinite(p.worstAbsDphiCathode) ? 1 : 0);
  pairs.sort(
    (a, b) =>
      order(a) - order(b) ||
      nanLast(a.worstAbsDphiCathode, b.worstAbsDphiCathode) ||
      nanLast(a.meanAbsDphiCathode, b.meanAbsDphiCathode) ||
      a.electrolyte.localeCompare(b.electrolyte) ||
      a.cathode.localeCompare(b.cathode),
  );
  pairs.forEach((p, i) => (p.rank = i + 1));
  return pairs;
}

function nanLast(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a - b;
}

function csvCell(value: unknown): string {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value ?? "");
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV of all configurations, pair rank first (one header line, numbers in V). */
export function screenCsv(result: ScreenResult): string {
  const rankOf = new Map(result.pairs.map((p) => [`${p.electrolyte}\u0000${p.cathode}`, p]));
  const header = [
    "pairRank", "electrolyte", "cathode", "soc", "anode", "ocv", "dphiAnode", "dphiCathode", "absDphiCathode",
    "pairWorstAbsDphiCathode", "hindersCathode", "barrierless", "reducedByAnode", "electronLeakageRisk", "oxidizedByCathode", "warnings",
  ];
  const rows = result.rows
    .map((r) => ({ r, p: rankOf.get(`${r.electrolyte}\u0000${r.cathode}`)! }))
    .sort((x, y) => x.p.rank - y.p.rank || x.r.soc.localeCompare(y.r.soc) || x.r.anode.localeCompare(y.r.anode));
  const lines = [header.join(",")];
  for (const { r, p } of rows) {
    lines.push(
      [
        p.rank, r.electrolyte, r.cathode, r.soc, r.anode, r.ocv, r.dphiAnode, r.dphiCathode, Math.abs(r.dphiCathode),
        p.worstAbsDphiCathode, r.hindersCathode, r.barrierless, r.reducedByAnode, r.electronLeakageRisk, r.oxidizedByCathode, r.warnings,
      ].map(csvCell).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** Read a folder or list of material files leniently and screen what could be read. */
export function screenMaterials(
  spec: string | readonly string[],
  options: Omit<ScreenOptions, "files"> & { onReadProgress?: (done: number, total: number) => void } = {},
): ScreenResult & { readMs: number } {
  const start = performance.now();
  const loaded = readMaterialsLenient(spec, options.onReadProgress);
  const readMs = performance.now() - start;
  const result = screen(loaded.set, { ...options, files: loaded.files });
  return { ...result, failures: [...loaded.failures, ...result.failures], readMs };
}

export interface ThroughputResult {
  configurations: number;
  /** median wall time of one screen() over the repeats, ms */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** configurations / median time, 1/s */
  perSecond: number;
  repeats: number;
  failures: number;
}

/**
 * Screening throughput on an in-memory data set (compilation of every electrolyte, the E_F
 * solves, eqs. 6-7 and the ranking; file reading excluded). One warm-up run, then `repeats`.
 */
export function screenThroughput(set: DataSet, options: { repeats?: number; temperature?: number } = {}): ThroughputResult {
  const repeats = options.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 1000) throw new PotmapError("must be an integer from 1 to 1000", { field: "repeats", value: repeats });
  const first = screen(set, { temperature: options.temperature });
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    screen(set, { temperature: options.temperature });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)];
  return {
    configurations: first.configurations,
    medianMs,
    minMs: times[0],
    maxMs: times[times.length - 1],
    perSecond: first.configurations / (medianMs / 1000),
    repeats,
    failures: first.failures.length,
  };
}

/** The JSON document of a screening run (pairs ranked, every row, failures at the end). */
export function screenJson(result: ScreenResult): Record<string, unknown> {
  return {
    configurations: result.configurations,
    computed: result.rows.length,
    failed: result.configurations - result.rows.length,
    threshold: result.threshold,
    ...(result.temperature !== undefined ? { temperature: result.temperature } : {}),
    elapsedMs: result.elapsedMs,
    configurationsPerSecond: result.elapsedMs > 0 ? result.configurations / (result.elapsedMs / 1000) : null,
    pairs: result.pairs,
    rows: result.rows,
    failures: result.failures,
    warnings: result.warnings,
  };
}
