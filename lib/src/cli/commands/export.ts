/**
 * `potmap export --sc-fermi FOLDER`: a defect-chemistry record as SC-FERMI files at one mu_Li.
 * A complete set or nothing (issue 20): the files are written into a temporary folder beside
 * FOLDER, read back with `potmap fermi`'s reader and solved, and only then moved into place.
 * FOLDER must be new or empty; with --force an existing set is replaced as a whole (a
 * totdos.dat the new set does not have is removed, so fermi never loads a stale one).
 */
import * as fs from "fs";
import * as path from "path";
import type { CommandResult, OptionValues } from "../command";
import type { exportOptions } from "../commands";
import { PotmapError } from "../../core/errors";
import { exportScFermi } from "../../io/importScFermi";
import { loadScFermi } from "../../io/scFermi";
import { solveScFermi } from "../../defects/scFermiSystem";
import { findElectrolyte } from "../../cell/dataSet";
import { builtinMaterialsFolder } from "../../io/readMaterials";
import { dataSetOption } from "../cellOptions";
import { checkOutputPaths } from "../files";

/** The files of an SC-FERMI set, all replaced together. */
const setNames = ["input-fermi.dat", "unitcell.dat", "totdos.dat"];

/** What is in the target folder: nothing (new), an empty folder, or a folder with entries. */
function folderState(folder: string, force: boolean): "new" | "empty" | "replace" {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(folder);
  } catch {
    return "new";
  }
  if (!stat.isDirectory()) throw new PotmapError("is not a folder: give a new or empty folder for the SC-FERMI files", { field: "--sc-fermi", value: folder });
  const entries = fs.readdirSync(folder);
  if (entries.length === 0) return "empty";
  if (!force) {
    throw new PotmapError(`is not empty (${entries.slice(0, 4).join(", ")}${entries.length > 4 ? ", ..." : ""}): give a new or empty folder, or --force to replace its SC-FERMI set as a whole`, { field: "--sc-fermi", value: folder });
  }
  return "replace";
}

export function run(options: OptionValues<typeof exportOptions>): CommandResult {
  const folder = options.scFermi;
  const state = folderState(folder, options.force);
  const inputs = [...(options.materials ?? []), ...(options.only ? [] : [builtinMaterialsFolder()])];
  checkOutputPaths(setNames.map((name) => ({ file: path.join(folder, name), flag: "--sc-fermi" })), inputs);
  const { set, replaced } = dataSetOption(options);
  const electrolyte = findElectrolyte(set, options.electrolyte);
  const files = exportScFermi(electrolyte, options.muLi, { temperature: options.temperature });
  const written: [string, string][] = [["input-fermi.dat", files.inputFermi], ["unitcell.dat", files.unitcell]];
  if (files.totdos) written.push(["totdos.dat", files.totdos]);

  const target = path.resolve(folder);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const temporary = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.potmap-`));
  try {
    for (const [name, text] of written) fs.writeFileSync(path.join(temporary, name), text);
    // read back exactly as `potmap fermi` would, and solve: a set fermi refuses is never written
    const at = (name: string) => path.join(temporary, name);
    try {
      const result = solveScFermi(loadScFermi({ input: at("input-fermi.dat"), unitcell: at("unitcell.dat"), dos: files.totdos ? at("totdos.dat") : undefined }).system);
      // what `potmap fermi` refuses to print (cli/main.ts refuseUnsolved) is refused here too
      const refused = result.warnings.find((w) => w.code === "neutrality-residual" || w.code === "fermi-level-outside-bands");
      if (refused) throw new PotmapError(refused.message);
    } catch (error) {
      if (!(error instanceof PotmapError)) throw error;
      throw new PotmapError(`potmap fermi would refuse the files written for ${electrolyte.id}, so none is written: ${error.reason}`, { field: "--sc-fermi", value: folder });
    }
    if (state === "new") {
      fs.renameSync(temporary, target);
    } else if (state === "empty") {
      fs.rmdirSync(target);
      fs.renameSync(temporary, target);
    } else {
      for (const [name] of written) fs.renameSync(at(name), path.join(target, name));
      // the old set's files the new one lacks go too (a stale totdos.dat would be loaded by fermi)
      for (const name of setNames) if (!written.some(([w]) => w === name)) fs.rmSync(path.join(target, name), { force: true });
    }
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
  const paths = written.map(([name]) => path.join(folder, name));
  return {
    json: { electrolyte: electrolyte.id, muLi: options.muLi, files: paths, notes: files.notes },
    text:
      `wrote ${paths.join(", ")} (${electrolyte.id} at mu_Li = ${options.muLi} eV; potmap fermi --sc-fermi ${paths[0]}${files.totdos ? ` --dos ${paths[2]}` : ""} --unitcell ${paths[1]} solves it)` +
      files.notes.map((n) => `\nnote: ${n}`).join(""),
    replaced,
  };
}
