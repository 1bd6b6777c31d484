/**
 * Every ```-fenced `npx potmap ...` line of README.md runs as written on a fresh clone (exit 0)
 * and writes only where it says: the outputs it names (under output/, which git ignores) are
 * redirected to a temporary folder here, and nothing else may appear in the repository.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, expect, test } from "vitest";
import { main } from "../lib/src/cli/main";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "potmap-readme-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The `npx potmap` lines inside ``` fences, comments cut, split into words. */
export function readmeCommands(text: string): string[][] {
  const commands: string[][] = [];
  let fenced = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("```")) {
      fenced = !fenced;
      continue;
    }
    if (!fenced || !line.startsWith("npx potmap ")) continue;
    const words = line.replace(/\s+#.*$/, "").trim().split(/\s+/);
    commands.push(words.slice(2));
  }
  return commands;
}

const commands = readmeCommands(fs.readFileSync(path.join(root, "README.md"), "utf8"));
const outputFlags = new Set(["--csv", "--json-out", "--figure", "--out"]);
const status = () => execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: root, encoding: "utf8" });
const before = status();

test("the README has the examples it promises", () => {
  expect(commands.map((c) => c[0])).toEqual(expect.arrayContaining(["table", "map", "fermi", "window", "voltage", "scl", "stack", "dope", "sweep-temperature", "uncertainty", "sensitivity", "screen", "check"]));
});

const unwritten = new Set<string>();
const shared = fs.existsSync(path.resolve(root, "../shared/data/phase-entries"));
test.each(commands.map((c) => [c.join(" "), c] as const))("npx potmap %s", async (_, words) => {
  // without ../shared, a command reading it is skipped, and so is one reading what it would write
  if (!shared && words.some((w) => w.includes("../shared") || unwritten.has(w))) {
    words.forEach((w, i) => i > 0 && outputFlags.has(words[i - 1]) && unwritten.add(w));
    return;
  }
  // outputs go under output/ (git-ignored) and are redirected to the temporary folder; a later
  // example reading such a file (--materials output/x.json) reads it there. export's --sc-fermi
  // is the folder it writes (a new one each run: it refuses a non-empty one)
  const isOutput = (i: number) => i > 0 && (outputFlags.has(words[i - 1]) || (words[0] === "export" && words[i - 1] === "--sc-fermi"));
  const argv = words.map((w, i) => {
    if (isOutput(i)) expect(w.startsWith("output/"), `${w}: outputs go under output/ (git-ignored)`).toBe(true);
    return w.startsWith("output/") ? path.join(tmp, w) : w;
  });
  let stderr = "";
  const code = await main(argv, () => {}, (t) => (stderr += t));
  expect(code, stderr).toBe(0);
  for (let i = 1; i < argv.length; i++) if (isOutput(i)) expect(fs.existsSync(argv[i]), argv[i]).toBe(true);
}, 60_000);

const python = spawnSync("python3", ["--version"], { encoding: "utf8" }).status === 0;
test.skipIf(!python)("the Python example runs (python3, subprocess, npx potmap ... --json)", () => {
  const block = /```python\n([\s\S]*?)```/.exec(fs.readFileSync(path.join(root, "README.md"), "utf8"))?.[1];
  expect(block).toBeDefined();
  const out = execFileSync("python3", ["-c", block!], { cwd: root, encoding: "utf8" });
  expect(out).toMatch(/^48 configurations; smallest \|dphi_c\|: \S+\/\S+ \S+: [+-]\d\.\d{3} V$/m);
  expect(out).toMatch(/^Li \| LLZO \| LCO 0%: dphi_a 1\.6\d\d V, E_F \d\.\d{3} eV above the VBM at the anode side$/m);
}, 60_000);

test("the examples wrote nothing into the repository", () => {
  expect(status()).toBe(before);
});
