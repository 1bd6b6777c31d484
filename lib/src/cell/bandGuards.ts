/**
 * Physics guards of the band alignment of electrodes and electrolytes (issue 20), pure
 * functions of one record shared by the maps (potentialMap, stackMap and everything built on
 * them add these warnings) and by `potmap check` (check/cathodes.ts, check/electrolytes.ts
 * report them as errors):
 *
 * - a cathode's work function IP - E_F (model.md section 1: the vacuum level minus E_F) must
 *   be a work function (core/ranges.ts, 2 to 7 eV); 0.4 eV (E_F 2.6, IP 3.0 eV) is a slip
 *   that still maps to a dphi_c of several volts;
 * - a cathode's E_F must lie in its own gap, 0 <= E_F <= gap (+ scissor), as the band edges
 *   drawn around it assume;
 * - an electrolyte's CBM, IP - gap (- scissor) below the vacuum level, must lie below the
 *   vacuum or at most 1.5 eV above it (core/ranges.ts electronAffinity: a few wide-gap solids
 *   have a negative electron affinity, none of several eV): IP 3.2 eV with a gap of 8 eV puts
 *   it 4.8 eV above, free electrons far below the conduction band. A CBM above the vacuum
 *   within that margin (the built-in LPO: 0.71 eV, a calibrated IP) is only reported by
 *   `check`, as a warning (negativeElectronAffinity).
 */
import { physicalRanges, rangeText } from "../core/ranges";
import { PotmapWarning } from "../defects/guards";
import { CathodeState, Electrolyte } from "./materials";

const eV = (x: number) => `${Number(x.toFixed(3))} eV`;

/** The cathode state's work function IP - E_F, eV. */
export function cathodeWorkFunction(state: CathodeState): number {
  return state.ionizationPotential - state.fermiLevel;
}

/** The electrolyte's electron affinity (vacuum level minus CBM) IP - gap - scissor, eV. */
export function electronAffinity(electrolyte: Electrolyte): number {
  return electrolyte.ionizationPotential - electrolyte.bandGap - (electrolyte.scissor ?? 0);
}

/** What is unphysical about a cathode state's bands: work function and E_F in the gap. */
export function cathodeBandWarnings(state: CathodeState): PotmapWarning[] {
  const warnings: PotmapWarning[] = [];
  const who = `${state.id} ${state.soc}`;
  const workFunction = cathodeWorkFunction(state);
  const range = physicalRanges.workFunction;
  if (!(workFunction >= range.min && workFunction <= range.max)) {
    warnings.push({
      code: "cathode-work-function",
      message: `${who}: work function IP - E_F = ${eV(state.ionizationPotential)} - ${eV(state.fermiLevel)} = ${eV(workFunction)} is outside ${rangeText("workFunction")}: check the cathode's ionizationPotential and fermiLevel (dphi_c is not physical)`,
    });
  }
  const gap = state.bandGap + (state.scissor ?? 0);
  if (!(state.fermiLevel >= 0 && state.fermiLevel <= gap)) {
    warnings.push({
      code: "cathode-fermi-level",
      message: `${who}: E_F = ${eV(state.fermiLevel)} above the VBM lies outside the cathode's gap 0 to ${eV(gap)}: the band edges drawn around it are not physical`,
    });
  }
  return warnings;
}

/** An electrolyte's CBM above the vacuum but within the margin of known solids: eV above, or undefined. */
export function negativeElectronAffinity(electrolyte: Electrolyte): number | undefined {
  const affinity = electronAffinity(electrolyte);
  return affinity < 0 && affinity >= physicalRanges.electronAffinity.min ? -affinity : undefined;
}

/** What is unphysical about an electrolyte's bands: its CBM far above the vacuum level. */
export function electrolyteBandWarnings(electrolyte: Electrolyte): PotmapWarning[] {
  const affinity = electronAffinity(electrolyte);
  if (affinity >= physicalRanges.electronAffinity.min) return [];
  const scissor = electrolyte.scissor ? ` + scissor ${eV(electrolyte.scissor)}` : "";
  return [{
    code: "cbm-above-vacuum",
    message: `${electrolyte.id}: the CBM lies ${eV(-affinity)} above the vacuum level (IP ${eV(electrolyte.ionizationPotential)} < gap ${eV(electrolyte.bandGap)}${scissor}): an electron affinity of ${eV(affinity)}, beyond any known solid (${rangeText("electronAffinity")}); check ionizationPotential and bandGap`,
  }];
}

/** A band guard as `potmap check` reports it: where in the record, what was found and expected. */
export interface BandFinding {
  severity: "error" | "warning";
  /** JSON path in the record, e.g. ["states", 1, "fermiLevel"]. */
  path: (string | number)[];
  value: number;
  expected: string;
  reason: string;
}

/**
 * The work-function guard of every state of a cathode, for `check` (an error: the map warns
 * the same). E_F inside the gap is already a range finding of check/records.ts.
 */
export function cathodeBandFindings(states: readonly CathodeState[]): BandFinding[] {
  return states.flatMap((state, k) =>
    cathodeBandWarnings(state)
      .filter((w) => w.code === "cathode-work-function")
      .map((w): BandFinding => ({ severity: "error", path: ["states", k, "ionizationPotential"], value: state.ionizationPotential, expected: `IP - E_F (E_F ${state.fermiLevel} eV) from ${rangeText("workFunction")}`, reason: w.message })),
  );
}

/** The band guards of an electrolyte for `check`: an error beyond the margin, a warning within it. */
export function electrolyteBandFindings(electrolyte: Electrolyte): BandFinding[] {
  const expected = `IP >= gap + scissor - ${-physicalRanges.electronAffinity.min} eV (a CBM at most ${-physicalRanges.electronAffinity.min} eV above the vacuum level)`;
  const errors = electrolyteBandWarnings(electrolyte).map((w): BandFinding => ({ severity: "error", path: ["ionizationPotential"], value: electrolyte.ionizationPotential, expected, reason: w.message }));
  const above = negativeElectronAffinity(electrolyte);
  if (above === undefined) return errors;
  return [{
    severity: "warning",
    path: ["ionizationPotential"],
    value: electrolyte.ionizationPotential,
    expected: "IP >= gap + scissor (a CBM below the vacuum level)",
    reason: `${electrolyte.id}: the CBM lies ${eV(above)} above the vacuum level (IP ${eV(electrolyte.ionizationPotential)}, gap ${eV(electrolyte.bandGap + (electrolyte.scissor ?? 0))}): a negative electron affinity, known for few solids; check the IP if it was calibrated`,
  }];
}
