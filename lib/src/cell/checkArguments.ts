/**
 * Run-time checks of the records and options a caller hands to the cell functions
 * (potentialMap, stackMap, the dictionary, temperature sweeps): types (a number, not "4"),
 * the shared physical ranges (core/ranges.ts) and counts. A record read by io/readMaterials is
 * already checked; these catch objects built or edited in code. One PotmapError names the
 * argument and field, e.g. `field "anode.workFunction", value "4": expected a finite number,
 * not text`.
 */
import { PotmapError } from "../core/errors";
import { optionalObject, optionalQuantity, requireCount, requireList, requireNumber, requireObject, requireQuantity } from "../core/arguments";
import { physicalRanges } from "../core/ranges";
import { Anode, CathodeState, DataSet, Electrolyte } from "./materials";

/** At most this many points in a drawn profile (1e6 points: about a second, not a minute). */
export const maxProfilePoints = 1e6;

/** Optional text fields (name, colour) a result passes on: text when present. */
function optionalTexts(record: Record<string, unknown>, field: string): void {
  for (const key of ["name", "colour", "formula"]) {
    const v = record[key];
    if (v !== undefined && typeof v !== "string") throw new PotmapError("expected text (a string)", { field: `${field}.${key}`, value: v });
  }
}

/** An identifier (id, soc) as text. */
function requireId(value: unknown, field: string): void {
  if (typeof value !== "string" || value === "") throw new PotmapError("expected a non-empty id (text)", { field, value });
}

export function checkAnode(value: unknown, field = "anode"): Anode {
  const anode = requireObject(value, field);
  requireId(anode.id, `${field}.id`);
  optionalTexts(anode, field);
  requireQuantity(anode.workFunction, `${field}.workFunction`, "workFunction");
  return value as Anode;
}

export function checkElectrolyte(value: unknown, field = "electrolyte"): Electrolyte {
  const e = requireObject(value, field);
  if (e.role !== "electrolyte") throw new PotmapError(`expected an electrolyte record (role "electrolyte")`, { field: `${field}.role`, value: e.role });
  requireId(e.id, `${field}.id`);
  optionalTexts(e, field);
  requireQuantity(e.ionizationPotential, `${field}.ionizationPotential`, "ionizationPotential");
  requireQuantity(e.bandGap, `${field}.bandGap`, "bandGap");
  optionalQuantity(e.scissor, `${field}.scissor`, "scissor");
  const window = requireObject(e.window, `${field}.window`);
  requireNumber(window.lower, `${field}.window.lower`);
  requireNumber(window.upper, `${field}.window.upper`);
  optionalQuantity(e.dielectricConstant, `${field}.dielectricConstant`, "dielectricConstant");
  if (e.transport !== undefined) {
    // conductivities (S/cm) and mobilities (cm^2/Vs): positive and finite, or the class is NaN
    const t = requireObject(e.transport, `${field}.transport`);
    for (const key of ["ionicConductivity", "electronMobility", "holeMobility", "measuredElectronicConductivity"]) {
      if (t[key] === undefined && key === "measuredElectronicConductivity") continue;
      const v = requireNumber(t[key], `${field}.transport.${key}`);
      if (!(v > 0)) throw new PotmapError("must be a positive number", { field: `${field}.transport.${key}`, value: v });
    }
  }
  const rule = requireObject(e.fermiLevel, `${field}.fermiLevel`);
  if (rule.rule === "fixed") requireNumber(rule.value, `${field}.fermiLevel.value`);
  else if (rule.rule === "defects") requireObject(rule.system, `${field}.fermiLevel.system`);
  else throw new PotmapError(`expected "fixed" or "defects"`, { field: `${field}.fermiLevel.rule`, value: rule.rule });
  return value as Electrolyte;
}

export function checkCathodeState(value: unknown, field = "cathode"): CathodeState {
  const c = requireObject(value, field);
  if (c.role !== "cathode") throw new PotmapError(`expected a cathode state (role "cathode")`, { field: `${field}.role`, value: c.role });
  requireId(c.id, `${field}.id`);
  requireId(c.soc, `${field}.soc`);
  optionalTexts(c, field);
  requireQuantity(c.ocv, `${field}.ocv`, "ocv");
  requireQuantity(c.ionizationPotential, `${field}.ionizationPotential`, "ionizationPotential");
  // a charged cathode may be metallic: its gap may be 0 (LCO 100%)
  const gap = requireNumber(c.bandGap, `${field}.bandGap`);
  if (!(gap >= 0 && gap <= physicalRanges.bandGap.max)) {
    throw new PotmapError(`must be a number from 0 to ${physicalRanges.bandGap.max} eV (a cathode may be metallic)`, { field: `${field}.bandGap`, value: c.bandGap });
  }
  requireNumber(c.fermiLevel, `${field}.fermiLevel`);
  optionalQuantity(c.scissor, `${field}.scissor`, "scissor");
  // passed on in results (stack interlayers): finite when present
  if (c.ocvComputed !== undefined) requireNumber(c.ocvComputed, `${field}.ocvComputed`);
  // the curve's coordinates (cell/cathodeCurve.ts): Li content >= 0 and a voltage, when present
  if (c.lithium !== undefined && !(requireNumber(c.lithium, `${field}.lithium`) >= 0)) throw new PotmapError("must be a Li content of at least 0", { field: `${field}.lithium`, value: c.lithium });
  if (c.localVoltage !== undefined) requireQuantity(c.localVoltage, `${field}.localVoltage`, "ocv");
  return value as CathodeState;
}

/** A layer of a stack: an electrolyte or a cathode state. */
export function checkLayer(value: unknown, field: string): void {
  const role = requireObject(value, field).role;
  if (role === "electrolyte") checkElectrolyte(value, field);
  else if (role === "cathode") checkCathodeState(value, field);
  else throw new PotmapError(`expected an electrolyte or a cathode state`, { field: `${field}.role`, value: role });
}

/** Options of a map or stack: temperature in range, points an integer 2..1e6, a finite width >= 0. */
export function checkMapOptions(value: unknown, field = "options"): void {
  const o = optionalObject(value, field);
  optionalQuantity(o.temperature, `${field}.temperature`, "temperature");
  if (o.points !== undefined) requireCount(o.points, `${field}.points`, 2, maxProfilePoints);
  if (o.electrodeWidth !== undefined) {
    const width = requireNumber(o.electrodeWidth, `${field}.electrodeWidth`);
    if (!(width > 0 && width <= 1e3)) throw new PotmapError("must be a number > 0 and <= 1000 (position units)", { field: `${field}.electrodeWidth`, value: width });
  }
  if (o.fermiLevelOf !== undefined && typeof o.fermiLevelOf !== "function") throw new PotmapError("expected a function mu_Li -> E_F", { field: `${field}.fermiLevelOf`, value: typeof o.fermiLevelOf });
}

/** A data set's shape: three lists of records (each record is checked where it is used). */
export function checkDataSetShape(value: unknown, field = "set"): DataSet {
  const set = requireObject(value, field);
  for (const key of ["anodes", "electrolytes", "cathodes"]) requireList(set[key], `${field}.${key}`);
  return value as DataSet;
}
