/**
 * docs/api.md, the API reference of potmap, potmap/notebook and potmap/course, is what
 * scripts/apiDocs.mjs generates from lib/src (TypeScript compiler API); and every function,
 * constant and class `potmap` exports has a doc comment (types and interfaces document their
 * fields, with units, one by one).
 */
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

const root = path.resolve(__dirname, "..");
const script = path.join(root, "scripts/apiDocs.mjs");

test("docs/api.md is current (node scripts/apiDocs.mjs)", () => {
  const result = spawnSync(process.execPath, [script, "--check"], { cwd: root, encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}, 120_000);

test("every function, constant and class of potmap has a doc comment", () => {
  const missing = execFileSync(process.execPath, [script, "--missing"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
    .split("\n")
    .filter((l) => / \((function|const|class|value)\)$/.test(l));
  expect(missing).toEqual([]);
}, 120_000);
