#!/usr/bin/env node
// The CLI runs from its bundle (built by `npm ci` through the prepare script, or `npm run build`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write("steward: dist/cli.js is missing; run `npm run build` first\n");
  process.exit(2);
}
await import(bundle.href);
