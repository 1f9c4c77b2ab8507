/**
 * The monitor action's bundle (actions/monitor/dist/index.js) end to end against the local fakes:
 * CloudWatch and EventBridge through the SDK's endpoint override (test/support/fake-aws-server.ts),
 * GitHub through GITHUB_API_URL (test/support/fake-github-server.ts). Each case asserts the step's
 * result, the report's status and what GitHub and EventBridge were left with: a run that could not
 * read or could not act fails the step and says so first; a run that saw findings stays green.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { incidentMarker } from "../../src/core/github-conventions.js";
import type { MonitorReport } from "../../src/core/monitor/report.js";
import { startFakeAws, type FakeAws, type MetricKey } from "../support/fake-aws-server.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github-server.js";
import { assertValidReport } from "../support/report-schema.js";
import { runAction } from "../support/run-action.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const HOUR = 3_600_000;

/** What each metric reads in a scenario: healthy by default; `auc` can fail, vanish or stop early. */
interface World {
  auc: "healthy" | "failing" | "none" | "stale";
  latency: "healthy" | "slow";
}

/** Hourly values for [start, end): a healthy level with small deterministic wiggle, or the scenario's deviation. */
function series(world: World, key: MetricKey, start: number, end: number): { t: number; value: number }[] {
  const p = key.period * 1000;
  const out: { t: number; value: number }[] = [];
  const last = Math.floor((end - 1) / p) * p;
  for (let t = Math.ceil(start / p) * p; t < end; t += p) {
    const wiggle = 1 + 0.01 * Math.sin(t / (7 * p)) + 0.005 * Math.cos(t / (3 * p));
    const recent = last - t < 6 * HOUR;
    switch (key.metric) {
      case "AUC":
        if (world.auc === "none") continue;
        if (world.auc === "stale" && last - t < 6 * HOUR) continue;
        out.push({ t, value: (world.auc === "failing" && recent ? 0.6 : 0.85) * wiggle });
        break;
      case "ModelLatency":
        out.push({ t, value: (world.latency === "slow" && recent && key.dimensions.EndpointName === "churn-prediction" ? 900_000 : 80_000) * wiggle });
        break;
      case "Invocations":
        out.push({ t, value: 1000 * wiggle });
        break;
      case "MAPE":
        out.push({ t, value: 0.1 * wiggle });
        break;
      default:
        out.push({ t, value: wiggle });
    }
  }
  return out;
}

describe("the monitor action against fake CloudWatch, EventBridge and GitHub", { timeout: 120_000 }, () => {
  let root: string;
  let out: string;
  let aws: FakeAws;
  let gh: FakeGitHub;
  let world: World;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), "steward-monitor-e2e-"));
    out = mkdtempSync(join(tmpdir(), "steward-monitor-e2e-out-"));
    for (const p of ["models/churn-prediction", "models/demand-forecasting", "policies"]) cpSync(join(ROOT, p), join(root, p), { recursive: true });
    // recover within a minute of healthy data, so that a second run can see a recovery
    const policy = join(root, "policies/default.yaml");
    writeFileSync(policy, readFileSync(policy, "utf8").replace("recovery: 6h", "recovery: 1m"));
    world = { auc: "healthy", latency: "healthy" };
    aws = await startFakeAws((key, start, end) => series(world, key, start, end));
    // main on GitHub holds the same files as the checkout (bot PRs are built from the remote base)
    const files = Object.fromEntries(readdirSync(root, { recursive: true }).map(String).filter((f) => statSync(join(root, f)).isFile()).map((f) => [f, readFileSync(join(root, f), "utf8")]));
    gh = await startFakeGitHub({ files });
  });

  afterEach(async () => {
    await aws.close();
    await gh.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  const env = (over: Record<string, string | undefined> = {}) => {
    const e: Record<string, string | undefined> = {
      INPUT_ROOT: root,
      INPUT_SOURCE: "cloudwatch",
      INPUT_OUT: out,
      GITHUB_TOKEN: "t",
      GITHUB_REPOSITORY: "acme/models",
      GITHUB_API_URL: gh.url,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_ENDPOINT_URL: aws.url,
      AWS_MAX_ATTEMPTS: "2",
      ...over,
    };
    return Object.fromEntries(Object.entries(e).filter((kv): kv is [string, string] => kv[1] !== undefined));
  };
  const report = (): MonitorReport => {
    const text = readFileSync(join(out, "report.json"), "utf8");
    assertValidReport(text, "report.json");
    return JSON.parse(text) as MonitorReport;
  };
  const issues = (marker: string) => [...gh.state.issues.values()].filter((i) => !i.pull && (i.body ?? "").includes(marker));

  it.each([
    ["CloudWatch unreachable", () => ({ AWS_ENDPOINT_URL_CLOUDWATCH: "http://127.0.0.1:9" })],
    ["every call throttled", () => (aws.throttle(1000), {})],
    ["no region configured", () => ({ AWS_REGION: undefined })],
  ])("%s: the run is blind, the step fails and the summary says so first", async (_, setup) => {
    const r = await runAction("monitor", env(setup()));
    expect(r.status, r.stdout).toBe(1);
    expect(r.out("outcome")).toBe("blind");
    const rep = report();
    expect(rep.status).toMatchObject({ exitCode: 2 });
    expect(rep.status.outcome).toMatch(/^blind/);
    expect(rep.coverage.length).toBeGreaterThan(0);
    expect(rep.coverage.filter((c) => c.check !== "drift").every((c) => c.outcome === "unreadable")).toBe(true);
    expect(rep.findings[0]!.kind).toBe("unreadable");
    expect(r.summary.split("\n")[0]).toMatch(/^\*\*BLIND/);
    expect(r.stdout).toMatch(/::error title=steward monitor::BLIND/);
    // blind is never a reason to change the deployment, nor to open an issue per check (the step fails instead)
    expect(rep.actions.filter((a) => a.kind !== "note").map((a) => a.target)).toEqual(["model-health"]);
  });

  it("a model with no data: a no-data finding first, an issue saying so, no PR; the step stays green", async () => {
    world.auc = "none";
    const r = await runAction("monitor", env());
    expect(r.status, r.stdout).toBe(0);
    expect(r.out("outcome")).toBe("findings");
    const rep = report();
    expect(rep.status.exitCode).toBe(1);
    expect(rep.findings[0]).toMatchObject({ model: "churn-prediction", checkId: "auc", kind: "no-data" });
    expect(rep.coverage[0]).toMatchObject({ model: "churn-prediction", check: "auc", outcome: "no-data" });
    expect(issues(incidentMarker("churn-prediction/auc")).map((i) => i.title)).toEqual(["[critical] churn-prediction: auc has no data"]);
    expect([...gh.state.issues.values()].filter((i) => i.pull?.head === "steward/rollback/churn-prediction")).toEqual([]);
    expect(r.summary.split("\n")[0]).toMatch(/^\*\*FINDINGS/);
  });

  it("stale data: the newest datapoint older than two periods is a stale finding", async () => {
    world.auc = "stale";
    const r = await runAction("monitor", env());
    expect(r.status, r.stdout).toBe(0);
    const rep = report();
    expect(rep.findings[0]).toMatchObject({ model: "churn-prediction", checkId: "auc", kind: "stale" });
    expect(rep.coverage[0]!.detail).toMatch(/newest datapoint is \d+h old \(limit 2h\)/);
  });

  it("every GitHub write refused (403): the run could not act, the step fails, nothing is recorded as done", async () => {
    world.auc = "failing";
    const refused = { status: 403, body: { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest" } };
    for (const method of ["POST", "PATCH", "PUT"]) gh.fail({ method, path: /./ }, refused, 1000);
    const r = await runAction("monitor", env());
    expect(r.status, r.stdout).toBe(1);
    expect(r.out("outcome")).toBe("could-not-act");
    const rep = report();
    expect(rep.status.exitCode).toBe(2);
    expect(rep.status.headline).toMatch(/^COULD NOT ACT: \d+ of \d+ actions failed/);
    const github = rep.actions.filter((a) => a.kind !== "publish-event" && a.kind !== "note");
    expect(github.length).toBeGreaterThan(0);
    expect(github.every((a) => a.status === "failed")).toBe(true);
    expect(gh.state.issues.size).toBe(0);
  });

  it("PutEvents failing some entries, then accepting them: retried with backoff, published once, with an idempotency id", async () => {
    world.auc = "failing";
    aws.failEntries(1);
    const r = await runAction("monitor", env());
    expect(r.status, r.stdout).toBe(0);
    const rep = report();
    const events = rep.actions.filter((a) => a.kind === "publish-event");
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((a) => a.status === "done")).toBe(true);
    expect(aws.calls.filter((c) => c.operation === "PutEvents").length).toBe(2);
    const anomaly = aws.events.filter((e) => e.DetailType === "Model Anomaly Detected");
    expect(anomaly).toHaveLength(1);
    expect(JSON.parse(anomaly[0]!.Detail)).toMatchObject({ model: "churn-prediction", check: "auc", idempotencyId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it("a failed close is retried on the next run, from what GitHub shows", async () => {
    const marker = incidentMarker("churn-prediction/latency");
    const dayAgo = new Date(Date.now() - 24 * HOUR).toISOString();
    gh.state.issues.set(1, { number: 1, title: "[warning] churn-prediction: latency is anomalous", body: `${marker}\nopened by an earlier run`, state: "open", stateReason: null, labels: ["model-steward", "incident"], assignees: [], author: "github-actions[bot]", createdAt: dayAgo, updatedAt: dayAgo, closedAt: null });
    gh.fail({ method: "PATCH", path: /\/issues\/1$/ }, { status: 403, body: { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest" } }, 1);
    const first = await runAction("monitor", env());
    expect(first.status, first.stdout).toBe(1);
    expect(report().actions.find((a) => a.kind === "close-issue")).toMatchObject({ status: "failed" });
    expect(gh.state.issues.get(1)!.state).toBe("open");

    const second = await runAction("monitor", env());
    expect(second.status, second.stdout).toBe(0);
    expect(report().actions.find((a) => a.kind === "close-issue")).toMatchObject({ status: "done", target: "churn-prediction/latency" });
    expect(gh.state.issues.get(1)!.state).toBe("closed");
  });

  it("two runs at once leave one incident issue (the newer is closed as a duplicate of the older)", async () => {
    world.latency = "slow";
    const [a, b] = await Promise.all([runAction("monitor", env({ INPUT_OUT: join(out, "a") })), runAction("monitor", env({ INPUT_OUT: join(out, "b") }))]);
    expect([a.status, b.status], a.stdout + b.stdout).toEqual([0, 0]);
    const all = issues(incidentMarker("churn-prediction/latency"));
    const open = all.filter((i) => i.state === "open");
    expect(open).toHaveLength(1);
    for (const dup of all.filter((i) => i.state === "closed")) {
      const comments = [...gh.state.comments.values()].filter((c) => c.issue === dup.number).map((c) => c.body);
      expect(comments.join("\n")).toContain(`Duplicate of #${open[0]!.number}`);
    }
    const health = [...gh.state.issues.values()].filter((i) => i.title === "Model health" && i.state === "open");
    expect(health).toHaveLength(1);
  });

  it("a recovered model's open rollback PR is closed with a comment saying why", async () => {
    // a git history in which 1.0.0 served production before 1.1.0: the rollback target
    const model = join(root, "models/churn-prediction/model.yaml");
    const now = readFileSync(model, "utf8");
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: root, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    writeFileSync(model, now.replace('production: "1.1.0"', 'production: "1.0.0"'));
    git("add", "-A");
    git("commit", "-qm", "serve 1.0.0");
    writeFileSync(model, now);
    git("commit", "-qam", "promote 1.1.0");
    world.auc = "failing";
    const first = await runAction("monitor", env());
    expect(first.status, first.stdout).toBe(0);
    const pr = [...gh.state.issues.values()].find((i) => i.pull?.head === "steward/rollback/churn-prediction");
    expect(pr, first.stdout).toBeDefined();
    expect(pr!.state).toBe("open");

    world.auc = "healthy";
    const second = await runAction("monitor", env());
    expect(second.status, second.stdout).toBe(0);
    const rep = report();
    expect(rep.actions.find((a) => a.kind === "close-change")).toMatchObject({ status: "done", target: "steward/rollback/churn-prediction" });
    expect(gh.state.issues.get(pr!.number)!.state).toBe("closed");
    expect(gh.state.issues.get(pr!.number)!.pull!.mergedAt).toBeNull();
    const comments = [...gh.state.comments.values()].filter((c) => c.issue === pr!.number).map((c) => c.body);
    expect(comments.join("\n")).toMatch(/Closing unmerged: churn-prediction recovered without this change/);
    expect(issues(incidentMarker("churn-prediction/auc")).every((i) => i.state === "closed")).toBe(true);
  });
});
