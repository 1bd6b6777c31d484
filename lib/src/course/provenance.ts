/**
 * Where every input of Fig. 2 comes from (notebook 01): for each IP (or work function) and gap,
 * whether the record gives it as a literature or computed "source" value or as a value
 * "calibrated" to the paper's numbers, with the record's own note. Reads the raw JSON records,
 * because the material types keep the numbers and drop their provenance.
 */
import { DataSet } from "../cell/materials";
import { orderedCathodeStates, orderedElectrolytes } from "../cell/dataSet";

/** A raw material record (as readRawRecords returns it). */
export interface RawMaterialRecord {
  record: Record<string, any>;
}

function provenance(q: unknown): { status: string; note: string } {
  if (q === undefined) return { status: "—", note: "" };
  if (typeof q === "number") return { status: "bare number", note: "" };
  const o = q as { calibrated?: string; source?: string };
  if (o.calibrated) return { status: "calibrated", note: o.calibrated };
  if (o.source) return { status: "source", note: o.source };
  return { status: "?", note: "" };
}

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One row per anode, electrolyte and cathode state: IP (or ψ) and gap in eV, and where each comes from (plain keys, course/labels.ts). */
export function inputProvenance(set: DataSet, raw: readonly RawMaterialRecord[], width = 64): Record<string, string | number>[] {
  const byId = new Map(raw.map((r) => [r.record.id as string, r.record]));
  const row = (material: string, role: string, ip: number, ipQ: unknown, gap: number, gapQ: unknown) => {
    const a = provenance(ipQ);
    const b = gapQ === "metal" ? { status: "metal", note: "" } : provenance(gapQ);
    return { material, role, ipOrWorkFunction: ip, ipStatus: a.status, bandGap: gap, gapStatus: b.status, ipSource: short(a.note, width), gapSource: short(b.note, width) };
  };
  const rows = set.anodes.map((a) => row(a.id, "anode", a.workFunction, byId.get(a.id)?.workFunction, 0, "metal"));
  for (const e of orderedElectrolytes(set)) rows.push(row(e.id, "electrolyte", e.ionizationPotential, byId.get(e.id)?.ionizationPotential, e.bandGap, byId.get(e.id)?.bandGap));
  for (const s of orderedCathodeStates(set)) {
    const state = (byId.get(s.id)?.states as Record<string, unknown>[] | undefined)?.find((x) => x.soc === s.soc);
    rows.push(row(`${s.id} ${s.soc}`, "cathode", s.ionizationPotential, state?.ionizationPotential, s.bandGap, state?.bandGap));
  }
  return rows;
}
