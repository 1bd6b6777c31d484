/**
 * One place for checking numbers and choices that come from outside: command-line flags,
 * CSV cells, SC-FERMI text tokens and JSON values. Every failure is one PotmapError naming
 * the file, the field, the value and what would have been accepted.
 *
 * Text is read as a plain decimal only. `Number()` alone would accept "0x12c" (300), "0b1",
 * "Infinity", "" and " " (0), and `parseFloat` accepts "1.2abc"; none of those is a value a
 * person meant to type for a temperature or an energy.
 */
import { PotmapError } from "./errors";

/** Where a value came from, for the message. */
export interface Where {
  file?: string;
  field: string;
}

/** An allowed interval, an integer constraint and the unit shown in messages. */
export interface NumberRange {
  /** Smallest allowed value (inclusive unless `exclusiveMin`). */
  min?: number;
  /** Largest allowed value (inclusive unless `exclusiveMax`). */
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  integer?: boolean;
  /** Unit for messages: "K", "V", "eV", "cm^-3"... */
  unit?: string;
}

export interface DecimalOptions {
  /** Also accept a Fortran exponent ("1.0d-3", "2D5"), as SC-FERMI files may use. */
  fortranExponent?: boolean;
  /** Unit for the message, e.g. "eV/atom". */
  unit?: string;
}

const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const fortranDecimal = /^[+-]?(\d+(\.\d*)?|\.\d+)([eEdD][+-]?\d+)?$/;

function fail(reason: string, where: Where, value: unknown): never {
  throw new PotmapError(reason, { ...(where.file ? { file: where.file } : {}), field: where.field, value });
}

/** "3", "-1.5e3" -> the number; a unit after it when given. */
function withUnit(x: number, unit?: string): string {
  return unit ? `${x} ${unit}` : String(x);
}

/** The allowed values in words: "a number > 0 K", "an integer from 2 to 10000". */
export function describeRange(range: NumberRange = {}): string {
  const what = range.integer ? "an integer" : "a number";
  const { min, max, unit } = range;
  const lowOp = range.exclusiveMin ? ">" : ">=";
  const highOp = range.exclusiveMax ? "<" : "<=";
  if (min !== undefined && max !== undefined) {
    if (!range.exclusiveMin && !range.exclusiveMax) return `${what} from ${min} to ${withUnit(max, unit)}`;
    return `${what} ${lowOp} ${withUnit(min, unit)} and ${highOp} ${withUnit(max, unit)}`;
  }
  if (min !== undefined) return `${what} ${lowOp} ${withUnit(min, unit)}`;
  if (max !== undefined) return `${what} ${highOp} ${withUnit(max, unit)}`;
  return unit ? `${what} in ${unit}` : what;
}

/**
 * A decimal number written as text: optional sign, digits, optional fraction and exponent
 * ("-1.5", "+1", "2.2e21", ".5"). Surrounding blanks are ignored; anything else fails,
 * including a value too large for a double ("1e400").
 */
export function parseDecimal(text: string, where: Where, options: DecimalOptions = {}): number {
  const trimmed = typeof text === "string" ? text.trim() : "";
  const pattern = options.fortranExponent ? fortranDecimal : decimal;
  if (!pattern.test(trimmed)) {
    fail(`expected a number${options.unit ? ` (${options.unit})` : ""}: a decimal such as 300, -1.5 or 2.2e21${options.fortranExponent ? " (or 2.2d21)" : ""}`, where, text);
  }
  const value = Number(options.fortranExponent ? trimmed.replace(/[dD]/, "e") : trimmed);
  if (!Number.isFinite(value)) fail("expected a finite number: beyond +-1.8e308 a double overflows", where, text);
  return value;
}

/** Whether text is a decimal number as parseDecimal reads it (for telling fields apart). */
export function isDecimal(text: string, options: DecimalOptions = {}): boolean {
  return (options.fortranExponent ? fortranDecimal : decimal).test(text.trim());
}

/** A value that must already be a finite number (from JSON or a caller). */
export function requireFiniteNumber(value: unknown, where: Where): number {
  if (typeof value !== "number") fail("expected a finite number", where, value);
  if (!Number.isFinite(value)) fail("must be a finite number (a literal beyond +-1.8e308 overflows a double)", where, value);
  return value;
}

/** Check a finite number against a range; the message says what is allowed, with the unit. */
export function checkRange(value: number, where: Where, range: NumberRange, shown: unknown = value): number {
  requireFiniteNumber(value, where);
  if (range.integer && !Number.isInteger(value)) fail(`must be ${describeRange(range)}`, where, shown);
  const { min, max } = range;
  const low = min !== undefined && (range.exclusiveMin ? !(value > min) : !(value >= min));
  const high = max !== undefined && (range.exclusiveMax ? !(value < max) : !(value <= max));
  if (low || high) {
    // "must be positive" reads better than "must be a number > 0"
    const reason = min === 0 && range.exclusiveMin && max === undefined && !range.integer
      ? `must be positive${range.unit ? ` (${range.unit})` : ""}`
      : min === 0 && !range.exclusiveMin && max === undefined && !range.integer
        ? `must be zero or positive${range.unit ? ` (${range.unit})` : ""}`
        : `must be ${describeRange(range)}`;
    fail(reason, where, shown);
  }
  return value;
}

/** Parse decimal text and check it against a range, in one step. */
export function parseNumberInRange(text: string, where: Where, range: NumberRange = {}, options: DecimalOptions = {}): number {
  return checkRange(parseDecimal(text, where, options), where, range, text);
}

/** An integer written as text (decimal digits; "1e3" is allowed as 1000). */
export function parseInteger(text: string, where: Where, range: Omit<NumberRange, "integer"> = {}, options: DecimalOptions = {}): number {
  return checkRange(parseDecimal(text, where, options), where, { ...range, integer: true }, text);
}

/** A finite number greater than zero (from JSON or a caller). */
export function requirePositive(value: unknown, where: Where, unit?: string): number {
  return checkRange(requireFiniteNumber(value, where), where, { min: 0, exclusiveMin: true, unit });
}

/** A finite number at least zero (from JSON or a caller). */
export function requireNonNegative(value: unknown, where: Where, unit?: string): number {
  return checkRange(requireFiniteNumber(value, where), where, { min: 0, unit });
}

/**
 * One of a fixed list of words. Case-sensitive unless `ignoreCase`; the value returned is
 * the allowed spelling.
 */
export function parseChoice<T extends string>(text: string, allowed: readonly T[], where: Where, options: { ignoreCase?: boolean } = {}): T {
  const found = allowed.find((a) => (options.ignoreCase ? a.toLowerCase() === String(text).toLowerCase() : a === text));
  if (found === undefined) fail(`must be one of ${allowed.join(", ")}`, where, text);
  return found;
}

/** Every number anywhere in a parsed JSON value must be finite; names the first that is not. */
export function checkFiniteTree(data: unknown, file: string, root = ""): void {
  const walk = (node: unknown, field: string): void => {
    if (typeof node === "number") {
      requireFiniteNumber(node, { file, field: field || "(record)" });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${field}[${i}]`));
      return;
    }
    if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, field ? `${field}.${k}` : k);
    }
  };
  walk(data, root);
}
