/**
 * The last guard before anything is printed (issue 20): a result holding NaN or Infinity is
 * no result. JSON.stringify would print NaN as null and a text table would print "NaN"; both
 * look like numbers to a reader or a script. The command fails instead with one PotmapError
 * naming where in the result the non-finite number sits. Every path that can produce one
 * should refuse its input earlier; this catches what a guard missed.
 */
import { PotmapError } from "../core/errors";
import type { CommandResult } from "./command";

/** The JSON path ("rows[3].dphiCathode") and value of the first non-finite number, or undefined. */
export function firstNonFinite(value: unknown, at = ""): { field: string; value: number } | undefined {
  const stack: [unknown, string][] = [[value, at]];
  const seen = new Set<object>();
  while (stack.length) {
    const [node, field] = stack.pop() as [unknown, string];
    if (typeof node === "number") {
      if (!Number.isFinite(node)) return { field: field || "(result)", value: node };
    } else if (node !== null && typeof node === "object" && !seen.has(node)) {
      seen.add(node);
      if (Array.isArray(node)) for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${field}[${i}]`]);
      else for (const [k, v] of Object.entries(node).reverse()) stack.push([v, field ? `${field}.${k}` : k]);
    }
  }
  return undefined;
}

/** Throws when the command's JSON holds NaN or Infinity, or its text shows "NaN" or "Infinity". */
export function refuseNonFinite(command: string, result: CommandResult): void {
  const found = firstNonFinite(result.json);
  if (found) {
    throw new PotmapError(`the ${command} result holds ${found.value} here, which is no number to print; the inputs reach a case no guard refused (please report them)`, { field: found.field });
  }
  const line = result.text.split("\n").find((l) => /\bNaN\b|\bInfinity\b/.test(l));
  if (line !== undefined) {
    throw new PotmapError(`the ${command} text shows a non-finite number, which is no result to print; the inputs reach a case no guard refused (please report them)`, { field: "output", value: line.trim() });
  }
}
