/**
 * Interface jumps as a function of temperature: the electrolyte's defect chemistry is
 * re-solved at each temperature (the cathode and anode have fixed Fermi levels, so only
 * E_F of the electrolyte, and through it phi_SE, changes). Frozen defect totals
 * (quenchDefects) stay frozen; only their charge states follow the temperature.
 * Not modelled: the temperature dependence of formation energies, band gaps, IPs and OCVs
 * (only the Boltzmann factors and the band carriers' effective densities of states change).
 */
import { PotmapError } from "../core/errors";
import { Anode, CathodeState, Electrolyte } from "../cell/materials";
import { potentialMap } from "../cell/potentialMap";
import { FermiLevelClass, PotmapWarning } from "../defects/guards";
import { maxCount, requireCount, requireQuantity } from "../core/arguments";

export interface TemperatureRow {
  /** K */
  temperature: number;
  /** V */
  dphiAnode: number;
  /** V */
  dphiCathode: number;
  /** eV above the electrolyte VBM, at mu_a* */
  fermiLevelAnodeSide: number;
  /** eV above the electrolyte VBM, at mu_c* */
  fermiLevelCathodeSide: number;
  /** V */
  phiElectrolyteAnodeSide: number;
  /** V */
  phiElectrolyteCathodeSide: number;
  /** V (independent of T: the cathode's E_F is fixed) */
  phiCathode: number;
  /** Electrolyte CBM above the anode Fermi level at the anode side, eV. */
  cbmAboveAnodeFermi: number;
  /** Cathode Fermi level above the electrolyte VBM at the cathode side, eV. */
  vbmBelowCathodeFermi: number;
  hindersCathode: "discharge" | "charge" | "neither";
  fermiLevelClassAnodeSide: FermiLevelClass;
  fermiLevelClassCathodeSide: FermiLevelClass;
  /** The map's guards at this temperature, incl. one outside the record's validTemperature. */
  warnings: PotmapWarning[];
}

/** Check a list of temperatures (K): non-empty, each positive and finite. */
export function checkTemperatures(temperatures: readonly number[], field = "temperatures"): void {
  if (!Array.isArray(temperatures) || temperatures.length === 0) {
    throw new PotmapError("needs at least one temperature", { field, value: temperatures });
  }
  temperatures.forEach((t, i) => {
    requireQuantity(t, `${field}[${i}]`, "temperature");
  });
}

/** `count` evenly spaced temperatures from `from` to `to` (K), both included. */
export function temperatureRange(from: number, to: number, count: number): number[] {
  for (const [field, value] of [["from", from], ["to", to]] as const) {
    requireQuantity(value, field, "temperature");
  }
  requireCount(count, "count", 1, maxCount);
  if (count === 1 && from !== to) throw new PotmapError("must be at least 2 when from and to differ", { field: "count", value: count });
  return count === 1 ? [from] : Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** One row per temperature: the interface jumps and the electrolyte's Fermi levels. */
export function temperatureSweep(anode: Anode, electrolyte: Electrolyte, cathode: CathodeState, temperatures: readonly number[]): TemperatureRow[] {
  checkTemperatures(temperatures);
  return temperatures.map((temperature) => {
    const map = potentialMap(anode, electrolyte, cathode, { temperature, withoutProfile: true });
    return {
      temperature,
      dphiAnode: map.dphiAnode,
      dphiCathode: map.dphiCathode,
      fermiLevelAnodeSide: map.fermiLevelAnodeSide,
      fermiLevelCathodeSide: map.fermiLevelCathodeSide,
      phiElectrolyteAnodeSide: map.phiElectrolyteAnodeSide,
      phiElectrolyteCathodeSide: map.phiElectrolyteCathodeSide,
      phiCathode: map.phiCathode,
      cbmAboveAnodeFermi: map.stability.cbmAboveAnodeFermi,
      vbmBelowCathodeFermi: map.stability.vbmBelowCathodeFermi,
      hindersCathode: map.hinders.cathode,
      fermiLevelClassAnodeSide: map.fermiLevelClassAnodeSide,
      fermiLevelClassCathodeSide: map.fermiLevelClassCathodeSide,
      warnings: map.warnings,
    };
  });
}
