import type { ModelSpec, ModelVersionSpec, PolicySpec, RepoState } from "../../src/core/types.js";

/** A valid, normalized model spec; override what the test is about. */
export function aModelSpec(over: Partial<ModelSpec> = {}): ModelSpec {
  const name = over.name ?? "fraud-detection";
  return {
    file: `models/${name}/model.yaml`,
    dir: `models/${name}`,
    name,
    description: "Scores card transactions.",
    owners: ["@acme/risk-ml"],
    task: "binary-classification",
    policy: "strict",
    card: {},
    registry: { mlflow: { name, aliases: {}, manageAliases: true, legacyStages: false } },
    stages: { production: { variants: [{ version: "7", weight: 100 }] }, staging: { variants: [{ version: "8", weight: 100 }] } },
    deployment: {
      sagemaker: {
        endpoint: `${name}-prod`,
        stage: "production",
        executionRoleArn: "arn:aws:iam::123456789012:role/sagemaker-exec",
        instanceType: "ml.m5.xlarge",
        instanceCount: 2,
        environment: {},
        rollout: { strategy: "canary", canaryPercent: 10, waitMinutes: 10, bakeMinutes: 30 },
        rollbackAlarms: [],
        retain: 3,
      },
    },
    monitoring: {
      window: 14 * 86400,
      period: 600,
      metrics: { accuracy: { namespace: "Acme/ModelQuality", metric: "Accuracy", dimensions: { Model: name }, stat: "Average" } },
    },
    tags: {},
    ...over,
  };
}

export function aVersionSpec(over: Partial<ModelVersionSpec> = {}): ModelVersionSpec {
  const model = over.model ?? "fraud-detection";
  const version = over.version ?? "8";
  return {
    file: `models/${model}/versions/${version}.yaml`,
    model,
    version,
    archived: false,
    mlflow: { runId: "3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d" },
    artifact: { kind: "inline", md5: "0123456789abcdef0123456789abcdef", size: 1000, path: `model-v${version}.tar.gz` },
    image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
    framework: { name: "xgboost", version: "1.7" },
    metrics: { auc: 0.947, recall: 0.83 },
    data: {},
    lineage: {},
    environment: {},
    tags: {},
    ...over,
  };
}

export function aPolicySpec(over: Partial<PolicySpec> = {}): PolicySpec {
  const name = over.name ?? "strict";
  return {
    file: `policies/${name}.yaml`,
    name,
    promotion: { order: ["staging", "production"], allowSkip: false, gates: { production: { minTimeInPreviousStage: 72 * 3600, approvals: 2, metrics: { auc: { min: 0.93 } } } } },
    monitoring: { checks: [], recovery: 7200 },
    remediation: { rules: [], cooldown: 86400 },
    ...over,
  };
}

export function aRepoState(over: Partial<RepoState> = {}): RepoState {
  return {
    models: [aModelSpec()],
    versions: [aVersionSpec({ version: "7" }), aVersionSpec({ version: "8" })],
    policies: [aPolicySpec()],
    pointers: new Map(),
    ...over,
  };
}
