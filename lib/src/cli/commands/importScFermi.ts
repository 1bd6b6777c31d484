/**
 * `potmap import --sc-fermi INPUT --dos TOTDOS --unitcell UNITCELL --base ID --id NEWID --mu-li EV
 *  [--lithium NAME=DELTA,...] [--synthesis on|off] [--synthesis-temperature K] [--freeze A,B]
 *  [--out FILE]`: an SC-FERMI defect model as an electrolyte record (io/importScFermi.ts).
 * `potmap export --sc-fermi FOLDER --electrolyte ID --mu-li EV [--temperature K]`: a record
 * back as SC-FERMI files at one mu_Li.
 * The record is validated (schema, provenance, physics) before anything is written; files are
 * written to a temporary name and renamed, so a failure never leaves half a file.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandSpec } from "../command";
import { numberOption, requiredNumber, requiredString, stringOption } from "../options";
import { PotmapError } from "../../core/errors";
import { readInputFermi, readTotalDos, readUnitCell } from "../../io/scFermi";
import { exportScFermi, importScFermi } from "../../io/importScFermi";
import { builtinMaterialsFolder, parseJson, parseMaterial } from "../../io/readMaterials";
import { findElectrolyte } from "../../cell/dataSet";
import { dataSetOption } from "../cellOptions";
import { fermiLevelFunction } from "../../cell/fermiLevel";
import { Electrolyte } from "../../cell/materials";
import { formatNumber, formatTable } from "../format";

function readText(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new PotmapError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file, field: flag });
  }
}

/** Write through a temporary file and a rename: never half a file. */
function writeAtomically(file: string, text: string, flag: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new PotmapError(`cannot write the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file, field: flag });
  }
}

/** The raw JSON record of an electrolyte: --materials files/folders first, then the built-in set. */
function rawElectrolyte(id: string, materials: string | undefined): Record<string, any> {
  const places = [...(materials ? materials.split(",").map((s) => s.trim()).filter(Boolean) : []), builtinMaterialsFolder()];
  for (const place of places) {
    const files = fs.existsSync(place) && fs.statSync(place).isDirectory()
      ? fs.readdirSync(place).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(place, f))
      : [place];
    for (const file of files) {
      const record = parseJson(readText(file, "--materials"), file) as Record<string, any>;
      if (record && record.role === "electrolyte" && record.id === id) return record;
    }
  }
  throw new PotmapError("names no electrolyte record of the built-in set or --materials", { field: "--base", value: id });
}

function parseLithium(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const item of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const match = /^([^=]+)=([+-]?\d+)$/.exec(item);
    if (!match) throw new PotmapError("must be NAME=DELTA[,NAME=DELTA...] with DELTA a whole number of Li gained (+) or lost (-)", { field: "--lithium", value: item });
    out[match[1].trim()] = Number(match[2]);
  }
  return out;
}

/** One line per defect: sites, site fraction at the window's ends, frozen or mobile. */
function importSummary(electrolyte: Electrolyte, frozen: string[]): string {
  const fermi = fermiLevelFunction(electrolyte.fermiLevel);
  const ends = [electrolyte.window.lower, electrolyte.window.upper];
  const lines = [
    `${electrolyte.id}: ${electrolyte.name}`,
    `E_F above the VBM: ${ends.map((v) => `${formatNumber(fermi(-v), 3)} eV at ${formatNumber(v, 2)} V`).join(", ")} (gap ${formatNumber(electrolyte.bandGap, 3)} eV)`,
  ];
  if (electrolyte.fermiLevel.rule === "defects") {
    const rows = electrolyte.fermiLevel.system.defects.map((d) => [
      d.name,
      String(d.lithium ?? 0),
      d.sites.toExponential(3),
      d.frozenConcentration !== undefined ? `frozen ${d.frozenConcentration.toExponential(2)} cm^-3 (${(d.frozenConcentration / d.sites).toExponential(2)} of sites)` : frozen.includes(d.name) ? "frozen" : "mobile",
    ]);
    lines.push("", formatTable(["defect", "dN_Li", "sites (cm^-3)", "after synthesis"], rows));
  }
  return lines.join("\n");
}

export const importCommand: CommandSpec = {
  name: "import",
  summary: "an SC-FERMI defect model (input-fermi.dat, totdos.dat, unitcell.dat) as an electrolyte record",
  options: ["sc-fermi", "dos", "unitcell", "base", "id", "mu-li", "lithium", "synthesis", "synthesis-temperature", "freeze", "citation", "out", "materials"],
  required: ["sc-fermi", "unitcell", "base", "id", "mu-li"],
  run(options) {
    const inputFile = requiredString(options, "sc-fermi");
    const unitcellFile = requiredString(options, "unitcell");
    const dosFile = stringOption(options, "dos");
    const synthesisMode = stringOption(options, "synthesis") ?? "on";
    if (synthesisMode !== "on" && synthesisMode !== "off") throw new PotmapError("must be on or off", { field: "--synthesis", value: synthesisMode });
    const freezeText = stringOption(options, "freeze");
    const base = rawElectrolyte(requiredString(options, "base"), stringOption(options, "materials"));
    const input = readInputFermi(readText(inputFile, "--sc-fermi"), inputFile);
    const record = importScFermi({
      input,
      unitCell: readUnitCell(readText(unitcellFile, "--unitcell"), unitcellFile),
      dos: dosFile ? readTotalDos(readText(dosFile, "--dos"), dosFile, input.spinPolarised) : undefined,
      base,
      id: requiredString(options, "id"),
      muLi: requiredNumber(options, "mu-li", { max: 0 }),
      lithium: parseLithium(stringOption(options, "lithium")),
      synthesis: synthesisMode === "off" ? false : {
        temperature: numberOption(options, "synthesis-temperature", { positive: true }),
        freeze: freezeText ? freezeText.split(",").map((s) => s.trim()).filter(Boolean) : undefined,
      },
      citation: stringOption(options, "citation"),
      files: { input: path.basename(inputFile), unitcell: path.basename(unitcellFile), dos: dosFile ? path.basename(dosFile) : undefined },
    });
    const text = recordText(record);
    const out = stringOption(options, "out");
    // validate exactly what will be written: schema, provenance, physics, synthesis solve
    const electrolyte = parseMaterial(text, out ?? "(imported record)") as Electrolyte;
    if (out) writeAtomically(out, text, "--out");
    const frozen: string[] = record.fermiLevel.synthesis?.freeze ?? [];
    return {
      json: out ? { written: out, id: record.id, frozen } : record,
      text: (out ? `wrote ${out}\n` : "") + importSummary(electrolyte, frozen) + (out ? "" : "\n\n" + text),
    };
  },
};

/** Pretty JSON with long number arrays (the DOS) on one line each. */
export function recordText(record: unknown): string {
  return JSON.stringify(record, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_m, body: string) => `[${body.split(/,\s*/).join(", ")}]`) + "\n";
}

export const exportCommand: CommandSpec = {
  name: "export",
  summary: "a defect-chemistry electrolyte record as SC-FERMI files (input-fermi.dat, unitcell.dat, totdos.dat) at one mu_Li",
  options: ["sc-fermi", "electrolyte", "mu-li", "temperature", "materials"],
  required: ["sc-fermi", "electrolyte", "mu-li"],
  run(options) {
    const folder = requiredString(options, "sc-fermi");
    const electrolyte = findElectrolyte(dataSetOption(options), requiredString(options, "electrolyte"));
    const muLi = requiredNumber(options, "mu-li");
    const files = exportScFermi(electrolyte, muLi, { temperature: numberOption(options, "temperature", { positive: true }) });
    try {
      fs.mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new PotmapError(`cannot create the folder (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file: folder, field: "--sc-fermi" });
    }
    const written = [["input-fermi.dat", files.inputFermi], ["unitcell.dat", files.unitcell], ...(files.totdos ? [["totdos.dat", files.totdos]] : [])];
    for (const [name, text] of written) writeAtomically(path.join(folder, name), text, "--sc-fermi");
    const paths = written.map(([name]) => path.join(folder, name));
    return {
      json: { electrolyte: electrolyte.id, muLi, files: paths, notes: files.notes },
      text: `wrote ${paths.join(", ")} (${electrolyte.id} at mu_Li = ${muLi} eV; potmap fermi --sc-fermi ${paths[0]}${files.totdos ? ` --dos ${paths[2]}` : ""} --unitcell ${paths[1]} solves it)` + files.notes.map((n) => `\nnote: ${n}`).join(""),
    };
  },
};
