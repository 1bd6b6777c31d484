/**
 * Exercises of the notebook course, the student-facing half: each exercise is data (a prompt, a
 * kind, a unit, a tolerance, a hint). The answers live in exerciseAnswers.ts, a teacher-only
 * module that no package entry exports, so a student's `import * as potmap from "potmap"` cannot
 * reach them. checkExercise compares a student's answer with the computed one and says right
 * (quoting the value only then) or "not yet" with the hint: never the value and never the
 * direction of the miss (a direction would allow bisection). The teacher's solutions notebook
 * works each answer out by another route and runs the same check, with a rubric for the
 * derivation, prediction and explanation exercises.
 */
import { effectiveBandGap } from "../defects/defects";
import { withDefectEnergyShift } from "./whatIf";
import { PotmapError } from "../core/errors";
import { codeAnswerMatches, expectedAnswer } from "./exerciseAnswers";
import { thermalEnergy } from "../core/constants";
import { DataSet, Electrolyte } from "../cell/materials";
import { findAnode, findCathodeState, findElectrolyte } from "../cell/dataSet";
import { potentialMap } from "../cell/potentialMap";
import { electrolyteSystem } from "../cell/fermiLevel";
import { goldenMinimum } from "../numerics/minimize";
import { PublishedNumbers } from "../calibration/calibrateDataSet";
import { calibrateElectrolyteIP } from "../calibration/calibrate";

export interface Exercise {
  id: string;
  /** Notebook the exercise belongs to (file name without .ipynb). */
  notebook: string;
  /** The question, in Markdown (symbols in $...$). */
  prompt: string;
  unit: string;
  /** Accepted absolute difference, in `unit`. */
  tolerance: number;
  hint: string;
  /**
   * number: compute one number; derivation: derive a closed form, then evaluate it; code: write
   * the derived formula as a function (checked at points the student does not see); prediction:
   * answer before the computation that shows it; explanation: choose the reason (a numbered
   * option), the written argument is marked with the rubric of the teacher's notebook.
   */
  kind: ExerciseKind;
  /** Numbered options of an explanation exercise (the answer is the option's number). */
  options?: readonly string[];
}

export type ExerciseKind = "number" | "derivation" | "code" | "prediction" | "explanation";

/** A student's answer: a number, or for a `code` exercise a function of numbers. */
export type ExerciseAnswer = number | ((...args: number[]) => number) | undefined;

const li = (set: DataSet) => findAnode(set, "Li");

// the electrolyte's defect system with its scissor in the carrier statistics (cell/fermiLevel.ts)
const defectSystem = electrolyteSystem;

/** LPS with its Li_i(+) energy set to `energy` and its IP recalibrated to the paper's dphi_a (eq. 6). */
function lpsWithEnergy(set: DataSet, published: PublishedNumbers, energy: number): Electrolyte {
  const lps = findElectrolyte(set, "LPS");
  const system = defectSystem(lps);
  if (!system.defects.some((d) => d.lithium === 1)) throw new PotmapError("has no Li interstitial", { field: "LPS", value: "Li_i" });
  const defects = system.defects.map((d) => (d.lithium === 1 ? { ...d, chargeStates: d.chargeStates.map((s) => (s.charge === 1 ? { ...s, energy } : s)) } : d));
  const moved: Electrolyte = { ...lps, fermiLevel: { rule: "defects", system: { ...system, defects } } };
  const dphiAnode = published.dphiAnode.values.LPS;
  if (typeof dphiAnode !== "number") throw new PotmapError("needs the paper's dphi_a of LPS", { field: "dphiAnode.values.LPS", value: dphiAnode });
  // the electrolyte IPs are calibrated to the published dphi_a, so a refit of the energy moves the IP with it
  return { ...moved, ionizationPotential: calibrateElectrolyteIP(li(set), moved, dphiAnode) };
}

/**
 * The LPS Li_i(+) energy that fits Table 1's LPS column best (rms over the printed dphi_c),
 * with no physical bound; the IP follows the energy so that dphi_a stays the paper's (as in
 * the data set's calibration). The cathode IPs stay those of the data set.
 */
export function unboundedLpsFit(set: DataSet, published: PublishedNumbers): { energy: number; rms: number; ionizationPotential: number } {
  const rows = published.table1.rows.filter((r) => r.electrolyte === "LPS" && typeof r.dphiCathode === "number");
  const rms = (energy: number) => {
    const e = lpsWithEnergy(set, published, energy);
    let sum = 0;
    for (const r of rows) {
      const m = potentialMap(li(set), e, findCathodeState(set, r.cathode, r.soc), { withoutProfile: true });
      sum += (m.dphiCathode - (r.dphiCathode as number)) ** 2;
    }
    return Math.sqrt(sum / rows.length);
  };
  const energy = goldenMinimum(rms, -5.5, -2.5, 60);
  return { energy, rms: rms(energy), ionizationPotential: lpsWithEnergy(set, published, energy).ionizationPotential };
}

/**
 * LPS with the Li_i(+) energy of the unbounded fit (or `energy`) and its IP recalibrated to
 * dphi_a, under the id "LPS (unbounded fit)": the overfitted record, to set beside the physical one.
 */
export function unboundedLpsElectrolyte(set: DataSet, published: PublishedNumbers, energy?: number): Electrolyte {
  const e0 = energy ?? unboundedLpsFit(set, published).energy;
  return { ...lpsWithEnergy(set, published, e0), id: "LPS (unbounded fit)" };
}

/** The exercises of notebook 03b (Brouwer diagrams, conductivity, limits): derivations, code, predictions, explanations. */
const brouwerExercises: readonly Exercise[] = [
  {
    id: "03b-kf-llzo",
    notebook: "03b-brouwer-diagrams",
    kind: "derivation",
    prompt: "Derive the Frenkel mass-action constant $K_F = [V_\\mathrm{Li}'][\\mathrm{Li}_i^\\bullet]$ of LLZO from the two formation energies, show that neither $\\mu_\\mathrm{Li}$ nor $E_F$ appears in it, and evaluate $\\log_{10}(K_F/\\mathrm{cm}^{-6})$ at the record's temperature.",
    unit: "",
    tolerance: 0.05,
    hint: "Multiply $N_V g_V e^{-E_f(V_\\mathrm{Li})/kT}$ by $N_i g_i e^{-E_f(\\mathrm{Li}_i)/kT}$ and add the two formation energies: which terms cancel?",
  },
  {
    id: "03b-vacancy-slope-llzo",
    notebook: "03b-brouwer-diagrams",
    kind: "derivation",
    prompt: "In LLZO's Frenkel regime ($dE_F/dV = -1$), derive $d\\log_{10}[V_\\mathrm{Li}']/dV$ in decades per volt.",
    unit: "decades/V",
    tolerance: 0.1,
    hint: "$E_f(V_\\mathrm{Li}') = E^0 + \\mu_\\mathrm{Li} - E_F$ with $\\mu_\\mathrm{Li} = -eV$: differentiate with respect to $V$ and use the slope of $E_F$.",
  },
  {
    id: "03b-decades-lipon",
    notebook: "03b-brouwer-diagrams",
    kind: "derivation",
    prompt: "In LiPON at 1.5 V ($E_F$ slope $-1/2$, Notebook 03), derive $d\\log_{10}[\\mathrm{Li}_i^\\bullet]/dV$ in decades per volt at the record's temperature.",
    unit: "decades/V",
    tolerance: 0.3,
    hint: "$d\\log_{10}c/dV = -(\\Delta N + q\\,dE_F/dV)/(kT\\ln 10)$; for an interstitial $\\Delta N = +1$, $q = +1$.",
  },
  {
    id: "03b-slope-function",
    notebook: "03b-brouwer-diagrams",
    kind: "code",
    prompt: "Write the slope of a ±1 balance as a function: given the Li gained by the positive species (`plusLi`) and by the negative species (`minusLi`), return $dE_F/dV$. (Li_i•: +1, V_Li': −1, antisites and band carriers: 0.)",
    unit: "eV/V",
    tolerance: 1e-9,
    hint: "Equate the two concentrations, solve for $E_F$ and differentiate with $\\mu_\\mathrm{Li} = -eV$; check your function on the Frenkel pair.",
  },
  {
    id: "03b-electrons-lps",
    notebook: "03b-brouwer-diagrams",
    kind: "prediction",
    prompt: "Predict before the LPS diagram is drawn: by how many decades does LPS's electron density change from 1.8 V to 2.2 V ($\\log_{10} n(2.2) - \\log_{10} n(1.8)$)?",
    unit: "decades",
    tolerance: 0.2,
    hint: "What balances $\\mathrm{Li}_i^\\bullet$ in LPS, what is then the slope of $E_F$, and how does $n$ depend on $E_F$?",
  },
  {
    id: "03b-sigma-ratio-lps",
    notebook: "03b-brouwer-diagrams",
    kind: "prediction",
    prompt: "With the notebook's stated mobilities, predict $\\log_{10}(\\sigma_e/\\sigma_\\mathrm{ion})$ of LPS at 2.0 V from its defect chemistry, before the table computes it.",
    unit: "",
    tolerance: 0.3,
    hint: "Neutrality fixes the ratio of the two dominant densities; the mobilities do the rest.",
  },
  {
    id: "03b-dilute-lipon",
    notebook: "03b-brouwer-diagrams",
    kind: "prediction",
    prompt: "Predict the largest defect site fraction of LiPON at 4.0 V, outside its window ($\\log_{10}$ of it): is the dilute limit still valid there?",
    unit: "",
    tolerance: 0.5,
    hint: "Outside the window nothing stops $\\mu_\\mathrm{Li}$ from driving the Li defects: extrapolate the slopes of the diagram from the window edge.",
  },
  {
    id: "03b-frozen-antisites",
    notebook: "03b-brouwer-diagrams",
    kind: "explanation",
    prompt: "Which single assumption of the model, if dropped, turns LiPON's $E_F$ slope inside its window from $-1/2$ to $-1$? Answer with the option's number and explain in two sentences.",
    options: ["$\\mu_\\mathrm{O}$ and $\\mu_\\mathrm{N}$ held fixed", "antisites in equilibrium at room temperature", "the minimum-interface assumption", "Boltzmann statistics for the defects"],
    unit: "",
    tolerance: 0,
    hint: "Which defects set LiPON's slope to $-1/2$, and what would change if their number could not follow $E_F$?",
  },
  {
    id: "03b-hebb-wagner",
    notebook: "03b-brouwer-diagrams",
    kind: "explanation",
    prompt: "A Hebb-Wagner cell, Li | electrolyte | ion-blocking electrode, is polarised below the electrolyte's decomposition voltage. What does its steady-state current measure? Answer with the option's number and say why the other contribution vanishes.",
    options: ["the ionic conductivity", "the electronic (partial) conductivity", "the total conductivity", "the interface jump $\\Delta\\phi$"],
    unit: "",
    tolerance: 0,
    hint: "At steady state, what can cross the blocking electrode?",
  },
];

export const exercises: readonly Exercise[] = [
  {
    id: "01-cbm-llzo",
    notebook: "01-band-alignment",
    prompt: "Aligned to the vacuum level (Fig. 2, before any contact), how far above the Li Fermi level does LLZO's CBM lie? Use $\\psi_a$, LLZO's IP and its gap.",
    unit: "eV",
    tolerance: 0.01,
    hint: "The Li Fermi level sits $\\psi_a$ below the vacuum; LLZO's VBM sits IP below it and the CBM one gap higher.",
    kind: "number",
  },
  {
    id: "01-work-function-llzo",
    notebook: "01-band-alignment",
    prompt: "What is LLZO's work function (eV) when it is in contact with Li metal ($V = 0$)? The IP is fixed; $E_F$ comes from the defect chemistry.",
    unit: "eV",
    tolerance: 0.01,
    hint: "Work function = vacuum minus Fermi level = IP minus $E_F$ (E_F measured from the VBM).",
    kind: "number",
  },
  {
    id: "02-frenkel-llzo",
    notebook: "02-defect-chemistry",
    prompt: "Predict LLZO's Fermi level (eV above the VBM) at $V = 0$ from the Frenkel balance $[V_\\mathrm{Li}'] = [\\mathrm{Li}_i^\\bullet]$ alone.",
    unit: "eV",
    tolerance: 0.01,
    hint: "Equate the two concentrations $N g\\,e^{-E_f/kT}$ with $E_f(V_\\mathrm{Li}^-) = E_0 + \\mu - E_F$ and $E_f(\\mathrm{Li}_i^+) = E_0 - \\mu + E_F$; the site and degeneracy ratio enters as $\\tfrac{kT}{2}\\ln(\\ldots)$.",
    kind: "number",
  },
  {
    id: "02-shift-per-volt",
    notebook: "02-defect-chemistry",
    prompt: "In the Frenkel regime, by how much (eV) does LLZO's $E_F$ change when the voltage rises from 0 to 1 V?",
    unit: "eV",
    tolerance: 0.02,
    hint: "Both formation energies move with $\\mu_\\mathrm{Li} = -eV$, in opposite directions; their crossing point moves one for one.",
    kind: "number",
  },
  {
    id: "03-slope-lipon",
    notebook: "03-fermi-level-slopes",
    prompt: "What is $dE_F/dV$ of LiPON at 1.5 V (inside its window)? Predict it from the defects that set $E_F$ there.",
    unit: "eV/V",
    tolerance: 0.05,
    hint: "A Li defect balanced by a defect that exchanges no Li (N_O, O_N) gives half the Frenkel slope.",
    kind: "number",
  },
  {
    id: "03-overfit-lps",
    notebook: "03-fermi-level-slopes",
    prompt: "Overfitting: fit LPS's $\\mathrm{Li}_i^\\bullet$ energy, with no bound, to Table 1's LPS column (least squares over $\\Delta\\phi_c$). With the fitted energy, where is $E_F$ relative to the CBM at 1.74 V (eV; positive = above the CBM)?",
    unit: "eV",
    // 0.005 eV: the Boltzmann closed form misses the Fermi-Dirac answer by about 0.02 eV in this
    // degenerate regime, and must not be accepted (issue 22, item 4)
    tolerance: 0.005,
    hint: "Use `course.unboundedLpsFit(set, published)` (`import * as course from \"potmap/course\"`), build the record with that energy and solve $E_F$ at $\\mu_\\mathrm{Li} = -1.74$ eV; subtract the gap. Near or above the CBM the electrons are degenerate: Boltzmann statistics is not enough.",
    kind: "number",
  },
  {
    id: "04-dphia-lipon",
    notebook: "04-lithium-interfaces",
    prompt: "Compute $\\Delta\\phi_a$ for Li | LiPON by hand from eq. 5: $E_F$ at LiPON's anode-side window edge, its IP, $\\psi_a$ and $\\mu_a^*$.",
    unit: "V",
    tolerance: 0.005,
    hint: "$e\\Delta\\phi_a = E_F(\\mu_a^*) - \\mathrm{IP} + \\psi_a - \\mu_a^*$ with $\\mu_a^* = -\\max(V_\\mathrm{low}, 0)$; mind the sign of $\\mu_a^*$.",
    kind: "number",
  },
  {
    id: "05-dphic-llzo-lco",
    notebook: "05-cathode-interfaces",
    prompt: "Predict $\\Delta\\phi_c$ for LLZO | LCO at 0 % SOC from eq. 7 (V).",
    unit: "V",
    tolerance: 0.005,
    hint: "$e\\phi_\\mathrm{cathode} = E_{F,c} - \\mathrm{IP}_c + \\psi_a + e\\,\\mathrm{OCV}$ and $e\\phi_\\mathrm{SE}$ at $\\mu_c^* = -\\min(V_\\mathrm{high}, \\mathrm{OCV})$.",
    kind: "number",
  },
  {
    id: "05-grey-lnmo",
    notebook: "05-cathode-interfaces",
    prompt: "How wide (V) is the grey region on the cathode side of LLZO | LNMO at 0 % SOC?",
    unit: "V",
    tolerance: 0.005,
    hint: "The electrolyte stops at its upper window edge; the rest of the way to the cathode's OCV is grey.",
    kind: "number",
  },
  {
    id: "06-direction-lnmo-lipon",
    notebook: "06-experimental-comparison",
    prompt: "For LNMO (0 %) | LiPON, does the cathode jump hinder discharge (+1) or charge (-1)?",
    unit: "",
    tolerance: 0,
    hint: "A positive jump is a barrier for Li⁺ moving from anode to cathode (discharge).",
    kind: "number",
  },
  {
    id: "07-ip-shift-llzo",
    notebook: "07b-what-if-band-edges",
    prompt: "If LLZO's ionization potential were 0.2 eV larger, by how much (V) would $\\Delta\\phi_a$ change?",
    unit: "V",
    tolerance: 0.005,
    hint: "The IP enters eq. 5 once, with a minus sign, and nothing else in $\\Delta\\phi_a$ depends on it.",
    kind: "number",
  },
  {
    id: "07-scissor-lps",
    notebook: "07b-what-if-band-edges",
    prompt: "Open LPS's gap by a +1 eV scissor. By how much (eV) does its $E_F$ at the cathode-side edge of its window move (LPS | LCO, 0 % SOC)?",
    unit: "eV",
    tolerance: 0.03,
    hint: "E_F is set by $[\\mathrm{Li}_i^\\bullet] = n$; $n \\propto e^{-(E_c - E_F)/kT}$ and $[\\mathrm{Li}_i^\\bullet] \\propto e^{-E_F/kT}$, so E_F follows the CBM by about half its shift.",
    kind: "number",
  },
  {
    id: "07a-defect-llzo",
    notebook: "07a-what-if-defects-and-temperature",
    prompt: "Raise the energy of LLZO's $\\mathrm{Li}_i^\\bullet$ by 0.2 eV (the IP kept). By how much (V) does $\\Delta\\phi_a$ of Li | LLZO change?",
    unit: "V",
    tolerance: 0.005,
    hint: "In the Frenkel balance $E_F = \\tfrac12(E_V - E_i) + \\mu_\\mathrm{Li} + \\ldots$; $e\\phi_\\mathrm{SE}$ follows $E_F$ one for one (eq. 5).",
    kind: "number",
  },
  {
    id: "07c-dopant-llzo",
    notebook: "07c-what-if-doping-and-quench",
    prompt: "Add $10^{20}$ cm⁻³ of $\\mathrm{Ta}_\\mathrm{Zr}^\\bullet$ donors (a fixed charge +1) to LLZO. By how much (eV) does its $E_F$ at 0 V rise?",
    unit: "eV",
    tolerance: 0.005,
    hint: "Neutrality $c_0 e^{-x} + D = c_0 e^{x}$ with $x = \\Delta E_F/kT$ and $c_0 = [V_\\mathrm{Li}'] = [\\mathrm{Li}_i^\\bullet]$ undoped.",
    kind: "number",
  },
  {
    id: "07d-sensitivity-lps",
    notebook: "07d-what-if-uncertainty-and-screening",
    prompt: "Raise LPS's $\\mathrm{Li}_i^\\bullet$ energy by 0.1 eV. By how much (V) does $\\Delta\\phi_c$ of Li | LPS | LCO 0 % change?",
    unit: "V",
    tolerance: 0.005,
    hint: "$E_F$ is set by $[\\mathrm{Li}_i^\\bullet] = n$: it moves by half of the energy change; $\\Delta\\phi_c = \\phi_\\mathrm{cathode} - \\phi_\\mathrm{SE}$.",
    kind: "number",
  },
  {
    id: "08-interlayer-lco-lno",
    notebook: "08-space-charge-and-stacks",
    prompt: "Put an LCO interlayer between LPS and LNO 0 % (Li | LPS | LCO | LNO 0 %). The interlayer sits at LNO's $\\mu_\\mathrm{Li}$ and takes the LCO state whose hull step holds that voltage (LNO 0 %'s 3.93 V lies between LCO's steps at 3.42 and 4.11 V: LCO 100 %). What is the jump $\\Delta\\phi$ (V) at the new LCO/LNO contact?",
    unit: "V",
    tolerance: 0.005,
    hint: "Both sides are at the same $\\mu_\\mathrm{Li}$, so eq. 5 leaves only $E_F - \\mathrm{IP}$ of each side: the jump is a difference of work functions.",
    kind: "number",
  },
  ...brouwerExercises,
];

export interface ExerciseCheck {
  id: string;
  /** null while the answer is not given (NaN or undefined). */
  correct: boolean | null;
  message: string;
}

/** Look an exercise up by id, with a message that lists the ids. */
export function findExercise(id: string): Exercise {
  const exercise = exercises.find((e) => e.id === id);
  if (!exercise) throw new PotmapError(`unknown exercise (known: ${exercises.map((e) => e.id).join(", ")})`, { field: "exercise", value: id });
  return exercise;
}

/**
 * Compare an answer with the computed one (exerciseAnswers.ts). NaN or undefined: not answered
 * yet (no error, so a student's notebook still runs). Wrong: "not yet" and the hint, never the
 * value nor whether the answer is too high or too low. A `code` exercise takes a function and is
 * checked at cases the student does not see.
 */
export function checkExercise(id: string, answer: ExerciseAnswer, set: DataSet, published?: PublishedNumbers): ExerciseCheck {
  const exercise = findExercise(id);
  const unit = exercise.unit ? ` ${exercise.unit}` : "";
  if (answer === undefined || (typeof answer === "number" && Number.isNaN(answer))) {
    const what = exercise.kind === "code" ? "a function" : exercise.kind === "explanation" ? "the number of your option" : "your prediction";
    return { id, correct: null, message: `${id}: not answered yet. Replace NaN with ${what}${exercise.unit ? ` (${exercise.unit})` : ""}.` };
  }
  if (exercise.kind === "code") {
    if (typeof answer !== "function") throw new PotmapError("this exercise takes a function", { field: `exercise ${id}`, value: typeof answer });
    const ok = codeAnswerMatches(id, answer, exercise.tolerance);
    return ok ? { id, correct: true, message: `${id}: right (your function agrees with the derivation at every test case).` } : { id, correct: false, message: `${id}: not yet. Hint: ${exercise.hint}` };
  }
  if (typeof answer !== "number" || !Number.isFinite(answer)) {
    throw new PotmapError("an answer must be a finite number", { field: `exercise ${id}`, value: String(answer) });
  }
  const expected = expectedAnswer(id, set, published);
  if (Math.abs(answer - expected) <= exercise.tolerance + 1e-12) {
    return { id, correct: true, message: `${id}: right (${answer}${unit}; the library gives ${round(expected)}${unit}, tolerance ${exercise.tolerance}${unit}).` };
  }
  return { id, correct: false, message: `${id}: not yet. Hint: ${exercise.hint}` };
}

const round = (x: number) => Number(x.toPrecision(4));

/** kT at the record's temperature, for worked solutions (eV). */
export function recordThermalEnergy(e: Electrolyte): number {
  return thermalEnergy(defectSystem(e).temperature);
}
