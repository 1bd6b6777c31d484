/**
 * The data set and the cell a command works on, from its flags: --materials (files and
 * folders merged onto the built-in set; io/mergeMaterials.ts), --only (without the built-in
 * set), --anode (default Li), --electrolyte, --cathode and --soc. Unknown ids fail with the
 * data set's own "unknown ..." messages, which name the flag.
 */
import { findAnode, findCathodeState, findElectrolyte } from "../cell/dataSet";
import { CurveState, cathodeAt } from "../cell/cathodeCurve";
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

export function cellOption(options: MaterialsOptions & { anode: string; electrolyte: string; cathode: string; soc?: string; x?: number; voltage?: number }): Cell & { curve?: CurveState } {
  const { set, replaced } = dataSetOption(options);
  const { state, curve } = cathodeStateOption(set, options);
  return {
    set,
    anode: findAnode(set, options.anode),
    electrolyte: findElectrolyte(set, options.electrolyte),
    cathode: state,
    replaced,
    ...(curve ? { curve } : {}),
  };
}

/**
 * The cathode state of --cathode with one of --soc (a named state, or any percentage on the
 * curve), --x (Li content) or --voltage (OCV on the curve); --soc defaults to 0%. A named state is
 * returned as the record has it; anything else is placed on the curve (cell/cathodeCurve.ts).
 */
export function cathodeStateOption(set: DataSet, options: { cathode: string; soc?: string; x?: number; voltage?: number }): { state: CathodeState; curve?: CurveState } {
  const given = [options.soc !== undefined && "--soc", options.x !== undefined && "--x", options.voltage !== undefined && "--voltage"].filter(Boolean);
  if (given.length > 1) throw new PotmapError(`give one of --soc, --x and --voltage, not ${given.join(" and ")}`, { field: String(given[1]) });
  const cathode = set.cathodes.find((c) => c.id.toLowerCase() === options.cathode.trim().toLowerCase());
  if (options.x !== undefined || options.voltage !== undefined) {
    const material = cathode ?? (findCathodeState(set, options.cathode, "0%") && undefined)!;
    const curve = cathodeAt(material, options.x !== undefined ? { x: options.x } : { voltage: options.voltage! });
    return { state: curve.state, curve };
  }
  const soc = options.soc ?? "0%";
  const named = cathode?.states.find((s) => s.soc === soc.trim() || s.soc === `${soc.trim()}%`);
  const number = /^[+-]?[0-9]+(\.[0-9]+)?%?$/.test(soc.trim()) ? Number(soc.trim().replace(/%$/, "")) : NaN;
  if (!cathode || named) return { state: findCathodeState(set, options.cathode, soc) };
  if (!Number.isFinite(number)) {
    const curve = cathode.profile ? ", or a percentage on its voltage curve such as 80%" : "";
    throw new PotmapError(`unknown state of charge for ${cathode.id} (known: ${cathode.states.map((s) => s.soc).join(", ")}${curve})`, { field: "soc", value: soc });
  }
  const curve = cathodeAt(cathode, { soc: number });
  return { state: curve.state, curve };
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
