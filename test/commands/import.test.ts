/**
 * `steward import` against the fake MLflow (the recorded 2.12 wire format) and SageMaker through
 * aws-sdk-client-mock: the live state is what `steward apply` made from a source repository (MLflow:
 * applied for real; SageMaker: the resources apply names and creates), plus things made outside
 * steward. Import into an empty folder, then the written files validate, the cards are fresh and
 * `steward plan` against the same live state has nothing to do.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import {
  DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, ListEndpointConfigsCommand, ListEndpointsCommand,
  ListModelsCommand, ListTagsCommand, SageMakerClient, SageMakerServiceException,
} from "@aws-sdk/client-sagemaker";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { autoscalingVariants } from "../../src/adapters/aws/autoscaling-variants.js";
import { cloudWatchAlarms } from "../../src/adapters/aws/cloudwatch-alarms.js";
import { sageMakerEndpoints } from "../../src/adapters/aws/sagemaker-endpoints.js";
import { sageMakerInventory } from "../../src/adapters/aws/sagemaker-inventory.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { mlflowClient } from "../../src/adapters/mlflow/mlflow-client.js";
import { mlflowModelRegistry } from "../../src/adapters/mlflow/mlflow-model-registry.js";
import { mlflowRegistryCatalog } from "../../src/adapters/mlflow/mlflow-registry-catalog.js";
import { mlflowTransport } from "../../src/adapters/mlflow/mlflow-transport.js";
import { runImport, type ImportDeps } from "../../src/commands/import.js";
import { loadRepo } from "../../src/commands/load-repo.js";
import { runApply } from "../../src/commands/apply.js";
import { runPlan } from "../../src/commands/plan.js";
import { readDvcRemotes } from "../../src/commands/read-dvc-remotes.js";
import { mlflowReconciler } from "../../src/commands/reconcile-mlflow.js";
import { sagemakerReconciler } from "../../src/commands/reconcile-sagemaker.js";
import { renderCards } from "../../src/commands/render-cards.js";
import { validateRepo } from "../../src/commands/validate.js";
import { starterFiles } from "../../src/core/init/starter-layout.js";
import { planJson, renderPlanText } from "../../src/core/plan/render-plan.js";
import { desiredSageMakerEndpoint } from "../../src/core/plan/sagemaker-desired.js";
import type { DesiredEndpoint } from "../../src/core/plan/sagemaker-types.js";
import type { SageMakerAws } from "../../src/ports.js";
import { fakeMlflowServer, type FakeMlflowServer } from "../support/fake-mlflow-server.js";

const RUN_7 = "7a".repeat(16);
const RUN_8 = "8b".repeat(16);
const RUN_C = "c1".repeat(16);
const RUN_OLD = "0d".repeat(16);
const MD5_7 = "a7".repeat(16);
const MD5_8 = "b8".repeat(16);
const NOW = new Date("2026-12-01T00:00:00Z");
const ROLE = "arn:aws:iam::123456789012:role/sagemaker-exec";
const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const DVC_CONFIG = `[core]\n    remote = storage\n['remote "storage"']\n    url = s3://acme-models/dvc\n`;
const POLICY = starterFiles({ model: "x", ref: "v1", layout: true }).find((f) => f.path === "policies/default.yaml")!.text;

/** The repository the live state was applied from (import never sees it). */
const SOURCE: Record<string, string> = {
  ".dvc/config": DVC_CONFIG,
  "policies/default.yaml": POLICY,
  "models/fraud-detection/model.yaml": `apiVersion: steward/v1
kind: Model
name: fraud-detection
description: Scores card transactions for fraud in real time.
owners: ["@acme/risk-ml", "mchen"]
task: binary-classification
policy: default
tags: { team: risk }
registry:
  mlflow: { name: fraud-detection }
stages:
  production:
    split:
      - { version: "7", weight: 80 }
      - { version: "8", weight: 20 }
  staging: "8"
deployment:
  sagemaker:
    endpoint: fraud-detection-prod
    executionRoleArn: ${ROLE}
    instanceType: ml.m5.xlarge
    instanceCount: 2
    autoscaling: { min: 2, max: 6, targetInvocationsPerInstance: 400 }
    environment: { LOG_LEVEL: info }
    rollout: { strategy: canary, canaryPercent: 10, waitMinutes: 10, bakeMinutes: 30 }
    rollbackAlarms: [fraud-5xx]
`,
  "models/fraud-detection/versions/7.yaml": `apiVersion: steward/v1
kind: ModelVersion
model: fraud-detection
version: "7"
mlflow: { runId: ${RUN_7} }
artifact: { md5: ${MD5_7}, path: model.tar.gz }
image: ${IMAGE}
notes: The first model with merchant features.
`,
  "models/fraud-detection/versions/8.yaml": `apiVersion: steward/v1
kind: ModelVersion
model: fraud-detection
version: "8"
mlflow: { runId: ${RUN_8} }
artifact: { md5: ${MD5_8}, path: model.tar.gz }
image: ${IMAGE}
environment: { FEATURE_SET: v2 }
tags: { dataset: 2026-10 }
`,
  "models/churn-model/model.yaml": `apiVersion: steward/v1
kind: Model
name: churn-model
description: Predicts which subscribers cancel within 30 days.
owners: ["@acme/growth-ml"]
task: binary-classification
policy: default
registry:
  mlflow: { name: Churn.Model, aliases: { production: Champion }, legacyStages: true }
stages:
  production: "1.1.0"
`,
  "models/churn-model/versions/1.0.0.yaml": `apiVersion: steward/v1
kind: ModelVersion
model: churn-model
version: "1.0.0"
archived: true
mlflow: { runId: ${RUN_OLD} }
`,
  "models/churn-model/versions/1.1.0.yaml": `apiVersion: steward/v1
kind: ModelVersion
model: churn-model
version: "1.1.0"
mlflow: { runId: ${RUN_C} }
lineage: { commit: 4e5f6a7 }
`,
  "models/churn-model/versions/1.2.0.yaml": `apiVersion: steward/v1
kind: ModelVersion
model: churn-model
version: "1.2.0"
mlflow: { runId: ${RUN_C}, artifactPath: model-int8 }
`,
};

const dirs: string[] = [];
function tempDir(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "steward-import-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function registryOf(server: FakeMlflowServer) {
  const client = mlflowClient(mlflowTransport({ trackingUri: server.url }, { sleep: async () => {}, maxRetries: 1 }));
  return { client, registry: mlflowModelRegistry(client, { location: server.url, pageSize: 2 }), catalog: mlflowRegistryCatalog(client, { pageSize: 1 }) };
}

/** MLflow as `steward apply` leaves it for SOURCE, then touched outside steward. */
async function appliedMlflow(server: FakeMlflowServer): Promise<void> {
  server.seedRuns([RUN_7, RUN_8, RUN_C, RUN_OLD], { artifacts: ["model/MLmodel", "model-int8/MLmodel"] });
  const { state } = await loadRepo({ files: fsRepoFiles(tempDir(SOURCE)) });
  const { registry, client } = registryOf(server);
  const r = mlflowReconciler({ registry });
  const ctx = { logger: silentLogger, now: NOW, commit: "0123abc", repoUrl: "https://github.com/acme/models" };
  // 1.0.0 existed before and was archived: registered once by hand, then adopted by its run.
  server.seed("Churn.Model", [{ runId: RUN_OLD, source: `runs:/${RUN_OLD}/model` }]);
  const outcomes = await r.apply(await r.plan(state, ctx), ctx);
  expect(outcomes.every((o) => o.status === "done")).toBe(true);
  expect((await r.plan(state, ctx)).steps).toEqual([]);
  // Outside steward: a second registration of run 7 (several versions of one run), an alias of its own.
  const extra = await client.createModelVersion({ name: "fraud-detection", source: `runs:/${RUN_7}/model`, runId: RUN_7 });
  await client.setAlias({ name: "fraud-detection", alias: "shadow", version: extra.version });
}

/** SageMaker as apply leaves it for `desired`, plus one endpoint made by hand, behind aws-sdk-client-mock. */
function mockSageMaker(desired: DesiredEndpoint[]) {
  const sm = mockClient(SageMakerClient);
  const aas = mockClient(ApplicationAutoScalingClient);
  const cw = mockClient(CloudWatchClient);
  const notFound = (what: string) => new SageMakerServiceException({ name: "ValidationException", $fault: "client", $metadata: { httpStatusCode: 400 }, message: `Could not find ${what}.` });
  const arn = (kind: string, name: string) => `arn:aws:sagemaker:us-east-1:123456789012:${kind}/${name.toLowerCase()}`;
  const handMade = { EndpointName: "legacy-scorer", EndpointArn: arn("endpoint", "legacy-scorer"), EndpointStatus: "InService" as const, EndpointConfigName: "legacy-scorer-config", ProductionVariants: [{ VariantName: "primary", CurrentWeight: 1, CurrentInstanceCount: 1 }] };
  // Two pages, as ListEndpoints pages.
  sm.on(ListEndpointsCommand).callsFake((input: { NextToken?: string }) =>
    input.NextToken ? { Endpoints: [{ EndpointName: "legacy-scorer" }] } : { Endpoints: desired.map((d) => ({ EndpointName: d.endpoint })), NextToken: "page-2" },
  );
  sm.on(DescribeEndpointCommand).callsFake((input: { EndpointName: string }) => {
    if (input.EndpointName === "legacy-scorer") return handMade;
    const d = desired.find((x) => x.endpoint === input.EndpointName);
    if (!d) throw notFound(`endpoint "${input.EndpointName}"`);
    return {
      EndpointName: d.endpoint, EndpointArn: arn("endpoint", d.endpoint), EndpointStatus: "InService", EndpointConfigName: d.config.name, LastDeploymentConfig: d.deployment,
      ProductionVariants: d.config.variants.map((v) => ({ VariantName: v.variantName, CurrentWeight: v.weight, DesiredWeight: v.weight, CurrentInstanceCount: 3, DesiredInstanceCount: 3 })),
    };
  });
  sm.on(DescribeEndpointConfigCommand).callsFake((input: { EndpointConfigName: string }) => {
    const d = desired.find((x) => x.config.name === input.EndpointConfigName);
    if (!d) throw notFound(`endpoint configuration "${input.EndpointConfigName}"`);
    return {
      EndpointConfigName: d.config.name,
      ProductionVariants: d.config.variants.map((v) => ({ VariantName: v.variantName, ModelName: v.modelName, InstanceType: v.instanceType, InitialInstanceCount: v.instanceCount, InitialVariantWeight: v.weight })),
    };
  });
  sm.on(DescribeModelCommand).callsFake((input: { ModelName: string }) => {
    const m = desired.flatMap((d) => d.models).find((x) => x.name === input.ModelName);
    if (!m) throw notFound(`model "${input.ModelName}"`);
    return { ModelName: m.name, ModelArn: arn("model", m.name), ExecutionRoleArn: m.executionRoleArn, PrimaryContainer: { Image: m.image, ModelDataUrl: m.modelDataUrl, Environment: m.environment } };
  });
  sm.on(ListTagsCommand).callsFake((input: { ResourceArn: string }) => {
    for (const d of desired) {
      if (input.ResourceArn === arn("endpoint", d.endpoint)) return { Tags: Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value })) };
      const m = d.models.find((x) => input.ResourceArn === arn("model", x.name));
      if (m) return { Tags: Object.entries({ ...d.tags, "steward:version": m.version }).map(([Key, Value]) => ({ Key, Value })) };
    }
    return { Tags: [{ Key: "team", Value: "legacy" }] };
  });
  sm.on(ListEndpointConfigsCommand).callsFake((input: { NameContains: string }) => ({ EndpointConfigs: desired.filter((d) => d.config.name.includes(input.NameContains)).map((d) => ({ EndpointConfigName: d.config.name, CreationTime: NOW })) }));
  sm.on(ListModelsCommand).callsFake((input: { NameContains: string }) => ({ Models: desired.flatMap((d) => d.models).filter((m) => m.name.includes(input.NameContains)).map((m) => ({ ModelName: m.name, CreationTime: NOW })) }));
  aas.on(DescribeScalableTargetsCommand).callsFake((input: { ResourceIds: string[] }) => ({
    ScalableTargets: desired.flatMap((d) => d.scaling).filter((s) => input.ResourceIds.includes(s.resourceId)).map((s) => ({ ServiceNamespace: "sagemaker", ResourceId: s.resourceId, ScalableDimension: "sagemaker:variant:DesiredInstanceCount", MinCapacity: s.min, MaxCapacity: s.max })),
  }));
  aas.on(DescribeScalingPoliciesCommand).callsFake((input: { ResourceId: string }) => ({
    ScalingPolicies: desired.flatMap((d) => d.scaling).filter((s) => s.resourceId === input.ResourceId).map((s) => ({
      PolicyName: s.policyName, ResourceId: s.resourceId, PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: { TargetValue: s.targetInvocationsPerInstance, PredefinedMetricSpecification: { PredefinedMetricType: "SageMakerVariantInvocationsPerInstance" } },
    })),
  }));
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
  return { sm, aas, cw, restore: () => { sm.restore(); aas.restore(); cw.restore(); } };
}

function liveAws(): { aws: SageMakerAws; inventory: ReturnType<typeof sageMakerInventory> } {
  const client = new SageMakerClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } });
  return {
    aws: { sagemaker: sageMakerEndpoints(client), scaling: autoscalingVariants(new ApplicationAutoScalingClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } })), alarms: cloudWatchAlarms(new CloudWatchClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } })) },
    inventory: sageMakerInventory(client),
  };
}

async function desiredEndpoints(): Promise<DesiredEndpoint[]> {
  const files = fsRepoFiles(tempDir(SOURCE));
  const { state } = await loadRepo({ files });
  const remotes = await readDvcRemotes(files);
  return state.models.flatMap((m) => {
    const r = desiredSageMakerEndpoint(m, state, remotes);
    return r?.ok ? [r.desired] : [];
  });
}

describe("steward import", () => {
  let mocks: ReturnType<typeof mockSageMaker> | undefined;
  beforeEach(() => {
    mocks = undefined;
  });
  afterEach(() => mocks?.restore());

  it("maps what apply made back to files that validate, with fresh cards, and plan finds nothing to do", async () => {
    await using server = await fakeMlflowServer();
    await appliedMlflow(server);
    mocks = mockSageMaker(await desiredEndpoints());
    const root = tempDir({ ".dvc/config": DVC_CONFIG });
    const files = fsRepoFiles(root);
    const { registry, catalog } = registryOf(server);
    const deps: ImportDeps = { files, git: gitCliHistory(root), mlflow: { registry, catalog }, sagemaker: liveAws(), logger: silentLogger };
    const report = await runImport(deps, { sources: ["mlflow", "sagemaker"], force: false, now: NOW });

    expect(report.models).toEqual(["churn-model", "fraud-detection"]);
    expect(report.findings).toEqual([]);
    expect(report.placeholders).toEqual([]);
    expect(report.planProblems).toEqual([]);
    expect(report.remaining.map((s) => s.summary)).toEqual([]);
    // Listed, never guessed: the endpoint made by hand. Its made-outside MLflow version and alias are notes (plan leaves them).
    expect(report.unmapped).toEqual([{ resource: "endpoint/legacy-scorer", reason: expect.stringContaining("not made by model-steward") }]);
    expect(report.notes.join("\n")).toMatch(/models:\/fraud-detection\/3: registered outside steward/);
    expect(report.notes.join("\n")).toMatch(/models:\/fraud-detection@shadow: set outside steward/);
    expect(report.incomplete).toBe(true);
    expect(report.written).toEqual(expect.arrayContaining(["models/fraud-detection/model.yaml", "models/fraud-detection/versions/7.yaml", "models/churn-model/versions/1.0.0.yaml", "policies/default.yaml", "models/fraud-detection/MODEL_CARD.md"]));

    const fraud = readFileSync(join(root, "models/fraud-detection/model.yaml"), "utf8");
    expect(fraud).toContain('- { version: "7", weight: 80 }');
    expect(fraud).toContain("autoscaling: { min: 2, max: 6, targetInvocationsPerInstance: 400 }");
    expect(fraud).toContain("rollout: { strategy: canary, canaryPercent: 10, waitMinutes: 10, bakeMinutes: 30 }");
    expect(fraud).toContain("rollbackAlarms: [ fraud-5xx ]");
    const churn = readFileSync(join(root, "models/churn-model/model.yaml"), "utf8");
    expect(churn).toContain("mlflow: { name: Churn.Model, aliases: { production: Champion }, legacyStages: true }");
    expect(readFileSync(join(root, "models/churn-model/versions/1.2.0.yaml"), "utf8")).toContain("artifactPath: model-int8");

    // The files pass the bot's own checks.
    const validation = await validateRepo({ files, logger: silentLogger }, { now: NOW });
    expect(validation.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect((await renderCards({ files, git: gitCliHistory(root) }, { check: true })).staleCount).toBe(0);

    // And `steward plan` against the same live state: no changes.
    const plan = await runPlan(
      { files, logger: silentLogger, reconcilers: [
        { target: "mlflow", reconciler: mlflowReconciler({ registry, remotes: () => readDvcRemotes(files) }) },
        { target: "sagemaker", reconciler: sagemakerReconciler({ aws: liveAws().aws, dvcRemotes: () => readDvcRemotes(files) }) },
      ] },
      { now: NOW, targets: ["mlflow", "sagemaker"] },
    );
    expect(plan.reports.map((r) => [r.target, r.status, r.steps.map((s) => s.summary)])).toEqual([["mlflow", "planned", []], ["sagemaker", "planned", []]]);
  });

  it("lists what a registry steward never managed lacks, writes valid files with placeholders, and exits with findings", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([RUN_7, RUN_8, RUN_C]);
    // Legacy stages only, two versions of one run, a version registered from a path (no run), an alias no stage is named after.
    server.seed("scorer", [
      { runId: RUN_7, source: `runs:/${RUN_7}/model`, stage: "Archived" },
      { runId: RUN_8, source: `runs:/${RUN_8}/model`, stage: "Production", tags: { team: "risk", "bad key//x": "1" } },
      { runId: RUN_8, source: `runs:/${RUN_8}/model`, stage: "Staging" },
      { source: "s3://models/scorer/4" },
    ], { description: "Scores leads.", tags: { owner: "sales" }, aliases: { champion: 2, challenger: 3 } });
    const root = tempDir();
    const files = fsRepoFiles(root);
    const { registry, catalog } = registryOf(server);
    const report = await runImport({ files, git: gitCliHistory(root), mlflow: { registry, catalog }, logger: silentLogger }, { sources: ["mlflow"], force: false, now: NOW });

    expect(report.incomplete).toBe(true);
    expect(report.models).toEqual(["scorer"]);
    expect(report.findings).toEqual([]);
    expect(report.placeholders.map((p) => p.field)).toEqual(["owners (no valid steward.owners tag)", "task (no steward.task tag)", "policy (no steward.policy tag)"]);
    expect(report.unmapped).toEqual([{ resource: "models:/scorer/4", reason: expect.stringContaining("registered without a run") }]);
    // The legacy stages say which stage each alias serves: champion -> production, challenger -> staging.
    const model = readFileSync(join(root, "models/scorer/model.yaml"), "utf8");
    expect(model).toContain("mlflow: { name: scorer, aliases: { staging: challenger, production: champion }, legacyStages: true }");
    expect(model).toContain('production: "2"');
    expect(model).toMatch(/owners: \[ "@your-org\/your-team" \] # placeholder \(steward import\)/);
    expect(readFileSync(join(root, "models/scorer/versions/1.yaml"), "utf8")).toContain("archived: true");
    // The plan changes nothing; what it would still do is steward's own bookkeeping, listed apart.
    expect(report.remaining).toEqual([]);
    expect([...new Set(report.bookkeeping.map((s) => s.action))].sort()).toEqual(["set-model-version-tags", "set-registered-model-tags"]);
    expect(report.bookkeeping.flatMap((s) => s.changes?.map((c) => c.field) ?? []).every((f) => /^tag steward\./.test(f))).toBe(true);
    const validation = await validateRepo({ files, logger: silentLogger }, { now: NOW });
    expect(validation.findings.filter((f) => f.severity === "error")).toEqual([]);

    // `steward plan` reads "no changes"; the first apply records the tags and touches nothing else;
    // then the plan has no step at all.
    const reconcilers = [{ target: "mlflow" as const, reconciler: mlflowReconciler({ registry, remotes: () => readDvcRemotes(files) }) }];
    const plan = await runPlan({ files, logger: silentLogger, reconcilers }, { now: NOW, targets: ["mlflow"] });
    expect(renderPlanText(plan.reports).split("\n")[0]).toBe(`mlflow: no changes, ${report.bookkeeping.length} bookkeeping steps (steward.* tags)`);
    expect(planJson(plan.reports).totals).toMatchObject({ changes: 0, bookkeeping: report.bookkeeping.length });
    const writesBefore = server.writes().length;
    const applied = await runApply({ files, logger: silentLogger, reconcilers }, { now: NOW, targets: ["mlflow"] });
    expect(applied.reports.map((r) => r.status)).toEqual(["applied"]);
    const writes = server.writes().slice(writesBefore);
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) {
      expect(w.path).toMatch(/\/api\/2\.0\/mlflow\/(registered-models|model-versions)\/set-tag$/);
      expect((JSON.parse(w.body) as { key: string }).key).toMatch(/^steward\./);
    }
    const again = await runPlan({ files, logger: silentLogger, reconcilers }, { now: NOW, targets: ["mlflow"] });
    expect(again.reports.map((r) => [r.status, r.steps])).toEqual([["planned", []]]);
  });

  it("imports a registry that works by legacy stages only (no alias) with aliases: false, and the plan adds no alias", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([RUN_7, RUN_8]);
    server.seed("ranker", [
      { runId: RUN_7, source: `runs:/${RUN_7}/model`, stage: "Archived" },
      { runId: RUN_8, source: `runs:/${RUN_8}/model`, stage: "Production" },
    ], { description: "Ranks leads." });
    const root = tempDir();
    const files = fsRepoFiles(root);
    const { registry, catalog } = registryOf(server);
    const report = await runImport({ files, git: gitCliHistory(root), mlflow: { registry, catalog }, logger: silentLogger }, { sources: ["mlflow"], force: false, now: NOW });
    expect(report.findings).toEqual([]);
    expect(readFileSync(join(root, "models/ranker/model.yaml"), "utf8")).toContain("mlflow: { name: ranker, aliases: false, legacyStages: true }");
    expect(report.notes.some((n) => n.includes("aliases: false"))).toBe(true);
    expect(report.remaining).toEqual([]);
    const reconcilers = [{ target: "mlflow" as const, reconciler: mlflowReconciler({ registry, remotes: () => readDvcRemotes(files) }) }];
    const plan = await runPlan({ files, logger: silentLogger, reconcilers }, { now: NOW, targets: ["mlflow"] });
    expect(plan.reports[0]!.steps.filter((s) => !s.bookkeeping)).toEqual([]);
    expect(plan.reports[0]!.steps.some((s) => s.action === "set-alias")).toBe(false);
  });

  it("never overwrites a model's files without --force", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([RUN_7]);
    server.seed("scorer", [{ runId: RUN_7, source: `runs:/${RUN_7}/model` }], { description: "Scores leads." });
    const root = tempDir({ "models/scorer/versions/1.yaml": "# mine\n" });
    const { registry, catalog } = registryOf(server);
    const deps: ImportDeps = { files: fsRepoFiles(root), git: gitCliHistory(root), mlflow: { registry, catalog }, logger: silentLogger };
    const kept = await runImport(deps, { sources: ["mlflow"], force: false, now: NOW });
    expect(kept.kept).toEqual([{ model: "scorer", files: ["models/scorer/versions/1.yaml"] }]);
    expect(kept.written).toEqual([]);
    expect(readFileSync(join(root, "models/scorer/versions/1.yaml"), "utf8")).toBe("# mine\n");
    const forced = await runImport(deps, { sources: ["mlflow"], force: true, now: NOW });
    expect(forced.written).toContain("models/scorer/versions/1.yaml");
  });
});
