/**
 * Reading many material files leniently: the files named by a folder or a list, each read on
 * its own, a bad file recorded as a failure {file, reason} instead of ending the run. Used by
 * screening (materials) and the Monte Carlo (raw records, perturbed before conversion).
 */
import * as fs from "fs";
import * as path from "path";
import { PotmapError } from "../core/errors";
import { DataSet, Material } from "../cell/materials";
import { checkInputFile, fileSizeLimits } from "./textFile";
import { parseJson, readMaterial, toMaterial, validateRecord, checkProvenance } from "./readMaterials";

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

/** The message of an error on one line, for a failure record. */
export function reasonOf(error: unknown): string {
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

/** A file's text, or one PotmapError naming the file and the system's error code. */
export function readTextFile(file: string): string {
  checkInputFile(file, "material record", fileSizeLimits.record);
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new PotmapError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file });
  }
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
      const text = readTextFile(file);
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
