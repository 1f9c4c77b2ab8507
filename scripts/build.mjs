// Bundles the CLI (dist/cli.js, not committed) and, unless --cli, every action
// (actions/<name>/dist/index.js, committed). One esbuild config, one entry per output.
import { build } from "esbuild";
import { readdirSync, existsSync } from "node:fs";

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

await build({ ...common, entryPoints: ["src/entrypoints/cli-main.ts"], outfile: "dist/cli.js", splitting: false });

if (!cliOnly) {
  const actions = readdirSync("actions", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const name of actions) {
    const entry = `src/entrypoints/actions/${name}.ts`;
    if (!existsSync(entry)) continue;
    await build({ ...common, entryPoints: [entry], outfile: `actions/${name}/dist/index.js`, minify: true });
    console.log(`built actions/${name}/dist/index.js`);
  }
}
