/**
 * The CLI's commands, in the order `potmap --help` lists them. Each command's module is
 * imported only when that command runs: importing all of them loads the whole library, which
 * every call would pay for (start-up, see scripts/bench.mjs --only startup).
 */
import { CommandSpec } from "./command";

type Loader = () => Promise<CommandSpec>;

const loaders: [name: string, load: Loader][] = [
  ["table", async () => (await import("./commands/table")).tableCommand],
  ["map", async () => (await import("./commands/map")).mapCommand],
  ["fermi", async () => (await import("./commands/fermi")).fermiCommand],
  ["window", async () => (await import("./commands/window")).windowCommand],
  ["voltage", async () => (await import("./commands/voltage")).voltageCommand],
  ["scl", async () => (await import("./commands/scl")).sclCommand],
  ["stack", async () => (await import("./commands/stack")).stackCommand],
  // what-if commands: screening, dopants and quench, temperature, uncertainty, sensitivity
  ["screen", async () => (await import("./commands/screen")).screenCommand],
  ["dope", async () => (await import("./commands/dope")).dopeCommand],
  ["sweep-temperature", async () => (await import("./commands/sweepTemperature")).sweepTemperatureCommand],
  ["uncertainty", async () => (await import("./commands/uncertainty")).uncertaintyCommand],
  ["sensitivity", async () => (await import("./commands/sensitivity")).sensitivityCommand],
];

/** Every command's name, without loading any command. */
export const commandNames: string[] = loaders.map(([name]) => name);

/** The command called `name` (its module loaded now), or undefined for an unknown name. */
export async function loadCommand(name: string): Promise<CommandSpec | undefined> {
  const entry = loaders.find(([n]) => n === name);
  return entry ? entry[1]() : undefined;
}

/** All commands, in --help order (loads every command module). */
export async function loadCommands(): Promise<CommandSpec[]> {
  return Promise.all(loaders.map(([, load]) => load()));
}
