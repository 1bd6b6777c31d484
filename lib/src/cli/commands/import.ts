/** `potmap import`: an SC-FERMI defect model as an electrolyte record (io/importScFermi.ts). */
import * as path from "path";
import type { CommandResult, OptionValues } from "../command";
import type { importOptions } from "../commands";
import { readInputFermi, readScFermiFile, readTotalDos, readUnitCell } from "../../io/scFermi";
import { importScFermi } from "../../io/importScFermi";
import { parseMaterial } from "../../io/readMaterials";
import { Electrolyte } from "../../cell/materials";
import { importSummary, parseLithium, rawElectrolyte, recordText } from "../scFermiFiles";
import { writeTextFile } from "../files";
import { PotmapError } from "../../core/errors";

export function run(options: OptionValues<typeof importOptions>): CommandResult {
  // without synthesis nothing is frozen: --freeze (or --synthesis-temperature) would be ignored
  for (const [flag, given] of [["--freeze", options.freeze], ["--synthesis-temperature", options.synthesisTemperature]] as const) {
    if (options.synthesis === "off" && given !== undefined) throw new PotmapError("has no effect with --synthesis off (nothing is equilibrated or frozen): drop one of the two", { field: flag, value: Array.isArray(given) ? given.join(",") : given });
  }
  const input = readInputFermi(readScFermiFile(options.scFermi, "input-fermi.dat"), options.scFermi);
  const record = importScFermi({
    input,
    unitCell: readUnitCell(readScFermiFile(options.unitcell, "unitcell.dat"), options.unitcell),
    dos: options.dos ? readTotalDos(readScFermiFile(options.dos, "totdos.dat"), options.dos, input.spinPolarised) : undefined,
    base: rawElectrolyte(options.base, options.materials, options.only),
    id: options.id,
    muLi: options.muLi,
    lithium: parseLithium(options.lithium),
    synthesis: options.synthesis === "off" ? false : { temperature: options.synthesisTemperature, freeze: options.freeze ? [...options.freeze] : undefined },
    citation: options.citation,
    files: { input: path.basename(options.scFermi), unitcell: path.basename(options.unitcell), dos: options.dos ? path.basename(options.dos) : undefined },
  });
  const text = recordText(record);
  const out = options.out;
  // validate exactly what will be written: schema, provenance, physics, the synthesis solve
  const electrolyte = parseMaterial(text, out ?? "(imported record)") as Electrolyte;
  // the SC-FERMI inputs may never be overwritten by the record
  if (out) writeTextFile(out, text, "--out", [options.scFermi, options.unitcell, ...(options.dos ? [options.dos] : [])]);
  const frozen: string[] = record.fermiLevel.synthesis?.freeze ?? [];
  return {
    json: out ? { written: out, id: record.id, frozen } : record,
    text: (out ? `wrote ${out}\n` : "") + importSummary(electrolyte, frozen) + (out ? "" : "\n\n" + text),
  };
}
