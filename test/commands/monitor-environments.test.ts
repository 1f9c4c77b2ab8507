/**
 * The monitor for a model deployed to two environments: each check is read in each environment's
 * region (the CLI's CloudWatch source routes the queries, aws-sdk-client-mock answering per region)
 * and judged under `<check>@<env>`, so findings and issues name the environment; the health issue
 * shows the environments side by side; the dashboard's fleet table too.
 */
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { environmentMetricSource } from "../../src/adapters/aws/environment-metric-source.js";
import { runMonitor } from "../../src/commands/monitor.js";
import { buildQueries } from "../../src/core/monitor/build-queries.js";
import { expandEnvironments } from "../../src/core/monitor/environments.js";
import { renderIndex } from "../../src/core/dashboard/render-index.js";
import { metricSourceFromFlag } from "../../src/entrypoints/cli/metric-source-flag.js";
import type { MetricSource, SeriesQuery } from "../../src/ports.js";
import { aModelSpec, aPolicySpec } from "../support/builders.js";
import { inMemoryScm } from "../support/in-memory-scm.js";

const FIXTURE = new URL("../fixtures/repo-valid/", import.meta.url).pathname;
const T0 = Date.parse("2026-11-26T12:00:00Z");
const ENVS = `  environments:
    - { name: staging, account: "111111111111", region: eu-west-1 }
    - { name: production, account: "222222222222", region: us-east-1 }
`;

const cw = mockClient(CloudWatchClient);
afterAll(() => cw.restore());

describe("monitor across environments", () => {
  let root: string;
  let reads: { region: string; ids: string[] }[];
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "steward-monitor-envs-"));
    cpSync(FIXTURE, root, { recursive: true });
    const file = join(root, "models/scorer/model.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("deployment:\n", `deployment:\n${ENVS}`));
    reads = [];
    cw.reset();
    // accuracy is fine in eu-west-1 (staging) and below the policy's 0.8 in us-east-1 (production)
    cw.on(GetMetricDataCommand).callsFake(async (input: { MetricDataQueries: MetricDataQuery[]; StartTime: Date; EndTime: Date }, getClient) => {
      const region = await (getClient() as CloudWatchClient).config.region();
      reads.push({ region, ids: input.MetricDataQueries.map((q) => `${q.MetricStat!.Metric!.MetricName} ${JSON.stringify(q.MetricStat!.Metric!.Dimensions)}`) });
      const ts: Date[] = [];
      for (let t = T0 - 3 * 3_600_000; t < T0; t += 600_000) ts.push(new Date(t));
      const value = region === "us-east-1" ? 0.5 : 0.95;
      return { MetricDataResults: input.MetricDataQueries.map((q) => ({ Id: q.Id, StatusCode: "Complete", Timestamps: ts, Values: ts.map(() => value) })), Messages: [] };
    });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("each check is one check per environment, read in that environment, with ids, file names and check ids ending in @<env>", () => {
    const policy = aPolicySpec({ name: "strict", monitoring: { recovery: 0, checks: [{ id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 1, severity: "critical", compareVariants: false }] } });
    const base = aModelSpec();
    const model = aModelSpec({ deployment: { ...base.deployment!, environments: [{ name: "staging", account: "111111111111", region: "eu-west-1" }, { name: "production", account: "222222222222", region: "us-east-1", roleArn: "arn:aws:iam::222222222222:role/r" }] } });
    const plain = aModelSpec({ name: "other" });
    const planned = expandEnvironments(buildQueries([model, plain], new Map([["strict", policy]])), [model, plain]);
    expect(planned.map((p) => [p.series.key, p.series.check.id, p.series.environment, p.query.id, p.query.name, p.query.environment?.region])).toEqual([
      ["fraud-detection/accuracy@staging", "accuracy@staging", "staging", "fraud-detection/accuracy@staging", "accuracy@staging", "eu-west-1"],
      ["fraud-detection/accuracy@production", "accuracy@production", "production", "fraud-detection/accuracy@production", "accuracy@production", "us-east-1"],
      ["other/accuracy", "accuracy", undefined, "other/accuracy", "accuracy", undefined],
    ]);
    expect(planned[1]!.query.environment).toEqual({ name: "production", account: "222222222222", region: "us-east-1", roleArn: "arn:aws:iam::222222222222:role/r" });
  });

  it("reads both regions through the CLI's CloudWatch source; the finding and its issue name production; the health issue shows both side by side", async () => {
    const scm = inMemoryScm({ now: () => new Date(T0) });
    const metrics = (await metricSourceFromFlag("cloudwatch", root, root))!;
    const r = await runMonitor({ metrics, files: fsRepoFiles(root), logger: silentLogger, scm }, { now: new Date(T0) });
    expect(reads.map((x) => x.region).sort()).toEqual(["eu-west-1", "us-east-1"]);
    expect(reads.every((x) => x.ids.length === 1 && x.ids[0]!.startsWith("Accuracy "))).toBe(true);
    expect(r.findings.map((f) => `${f.model}/${f.checkId} ${f.kind}`)).toEqual(["scorer/accuracy@production threshold"]);
    expect(r.coverage.map((c) => `${c.model}/${c.check} ${c.outcome}`).sort()).toEqual(["scorer/accuracy@production finding", "scorer/accuracy@staging ok"]);
    const issues = [...scm.issues.values()];
    expect(issues.some((i) => i.title.includes("scorer") && i.title.includes("accuracy@production"))).toBe(true);
    const row = r.models.find((m) => m.model === "scorer")!;
    expect(row.environments).toEqual([{ name: "staging", status: "ok" }, { name: "production", status: "critical" }]);
    const health = issues.find((i) => /health/i.test(i.title))!;
    expect(health.body).toContain("🔴 critical<br>staging: 🟢 ok · production: 🔴 critical");
  });

  it("an environment that cannot be read fails only its own checks (named), the other is judged", async () => {
    const broken: MetricSource = { read: async () => { throw new Error("AccessDenied: not authorized to perform sts:AssumeRole"); } };
    const ok: MetricSource = { read: async (qs: SeriesQuery[]) => qs.map((q) => ({ id: q.id, points: [{ t: T0 - 600_000, value: 0.95 }] })) };
    const source = environmentMetricSource(ok, (env) => (env.name === "production" ? broken : ok));
    const q = (env?: string): SeriesQuery => ({ id: `m/accuracy${env ? `@${env}` : ""}`, namespace: "N", metric: "M", dimensions: {}, stat: "Average", period: 600, model: "m", name: "accuracy", ...(env ? { environment: { name: env, account: "111111111111", region: "eu-west-1" } } : {}) });
    const out = await source.read([q("production"), q(), q("staging")], { start: new Date(T0 - 3_600_000), end: new Date(T0) });
    expect(out.map((x) => [x.id, x.points.length, x.error])).toEqual([
      ["m/accuracy@production", 0, "environment production (account 111111111111, eu-west-1): Error: AccessDenied: not authorized to perform sts:AssumeRole"],
      ["m/accuracy", 1, undefined],
      ["m/accuracy@staging", 1, undefined],
    ]);
  });

  it("the dashboard's fleet table shows each environment's health under the model's (names escaped)", () => {
    const html = renderIndex({
      generatedAt: "2026-11-26T12:00:00Z",
      reportCount: 1,
      warnings: [],
      models: [{ name: "scorer", slug: "scorer", description: "", owners: [], task: "t", policy: "base", stages: [], health: "critical", environments: [{ name: "staging", health: "ok" }, { name: "<b>prod</b>", health: "critical" }], incidents: [], issues: [], changes: [], versions: [], timeline: [], charts: [], checks: [], worst: "critical", links: {} }],
    } as never);
    expect(html).toContain('<ul class="plain envs"><li>staging: <span class="badge h-ok">');
    expect(html).toContain("&lt;b&gt;prod&lt;/b&gt;: <span class=\"badge h-critical\">");
  });
});
