/**
 * A ledger of the paper's qualitative claims (sections 3.2-3.4), each recomputed from a data
 * set: what the paper says, what is computed (with units), the value, the paper's reading and
 * whether the data set reproduces it. Only the paper's expectations are written here; every
 * value comes from the model (maps, eqs. 5-7; E_F slopes and defect balances, Fig. 4; stacks).
 * Tolerances are stated in each claim's `expected`.
 * Each claim is marked by kind (claimKinds): an "input" (it follows from a value put into the
 * data set: the paper's windows, a defect set constructed to the paper's slopes, the ~3 V
 * crossover), a "fit" (a consequence of a fitted parameter: the electrolyte IPs reproduce dphi_a
 * exactly, the cathode offsets are fitted to Table 1) or a "test" (computed from inputs that were
 * not chosen to match it); the headline counts the independent tests on their own.
 * (About 400 lines, over the usual 300: a flat list of claims and their kinds reads best in one place.)
 */
import { PotmapError } from "../core/errors";
import { findAnode, findCathodeState, findElectrolyte, orderedCathodeStates } from "../cell/dataSet";
import { electrolyteSystem } from "../cell/fermiLevel";
import { DataSet } from "../cell/materials";
import { potentialMap, PotentialMap } from "../cell/potentialMap";
import { stackMap } from "../cell/stack";
import { compileSystem, FermiSolution, solveFermiLevel } from "../defects/neutrality";
import { lowBarrierPairs, summarisePairs } from "./reproduction";

export interface Claim {
  id: string;
  /** Section of the paper the statement is in. */
  section: string;
  /** The paper's statement, paraphrased. */
  claim: string;
  /** What is computed, with units. */
  quantity: string;
  value: number | string;
  /** The paper's reading (with the tolerance used). */
  expected: string;
  reproduced: boolean;
  note: string;
  /** input, consequence of a fit, or independent test (claimKinds). */
  kind?: ClaimKind;
  /** Why the claim has that kind. */
  basis?: string;
}

export type ClaimKind = "input" | "fit" | "test";

/** The kind of every claim and why: a claim without an entry here is refused (claimsLedger). */
export const claimKinds: Record<string, { kind: ClaimKind; basis: string }> = {
  "anode-barrier-positive": { kind: "fit", basis: "the four electrolyte IPs are fitted to the four published dphi_a: dphi_a is reproduced by construction" },
  "lps-reduced-by-li": { kind: "fit", basis: "LPS's E_F at 1.74 V is set by its Li_i energy, fitted to Table 1 on the non-degeneracy bound (E_F 3 kT below the CBM by construction)" },
  "oxides-not-reduced": { kind: "input", basis: "LiPON's and LPO's E_F come from defect sets constructed to the paper's descriptions (LiPON mid-gap at 1.66 V); only LLZO's is literature" },
  "llzo-cbm-near-li": { kind: "test", basis: "LLZO's E_F and gap are Squires et al.'s HSE06 values, not chosen for this claim" },
  "lipon-cbm-3ev": { kind: "input", basis: "LiPON's E_F is placed mid-gap at 1.66 V by construction and its gap (5 eV) is recalled" },
  "llzo-most-stable-vs-li": { kind: "input", basis: "the windows are the paper's own (section 3.2)" },
  "lpo-most-stable-vs-lco": { kind: "input", basis: "the windows are the paper's own; LCO's OCVs are eq. 3 values" },
  "lps-narrowest-window": { kind: "input", basis: "the windows are the paper's own" },
  "llzo-slope-1": { kind: "test", basis: "LLZO's defect energies are Squires et al.'s (HSE06), not constructed: the Frenkel balance is a result" },
  "lpo-slope-1-below-3v": { kind: "input", basis: "LPO's defect set is constructed to the paper's Fig. 4b description" },
  "lpo-slope-half-above-3v": { kind: "input", basis: "LPO's defect set is constructed to the paper's Fig. 4b description" },
  "lipon-slope-half": { kind: "input", basis: "LiPON's defect set is constructed to the paper's Fig. 4a description" },
  "lipon-li-defect-switch": { kind: "input", basis: "LiPON's defect set is constructed with the switch at 1.66 V" },
  "lps-slope-half": { kind: "input", basis: "LPS's defect set is constructed to the paper's Fig. 4d description (Li_i against electrons)" },
  "lpo-switch-near-3v": { kind: "input", basis: "LPO's Li_i energy is set so that the crossover is the paper's ~3 V" },
  "lco-sign-flip": { kind: "fit", basis: "the cathode offsets are fitted per state to the LiPON, LLZO and LPS columns of Table 1" },
  "llzo-signs-lnco-lmo": { kind: "fit", basis: "the LLZO column is one the cathode offsets are fitted to" },
  "soc-dependent": { kind: "fit", basis: "one fitted offset per state: a different value per SOC is built in" },
  "lnmo-llzo-grey-grows": { kind: "test", basis: "the OCVs are eq. 3 from phase entries (not fitted), against the paper's window" },
  "barrier-less-list": { kind: "fit", basis: "the listed values are Table 1 entries the cathode offsets are fitted to" },
  "low-barrier-list": { kind: "fit", basis: "the values are Table 1 entries the cathode offsets are fitted to (LPO's predicted, the rest fitted)" },
  "lmo-lps-high": { kind: "fit", basis: "the LPS column is one the cathode offsets are fitted to" },
  "experiment-very-low": { kind: "test", basis: "the LPO column is predicted (not fitted) and the resistances were not used in any fit" },
  "experiment-lnmo-lipon-direction": { kind: "fit", basis: "the LiPON column is one the cathode offsets are fitted to" },
  "lco-interlayer": { kind: "fit", basis: "every jump in the stack comes from fitted offsets (LCO/LPS fitted, LCO/LNO a difference of fitted offsets)" },
  "interlayer-pairs-one-low": { kind: "fit", basis: "the LPS column is one the cathode offsets are fitted to" },
};

interface PairRef {
  cathode: string;
  electrolyte: string;
  soc?: string;
}

/** The parts of data/published.json the ledger reads. */
export interface PublishedClaims {
  barrierLess: { threshold: number; pairs: PairRef[] };
  lowBarrier: { threshold: number; pairs: PairRef[] };
  experiments: { rows: { cathode: string; electrolyte: string; observation: string }[] };
  bandAlignmentClaims: { values: { LiPON: { cbmAboveLiFermi: number }; LLZO: { cbmAboveLiFermiBelow: number } } };
  /** Table 1, to say where a listed interface's printed value disagrees with the list. */
  table1?: { rows: { cathode: string; electrolyte: string; soc: string; dphiCathode: number }[] };
}

export interface LedgerOptions {
  /** Anode id (default: the data set's first anode). */
  anode?: string;
  /** Largest |slope - expected| that counts as the paper's slope (default 0.1). */
  slopeTolerance?: number;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));

/** The largest positive and negative charge carriers (q * c) of a solution: the balance that sets E_F. */
export function dominantBalance(solution: FermiSolution): { positive: string; negative: string } {
  let positive = { name: "holes", charge: solution.holes };
  let negative = { name: "electrons", charge: solution.electrons };
  for (const d of solution.defects) {
    let plus = 0;
    let minus = 0;
    for (const [q, c] of Object.entries(d.charges)) {
      const charge = Number(q) * c;
      if (charge > 0) plus += charge;
      else minus -= charge;
    }
    if (plus > positive.charge) positive = { name: d.name, charge: plus };
    if (minus > negative.charge) negative = { name: d.name, charge: minus };
  }
  return { positive: positive.name, negative: negative.name };
}

/** The paper's claims, recomputed from `set`. */
export function claimsLedger(set: DataSet, published: PublishedClaims, options: LedgerOptions = {}): Claim[] {
  if (!published?.barrierLess || !published.lowBarrier || !published.experiments || !published.bandAlignmentClaims) {
    throw new PotmapError("needs the published barrierLess, lowBarrier, experiments and bandAlignmentClaims", { field: "published" });
  }
  const anode = options.anode ? findAnode(set, options.anode) : set.anodes[0];
  if (!anode) throw new PotmapError("the data set has no anode", { field: "anodes" });
  const tol = options.slopeTolerance ?? 0.1;
  const maps = new Map<string, PotentialMap>();
  const map = (cathode: string, electrolyte: string, soc: string): PotentialMap => {
    const k = `${cathode}|${electrolyte}|${soc}`;
    if (!maps.has(k)) maps.set(k, potentialMap(anode, findElectrolyte(set, electrolyte), findCathodeState(set, cathode, soc), { withoutProfile: true }));
    return maps.get(k)!;
  };
  const dphi = (c: string, e: string, soc: string) => map(c, e, soc).dphiCathode;
  const first = orderedCathodeStates(set)[0];
  const atAnode = (e: string) => map(first.id, e, first.soc);
  const ledger: Claim[] = [];
  const add = (c: Claim) => ledger.push(c);

  // --- section 3.2: the Li/SE interface --------------------------------------------------
  const ids = ["LiPON", "LPO", "LLZO", "LPS"];
  const dphiA = ids.map((e) => atAnode(e).dphiAnode);
  add({
    id: "anode-barrier-positive", section: "3.2", claim: "For each Li/SE interface the barrier is positive: it hinders discharge, charging passes almost freely",
    quantity: "smallest dphi_a over the four electrolytes (eq. 6), V", value: Math.min(...dphiA), expected: "> 0",
    reproduced: Math.min(...dphiA) > 0, note: ids.map((e, i) => `${e} ${fmt(dphiA[i])}`).join(", "),
  });
  const cbm = (e: string) => atAnode(e).stability.cbmAboveAnodeFermi;
  // CBM - E_F(Li) = psi_a - (IP - Eg) - dphi_a (eqs. 4-6): with dphi_a fixed, the gap and IP decide
  const cbmNote = (e: string) => {
    const x = findElectrolyte(set, e);
    return `= psi_a - (IP - Eg) - dphi_a: IP ${x.ionizationPotential.toFixed(3)}, Eg ${x.bandGap}${x.scissor ? ` + scissor ${x.scissor}` : ""} eV, dphi_a ${fmt(atAnode(e).dphiAnode)} V`;
  };
  add({
    id: "lps-reduced-by-li", section: "3.2", claim: "The LPS CBM moves below the Li Fermi level once band bending is included: LPS is reduced by Li",
    quantity: "LPS CBM minus the Li Fermi level at the anode side of the map, eV", value: cbm("LPS"), expected: "< 0",
    reproduced: cbm("LPS") < 0, note: "cell/potentialMap stability flag reducedByAnode",
  });
  const others = ["LiPON", "LPO", "LLZO"].map(cbm);
  add({
    id: "oxides-not-reduced", section: "3.2", claim: "For LiPON, LPO and LLZO the CBM lies well above the Li Fermi level: Li does not reduce them",
    quantity: "smallest CBM minus Li Fermi level of LiPON, LPO, LLZO at the anode side, eV", value: Math.min(...others), expected: "> 0",
    reproduced: Math.min(...others) > 0, note: `LiPON ${fmt(others[0])}, LPO ${fmt(others[1])}, LLZO ${fmt(others[2])}`,
  });
  const llzoLimit = published.bandAlignmentClaims.values.LLZO.cbmAboveLiFermiBelow;
  add({
    id: "llzo-cbm-near-li", section: "3.2", claim: "Li/LLZO: the CBM is less than 1 eV above the Li Fermi level (electron tunnelling, dendrites)",
    quantity: "LLZO CBM minus Li Fermi level at the anode side, eV", value: cbm("LLZO"), expected: `0 to ${llzoLimit}`,
    reproduced: cbm("LLZO") >= 0 && cbm("LLZO") < llzoLimit, note: cbmNote("LLZO"),
  });
  const liponGap = published.bandAlignmentClaims.values.LiPON.cbmAboveLiFermi;
  add({
    id: "lipon-cbm-3ev", section: "3.2", claim: "Li/LiPON: the gap between the Li Fermi level and the LiPON CBM is around 3 eV (dendrite free)",
    quantity: "LiPON CBM minus Li Fermi level at the anode side, eV", value: cbm("LiPON"), expected: `${liponGap} +- 0.5`,
    reproduced: Math.abs(cbm("LiPON") - liponGap) <= 0.5, note: cbmNote("LiPON"),
  });

  // --- section 3.3: windows --------------------------------------------------------------
  const windows = ids.map((e) => findElectrolyte(set, e).window);
  const argBest = (score: (i: number) => number) => ids.reduce((best, _, i) => (score(i) < score(best) ? i : best), 0);
  const lowest = argBest((i) => windows[i].lower);
  add({
    id: "llzo-most-stable-vs-li", section: "3.3", claim: "LLZO is the most stable against Li metal",
    quantity: "electrolyte with the lowest window lower edge (V vs Li)", value: ids[lowest], expected: "LLZO",
    reproduced: ids[lowest] === "LLZO", note: ids.map((e, i) => `${e} ${windows[i].lower}`).join(", "),
  });
  const lcoStates = set.cathodes.find((c) => c.id === "LCO")?.states ?? [];
  const greyLco = (i: number) => Math.max(0, ...lcoStates.map((s) => s.ocv - windows[i].upper));
  // ties (no grey region at all) go to the wider margin above LCO's voltages
  const vsLco = ids.reduce((b, _, i) => (greyLco(i) < greyLco(b) || (greyLco(i) === greyLco(b) && windows[i].upper > windows[b].upper) ? i : b), 0);
  add({
    id: "lpo-most-stable-vs-lco", section: "3.3", claim: "LPO is the most stable against LCO",
    quantity: "electrolyte with the narrowest grey region (OCV - window upper) next to LCO, over its states", value: ids[vsLco], expected: "LPO",
    reproduced: ids[vsLco] === "LPO", note: ids.map((e, i) => `${e} ${fmt(greyLco(i))} V`).join(", "),
  });
  const narrowest = argBest((i) => windows[i].upper - windows[i].lower);
  add({
    id: "lps-narrowest-window", section: "3.3", claim: "LPS has the narrowest electrochemical stability window",
    quantity: "electrolyte with the narrowest window (V)", value: ids[narrowest], expected: "LPS",
    reproduced: ids[narrowest] === "LPS", note: ids.map((e, i) => `${e} ${fmt(windows[i].upper - windows[i].lower)}`).join(", "),
  });

  // --- section 3.3 and Fig. 4: E_F slopes and the defects that set them --------------------
  const regime = (e: string, voltages: number[]) => {
    const compiled = compileSystem(electrolyteSystem(findElectrolyte(set, e)));
    return voltages.map((v) => {
      const h = 1e-3;
      const slope = (solveFermiLevel(compiled, -(v + h)).fermiLevel - solveFermiLevel(compiled, -(v - h)).fermiLevel) / (2 * h);
      return { voltage: v, slope, ...dominantBalance(solveFermiLevel(compiled, -v)) };
    });
  };
  const describe = (points: ReturnType<typeof regime>) => points.map((p) => `${fmt(p.voltage)} V: ${fmt(p.slope)} (${p.positive}/${p.negative})`).join("; ");
  const worst = (points: ReturnType<typeof regime>, target: number) => points.reduce((w, p) => (Math.abs(p.slope - target) > Math.abs(w - target) ? p.slope : w), target);
  const slopeClaim = (id: string, e: string, voltages: number[], target: number, balance: [string, string][], claim: string) => {
    const points = regime(e, voltages);
    const value = worst(points, target);
    const balanced = points.every((p) => balance.some(([a, b]) => p.positive === a && p.negative === b));
    add({
      id, section: "3.3, Fig. 4", claim, quantity: `dE_F/dV of ${e} furthest from ${target} at ${voltages.map(fmt).join(", ")} V vs Li`,
      value, expected: `${target} +- ${tol}, balance ${balance.map(([a, b]) => `${a}/${b}`).join(" or ")}`,
      reproduced: Math.abs(value - target) <= tol && balanced, note: describe(points),
    });
  };
  const inside = (e: string, from: number, to: number) => {
    const w = findElectrolyte(set, e).window;
    const a = Math.max(w.lower, 0, from) + 0.05;
    const b = Math.min(w.upper, to) - 0.05;
    return [a, (a + b) / 2, b];
  };
  slopeClaim("llzo-slope-1", "LLZO", inside("LLZO", 0, Infinity), -1, [["Li_i", "V_Li"]], "LLZO: V_Li and Li_i balance, E_F falls with slope -1 and phi is flat across the window");
  slopeClaim("lpo-slope-1-below-3v", "LPO", inside("LPO", 0, 2.7), -1, [["Li_i", "V_Li"]], "LPO below about 3 V: V_Li and Li_i balance, slope -1 (flat phi)");
  const lpoUpper = findElectrolyte(set, "LPO").window.upper;
  slopeClaim("lpo-slope-half-above-3v", "LPO", [3.6, lpoUpper - 0.05], -0.5, [["holes", "V_Li"]], "LPO above about 3 V: V_Li balanced by holes, slope -1/2");
  const lponW = findElectrolyte(set, "LiPON").window;
  slopeClaim("lipon-slope-half", "LiPON", [lponW.lower + 0.05, lponW.upper - 0.05], -0.5, [["Li_i", "N_O"], ["O_N", "V_Li"]], "LiPON: a Li defect balanced by N_O / O_N, slope -1/2");
  const lipon = regime("LiPON", [lponW.lower + 0.05, lponW.upper - 0.05]);
  add({
    id: "lipon-li-defect-switch", section: "3.3, Fig. 4a", claim: "LiPON: the dominant Li defect switches from Li_i to V_Li as the voltage increases",
    quantity: "dominant charged defects at the window's lower and upper ends", value: lipon.map((p) => `${p.positive}/${p.negative}`).join(" -> "),
    expected: "Li_i at low V, V_Li at high V", reproduced: lipon[0].positive === "Li_i" && lipon[1].negative === "V_Li", note: describe(lipon),
  });
  slopeClaim("lps-slope-half", "LPS", inside("LPS", 0, Infinity), -0.5, [["Li_i", "electrons"]], "LPS: Li_i balanced by electrons throughout its window, slope -1/2");
  // where LPO's slope passes -3/4 (half way between the regimes)
  const lpoSystem = compileSystem(electrolyteSystem(findElectrolyte(set, "LPO")));
  const lpoLower = findElectrolyte(set, "LPO").window.lower;
  let switchVoltage = NaN;
  for (let v = lpoLower, prev = solveFermiLevel(lpoSystem, -v).fermiLevel; v + 0.01 <= lpoUpper; v += 0.01) {
    const next = solveFermiLevel(lpoSystem, -(v + 0.01)).fermiLevel;
    if ((next - prev) / 0.01 > -0.75) {
      switchVoltage = v + 0.005;
      break;
    }
    prev = next;
  }
  add({
    id: "lpo-switch-near-3v", section: "3.3", claim: "LPO's flat (slope -1) regime ends at approximately 3 V",
    quantity: "voltage where dE_F/dV of LPO first exceeds -3/4, V vs Li", value: switchVoltage, expected: "3 +- 0.5",
    reproduced: Math.abs(switchVoltage - 3) <= 0.5, note: "Table 1's LPO column implies about 3.3 V (model.md section 4)",
  });
  return [...ledger, ...cathodeClaims(set, published, anode.id, dphi)].map((c) => {
    const kind = claimKinds[c.id];
    if (!kind) throw new PotmapError("a claim without a kind (input, fit or test) in claimKinds", { field: "id", value: c.id });
    return { ...c, kind: kind.kind, basis: kind.basis };
  });
}

/** Reproduced / total per kind; the headline counts the independent tests on their own. */
export function countByKind(ledger: readonly Claim[]): Record<ClaimKind, { reproduced: number; total: number }> {
  const out: Record<ClaimKind, { reproduced: number; total: number }> = { test: { reproduced: 0, total: 0 }, fit: { reproduced: 0, total: 0 }, input: { reproduced: 0, total: 0 } };
  for (const c of ledger) {
    const k = c.kind ?? claimKinds[c.id]?.kind;
    if (!k) continue;
    out[k].total++;
    if (c.reproduced) out[k].reproduced++;
  }
  return out;
}

/** Section 3.4: signs, grey regions, the paper's lists, experiments and the interlayer. */
function cathodeClaims(set: DataSet, published: PublishedClaims, anodeId: string, dphi: (c: string, e: string, soc: string) => number): Claim[] {
  const out: Claim[] = [];
  const low = published.lowBarrier.threshold;
  const flips = [["LCO", "LiPON"], ["LCO", "LPO"], ["LCO", "LLZO"]].map(([c, e]) => ({ pair: `${c}/${e}`, a: dphi(c, e, "0%"), b: dphi(c, e, "100%") }));
  out.push({
    id: "lco-sign-flip", section: "3.4", claim: "LCO/LiPON, LCO/LPO and LCO/LLZO have a positive barrier at 0% that turns negative by 100%",
    quantity: "pairs with dphi_c(0%) > 0 > dphi_c(100%) (eq. 7), of 3", value: flips.filter((f) => f.a > 0 && f.b < 0).length, expected: "3",
    reproduced: flips.every((f) => f.a > 0 && f.b < 0), note: flips.map((f) => `${f.pair} ${fmt(f.a)} / ${fmt(f.b)}`).join("; "),
  });
  const lnco = [dphi("LNCO", "LLZO", "0%"), dphi("LNCO", "LLZO", "100%")];
  const lmo = [dphi("LMO", "LLZO", "0%"), dphi("LMO", "LLZO", "100%")];
  out.push({
    id: "llzo-signs-lnco-lmo", section: "3.4, Fig. 5", claim: "LNCO/LLZO has a positive barrier at both SOCs, LMO/LLZO a negative one at both",
    quantity: "smallest dphi_c of LNCO/LLZO and largest of LMO/LLZO at 0% and 100%, V", value: `${fmt(Math.min(...lnco))}, ${fmt(Math.max(...lmo))}`,
    expected: "> 0, < 0", reproduced: Math.min(...lnco) > 0 && Math.max(...lmo) < 0, note: "",
  });
  const pairs = set.cathodes.flatMap((c) => set.electrolytes.map((e) => ({ pair: `${c.id}/${e.id}`, change: Math.abs(dphi(c.id, e.id, "0%") - dphi(c.id, e.id, "100%")) })));
  const least = pairs.reduce((a, b) => (b.change < a.change ? b : a));
  out.push({
    id: "soc-dependent", section: "3.4", claim: "All interfaces show SOC-dependent barriers",
    quantity: "smallest |dphi_c(0%) - dphi_c(100%)| over all pairs, V", value: least.change, expected: "> 0.05",
    reproduced: least.change > 0.05, note: `smallest for ${least.pair}`,
  });
  const lnmo = set.cathodes.find((c) => c.id === "LNMO");
  const upper = findElectrolyte(set, "LLZO").window.upper;
  const grey = ["0%", "100%", "+"].filter((s) => lnmo?.states.some((x) => x.soc === s)).map((s) => ({ soc: s, width: findCathodeState(set, "LNMO", s).ocv - upper }));
  out.push({
    id: "lnmo-llzo-grey-grows", section: "3.4", claim: "For the high-voltage LNMO/LLZO interface the grey region grows with delithiation",
    quantity: "grey region (OCV - LLZO window upper) at + minus at 0%, V", value: grey[grey.length - 1].width - grey[0].width,
    expected: "> 0, increasing 0% -> 100% -> +", reproduced: grey.every((g, i) => i === 0 || g.width > grey[i - 1].width),
    note: grey.map((g) => `${g.soc} ${fmt(g.width)}`).join(" -> "),
  });
  const socs = ["0%", "100%"];
  const rows = set.cathodes.flatMap((c) => set.electrolytes.flatMap((e) => c.states.filter((s) => socs.includes(s.soc)).map((s) => ({ cathode: c.id, electrolyte: e.id, soc: s.soc, value: dphi(c.id, e.id, s.soc) }))));
  const threshold = published.barrierLess.threshold;
  const isLess = (p: PairRef) => (p.soc ? [p.soc] : socs).some((s) => Math.abs(dphi(p.cathode, p.electrolyte, s)) < threshold);
  const found = published.barrierLess.pairs.filter(isLess);
  const printed = (p: PairRef) => published.table1?.rows.find((r) => r.cathode === p.cathode && r.electrolyte === p.electrolyte && (!p.soc || r.soc === p.soc));
  const missed = published.barrierLess.pairs.filter((p) => !isLess(p)).map((p) => {
    const row = printed(p);
    const inTable = row && Math.abs(row.dphiCathode) >= threshold ? ` (Table 1 prints ${row.dphiCathode} V: the paper's list and table disagree)` : "";
    return `${p.cathode}${p.soc ? " " + p.soc : ""}/${p.electrolyte}${inTable}`;
  });
  out.push({
    id: "barrier-less-list", section: "3.4", claim: `"Barrier-less" interfaces (|dphi_c| < ${threshold} V): the paper's list`,
    quantity: `listed interfaces with |dphi_c| < ${threshold} V at the stated (or some) SOC`, value: found.length, expected: `${published.barrierLess.pairs.length} of ${published.barrierLess.pairs.length}`,
    reproduced: missed.length === 0, note: missed.length ? `missed: ${missed.join(", ")}` : "all listed",
  });
  const model = lowBarrierPairs(summarisePairs(rows, low, socs), low);
  const paper = published.lowBarrier.pairs.map((p) => `${p.cathode}/${p.electrolyte}`).sort();
  const missing = paper.filter((p) => !model.includes(p));
  const extra = model.filter((p) => !paper.includes(p));
  out.push({
    id: "low-barrier-list", section: "3.4, Conclusions", claim: "Low barriers (|dphi_c| ~ 0.3-0.4 V) over the whole SOC range: LNO/LPO, LNO/LLZO, LNO/LPS, LNCO/LPO, LNCO/LPS, LNMO/LLZO",
    quantity: `pairs with |dphi_c| < ${low} V at 0% and 100%`, value: model.join(", ") || "none", expected: paper.join(", "),
    reproduced: missing.length === 0 && extra.length === 0, note: [missing.length ? `missing ${missing.join(", ")}` : "", extra.length ? `extra ${extra.join(", ")}` : ""].filter(Boolean).join("; ") || "same list",
  });
  const lmoLps = (set.cathodes.find((c) => c.id === "LMO")?.states ?? []).map((s) => Math.abs(dphi("LMO", "LPS", s.soc)));
  out.push({
    id: "lmo-lps-high", section: "3.4", claim: "The barrier at LMO/LPS is high in all three SOCs",
    quantity: "smallest |dphi_c| of LMO/LPS over its states, V", value: Math.min(...lmoLps), expected: `> ${low} (above the low-barrier range)`,
    reproduced: Math.min(...lmoLps) > low, note: "",
  });
  // experiments (published Table 1, right column; notebook 06)
  const veryLow = published.experiments.rows.filter((r) => /^very low/i.test(r.observation.trim()));
  const lowestOf = (c: string, e: string) => Math.min(...socs.map((s) => Math.abs(dphi(c, e, s))));
  out.push({
    id: "experiment-very-low", section: "3.4, Table 1", claim: "Interfaces measured with very low resistance (LCO/LPO, LNMO/LPO) have a low barrier at some SOC",
    quantity: `largest over the very-low pairs of min |dphi_c| over 0% and 100%, V`, value: Math.max(...veryLow.map((r) => lowestOf(r.cathode, r.electrolyte))),
    expected: `< ${low}`, reproduced: veryLow.length > 0 && veryLow.every((r) => lowestOf(r.cathode, r.electrolyte) < low),
    note: veryLow.map((r) => `${r.cathode}/${r.electrolyte} ${fmt(lowestOf(r.cathode, r.electrolyte))}`).join(", "),
  });
  const lnmoLipon = socs.map((s) => Math.abs(dphi("LNMO", "LiPON", s)));
  out.push({
    id: "experiment-lnmo-lipon-direction", section: "3.4, Table 1", claim: "LNMO/LiPON measured very high near 100% SOC and medium at 0%: the barrier grows on charging",
    quantity: "|dphi_c| of LNMO/LiPON at 100% minus at 0%, V", value: lnmoLipon[1] - lnmoLipon[0], expected: "> 0",
    reproduced: lnmoLipon[1] > lnmoLipon[0], note: `0% ${fmt(lnmoLipon[0])}, 100% ${fmt(lnmoLipon[1])}`,
  });
  // the interlayer suggestion: LCO between LPS and LNO (experiment [69])
  const anode = findAnode(set, anodeId);
  const lps = findElectrolyte(set, "LPS");
  const lno = findCathodeState(set, "LNO", "0%");
  const stack = stackMap(anode, [lps, findCathodeState(set, "LCO", "0%")], lno, { cathodes: set.cathodes });
  const stacked = Math.max(...stack.interfaces.slice(1).map((i) => Math.abs(i.dphi)));
  const bare = Math.abs(dphi("LNO", "LPS", "0%"));
  const lcoLps = Math.abs(dphi("LCO", "LPS", "0%"));
  out.push({
    id: "lco-interlayer", section: "3.4", claim: "An LCO interlayer (fully lithiated) reduces the LNO/LPS barrier, since LCO/LPS is small",
    quantity: "largest cathode-side |jump| of LPS | LCO | LNO 0% minus bare |dphi_c| of LNO 0%/LPS, V", value: stacked - bare,
    expected: `< 0, with |dphi_c(LCO 0%/LPS)| < ${low}`, reproduced: stacked < bare && lcoLps < low,
    note:
      `interlayer took LCO ${stack.interlayers[0]?.taken} at ${fmt(stack.interlayers[0]?.voltage ?? NaN)} V, the voltage LNO imposes on it); ` +
      `jumps ${stack.interfaces.slice(1).map((i) => `${i.left}/${i.right} ${fmt(i.dphi)}`).join(", ")} against bare LNO 0%/LPS ${fmt(dphi("LNO", "LPS", "0%"))}; ` +
      `LCO 0%/LPS alone ${fmt(dphi("LCO", "LPS", "0%"))}${stack.warnings.length ? "; " + stack.warnings.join("; ") : ""}`,
  });
  const reducible = published.experiments.rows.filter((r) => /reduced by/i.test(r.observation));
  out.push({
    id: "interlayer-pairs-one-low", section: "3.4", claim: "Pairs whose resistance interlayers reduce (LNCO/LPS, LNO/LPS) have at least one low intrinsic barrier",
    quantity: "largest over those pairs of min |dphi_c| over 0% and 100%, V", value: Math.max(...reducible.map((r) => lowestOf(r.cathode, r.electrolyte))),
    expected: `< ${low}`, reproduced: reducible.length > 0 && reducible.every((r) => lowestOf(r.cathode, r.electrolyte) < low),
    note: reducible.map((r) => `${r.cathode}/${r.electrolyte} ${fmt(lowestOf(r.cathode, r.electrolyte))}`).join(", "),
  });
  return out;
}

/** The ledger as a Markdown table, headed by the independent tests, then the rest by kind. */
export function ledgerMarkdown(ledger: Claim[]): string {
  const cell = (x: unknown) => String(typeof x === "number" ? fmt(x) : x).replace(/\|/g, "\\|");
  const k = countByKind(ledger);
  const reproduced = ledger.filter((c) => c.reproduced).length;
  return [
    `Independent tests: ${k.test.reproduced} of ${k.test.total} reproduced.`,
    `Consequences of fits: ${k.fit.reproduced} of ${k.fit.total}; consequences of inputs: ${k.input.reproduced} of ${k.input.total} (these follow from values put in or fitted, and test nothing). All kinds: ${reproduced} of ${ledger.length}.`,
    "",
    "| id | kind | section | claim | quantity | value | paper | reproduced | note | why this kind |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...ledger.map((c) => `| ${[c.id, c.kind ?? "", c.section, c.claim, c.quantity, c.value, c.expected, c.reproduced ? "yes" : "no", c.note, c.basis ?? ""].map(cell).join(" | ")} |`),
  ].join("\n");
}
