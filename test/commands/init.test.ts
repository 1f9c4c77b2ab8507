import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const empty = () => {
  const d = mkdtempSync(join(tmpdir(), "steward-init-"));
  dirs.push(d);
  return d;
};
const run = async (cwd: string, ...argv: string[]) => {
  const io = captureIO({ cwd });
  return { code: await runCli(argv, io), out: io.out(), err: io.err() };
};

describe("steward init", () => {
  it("writes a layout that passes validate and card --check once the card is written", async () => {
    const d = empty();
    const r = await run(d, "init", "--yes", "--model", "churn-prediction");
    expect(r.code, r.err).toBe(0);
    expect(r.out.split("\n").filter((l) => l.startsWith("wrote "))).toEqual([
      "wrote models/churn-prediction/model.yaml",
      "wrote policies/default.yaml",
      "wrote .github/workflows/steward-pr.yml",
      "wrote .github/workflows/steward-apply.yml",
      "wrote .github/workflows/steward-monitor.yml",
      "wrote .vscode/settings.json",
    ]);
    expect((await run(d, "validate")).code).toBe(0);
    expect((await run(d, "card")).code).toBe(0);
    expect((await run(d, "card", "--check")).code).toBe(0);
  });

  it("validate passes the starter, with a warning at each starter value to replace; none once they are written", async () => {
    const d = empty();
    expect((await run(d, "init", "--yes")).code).toBe(0);
    const v = await run(d, "validate");
    expect(v.code).toBe(0);
    const warnings = v.out.split("\n").filter((l) => l.includes("[starter-value]"));
    expect(warnings.map((l) => l.trim().split(/\s+/)[0])).toEqual(["5:14", "6:10", "20:28"]);
    expect(v.out).toContain('owner "@your-org/your-team" is a starter value of `steward init`/`steward import`: write the real one');
    expect(v.out).toMatch(/ok: 0 errors, 3 warnings in 2 files\n$/);
    const model = join(d, "models/my-model/model.yaml");
    writeFileSync(model, readFileSync(model, "utf8").replace("What my-model predicts, and for whom.", "Scores churn risk for retention offers.").replace("@your-org/your-team", "@acme/ml").replace("YourOrg/ModelQuality", "Acme/Quality"));
    const after = await run(d, "validate");
    expect(after.out).not.toContain("[starter-value]");
    expect(after.out).toMatch(/^ok: 0 errors, 0 warnings in 2 files\n$/);
  });

  it("the apply workflow runs on the clone's default branch (master here), and says so; main outside a git repository", async () => {
    const d = empty();
    execFileSync("git", ["init", "-q", "-b", "master", d]);
    const r = await run(d, "init", "--yes");
    expect(r.code, r.err).toBe(0);
    const apply = readFileSync(join(d, ".github/workflows/steward-apply.yml"), "utf8");
    expect(apply).toContain("  push:\n    branches: [master]\n");
    expect(apply).toMatch(/^# A merge to master: /);
    expect(r.out).toContain("apply runs on pushes to master (this clone's default branch); change `branches:` in .github/workflows/steward-apply.yml if merges land elsewhere\n");
    const plain = empty();
    const p = await run(plain, "init", "--yes");
    expect(readFileSync(join(plain, ".github/workflows/steward-apply.yml"), "utf8")).toContain("    branches: [main]\n");
    expect(p.out).toContain("apply runs on pushes to main (no branch found in this clone)");
  });

  it("keeps what exists without --force, overwrites with it, and adds one model to a layout", async () => {
    const d = empty();
    expect((await run(d, "init", "--yes")).code).toBe(0);
    writeFileSync(join(d, "policies/default.yaml"), readFileSync(join(d, "policies/default.yaml"), "utf8").replace("24h", "48h"));
    const again = await run(d, "init", "--yes");
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/models\/my-model\/model\.yaml exists: nothing written \(--force overwrites it\)/);
    const added = await run(d, "init", "--yes", "--model", "fraud");
    expect(added.out).toMatch(/^wrote models\/fraud\/model\.yaml\n\nNext:/);
    expect(readFileSync(join(d, "policies/default.yaml"), "utf8")).toContain("48h");
    const forced = await run(d, "init", "--yes", "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(join(d, "policies/default.yaml"), "utf8")).toContain("24h");
    expect((await run(d, "validate")).code).toBe(0);
  });

  it("says on its first line that a file of the user's own was kept", async () => {
    const d = empty();
    mkdirSync(join(d, ".github/workflows"), { recursive: true });
    writeFileSync(join(d, ".github/workflows/steward-pr.yml"), "name: mine\n");
    const r = await run(d, "init", "--yes");
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe("init: 5 file(s) written, 1 KEPT because they exist (.github/workflows/steward-pr.yml); --force overwrites them");
    expect(readFileSync(join(d, ".github/workflows/steward-pr.yml"), "utf8")).toBe("name: mine\n");
  });

  it("without --yes and without a terminal, writes nothing and lists what it would write", async () => {
    const d = empty();
    const r = await run(d, "init");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/pass --yes to write them without asking:\n {2}models\/my-model\/model\.yaml\n/);
    expect((await run(d, "validate")).err).toMatch(/no model-steward files under/);
  });

  it("asks when a person is there", async () => {
    const d = empty();
    const io = captureIO({ cwd: d, ask: async () => "n" });
    expect(await runCli(["init"], io)).toBe(0);
    expect(io.err()).toBe("nothing written\n");
    const yes = captureIO({ cwd: d, ask: async () => "y" });
    expect(await runCli(["init"], yes)).toBe(0);
    expect(yes.out()).toMatch(/^wrote models\/my-model\/model\.yaml/);
  });
});
