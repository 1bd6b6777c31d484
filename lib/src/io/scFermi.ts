/**
 * Reading SC-FERMI / py-sc-fermi inputs (model.md section 2, cli.md `potmap fermi`). (Over 300
 * lines: three file formats, each parsed line by line with an error naming file, line and value.)
 *
 *  - input-fermi.dat: spin flag (1 = not spin polarised, 2 = spin polarised), electrons in
 *    the DOS cell, band gap (eV), temperature (K), number of defect species, then per defect
 *    "name nchargestates nsites" followed by nchargestates lines "charge energy degeneracy"
 *    (energy = formation energy at E_F = VBM, chemical potentials included); optionally a
 *    frozen section: number of frozen defects, "name concentration" lines (cm^-3, total fixed,
 *    charge states re-equilibrate), number of frozen charge states, "name charge concentration"
 *    lines (cm^-3, that charge state fixed).
 *  - totdos.dat: energy (eV, VBM = 0) and one DOS column, or two (up, down) when spin polarised.
 *  - unitcell.dat: a scale factor and three lattice vectors (Angstrom).
 *
 * '#' starts a comment anywhere on a line; blank lines are skipped. Numbers may use a Fortran
 * "D" exponent (1.0D+20). Every bad input is one PotmapError naming the file, the line and
 * the value. The parsers are pure (text, fileName); loadScFermi reads the files. The data
 * types and the DefectSystem built from them are physics: defects/scFermiSystem.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { PotmapError } from "../core/errors";
import { cubicAngstrom } from "../core/constants";
import { checkInputFile, fileSizeLimits } from "./textFile";
import { inPhysicalRange, physicalRanges, rangeText } from "../core/ranges";
import { isDecimal, parseDecimal, parseInteger as parseIntegerText, parseNumberInRange } from "../core/validation";
import {
  ScFermiChargeState,
  ScFermiDefect,
  ScFermiDos,
  ScFermiFrozenChargeState,
  ScFermiFrozenDefect,
  ScFermiInput,
  scFermiSystem,
  ScFermiSystem,
  ScFermiUnitCell,
} from "../defects/scFermiSystem";
import { requireText } from "../core/arguments";

// ---------------------------------------------------------------- line handling

interface Line {
  /** 1-based line number in the file. */
  number: number;
  tokens: string[];
  text: string;
}

/** Non-empty lines with '#' comments removed, keeping their line numbers. */
function meaningfulLines(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const hash = raw.indexOf("#");
    const content = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (content === "") return;
    out.push({ number: i + 1, tokens: content.split(/\s+/), text: content });
  });
  return out;
}

/** SC-FERMI files are written by Fortran too: "1.0d-3" is a number. */
function isNumeric(token: string): boolean {
  return isDecimal(token, { fortranExponent: true });
}

function fail(file: string, line: number | undefined, what: string, value: unknown, reason: string): never {
  const field = line === undefined ? what : `line ${line} (${what})`;
  throw new PotmapError(reason, value === undefined ? { file, field } : { file, field, value });
}

/** A finite number in Fortran or C notation, else one clear error. */
function parseNumber(token: string, file: string, line: number, what: string): number {
  return parseDecimal(token, { file, field: `line ${line} (${what})` }, { fortranExponent: true });
}

/**
 * parseNumber for the long numeric tables (totdos.dat has thousands of rows): a plain decimal
 * is read directly (the same Number() parseDecimal returns for it), anything else goes
 * through parseNumber, so Fortran exponents and every error message stay as they were.
 */
const plainDecimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
function tableNumber(token: string, file: string, line: number, what: string): number {
  if (plainDecimal.test(token)) {
    const value = Number(token);
    if (Number.isFinite(value)) return value;
  }
  return parseNumber(token, file, line, what);
}

function parsePositive(token: string, file: string, line: number, what: string, unit?: string): number {
  return parseNumberInRange(token, { file, field: `line ${line} (${what})` }, { min: 0, exclusiveMin: true, unit }, { fortranExponent: true });
}

function parseInteger(token: string, file: string, line: number, what: string, min: number): number {
  return parseIntegerText(token, { file, field: `line ${line} (${what})` }, { min }, { fortranExponent: true });
}

function expectFields(entry: Line, count: number, file: string, what: string, layout: string): void {
  if (entry.tokens.length !== count) {
    fail(
      file,
      entry.number,
      what,
      entry.text,
      `expected ${count} field${count === 1 ? "" : "s"} (${layout}) but found ${entry.tokens.length}`,
    );
  }
}

// ---------------------------------------------------------------- input-fermi.dat

/** Parse input-fermi.dat text. `fileName` is used in error messages only. */
export function readInputFermi(text: string, fileName = "input-fermi.dat"): ScFermiInput {
  requireText(text, "text");
  const file = fileName;
  const lines = meaningfulLines(text);
  let cursor = 0;
  const lastLine = () => (lines.length ? lines[lines.length - 1].number : 0);

  const scalar = (what: string): Line => {
    const entry = lines[cursor++];
    if (!entry) {
      fail(file, undefined, what, undefined, `the file ends (after line ${lastLine()}) before the ${what}`);
    }
    expectFields(entry, 1, file, what, `the ${what} alone`);
    return entry;
  };

  const spinLine = scalar("spin-polarisation flag");
  const spinFlag = parseNumber(spinLine.tokens[0], file, spinLine.number, "spin-polarisation flag");
  if (spinFlag !== 1 && spinFlag !== 2) {
    fail(file, spinLine.number, "spin-polarisation flag", spinLine.tokens[0], "must be 1 (not spin polarised) or 2 (spin polarised)");
  }
  const electronsLine = scalar("number of electrons");
  const electrons = parsePositive(electronsLine.tokens[0], file, electronsLine.number, "number of electrons");
  const gapLine = scalar("band gap");
  const bandGap = parsePositive(gapLine.tokens[0], file, gapLine.number, "band gap", "eV");
  const temperatureLine = scalar("temperature");
  const temperature = parsePositive(temperatureLine.tokens[0], file, temperatureLine.number, "temperature", "K");
  // the shared physical ranges (core/ranges.ts): a gap of 1e300 eV or 1e6 K is a slip, and the
  // solver would search E_F up to it; a semiconductor's gap may be small, so only the top is checked
  if (!(bandGap <= physicalRanges.bandGap.max)) fail(file, gapLine.number, "band gap", gapLine.tokens[0], `must be at most ${physicalRanges.bandGap.max} eV: ${physicalRanges.bandGap.what}`);
  if (!inPhysicalRange(temperature, "temperature")) fail(file, temperatureLine.number, "temperature", temperatureLine.tokens[0], `must be ${rangeText("temperature")}`);
  const countLine = scalar("number of defect species");
  const defectCount = parseInteger(countLine.tokens[0], file, countLine.number, "number of defect species", 0);

  const defects: ScFermiDefect[] = [];
  const seen = new Map<string, number>();
  for (let d = 0; d < defectCount; d++) {
    const header = lines[cursor++];
    if (!header) {
      fail(
        file,
        countLine.number,
        "number of defect species",
        defectCount,
        `declares ${defectCount} defect species but the file ends (after line ${lastLine()}) after ${d}`,
      );
    }
    const what = `defect ${d + 1} of ${defectCount}`;
    if (isNumeric(header.tokens[0])) {
      const previous = defects[defects.length - 1];
      fail(
        file,
        header.number,
        what,
        header.text,
        `expected a defect line "name nchargestates nsites" but found numbers` +
          (previous ? ` (defect ${previous.name} on line ${previous.line} may declare fewer charge states than it lists)` : ""),
      );
    }
    expectFields(header, 3, file, what, "name nchargestates nsites");
    const name = header.tokens[0];
    if (seen.has(name)) fail(file, header.number, what, name, `defect ${name} is already defined on line ${seen.get(name)}`);
    seen.set(name, header.number);
    const stateCount = parseInteger(header.tokens[1], file, header.number, `${name} number of charge states`, 1);
    const nsites = parseNumber(header.tokens[2], file, header.number, `${name} nsites`);
    if (nsites < 0) fail(file, header.number, `${name} nsites`, header.tokens[2], "the number of sites per cell must not be negative");
    const chargeStates: ScFermiChargeState[] = [];
    for (let s = 0; s < stateCount; s++) {
      const entry = lines[cursor];
      if (!entry || !isNumeric(entry.tokens[0]) || entry.tokens.length === 1) {
        const found = entry ? ` (line ${entry.number} is "${entry.text}")` : ` (the file ends after line ${lastLine()})`;
        fail(
          file,
          header.number,
          `${name} number of charge states`,
          stateCount,
          `defect ${name} declares ${stateCount} charge states but only ${s} charge-state line${s === 1 ? "" : "s"} follow${s === 1 ? "s" : ""}${found}`,
        );
      }
      cursor++;
      const stateWhat = `${name} charge state ${s + 1}`;
      expectFields(entry, 3, file, stateWhat, "charge energy degeneracy");
      const charge = parseNumber(entry.tokens[0], file, entry.number, `${name} charge`);
      if (!Number.isInteger(charge)) fail(file, entry.number, `${name} charge`, entry.tokens[0], "a charge must be a whole number");
      if (!inPhysicalRange(charge, "chargeState")) fail(file, entry.number, `${name} charge`, entry.tokens[0], `must be ${rangeText("chargeState")}: ${physicalRanges.chargeState.what}`);
      const energy = parseNumber(entry.tokens[1], file, entry.number, `${name} formation energy`);
      if (!inPhysicalRange(energy, "defectEnergy")) fail(file, entry.number, `${name} formation energy`, entry.tokens[1], `must be ${rangeText("defectEnergy")}: ${physicalRanges.defectEnergy.what}`);
      const degeneracy = parsePositive(entry.tokens[2], file, entry.number, `${name} degeneracy`);
      if (!inPhysicalRange(degeneracy, "degeneracy")) fail(file, entry.number, `${name} degeneracy`, entry.tokens[2], `must be ${rangeText("degeneracy")}: ${physicalRanges.degeneracy.what}`);
      const duplicate = chargeStates.find((c) => c.charge === charge);
      if (duplicate) fail(file, entry.number, `${name} charge`, entry.tokens[0], `charge ${charge} of ${name} is already given on line ${duplicate.line}`);
      chargeStates.push({ charge, energy, degeneracy, line: entry.number });
    }
    defects.push({ name, nsites, chargeStates, line: header.number });
  }

  // ---- optional frozen section
  const frozenDefects: ScFermiFrozenDefect[] = [];
  const frozenChargeStates: ScFermiFrozenChargeState[] = [];
  const countAfter = (what: string, hint: string): number | undefined => {
    const entry = lines[cursor];
    if (!entry) return undefined;
    if (entry.tokens.length !== 1 || !isNumeric(entry.tokens[0])) {
      fail(file, entry.number, what, entry.text, `expected the ${what} (one whole number) here; ${hint}`);
    }
    cursor++;
    return parseInteger(entry.tokens[0], file, entry.number, what, 0);
  };
  const frozenCount = countAfter(
    "number of frozen defects",
    `is the number of defect species (line ${countLine.number}: ${defectCount}) or a charge-state count too small?`,
  );
  const frozenCountLine = lines[cursor - 1];
  for (let f = 0; f < (frozenCount ?? 0); f++) {
    const entry = lines[cursor];
    if (!entry || entry.tokens.length === 1) {
      const found = entry ? ` (line ${entry.number} is "${entry.text}")` : ` (the file ends after line ${lastLine()})`;
      fail(file, frozenCountLine.number, "number of frozen defects", frozenCount, `declares ${frozenCount} frozen defects but only ${f} line${f === 1 ? "" : "s"} "name concentration" follow${f === 1 ? "s" : ""}${found}`);
    }
    cursor++;
    expectFields(entry, 2, file, `frozen defect ${f + 1}`, "name concentration");
    const [name, value] = entry.tokens;
    const concentration = parseNumber(value, file, entry.number, `${name} frozen concentration`);
    if (concentration < 0) fail(file, entry.number, `${name} frozen concentration`, value, "a concentration must not be negative (cm^-3)");
    if (!seen.has(name)) fail(file, entry.number, "frozen defect name", name, `no defect called ${name} is defined (defined: ${[...seen.keys()].join(", ") || "none"})`);
    const duplicate = frozenDefects.find((x) => x.name === name);
    if (duplicate) fail(file, entry.number, "frozen defect name", name, `${name} is already frozen on line ${duplicate.line}`);
    frozenDefects.push({ name, concentration, line: entry.number });
  }
  const stateCount = frozenCount === undefined ? undefined : countAfter("number of frozen charge states", "check the number of frozen defects");
  const stateCountLine = lines[cursor - 1];
  for (let f = 0; f < (stateCount ?? 0); f++) {
    const entry = lines[cursor];
    if (!entry || entry.tokens.length === 1) {
      const found = entry ? ` (line ${entry.number} is "${entry.text}")` : ` (the file ends after line ${lastLine()})`;
      fail(file, stateCountLine.number, "number of frozen charge states", stateCount, `declares ${stateCount} frozen charge states but only ${f} line${f === 1 ? "" : "s"} "name charge concentration" follow${f === 1 ? "s" : ""}${found}`);
    }
    cursor++;
    expectFields(entry, 3, file, `frozen charge state ${f + 1}`, "name charge concentration");
    const [name, chargeText, value] = entry.tokens;
    const charge = parseNumber(chargeText, file, entry.number, `${name} frozen charge`);
    if (!Number.isInteger(charge)) fail(file, entry.number, `${name} frozen charge`, chargeText, "a charge must be a whole number");
    const concentration = parseNumber(value, file, entry.number, `${name} frozen concentration`);
    if (concentration < 0) fail(file, entry.number, `${name} frozen concentration`, value, "a concentration must not be negative (cm^-3)");
    // a frozen charge state of a defect is one of that defect's own (a name that is no defect
    // is a fixed charge of its own, as in py-sc-fermi)
    const owner = defects.find((d) => d.name === name);
    if (owner && !owner.chargeStates.some((c) => c.charge === charge)) {
      fail(file, entry.number, `${name} frozen charge`, chargeText, `${name} has no charge state ${charge} (its charge states, line ${owner.line}: ${owner.chargeStates.map((c) => c.charge).join(", ")})`);
    }
    const duplicate = frozenChargeStates.find((x) => x.name === name && x.charge === charge);
    if (duplicate) fail(file, entry.number, "frozen charge state", `${name} ${charge}`, `already frozen on line ${duplicate.line}`);
    frozenChargeStates.push({ name, charge, concentration, line: entry.number });
  }
  if (cursor < lines.length) {
    const entry = lines[cursor];
    fail(file, entry.number, "unexpected line", entry.text, "the input is complete before this line (check the declared counts)");
  }
  return { file, spinPolarised: spinFlag === 2, electrons, bandGap, temperature, defects, frozenDefects, frozenChargeStates };
}

// ---------------------------------------------------------------- totdos.dat

/**
 * Parse totdos.dat text: energy then one DOS column, or two (up, down) when spin polarised.
 * `spinPolarised` (from input-fermi.dat) fixes the expected column count; when omitted it is
 * inferred from the first row (2 columns: not spin polarised, 3: spin polarised).
 */
export function readTotalDos(text: string, fileName = "totdos.dat", spinPolarised?: boolean): ScFermiDos {
  requireText(text, "text");
  const file = fileName;
  const lines = meaningfulLines(text);
  if (lines.length < 2) fail(file, undefined, "rows", lines.length, "a density of states needs at least two rows (energy, dos)");
  const first = lines[0];
  let spin = spinPolarised;
  if (spin === undefined) {
    if (first.tokens.length !== 2 && first.tokens.length !== 3) {
      fail(file, first.number, "columns", first.text, `expected 2 columns (energy dos) or 3 (energy up down) but found ${first.tokens.length}`);
    }
    spin = first.tokens.length === 3;
  }
  const columns = spin ? 3 : 2;
  const layout = spin ? "energy dos_up dos_down: spin polarised" : "energy dos: not spin polarised";
  const energies: number[] = [];
  const dos: number[] = [];
  const lineNumbers: number[] = [];
  for (const entry of lines) {
    if (entry.tokens.length !== columns) {
      fail(file, entry.number, "columns", entry.text, `expected ${columns} columns (${layout}) but found ${entry.tokens.length}`);
    }
    const energy = tableNumber(entry.tokens[0], file, entry.number, "energy");
    const values = entry.tokens.slice(1).map((t) => tableNumber(t, file, entry.number, "dos"));
    if (!spin && values[0] < 0) fail(file, entry.number, "dos", entry.tokens[1], "a density of states must not be negative");
    const previous = energies.length ? energies[energies.length - 1] : -Infinity;
    if (!(energy > previous)) {
      fail(
        file,
        entry.number,
        "energy",
        entry.tokens[0],
        `energies must increase strictly down the file (line ${lineNumbers[lineNumbers.length - 1]} has ${previous})`,
      );
    }
    energies.push(energy);
    dos.push(values.reduce((sum, v) => sum + Math.abs(v), 0));
    lineNumbers.push(entry.number);
  }
  return { file, spinPolarised: spin, energies, dos, lines: lineNumbers };
}

// ---------------------------------------------------------------- unitcell.dat

/** Parse unitcell.dat text: a scale factor, then three lattice vectors (Angstrom). */
export function readUnitCell(text: string, fileName = "unitcell.dat"): ScFermiUnitCell {
  requireText(text, "text");
  const file = fileName;
  const lines = meaningfulLines(text);
  const scaleLine = lines[0];
  if (!scaleLine) fail(file, undefined, "scale factor", undefined, "the file has no scale factor (it is empty or all comments)");
  expectFields(scaleLine, 1, file, "scale factor", "the scale factor alone");
  const scale = parsePositive(scaleLine.tokens[0], file, scaleLine.number, "scale factor");
  if (!inPhysicalRange(scale, "cellScale")) {
    fail(file, scaleLine.number, "scale factor", scaleLine.tokens[0], `must be ${rangeText("cellScale")}: the lattice vectors are in Angstrom, so the scale factor is about 1`);
  }
  const lattice: number[][] = [];
  for (let i = 0; i < 3; i++) {
    const entry = lines[1 + i];
    if (!entry) fail(file, undefined, `lattice vector ${i + 1}`, undefined, `the file ends (after line ${lines[lines.length - 1].number}) before lattice vector ${i + 1} of 3`);
    expectFields(entry, 3, file, `lattice vector ${i + 1}`, "x y z in Angstrom");
    lattice.push(entry.tokens.map((t) => parseNumber(t, file, entry.number, `lattice vector ${i + 1}`)));
  }
  if (lines.length > 4) fail(file, lines[4].number, "unexpected line", lines[4].text, "expected only a scale factor and three lattice vectors");
  const [a, b, c] = lattice;
  const det = a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  const volume = Math.abs(det) * scale ** 3;
  if (!(volume > 0) || !Number.isFinite(volume)) {
    fail(file, lines[1].number, "lattice vectors", lattice, "the lattice vectors are linearly dependent (zero cell volume)");
  }
  if (!inPhysicalRange(volume, "cellVolume")) {
    fail(file, lines[1].number, "lattice vectors", lattice, `give a cell volume of ${volume.toPrecision(4)} A^3 (with scale factor ${scale}); a cell is ${rangeText("cellVolume")}`);
  }
  return { file, scale, lattice, volume };
}

// ---------------------------------------------------------------- files

export interface ScFermiFiles {
  /** Path of input-fermi.dat. */
  input: string;
  /** Path of totdos.dat; default: totdos.dat next to the input, if it exists. */
  dos?: string;
  /** Path of unitcell.dat; default: unitcell.dat next to the input, if it exists. */
  unitcell?: string;
  /** Override the temperature of input-fermi.dat, K. */
  temperature?: number;
}

export interface LoadedScFermi {
  input: ScFermiInput;
  dos?: ScFermiDos;
  unitCell: ScFermiUnitCell;
  system: ScFermiSystem;
  /** The files actually read. */
  files: { input: string; dos?: string; unitcell: string };
}

/** An SC-FERMI file's text, or one PotmapError naming the file and its role (missing, a folder, unreadable). */
export function readScFermiFile(file: string, role: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new PotmapError(`the ${role} file does not exist`, { file });
  }
  if (stat.isDirectory()) throw new PotmapError(`the ${role} file is a directory, not a file`, { file });
  checkInputFile(file, role, fileSizeLimits.scFermi);
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new PotmapError(`the ${role} file cannot be read: ${(error as Error).message}`, { file });
  }
}

/**
 * The per-cell counts of input-fermi.dat against the cell (the shared ranges, core/ranges.ts;
 * `potmap fermi` and `potmap import` both call this): electrons per cell volume an electron
 * density of a solid, sites per cell a site density, frozen totals and frozen charge states
 * (together) within their defect's sites.
 */
export function checkScFermiCell(input: ScFermiInput, unitCell: ScFermiUnitCell): void {
  const perCell = 1 / (unitCell.volume * cubicAngstrom);
  const file = input.file;
  const electrons = input.electrons * perCell;
  if (!inPhysicalRange(electrons, "electronDensity")) {
    fail(file, undefined, "number of electrons", input.electrons, `gives ${electrons.toExponential(3)} electrons per cm^3 in the ${unitCell.volume.toPrecision(6)} A^3 cell of ${unitCell.file}; must be ${rangeText("electronDensity")}: ${physicalRanges.electronDensity.what}`);
  }
  for (const f of input.frozenChargeStates.filter((x) => !input.defects.some((d) => d.name === x.name))) {
    if (!inPhysicalRange(f.concentration, "concentration")) fail(file, f.line, `${f.name} frozen concentration`, f.concentration, `must be ${rangeText("concentration")}: ${physicalRanges.concentration.what}`);
  }
  for (const d of input.defects) {
    const sites = d.nsites * perCell;
    if (!(sites <= physicalRanges.siteDensity.max)) {
      fail(file, d.line, `${d.name} nsites`, d.nsites, `gives ${sites.toExponential(3)} sites per cm^3 in the ${unitCell.volume.toPrecision(6)} A^3 cell of ${unitCell.file}; must be at most ${physicalRanges.siteDensity.max.toExponential(1)} cm^-3: ${physicalRanges.siteDensity.what}`);
    }
    const fixed = input.frozenChargeStates.filter((f) => f.name === d.name);
    for (const f of fixed) {
      if (f.concentration > sites) fail(file, f.line, `${d.name} frozen concentration`, f.concentration, `must be at most the site density of ${d.name}, ${d.nsites} sites per cell = ${sites.toExponential(3)} cm^-3: more defects than sites`);
    }
    const sum = fixed.reduce((s, f) => s + f.concentration, 0);
    if (fixed.length === 0) continue;
    if (sum > sites) fail(file, fixed[fixed.length - 1].line, `${d.name} frozen concentration`, sum, `the frozen charge states of ${d.name} add up to more than its site density (${sites.toExponential(3)} cm^-3)`);
  }
}

/** Read input-fermi.dat and its companions and build the DefectSystem. */
export function loadScFermi(files: ScFermiFiles): LoadedScFermi {
  const inputPath = files.input;
  const input = readInputFermi(readScFermiFile(inputPath, "input-fermi.dat"), inputPath);
  const folder = path.dirname(inputPath);
  const near = (name: string) => {
    const candidate = path.join(folder, name);
    return fs.existsSync(candidate) && fs.statSync(candidate).isFile() ? candidate : undefined;
  };
  const dosPath = files.dos ?? near("totdos.dat");
  const cellPath = files.unitcell ?? near("unitcell.dat");
  if (!cellPath) {
    throw new PotmapError(
      `the cell volume is needed to turn sites per cell into cm^-3, but there is no unitcell.dat next to the input and no --unitcell was given`,
      { file: inputPath, field: "unitcell" },
    );
  }
  const unitCell = readUnitCell(readScFermiFile(cellPath, "unitcell.dat"), cellPath);
  checkScFermiCell(input, unitCell);
  const dos = dosPath ? readTotalDos(readScFermiFile(dosPath, "totdos.dat"), dosPath, input.spinPolarised) : undefined;
  const system = scFermiSystem(input, dos, unitCell.volume, { temperature: files.temperature });
  return { input, dos, unitCell, system, files: { input: inputPath, dos: dosPath, unitcell: cellPath } };
}
