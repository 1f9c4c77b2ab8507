import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkWorkflow } from "../support/workflow-policy.js";

const ROOT = new URL("../../", import.meta.url).pathname;
// Every workflow file, wherever adopters find one: the repository's own and any reusable ones.
const DIRS = [".github/workflows", "workflows", "templates/workflows"].map((d) => join(ROOT, d)).filter((d) => existsSync(d));
const files = DIRS.flatMap((d) => readdirSync(d, { recursive: true }).map(String).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(d, f)));

describe("workflows: least privilege", () => {
  it("finds the workflows", () => {
    expect(files.map((f) => f.slice(ROOT.length))).toEqual(expect.arrayContaining([".github/workflows/pr.yml", ".github/workflows/apply.yml", ".github/workflows/monitor.yml", ".github/workflows/pages.yml"]));
  });

  it.each(files.map((f) => [f.slice(ROOT.length), f]))("%s follows every rule", (_name, file) => {
    expect(checkWorkflow(file.slice(ROOT.length), readFileSync(file, "utf8"))).toEqual([]);
  });

  it("the checker catches each rule being broken", () => {
    const bad = `
on:
  pull_request:
  workflow_dispatch:
  workflow_run:
    workflows: [monitor]
permissions: write-all
jobs:
  deploy:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions: { pages: write, id-token: write }
    if: github.ref == format('refs/heads/{0}', github.event.repository.default_branch)
    steps:
      - uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5
  j:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: some/action@1234567890123456789012345678901234567890
      - uses: ./actions/plan
        env:
          MLFLOW_TRACKING_TOKEN: \${{ secrets.MLFLOW_TRACKING_TOKEN }}
      - run: npm ci && gh run download 1
        env: { T: "\${{ secrets.X }}" }
`;
    const found = checkWorkflow("bad.yml", bad).join("\n");
    for (const rule of [
      /actions\/checkout@v4 is not pinned/,
      /some\/action@1234567890123456789012345678901234567890 has no "# vX.Y.Z" comment/,
      /default permissions must be read-only/,
      /j: no job-level permissions/,
      /j: no timeout-minutes/,
      /does not refuse refs other than the default branch/,
      /without --branch/,
      /workflow_run must name the branches/,
      /persist-credentials: false/,
      /runs \.\/actions\/plan from the pull request's checkout/,
      /the apply credential \(MLFLOW_TRACKING_TOKEN\)/,
      /a run step with secrets/,
      /runs code from the pull request/,
    ]) {
      expect(found).toMatch(rule);
    }
  });
});
