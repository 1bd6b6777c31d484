/**
 * `potmap coat --electrolyte E --cathode C`: every candidate coating ranked by the worst |dphi|
 * of its two interfaces over C's states of charge, "no coating" as the baseline, stability
 * flags (whatif/coat.ts). `--virtual` adds the map of virtual Frenkel-pair coatings and where
 * the real candidates sit on it (whatif/idealCoating.ts). --csv and --figure are written all
 * or nothing (cli/files.ts).
 */
import type { CommandResult, OptionValues } from "../command";
import type { coatOptions } from "../commands";
import { dataSetOption } from "../cellOptions";
import { writeOutputs } from "../files";
import { formatTable } from "../format";
import { PotmapError } from "../../core/errors";
import { parseDecimal } from "../../core/validation";
import { figureToJSON, withDefaultLayout } from "../../figures/figure";
import { coatCsv, rankCoatings } from "../../whatif/coat";
import { coatRankingFigure, virtualCoatingFigure } from "../../whatif/coatFigures";
import { idealCoating } from "../../whatif/idealCoating";

function range(list: string[] | undefined, flag: string): [number, number] | undefined {
  if (list === undefined) return undefined;
  if (list.length !== 2) throw new PotmapError("needs two numbers, LOW,HIGH", { field: flag, value: list.join(",") });
  const [lo, hi] = list.map((t) => parseDecimal(t, { field: flag }));
  if (!(hi > lo)) throw new PotmapError("LOW must be below HIGH", { field: flag, value: list.join(",") });
  return [lo, hi];
}

const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(2)}`;

export function run(options: OptionValues<typeof coatOptions>): CommandResult {
  const { set, replaced } = dataSetOption(options);
  const ranked = rankCoatings(set, options.electrolyte, options.cathode, { anode: options.anode, temperature: options.temperature, candidates: options.coatings });
  if (options.stableOnly) {
    ranked.candidates = ranked.candidates.filter((c) => c.kind === "none" || (c.compatible && !c.failure));
    ranked.candidates.forEach((c, i) => (c.rank = i + 1));
  }
  const virtual = options.virtual
    ? idealCoating(set, options.electrolyte, options.cathode, ranked, {
        anode: options.anode,
        grid: options.grid,
        threshold: options.threshold,
        ipRange: range(options.ipRange, "--ip-range"),
        energyRange: range(options.energyRange, "--energy-range"),
        template: options.template,
        bandGap: options.gap,
        frenkelEnergy: options.frenkelEnergy,
        sites: options.sites,
        temperature: options.temperature,
      })
    : undefined;

  const outputs = [];
  if (options.csv) outputs.push({ file: options.csv, text: coatCsv(ranked), flag: "--csv" });
  if (options.figure) {
    const figure = virtual ? virtualCoatingFigure(virtual, virtual.scan) : coatRankingFigure(ranked, options.threshold);
    outputs.push({ file: options.figure, text: JSON.stringify(figureToJSON(withDefaultLayout(figure))) + "\n", flag: "--figure" });
  }
  writeOutputs(outputs, options.materials ?? []);

  const states = ranked.states.map((s) => `${s.soc} (${s.ocv.toFixed(2)} V)`).join(", ");
  const lines = [
    `coatings between ${ranked.electrolyte} and ${ranked.cathode}, ranked by the worst |dphi| of the two interfaces over the states ${states}` +
      (ranked.temperature !== undefined ? `, T = ${ranked.temperature} K` : ""),
    "",
    formatTable(
      ["rank", "coating", "kind", "worst |dphi| (V)", "at SOC", "interface", "dphi per SOC (V)", "vs none (V)", "flags"],
      ranked.candidates.map((c) => [
        String(c.rank),
        c.id,
        c.kind,
        c.failure ? "failed" : c.worstAbsDphi,
        c.worstSoc,
        c.worstInterface,
        c.states.map((s) => `${s.soc}${s.taken ? ` [${c.id} ${s.taken}]` : ""} ${s.interfaces.map((i) => signed(i.dphi)).join("/")}`).join(", "),
        c.kind === "none" ? "baseline" : signed(c.gainOverNone),
        c.failure ?? (c.flags.join("; ") || "none"),
      ]),
      2,
    ),
  ];
  // the stack's warnings about uncovered interlayer states are the flags column already (JSON keeps both)
  const warnings = [...new Set(ranked.candidates.flatMap((c) => (c.flags.length ? [] : c.warnings)))];
  if (virtual) {
    const v = virtual;
    const r = v.region;
    const f = (x: number) => x.toFixed(2);
    lines.push(
      "",
      `virtual coatings: ${v.grid} x ${v.grid} over IP ${f(v.ipRange[0])}-${f(v.ipRange[1])} eV and E0(Li_i+1) ${f(v.energyRange[0])}-${f(v.energyRange[1])} eV (scan ${v.scanMs.toFixed(0)} ms)`,
      `  ${v.parametrisation}`,
      `  model: gap ${v.model.bandGap} eV, T ${v.model.temperature} K, E_FP ${v.model.frenkelEnergy} eV, sites ${v.model.interstitialSites.toExponential(3)}/${v.model.vacancySites.toExponential(3)} cm^-3 (${v.model.source})`,
      ...(v.invalidRows ? [`  ${v.invalidRows} of ${v.grid} rows of E0(Li_i+1) left out: there E_F leaves the gap or a defect exceeds its sites (the model does not hold)`] : []),
      r.points
        ? `  worst |dphi| < ${v.threshold} V on ${r.points} points (${(100 * r.fraction).toFixed(2)}%): IP ${f(r.ionizationPotential![0])}-${f(r.ionizationPotential![1])} eV, E0(Li_i+1) ${f(r.interstitialEnergy![0])}-${f(r.interstitialEnergy![1])} eV`
        : `  no virtual coating reaches worst |dphi| < ${v.threshold} V on this grid`,
      `  best: ${f(v.best.worstAbsDphi)} V at IP ${f(v.best.ionizationPotential)} eV, E0(Li_i+1) ${f(v.best.interstitialEnergy)} eV (E_F - mu_Li ${f(v.best.fermiOffset)} eV), worst at ${v.best.soc}`,
      "",
      "real candidates on the map, nearest to the barrier-less region first (placement exact for E_F tracking mu_Li, a guide otherwise):",
      formatTable(
        ["coating", "IP (eV)", "E_F - mu_Li (eV)", "E0(Li_i+1) eq. (eV)", "map |dphi| (V)", "own |dphi| (V)", "distance (eV)"],
        v.candidates.map((c) => [c.id, c.ionizationPotential, c.fermiOffset, c.interstitialEnergy, c.mapWorst === null ? (c.onMap ? "model fails" : "off map") : c.mapWorst, c.realWorst, c.distanceToRegion === null ? "-" : c.distanceToRegion]),
        2,
      ),
    );
  }
  if (options.csv) lines.push(`CSV written to ${options.csv}`);
  if (options.figure) lines.push(`figure written to ${options.figure}`);
  for (const w of warnings) lines.push(`warning: ${w}`);
  const json = virtual ? { ...ranked, virtual: { ...virtual, scan: undefined } } : ranked;
  return { json, text: lines.join("\n"), replaced };
}
