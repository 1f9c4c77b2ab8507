/**
 * plan/apply of a model deployed to two environments (deployment.environments): the real
 * environment clients (awsEnvironments) over aws-sdk-client-mock, with SageMaker, CloudWatch and
 * STS answering per region as separate accounts would. Each environment's role is assumed, its
 * account and region resolved and checked, its endpoint read and written through clients in its
 * region; steps and outcomes are grouped per environment. A model without environments is planned
 * exactly as before.
 */
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import {
  CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, DescribeEndpointCommand, DescribeEndpointConfigCommand,
  DescribeModelCommand, ListEndpointConfigsCommand, ListModelsCommand, SageMakerClient, SageMakerServiceException,
} from "@aws-sdk/client-sagemaker";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { awsEnvironments } from "../../src/adapters/aws/aws-environment.js";
import { sageMakerAws } from "../../src/adapters/aws/sagemaker-aws.js";
import { sagemakerReconciler } from "../../src/commands/reconcile-sagemaker.js";
import type { PlanContext } from "../../src/commands/reconcilers.js";
import { UserError } from "../../src/core/errors.js";
import { planJson, renderPlanMarkdown, renderPlanText } from "../../src/core/plan/render-plan.js";
import type { DeploymentEnvironment, RepoState } from "../../src/core/types.js";
import type { Logger, StewardEvent } from "../../src/ports.js";
import { aModelSpec, aPolicySpec, aRepoState, aVersionSpec } from "../support/builders.js";

const STAGING: DeploymentEnvironment = { name: "staging", account: "111111111111", region: "eu-west-1", roleArn: "arn:aws:iam::111111111111:role/steward-deploy" };
const PRODUCTION: DeploymentEnvironment = { name: "production", account: "222222222222", region: "us-east-1", roleArn: "arn:aws:iam::222222222222:role/steward-deploy" };
const ACCOUNT_OF: Record<string, string> = { "eu-west-1": "111111111111", "us-east-1": "222222222222" };

const sm = mockClient(SageMakerClient);
const cw = mockClient(CloudWatchClient);
const aas = mockClient(ApplicationAutoScalingClient);
const sts = mockClient(STSClient);
afterAll(() => [sm, cw, aas, sts].forEach((m) => m.restore()));

const notFound = (what: string) => new SageMakerServiceException({ name: "ValidationException", $fault: "client", $metadata: { httpStatusCode: 400 }, message: `Could not find ${what}.` });
const regionOf = async (getClient: () => { config: { region: unknown } }) => ((await (getClient().config.region as () => Promise<string>)()));

/** Per region: what exists, as separate accounts would hold it. */
let world: Map<string, { endpoints: Map<string, string>; configs: Set<string>; models: Set<string> }>;
let calls: { region: string; command: string; name?: string }[];
let assumedBy: Map<string, string>;

function fakeAws(): void {
  for (const m of [sm, cw, aas, sts]) m.reset();
  world = new Map(Object.keys(ACCOUNT_OF).map((r) => [r, { endpoints: new Map(), configs: new Set(), models: new Set() }]));
  calls = [];
  assumedBy = new Map();
  const at = async (getClient: () => unknown, command: string, name?: string) => {
    const region = await regionOf(getClient as never);
    calls.push({ region, command, ...(name ? { name } : {}) });
    return world.get(region)!;
  };
  sts.on(AssumeRoleCommand).callsFake(async (input, getClient) => {
    const region = await regionOf(getClient as never);
    const key = `ASIA${input.RoleArn.split(":")[4]}`;
    assumedBy.set(key, input.RoleArn);
    calls.push({ region, command: "AssumeRole", name: `${input.RoleArn} ${input.RoleSessionName}` });
    return { Credentials: { AccessKeyId: key, SecretAccessKey: "s", SessionToken: "t", Expiration: new Date("2099-01-01T00:00:00Z") } };
  });
  sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
    const client = getClient() as STSClient;
    const region = await client.config.region();
    const creds = await client.config.credentials();
    const role = assumedBy.get(creds.accessKeyId);
    calls.push({ region, command: "GetCallerIdentity" });
    // the identity is the assumed role's: its account, whatever region the client is in
    const account = role ? role.split(":")[4]! : "999999999999";
    return { Account: account, Arn: role ? `arn:aws:sts::${account}:assumed-role/steward-deploy/steward-${role.includes("111111111111") ? "staging" : "production"}` : "arn:aws:iam::999999999999:user/ci", UserId: "X" };
  });
  sm.on(DescribeEndpointCommand).callsFake(async ({ EndpointName }, g) => {
    const w = await at(g, "DescribeEndpoint", EndpointName);
    const config = w.endpoints.get(EndpointName);
    if (!config) throw notFound(`endpoint "${EndpointName}"`);
    return { EndpointName, EndpointArn: `arn:aws:sagemaker:x:endpoint/${EndpointName}`, EndpointConfigName: config, EndpointStatus: "InService", ProductionVariants: [], CreationTime: new Date(), LastModifiedTime: new Date() };
  });
  sm.on(DescribeEndpointConfigCommand).callsFake(async ({ EndpointConfigName }, g) => {
    await at(g, "DescribeEndpointConfig", EndpointConfigName);
    throw notFound(`endpoint configuration "${EndpointConfigName}"`);
  });
  sm.on(DescribeModelCommand).callsFake(async ({ ModelName }, g) => {
    await at(g, "DescribeModel", ModelName);
    throw notFound(`model "${ModelName}"`);
  });
  sm.on(ListEndpointConfigsCommand).callsFake(async (_i, g) => (await at(g, "ListEndpointConfigs"), { EndpointConfigs: [] }));
  sm.on(ListModelsCommand).callsFake(async (_i, g) => (await at(g, "ListModels"), { Models: [] }));
  sm.on(CreateModelCommand).callsFake(async ({ ModelName }, g) => ((await at(g, "CreateModel", ModelName)).models.add(ModelName), { ModelArn: `arn:m/${ModelName}` }));
  sm.on(CreateEndpointConfigCommand).callsFake(async ({ EndpointConfigName }, g) => ((await at(g, "CreateEndpointConfig", EndpointConfigName)).configs.add(EndpointConfigName), { EndpointConfigArn: "arn:c" }));
  sm.on(CreateEndpointCommand).callsFake(async ({ EndpointName, EndpointConfigName }, g) => ((await at(g, "CreateEndpoint", EndpointName)).endpoints.set(EndpointName, EndpointConfigName), { EndpointArn: "arn:e" }));
  cw.on(DescribeAlarmsCommand).callsFake(async (_i, g) => (await at(g, "DescribeAlarms"), { MetricAlarms: [], CompositeAlarms: [] }));
  cw.on(PutMetricAlarmCommand).callsFake(async ({ AlarmName }, g) => (await at(g, "PutMetricAlarm", AlarmName), {}));
  aas.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
  aas.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [] });
}

const policy = aPolicySpec({ monitoring: { recovery: 0, checks: [{ id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: false }] } });
const versions = ["7"].map((v) => aVersionSpec({ version: v, artifact: { kind: "inline", md5: `${v}${"0123456789abcdef0123456789abcde".slice(0, 31)}`, path: `model-v${v}.tar.gz` } }));
function repo(environments?: DeploymentEnvironment[]): RepoState {
  const base = aModelSpec();
  const model = aModelSpec({ stages: { production: { variants: [{ version: "7", weight: 100 }] } }, deployment: { ...base.deployment!, ...(environments ? { environments } : {}) } });
  return aRepoState({ models: [model], versions, policies: [policy] });
}

let events: StewardEvent[];
let lines: string[];
let ctx: PlanContext;
beforeEach(() => {
  fakeAws();
  events = [];
  lines = [];
  const logger: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`), debug: () => {}, group: (_t, fn) => fn() };
  ctx = { logger, now: new Date("2026-12-03T11:00:00Z"), commit: "e71f0c3" };
});
const deps = () => ({
  aws: sageMakerAws({}, { region: "us-east-1" }),
  connect: awsEnvironments({ sessionPrefix: "steward" }),
  dvcRemotes: async () => ({ defaultRemote: "storage", remotes: { storage: "s3://acme-ml-artifacts/dvc" } }),
  events: { publish: async (e: StewardEvent[]) => { events.push(...e); } },
  clock: { now: () => new Date("2026-12-03T11:00:00Z"), sleep: async () => {} },
  pollSeconds: 1,
});

describe("sagemaker reconciler, several environments", () => {
  it("plans a two-environment model: role assumed and identity resolved per environment first, reads in each region, steps grouped per environment", async () => {
    const plan = await sagemakerReconciler(deps()).plan(repo([STAGING, PRODUCTION]), ctx);
    expect(calls.filter((c) => c.command === "AssumeRole")).toEqual([
      { region: "eu-west-1", command: "AssumeRole", name: `${STAGING.roleArn} steward-staging` },
      { region: "us-east-1", command: "AssumeRole", name: `${PRODUCTION.roleArn} steward-production` },
    ]);
    // each environment: who am I before any SageMaker read, then every read in its own region
    const staging = calls.findIndex((c) => c.region === "eu-west-1" && c.command === "GetCallerIdentity");
    const production = calls.findIndex((c) => c.region === "us-east-1" && c.command === "GetCallerIdentity");
    expect(staging).toBeGreaterThanOrEqual(0);
    expect(calls.slice(0, staging).filter((c) => c.command.startsWith("Describe"))).toEqual([]);
    expect(calls.slice(staging + 1, production).filter((c) => c.command !== "AssumeRole").every((c) => c.region === "eu-west-1")).toBe(true);
    expect(calls.slice(production + 1).every((c) => c.region === "us-east-1")).toBe(true);
    expect(calls.filter((c) => c.command === "DescribeEndpoint").map((c) => `${c.region} ${c.name}`)).toEqual(["eu-west-1 fraud-detection-prod", "us-east-1 fraud-detection-prod"]);

    expect(plan.environments).toEqual([
      { name: "staging", account: "111111111111", region: "eu-west-1", roleArn: STAGING.roleArn, where: "AWS account 111111111111, region eu-west-1 (as arn:aws:sts::111111111111:assumed-role/steward-deploy/steward-staging)" },
      { name: "production", account: "222222222222", region: "us-east-1", roleArn: PRODUCTION.roleArn, where: "AWS account 222222222222, region us-east-1 (as arn:aws:sts::222222222222:assumed-role/steward-deploy/steward-production)" },
    ]);
    expect(plan.where).toBeUndefined();
    const actions = ["put-metric-alarm", "create-model", "create-endpoint-config", "create-endpoint"];
    expect(plan.steps.map((s) => `${s.environment} ${s.action}`)).toEqual([...actions.map((a) => `staging ${a}`), ...actions.map((a) => `production ${a}`)]);
    expect(lines.filter((l) => l.startsWith("sagemaker ["))).toEqual([`sagemaker [staging]: ${plan.environments![0]!.where}`, `sagemaker [production]: ${plan.environments![1]!.where}`]);

    const text = renderPlanText([{ ...plan, status: "planned" }]);
    expect(text).toContain("sagemaker: 8 changes (2 environments: staging, production)\n  environment staging: 4 changes in AWS account 111111111111, region eu-west-1");
    expect(text).toMatch(/environment staging: 4 changes[^\n]*\n    \+ alarm\//);
    expect(text).toContain("\n  environment production: 4 changes in AWS account 222222222222, region us-east-1");
    const md = renderPlanMarkdown([{ ...plan, status: "planned" }]);
    expect(md).toContain("#### environment staging: 4 changes in AWS account 111111111111, region eu-west-1");
    expect(md.match(/\| \| action \| resource \| change \|/g)).toHaveLength(2);
    const json = planJson([{ ...plan, status: "planned" }]);
    expect(json.targets[0]!.environments).toHaveLength(2);
    expect(json.targets[0]!.steps.map((s) => s.environment)).toEqual([...Array(4).fill("staging"), ...Array(4).fill("production")]);
  });

  it("apply runs each step through its environment's clients and reports the outcomes per environment; events name the environment", async () => {
    const r = sagemakerReconciler(deps());
    const plan = await r.plan(repo([STAGING, PRODUCTION]), ctx);
    calls = [];
    const outcomes = await r.apply(plan, ctx);
    expect(outcomes.map((o) => `${o.step.environment} ${o.step.action} ${o.status}`)).toEqual([
      "staging put-metric-alarm done", "staging create-model done", "staging create-endpoint-config done", "staging create-endpoint done",
      "production put-metric-alarm done", "production create-model done", "production create-endpoint-config done", "production create-endpoint done",
    ]);
    const writes = calls.filter((c) => /^(Create|Put)/.test(c.command)).map((c) => `${c.region} ${c.command}`);
    expect(writes).toEqual([
      "eu-west-1 PutMetricAlarm", "eu-west-1 CreateModel", "eu-west-1 CreateEndpointConfig", "eu-west-1 CreateEndpoint",
      "us-east-1 PutMetricAlarm", "us-east-1 CreateModel", "us-east-1 CreateEndpointConfig", "us-east-1 CreateEndpoint",
    ]);
    expect(world.get("eu-west-1")!.endpoints.has("fraud-detection-prod") && world.get("us-east-1")!.endpoints.has("fraud-detection-prod")).toBe(true);
    const started = events.filter((e) => e.detailType === "Model Deployment Started").map((e) => e.detail.environment);
    expect(started).toEqual([{ name: "staging", account: "111111111111", region: "eu-west-1" }, { name: "production", account: "222222222222", region: "us-east-1" }]);
    const text = renderPlanText([{ ...plan, status: "applied", outcomes }]);
    expect(text).toMatch(/environment staging: 4 changes[^\n]*\n    \+ alarm\/[^\n]*\[done\]/);
  });

  it("an environment whose role resolves to another account stops the plan before any SageMaker read there or elsewhere", async () => {
    const wrong = { ...PRODUCTION, account: "333333333333" };
    const err = await sagemakerReconciler(deps()).plan(repo([STAGING, wrong]), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain(`environment production: account is 333333333333, but role ${PRODUCTION.roleArn} resolves to account 222222222222`);
    expect(calls.filter((c) => c.region === "us-east-1" && c.command.startsWith("Describe"))).toEqual([]);
  });

  it("without a way to connect to environments (no connect), a model with environments is a plan error, not a plan of the default account", async () => {
    const { connect: _, ...rest } = deps();
    await expect(sagemakerReconciler(rest).plan(repo([STAGING]), ctx)).rejects.toThrow(/deploy to environment staging, but this run cannot connect to environments/);
    expect(calls).toEqual([]);
  });

  it("a model without environments is planned exactly as before: default clients, no environment on steps, no environments in the plan", async () => {
    const plan = await sagemakerReconciler(deps()).plan(repo(), ctx);
    expect(plan.environments).toBeUndefined();
    expect(plan.steps.every((s) => s.environment === undefined)).toBe(true);
    expect(calls.filter((c) => c.command === "AssumeRole")).toEqual([]);
    expect(new Set(calls.map((c) => c.region))).toEqual(new Set(["us-east-1"]));
    expect(renderPlanText([{ ...plan, status: "planned" }])).not.toContain("environment");
  });
});
