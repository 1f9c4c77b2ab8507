/**
 * Worked examples printed after each command's own help (`steward <command> --help`,
 * `steward help <command>`). Kept apart from the commands so that every help page ends the same way.
 */
export const EXAMPLES: Record<string, string[]> = {
  init: [
    "steward init --yes                      # a starter layout in this repository, no questions",
    "steward init --model churn-prediction   # add one more model to an existing layout",
  ],
  import: [
    "steward import                          # every registered model and endpoint, then check that plan has no changes",
    "steward import --mlflow --model churn   # one registered model, MLflow only",
  ],
  validate: [
    "steward validate                        # everything under models/ and policies/",
    "steward validate --base origin/main --changed-only --format github   # in a pull request",
    "steward validate --check-remote         # also look for each DVC object in the remote",
  ],
  card: ["steward card                            # write models/*/MODEL_CARD.md", "steward card --check                    # exit 1 where a committed card is stale"],
  register: ["steward register --model fraud-detection --run-id 3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d --open-pr"],
  promote: ["steward promote fraud-detection 8 production --canary 10 --open-pr"],
  plan: ["steward plan                            # against live MLflow and SageMaker", "steward plan --offline --target mlflow    # against empty live state: what a first apply creates"],
  apply: ["steward apply --dry-run                 # print the steps, change nothing", "steward apply --target mlflow"],
  monitor: ["steward monitor --source cloudwatch --shard 1/4", "steward monitor --source metrics/ --dry-run --out report/"],
  detect: ["steward detect --input series.csv --output scores.csv", "cat series.csv | steward detect --input - --output - --policy strict"],
  baseline: ["steward baseline --model fraud-detection --dry-run        # the last 14 days as the healthy period", "steward baseline --model fraud-detection --since 2026-11-01 --until 2026-11-15   # a pull request"],
  drift: ["steward drift --baseline train.csv --current last-week.csv --format json"],
  dashboard: ["steward dashboard --out site/ --source cloudwatch", "steward dashboard --out site/ --reports monitor-reports/"],
  codeowners: ["steward codeowners --check                 # in CI: exit 1 with a diff when CODEOWNERS is out of date", "steward codeowners --write                 # update only the generated section"],
  chatops: ["GITHUB_EVENT_PATH=event.json steward chatops --root . --pr-root pr   # in .github/workflows/chatops.yml"],
  audit: ["steward audit --model fraud-detection --since 2026-01-01   # who changed which stage, approved by whom, applied when", "steward audit --format csv > stage-changes.csv"],
};

/** The examples section for a command's help, or "" when it has none. */
export function examplesFor(command: string): string {
  const lines = EXAMPLES[command];
  return lines?.length ? `\nExamples:\n${lines.map((l) => `  ${l}`).join("\n")}\n` : "";
}
