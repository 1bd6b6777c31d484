/**
 * One error type for every bad input. The message always names where the
 * problem is (file, field, value) so a user can fix it without a stack trace.
 */
export interface ErrorLocation {
  file?: string;
  field?: string;
  value?: unknown;
}

/** The one error type of potmap: a message naming the file, field and value at fault (`file`, `field`, `value`, `reason`). */
export class PotmapError extends Error {
  readonly file?: string;
  readonly field?: string;
  readonly value?: unknown;
  /** The reason alone, without the location prefix (for reports that list file and field apart). */
  readonly reason: string;
  constructor(reason: string, where: ErrorLocation = {}) {
    super(formatMessage(reason, where));
    this.name = "PotmapError";
    this.reason = reason;
    this.file = where.file;
    this.field = where.field;
    this.value = where.value;
  }
}

/** Render a value for an error message: short, and never "[object Object]". */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? value.slice(0, 57) + "..." : value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? text.slice(0, 57) + "..." : text;
  } catch {
    return String(value);
  }
}

function formatMessage(reason: string, where: ErrorLocation): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.file);
  if (where.field) parts.push(`field "${where.field}"`);
  if ("value" in where) parts.push(`value ${describeValue(where.value)}`);
  return parts.length ? `${parts.join(", ")}: ${reason}` : reason;
}
