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
export function sclParams(options: OptionValues<typeof sclOptions>): { params: SpaceChargeParams; phiTarget: number | null } {
  const { phi0, nsites, ef0, epsilon, alpha, temperature } = options;
  const params = validateSpaceChargeParams({ phi0, nsites, ef0, epsilon, alpha, temperature }, { names: FLAGS });
  return { params, phiTarget: options.phiTarget ?? null };
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

export function run(options: OptionValues<typeof sclOptions>): CommandResult {
  const { params, phiTarget } = sclParams(options);
  const result = solveSpaceCharge(params, { phiTarget });
  return { json: result, text: summary(result) };
}
