/**
 * The potential map of a whole cell, anode | electrolyte | cathode (paper Figs. 3 and 5).
 *
 * Minimum-interface assumption (paper section 2, model.md section 3): inside the
 * electrolyte mu_Li runs linearly from 0 at the anode to -OCV at the cathode, but the
 * electrolyte only exists for mu in its window, from mu_a* = -max(V_low, 0) to
 * mu_c* = -min(V_high, OCV); the rest of the drop happens at the interfaces (grey regions).
 *
 *   dphi_a = phi_SE(mu_a*) - phi_Li            (eq. 6)
 *   dphi_c = phi_cathode - phi_SE(mu_c*)       (eq. 7)
 *
 * Positive jumps hinder discharge, negative ones hinder charge.
 *
 * Guards (defects/guards.ts): the electrolyte's E_F at both contacts is classified and its
 * warnings (degenerate E_F, defects above their sites, residual, temperature range) are the
 * map's `warnings`. With `fermiLevelOf` (screening's cache) only E_F is known, so only its
 * class is checked.
 *
 * With the full solution the map also reports, at both contacts, the electrolyte's electronic
 * conduction class (defects/conduction.ts: sigma_e against sigma_ion) and its screening length
 * (spaceCharge/screening.ts, from the charged defects and carriers and the record's dielectric
 * constant), and warns when the screening length exceeds the film thickness (option
 * `thickness`, default 1 um): then bulk neutrality, which eqs. 5-7 assume between the
 * contacts, does not hold.
 */
import { effectiveBandGap } from "../defects/defects";
import { PotmapError } from "../core/errors";
import { roomTemperature } from "../core/constants";
import { electrolyteFermiLevel, fixedFermiLevelGuards, guardContextOf, guardedFermiLevelFunction, GuardedFermiLevel } from "./fermiLevel";
import { classifyFermiLevel, FermiLevelClass, PotmapWarning, uniqueWarnings } from "../defects/guards";
import { Anode, CathodeState, Electrolyte } from "./materials";
import { classifyConduction, Conduction } from "../defects/conduction";
import { defaultFilmThickness, formatLength, Screening, screeningOf } from "../spaceCharge/screening";
import { electrostaticPotential, hinders, valenceBandMaximum } from "./potential";
import { checkAnode, checkCathodeState, checkElectrolyte, checkMapOptions } from "./checkArguments";
import { cathodeBandWarnings, electrolyteBandWarnings } from "./bandGuards";

export type Region = "anode" | "electrolyte" | "unstable" | "cathode";

export interface Profile {
  /** Position in the plot's units: the electrolyte spans [0, OCV] so mu_Li = -position there. */
  position: number[];
  /** mu_Li = electron electrochemical potential (eq. 1), eV. */
  muLi: number[];
  /** Electrostatic potential, V (phi = 0 in the anode). */
  phi: number[];
  /** VBM relative to the anode Fermi level, eV. */
  vbm: number[];
  /** CBM relative to the anode Fermi level, eV. */
  cbm: number[];
  region: Region[];
}

export interface StabilityFlags {
  /** Electrolyte CBM minus the anode Fermi level at the anode side, eV. */
  cbmAboveAnodeFermi: number;
  /** CBM below the anode Fermi level: the anode reduces the electrolyte (LPS in the paper). */
  reducedByAnode: boolean;
  /** CBM less than 1 eV above it: electron leakage and dendrite risk (LLZO in the paper). */
  electronLeakageRisk: boolean;
  /** Cathode Fermi level minus the electrolyte VBM at the cathode side, eV. */
  vbmBelowCathodeFermi: number;
  /** VBM above the cathode Fermi level: the cathode oxidises the electrolyte. */
  oxidizedByCathode: boolean;
}

export interface PotentialMap {
  anode: string;
  electrolyte: string;
  cathode: string;
  soc: string;
  temperature?: number;
  ocv: number;
  window: { lower: number; upper: number };
  muAnodeSide: number;
  muCathodeSide: number;
  fermiLevelAnodeSide: number;
  fermiLevelCathodeSide: number;
  /** Where the electrolyte's E_F sits in its gap at the anode-side contact (guards.ts). */
  fermiLevelClassAnodeSide: FermiLevelClass;
  /** ... and at the cathode-side contact. */
  fermiLevelClassCathodeSide: FermiLevelClass;
  phiElectrolyteAnodeSide: number;
  phiElectrolyteCathodeSide: number;
  phiCathode: number;
  dphiAnode: number;
  dphiCathode: number;
  hinders: { anode: ReturnType<typeof hinders>; cathode: ReturnType<typeof hinders> };
  stability: StabilityFlags;
  /** Grey regions: where mu_Li lies outside the electrolyte's window. */
  unstable: { from: number; to: number; side: "anode" | "cathode" }[];
  profile: Profile;
  /** Electronic versus ionic conduction at both contacts (absent with `fermiLevelOf`). */
  conduction?: { anodeSide: Conduction; cathodeSide: Conduction };
  /**
   * Screening length at both contacts and the thickness it is compared with, m (absent with
   * `fermiLevelOf` or without a dielectric constant in the record).
   */
  screening?: { anodeSide: Screening; cathodeSide: Screening; thickness: number; epsilon: number; neutralBulk: boolean };
  /** Unphysical conditions at the contacts (empty when none): see guards.ts. */
  warnings: PotmapWarning[];
}

export interface MapOptions {
  /** Temperature for the electrolyte's defect chemistry, K (default: the record's). */
  temperature?: number;
  /** Samples across the electrolyte (default 101). */
  points?: number;
  /** Width drawn for each electrode, in position units (default 0.5). */
  electrodeWidth?: number;
  /** Skip the profile (for screening), default false. */
  withoutProfile?: boolean;
  /**
   * The electrolyte's E_F(mu_Li) (eV above its VBM), when the caller already has it, e.g.
   * screening's per-electrolyte cache; default: solved from the record's Fermi-level rule.
   */
  fermiLevelOf?: (muLi: number) => number;
  /** Electrolyte (film) thickness the screening length is compared with, m (default 1 um). */
  thickness?: number;
}

/** The band-edge threshold below which electrons tunnel from the anode (paper section 3.2). */
export const leakageThreshold = 1;

/** Interface jumps and the full profile for one cell. */
export function potentialMap(anode: Anode, electrolyte: Electrolyte, cathode: CathodeState, options: MapOptions = {}): PotentialMap {
  // the caller's records and options at run time (types vanish in JavaScript and notebooks)
  checkAnode(anode);
  checkElectrolyte(electrolyte);
  checkCathodeState(cathode);
  checkMapOptions(options);
  const psi = anode.workFunction;
  const ocv = cathode.ocv;
  const { lower, upper } = electrolyte.window;
  const muAnodeSide = -Math.max(lower, 0);
  const muCathodeSide = -Math.min(upper, ocv);
  if (muCathodeSide > muAnodeSide) {
    throw new PotmapError(
      `the window of ${electrolyte.id} (${lower} to ${upper} V) does not overlap the cell's voltage range 0 to ${ocv} V of ${cathode.id} ${cathode.soc}: no part of the electrolyte is stable`,
      { field: "window", value: electrolyte.window },
    );
  }
  const gapSE = effectiveBandGap(electrolyte);
  let guarded: (mu: number) => GuardedFermiLevel;
  if (options.fermiLevelOf) {
    // screening's hot path: classify E_F and build a message only when there is one to give
    const cached = options.fermiLevelOf;
    const rule = electrolyte.fermiLevel;
    // the gap of the carrier statistics: the record's gap plus its scissor
    const carrierGap = gapSE;
    const temperature = options.temperature ?? (rule.rule === "defects" ? rule.system.temperature : roomTemperature);
    guarded = (mu) => {
      const fermiLevel = cached(mu);
      const fermiLevelClass = classifyFermiLevel(fermiLevel, carrierGap, temperature);
      if (fermiLevelClass !== "degenerate-n" && fermiLevelClass !== "degenerate-p") return { fermiLevel, fermiLevelClass, warnings: [] };
      return fixedFermiLevelGuards(fermiLevel, carrierGap, temperature, guardContextOf(electrolyte), mu);
    };
  } else {
    guarded = guardedFermiLevelFunction(electrolyte, options.temperature);
  }
  const contact = (mu: number) => {
    const g = guarded(mu);
    const se = seAt(mu, g.fermiLevel);
    return { fermiLevel: se.fermiLevel, phi: se.phi, vbm: se.vbm, cbm: se.cbm, fermiLevelClass: g.fermiLevelClass, warnings: g.warnings, solution: g.solution };
  };
  // profile points need E_F alone: the root-only solver (same numbers as guarded(mu).fermiLevel,
  // test/fastPaths.test.ts), compiled on first use so that maps without a profile skip it
  let valueOf: ((mu: number) => number) | undefined;
  const fermi = options.fermiLevelOf
    ? (mu: number) => guarded(mu).fermiLevel
    : (mu: number) => (valueOf ??= electrolyteFermiLevel(electrolyte, options.temperature))(mu);
  const seAt = (mu: number, fermiLevel = fermi(mu)) => {
    const vbm = valenceBandMaximum(mu, fermiLevel);
    return { fermiLevel, phi: electrostaticPotential(fermiLevel, electrolyte.ionizationPotential, psi, mu), vbm, cbm: vbm + gapSE };
  };
  const anodeSide = contact(muAnodeSide);
  const cathodeSide = contact(muCathodeSide);
  const muCathode = -ocv;
  const phiCathode = electrostaticPotential(cathode.fermiLevel, cathode.ionizationPotential, psi, muCathode);
  const vbmCathode = valenceBandMaximum(muCathode, cathode.fermiLevel);
  const dphiAnode = anodeSide.phi - 0;
  const dphiCathode = phiCathode - cathodeSide.phi;

  const unstable: PotentialMap["unstable"] = [];
  if (-muAnodeSide > 0) unstable.push({ from: 0, to: -muAnodeSide, side: "anode" });
  if (-muCathodeSide < ocv) unstable.push({ from: -muCathodeSide, to: ocv, side: "cathode" });

  const cbmAboveAnodeFermi = anodeSide.cbm - 0;
  const vbmBelowCathodeFermi = muCathode - cathodeSide.vbm;
  const map: PotentialMap = {
    anode: anode.id,
    electrolyte: electrolyte.id,
    cathode: cathode.id,
    soc: cathode.soc,
    ocv,
    window: { lower, upper },
    muAnodeSide,
    muCathodeSide,
    fermiLevelAnodeSide: anodeSide.fermiLevel,
    fermiLevelCathodeSide: cathodeSide.fermiLevel,
    fermiLevelClassAnodeSide: anodeSide.fermiLevelClass,
    fermiLevelClassCathodeSide: cathodeSide.fermiLevelClass,
    phiElectrolyteAnodeSide: anodeSide.phi,
    phiElectrolyteCathodeSide: cathodeSide.phi,
    phiCathode,
    dphiAnode,
    dphiCathode,
    hinders: { anode: hinders(dphiAnode), cathode: hinders(dphiCathode) },
    stability: {
      cbmAboveAnodeFermi,
      reducedByAnode: cbmAboveAnodeFermi < 0,
      electronLeakageRisk: cbmAboveAnodeFermi >= 0 && cbmAboveAnodeFermi < leakageThreshold,
      vbmBelowCathodeFermi,
      oxidizedByCathode: vbmBelowCathodeFermi < 0,
    },
    unstable,
    profile: { position: [], muLi: [], phi: [], vbm: [], cbm: [], region: [] },
    // each message names its voltage; a condition shared by both contacts is listed once
    warnings: [],
  };
  // the bands of both records (bandGuards.ts), then the electrolyte's E_F at both contacts
  const bands = [...electrolyteBandWarnings(electrolyte), ...cathodeBandWarnings(cathode)];
  if (bands.length + anodeSide.warnings.length + cathodeSide.warnings.length > 0) map.warnings = uniqueWarnings([bands, anodeSide.warnings, cathodeSide.warnings]);
  if (options.temperature !== undefined) map.temperature = options.temperature;
  const a = anodeSide.solution;
  const c = cathodeSide.solution;
  if (a && c) {
    map.conduction = {
      anodeSide: classifyConduction(a.electrons, a.holes, a.fermiLevel, gapSE, electrolyte.transport),
      cathodeSide: classifyConduction(c.electrons, c.holes, c.fermiLevel, gapSE, electrolyte.transport),
    };
    if (electrolyte.dielectricConstant !== undefined) {
      const thickness = options.thickness ?? defaultFilmThickness;
      const epsilon = electrolyte.dielectricConstant;
      const anodeScreening = screeningOf(a, epsilon, a.temperature);
      const cathodeScreening = screeningOf(c, epsilon, c.temperature);
      const longest = Math.max(anodeScreening.debyeLength, cathodeScreening.debyeLength);
      if (!Number.isFinite(longest)) {
        // no charged species at a contact (concentrations below a double): nothing screens there,
        // so no length to report; the warning says so instead of an infinite number
        map.warnings = [...map.warnings, {
          code: "bulk-neutrality",
          message: `${electrolyte.id}: no charged defect or carrier at the ${anodeScreening.debyeLength === Infinity ? "anode" : "cathode"} contact: nothing screens the jump there, bulk neutrality does not hold`,
        }];
      } else map.screening = { anodeSide: anodeScreening, cathodeSide: cathodeScreening, thickness, epsilon, neutralBulk: !(longest > thickness) };
      if (Number.isFinite(longest) && longest > thickness) {
        const side = (name: string, mu: number, sc: Screening) => `${formatLength(sc.debyeLength)} at the ${name} contact (${-mu} V; ${sc.chargedDefects.toExponential(2)} cm^-3 charged defects)`;
        map.warnings = [...map.warnings, {
          code: "bulk-neutrality",
          message: `${electrolyte.id}: screening length ${side("anode", muAnodeSide, anodeScreening)}, ${side("cathode", muCathodeSide, cathodeScreening)} exceeds the film thickness ${formatLength(thickness)}: bulk neutrality does not hold, the jumps are not screened inside the film`,
        }];
      }
    }
  }
  if (options.withoutProfile) return map;

  const profile = map.profile;
  const push = (x: number, mu: number, phi: number, vbm: number, cbm: number, region: Region) => {
    profile.position.push(x);
    profile.muLi.push(mu);
    profile.phi.push(phi);
    profile.vbm.push(vbm);
    profile.cbm.push(cbm);
    profile.region.push(region);
  };
  const width = options.electrodeWidth ?? 0.5;
  // Anode: a metal, E_F = 0 and phi = 0 by convention; its "bands" are its Fermi level.
  push(-width, 0, 0, 0, 0, "anode");
  push(0, 0, 0, 0, 0, "anode");
  // Electrolyte: mu linear in position; outside the window the electrolyte sits at its
  // window edge (flat phi and bands), so the jumps appear at the contacts x = 0 and x = OCV.
  const points = options.points ?? 101;
  for (let i = 0; i < points; i++) {
    const x = (ocv * i) / (points - 1);
    const mu = -x;
    const inside = mu <= muAnodeSide && mu >= muCathodeSide;
    const clamped = Math.min(muAnodeSide, Math.max(muCathodeSide, mu));
    const state = clamped === muAnodeSide ? anodeSide : clamped === muCathodeSide ? cathodeSide : seAt(clamped);
    push(x, mu, state.phi, state.vbm, state.cbm, inside ? "electrolyte" : "unstable");
  }
  const gapCathode = effectiveBandGap(cathode);
  push(ocv, muCathode, phiCathode, vbmCathode, vbmCathode + gapCathode, "cathode");
  push(ocv + width, muCathode, phiCathode, vbmCathode, vbmCathode + gapCathode, "cathode");
  return map;
}
