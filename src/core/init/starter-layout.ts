/**
 * The files `steward init` writes into an adopter's repository: a model, a policy, workflows that
 * call the published reusable workflows at a version, and the editor's schema mapping. Pure: the
 * options in, paths and texts out. Every file it produces passes `steward validate`.
 */

/** Where the published actions and reusable workflows live; the one place to change on a fork. */
export const PUBLISHED_REPO = "model-steward/model-steward";
/** Where the schemas are published, by their stable `$id`. */
export const SCHEMA_BASE = "https://model-steward.dev/schemas";

export interface StarterOptions {
  /** The model to add (a name as the schema allows: lower-case letters, digits, dashes). */
  model: string;
  /** The version tag the workflows pin: `v1` for 1.x, `v0` for 0.x. */
  ref: string;
  /** Also the shared files (policy, workflows, editor settings), not only the model. */
  layout: boolean;
  /** The branch merges land on, which the apply workflow runs on; default main. */
  branch?: string;
}

export interface StarterFile {
  path: string;
  text: string;
}

/** `v<major>` of a semver version: the tag the release process moves. */
export function majorTag(version: string): string {
  return `v${version.split(".")[0]}`;
}

const MODEL_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A usage problem with the name, or undefined when it is one the schemas accept. */
export function checkModelName(name: string): string | undefined {
  return MODEL_NAME.test(name) ? undefined : `"${name}" is not a model name: use lower-case letters, digits and dashes (e.g. churn-prediction), at most 63 characters`;
}

function modelYaml(model: string): string {
  return `# yaml-language-server: $schema=${SCHEMA_BASE}/model.schema.json
apiVersion: steward/v1
kind: Model
name: ${model}
description: What ${model} predicts, and for whom. # one or two sentences, shown on the model card
owners: ["@your-org/your-team"] # GitHub users or teams; assigned to the model's issues
task: binary-classification
policy: default
# Which version serves in each stage. Add a version with
#   steward register --model ${model} --run-id <MLflow run id>
# then point a stage at it, with the version in quotes:
#   staging: "1"
stages: {}
# registry:
#   mlflow: { name: ${model} }
monitoring:
  window: 14d
  period: 10m
  metrics:
    accuracy: { namespace: YourOrg/ModelQuality, metric: Accuracy, dimensions: { Model: ${model} }, stat: Average }
`;
}

const POLICY = `# yaml-language-server: $schema=${SCHEMA_BASE}/policy.schema.json
apiVersion: steward/v1
kind: Policy
name: default
description: The starting policy; tighten it per model family.
promotion:
  order: [staging, production]
  gates:
    production:
      minTimeInPreviousStage: 24h
      approvals: 1
monitoring:
  checks:
    - { metric: accuracy, detectors: [zscore, trend], threshold: { min: 0.8 }, sustained: 3, severity: critical }
  recovery: 2h
remediation:
  rules:
    - { when: { severity: critical }, do: [issue] }
  cooldown: 24h
`;

function workflow(name: string, header: string, on: string, permissions: string, flow: string, ref: string, extra = ""): StarterFile {
  return {
    path: `.github/workflows/${name}.yml`,
    text: `# ${header}
# Calls model-steward's reusable workflow, pinned to ${ref}; see https://github.com/${PUBLISHED_REPO}#adopt-it-in-your-repository
name: ${name}
on:
${on}
permissions:
${permissions}
jobs:
  steward:
    uses: ${PUBLISHED_REPO}/.github/workflows/${flow}.yml@${ref}
    secrets:
      MLFLOW_TRACKING_TOKEN: \${{ secrets.MLFLOW_TRACKING_TOKEN }}${extra}
`,
  };
}

const VSCODE = `{
  "yaml.schemas": {
    "${SCHEMA_BASE}/model.schema.json": "models/*/model.yaml",
    "${SCHEMA_BASE}/model-version.schema.json": "models/*/versions/*.yaml",
    "${SCHEMA_BASE}/policy.schema.json": "policies/*.yaml"
  }
}
`;

const branchOf = (opts: StarterOptions) => opts.branch ?? "main";
/** A branch name as a YAML flow item: plain when it is only letters, digits and `._/-`, else quoted. */
const yamlBranch = (b: string) => (/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(b) ? b : JSON.stringify(b));

/** The files of a starter layout (or, without `layout`, of one more model), in writing order. */
export function starterFiles(opts: StarterOptions): StarterFile[] {
  const files: StarterFile[] = [{ path: `models/${opts.model}/model.yaml`, text: modelYaml(opts.model) }];
  if (!opts.layout) return files;
  files.push(
    { path: "policies/default.yaml", text: POLICY },
    workflow("steward-pr", "Pull requests that touch models/ or policies/: validate, model cards, plan, one sticky comment.", '  pull_request:\n    paths: ["models/**", "policies/**", "**/*.dvc", ".dvc/config"]', "  contents: read\n  pull-requests: write\n  id-token: write", "steward-pr", opts.ref),
    workflow("steward-apply", `A merge to ${branchOf(opts)}: apply the merged state to MLflow and SageMaker, one run at a time.`, `  push:\n    branches: [${yamlBranch(branchOf(opts))}]\n    paths: [\"models/**\", \"policies/**\", \".dvc/config\"]\n  workflow_dispatch:`, "  contents: write\n  pull-requests: write\n  issues: write\n  deployments: write\n  id-token: write", "steward-apply", opts.ref),
    workflow("steward-monitor", "Every 30 minutes: read the metrics, run the policies' checks, open issues and rollback PRs.", '  schedule:\n    - cron: "*/30 * * * *"\n  workflow_dispatch:', "  contents: write\n  pull-requests: write\n  issues: write\n  id-token: write", "steward-monitor", opts.ref),
    { path: ".vscode/settings.json", text: VSCODE },
  );
  return files;
}

/** The three things to do after `init`, for a person. */
export function nextSteps(model: string): string[] {
  return [
    `Describe ${model}: edit models/${model}/model.yaml (description, owners, task, monitoring) then run \`npx model-steward validate\` and \`npx model-steward card\` (the pull request workflow checks that the model card is fresh).`,
    `Add its first version from an MLflow run: \`npx model-steward register --model ${model} --run-id <run id>\` (MLFLOW_TRACKING_URI set), then set \`stages: { staging: "1" }\`.`,
    "Set the repository variables the workflows read (AWS_REGION, STEWARD_PLAN_ROLE_ARN, STEWARD_APPLY_ROLE_ARN, STEWARD_MONITOR_ROLE_ARN, MLFLOW_TRACKING_URI) and the MLFLOW_TRACKING_TOKEN secret, then commit and open a pull request.",
  ];
}
