/**
 * The answers of the course's exercises: teacher-only. No package entry (index.ts,
 * notebook/index.ts) exports this module and the package's "exports" map hides dist/ files, so
 * a student's `import * as potmap from "potmap"` cannot reach an answer; checkExercise
 * (exercises.ts) is the only caller. Each answer is computed from a data set with the library's
 * own physics (potentialMap, solveFermiLevel, a sweep); the teacher's notebook works it out by
 * another route. A `code` exercise has a reference function and test cases instead.
 */
import { withDefectEnergyShift } from "./whatIf";
import { unboundedLpsElectrolyte } from "./exercises";
import { brouwerPoints, conductivityRatio, decadesPerVolt } from "./brouwer";
import { courseMobilities } from "./mobilities";
import { PotmapError } from "../core/errors";
import { DataSet, Electrolyte } from "../cell/materials";
import { findAnode, findCathodeState, findElectrolyte } from "../cell/dataSet";
import { potentialMap } from "../cell/potentialMap";
import { stackMap } from "../cell/stack";
import { electrolyteSystem, fermiLevelFunction } from "../cell/fermiLevel";
import { bandEdgesVsVacuum } from "../cell/alignment";
import { fermiLevelSlope, linspace, sweepVoltage } from "../defects/sweep";
import { solveFermiLevel } from "../defects/neutrality";
import { PublishedNumbers } from "../calibration/calibrateDataSet";

type Answer = (set: DataSet, published?: PublishedNumbers) => number;

const li = (set: DataSet) => findAnode(set, "Li");
const map = (set: DataSet, electrolyte: string, cathode: string, soc: string) =>
  potentialMap(li(set), findElectrolyte(set, electrolyte), findCathodeState(set, cathode, soc), { withoutProfile: true });
const defectSystem = electrolyteSystem;
const lithiumOf = (e: Electrolyte) => (name: string) => defectSystem(e).defects.find((d) => d.name === name)?.lithium ?? 0;
const sweepOf = (set: DataSet, id: string, from: number, to: number, points: number) => sweepVoltage(defectSystem(findElectrolyte(set, id)), linspace(from, to, points));

const answers: Record<string, Answer> = {
  "01-cbm-llzo": (set) => {
      const e = findElectrolyte(set, "LLZO");
      return bandEdgesVsVacuum(e.ionizationPotential, e.bandGap, 0).cbm + li(set).workFunction;
    },
  "01-work-function-llzo": (set) => {
      const e = findElectrolyte(set, "LLZO");
      return e.ionizationPotential - fermiLevelFunction(e.fermiLevel)(0);
    },
  "02-frenkel-llzo": (set) => solveFermiLevel(defectSystem(findElectrolyte(set, "LLZO")), 0).fermiLevel,
  "02-shift-per-volt": (set) => {
      const f = fermiLevelFunction(findElectrolyte(set, "LLZO").fermiLevel);
      return f(-1) - f(0);
    },
  "03-slope-lipon": (set) => fermiLevelSlope(defectSystem(findElectrolyte(set, "LiPON")), 1.5),
  "03-overfit-lps": (set, published) => {
      if (!published) throw new PotmapError("needs the paper's numbers (data/published.json)", { field: "published" });
      const fitted = unboundedLpsElectrolyte(set, published);
      return solveFermiLevel(defectSystem(fitted), -1.74).fermiLevel - (fitted.bandGap + (fitted.scissor ?? 0));
    },
  "04-dphia-lipon": (set) => map(set, "LiPON", "LCO", "0%").dphiAnode,
  "05-dphic-llzo-lco": (set) => map(set, "LLZO", "LCO", "0%").dphiCathode,
  "05-grey-lnmo": (set) => {
      const m = map(set, "LLZO", "LNMO", "0%");
      return m.ocv + m.muCathodeSide;
    },
  "06-direction-lnmo-lipon": (set) => Math.sign(map(set, "LiPON", "LNMO", "0%").dphiCathode),
  "07-ip-shift-llzo": (set) => {
      const e = findElectrolyte(set, "LLZO");
      const shifted: Electrolyte = { ...e, ionizationPotential: e.ionizationPotential + 0.2 };
      const cathode = findCathodeState(set, "LCO", "0%");
      return potentialMap(li(set), shifted, cathode, { withoutProfile: true }).dphiAnode - potentialMap(li(set), e, cathode, { withoutProfile: true }).dphiAnode;
    },
  "07-scissor-lps": (set) => {
      const e = findElectrolyte(set, "LPS");
      const shifted: Electrolyte = { ...e, scissor: (e.scissor ?? 0) + 1 };
      const cathode = findCathodeState(set, "LCO", "0%");
      const at = (x: Electrolyte) => potentialMap(li(set), x, cathode, { withoutProfile: true }).fermiLevelCathodeSide;
      return at(shifted) - at(e);
    },
  "07a-defect-llzo": (set) => {
      const e = findElectrolyte(set, "LLZO");
      const shifted = withDefectEnergyShift(e, "Li_i", 1, 0.2);
      const cathode = findCathodeState(set, "LCO", "0%");
      return potentialMap(li(set), shifted, cathode, { withoutProfile: true }).dphiAnode - potentialMap(li(set), e, cathode, { withoutProfile: true }).dphiAnode;
    },
  "07c-dopant-llzo": (set) => {
      const system = defectSystem(findElectrolyte(set, "LLZO"));
      const doped = { ...system, dopants: [...(system.dopants ?? []), { name: "Ta_Zr", charge: 1, concentration: 1e20 }] };
      return solveFermiLevel(doped, 0).fermiLevel - solveFermiLevel(system, 0).fermiLevel;
    },
  "07d-sensitivity-lps": (set) => {
      const e = findElectrolyte(set, "LPS");
      const shifted = withDefectEnergyShift(e, "Li_i", 1, 0.1);
      const cathode = findCathodeState(set, "LCO", "0%");
      return potentialMap(li(set), shifted, cathode, { withoutProfile: true }).dphiCathode - potentialMap(li(set), e, cathode, { withoutProfile: true }).dphiCathode;
    },
  "08-interlayer-lco-lno": (set) => {
      const lno = findCathodeState(set, "LNO", "0%");
      const stack = stackMap(li(set), [findElectrolyte(set, "LPS"), findCathodeState(set, "LCO", "0%")], lno, { cathodes: set.cathodes });
      return stack.interfaces[stack.interfaces.length - 1].dphi;
    },  "03b-kf-llzo": (set) => {
    const s = solveFermiLevel(defectSystem(findElectrolyte(set, "LLZO")), -1);
    const charge = (name: string, q: string) => s.defects.find((d) => d.name === name)?.charges[q] ?? NaN;
    return Math.log10(charge("V_Li", "-1")) + Math.log10(charge("Li_i", "1"));
  },
  "03b-vacancy-slope-llzo": (set) => decadesPerVolt(brouwerPoints(sweepOf(set, "LLZO", 1.4, 1.6, 21)), "V_Li(-1)", 1.5),
  "03b-decades-lipon": (set) => decadesPerVolt(brouwerPoints(sweepOf(set, "LiPON", 1.4, 1.6, 21)), "Li_i(+1)", 1.5),
  "03b-electrons-lps": (set) => {
    const s = defectSystem(findElectrolyte(set, "LPS"));
    return Math.log10(solveFermiLevel(s, -2.2).electrons) - Math.log10(solveFermiLevel(s, -1.8).electrons);
  },
  "03b-sigma-ratio-lps": (set) => {
    const e = findElectrolyte(set, "LPS");
    return Math.log10(conductivityRatio(sweepVoltage(defectSystem(e), [2.0])[0], lithiumOf(e), courseMobilities).ratio);
  },
  "03b-dilute-lipon": (set) => {
    const p = sweepVoltage(defectSystem(findElectrolyte(set, "LiPON")), [4.0])[0];
    return Math.log10(Math.max(...p.defects.map((d) => d.siteFraction ?? 0)));
  },
  "03b-frozen-antisites": () => 2,
  "03b-hebb-wagner": () => 2,
};

/** The computed answer of a numeric exercise (teacher-only). */
export function expectedAnswer(id: string, set: DataSet, published?: PublishedNumbers): number {
  const answer = answers[id];
  if (!answer) throw new PotmapError("no numeric answer for this exercise", { field: "exercise", value: id });
  return answer(set, published);
}

/** Reference functions and the cases they are checked at (code exercises). */
const codeAnswers: Record<string, { reference: (...args: number[]) => number; cases: number[][] }> = {
  // dE_F/dV of a +1/-1 balance = -(dN_plus - dN_minus)/2 (solutions.ts, allSpeciesSlope)
  "03b-slope-function": { reference: (plusLi, minusLi) => -(plusLi - minusLi) / 2, cases: [[1, -1], [1, 0], [0, -1], [0, 0], [-1, 1], [1, 1]] },
};

/** Whether a student's function agrees with the reference at every case (a throw or NaN is a miss). */
export function codeAnswerMatches(id: string, fn: (...args: number[]) => number, tolerance: number): boolean {
  const code = codeAnswers[id];
  if (!code) throw new PotmapError("no code answer for this exercise", { field: "exercise", value: id });
  return code.cases.every((args) => {
    let got: number;
    try {
      got = fn(...args);
    } catch {
      return false;
    }
    return typeof got === "number" && Math.abs(got - code.reference(...args)) <= tolerance + 1e-12;
  });
}

/** Ids with an answer here, to test that every exercise has one (teacher-only). */
export function answeredIds(): string[] {
  return [...Object.keys(answers), ...Object.keys(codeAnswers)];
}
