/**
 * Reading command-line option values: one message naming the flag and the value.
 */
import { CliOptions } from "./command";
import { PotmapError } from "../core/errors";

export function stringOption(options: CliOptions, name: string): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") {
    throw new PotmapError("needs a value", { field: `--${name}` });
  }
  return value;
}

export function requiredString(options: CliOptions, name: string): string {
  const value = stringOption(options, name);
  if (value === undefined) throw new PotmapError("is required", { field: `--${name}` });
  return value;
}

export interface NumberRule {
  /** Require value > 0. */
  positive?: boolean;
  min?: number;
  max?: number;
  integer?: boolean;
}

export function numberOption(options: CliOptions, name: string, rule: NumberRule = {}): number | undefined {
  const text = stringOption(options, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  const field = `--${name}`;
  if (text.trim() === "" || !Number.isFinite(value)) throw new PotmapError("must be a finite number", { field, value: text });
  if (rule.integer && !Number.isInteger(value)) throw new PotmapError("must be an integer", { field, value: text });
  if (rule.positive && !(value > 0)) throw new PotmapError("must be positive", { field, value: text });
  if (rule.min !== undefined && value < rule.min) throw new PotmapError(`must be at least ${rule.min}`, { field, value: text });
  if (rule.max !== undefined && value > rule.max) throw new PotmapError(`must be at most ${rule.max}`, { field, value: text });
  return value;
}

export function requiredNumber(options: CliOptions, name: string, rule: NumberRule = {}): number {
  const value = numberOption(options, name, rule);
  if (value === undefined) throw new PotmapError("is required", { field: `--${name}` });
  return value;
}
