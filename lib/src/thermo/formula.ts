/**
 * Chemical formulas as compositions (element symbol -> amount).
 *
 * Phase-data files write the same composition in many ways ("Li3O4P1",
 * "Li3PO4", "LiCo2O4" vs "Li0.5CoO2"), so everything downstream compares
 * parsed compositions, never strings.
 */
import { PotmapError } from "../core/errors";
import { requireObject } from "../core/arguments";

/** Element symbol -> amount (atoms per formula unit as written). Amounts are > 0. */
export type Composition = Readonly<Record<string, number>>;

/** Where a formula came from, for error messages. */
export interface FormulaSource {
  file?: string;
  field?: string;
  /**
   * Accept an amount of 0 ("Li0CoO2" = CoO2; default true). Phase-entry rows pass false: a row
   * "Li0S" is elemental S with a compound's formation energy, which collapses windows.
   */
  zeroAmounts?: boolean;
}

/** Smallest non-zero amount of a phase entry (zeroAmounts false): LiNi0.0625O2 is fine, 1e-9 is not. */
export const minimumAmount = 1e-4;

/** Bracket nesting deeper than any real formula ("Ca3(PO4)2" is 1); keeps the parser's recursion shallow. */
export const maxFormulaDepth = 8;

// All 118 element symbols in atomic-number order. A full list (not just the
// battery elements) so that a typo such as "Lj" is rejected while rare but
// real elements are accepted.
const symbols = (
  "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn " +
  "Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr " +
  "Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra " +
  "Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og"
).split(" ");

/** Every element symbol, in atomic-number order. */
export const elementSymbols: readonly string[] = symbols;

const symbolSet = new Set(symbols);

/** True if `symbol` is a chemical element symbol (case-sensitive: "Co", not "CO" or "co"). */
export function isElement(symbol: string): boolean {
  return symbolSet.has(symbol);
}

// Pauling electronegativities, used only to order elements when writing a
// formula (cation-like elements first: "Li3PO4", "LiCoO2"), the convention of
// Materials Project reduced formulas. Elements without a value go last.
const electronegativity: Record<string, number> = {
  H: 2.2, Li: 0.98, Be: 1.57, B: 2.04, C: 2.55, N: 3.04, O: 3.44, F: 3.98,
  Na: 0.93, Mg: 1.31, Al: 1.61, Si: 1.9, P: 2.19, S: 2.58, Cl: 3.16,
  K: 0.82, Ca: 1.0, Sc: 1.36, Ti: 1.54, V: 1.63, Cr: 1.66, Mn: 1.55, Fe: 1.83, Co: 1.88,
  Ni: 1.91, Cu: 1.9, Zn: 1.65, Ga: 1.81, Ge: 2.01, As: 2.18, Se: 2.55, Br: 2.96, Kr: 3.0,
  Rb: 0.82, Sr: 0.95, Y: 1.22, Zr: 1.33, Nb: 1.6, Mo: 2.16, Tc: 1.9, Ru: 2.2, Rh: 2.28,
  Pd: 2.2, Ag: 1.93, Cd: 1.69, In: 1.78, Sn: 1.96, Sb: 2.05, Te: 2.1, I: 2.66, Xe: 2.6,
  Cs: 0.79, Ba: 0.89, La: 1.1, Ce: 1.12, Pr: 1.13, Nd: 1.14, Pm: 1.13, Sm: 1.17, Eu: 1.2,
  Gd: 1.2, Tb: 1.1, Dy: 1.22, Ho: 1.23, Er: 1.24, Tm: 1.25, Yb: 1.1, Lu: 1.27, Hf: 1.3,
  Ta: 1.5, W: 2.36, Re: 1.9, Os: 2.2, Ir: 2.2, Pt: 2.28, Au: 2.54, Hg: 2.0, Tl: 1.62,
  Pb: 2.33, Bi: 2.02, Po: 2.0, At: 2.2, Fr: 0.7, Ra: 0.9, Ac: 1.1, Th: 1.3, Pa: 1.5,
  U: 1.38, Np: 1.36, Pu: 1.28, Am: 1.13, Cm: 1.28, Bk: 1.3, Cf: 1.3, Es: 1.3, Fm: 1.3,
  Md: 1.3, No: 1.3,
};

// Elements whose standard state is a diatomic molecule: the reduced formula of
// pure oxygen is written "O2", as in phase-diagram outputs.
const diatomic = new Set(["H", "N", "O", "F", "Cl"]);

// Peroxides reduce to "LiO" by arithmetic but are written as molecules
// (Li2O2), as phase-diagram tools do, so "LiO" in a product list is not
// mistaken for a Li(II) oxide.
const peroxides: Record<string, string> = {
  HO: "H2O2", LiO: "Li2O2", NaO: "Na2O2", KO: "K2O2", RbO: "Rb2O2", CsO: "Cs2O2",
};

/**
 * Parse a chemical formula into a composition.
 *
 * Accepts integer and fractional amounts ("Li0.5CoO2", "LiNi0.5Mn1.5O4"),
 * explicit counts of 1 ("Co1Li2Ni1O4"), repeated elements ("LiCoOO"), nested
 * parentheses or brackets with a multiplier ("Li2(NiCo)O4", "Ca3(PO4)2") and
 * whitespace between tokens ("Li2 O"). Element symbols are case-sensitive.
 * An amount of 0 is allowed ("Li0CoO2" = CoO2) but the formula must contain
 * at least one atom. Anything else throws a PotmapError naming the formula.
 */
export function parseFormula(formula: string, source: FormulaSource = {}): Composition {
  const where = { file: source.file, field: source.field ?? "formula", value: formula };
  if (typeof formula !== "string") {
    throw new PotmapError("expected a chemical formula (a string)", where);
  }
  const fail = (reason: string, at: number): never => {
    throw new PotmapError(`malformed chemical formula: ${reason} at character ${at + 1}`, where);
  };
  let pos = 0;
  const skipSpace = () => {
    while (pos < formula.length && /\s/.test(formula[pos])) pos++;
  };
  const readAmount = (what: string): number => {
    skipSpace();
    const match = /^(\d+(\.\d*)?|\.\d+)/.exec(formula.slice(pos));
    if (!match) return 1;
    const amount = Number(match[0]);
    if (amount > 0 && amount < minimumAmount && source.zeroAmounts === false) {
      throw new PotmapError(`an amount of ${match[0]} (${what} at character ${pos + 1}) is below ${minimumAmount}: a phase entry's amounts are round-off, not chemistry`, where);
    }
    if (amount === 0 && source.zeroAmounts === false) {
      throw new PotmapError(`an amount of 0 (${what}0 at character ${pos + 1}) is not allowed here: write the formula without ${what}`, where);
    }
    pos += match[0].length;
    return amount;
  };
  const closers: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

  // Recursive descent: a group is a sequence of element symbols and
  // bracketed sub-groups, each with an optional amount.
  const readGroup = (closer: string | null, depth: number): Map<string, number> => {
    const counts = new Map<string, number>();
    const add = (symbol: string, amount: number) => counts.set(symbol, (counts.get(symbol) ?? 0) + amount);
    for (;;) {
      skipSpace();
      if (pos >= formula.length) {
        if (closer) fail(`missing "${closer}"`, pos);
        return counts;
      }
      const ch = formula[pos];
      if (ch === closer) {
        pos++;
        return counts;
      }
      if (ch in closers) {
        const start = pos;
        if (depth >= maxFormulaDepth) fail(`brackets nested more than ${maxFormulaDepth} deep`, start);
        pos++;
        const inner = readGroup(closers[ch], depth + 1);
        if (inner.size === 0) fail("empty brackets", start);
        const amount = readAmount(formula.slice(start, pos));
        for (const [symbol, n] of inner) add(symbol, n * amount);
        continue;
      }
      if (/[A-Z]/.test(ch)) {
        const match = /^[A-Z][a-z]*/.exec(formula.slice(pos))!;
        if (!symbolSet.has(match[0])) {
          throw new PotmapError(`unknown element symbol "${match[0]}" in chemical formula`, where);
        }
        pos += match[0].length;
        add(match[0], readAmount(match[0]));
        continue;
      }
      fail(`unexpected "${ch}"`, pos);
    }
  };

  const counts = readGroup(null, 0);
  const composition: Record<string, number> = {};
  for (const [symbol, amount] of counts) {
    if (!Number.isFinite(amount)) fail("amount is not a finite number", 0);
    if (amount > 0) composition[symbol] = amount;
  }
  if (Object.keys(composition).length === 0) {
    throw new PotmapError("chemical formula contains no atoms", where);
  }
  return composition;
}

/**
 * Check and copy a composition given as an object ({"Li": 2, "O": 1}), as in
 * JSON phase entries. Same rules as parseFormula.
 */
export function compositionFrom(object: unknown, source: FormulaSource = {}): Composition {
  const where = { file: source.file, field: source.field ?? "composition", value: object };
  if (typeof object === "string") return parseFormula(object, source);
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    throw new PotmapError("expected a composition object such as {\"Li\": 2, \"O\": 1} or a formula string", where);
  }
  const composition: Record<string, number> = {};
  for (const [symbol, amount] of Object.entries(object as Record<string, unknown>)) {
    if (!symbolSet.has(symbol)) {
      throw new PotmapError(`unknown element symbol "${symbol}" in composition`, where);
    }
    if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0) {
      throw new PotmapError(`amount of ${symbol} must be a non-negative number`, where);
    }
    if (amount === 0 && source.zeroAmounts === false) throw new PotmapError(`amount of ${symbol} is 0: leave ${symbol} out of the composition`, where);
    if (amount > 0 && amount < minimumAmount && source.zeroAmounts === false) throw new PotmapError(`amount of ${symbol} is ${amount}: below ${minimumAmount}, a phase entry's amounts are round-off, not chemistry`, where);
    if (amount > 0) composition[symbol] = amount;
  }
  if (Object.keys(composition).length === 0) {
    throw new PotmapError("composition contains no atoms", where);
  }
  return composition;
}

/** Elements of a composition, in the order used to write formulas. */
export function formulaElements(composition: Composition): string[] {
  return Object.keys(composition).sort(compareElements);
}

function compareElements(a: string, b: string): number {
  const xa = electronegativity[a] ?? Infinity;
  const xb = electronegativity[b] ?? Infinity;
  if (xa !== xb) return xa < xb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total number of atoms in the formula unit as written (Li0.5CoO2 -> 3.5). */
export function atomCount(composition: Composition): number {
  let total = 0;
  for (const symbol in composition) total += composition[symbol];
  return total;
}

/** Atomic fraction of `element` (0 if absent): LiCoO2, "Li" -> 0.25. */
export function atomicFraction(composition: Composition, element: string): number {
  return (composition[element] ?? 0) / atomCount(composition);
}

/** Multiply every amount by `factor`. */
export function scaleComposition(composition: Composition, factor: number): Composition {
  const scaled: Record<string, number> = {};
  for (const symbol in composition) scaled[symbol] = composition[symbol] * factor;
  return scaled;
}

/** Composition without `element` (e.g. the host X of Li_a X). */
export function withoutElement(composition: Composition, element: string): Record<string, number> {
  const rest: Record<string, number> = {};
  for (const symbol in composition) if (symbol !== element) rest[symbol] = composition[symbol];
  return rest;
}

// Relative tolerance for deciding that amounts are integers / proportional.
// Formulas in data files carry at most a few decimals, so 1e-6 is generous
// without merging genuinely different compositions.
const amountTolerance = 1e-6;
const integerTolerance = 1e-5;
const maxDenominator = 120;

/**
 * The smallest whole-number formula unit of a composition, as amounts.
 * Li0.5CoO2 -> {Li: 1, Co: 2, O: 4}; Li3O4P1 -> {Li: 3, P: 1, O: 4}.
 * Returns null when the amounts are not rational with a small denominator
 * (then callers fall back to the amounts as given).
 */
function integerAmounts(composition: Composition): Record<string, number> | null {
  const entries = Object.entries(composition);
  const smallest = Math.min(...entries.map(([, n]) => n));
  // Scale so the smallest amount is 1, then look for a small common multiplier.
  for (let m = 1; m <= maxDenominator; m++) {
    const scaled = entries.map(([s, n]) => [s, (n / smallest) * m] as const);
    // Absolute tolerance: a relative one would let e.g. pi pass as 355/113.
    if (scaled.every(([, n]) => Math.abs(n - Math.round(n)) <= integerTolerance)) {
      const ints = scaled.map(([s, n]) => [s, Math.round(n)] as const);
      const divisor = ints.reduce((g, [, n]) => gcd(g, n), 0);
      return Object.fromEntries(ints.map(([s, n]) => [s, n / divisor]));
    }
  }
  return null;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function formatAmount(n: number): string {
  if (Math.abs(n - 1) <= amountTolerance) return "";
  return String(Number(n.toPrecision(6)));
}

/**
 * Reduced formula in Materials Project style: whole-number amounts divided by
 * their greatest common divisor, elements in order of electronegativity,
 * counts of 1 omitted ("Li3O4P1" -> "Li3PO4", "Li0.5CoO2" -> "LiCo2O4",
 * "O" -> "O2", "LiO" -> "Li2O2"). Accepts a formula string or a composition.
 */
export function reducedFormula(formula: string | Composition): string {
  if (typeof formula !== "string") requireObject(formula, "formula");
  const composition = typeof formula === "string" ? parseFormula(formula) : formula;
  const elements = formulaElements(composition);
  if (elements.length === 1) {
    return diatomic.has(elements[0]) ? `${elements[0]}2` : elements[0];
  }
  const amounts = integerAmounts(composition) ?? composition;
  const text = elements.map((s) => s + formatAmount(amounts[s])).join("");
  return peroxides[text] ?? text;
}

/**
 * A key equal for two compositions iff they are the same up to scaling
 * (LiCo2O4 and Li0.5CoO2 share a key). Used to match entries to queries.
 */
export function compositionKey(composition: Composition): string {
  const integers = integerAmounts(composition);
  if (integers) {
    return Object.keys(integers).sort().map((s) => `${s}${integers[s]}`).join(" ");
  }
  const total = atomCount(composition);
  return Object.keys(composition)
    .sort()
    .map((s) => `${s}:${(composition[s] / total).toFixed(7)}`)
    .join(" ");
}

/** True if the two compositions are the same up to a common factor. */
export function sameComposition(a: Composition, b: Composition): boolean {
  return compositionKey(a) === compositionKey(b);
}

/**
 * The factor f with b = f * a element by element, or null if b is not a
 * multiple of a (different elements or ratios).
 */
export function compositionRatio(a: Composition, b: Composition): number | null {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length === 0 || keysA.length !== keysB.length) return null;
  const f = (b[keysA[0]] ?? 0) / a[keysA[0]];
  if (!(f > 0)) return null;
  for (const s of keysA) {
    if (!(s in b)) return null;
    if (Math.abs(b[s] - f * a[s]) > amountTolerance * Math.max(1, b[s])) return null;
  }
  return f;
}
