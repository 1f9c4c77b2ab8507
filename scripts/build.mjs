// Bundles the CLI (dist/cli.js, not committed) and, unless --cli, every action
// (actions/<name>/dist/index.js, committed). One esbuild config, one entry per output.
import { build } from "esbuild";
import { readdirSync, existsSync, rmSync } from "node:fs";

const cliOnly = process.argv.includes("--cli");
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);" },
};

const WORKER = "src/adapters/fs/check-worker.ts";
// The CLI is split: dist/cli.js holds argument parsing and the command table, and each command's
// code (the AWS SDK, Octokit, ajv...) is a chunk loaded by its dynamic import, so `--version` and
// `validate` do not parse what only `apply` needs. detect and drift start from dist/cli-tools.js
// (no AWS SDK, no Octokit): see bin/steward.js. Chunks sit beside them (workers resolve from there).
rmSync("dist", { recursive: true, force: true });
await build({ ...common, entryPoints: { cli: "src/entrypoints/cli-main.ts", "cli-tools": "src/entrypoints/cli-tools-main.ts" }, outdir: "dist", splitting: true, chunkNames: "chunk-[hash]" });
await build({ ...common, entryPoints: [WORKER], outfile: "dist/check-worker.js" });
const DETECT_WORKER = "src/adapters/detect/detect-worker.ts";
await build({ ...common, entryPoints: [DETECT_WORKER], outfile: "dist/detect-worker.js" });

if (!cliOnly) {
  const actions = readdirSync("actions", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const name of actions) {
    const entry = `src/entrypoints/actions/${name}.ts`;
    if (!existsSync(entry)) continue;
    // The entry module exports run() without side effects (tests import it); the bundle calls it.
    await build({
      ...common,
      stdin: { contents: `import { run } from "./${entry}";\nawait run();\n`, resolveDir: process.cwd(), loader: "ts" },
      outfile: `actions/${name}/dist/index.js`,
      minify: true,
    });
    if (name === "validate") await build({ ...common, entryPoints: [WORKER], outfile: `actions/${name}/dist/check-worker.js`, minify: true });
    if (name === "monitor") await build({ ...common, entryPoints: [DETECT_WORKER], outfile: `actions/${name}/dist/detect-worker.js`, minify: true });
    console.log(`built actions/${name}/dist/index.js`);
  }
}
