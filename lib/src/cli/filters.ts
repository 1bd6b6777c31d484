/**
 * --anode, --electrolyte and --cathode as filters (table, screen, uncertainty): the data set
 * or the raw records narrowed to the given ids (comma-separated, case-insensitive). An id that
 * is not in the set fails with the flag and the known ids, so a typo never screens nothing.
 */
import { PotmapError } from "../core/errors";
import { DataSet } from "../cell/materials";
import { RawRecord } from "../io/readRecords";

export interface MaterialFilters {
  anode?: readonly string[];
  electrolyte?: readonly string[];
  cathode?: readonly string[];
}

const roles = ["anode", "electrolyte", "cathode"] as const;

function check(role: (typeof roles)[number], wanted: readonly string[] | undefined, known: readonly string[]): ((id: string) => boolean) | undefined {
  if (wanted === undefined) return undefined;
  const lower = known.map((k) => k.toLowerCase());
  const unknown = wanted.filter((w) => !lower.includes(w.toLowerCase()));
  if (unknown.length) throw new PotmapError(`unknown ${role} (known: ${known.join(", ")})`, { field: `--${role}`, value: unknown.join(",") });
  const keep = new Set(wanted.map((w) => w.toLowerCase()));
  return (id) => keep.has(id.toLowerCase());
}

/** The set with only the wanted materials of each filtered role. */
export function filterDataSet(set: DataSet, filters: MaterialFilters): DataSet {
  const a = check("anode", filters.anode, set.anodes.map((m) => m.id));
  const e = check("electrolyte", filters.electrolyte, set.electrolytes.map((m) => m.id));
  const c = check("cathode", filters.cathode, set.cathodes.map((m) => m.id));
  return {
    anodes: a ? set.anodes.filter((m) => a(m.id)) : set.anodes,
    electrolytes: e ? set.electrolytes.filter((m) => e(m.id)) : set.electrolytes,
    cathodes: c ? set.cathodes.filter((m) => c(m.id)) : set.cathodes,
  };
}

/** The raw records with only the wanted ids of each filtered role (other records kept). */
export function filterRecords(records: readonly RawRecord[], filters: MaterialFilters): RawRecord[] {
  const tests = new Map<string, (id: string) => boolean>();
  for (const role of roles) {
    const known = records.filter((r) => r.record.role === role).map((r) => String(r.record.id));
    const t = check(role, filters[role], known);
    if (t) tests.set(role, t);
  }
  return records.filter((r) => {
    const t = tests.get(String(r.record.role));
    return t ? t(String(r.record.id)) : true;
  });
}
