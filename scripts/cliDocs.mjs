#!/usr/bin/env node
// Write docs/cli.md, the command reference, from the CLI's option tables (lib/src/cli/commands.ts)
// as built in lib/dist. test/cliDocs.test.ts fails when the file and the tables differ.
import { writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { cliReference } = require(path.join(root, "lib/dist/cli/help.js"));
mkdirSync(path.join(root, "docs"), { recursive: true });
writeFileSync(path.join(root, "docs/cli.md"), cliReference());
console.log("wrote docs/cli.md");
