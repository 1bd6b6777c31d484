/**
 * JSON text from outside, read strictly. JSON.parse alone accepts what a person never meant:
 * a repeated key silently keeps the last value ({"ocv": 3.7, "ocv": 37}); a byte-order mark,
 * which editors on Windows add, makes it fail with "Unexpected token". And records nested
 * 200,000 levels deep would overflow the stack of every recursive walker after the parse.
 * `parseJsonText` strips a leading BOM (as the CSV reader does), scans the text once without
 * recursion for nesting depth and repeated keys, then parses. Every failure is one PotmapError
 * naming the file, the line and the field.
 */
import { PotmapError } from "./errors";

/** Deeper than any record or entries file needs (records are about 6 levels deep). */
export const maxJsonDepth = 64;

interface Frame {
  kind: "object" | "array";
  /** Path of this container, e.g. "fermiLevel.defects[0]". */
  path: string;
  keys?: Set<string>;
  index: number;
  /** Last key read in an object (the member being read). */
  key?: string;
}

const child = (frame: Frame | undefined): string => {
  if (!frame) return "";
  if (frame.kind === "array") return `${frame.path}[${frame.index}]`;
  return frame.path ? `${frame.path}.${frame.key ?? ""}` : frame.key ?? "";
};

/** Line number (1-based) of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Check nesting depth and repeated keys without recursion. Malformed text is left for
 * JSON.parse to report (the scan stops quietly where it loses track).
 */
export function scanJsonText(text: string, file: string): void {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k])) k++;
      if (top?.kind === "object" && text[k] === ":") {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          return;
        }
        if (top.keys!.has(key)) {
          const field = top.path ? `${top.path}.${key}` : key;
          throw new PotmapError(`the key "${key}" appears twice in one object (line ${lineAt(text, i)}); JSON keeps only the last, so one of the values would be lost silently`, { file, field });
        }
        top.keys!.add(key);
        top.key = key;
      }
      i = j;
    } else if (c === "{" || c === "[") {
      const path = child(stack[stack.length - 1]);
      if (stack.length >= maxJsonDepth) {
        const shown = path.length > 40 ? `...${path.slice(-37)}` : path;
        throw new PotmapError(`nested more than ${maxJsonDepth} levels deep (line ${lineAt(text, i)}); no record or entries file needs that`, { file, field: shown || "(document)" });
      }
      stack.push(c === "{" ? { kind: "object", path, keys: new Set(), index: 0 } : { kind: "array", path, index: 0 });
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top?.kind === "array") top.index++;
    }
  }
}

/**
 * The line of a JSON.parse error. Node gives "at position N" for most errors, no position for
 * a cut-off text (its last line, then) and, for an unexpected token, only the text around it
 * (`..."value": NaN,...`), which is found again in the text.
 */
export function jsonErrorLine(message: string, text: string): number | undefined {
  const position = /position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  if (/end of JSON/i.test(message)) return lineAt(text, text.length);
  // Node quotes the text around the error, cut with "..." at either end or both
  const around = /, (?:\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (around) {
    const at = text.indexOf(around[1]);
    if (at >= 0) return lineAt(text, at + Math.floor(around[1].length / 2));
  }
  return undefined;
}

/** Parse JSON text strictly (BOM, depth, repeated keys), naming the file and line of an error. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  scanJsonText(body, file);
  try {
    return JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const line = jsonErrorLine(message, body);
    throw new PotmapError(`malformed JSON${line ? ` at line ${line}` : ""}: ${message}`, { file });
  }
}
