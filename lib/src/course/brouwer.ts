/**
 * Brouwer diagrams for the course (notebook 03b): log10 of every charged species' concentration
 * along a voltage sweep, its slope in decades per volt, the Frenkel mass-action product, and the
 * electronic-versus-ionic conductivity ratio under stated mobilities.
 *
 * Mass action (model.md section 2): c = N g exp(-E_f / kT) with E_f = E0 - dN mu_Li + q E_F, and
 * mu_Li = -eV, so dE_f/dV = dN + q dE_F/dV and
 *   d log10 c / dV = -(dN + q dE_F/dV) / (kT ln 10),
 * about 16.8 decades per volt per unit of (dN + q dE_F/dV) at 300 K. For a Frenkel pair
 * [V_Li'][Li_i•] = K_F, independent of V and E_F.
 */
import { PotmapError } from "../core/errors";
import { thermalEnergy } from "../core/constants";
import { SweepPoint } from "../defects/sweep";

/** One species of a Brouwer diagram at one voltage: log10 of its concentration (cm^-3). */
export interface BrouwerPoint {
  voltage: number;
  species: string;
  log10Concentration: number;
}

/** log10 concentrations of the charged defect states, electrons and holes along a sweep (zeros left out). */
export function brouwerPoints(sweep: readonly SweepPoint[]): BrouwerPoint[] {
  const out: BrouwerPoint[] = [];
  for (const p of sweep) {
    const add = (species: string, c: number) => {
      if (c > 0 && Number.isFinite(c)) out.push({ voltage: p.voltage, species, log10Concentration: Math.log10(c) });
    };
    for (const d of p.defects) for (const [q, c] of Object.entries(d.charges)) if (Number(q) !== 0) add(`${d.name}(${Number(q) > 0 ? "+" : ""}${q})`, c);
    add("electrons", p.electrons);
    add("holes", p.holes);
  }
  return out;
}

/**
 * Slope d log10 c / dV of one species between two sweep points nearest to `voltage` (central
 * difference on the sweep's own grid), decades per volt.
 */
export function decadesPerVolt(points: readonly BrouwerPoint[], species: string, voltage: number): number {
  const own = points.filter((p) => p.species === species).sort((a, b) => a.voltage - b.voltage);
  if (own.length < 3) throw new PotmapError("needs at least three sweep points of the species", { field: "species", value: species });
  let i = own.findIndex((p) => p.voltage >= voltage);
  if (i <= 0) i = 1;
  if (i >= own.length - 1) i = own.length - 2;
  return (own[i + 1].log10Concentration - own[i - 1].log10Concentration) / (own[i + 1].voltage - own[i - 1].voltage);
}

/** The mass-action prediction of the slope: -(dN + q dE_F/dV) / (kT ln 10), decades per volt. */
export function predictedDecadesPerVolt(lithium: number, charge: number, fermiSlope: number, temperature: number): number {
  return -(lithium + charge * fermiSlope) / (thermalEnergy(temperature) * Math.LN10);
}

/** Mobilities (cm^2 V^-1 s^-1) assumed for the conductivity ratio: a statement, not a property of the record. */
export interface AssumedMobilities {
  electrons: number;
  holes: number;
  /** every charged Li defect (vacancy or interstitial) */
  lithiumDefects: number;
  source: string;
}

/**
 * sigma_e / sigma_ion from the sweep's carrier and defect densities with assumed mobilities:
 * sigma = e sum |q| c mu. Only Li defects carry ionic current (antisites are immobile at room
 * temperature). The ratio decides whether the electrolyte blocks electrons (ratio << 1, what the
 * model assumes) or is a mixed or electronic conductor (ratio >~ 1); a Hebb-Wagner cell
 * (Li | SE | ion-blocking electrode) measures sigma_e directly.
 */
export function conductivityRatio(point: SweepPoint, lithiumOf: (defect: string) => number, mobilities: AssumedMobilities): { electronic: number; ionic: number; ratio: number } {
  for (const [k, v] of Object.entries(mobilities)) if (k !== "source" && !(typeof v === "number" && v > 0 && Number.isFinite(v))) throw new PotmapError("a mobility must be a positive number", { field: `mobilities.${k}`, value: v });
  const e = 1.602176634e-19;
  const electronic = e * (point.electrons * mobilities.electrons + point.holes * mobilities.holes);
  let ionic = 0;
  for (const d of point.defects) {
    if (lithiumOf(d.name) === 0) continue;
    for (const [q, c] of Object.entries(d.charges)) ionic += e * Math.abs(Number(q)) * c * mobilities.lithiumDefects;
  }
  return { electronic, ionic, ratio: electronic / ionic };
}
