import { describe, expect, test } from "vitest";
import { overfitLps } from "./helpers/overfit";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { Anode, CathodeState, Electrolyte } from "../lib/src/cell/materials";
import { bandEdgesVsVacuum } from "../lib/src/cell/alignment";
import { electrostaticPotential, hinders } from "../lib/src/cell/potential";
import { findAnode, findCathodeState, findElectrolyte } from "../lib/src/cell/dataSet";
import { fermiLevelFunction, guardedFermiLevelFunction } from "../lib/src/cell/fermiLevel";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";

// A hand-made cell whose jumps follow from eqs. 5-7 by hand.
const anode: Anode = { role: "anode", id: "Li", name: "Li", workFunction: 3 };
const flat: Electrolyte = {
  role: "electrolyte",
  id: "SE",
  name: "hand-made",
  bandGap: 6,
  ionizationPotential: 6,
  window: { lower: 0.5, upper: 3 },
  // E_F = 4 + mu: a Frenkel-like slope of -1 vs voltage, so phi is flat (eq. 5)
  fermiLevel: {
    rule: "defects",
    system: {
      bandGap: 6,
      temperature: 300,
      carriers: { kind: "none" },
      defects: [
        { name: "V", sites: 1e22, lithium: -1, chargeStates: [{ charge: -1, energy: 4 }] },
        { name: "I", sites: 1e22, lithium: 1, chargeStates: [{ charge: 1, energy: -4 }] },
      ],
    },
  },
};
const cathode: CathodeState = { role: "cathode", id: "C", name: "C", soc: "0%", bandGap: 2, ionizationPotential: 5, fermiLevel: 0, ocv: 4 };

describe("potentialMap", () => {
  const map = potentialMap(anode, flat, cathode);

  test("dphi_a = phi_SE(mu_a*) with mu_a* = -V_low (eq. 6)", () => {
    // E_F(-0.5) = 3.5; e phi = 3.5 - 6 + 3 + 0.5 = 1
    expect(map.muAnodeSide).toBe(-0.5);
    expect(map.dphiAnode).toBeCloseTo(1, 9);
    expect(map.hinders.anode).toBe("discharge");
  });

  test("dphi_c = phi_cathode - phi_SE(mu_c*) with mu_c* = -min(V_high, OCV) (eq. 7)", () => {
    // phi_c = 0 - 5 + 3 + 4 = 2; phi_SE flat at 1 -> dphi_c = +1
    expect(map.muCathodeSide).toBe(-3);
    expect(map.phiCathode).toBeCloseTo(2, 12);
    expect(map.dphiCathode).toBeCloseTo(1, 9);
    expect(map.hinders.cathode).toBe("discharge");
  });

  test("a cathode with a deeper IP gives a negative dphi_c that hinders charge", () => {
    const deep = potentialMap(anode, flat, { ...cathode, ionizationPotential: 6.5 });
    expect(deep.dphiCathode).toBeCloseTo(-0.5, 9);
    expect(deep.hinders.cathode).toBe("charge");
  });

  test("a window wider than the cell: mu_c* = -OCV", () => {
    const low = potentialMap(anode, flat, { ...cathode, ocv: 2 });
    expect(low.muCathodeSide).toBe(-2);
    expect(low.unstable.filter((u) => u.side === "cathode")).toHaveLength(0);
  });

  test("grey regions mark where mu_Li leaves the window", () => {
    expect(map.unstable).toEqual([
      { from: 0, to: 0.5, side: "anode" },
      { from: 3, to: 4, side: "cathode" },
    ]);
  });

  test("the profile's phi jumps by dphi_a at x = 0 and by dphi_c at x = OCV", () => {
    const { position, phi, region, muLi } = map.profile;
    const firstSE = region.indexOf("unstable");
    expect(position[firstSE]).toBe(0);
    expect(phi[firstSE] - phi[firstSE - 1]).toBeCloseTo(map.dphiAnode, 9);
    const firstCathode = region.indexOf("cathode");
    expect(phi[firstCathode] - phi[firstCathode - 1]).toBeCloseTo(map.dphiCathode, 9);
    // mu_Li falls linearly from 0 to -OCV across the electrolyte
    expect(muLi[firstSE]).toBeCloseTo(0, 12);
    expect(muLi[firstCathode - 1]).toBeCloseTo(-4, 12);
    expect(map.profile.vbm.every(Number.isFinite)).toBe(true);
  });

  test("band edges follow eq. 4: VBM = mu - E_F, CBM = VBM + Eg", () => {
    const i = map.profile.region.indexOf("electrolyte");
    expect(map.profile.vbm[i]).toBeCloseTo(map.profile.muLi[i] - (4 + map.profile.muLi[i]), 9);
    expect(map.profile.cbm[i] - map.profile.vbm[i]).toBeCloseTo(6, 12);
  });

  test("stability flags: CBM vs the anode Fermi level, VBM vs the cathode's", () => {
    // CBM at the anode side = -0.5 - 3.5 + 6 = 2 eV above the Li Fermi level
    expect(map.stability.cbmAboveAnodeFermi).toBeCloseTo(2, 9);
    expect(map.stability.reducedByAnode).toBe(false);
    expect(map.stability.electronLeakageRisk).toBe(false);
    const narrow = potentialMap(anode, { ...flat, bandGap: 1.5 }, cathode);
    expect(narrow.stability.reducedByAnode).toBe(true);
    const leaky = potentialMap(anode, { ...flat, bandGap: 4.5 }, cathode);
    expect(leaky.stability.electronLeakageRisk).toBe(true);
    // VBM at the cathode side = -3 - 1 = -4 = the cathode Fermi level (-OCV): margin 0
    expect(map.stability.vbmBelowCathodeFermi).toBeCloseTo(0, 9);
  });

  test("a fixed-E_F electrolyte with slope 0 gives a sloped phi (eq. 5)", () => {
    const fixed = potentialMap(anode, { ...flat, fermiLevel: { rule: "fixed", value: 3 } }, cathode);
    // phi rises 1:1 with voltage across the window: 2.5 V
    expect(fixed.phiElectrolyteCathodeSide - fixed.phiElectrolyteAnodeSide).toBeCloseTo(2.5, 12);
  });

  test("refuses a cell in which no part of the electrolyte is stable", () => {
    expect(() => potentialMap(anode, { ...flat, window: { lower: 4.5, upper: 5 } }, cathode)).toThrow(/does not overlap/);
  });

  test("temperature reaches the defect chemistry", () => {
    const hot = potentialMap(anode, flat, cathode, { temperature: 900 });
    expect(hot.temperature).toBe(900);
    expect(hot.dphiAnode).toBeCloseTo(1, 6); // equal site densities: E_F independent of T
  });
});

describe("electrostaticPotential", () => {
  test("is zero in the anode (E_F = 0, IP = psi, mu = 0)", () => {
    expect(electrostaticPotential(0, 2.93, 2.93, 0)).toBe(0);
  });
});

describe("hinders", () => {
  test("signs: positive hinders discharge, negative charge", () => {
    expect(hinders(0.3)).toBe("discharge");
    expect(hinders(-0.3)).toBe("charge");
    expect(hinders(0)).toBe("neither");
  });
});

describe("bandEdgesVsVacuum", () => {
  test("VBM at -IP, CBM a gap above, scissor on the CBM by default", () => {
    expect(bandEdgesVsVacuum(6, 4, 3)).toEqual({ vbm: -6, cbm: -2, fermiLevel: -3 });
    expect(bandEdgesVsVacuum(6, 4, 3, { scissor: 1 }).cbm).toBe(-1);
    const split = bandEdgesVsVacuum(6, 4, 3, { scissor: 1, valenceFraction: 0.25 });
    expect(split.vbm).toBe(-6.25);
    expect(split.cbm - split.vbm).toBe(5);
  });
});

describe("potentialMap guards", () => {
  const set = readDataSet(builtinMaterialsFolder());
  const li = findAnode(set, "Li");
  const lco = findCathodeState(set, "LCO", "0%");
  test("an overfitted LPS: E_F at the anode-side contact is degenerate-n and says so; the cathode side is not", () => {
    const lps = overfitLps(findElectrolyte(set, "LPS"));
    const map = potentialMap(li, lps, lco, { withoutProfile: true });
    expect(map.fermiLevelClassAnodeSide).toBe("degenerate-n");
    expect(map.fermiLevelAnodeSide).toBeGreaterThan(lps.bandGap);
    expect(map.fermiLevelClassCathodeSide).toBe("non-degenerate");
    expect(map.conduction?.anodeSide.conductionClass).toBe("degenerate");
    // its cathode side (2.32 V) is non-degenerate but still conducts electrons: a mixed conductor
    expect(map.conduction?.cathodeSide.conductionClass).toBe("mixed conductor");
    expect(map.warnings.map((w) => w.code).filter((c) => c !== "bulk-neutrality")).toEqual(["fermi-level-degenerate", "electronic-conduction"]);
    expect(map.warnings[0].message).toContain(`at ${lps.window.lower.toFixed(3)} V vs Li`);
    // declaring it silences the warning, not the classification
    const declared = potentialMap(li, { ...lps, declaredDegenerate: true }, lco, { withoutProfile: true });
    expect(declared.warnings.map((w) => w.code).filter((c) => c !== "bulk-neutrality")).toEqual(["electronic-conduction"]);
    expect(declared.fermiLevelClassAnodeSide).toBe("degenerate-n");
    expect(declared.dphiAnode).toBe(map.dphiAnode);
  });
  test("the four built-in electrolytes: E_F non-degenerate at both contacts; the conduction class and screening length say what the 3 kT test did not", () => {
    const classes: Record<string, string[]> = {};
    for (const id of ["LiPON", "LPO", "LLZO", "LPS"]) {
      const e = findElectrolyte(set, id);
      const map = potentialMap(li, e, lco, { withoutProfile: true });
      expect([map.fermiLevelClassAnodeSide, map.fermiLevelClassCathodeSide]).toEqual(["non-degenerate", "non-degenerate"]);
      classes[id] = [map.conduction!.anodeSide.conductionClass, map.conduction!.cathodeSide.conductionClass];
      // sigma_e = e (n mu_n + p mu_p) from the contact's own carriers
      const guarded = guardedFermiLevelFunction(e)(map.muAnodeSide).solution!;
      const sigma = 1.602176634e-19 * (guarded.electrons * e.transport!.electronMobility + guarded.holes * e.transport!.holeMobility);
      expect(map.conduction!.anodeSide.electronicConductivity).toBeCloseTo(sigma, 30);
      expect(map.conduction!.anodeSide.ratio).toBeCloseTo(sigma / e.transport!.ionicConductivity, 12);
      // Debye length by hand: sqrt(eps0 eps kT / (e^2 sum z^2 c))
      let strength = guarded.electrons + guarded.holes;
      for (const d of guarded.defects) for (const [q, c] of Object.entries(d.charges)) strength += Number(q) ** 2 * c;
      const lambda = Math.sqrt((8.8541878128e-12 * e.dielectricConstant! * 1.380649e-23 * 300) / (1.602176634e-19 ** 2 * strength * 1e6));
      expect(map.screening!.anodeSide.debyeLength / lambda).toBeCloseTo(1, 9);
      const neutral = map.screening!.neutralBulk;
      expect(map.warnings.some((w) => w.code === "bulk-neutrality")).toBe(!neutral);
      expect(map.warnings.some((w) => w.code === "electronic-conduction")).toBe(classes[id].includes("mixed conductor"));
    }
    // LiPON and LLZO block electrons at both contacts; LPS conducts electrons at 1.74 V and LPO holes at LCO 0%'s 3.77 V
    expect(classes).toEqual({
      LiPON: ["insulating", "insulating"], LLZO: ["insulating", "insulating"],
      LPS: ["mixed conductor", "insulating"], LPO: ["insulating", "mixed conductor"],
    });
  });
  test("screening length against the film thickness: LLZO's ~1.6 um at both contacts warns at 1 um, not at 10 um", () => {
    const llzo = findElectrolyte(set, "LLZO");
    const thin = potentialMap(li, llzo, lco, { withoutProfile: true });
    expect(thin.screening!.anodeSide.debyeLength).toBeGreaterThan(1e-6);
    expect(thin.screening!.anodeSide.debyeLength).toBeLessThan(3e-6);
    expect(thin.warnings.find((w) => w.code === "bulk-neutrality")?.message).toMatch(/bulk neutrality does not hold/);
    const thick = potentialMap(li, llzo, lco, { withoutProfile: true, thickness: 1e-5 });
    expect(thick.screening!.neutralBulk).toBe(true);
    expect(thick.warnings).toEqual([]);
    // no dielectric constant: no screening reported (never a default permittivity)
    const bare = potentialMap(li, { ...llzo, dielectricConstant: undefined }, lco, { withoutProfile: true });
    expect(bare.screening).toBeUndefined();
  });
  test("with a cached E_F (screening) the class and its warning come from E_F alone", () => {
    const lps = overfitLps(findElectrolyte(set, "LPS"));
    const full = potentialMap(li, lps, lco, { withoutProfile: true });
    const solve = fermiLevelFunction(lps.fermiLevel);
    const cached = potentialMap(li, lps, lco, { withoutProfile: true, fermiLevelOf: solve });
    expect(cached.fermiLevelAnodeSide).toBe(full.fermiLevelAnodeSide);
    expect(cached.fermiLevelClassAnodeSide).toBe("degenerate-n");
    expect(cached.warnings.map((w) => w.code)).toEqual(["fermi-level-degenerate"]);
  });
  test("a fixed E_F beyond the gap is flagged unless declared", () => {
    const metal: Electrolyte = { ...flat, fermiLevel: { rule: "fixed", value: 6.2 } };
    expect(potentialMap(anode, metal, cathode).warnings.map((w) => w.code)).toEqual(["fermi-level-degenerate"]);
    expect(potentialMap(anode, { ...metal, declaredDegenerate: true }, cathode).warnings).toEqual([]);
    // the hand-made defect system fills its sites (dilute limit flagged) but is not degenerate
    const codes = potentialMap(anode, flat, cathode).warnings.map((w) => w.code);
    expect(codes).not.toContain("fermi-level-degenerate");
    expect(codes.every((c) => c === "dilute-limit")).toBe(true);
  });
});
