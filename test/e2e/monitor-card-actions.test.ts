import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url).pathname;
// Card stage history needs the full history of model.yaml; a shallow clone sees less of it.
const shallow = execFileSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: ROOT, encoding: "utf8" }).trim() !== "false";

async function runAction(name: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), `steward-${name}-`));
  const files = { GITHUB_OUTPUT: join(dir, "output"), GITHUB_STEP_SUMMARY: join(dir, "summary") };
  for (const f of Object.values(files)) writeFileSync(f, "");
  const child = spawn(process.execPath, [join(ROOT, `actions/${name}/dist/index.js`)], { cwd: ROOT, env: { PATH: process.env.PATH!, ...files, ...env } });
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stdout += d));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const output = readFileSync(files.GITHUB_OUTPUT, "utf8");
  const out = (key: string) => new RegExp(`${key}<<(\\S+)\\n([\\s\\S]*?)\\n\\1`).exec(output)?.[2];
  return { status, stdout, out, summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"), dir };
}

describe("the monitor and model-card action bundles on the sample repository", () => {
  it("monitor, dry run over the sample metrics: three findings on fraud-detection (accuracy, latency, data drift), a report and the files it would send", async () => {
    const out = mkdtempSync(join(tmpdir(), "steward-monitor-out-"));
    const r = await runAction("monitor", { INPUT_ROOT: ROOT, INPUT_SOURCE: "samples/metrics", "INPUT_DRY-RUN": "true", INPUT_OUT: out });
    expect(r.status, r.stdout).toBe(0);
    expect(r.out("findings")).toBe("3");
    expect(r.out("models")).toBe("3");
    expect(r.stdout).toContain("::error title=fraud-detection/accuracy::");
    expect(r.summary).toContain("fraud-detection");
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { dryRun: boolean; findings: { model: string; checkId: string }[] };
    expect(report.dryRun).toBe(true);
    expect(report.findings.map((f) => `${f.model}/${f.checkId}`).sort()).toEqual(["fraud-detection/accuracy", "fraud-detection/drift", "fraud-detection/latency"]);
    expect(existsSync(join(out, "issues/fraud-detection__drift.md"))).toBe(true);
    expect(existsSync(join(out, "pulls/steward__rollback__fraud-detection.patch"))).toBe(true);
  });

  it.skipIf(shallow)("model-card, check mode: the committed cards are fresh", async () => {
    const r = await runAction("model-card", { INPUT_ROOT: ROOT });
    expect(r.status, r.stdout).toBe(0);
    expect(r.out("stale")).toBe("0");
    expect(r.summary).toContain("## Model cards");
  });
});
