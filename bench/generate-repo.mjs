// Writes a synthetic governed repository: MODELS models x VERSIONS versions (default 1000 x 20),
// two policies, realistic version files with inline DVC pointers. Deterministic.
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";

export function generateRepo(dir, { models = 1000, versions = 20 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "policies"), { recursive: true });
  const md5 = (s) => createHash("md5").update(s).digest("hex");
  writeFileSync(join(dir, "policies/default.yaml"), `apiVersion: steward/v1
kind: Policy
name: default
promotion:
  order: [staging, production]
  gates:
    production: { minTimeInPreviousStage: 24h, metrics: { auc: { min: 0.7 } } }
monitoring:
  checks:
    - { metric: accuracy, detectors: [zscore, trend], threshold: { min: 0.8 }, sustained: 3, severity: critical }
remediation:
  rules:
    - { when: { severity: critical }, do: [rollback-pr, issue, event] }
  cooldown: 24h
`);
  let files = 1;
  for (let m = 0; m < models; m++) {
    const name = `model-${String(m).padStart(4, "0")}`;
    mkdirSync(join(dir, "models", name, "versions"), { recursive: true });
    writeFileSync(join(dir, "models", name, "model.yaml"), `apiVersion: steward/v1
kind: Model
name: ${name}
description: Synthetic model number ${m} for the validation benchmark.
owners: ["@acme/ml-platform"]
task: binary-classification
policy: default
card:
  intendedUse: Benchmarking.
registry:
  mlflow: { name: ${name} }
stages:
  production: "${versions - 1}"
  staging: "${versions}"
deployment:
  sagemaker:
    endpoint: ${name}-prod
    executionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
    instanceType: ml.m5.xlarge
    instanceCount: 2
    autoscaling: { min: 2, max: 8, targetInvocationsPerInstance: 1000 }
    rollout: { strategy: canary, canaryPercent: 10, waitMinutes: 10, bakeMinutes: 30 }
monitoring:
  window: 14d
  period: 10m
  metrics:
    accuracy: { namespace: Acme/ModelQuality, metric: Accuracy, dimensions: { Model: ${name} }, stat: Average }
    latency: { namespace: AWS/SageMaker, metric: ModelLatency, dimensions: { EndpointName: ${name}-prod, VariantName: AllTraffic }, stat: p99 }
`);
    files++;
    for (let v = 1; v <= versions; v++) {
      writeFileSync(join(dir, "models", name, "versions", `${v}.yaml`), `# yaml-language-server: $schema=../../../schemas/model-version.schema.json
apiVersion: steward/v1
kind: ModelVersion
model: ${name}
version: "${v}"
createdAt: "2026-0${1 + (v % 9)}-1${v % 10}T10:00:00Z"
mlflow: { runId: ${md5(`${name}-${v}-run`)}, modelVersion: "${v}" }
artifact: { md5: ${md5(`${name}-${v}`)}, size: ${1_000_000 + v * 7919}, path: model-v${v}.tar.gz }
image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1
framework: { name: xgboost, version: "1.7" }
metrics: { auc: 0.${800 + v}, precision: 0.${700 + v}, recall: 0.${600 + v} }
data:
  train: { md5: ${md5(`${name}-${v}-train`)}.dir, size: ${50_000_000 + v}, nfiles: 12, path: data/${name}/train }
  eval: { md5: ${md5(`${name}-${v}-eval`)}, size: ${9_000_000 + v}, path: data/${name}/eval.parquet }
lineage: { ${v > 1 ? `parent: "${v - 1}", ` : ""}commit: "${md5(String(v)).slice(0, 7)}" }
notes: Version ${v} of ${name}, retrained on the latest month of data with the same features.
`);
      files++;
    }
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "/tmp/steward-bench-repo";
  console.log(`${generateRepo(dir)} files written to ${dir}`);
}
