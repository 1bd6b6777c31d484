/**
 * What `--materials` means everywhere: the records in the given files and folders are merged
 * onto a base set (the built-in one); a record with the role and id of a base record replaces
 * it (ids compared without case, as the look-ups do) and is reported, a new one is added.
 * The same file named twice (e.g. the built-in folder itself) replaces nothing.
 */
import * as fs from "fs";
import * as path from "path";
import { PotmapError } from "../core/errors";
import { DataSet, Material } from "../cell/materials";
import { readMaterial } from "./readMaterials";

/** A base record that an added one replaced. */
export interface Replacement {
  role: string;
  id: string;
  /** The file of the record that replaced it. */
  file: string;
  /** The file of the replaced record. */
  replacedFile: string;
}

/** One record of a set with the file it came from. */
export interface FiledRecord<T> {
  role: string;
  id: string;
  file: string;
  item: T;
}

const keyOf = (r: { role: string; id: string }) => `${r.role}:${r.id.toLowerCase()}`;

/**
 * Base records in their order, each replaced in place by an added record with its role and
 * id; added records that replace nothing follow in their order.
 */
export function mergeRecords<T>(base: readonly FiledRecord<T>[], added: readonly FiledRecord<T>[]): { records: FiledRecord<T>[]; replaced: Replacement[] } {
  const byKey = new Map(added.map((r) => [keyOf(r), r]));
  const replaced: Replacement[] = [];
  const used = new Set<string>();
  const records = base.map((b) => {
    const a = byKey.get(keyOf(b));
    if (!a) return b;
    used.add(keyOf(b));
    if (path.resolve(a.file) !== path.resolve(b.file)) replaced.push({ role: b.role, id: b.id, file: a.file, replacedFile: b.file });
    return a;
  });
  return { records: [...records, ...added.filter((a) => !used.has(keyOf(a)))], replaced };
}

/**
 * The files named by a list of files and folders (a folder gives its *.json, sorted), each
 * once. Strict: an entry that cannot be read is an error naming it and `field`.
 */
export function materialFiles(entries: readonly string[], field = "--materials"): string[] {
  if (entries.length === 0) throw new PotmapError("names no file or folder", { field });
  const files: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch (error) {
      throw new PotmapError(`cannot read the file or folder (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file: entry, field });
    }
    let names = [entry];
    if (stat.isDirectory()) {
      names = fs.readdirSync(entry).filter((n) => n.endsWith(".json")).sort().map((n) => path.join(entry, n));
      if (names.length === 0) throw new PotmapError("the folder holds no *.json material file", { file: entry, field });
    }
    for (const file of names) {
      if (seen.has(path.resolve(file))) continue;
      seen.add(path.resolve(file));
      files.push(file);
    }
  }
  return files;
}

/** Read material files strictly (the first bad record is the error); ids unique per role. */
export function readFiledMaterials(files: readonly string[]): FiledRecord<Material>[] {
  const records: FiledRecord<Material>[] = [];
  const ids = new Map<string, string>();
  for (const file of files) {
    const material = readMaterial(file);
    const key = keyOf(material);
    const previous = ids.get(key);
    if (previous !== undefined) throw new PotmapError(`is already used by ${previous}`, { file, field: "id", value: material.id });
    ids.set(key, file);
    records.push({ role: material.role, id: material.id, file, item: material });
  }
  return records;
}

/** Materials with their files -> a data set and its "role:id" -> file map. */
export function dataSetOf(records: readonly FiledRecord<Material>[]): { set: DataSet; files: Map<string, string> } {
  const set: DataSet = { anodes: [], electrolytes: [], cathodes: [] };
  const files = new Map<string, string>();
  for (const { item, file } of records) {
    files.set(`${item.role}:${item.id}`, file);
    if (item.role === "anode") set.anodes.push(item);
    else if (item.role === "electrolyte") set.electrolytes.push(item);
    else set.cathodes.push(item);
  }
  return { set, files };
}

/** A data set and its files -> records with files, in the set's order. */
export function filedRecordsOf(set: DataSet, files: ReadonlyMap<string, string>): FiledRecord<Material>[] {
  return [...set.anodes, ...set.electrolytes, ...set.cathodes].map((m) => ({ role: m.role, id: m.id, file: files.get(`${m.role}:${m.id}`) ?? "", item: m }));
}

/**
 * The data set of `--materials` (strict): the given records merged onto the base folder's,
 * or only the given records with `only`.
 */
export function readMergedDataSet(entries: readonly string[] | undefined, options: { only?: boolean; baseFolder: string }): { set: DataSet; replaced: Replacement[] } {
  if (entries === undefined) {
    if (options.only) throw new PotmapError("needs --materials (the records to use instead of the built-in set)", { field: "--only" });
    return { set: dataSetOf(readFiledMaterials(materialFiles([options.baseFolder]))).set, replaced: [] };
  }
  const added = readFiledMaterials(materialFiles(entries));
  if (options.only) return { set: dataSetOf(added).set, replaced: [] };
  const { records, replaced } = mergeRecords(readFiledMaterials(materialFiles([options.baseFolder])), added);
  return { set: dataSetOf(records).set, replaced };
}
