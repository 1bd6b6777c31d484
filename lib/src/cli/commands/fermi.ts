/**
 * `potmap fermi --sc-fermi INPUT [--dos TOTDOS] [--unitcell UNITCELL] [--temperature K]`:
 * the self-consistent Fermi level of an SC-FERMI / py-sc-fermi input (cli.md). The formation
 * energies in input-fermi.dat already include the chemical potentials, so mu_Li = 0.
 */
import type { CommandResult, OptionValues } from "../command";
import type { fermiOptions } from "../commands";
import { loadScFermi } from "../../io/scFermi";
import { ScFermiResult, solveScFermi } from "../../defects/scFermiSystem";
import { FermiLevelClass, PotmapWarning } from "../../defects/guards";
import { withWarnings } from "../format";

/** The JSON document cli.md specifies, plus residual, temperature, bandGap, guards and note. */
export interface FermiJson {
  fermiLevel: number;
  electrons: number;
  holes: number;
  /** siteFraction(s): absent for a fixed charge that is not one of the defects (no site density). */
  defects: Record<string, { total: number; charges: Record<string, number>; siteFraction?: number; siteFractions?: Record<string, number> }>;
  residual: number;
  temperature: number;
  bandGap: number;
  fermiLevelClass: FermiLevelClass;
  warnings: PotmapWarning[];
  note?: string;
}

export function fermiJson(result: ScFermiResult): FermiJson {
  const defects: FermiJson["defects"] = {};
  for (const d of result.defects) {
    defects[d.name] = { total: d.total, charges: { ...d.charges } };
    if (d.siteFractions) Object.assign(defects[d.name], { siteFraction: d.siteFraction, siteFractions: { ...d.siteFractions } });
  }
  const json: FermiJson = {
    fermiLevel: result.fermiLevel,
    electrons: result.electrons,
    holes: result.holes,
    defects,
    residual: result.residual,
    temperature: result.temperature,
    bandGap: result.bandGap,
    fermiLevelClass: result.fermiLevelClass,
    warnings: result.warnings,
  };
  if (result.note) json.note = result.note;
  return json;
}

const sci = (x: number) => x.toExponential(3);
const signed = (q: number) => (q > 0 ? `+${q}` : String(q));

/** A readable report: E_F, carriers, and an aligned defect / charge / concentration table. */
export function fermiText(result: ScFermiResult): string {
  const rows: [string, string, string, string][] = [];
  for (const d of result.defects) {
    const fraction = (x: number | undefined) => (x === undefined ? "" : sci(x));
    rows.push([d.name, "total", sci(d.total), fraction(d.siteFraction)]);
    const charges = Object.keys(d.charges)
      .map(Number)
      .sort((a, b) => b - a);
    for (const q of charges) rows.push(["", signed(q), sci(d.charges[String(q)]), fraction(d.siteFractions?.[String(q)])]);
  }
  rows.push(["electrons", "-1", sci(result.electrons), ""]);
  rows.push(["holes", "+1", sci(result.holes), ""]);
  const header: [string, string, string, string] = ["defect", "charge", "concentration (cm^-3)", "site fraction"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => [r[0].padEnd(widths[0]), r[1].padStart(widths[1]), r[2].padStart(widths[2]), r[3].padStart(widths[3])].join("  ").trimEnd();
  const lines = [
    `Self-consistent Fermi level: ${result.fermiLevel.toFixed(4)} eV above the VBM ` +
      `(band gap ${result.bandGap} eV, T = ${result.temperature} K, mu_Li = 0; ${result.fermiLevelClass})`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `charge residual ${result.residual.toExponential(1)}`,
  ];
  if (result.note) lines.push(`note: ${result.note}`);
  return withWarnings(lines.join("\n"), result.warnings);
}

export function run(options: OptionValues<typeof fermiOptions>): CommandResult {
  const loaded = loadScFermi({ input: options.scFermi, dos: options.dos, unitcell: options.unitcell, temperature: options.temperature });
  const result = solveScFermi(loaded.system);
  return { json: fermiJson(result), text: fermiText(result) };
}
