/**
 * The cloudwatch target for models deployed to several environments (deployment.environments): the
 * real environment clients (awsEnvironments) and the real dashboard adapter over
 * aws-sdk-client-mock, with CloudWatch and STS answering as separate accounts would: dashboards kept
 * per account (they are global in an account, whatever region the client is in: PutDashboard's
 * reference), alarms per region, ListDashboards paginated, DashboardNotFoundError for a missing name,
 * DeleteDashboards all-or-nothing. Each environment's role is assumed and its
 * identity checked before anything is read there; its dashboard is written in its own account.
 */
import {
  CloudWatchClient, DashboardNotFoundError, DeleteDashboardsCommand, DescribeAlarmsCommand, GetDashboardCommand,
  ListDashboardsCommand, PutDashboardCommand,
} from "@aws-sdk/client-cloudwatch";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { awsEnvironments } from "../../src/adapters/aws/aws-environment.js";
import { cloudWatchDashboards } from "../../src/adapters/aws/cloudwatch-dashboards.js";
import { stsIdentity } from "../../src/adapters/aws/sts-identity.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { planTarget } from "../../src/commands/plan.js";
import type { PlanContext } from "../../src/commands/reconcilers.js";
import { cloudwatchReconciler, type CloudWatchReconcilerDeps } from "../../src/commands/reconcile-cloudwatch.js";
import { renderPlanText } from "../../src/core/plan/render-plan.js";
import { offlineSlots } from "../../src/entrypoints/cli/plan.js";
import type { DeploymentEnvironment, ModelSpec, RepoState } from "../../src/core/types.js";
import type { Logger } from "../../src/ports.js";
import { aModelSpec, aPolicySpec, aRepoState, aVersionSpec } from "../support/builders.js";

const REPO = "https://github.com/acme/models";
const STAGING: DeploymentEnvironment = { name: "staging", account: "111111111111", region: "eu-west-1", roleArn: "arn:aws:iam::111111111111:role/steward-deploy" };
const PRODUCTION: DeploymentEnvironment = { name: "production", account: "222222222222", region: "us-east-1", roleArn: "arn:aws:iam::222222222222:role/steward-deploy" };
/** The run's own credentials: account 999999999999 in eu-central-1 (the default place). */
const DEFAULT = { account: "999999999999", region: "eu-central-1" };
const ACCOUNT_OF: Record<string, string> = { "eu-west-1": "111111111111", "us-east-1": "222222222222", "eu-central-1": DEFAULT.account };
const ALARM = "steward-fraud-detection-prod-accuracy-min";

const cw = mockClient(CloudWatchClient);
const sts = mockClient(STSClient);
afterAll(() => [cw, sts].forEach((m) => m.restore()));

/** Dashboards by account; alarms by account and region (`account|region`). */
let dashboardsOf: Map<string, Map<string, string>>;
let alarmsIn: Map<string, Set<string>>;
let calls: { region: string; command: string; key?: string; name?: string }[];
/** Role ARN by the access key AssumeRole handed out. */
let assumedBy: Map<string, string>;
/** GetCallerIdentity answers this account for a role (a trust or role set up wrongly). */
let accountOverride: Map<string, string>;

const regionOf = async (client: unknown) => (client as CloudWatchClient).config.region();
/**
 * The access key a client signs with; "default" for the run's own credentials (the default chain
 * finds none in tests). An assumed role that cannot be had fails the call, as it does in the SDK.
 */
const keyOf = async (client: unknown) => {
  try {
    return (await (client as CloudWatchClient).config.credentials()).accessKeyId;
  } catch (err) {
    if ((err as Error).name === "CredentialsProviderError") return "default";
    throw err;
  }
};
const missing = (name: string) => new DashboardNotFoundError({ $metadata: { httpStatusCode: 404 }, message: `Dashboard ${name} does not exist` });

function fakeAws(): void {
  for (const m of [cw, sts]) m.reset();
  dashboardsOf = new Map(Object.values(ACCOUNT_OF).map((a) => [a, new Map()]));
  alarmsIn = new Map(Object.entries(ACCOUNT_OF).map(([r, a]) => [`${a}|${r}`, new Set()]));
  calls = [];
  assumedBy = new Map();
  accountOverride = new Map();
  const at = async (getClient: () => unknown, command: string, name?: string) => {
    const client = getClient();
    const region = await regionOf(client);
    const key = await keyOf(client);
    calls.push({ region, command, key, ...(name ? { name } : {}) });
    const account = key === "default" ? DEFAULT.account : key.slice(4);
    return { dashboards: dashboardsOf.get(account)!, alarms: alarmsIn.get(`${account}|${region}`) ?? new Set<string>(), region, account };
  };
  sts.on(AssumeRoleCommand).callsFake(async (input, getClient) => {
    const key = `ASIA${input.RoleArn.split(":")[4]}`;
    assumedBy.set(key, input.RoleArn);
    calls.push({ region: await regionOf(getClient()), command: "AssumeRole", name: `${input.RoleArn} ${input.RoleSessionName}` });
    return { Credentials: { AccessKeyId: key, SecretAccessKey: "s", SessionToken: "t", Expiration: new Date("2099-01-01T00:00:00Z") } };
  });
  sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
    const client = getClient();
    const region = await regionOf(client);
    const role = assumedBy.get(await keyOf(client));
    calls.push({ region, command: "GetCallerIdentity" });
    const account = role ? (accountOverride.get(role) ?? role.split(":")[4]!) : DEFAULT.account;
    return { Account: account, Arn: role ? `arn:aws:sts::${account}:assumed-role/steward-deploy/x` : `arn:aws:iam::${DEFAULT.account}:user/ci`, UserId: "X" };
  });
  cw.on(ListDashboardsCommand).callsFake(async (input, g) => {
    const w = await at(g, "ListDashboards");
    const names = [...w.dashboards.keys()].filter((n) => n.startsWith(input.DashboardNamePrefix ?? "")).sort();
    const from = input.NextToken ? Number(input.NextToken) : 0;
    const page = names.slice(from, from + 2);
    return { DashboardEntries: page.map((n) => ({ DashboardName: n })), ...(from + 2 < names.length ? { NextToken: String(from + 2) } : {}) };
  });
  cw.on(GetDashboardCommand).callsFake(async (input, g) => {
    const body = (await at(g, "GetDashboard", input.DashboardName)).dashboards.get(input.DashboardName!);
    if (body === undefined) throw missing(input.DashboardName!);
    return { DashboardName: input.DashboardName, DashboardBody: body };
  });
  cw.on(PutDashboardCommand).callsFake(async (input, g) => {
    (await at(g, "PutDashboard", input.DashboardName)).dashboards.set(input.DashboardName!, input.DashboardBody!);
    return { DashboardValidationMessages: [] };
  });
  cw.on(DeleteDashboardsCommand).callsFake(async (input, g) => {
    const w = await at(g, "DeleteDashboards", input.DashboardNames!.join(","));
    const gone = input.DashboardNames!.find((n: string) => !w.dashboards.has(n));
    if (gone) throw missing(gone);
    for (const n of input.DashboardNames!) w.dashboards.delete(n);
    return {};
  });
  cw.on(DescribeAlarmsCommand).callsFake(async (input, g) => {
    const w = await at(g, "DescribeAlarms");
    return { MetricAlarms: (input.AlarmNames ?? []).filter((n: string) => w.alarms.has(n)).map((n: string) => ({ AlarmName: n, AlarmArn: `arn:aws:cloudwatch:${w.region}:${w.account}:alarm:${n}` })) };
  });
}

const policy = aPolicySpec({ monitoring: { recovery: 0, checks: [{ id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: false }] } });
function model(name: string, environments?: DeploymentEnvironment[]): ModelSpec {
  const base = aModelSpec({ name });
  return aModelSpec({ name, stages: { production: { variants: [{ version: "7", weight: 100 }] } }, deployment: { ...base.deployment!, ...(environments ? { environments } : {}) } });
}
const repo = (...models: ModelSpec[]): RepoState => aRepoState({ models, versions: [aVersionSpec({ version: "7" })], policies: [policy] });

const writes = () => calls.filter((c) => c.command === "PutDashboard" || c.command === "DeleteDashboards");
let lines: string[];
let ctx: PlanContext;
beforeEach(() => {
  fakeAws();
  lines = [];
  const logger: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`), debug: () => {}, group: (_t, fn) => fn() };
  ctx = { logger, now: new Date("2026-12-03T11:00:00Z"), repoUrl: REPO };
});
const deps = (): CloudWatchReconcilerDeps => ({
  store: cloudWatchDashboards(new CloudWatchClient({ region: DEFAULT.region })),
  identity: stsIdentity(new STSClient({ region: DEFAULT.region })),
  connect: awsEnvironments({ sessionPrefix: "steward" }),
});
async function applyOnce(state: RepoState, reconciler = cloudwatchReconciler(deps())) {
  const plan = await reconciler.plan(state, ctx);
  expect(plan.errors).toBeUndefined();
  return { plan, outcomes: await reconciler.apply(plan, ctx) };
}
type Body = { widgets: { type: string; properties: Record<string, any> }[] };
const board = (account: string) => dashboardsOf.get(account)!;
const body = (account: string, name: string) => JSON.parse(board(account).get(name)!) as Body;

describe("cloudwatch target, several environments", () => {
  it("two environments in two accounts: one dashboard in each, written with that environment's role in its region; text, metric and alarm widgets name that environment; a second apply writes nothing", async () => {
    alarmsIn.get(`${STAGING.account}|${STAGING.region}`)!.add(ALARM);
    alarmsIn.get(`${PRODUCTION.account}|${PRODUCTION.region}`)!.add(ALARM);
    const state = repo(model("fraud-detection", [STAGING, PRODUCTION]), model("churn-prediction"));
    const { plan, outcomes } = await applyOnce(state);

    // identity first in each environment, before any dashboard read there
    expect(calls.filter((c) => c.command === "AssumeRole").map((c) => c.name)).toEqual([`${STAGING.roleArn} steward-staging`, `${PRODUCTION.roleArn} steward-production`]);
    for (const region of ["eu-west-1", "us-east-1"]) {
      const who = calls.findIndex((c) => c.region === region && c.command === "GetCallerIdentity");
      const first = calls.findIndex((c) => c.region === region && c.command === "ListDashboards");
      expect(who).toBeGreaterThanOrEqual(0);
      expect(who).toBeLessThan(first);
    }
    expect(plan.environments).toEqual([
      { name: "staging", account: STAGING.account, region: STAGING.region, roleArn: STAGING.roleArn, where: expect.stringContaining("AWS account 111111111111, region eu-west-1") },
      { name: "production", account: PRODUCTION.account, region: PRODUCTION.region, roleArn: PRODUCTION.roleArn, where: expect.stringContaining("AWS account 222222222222, region us-east-1") },
    ]);
    expect(plan.where).toContain(`AWS account ${DEFAULT.account}, region ${DEFAULT.region}`);
    expect(plan.steps.map((s) => `${s.environment ?? "-"} ${s.action} ${s.resource}`)).toEqual([
      "- put-dashboard dashboard/steward-churn-prediction",
      "staging put-dashboard dashboard/steward-fraud-detection-staging",
      "production put-dashboard dashboard/steward-fraud-detection-production",
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["done", "done", "done"]);

    // each write in its own account: region and the role's credentials
    expect(writes().map((c) => `${c.region} ${c.key} ${c.name}`)).toEqual([
      "eu-central-1 default steward-churn-prediction",
      "eu-west-1 ASIA111111111111 steward-fraud-detection-staging",
      "us-east-1 ASIA222222222222 steward-fraud-detection-production",
    ]);
    expect([...board(STAGING.account).keys()]).toEqual(["steward-fraud-detection-staging"]);
    expect([...board(PRODUCTION.account).keys()]).toEqual(["steward-fraud-detection-production"]);

    const prod = body(PRODUCTION.account, "steward-fraud-detection-production");
    expect(prod.widgets[0]!.properties.markdown).toContain("Environment production: AWS account 222222222222, region us-east-1.");
    expect(prod.widgets[0]!.properties.markdown).toContain(`Managed by model-steward from models/fraud-detection/model.yaml in ${REPO}.`);
    const metric = prod.widgets.find((w) => w.type === "metric")!;
    expect(metric.properties.region).toBe("us-east-1");
    const alarms = prod.widgets.find((w) => w.type === "alarm")!;
    expect(alarms.properties.title).toBe("Rollback alarms of fraud-detection-prod in production");
    expect(alarms.properties.alarms).toEqual([`arn:aws:cloudwatch:us-east-1:222222222222:alarm:${ALARM}`]);
    expect(body(STAGING.account, "steward-fraud-detection-staging").widgets.find((w) => w.type === "alarm")!.properties.alarms).toEqual([`arn:aws:cloudwatch:eu-west-1:111111111111:alarm:${ALARM}`]);
    // the model without environments: as before, where the credentials point
    const churn = body(DEFAULT.account, "steward-churn-prediction");
    expect(churn.widgets[0]!.properties.markdown).not.toContain("Environment");
    expect(churn.widgets.find((w) => w.type === "metric")!.properties.region).toBe("eu-central-1");

    // the text plan groups the steps per environment
    const text = renderPlanText([{ ...plan, status: "planned" }]);
    expect(text).toContain("environment staging: 1 change in AWS account 111111111111, region eu-west-1");
    expect(text).toContain("environment production: 1 change in AWS account 222222222222, region us-east-1");

    const before = writes().length;
    const second = await applyOnce(state);
    expect(second.plan.steps).toEqual([]);
    expect(writes()).toHaveLength(before);
  });

  it("an environment whose role resolves to another account fails the target with the reason; nothing is read or written there, and nothing anywhere is applied", async () => {
    accountOverride.set(PRODUCTION.roleArn!, "333333333333");
    const reconciler = cloudwatchReconciler(deps());
    const state = repo(model("fraud-detection", [STAGING, PRODUCTION]));
    const plan = await reconciler.plan(state, ctx);
    expect(plan.errors).toEqual([expect.stringMatching(/^environment production: account is 222222222222, but role arn:aws:iam::222222222222:role\/steward-deploy resolves to account 333333333333 .*nothing was read or changed there$/)]);
    expect(calls.filter((c) => c.region === "us-east-1" && c.command !== "AssumeRole" && c.command !== "GetCallerIdentity")).toEqual([]);
    // staging is still planned, for the reader; production is not listed as planned
    expect(plan.steps.map((s) => `${s.environment} ${s.resource}`)).toEqual(["staging dashboard/steward-fraud-detection-staging"]);
    expect(plan.environments!.map((e) => e.name)).toEqual(["staging"]);

    const report = await planTarget({ target: "cloudwatch", reconciler }, state, ctx);
    expect(report.status).toBe("failed");
    expect(report.reason).toMatch(/^1 plan error: environment production: account is 222222222222/);
    expect(writes()).toEqual([]);
  });

  it("an environment whose role cannot be assumed, or a run that cannot connect to environments, fails the target naming the environment", async () => {
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error("User is not authorized to perform: sts:AssumeRole"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }));
    const plan = await cloudwatchReconciler(deps()).plan(repo(model("fraud-detection", [STAGING])), ctx);
    expect(plan.errors).toEqual([expect.stringMatching(/^environment staging: .*AssumeRole.*nothing was read or changed there$/)]);
    expect(plan.steps).toEqual([]);

    const { connect: _, ...noConnect } = deps();
    const without = await cloudwatchReconciler(noConnect).plan(repo(model("fraud-detection", [STAGING])), ctx);
    expect(without.errors).toEqual(["environment staging: fraud-detection deploy there, but this run cannot connect to environments; nothing was read or changed there"]);
  });

  it("a model that drops an environment gets that environment's dashboard deleted there (listed by prefix), where this repository made it; others are left alone", async () => {
    const state = repo(model("fraud-detection", [STAGING, PRODUCTION]), model("churn-prediction", [STAGING]));
    await applyOnce(state);
    const staging = board(STAGING.account);
    staging.set("steward-by-hand", JSON.stringify({ widgets: [{ type: "text", properties: { markdown: "mine" } }] }));
    staging.set("steward-other-repo", (staging.get("steward-fraud-detection-staging") ?? "").replace(REPO, "https://github.com/other/repo"));
    expect([...staging.keys()].sort()).toEqual(["steward-by-hand", "steward-churn-prediction-staging", "steward-fraud-detection-staging", "steward-other-repo"]);

    const dropped = repo(model("fraud-detection", [PRODUCTION]), model("churn-prediction", [STAGING]));
    const { plan, outcomes } = await applyOnce(dropped);
    expect(plan.steps.map((s) => `${s.environment} ${s.action} ${s.resource}`)).toEqual(["staging delete-dashboard dashboard/steward-fraud-detection-staging"]);
    expect(plan.steps[0]!.summary).toBe("delete dashboard steward-fraud-detection-staging (no model of the repository keeps it in account 111111111111 any more)");
    expect(plan.notes).toEqual(expect.arrayContaining([
      "[staging] dashboard steward-by-hand is not managed by this repository; left as it is",
      "[staging] dashboard steward-other-repo is not managed by this repository; left as it is",
    ]));
    expect(outcomes.map((o) => o.status)).toEqual(["done"]);
    expect(calls.filter((c) => c.command === "DeleteDashboards").map((c) => `${c.region} ${c.key} ${c.name}`)).toEqual(["eu-west-1 ASIA111111111111 steward-fraud-detection-staging"]);
    expect([...staging.keys()].sort()).toEqual(["steward-by-hand", "steward-churn-prediction-staging", "steward-other-repo"]);
    expect([...board(PRODUCTION.account).keys()]).toEqual(["steward-fraud-detection-production"]);
    expect((await cloudwatchReconciler(deps()).plan(dropped, ctx)).steps).toEqual([]);
  });

  it("a model that moves to environments: its old dashboard where the credentials point is deleted, once", async () => {
    await applyOnce(repo(model("fraud-detection")));
    expect([...board(DEFAULT.account).keys()]).toEqual(["steward-fraud-detection"]);
    const { plan } = await applyOnce(repo(model("fraud-detection", [STAGING])));
    expect(plan.steps.map((s) => `${s.environment ?? "-"} ${s.action} ${s.resource}`)).toEqual([
      "- delete-dashboard dashboard/steward-fraud-detection",
      "staging put-dashboard dashboard/steward-fraud-detection-staging",
    ]);
    expect([...board(DEFAULT.account).keys()]).toEqual([]);
  });

  it("an environment in the account and region the credentials point at: neither place deletes the other's dashboards, deletions are planned once, and apply converges", async () => {
    const local: DeploymentEnvironment = { name: "local", account: DEFAULT.account, region: DEFAULT.region };
    await applyOnce(repo(model("fraud-detection", [local, PRODUCTION]), model("churn-prediction"), model("gone")));
    expect([...board(DEFAULT.account).keys()].sort()).toEqual(["steward-churn-prediction", "steward-fraud-detection-local", "steward-gone"]);
    const state = repo(model("fraud-detection", [local, PRODUCTION]), model("churn-prediction"));
    const { plan } = await applyOnce(state);
    expect(plan.steps.map((s) => `${s.environment ?? "-"} ${s.action} ${s.resource}`)).toEqual(["local delete-dashboard dashboard/steward-gone"]);
    expect([...board(DEFAULT.account).keys()].sort()).toEqual(["steward-churn-prediction", "steward-fraud-detection-local"]);
    expect((await cloudwatchReconciler(deps()).plan(state, ctx)).steps).toEqual([]);
  });

  it("two environments in one account, two regions: dashboards are global in an account, so each keeps the other's; a dropped region's dashboard is deleted once", async () => {
    const eu: DeploymentEnvironment = { ...PRODUCTION, name: "prod-eu", region: "eu-west-1" };
    const us: DeploymentEnvironment = { ...PRODUCTION, name: "prod-us", region: "us-east-1" };
    const state = repo(model("fraud-detection", [eu, us]));
    const first = await applyOnce(state);
    expect(first.plan.steps.map((s) => `${s.environment} ${s.action} ${s.resource}`)).toEqual(["prod-eu put-dashboard dashboard/steward-fraud-detection-prod-eu", "prod-us put-dashboard dashboard/steward-fraud-detection-prod-us"]);
    expect([...board(PRODUCTION.account).keys()].sort()).toEqual(["steward-fraud-detection-prod-eu", "steward-fraud-detection-prod-us"]);
    expect(body(PRODUCTION.account, "steward-fraud-detection-prod-eu").widgets.find((w) => w.type === "metric")!.properties.region).toBe("eu-west-1");
    expect(body(PRODUCTION.account, "steward-fraud-detection-prod-us").widgets.find((w) => w.type === "metric")!.properties.region).toBe("us-east-1");
    const before = writes().length;
    const from = calls.length;
    expect((await applyOnce(state)).plan.steps).toEqual([]);
    expect(writes()).toHaveLength(before);
    // the account is listed once and each dashboard read once, though two environments are in it
    const reads = calls.slice(from).filter((c) => c.command === "ListDashboards" || c.command === "GetDashboard").map((c) => `${c.command} ${c.key} ${c.name ?? ""}`.trim());
    expect(reads.sort()).toEqual(["GetDashboard ASIA222222222222 steward-fraud-detection-prod-eu", "GetDashboard ASIA222222222222 steward-fraud-detection-prod-us", "ListDashboards ASIA222222222222", "ListDashboards default"]);
    // each region's alarms through that region's client
    expect(calls.slice(from).filter((c) => c.command === "DescribeAlarms").map((c) => c.region).sort()).toEqual(["eu-west-1", "us-east-1"]);

    const dropped = repo(model("fraud-detection", [eu]), model("churn-prediction", [us]));
    const { plan } = await applyOnce(dropped);
    // environments in the order models (by name) list them: prod-us (churn-prediction) first, and it plans the account's deletions
    expect(plan.environments!.map((e) => e.name)).toEqual(["prod-us", "prod-eu"]);
    expect(plan.steps.map((s) => `${s.environment} ${s.action} ${s.resource}`)).toEqual([
      "prod-us put-dashboard dashboard/steward-churn-prediction-prod-us",
      "prod-us delete-dashboard dashboard/steward-fraud-detection-prod-us",
    ]);
    expect(calls.filter((c) => c.command === "DeleteDashboards")).toHaveLength(1);
    expect([...board(PRODUCTION.account).keys()].sort()).toEqual(["steward-churn-prediction-prod-us", "steward-fraud-detection-prod-eu"]);
    expect((await cloudwatchReconciler(deps()).plan(dropped, ctx)).steps).toEqual([]);
  });

  it("two dashboards that would share a name in one account are a plan error", async () => {
    const eu: DeploymentEnvironment = { name: "eu", account: DEFAULT.account, region: DEFAULT.region };
    const plan = await cloudwatchReconciler(deps()).plan(repo(model("churn-eu"), model("churn", [eu])), ctx);
    expect(plan.errors).toEqual(["churn-eu and churn in environment eu would both keep dashboard steward-churn-eu in account 999999999999; rename a model or an environment"]);
  });

  it("plan --offline (empty stores, no identity): one dashboard per environment, each in its region", async () => {
    const reconciler = offlineSlots(fsRepoFiles("/nonexistent")).find((s) => s.target === "cloudwatch")!.reconciler!;
    const plan = await reconciler.plan(repo(model("fraud-detection", [STAGING, PRODUCTION])), ctx);
    expect(plan.errors).toBeUndefined();
    expect(plan.steps.map((s) => `${s.environment} ${s.resource}`)).toEqual(["staging dashboard/steward-fraud-detection-staging", "production dashboard/steward-fraud-detection-production"]);
    const regions = plan.steps.map((s) => (JSON.parse(s.params.body as string) as Body).widgets.find((w) => w.type === "metric")!.properties.region);
    expect(regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(calls).toEqual([]);
  });
});
