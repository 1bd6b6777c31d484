/** `potmap export --sc-fermi FOLDER`: a defect-chemistry record as SC-FERMI files at one mu_Li. */
import * as fs from "fs";
import * as path from "path";
import type { CommandResult, OptionValues } from "../command";
import type { exportOptions } from "../commands";
import { PotmapError } from "../../core/errors";
import { exportScFermi } from "../../io/importScFermi";
import { findElectrolyte } from "../../cell/dataSet";
import { dataSetOption } from "../cellOptions";
import { writeAtomically } from "../scFermiFiles";

export function run(options: OptionValues<typeof exportOptions>): CommandResult {
  const folder = options.scFermi;
  const { set, replaced } = dataSetOption(options);
  const electrolyte = findElectrolyte(set, options.electrolyte);
  const files = exportScFermi(electrolyte, options.muLi, { temperature: options.temperature });
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new PotmapError(`cannot create the folder (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file: folder, field: "--sc-fermi" });
  }
  const written: [string, string][] = [["input-fermi.dat", files.inputFermi], ["unitcell.dat", files.unitcell]];
  if (files.totdos) written.push(["totdos.dat", files.totdos]);
  for (const [name, text] of written) writeAtomically(path.join(folder, name), text, "--sc-fermi");
  const paths = written.map(([name]) => path.join(folder, name));
  return {
    json: { electrolyte: electrolyte.id, muLi: options.muLi, files: paths, notes: files.notes },
    text:
      `wrote ${paths.join(", ")} (${electrolyte.id} at mu_Li = ${options.muLi} eV; potmap fermi --sc-fermi ${paths[0]}${files.totdos ? ` --dos ${paths[2]}` : ""} --unitcell ${paths[1]} solves it)` +
      files.notes.map((n) => `\nnote: ${n}`).join(""),
    replaced,
  };
}
