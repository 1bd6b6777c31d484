/**
 * Voltages that `window` and `voltage` print, against the shared range of Li-ion voltages
 * (core/ranges.ts `window`, 0 to 6 V): a result outside it is flagged, naming the likely
 * slip. Eq. 3 divides an energy difference per formula unit by the Li exchanged; phase
 * entries whose `formation_energy_per_atom` column holds energies per formula unit multiply
 * every voltage by about the atoms per formula unit (24.8 V for LiCoO2 from a 3.7 V couple).
 */
import { physicalRanges, rangeText } from "../core/ranges";

export interface VoltageRangeWarning {
  code: "voltage-out-of-range";
  message: string;
}

/** One warning per finite voltage outside 0 to 6 V; `what` names it ("upper edge", "voltage"). */
export function voltageRangeWarnings(values: readonly { what: string; value: number }[], file: string): VoltageRangeWarning[] {
  const { min, max } = physicalRanges.window;
  return values
    .filter(({ value }) => Number.isFinite(value) && (value < min - 1e-9 || value > max + 1e-9))
    .map(({ what, value }) => ({
      code: "voltage-out-of-range" as const,
      message: `${what} ${value.toFixed(3)} V vs Li is outside ${rangeText("window")}, the voltages of Li cells: ` +
        (value > max
          ? `check that ${file} gives energies in eV per atom, not eV per formula unit (that multiplies voltages by the atoms per formula unit)`
          : `a negative voltage means the lithiated phase is less stable than the delithiated one plus Li metal; check the energies' units (eV per atom) and signs in ${file}`),
    }));
}
