import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished, describe, expect, it } from "vitest";
import { freshSampleMetrics } from "../support/fresh-samples.js";
import { assertValidReport } from "../support/report-schema.js";
import { runAction } from "../support/run-action.js";
import { sampleRepoWithHistory } from "../support/sample-history.js";

const ROOT = new URL("../../", import.meta.url).pathname;
// Card stage history needs the full history of model.yaml; a shallow clone sees less of it.
const shallow = execFileSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: ROOT, encoding: "utf8" }).trim() !== "false";

describe("the monitor and model-card action bundles on the sample repository", () => {
  it("monitor, dry run over the sample metrics: three findings on fraud-detection (accuracy, latency, data drift), two on demand-forecasting's slow 2026.11 variant, a report and the files it would send", async () => {
    const out = mkdtempSync(join(tmpdir(), "steward-monitor-out-"));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    // The sample repository in a git history where 6 served production before 7 (the rollback target).
    using repo = sampleRepoWithHistory();
    // the sample files end on a fixed date: moved to end now, or every check would be stale
    const metrics = freshSampleMetrics(join(repo.root, "samples/metrics"));
    onTestFinished(() => rmSync(metrics, { recursive: true, force: true }));
    const r = await runAction("monitor", { INPUT_ROOT: repo.root, INPUT_SOURCE: metrics, "INPUT_DRY-RUN": "true", INPUT_OUT: out }, { cwd: repo.root });
    expect(r.status, r.stdout).toBe(0);
    // three on fraud-detection; on demand-forecasting, its 2026.11 variant's latency (latency@2026.11) and latency-vs-traffic@2026.11 (the same variant's latency no longer follows its traffic)
    expect(r.out("findings"), r.stdout).toBe("5");
    expect(r.out("outcome")).toBe("findings");
    // Which kind (threshold or anomaly) a finding is depends on where "now" falls in the replayed daily
    // cycle, so the headline is checked for its shape and counts, the findings themselves below.
    expect(r.summary.split("\n")[0]).toMatch(/^\*\*FINDINGS: 5 findings \((\d+ (threshold|anomaly), )+1 drift\) would be acted on \(dry run\)\. 16 checks: 11 ok, 5 finding, 0 no-data, 0 stale, 0 unreadable\.\*\*$/);
    expect(r.out("models")).toBe("3");
    expect(r.stdout).toContain("::error title=fraud-detection/accuracy::");
    expect(r.summary).toContain("fraud-detection");
    const text = readFileSync(join(out, "report.json"), "utf8");
    assertValidReport(text, "the bundled monitor's report.json");
    const report = JSON.parse(text) as { dryRun: boolean; findings: { model: string; checkId: string; kind: string }[] };
    expect(report.dryRun).toBe(true);
    expect(report.findings.map((f) => `${f.model}/${f.checkId}`).sort()).toEqual(["demand-forecasting/latency-vs-traffic@2026.11", "demand-forecasting/latency@2026.11", "fraud-detection/accuracy", "fraud-detection/drift", "fraud-detection/latency"]);
    // the slow variant is never the one a split is completed to
    expect(report.findings.some((f) => f.kind === "variant")).toBe(false);
    expect(existsSync(join(out, "issues/demand-forecasting__latency__2026.11.md"))).toBe(true);
    expect(existsSync(join(out, "issues/fraud-detection__drift.md"))).toBe(true);
    expect(existsSync(join(out, "pulls/steward__rollback__fraud-detection.patch"))).toBe(true);
  });

  it.skipIf(shallow)("model-card, check mode: the committed cards are fresh", async () => {
    const r = await runAction("model-card", { INPUT_ROOT: ROOT }, { cwd: ROOT });
    expect(r.status, r.stdout).toBe(0);
    expect(r.out("stale")).toBe("0");
    expect(r.summary).toContain("## Model cards");
  });
});
