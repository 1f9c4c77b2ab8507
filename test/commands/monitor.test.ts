import { readFileSync, readdirSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeEach, describe, expect, it } from "vitest";
import { runMonitor, type MonitorDeps } from "../../src/commands/monitor.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import type { EvaluateCheck } from "../../src/core/detect/types.js";
import { detailTypeSlug } from "../../src/core/monitor/build-events.js";
import { healthMarker, incidentMarker } from "../../src/core/github-conventions.js";
import { decodeState } from "../../src/core/monitor/markers.js";
import { inShard } from "../../src/core/monitor/shard.js";
import type { MonitoringCheck, PolicySpec, RepoState } from "../../src/core/types.js";
import type { Datapoint, EventBus, MetricSource, RepoFiles, SeriesQuery, StewardEvent } from "../../src/ports.js";
import { aModelSpec, aPolicySpec, aRepoState, aVersionSpec } from "../support/builders.js";
import { inMemoryHistory } from "../support/in-memory-history.js";
import { inMemoryScm, type InMemoryScm } from "../support/in-memory-scm.js";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-26T12:00:00Z");
const MODEL_YAML = `apiVersion: steward/v1
kind: Model
name: fraud-detection
owners: ["@acme/risk-ml", "mchen"]
stages:
  production: "7" # current
  staging: "8"
`;

const accuracy: MonitoringCheck = { id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: true };

function policy(): PolicySpec {
  return aPolicySpec({
    monitoring: { checks: [accuracy], recovery: 2 * 3600 },
    remediation: {
      rules: [{ when: { severity: "critical", metric: "accuracy" }, do: ["rollback-pr", "issue", "event"] }],
      cooldown: 24 * 3600,
      escalation: { after: 6 * 3600, mention: ["@acme/ml-oncall"] },
    },
  });
}

function state(): RepoState {
  return aRepoState({
    models: [aModelSpec({ owners: ["@acme/risk-ml", "mchen"] })],
    versions: ["6", "7", "8"].map((v) => aVersionSpec({ version: v, lineage: { parent: String(Number(v) - 1) } })),
    policies: [policy()],
  });
}

/** A threshold-only evaluator: `sustained` points below min at the end make a breach. Keeps these tests about the monitor. */
const evaluate: EvaluateCheck = (series, check) => {
  const min = check.threshold.min ?? -Infinity;
  let run = 0;
  for (let i = series.length - 1; i >= 0 && series[i]!.value < min; i--) run++;
  const latest = series[series.length - 1];
  const breach = run >= check.sustained;
  return {
    checkId: check.id,
    metric: check.metric,
    status: series.length === 0 ? "insufficient-data" : breach ? "breach" : "ok",
    severity: check.severity,
    score: breach ? 1 : 0,
    fired: breach ? ["threshold"] : [],
    sustainedPoints: run,
    ...(breach ? { since: series[series.length - run]!.t } : {}),
    ...(latest ? { latest } : {}),
    bound: check.threshold,
    evidence: series.slice(-36),
    summary: breach ? `${check.metric} below ${min} for ${run} points` : `${check.metric} ok`,
  };
};

/** Accuracy that is fine until `badFrom` and `goodFrom` (epoch ms), 0.86 in between; 10-minute points. */
function metrics(world: { badFrom: number; goodFrom: number; fail?: boolean; badRows?: boolean }): MetricSource & { reads: number } {
  const source = {
    reads: 0,
    async read(queries: SeriesQuery[], range: { start: Date; end: Date }) {
      source.reads++;
      return queries.map((q) => {
        if (world.fail) return { id: q.id, points: [], error: "AccessDenied" };
        const points: Datapoint[] = [];
        for (let t = +range.start; t < +range.end; t += q.period * 1000) points.push({ t, value: t >= world.badFrom && t < world.goodFrom ? 0.86 : 0.94 });
        // a file source with a bad row: the rest of the series is returned, the bad row named
        return world.badRows ? { id: q.id, points, error: "1 row(s) skipped: m/fraud-detection/accuracy.csv:7: bad value \"abc\"" } : { id: q.id, points };
      });
    },
  };
  return source;
}

function memoryFiles(files: Record<string, string>): RepoFiles & { written: Map<string, string> } {
  const written = new Map<string, string>();
  return {
    written,
    list: async () => Object.keys(files).sort(),
    read: async (p) => (files[p] === undefined ? undefined : new TextEncoder().encode(files[p])),
    stat: async (p) => (files[p] === undefined ? undefined : { kind: "file", size: files[p]!.length }),
    resolve: async (p) => (files[p] === undefined ? undefined : p),
    write: async (p, t) => void written.set(p, t),
  };
}

function bus(): EventBus & { events: StewardEvent[] } {
  const events: StewardEvent[] = [];
  return { events, publish: async (e) => void events.push(...e) };
}

describe("steward monitor (command)", () => {
  let now: number;
  let scm: InMemoryScm;
  let events: ReturnType<typeof bus>;
  let world: { badFrom: number; goodFrom: number; fail?: boolean; badRows?: boolean };
  const files = memoryFiles({ "models/fraud-detection/model.yaml": MODEL_YAML });
  const deps = (over: Partial<MonitorDeps> = {}): MonitorDeps => ({
    metrics: metrics(world),
    files,
    logger: silentLogger,
    evaluateCheck: evaluate,
    load: async () => ({ state: state(), findings: [], fileCount: 0 }),
    // 6 served production alone before 7: the fact a rollback target is read from.
    history: inMemoryHistory({
      "models/fraud-detection/model.yaml": [
        { sha: "a6a6a6a", date: "2026-10-01T00:00:00Z", text: MODEL_YAML.replace('production: "7"', 'production: "6"') },
        { sha: "b7b7b7b", date: "2026-11-01T00:00:00Z", text: MODEL_YAML },
      ],
    }),
    scm,
    events,
    ...over,
  });
  const run = (at: number, over: Partial<MonitorDeps> = {}) => runMonitor(deps(over), { now: new Date(at) });
  const incidentIssue = () => [...scm.issues.values()].find((i) => i.body.includes(incidentMarker("fraud-detection/accuracy")));
  const healthIssue = () => [...scm.issues.values()].find((i) => i.body.includes(healthMarker()));

  beforeEach(() => {
    now = T0;
    scm = inMemoryScm({ files: { "models/fraud-detection/model.yaml": MODEL_YAML }, now: () => new Date(now) });
    events = bus();
    world = { badFrom: T0 - 3 * HOUR, goodFrom: Infinity };
  });

  it("first run: opens the issue and the rollback PR, publishes the event, writes the health issue", async () => {
    const report = await run(T0);
    expect(report.findings).toMatchObject([{ model: "fraud-detection", checkId: "accuracy", kind: "threshold", severity: "critical" }]);

    const issue = incidentIssue()!;
    expect(issue.title).toBe("[critical] fraud-detection: accuracy is outside its threshold");
    expect(issue.labels).toEqual(expect.arrayContaining(["model-steward", "incident", "severity:critical", "model:fraud-detection"]));
    expect(issue.assignees).toEqual(["mchen"]);
    expect(issue.body).toContain("@acme/risk-ml");
    expect(issue.body).toContain("xychart-beta");

    const pulls = [...scm.pulls.values()];
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ branch: "steward/rollback/fraud-detection", state: "open", title: "Roll back fraud-detection from 7 to 6" });
    expect(pulls[0]!.body).toContain(`#${issue.number}`);
    expect(scm.branches.get("steward/rollback/fraud-detection")!.files["models/fraud-detection/model.yaml"]).toBe(MODEL_YAML.replace('production: "7"', 'production: "6"'));

    expect(events.events.map((e) => e.detailType).sort()).toEqual(["Model Anomaly Detected", "Model Remediation Proposed"]);
    const stateAfter = decodeState(healthIssue()!.body);
    expect(stateAfter).toMatchObject([{ model: "fraud-detection", checkId: "accuracy", issue: issue.number, change: { branch: "steward/rollback/fraud-detection" } }]);
  });

  it("a model that serves no version yet is named, not monitored: no read, no no-data issue", async () => {
    const load = async () => ({ state: aRepoState({ models: [aModelSpec({ stages: {} })], versions: state().versions, policies: [policy()] }), findings: [], fileCount: 0 });
    const report = await run(T0, { load });
    expect(report.warnings.some((w) => /fraud-detection serves no version in stage production yet: not monitored until one is promoted/.test(w))).toBe(true);
    expect(report.stats.series).toBe(0);
    expect(report.status.headline).toMatch(/^NOTHING TO CHECK/);
    expect(report.findings).toEqual([]);
    expect(scm.calls.createIssue).toBeLessThanOrEqual(1); // at most the model-health issue
    expect(incidentIssue()).toBeUndefined();
  });

  it("second run: comments on the issue and opens nothing new", async () => {
    await run(T0);
    const before = { issues: scm.calls.createIssue, pulls: scm.calls.proposeChange, events: events.events.length };
    now = T0 + HOUR;
    const report = await run(T0 + HOUR);
    expect(scm.calls.createIssue).toBe(before.issues);
    expect(scm.calls.proposeChange).toBe(before.pulls);
    expect(events.events).toHaveLength(before.events);
    expect(scm.issues.size).toBe(2); // the incident and the health issue
    const comments = scm.comments.get(incidentIssue()!.number)!;
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^Still failing/);
    expect(comments[0]!.body).toContain("is proposed in #");
    expect(report.actions.filter((a) => a.status === "done").map((a) => a.kind)).toEqual(["comment-issue", "update-issue"]);
  });

  it("recovery: closes the issue once the metric was healthy for the recovery window", async () => {
    await run(T0);
    world.goodFrom = T0 + HOUR;
    now = T0 + 2 * HOUR;
    await run(now);
    expect(incidentIssue()!.state).toBe("open"); // healthy for 1h only
    now = T0 + 3 * HOUR + 10 * 60_000;
    await run(now);
    const issue = incidentIssue()!;
    expect(issue.state).toBe("closed");
    expect(scm.comments.get(issue.number)!.at(-1)!.body).toMatch(/^Recovered: accuracy has been within its thresholds/);
    expect(events.events.at(-1)!.detailType).toBe("Model Incident Resolved");
    expect(decodeState(healthIssue()!.body)).toEqual([]);
  });

  it("a rollback PR closed unmerged is not proposed again inside the cooldown, and is after it", async () => {
    await run(T0);
    const pr = [...scm.pulls.values()][0]!;
    now = T0 + HOUR;
    scm.closePull(pr.number);
    now = T0 + 2 * HOUR;
    const report = await run(now);
    expect(scm.pulls.size).toBe(1);
    expect(report.actions.find((a) => a.kind === "note")?.summary).toMatch(/closed unmerged 1h ago; not proposed again inside the 1d cooldown/);
    now = T0 + 26 * HOUR;
    world.badFrom = now - 3 * HOUR;
    await run(now);
    expect([...scm.pulls.values()].filter((p) => p.state === "open")).toHaveLength(1);
    expect(scm.pulls.size).toBe(2);
  });

  it("escalates when the metric has not recovered within the recovery window after the rollback was merged", async () => {
    await run(T0);
    const pr = [...scm.pulls.values()][0]!;
    now = T0 + HOUR;
    scm.closePull(pr.number, { merge: true });
    now = T0 + 2 * HOUR;
    await run(now);
    expect(incidentIssue()!.title).not.toContain("escalated");
    now = T0 + 3 * HOUR + 5 * 60_000;
    await run(now);
    const issue = incidentIssue()!;
    expect(issue.title).toBe("[critical, escalated] fraud-detection: accuracy is outside its threshold");
    expect(scm.comments.get(issue.number)!.at(-1)!.body).toContain("cc @acme/ml-oncall @acme/risk-ml");
    expect(events.events.at(-1)).toMatchObject({ detailType: "Model Incident Escalated", detail: { previousSeverity: "critical", severity: "critical" } });
    // once only
    now += HOUR;
    await run(now);
    expect(events.events.filter((e) => e.detailType === "Model Incident Escalated")).toHaveLength(1);
  });

  it("--dry-run writes the issue, the PR patch and the events, and calls no mutating API", async () => {
    const out = memoryFiles({});
    const report = await runMonitor(deps({ out }), { now: new Date(T0), dryRun: true });
    expect(Object.keys(scm.calls).sort()).toEqual(["findIssue", "findPullRequest", "listIssues"]);
    expect(events.events).toEqual([]);
    expect([...out.written.keys()].sort()).toEqual([
      "events/01-model-remediation-proposed.json",
      "events/02-model-anomaly-detected.json",
      "health.md",
      "issues/fraud-detection__accuracy.md",
      "pulls/steward__rollback__fraud-detection.md",
      "pulls/steward__rollback__fraud-detection.patch",
    ]);
    expect(out.written.get("pulls/steward__rollback__fraud-detection.patch")).toContain('-  production: "7" # current\n+  production: "6" # current');
    expect(report.actions.every((a) => a.status === "planned" || a.status === "noted")).toBe(true);
  });

  it("a failed read makes the run blind (exit 2): an unreadable finding first, the open incident kept", async () => {
    await run(T0);
    world.fail = true;
    now = T0 + HOUR;
    const report = await run(now);
    expect(report.warnings.join("\n")).toMatch(/AccessDenied/);
    expect(report.status).toMatchObject({ outcome: "blind", exitCode: 2 });
    expect(report.status.headline).toMatch(/^BLIND: 1 of 1 checks could not be read \(first: could not be read: .*AccessDenied/);
    expect(report.findings.map((f) => [f.checkId, f.kind])).toEqual([["accuracy", "unreadable"]]);
    expect(report.coverage).toEqual([expect.objectContaining({ model: "fraud-detection", check: "accuracy", outcome: "unreadable" })]);
    expect(report.actions.some((a) => a.kind === "propose-change")).toBe(false);
    expect(incidentIssue()!.state).toBe("open");
    expect(decodeState(healthIssue()!.body)).toHaveLength(1);
  });

  it("a partly read series (a bad row skipped) is still evaluated: its breach is acted on, and the run says what it could not read", async () => {
    world.badRows = true;
    const report = await run(T0);
    expect(report.findings).toMatchObject([{ model: "fraud-detection", checkId: "accuracy", kind: "threshold" }]);
    expect(report.findings[0]!.summary).toMatch(/accuracy\.csv:7: bad value/);
    expect(report.actions.some((a) => a.kind === "propose-change")).toBe(true);
    expect(incidentIssue()!.state).toBe("open");
    // never silently green: the bad row keeps the run from saying production is fine
    expect(report.coverage).toEqual([expect.objectContaining({ check: "accuracy", outcome: "unreadable" })]);
    expect(report.status).toMatchObject({ outcome: "blind", exitCode: 2 });
    expect(report.status.headline).toMatch(/accuracy\.csv:7: bad value/);
  });

  it("a partly read series that looks healthy does not close an open incident", async () => {
    await run(T0);
    world.goodFrom = T0 + HOUR;
    world.badRows = true;
    now = T0 + 4 * HOUR;
    const report = await run(now);
    expect(report.findings.map((f) => [f.checkId, f.kind])).toEqual([["accuracy", "unreadable"]]);
    expect(incidentIssue()!.state).toBe("open");
    expect(report.status).toMatchObject({ outcome: "blind", exitCode: 2 });
  });

  it("every event it publishes validates against its schema in schemas/events", async () => {
    await run(T0);
    now = T0 + HOUR;
    scm.closePull([...scm.pulls.values()][0]!.number, { merge: true });
    now = T0 + 4 * HOUR;
    await runMonitor(deps(), { now: new Date(now), runUrl: "https://github.com/acme/models/actions/runs/1" });
    world.goodFrom = now;
    now += 3 * HOUR;
    await run(now);
    const types = new Set(events.events.map((e) => e.detailType));
    expect(types).toEqual(new Set(["Model Anomaly Detected", "Model Remediation Proposed", "Model Incident Escalated", "Model Incident Resolved"]));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const dir = new URL("../../schemas/events/", import.meta.url);
    const schemas = new Map(readdirSync(dir).map((f) => [f.replace(".schema.json", ""), JSON.parse(readFileSync(new URL(f, dir), "utf8"))]));
    for (const e of events.events) {
      const schema = schemas.get(detailTypeSlug(e.detailType));
      expect(schema, e.detailType).toBeDefined();
      const validate = ajv.compile(schema);
      const ok = validate(JSON.parse(JSON.stringify(e.detail)));
      expect(validate.errors ?? [], e.detailType).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it("shards: a stable partition, each model monitored by exactly one shard", async () => {
    const names = ["fraud-detection", "churn-prediction", "demand-forecasting", "ranker", "pricing", "eta", "ads-ctr", "search"];
    const many = aRepoState({ models: names.map((name) => aModelSpec({ name })), policies: [policy()] });
    const seen: string[][] = [];
    for (let i = 1; i <= 3; i++) {
      const report = await runMonitor(deps({ load: async () => ({ state: many, findings: [], fileCount: 0 }), scm: undefined, events: undefined }), { now: new Date(T0), dryRun: true, shard: { index: i, count: 3 } });
      seen.push(report.models.map((m) => m.model).sort());
      expect(seen[i - 1]).toEqual(inShard([...many.models].sort((a, b) => a.name.localeCompare(b.name)), { index: i, count: 3 }).map((m) => m.name).sort());
    }
    expect(seen.flat().sort()).toEqual([...names].sort());
    const again = await runMonitor(deps({ load: async () => ({ state: many, findings: [], fileCount: 0 }), scm: undefined, events: undefined }), { now: new Date(T0 + 99 * HOUR), dryRun: true, shard: { index: 2, count: 3 } });
    expect(again.models.map((m) => m.model).sort()).toEqual(seen[1]);
  });

  it("a failed GitHub write is a warning; the rest of the run is done", async () => {
    scm.failNext("createIssue");
    const report = await run(T0);
    expect(report.actions.find((a) => a.kind === "open-issue" && a.target === "fraud-detection/accuracy")).toMatchObject({ status: "failed", error: expect.stringMatching(/github \(HTTP 502\)/) });
    expect(report.warnings.join("\n")).toMatch(/open issue .*502/);
    expect(scm.pulls.size).toBe(1);
    expect(healthIssue()).toBeDefined();
  });

  it("reports configuration drift from the live plans as one issue, then a kept-current comment", async () => {
    const livePlans = async () => [{ target: "mlflow" as const, steps: [{ target: "mlflow" as const, action: "set-alias", resource: "fraud-detection@production", summary: "alias production is 6, git says 7", params: {} }], notes: [] }];
    world.badFrom = Infinity;
    await run(T0, { livePlans });
    const drift = () => [...scm.issues.values()].find((i) => i.title === "Configuration drift: mlflow differs from git");
    expect(drift()!.body).toContain("alias production is 6, git says 7");
    await run(T0 + HOUR, { livePlans });
    expect([...scm.issues.values()].filter((i) => i.title.startsWith("Configuration drift"))).toHaveLength(1);
    expect(scm.comments.get(drift()!.number)).toHaveLength(1);
  });

  it("multi-metric checks: every metric read once, evaluated together, remediated only by rules that name the check", async () => {
    const q = (metric: string) => ({ namespace: "AWS/SageMaker", metric, dimensions: { EndpointName: "fraud-detection-prod" }, stat: "Average" });
    const model = aModelSpec({ owners: ["mchen"], monitoring: { window: 14 * 86400, period: 600, metrics: { accuracy: q("Accuracy"), latency: q("ModelLatency"), invocations: q("Invocations"), errors: q("Errors") } } });
    const single = (metric: string): MonitoringCheck => ({ id: metric, metric, metrics: [metric], detectors: [], threshold: {}, sustained: 3, severity: "warning", compareVariants: true });
    const multi = (id: string, metrics: string[]): MonitoringCheck => ({ id, metric: metrics[0]!, metrics, detectors: [{ name: "correlation-break", params: {} }], threshold: {}, sustained: 3, severity: "warning", compareVariants: false });
    const p = aPolicySpec({
      monitoring: { checks: [single("latency"), multi("latency-vs-traffic", ["latency", "invocations"]), multi("needs-cpu", ["latency", "cpu"])], recovery: 7200 },
      remediation: { rules: [{ when: { metric: "latency" }, do: ["scale-pr", "issue"] }, { when: { metric: "latency-vs-traffic" }, do: ["issue", "event"] }], cooldown: 86400 },
    });
    const load = async () => ({ state: aRepoState({ models: [model], versions: state().versions, policies: [p] }), findings: [], fileCount: 0 });
    const read: string[] = [];
    const source: MetricSource = {
      async read(queries, range) {
        read.push(...queries.map((x) => x.id));
        return queries.map((x) => {
          const points: Datapoint[] = [];
          for (let t = +range.start; t < +range.end; t += x.period * 1000) points.push({ t, value: x.name === "latency" ? 100 : 5 });
          return { id: x.id, points };
        });
      },
    };
    const seen: Record<string, number>[] = [];
    const evaluateMultiCheck: MonitorDeps["evaluateMultiCheck"] = (byMetric, check) => {
      seen.push(Object.fromEntries(Object.entries(byMetric).map(([k, v]) => [k, v.length])));
      const evidence = [...byMetric[check.metric]!].slice(-10);
      return { checkId: check.id, metric: check.metric, status: "anomaly", severity: check.severity, score: 0.9, fired: ["correlation-break"], sustainedPoints: 3, since: evidence[7]!.t, latest: evidence[9]!, evidence, summary: `${check.id}: broke` };
    };
    const report = await run(T0, { load, metrics: source, evaluateMultiCheck });
    // latency is read once for two checks; the check on cpu (monitored by no model of the policy) is not
    // read, and is a no-data gap naming why, never a silent pass
    expect(read.sort()).toEqual(["fraud-detection/invocations", "fraud-detection/latency"]);
    expect(report.stats.series).toBe(2);
    expect(seen).toEqual([{ latency: 2016, invocations: 2016 }]);
    expect(report.findings).toMatchObject([
      { checkId: "needs-cpu", kind: "no-data", metrics: ["latency", "cpu"], summary: expect.stringContaining('reads metric "cpu", which no model under policy "strict" monitors (fraud-detection): the check never runs') },
      { checkId: "latency-vs-traffic", metric: "latency", metrics: ["latency", "invocations"], kind: "anomaly" },
    ]);
    // the rule on "latency" (scale-pr) does not apply to the multi-metric check; the one naming it does
    expect(scm.pulls.size).toBe(0);
    const issue = [...scm.issues.values()].find((i) => i.body.includes(incidentMarker("fraud-detection/latency-vs-traffic")))!;
    expect(issue.title).toBe("[warning] fraud-detection: latency-vs-traffic is anomalous");
    expect(events.events.map((e) => e.detailType)).toEqual(["Model Anomaly Detected"]);
  });
});
