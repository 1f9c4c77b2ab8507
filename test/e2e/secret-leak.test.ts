/**
 * Secrets never leave: the bundled actions (validate, model-card, plan, monitor) and the CLI's file
 * writers (card, dashboard) run with known secrets in the environment (MLFLOW_TRACKING_URI's
 * password, MLFLOW_TRACKING_TOKEN, GITHUB_TOKEN) and with one of them also written into the YAML;
 * MLflow is unreachable so that errors quote the URI. Every output (stdout, stderr, the job summary,
 * GITHUB_OUTPUT, every file written) is grepped for each secret in every form it could take.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { runAction } from "../support/run-action.js";
import { sampleRepoWithHistory } from "../support/sample-history.js";

const PASSWORD = "pw-CANARY-7d41e9c2";
const TOKEN = "mlflow-tok-CANARY-3b90aa17";
const GH_TOKEN = "ghp_CANARYabcdefghijklmnopqrstuvwxyz0123";
const SECRETS = [PASSWORD, TOKEN, GH_TOKEN];
const forms = (s: string) => [s, encodeURIComponent(s), Buffer.from(s).toString("base64")];
const ENV = {
  // Port 9 (discard) refuses connections: every MLflow error quotes where it tried to go.
  MLFLOW_TRACKING_URI: `http://steward:${PASSWORD}@127.0.0.1:9/`,
  MLFLOW_TRACKING_TOKEN: TOKEN,
  GITHUB_TOKEN: GH_TOKEN,
  // Fail fast instead of MLflow's default seven retries.
  MLFLOW_HTTP_REQUEST_MAX_RETRIES: "0",
  MLFLOW_HTTP_REQUEST_TIMEOUT: "5",
};

const repo = sampleRepoWithHistory();
const work = mkdtempSync(join(tmpdir(), "steward-secrets-"));
afterAll(() => {
  repo.dispose();
  rmSync(work, { recursive: true, force: true });
});
// The secret also reaches the repository's own text (a description pasted with it).
const model = join(repo.root, "models/fraud-detection/model.yaml");
writeFileSync(model, readFileSync(model, "utf8").replace(/^description: (.*)$/m, `description: "$1 Reach MLflow with ${PASSWORD}."`));

function everyFile(dir: string): string {
  let all = "";
  for (const f of readdirSync(dir, { recursive: true }).map(String)) {
    if (f.startsWith(".git/") || f === ".git") continue;
    const p = join(dir, f);
    if (statSync(p).isFile()) all += `\n--- ${f}\n${readFileSync(p, "utf8")}`;
  }
  return all;
}

function expectNoSecret(where: string, text: string): void {
  for (const s of SECRETS) for (const f of forms(s)) expect(text.includes(f), `${where} contains a form of ${s.slice(0, 12)}…`).toBe(false);
}

describe("no secret in any output of an end-to-end run", () => {
  const actions: [string, Record<string, string>][] = [
    ["validate", {}],
    ["model-card", { INPUT_CHECK: "false" }],
    ["plan", { INPUT_TARGET: "mlflow" }],
    ["monitor", { INPUT_SOURCE: "samples/metrics", "INPUT_DRY-RUN": "true", INPUT_OUT: join(work, "monitor-out") }],
  ];
  it.each(actions)("the %s action", async (name, inputs) => {
    const r = await runAction(name, { INPUT_ROOT: repo.root, ...ENV, ...inputs }, { cwd: repo.root });
    expect((r.stdout + r.summary).length, `${name} said nothing`).toBeGreaterThan(0);
    expectNoSecret(`${name}: stdout/stderr`, r.stdout);
    expectNoSecret(`${name}: job summary`, r.summary);
    expectNoSecret(`${name}: outputs`, r.output);
  });

  it("the CLI: card, dashboard and monitor --out, and every file they wrote", async () => {
    const site = join(work, "site");
    const out = join(work, "cli-monitor-out");
    for (const argv of [
      ["card"],
      ["dashboard", "--out", site, "--source", "samples", "--now", "2026-11-26T04:00:00Z"],
      ["monitor", "--dry-run", "--source", "samples", "--out", out, "--format", "github", "--now", "2026-11-26T04:00:00Z"],
      ["plan", "--target", "mlflow", "--format", "github"],
    ]) {
      const io = captureIO({ cwd: repo.root, env: { ...ENV, GITHUB_STEP_SUMMARY: join(work, "summary.md") } });
      writeFileSync(join(work, "summary.md"), "");
      await runCli(argv, io);
      expectNoSecret(`steward ${argv[0]}: stdout/stderr`, io.out() + io.err());
      expectNoSecret(`steward ${argv[0]}: summary`, readFileSync(join(work, "summary.md"), "utf8"));
    }
    const cards = readdirSync(join(repo.root, "models")).map((m) => join(repo.root, "models", m, "MODEL_CARD.md"));
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expectNoSecret(c.slice(repo.root.length), readFileSync(c, "utf8"));
    expectNoSecret("the dashboard", everyFile(site));
    expectNoSecret("the monitor's files", everyFile(out));
    expectNoSecret("the monitor action's files", everyFile(join(work, "monitor-out")));
  });
});
