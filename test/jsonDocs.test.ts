/**
 * docs/json.md lists, for each command, exactly the fields its JSON document has (top level;
 * the first element's for a list). Runs each command in process with --json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-jsondocs-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const doc = fs.readFileSync(path.join(root, "docs/json.md"), "utf8");
const scfermi = (f: string) => path.join(root, "data/examples/sc-fermi", f);

/** The fields a section documents: the backticked names of its table's first column. */
function documented(command: string): string[] {
  const section = doc.split(`\n## potmap ${command}\n`)[1]?.split("\n## ")[0] ?? "";
  return section
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .flatMap((l) => [...l.split("|")[1].matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]));
}

async function json(argv: string[]): Promise<unknown> {
  let out = "";
  const code = await main([...argv, "--json"], (t) => (out += t), () => {});
  expect(code, argv.join(" ")).toBeLessThan(2);
  return JSON.parse(out);
}

const keys = (d: unknown) => Object.keys(Array.isArray(d) ? d[0] : (d as object)).sort();

const cases: [string, () => string[]][] = [
  ["table", () => ["table"]],
  ["map", () => ["map", "--electrolyte", "LLZO", "--cathode", "LCO", "--soc", "0%"]],
  ["curve", () => ["curve", "--electrolyte", "LLZO", "--cathode", "LCO", "--points", "3"]],
  ["fermi", () => ["fermi", "--sc-fermi", scfermi("input-fermi.dat"), "--dos", scfermi("totdos.dat"), "--unitcell", scfermi("unitcell.dat")]],
  ["window", () => ["window", "--entries", path.join(root, "test/fixtures/phase/li-ti-o.csv"), "--formula", "Li2TiO3"]],
  ["voltage", () => ["voltage", "--entries", path.join(root, "test/fixtures/phase/li-co-o-voltage.csv"), "--lithiated", "LiCoO2", "--delithiated", "CoO2"]],
  ["import", () => ["import", "--sc-fermi", scfermi("input-fermi.dat"), "--dos", scfermi("totdos.dat"), "--unitcell", scfermi("unitcell.dat"), "--base", "LLZO", "--id", "X", "--mu-li", "-1", "--out", path.join(tmp, "x.json")]],
  ["check", () => ["check"]],
  ["schema", () => ["schema", "--validate"]],
  ["new", () => ["new", "anode", "--id", "Y", "--out", path.join(tmp, "y.json")]],
];

test.each(cases)("docs/json.md documents the fields of potmap %s", async (command, argv) => {
  const fields = documented(command);
  expect(fields.length, `no table under "## potmap ${command}"`).toBeGreaterThan(0);
  expect([...new Set(fields)].sort()).toEqual(keys(await json(argv())));
}, 60_000);
