/**
 * The space-charge inputs of model.md section 5 derived from an electrolyte record, so that
 * `potmap scl --electrolyte ID --voltage V` and the potential map describe one material:
 *
 * - the bulk at mu_Li = -eV is the record's charge-neutral defect solution (defects/neutrality);
 *   the two defects of the model are its majority positive and majority negative defect;
 * - N is the smaller of their two site densities (the sublattice that saturates first);
 *   alpha, the saturating fraction of those sites, is 1 (every site can hold a defect) unless
 *   given;
 * - Ef0 from the bulk concentration c of the model, c = alpha N / (1 + B), B = alpha e^{Ef0/kT}:
 *   Ef0 = kT ln((alpha N / c - 1) / alpha), with c the geometric mean of the two majority
 *   concentrations (equal in a Frenkel balance);
 * - phi0 = phi_SE(-V) - phi_electrode (eq. 5; model.md: phi0 is dphi_a at a Li contact): the
 *   anode's potential is 0; a cathode state's is eq. 5 at mu_Li = -OCV, so phi0 = -dphi_c there;
 * - epsilon and T from the record (a record without a dielectric constant is refused).
 * The symmetric two-defect model does not hold when carriers compensate the defects (LPS's
 * Li_i(+) against electrons): a pair out of balance by more than a factor 2 is refused, and a
 * carrier share above 10% is noted.
 */
import { PotmapError } from "../core/errors";
import { Anode, CathodeState, Electrolyte } from "../cell/materials";
import { electrolyteSystem } from "../cell/fermiLevel";
import { electrostaticPotential } from "../cell/potential";
import { compileSystem, solveFermiLevel } from "../defects/neutrality";
import { thermalEnergy } from "../core/constants";
import { SpaceChargeParams } from "./model";

export interface RecordContact {
  /** Voltage vs Li of the electrolyte's bulk at the contact (default: the contact's own). */
  voltage?: number;
  /** A cathode state for the contact (default: the anode). */
  cathode?: CathodeState;
  /** Saturating fraction of sites (default 1). */
  alpha?: number;
  /** K (default: the record's temperature). */
  temperature?: number;
}

export interface RecordSpaceCharge {
  params: SpaceChargeParams;
  /** What the inputs were derived from, for the printout and JSON. */
  derivation: {
    electrolyte: string;
    electrode: string;
    voltage: number;
    fermiLevel: number;
    positive: { name: string; concentration: number; sites: number };
    negative: { name: string; concentration: number; sites: number };
    /** (n + p) over the charged defect density: above ~0.1 the model's two-defect bulk does not hold. */
    carrierShare: number;
    notes: string[];
  };
}

/** The model.md section 5 inputs of an electrolyte's contact, from its record. */
export function spaceChargeFromRecord(anode: Anode, electrolyte: Electrolyte, contact: RecordContact = {}): RecordSpaceCharge {
  const where = { file: electrolyte.file ?? `${electrolyte.id}.json` };
  if (electrolyte.dielectricConstant === undefined) {
    throw new PotmapError("the record has no dielectric constant: the space-charge layer needs it (give --epsilon or add dielectricConstant)", { ...where, field: "dielectricConstant" });
  }
  const base = electrolyteSystem(electrolyte);
  const system = contact.temperature === undefined ? base : { ...base, temperature: contact.temperature };
  const cathode = contact.cathode;
  const voltage = contact.voltage ?? (cathode ? Math.min(cathode.ocv, electrolyte.window.upper) : Math.max(electrolyte.window.lower, 0));
  const muLi = -voltage;
  const solution = solveFermiLevel(compileSystem(system), muLi);
  let positive = { name: "", concentration: 0, sites: NaN, charge: 0 };
  let negative = { name: "", concentration: 0, sites: NaN, charge: 0 };
  let chargedDefects = 0;
  solution.defects.forEach((d, i) => {
    for (const [q, c] of Object.entries(d.charges)) {
      const z = Number(q);
      if (z === 0) continue;
      chargedDefects += Math.abs(z) * c;
      const entry = { name: `${d.name}(${z > 0 ? "+" : ""}${z})`, concentration: c, sites: system.defects[i].sites, charge: z };
      if (z > 0 && c * z > positive.concentration * Math.max(positive.charge, 1)) positive = entry;
      if (z < 0 && c * -z > negative.concentration * Math.max(-negative.charge, 1)) negative = entry;
    }
  });
  if (!(positive.concentration > 0) || !(negative.concentration > 0)) {
    throw new PotmapError(`no charged defect pair in the bulk at ${voltage} V: the space-charge model needs a positive and a negative defect`, { ...where, field: "fermiLevel.defects" });
  }
  // the model's bulk is one defect pair in balance; a defect balanced by carriers (LPS's Li_i(+) by electrons) is another model
  const balance = Math.min(positive.concentration * positive.charge, -negative.concentration * negative.charge) / Math.max(positive.concentration * positive.charge, -negative.concentration * negative.charge);
  if (!(balance >= 0.5)) {
    const carriers = solution.electrons >= solution.holes ? `electrons (${solution.electrons.toExponential(3)} cm^-3)` : `holes (${solution.holes.toExponential(3)} cm^-3)`;
    throw new PotmapError(
      `at ${voltage} V the majority defects ${positive.name} (${positive.concentration.toExponential(3)} cm^-3) and ${negative.name} (${negative.concentration.toExponential(3)} cm^-3) do not balance each other (${carriers} do): the two-defect space-charge model does not describe this bulk`,
      { ...where, field: "fermiLevel.defects" },
    );
  }
  const alpha = contact.alpha ?? 1;
  const nsites = Math.min(positive.sites, negative.sites);
  const concentration = Math.sqrt(positive.concentration * negative.concentration);
  const kT = thermalEnergy(system.temperature);
  const b = (alpha * nsites) / concentration - 1;
  if (!(b > 0)) {
    throw new PotmapError(`the bulk defects (${concentration.toExponential(3)} cm^-3) fill alpha N = ${(alpha * nsites).toExponential(3)} sites or more: no formation energy Ef0 describes them`, { ...where, field: "alpha", value: alpha });
  }
  const ef0 = kT * Math.log(b / alpha);
  const fermi = solution.fermiLevel;
  const phiSE = electrostaticPotential(fermi, electrolyte.ionizationPotential, anode.workFunction, muLi);
  const phiElectrode = cathode ? electrostaticPotential(cathode.fermiLevel, cathode.ionizationPotential, anode.workFunction, -cathode.ocv) : 0;
  const carrierShare = (solution.electrons + solution.holes) / chargedDefects;
  const notes: string[] = [];
  if (carrierShare > 0.1) notes.push(`electrons and holes carry ${(100 * carrierShare).toPrecision(3)}% of the defect charge: the model's two-defect bulk does not describe this electrolyte here`);
  if (positive.sites !== negative.sites) notes.push(`site densities differ (${positive.name} ${positive.sites.toExponential(3)}, ${negative.name} ${negative.sites.toExponential(3)} cm^-3): N is the smaller, the sublattice that saturates first`);
  return {
    params: { phi0: phiSE - phiElectrode, nsites, ef0, epsilon: electrolyte.dielectricConstant, alpha, temperature: system.temperature },
    derivation: {
      electrolyte: electrolyte.id,
      electrode: cathode ? `${cathode.id} ${cathode.soc}` : anode.id,
      voltage,
      fermiLevel: fermi,
      positive: { name: positive.name, concentration: positive.concentration, sites: positive.sites },
      negative: { name: negative.name, concentration: negative.concentration, sites: negative.sites },
      carrierShare,
      notes,
    },
  };
}
