/**
 * The published JSON Schema (draft 2020-12) of a material record, what `potmap schema` prints
 * and schema/material.schema.json holds (written by scripts/recordSchema.mjs): io/schema.ts's
 * schema with, for every numeric field of io/recordFields.ts, its unit, its physical range
 * (core/ranges.ts) and a description, and the unit strings io/units.ts converts ("25 degC").
 * Editors complete and check records against it; the reader itself validates with the
 * generated validator of io/schema.ts after converting units.
 */
import * as fs from "fs";
import * as path from "path";
import { physicalRanges } from "../core/ranges";
import { materialSchema } from "./schema";
import { RecordField, recordField } from "./recordFields";

/** Where the built-in records' "$schema" points: the schema file of the repository and the package. */
export const RECORD_SCHEMA_FILE = "schema/material.schema.json";

type Node = Record<string, any>;

/** A number with a unit, as io/units.ts reads it: "1.3e28 m^-3", "25 degC". */
const unitString = { type: "string", pattern: "^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*\\S.*$" };

function describe(field: RecordField): string {
  const unitText = field.unit === "" ? "a pure number" : field.unit === "m_e" ? "electron masses" : field.unit;
  const range = field.range ? physicalRanges[field.range] : undefined;
  const rangeText = range ? `; plausible range ${"exclusiveMin" in range && range.exclusiveMin ? "above " : ""}${range.min} to ${range.max}` : "";
  const strings = field.unit && field.unit !== "m_e" ? `; a bare number is in ${field.unit}, a string may carry its own unit ("... ${field.unit}")` : "";
  return `${field.description}. Unit: ${unitText}${rangeText}${strings}`;
}

/** The number of a field: typed, with its range. */
function number(field: RecordField): Node {
  const out: Node = { type: "number" };
  const range = field.range ? physicalRanges[field.range] : undefined;
  if (range) {
    if ("exclusiveMin" in range && range.exclusiveMin) out.exclusiveMinimum = range.min;
    else out.minimum = range.min;
    out.maximum = range.max;
  }
  return out;
}

/** A quantity field: a number, a unit string, or { value, source | calibrated, ... }. */
function quantity(field: RecordField, provenance: Node): Node {
  const bare = field.unit && field.unit !== "m_e" ? { anyOf: [number(field), unitString] } : number(field);
  return {
    description: describe(field),
    unit: field.unit,
    anyOf: [
      bare,
      {
        type: "object",
        required: ["value"],
        additionalProperties: false,
        properties: { ...provenance, value: bare },
      },
    ],
  };
}

/** Replace each numeric field below `node` (at record path `path`) by its annotated quantity. */
function annotate(node: Node, path: string): void {
  if (node === null || typeof node !== "object") return;
  for (const key of ["oneOf", "anyOf", "allOf"]) if (Array.isArray(node[key])) node[key].forEach((n: Node) => annotate(n, path));
  if (node.items && typeof node.items === "object") annotate(node.items, `${path}[]`);
  if (node.additionalProperties && typeof node.additionalProperties === "object") annotate(node.additionalProperties, `${path}.x`);
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
    const at = path ? `${path}.${key}` : key;
    const field = recordField(at);
    if (!field) {
      annotate(child, at);
      continue;
    }
    // the object form of a quantity: its own keys besides value (source, calibrated, functional, ...)
    const object = child.$ref ? (child.$ref === "#/$defs/bandGap" ? materialSchema.$defs.bandGap : materialSchema.$defs.quantity).anyOf[1] : undefined;
    if (object) {
      const { value: _value, ...rest } = JSON.parse(JSON.stringify(object.properties)) as Node;
      node.properties[key] = quantity(field, rest);
    } else {
      // a plain number (validTemperature bounds) stays one
      node.properties[key] = { ...number(field), description: describe(field), unit: field.unit };
    }
  }
}

/** The JSON Schema (draft 2020-12) of a material record, with units, ranges and descriptions. */
export function recordSchema(): Node {
  const copy = JSON.parse(JSON.stringify(materialSchema)) as Node;
  annotate(copy, "");
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://potmap.invalid/${RECORD_SCHEMA_FILE}`,
    title: copy.title,
    description:
      "A potmap material record (anode, electrolyte or cathode). Every number names its source or says it is calibrated (on itself or an enclosing object). Numeric fields take a bare number in the unit stated in their description, or a string with a unit that potmap converts when it reads the record. Written by potmap schema from lib/src/io/schema.ts and lib/src/io/recordFields.ts.",
    ...Object.fromEntries(Object.entries(copy).filter(([k]) => !["$id", "title"].includes(k))),
  };
}

/**
 * The schema file beside the records: in a clone the repository's schema/material.schema.json,
 * in an installed package its own copy (npm pack's prepack step puts it there). Built to
 * lib/dist/io, hence two levels up to the package.
 */
export function recordSchemaPath(): string {
  const packageRoot = path.resolve(__dirname, "..", "..");
  const repository = path.resolve(packageRoot, "..", RECORD_SCHEMA_FILE);
  if (fs.existsSync(path.join(packageRoot, "src")) && fs.existsSync(repository)) return repository;
  const packaged = path.join(packageRoot, RECORD_SCHEMA_FILE);
  return fs.existsSync(packaged) ? packaged : repository;
}
