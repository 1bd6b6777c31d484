/** The CLI's commands, in the order `potmap --help` lists them. */
import { CommandSpec } from "./command";
import { tableCommand } from "./commandTable";
import { mapCommand } from "./commandMap";
import { fermiCommand } from "./commandFermi";
import { windowCommand } from "./commandWindow";
import { voltageCommand } from "./commandVoltage";
import { sclCommand } from "./commandScl";
import { stackCommand } from "./commandStack";
import { screenCommand } from "./commandScreen";
import { dopeCommand } from "./commandDope";
import { sweepTemperatureCommand } from "./commandSweepTemperature";
import { uncertaintyCommand } from "./commandUncertainty";
import { sensitivityCommand } from "./commandSensitivity";

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
];
