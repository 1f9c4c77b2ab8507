import {
  CloudWatchClient, DashboardInvalidInputError, DashboardNotFoundError, DeleteDashboardsCommand, DescribeAlarmsCommand,
  GetDashboardCommand, ListDashboardsCommand, PutDashboardCommand,
} from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { cloudWatchDashboards } from "../../src/adapters/aws/cloudwatch-dashboards.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { loadRepo } from "../../src/commands/load-repo.js";
import type { PlanContext } from "../../src/commands/reconcilers.js";
import { cloudwatchReconciler } from "../../src/commands/reconcile-cloudwatch.js";
import type { RepoState } from "../../src/core/types.js";
import type { Logger } from "../../src/ports.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const REPO = "https://github.com/acme/models";
const ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:";
const meta = (status: number) => ({ httpStatusCode: status, requestId: "7f3e1c52-0000-4000-8000-000000000000" });

/**
 * CloudWatch's dashboard API as the reference describes it, behind aws-sdk-client-mock: bodies kept
 * as the strings PutDashboard got, ListDashboards paginated, GetDashboard and DeleteDashboards of a
 * missing name answer DashboardNotFoundError (code ResourceNotFound, 404), DeleteDashboards is
 * all-or-nothing, PutDashboard refuses a body that is not JSON with DashboardInvalidInputError.
 */
function fakeCloudWatch(opts: { alarms?: string[]; pageSize?: number } = {}) {
  const cw = mockClient(CloudWatchClient);
  const dashboards = new Map<string, string>();
  const alarms = new Set(opts.alarms ?? []);
  const missing = (name: string) => new DashboardNotFoundError({ $metadata: meta(404), message: `Dashboard ${name} does not exist` });
  cw.on(ListDashboardsCommand).callsFake((input: { DashboardNamePrefix?: string; NextToken?: string }) => {
    const names = [...dashboards.keys()].filter((n) => n.startsWith(input.DashboardNamePrefix ?? "")).sort();
    const from = input.NextToken ? Number(input.NextToken) : 0;
    const size = opts.pageSize ?? 1000;
    const page = names.slice(from, from + size);
    return { DashboardEntries: page.map((n) => ({ DashboardName: n, DashboardArn: `arn:aws:cloudwatch::123456789012:dashboard/${n}`, Size: dashboards.get(n)!.length })), ...(from + size < names.length ? { NextToken: String(from + size) } : {}) };
  });
  cw.on(GetDashboardCommand).callsFake((input: { DashboardName: string }) => {
    const body = dashboards.get(input.DashboardName);
    if (body === undefined) throw missing(input.DashboardName);
    return { DashboardName: input.DashboardName, DashboardBody: body, DashboardArn: `arn:aws:cloudwatch::123456789012:dashboard/${input.DashboardName}` };
  });
  cw.on(PutDashboardCommand).callsFake((input: { DashboardName: string; DashboardBody: string }) => {
    try {
      JSON.parse(input.DashboardBody);
    } catch {
      throw new DashboardInvalidInputError({ $metadata: meta(400), message: "The field DashboardBody must be a valid JSON object", dashboardValidationMessages: [{ DataPath: "/", Message: "Should be JSON" }] });
    }
    dashboards.set(input.DashboardName, input.DashboardBody);
    return { DashboardValidationMessages: [] };
  });
  cw.on(DeleteDashboardsCommand).callsFake((input: { DashboardNames: string[] }) => {
    const gone = input.DashboardNames.find((n) => !dashboards.has(n));
    if (gone) throw missing(gone);
    for (const n of input.DashboardNames) dashboards.delete(n);
    return {};
  });
  cw.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[] }) => ({ MetricAlarms: (input.AlarmNames ?? []).filter((n) => alarms.has(n)).map((n) => ({ AlarmName: n, AlarmArn: `${ARN}${n}` })) }));
  const writes = () => cw.commandCalls(PutDashboardCommand).length + cw.commandCalls(DeleteDashboardsCommand).length;
  return { cw, dashboards, writes };
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, group: (_t, fn) => fn() };
const ctx = (repoUrl: string | undefined = REPO): PlanContext => ({ logger: quiet, now: new Date("2026-11-26T00:00:00Z"), ...(repoUrl ? { repoUrl } : {}) });
const sample = async (): Promise<RepoState> => (await loadRepo({ files: fsRepoFiles(ROOT) })).state;

async function applyOnce(reconciler: ReturnType<typeof cloudwatchReconciler>, state: RepoState, c = ctx()) {
  const plan = await reconciler.plan(state, c);
  const outcomes = await reconciler.apply(plan, c);
  return { plan, outcomes };
}

describe("the cloudwatch target: one dashboard per monitored model", () => {
  let fake: ReturnType<typeof fakeCloudWatch> | undefined;
  afterEach(() => fake?.cw.restore());

  it("first apply creates one dashboard per model; PutDashboard gets a body with a metric widget per check, thresholds as annotations and the alarms; a second apply writes nothing", async () => {
    fake = fakeCloudWatch({ alarms: ["steward-fraud-detection-prod-accuracy-min", "steward-fraud-detection-prod-latency-max"] });
    const reconciler = cloudwatchReconciler({ store: cloudWatchDashboards(new CloudWatchClient({ region: "eu-west-1" })) });
    const state = await sample();
    const first = await applyOnce(reconciler, state);
    expect(first.outcomes.every((o) => o.status === "done")).toBe(true);
    expect([...fake.dashboards.keys()].sort()).toEqual(["steward-churn-prediction", "steward-demand-forecasting", "steward-fraud-detection"]);

    const put = fake.cw.commandCalls(PutDashboardCommand).find((c) => c.args[0].input.DashboardName === "steward-fraud-detection")!;
    const body = JSON.parse(put.args[0].input.DashboardBody!) as { widgets: { type: string; properties: Record<string, any> }[] };
    expect(body.widgets[0]!.type).toBe("text");
    expect(body.widgets[0]!.properties.markdown).toContain(`Managed by model-steward from models/fraud-detection/model.yaml in ${REPO}`);
    const accuracy = body.widgets.find((w) => w.type === "metric" && String(w.properties.title).startsWith("accuracy:"))!;
    expect(accuracy.properties.region).toBe("eu-west-1");
    expect(accuracy.properties.metrics[0].slice(0, 4)).toEqual(["Acme/ModelQuality", "Accuracy", "Model", "fraud-detection"]);
    expect(accuracy.properties.annotations.horizontal).toEqual([expect.objectContaining({ value: 0.9, fill: "below", label: "accuracy min 0.9 (critical)" })]);
    const alarmWidget = body.widgets.find((w) => w.type === "alarm")!;
    expect(alarmWidget.properties.alarms).toEqual([`${ARN}steward-fraud-detection-prod-accuracy-min`, `${ARN}steward-fraud-detection-prod-latency-max`]);

    const writesAfterFirst = fake.writes();
    const second = await applyOnce(reconciler, state);
    expect(second.plan.steps).toEqual([]);
    expect(fake.writes()).toBe(writesAfterFirst);
  });

  it("a weighted split gets one line per variant, named as the SageMaker deployer names variants", async () => {
    fake = fakeCloudWatch();
    const reconciler = cloudwatchReconciler({ store: cloudWatchDashboards(new CloudWatchClient({ region: "eu-west-1" })) });
    await applyOnce(reconciler, await sample());
    const body = JSON.parse(fake.dashboards.get("steward-demand-forecasting")!) as { widgets: { type: string; properties: { metrics?: unknown[][] } }[] };
    const lines = body.widgets.filter((w) => w.type === "metric").flatMap((w) => w.properties.metrics ?? []);
    const labels = lines.map((l) => (l.at(-1) as { label: string }).label);
    expect(labels.some((l) => l.endsWith("v2026.10"))).toBe(true);
    expect(labels.some((l) => l.endsWith("v2026.11"))).toBe(true);
    expect(lines.some((l) => l.includes("VariantName") && l.includes("v-2026-10"))).toBe(true);
  });

  it("a changed threshold is one update; a removed model's dashboard is deleted, a dashboard of another repository or made by hand is left alone", async () => {
    fake = fakeCloudWatch({ pageSize: 2 });
    fake.dashboards.set("steward-by-hand", JSON.stringify({ widgets: [{ type: "text", x: 0, y: 0, width: 6, height: 2, properties: { markdown: "my own" } }] }));
    const reconciler = cloudwatchReconciler({ store: cloudWatchDashboards(new CloudWatchClient({ region: "eu-west-1" })) });
    const state = await sample();
    await applyOnce(reconciler, state);
    // the same model name managed from another repository: not ours to delete
    const other = JSON.parse(fake.dashboards.get("steward-churn-prediction")!) as { widgets: { properties: { markdown?: string } }[] };
    other.widgets[0]!.properties.markdown = other.widgets[0]!.properties.markdown!.replace(REPO, "https://github.com/other/repo");
    fake.dashboards.set("steward-other", JSON.stringify(other));

    const strict = state.policies.find((p) => p.name === "strict")!;
    const changed: RepoState = {
      ...state,
      models: state.models.filter((m) => m.name !== "churn-prediction"),
      policies: state.policies.map((p) => (p === strict ? { ...p, monitoring: { ...p.monitoring, checks: p.monitoring.checks.map((c) => (c.id === "accuracy" ? { ...c, threshold: { min: 0.92 } } : c)) } } : p)),
    };
    const { plan, outcomes } = await applyOnce(reconciler, changed);
    expect(plan.steps.map((s) => `${s.action} ${s.resource}`)).toEqual(["put-dashboard dashboard/steward-fraud-detection", "delete-dashboard dashboard/steward-churn-prediction"]);
    expect(plan.steps[0]!.summary).toMatch(/^update dashboard/);
    expect(plan.notes).toEqual(expect.arrayContaining(["dashboard steward-by-hand is not managed by this repository; left as it is", "dashboard steward-other is not managed by this repository; left as it is"]));
    expect(outcomes.map((o) => o.status)).toEqual(["done", "done"]);
    expect([...fake.dashboards.keys()].sort()).toEqual(["steward-by-hand", "steward-demand-forecasting", "steward-fraud-detection", "steward-other"]);
    expect(fake.dashboards.get("steward-fraud-detection")).toContain('"value":0.92');
    expect((await reconciler.plan(changed, ctx())).steps).toEqual([]);
  });

  it("a dashboard edited in the console is put back; a refused body fails the step and skips the rest", async () => {
    fake = fakeCloudWatch();
    const reconciler = cloudwatchReconciler({ store: cloudWatchDashboards(new CloudWatchClient({ region: "eu-west-1" })) });
    const state = await sample();
    await applyOnce(reconciler, state);
    fake.dashboards.set("steward-fraud-detection", "{\"widgets\":[]}");
    const plan = await reconciler.plan(state, ctx());
    expect(plan.steps.map((s) => s.resource)).toEqual(["dashboard/steward-fraud-detection"]);
    const broken = { ...plan, steps: [{ ...plan.steps[0]!, params: { ...plan.steps[0]!.params, body: "{not json" } }, plan.steps[0]!] };
    const outcomes = await reconciler.apply(broken, ctx());
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "skipped"]);
    expect(outcomes[0]!.error).toContain("put dashboard steward-fraud-detection");
  });
});
