/**
 * Helpers of `potmap import` and `potmap export` (cli/commands/import.ts, export.ts):
 * `potmap import --sc-fermi INPUT --dos TOTDOS --unitcell UNITCELL --base ID --id NEWID --mu-li EV
 *  [--lithium NAME=DELTA,...] [--synthesis on|off] [--synthesis-temperature K] [--freeze A,B]
 *  [--out FILE]`: an SC-FERMI defect model as an electrolyte record (io/importScFermi.ts).
 * `potmap export --sc-fermi FOLDER --electrolyte ID --mu-li EV [--temperature K]`: a record
 * back as SC-FERMI files at one mu_Li.
 * The record is validated (schema, provenance, physics) before anything is written; files go
 * through cli/files.ts (temporary names and renames, so a failure never leaves half a file).
 */
import { PotmapError } from "../core/errors";
import { builtinMaterialsFolder, parseJson } from "../io/readMaterials";
import { materialFiles } from "../io/mergeMaterials";
import { readTextFile } from "../io/readRecords";
import { fermiLevelFunction } from "../cell/fermiLevel";
import { Electrolyte } from "../cell/materials";
import { formatNumber, formatTable } from "./format";

/**
 * The raw JSON record (sources kept) of an electrolyte, with the --materials semantics of
 * io/mergeMaterials.ts: a given record replaces the built-in one of the same id; --only drops
 * the built-in set.
 */
export function rawElectrolyte(id: string, materials: readonly string[] | undefined, only = false): { record: Record<string, any>; file: string } {
  const files = materialFiles([...(materials ?? []), ...(only ? [] : [builtinMaterialsFolder()])]);
  for (const file of files) {
    const record = parseJson(readTextFile(file), file) as Record<string, any>;
    if (record?.role === "electrolyte" && typeof record.id === "string" && record.id.toLowerCase() === id.toLowerCase()) return { record, file };
  }
  throw new PotmapError("names no electrolyte record of the built-in set or --materials", { field: "--base", value: id });
}

export function parseLithium(items: readonly string[] | undefined): Record<string, number> | undefined {
  if (items === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const item of items.map((s) => s.trim()).filter(Boolean)) {
    const match = /^([^=]+)=([+-]?\d+)$/.exec(item);
    if (!match) throw new PotmapError("must be NAME=DELTA[,NAME=DELTA...] with DELTA a whole number of Li gained (+) or lost (-)", { field: "--lithium", value: item });
    out[match[1].trim()] = Number(match[2]);
  }
  return out;
}

/** One line per defect: sites, site fraction at the window's ends, frozen or mobile. */
export function importSummary(electrolyte: Electrolyte, frozen: string[]): string {
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

/** Pretty JSON with long number arrays (the DOS) on one line each. */
export function recordText(record: unknown): string {
  return JSON.stringify(record, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_m, body: string) => `[${body.split(/,\s*/).join(", ")}]`) + "\n";
}

