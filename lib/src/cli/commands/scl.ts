/**
 * `potmap scl`: the space-charge layer of model.md section 5 (Poisson-Fermi-Dirac with
 * saturating defects), as specified in shared/reference/cli.md. Lengths in Angstrom, sigma in
 * e/nm^2 (electrode side: negative for phi0 > 0), capacitance in uF/cm^2, phi in V measured
 * from the electrode (0 at the interface, phi0 in the neutral bulk).
 */
import type { CommandResult, OptionValues } from "../command";
import type { sclOptions } from "../commands";
import { SpaceChargeParams, validateSpaceChargeParams } from "../../spaceCharge/model";
import { SpaceChargeResult, solveSpaceCharge } from "../../spaceCharge/spaceCharge";
import { RecordSpaceCharge, spaceChargeFromRecord } from "../../spaceCharge/fromRecord";
import { dataSetOption } from "../cellOptions";
import { findAnode, findCathodeState, findElectrolyte } from "../../cell/dataSet";
import { PotmapError } from "../../core/errors";

/** Flag names of the inputs, for the physical checks' messages. */
const FLAGS: Record<keyof SpaceChargeParams, string> = {
  phi0: "--phi0",
  nsites: "--nsites",
  ef0: "--ef0",
  epsilon: "--epsilon",
  alpha: "--alpha",
  temperature: "--temperature",
};

/**
 * The physical checks (spaceCharge.ts) on the parsed numbers; errors name the flag
 * (e.g. `field "--alpha", value 0`). Decimal text and presence are checked by the parser.
 */
export function sclParams(options: OptionValues<typeof sclOptions>): { params: SpaceChargeParams; phiTarget: number | null; fromRecord?: RecordSpaceCharge } {
  const explicit = { phi0: options.phi0, nsites: options.nsites, ef0: options.ef0, epsilon: options.epsilon, alpha: options.alpha, temperature: options.temperature };
  let fromRecord: RecordSpaceCharge | undefined;
  if (options.electrolyte !== undefined) {
    if ((options.cathode === undefined) !== (options.soc === undefined)) {
      throw new PotmapError("--cathode and --soc go together", { field: options.cathode === undefined ? "--soc" : "--cathode", value: options.cathode ?? options.soc });
    }
    const { set } = dataSetOption(options);
    const electrolyte = findElectrolyte(set, options.electrolyte);
    const cathode = options.cathode !== undefined ? findCathodeState(set, options.cathode, options.soc!) : undefined;
    // an explicit --epsilon stands in for a record without a dielectric constant
    const withEpsilon = explicit.epsilon !== undefined ? { ...electrolyte, dielectricConstant: explicit.epsilon } : electrolyte;
    fromRecord = spaceChargeFromRecord(findAnode(set, options.anode), withEpsilon, {
      ...(options.voltage !== undefined ? { voltage: options.voltage } : {}),
      ...(cathode ? { cathode } : {}),
      ...(explicit.alpha !== undefined ? { alpha: explicit.alpha } : {}),
      ...(explicit.temperature !== undefined ? { temperature: explicit.temperature } : {}),
    });
  } else {
    for (const key of ["voltage", "cathode", "soc"] as const) {
      if (options[key] !== undefined) throw new PotmapError("needs --electrolyte (the record whose contact it describes)", { field: `--${key}`, value: options[key] });
    }
  }
  const merged: Record<string, number | undefined> = { ...(fromRecord?.params ?? {}) };
  for (const [k, v] of Object.entries(explicit)) if (v !== undefined) merged[k] = v;
  for (const key of Object.keys(FLAGS) as (keyof SpaceChargeParams)[]) {
    if (merged[key] === undefined) throw new PotmapError("required (or --electrolyte ID to derive it from a record)", { field: FLAGS[key] });
  }
  const params = validateSpaceChargeParams(merged, { names: FLAGS });
  return { params, phiTarget: options.phiTarget ?? null, ...(fromRecord ? { fromRecord } : {}) };
}

function fmt(x: number | null, digits = 4): string {
  if (x === null) return "never reached";
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(digits - 1);
  return x.toFixed(digits);
}

function summary(r: SpaceChargeResult, fromRecord?: RecordSpaceCharge): string {
  const a = r.approximate;
  const lines = [
    `Space-charge layer (Poisson-Fermi-Dirac, saturating defects; model.md section 5)`,
    ...(fromRecord ? derivationLines(fromRecord) : []),
    `  phi0 = ${r.input.phi0} V, N = ${r.input.nsites} cm^-3, Ef0 = ${r.input.ef0} eV, eps = ${r.input.epsilon}, alpha = ${r.input.alpha}, T = ${r.input.temperature} K`,
    `  kT = ${fmt(r.thermalVoltage, 5)} eV, B = alpha exp(Ef0/kT) = ${r.B.toPrecision(4)}, bulk defects ${r.bulkConcentration.toPrecision(4)} cm^-3 each`,
    `  lambda (saturated-layer Debye length) = ${fmt(r.debyeLength)} A, linear screening length = ${fmt(r.screeningLength)} A`,
    `  sigma = ${fmt(r.sigma)} e/nm^2 (electrode side), capacitance |sigma/phi0| = ${fmt(r.capacitance)} uF/cm^2`,
    `  approximate: saturated layer to x1 = ${fmt(a.x1)} A (phi = ${fmt(a.phiX1)} V), tail to x2 = x1 + L = ${fmt(a.x2)} A (phi = ${fmt(a.phiX2)} V)`,
  ];
  if (r.input.phiTarget !== null) {
    lines.push(
      `  phi reaches ${r.input.phiTarget} V at x* = ${fmt(r.exact.xstar)}${r.exact.xstar === null ? "" : " A"} (exact), ` +
        `${fmt(a.xstar)}${a.xstar === null ? "" : " A"} (approximate)`,
    );
  }
  const prof = r.exact.profile;
  lines.push(`  exact profile: ${prof.length} points, x = ${fmt(prof[0].x)} .. ${fmt(prof[prof.length - 1].x)} A (log-spaced; phi(0) = 0)`);
  return lines.join("\n");
}

function derivationLines(r: RecordSpaceCharge): string[] {
  const d = r.derivation;
  return [
    `  from the record of ${d.electrolyte} at ${d.voltage} V vs Li against ${d.electrode}: E_F = ${fmt(d.fermiLevel)} eV above the VBM, ` +
      `${d.positive.name} ${d.positive.concentration.toExponential(3)} and ${d.negative.name} ${d.negative.concentration.toExponential(3)} cm^-3 (explicit flags override)`,
    ...d.notes.map((n) => `  note: ${n}`),
  ];
}

export function run(options: OptionValues<typeof sclOptions>): CommandResult {
  const { params, phiTarget, fromRecord } = sclParams(options);
  const result = solveSpaceCharge(params, { phiTarget });
  return { json: fromRecord ? { ...result, fromRecord: fromRecord.derivation } : result, text: summary(result, fromRecord) };
}
