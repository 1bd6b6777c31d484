/**
 * Tables of the course's defect-chemistry notebooks (02, 03), as plain rows: which charged
 * species dominate at a voltage, where the dominant pair changes along a sweep, and how close
 * the dilute limit (eq. S-1, c = N g e^{-E_f/kT}) is to breaking, inside and outside the
 * window. Every concentration comes with its site fraction c / N_sites (guards.ts), because a
 * concentration alone does not say whether the dilute limit holds. Species are named in
 * Kröger-Vink notation (V_Li', Li_i•, N_O', O_N•; e', h• for the carriers).
 */
import { krogerVink as figureLabel } from "../figures/labels";
import { FermiSolution } from "../defects/neutrality";
import { SweepPoint } from "../defects/sweep";
import { Electrolyte } from "../cell/materials";
import { diluteLimit } from "../defects/guards";
import { classifyConduction } from "../defects/conduction";
import { effectiveBandGap } from "../defects/defects";
import { electrolyteSystem } from "../cell/fermiLevel";

/**
 * Kröger-Vink label of a defect name as the records write it ("V_Li", "v_Li", "Li_i",
 * "Zr_Li_tet") in charge state `charge`: • per positive, ' per negative charge, × when neutral.
 */
export function krogerVink(name: string, charge: number): string {
  // the figures' labeller in plain text, with ASCII primes and × so that tables and prose match
  return figureLabel(name, charge, { format: "plain" }).replace(/′/g, "'").replace(/ˣ/g, "×");
}

/** One charged species of a solution: a defect charge state, or the electrons or holes. */
export interface Species {
  /** Kröger-Vink label, e.g. "V_Li'". */
  label: string;
  /** The record's defect name ("electrons" / "holes" for the carriers). */
  name: string;
  charge: number;
  /** cm^-3 */
  concentration: number;
  /** concentration / site density of the defect; undefined for electrons and holes. */
  siteFraction?: number;
}

/** Every charged species of a solution (neutral charge states carry no charge and are left out). */
export function chargedSpecies(point: FermiSolution): Species[] {
  const out: Species[] = [];
  for (const d of point.defects) {
    for (const [q, c] of Object.entries(d.charges)) {
      const charge = Number(q);
      if (charge === 0) continue;
      out.push({ label: krogerVink(d.name, charge), name: d.name, charge, concentration: c, siteFraction: d.siteFractions?.[q] });
    }
  }
  out.push({ label: "e'", name: "electrons", charge: -1, concentration: point.electrons });
  out.push({ label: "h•", name: "holes", charge: 1, concentration: point.holes });
  return out;
}

/** The `count` species of one sign carrying the most charge |q| c (largest first). */
export function dominantSpecies(point: FermiSolution, sign: 1 | -1, count = 1): Species[] {
  return chargedSpecies(point)
    .filter((s) => Math.sign(s.charge) === sign)
    .sort((a, b) => Math.abs(b.charge) * b.concentration - Math.abs(a.charge) * a.concentration)
    .slice(0, count);
}

/** "Li_i• / V_Li'": the dominant positive and negative species. */
export function dominantPair(point: FermiSolution): string {
  return `${dominantSpecies(point, 1)[0].label} / ${dominantSpecies(point, -1)[0].label}`;
}

/** The voltages (V vs Li) along a sweep at which the dominant pair changes (the first point included). */
export function dominantPairChanges(sweep: readonly SweepPoint[]): { fromVoltage: number; dominantPair: string }[] {
  const rows: { fromVoltage: number; dominantPair: string }[] = [];
  let last = "";
  for (const p of sweep) {
    const pair = dominantPair(p);
    if (pair !== last) rows.push({ fromVoltage: p.voltage, dominantPair: pair });
    last = pair;
  }
  return rows;
}

const fraction = (s: Species) => (s.siteFraction === undefined ? "—" : s.siteFraction);

/**
 * A table row for one solution: voltage (V vs Li), E_F above the VBM (eV), its class and the
 * dominant pair with concentrations (cm^-3) and site fractions; plain keys (course/labels.ts).
 */
export function dominantRow(point: FermiSolution & { voltage?: number }): Record<string, string | number> {
  const plus = dominantSpecies(point, 1)[0];
  const minus = dominantSpecies(point, -1)[0];
  return {
    voltage: point.voltage ?? -point.muLi,
    fermiLevelAboveVbm: point.fermiLevel,
    fermiLevelClass: point.fermiLevelClass,
    dominantPositive: plus.label, dominantPositiveConcentration: plus.concentration, dominantPositiveFraction: fraction(plus),
    dominantNegative: minus.label, dominantNegativeConcentration: minus.concentration, dominantNegativeFraction: fraction(minus),
  };
}

const inside = (e: Electrolyte, v: number) => v >= e.window.lower - 1e-9 && v <= e.window.upper + 1e-9;

/** The sweep points nearest the lower edge, the middle and the upper edge of the window. */
export function windowPoints(electrolyte: Electrolyte, sweep: readonly SweepPoint[]): SweepPoint[] {
  const { lower, upper } = electrolyte.window;
  return [lower, (lower + upper) / 2, upper].map((v) => sweep.reduce((a, p) => (Math.abs(p.voltage - v) < Math.abs(a.voltage - v) ? p : a)));
}

/**
 * Rows of `dominantRow` at the window's edges and middle, each with the electronic-versus-ionic
 * class (defects/conduction.ts: sigma_e = e(n mu_n + p mu_p) against the record's sigma_ion):
 * the E_F class says only whether the carriers are degenerate, not whether the electrolyte
 * blocks electrons.
 */
export function windowRows(electrolyte: Electrolyte, sweep: readonly SweepPoint[]): Record<string, string | number>[] {
  const gap = effectiveBandGap(electrolyteSystem(electrolyte));
  return windowPoints(electrolyte, sweep).map((p) => {
    const c = classifyConduction(p.electrons, p.holes, p.fermiLevel, gap, electrolyte.transport);
    return { ...dominantRow(p), electronicToIonic: c.ratio, conduction: c.conductionClass };
  });
}

/** The largest site fraction of any defect over part of a sweep, with where it occurs. */
// a type, not an interface: rows must be assignable to Record<string, unknown> (showTable)
export type Saturation = {
  part: "inside the window" | "outside the window";
  /** Largest c / N_sites (0 when the part is empty). */
  siteFraction: number;
  defect: string;
  voltage: number;
  /** "dilute" (below diluteLimit, 0.1), "dilute limit invalid" (up to 1) or "above site density" (> 1). */
  verdict: string;
};

/**
 * Does the dilute limit hold? The largest site fraction inside and outside the window
 * (guards.ts flags 0.1 and above; above 1 the Boltzmann concentration is impossible).
 */
export function saturation(electrolyte: Electrolyte, sweep: readonly SweepPoint[]): Saturation[] {
  return (["inside the window", "outside the window"] as const).map((part) => {
    let best = { siteFraction: 0, defect: "—", voltage: NaN };
    for (const p of sweep) {
      if (inside(electrolyte, p.voltage) !== (part === "inside the window")) continue;
      for (const d of p.defects) {
        const x = d.siteFraction ?? 0;
        if (x > best.siteFraction) best = { siteFraction: x, defect: d.name, voltage: p.voltage };
      }
    }
    const verdict = best.siteFraction > 1 ? "above site density" : best.siteFraction > diluteLimit ? "dilute limit invalid" : "dilute";
    return { part, ...best, verdict };
  });
}
