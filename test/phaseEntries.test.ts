import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PotmapError } from "../lib/src/core/errors";
import { PhaseEntry, findEntry, formationEnergies, lowestEntries } from "../lib/src/thermo/phaseEntry";
import {
  parsePhaseEntries,
  parsePhaseEntriesCsv,
  parsePhaseEntriesJson,
  readPhaseEntries,
} from "../lib/src/io/phaseEntries";

const fixture = (name: string) => path.resolve(__dirname, "fixtures/phase", name);
// CI checks out /work/shared beside the repository.
const shared = (name: string) => path.resolve(__dirname, "../../shared/data/phase-entries", name);

/** The PotmapError thrown by fn (fails the test if none is thrown). */
function errorOf(fn: () => unknown): PotmapError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PotmapError);
    return error as PotmapError;
  }
  throw new Error("expected a PotmapError");
}

describe("CSV entries", () => {
  it("reads formation energies, ids and extra columns", () => {
    const entries = readPhaseEntries(fixture("li-ti-o.csv"));
    expect(entries).toHaveLength(8);
    expect(entries[3]).toMatchObject({ formula: "Li2O", composition: { Li: 2, O: 1 }, energyPerAtom: -2.0, id: "toy-li2o" });
    expect(entries[3].source).toMatch(/li-ti-o\.csv, line 5$/);
  });

  it("keeps duplicate polymorphs but queries use the lowest", () => {
    const entries = readPhaseEntries(fixture("li-ti-o.csv"));
    expect(entries.filter((e) => e.formula === "Li2TiO3")).toHaveLength(2);
    expect(findEntry(entries, "Li2TiO3")?.id).toBe("toy-li2tio3");
    expect(findEntry(entries, "Li4Ti2O6")?.energyPerAtom).toBe(-2.75);
    expect(lowestEntries(entries)).toHaveLength(7);
    expect(findEntry(entries, "LiTiO2")).toBeUndefined();
  });

  it("matches fractional and reduced formulas to the same entry", () => {
    const entries = readPhaseEntries(fixture("li-co-o-voltage.csv"));
    expect(findEntry(entries, "LiCo2O4")?.formula).toBe("Li0.5CoO2");
    expect(findEntry(entries, "Li")?.energyPerAtom).toBe(0);
  });

  it("accepts CRLF, BOM, comments, blank lines and quoted fields", () => {
    const text = '\uFEFFformula,formation_energy_per_atom\r\n# comment\r\n\r\n"Li2O",-2.0\r\nLi,0\r\nO,0\r\n';
    const entries = parsePhaseEntriesCsv(text, "x.csv");
    expect(entries.map((e) => e.formula)).toEqual(["Li2O", "Li", "O"]);
  });

  it("computes formation energies from an energy_per_atom column", () => {
    const text = "formula,energy_per_atom\nLi,-1.9\nLi,-1.8\nO2,-4.9\nLi2O,-4.9\n";
    const li2o = findEntry(parsePhaseEntriesCsv(text), "Li2O")!;
    expect(li2o.energyPerAtom).toBeCloseTo((3 * -4.9 - 2 * -1.9 - -4.9) / 3, 12);
  });

  it("reads the shared CritExam file, parsing formulas as compositions", () => {
    const entries = readPhaseEntries(shared("critexam-li-systems.csv"));
    expect(entries).toHaveLength(516);
    expect(findEntry(entries, "Li3PO4")?.formula).toBe("Li3O4P1");
    expect(findEntry(entries, "Li2PO2N")?.formula).toBe("Li2N1O2P1");
    expect(findEntry(entries, "LiNi0.5Mn1.5O4")?.formula).toBe("Li2Mn3Ni1O8");
    expect(findEntry(entries, "Li2NiCoO4")?.formula).toBe("Co1Li2Ni1O4");
  });

  it("reads the shared MP2020 file (formation_energy_per_atom wins over energy_per_atom)", () => {
    const entries = readPhaseEntries(shared("mp2020-li-co-ni-o.csv"));
    expect(entries).toHaveLength(775);
    expect(findEntry(entries, "LiCoO2")?.id).toBe("mp-22526");
    expect(findEntry(entries, "CoO2")?.id).toBe("mp-1400906");
    expect(findEntry(entries, "Li0.5CoO2")?.id).toBe("mp-774082");
    // The energies relative to the elements agree with the total energies.
    const rows = readFileSync(shared("mp2020-li-co-ni-o.csv"), "utf8").trim().split("\n").slice(1);
    const totals = parsePhaseEntriesCsv(
      ["formula,energy_per_atom", ...rows.map((row) => row.split(",").slice(0, 2).join(","))].join("\n"),
    );
    expect(findEntry(totals, "LiCoO2")!.energyPerAtom).toBeCloseTo(findEntry(entries, "LiCoO2")!.energyPerAtom, 7);
  });
});

describe("CSV errors name file, line, field and value", () => {
  it("wrong column count", () => {
    const e = errorOf(() => readPhaseEntries(fixture("bad-columns.csv")));
    expect(e.message).toMatch(/bad-columns\.csv, line 4, value "Li2O,-2\.0,extra": expected 2 comma-separated fields/);
  });
  it("non-numeric energy", () => {
    const e = errorOf(() => readPhaseEntries(fixture("bad-energy.csv")));
    expect(e.message).toMatch(/bad-energy\.csv, line 4, field "formation_energy_per_atom", value "abc": expected a number/);
    expect(e.field).toBe("formation_energy_per_atom");
    expect(e.value).toBe("abc");
  });
  it.each(["", "1.2abc", "NaN", "inf", "0x10", "1e999"])("rejects energy %j rather than producing NaN", (value) => {
    const e = errorOf(() => parsePhaseEntriesCsv(`formula,formation_energy_per_atom\nLi2O,${value}\n`, "t.csv"));
    expect(e.message).toContain(`t.csv, line 2, field "formation_energy_per_atom", value ${JSON.stringify(value)}`);
  });
  it("unknown element", () => {
    const e = errorOf(() => readPhaseEntries(fixture("unknown-element.csv")));
    expect(e.message).toMatch(/unknown-element\.csv, line 4, field "formula", value "Li2Xq": unknown element symbol "Xq"/);
  });
  it("empty file, header only, missing columns", () => {
    expect(errorOf(() => readPhaseEntries(fixture("empty.csv"))).message).toMatch(/empty\.csv: empty file/);
    expect(errorOf(() => parsePhaseEntriesCsv("formula,formation_energy_per_atom\n", "h.csv")).message).toMatch(
      /h\.csv: no data rows/,
    );
    expect(errorOf(() => parsePhaseEntriesCsv("name,formation_energy_per_atom\nLi,0\n", "h.csv")).message).toMatch(
      /h\.csv, line 1, field "header".*no `formula` column/,
    );
    expect(errorOf(() => parsePhaseEntriesCsv("formula,energy\nLi,0\n", "h.csv")).message).toMatch(
      /formation_energy_per_atom/,
    );
  });
  it("missing file", () => {
    expect(errorOf(() => readPhaseEntries(fixture("nope.csv"))).message).toMatch(/nope\.csv: cannot read phase-entries file \(ENOENT\)/);
  });
  it("missing elemental reference with total energies", () => {
    const e = errorOf(() => parsePhaseEntriesCsv("formula,energy_per_atom\nLi,-1.9\nLi2O,-4.9\n", "t.csv"));
    expect(e.message).toMatch(/t\.csv, line 3, field "composition", value "Li2O": no elemental entry for O/);
  });
});

describe("JSON computed entries", () => {
  it("applies corrections and computes formation energies against the lowest elemental entries", () => {
    const entries = readPhaseEntries(fixture("li-ti-o-entries.json"));
    expect(entries).toHaveLength(9);
    const energy = (id: string) => entries.find((e) => e.id === id)!.energyPerAtom;
    expect(energy("toy-li")).toBeCloseTo(0, 12);
    expect(energy("toy-li-b")).toBeCloseTo(0.05, 12); // a polymorph above the reference
    expect(energy("toy-li2o")).toBeCloseTo(-2.0, 12); // energy + correction
    expect(energy("toy-tio2")).toBeCloseTo(-3.0, 12); // energy + sum of energy_adjustments
    expect(energy("toy-tio2-b")).toBeCloseTo((-26.4 + 17.6) / 3, 12); // energy_per_atom
    expect(energy("toy-li2tio3")).toBeCloseTo(-2.75, 12); // uncorrected_energy + correction, not energy + correction
    expect(energy("toy-li4tio4")).toBeCloseTo(-2.55, 12); // composition given as a formula string
    expect(findEntry(entries, "TiO2")!.id).toBe("toy-tio2");
    expect(entries.find((e) => e.id === "toy-li2tio3")!.formula).toBe("Li2TiO3");
  });

  it("can ignore corrections", () => {
    const entries = parsePhaseEntries(
      readFileSync(fixture("li-ti-o-entries.json"), "utf8"),
      "e.json",
      { applyCorrections: false },
    );
    expect(findEntry(entries, "Li2O")!.energyPerAtom).toBeCloseTo((-14.0 + 8.7) / 3, 12);
  });

  it("accepts {entries: [...]}", () => {
    const text = JSON.stringify({ entries: [{ composition: { Li: 1 }, energy: -1 }, { composition: { Li: 1, O: 1 }, energy: -10, correction: 0 }, { composition: { O: 1 }, energy: -5 }] });
    expect(findEntry(parsePhaseEntriesJson(text), "LiO")!.energyPerAtom).toBeCloseTo(-2, 12);
  });

  it("errors: bad JSON, missing reference, bad fields", () => {
    expect(errorOf(() => readPhaseEntries(fixture("bad.json"))).message).toMatch(/bad\.json: invalid JSON/);
    expect(errorOf(() => readPhaseEntries(fixture("missing-reference.json"))).message).toMatch(
      /missing-reference\.json, entry \[2\], field "composition", value "Li2TiO3": no elemental entry for Ti/,
    );
    expect(errorOf(() => parsePhaseEntriesJson("[]", "e.json")).message).toMatch(/e\.json: JSON list of entries is empty/);
    expect(errorOf(() => parsePhaseEntriesJson('{"a": 1}', "e.json")).message).toMatch(/expected a JSON list/);
    expect(errorOf(() => parsePhaseEntriesJson('[{"composition": {"Li": 1}, "energy": "x"}]', "e.json")).message).toMatch(
      /e\.json, entry \[0\], field "energy", value "x": expected a finite number/,
    );
    expect(errorOf(() => parsePhaseEntriesJson('[{"composition": {"Li": 1}}]', "e.json")).message).toMatch(
      /entry \[0\].*no energy/,
    );
    expect(errorOf(() => parsePhaseEntriesJson('[{"composition": {"Lq": 1}, "energy": 1}]', "e.json")).message).toMatch(
      /entry \[0\], field "composition".*unknown element symbol "Lq"/,
    );
    expect(errorOf(() => parsePhaseEntriesJson('[{"formula": "Li2Qq", "energy": 1}]', "e.json")).message).toMatch(
      /entry \[0\], field "formula", value "Li2Qq"/,
    );
    expect(
      errorOf(() => parsePhaseEntriesJson('[{"composition": {"Li": 1}, "energy": 1, "energy_adjustments": [{"name": "x"}]}]', "e.json"))
        .message,
    ).toMatch(/field "energy_adjustments\[0\]"/);
    expect(errorOf(() => parsePhaseEntriesJson("[3]", "e.json")).message).toMatch(/entry \[0\], value 3: expected an entry object/);
  });

  it("formationEnergies is pure and leaves formation energies of elements at 0", () => {
    const raw: PhaseEntry[] = [
      { formula: "Li", composition: { Li: 1 }, energyPerAtom: -2 },
      { formula: "LiO", composition: { Li: 1, O: 1 }, energyPerAtom: -6 },
      { formula: "O", composition: { O: 1 }, energyPerAtom: -4 },
    ];
    const out = formationEnergies(raw);
    expect(out.map((e) => e.energyPerAtom)).toEqual([0, -3, 0]);
    expect(raw[0].energyPerAtom).toBe(-2);
  });
});
