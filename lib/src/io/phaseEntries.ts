/**
 * Phase entries: compositions with formation energies, read from the two
 * formats the CLI accepts. This is the only module of the thermodynamics code
 * that touches the file system; everything else takes entries in and gives
 * numbers out (the entry type and the queries on entries: thermo/phaseEntry.ts).
 *
 * All energies are kept as formation energies per atom, relative to the
 * elemental reference states (so an elemental reference has 0). With that
 * convention the Li chemical potential of Li metal is 0 and a voltage vs
 * Li/Li+ is simply -mu_Li.
 */
import { readFileSync } from "node:fs";
import { checkInputFile, fileSizeLimits } from "./textFile";
import { PotmapError } from "../core/errors";
import { jsonErrorLine, scanJsonText } from "../core/jsonText";
import { inPhysicalRange, physicalRanges, rangeText } from "../core/ranges";
import { parseDecimal, requireFiniteNumber } from "../core/validation";
import {
  atomCount,
  compositionFrom,
  parseFormula,
  reducedFormula,
} from "../thermo/formula";
import { formationEnergies, PhaseEntry } from "../thermo/phaseEntry";
import { requireText } from "../core/arguments";

/** Options for reading entries that carry total (not formation) energies. */
export interface EntryReadOptions {
  /**
   * Add energy corrections (`correction` / `energy_adjustments`) of JSON
   * entries to their raw energies. Default true, as Materials Project phase
   * diagrams do.
   */
  applyCorrections?: boolean;
}

/** Read phase entries from a CSV or JSON file (format chosen by content, see parsePhaseEntries). */
export function readPhaseEntries(file: string, options: EntryReadOptions = {}): PhaseEntry[] {
  let text: string;
  checkInputFile(file, "phase-entries", fileSizeLimits.phaseEntries);
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PotmapError(`cannot read phase-entries file (${code ?? String(error)})`, { file });
  }
  return parsePhaseEntries(text, file, options);
}

/**
 * Parse phase entries from text: JSON if the first non-blank character is
 * "[" or "{", CSV otherwise. `file` is only used in error messages.
 */
export function parsePhaseEntries(text: string, file = "<entries>", options: EntryReadOptions = {}): PhaseEntry[] {
  requireText(text, "text");
  const start = text.replace(/^\uFEFF/, "").trimStart()[0];
  return start === "[" || start === "{" ? parsePhaseEntriesJson(text, file, options) : parsePhaseEntriesCsv(text, file);
}

// ---------------------------------------------------------------- CSV

/**
 * Parse a CSV of phase entries. Header (case-insensitive, any column order,
 * extra columns ignored):
 * - `formula` (required): any formula parseFormula accepts;
 * - `formation_energy_per_atom` (eV/atom, relative to the elements), or, if
 *   that column is absent, `energy_per_atom` (total energy per atom; formation
 *   energies are then computed against the lowest-energy elemental rows);
 * - optional `material_id` / `entry_id` / `id`;
 * - optional `space_group` (an integer 1-230; blank = unknown), which lets a voltage name a
 *   polymorph (`MnO2@227`, thermo/phaseEntry.ts resolvePhase).
 * Every entry records the file it came from (`file`), so that a hull never mixes two files.
 * Blank lines and lines starting with "#" are skipped. Every data line must
 * have as many fields as the header.
 */
export function parsePhaseEntriesCsv(text: string, file = "<csv>"): PhaseEntry[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const rows: { line: number; fields: string[]; raw: string }[] = [];
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    rows.push({ line: i + 1, fields: splitCsvLine(raw), raw });
  });
  if (rows.length === 0) {
    throw new PotmapError("empty file: expected a CSV header `formula,formation_energy_per_atom` and data rows", { file });
  }
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  const headerAt = `${file}, line ${rows[0].line}`;
  const column = (...names: string[]) => {
    for (const name of names) {
      const i = header.indexOf(name);
      if (i >= 0) return i;
    }
    return -1;
  };
  const formulaColumn = column("formula");
  if (formulaColumn < 0) {
    throw new PotmapError("CSV header has no `formula` column", { file: headerAt, field: "header", value: rows[0].raw });
  }
  let energyColumn = column("formation_energy_per_atom");
  const isFormation = energyColumn >= 0;
  if (!isFormation) energyColumn = column("energy_per_atom");
  if (energyColumn < 0) {
    throw new PotmapError("CSV header needs a `formation_energy_per_atom` (or `energy_per_atom`) column", {
      file: headerAt,
      field: "header",
      value: rows[0].raw,
    });
  }
  const idColumn = column("material_id", "entry_id", "id");
  const groupColumn = column("space_group");
  if (rows.length === 1) {
    throw new PotmapError("no data rows after the header", { file });
  }

  // energyPerAtom here is whatever the column holds: formation or total.
  const raw: PhaseEntry[] = rows.slice(1).map(({ line, fields, raw: text }) => {
    const at = `${file}, line ${line}`;
    if (fields.length !== header.length) {
      throw new PotmapError(`expected ${header.length} comma-separated fields (as in the header), found ${fields.length}`, {
        file: at,
        value: text,
      });
    }
    const formula = fields[formulaColumn].trim();
    const composition = parseFormula(formula, { file: at, field: "formula", zeroAmounts: false });
    const field = header[energyColumn];
    const energy = parseNumber(fields[energyColumn], { file: at, field });
    // an element in its reference state has formation energy 0 by definition; a polymorph lies
    // above it (> 0); below it would mean the reference is not the element's ground state
    if (isFormation && Object.keys(composition).length === 1 && energy < 0) {
      throw new PotmapError("an elemental row's formation energy must be 0 (the reference state) or positive (a polymorph above it)", { file: at, field, value: fields[energyColumn].trim() });
    }
    const id = idColumn >= 0 ? fields[idColumn].trim() : "";
    const groupText = groupColumn >= 0 ? fields[groupColumn].trim() : "";
    const spaceGroup = groupText === "" ? undefined : Number(groupText);
    if (spaceGroup !== undefined && !(/^[0-9]+$/.test(groupText) && spaceGroup >= 1 && spaceGroup <= 230)) {
      throw new PotmapError("a space group must be an integer from 1 to 230 (or blank)", { file: at, field: "space_group", value: groupText });
    }
    // an absent id or space group is left out, not set to undefined
    return { formula, composition, energyPerAtom: energy, ...(id ? { id } : {}), ...(spaceGroup !== undefined ? { spaceGroup } : {}), source: at, file };
  });
  return isFormation ? raw : formationEnergies(raw, file);
}

/** Split one CSV line; double-quoted fields may contain commas ("" is a quote). */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(current);
      current = "";
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/** An energy cell of the CSV: decimal text only (core/validation says why). */
function parseNumber(text: string, where: { file: string; field: string }): number {
  const value = parseDecimal(text, where, { unit: "eV/atom" });
  // 1e300 eV/atom is a slip, and it would make the linear programs fail (HiGHS) downstream
  if (!inPhysicalRange(value, "energyPerAtom")) throw new PotmapError(`must be ${rangeText("energyPerAtom")}: ${physicalRanges.energyPerAtom.what}`, { ...where, value: text.trim() });
  return value;
}

// ---------------------------------------------------------------- JSON

/**
 * Parse a JSON list of Materials-Project-style computed entries (pymatgen
 * `ComputedEntry.as_dict()` or similar), or an object `{"entries": [...]}`.
 *
 * Per entry:
 * - composition: `composition` (object {"Li": 2, "O": 1} or formula string),
 *   else `formula` / `formula_pretty` / `reduced_formula` (string).
 *   Total energies refer to this composition as written (not reduced).
 * - raw energy, first present of: `uncorrected_energy` (total, eV);
 *   `energy` (total; in pymatgen's as_dict this is the *uncorrected* energy);
 *   `uncorrected_energy_per_atom`; `energy_per_atom` (eV/atom).
 * - correction (total, eV): `correction` if present, else the sum of the
 *   `value`s in `energy_adjustments`, else 0.
 * - energy used = raw energy + correction, i.e. `uncorrected_energy +
 *   correction` when both are present, matching the corrected energy that
 *   pymatgen's ComputedEntry.energy returns. Because `uncorrected_energy`
 *   wins over `energy`, a dict whose `energy` is already corrected is not
 *   corrected twice as long as it also states `uncorrected_energy`. Give
 *   per-atom energies that already include corrections without a
 *   `correction` field. `applyCorrections: false` ignores all corrections.
 * - optional `entry_id` / `material_id`.
 * Formation energies are then computed against the lowest-energy elemental
 * entry of each element; an element without any elemental entry is an error.
 */
export function parsePhaseEntriesJson(text: string, file = "<json>", options: EntryReadOptions = {}): PhaseEntry[] {
  const applyCorrections = options.applyCorrections ?? true;
  let data: unknown;
  try {
    // nesting depth and repeated keys (core/jsonText.ts), then JSON.parse
    const body = text.replace(/^\uFEFF/, "");
    scanJsonText(body, file);
    data = JSON.parse(body);
  } catch (error) {
    if (error instanceof PotmapError) throw error;
    const message = (error as Error).message;
    const line = jsonErrorLine(message, text.replace(/^\uFEFF/, ""));
    throw new PotmapError(`invalid JSON${line ? ` at line ${line}` : ""} (${message})`, { file });
  }
  if (data && typeof data === "object" && !Array.isArray(data) && Array.isArray((data as { entries?: unknown }).entries)) {
    data = (data as { entries: unknown[] }).entries;
  }
  if (!Array.isArray(data)) {
    throw new PotmapError("expected a JSON list of computed entries (or {\"entries\": [...]})", { file, field: "(document)", value: data });
  }
  if (data.length === 0) throw new PotmapError("JSON list of entries is empty", { file });

  // Total energies per atom until formationEnergies() below.
  const raw: PhaseEntry[] = data.map((item, i) => {
    const at = `${file}, entry [${i}]`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      throw new PotmapError("expected an entry object", { file: at, value: item });
    }
    const entry = item as Record<string, unknown>;
    const compositionField = ["composition", "formula", "formula_pretty", "reduced_formula"].find((k) => k in entry);
    if (!compositionField) {
      throw new PotmapError("entry has no `composition` (or `formula`)", { file: at, value: entry });
    }
    const value = entry[compositionField];
    if (compositionField !== "composition" && typeof value !== "string") {
      throw new PotmapError("expected a formula string", { file: at, field: compositionField, value });
    }
    const composition = compositionFrom(value, { file: at, field: compositionField, zeroAmounts: false });
    const atoms = atomCount(composition);

    const number = (field: string): number | undefined => {
      if (!(field in entry) || entry[field] === null) return undefined;
      return requireFiniteNumber(entry[field], { file: at, field });
    };
    let total: number;
    const uncorrected = number("uncorrected_energy");
    const energy = number("energy");
    const uncorrectedPerAtom = number("uncorrected_energy_per_atom");
    const perAtom = number("energy_per_atom");
    if (uncorrected !== undefined) total = uncorrected;
    else if (energy !== undefined) total = energy;
    else if (uncorrectedPerAtom !== undefined) total = uncorrectedPerAtom * atoms;
    else if (perAtom !== undefined) total = perAtom * atoms;
    else {
      throw new PotmapError("entry has no energy (`energy`, `uncorrected_energy` or `energy_per_atom`)", {
        file: at,
        value: entry,
      });
    }
    if (applyCorrections) total += correctionOf(entry, at, number);
    if (!inPhysicalRange(total / atoms, "energyPerAtom")) {
      throw new PotmapError(`the energy per atom (${total / atoms}) must be ${rangeText("energyPerAtom")}: ${physicalRanges.energyPerAtom.what}`, { file: at, value: total });
    }

    const idValue = entry.entry_id ?? entry.material_id;
    return {
      formula: typeof value === "string" ? value : reducedFormula(composition),
      composition,
      energyPerAtom: total / atoms,
      ...(typeof idValue === "string" || typeof idValue === "number" ? { id: String(idValue) } : {}),
      source: at,
      file,
    };
  });
  return formationEnergies(raw, file);
}

function correctionOf(
  entry: Record<string, unknown>,
  at: string,
  number: (field: string) => number | undefined,
): number {
  const correction = number("correction");
  if (correction !== undefined) return correction;
  const adjustments = entry.energy_adjustments;
  if (adjustments === undefined || adjustments === null) return 0;
  if (!Array.isArray(adjustments)) {
    throw new PotmapError("expected a list of energy adjustments", { file: at, field: "energy_adjustments", value: adjustments });
  }
  let sum = 0;
  adjustments.forEach((adjustment, k) => {
    const v = adjustment && typeof adjustment === "object" ? (adjustment as { value?: unknown }).value : undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new PotmapError("expected an adjustment with a numeric `value` (eV)", {
        file: at,
        field: `energy_adjustments[${k}]`,
        value: adjustment,
      });
    }
    sum += v;
  });
  return sum;
}

// ---------------------------------------------------------------- energies
