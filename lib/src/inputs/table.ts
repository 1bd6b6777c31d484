/**
 * One table of the physical inputs of the model materials (the way cli/commands.ts is one
 * table of options): every number of an anode, an electrolyte (IP, gap, scissor, window,
 * temperature or fixed E_F, each defect charge state's energy, site densities, frozen totals,
 * dopants, tied potentials) and a cathode state (OCV, IP, E_F, gap, scissor), each with its id,
 * label, unit, kind, physical range, one-sigma uncertainty, named record path and an immutable
 * `with(value)` that returns a new material (the input is never changed in place).
 *
 * Sensitivity, perturbation, the explorer's knobs, the what-if helpers of the course and the
 * finite-input check of screening read their inputs here; raw records (provenance included)
 * have the same paths in inputs/recordInputs.ts.
 */
import { PhysicalRange, physicalRanges } from "../core/ranges";
import { Anode, CathodeState, DataSet, Electrolyte } from "../cell/materials";
import { DefectSystem } from "../defects/defects";
import { InputKind, inputKinds } from "./kinds";
import { cathodeStatePath, chargeText, defectEnergyPath } from "./paths";

export interface PhysicalInput<M> {
  /** Machine-readable id within its cell, e.g. "cathode.ionizationPotential". */
  id: string;
  /** Named record path, e.g. "LPS.defects[V_Li].charges[-1].energy". */
  path: string;
  /** For people, e.g. "IP of LCO 0%". */
  label: string;
  unit: string;
  kind: InputKind;
  /** Physical range of the value (core/ranges.ts). */
  range: PhysicalRange;
  value: number;
  /** One sigma: the record's declared uncertainty (`declared` map) else the kind's default. */
  sigma: number;
  sigmaDeclared: boolean;
  /** Additive (+-step) or multiplicative (x/ factor) for what-ifs. */
  scale: "additive" | "multiplicative";
  /** False for a number that does not enter dphi_a or dphi_c (a cathode's gap: the drawn CBM only). */
  entersJumps: boolean;
  /** The material with this input set to `value` (a new object; the original is unchanged). */
  with(value: number): M;
}

/** Declared one-sigma uncertainties by named record path (from the raw records, recordInputs). */
export type DeclaredSigmas = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

function declaredSigma(declared: DeclaredSigmas | undefined, path: string): number | undefined {
  if (!declared) return undefined;
  return declared instanceof Map ? declared.get(path) : (declared as Record<string, number>)[path];
}

function entry<M>(id: string, path: string, label: string, kind: InputKind, value: number, declared: DeclaredSigmas | undefined, set: (copy: M, value: number) => void, original: M, entersJumps = true): PhysicalInput<M> {
  const info = inputKinds[kind];
  const d = declaredSigma(declared, path);
  return {
    id, path, label, unit: info.unit, kind, range: physicalRanges[info.range], value,
    sigma: d ?? info.defaultSigma, sigmaDeclared: d !== undefined, scale: info.scale, entersJumps,
    with(v: number): M {
      const copy = structuredClone(original);
      set(copy, v);
      return copy;
    },
  };
}

/** The inputs of an anode. */
export function anodeInputs(anode: Anode, declared?: DeclaredSigmas): PhysicalInput<Anode>[] {
  return [entry("anode.workFunction", `${anode.id}.workFunction`, `work function of ${anode.id}`, "workFunction", anode.workFunction, declared, (a, v) => (a.workFunction = v), anode)];
}

const systemOf = (e: Electrolyte): DefectSystem => (e.fermiLevel as Extract<Electrolyte["fermiLevel"], { rule: "defects" }>).system;

/** The inputs of an electrolyte, in the order sensitivity lists them. */
export function electrolyteInputs(e: Electrolyte, declared?: DeclaredSigmas): PhysicalInput<Electrolyte>[] {
  const p = e.id;
  const list: PhysicalInput<Electrolyte>[] = [
    entry("electrolyte.ionizationPotential", `${p}.ionizationPotential`, `IP of ${p}`, "ionizationPotential", e.ionizationPotential, declared, (c, v) => (c.ionizationPotential = v), e),
    entry("electrolyte.window.lower", `${p}.window.lower`, `window lower edge of ${p}`, "window", e.window.lower, declared, (c, v) => (c.window.lower = v), e),
    entry("electrolyte.window.upper", `${p}.window.upper`, `window upper edge of ${p}`, "window", e.window.upper, declared, (c, v) => (c.window.upper = v), e),
    // one gap per electrolyte: the record's, which cell/fermiLevel.ts electrolyteSystem puts into the carriers
    entry("electrolyte.bandGap", `${p}.bandGap`, `band gap of ${p}`, "bandGap", e.bandGap, declared, (c, v) => {
      c.bandGap = v;
      if (c.fermiLevel.rule === "defects") c.fermiLevel.system.bandGap = v;
    }, e),
    entry("electrolyte.scissor", `${p}.scissor`, `scissor on the CBM of ${p}`, "scissor", e.scissor ?? 0, declared, (c, v) => (c.scissor = v), e),
  ];
  const rule = e.fermiLevel;
  if (rule.rule === "fixed") {
    list.push(entry("electrolyte.fermiLevel.value", `${p}.fermiLevel`, `E_F of ${p} (fixed)`, "fermiLevel", rule.value, declared, (c, v) => ((c.fermiLevel as { value: number }).value = v), e));
    return list;
  }
  const system = rule.system;
  list.push(entry("temperature", `${p}.temperature`, "temperature", "temperature", system.temperature, declared, (c, v) => (systemOf(c).temperature = v), e));
  system.defects.forEach((defect, d) => {
    defect.chargeStates.forEach((s, k) => {
      list.push(entry(`electrolyte.defects[${defect.name}].chargeStates[q=${s.charge}].energy`, defectEnergyPath(p, defect.name, s.charge), `E0 of ${defect.name}(${chargeText(s.charge)})`, "defectEnergy", s.energy, declared, (c, v) => (systemOf(c).defects[d].chargeStates[k].energy = v), e));
    });
    list.push(entry(`electrolyte.defects[${defect.name}].sites`, `${p}.defects[${defect.name}].sites`, `site density of ${defect.name}`, "siteDensity", defect.sites, declared, (c, v) => (systemOf(c).defects[d].sites = v), e));
    if (defect.frozenConcentration !== undefined) {
      list.push(entry(`electrolyte.defects[${defect.name}].frozenConcentration`, `${p}.defects[${defect.name}].frozenConcentration`, `frozen total of ${defect.name}`, "concentration", defect.frozenConcentration, declared, (c, v) => (systemOf(c).defects[d].frozenConcentration = v), e));
    }
  });
  (system.dopants ?? []).forEach((dopant, i) => {
    list.push(entry(`electrolyte.dopants[${dopant.name}].concentration`, `${p}.dopants[${dopant.name}].concentration`, `concentration of dopant ${dopant.name}`, "concentration", dopant.concentration, declared, (c, v) => (systemOf(c).dopants![i].concentration = v), e));
  });
  for (const element of Object.keys(system.potentials ?? {})) {
    list.push(entry(`electrolyte.potentials.${element}.intercept`, `${p}.potentials[${element}].intercept`, `mu_${element} intercept`, "potential", system.potentials![element].intercept, declared, (c, v) => (systemOf(c).potentials![element].intercept = v), e));
  }
  return list;
}

/** The inputs of a cathode state. */
export function cathodeStateInputs(s: CathodeState, declared?: DeclaredSigmas): PhysicalInput<CathodeState>[] {
  const p = cathodeStatePath(s.id, s.soc);
  const state = `${s.id} ${s.soc}`;
  return [
    entry("cathode.ionizationPotential", `${p}.ionizationPotential`, `IP of ${state}`, "ionizationPotential", s.ionizationPotential, declared, (c, v) => (c.ionizationPotential = v), s),
    entry("cathode.fermiLevel", `${p}.fermiLevel`, `E_F of ${state} above its VBM`, "fermiLevel", s.fermiLevel, declared, (c, v) => (c.fermiLevel = v), s),
    entry("cathode.ocv", `${p}.ocv`, `OCV of ${state}`, "ocv", s.ocv, declared, (c, v) => (c.ocv = v), s),
    entry("cathode.bandGap", `${p}.bandGap`, `band gap of ${state}`, "bandGap", s.bandGap, declared, (c, v) => (c.bandGap = v), s, false),
    entry("cathode.scissor", `${p}.scissor`, `scissor on the CBM of ${state}`, "scissor", s.scissor ?? 0, declared, (c, v) => (c.scissor = v), s, false),
  ];
}

/** One input of a material by id; undefined when the material has none. */
export function findInput<M>(inputs: readonly PhysicalInput<M>[], id: string): PhysicalInput<M> | undefined {
  return inputs.find((i) => i.id === id);
}

/** Every input of every material of a data set, by named record path (anodes, electrolytes, cathode states). */
export function dataSetInputs(set: DataSet, declared?: DeclaredSigmas): PhysicalInput<unknown>[] {
  return [
    ...set.anodes.flatMap((a) => anodeInputs(a, declared)),
    ...set.electrolytes.flatMap((e) => electrolyteInputs(e, declared)),
    ...set.cathodes.flatMap((c) => c.states.flatMap((s) => cathodeStateInputs(s, declared))),
  ] as PhysicalInput<unknown>[];
}
