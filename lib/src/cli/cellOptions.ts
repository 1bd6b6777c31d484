/**
 * The data set and the cell a command works on, from its flags: --materials (files and
 * folders merged onto the built-in set; io/mergeMaterials.ts), --only (without the built-in
 * set), --anode (default Li), --electrolyte, --cathode and --soc. Unknown ids fail with the
 * data set's own "unknown ..." messages, which name the flag.
 */
import { findAnode, findCathodeState, findElectrolyte } from "../cell/dataSet";
import { Anode, CathodeState, DataSet, Electrolyte } from "../cell/materials";
import { builtinMaterialsFolder } from "../io/readMaterials";
import { dataSetOf, filedRecordsOf, FiledRecord, mergeRecords, readMergedDataSet, Replacement } from "../io/mergeMaterials";
import * as fs from "fs";
import { PotmapError } from "../core/errors";
import { MaterialFailure, RawRecord, readMaterialsLenient, readRawRecords } from "../io/readRecords";

/** The options every command with a data set has. */
export interface MaterialsOptions {
  materials?: string[];
  only: boolean;
}

/** The data set of --materials / --only, strictly read (the first bad record is the error). */
export function dataSetOption(options: MaterialsOptions): { set: DataSet; replaced: Replacement[] } {
  return readMergedDataSet(options.materials, { only: options.only, baseFolder: builtinMaterialsFolder() });
}

export interface Cell {
  set: DataSet;
  anode: Anode;
  electrolyte: Electrolyte;
  cathode: CathodeState;
  replaced: Replacement[];
}

export function cellOption(options: MaterialsOptions & { anode: string; electrolyte: string; cathode: string; soc: string }): Cell {
  const { set, replaced } = dataSetOption(options);
  return {
    set,
    anode: findAnode(set, options.anode),
    electrolyte: findElectrolyte(set, options.electrolyte),
    cathode: findCathodeState(set, options.cathode, options.soc),
    replaced,
  };
}

/**
 * A --materials path that does not exist is a typo on the command line, not a bad record: it
 * fails the command even where bad records are only listed (screen), so that a run over
 * "candidates/" that is not there cannot "succeed" on the built-in set alone.
 */
function materialsExist(options: MaterialsOptions): void {
  for (const entry of options.materials ?? []) {
    if (!fs.existsSync(entry)) throw new PotmapError("no such file or folder", { field: "--materials", value: entry });
  }
}

function onlyNeedsMaterials(options: MaterialsOptions): void {
  materialsExist(options);
  if (options.only && options.materials === undefined) {
    throw new PotmapError("needs --materials (the records to use instead of the built-in set)", { field: "--only" });
  }
}

/**
 * Leniently read (screening): a bad record is a failure, not the end of the run. Reading
 * progress covers the built-in set and the given files.
 */
export function lenientDataSetOption(
  options: MaterialsOptions,
  onProgress?: (done: number, total: number) => void,
): { set: DataSet; files: Map<string, string>; failures: MaterialFailure[]; replaced: Replacement[] } {
  onlyNeedsMaterials(options);
  const base = options.only ? undefined : readMaterialsLenient(builtinMaterialsFolder(), onProgress);
  if (options.materials === undefined) return { ...base!, replaced: [] };
  const added = readMaterialsLenient(options.materials, onProgress);
  if (!base) return { ...added, replaced: [] };
  const { records, replaced } = mergeRecords(filedRecordsOf(base.set, base.files), filedRecordsOf(added.set, added.files));
  return { ...dataSetOf(records), failures: [...base.failures, ...added.failures], replaced };
}

/** The raw records (uncertainties kept) of --materials / --only, leniently read. */
export function rawRecordsOption(options: MaterialsOptions): { records: RawRecord[]; failures: MaterialFailure[]; replaced: Replacement[] } {
  onlyNeedsMaterials(options);
  const base = options.only ? undefined : readRawRecords(builtinMaterialsFolder());
  if (options.materials === undefined) return { ...base!, replaced: [] };
  const added = readRawRecords(options.materials);
  if (!base) return { ...added, replaced: [] };
  const filed = (list: RawRecord[]): FiledRecord<RawRecord>[] => list.map((r) => ({ role: String(r.record.role), id: String(r.record.id), file: r.file, item: r }));
  const { records, replaced } = mergeRecords(filed(base.records), filed(added.records));
  return { records: records.map((r) => r.item), failures: [...base.failures, ...added.failures], replaced };
}
