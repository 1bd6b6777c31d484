/**
 * Every command of the CLI and every option it takes, as data, in the order `potmap --help`
 * lists them. The parser, the help texts and docs/cli.md are generated from this table
 * (cli/command.ts says how to add a command). Defaults live here and nowhere else in the
 * CLI. This module must stay light: it imports no implementation, so `potmap --help` starts
 * fast; each command's code is loaded by `load` only when it runs. Over 400 lines (about 420):
 * it is one table, kept whole so that every option is found in one place.
 */
import { defineCommand, OptionSpec } from "./command";
import { physicalRanges } from "../core/ranges";

// ranges shared with the record reader and `potmap check` (core/ranges.ts)
const kelvin = { min: physicalRanges.temperature.min, max: physicalRanges.temperature.max } as const;
const volts = { min: physicalRanges.voltage.min, max: physicalRanges.voltage.max } as const;
/** The range of a quantity of core/ranges.ts as option bounds (issue 20: no option without one). */
const within = <Q extends keyof typeof physicalRanges>(q: Q) => {
  const r: { min: number; max: number; exclusiveMin?: boolean } = physicalRanges[q];
  return { min: r.min, max: r.max, ...(r.exclusiveMin ? { exclusiveMin: true } : {}) } as const;
};

// ------------------------------------------------------------ options several commands share

const temperature = {
  name: "temperature",
  type: "number",
  unit: "K",
  ...kelvin,
  defaultText: "each electrolyte record's own",
  meaning: "operating temperature for the electrolytes' defect chemistry",
} as const;
const anode = { name: "anode", type: "string", placeholder: "ID", default: "Li", meaning: "anode record id" } as const;
const electrolyte = {
  name: "electrolyte",
  type: "string",
  placeholder: "ID",
  required: true,
  meaning: "electrolyte record id (built-in: LiPON, LPO, LLZO, LPS)",
} as const;
const cathode = {
  name: "cathode",
  type: "string",
  placeholder: "ID",
  required: true,
  meaning: "cathode record id (built-in: LCO, LNO, LNCO, LMO, LNMO)",
} as const;
const soc = {
  name: "soc",
  type: "string",
  placeholder: "SOC",
  required: true,
  meaning: "cathode state of charge: as named in its record (0%, 100% or + for the spinel overcharge), or any percentage on the cathode's voltage curve (e.g. 80%)",
} as const;
const materials = {
  name: "materials",
  type: "list",
  placeholder: "PATH[,PATH...]",
  defaultText: "the built-in set only",
  meaning: "material record files and folders merged onto the built-in set; a record with a built-in role and id replaces it",
} as const;
const only = { name: "only", type: "switch", meaning: "use only the --materials records, without the built-in set" } as const;
const threshold = {
  name: "threshold",
  type: "number",
  unit: "V",
  min: 0,
  exclusiveMin: true,
  default: 0.1,
  meaning: "an interface is barrier-less when |dphi_c| is below this",
} as const;
const entries = {
  name: "entries",
  type: "string",
  placeholder: "FILE",
  required: true,
  meaning: "phase entries: CSV `formula,formation_energy_per_atom` (eV/atom) or a JSON list of computed entries",
} as const;

// filters of table, screen and uncertainty (cli/filters.ts; issue 21)
const anodeFilter = { name: "anode", type: "list", placeholder: "ID[,ID...]", defaultText: "every anode", meaning: "only these anodes" } as const;
const electrolyteFilter = { name: "electrolyte", type: "list", placeholder: "ID[,ID...]", defaultText: "every electrolyte", meaning: "only these electrolytes" } as const;
const cathodeFilter = { name: "cathode", type: "list", placeholder: "ID[,ID...]", defaultText: "every cathode", meaning: "only these cathodes (all their states)" } as const;

// ------------------------------------------------------------ each command's options

export const checkOptions = [
  { ...materials, meaning: "record files and folders to check, merged onto the built-in set (a record with a built-in role and id replaces it)" },
  { ...only, meaning: "check only the --materials records, without the built-in set" },
  { name: "phase-entries", type: "string", placeholder: "FOLDER", defaultText: "beside each record, then shared/data/phase-entries above it", meaning: "folder of the phase-entries files named by voltageReaction.entries" },
  { name: "ocv-tolerance", type: "number", unit: "V", min: 0, default: 0.05, meaning: "largest accepted difference between an OCV and the eq. 3 voltage of its reaction" },
  { name: "hull-tolerance", type: "number", unit: "eV/atom", min: 0, default: 0.005, meaning: "energy above the hull below which a phase counts as on it" },
] as const satisfies readonly OptionSpec[];

export const importOptions = [
  { name: "sc-fermi", type: "string", placeholder: "FILE", required: true, meaning: "SC-FERMI input-fermi.dat: defects, charge states, energies, degeneracies, sites per cell" },
  { name: "unitcell", type: "string", placeholder: "FILE", required: true, meaning: "unitcell.dat: the cell whose volume turns sites per cell into cm^-3" },
  { name: "dos", type: "string", placeholder: "FILE", defaultText: "the base record's carriers", meaning: "totdos.dat: the host density of states, kept in the record" },
  { name: "base", type: "string", placeholder: "ID", required: true, meaning: "electrolyte record that supplies IP, window, colour and operating temperature" },
  { name: "id", type: "string", placeholder: "ID", required: true, meaning: "id of the new record" },
  { name: "mu-li", type: "number", unit: "eV", max: 0, required: true, meaning: "Li chemical potential (vs Li metal) at which the file's energies hold" },
  { name: "lithium", type: "list", uniqueKeys: true, placeholder: "NAME=DELTA[,...]", defaultText: "read from the defect names", meaning: "Li gained (+) or lost (-) by defects whose names do not say it" },
  { name: "synthesis", type: "enum", values: ["on", "off"], default: "on", meaning: "equilibrate at the file's temperature and mu_Li, freeze all but V_Li and Li_i, operate at the base record's temperature" },
  { name: "synthesis-temperature", type: "number", unit: "K", ...kelvin, defaultText: "the file's temperature", meaning: "temperature of the synthesis equilibrium" },
  { name: "freeze", type: "list", uniqueKeys: true, placeholder: "DEFECT[,...]", defaultText: "every defect but Li vacancies and interstitials", meaning: "defects frozen after synthesis" },
  { name: "citation", type: "string", placeholder: "TEXT", defaultText: "none", meaning: "where the files come from, added to every source" },
  { name: "out", type: "string", placeholder: "FILE", defaultText: "the record on stdout", meaning: "write the record here (validated first; temporary file and rename)" },
  materials,
  only,
] as const satisfies readonly OptionSpec[];

export const exportOptions = [
  { name: "sc-fermi", type: "string", placeholder: "FOLDER", required: true, meaning: "new or empty folder to write input-fermi.dat, unitcell.dat and totdos.dat into (checked with fermi's reader first)" },
  electrolyte,
  { name: "mu-li", type: "number", unit: "eV", required: true, meaning: "Li chemical potential (vs Li metal) whose energies the files hold" },
  { ...temperature, defaultText: "the record's own" },
  materials,
  only,
  { name: "force", type: "switch", meaning: "replace the SC-FERMI set of a folder that holds one (else the folder must be new or empty)" },
] as const satisfies readonly OptionSpec[];


/** table --soc: extra states of charge on each cathode's curve (issue 21). */
const tableSoc = { name: "soc", type: "list", placeholder: "SOC[,SOC...]", defaultText: "the named states only", meaning: "also a row per cathode at each of these states of charge on its voltage curve (e.g. 50%,80%; cell/cathodeCurve.ts)" } as const;

export const tableOptions = [temperature, materials, only, anode, electrolyteFilter, cathodeFilter, tableSoc] as const satisfies readonly OptionSpec[];

/** A cathode state anywhere on its curve (cell/cathodeCurve.ts cathodeAt): any --soc, or --x, or --voltage. */
const curveSoc = {
  ...soc,
  required: false,
  defaultText: "0% (unless --x or --voltage)",
  meaning: "cathode state of charge: a named state (0%, 100%, +) or any percentage on the cathode's voltage curve (e.g. 80%), linear in Li content",
} as const;
const curveX = { name: "x", type: "number", min: 0, meaning: "cathode state as its Li content per host unit of its voltage profile (e.g. 0.6 for Li0.6CoO2)" } as const;
const curveVoltage = { name: "voltage", type: "number", unit: "V", min: 0, exclusiveMin: true, meaning: "cathode state whose OCV on its curve (eq. 3 average, as Table 1) is this voltage" } as const;

export const mapOptions = [
  electrolyte,
  cathode,
  curveSoc,
  curveX,
  curveVoltage,
  anode,
  temperature,
  materials,
  only,
  { name: "points", type: "integer", min: 2, max: 100000, default: 101, meaning: "points of the profile arrays across the cell" },
  { name: "thickness", type: "number", unit: "um", min: 0, exclusiveMin: true, max: 1e7, default: 1, meaning: "electrolyte film thickness the screening length is compared with (bulk neutrality)" },
] as const satisfies readonly OptionSpec[];

export const fermiOptions = [
  { name: "sc-fermi", type: "string", placeholder: "FILE", required: true, meaning: "SC-FERMI / py-sc-fermi input-fermi.dat" },
  { name: "dos", type: "string", placeholder: "FILE", defaultText: "parabolic bands, effective masses 1", meaning: "totdos.dat: the tabulated density of states" },
  { name: "unitcell", type: "string", placeholder: "FILE", defaultText: "unitcell.dat next to the input, if any", meaning: "unitcell.dat: scale factor and lattice vectors (Angstrom)" },
  { ...temperature, defaultText: "the input file's", meaning: "temperature" },
] as const satisfies readonly OptionSpec[];

export const windowOptions = [
  entries,
  { name: "formula", type: "string", placeholder: "F", required: true, meaning: "the compound whose window is wanted, e.g. Li3PS4" },
  { name: "open-element", type: "string", placeholder: "EL", default: "Li", meaning: "the element exchanged with the reservoir" },
] as const satisfies readonly OptionSpec[];

export const voltageOptions = [
  entries,
  { name: "lithiated", type: "string", placeholder: "A", required: true, meaning: "the lithiated phase: a formula (lowest-energy entry, e.g. LiCoO2), FORMULA@SPACEGROUP (e.g. LiMn2O4@74) or an entry id" },
  { name: "delithiated", type: "string", placeholder: "B", required: true, meaning: "the delithiated phase, named as --lithiated (e.g. CoO2, MnO2@227 for spinel lambda-MnO2)" },
  { name: "profile", type: "switch", meaning: "also print every step of the hull voltage profile between the two (intermediates of the ends' space groups when either is named by structure, else of lowest energy)" },
] as const satisfies readonly OptionSpec[];

export const sclOptions = [
  { name: "phi0", type: "number", unit: "V", ...within("spaceChargePotential"), defaultText: "from --electrolyte: phi_SE at --voltage minus the electrode's phi (eq. 5)", meaning: "potential step across the space-charge layer (bulk minus interface)" },
  { name: "nsites", type: "number", unit: "cm^-3", min: physicalRanges.siteDensity.min, exclusiveMin: true, max: physicalRanges.siteDensity.max, defaultText: "from --electrolyte: the smaller site density of its majority charged defects", meaning: "density of sites of the mobile defect" },
  { name: "ef0", type: "number", unit: "eV", ...within("defectEnergy"), defaultText: "from --electrolyte: from the bulk defect density at --voltage", meaning: "formation energy of the mobile defect in the bulk" },
  { name: "epsilon", type: "number", ...within("dielectricConstant"), defaultText: "from --electrolyte: its dielectricConstant", meaning: "relative dielectric constant of the electrolyte" },
  { name: "alpha", type: "number", ...within("siteRatio"), defaultText: "from --electrolyte: 1 (every site can hold a defect)", meaning: "saturating fraction of the sites (model.md section 5)" },
  { name: "temperature", type: "number", unit: "K", ...kelvin, defaultText: "from --electrolyte: the record's", meaning: "temperature" },
  { name: "phi-target", type: "number", unit: "V", ...within("spaceChargePotential"), defaultText: "none", meaning: "report the distance x* where phi reaches this value" },
  { ...electrolyte, required: false, defaultText: "none: give all six numbers", meaning: "derive the inputs from this electrolyte record (its defect chemistry at --voltage); explicit numbers override them" },
  { name: "voltage", type: "number", unit: "V", ...volts, defaultText: "the contact's: the window's lower edge at the anode, min(OCV, upper edge) at --cathode", meaning: "voltage vs Li (mu_Li = -eV) of the electrolyte's bulk, with --electrolyte" },
  { ...cathode, required: false, defaultText: "none: the contact is with --anode", meaning: "contact with this cathode (with --soc) instead of the anode" },
  { ...soc, required: false, defaultText: "none", meaning: "state of charge of --cathode" },
  anode,
  materials,
  only,
] as const satisfies readonly OptionSpec[];

export const stackOptions = [
  { name: "layers", type: "list", placeholder: "A,L1[,L2...],C", required: true, meaning: "anode, layers and cathode in order; a cathode as ID:SOC (e.g. Li,LPS,LCO:0%,LNCO:0%)" },
  { name: "soc", type: "string", placeholder: "SOC", default: "0%", meaning: "state of charge of a cathode layer given without :SOC (a named state or a percentage on its curve; ID:80% also works)" },
  temperature,
  materials,
  only,
] as const satisfies readonly OptionSpec[];

export const screenOptions = [
  materials,
  only,
  { name: "csv", type: "string", placeholder: "FILE", meaning: "also write every configuration as CSV" },
  { name: "json-out", type: "string", placeholder: "FILE", meaning: "also write the JSON document to a file" },
  temperature,
  threshold,
  { name: "progress", type: "enum", values: ["auto", "on", "off"], default: "auto", meaning: "progress bar on stderr (auto: only on a terminal)" },
  { name: "top", type: "integer", min: 1, default: 20, meaning: "pairs shown in the text table" },
  anodeFilter,
  electrolyteFilter,
  cathodeFilter,
  { name: "stable-only", type: "switch", meaning: "rank only stable pairs: no band flag (CBM below the anode's E_F, VBM above the cathode's) and grey regions no wider than --max-grey" },
  { name: "max-grey", type: "number", unit: "V", min: 0, default: 0, meaning: "--stable-only: widest grey region (window edge to 0 V or to the OCV) still counted stable, e.g. for a passivating interphase" },
] as const satisfies readonly OptionSpec[];

export const dopeOptions = [
  electrolyte,
  { name: "dopant", type: "string", uniqueKeys: true, placeholder: "NAME:CHARGE:CM-3[,...]", meaning: "fixed dopant charges, e.g. Ta_Zr:+1:2.2e21 (concentration in cm^-3)" },
  { name: "quench-temperature", type: "number", unit: "K", ...kelvin, meaning: "freeze the non-Li defects at their totals at this processing temperature" },
  { name: "quench-voltage", type: "number", unit: "V", ...volts, meaning: "voltage vs Li during processing (mu_Li = -eV); required with --quench-temperature" },
  { name: "freeze", type: "list", uniqueKeys: true, placeholder: "DEFECT[,...]", defaultText: "the defects that exchange no Li", meaning: "which defects the quench freezes" },
  { ...cathode, required: false, defaultText: "every cathode state", meaning: "cathode record id for the interface jumps" },
  { ...soc, required: false, defaultText: "every state of --cathode", meaning: "state of charge of --cathode" },
  temperature,
  { name: "from", type: "number", unit: "V", ...volts, defaultText: "the window's lower edge (at least 0)", meaning: "lowest voltage vs Li of the E_F(V) table" },
  { name: "to", type: "number", unit: "V", ...volts, defaultText: "the window's upper edge", meaning: "highest voltage vs Li of the E_F(V) table" },
  { name: "points", type: "integer", min: 2, max: 10000, default: 7, meaning: "voltages in the E_F(V) table" },
  anode,
  materials,
  only,
] as const satisfies readonly OptionSpec[];

export const sweepTemperatureOptions = [
  electrolyte,
  cathode,
  soc,
  { name: "from", type: "number", unit: "K", ...kelvin, default: 250, meaning: "lowest temperature" },
  { name: "to", type: "number", unit: "K", ...kelvin, default: 600, meaning: "highest temperature" },
  { name: "count", type: "integer", min: 1, max: 10000, default: 8, meaning: "evenly spaced temperatures from --from to --to" },
  anode,
  materials,
  only,
] as const satisfies readonly OptionSpec[];

export const uncertaintyOptions = [
  { name: "samples", type: "integer", min: 1, max: 100000, default: 200, meaning: "Monte Carlo samples" },
  { name: "seed", type: "integer", default: 1, meaning: "random seed: the same seed gives the same numbers" },
  {
    name: "sigma",
    type: "string",
    uniqueKeys: true,
    placeholder: "KIND=SIGMA[,...]",
    defaultText: "ionizationPotential=0.1,defectEnergy=0.1",
    meaning:
      "one-sigma uncertainties (eV, V or K) for inputs whose record declares none; kinds: ionizationPotential, defectEnergy, window, ocv, workFunction, bandGap, fermiLevel, temperature",
  },
  threshold,
  temperature,
  { ...anode, default: undefined, defaultText: "the first anode record", meaning: "anode record id" },
  materials,
  only,
  { name: "top", type: "integer", min: 1, default: 10, meaning: "pairs shown in the text ranking" },
  {
    name: "independent-states",
    type: "switch",
    meaning: "draw the IPs (offsets) of one cathode's states independently (default: one shared draw per cathode)",
  },
  electrolyteFilter,
  cathodeFilter,
] as const satisfies readonly OptionSpec[];

export const sensitivityOptions = [
  electrolyte,
  cathode,
  soc,
  { name: "step", type: "number", unit: "eV or V", ...within("energyStep"), default: 0.1, meaning: "additive step for energies and voltages" },
  { name: "temperature-step", type: "number", unit: "K", ...within("temperatureStep"), default: 50, meaning: "additive step for the temperature" },
  { name: "factor", type: "number", ...within("concentrationFactor"), default: 2, meaning: "multiplicative step for concentrations and site densities (x and /)" },
  {
    name: "per-sigma",
    type: "switch",
    meaning: "move each input by its own one sigma (the record's declared uncertainty, else its kind's default) instead of --step/--temperature-step/--factor",
  },
  temperature,
  anode,
  materials,
  only,
  { name: "figure", type: "string", placeholder: "FILE", meaning: "write the tornado figure as Plotly JSON" },
  { name: "top", type: "integer", min: 1, default: 12, meaning: "inputs shown in the text table and the figure" },
] as const satisfies readonly OptionSpec[];

// coat: which interlayer between an electrolyte and a cathode (issue 21)
export const coatOptions = [
  { ...electrolyte, meaning: "electrolyte record id the coating sits on (built-in: LiPON, LPO, LLZO, LPS)" },
  { ...cathode, meaning: "cathode record id the coating protects; every one of its states of charge is evaluated" },
  anode,
  temperature,
  materials,
  only,
  { name: "coatings", type: "list", placeholder: "ID[,ID...]", defaultText: "every electrolyte and cathode record but --electrolyte and --cathode", meaning: "candidate coatings to rank" },
  { name: "stable-only", type: "switch", meaning: "rank only candidates without a stability flag (the baseline row stays)" },
  { name: "csv", type: "string", placeholder: "FILE", meaning: "also write every candidate x state x interface as CSV" },
  { name: "figure", type: "string", placeholder: "FILE", meaning: "write the figure as Plotly JSON (bars of the ranking; with --virtual the heat map)" },
  { name: "virtual", type: "switch", meaning: "scan a virtual coating (a Li Frenkel pair: IP x E0(Li_i+1) at fixed pair energy E_FP, Boltzmann carriers) and map where the worst jump is below --threshold" },
  { name: "grid", type: "integer", min: 2, max: 4000, default: 200, meaning: "--virtual: grid points per axis (N x N virtual coatings)" },
  { ...threshold, meaning: "--virtual: a coating is barrier-less when its worst |dphi| over both interfaces and every state is below this" },
  { name: "ip-range", type: "list", placeholder: "LOW,HIGH", defaultText: "1 eV beyond the IPs of E, C and the candidates", meaning: "--virtual: IP axis, eV" },
  { name: "energy-range", type: "list", placeholder: "LOW,HIGH", defaultText: "E0_i for which E_F stays in the gap at both contacts (pair limit)", meaning: "--virtual: E0(Li_i+1) axis, eV (E0 at E_F = VBM, mu_Li = 0)" },
  { name: "template", type: "string", placeholder: "ID", defaultText: "the first electrolyte declaring a Li Frenkel energy (built-in: LPO)", meaning: "--virtual: electrolyte record giving gap, temperature, masses, Li site density and E_FP" },
  { name: "gap", type: "number", unit: "eV", min: 0, exclusiveMin: true, defaultText: "the template's gap + scissor", meaning: "--virtual: band gap of the virtual coating" },
  { name: "frenkel-energy", type: "number", unit: "eV", defaultText: "the template's frenkelEnergy constraint", meaning: "--virtual: E0(Li_i+1) + E0(V_Li-1), the pair energy" },
  { name: "sites", type: "number", unit: "cm^-3", min: physicalRanges.siteDensity.min, exclusiveMin: true, max: physicalRanges.siteDensity.max, defaultText: "the template's Li_i and V_Li sites", meaning: "--virtual: Li site density of both defects" },
] as const satisfies readonly OptionSpec[];

// curve: the jumps over a cathode's whole state-of-charge curve (issue 21)
export const curveOptions = [
  electrolyte,
  { ...cathode, meaning: "cathode record id whose voltage curve is followed (built-in: LCO, LNO, LNCO, LMO, LNMO)" },
  anode,
  temperature,
  materials,
  only,
  { name: "points", type: "integer", min: 2, max: 10000, default: 21, meaning: "states evenly spaced from 0% to 100% (or to a named state beyond, as LNMO's +); the named states are added at their own SOC" },
  { name: "csv", type: "string", placeholder: "FILE", meaning: "also write every point as CSV" },
  { name: "figure", type: "string", placeholder: "FILE", meaning: "write the figure as Plotly JSON (dphi_c, dphi_a and OCV against SOC; named states and the paper's Table 1 marked)" },
] as const satisfies readonly OptionSpec[];

// records that write themselves: the schema and templates
export const schemaOptions = [
  { name: "validate", type: "switch", meaning: "validate every built-in record (and the --materials records) against the schema instead of printing it" },
  { ...materials, meaning: "also validate these record files and folders (with --validate)" },
  { ...only, meaning: "validate only the --materials records, without the built-in set" },
] as const satisfies readonly OptionSpec[];

export const newOptions = [
  { name: "role", type: "enum", values: ["electrolyte", "cathode", "anode"], required: true, meaning: "role of the record; may be given as the first word: potmap new electrolyte --id X" },
  { name: "id", type: "string", placeholder: "ID", required: true, meaning: "id of the new record (letters, digits, _ . + -)" },
  { name: "formula", type: "string", placeholder: "F", defaultText: "a placeholder", meaning: "chemical formula of the material" },
  { name: "out", type: "string", placeholder: "FILE", defaultText: "the template on stdout", meaning: "write the template here (never over an existing file)" },
] as const satisfies readonly OptionSpec[];

// ------------------------------------------------------------ the commands

export const commands = [
  defineCommand({ name: "table", summary: "dphi_a and dphi_c for every electrolyte x cathode state of the data set (paper Table 1)", options: tableOptions, load: () => import("./commands/table") }),
  defineCommand({ name: "map", summary: "one potential map: anode | electrolyte | cathode at a state of charge", options: mapOptions, load: () => import("./commands/map") }),
  defineCommand({
    name: "fermi",
    summary: "self-consistent Fermi level and defect concentrations from SC-FERMI inputs (input-fermi.dat, totdos.dat, unitcell.dat)",
    options: fermiOptions,
    load: () => import("./commands/fermi"),
  }),
  defineCommand({ name: "window", summary: "Electrochemical stability window of a compound against Li from phase entries", options: windowOptions, load: () => import("./commands/window") }),
  defineCommand({ name: "voltage", summary: "Average voltage between a lithiated and a delithiated state from phase entries", options: voltageOptions, load: () => import("./commands/voltage") }),
  defineCommand({
    name: "scl",
    summary: "Space-charge layer in a solid electrolyte next to an electrode (Poisson-Fermi-Dirac, saturating defects)",
    options: sclOptions,
    load: () => import("./commands/scl"),
  }),
  defineCommand({
    name: "stack",
    summary: "potential map of a multilayer cell: --layers Li,LPS,LCO:0%,LNO:0% (anode first, cathode last)",
    options: stackOptions,
    load: () => import("./commands/stack"),
  }),
  // what-if commands: screening, dopants and quench, temperature, uncertainty, sensitivity
  defineCommand({
    name: "screen",
    summary: "screen every anode x electrolyte x cathode state of the data set and --materials; pairs ranked by worst |dphi_c| over SOC",
    options: screenOptions,
    load: () => import("./commands/screen"),
  }),
  defineCommand({
    name: "dope",
    summary: "what if an electrolyte is doped (--dopant Ta_Zr:+1:4e20) or its defects quenched (--quench-temperature K): E_F(V) and the jumps",
    options: dopeOptions,
    load: () => import("./commands/dope"),
  }),
  defineCommand({
    name: "sweep-temperature",
    summary: "dphi_a, dphi_c and E_F of one cell at --count temperatures from --from to --to (K)",
    options: sweepTemperatureOptions,
    load: () => import("./commands/sweepTemperature"),
  }),
  defineCommand({
    name: "uncertainty",
    summary: "Monte Carlo over input uncertainties (--samples N --seed S --sigma ionizationPotential=0.1,...): barrier-less probabilities, robust ranking",
    options: uncertaintyOptions,
    load: () => import("./commands/uncertainty"),
  }),
  defineCommand({
    name: "sensitivity",
    summary: "one-at-a-time sensitivity of dphi_c of one cell to each input (--step eV), ranked; --figure FILE writes a tornado plot (Plotly JSON)",
    options: sensitivityOptions,
    load: () => import("./commands/sensitivity"),
  }),
  defineCommand({
    name: "coat",
    summary: "which coating between --electrolyte and --cathode: candidates ranked by the worst |dphi| over SOC, stability flags; --virtual maps the ideal one",
    options: coatOptions,
    load: () => import("./commands/coat"),
  }),
  defineCommand({
    name: "curve",
    summary: "dphi_c, dphi_a and the OCV over a cathode's whole state-of-charge curve for one electrolyte; --figure FILE, --csv FILE",
    options: curveOptions,
    load: () => import("./commands/curve"),
  }),
  // is the data set physical?
  defineCommand({
    name: "check",
    summary: "check material records for physics: OCV order and eq. 3 reactions, electronic versus ionic conduction, site densities, cathode IP offsets, ranges, constraints",
    options: checkOptions,
    load: () => import("./commands/check"),
  }),
  // defect models in and out: SC-FERMI files <-> electrolyte records
  defineCommand({
    name: "import",
    summary: "an SC-FERMI defect model (input-fermi.dat, totdos.dat, unitcell.dat) as an electrolyte record",
    options: importOptions,
    load: () => import("./commands/import"),
  }),
  defineCommand({
    name: "export",
    summary: "a defect-chemistry electrolyte record as SC-FERMI files at one mu_Li",
    options: exportOptions,
    load: () => import("./commands/export"),
  }),
  // records that write themselves
  defineCommand({
    name: "schema",
    summary: "the JSON Schema (draft 2020-12) of a material record with units, ranges and descriptions; --validate checks the records against it",
    options: schemaOptions,
    load: () => import("./commands/schema"),
  }),
  defineCommand({
    name: "new",
    summary: "a material record template: potmap new electrolyte|cathode|anode --id X [--formula F] [--out FILE]; check names the placeholders left",
    options: newOptions,
    positional: "role",
    load: () => import("./commands/new"),
  }),
];
