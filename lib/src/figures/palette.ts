/**
 * Every colour the figures draw with, in one place, and the contrast rule they obey.
 *
 * Pure module: strings and numbers only. The paper's colours are kept where its captions name
 * them (Fig. 2: LiPON purple, LCO red, LNO orange, LNCO magenta, LMO blue, LNMO brown; Fig. 3:
 * mu_Li blue, VBM orange, CBM green, e*phi purple; Fig. 4: E_F brown), darkened where the
 * paper's hue is too light to read as a line on white (WCAG 2 non-text contrast: at least 3:1
 * against white, `lineContrast`). Fig. 2 draws LPO, LLZO and LPS all grey; figures that compare
 * the electrolytes need them apart, so LPO keeps a (dark) grey and LLZO and LPS get a teal and
 * an ochre no other material uses.
 */

/** Minimum contrast of a line or marker against the white background (WCAG 2.1, 1.4.11). */
export const lineContrast = 3;
/** Minimum contrast of text against white (WCAG 2.1 AA, 1.4.3, normal-size text). */
export const textContrast = 4.5;

/** Colours of the materials by id (records carry the same in `colour`; a record's own wins). */
export const materialColours: Record<string, string> = {
  Li: "#555555",
  LiPON: "#800080",
  LPO: "#4d4d4d",
  LLZO: "#0f7b8a",
  LPS: "#9a6700",
  LCO: "#d62728",
  LNO: "#d55e00",
  LNCO: "#c51b7d",
  LMO: "#1f77b4",
  LNMO: "#8c564b",
};

/** The four lines of a potential map (Fig. 3), E_F (Fig. 4) and the grey of an unstable region (a fill, not a line). */
export const mapColours = { muLi: "#1f4fd8", phi: "#7b2d8b", vbm: "#e66100", cbm: "#2ca02c", fermiLevel: "#8b4513", unstable: "#bdbdbd" };

/**
 * Colours of an interface jump by sign (hinders() in cell/potential.ts): positive dphi hinders
 * discharge, negative hinders charge. Darker than the Fig. 3 line colours, so a label never
 * reads as one of the lines.
 */
export const jumpColours = { discharge: "#b71c1c", charge: "#0d47a1", neither: "#222222" };

/** Defects that keep one colour in every panel (Li_i and V_Li as in Fig. 4). */
export const defectColours: Record<string, string> = { Li_i: "#1f77b4", V_Li: "#d62728", v_Li: "#d62728", N_O: "#0f7b8a", O_N: "#9467bd" };

/** Colours handed out in order to curves with no colour of their own (all >= 3:1 on white). */
export const seriesColours = ["#1f77b4", "#d62728", "#2ca02c", "#d55e00", "#9467bd", "#8c564b", "#0f7b8a", "#767676", "#c51b7d", "#9a6700"];

/** Further colours for defects beyond the fixed ones (none of the map or carrier colours). */
export const defectSpareColours = ["#9a6700", "#c51b7d", "#8c564b", "#767676", "#d55e00", "#393b79", "#637939", "#843c39"];

/** Electrons, holes and the guides of Figs. 4 and 3.3. */
export const carrierColours = { electrons: "#000000", holes: "#767676" };
export const guideColour = "#555";
/** Parts of a curve outside its window: dotted, thinner, still 3:1. */
export const outsideColour = "#767676";

/** Relative luminance of an sRGB colour "#rrggbb" or "#rgb" (WCAG 2.1 definition); NaN if unreadable. */
export function relativeLuminance(colour: string): number {
  let hex = colour.trim().replace(/^#/, "");
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = hex.replace(/./g, (c) => c + c);
  if (!/^[0-9a-f]{6}$/i.test(hex)) return NaN;
  const n = parseInt(hex, 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 to 21); against white by default. NaN if a colour is unreadable. */
export function contrastRatio(colour: string, background = "#ffffff"): number {
  const a = relativeLuminance(colour);
  const b = relativeLuminance(background);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The look of one legend entry: what a reader can tell it apart by. */
export interface LegendStyle {
  name: string;
  kind: string;
  colour: string;
  dash: string;
  symbol: string;
}

interface StyledTrace {
  type?: string;
  name?: string;
  mode?: string;
  showlegend?: boolean;
  legendgroup?: string;
  line?: Record<string, unknown>;
  marker?: Record<string, unknown>;
  [k: string]: unknown;
}

/**
 * The legend entries of a figure with their style (one per legend group, as Plotly shows
 * them); a trace with no colour of its own gets the layout's colorway colour of its index.
 */
export function legendStyles(fig: { data: StyledTrace[]; layout?: Record<string, unknown> }): LegendStyle[] {
  const colorway = (fig.layout?.colorway as string[] | undefined) ?? seriesColours;
  const seen = new Set<string>();
  const out: LegendStyle[] = [];
  fig.data.forEach((t, i) => {
    if (!t.name || t.showlegend === false || fig.layout?.showlegend === false) return;
    const group = t.legendgroup ? `group:${t.legendgroup}` : `trace:${i}`;
    if (seen.has(group)) return;
    seen.add(group);
    const type = t.type ?? "scatter";
    const mode = String(t.mode ?? "lines");
    const kind = type !== "scatter" ? type : mode.includes("lines") ? "lines" : mode.includes("markers") ? "markers" : "text";
    const own = kind === "lines" ? t.line?.color : t.marker?.color;
    const colour = typeof own === "string" ? own.toLowerCase() : Array.isArray(own) ? "per-point" : colorway[i % colorway.length].toLowerCase();
    const dash = kind === "lines" ? String(t.line?.dash ?? "solid") : "";
    const symbol = kind === "markers" ? String(t.marker?.symbol ?? "circle") : "";
    out.push({ name: t.name, kind, colour, dash, symbol });
  });
  return out;
}

/** Pairs of legend entries of one figure that look the same (same kind, colour, dash and marker). */
export function legendStyleClashes(fig: { data: StyledTrace[]; layout?: Record<string, unknown> }): [string, string][] {
  const styles = legendStyles(fig);
  const clashes: [string, string][] = [];
  styles.forEach((a, i) => {
    for (const b of styles.slice(i + 1)) {
      if (a.kind === b.kind && a.colour === b.colour && a.dash === b.dash && a.symbol === b.symbol && a.colour !== "per-point") clashes.push([a.name, b.name]);
    }
  });
  return clashes;
}

/** Line colours of a figure (hex, on traces drawn with lines) below `lineContrast` on white. */
export function lowContrastLines(fig: { data: StyledTrace[] }): { name: string; colour: string; ratio: number }[] {
  const out: { name: string; colour: string; ratio: number }[] = [];
  for (const t of fig.data) {
    if ((t.type ?? "scatter") !== "scatter" || !String(t.mode ?? "lines").includes("lines")) continue;
    const c = t.line?.color;
    if (typeof c !== "string" || !c.startsWith("#")) continue;
    const ratio = contrastRatio(c);
    if (ratio < lineContrast) out.push({ name: String(t.name ?? ""), colour: c, ratio });
  }
  return out;
}
