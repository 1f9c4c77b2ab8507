/**
 * The npm package as an adopter gets it: packed from this tree, run with `npm exec` (what `npx`
 * does) in an empty git repository outside the tree, with no registry (--offline: the package has
 * no runtime dependencies, its bundle holds them). Runs the README's "Adopt it in your repository"
 * commands in order, and checks what init wrote.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { majorTag, PUBLISHED_REPO } from "../../src/core/init/starter-layout.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; dependencies?: object; files: string[] };

/** The shell block of the README's adoption section: its `npx model-steward ...` commands. */
function readmeCommands(): string[][] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("Adopt it in your repository"))!;
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split("\n")
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter((l) => l.startsWith("npx model-steward "))
    .map((l) => l.split(/\s+/).slice(2));
}

describe("the packed npm package in an empty repository", () => {
  let work: string;
  let tarball: string;
  let repo: string;
  const steward = (args: string[]) =>
    spawnSync("npm", ["exec", "--offline", "--yes", `--package=${tarball}`, "--", "model-steward", ...args], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, npm_config_cache: join(work, "npm-cache"), npm_config_update_notifier: "false", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "steward-pack-"));
    execFileSync(process.execPath, [join(ROOT, "scripts/build.mjs"), "--cli"], { cwd: ROOT });
    const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" })) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, packed[0]!.filename);
    repo = join(work, "adopter");
    execFileSync("git", ["init", "-q", repo]);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("is publishable and self-contained: not private, no runtime dependencies, bin and files", () => {
    expect(pkg).not.toHaveProperty("private");
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.files).toEqual(expect.arrayContaining(["bin/", "dist/", "schemas/", "templates/"]));
    const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(listed).toEqual(expect.arrayContaining(["package/bin/steward.js", "package/dist/cli.js", "package/dist/check-worker.js", "package/schemas/model.schema.json", "package/templates/model-card.md.hbs"]));
    expect(listed.filter((f) => f.startsWith("package/src/") || f.startsWith("package/test/"))).toEqual([]);
  });

  it("runs the README's adoption commands: init --yes, validate, card", () => {
    const commands = readmeCommands();
    expect(commands.map((c) => c[0])).toEqual(["init", "validate", "card"]);
    for (const args of commands) {
      const r = steward(args);
      expect(r.status, `${args.join(" ")}\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
    expect(steward(["card", "--check"]).status).toBe(0);
    expect(steward(["--version"]).stdout.trim()).toBe(pkg.version);
  });

  it("wrote workflows that call the published reusable workflows at a version, and the editor's schema mapping", () => {
    const workflows = readdirSync(join(repo, ".github/workflows")).sort();
    expect(workflows).toEqual(["steward-apply.yml", "steward-monitor.yml", "steward-pr.yml"]);
    for (const w of workflows) {
      const text = readFileSync(join(repo, ".github/workflows", w), "utf8");
      expect(text).toContain(`uses: ${PUBLISHED_REPO}/.github/workflows/${w}@${majorTag(pkg.version)}`);
      expect(text).not.toMatch(/uses: \.\//);
    }
    const settings = JSON.parse(readFileSync(join(repo, ".vscode/settings.json"), "utf8")) as { "yaml.schemas": Record<string, string> };
    expect(Object.values(settings["yaml.schemas"])).toEqual(["models/*/model.yaml", "models/*/versions/*.yaml", "policies/*.yaml"]);
    expect(readFileSync(join(repo, "models/my-model/model.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=https:\/\/\S+\/model\.schema\.json\n/);
  });

  it("init never overwrites without --force, and --model adds one model", () => {
    const before = readFileSync(join(repo, "policies/default.yaml"), "utf8");
    expect(steward(["init", "--yes"]).status).toBe(2);
    const added = steward(["init", "--model", "churn-prediction", "--yes"]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^wrote models\/churn-prediction\/model\.yaml\n/);
    expect(added.stdout).toMatch(/Next:\n {2}1\. .*\n {2}2\. .*\n {2}3\. .*\n$/);
    expect(readFileSync(join(repo, "policies/default.yaml"), "utf8")).toBe(before);
    expect(steward(["validate"]).status).toBe(0);
  });
});
