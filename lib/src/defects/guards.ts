/**
 * Guards on defect-chemistry results: is the answer physical under the model's own
 * assumptions? Pure functions of a solution and its system; nothing here changes a number.
 *
 * - Site fraction c / N_sites of every defect (per charge state and total). The Boltzmann
 *   concentration c = N g e^{-E_f/kT} (eq. S-1) is the dilute limit: it is only valid while
 *   defects occupy a small fraction of their sites; above 1 it is impossible.
 * - Where E_F sits: inside the gap more than 3 kT from both edges ("non-degenerate"), within
 *   3 kT of an edge ("near-VBM"/"near-CBM", carriers no longer Boltzmann), or at/beyond an edge
 *   ("degenerate-p"/"degenerate-n"). This says how the carriers are counted, not whether the
 *   electrolyte blocks electrons: a degenerate E_F is flagged unless the record declares it.
 * - Electronic versus ionic conduction (conduction.ts): with the record's ionic conductivity
 *   and carrier mobilities, sigma_e = e(n mu_n + p mu_p) against sigma_ion gives the class
 *   (insulating, mixed conductor, degenerate); a mixed conductor is flagged, because the
 *   model assumes an electrolyte that blocks electrons. This replaces the old 3 kT test.
 * - The neutrality residual, the temperature against the record's stated range, and the
 *   voltage (-mu_Li) against the electrolyte's window.
 *
 * Warnings are plain JSON objects { code, message }: `code` is stable for programs, `message`
 * names the material, defect and value for people.
 */
import { thermalEnergy } from "../core/constants";
import { classifyConduction, electronicRatioLimit, Transport } from "./conduction";
import { requireNumber, requireQuantity } from "../core/arguments";

/** Where E_F sits in the gap; "non-degenerate" is no statement about conduction (conduction.ts). */
export type FermiLevelClass = "non-degenerate" | "near-VBM" | "near-CBM" | "degenerate-p" | "degenerate-n";

export type WarningCode =
  | "above-site-density"
  | "dilute-limit"
  | "fermi-level-degenerate"
  | "electronic-conduction"
  | "bulk-neutrality"
  | "neutrality-residual"
  | "fermi-level-outside-bands"
  | "temperature-outside-range"
  | "voltage-outside-window"
  | "quench"
  // band alignment of a record (cell/bandGuards.ts)
  | "cathode-work-function"
  | "cathode-fermi-level"
  | "cbm-above-vacuum";

/**
 * The codes under which a result is not a number of the model at all (a defect above its sites,
 * E_F outside the bands or undeclared degenerate, neutrality not reached): the explorer shows
 * the jumps as unreliable while one of them fires. The other codes qualify a valid result.
 */
export const unreliableWarningCodes: ReadonlySet<WarningCode> = new Set<WarningCode>(["above-site-density", "fermi-level-outside-bands", "neutrality-residual", "fermi-level-degenerate"]);

export interface PotmapWarning {
  code: WarningCode;
  message: string;
}

/** Within this many kT of a band edge the carriers are non-degenerate no longer. */
export const edgeMargin = 3;
/** Site fraction above which the dilute (Boltzmann) limit is flagged as invalid. */
export const diluteLimit = 0.1;
/**
 * E_F more than this (eV) below the VBM or above the CBM is no result of the model: its dilute
 * defects and parabolic or tabulated bands do not describe a solid flooded with carriers. The
 * command line refuses such a result (cli/main.ts), as it refuses an unsolved neutrality.
 */
export const bandLimit = 1;
/** Relative charge imbalance above which a solution is flagged (the solver reaches ~1e-9). */
export const residualTolerance = 1e-6;

/** What a result is checked against, beyond its own numbers (from the material record). */
export interface GuardContext {
  /** Material name used in messages, e.g. "LPS". */
  material?: string;
  /** The record declares a degenerate (metallic) E_F: no warning for it. */
  declaredDegenerate?: boolean;
  /** Ionic conductivity and carrier mobilities (the record's transport): the conduction class. */
  transport?: Transport;
  /** The record's explanation of a class other than insulating (transport.note), quoted in the warning. */
  conductionNote?: string;
  /** Temperature range the record's data are stated for, K. */
  validTemperature?: { lower: number; upper: number };
  /** Electrochemical window, V vs Li: evaluations at -mu_Li outside it are flagged. */
  window?: { lower: number; upper: number };
  /** "saturating" occupancy cannot exceed its sites: the dilute-limit warning is skipped. */
  occupancy?: "dilute" | "saturating";
  /** Residual above which neutrality is flagged (default residualTolerance). */
  residualTolerance?: number;
  /**
   * Where the result holds, for messages (default "at <-mu_Li> V vs Li, <T> K"); SC-FERMI
   * inputs, whose energies already contain the chemical potentials, say only the temperature.
   */
  where?: string;
}

/** Where E_F (eV above the VBM) sits in a gap of `bandGap` eV at `temperature` K. */
export function classifyFermiLevel(fermiLevel: number, bandGap: number, temperature: number): FermiLevelClass {
  // the caller's numbers: NaN compares false and would read as "near-CBM" (issue 20)
  requireNumber(fermiLevel, "fermiLevel");
  if (!(requireNumber(bandGap, "bandGap") >= 0)) requireQuantity(bandGap, "bandGap", "bandGap");
  requireQuantity(temperature, "temperature", "temperature");
  const margin = edgeMargin * thermalEnergy(temperature);
  if (fermiLevel <= 0) return "degenerate-p";
  if (fermiLevel >= bandGap) return "degenerate-n";
  const toVbm = fermiLevel;
  const toCbm = bandGap - fermiLevel;
  if (toVbm >= margin && toCbm >= margin) return "non-degenerate";
  return toVbm <= toCbm ? "near-VBM" : "near-CBM";
}

/** c / N_sites; 0 for no defect on no sites, Infinity for a defect on no sites. */
export function siteFraction(concentration: number, sites: number): number {
  if (sites > 0) return concentration / sites;
  return concentration > 0 ? Infinity : 0;
}

/** The parts of a result the guards read (FermiSolution and its relatives satisfy this). */
export interface GuardedResult {
  fermiLevel: number;
  muLi: number;
  temperature: number;
  residual: number;
  electrons: number;
  holes: number;
  defects: { name: string; total: number; siteFraction?: number; frozen?: boolean }[];
}

const sci = (x: number) => (Number.isFinite(x) ? x.toExponential(2) : String(x));
const pct = (f: number) => (f >= 10 ? `${f < 1e4 ? f.toPrecision(3) : sci(f)} times` : `${(100 * f).toPrecision(3)}% of`);

/**
 * Every warning a solution earns. `bandGap` is the gap the carrier model uses; `sites` the
 * site density of each defect in the order of `result.defects`.
 */
export function solutionWarnings(result: GuardedResult, bandGap: number, sites: readonly (number | undefined)[], context: GuardContext = {}): PotmapWarning[] {
  const warnings: PotmapWarning[] = [];
  const who = context.material ? `${context.material}: ` : "";
  const voltage = -result.muLi;
  // built only when a message needs it (most solutions have no warning)
  const at = () => context.where ?? `at ${formatV(voltage)} V vs Li, ${result.temperature} K`;
  result.defects.forEach((d, i) => {
    const kind = d.frozen ? "frozen defect" : "defect";
    if (d.siteFraction === undefined) return;
    // 1e-9: a fully occupied site under saturating occupancy rounds to 1 + 1e-16
    if (d.siteFraction > 1 + 1e-9) {
      warnings.push({
        code: "above-site-density",
        message: `${who}${kind} ${d.name} at ${sci(d.total)} cm^-3 is ${pct(d.siteFraction)} its ${sci(sites[i] ?? NaN)} cm^-3 sites ${at()}: above its site density, the concentration is unphysical`,
      });
    } else if (d.siteFraction > diluteLimit && context.occupancy !== "saturating") {
      warnings.push({
        code: "dilute-limit",
        message: `${who}${kind} ${d.name} at ${sci(d.total)} cm^-3 occupies ${pct(d.siteFraction)} its sites ${at()}: dilute limit invalid above ${100 * diluteLimit}% (try occupancy "saturating")`,
      });
    }
  });
  const cls = classifyFermiLevel(result.fermiLevel, bandGap, result.temperature);
  if ((cls === "degenerate-n" || cls === "degenerate-p") && !context.declaredDegenerate) {
    const edge = cls === "degenerate-n" ? `${(result.fermiLevel - bandGap).toFixed(3)} eV above the CBM` : `${(-result.fermiLevel).toFixed(3)} eV below the VBM`;
    const carriers = cls === "degenerate-n" ? `${sci(result.electrons)} electrons` : `${sci(result.holes)} holes`;
    warnings.push({
      code: "fermi-level-degenerate",
      message: `${who}E_F = ${result.fermiLevel.toFixed(3)} eV is ${edge} (gap ${bandGap} eV) ${at()}, with ${carriers}/cm^-3: ${cls}, a metal, though the record does not declare fermiLevel.declaredDegenerate`,
    });
  }
  if (context.transport) {
    const conduction = classifyConduction(result.electrons, result.holes, result.fermiLevel, bandGap, context.transport);
    if (conduction.conductionClass === "mixed conductor") {
      const carriers = result.electrons >= result.holes ? `n = ${sci(result.electrons)}` : `p = ${sci(result.holes)}`;
      warnings.push({
        code: "electronic-conduction",
        message: `${who}mixed conductor ${at()}: ${carriers} cm^-3 gives sigma_e = ${sci(conduction.electronicConductivity)} S/cm, ${sci(conduction.ratio)} times sigma_ion = ${sci(conduction.ionicConductivity)} S/cm (insulating below ${electronicRatioLimit}); the model assumes an electron-blocking electrolyte` +
          (context.conductionNote ? ` (record: ${context.conductionNote})` : ""),
      });
    }
  }
  if (!(result.fermiLevel >= -bandLimit && result.fermiLevel <= bandGap + bandLimit)) {
    warnings.push({
      code: "fermi-level-outside-bands",
      message: `${who}E_F = ${result.fermiLevel.toFixed(3)} eV lies more than ${bandLimit} eV outside the gap (0 to ${bandGap} eV) ${at()}: the defect model does not hold there; check the formation energies and site densities`,
    });
  }
  const tolerance = context.residualTolerance ?? residualTolerance;
  if (!(result.residual <= tolerance)) {
    warnings.push({ code: "neutrality-residual", message: `${who}charge neutrality residual ${sci(result.residual)} exceeds ${sci(tolerance)} ${at()}` });
  }
  const range = context.validTemperature;
  if (range && (result.temperature < range.lower || result.temperature > range.upper)) {
    warnings.push({
      code: "temperature-outside-range",
      message: `${who}temperature ${result.temperature} K is outside the record's stated range ${range.lower}-${range.upper} K (fermiLevel.validTemperature)`,
    });
  }
  const window = context.window;
  // 1e-9 V: sweeps that end at a window edge (linspace round-off) are inside
  if (window && (voltage < window.lower - 1e-9 || voltage > window.upper + 1e-9)) {
    warnings.push({
      code: "voltage-outside-window",
      message: `${who}${formatV(voltage)} V vs Li is outside the electrochemical window ${window.lower}-${window.upper} V: the electrolyte decomposes there, the defect chemistry is extrapolated`,
    });
  }
  return warnings;
}

function formatV(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

/** Warnings with the same message once, in first-seen order. */
export function uniqueWarnings(lists: readonly (readonly PotmapWarning[])[]): PotmapWarning[] {
  const seen = new Set<string>();
  const out: PotmapWarning[] = [];
  for (const list of lists) {
    for (const w of list) {
      if (!seen.has(w.message)) {
        seen.add(w.message);
        out.push(w);
      }
    }
  }
  return out;
}

/**
 * One warning per code for a sweep: the first point's message and how many points earned it,
 * over which voltages. `points` carries each point's voltage and warnings.
 */
export function summariseWarnings(points: readonly { voltage: number; warnings: readonly PotmapWarning[] }[]): PotmapWarning[] {
  const byCode = new Map<string, { first: PotmapWarning; count: number; from: number; to: number }>();
  for (const p of points) {
    for (const w of p.warnings) {
      // one entry per code and subject (the defect name or E_F) so two defects stay apart
      const subject = w.message.match(/defect (\S+)/)?.[1] ?? "";
      const key = `${w.code}|${subject}`;
      const entry = byCode.get(key);
      if (!entry) byCode.set(key, { first: w, count: 1, from: p.voltage, to: p.voltage });
      else {
        entry.count++;
        entry.from = Math.min(entry.from, p.voltage);
        entry.to = Math.max(entry.to, p.voltage);
      }
    }
  }
  return [...byCode.values()].map(({ first, count, from, to }) => ({
    code: first.code,
    message: count === 1 ? first.message : `${first.message} [and at ${count - 1} more of ${points.length} points, ${formatV(from)} to ${formatV(to)} V]`,
  }));
}
