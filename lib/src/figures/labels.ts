/**
 * Labels and line styles shared by the figures: Kröger-Vink names of defects, the colour of a
 * jump by its sign, and dash styles that keep coinciding curves visible.
 * Pure module: strings and plain objects only.
 */
import { PlotlyTrace } from "./figure";
import { jumpColours } from "./palette";

export interface KrogerVinkOptions {
  /** "html" (default): the site as <sub>...</sub>, for Plotly text; "plain": "V_Li′", for tables and logs. */
  format?: "html" | "plain";
}

/**
 * Kröger-Vink label of a defect in a given charge state: the species, its site as a subscript
 * and the effective charge as primes (′, negative), bullets (•, positive) or a cross (ˣ, neutral),
 * one mark per unit of charge. krogerVink("V_Li", -1) → "V<sub>Li</sub>′",
 * krogerVink("Li_i", 1) → "Li<sub>i</sub>•", krogerVink("Zr_Li_tet", 2) → "Zr<sub>Li,tet</sub>••".
 * A name without "_" is kept as it is (no site).
 * The charges of the records are effective charges relative to the perfect site, which is
 * what Kröger-Vink marks denote.
 */
export function krogerVink(name: string, charge: number, options: KrogerVinkOptions = {}): string {
  const cut = name.indexOf("_");
  // SC-FERMI files write vacancies "v_O": Kröger-Vink's V; a further "_" qualifies the site (Li_tet → Li,tet)
  const raw = cut > 0 ? name.slice(0, cut) : name;
  const species = raw === "v" ? "V" : raw;
  const site = cut > 0 ? name.slice(cut + 1).replace(/_/g, ",") : "";
  const html = (options.format ?? "html") === "html";
  const base = site ? (html ? `${species}<sub>${site}</sub>` : `${species}_${site}`) : species;
  if (!Number.isFinite(charge)) return base;
  const n = Math.round(Math.abs(charge));
  // integer charges get one mark per unit; a fractional one (rare, e.g. a dopant given as 0.5) its value
  if (Math.abs(Math.abs(charge) - n) > 1e-9) return `${base}(${charge > 0 ? "+" : ""}${charge})`;
  if (n === 0) return `${base}ˣ`;
  return base + (charge < 0 ? "′" : "•").repeat(n);
}

// Colours of an interface jump by sign: palette.ts (re-exported here for existing imports).
export { jumpColours };

/** The colour of a jump label: red for a barrier to discharge (Δφ > 0), blue to charge (Δφ < 0). */
export function jumpColour(dphi: number): string {
  return dphi > 0 ? jumpColours.discharge : dphi < 0 ? jumpColours.charge : jumpColours.neither;
}

/** Legend texts of the jump colours, shared by every map figure; the direction is the paper's hypothesis, not a result. */
export const jumpLegendNames = {
  discharge: "Δφ > 0 (red label): barrier to discharge (paper's hypothesis)",
  charge: "Δφ < 0 (blue label): barrier to charge (paper's hypothesis)",
};

/** Dash styles in the order they are handed out. */
export const dashCycle = ["solid", "dash", "dashdot", "longdash", "longdashdot", "dot"];

/**
 * Where two curves on one axis coincide (|log10 ratio| below `tolerance` decades on a log axis,
 * |difference| below `tolerance` on a linear one, over at least half of the points drawn),
 * the later one gets the next dash style not yet used by the earlier ones, so that it stays
 * visible on top of the first. Traces are changed in place and returned.
 */
export function distinguishCoincidentCurves(traces: PlotlyTrace[], options: { log?: boolean; tolerance?: number; visibleFrom?: number } = {}): PlotlyTrace[] {
  const log = options.log ?? false;
  const tolerance = options.tolerance ?? (log ? 0.05 : 1e-3);
  const visibleFrom = options.visibleFrom ?? -Infinity;
  const values = (t: PlotlyTrace) => Array.from((t.y ?? []) as ArrayLike<number | null>, (v) => (typeof v === "number" ? v : NaN));
  const coincide = (a: number[], b: number[]) => {
    let shown = 0;
    let same = 0;
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!(a[i] >= visibleFrom || b[i] >= visibleFrom) || !Number.isFinite(a[i]) || !Number.isFinite(b[i])) continue;
      shown++;
      const d = log ? Math.abs(Math.log10(a[i] / b[i])) : Math.abs(a[i] - b[i]);
      if (d <= tolerance) same++;
    }
    return shown > 0 && same >= shown / 2;
  };
  const lines = traces.filter((t) => String(t.mode ?? "lines").includes("lines") && t.y !== undefined);
  lines.forEach((t, k) => {
    const y = values(t);
    const partners = lines.slice(0, k).filter((u) => (u.yaxis ?? "y") === (t.yaxis ?? "y") && coincide(values(u), y));
    if (!partners.length) return;
    const used = new Set(partners.map((u) => String((u.line as Record<string, unknown> | undefined)?.dash ?? "solid")));
    const own = String((t.line as Record<string, unknown> | undefined)?.dash ?? "solid");
    if (!used.has(own)) return;
    const free = dashCycle.find((d) => !used.has(d)) ?? "dot";
    t.line = { ...(t.line as Record<string, unknown> | undefined), dash: free };
  });
  return traces;
}
