import {
  ApplicationAutoScalingClient, ApplicationAutoScalingServiceException, DeregisterScalableTargetCommand, DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand, PutScalingPolicyCommand, RegisterScalableTargetCommand,
  type PutScalingPolicyCommandInput, type RegisterScalableTargetCommandInput,
} from "@aws-sdk/client-application-auto-scaling";
import {
  CloudWatchClient, CloudWatchServiceException, DeleteAlarmsCommand, DescribeAlarmsCommand, ListTagsForResourceCommand, PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import {
  CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, DeleteEndpointCommand, DescribeEndpointCommand,
  DescribeEndpointConfigCommand, DescribeModelCommand, ListEndpointConfigsCommand, ListModelsCommand, SageMakerClient,
  AddTagsCommand, ListTagsCommand,
  SageMakerServiceException, UpdateEndpointCommand, UpdateEndpointWeightsAndCapacitiesCommand,
  type CreateEndpointConfigCommandInput, type CreateModelCommandInput,
} from "@aws-sdk/client-sagemaker";
import { Ajv2020 } from "ajv/dist/2020.js";
import { mockClient } from "aws-sdk-client-mock";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { loadRepo } from "../../src/commands/load-repo.js";
import { parseDvcConfig } from "../../src/core/repo/dvc-config.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { autoscalingVariants } from "../../src/adapters/aws/autoscaling-variants.js";
import { cloudWatchAlarms } from "../../src/adapters/aws/cloudwatch-alarms.js";
import { sageMakerEndpoints } from "../../src/adapters/aws/sagemaker-endpoints.js";
import type { Clock } from "../../src/adapters/aws/sagemaker-wait-for-endpoint.js";
import { sagemakerReconciler } from "../../src/commands/reconcile-sagemaker.js";
import { UserError } from "../../src/core/errors.js";
import { detailTypeSlug } from "../../src/core/monitor/build-events.js";
import type { PlanContext } from "../../src/commands/reconcilers.js";
import type { ModelSpec, RepoState, StageVariant } from "../../src/core/types.js";
import type { Logger, StewardEvent } from "../../src/ports.js";
import { aModelSpec, aPolicySpec, aRepoState, aVersionSpec } from "../support/builders.js";

// ---- a stateful SageMaker / CloudWatch / Application Auto Scaling behind aws-sdk-client-mock ----

const ACCOUNT = "arn:aws:sagemaker:us-east-1:123456789012";
type Outcome = "succeed" | "rollback" | "fail" | "hang";
interface Transition { during: string[]; outcome: Outcome; config?: string; weights?: Record<string, number>; counts?: Record<string, number> }
interface FakeEndpoint { config: string; status: string; failureReason?: string; weights: Record<string, number>; counts: Record<string, number>; transition?: Transition; created: Date }

function smError(message: string, name = "ValidationException") {
  return new SageMakerServiceException({ name, $fault: "client", $metadata: { httpStatusCode: 400, requestId: "0c2b7f6e-1f5e-4c2a-9d8e-000000000000" }, message });
}

function fakeAws() {
  const sm = mockClient(SageMakerClient);
  const cw = mockClient(CloudWatchClient);
  const aas = mockClient(ApplicationAutoScalingClient);
  let tick = Date.parse("2026-11-01T00:00:00Z");
  const created = () => new Date((tick += 60_000));
  const models = new Map<string, CreateModelCommandInput & { created: Date }>();
  const configs = new Map<string, CreateEndpointConfigCommandInput & { created: Date }>();
  const endpoints = new Map<string, FakeEndpoint>();
  const alarms = new Map<string, PutMetricAlarmCommandInput>();
  const targets = new Map<string, RegisterScalableTargetCommandInput>();
  const policies = new Map<string, PutScalingPolicyCommandInput>();
  const fake = { sm, cw, aas, models, configs, endpoints, alarms, targets, next: { during: ["Updating", "Updating"], outcome: "succeed" } as Transition, failNext: new Map<string, Error>() };
  const failing = (command: string) => { const e = fake.failNext.get(command); if (e) { fake.failNext.delete(command); throw e; } };
  const startTransition = (ep: FakeEndpoint, t: Partial<Transition>) => { ep.transition = { ...fake.next, during: [...fake.next.during], ...t }; ep.status = ep.transition.during[0] ?? "Updating"; };
  const variantsOf = (configName: string) => configs.get(configName)?.ProductionVariants ?? [];

  const deleting = new Set<string>();
  sm.on(DescribeEndpointCommand).callsFake(({ EndpointName }) => {
    if (deleting.has(EndpointName) && endpoints.get(EndpointName)?.transition?.during.length === 0) { endpoints.delete(EndpointName); deleting.delete(EndpointName); }
    const ep = endpoints.get(EndpointName);
    if (!ep) throw smError(`Could not find endpoint "${ACCOUNT}:endpoint/${EndpointName}".`);
    const t = ep.transition;
    if (t) {
      if (t.during.length) ep.status = t.during.shift()!;
      else if (t.outcome === "hang") ep.status = "Updating";
      else {
        ep.transition = undefined;
        if (t.outcome === "succeed") {
          if (t.config) { ep.config = t.config; ep.weights = Object.fromEntries(variantsOf(t.config).map((v) => [v.VariantName!, v.InitialVariantWeight ?? 1])); ep.counts = Object.fromEntries(variantsOf(t.config).map((v) => [v.VariantName!, v.InitialInstanceCount ?? 1])); }
          Object.assign(ep.weights, t.weights ?? {});
          Object.assign(ep.counts, t.counts ?? {});
          ep.status = "InService";
        } else if (t.outcome === "rollback") ep.status = "InService";
        else { ep.status = "Failed"; ep.failureReason = "The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint."; }
      }
    }
    const pending = ep.transition?.config;
    return {
      EndpointName, EndpointArn: `${ACCOUNT}:endpoint/${EndpointName}`, EndpointConfigName: ep.config, EndpointStatus: ep.status as never,
      ...(ep.failureReason ? { FailureReason: ep.failureReason } : {}),
      ProductionVariants: variantsOf(ep.config).map((v) => ({
        VariantName: v.VariantName, DeployedImages: [{ SpecifiedImage: models.get(v.ModelName!)?.PrimaryContainer?.Image, ResolvedImage: `${models.get(v.ModelName!)?.PrimaryContainer?.Image}@sha256:${"ab".repeat(32)}`, ResolutionTime: ep.created }],
        CurrentWeight: ep.weights[v.VariantName!], DesiredWeight: ep.weights[v.VariantName!], CurrentInstanceCount: ep.counts[v.VariantName!], DesiredInstanceCount: ep.counts[v.VariantName!],
      })),
      CreationTime: ep.created, LastModifiedTime: ep.created,
      ...(pending && ep.status === "Updating" ? { PendingDeploymentSummary: { EndpointConfigName: pending, StartTime: ep.created } } : {}),
    };
  });
  sm.on(DescribeEndpointConfigCommand).callsFake(({ EndpointConfigName }) => {
    const c = configs.get(EndpointConfigName);
    if (!c) throw smError(`Could not find endpoint configuration "${ACCOUNT}:endpoint-config/${EndpointConfigName}".`);
    return { EndpointConfigName, EndpointConfigArn: `${ACCOUNT}:endpoint-config/${EndpointConfigName}`, ProductionVariants: c.ProductionVariants, ...(c.DataCaptureConfig ? { DataCaptureConfig: c.DataCaptureConfig } : {}), ...(c.KmsKeyId ? { KmsKeyId: c.KmsKeyId } : {}), ...(c.AsyncInferenceConfig ? { AsyncInferenceConfig: c.AsyncInferenceConfig } : {}), CreationTime: c.created };
  });
  sm.on(DescribeModelCommand).callsFake(({ ModelName }) => {
    const m = models.get(ModelName);
    if (!m) throw smError(`Could not find model "${ACCOUNT}:model/${ModelName}".`);
    return { ModelName, ModelArn: `${ACCOUNT}:model/${ModelName}`, PrimaryContainer: m.PrimaryContainer, ExecutionRoleArn: m.ExecutionRoleArn, CreationTime: m.created, DeploymentRecommendation: { RecommendationStatus: "NOT_APPLICABLE" } };
  });
  sm.on(ListEndpointConfigsCommand).callsFake(({ NameContains }) => ({ EndpointConfigs: [...configs.entries()].filter(([n]) => n.includes(NameContains ?? "")).map(([n, c]) => ({ EndpointConfigName: n, EndpointConfigArn: `${ACCOUNT}:endpoint-config/${n}`, CreationTime: c.created })) }));
  sm.on(ListModelsCommand).callsFake(({ NameContains }) => ({ Models: [...models.entries()].filter(([n]) => n.includes(NameContains ?? "")).map(([n, m]) => ({ ModelName: n, ModelArn: `${ACCOUNT}:model/${n}`, CreationTime: m.created })) }));
  sm.on(CreateModelCommand).callsFake((input: CreateModelCommandInput) => {
    failing("CreateModel");
    if (models.has(input.ModelName!)) throw smError(`Cannot create already existing model "${ACCOUNT}:model/${input.ModelName}".`);
    models.set(input.ModelName!, { ...input, created: created() });
    return { ModelArn: `${ACCOUNT}:model/${input.ModelName}` };
  });
  sm.on(CreateEndpointConfigCommand).callsFake((input: CreateEndpointConfigCommandInput) => {
    failing("CreateEndpointConfig");
    if (configs.has(input.EndpointConfigName!)) throw smError(`Cannot create already existing endpoint configuration "${ACCOUNT}:endpoint-config/${input.EndpointConfigName}".`);
    configs.set(input.EndpointConfigName!, { ...input, created: created() });
    return { EndpointConfigArn: `${ACCOUNT}:endpoint-config/${input.EndpointConfigName}` };
  });
  // Tags by resource ARN, as ListTags/AddTags see them (AddTags overwrites a key, keeps the others).
  const tagsByArn = new Map<string, Map<string, string>>();
  const tagResource = (arn: string, tags: { Key?: string; Value?: string }[] = []) => {
    const t = tagsByArn.get(arn) ?? new Map<string, string>();
    for (const { Key, Value } of tags) t.set(Key!, Value ?? "");
    tagsByArn.set(arn, t);
  };
  sm.on(ListTagsCommand).callsFake(({ ResourceArn }) => ({ Tags: [...(tagsByArn.get(ResourceArn) ?? new Map()).entries()].map(([Key, Value]) => ({ Key, Value })) }));
  sm.on(AddTagsCommand).callsFake(({ ResourceArn, Tags }) => { tagResource(ResourceArn, Tags); return { Tags }; });
  sm.on(CreateEndpointCommand).callsFake(({ EndpointName, EndpointConfigName, Tags }) => {
    failing("CreateEndpoint");
    if (endpoints.has(EndpointName)) throw smError(`Cannot create already existing endpoint "${ACCOUNT}:endpoint/${EndpointName}".`);
    tagsByArn.delete(`${ACCOUNT}:endpoint/${EndpointName}`);
    tagResource(`${ACCOUNT}:endpoint/${EndpointName}`, Tags);
    const ep: FakeEndpoint = { config: EndpointConfigName, status: "Creating", weights: {}, counts: {}, created: created() };
    endpoints.set(EndpointName, ep);
    startTransition(ep, { config: EndpointConfigName, during: ["Creating", "Creating"] });
    return { EndpointArn: `${ACCOUNT}:endpoint/${EndpointName}` };
  });
  sm.on(UpdateEndpointCommand).callsFake(({ EndpointName, EndpointConfigName }) => {
    const ep = endpoints.get(EndpointName)!;
    if (ep.status !== "InService") throw smError(`Cannot update in-progress endpoint "${ACCOUNT}:endpoint/${EndpointName}".`);
    startTransition(ep, { config: EndpointConfigName });
    return { EndpointArn: `${ACCOUNT}:endpoint/${EndpointName}` };
  });
  sm.on(UpdateEndpointWeightsAndCapacitiesCommand).callsFake(({ EndpointName, DesiredWeightsAndCapacities }) => {
    const ep = endpoints.get(EndpointName)!;
    if (ep.status !== "InService") throw smError(`Cannot update in-progress endpoint "${ACCOUNT}:endpoint/${EndpointName}".`);
    const weights: Record<string, number> = {};
    const counts: Record<string, number> = {};
    for (const d of DesiredWeightsAndCapacities ?? []) {
      if (d.DesiredWeight !== undefined) weights[d.VariantName!] = d.DesiredWeight;
      if (d.DesiredInstanceCount !== undefined) counts[d.VariantName!] = d.DesiredInstanceCount;
    }
    startTransition(ep, { weights, counts, during: ["Updating"] });
    return { EndpointArn: `${ACCOUNT}:endpoint/${EndpointName}` };
  });
  sm.on(DeleteEndpointCommand).callsFake(({ EndpointName }) => {
    const ep = endpoints.get(EndpointName);
    if (!ep) throw smError(`Could not find endpoint "${ACCOUNT}:endpoint/${EndpointName}".`);
    ep.status = "Deleting";
    ep.transition = { during: ["Deleting"], outcome: "succeed" };
    deleting.add(EndpointName);
    return {};
  });
  // CloudWatch as documented: names or a name prefix, 50 alarms a page (MaxRecords' default) in name order,
  // Tags only on creation (PutMetricAlarm ignores them on update), DeleteAlarms all-or-nothing (ResourceNotFound).
  const alarmArn = (n: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${n}`;
  cw.on(DescribeAlarmsCommand).callsFake(({ AlarmNames, AlarmNamePrefix, NextToken }) => {
    const names = [...alarms.keys()].filter((n) => (AlarmNames ? AlarmNames.includes(n) : n.startsWith(AlarmNamePrefix ?? ""))).sort();
    const start = NextToken ? Number(NextToken) : 0;
    const page = names.slice(start, start + 50);
    return {
      MetricAlarms: page.map((n: string) => { const { Tags: _t, ...a } = alarms.get(n)!; return { ...a, AlarmArn: alarmArn(n), StateValue: "OK" }; }),
      CompositeAlarms: [],
      ...(start + 50 < names.length ? { NextToken: String(start + 50) } : {}),
    };
  });
  cw.on(PutMetricAlarmCommand).callsFake((input: PutMetricAlarmCommandInput) => { alarms.set(input.AlarmName!, { ...input, Tags: alarms.get(input.AlarmName!)?.Tags ?? input.Tags }); return {}; });
  cw.on(ListTagsForResourceCommand).callsFake(({ ResourceARN }) => {
    const a = [...alarms.entries()].find(([n]) => alarmArn(n) === ResourceARN);
    if (!a) throw new CloudWatchServiceException({ name: "ResourceNotFoundException", $fault: "client", $metadata: { httpStatusCode: 404 }, message: "The specified resource does not exist." });
    return { Tags: a[1].Tags ?? [] };
  });
  cw.on(DeleteAlarmsCommand).callsFake(({ AlarmNames }) => {
    const missing = (AlarmNames ?? []).filter((n: string) => !alarms.has(n));
    if (missing.length) throw new CloudWatchServiceException({ name: "ResourceNotFound", $fault: "client", $metadata: { httpStatusCode: 404 }, message: `Alarm(s) ${missing.join(", ")} not found.` });
    for (const n of AlarmNames ?? []) alarms.delete(n);
    return {};
  });
  aas.on(DescribeScalableTargetsCommand).callsFake(({ ResourceIds }) => ({ ScalableTargets: (ResourceIds ?? []).filter((id: string) => targets.has(id)).map((id: string) => ({ ...targets.get(id)!, CreationTime: new Date(tick), RoleARN: "arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint" })) }));
  aas.on(DescribeScalingPoliciesCommand).callsFake(({ ResourceId }) => ({ ScalingPolicies: [...policies.values()].filter((p) => p.ResourceId === ResourceId).map((p) => ({ ...p, PolicyARN: `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x:resource/sagemaker/${p.ResourceId}:policyName/${p.PolicyName}`, CreationTime: new Date(tick), Alarms: [] })) }));
  aas.on(RegisterScalableTargetCommand).callsFake((input: RegisterScalableTargetCommandInput) => { targets.set(input.ResourceId!, input); return { ScalableTargetARN: "arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/x" }; });
  aas.on(PutScalingPolicyCommand).callsFake((input: PutScalingPolicyCommandInput) => { policies.set(`${input.ResourceId}|${input.PolicyName}`, input); return { PolicyARN: "arn:x", Alarms: [] }; });
  aas.on(DeregisterScalableTargetCommand).callsFake(({ ResourceId }) => {
    if (!targets.delete(ResourceId)) throw new ApplicationAutoScalingServiceException({ name: "ObjectNotFoundException", $fault: "client", $metadata: { httpStatusCode: 400 }, message: `No scalable target registered for service namespace: sagemaker, resource ID: ${ResourceId}, scalable dimension: sagemaker:variant:DesiredInstanceCount` });
    for (const k of [...policies.keys()]) if (k.startsWith(`${ResourceId}|`)) policies.delete(k);
    return {};
  });
  return fake;
}

// ---- the governed repository and the reconciler under test ----

const policy = aPolicySpec({ monitoring: { recovery: 0, checks: [{ id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: false }] } });
const versions = ["6", "7", "8"].map((v) => aVersionSpec({ version: v, artifact: { kind: "inline", md5: `${v}${"0123456789abcdef0123456789abcde".slice(0, 31)}`, path: `model-v${v}.tar.gz` } }));
function repo(production: StageVariant[], sm: Partial<NonNullable<NonNullable<ModelSpec["deployment"]>["sagemaker"]>> = {}): RepoState {
  const base = aModelSpec();
  const model = aModelSpec({
    stages: { production: { variants: production } },
    deployment: { sagemaker: { ...base.deployment!.sagemaker!, autoscaling: { min: 2, max: 8, targetInvocationsPerInstance: 1000 }, dataCapture: { enabled: true, samplingPercent: 20, destination: "s3://acme-ml-capture/fraud-detection" }, ...sm } },
  });
  return aRepoState({ models: [model], versions, policies: [policy] });
}
const only = (version: string): StageVariant[] => [{ version, weight: 100 }];

function fakeClock(): Clock {
  let t = Date.parse("2026-11-26T04:00:00Z");
  return { now: () => new Date(t), sleep: async (ms) => { t += ms; } };
}

let aws: ReturnType<typeof fakeAws>;
let events: StewardEvent[];
let lines: string[];
let ctx: PlanContext;
const reconcilerDeps = () => ({
  aws: { sagemaker: sageMakerEndpoints(new SageMakerClient({ region: "us-east-1" })), alarms: cloudWatchAlarms(new CloudWatchClient({ region: "us-east-1" })), scaling: autoscalingVariants(new ApplicationAutoScalingClient({ region: "us-east-1" })) },
  dvcRemotes: async () => ({ defaultRemote: "storage", remotes: { storage: "s3://acme-ml-artifacts/dvc" } }),
  events: { publish: async (e: StewardEvent[]) => { events.push(...e); } },
  clock: fakeClock(),
  pollSeconds: 30,
});
const reconciler = (over: { maxWaitSeconds?: number } = {}) => sagemakerReconciler({ ...reconcilerDeps(), ...over });
async function converge(state: RepoState, over: { maxWaitSeconds?: number } = {}) {
  const r = reconciler(over);
  const plan = await r.plan(state, ctx);
  const outcomes = await r.apply(plan, ctx);
  return { plan, outcomes, statuses: outcomes.map((o) => `${o.step.action}:${o.status}`) };
}
const calls = (cmd: Parameters<ReturnType<typeof mockClient>["commandCalls"]>[0]) => [aws.sm, aws.cw, aws.aas].flatMap((m) => m.commandCalls(cmd as never));

beforeEach(() => {
  aws = fakeAws();
  events = [];
  lines = [];
  const logger: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`), debug: () => {}, group: (_t, fn) => fn() };
  ctx = { logger, now: new Date("2026-11-26T04:00:00Z"), commit: "e71f0c3" };
});

// Every event a scenario published matches its schema in schemas/events.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
afterEach(() => {
  for (const e of events) {
    const schema = JSON.parse(readFileSync(new URL(`../../schemas/events/${detailTypeSlug(e.detailType)}.schema.json`, import.meta.url), "utf8"));
    const validate = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
    expect(validate(e.detail), `${e.detailType}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
});

describe("sagemaker reconciler", () => {
  it("first deploy: alarm, model, config, endpoint (waits for InService), autoscaling; then nothing left to do", async () => {
    const run = await converge(repo(only("7")));
    expect(run.statuses).toEqual(["put-metric-alarm:done", "create-model:done", "create-endpoint-config:done", "create-endpoint:done", "register-scalable-target:done", "put-scaling-policy:done"]);
    const cfg = calls(CreateEndpointConfigCommand)[0]!.args[0].input as CreateEndpointConfigCommandInput;
    expect(cfg.ProductionVariants).toEqual([{ VariantName: "AllTraffic", ModelName: expect.stringMatching(/^fraud-detection-v7-[0-9a-f]{10}$/), InstanceType: "ml.m5.xlarge", InitialInstanceCount: 2, InitialVariantWeight: 100 }]);
    expect((calls(CreateModelCommand)[0]!.args[0].input as CreateModelCommandInput).PrimaryContainer?.ModelDataUrl).toBe(`s3://acme-ml-artifacts/dvc/files/md5/70/${"123456789abcdef0123456789abcde"}`);
    expect(lines).toContain("endpoint fraud-detection-prod: Creating after 0s");
    expect(lines).toContain("endpoint fraud-detection-prod: InService after 1m (AllTraffic: weight 100, 2 instance(s))");
    expect(events.map((e) => e.detailType)).toEqual(["Model Deployment Started", "Model Deployment Succeeded"]);
    expect(events[1]!.detail).toMatchObject({ model: "fraud-detection", endpoint: "fraud-detection-prod", kind: "create", versions: [{ version: "7", weight: 100 }], commit: "e71f0c3", durationSeconds: 60 });
    expect((await reconciler().plan(repo(only("7")), ctx)).steps).toEqual([]);
  });

  it("model tags on every resource; a tag change is AddTags on the endpoint in place; KMS and async settings converge", async () => {
    const tagged = (tags: Record<string, string>) => {
      const s = repo(only("7"), { kms: { volumeKeyId: "alias/ml-volume", outputKeyId: "alias/ml-output" }, asyncInference: { outputPath: "s3://acme-async/out", maxConcurrentInvocationsPerInstance: 4 }, volumeSizeGB: 30 });
      s.models[0]!.tags = tags;
      return s;
    };
    await converge(tagged({ team: "risk" }));
    const want = expect.arrayContaining([{ Key: "team", Value: "risk" }, { Key: "steward:model", Value: "fraud-detection" }]);
    expect(calls(CreateModelCommand)[0]!.args[0].input.Tags).toEqual(want);
    expect(calls(CreateEndpointConfigCommand)[0]!.args[0].input).toMatchObject({ Tags: want, KmsKeyId: "alias/ml-volume", AsyncInferenceConfig: { OutputConfig: { S3OutputPath: "s3://acme-async/out", KmsKeyId: "alias/ml-output" } } });
    expect(calls(CreateEndpointCommand)[0]!.args[0].input.Tags).toEqual(want);
    expect((calls(PutMetricAlarmCommand)[0]!.args[0].input as PutMetricAlarmCommandInput).Tags).toEqual(want);
    const run = await converge(tagged({ team: "fraud" }));
    expect(run.statuses).toEqual(["tag-endpoint:done"]);
    expect(calls(AddTagsCommand)[0]!.args[0].input).toEqual({ ResourceArn: `${ACCOUNT}:endpoint/fraud-detection-prod`, Tags: [{ Key: "team", Value: "fraud" }] });
    expect(calls(UpdateEndpointCommand)).toHaveLength(0);
    expect((await reconciler().plan(tagged({ team: "fraud" }), ctx)).steps).toEqual([]);
  });

  it("canary update to a new version: UpdateEndpoint with blue/green CANARY guardrails and the rollback alarm", async () => {
    await converge(repo(only("7")));
    events = [];
    const run = await converge(repo(only("8")));
    expect(run.statuses).toEqual(["create-model:done", "create-endpoint-config:done", "update-endpoint:done"]);
    expect(calls(UpdateEndpointCommand)[0]!.args[0].input).toMatchObject({
      EndpointName: "fraud-detection-prod",
      RetainAllVariantProperties: true,
      ExcludeRetainedVariantProperties: [{ VariantPropertyType: "DesiredWeight" }],
      DeploymentConfig: {
        BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: "CANARY", WaitIntervalInSeconds: 600, CanarySize: { Type: "CAPACITY_PERCENT", Value: 10 } }, TerminationWaitInSeconds: 1800, MaximumExecutionTimeoutInSeconds: 4200 },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: "steward-fraud-detection-prod-accuracy-min" }] },
      },
    });
    expect(events.map((e) => e.detailType)).toEqual(["Model Deployment Started", "Model Deployment Succeeded"]);
    expect(events[0]!.detail).toMatchObject({ kind: "update", trafficRouting: "CANARY", rollback: false });
    expect((await reconciler().plan(repo(only("8")), ctx)).steps).toEqual([]);
  });

  it("weight-only change of a split: UpdateEndpointWeightsAndCapacities, no new config, no redeploy", async () => {
    await converge(repo([{ version: "7", weight: 90 }, { version: "8", weight: 10 }]));
    const configsBefore = aws.configs.size;
    const run = await converge(repo([{ version: "7", weight: 50 }, { version: "8", weight: 50 }]));
    expect(run.statuses).toEqual(["update-endpoint-weights-and-capacities:done"]);
    expect(calls(UpdateEndpointWeightsAndCapacitiesCommand)[0]!.args[0].input).toEqual({ EndpointName: "fraud-detection-prod", DesiredWeightsAndCapacities: [{ VariantName: "v-7", DesiredWeight: 50 }, { VariantName: "v-8", DesiredWeight: 50 }] });
    expect(calls(UpdateEndpointCommand)).toHaveLength(0);
    expect(aws.configs.size).toBe(configsBefore);
    expect((await reconciler().plan(repo([{ version: "7", weight: 50 }, { version: "8", weight: 50 }]), ctx)).steps).toEqual([]);
  });

  it("rollback: going back to v7 re-uses the retained config and models, and says it rolled back", async () => {
    await converge(repo(only("7")));
    const v7config = aws.endpoints.get("fraud-detection-prod")!.config;
    await converge(repo(only("8")));
    events = [];
    const plan = await reconciler().plan(repo(only("7")), ctx);
    expect(plan.notes).toContain(`fraud-detection-prod: endpoint config ${aws.endpoints.get("fraud-detection-prod")!.config} (serving now) is kept for rollback`);
    const models = aws.models.size;
    const configs = aws.configs.size;
    const run = await converge(repo(only("7")));
    expect(run.statuses).toEqual(["update-endpoint:done"]);
    expect(run.plan.steps[0]!.summary).toMatch(/^roll back fraud-detection-prod to v7/);
    expect(aws.endpoints.get("fraud-detection-prod")!.config).toBe(v7config);
    expect([aws.models.size, aws.configs.size]).toEqual([models, configs]);
    expect(events.map((e) => e.detailType)).toEqual(["Model Deployment Started", "Model Deployment Succeeded", "Model Rolled Back"]);
    expect(events[2]!.detail).toMatchObject({ trigger: "git", endpointConfig: v7config, versions: [{ version: "7", weight: 100 }] });
    expect(calls(DeleteEndpointCommand)).toHaveLength(0);
  });

  it("an update that SageMaker rolls back fails the apply, reports why, and stops before later steps", async () => {
    await converge(repo(only("7")));
    const serving = aws.endpoints.get("fraud-detection-prod")!.config;
    aws.next = { during: ["Updating", "Updating", "Updating"], outcome: "rollback" };
    events = [];
    const run = await converge(repo(only("8"), { autoscaling: { min: 2, max: 10, targetInvocationsPerInstance: 1000 } }));
    expect(run.statuses).toEqual(["create-model:done", "create-endpoint-config:done", "update-endpoint:failed", "register-scalable-target:skipped"]);
    expect(run.outcomes[2]!.error).toMatch(/rolled back by SageMaker.*serves .* again/);
    expect(aws.endpoints.get("fraud-detection-prod")!.config).toBe(serving);
    expect(events.map((e) => e.detailType)).toEqual(["Model Deployment Started", "Model Deployment Failed", "Model Rolled Back"]);
    expect(events[2]!.detail).toMatchObject({ trigger: "auto-rollback", endpointConfig: serving, abandonedVersions: [{ version: "8", weight: 100 }] });
  });

  it("an update that ends Failed reports SageMaker's FailureReason", async () => {
    await converge(repo(only("7")));
    aws.next = { during: ["Updating"], outcome: "fail" };
    const run = await converge(repo(only("8")));
    expect(run.outcomes.find((o) => o.status === "failed")!.error).toContain("did not pass the ping health check");
    expect((await reconciler().plan(repo(only("8")), ctx)).steps.map((s) => s.action)).toContain("recreate-endpoint");
  });

  it("a Failed endpoint is deleted and created again on the next run, then serves the desired version", async () => {
    await converge(repo(only("7")));
    aws.next = { during: ["Updating"], outcome: "fail" };
    await converge(repo(only("8")));
    aws.next = { during: ["Creating"], outcome: "succeed" };
    const run = await converge(repo(only("8")));
    expect(run.statuses).toEqual(["recreate-endpoint:done"]);
    expect(calls(DeleteEndpointCommand)).toHaveLength(1);
    expect(lines).toContain("endpoint fraud-detection-prod: Deleting");
    expect(aws.endpoints.get("fraud-detection-prod")).toMatchObject({ status: "InService" });
    expect((await reconciler().plan(repo(only("8")), ctx)).steps).toEqual([]);
  });

  it("an endpoint in UpdateRollbackFailed stops apply with SageMaker's reason and is not touched", async () => {
    await converge(repo(only("7")));
    Object.assign(aws.endpoints.get("fraud-detection-prod")!, { status: "UpdateRollbackFailed", failureReason: "Unable to roll back: insufficient capacity for ml.m5.xlarge." });
    const run = await converge(repo(only("8")));
    expect(run.statuses).toEqual(["blocked-endpoint:failed"]);
    expect(run.outcomes[0]!.error).toContain("UpdateRollbackFailed: Unable to roll back: insufficient capacity");
    expect(calls(UpdateEndpointCommand)).toHaveLength(0);
    expect(calls(CreateModelCommand)).toHaveLength(1);
  });

  it("a deployment event that cannot be published is a warning, not a failed apply", async () => {
    const r = sagemakerReconciler({
      aws: { sagemaker: sageMakerEndpoints(new SageMakerClient({ region: "us-east-1" })), alarms: cloudWatchAlarms(new CloudWatchClient({ region: "us-east-1" })), scaling: autoscalingVariants(new ApplicationAutoScalingClient({ region: "us-east-1" })) },
      dvcRemotes: async () => ({ defaultRemote: "storage", remotes: { storage: "s3://acme-ml-artifacts/dvc" } }),
      events: { publish: async () => { throw new Error("PutEvents: AccessDeniedException"); } },
      clock: fakeClock(),
    });
    const outcomes = await r.apply(await r.plan(repo(only("7")), ctx), ctx);
    expect(outcomes.every((o) => o.status === "done")).toBe(true);
    expect(lines.filter((l) => l.startsWith("warn could not publish"))).toHaveLength(2);
  });

  it("waiter timeout: stops waiting, never stacks a second update, and picks the deployment up on the next run", async () => {
    await converge(repo(only("7")));
    aws.next = { during: [], outcome: "hang" };
    const first = await converge(repo(only("8")), { maxWaitSeconds: 600 });
    expect(first.outcomes.find((o) => o.status === "failed")!.error).toMatch(/still Updating after 600s/);
    const second = await converge(repo(only("8")), { maxWaitSeconds: 600 });
    expect(second.statuses).toEqual(["wait-endpoint:failed"]);
    expect(second.plan.notes.some((n) => n.includes("is Updating; apply waits"))).toBe(true);
    expect(calls(UpdateEndpointCommand)).toHaveLength(1);
    const ep = aws.endpoints.get("fraud-detection-prod")!;
    ep.transition = { during: ["Updating"], outcome: "succeed", config: ep.transition!.config };
    const third = await converge(repo(only("8")));
    expect(third.statuses).toEqual(["wait-endpoint:done"]);
    expect(calls(UpdateEndpointCommand)).toHaveLength(1);
  });

  it("does not touch an endpoint someone else is updating until it has settled", async () => {
    await converge(repo(only("7")));
    const ep = aws.endpoints.get("fraud-detection-prod")!;
    ep.status = "Updating";
    ep.transition = { during: ["Updating", "Updating"], outcome: "succeed" };
    const run = await converge(repo(only("8")));
    expect(run.statuses).toContain("update-endpoint:done");
    const order = aws.sm.calls().map((c) => c.args[0].constructor.name);
    const update = order.indexOf("UpdateEndpointCommand");
    expect(order.slice(0, update).filter((n) => n === "DescribeEndpointCommand").length).toBeGreaterThanOrEqual(3);
  });

  it("partial failure then re-run: converges without repeating what was done", async () => {
    aws.failNext.set("CreateEndpointConfig", new SageMakerServiceException({ name: "ResourceLimitExceeded", $fault: "client", $metadata: { httpStatusCode: 400 }, message: "The account-level service limit 'Number of endpoint configs' is 1000 EndpointConfigs, with current utilization of 1000 EndpointConfigs and a request delta of 1 EndpointConfigs. Please use AWS Service Quotas to request an increase for this quota." }));
    const first = await converge(repo(only("7")));
    expect(first.statuses).toEqual(["put-metric-alarm:done", "create-model:done", "create-endpoint-config:failed", "create-endpoint:skipped", "register-scalable-target:skipped", "put-scaling-policy:skipped"]);
    expect(first.outcomes[2]!.error).toMatch(/^aws \(HTTP 400 ResourceLimitExceeded\): create endpoint config/);
    // apply failed after it started: the deployment it was making is reported failed (schema-checked after each test)
    expect(events.map((e) => e.detailType)).toEqual(["Model Deployment Failed"]);
    expect(events[0]!.detail).toMatchObject({ model: "fraud-detection", endpoint: "fraud-detection-prod", kind: "create", status: "ApplyFailed", reason: expect.stringMatching(/^create-endpoint-config endpoint-config\/fraud-detection-prod-[0-9a-f]{10} failed: aws \(HTTP 400 ResourceLimitExceeded\)/), commit: "e71f0c3" });
    events = [];
    const second = await converge(repo(only("7")));
    expect(second.statuses).toEqual(["create-endpoint-config:done", "create-endpoint:done", "register-scalable-target:done", "put-scaling-policy:done"]);
    expect(calls(CreateModelCommand)).toHaveLength(1);
    expect((await reconciler().plan(repo(only("7")), ctx)).steps).toEqual([]);
  });

  it("says where it is first, and refuses another account or region before any other AWS call", async () => {
    const identity = { whoAmI: async () => ({ account: "123456789012", region: "us-east-1", arn: "arn:aws:sts::123456789012:assumed-role/steward-apply/gha" }) };
    const state = repo(only("7"));
    const plan = await sagemakerReconciler({ ...reconcilerDeps(), identity }).plan(state, ctx);
    expect(plan.where).toBe("AWS account 123456789012, region us-east-1 (as arn:aws:sts::123456789012:assumed-role/steward-apply/gha)");
    expect(lines[0]).toBe(`sagemaker: ${plan.where}`);
    aws.sm.resetHistory();
    const elsewhere = repo(only("7"));
    elsewhere.models[0]!.deployment = { ...elsewhere.models[0]!.deployment!, account: "210987654321", region: "eu-west-1" };
    const err = await sagemakerReconciler({ ...reconcilerDeps(), identity }).plan(elsewhere, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain("fraud-detection: deployment.account is 210987654321 (models/fraud-detection/model.yaml), but the AWS credentials are for account 123456789012");
    expect((err as Error).message).toContain("deployment.region is eu-west-1");
    expect(aws.sm.calls()).toHaveLength(0);
  });

  it("refuses a repository that cannot be deployed, before touching AWS", async () => {
    const state = repo(only("7"));
    state.versions = state.versions.map((v) => (v.version === "7" ? { ...v, image: undefined } : v));
    await expect(reconciler().plan(state, ctx)).rejects.toThrow(/no container image/);
    expect(aws.sm.calls()).toHaveLength(0);
  });

  it("a split gets one latency alarm per variant on that variant's VariantName; the endpoint-wide alarm this repo made is deleted, a second apply writes nothing", async () => {
    const latency = { id: "latency", metric: "latency", metrics: ["latency"], detectors: [], threshold: { max: 250000 }, sustained: 2, severity: "warning" as const, compareVariants: false };
    const withLatency = (production: StageVariant[]) => {
      const s = repo(production);
      s.policies = [{ ...policy, monitoring: { ...policy.monitoring, checks: [...policy.monitoring.checks, latency] } }];
      s.models[0]!.monitoring!.metrics.latency = { namespace: "AWS/SageMaker", metric: "ModelLatency", dimensions: { EndpointName: "fraud-detection-prod" }, stat: "p99" };
      return s;
    };
    await converge(withLatency(only("7")));
    expect(calls(PutMetricAlarmCommand).map((c) => c.args[0].input).find((i) => i.AlarmName === "steward-fraud-detection-prod-latency-max")!.Dimensions)
      .toEqual([{ Name: "EndpointName", Value: "fraud-detection-prod" }, { Name: "VariantName", Value: "AllTraffic" }]);
    // an alarm a person made under the same prefix, and one of another endpoint whose name starts with this one's
    aws.alarms.set("steward-fraud-detection-prod-manual", { AlarmName: "steward-fraud-detection-prod-manual", AlarmDescription: "paged by hand", Namespace: "AWS/SageMaker", MetricName: "Invocations", Dimensions: [{ Name: "EndpointName", Value: "fraud-detection-prod" }] });
    aws.alarms.set("steward-fraud-detection-prod-eu-latency-max", { AlarmName: "steward-fraud-detection-prod-eu-latency-max", AlarmDescription: "model-steward: fraud-eu latency above 1 (policy p, check latency); rolls back deployments of fraud-detection-prod-eu", Namespace: "AWS/SageMaker", MetricName: "ModelLatency", Tags: [{ Key: "steward:model", Value: "fraud-eu" }] });
    aws.cw.resetHistory();

    const split = withLatency([{ version: "7", weight: 80 }, { version: "8", weight: 20 }]);
    const r = reconciler();
    const plan = await r.plan(split, ctx);
    expect(plan.steps.map((s) => `${s.action} ${s.resource}`)).toEqual([
      "put-metric-alarm alarm/steward-fraud-detection-prod-latency-7-max",
      "put-metric-alarm alarm/steward-fraud-detection-prod-latency-8-max",
      "create-model model/" + (plan.steps.find((s) => s.action === "create-model")!.params.model as { name: string }).name,
      "create-endpoint-config endpoint-config/" + (plan.steps.find((s) => s.action === "create-endpoint-config")!.params.config as { name: string }).name,
      "deregister-scalable-target scalable-target/endpoint/fraud-detection-prod/variant/AllTraffic",
      "update-endpoint endpoint/fraud-detection-prod",
      "register-scalable-target scalable-target/endpoint/fraud-detection-prod/variant/v-7",
      "put-scaling-policy scaling-policy/endpoint/fraud-detection-prod/variant/v-7/steward-invocations-per-instance",
      "register-scalable-target scalable-target/endpoint/fraud-detection-prod/variant/v-8",
      "put-scaling-policy scaling-policy/endpoint/fraud-detection-prod/variant/v-8/steward-invocations-per-instance",
      "delete-metric-alarm alarm/steward-fraud-detection-prod-latency-max",
    ]);
    expect(plan.steps.at(-1)!.summary).toBe("delete alarm steward-fraud-detection-prod-latency-max: no check of fraud-detection watches ModelLatency (EndpointName=fraud-detection-prod, VariantName=AllTraffic) any more");
    expect(plan.notes.filter((n) => n.includes("alarm steward-"))).toEqual([
      "fraud-detection-prod: alarm steward-fraud-detection-prod-manual (Invocations, EndpointName=fraud-detection-prod) is not one apply made for fraud-detection (no steward:model=fraud-detection tag or another description); left as it is",
    ]);
    const outcomes = await r.apply(plan, ctx);
    expect(outcomes.filter((o) => o.status !== "done")).toEqual([]);

    const puts = calls(PutMetricAlarmCommand).map((c) => c.args[0].input as PutMetricAlarmCommandInput);
    expect(puts.map((i) => [i.AlarmName, i.Dimensions, i.ExtendedStatistic, i.Threshold, i.ComparisonOperator])).toEqual([
      ["steward-fraud-detection-prod-latency-7-max", [{ Name: "EndpointName", Value: "fraud-detection-prod" }, { Name: "VariantName", Value: "v-7" }], "p99", 250000, "GreaterThanThreshold"],
      ["steward-fraud-detection-prod-latency-8-max", [{ Name: "EndpointName", Value: "fraud-detection-prod" }, { Name: "VariantName", Value: "v-8" }], "p99", 250000, "GreaterThanThreshold"],
    ]);
    expect(calls(DescribeAlarmsCommand).map((c) => c.args[0].input)).toEqual([{ AlarmNamePrefix: "steward-fraud-detection-prod-", AlarmTypes: ["MetricAlarm"] }]);
    expect(calls(ListTagsForResourceCommand).map((c) => c.args[0].input)).toEqual([{ ResourceARN: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:steward-fraud-detection-prod-latency-max" }]);
    expect(calls(DeleteAlarmsCommand).map((c) => c.args[0].input)).toEqual([{ AlarmNames: ["steward-fraud-detection-prod-latency-max"] }]);
    expect([...aws.alarms.keys()].sort()).toEqual([
      "steward-fraud-detection-prod-accuracy-min", "steward-fraud-detection-prod-eu-latency-max", "steward-fraud-detection-prod-latency-7-max",
      "steward-fraud-detection-prod-latency-8-max", "steward-fraud-detection-prod-manual",
    ]);

    // converged: a second plan has no step, and a second apply makes no write
    aws.cw.resetHistory();
    const again = await r.plan(split, ctx);
    expect(again.steps).toEqual([]);
    await r.apply(again, ctx);
    expect(calls(PutMetricAlarmCommand)).toHaveLength(0);
    expect(calls(DeleteAlarmsCommand)).toHaveLength(0);
  });

  it("an alarm deleted meanwhile still counts as deleted (DeleteAlarms is all-or-nothing)", async () => {
    const store = cloudWatchAlarms(new CloudWatchClient({ region: "us-east-1" }));
    aws.alarms.set("steward-a-x-max", { AlarmName: "steward-a-x-max" });
    await store.deleteAlarms(["steward-a-gone-max", "steward-a-x-max"]);
    expect(calls(DeleteAlarmsCommand).map((c) => c.args[0].input.AlarmNames)).toEqual([["steward-a-gone-max", "steward-a-x-max"], ["steward-a-x-max"]]);
    expect(aws.alarms.size).toBe(0);
    await store.deleteAlarms(["steward-a-x-max"]);
    expect(calls(DeleteAlarmsCommand)).toHaveLength(3);
  });

  it("the sample repository: every model with a deployment is planned from its YAML, .dvc pointers and policy, and converges", async () => {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const { state, findings } = await loadRepo({ files: fsRepoFiles(root) });
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    const dvc = parseDvcConfig(readFileSync(`${root}.dvc/config`, "utf8"));
    const r = sagemakerReconciler({ ...reconcilerDeps(), dvcRemotes: async () => dvc });
    const plan = await r.plan(state, ctx);
    const fraud = plan.steps.filter((s) => s.resource.includes("fraud-detection"));
    const model = fraud.find((s) => s.action === "create-model")!.params.model as { modelDataUrl: string; version: string };
    const pointer = state.pointers.get("models/fraud-detection/artifacts/model-v7.tar.gz.dvc")!.outs[0]!.md5;
    expect(model).toMatchObject({ version: "7", modelDataUrl: `s3://acme-ml-artifacts/dvc/files/md5/${pointer.slice(0, 2)}/${pointer.slice(2)}` });
    const alarms = fraud.filter((s) => s.action === "put-metric-alarm").map((s) => s.params.alarm as { name: string; extendedStatistic?: string });
    expect(alarms.map((a) => a.name)).toEqual(["steward-fraud-detection-prod-accuracy-min", "steward-fraud-detection-prod-latency-max", "steward-fraud-detection-prod-errors-max"]);
    expect(alarms[1]!.extendedStatistic).toBe("p99");
    const outcomes = await r.apply(plan, ctx);
    expect(outcomes.filter((o) => o.status !== "done")).toEqual([]);
    expect((await r.plan(state, ctx)).steps).toEqual([]);
  });
});
