/**
 * What-if defect chemistry: aliovalent dopants and quenched (frozen-in) defects.
 *
 * - withDopant adds a fixed charge (e.g. Ta_Zr(+1) or Al_Li(+2) in LLZO) whose
 *   concentration is set by synthesis, not by mu_Li or E_F: the "fixed dopant charge" of
 *   the neutrality condition (model.md section 2). In a Frenkel-balanced electrolyte
 *   ([V_Li-] = [Li_i+] = c0 undoped) a donor of concentration D is compensated by extra
 *   V_Li-, and E_F rises by kT * asinh(D / (2 c0)) at every mu_Li: the slope of E_F(V)
 *   stays -1, so phi stays flat and both jumps (eqs. 6, 7) shift by that amount.
 * - quenchDefects equilibrates the defects at a processing temperature and mu_Li and then
 *   freezes the TOTAL concentration of chosen defects (Defect.frozenConcentration); at the
 *   operating temperature only their charge states re-equilibrate with E_F (the frozen-defect
 *   treatment of doped / SC-FERMI). By default only defects that exchange no Li with the
 *   reservoir are frozen (antisites, N_O / O_N, dopant complexes): Li vacancies and
 *   interstitials are the mobile species of a Li-ion conductor and re-equilibrate with the
 *   electrodes at room temperature, which is what makes E_F a function of mu_Li at all.
 *
 * Pure functions: nothing is modified in place, new objects are returned.
 */
import { Defect, DefectSystem, Dopant } from "../defects/defects";
import { PotmapError } from "../core/errors";
import { inPhysicalRange, physicalRanges, rangeText } from "../core/ranges";
import { isDecimal } from "../core/validation";
import { Electrolyte } from "../cell/materials";
import { electrolyteSystem, guardContextOf } from "../cell/fermiLevel";
import { compileSystem, FermiSolution, solveFermiLevel } from "../defects/neutrality";
import { PotmapWarning, summariseWarnings } from "../defects/guards";
import { requireObject, requireText } from "../core/arguments";

function checkDopant(dopant: Dopant, where: string): void {
  if (!dopant || typeof dopant !== "object") throw new PotmapError("a dopant must be { name, charge, concentration }", { field: where, value: dopant });
  if (typeof dopant.name !== "string" || dopant.name.trim() === "") {
    throw new PotmapError("a dopant needs a name", { field: `${where}.name`, value: dopant.name });
  }
  if (typeof dopant.charge !== "number" || !Number.isFinite(dopant.charge) || dopant.charge === 0) {
    throw new PotmapError("a dopant's charge must be a non-zero finite number (units of e)", { field: `${where}.charge`, value: dopant.charge });
  }
  if (typeof dopant.concentration !== "number" || !Number.isFinite(dopant.concentration) || dopant.concentration < 0) {
    throw new PotmapError("a dopant's concentration must be zero or a positive finite number (cm^-3)", { field: `${where}.concentration`, value: dopant.concentration });
  }
  if (!inPhysicalRange(dopant.concentration, "concentration")) {
    throw new PotmapError(`a dopant's concentration must be ${rangeText("concentration")}: ${physicalRanges.concentration.what}`, { field: `${where}.concentration`, value: dopant.concentration });
  }
}

/**
 * Parse "NAME:CHARGE:CONCENTRATION", e.g. "Ta_Zr:+1:4e20" (charge in e, concentration in
 * cm^-3). `field` names the flag or field in error messages.
 */
export function parseDopant(text: string, field = "--dopant"): Dopant {
  const parts = text.split(":").map((s) => s.trim());
  if (parts.length !== 3 || parts[0] === "") {
    throw new PotmapError("must be NAME:CHARGE:CONCENTRATION, e.g. Ta_Zr:+1:4e20 (charge in e, concentration in cm^-3)", { field, value: text });
  }
  const [name, chargeText, concentrationText] = parts;
  // decimal text only (core/validation): "0x1", "Infinity" and "" are no charge or concentration
  const charge = isDecimal(chargeText) ? Number(chargeText) : NaN;
  const concentration = isDecimal(concentrationText) ? Number(concentrationText) : NaN;
  if (!Number.isFinite(charge) || charge === 0) {
    throw new PotmapError(`the charge of ${name} must be a non-zero number (units of e), e.g. +1`, { field, value: text });
  }
  if (!inPhysicalRange(charge, "defectCharge")) {
    throw new PotmapError(`the charge of ${name} must be ${rangeText("defectCharge")}: ${physicalRanges.defectCharge.what}`, { field, value: text });
  }
  if (!(concentration >= 0) || !Number.isFinite(concentration)) {
    throw new PotmapError(`the concentration of ${name} must be a non-negative number in cm^-3, e.g. 4e20`, { field, value: text });
  }
  if (!inPhysicalRange(concentration, "concentration")) {
    throw new PotmapError(`the concentration of ${name} must be ${rangeText("concentration")}: ${physicalRanges.concentration.what}`, { field, value: text });
  }
  return { name, charge, concentration };
}

/** Comma-separated list of parseDopant items; names must be distinct. */
export function parseDopants(text: string, field = "--dopant"): Dopant[] {
  requireText(text, field);
  const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (items.length === 0) throw new PotmapError("names no dopant", { field, value: text });
  const dopants = items.map((item) => parseDopant(item, field));
  const seen = new Set<string>();
  for (const d of dopants) {
    if (seen.has(d.name)) throw new PotmapError(`names dopant ${d.name} twice`, { field, value: text });
    seen.add(d.name);
  }
  return dopants;
}

function defectSystemOf(electrolyte: Electrolyte): DefectSystem {
  if (electrolyte.fermiLevel.rule !== "defects") {
    throw new PotmapError(`${electrolyte.id} has a fixed Fermi level: a dopant or quench needs a defect system`, {
      field: "fermiLevel.rule",
      value: electrolyte.fermiLevel.rule,
    });
  }
  // the record's scissor enters the carrier statistics of every solve (processing included)
  return electrolyteSystem(electrolyte);
}

/** Add a fixed dopant charge to a defect system (a new system; a dopant with the same name is replaced). */
export function withSystemDopant(system: DefectSystem, dopant: Dopant): DefectSystem {
  checkDopant(dopant, "dopant");
  const dopants = (system.dopants ?? []).filter((d) => d.name !== dopant.name);
  return { ...system, dopants: [...dopants, { name: dopant.name, charge: dopant.charge, concentration: dopant.concentration }] };
}

function describeDopant(d: Dopant): string {
  return `${d.name}(${d.charge > 0 ? "+" : ""}${d.charge}) ${d.concentration.toExponential(2)} cm^-3`;
}

/**
 * The electrolyte with aliovalent dopants at fixed concentrations (cm^-3). A positive
 * charge is a donor (raises E_F), a negative one an acceptor. The id is kept (so data-set
 * lookups still work); the name records the dopants.
 */
export function withDopants(electrolyte: Electrolyte, dopants: readonly Dopant[]): Electrolyte {
  if (!Array.isArray(dopants) || dopants.length === 0) throw new PotmapError("needs at least one dopant", { field: "dopants", value: dopants });
  let system = defectSystemOf(electrolyte);
  dopants.forEach((d, i) => {
    checkDopant(d, `dopants[${i}]`);
    system = withSystemDopant(system, d);
  });
  return {
    ...electrolyte,
    name: `${electrolyte.name} + ${dopants.map(describeDopant).join(" + ")}`,
    fermiLevel: { rule: "defects", system },
  };
}

/** withDopants with one dopant. */
export function withDopant(electrolyte: Electrolyte, dopant: Dopant): Electrolyte {
  return withDopants(electrolyte, [dopant]);
}

export interface QuenchOptions {
  /** Temperature at which the defects equilibrate (synthesis, sintering), K. */
  processingTemperature: number;
  /** Lithium chemical potential during processing, eV (0 = Li metal, -V at V vs Li). */
  muLi: number;
  /** Operating temperature of the returned system, K (default: the system's own). */
  operatingTemperature?: number;
  /**
   * Names of the defects to freeze (default: every defect that exchanges no Li, i.e.
   * `lithium` 0 or absent). Freezing Li defects too is allowed but flagged in `warnings`.
   */
  freeze?: readonly string[];
}

export interface QuenchResult {
  /** The system with the chosen defects' totals frozen at their processing values. */
  system: DefectSystem;
  /** The equilibrium at the processing conditions. */
  processing: FermiSolution;
  /** Names of the frozen defects and their frozen totals, cm^-3. */
  frozen: { name: string; concentration: number }[];
  /**
   * Conditions under which the result needs care (empty when none): the choice of frozen
   * defects, and the guards of the processing equilibrium (e.g. a total above its sites).
   */
  warnings: PotmapWarning[];
}

function checkTemperature(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !(value > 0)) {
    throw new PotmapError("must be a positive temperature in K", { field, value });
  }
  return value;
}

/**
 * Equilibrate at (processingTemperature, muLi), then freeze the chosen defects' total
 * concentrations. Defects already frozen stay frozen at their (unchanged) totals; dopants are
 * carried over. Frozen defects keep re-distributing over their charge states with E_F.
 */
export function quenchDefectsWithSolution(system: DefectSystem, options: QuenchOptions): QuenchResult {
  const processingTemperature = checkTemperature(options.processingTemperature, "processingTemperature");
  const muLi = options.muLi;
  if (typeof muLi !== "number" || !Number.isFinite(muLi)) {
    throw new PotmapError("must be a finite lithium chemical potential in eV", { field: "muLi", value: muLi });
  }
  const operating = checkTemperature(options.operatingTemperature ?? system.temperature, "operatingTemperature");
  const names = system.defects.map((d) => d.name);
  const freeze = options.freeze === undefined ? system.defects.filter((d) => (d.lithium ?? 0) === 0).map((d) => d.name) : [...options.freeze];
  for (const name of freeze) {
    if (!names.includes(name)) throw new PotmapError(`unknown defect (known: ${names.join(", ")})`, { field: "freeze", value: name });
  }
  const warnings: PotmapWarning[] = [];
  if (freeze.length === 0) {
    warnings.push({
      code: "quench",
      message: `no defect was frozen: every defect of this system exchanges Li (${names.join(", ")}) and so re-equilibrates at operating conditions; name them explicitly to freeze them anyway`,
    });
  }
  const processing = solveFermiLevel({ ...system, temperature: processingTemperature }, muLi);
  for (const w of processing.warnings) warnings.push({ code: w.code, message: `during processing: ${w.message}` });
  const frozen: QuenchResult["frozen"] = [];
  const defects: Defect[] = system.defects.map((defect, i) => {
    const copy: Defect = { ...defect, chargeStates: defect.chargeStates.map((s) => ({ ...s })) };
    if (!freeze.includes(defect.name)) return copy;
    const total = processing.defects[i].total;
    if (!(total > 0) || !Number.isFinite(total)) {
      throw new PotmapError(`defect ${defect.name} has no finite positive concentration at ${processingTemperature} K, so it cannot be frozen`, {
        field: `defects[${i}]`,
        value: total,
      });
    }
    frozen.push({ name: defect.name, concentration: total });
    return { ...copy, frozenConcentration: total };
  });
  const free = defects.filter((d) => d.frozenConcentration === undefined);
  const frozenLi = defects.filter((d) => d.frozenConcentration !== undefined && (d.lithium ?? 0) !== 0).map((d) => d.name);
  if (frozenLi.length) {
    warnings.push({ code: "quench", message: `frozen Li defects (${frozenLi.join(", ")}) no longer follow mu_Li: E_F(V) loses the -1 and -1/2 slopes of section 3.3` });
  }
  if (free.length === 0) {
    // Nothing exchanges charge with a reservoir any more: E_F is set by the frozen net charge
    // (n - p at processing, relative size ~1e-10 or less) against the exponentially small
    // tails of the ionization of the frozen defects and the band carriers. The solver's
    // tolerance cannot resolve that balance, so E_F is ill-conditioned.
    warnings.push({
      code: "quench",
      message: "every defect is frozen: E_F is then fixed only by the frozen net charge against ionization tails and band carriers, an ill-conditioned balance; leave the mobile Li defects free",
    });
  }
  return { system: { ...system, temperature: operating, defects }, processing, frozen, warnings };
}

/** quenchDefectsWithSolution without the processing equilibrium. */
export function quenchDefects(system: DefectSystem, options: QuenchOptions): DefectSystem {
  return quenchDefectsWithSolution(system, options).system;
}

/** The electrolyte with its defects quenched from the processing conditions. */
export function quenchElectrolyte(electrolyte: Electrolyte, options: QuenchOptions): Electrolyte {
  requireObject(options, "options");
  const { system, frozen } = quenchDefectsWithSolution(defectSystemOf(electrolyte), options);
  return {
    ...electrolyte,
    name: `${electrolyte.name} (${frozen.map((f) => f.name).join(", ") || "no defect"} frozen from ${options.processingTemperature} K at mu_Li = ${options.muLi} eV)`,
    fermiLevel: { rule: "defects", system },
  };
}

/**
 * The guards of a (doped or quenched) electrolyte across voltages: each point solved with the
 * record's context and window (frozen totals above their site density, a degenerate E_F, ...),
 * summarised to one warning per condition and defect.
 */
export function electrolyteWarnings(electrolyte: Electrolyte, voltages: readonly number[], temperature?: number): PotmapWarning[] {
  const base = defectSystemOf(electrolyte);
  const compiled = compileSystem(temperature === undefined ? base : { ...base, temperature });
  const context = guardContextOf(electrolyte, true);
  return summariseWarnings(voltages.map((voltage) => ({ voltage, warnings: solveFermiLevel(compiled, -voltage, { context }).warnings })));
}
