/**
 * `potmap scl`: the space-charge layer of model.md section 5 (Poisson-Fermi-Dirac with
 * saturating defects), as specified in shared/reference/cli.md. Lengths in Angstrom, sigma in
 * e/nm^2 (electrode side: negative for phi0 > 0), capacitance in uF/cm^2, phi in V measured
 * from the electrode (0 at the interface, phi0 in the neutral bulk).
 */
import type { CliOptions, CommandResult, CommandSpec } from "../command";
import { PotmapError } from "../../core/errors";
import { SpaceChargeParams, validateSpaceChargeParams } from "../../spaceCharge/model";
import { SpaceChargeResult, solveSpaceCharge } from "../../spaceCharge/spaceCharge";

/** Flag names (without --) of the inputs, in the order of the usage line. */
const FLAGS: Record<keyof SpaceChargeParams, string> = {
  phi0: "phi0",
  nsites: "nsites",
  ef0: "ef0",
  epsilon: "epsilon",
  alpha: "alpha",
  temperature: "temperature",
};

/** A decimal number as typed on a command line (no hex, no "Infinity", no empty string). */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function numberFlag(options: CliOptions, flag: string, required: boolean): number | undefined {
  const raw = options[flag];
  if (raw === undefined) {
    if (required) throw new PotmapError("missing required option", { field: `--${flag}` });
    return undefined;
  }
  if (typeof raw !== "string") throw new PotmapError("expected a number after the option", { field: `--${flag}`, value: raw });
  const text = raw.trim();
  const value = Number(text);
  if (!NUMBER.test(text) || !Number.isFinite(value)) {
    throw new PotmapError("expected a finite decimal number", { field: `--${flag}`, value: raw });
  }
  return value;
}

/** Parse and validate the options; errors name the flag (e.g. `field "--alpha", value 0`). */
export function parseSclOptions(options: CliOptions): { params: SpaceChargeParams; phiTarget: number | null } {
  const raw: Record<string, number | undefined> = {};
  for (const [key, flag] of Object.entries(FLAGS)) raw[key] = numberFlag(options, flag, true);
  const names = Object.fromEntries(Object.entries(FLAGS).map(([k, f]) => [k, `--${f}`]));
  const params = validateSpaceChargeParams(raw, { names });
  const phiTarget = numberFlag(options, "phi-target", false) ?? null;
  return { params, phiTarget };
}

function fmt(x: number | null, digits = 4): string {
  if (x === null) return "never reached";
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(digits - 1);
  return x.toFixed(digits);
}

function summary(r: SpaceChargeResult): string {
  const a = r.approximate;
  const lines = [
    `Space-charge layer (Poisson-Fermi-Dirac, saturating defects; model.md section 5)`,
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

export const sclCommand: CommandSpec = {
  name: "scl",
  summary: "Space-charge layer in a solid electrolyte next to an electrode (Poisson-Fermi-Dirac, saturating defects)",
  options: ["phi0", "nsites", "ef0", "epsilon", "alpha", "temperature", "phi-target"],
  required: ["phi0", "nsites", "ef0", "epsilon", "alpha", "temperature"],
  run(options: CliOptions): CommandResult {
    const { params, phiTarget } = parseSclOptions(options);
    const result = solveSpaceCharge(params, { phiTarget });
    return { json: result, text: summary(result) };
  },
};
