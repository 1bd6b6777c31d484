import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { cliReference } from "../lib/src/cli/help";
import { commands } from "../lib/src/cli/commands";

describe("cliReference", () => {
  test("docs/cli.md is what the option tables generate (run node scripts/cliDocs.mjs after changing them)", () => {
    const committed = readFileSync(path.resolve(__dirname, "..", "docs", "cli.md"), "utf8");
    expect(committed).toBe(cliReference());
  });

  test("names every command and every option of each", () => {
    const doc = cliReference();
    for (const spec of commands) {
      const section = doc.split(`## potmap ${spec.name}\n`)[1].split("\n## ")[0];
      for (const option of spec.options) expect(section, `${spec.name} --${option.name}`).toContain(`\`--${option.name}`);
    }
  });
});
