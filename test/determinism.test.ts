/**
 * Determinism (issue "Fast and unbreakable", reliability): the same inputs give bit-identical
 * JSON, for every command of the CLI contract (cli.md) and the stack command.
 *
 * Each command runs twice in this process (lib/src through main()) and once more in each of
 * two fresh Node processes (the built CLI, lib/dist/cli/main.js), so neither a cache warmed by the
 * first run nor the state of one process can make two outputs agree by accident. The outputs
 * are compared as strings, byte for byte, and also checked to be one JSON document of finite
 * numbers (so "identical" cannot mean "identically broken").
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "lib/dist/cli/main.js");
const scfermi = path.join(root, "test/fixtures/scfermi/semiconductor");
const phase = path.join(root, "test/fixtures/phase");

const commands: Record<string, string[]> = {
  table: ["table"],
  map: ["map", "--electrolyte", "LiPON", "--cathode", "LNMO", "--soc", "100%"],
  fermi: [
    "fermi",
    "--sc-fermi", path.join(scfermi, "input-fermi.dat"),
    "--dos", path.join(scfermi, "totdos.dat"),
    "--unitcell", path.join(scfermi, "unitcell.dat"),
    "--temperature", "450",
  ],
  window: ["window", "--entries", path.join(phase, "li-ti-o.csv"), "--formula", "Li2TiO3"],
  voltage: ["voltage", "--entries", path.join(phase, "li-co-o-voltage.csv"), "--lithiated", "LiCoO2", "--delithiated", "CoO2"],
  scl: ["scl", "--phi0", "1.6216", "--nsites", "3.27455e22", "--ef0", "0.0143907", "--epsilon", "50", "--alpha", "0.1", "--temperature", "300", "--phi-target", "1.24"],
  stack: ["stack", "--layers", "Li,LPS,LCO:0%,LNCO:0%"],
};

async function inProcess(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr };
}

const run = promisify(execFile);
async function child(argv: string[]) {
  const { stdout, stderr } = await run(process.execPath, [cli, ...argv], { cwd: root, maxBuffer: 64 << 20 });
  return { code: 0, stdout, stderr };
}

/** Paths of numbers that are not finite (null is allowed only where cli.md allows it). */
function nonFinite(value: unknown, at = "$", found: string[] = []): string[] {
  if (typeof value === "number" && !Number.isFinite(value)) found.push(`${at} = ${value}`);
  else if (value === null && !/\.(upper|xstar|phiTarget)$/.test(at)) found.push(`${at} = null`);
  else if (Array.isArray(value)) value.forEach((v, i) => nonFinite(v, `${at}[${i}]`, found));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) nonFinite(v, `${at}.${k}`, found);
  return found;
}

describe("determinism: the same command line prints bit-identical JSON", () => {
  test.each(Object.keys(commands))("%s --json, twice in this process", async (name) => {
    const argv = [...commands[name], "--json"];
    const a = await inProcess(argv);
    const b = await inProcess(argv);
    expect(a.stderr).toBe("");
    expect(a.code).toBe(0);
    expect(b.stdout === a.stdout, `${name}: second run differs`).toBe(true);
    const parsed = JSON.parse(a.stdout);
    expect(nonFinite(parsed)).toEqual([]);
    if (name === "table") expect(parsed).toHaveLength(48);
  });

  test.runIf(existsSync(cli)).each(Object.keys(commands))("%s --json, in two fresh processes of the built CLI", async (name) => {
    const argv = [...commands[name], "--json"];
    const [a, b] = await Promise.all([child(argv), child(argv)]);
    expect(a.stderr).toBe("");
    expect(b.stdout === a.stdout, `${name}: the two processes differ`).toBe(true);
    expect(nonFinite(JSON.parse(a.stdout))).toEqual([]);
  });
});
