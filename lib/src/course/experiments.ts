/**
 * Course helpers for notebook 06: the paper's experimental resistance observations (Table 1,
 * right column) read from data/published.json into typed rows, paired with the model's dphi_c
 * (eq. 7), and a rank correlation with a permutation test (does the reproduction support
 * "indeed correlated"?). The categories and the mean |dphi_c| per category are
 * figures/experiment.ts's (resistanceCategories, experimentCategoryMeans).
 */
import { pearsonCorrelation, ranks } from "../numerics/statistics";
import { PotmapError } from "../core/errors";
import { Random } from "../numerics/random";
import { DataSet } from "../cell/materials";
import { findAnode, findCathodeState, findElectrolyte } from "../cell/dataSet";
import { potentialMap } from "../cell/potentialMap";
import { hinders } from "../cell/potential";
import { ResistanceCategory, resistanceCategories } from "../figures/experiment";

export type { ResistanceCategory } from "../figures/experiment";

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

/** The right column of Table 1 as data/published.json holds it (experiments.rows). */
export interface PublishedExperiments {
  experiments: { rows: readonly { cathode: string; electrolyte: string; observation: string }[] };
}

// longest first, so that "very low" is not read as "low"
const categoryWords: readonly [string, ResistanceCategory][] = [
  ["very low", "very low"], ["very high", "very high"], ["low-medium", "low"], ["low", "low"], ["medium", "medium"], ["high", "high"],
];

/** "(0, 100%)" -> ["0%", "100%"]; "(SOC NA)" -> ["NA"]; "(~90%)" -> ["100%"] (90 % and above read as charged). */
function socsOf(text: string): ("0%" | "100%" | "NA")[] {
  if (/NA/.test(text)) return [NA];
  return text.split(",").map((part) => {
    const value = Number(part.replace(/[~%\s]/g, ""));
    if (!Number.isFinite(value)) throw new PotmapError("has a state of charge that is no number", { field: "experiments.rows.observation", value: text });
    return value >= 90 ? "100%" : "0%";
  });
}

/**
 * The observations of the paper's Table 1 (right column), read from published.json's
 * experiments.rows: each "; "-separated part is a category with one or more "(SOC) [refs]"
 * groups. Choices, so that a reader can disagree: "considered high" -> high; "low-medium" ->
 * low; "~90%" -> 100%; "(0, 100%)" -> one observation at each; parts with no category
 * ("beneficial interlayer") are left out; what follows the category is kept as a note.
 */
export function resistanceObservations(published: PublishedExperiments): ResistanceObservation[] {
  const out: ResistanceObservation[] = [];
  for (const row of published.experiments.rows) {
    for (const part of row.observation.split(";").map((p) => p.trim())) {
      const lower = part.toLowerCase().replace(/^considered\s+/, "");
      const found = categoryWords.find(([word]) => lower.startsWith(word));
      if (!found) continue;
      const groups = [...part.matchAll(/\(([^)]*)\)\s*((?:\[\d+\](?:,\s*(?=\[))?)+)?/g)];
      if (groups.length === 0) throw new PotmapError("names no state of charge in parentheses", { field: `experiments.rows (${row.cathode}/${row.electrolyte})`, value: part });
      const note = part.slice(0, groups[0].index).replace(/[:,\s]+$/, "").trim();
      const bySoc = new Map<string, string[]>();
      for (const g of groups) for (const soc of socsOf(g[1])) bySoc.set(soc, [...(bySoc.get(soc) ?? []), ...(g[2] ? [g[2].trim()] : [])]);
      for (const [soc, refs] of bySoc) {
        const o: ResistanceObservation = { cathode: row.cathode, electrolyte: row.electrolyte, category: found[1], soc: soc as ResistanceObservation["soc"], ref: refs.join(", ") };
        if (note.toLowerCase() !== found[1]) o.note = note;
        out.push(o);
      }
    }
  }
  return out;
}

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
export function observationPoints(set: DataSet, observations: readonly ResistanceObservation[], anodeId = "Li"): ObservationPoint[] {
  const anode = findAnode(set, anodeId);
  return observations.flatMap((o) => {
    const socs: ("0%" | "100%")[] = o.soc === NA ? ["0%", "100%"] : [o.soc];
    return socs.map((soc) => {
      const m = potentialMap(anode, findElectrolyte(set, o.electrolyte), findCathodeState(set, o.cathode, soc), { withoutProfile: true });
      return { ...o, soc, socStated: o.soc !== NA, dphi: m.dphiCathode, absDphi: Math.abs(m.dphiCathode), hinders: m.hinders.cathode };
    });
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
