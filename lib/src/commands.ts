/** The CLI's commands, in the order `potmap --help` lists them. */
import { CommandSpec } from "./command";
import { tableCommand } from "./commandTable";
import { mapCommand } from "./commandMap";
import { fermiCommand } from "./commandFermi";
import { windowCommand } from "./commandWindow";
import { voltageCommand } from "./commandVoltage";
import { sclCommand } from "./commandScl";
import { stackCommand } from "./commandStack";

export const commands: CommandSpec[] = [tableCommand, mapCommand, fermiCommand, windowCommand, voltageCommand, sclCommand, stackCommand];
