/**
 * Loader for data/space-charge.json: the published parameter sets of the space-charge-layer
 * model (model.md section 5; M. W. Swift, J. W. Swift, Y. Qi, Nat. Comput. Sci. 1, 212 (2021),
 * code inputs github mwswift/PFD_solution). Every field is checked so a bad edit of the data
 * file fails with one message naming the file, the field path and the value.
 */
import { readFileSync } from "fs";
import { checkInputFile, fileSizeLimits } from "./textFile";
import { PotmapError } from "../core/errors";
import { SpaceChargeParams, validateSpaceChargeParams } from "../spaceCharge/model";

/** Outputs the authors' script printed for a set (optional; for checking a reproduction). */
export interface PublishedSpaceChargeOutputs {
  phiTarget: number;
  x1: number;
  phiX1: number;
  x2: number;
  phiX2: number;
  sigma: number;
  capacitance: number;
  xstar: number | null;
  source: string;
}

export interface SpaceChargeMaterial extends SpaceChargeParams {
  name: string;
  source: string;
  published?: PublishedSpaceChargeOutputs;
}

export interface SpaceChargeTarget {
  name: string;
  phiTarget: number;
  source: string;
}

export interface SpaceChargeDataSet {
  description: string;
  source: string;
  materials: SpaceChargeMaterial[];
  targets: SpaceChargeTarget[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(obj: Record<string, unknown>, key: string, field: string, file: string): string {
  const v = obj[key];
  if (v === undefined) throw new PotmapError("missing value", { file, field });
  if (typeof v !== "string" || v.trim() === "") throw new PotmapError("expected a non-empty string", { file, field, value: v });
  return v;
}

function finite(obj: Record<string, unknown>, key: string, field: string, file: string, nullable = false): number | null {
  const v = obj[key];
  if (v === undefined) throw new PotmapError("missing value", { file, field });
  if (v === null && nullable) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new PotmapError(nullable ? "expected a finite number or null" : "expected a finite number", { file, field, value: v });
  }
  return v;
}

/** Validate already-parsed data (`file` is only used in messages). */
export function parseSpaceChargeData(data: unknown, file = "space-charge.json"): SpaceChargeDataSet {
  if (!isObject(data)) throw new PotmapError("expected a JSON object at the top level", { file, value: data });
  const description = text(data, "description", "description", file);
  const source = text(data, "source", "source", file);
  const list = (key: string): unknown[] => {
    const v = data[key];
    if (v === undefined) throw new PotmapError("missing value", { file, field: key });
    if (!Array.isArray(v) || v.length === 0) throw new PotmapError("expected a non-empty array", { file, field: key, value: v });
    return v;
  };

  const names = new Set<string>();
  const materials = list("materials").map((entry, i): SpaceChargeMaterial => {
    const at = `materials[${i}]`;
    if (!isObject(entry)) throw new PotmapError("expected an object", { file, field: at, value: entry });
    const name = text(entry, "name", `${at}.name`, file);
    if (names.has(name)) throw new PotmapError("duplicate material name", { file, field: `${at}.name`, value: name });
    names.add(name);
    const params = validateSpaceChargeParams(entry, { file, prefix: `${at}.` });
    const material: SpaceChargeMaterial = { name, ...params, source: text(entry, "source", `${at}.source`, file) };
    if (entry.published !== undefined) {
      const pub = entry.published;
      const pat = `${at}.published`;
      if (!isObject(pub)) throw new PotmapError("expected an object", { file, field: pat, value: pub });
      const num = (key: string) => finite(pub, key, `${pat}.${key}`, file) as number;
      material.published = {
        phiTarget: num("phiTarget"),
        x1: num("x1"),
        phiX1: num("phiX1"),
        x2: num("x2"),
        phiX2: num("phiX2"),
        sigma: num("sigma"),
        capacitance: num("capacitance"),
        xstar: finite(pub, "xstar", `${pat}.xstar`, file, true),
        source: text(pub, "source", `${pat}.source`, file),
      };
    }
    return material;
  });

  const targets = list("targets").map((entry, i): SpaceChargeTarget => {
    const at = `targets[${i}]`;
    if (!isObject(entry)) throw new PotmapError("expected an object", { file, field: at, value: entry });
    return {
      name: text(entry, "name", `${at}.name`, file),
      phiTarget: finite(entry, "phiTarget", `${at}.phiTarget`, file) as number,
      source: text(entry, "source", `${at}.source`, file),
    };
  });
  return { description, source, materials, targets };
}

/** Read and validate a space-charge data file (e.g. data/space-charge.json). */
export function loadSpaceChargeData(path: string): SpaceChargeDataSet {
  let raw: string;
  checkInputFile(path, "space-charge data", fileSizeLimits.record);
  try {
    raw = readFileSync(path, "utf8");
  } catch (err) {
    throw new PotmapError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: path });
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new PotmapError(`invalid JSON: ${(err as Error).message}`, { file: path });
  }
  return parseSpaceChargeData(data, path);
}
