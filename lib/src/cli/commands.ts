/** The CLI's commands, in the order `potmap --help` lists them. */
import { CommandSpec } from "./command";
import { tableCommand } from "./commands/table";
import { mapCommand } from "./commands/map";
import { fermiCommand } from "./commands/fermi";
import { windowCommand } from "./commands/window";
import { voltageCommand } from "./commands/voltage";
import { sclCommand } from "./commands/scl";
import { stackCommand } from "./commands/stack";
import { screenCommand } from "./commands/screen";
import { dopeCommand } from "./commands/dope";
import { sweepTemperatureCommand } from "./commands/sweepTemperature";
import { uncertaintyCommand } from "./commands/uncertainty";
import { sensitivityCommand } from "./commands/sensitivity";
import { exportCommand, importCommand } from "./commands/importScFermi";
import { checkCommand } from "./commands/check";

export const commands: CommandSpec[] = [
  tableCommand,
  mapCommand,
  fermiCommand,
  windowCommand,
  voltageCommand,
  sclCommand,
  stackCommand,
  // what-if commands: screening, dopants and quench, temperature, uncertainty, sensitivity
  screenCommand,
  dopeCommand,
  sweepTemperatureCommand,
  uncertaintyCommand,
  sensitivityCommand,
  // defect models in and out: SC-FERMI files <-> electrolyte records
  importCommand,
  exportCommand,
  // is the data set physical?
  checkCommand,
];
