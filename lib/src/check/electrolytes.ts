/**
 * Electrolyte checks: electronic versus ionic conduction across the window (defects/
 * conduction.ts: E_F inside the gap unless the record declares it degenerate, and sigma_e =
 * e(n mu_n + p mu_p) against the record's ionic conductivity; a mixed conductor is an error
 * unless the record explains it in transport.note, then a warning), no defect above its site
 * density, a Li-vacancy site density near the Li density of the record's structure, literature
 * constraints met, one band-gap reference per data set.
 */
import { PotmapError } from "../core/errors";
import { roomTemperature } from "../core/constants";
import { Electrolyte } from "../cell/materials";
import { compileSystem, solveFermiLevel } from "../defects/neutrality";
import { classifyConduction, conductionCriterion } from "../defects/conduction";
import { FindingList, objectAt, quantityField, show } from "./findings";
import { electrolyteBandFindings } from "../cell/bandGuards";
import { CheckedMaterial } from "./records";

export interface ElectrolyteCheckOptions {
  /** Voltages sampled across each window, ends included (default 5). */
  points?: number;
  /** Site fraction above which the dilute limit is doubtful: a warning (default 0.1). */
  diluteFraction?: number;
}

/** Whether the record declares a degenerate (metallic) electrolyte; fermiLevel.declaredDegenerate. */
function declaredDegenerate(e: Electrolyte, record: Record<string, unknown> | undefined): boolean {
  if ((e as Electrolyte & { declaredDegenerate?: boolean }).declaredDegenerate === true) return true;
  const declared = objectAt(record, ["fermiLevel", "declaredDegenerate"]);
  return declared?.value === true;
}

function voltages(lower: number, upper: number, points: number): number[] {
  return Array.from({ length: points }, (_, i) => lower + ((upper - lower) * i) / (points - 1));
}

interface Worst {
  voltage: number;
  fermiLevel: number;
  margin: number;
  electrons: number;
  holes: number;
}

interface MostConducting {
  voltage: number;
  fermiLevel: number;
  electrons: number;
  holes: number;
  electronicConductivity: number;
  ratio: number;
}

/** E_F across the window; the least margin to a band edge, and each defect's highest site fraction. */
function sweepWindow(e: Electrolyte, points: number): { worst: Worst; conducting?: MostConducting; temperature: number; fractions: { voltage: number; concentration: number }[] } {
  const rule = e.fermiLevel;
  const gap = rule.rule === "defects" ? rule.system.bandGap : e.bandGap;
  if (rule.rule === "fixed") {
    const margin = Math.min(rule.value, gap - rule.value);
    return { worst: { voltage: e.window.lower, fermiLevel: rule.value, margin, electrons: NaN, holes: NaN }, temperature: roomTemperature, fractions: [] };
  }
  const { system } = rule;
  const compiled = compileSystem(system);
  let worst: Worst | undefined;
  let conducting: MostConducting | undefined;
  const fractions = system.defects.map(() => ({ voltage: NaN, concentration: -Infinity }));
  for (const voltage of voltages(e.window.lower, e.window.upper, points)) {
    // mu_Li = -eV at voltage V vs Li/Li+ (model.md sign conventions)
    const solution = solveFermiLevel(compiled, -voltage);
    const margin = Math.min(solution.fermiLevel, gap - solution.fermiLevel);
    if (!worst || margin < worst.margin) worst = { voltage, fermiLevel: solution.fermiLevel, margin, electrons: solution.electrons, holes: solution.holes };
    if (e.transport) {
      const c = classifyConduction(solution.electrons, solution.holes, solution.fermiLevel, gap, e.transport);
      if (!conducting || c.ratio > conducting.ratio) {
        conducting = { voltage, fermiLevel: solution.fermiLevel, electrons: solution.electrons, holes: solution.holes, electronicConductivity: c.electronicConductivity, ratio: c.ratio };
      }
    }
    solution.defects.forEach((d, i) => {
      if (d.total / system.defects[i].sites > fractions[i].concentration / system.defects[i].sites) fractions[i] = { voltage, concentration: d.total };
    });
  }
  return { worst: worst!, ...(conducting ? { conducting } : {}), temperature: system.temperature, fractions };
}

function checkInsulating(item: CheckedMaterial, e: Electrolyte, options: Required<ElectrolyteCheckOptions>, findings: FindingList): void {
  const { file, record } = item;
  let sweep: ReturnType<typeof sweepWindow>;
  try {
    sweep = sweepWindow(e, options.points);
  } catch (error) {
    if (!(error instanceof PotmapError)) throw error;
    findings.fromError("insulating", error, file, "fermiLevel");
    return;
  }
  const gap = e.fermiLevel.rule === "defects" ? e.fermiLevel.system.bandGap : e.bandGap;
  const { worst } = sweep;
  const window = `${show(e.window.lower)}-${show(e.window.upper)} V`;
  const degenerate = declaredDegenerate(e, record);
  // degenerate: E_F at or beyond a band edge, a conductor whatever the mobilities
  if (worst.margin <= 0 && !degenerate) {
    const where = worst.fermiLevel >= gap ? `${show(worst.fermiLevel - gap)} eV above the CBM: a metal (electrons ${show(worst.electrons, "cm^-3")})` : `${show(-worst.fermiLevel)} eV below the VBM: a metal (holes ${show(worst.holes, "cm^-3")})`;
    findings.error(
      "insulating", file, "fermiLevel", worst.fermiLevel,
      `E_F inside the gap (0 to ${show(gap)} eV) at every voltage of the window ${window}, or fermiLevel.declaredDegenerate`,
      `at ${show(worst.voltage, "V")} E_F is ${where}; an electrolyte must block electrons inside its window`,
    );
  } else if (degenerate && worst.margin > 0) {
    findings.warning(
      "insulating", file, "fermiLevel.declaredDegenerate", true, "absent: E_F stays inside the gap",
      `declared degenerate, but E_F stays at least ${show(worst.margin)} eV inside the gap across ${window}`,
    );
  }
  checkConduction(item, e, sweep.conducting, window, findings);
  if (e.fermiLevel.rule !== "defects") return;
  const defects = e.fermiLevel.system.defects;
  sweep.fractions.forEach(({ voltage, concentration }, i) => {
    const sites = defects[i].sites;
    const fraction = concentration / sites;
    const field = `fermiLevel.defects[${i}]`;
    const at = defects[i].frozenConcentration !== undefined ? "(frozen concentration)" : `at ${show(voltage, "V")}`;
    if (fraction > 1) {
      findings.error(
        "site-density", file, field, concentration, `at most the site density ${show(sites, "cm^-3")}`,
        `${defects[i].name} reaches ${show(concentration, "cm^-3")} ${at}, ${show(fraction)} times its sites: more defects than sites is unphysical`,
      );
    } else if (fraction > options.diluteFraction) {
      findings.warning(
        "site-density", file, field, concentration, `well below the site density ${show(sites, "cm^-3")} (under ${options.diluteFraction} of it)`,
        `${defects[i].name} occupies ${show(100 * fraction)}% of its sites ${at}; the concentrations assume a dilute limit`,
      );
    }
  });
}

/**
 * Electronic versus ionic conduction (conduction.ts) at the most conducting voltage of the
 * window: a mixed conductor is an error, or a warning when the record explains it
 * (transport.note); a defect model without transport data earns a warning (class unknown).
 */
function checkConduction(item: CheckedMaterial, e: Electrolyte, conducting: MostConducting | undefined, window: string, findings: FindingList): void {
  const { file } = item;
  if (e.fermiLevel.rule !== "defects") return;
  if (!e.transport || !conducting) {
    // an in-memory data set (no raw record) is checked for what it has
    if (item.record === undefined) return;
    findings.warning(
      "conduction", file, "transport", null, "transport.ionicConductivity, electronMobility and holeMobility (cited)",
      "without them the electronic-versus-ionic class cannot be computed; the model assumes an electron-blocking electrolyte",
    );
    return;
  }
  if (conducting.fermiLevel <= 0 || conducting.fermiLevel >= (e.fermiLevel.system.bandGap + (e.scissor ?? 0))) return; // degenerate: the error above
  const { ratio } = conducting;
  if (!(ratio >= 1e-2)) return;
  const carriers = conducting.electrons >= conducting.holes ? `n = ${show(conducting.electrons, "cm^-3")}` : `p = ${show(conducting.holes, "cm^-3")}`;
  const reason =
    `mixed conductor at ${show(conducting.voltage, "V")} (window ${window}): ${carriers} gives sigma_e = ${show(conducting.electronicConductivity, "S/cm")}, ` +
    `${show(ratio)} times sigma_ion = ${show(e.transport.ionicConductivity, "S/cm")}; criterion: ${conductionCriterion}`;
  if (e.conductionNote) {
    findings.warning("conduction", file, "transport.note", e.conductionNote, "an insulating electrolyte, or this explanation", `${reason}; explained in the record`);
  } else {
    findings.error("conduction", file, "fermiLevel", conducting.fermiLevel, "an electron-blocking (insulating) electrolyte across its window, or transport.note explaining why not", reason);
  }
}

/**
 * The Li-vacancy site density against the Li density of the record's structure (Li per
 * formula unit x Z / cell volume): a vacancy can form on any Li site, so far fewer sites (under
 * half) are flagged unless the defect's sites.note says why.
 */
function checkVacancySites(item: CheckedMaterial, e: Electrolyte, findings: FindingList): void {
  if (e.fermiLevel.rule !== "defects" || e.lithiumDensity === undefined) return;
  e.fermiLevel.system.defects.forEach((d, i) => {
    if (!/^V_Li/.test(d.name)) return;
    if (!(d.sites < 0.5 * e.lithiumDensity!)) return;
    const sites = objectAt(item.record, ["fermiLevel", "defects", i, "sites"]);
    const why = typeof sites?.note === "string" ? sites.note : undefined;
    const reason = `${d.name} on ${show(d.sites, "cm^-3")} sites, ${show(d.sites / e.lithiumDensity!)} of the structure's Li density ${show(e.lithiumDensity!, "cm^-3")}: a Li vacancy can form on every Li site`;
    if (why) findings.warning("site-density", item.file, `fermiLevel.defects[${i}].sites.note`, why, "the Li density, or this explanation", `${reason}; explained in the record`);
    else findings.error("site-density", item.file, `fermiLevel.defects[${i}].sites`, d.sites, `about the Li density ${show(e.lithiumDensity!, "cm^-3")} (structure), or sites.note saying why not`, reason);
  });
}

/** Literature constraints declared on the record (constraints[i]). */
function checkConstraints(item: CheckedMaterial, e: Electrolyte, findings: FindingList): void {
  const { file } = item;
  (e.constraints ?? []).forEach((c, i) => {
    const field = `constraints[${i}]`;
    if (e.fermiLevel.rule !== "defects") {
      findings.error("constraint", file, field, c.kind, "a defect model (fermiLevel.rule \"defects\")", "the constraint names defects, but this electrolyte has a fixed E_F");
      return;
    }
    const defects = e.fermiLevel.system.defects;
    const energy = (name: string, charge: number, key: "vacancy" | "interstitial"): number | undefined => {
      const i = defects.findIndex((d) => d.name === name);
      const state = defects[i]?.chargeStates.find((s) => s.charge === charge);
      if (state === undefined) {
        findings.error("constraint", file, `${field}.${key}`, name, `a defect of fermiLevel.defects with charge state ${charge > 0 ? "+" : ""}${charge}`, `known defects: ${defects.map((d) => d.name).join(", ")}`);
        return undefined;
      }
      return state.energy;
    };
    const vacancy = energy(c.vacancy, -1, "vacancy");
    const interstitial = energy(c.interstitial, 1, "interstitial");
    if (vacancy === undefined || interstitial === undefined) return;
    // E_f(Li_i+) + E_f(V_Li-) = E0(Li_i,+1) + E0(V_Li,-1): mu_Li and E_F cancel
    const frenkel = vacancy + interstitial;
    if (Math.abs(frenkel - c.value) > c.tolerance) {
      findings.error(
        "constraint", file, `${field}.value`, c.value, `E0(${c.interstitial},+1) + E0(${c.vacancy},-1) within ${show(c.tolerance)} eV of it (${c.source})`,
        `the record's energies give a Frenkel energy of ${show(frenkel)} eV (${show(interstitial)} + ${show(vacancy)}), ${show(frenkel - c.value)} eV from the constraint`,
      );
    }
  });
}

/** Families of band-gap methods: gaps within one family are comparable. */
const families: [RegExp, string][] = [
  [/\bG0?W0?\b|\bGW\b/i, "GW"],
  [/HSE|PBE0|B3LYP|hybrid/i, "hybrid"],
  [/experiment/i, "experiment"],
  [/PBEsol|PBE|GGA|LDA|semi-local|semilocal|SCAN|DFT\+U/i, "semi-local"],
];

/** The family of an electronic-structure method named in text ("HSE06" -> hybrid, "PBE" -> semi-local), or undefined. */
export function functionalFamily(text: string): string | undefined {
  return families.find(([pattern]) => pattern.test(text))?.[1];
}

/** An electrolyte's gap method: declared (bandGap.functional), or read from bandGap.source. */
function gapMethod(item: CheckedMaterial, e: Electrolyte): { family: string; field: string; value: string; inferred: boolean } | undefined {
  if (e.bandGapFunctional) {
    const family = functionalFamily(e.bandGapFunctional) ?? e.bandGapFunctional;
    return { family, field: "bandGap.functional", value: e.bandGapFunctional, inferred: false };
  }
  const source = objectAt(item.record, ["bandGap"])?.source;
  const family = typeof source === "string" ? functionalFamily(source) : undefined;
  return family ? { family, field: "bandGap.source", value: family, inferred: true } : undefined;
}

/**
 * One band-gap reference per data set, or a scissor: gaps from different methods differ by
 * 1-2 eV (semi-local gaps are too small), so their CBMs and carrier densities are not comparable.
 */
function checkFunctionals(items: readonly CheckedMaterial[], findings: FindingList): void {
  const methods = items.flatMap((item) => {
    if (item.material.role !== "electrolyte") return [];
    const method = gapMethod(item, item.material);
    return method ? [{ item, electrolyte: item.material, method }] : [];
  });
  const members = new Map<string, string[]>();
  for (const m of methods) members.set(m.method.family, [...(members.get(m.method.family) ?? []), m.electrolyte.id]);
  if (members.size < 2) return;
  // the reference is the family most electrolytes share (the first one met on a tie)
  const [reference, ids] = [...members.entries()].reduce((best, next) => (next[1].length > best[1].length ? next : best));
  for (const { item, electrolyte, method } of methods) {
    if (method.family === reference || (electrolyte.scissor ?? 0) !== 0) continue;
    findings.warning(
      "functional", item.file, method.field, method.value, `the data set's reference (${reference}: ${ids.join(", ")}) or a scissor on this record`,
      `${method.family} gap among ${reference} gaps: band gaps from different methods differ by 1-2 eV, so CBMs and electron densities are not comparable across electrolytes` +
        (method.inferred ? "; method read from bandGap.source, declare bandGap.functional" : ""),
    );
  }
}

export function checkElectrolytes(items: readonly CheckedMaterial[], options: Required<ElectrolyteCheckOptions>, findings: FindingList): void {
  for (const item of items) {
    if (item.material.role !== "electrolyte") continue;
    checkInsulating(item, item.material, options, findings);
    checkVacancySites(item, item.material, findings);
    // the CBM below the vacuum level (cell/bandGuards.ts, the maps' warnings)
    for (const f of electrolyteBandFindings(item.material)) findings.add({ severity: f.severity, check: "bands", file: item.file, field: quantityField(item.record, f.path), value: f.value, expected: f.expected, reason: f.reason });
    checkConstraints(item, item.material, findings);
  }
  checkFunctionals(items, findings);
}
