/**
 * What-if defect chemistry: aliovalent dopants and quenched (frozen-in) defects.
 *
 * - withDopant adds a fixed charge (e.g. Ta_Zr(+1) or Al_Li(+2) in LLZO) whose
 *   concentration is set by synthesis, not by mu_Li or E_F: the "fixed dopant charge" of
 *   the neutrality condition (model.md section 2). In a Frenkel-balanced electrolyte
 *   ([V_Li-] = [Li_i+] = c0 undoped) a donor of concentration D is compensated by extra
 *   V_Li-, and E_F rises by kT * asinh(D / (2 c0)) at every mu_Li: the slope of E_F(V)
 *   stays -1, so phi stays flat and both jumps (eqs. 6, 7) shift by that amount.
 * - quenchDefects (defects/quench.ts, re-exported here) equilibrates the defects at a processing temperature and mu_Li and then
 *   freezes the TOTAL concentration of chosen defects (Defect.frozenConcentration); at the
 *   operating temperature only their charge states re-equilibrate with E_F (the frozen-defect
 *   treatment of doped / SC-FERMI). By default only defects that exchange no Li with the
 *   reservoir are frozen (antisites, N_O / O_N, dopant complexes): Li vacancies and
 *   interstitials are the mobile species of a Li-ion conductor and re-equilibrate with the
 *   electrodes at room temperature, which is what makes E_F a function of mu_Li at all.
 *
 * Pure functions: nothing is modified in place, new objects are returned.
 */
import { DefectSystem, Dopant } from "../defects/defects";
import { PotmapError } from "../core/errors";
import { inPhysicalRange, physicalRanges, rangeText } from "../core/ranges";
import { isDecimal } from "../core/validation";
import { Electrolyte } from "../cell/materials";
import { electrolyteSystem, guardContextOf } from "../cell/fermiLevel";
import { compileSystem, solveFermiLevel } from "../defects/neutrality";
import { PotmapWarning, summariseWarnings } from "../defects/guards";
import { QuenchOptions, quenchDefectsWithSolution } from "../defects/quench";

// the quench physics lives in defects/quench.ts (io reads records' synthesis sections with it)
export { quenchDefects, quenchDefectsWithSolution } from "../defects/quench";
export type { QuenchOptions, QuenchResult } from "../defects/quench";
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
