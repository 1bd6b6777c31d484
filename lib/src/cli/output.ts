/**
 * Everything the CLI writes besides the one-line error: the result (JSON or text), the list
 * of failures a run went on without, the note on replaced built-in records and the progress
 * bar. Commands return data; only this layer (called by cli/main.ts) writes, through the
 * writers main was given, so all of it is testable.
 */
import { CommandFailures, CommandResult, Progress, Replacement } from "./command";

export type Writer = (text: string) => void;

/**
 * Text for a terminal: control characters other than newline and tab (ESC sequences, carriage
 * returns, bells, the C1 range) shown as \xNN escapes, so that a record's name cannot move the
 * cursor, recolour or rewrite what the terminal shows (issue 20).
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** The failures as stderr lines, one per failure, after a header. */
export function failureText(failures: CommandFailures | undefined, command: string): string {
  if (!failures || failures.lines.length === 0) return "";
  return `potmap ${command}: ${failures.summary}:\n${failures.lines.map((l) => `  ${l}`).join("\n")}\n`;
}

/** One text line per replaced built-in record. */
export function replacedLines(replaced: readonly Replacement[]): string[] {
  return replaced.map((r) => `--materials: ${r.file} replaces the built-in ${r.role} ${r.id}`);
}

/**
 * Write a command's result. With --json the document goes to stdout as is; `replaced` is
 * added to an object document (an array, like `table`'s, stays the array cli.md specifies
 * and the note goes to stderr). Failures follow on stderr.
 */
export function writeResult(result: CommandResult, json: boolean, command: string, out: Writer, err: Writer): void {
  const replaced = result.replaced ?? [];
  if (json) {
    let doc = result.json;
    if (replaced.length) {
      if (doc && typeof doc === "object" && !Array.isArray(doc)) doc = { ...(doc as object), replaced };
      else err(terminalSafe(replacedLines(replaced).map((l) => `potmap ${command}: ${l}\n`).join("")));
    }
    out(JSON.stringify(doc, null, 2) + "\n");
  } else {
    out(terminalSafe(result.text) + "\n" + terminalSafe(replacedLines(replaced).map((l) => l + "\n").join("")));
  }
  err(terminalSafe(failureText(result.failures, command)));
}

/**
 * A progress reporter: a redrawn bar on a terminal, a line per 10% otherwise; silent unless
 * `mode` is "on", or "auto" on a terminal.
 */
export function progressReporter(label: string, mode: "auto" | "on" | "off", write: Writer, tty: boolean): Progress {
  const on = mode === "on" || (mode === "auto" && tty);
  let last = 0;
  let lastDecile = -1;
  let drawn = false;
  return {
    update(done, total, phase = "") {
      if (!on || total <= 0) return;
      const fraction = Math.min(1, done / total);
      if (tty) {
        const now = Date.now();
        if (now - last < 100 && done < total) return;
        last = now;
        const width = 30;
        const full = Math.round(fraction * width);
        write(`\r${label} [${"#".repeat(full)}${"-".repeat(width - full)}] ${(100 * fraction).toFixed(0).padStart(3)}% ${phase} ${done}/${total}\u001b[K`);
        drawn = true;
      } else {
        const decile = Math.floor(fraction * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        write(`${label}: ${(100 * fraction).toFixed(0)}% ${phase} (${done}/${total})\n`);
      }
    },
    finish() {
      if (drawn) write("\r\u001b[K");
      drawn = false;
    },
  };
}
