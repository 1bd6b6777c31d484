/**
 * Units at the edge of the record reader. A numeric field of a record (io/recordFields.ts) may be
 * a bare number in the field's unit or a string with a unit ("1.3e28 m^-3", "25 degC",
 * "5900 meV"), converted here with mathjs before the schema sees the record; mathjs is loaded
 * only when such a string appears, so reading the built-in records (plain numbers) and starting
 * potmap never load it. Also: the placeholders of `potmap new` templates, refused by name, and
 * the unit slip a bare number outside its range most likely is.
 */
import { PotmapError } from "../core/errors";
import { PhysicalQuantity, inPhysicalRange, physicalRanges } from "../core/ranges";
import { recordField } from "./recordFields";

type MathJs = typeof import("mathjs");
let mathjs: MathJs | undefined;
// required on first use only (test/startup.test.ts: loading potmap loads no mathjs)
const loadMathJs = (): MathJs => (mathjs ??= require("mathjs") as MathJs);

/** The mark that starts every placeholder `potmap new` writes. */
export const PLACEHOLDER_MARK = "TODO";

/** Whether a value is a placeholder of a `potmap new` template ("TODO: ..."). */
export function isPlaceholder(value: unknown): value is string {
  return typeof value === "string" && value.trimStart().startsWith(PLACEHOLDER_MARK);
}

/** Every placeholder of a record, as [field, placeholder text], in document order. */
export function findPlaceholders(data: unknown): [string, string][] {
  const out: [string, string][] = [];
  const walk = (node: unknown, field: string): void => {
    if (isPlaceholder(node)) out.push([field || "(record)", node]);
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${field}[${i}]`));
    else if (node !== null && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, field ? `${field}.${k}` : k);
  };
  walk(data, "");
  return out;
}

const quantityText = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S.*?)?\s*$/;

/** Round away the binary noise of a unit factor (1.3e28 * 1e-6 = 1.3000000000000002e22). */
const clean = (x: number) => Number(x.toPrecision(15));

/**
 * A string with a unit, in the unit of the field: "1.3e28 m^-3" -> 1.3e22 (cm^-3). Throws a
 * PotmapError naming file, field and value when the text is no number with a unit, the field
 * takes a pure number, or the units do not match.
 */
export function convertQuantity(text: string, unit: string, file: string, field: string): number {
  const match = quantityText.exec(text);
  if (!match || match[2] === undefined) {
    throw new PotmapError(`must be a number${unit ? ` (in ${unit}) or a string with a unit, such as "${match?.[1] ?? 1} ${unit}"` : ""}`, { file, field, value: text });
  }
  if (unit === "" || unit === "m_e") {
    throw new PotmapError(`takes a plain number${unit ? ` in ${unit === "m_e" ? "electron masses" : unit}` : ""}, no unit`, { file, field, value: text });
  }
  const math = loadMathJs();
  let value: number;
  try {
    value = math.unit(`${match[1]} ${match[2]}`).toNumber(unit);
  } catch (error) {
    throw new PotmapError(`cannot be converted to ${unit} (${(error as Error).message})`, { file, field, value: text });
  }
  if (!Number.isFinite(value)) throw new PotmapError(`is not a finite number in ${unit}`, { file, field, value: text });
  return clean(value);
}

/**
 * The record with every unit string of a numeric field (and of its `value`) converted to the
 * field's unit. Placeholders left from `potmap new` are refused, all named in one error. Other
 * strings are left for the schema to judge. Returns the input itself when nothing is converted.
 */
export function convertUnits(data: unknown, file: string): unknown {
  const placeholders = findPlaceholders(data);
  if (placeholders.length > 0) {
    const [field, text] = placeholders[0];
    throw new PotmapError(`is a placeholder of potmap new; fill in every placeholder (${placeholders.map(([f]) => f).join(", ")})`, { file, field, value: text });
  }
  const walk = (node: unknown, field: string): unknown => {
    if (typeof node === "string") {
      const known = recordField(field) ?? (field.endsWith(".value") ? recordField(field.slice(0, -".value".length)) : undefined);
      return known ? convertQuantity(node, known.unit, file, field) : node;
    }
    if (Array.isArray(node)) {
      const items = node.map((item, i) => walk(item, `${field}[${i}]`));
      return items.every((item, i) => item === node[i]) ? node : items;
    }
    if (node !== null && typeof node === "object") {
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) {
        out[k] = walk(v, field ? `${field}.${k}` : k);
        if (out[k] !== v) changed = true;
      }
      return changed ? out : node;
    }
    return node;
  };
  return walk(data, "");
}

/** Units a bare number is often given in by mistake, by the unit the field wants. */
const slips: Record<string, string[]> = {
  "cm^-3": ["m^-3"],
  K: ["degC", "degF"],
  eV: ["meV", "J"],
  V: ["mV"],
};

/**
 * For a bare number outside its physical range: " (1.3e28 m^-3 would be 1.3e22 cm^-3: a value
 * in m^-3?)" when reading it in a commonly mistaken unit puts it inside the range; "" otherwise.
 */
export function unitSlipHint(value: number, name: PhysicalQuantity): string {
  const range = physicalRanges[name];
  const unit = "unit" in range ? range.unit : "";
  if (!Number.isFinite(value) || inPhysicalRange(value, name) || !slips[unit]) return "";
  const math = loadMathJs();
  for (const other of slips[unit]) {
    const converted = clean(math.unit(value, other).toNumber(unit));
    if (inPhysicalRange(converted, name)) return ` (${value} ${other} would be ${converted} ${unit}: a value in ${other}?)`;
  }
  return "";
}
