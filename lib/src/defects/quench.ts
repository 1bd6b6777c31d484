/**
 * Quenched (frozen-in) defects, the physics of a record's synthesis section and of `potmap dope
 * --quench-temperature`: equilibrate the defects at a processing temperature and mu_Li, then
 * freeze the TOTAL concentration of chosen defects (Defect.frozenConcentration); at the
 * operating temperature only their charge states re-equilibrate with E_F (the frozen-defect
 * treatment of doped / SC-FERMI). By default only defects that exchange no Li with the
 * reservoir are frozen (antisites, N_O / O_N, dopant complexes): Li vacancies and interstitials
 * are the mobile species of a Li-ion conductor and re-equilibrate with the electrodes at room
 * temperature, which is what makes E_F a function of mu_Li at all.
 *
 * Pure functions on a DefectSystem: nothing is modified in place. Lives in defects/ so that the
 * record reader (io/) and the what-ifs (whatif/doping.ts) share it without io importing whatif.
 */
import { PotmapError } from "../core/errors";
import { Defect, DefectSystem } from "./defects";
import { FermiSolution, solveFermiLevel } from "./neutrality";
import { PotmapWarning } from "./guards";

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

