/** `potmap stack`: the potential map of a multilayer cell (interlayers and coatings). */
import type { CommandResult, OptionValues } from "../command";
import type { stackOptions } from "../commands";
import { dataSetOption } from "../cellOptions";
import { findAnode, findElectrolyte } from "../../cell/dataSet";
import { PotmapError } from "../../core/errors";
import { formatTable } from "../format";
import { DataSet } from "../../cell/materials";
import { StackLayer, stackMap } from "../../cell/stack";
import { cathodeStateOption } from "../cellOptions";

/**
 * "LCO:0%" or "LCO@0%" -> a cathode state (any percentage on its voltage curve, e.g. "LCO:80%");
 * "LPS" -> an electrolyte (or a cathode at defaultSoc).
 */
function resolveLayer(set: DataSet, name: string, defaultSoc: string): StackLayer {
  const parts = name.split(/[:@]/);
  if (parts.length > 2) throw new PotmapError("a layer is ID or ID:SOC (one state of charge), e.g. LCO:0%", { field: "--layers", value: name });
  const [id, soc] = parts;
  if (soc !== undefined) return cathodeStateOption(set, { cathode: id, soc }).state;
  if (set.electrolytes.some((e) => e.id.toLowerCase() === id.toLowerCase())) return findElectrolyte(set, id);
  if (set.cathodes.some((c) => c.id.toLowerCase() === id.toLowerCase())) return cathodeStateOption(set, { cathode: id, soc: defaultSoc }).state;
  throw new PotmapError(
    `unknown layer (electrolytes: ${set.electrolytes.map((e) => e.id).join(", ")}; cathodes as ID:SOC: ${set.cathodes.map((c) => c.id).join(", ")})`,
    { field: "--layers", value: name },
  );
}

export function run(options: OptionValues<typeof stackOptions>): CommandResult {
  const { set, replaced } = dataSetOption(options);
  const names = options.layers;
  if (names.length < 3) throw new PotmapError("needs at least an anode, one layer and a cathode", { field: "--layers", value: names.join(",") });
  const soc = options.soc;
  const anode = findAnode(set, names[0]);
  const cathodeLayer = resolveLayer(set, names[names.length - 1], soc);
  if (cathodeLayer.role !== "cathode") throw new PotmapError("the last layer must be a cathode", { field: "--layers", value: names[names.length - 1] });
  const middle = names.slice(1, -1).map((n) => resolveLayer(set, n, soc));
  // interlayers of a cathode material take the state stable at the voltage imposed on them
  const map = stackMap(anode, middle, cathodeLayer, { temperature: options.temperature, cathodes: set.cathodes });
  const lines = [`${map.layers.map((l) => (l.soc ? `${l.id} ${l.soc}` : l.id)).join(" | ")}, OCV ${map.ocv.toFixed(3)} V`];
  for (const c of map.interlayers) {
    lines.push(`interlayer ${c.id} ${c.requested} -> ${c.id} ${c.taken} at ${c.voltage.toFixed(2)} V${c.covered ? "" : " (outside its states' voltages)"}`);
  }
  lines.push("", formatTable(["interface", "dphi (V)", "dmu (eV)", "hinders"], map.interfaces.map((i) => [`${i.left} / ${i.right}`, i.dphi, i.dmu, i.hinders])));
  for (const w of map.warnings) lines.push(`warning: ${w}`);
  return { json: map, text: lines.join("\n"), replaced };
}
