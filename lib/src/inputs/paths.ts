/**
 * Record paths of physical inputs, one spelling for the raw records (JSON) and the model
 * materials, so that a declared uncertainty, a sensitivity row and a calibration knob name the
 * same number the same way: `LLZO.defects[V_Li].charges[-1].energy`, `LCO[0%].ionizationPotential`,
 * `LPS.window.lower`, `Li.workFunction`.
 */

/** "+1", "-1", "0": the charge of a defect state as a path segment. */
export function chargeText(charge: number): string {
  return charge > 0 ? `+${charge}` : String(charge);
}

/** Prefix of a cathode state's inputs, e.g. "LCO[0%]". */
export function cathodeStatePath(id: string, soc: string): string {
  return `${id}[${soc}]`;
}

/** Path of the formation energy E0 of one charge state of a defect of an electrolyte. */
export function defectEnergyPath(electrolyte: string, defect: string, charge: number): string {
  return `${electrolyte}.defects[${defect}].charges[${chargeText(charge)}].energy`;
}

type Json = Record<string, any>;

/**
 * The named path of a number in a raw record, from its raw path (keys and array indices):
 * array items of defects, charge states, dopants and cathode states are named by their name,
 * charge or state of charge; the top-level `fermiLevel` wrapper (an electrolyte's rule) and a
 * trailing `.value` are dropped. Falls back to the raw spelling where an item has no name.
 */
export function namedRecordPath(record: Json, raw: readonly (string | number)[]): string {
  let out = String(record?.id ?? "?");
  let node: any = record;
  for (let i = 0; i < raw.length; i++) {
    const key = raw[i];
    const next = raw[i + 1];
    const child = node?.[key as any];
    if (key === "value" && i === raw.length - 1) break;
    if (typeof key === "number") {
      out += `[${key}]`;
    } else if (key === "states" && typeof next === "number" && record?.role === "cathode") {
      out = `${out}[${child?.[next]?.soc ?? next}]`;
      node = child?.[next];
      i++;
      continue;
    } else if ((key === "defects" || key === "dopants") && typeof next === "number") {
      out += `.${key}[${child?.[next]?.name ?? next}]`;
      node = child?.[next];
      i++;
      continue;
    } else if (key === "chargeStates" && typeof next === "number") {
      const q = child?.[next]?.charge;
      out += typeof q === "number" ? `.charges[${chargeText(q)}]` : `.chargeStates[${next}]`;
      node = child?.[next];
      i++;
      continue;
    } else if (key === "potentials" && typeof next === "string") {
      out += `.potentials[${next}]`;
      node = child?.[next];
      i++;
      continue;
    } else if (key === "fermiLevel" && i === 0 && child && typeof child === "object") {
      // the rule's numbers are the electrolyte's own (temperature, defects) or its fixed E_F
      if (next === "value") {
        out += ".fermiLevel";
        node = child;
        continue;
      }
    } else {
      out += `.${key}`;
    }
    node = child;
  }
  return out;
}
