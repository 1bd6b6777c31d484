/**
 * `potmap dope`: an electrolyte with aliovalent dopants (--dopant NAME:CHARGE:CM-3,...) and/or
 * defects quenched from a processing temperature (--quench-temperature K --quench-voltage V),
 * against the record as shipped: E_F(V) across the window and the interface jumps (eqs. 6, 7).
 */
import type { CommandResult, OptionValues } from "../command";
import type { dopeOptions } from "../commands";
import { dataSetOption } from "../cellOptions";
import { findAnode, findCathodeState, findElectrolyte, orderedCathodeStates } from "../../cell/dataSet";
import { cathodeStateOption } from "../cellOptions";
import { electrolyteWarnings, parseDopants, quenchDefectsWithSolution, withDopants } from "../../whatif/doping";
import { PotmapWarning, uniqueWarnings } from "../../defects/guards";
import { PotmapError } from "../../core/errors";
import { formatTable, withWarnings } from "../format";
import { electrolyteFermiLevel, electrolyteSystem } from "../../cell/fermiLevel";
import { CathodeState, Electrolyte } from "../../cell/materials";
import { potentialMap } from "../../cell/potentialMap";
import { linspace } from "../../defects/sweep";

export function run(options: OptionValues<typeof dopeOptions>): CommandResult {
  const { set, replaced } = dataSetOption(options);
  const anode = findAnode(set, options.anode);
  const shipped = findElectrolyte(set, options.electrolyte);
  const { temperature, quenchTemperature, quenchVoltage } = options;
  const dopantText = options.dopant;
  const freeze = options.freeze;
  if (dopantText === undefined && quenchTemperature === undefined) {
    throw new PotmapError("needs --dopant NAME:CHARGE:CONCENTRATION[,...] and/or --quench-temperature K", { field: "--dopant" });
  }
  if (quenchTemperature === undefined && (quenchVoltage !== undefined || freeze !== undefined)) {
    throw new PotmapError("only applies with --quench-temperature", { field: quenchVoltage !== undefined ? "--quench-voltage" : "--freeze" });
  }
  if (quenchTemperature !== undefined && quenchVoltage === undefined) {
    // mu_Li during processing sets the frozen totals; no default would be safe to assume
    throw new PotmapError("is required with --quench-temperature (the voltage vs Li that sets mu_Li = -eV during processing)", { field: "--quench-voltage" });
  }
  if (shipped.fermiLevel.rule !== "defects") {
    throw new PotmapError(`${shipped.id} has a fixed Fermi level: dopants and quenching need a defect system`, { field: "--electrolyte", value: shipped.id });
  }

  // dopants first (they are present during processing), then the quench
  let modified: Electrolyte = shipped;
  const dopants = dopantText === undefined ? [] : parseDopants(dopantText, "--dopant");
  if (dopants.length) modified = withDopants(modified, dopants);
  let quench: Record<string, unknown> | undefined;
  if (quenchTemperature !== undefined) {
    // outside its window the electrolyte decomposes: no defect equilibrium of it to freeze
    const { lower, upper } = shipped.window;
    if (quenchVoltage! < lower || quenchVoltage! > upper) {
      throw new PotmapError(`must lie in the stability window of ${shipped.id} (${lower} to ${upper} V vs Li): outside it the electrolyte decomposes`, { field: "--quench-voltage", value: quenchVoltage });
    }
    const system = electrolyteSystem(modified);
    const names = system.defects.map((d) => d.name);
    for (const name of freeze ?? []) {
      if (!names.includes(name)) throw new PotmapError(`unknown defect of ${shipped.id} (known: ${names.join(", ")})`, { field: "--freeze", value: name });
    }
    const q = quenchDefectsWithSolution(system, {
      processingTemperature: quenchTemperature,
      muLi: -quenchVoltage!,
      operatingTemperature: temperature ?? system.temperature,
      freeze,
    });
    const frozenNames = q.frozen.map((f) => f.name).join(", ") || "no defect";
    modified = {
      ...modified,
      name: `${modified.name} (${frozenNames} frozen from ${quenchTemperature} K at ${quenchVoltage} V vs Li)`,
      fermiLevel: { rule: "defects", system: q.system },
    };
    quench = {
      processingTemperature: quenchTemperature,
      processingVoltage: quenchVoltage,
      processingFermiLevel: q.processing.fermiLevel,
      frozen: q.frozen,
      warnings: q.warnings,
    };
  }

  let states: CathodeState[];
  const cathodeId = options.cathode;
  const soc = options.soc;
  if (cathodeId === undefined) {
    if (soc !== undefined) throw new PotmapError("needs --cathode", { field: "--soc", value: soc });
    states = orderedCathodeStates(set);
  } else if (soc === undefined) {
    const cathode = set.cathodes.find((c) => c.id.toLowerCase() === cathodeId.toLowerCase());
    if (!cathode) findCathodeState(set, cathodeId, "0%"); // throws the usual "unknown cathode"
    states = orderedCathodeStates(set).filter((s) => s.id.toLowerCase() === cathodeId.toLowerCase());
  } else {
    // a named state, or any percentage on the cathode's voltage curve (cell/cathodeCurve.ts)
    states = [cathodeStateOption(set, { cathode: cathodeId, soc }).state];
  }

  const lower = Math.max(shipped.window.lower, 0);
  const from = options.from ?? lower;
  const to = options.to ?? shipped.window.upper;
  if (!(to > from)) throw new PotmapError(`must exceed --from (${from} V)`, { field: "--to", value: String(to) });
  const points = options.points;
  const before = electrolyteFermiLevel(shipped, temperature);
  const after = electrolyteFermiLevel(modified, temperature);
  const fermiLevels = linspace(from, to, points).map((voltage) => {
    const a = before(-voltage);
    const b = after(-voltage);
    return { voltage, shipped: a, modified: b, shift: b - a };
  });

  // the maps' guards of the modified cell (contacts, bands), as `map` gives them
  const mapWarnings: PotmapWarning[][] = [];
  const jumps = states.map((state) => {
    const a = potentialMap(anode, shipped, state, { temperature, withoutProfile: true });
    const b = potentialMap(anode, modified, state, { temperature, withoutProfile: true });
    mapWarnings.push(b.warnings);
    return {
      cathode: state.id,
      soc: state.soc,
      ocv: state.ocv,
      shipped: { dphiAnode: a.dphiAnode, dphiCathode: a.dphiCathode, fermiLevelCathodeSide: a.fermiLevelCathodeSide },
      modified: { dphiAnode: b.dphiAnode, dphiCathode: b.dphiCathode, fermiLevelCathodeSide: b.fermiLevelCathodeSide },
      changeDphiAnode: b.dphiAnode - a.dphiAnode,
      changeDphiCathode: b.dphiCathode - a.dphiCathode,
    };
  });

  const json = {
    anode: anode.id,
    electrolyte: shipped.id,
    modifiedName: modified.name,
    temperature: temperature ?? (shipped.fermiLevel.rule === "defects" ? shipped.fermiLevel.system.temperature : null),
    dopants,
    ...(quench ? { quench } : {}),
    fermiLevels,
    jumps,
    // the modified electrolyte's guards over the voltages shown, after the quench's own
    warnings: uniqueWarnings([
      (quench?.warnings as PotmapWarning[] | undefined) ?? [],
      electrolyteWarnings(modified, fermiLevels.map((r) => r.voltage), temperature),
      ...mapWarnings,
    ]),
  };
  const text = [
    `${shipped.id} as shipped vs ${modified.name}`,
    "",
    formatTable(["V vs Li", "E_F shipped (eV)", "E_F modified (eV)", "shift (eV)"], fermiLevels.map((r) => [r.voltage, r.shipped, r.modified, r.shift])),
    "",
    formatTable(
      ["cathode", "soc", "dphi_a shipped (V)", "dphi_a modified (V)", "dphi_c shipped (V)", "dphi_c modified (V)", "change dphi_c (V)"],
      jumps.map((j) => [j.cathode, j.soc, j.shipped.dphiAnode, j.modified.dphiAnode, j.shipped.dphiCathode, j.modified.dphiCathode, j.changeDphiCathode]),
    ),
  ].join("\n");
  return { json, text: withWarnings(text, json.warnings), replaced };
}
