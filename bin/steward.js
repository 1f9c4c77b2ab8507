#!/usr/bin/env node
// The CLI runs from its bundle (built by `npm ci` through the prepare script, or `npm run build`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// detect and drift, the Unix tools, start from their own small bundle (no AWS SDK or Octokit to load)
const tool = process.argv[2] === "detect" || process.argv[2] === "drift";
const bundle = new URL(tool ? "../dist/cli-tools.js" : "../dist/cli.js", import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write(`steward: dist/${tool ? "cli-tools" : "cli"}.js is missing; run \`npm run build\` first\n`);
  process.exit(2);
}
await import(bundle.href);
