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

/** `action-entry:<file>`: a two-line module that imports the action's run() and calls it. */
const actionEntry = {
  name: "action-entry",
  setup(b) {
    b.onResolve({ filter: /^action-entry:/ }, (a) => ({ path: a.path.slice("action-entry:".length), namespace: "action-entry" }));
    b.onLoad({ filter: /.*/, namespace: "action-entry" }, (a) => ({ contents: `import { run } from "./${a.path}";\nawait run();\n`, resolveDir: process.cwd(), loader: "ts" }));
  },
};

if (!cliOnly) {
  const actions = readdirSync("actions", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const name of actions) {
    const entry = `src/entrypoints/actions/${name}.ts`;
    if (!existsSync(entry)) continue;
    // The entry module exports run() without side effects (tests import it); dist/index.js calls it.
    // Split like the CLI: what a run may not need (the AWS SDK, Octokit, undici, the other CLI
    // commands the monitor action's runCli can reach) sits in chunks beside index.js, loaded by
    // the dynamic import where it is used, so a run parses only what it uses. The folder is
    // self-contained: an adopter's `uses:` runs the committed dist/ as it is.
    const out = `actions/${name}/dist`;
    for (const f of existsSync(out) ? readdirSync(out) : []) if (/^chunk-.*\.js$/.test(f)) rmSync(`${out}/${f}`);
    await build({
      ...common,
      entryPoints: { index: `action-entry:${entry}` },
      plugins: [actionEntry],
      outdir: out,
      splitting: true,
      chunkNames: "chunk-[hash]",
      minify: true,
    });
    if (name === "validate") await build({ ...common, entryPoints: [WORKER], outfile: `actions/${name}/dist/check-worker.js`, minify: true });
    if (name === "monitor") await build({ ...common, entryPoints: [DETECT_WORKER], outfile: `actions/${name}/dist/detect-worker.js`, minify: true });
    console.log(`built actions/${name}/dist/index.js`);
  }
}
