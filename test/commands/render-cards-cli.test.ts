import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import type { CliIO } from "../../src/entrypoints/cli/io.js";
import { sampleHistory } from "../core/card/scratch-repo.js";
import { fakeMlflowServer } from "../support/fake-mlflow-server.js";

function io(env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const value: CliIO = {
    stdout: (s) => void (out.stdout += s),
    stderr: (s) => void (out.stderr += s),
    env,
    cwd: "/",
    readStdin: async () => "",
    now: () => new Date("2030-01-01T00:00:00Z"),
  };
  return { io: value, out };
}

const history = sampleHistory();
const sampleRepo = () => history.repo();

describe("steward card (CLI)", () => {
  it("writes the cards, then --check passes; a stale card exits 1 with a diff", async () => {
    await using repo = sampleRepo();
    const first = io();
    expect(await runCli(["card", "--root", repo.root], first.io)).toBe(0);
    expect(first.out.stdout).toBe(
      ["models/churn-prediction/MODEL_CARD.md: written", "models/demand-forecasting/MODEL_CARD.md: written", "models/fraud-detection/MODEL_CARD.md: written", ""].join("\n"),
    );
    const check = io();
    expect(await runCli(["card", "--root", repo.root, "--check"], check.io)).toBe(0);
    expect(check.out.stdout).toContain("models/fraud-detection/MODEL_CARD.md: fresh");

    const file = join(repo.root, "models/fraud-detection/MODEL_CARD.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("| `8` | staging |", "| `8` | production |"));
    const stale = io();
    expect(await runCli(["card", "--root", repo.root, "--check", "--model", "fraud-detection"], stale.io)).toBe(1);
    expect(stale.out.stdout).toMatch(/^models\/fraud-detection\/MODEL_CARD\.md: stale\n--- a\/models\/fraud-detection\/MODEL_CARD\.md\n\+\+\+ b\/models\/fraud-detection\/MODEL_CARD\.md\n@@ -\d+,7 \+\d+,7 @@\n/);
    expect(stale.out.stdout).toContain("\n-| `8` | production |");
    expect(stale.out.stdout).toContain("1 model card(s) out of date");

    const summary = join(repo.root, "summary.md");
    const gh = io({ GITHUB_STEP_SUMMARY: summary });
    expect(await runCli(["card", "--root", repo.root, "--check", "--format", "github"], gh.io)).toBe(1);
    expect(readFileSync(summary, "utf8")).toContain("| `models/fraud-detection/MODEL_CARD.md` | stale | 0 |");
    expect(gh.out.stdout).toContain("::error title=stale model card,file=models/fraud-detection/MODEL_CARD.md::models/fraud-detection/MODEL_CARD.md is stale");
    expect(gh.out.stdout).toContain("::group::diff models/fraud-detection/MODEL_CARD.md\n--- a/");

    const json = io();
    expect(await runCli(["card", "--root", repo.root, "--check", "--format", "json"], json.io)).toBe(1);
    const report = JSON.parse(json.out.stdout);
    expect(report.staleCount).toBe(1);
    expect(report.cards.map((c: { status: string }) => c.status)).toEqual(["fresh", "fresh", "stale"]);
  });

  it("exits 2 on usage errors", async () => {
    await using repo = sampleRepo();
    const unknown = io();
    expect(await runCli(["card", "--root", repo.root, "--model", "nope"], unknown.io)).toBe(2);
    expect(unknown.out.stderr).toContain('no valid model named "nope"');
    expect(await runCli(["card", "--bogus"], io().io)).toBe(2);
    expect(await runCli(["card", "--format", "xml", "--root", repo.root], io().io)).toBe(2);
  });

  it("uses the repository's own template and names it in errors", async () => {
    await using repo = sampleRepo();
    mkdirSync(join(repo.root, ".steward/templates"), { recursive: true });
    const template = join(repo.root, ".steward/templates/model-card.md.hbs");
    writeFileSync(template, "# {{title}}\n\n{{description}}\n\n{{#each history.rows}}\n- {{date}} {{stage}}: {{from}} -> {{to}}\n{{/each}}\n");
    expect(await runCli(["card", "--root", repo.root, "--model", "churn-prediction"], io().io)).toBe(0);
    expect(readFileSync(join(repo.root, "models/churn-prediction/MODEL_CARD.md"), "utf8")).toBe(
      [
        "# churn-prediction",
        "",
        "Predicts which subscribers will cancel within 30 days, for the retention team's weekly outreach.",
        "",
        "- _latest change_ staging: 1.1.0 -> 1.2.0",
        "- 2026-08-03 12:00 UTC production: 1.0.0 -> 1.1.0",
        "- 2026-08-01 09:00 UTC staging: 1.0.0 -> 1.1.0",
        "- 2026-06-12 15:00 UTC production: — -> 1.0.0",
        "- 2026-06-10 09:00 UTC staging: — -> 1.0.0",
        "",
      ].join("\n"),
    );
    writeFileSync(template, "# {{title}}\n\n{{#each versions}}\n{{version}} {{owner}}\n{{/each}}\n");
    const broken = io();
    expect(await runCli(["card", "--root", repo.root], broken.io)).toBe(2);
    expect(broken.out.stderr).toContain('.steward/templates/model-card.md.hbs:4:15: template error: "owner" not defined in the card model');
  });

  it("reads MLflow when MLFLOW_TRACKING_URI is set", async () => {
    await using server = await fakeMlflowServer();
    await using repo = sampleRepo();
    const run = io({ MLFLOW_TRACKING_URI: server.url });
    expect(await runCli(["card", "--root", repo.root, "--model", "churn-prediction"], run.io)).toBe(0);
    expect(run.out.stdout).toBe("models/churn-prediction/MODEL_CARD.md: written (5 disagreement(s) with MLflow)\n");
    expect(readFileSync(join(repo.root, "models/churn-prediction/MODEL_CARD.md"), "utf8")).toContain("does not exist in MLflow");
    expect(await runCli(["card", "--root", repo.root, "--check", "--model", "churn-prediction"], io().io)).toBe(0);
  });
});
