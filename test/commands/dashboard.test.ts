import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileMetricSource } from "../../src/adapters/fs/file-metric-source.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { buildDashboard } from "../../src/commands/dashboard.js";
import { dashboardCli } from "../../src/entrypoints/cli/dashboard.js";
import { captureIO } from "../support/cli-io.js";
import { scratchGit, type ScratchGit } from "../support/scratch-git.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const SAMPLES = join(ROOT, "samples/metrics");
const NOW = new Date("2026-11-26T04:00:00Z");

/** The project's own governed models and policies in a scratch git repo, fraud-detection promoted 6 -> 7. */
function governedRepo(): ScratchGit {
  const repo = scratchGit();
  rmSync(join(repo.root, "models"), { recursive: true, force: true });
  rmSync(join(repo.root, "policies"), { recursive: true, force: true });
  rmSync(join(repo.root, "data"), { recursive: true, force: true });
  for (const dir of ["models", "policies", "data"]) cpSync(join(ROOT, dir), join(repo.root, dir), { recursive: true });
  const fraud = "models/fraud-detection/model.yaml";
  const text = readFileSync(join(repo.root, fraud), "utf8");
  repo.write(fraud, text.replace('production: "7"', 'production: "6"'));
  repo.commit("models: initial", "2026-10-01T09:00:00Z");
  repo.commit("promote fraud-detection 7 to production", "2026-11-02T10:00:00Z", { [fraud]: text }, "bob");
  return repo;
}

describe("buildDashboard", () => {
  let repo: ScratchGit;
  let out: string;
  beforeAll(() => {
    repo = governedRepo();
    out = mkdtempSync(join(tmpdir(), "steward-dashboard-"));
  });
  afterAll(() => {
    repo.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  const deps = (dir: string) => ({ files: fsRepoFiles(repo.root), out: fsRepoFiles(dir), logger: silentLogger, git: gitCliHistory(repo.root), metrics: fileMetricSource(SAMPLES, { replay: true }) });

  it("runs a dry-run monitor over the sample metrics and writes the overview and one page per model", async () => {
    const result = await buildDashboard(deps(out), { now: NOW });
    expect(result.written).toEqual(["index.html", "models/churn-prediction.html", "models/demand-forecasting.html", "models/fraud-detection.html", "audit.html"]);
    for (const p of result.written) expect(existsSync(join(out, p))).toBe(true);
    expect(result.view.models.map((m) => [m.name, m.health])).toEqual([["churn-prediction", "ok"], ["demand-forecasting", "warning"], ["fraud-detection", "critical"]]);
    const fraud = result.view.models.find((m) => m.name === "fraud-detection")!;
    expect(fraud.incidents.map((i) => i.checkId).sort()).toEqual(["accuracy", "drift", "latency"]);
    expect(fraud.changes.map((c) => c.branch)).toContain("steward/rollback/fraud-detection");
    const accuracy = fraud.charts.find((c) => c.metric === "accuracy")!;
    expect(accuracy.source).toBe("metrics");
    expect(accuracy.points.length).toBeGreaterThan(1000); // 14 days at 10 minutes
    expect(accuracy.marked.some((m) => m.reason === "breach")).toBe(true);
    expect(fraud.timeline.map((e) => [e.stage, e.to.map((v) => v.version).join(), e.subject])).toEqual([
      ["production", "7", "promote fraud-detection 7 to production"],
      ["staging", "8", "models: initial"],
      ["production", "6", "models: initial"],
    ]);
    const page = readFileSync(join(out, "models/fraud-detection.html"), "utf8");
    expect(page).toContain('<polyline class="series"');
    expect(page).toContain('<line class="threshold" data-bound="min"');
    expect(result.warnings).toEqual([]);
  });

  it("writes the same bytes for the same inputs and --now", async () => {
    const again = mkdtempSync(join(tmpdir(), "steward-dashboard-"));
    try {
      const { written } = await buildDashboard(deps(again), { now: NOW });
      for (const p of written) expect(readFileSync(join(again, p), "utf8"), p).toBe(readFileSync(join(out, p), "utf8"));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it("reads a folder of reports instead, skipping JSON that is not a report, charts from their evidence", async () => {
    const reports = mkdtempSync(join(tmpdir(), "steward-reports-"));
    const site = mkdtempSync(join(tmpdir(), "steward-dashboard-"));
    try {
      // Two runs of the monitor, as two shards' artifacts: the later one has recovered.
      const { runMonitor } = await import("../../src/commands/monitor.js");
      const m = { metrics: fileMetricSource(SAMPLES, { replay: true }), files: fsRepoFiles(repo.root), logger: silentLogger };
      const bad = await runMonitor(m, { now: NOW, dryRun: true });
      mkdirSync(join(reports, "shard-1/events"), { recursive: true });
      mkdirSync(join(reports, "broken"));
      writeFileSync(join(reports, "shard-1/report.json"), JSON.stringify(bad));
      writeFileSync(join(reports, "shard-1/events/1.json"), JSON.stringify({ DetailType: "Model Anomaly Detected" }));
      writeFileSync(join(reports, "broken/report.json"), "{");
      writeFileSync(join(reports, "later.json"), JSON.stringify({ ...bad, now: "2026-11-26T05:00:00.000Z", findings: [], actions: [], models: bad.models.map((h) => ({ ...h, status: "ok", incidents: [], changes: [] })) }));
      const { metrics: _, ...noMetrics } = deps(site);
      const result = await buildDashboard({ ...noMetrics, reports: fsRepoFiles(reports) }, { now: NOW });
      expect(result.warnings).toEqual([expect.stringMatching(/^broken\/report\.json: not JSON: .*; skipped$/), "skipped 1 JSON file(s) that are not monitor reports: shard-1/events/1.json"]);
      const fraud = result.view.models.find((x) => x.name === "fraud-detection")!;
      expect(fraud.health).toBe("ok");
      expect(fraud.history[0]).toMatchObject({ status: "recovered" });
      expect(fraud.charts.find((c) => c.metric === "accuracy")!.source).toBe("evidence");
      expect(fraud.charts.find((c) => c.metric === "errors")!.source).toBe("none");
    } finally {
      rmSync(reports, { recursive: true, force: true });
      rmSync(site, { recursive: true, force: true });
    }
  });
});

describe("steward dashboard (CLI)", () => {
  it("needs --out", async () => {
    await expect(dashboardCli([], captureIO())).rejects.toThrow(/needs --out/);
  });

  it("prints its help", async () => {
    const io = captureIO();
    expect(await dashboardCli(["--help"], io)).toBe(0);
    expect(io.out()).toMatch(/^usage: steward dashboard --out DIR/);
  });

  it("writes the site for --root and --now and reports it as JSON", async () => {
    const repo = governedRepo();
    const out = join(repo.root, "site");
    try {
      const io = captureIO({ cwd: repo.root });
      expect(await dashboardCli(["--out", "site", "--source", SAMPLES, "--now", NOW.toISOString(), "--format", "json"], io)).toBe(0);
      const summary = JSON.parse(io.out()) as { files: string[]; models: { model: string; health: string }[] };
      expect(summary.files).toHaveLength(5);
      expect(summary.models.find((m) => m.model === "fraud-detection")!.health).toBe("critical");
      expect(readFileSync(join(out, "index.html"), "utf8")).toContain("fraud-detection");
    } finally {
      repo.dispose();
    }
  });

  it("refuses a missing --reports folder and a bad --now", async () => {
    await expect(dashboardCli(["--out", "x", "--reports", "/nonexistent/reports"], captureIO())).rejects.toThrow(/no folder/);
    await expect(dashboardCli(["--out", "x", "--now", "yesterday"], captureIO())).rejects.toThrow(/--now/);
  });
});
