/**
 * SC-FERMI defect models as potmap electrolyte records, and back (issue "Real defect models in").
 *
 * importScFermi turns parsed SC-FERMI inputs (io/scFermi.ts) into a raw electrolyte record:
 * defect species, charge states, energies, degeneracies, site densities (from the unit cell)
 * and the host DOS come from the files; the fields SC-FERMI does not hold (IP, window, colour, transport,
 * name, operating temperature) from a base record. SC-FERMI formation energies already include
 * every chemical potential at one point of the phase diagram, which the files do not record;
 * the caller states the Li chemical potential of that point (muLi, eV vs Li metal). The record
 * stores energies at mu_Li = 0, E0 = E_file + dN_Li * muLi (model.md section 2:
 * E_f = E0 - dN_Li mu), with every other chemical potential held where the file had it (as the
 * paper does for the non-Li species).
 *
 * exportScFermi writes a defect-chemistry record back as SC-FERMI files at a chosen mu_Li, so
 * that `potmap fermi` on them reproduces the record (the round trip of the tests).
 *
 * Pure: text in, plain objects out; the CLI layer reads and writes the files.
 */
import { PotmapError } from "../core/errors";
import { cubicAngstrom } from "../core/constants";
import { Electrolyte } from "../cell/materials";
import { ScFermiDos, ScFermiInput, ScFermiUnitCell } from "../defects/scFermiSystem";
import { elementSymbols } from "../thermo/formula";
import { inPhysicalRange, physicalRanges, rangeText, slipHint } from "../core/ranges";

type Json = Record<string, any>;

/**
 * Li exchanged with the reservoir when the defect forms, read from an SC-FERMI name when it is
 * unambiguous: "SPECIES_SITE[_qualifier]" with SPECIES an element or v/V/Va (vacancy) and SITE
 * an element or i (interstitial). Li_i +1, v_Li -1, Li_X +1 (Li on an X site), X_Li -1, any
 * other element pair 0. Returns undefined when the name does not follow that form.
 */
export function lithiumFromName(name: string): number | undefined {
  const parsed = parseDefectName(name);
  if (!parsed) return undefined;
  const { species, site, vacancy, interstitial } = parsed;
  const known = (s: string) => elementSymbols.includes(s);
  if (!vacancy && !known(species)) return undefined;
  if (!interstitial && !known(site)) return undefined;
  if ((vacancy && interstitial) || (species === "Li" && site === "Li")) return undefined;
  return (species === "Li" ? 1 : 0) - (site === "Li" ? 1 : 0);
}

/** "SPECIES_SITE[_qualifier]" split, with SC-FERMI's spellings of a vacancy and an interstitial site. */
function parseDefectName(name: string): { species: string; site: string; vacancy: boolean; interstitial: boolean } | undefined {
  const [species, site] = name.split("_");
  if (site === undefined) return undefined;
  return { species, site, vacancy: /^(v|V|Va|va|Vac|vac)$/.test(species), interstitial: /^(i|int)$/.test(site) };
}

export interface ScFermiSources {
  /** File names as they should appear in the record's sources. */
  input: string;
  unitcell: string;
  dos?: string;
}

export interface ImportOptions {
  input: ScFermiInput;
  unitCell: ScFermiUnitCell;
  dos?: ScFermiDos;
  /** The built-in (or any) electrolyte record that supplies IP, window, colour, temperature. */
  base: Json;
  /** Id of the new record. */
  id: string;
  /** Li chemical potential at which the file's energies hold, eV vs Li metal (<= 0). */
  muLi: number;
  /** dN_Li for defects whose names do not say it (or to override a name). */
  lithium?: Record<string, number>;
  /** A sentence on where the files come from (a citation), added to every source. */
  citation?: string;
  /**
   * Synthesis-then-operation (the source authors' use of such models): equilibrate at the
   * file's temperature and mu_Li, freeze the listed defects (default every defect that is not
   * a Li vacancy or interstitial), operate at the base record's temperature. false: none.
   */
  synthesis?: false | { temperature?: number; freeze?: string[] };
  /** Names of the files, for sources. */
  files: ScFermiSources;
}

const round = (x: number, digits = 10) => Number(x.toPrecision(digits));

/** A raw electrolyte record (the data/materials JSON format) from SC-FERMI inputs. */
export function importScFermi(options: ImportOptions): Json {
  const { input, unitCell, dos, base, id, muLi, files } = options;
  if (base?.role !== "electrolyte") {
    throw new PotmapError("the base record must be an electrolyte", { field: "base", value: base?.id ?? base?.role });
  }
  if (typeof muLi !== "number" || !Number.isFinite(muLi) || muLi > 0) {
    throw new PotmapError("the Li chemical potential of the file's energies must be a finite number <= 0 eV (vs Li metal)", { field: "muLi", value: muLi });
  }
  if (!/^[A-Za-z0-9_.+-]+$/.test(id)) throw new PotmapError("an id may hold letters, digits and _ . + - only", { field: "id", value: id });
  const names = new Set(input.defects.map((d) => d.name));
  for (const name of Object.keys(options.lithium ?? {})) {
    if (!names.has(name)) throw new PotmapError(`names no defect of the file (defects: ${[...names].join(", ")})`, { file: files.input, field: "lithium", value: name });
    const value = options.lithium![name];
    if (!Number.isInteger(value)) throw new PotmapError("the Li exchanged must be a whole number", { field: `lithium.${name}`, value });
  }
  const cite = options.citation ? `; ${options.citation}` : "";
  const perCell = 1 / (unitCell.volume * cubicAngstrom);
  const muText = `mu_Li = ${muLi} eV`;

  // the frozen section (SC-FERMI: totals fixed, or single charge states fixed) as the record's
  // frozenConcentration and fixed charges, the way `potmap fermi` reads it (defects/scFermiSystem.ts)
  const fixedStates = input.frozenChargeStates ?? [];
  const frozenTotals = input.frozenDefects ?? [];
  const defects = input.defects.map((d) => {
    const fixed = fixedStates.filter((f) => f.name === d.name);
    const free = d.chargeStates.filter((s) => !fixed.some((f) => f.charge === s.charge));
    const total = frozenTotals.find((f) => f.name === d.name);
    if (free.length === 0) {
      throw new PotmapError(`every charge state of ${d.name} is frozen on its own; a record needs at least one charge state that is not (freeze its total instead)`, { file: files.input, field: `line ${fixed[fixed.length - 1].line} (frozen charge state)`, value: d.name });
    }
    const lithium = options.lithium?.[d.name] ?? lithiumFromName(d.name);
    if (lithium === undefined) {
      throw new PotmapError(
        `the Li exchanged by ${d.name} cannot be read from its name; give it with --lithium ${d.name}=DELTA (+1 Li gained, -1 lost, 0 none)`,
        { file: files.input, field: `defect ${d.name}`, value: d.name },
      );
    }
    return {
      name: d.name,
      lithium,
      sites: {
        value: round(d.nsites * perCell),
        source: `${d.nsites} sites per cell (${files.input} line ${d.line}) / cell volume ${round(unitCell.volume, 8)} A^3 (${files.unitcell})${cite}`,
      },
      ...(total !== undefined
        ? {
            frozenConcentration: {
              value: round(total.concentration - fixed.reduce((sum, f) => sum + f.concentration, 0)),
              source: `${files.input} line ${total.line}: frozen total ${total.concentration} cm^-3${fixed.length ? " less the charge states frozen on their own" : ""}${cite}`,
            },
          }
        : {}),
      chargeStates: free.map((s) => ({
        charge: s.charge,
        energy: {
          value: round(s.energy + lithium * muLi),
          source: `${files.input} line ${s.line}: ${s.energy} eV at the file's chemical potentials, shifted to mu_Li = 0 with dN_Li = ${lithium} from ${muText}${cite}`,
        },
        degeneracy: s.degeneracy,
      })),
    };
  });

  for (const f of frozenTotals) {
    const rest = f.concentration - fixedStates.filter((x) => x.name === f.name).reduce((sum, x) => sum + x.concentration, 0);
    if (rest < 0) throw new PotmapError(`the frozen total of ${f.name} is smaller than its charge states frozen on their own`, { file: files.input, field: `line ${f.line} (${f.name} frozen concentration)`, value: f.concentration });
  }
  // a charge state frozen on its own is a fixed charge of that concentration (named after its defect)
  const dopants = fixedStates.map((f) => ({
    name: names.has(f.name) ? `${f.name}(${f.charge > 0 ? "+" : ""}${f.charge})` : f.name,
    charge: f.charge,
    concentration: { value: f.concentration, source: `${files.input} line ${f.line}: charge state ${f.charge} of ${f.name} frozen${cite}` },
  }));
  const baseFermi = base.fermiLevel ?? {};
  const fermiLevel: Json = {
    rule: "defects",
    temperature: baseFermi.temperature ?? { value: 300, source: "room temperature" },
    carriers: dos
      ? {
          kind: "dos",
          energies: dos.energies,
          dos: dos.dos,
          electrons: input.electrons,
          volume: round(unitCell.volume),
          source: `host density of states ${files.dos ?? "totdos.dat"} (${dos.spinPolarised ? "spin up + down" : "not spin polarised"}), ${input.electrons} electrons in the ${round(unitCell.volume, 8)} A^3 cell (${files.input}, ${files.unitcell})${cite}`,
        }
      : baseFermi.carriers,
    defects,
    ...(dopants.length > 0 ? { dopants } : {}),
  };
  if (options.synthesis !== false) {
    // defects the file freezes stay frozen at the file's totals; the rest but mobile Li by default
    const fileFrozen = new Set(frozenTotals.map((f) => f.name));
    const freeze = options.synthesis?.freeze ?? defects.filter((d) => !isMobileLithium(d.name, d.lithium) && !fileFrozen.has(d.name)).map((d) => d.name);
    for (const name of freeze) {
      if (!names.has(name)) throw new PotmapError(`names no defect of the file (defects: ${[...names].join(", ")})`, { file: files.input, field: "synthesis.freeze", value: name });
    }
    fermiLevel.synthesis = {
      temperature: { value: options.synthesis?.temperature ?? input.temperature, source: `${files.input}: the temperature of the model (synthesis)${cite}` },
      muLi: { value: muLi, source: `the chemical potentials of ${files.input} (given on import)` },
      freeze,
      note: "defects equilibrated at the synthesis temperature and mu_Li, the listed ones frozen (total concentration fixed, charge states re-equilibrate), then solved at the operating temperature; Li vacancies and interstitials stay mobile",
    };
  }
  const record: Json = {
    id,
    name: `${base.name} (complete SC-FERMI model)`,
    role: "electrolyte",
    note: `Imported from SC-FERMI files ${files.input}, ${files.unitcell}${files.dos ? ", " + files.dos : ""} by potmap import at ${muText}; IP, window, colour, operating temperature, dielectric constant and transport (ionic conductivity, carrier mobilities) from the record ${base.id}${cite}`,
    bandGap: { value: input.bandGap, source: `${files.input} (band gap of the model)${cite}`, ...(base.bandGap?.functional ? { functional: base.bandGap.functional } : {}) },
    ionizationPotential: base.ionizationPotential,
    window: base.window,
    fermiLevel,
  };
  if (base.formula) record.formula = base.formula;
  if (base.colour) record.colour = base.colour;
  if (base.dielectricConstant) record.dielectricConstant = base.dielectricConstant;
  if (base.scissor) record.scissor = base.scissor;
  // the material's measured or assumed transport, not the defect model's: the conduction class needs it
  if (base.transport) record.transport = base.transport;
  return record;
}

/** Li vacancies and interstitials: the mobile species of a Li-ion conductor. */
function isMobileLithium(name: string, lithium: number): boolean {
  const d = parseDefectName(name);
  return d !== undefined && ((lithium === -1 && d.vacancy && d.site === "Li") || (lithium === 1 && d.species === "Li" && d.interstitial));
}

export interface ExportedScFermi {
  inputFermi: string;
  unitcell: string;
  totdos?: string;
  /** What the files cannot carry (e.g. parabolic masses other than 1 m_e). */
  notes: string[];
}

/**
 * SC-FERMI files of a defect-chemistry electrolyte at one mu_Li: energies E0 - dN_Li mu (the
 * chemical potentials then sit inside the energies, as SC-FERMI expects). Site densities go
 * through a cubic cell of `volume` A^3 (the DOS cell when the record has one, else 1000 A^3).
 * Frozen totals and dopants become SC-FERMI's frozen sections.
 */
export function exportScFermi(electrolyte: Electrolyte, muLi: number, options: { temperature?: number } = {}): ExportedScFermi {
  if (electrolyte.fermiLevel.rule !== "defects") {
    throw new PotmapError("only a defect-chemistry electrolyte can be written as SC-FERMI files", { field: "fermiLevel.rule", value: electrolyte.fermiLevel.rule });
  }
  if (typeof muLi !== "number" || !Number.isFinite(muLi)) throw new PotmapError("must be a finite Li chemical potential (eV)", { field: "muLi", value: muLi });
  // what `potmap fermi` and the record reader would refuse is not written (issue 20)
  if (!inPhysicalRange(muLi, "muLi")) throw new PotmapError(`must be ${rangeText("muLi")}: ${physicalRanges.muLi.what}; ${slipHint(muLi, "muLi") ?? "a unit or sign slip?"}`, { field: "muLi", value: muLi });
  const system = electrolyte.fermiLevel.system;
  // other species tied to mu_Li would need their own shift in every energy: refuse, not drop
  if (system.potentials && Object.keys(system.potentials).length > 0) {
    throw new PotmapError("ties other chemical potentials to mu_Li; SC-FERMI export handles Li only", { field: "fermiLevel.potentials", value: Object.keys(system.potentials).join(", ") });
  }
  const carriers = system.carriers;
  const volume = carriers.kind === "dos" ? carriers.volume : 1000;
  const side = Math.cbrt(volume);
  const perCell = volume * cubicAngstrom;
  const temperature = options.temperature ?? system.temperature;
  const dopants = system.dopants ?? [];
  const names = new Set(system.defects.map((d) => d.name));
  for (const d of dopants) {
    if (names.has(d.name)) throw new PotmapError("a dopant shares its name with a defect; SC-FERMI needs distinct names", { field: "fermiLevel.dopants", value: d.name });
    if (!Number.isInteger(d.charge) || !inPhysicalRange(d.charge, "chargeState")) {
      throw new PotmapError(`must be a whole number of elementary charges, ${rangeText("chargeState")}: SC-FERMI charges are integers`, { field: `fermiLevel.dopants ${d.name} charge`, value: d.charge });
    }
  }
  // SC-FERMI reads a name as one token and '#' starts a comment: such a name would be misread
  for (const name of [...names, ...dopants.map((d) => d.name)]) {
    if (!/^[^\s#]+$/.test(name)) throw new PotmapError("an SC-FERMI name is one token without spaces, tabs, newlines or '#'; rename it in the record", { field: "fermiLevel.defects name", value: name });
  }
  const number = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15));
  const lines: string[] = [
    "1",
    carriers.kind === "dos" ? number(carriers.electrons) : "1  # no DOS in the record: unused, parabolic bands (m* = 1) are assumed by potmap fermi",
    number(system.bandGap),
    number(temperature),
    String(system.defects.length + dopants.length),
  ];
  for (const d of system.defects) {
    lines.push(`${d.name} ${d.chargeStates.length} ${number(d.sites * perCell)}`);
    for (const s of d.chargeStates) {
      lines.push(`${s.charge} ${number(s.energy - (d.lithium ?? 0) * muLi)} ${number(s.degeneracy ?? 1)}`);
    }
  }
  // a dopant is a fixed charge: a species with one charge state whose total SC-FERMI freezes, on
  // sites enough to hold it dilutely (100 times its concentration, at most half the densest solid's):
  // one site per cell would hold less than the dopant of a large cell, which fermi refuses
  for (const d of dopants) {
    const sites = Math.max(d.concentration * 1.000001, Math.min(100 * d.concentration, physicalRanges.siteDensity.max / 2));
    lines.push(`${d.name} 1 ${number(sites > 0 ? sites * perCell : 1)}`, `${number(d.charge)} 0 1`);
  }
  const frozen = [
    ...system.defects.filter((d) => d.frozenConcentration !== undefined).map((d) => [d.name, d.frozenConcentration!] as const),
    ...dopants.map((d) => [d.name, d.concentration] as const),
  ];
  if (frozen.length > 0) {
    lines.push(String(frozen.length), ...frozen.map(([name, c]) => `${name} ${number(c)}`), "0");
  }
  const notes: string[] = [];
  if (carriers.kind === "parabolic" && (carriers.electronMass !== 1 || carriers.holeMass !== 1 || carriers.statistics !== "fermi-dirac")) {
    notes.push(`the record's parabolic bands (m_e* ${carriers.electronMass}, m_h* ${carriers.holeMass}, ${carriers.statistics}) have no SC-FERMI form; without totdos.dat potmap fermi assumes 1 m_e and Fermi-Dirac, so carrier densities differ`);
  }
  if (carriers.kind === "none") notes.push("the record has no carriers; potmap fermi adds parabolic bands (1 m_e)");
  const exported: ExportedScFermi = {
    notes,
    inputFermi: lines.join("\n") + "\n",
    unitcell: ["1.0", `${number(side)} 0 0`, `0 ${number(side)} 0`, `0 0 ${number(side)}`].join("\n") + "\n",
  };
  if (carriers.kind === "dos") {
    exported.totdos = carriers.energies.map((e, i) => `${number(e)} ${number(carriers.dos[i])}`).join("\n") + "\n";
  }
  return exported;
}
