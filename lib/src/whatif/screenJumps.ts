/**
 * Screening's lean path: the numbers of interfaceJumps (whatif/interfaceJumps.ts, i.e.
 * cell/potentialMap.ts with a cached E_F) for one electrolyte against many cathode states,
 * without building a PotentialMap per configuration. What depends only on the electrolyte and
 * anode (the anode-side contact: mu, E_F, its class and warnings) is computed once; what
 * depends on the cathode side is cached by mu_Li (states beyond the window share it).
 *
 * Same numbers, same expressions in the same order (eqs. 4-7); test/fastPaths.test.ts checks
 * every configuration of a synthetic set against interfaceJumps bit for bit. Anything unusual
 * (a window that misses the cell, a non-finite result) goes through interfaceJumps itself, so
 * its errors are the general path's.
 */
import { roomTemperature } from "../core/constants";
import { fixedFermiLevelGuards, guardContextOf } from "../cell/fermiLevel";
import { Anode, CathodeState } from "../cell/materials";
import { leakageThreshold } from "../cell/potentialMap";
import { electrostaticPotential, valenceBandMaximum } from "../cell/potential";
import { classifyFermiLevel, PotmapWarning, uniqueWarnings } from "../defects/guards";
import { ElectrolyteEvaluator, interfaceJumps } from "./interfaceJumps";

/** The fields of InterfaceJumps that screening reads. */
export interface ScreenJumps {
  ocv: number;
  dphiAnode: number;
  dphiCathode: number;
  reducedByAnode: boolean;
  electronLeakageRisk: boolean;
  oxidizedByCathode: boolean;
  warnings: PotmapWarning[];
}

interface Contact {
  fermiLevel: number;
  warnings: PotmapWarning[];
}

/** A function (anode, cathode state) -> jumps for one electrolyte (module comment). */
export function screenJumpsOf(evaluator: ElectrolyteEvaluator): (anode: Anode, state: CathodeState) => ScreenJumps {
  const electrolyte = evaluator.electrolyte;
  const { lower, upper } = electrolyte.window;
  const gapSE = electrolyte.bandGap + (electrolyte.scissor ?? 0);
  const rule = electrolyte.fermiLevel;
  const temperature = evaluator.temperature ?? (rule.rule === "defects" ? rule.system.temperature : roomTemperature);
  const ip = electrolyte.ionizationPotential;
  // as potentialMap's guarded() with fermiLevelOf: a message only for a degenerate E_F
  const contacts = new Map<number, Contact>();
  const contact = (mu: number): Contact => {
    let c = contacts.get(mu);
    if (c === undefined) {
      const fermiLevel = evaluator.fermiLevel(mu);
      const cls = classifyFermiLevel(fermiLevel, gapSE, temperature);
      const warnings = cls !== "degenerate-n" && cls !== "degenerate-p" ? [] : fixedFermiLevelGuards(fermiLevel, gapSE, temperature, guardContextOf(electrolyte), mu).warnings;
      c = { fermiLevel, warnings };
      contacts.set(mu, c);
    }
    return c;
  };
  const merged = new Map<number, PotmapWarning[]>();
  const muAnodeSide = -Math.max(lower, 0);
  return (anode, state) => {
    const ocv = state.ocv;
    const muCathodeSide = -Math.min(upper, ocv);
    if (muCathodeSide > muAnodeSide) return interfaceJumps(anode, evaluator, state);
    const psi = anode.workFunction;
    const a = contact(muAnodeSide);
    const c = contact(muCathodeSide);
    const phiAnodeSide = electrostaticPotential(a.fermiLevel, ip, psi, muAnodeSide);
    const phiCathodeSide = electrostaticPotential(c.fermiLevel, ip, psi, muCathodeSide);
    const muCathode = -ocv;
    const phiCathode = electrostaticPotential(state.fermiLevel, state.ionizationPotential, psi, muCathode);
    const dphiAnode = phiAnodeSide - 0;
    const dphiCathode = phiCathode - phiCathodeSide;
    if (!Number.isFinite(dphiAnode) || !Number.isFinite(dphiCathode)) return interfaceJumps(anode, evaluator, state);
    const cbmAboveAnodeFermi = valenceBandMaximum(muAnodeSide, a.fermiLevel) + gapSE - 0;
    const vbmBelowCathodeFermi = muCathode - valenceBandMaximum(muCathodeSide, c.fermiLevel);
    let warnings: PotmapWarning[];
    if (a.warnings.length + c.warnings.length === 0) warnings = [];
    else {
      let m = merged.get(muCathodeSide);
      if (m === undefined) merged.set(muCathodeSide, (m = uniqueWarnings([a.warnings, c.warnings])));
      warnings = m;
    }
    return {
      ocv,
      dphiAnode,
      dphiCathode,
      reducedByAnode: cbmAboveAnodeFermi < 0,
      electronLeakageRisk: cbmAboveAnodeFermi >= 0 && cbmAboveAnodeFermi < leakageThreshold,
      oxidizedByCathode: vbmBelowCathodeFermi < 0,
      warnings,
    };
  };
}
