/** `potmap import`: an SC-FERMI defect model as an electrolyte record (io/importScFermi.ts). */
import * as path from "path";
import type { CommandResult, OptionValues } from "../command";
import type { importOptions } from "../commands";
import { PotmapError } from "../../core/errors";
import { checkScFermiCell, readInputFermi, readScFermiFile, readTotalDos, readUnitCell } from "../../io/scFermi";
import { importScFermi } from "../../io/importScFermi";
import { builtinMaterialsFolder, parseMaterial } from "../../io/readMaterials";
import { checkDataSet, formatFinding } from "../../check/checkDataSet";
import { Electrolyte } from "../../cell/materials";
import { importSummary, parseLithium, rawElectrolyte, recordText } from "../scFermiFiles";
import { checkOutputPaths, writeTextFile } from "../files";

export async function run(options: OptionValues<typeof importOptions>): Promise<CommandResult> {
  // without synthesis nothing is frozen: --freeze (or --synthesis-temperature) would be ignored
  for (const [flag, given] of [["--freeze", options.freeze], ["--synthesis-temperature", options.synthesisTemperature]] as const) {
    if (options.synthesis === "off" && given !== undefined) throw new PotmapError("has no effect with --synthesis off (nothing is equilibrated or frozen): drop one of the two", { field: flag, value: Array.isArray(given) ? given.join(",") : given });
  }
  const out = options.out;
  // everything the command reads: the SC-FERMI files, the --materials records and the built-in set
  const inputs = [options.scFermi, options.unitcell, ...(options.dos ? [options.dos] : []), ...(options.materials ?? []), ...(options.only ? [] : [builtinMaterialsFolder()])];
  if (out) checkOutputPaths([{ file: out, flag: "--out" }], inputs, { record: true });
  const input = readInputFermi(readScFermiFile(options.scFermi, "input-fermi.dat"), options.scFermi);
  const unitCell = readUnitCell(readScFermiFile(options.unitcell, "unitcell.dat"), options.unitcell);
  // the per-cell counts in the ranges `potmap fermi` applies
  checkScFermiCell(input, unitCell);
  const base = rawElectrolyte(options.base, options.materials, options.only);
  const record = importScFermi({
    input,
    unitCell,
    dos: options.dos ? readTotalDos(readScFermiFile(options.dos, "totdos.dat"), options.dos, input.spinPolarised) : undefined,
    base: base.record,
    id: options.id,
    muLi: options.muLi,
    lithium: parseLithium(options.lithium),
    synthesis: options.synthesis === "off" ? false : { temperature: options.synthesisTemperature, freeze: options.freeze ? [...options.freeze] : undefined },
    citation: options.citation,
    files: { input: path.basename(options.scFermi), unitcell: path.basename(options.unitcell), dos: options.dos ? path.basename(options.dos) : undefined },
  });
  const text = recordText(record);
  const name = out ?? "(imported record)";
  // validate exactly what will be written: schema, provenance, physics, the synthesis solve
  const electrolyte = parseMaterial(text, name) as Electrolyte;
  // and every guard `potmap check` applies to a record (E_F inside the gap across the window,
  // defects within their sites): a record that check or map would refuse is not written
  const checked = await checkDataSet([{ file: name, record: JSON.parse(text) }]);
  if (checked.errors.length > 0) {
    const first = checked.errors[0];
    throw new PotmapError(
      `expected ${first.expected}; ${first.reason}. The imported record fails ${checked.errors.length} check${checked.errors.length === 1 ? "" : "s"} of potmap check and is not written (is --mu-li ${options.muLi} eV the chemical potential of the file's energies?)`,
      { file: name, field: first.field, value: first.value },
    );
  }
  // the record may never overwrite an input: the SC-FERMI files, the base record or any record read
  if (out) writeTextFile(out, text, "--out", [...inputs, base.file], { record: true });
  const frozen: string[] = record.fermiLevel.synthesis?.freeze ?? [];
  const warnings = checked.warnings.map((w) => `\nwarning: ${formatFinding(w)}`).join("");
  return {
    json: out ? { written: out, id: record.id, frozen, warnings: checked.warnings } : record,
    text: (out ? `wrote ${out}\n` : "") + importSummary(electrolyte, frozen) + warnings + (out ? "" : "\n\n" + text),
  };
}
