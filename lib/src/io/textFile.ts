/**
 * Reading an input file's text, guarded: only a regular file (a link is followed) is read, and
 * only up to a size limit. A FIFO named *.json in a --materials folder would block the read for
 * ever, a link to /dev/zero would fill the memory: both are refused before reading, by stat,
 * with one PotmapError naming the file (issue 20).
 */
import * as fs from "fs";
import { PotmapError } from "../core/errors";

/**
 * Size limits, bytes: a material record with a tabulated DOS is under 0.1 MB (LLZO-complete
 * 78 kB), SC-FERMI's totdos.dat under 1 MB, phase-entry tables a few MB; the limits are 100
 * times that, so they only stop a wrong file (a log, an image, a device) from being parsed.
 */
export const fileSizeLimits = {
  record: 16 * 1024 * 1024,
  scFermi: 64 * 1024 * 1024,
  phaseEntries: 256 * 1024 * 1024,
} as const;

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  if (stat.isDirectory()) return "a folder";
  return "not a regular file";
}

/**
 * Refuse an input that is not a regular file or is larger than `limit` bytes, with one
 * PotmapError; `role` names what the file should be ("material record", "totdos.dat"). A file
 * that cannot be stat'ed (missing, no permission) is left to the caller's reader and its message.
 */
export function checkInputFile(file: string, role: string, limit: number): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return;
  }
  if (stat.isDirectory()) return;
  if (!stat.isFile()) throw new PotmapError(`the ${role} file is ${kindOf(stat)}, not a regular file: it is not read`, { file });
  if (stat.size > limit) {
    throw new PotmapError(`the ${role} file is ${(stat.size / 1048576).toFixed(1)} MB; a ${role} file is at most ${limit / 1048576} MB: is it the right file?`, { file });
  }
}
