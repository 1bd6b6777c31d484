/**
 * Looking materials up in a data set, with messages that list what exists.
 */
import { PotmapError } from "../core/errors";
import { Anode, CathodeState, DataSet, Electrolyte } from "./materials";
import { checkDataSetShape } from "./checkArguments";

/** The paper's display order; materials not listed follow in file order. */
export const paperOrder = {
  electrolytes: ["LiPON", "LPO", "LLZO", "LPS"],
  cathodes: ["LCO", "LNO", "LNCO", "LMO", "LNMO"],
  socs: ["0%", "100%", "+"],
};

/**
 * Library callers get library words: the field is the parameter ("soc", "cathode"); the
 * command line renames those to its flags (cli/main.ts). A non-string is a typed error, not
 * "soc.trim is not a function".
 */
function requireText(value: unknown, field: string, example: string): string {
  if (typeof value !== "string") {
    throw new PotmapError(`must be a string, e.g. ${example}`, { field, value });
  }
  return value;
}

function rank(list: string[], id: string): number {
  const i = list.indexOf(id);
  return i === -1 ? list.length : i;
}

/** The anode record with this id (case-insensitive); a PotmapError listing the known ids if none. */
export function findAnode(set: DataSet, id: string): Anode {
  checkDataSetShape(set);
  requireText(id, "anode", '"Li"');
  const found = set.anodes.find((a) => a.id.toLowerCase() === id.toLowerCase());
  if (!found) throw new PotmapError(`unknown anode (known: ${set.anodes.map((a) => a.id).join(", ")})`, { field: "anode", value: id });
  return found;
}

/** The electrolyte record with this id (case-insensitive); a PotmapError listing the known ids if none. */
export function findElectrolyte(set: DataSet, id: string): Electrolyte {
  checkDataSetShape(set);
  requireText(id, "electrolyte", '"LLZO"');
  const found = set.electrolytes.find((e) => e.id.toLowerCase() === id.toLowerCase());
  if (!found) {
    throw new PotmapError(`unknown electrolyte (known: ${set.electrolytes.map((e) => e.id).join(", ")})`, { field: "electrolyte", value: id });
  }
  return found;
}

/** One state of charge ("0%", "100%", "+") of the cathode with this id; a PotmapError if there is none. */
export function findCathodeState(set: DataSet, id: string, soc: string): CathodeState {
  checkDataSetShape(set);
  requireText(id, "cathode", '"LCO"');
  requireText(soc, "soc", '"0%", "100%" or "+"');
  const cathode = set.cathodes.find((c) => c.id.toLowerCase() === id.toLowerCase());
  if (!cathode) throw new PotmapError(`unknown cathode (known: ${set.cathodes.map((c) => c.id).join(", ")})`, { field: "cathode", value: id });
  const normalised = soc.trim() === "0" ? "0%" : soc.trim() === "100" ? "100%" : soc.trim();
  const state = cathode.states.find((s) => s.soc === normalised);
  if (!state) {
    throw new PotmapError(`unknown state of charge for ${cathode.id} (known: ${cathode.states.map((s) => s.soc).join(", ")})`, { field: "soc", value: soc });
  }
  return state;
}

/** Electrolytes in the paper's order. */
export function orderedElectrolytes(set: DataSet): Electrolyte[] {
  return [...set.electrolytes].sort((a, b) => rank(paperOrder.electrolytes, a.id) - rank(paperOrder.electrolytes, b.id));
}

/** Every cathode state, cathodes in the paper's order, then by state of charge. */
export function orderedCathodeStates(set: DataSet): CathodeState[] {
  const cathodes = [...set.cathodes].sort((a, b) => rank(paperOrder.cathodes, a.id) - rank(paperOrder.cathodes, b.id));
  return cathodes.flatMap((c) => [...c.states].sort((a, b) => rank(paperOrder.socs, a.soc) - rank(paperOrder.socs, b.soc)));
}
