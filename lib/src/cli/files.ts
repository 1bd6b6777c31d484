/** Files a command writes besides stdout (--csv, --json-out, --figure). */
import * as fs from "fs";
import { PotmapError } from "../core/errors";

/** Write a text file, or fail with one message naming the flag and the file. */
export function writeTextFile(file: string, text: string, flag: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new PotmapError(`cannot write the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file, field: flag });
  }
}
