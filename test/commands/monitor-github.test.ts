/**
 * End to end: the CLI (`steward monitor`) over the sample repository and its embedded metric files,
 * against the local fake GitHub REST server through the real Octokit adapter.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github-server.js";
import { sampleRepoWithHistory } from "../support/sample-history.js";
import type { ScratchGit } from "../support/scratch-git.js";

const MODEL = "models/fraud-detection/model.yaml";

describe("steward monitor against the fake GitHub API", () => {
  let gh: FakeGitHub;
  // The sample repository, in a git history where 6 served production before 7.
  let repo: ScratchGit;
  let ROOT: string;
  const env = () => ({ GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url });
  const monitor = async (...args: string[]) => {
    const io = captureIO({ env: env(), cwd: ROOT });
    const code = await runCli(["monitor", "--root", ROOT, "--format", "json", "--source", "samples", ...args], io);
    return { code, report: JSON.parse(io.out()) as { findings: { model: string; checkId: string }[]; actions: { kind: string; status: string; target: string }[]; warnings: string[] } };
  };
  const issues = () => [...gh.state.issues.values()];
  const byTitle = (prefix: string) => issues().filter((i) => i.title.startsWith(prefix));

  beforeEach(async () => {
    repo = sampleRepoWithHistory();
    ROOT = repo.root;
    gh = await startFakeGitHub({ files: { [MODEL]: readFileSync(join(ROOT, MODEL), "utf8") } });
  });
  afterEach(async () => {
    await gh.close();
    repo.dispose();
  });

  it("first run opens the issues and PRs, a second run comments and opens nothing new, a recovery closes the issue", async () => {
    const first = await monitor("--now", "2026-11-26T00:05:00Z");
    // the rules ask for events and no region is set: they could not be sent, which fails the run (2)
    expect(first.code).toBe(2);
    // fraud-detection degrades; on demand-forecasting's split, the 2026.11 variant's latency breaches (and its split is not completed)
    expect(first.report.findings.map((f) => `${f.model}/${f.checkId}`).sort(), JSON.stringify(first.report.findings)).toEqual(["demand-forecasting/latency-vs-traffic@2026.11", "demand-forecasting/latency@2026.11", "fraud-detection/accuracy", "fraud-detection/drift", "fraud-detection/latency"]);
    const failed = first.report.actions.filter((a) => a.status === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((a) => a.kind === "publish-event")).toBe(true);
    expect(byTitle("[critical] fraud-detection: accuracy")).toHaveLength(1);
    expect(byTitle("Model health")).toHaveLength(1);
    expect(gh.fileAt("steward/rollback/fraud-detection", MODEL)).toContain('production: "6"');
    expect(gh.fileAt("steward/scale/fraud-detection", MODEL)).toContain("instanceCount: 4");
    expect(first.report.warnings.join("\n")).toMatch(/event\(s\) not published: no event bus configured/);
    const created = issues().length;
    const postsBefore = gh.requests.filter((r) => r.method === "POST" && /\/pulls$/.test(r.path)).length;

    const second = await monitor("--now", "2026-11-26T00:15:00Z");
    // the anomaly events that could not be sent are sent again (and fail again: still no region)
    expect(second.code).toBe(2);
    expect(second.report.actions.filter((a) => a.kind === "publish-event" && a.target === "Model Anomaly Detected").length).toBeGreaterThan(0);
    expect(issues()).toHaveLength(created);
    expect(gh.requests.filter((r) => r.method === "POST" && /\/pulls$/.test(r.path))).toHaveLength(postsBefore);
    const accuracy = byTitle("[critical] fraud-detection: accuracy")[0]!;
    const comments = [...gh.state.comments.values()].filter((c) => c.issue === accuracy.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^Still failing/);

    const healthy = mkdtempSync(join(tmpdir(), "metrics-"));
    try {
      cpSync(join(ROOT, "samples/metrics"), healthy, { recursive: true });
      // the files end at 00:00; the run is at 02:10: shift every series so that its data is fresh, not stale
      for (const f of readdirSync(healthy, { recursive: true }).map(String).filter((n) => n.endsWith(".csv") && !n.endsWith("drift.csv"))) {
        const text = readFileSync(join(healthy, f), "utf8");
        writeFileSync(join(healthy, f), text.replace(/^(\d{4}-\d{2}-\d{2}T[^,]+),/gm, (_, t: string) => `${new Date(Date.parse(t) + 130 * 60_000).toISOString()},`));
      }
      const file = join(healthy, "fraud-detection/accuracy.csv");
      const lines = readFileSync(file, "utf8").trim().split("\n");
      writeFileSync(file, `${lines.map((l, i) => (i === 0 ? l : `${l.split(",")[0]},0.9400`)).join("\n")}\n`);
      const third = await monitor("--now", "2026-11-26T02:10:00Z", "--source", healthy);
      expect(third.report.actions).toContainEqual(expect.objectContaining({ kind: "close-issue", status: "done", target: "fraud-detection/accuracy" }));
    } finally {
      rmSync(healthy, { recursive: true, force: true });
    }
    expect(gh.state.issues.get(accuracy.number)!.state).toBe("closed");
  });
});
