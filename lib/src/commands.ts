/** The CLI's commands, in the order `potmap --help` lists them. */
import { CommandSpec } from "./command";
import { tableCommand } from "./commandTable";
import { mapCommand } from "./commandMap";

export const commands: CommandSpec[] = [tableCommand, mapCommand];
