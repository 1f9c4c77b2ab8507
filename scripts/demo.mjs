#!/usr/bin/env node
// `npm run demo`: the whole product on the sample repository in this folder, offline, in a minute.
// validate -> model cards -> plan (against empty targets: what a first apply would create) ->
// monitor (dry run over the embedded metric files, in which fraud-detection degrades and its input data drifts, and one variant of demand-forecasting's split slows down).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "bin/steward.js");
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

if (!existsSync(join(root, "dist/cli.js"))) {
  const b = spawnSync(process.execPath, [join(root, "scripts/build.mjs"), "--cli"], { stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

// The demo never talks to a real service, whatever the shell has set.
const env = { ...process.env, GITHUB_TOKEN: "", GITHUB_REPOSITORY: "", MLFLOW_TRACKING_URI: "", AWS_REGION: "", AWS_DEFAULT_REGION: "" };

function step(title, why, args) {
  console.log(`\n${bold(`━━ ${title}`)}\n${dim(why)}\n${dim(`$ steward ${args.join(" ")}`)}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, encoding: "utf8" });
  process.stdout.write(r.stdout);
  if (r.stderr.trim()) process.stdout.write(dim(r.stderr));
  console.log(dim(`(exit ${r.status})`));
  return r.status;
}

const out = mkdtempSync(join(tmpdir(), "steward-demo-"));
const codes = [];
codes.push(step("1. validate", "Schemas, references, DVC pointers: what every pull request runs.", ["validate"]));
codes.push(step("2. model cards", "Are the committed MODEL_CARD.md files what the repository says?", ["card", "--check"]));
codes.push(step("3. plan", "What a first `steward apply` would create in MLflow and SageMaker (no live targets here).", ["plan", "--offline"]));
codes.push(step("4. monitor", "Two weeks of metrics; fraud-detection's accuracy slides below its threshold, and the requests its endpoint captured (SageMaker data capture, embedded JSON Lines) show transaction amounts drifting from the baseline sample; demand-forecasting's 2026.11 variant (20 % of its split) breaches its latency threshold. Dry run: nothing is sent.", ["monitor", "--source", "samples", "--dry-run", "--out", out]));

// The monitor printed what it would send; point at the files a reviewer would open.
const listing = ["issues", "pulls", "events"].flatMap((d) => (existsSync(join(out, d)) ? readdirSync(join(out, d)).sort().map((f) => `  ${d}/${f}`) : []));
if (listing.length) console.log(`\n${bold("Files written by the dry run:")}\n${listing.join("\n")}`);
console.log(`\n${bold("Everything the monitor would do is in")} ${out}`);
console.log(dim("Exit codes: 0 all well, 1 findings (expected for the degrading model), 2 usage errors."));
process.exit(codes.some((c) => c !== 0 && c !== 1) ? 1 : 0);
