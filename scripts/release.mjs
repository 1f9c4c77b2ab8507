#!/usr/bin/env node
// Cuts a release: node scripts/release.mjs X.Y.Z [--push]
//
// 1. checks: on main, clean tree, X.Y.Z is semver and newer than package.json's version;
// 2. sets the version in package.json and package-lock.json, points the reusable workflows'
//    `uses: <repo>/actions/<name>@vN` at the new major tag, rebuilds every bundle (npm run build);
// 3. runs the typecheck and the tarball test (the package as an adopter installs it);
// 4. commits "release vX.Y.Z", tags vX.Y.Z and moves the major tag vX to it.
// Without --push it stops there and prints what to push; with --push it pushes both tags and
// main, and publishes the package to npm (npm publish reads NPM_TOKEN or your npm login).
// docs/releasing.md explains the process and why the major tag moves.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, readdirSync } from "node:fs";

const [version, ...flags] = process.argv.slice(2);
const push = flags.includes("--push");
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: "inherit", ...opts });
const out = (cmd, args) => execFileSync(cmd, args, { encoding: "utf8" }).trim();
const fail = (msg) => {
  process.stderr.write(`release: ${msg}\n`);
  process.exit(2);
};

if (!version || !/^\d+\.\d+\.\d+$/.test(version)) fail("usage: node scripts/release.mjs X.Y.Z [--push]");
const current = JSON.parse(readFileSync("package.json", "utf8")).version;
const newer = (a, b) => { const [x, y] = [a, b].map((v) => v.split(".").map(Number)); for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i]; return false; };
if (!newer(version, current)) fail(`${version} is not newer than ${current}`);
if (out("git", ["rev-parse", "--abbrev-ref", "HEAD"]) !== "main") fail("release from main");
if (out("git", ["status", "--porcelain"])) fail("the working tree is not clean");
if (out("git", ["tag", "--list", `v${version}`])) fail(`tag v${version} exists`);

const major = `v${version.split(".")[0]}`;
run("npm", ["version", version, "--no-git-tag-version", "--allow-same-version"]);
for (const f of readdirSync(".github/workflows").filter((f) => f.startsWith("steward-"))) {
  const path = `.github/workflows/${f}`;
  const text = readFileSync(path, "utf8");
  writeFileSync(path, text.replace(/(uses: [\w.-]+\/model-steward\/(?:actions\/[\w-]+|\.github\/workflows\/[\w.-]+))@v\d+/g, `$1@${major}`));
}
run("npm", ["run", "build"]);
run("npx", ["tsc", "--noEmit"]);
run("npx", ["vitest", "run", "--project", "e2e", "test/e2e/package-tarball.test.ts"]);
run("git", ["add", "package.json", "package-lock.json", ".github/workflows", "actions"]);
run("git", ["commit", "-m", `release v${version}`]);
run("git", ["tag", "-a", `v${version}`, "-m", `model-steward ${version}`]);
run("git", ["tag", "-f", "-a", major, "-m", `model-steward ${major} (currently ${version})`]);

const pushes = [["git", ["push", "origin", "main", `v${version}`]], ["git", ["push", "-f", "origin", major]], ["npm", ["publish"]]];
if (!push) {
  console.log(`\nTagged v${version} and moved ${major}. To publish:\n${pushes.map(([c, a]) => `  ${c} ${a.join(" ")}`).join("\n")}`);
} else {
  for (const [c, a] of pushes) run(c, a);
}
