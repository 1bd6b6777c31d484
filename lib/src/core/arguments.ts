/**
 * Run-time checks of what a caller passes to a public function of the library (issue 20):
 * TypeScript's types vanish at run time, so a JavaScript caller, a notebook or a JSON value
 * can hand `"4"` for a work function (string concatenation gives a wrong jump, no error),
 * `2.5` points or `null` for a record (a bare TypeError). Each check throws one PotmapError
 * naming the argument (as `field`) and the value, and says what would be accepted. Numbers
 * and ranges reuse core/validation and the shared table of core/ranges.
 */
import { PotmapError } from "./errors";
import { checkRange, requireFiniteNumber } from "./validation";
import { physicalRanges, PhysicalQuantity } from "./ranges";

/** Largest count of points, samples or temperatures a library call computes (1e6: seconds, not hours). */
export const maxCount = 1e6;

/** What a wrong value is, in words ("null", "nothing", "a list", "text"). */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  return typeof value === "string" ? "text" : `a ${typeof value}`;
}

/** A plain object (a record, an options bag): not null, not an array, not a number or text. */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new PotmapError(`expected an object, got ${kindOf(value)}`, { field, value });
  }
  return value as Record<string, unknown>;
}

/** An options bag: absent (undefined) or an object. */
export function optionalObject(value: unknown, field: string): Record<string, unknown> {
  return value === undefined ? {} : requireObject(value, field);
}

/** A list; `nonEmpty` refuses []. */
export function requireList(value: unknown, field: string, options: { nonEmpty?: boolean } = {}): unknown[] {
  if (!Array.isArray(value)) throw new PotmapError(`expected a list, got ${kindOf(value)}`, { field, value });
  if (options.nonEmpty && value.length === 0) throw new PotmapError("expected a non-empty list", { field, value });
  return value;
}

/** Text (a file's contents, a formula, a flag value). */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== "string") throw new PotmapError(`expected text (a string), got ${kindOf(value)}`, { field, value });
  return value;
}

/** A finite number; text such as "4" is refused rather than concatenated. */
export function requireNumber(value: unknown, field: string): number {
  if (typeof value === "string") throw new PotmapError("expected a finite number, not text", { field, value });
  return requireFiniteNumber(value, { field });
}

/** A finite number in the shared physical range of `quantity` (core/ranges.ts). */
export function requireQuantity(value: unknown, field: string, quantity: PhysicalQuantity): number {
  return checkRange(requireNumber(value, field), { field }, physicalRanges[quantity]);
}

/** Absent, or a finite number in the physical range of `quantity`. */
export function optionalQuantity(value: unknown, field: string, quantity: PhysicalQuantity): number | undefined {
  return value === undefined ? undefined : requireQuantity(value, field, quantity);
}

/** An integer count from `min` to `max` (default 1e6). */
export function requireCount(value: unknown, field: string, min = 1, max = maxCount): number {
  return checkRange(requireNumber(value, field), { field }, { min, max, integer: true });
}
