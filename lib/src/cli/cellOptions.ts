/**
 * The data set and the cell a command works on, from its flags: --materials (default the
 * built-in data set), --anode (default Li), --electrolyte, --cathode and --soc. Unknown ids
 * fail with the data set's own "unknown ..." messages, which name the flag.
 */
import { CliOptions } from "./command";
import { findAnode, findCathodeState, findElectrolyte } from "../cell/dataSet";
import { Anode, CathodeState, DataSet, Electrolyte } from "../cell/materials";
import { requiredString, stringOption } from "./options";
import { builtinMaterialsFolder, readDataSet } from "../io/readMaterials";

export function dataSetOption(options: CliOptions): DataSet {
  return readDataSet(stringOption(options, "materials") ?? builtinMaterialsFolder());
}

export interface Cell {
  set: DataSet;
  anode: Anode;
  electrolyte: Electrolyte;
  cathode: CathodeState;
}

export function cellOption(options: CliOptions): Cell {
  const set = dataSetOption(options);
  return {
    set,
    anode: findAnode(set, stringOption(options, "anode") ?? "Li"),
    electrolyte: findElectrolyte(set, requiredString(options, "electrolyte")),
    cathode: findCathodeState(set, requiredString(options, "cathode"), requiredString(options, "soc")),
  };
}
