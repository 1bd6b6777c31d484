/** `potmap export --sc-fermi FOLDER`: a defect-chemistry record as SC-FERMI files at one mu_Li. */
import * as path from "path";
import type { CommandResult, OptionValues } from "../command";
import type { exportOptions } from "../commands";
import { exportScFermi } from "../../io/importScFermi";
import { findElectrolyte } from "../../cell/dataSet";
import { dataSetOption } from "../cellOptions";
import { writeOutputs } from "../files";

export function run(options: OptionValues<typeof exportOptions>): CommandResult {
  const folder = options.scFermi;
  const { set, replaced } = dataSetOption(options);
  const electrolyte = findElectrolyte(set, options.electrolyte);
  const files = exportScFermi(electrolyte, options.muLi, { temperature: options.temperature });
  const written: [string, string][] = [["input-fermi.dat", files.inputFermi], ["unitcell.dat", files.unitcell]];
  if (files.totdos) written.push(["totdos.dat", files.totdos]);
  // all three or none: temporary files, then renames (cli/files.ts)
  writeOutputs(written.map(([name, text]) => ({ file: path.join(folder, name), text, flag: "--sc-fermi" })));
  const paths = written.map(([name]) => path.join(folder, name));
  return {
    json: { electrolyte: electrolyte.id, muLi: options.muLi, files: paths, notes: files.notes },
    text:
      `wrote ${paths.join(", ")} (${electrolyte.id} at mu_Li = ${options.muLi} eV; potmap fermi --sc-fermi ${paths[0]}${files.totdos ? ` --dos ${paths[2]}` : ""} --unitcell ${paths[1]} solves it)` +
      files.notes.map((n) => `\nnote: ${n}`).join(""),
    replaced,
  };
}
