/**
 * Course helpers for notebook 06: the paper's experimental resistance observations (Table 1,
 * right column) read into typed rows, paired with the model's dphi_c (eq. 7), and the two
 * questions the notebook asks of them: the mean |dphi_c| per measured category, and a rank
 * correlation with a permutation test (does the reproduction support "indeed correlated"?).
 */
import { pearsonCorrelation, ranks } from "../numerics/statistics";
import { PotmapError } from "../core/errors";
import { Random } from "../numerics/random";
import { DataSet } from "../cell/materials";
import { findAnode, findCathodeState, findElectrolyte } from "../cell/dataSet";
import { potentialMap } from "../cell/potentialMap";
import { hinders } from "../cell/potential";

/** Area-specific resistance categories of the paper's Table 1 (Ω cm²), in increasing order. */
export const resistanceCategories = ["very low", "low", "medium", "high", "very high"] as const;
export type ResistanceCategory = (typeof resistanceCategories)[number];

export interface ResistanceObservation {
  cathode: string;
  electrolyte: string;
  category: ResistanceCategory;
  /** State of charge of the measurement; "NA" when the source does not state it. */
  soc: "0%" | "100%" | "NA";
  /** The paper's reference numbers. */
  ref: string;
  note?: string;
}

const NA = "NA";

/**
 * The observations, parsed by hand from published.experiments.rows. Choices, so that a reader
 * can disagree: "considered high" -> high; LNMO/LiPON at ~90% SOC -> 100%; LMO/LLZO
 * "low-medium" -> low; the LPS/LCO/LNMO stack kept as LCO/LPS; LNO/LPS and LNCO/LPS "reduced
 * by an interlayer/coatings" -> high at 0% (the bare interface); LNMO/LLZO "beneficial
 * interlayer" has no category and is left out.
 */
export const resistanceObservations: readonly ResistanceObservation[] = [
  { cathode: "LCO", electrolyte: "LiPON", category: "high", soc: NA, ref: "[14]", note: "considered high" },
  { cathode: "LCO", electrolyte: "LPO", category: "very low", soc: "100%", ref: "[20], [66]" },
  { cathode: "LCO", electrolyte: "LPO", category: "very low", soc: "0%", ref: "[21]" },
  { cathode: "LCO", electrolyte: "LLZO", category: "high", soc: NA, ref: "[13]", note: "considered high" },
  { cathode: "LCO", electrolyte: "LPS", category: "high", soc: NA, ref: "[67]" },
  { cathode: "LCO", electrolyte: "LPS", category: "medium", soc: "0%", ref: "[68]" },
  { cathode: "LCO", electrolyte: "LPS", category: "low", soc: "0%", ref: "[69]", note: "LPS/LCO/LNMO stack" },
  { cathode: "LNO", electrolyte: "LPS", category: "high", soc: "0%", ref: "[69]", note: "considered high; lowered by an LCO interlayer" },
  { cathode: "LNCO", electrolyte: "LPS", category: "high", soc: "0%", ref: "[69], [59]", note: "considered high; lowered by coatings" },
  { cathode: "LMO", electrolyte: "LiPON", category: "very high", soc: "0%", ref: "[25]" },
  { cathode: "LMO", electrolyte: "LiPON", category: "high", soc: NA, ref: "[24]", note: "considered high" },
  { cathode: "LMO", electrolyte: "LLZO", category: "medium", soc: NA, ref: "[70]" },
  { cathode: "LMO", electrolyte: "LLZO", category: "low", soc: "0%", ref: "[37]", note: "low-medium" },
  { cathode: "LMO", electrolyte: "LLZO", category: "low", soc: "100%", ref: "[37]", note: "low-medium" },
  { cathode: "LNMO", electrolyte: "LiPON", category: "very high", soc: "100%", ref: "[22]", note: "~90% SOC" },
  { cathode: "LNMO", electrolyte: "LiPON", category: "medium", soc: "0%", ref: "[21]" },
  { cathode: "LNMO", electrolyte: "LPO", category: "very low", soc: "0%", ref: "[38]" },
  { cathode: "LNMO", electrolyte: "LPO", category: "very low", soc: "100%", ref: "[38]" },
  { cathode: "LNMO", electrolyte: "LLZO", category: "low", soc: "0%", ref: "[37]", note: "increases with cycling" },
  { cathode: "LNMO", electrolyte: "LLZO", category: "low", soc: "100%", ref: "[37]", note: "increases with cycling" },
];

export interface ObservationPoint extends Omit<ResistanceObservation, "soc"> {
  soc: "0%" | "100%";
  /** false: the source gave no SOC and the point is one of two (0% and 100%). */
  socStated: boolean;
  /** Model dphi_c (eq. 7), V. */
  dphi: number;
  absDphi: number;
  /** The process the jump hinders (sign of dphi_c). */
  hinders: ReturnType<typeof hinders>;
}

/** One point per observation and state: an unstated SOC gives two points, 0% and 100%. */
export function observationPoints(set: DataSet, observations: readonly ResistanceObservation[] = resistanceObservations, anodeId = "Li"): ObservationPoint[] {
  const anode = findAnode(set, anodeId);
  return observations.flatMap((o) => {
    const socs: ("0%" | "100%")[] = o.soc === NA ? ["0%", "100%"] : [o.soc];
    return socs.map((soc) => {
      const m = potentialMap(anode, findElectrolyte(set, o.electrolyte), findCathodeState(set, o.cathode, soc), { withoutProfile: true });
      return { ...o, soc, socStated: o.soc !== NA, dphi: m.dphiCathode, absDphi: Math.abs(m.dphiCathode), hinders: m.hinders.cathode };
    });
  });
}

export interface CategoryMean {
  category: ResistanceCategory;
  points: number;
  /** Mean |dphi_c| over all points of the category, V (null when none). */
  mean: number | null;
  /** The same over points whose SOC the source stated. */
  statedPoints: number;
  statedMean: number | null;
}

/** Mean predicted |dphi_c| per measured resistance category. */
export function categoryMeans(points: readonly ObservationPoint[]): CategoryMean[] {
  const mean = (xs: readonly ObservationPoint[]) => (xs.length ? xs.reduce((a, p) => a + p.absDphi, 0) / xs.length : null);
  return resistanceCategories.map((category) => {
    const all = points.filter((p) => p.category === category);
    const stated = all.filter((p) => p.socStated);
    return { category, points: all.length, mean: mean(all), statedPoints: stated.length, statedMean: mean(stated) };
  });
}

export interface RankCorrelation {
  /** Spearman's rho between the category (ordinal) and |dphi_c|, ties at average ranks. */
  rho: number;
  points: number;
  /** One-sided permutation p-value: the share of shuffles with rho at least as large. */
  pValue: number;
  permutations: number;
}

/**
 * Spearman's rank correlation of measured category against predicted |dphi_c|, with a
 * seeded permutation test (the categories shuffled over the points): "indeed correlated"
 * (paper section 1) would need rho > 0 with a small p-value.
 */
export function rankCorrelation(points: readonly ObservationPoint[], options: { permutations?: number; seed?: number } = {}): RankCorrelation {
  const permutations = options.permutations ?? 10000;
  if (points.length < 3) throw new PotmapError("needs three or more points", { field: "points", value: points.length });
  const cat = ranks(points.map((p) => resistanceCategories.indexOf(p.category)));
  const bar = ranks(points.map((p) => p.absDphi));
  const rho = pearsonCorrelation(cat, bar);
  const random = new Random(options.seed ?? 1);
  const shuffled = [...cat];
  let atLeast = 0;
  for (let k = 0; k < permutations; k++) {
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    if (pearsonCorrelation(shuffled, bar) >= rho - 1e-12) atLeast++;
  }
  // the observed arrangement counts as one of the permutations (an unbiased p-value, never 0)
  return { rho, points: points.length, pValue: (atLeast + 1) / (permutations + 1), permutations };
}
