/**
 * One configuration of screening and of the Monte Carlo: eqs. 6-7 with the electrolyte's
 * E_F compiled once and cached per mu_Li (the anode side depends only on the window, the
 * cathode side only on min(V_high, OCV)). interfaceJumps is potentialMap without the
 * profile, fed the cached E_F: the jumps and the stability flags come from one implementation.
 */
import { PotmapError } from "../core/errors";
import { FermiLevelClass, PotmapWarning } from "../defects/guards";
import { electrolyteFermiLevel } from "../cell/fermiLevel";
import { Anode, CathodeState, Electrolyte } from "../cell/materials";
import { potentialMap } from "../cell/potentialMap";
import { anodeInputs, cathodeStateInputs, electrolyteInputs, PhysicalInput } from "../inputs/table";

/** E_F(mu_Li) of one electrolyte: compiled once, cached per mu. */
export interface ElectrolyteEvaluator {
  electrolyte: Electrolyte;
  temperature?: number;
  fermiLevel(muLi: number): number;
}

export function electrolyteEvaluator(electrolyte: Electrolyte, temperature?: number): ElectrolyteEvaluator {
  // the electrolyte's own gap and scissor in the carriers (cell/fermiLevel.ts electrolyteSystem)
  const solve = electrolyteFermiLevel(electrolyte, temperature);
  const cache = new Map<number, number>();
  return {
    electrolyte,
    temperature,
    fermiLevel(muLi) {
      let value = cache.get(muLi);
      if (value === undefined) {
        value = solve(muLi);
        cache.set(muLi, value);
      }
      return value;
    },
  };
}

/** The numbers of a potential map that screening needs (no profile). */
export interface InterfaceJumps {
  ocv: number;
  muAnodeSide: number;
  muCathodeSide: number;
  fermiLevelAnodeSide: number;
  fermiLevelCathodeSide: number;
  dphiAnode: number;
  dphiCathode: number;
  cbmAboveAnodeFermi: number;
  vbmBelowCathodeFermi: number;
  reducedByAnode: boolean;
  electronLeakageRisk: boolean;
  oxidizedByCathode: boolean;
  fermiLevelClassAnodeSide: FermiLevelClass;
  fermiLevelClassCathodeSide: FermiLevelClass;
  /** Guards from the cached E_F alone (its position in the gap): see potentialMap. */
  warnings: PotmapWarning[];
}

/** Eqs. 6 and 7 with the electrolyte's cached E_F: potentialMap without its profile. */
export function interfaceJumps(anode: Anode, evaluator: ElectrolyteEvaluator, cathode: CathodeState): InterfaceJumps {
  const electrolyte = evaluator.electrolyte;
  const map = potentialMap(anode, electrolyte, cathode, {
    withoutProfile: true,
    temperature: evaluator.temperature,
    fermiLevelOf: evaluator.fermiLevel,
  });
  if (!Number.isFinite(map.dphiAnode) || !Number.isFinite(map.dphiCathode)) {
    checkFiniteInputs(anode);
    checkFiniteInputs(electrolyte);
    checkFiniteInputs(cathode);
    throw new PotmapError(`the interface potentials are not finite (E_F = ${map.fermiLevelAnodeSide} and ${map.fermiLevelCathodeSide} eV)`, {
      field: "fermiLevel",
      value: electrolyte.id,
    });
  }
  const { cbmAboveAnodeFermi, vbmBelowCathodeFermi, reducedByAnode, electronLeakageRisk, oxidizedByCathode } = map.stability;
  return {
    ocv: map.ocv,
    muAnodeSide: map.muAnodeSide,
    muCathodeSide: map.muCathodeSide,
    fermiLevelAnodeSide: map.fermiLevelAnodeSide,
    fermiLevelCathodeSide: map.fermiLevelCathodeSide,
    dphiAnode: map.dphiAnode,
    dphiCathode: map.dphiCathode,
    cbmAboveAnodeFermi,
    vbmBelowCathodeFermi,
    reducedByAnode,
    electronLeakageRisk,
    oxidizedByCathode,
    fermiLevelClassAnodeSide: map.fermiLevelClassAnodeSide,
    fermiLevelClassCathodeSide: map.fermiLevelClassCathodeSide,
    warnings: map.warnings,
  };
}

/**
 * Refuse a material whose numbers that enter eqs. 5-7 are not finite (JSON "1e999" parses to
 * Infinity): the error names the field, so a screening failure points at the input.
 */
export function checkFiniteInputs(material: Anode | Electrolyte | CathodeState): void {
  // every number of the table of inputs (inputs/table.ts), named by its record path
  const inputs: PhysicalInput<unknown>[] =
    material.role === "anode" ? anodeInputs(material) : material.role === "electrolyte" ? electrolyteInputs(material) : cathodeStateInputs(material);
  // fields relative to the material, which the message names: "fermiLevel" of "LCO 0%"
  const prefix = material.role === "cathode" ? `${material.id}[${material.soc}].` : `${material.id}.`;
  const fields: [string, unknown][] = inputs.map((i) => [i.path.startsWith(prefix) ? i.path.slice(prefix.length) : i.path, i.value]);
  // the slopes of tied potentials are stoichiometry, not an input, but enter eq. S-1 all the same
  if (material.role === "electrolyte" && material.fermiLevel.rule === "defects") {
    for (const [element, p] of Object.entries(material.fermiLevel.system.potentials ?? {})) fields.push([`potentials[${element}].slope`, p.slope]);
  }
  for (const [field, value] of fields) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      const where = material.role === "cathode" ? `${material.id} ${material.soc}` : material.id;
      throw new PotmapError(`${where}: must be a finite number`, { field, value });
    }
  }
}
