import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
var i="model-steward/model-steward",s="https://model-steward.dev/schemas";function w(e){return`v${e.split(".")[0]}`}var m=/^[a-z0-9][a-z0-9-]{0,62}$/;function y(e){return m.test(e)?void 0:`"${e}" is not a model name: use lower-case letters, digits and dashes (e.g. churn-prediction), at most 63 characters`}function u(e){return`# yaml-language-server: $schema=${s}/model.schema.json
apiVersion: steward/v1
kind: Model
name: ${e}
description: What ${e} predicts, and for whom. # one or two sentences, shown on the model card
owners: ["@your-org/your-team"] # GitHub users or teams; assigned to the model's issues
task: binary-classification
policy: default
# Which version serves in each stage. Add a version with
#   steward register --model ${e} --run-id <MLflow run id>
# then point a stage at it, with the version in quotes:
#   staging: "1"
stages: {}
# registry:
#   mlflow: { name: ${e} }
monitoring:
  window: 14d
  period: 10m
  metrics:
    accuracy: { namespace: YourOrg/ModelQuality, metric: Accuracy, dimensions: { Model: ${e} }, stat: Average }
`}var h=`# yaml-language-server: $schema=${s}/policy.schema.json
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
`;function r(e,t,a,l,d,n,c=""){return{path:`.github/workflows/${e}.yml`,text:`# ${t}
# Calls model-steward's reusable workflow, pinned to ${n}; see https://github.com/${i}#adopt-it-in-your-repository
name: ${e}
on:
${a}
permissions:
${l}
jobs:
  steward:
    uses: ${i}/.github/workflows/${d}.yml@${n}
    secrets:
      MLFLOW_TRACKING_TOKEN: \${{ secrets.MLFLOW_TRACKING_TOKEN }}${c}
`}}var p=`{
  "yaml.schemas": {
    "${s}/model.schema.json": "models/*/model.yaml",
    "${s}/model-version.schema.json": "models/*/versions/*.yaml",
    "${s}/policy.schema.json": "policies/*.yaml"
  }
}
`,o=e=>e.branch??"main",g=e=>/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(e)?e:JSON.stringify(e);function f(e){let t=[{path:`models/${e.model}/model.yaml`,text:u(e.model)}];return e.layout&&t.push({path:"policies/default.yaml",text:h},r("steward-pr","Pull requests that touch models/ or policies/: validate, model cards, plan, one sticky comment.",`  pull_request:
    paths: ["models/**", "policies/**", "**/*.dvc", ".dvc/config"]`,`  contents: read
  pull-requests: write
  id-token: write`,"steward-pr",e.ref),r("steward-apply",`A merge to ${o(e)}: apply the merged state to MLflow and SageMaker, one run at a time.`,`  push:
    branches: [${g(o(e))}]
    paths: ["models/**", "policies/**", ".dvc/config"]
  workflow_dispatch:`,`  contents: write
  pull-requests: write
  issues: write
  deployments: write
  id-token: write`,"steward-apply",e.ref),r("steward-monitor","Every 30 minutes: read the metrics, run the policies' checks, open issues and rollback PRs.",`  schedule:
    - cron: "*/30 * * * *"
  workflow_dispatch:`,`  contents: write
  pull-requests: write
  issues: write
  id-token: write`,"steward-monitor",e.ref),{path:".vscode/settings.json",text:p}),t}function $(e){return[`Describe ${e}: edit models/${e}/model.yaml (description, owners, task, monitoring) then run \`npx model-steward validate\` and \`npx model-steward card\` (the pull request workflow checks that the model card is fresh).`,`Add its first version from an MLflow run: \`npx model-steward register --model ${e} --run-id <run id>\` (MLFLOW_TRACKING_URI set), then set \`stages: { staging: "1" }\`.`,"Set the repository variables the workflows read (AWS_REGION, STEWARD_PLAN_ROLE_ARN, STEWARD_APPLY_ROLE_ARN, STEWARD_MONITOR_ROLE_ARN, MLFLOW_TRACKING_URI) and the MLFLOW_TRACKING_TOKEN secret, then commit and open a pull request."]}export{s as a,w as b,y as c,f as d,$ as e};
