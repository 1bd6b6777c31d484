/**
 * Files a command writes besides stdout (--csv, --json-out, --figure). All or nothing:
 * - an output may not be one of the command's inputs, nor lie in a folder the command reads
 *   (a --materials folder: the next run would read it as a record) or in the built-in data
 *   folders (data/materials: every later command reads it; data/models: the extra records
 *   read with --materials), whatever its extension (a figure in a records folder breaks the
 *   next run), nor be the same file as another output. The one exception: a validated
 *   material record (`potmap import --out`, the way `npm run import-llzo` writes
 *   data/models/LLZO-complete.json) may be written into data/models, never over an input;
 * - every output is first written in full to a temporary file beside it, and only when all of
 *   them are written are they renamed into place: a failure (no such folder, a full disk)
 *   leaves no output at all, and never half a file;
 * - a missing folder of an output is created (and removed again when the writing fails);
 * - an output that is a device or a pipe (/dev/stdout) is written directly, after the
 *   temporary files, since a rename would replace the device.
 */
import * as fs from "fs";
import * as path from "path";
import { PotmapError } from "../core/errors";
import { builtinMaterialsFolder } from "../io/readMaterials";

/** The built-in data folders no command may write into: the records and the models beside them. */
export function builtinDataFolders(): string[] {
  const materials = builtinMaterialsFolder();
  return [materials, path.join(path.dirname(materials), "models")];
}

export interface OutputFile {
  /** The path as the user gave it. */
  file: string;
  text: string;
  /** The flag that named it, for messages: "--csv". */
  flag: string;
}

function resolved(file: string): string {
  const absolute = path.resolve(file);
  try {
    return fs.realpathSync(absolute);
  } catch {
    // not there yet: resolve its folder, so a link to an input's folder is still seen through
    try {
      return path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function isSpecial(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Refuse outputs that would overwrite an input, one another, or a folder; before any work, so
 * that a long run does not end in this error. `inputs` are files and folders read.
 */
export function checkOutputPaths(outputs: readonly Pick<OutputFile, "file" | "flag">[], inputs: readonly string[], options: { record?: boolean } = {}): void {
  const inputFiles = new Set<string>();
  const inputFolders: string[] = [];
  // a record may go where records are kept (data/models), unless the command reads that folder
  const builtin = options.record ? builtinDataFolders().slice(0, 1) : builtinDataFolders();
  for (const input of [...inputs, ...builtin]) {
    if (isDirectory(input)) inputFolders.push(resolved(input));
    else inputFiles.add(resolved(input));
  }
  const seen = new Map<string, string>();
  for (const { file, flag } of outputs) {
    const target = resolved(file);
    if (isDirectory(target)) throw new PotmapError("is a folder: give a file name", { file, field: flag });
    if (inputFiles.has(target)) throw new PotmapError("is one of the command's input files: writing it would destroy the input; choose another name", { file, field: flag });
    const folder = inputFolders.find((f) => target === f || target.startsWith(f + path.sep));
    if (folder) {
      throw new PotmapError(`lies in the input folder ${folder} (the command reads its records, models or inputs): a file written there would be read by, or break, the next run; write it elsewhere`, { file, field: flag });
    }
    const other = seen.get(target);
    if (other) throw new PotmapError(`is also the file of ${other}: each output needs its own file`, { file, field: flag });
    seen.set(target, flag);
  }
}

/** Write every output, or none (see the module comment). */
export function writeOutputs(outputs: readonly OutputFile[], inputs: readonly string[] = [], options: { record?: boolean } = {}): void {
  checkOutputPaths(outputs, inputs, options);
  const temporaries: { temporary: string; output: OutputFile }[] = [];
  const createdFolders: string[] = [];
  const cleanUp = () => {
    temporaries.forEach(({ temporary }) => fs.rmSync(temporary, { force: true }));
    createdFolders.reverse().forEach((folder) => fs.rmSync(folder, { recursive: true, force: true }));
  };
  const failure = (output: OutputFile, error: unknown) =>
    new PotmapError(`cannot write the file (${(error as NodeJS.ErrnoException).code ?? "error"}); no output was written`, { file: output.file, field: output.flag });
  const regular = outputs.filter((o) => !isSpecial(o.file));
  const special = outputs.filter((o) => isSpecial(o.file));
  for (const output of regular) {
    const target = path.resolve(output.file);
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
      const created = fs.mkdirSync(path.dirname(target), { recursive: true });
      if (created) createdFolders.push(created);
      temporaries.push({ temporary, output });
      fs.writeFileSync(temporary, output.text);
    } catch (error) {
      cleanUp();
      throw failure(output, error);
    }
  }
  for (const output of special) {
    try {
      fs.writeFileSync(output.file, output.text);
    } catch (error) {
      cleanUp();
      throw failure(output, error);
    }
  }
  for (const { temporary, output } of temporaries) {
    try {
      fs.renameSync(temporary, path.resolve(output.file));
    } catch (error) {
      cleanUp();
      throw failure(output, error);
    }
  }
}

/** Write one text file, all or nothing. */
export function writeTextFile(file: string, text: string, flag: string, inputs: readonly string[] = [], options: { record?: boolean } = {}): void {
  writeOutputs([{ file, text, flag }], inputs, options);
}
