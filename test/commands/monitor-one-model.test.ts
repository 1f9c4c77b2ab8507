/** `steward monitor --model M` / `--alarm NAME`: the real-time path's run for the one model an alarm belongs to. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileMetricSource } from "../../src/adapters/fs/file-metric-source.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { runMonitor } from "../../src/commands/monitor.js";
import { UserError } from "../../src/core/errors.js";
import { modelsForAlarm } from "../../src/core/plan/sagemaker-alarms.js";
import { aModelSpec, aPolicySpec } from "../support/builders.js";
import { inMemoryScm } from "../support/in-memory-scm.js";

const FIXTURE = new URL("../fixtures/repo-valid/", import.meta.url).pathname;
const T0 = Date.parse("2026-11-26T12:00:00Z");

describe("monitor for one model", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "steward-monitor-one-"));
    cpSync(FIXTURE, root, { recursive: true });
    const points = ["timestamp,value"];
    for (let t = T0 - 3 * 3_600_000; t < T0; t += 600_000) points.push(`${t / 1000},0.5`);
    mkdirSync(join(root, "metrics/scorer"), { recursive: true });
    writeFileSync(join(root, "metrics/scorer/accuracy.csv"), `${points.join("\n")}\n`);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const run = (opts: { models?: string[]; alarm?: string }) => {
    const scm = inMemoryScm({ now: () => new Date(T0) });
    return { scm, report: runMonitor({ metrics: fileMetricSource(join(root, "metrics")), files: fsRepoFiles(root), logger: silentLogger, scm }, { now: new Date(T0), ...opts }) };
  };

  it("--alarm finds the model by the alarm apply keeps for it; acts on it and leaves the health issue to the full run", async () => {
    const { scm, report } = run({ alarm: "steward-scorer-prod-accuracy-min" });
    const r = await report;
    expect(r.findings.map((f) => `${f.model}/${f.checkId}`)).toEqual(["scorer/accuracy"]);
    expect(r.warnings).toContain("model-health issue not updated: this run covered only scorer (--model); the next full run updates it");
    expect([...scm.issues.values()].some((i) => i.title.includes("scorer"))).toBe(true);
    expect([...scm.issues.values()].some((i) => /health/i.test(i.title))).toBe(false);
  });

  it("an unknown model or alarm is a usage error, before anything is read", async () => {
    await expect(run({ models: ["nope"] }).report).rejects.toThrow(UserError);
    await expect(run({ alarm: "steward-other-endpoint-x-min" }).report).rejects.toThrow(/no model's deployment has this alarm/);
  });

  it("modelsForAlarm: derived alarm names and rollbackAlarms", () => {
    const policy = aPolicySpec({ monitoring: { recovery: 0, checks: [{ id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: false }] } });
    const base = aModelSpec();
    const m = aModelSpec({ deployment: { sagemaker: { ...base.deployment!.sagemaker!, rollbackAlarms: ["team-latency-p99"] } } });
    const state = { models: [m], policies: [policy] };
    expect(modelsForAlarm(state, "steward-fraud-detection-prod-accuracy-min")).toEqual(["fraud-detection"]);
    expect(modelsForAlarm(state, "team-latency-p99")).toEqual(["fraud-detection"]);
    expect(modelsForAlarm(state, "steward-fraud-detection-prod-accuracy-max")).toEqual([]);
  });
});
