/**
 * Cathode checks: the OCV does not fall as Li is removed; each OCV agrees with the eq. 3
 * voltage of the reaction the record names (`voltageReaction`); that reaction's phases lie on
 * the convex hull of the named phase entries; the fitted IP offsets of the states follow the
 * OCV within a stated dipole bound (checkOffsets).
 */
import { PotmapError } from "../core/errors";
import { Cathode } from "../cell/materials";
import { PhaseEntry, resolvePhase } from "../thermo/phaseEntry";
import { reactionVoltage } from "../thermo/averageVoltage";
import { energyAboveHull, phaseDiagram } from "../thermo/phaseDiagram";
import { Composition, compositionRatio, formulaElements, parseFormula, reducedFormula as reduced, sameComposition, withoutElement } from "../thermo/formula";
import { FindingList, objectAt, quantityField, show } from "./findings";
import { CheckedMaterial } from "./records";
import { cathodeBandFindings } from "../cell/bandGuards";

export interface CathodeCheckOptions {
  /** Phase entries by the name a record's voltageReaction.entries gives. */
  phaseEntries?: Readonly<Record<string, readonly PhaseEntry[]>>;
  /** V: how far a calibrated OCV may depart from its reaction's eq. 3 voltage (default 0.05). */
  ocvTolerance?: number;
  /** eV/atom: energy above the hull still counted as on it (default 0.005). */
  hullTolerance?: number;
  /** eV: how far the change of a state's IP offset may depart from its OCV change (default dipoleBound). */
  dipoleBound?: number;
}

/**
 * The prior for the fitted per-state IP offsets (eq. 5: e*phi_c = E_F,c - IP_c + psi_a + OCV):
 * with a rigid band and an unchanged surface, removing Li lowers the electrons' electrochemical
 * potential by the OCV rise, so IP_c - E_F,c rises by the OCV change. What the fit adds beyond
 * that is a change of surface dipole (and whatever else the per-state numbers of Table 1 need);
 * dipole changes between charge states of an oxide surface are of order 0.1-0.3 eV, so a
 * departure above 0.3 eV, or an offset that falls as Li is removed, is flagged with the states
 * named. A record explains a flagged state in its ionizationPotential.note.
 */
export const dipoleBound = 0.3;

type ResolvedCathodeOptions = Required<Omit<CathodeCheckOptions, "phaseEntries" | "dipoleBound">> & Pick<CathodeCheckOptions, "phaseEntries">;

/** ocvComputed is written to 1e-4 V; a larger difference means it is stale or mistyped. */
const computedTolerance = 2e-3;

/** Li removed in this order: 0% (lithiated) -> 100% (charged) -> "+" (beyond). */
const socOrder = ["0%", "100%", "+"];

function checkOcvOrder(item: CheckedMaterial, cathode: Cathode, findings: FindingList): void {
  const indexed = cathode.states.map((state, index) => ({ state, index })).sort((a, b) => socOrder.indexOf(a.state.soc) - socOrder.indexOf(b.state.soc));
  for (let k = 1; k < indexed.length; k++) {
    const before = indexed[k - 1];
    const after = indexed[k];
    // eq. 3 voltages of successive hull segments rise as Li is removed (a convex hull)
    if (after.state.ocv < before.state.ocv) {
      findings.error(
        "ocv-order", item.file, quantityField(item.record, ["states", after.index, "ocv"]), after.state.ocv,
        `at least the OCV at ${before.state.soc} (${show(before.state.ocv, "V")}, states[${before.index}])`,
        `the OCV falls by ${show(before.state.ocv - after.state.ocv, "V")} from ${before.state.soc} to ${after.state.soc}: removing Li cannot lower the voltage of a phase-stable cathode`,
      );
    }
  }
}

/**
 * Energies above two hulls, cached per entries file, reaction and formula (one LP each):
 * - topotactic: the hull of Li, the delithiated phases and every Li_x Host entry of this host,
 *   the pseudo-binary along which eq. 3 removes Li; a phase above it makes the reaction's
 *   voltage differ from that of the hull segment (and successive OCVs can fall);
 * - full: the hull of all entries in the reaction's elements; a lithiated phase above it is a
 *   metastable compound. Delithiated hosts are usually above it (NiO2 -> NiO + O2) and an
 *   intercalation voltage is topotactic by design, so for them it is not reported.
 */
interface HullDistances {
  topotactic: number;
  full: number;
}

type HullCache = Map<string, Promise<HullDistances>>;

/** The composition of a phase name: a formula, FORMULA@SPACEGROUP (its formula part) or an entry id. */
function compositionOf(name: string, entries?: readonly PhaseEntry[]): Composition {
  const byId = entries?.find((e) => e.id === name);
  return byId ? byId.composition : parseFormula(name.split("@")[0]);
}

function hostOf(formulas: readonly string[], entries?: readonly PhaseEntry[]): Composition {
  const host: Record<string, number> = {};
  for (const f of formulas) for (const [el, n] of Object.entries(withoutElement(compositionOf(f, entries), "Li"))) host[el] = (host[el] ?? 0) + n;
  return host;
}

function hullDistances(cache: HullCache, name: string, entries: readonly PhaseEntry[], lithiated: string, delithiated: readonly string[], formula: string): Promise<HullDistances> {
  const key = [name, lithiated, ...delithiated, "|", formula].join("\u0000");
  let found = cache.get(key);
  if (!found) {
    const host = hostOf(delithiated, entries);
    const parts = delithiated.map((f) => compositionOf(f, entries));
    const onLine = entries.filter((e) => {
      const rest = withoutElement(e.composition, "Li");
      if (Object.keys(rest).length === 0) return true; // Li itself
      return compositionRatio(host, rest) !== null || parts.some((p) => sameComposition(p, e.composition));
    });
    const elements = [...new Set([lithiated, ...delithiated].flatMap((f) => formulaElements(compositionOf(f, entries))))];
    // a phase named by structure (MnO2@227) is measured against the hull as that polymorph
    const entry = resolvePhase(entries, formula, { field: "voltageReaction" }).entry;
    found = Promise.all([energyAboveHull(phaseDiagram(onLine), entry), energyAboveHull(phaseDiagram(entries, elements), entry)]).then(([topotactic, full]) => ({ topotactic, full }));
    cache.set(key, found);
  }
  return found;
}

async function checkReaction(
  item: CheckedMaterial, cathode: Cathode, index: number, options: ResolvedCathodeOptions,
  cache: HullCache, missing: Set<string>, findings: FindingList,
): Promise<void> {
  const { file, record } = item;
  const reaction = objectAt(record, ["states", index, "voltageReaction"]) as { entries: string; lithiated: string; delithiated: string[]; note?: string } | undefined;
  if (!reaction) return;
  const state = cathode.states[index];
  const at = `states[${index}].voltageReaction`;
  const entries = options.phaseEntries?.[reaction.entries];
  if (!entries) {
    if (!missing.has(`${file}\u0000${reaction.entries}`)) {
      missing.add(`${file}\u0000${reaction.entries}`);
      findings.warning("ocv-reaction", file, `${at}.entries`, reaction.entries, "a phase-entries file that can be read (potmap check --phase-entries FOLDER)", "not found: the OCVs of this record were not checked against eq. 3");
    }
    return;
  }
  let voltage: number;
  try {
    voltage = reactionVoltage(entries, reaction.lithiated, reaction.delithiated);
  } catch (error) {
    if (!(error instanceof PotmapError)) throw error;
    findings.error("ocv-reaction", file, `${at}.${error.field ?? "entries"}`, error.value ?? reaction.entries, error.reason, `the reaction cannot be evaluated from ${reaction.entries}`);
    return;
  }
  const equation = `${reaction.lithiated} -> ${reaction.delithiated.join(" + ")} + Li in ${reaction.entries}`;
  if (state.ocvComputed !== undefined && Math.abs(state.ocvComputed - voltage) > computedTolerance) {
    findings.error(
      "ocv-reaction", file, quantityField(record, ["states", index, "ocvComputed"]), state.ocvComputed, `${show(voltage, "V")} (eq. 3 of ${equation})`,
      "ocvComputed must be the eq. 3 voltage of the reaction the record names; stale or mistyped",
    );
  }
  const ocv = objectAt(record, ["states", index, "ocv"]);
  const uncertainty = typeof ocv?.uncertainty === "number" ? ocv.uncertainty : 0;
  // a declared one-sigma uncertainty widens the tolerance to two sigma
  const tolerance = Math.max(options.ocvTolerance, 2 * uncertainty);
  const departure = state.ocv - voltage;
  if (Math.abs(departure) > tolerance) {
    const cited = typeof ocv?.source === "string" && typeof ocv?.calibrated !== "string";
    const expected = `within ${show(tolerance, "V")} of ${show(voltage, "V")} (eq. 3 of ${equation})`;
    const reason = `departs by ${departure > 0 ? "+" : ""}${show(departure, "V")} from the voltage of the reaction the record names`;
    if (cited) findings.warning("ocv-reaction", file, quantityField(record, ["states", index, "ocv"]), state.ocv, expected, `${reason}; accepted because ocv.source cites it: "${ocv!.source}"`);
    else findings.error("ocv-reaction", file, quantityField(record, ["states", index, "ocv"]), state.ocv, expected, `${reason}; a calibrated OCV must stay with its reaction unless ocv.source cites a measured value or ocv.uncertainty covers the gap`);
  }
  const notes = [reaction.note, objectAt(record, ["states", index])?.note].filter((n): n is string => typeof n === "string");
  const claimsHull = notes.some((n) => /hull/i.test(n));
  const phases = [{ field: `${at}.lithiated`, formula: reaction.lithiated }, ...reaction.delithiated.map((f, k) => ({ field: `${at}.delithiated[${k}]`, formula: f }))];
  for (const [k, { field, formula }] of phases.entries()) {
    // a reference named by structure (MnO2@227, an entry id) is the topotactic end by choice and
    // may be a metastable polymorph of its composition; the record's voltageProfile is its hull
    if (k > 0 && resolvePhase(entries, formula, { field }).byStructure) continue;
    const hull = await hullDistances(cache, reaction.entries, entries, reaction.lithiated, reaction.delithiated, formula);
    const full = `${show(1000 * hull.full)} meV/atom above the full hull of ${reaction.entries}`;
    if (hull.topotactic > options.hullTolerance) {
      findings.warning(
        "hull", file, field, formula, `a phase on the Li-${reduced(hostOf(reaction.delithiated, entries))} hull of ${reaction.entries} (within ${show(1000 * options.hullTolerance)} meV/atom)`,
        `${show(1000 * hull.topotactic)} meV/atom above the tie lines of the Li_x host phases (${full}): the reaction is not a hull segment, its eq. 3 voltage is not the equilibrium voltage and successive OCVs can fall` +
          (claimsHull ? "; the record's note says this segment lies on the hull, which these entries contradict" : ""),
      );
    } else if (k === 0 && hull.full > options.hullTolerance) {
      findings.warning(
        "hull", file, field, formula, `a phase on the convex hull of ${reaction.entries} (within ${show(1000 * options.hullTolerance)} meV/atom)`,
        `${full}: a metastable compound (its Li_x host line is fine)`,
      );
    }
  }
}

/** Successive states (Li removed: 0% -> 100% -> +): IP offset monotonic, and its change within `bound` of the OCV change. */
function checkOffsets(item: CheckedMaterial, cathode: Cathode, bound: number, findings: FindingList): void {
  const indexed = cathode.states.map((state, index) => ({ state, index })).sort((a, b) => socOrder.indexOf(a.state.soc) - socOrder.indexOf(b.state.soc));
  for (let k = 1; k < indexed.length; k++) {
    const before = indexed[k - 1];
    const after = indexed[k];
    // the offset that matters is IP - E_F (the work function of the p-type cathode)
    const offset = (s: typeof before.state) => s.ionizationPotential - s.fermiLevel;
    const change = offset(after.state) - offset(before.state);
    const ocvChange = after.state.ocv - before.state.ocv;
    const departure = change - ocvChange;
    // 1e-3 eV: offsets are stored to 1e-4 eV
    const falls = change < -1e-3;
    if (!falls && Math.abs(departure) <= bound) continue;
    const states = `${cathode.id} ${before.state.soc} -> ${after.state.soc}`;
    const what = [
      falls ? `the IP offset falls by ${show(-change, "eV")} as Li is removed (${show(before.state.ionizationPotential)} -> ${show(after.state.ionizationPotential)} eV)` : "",
      Math.abs(departure) > bound ? `its change ${show(change, "eV")} departs from the OCV change ${show(ocvChange, "V")} by ${show(departure, "eV")}, beyond the ${show(bound, "eV")} dipole bound` : "",
    ].filter(Boolean).join("; ");
    const path = ["states", after.index, "ionizationPotential"];
    const note = objectAt(item.record, path)?.note;
    findings.warning(
      "cathode-offset", item.file, typeof note === "string" ? `states[${after.index}].ionizationPotential.note` : quantityField(item.record, path),
      typeof note === "string" ? note : after.state.ionizationPotential,
      `an offset that rises with the OCV (within ${show(bound, "eV")}) as Li is removed, or an explanation in ionizationPotential.note`,
      `${states}: ${what}` + (typeof note === "string" ? "; explained in the record" : "; not explained in the record"),
    );
  }
}

export async function checkCathodes(items: readonly CheckedMaterial[], options: CathodeCheckOptions, findings: FindingList): Promise<void> {
  const settings: ResolvedCathodeOptions = {
    phaseEntries: options.phaseEntries,
    ocvTolerance: options.ocvTolerance ?? 0.05,
    hullTolerance: options.hullTolerance ?? 0.005,
  };
  const cache: HullCache = new Map();
  const missing = new Set<string>();
  for (const item of items) {
    if (item.material.role !== "cathode") continue;
    checkOcvOrder(item, item.material, findings);
    checkOffsets(item, item.material, options.dipoleBound ?? dipoleBound, findings);
    // work function IP - E_F and E_F in the gap (cell/bandGuards.ts, the maps' warnings)
    for (const f of cathodeBandFindings(item.material.states)) findings.add({ severity: f.severity, check: "bands", file: item.file, field: quantityField(item.record, f.path), value: f.value, expected: f.expected, reason: f.reason });
    for (let i = 0; i < item.material.states.length; i++) await checkReaction(item, item.material, i, settings, cache, missing, findings);
  }
}
