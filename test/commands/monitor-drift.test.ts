import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { fileMetricSource } from "../../src/adapters/fs/file-metric-source.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { runMonitor, type MonitorDeps } from "../../src/commands/monitor.js";
import { detailTypeSlug } from "../../src/core/monitor/build-events.js";
import { incidentMarker } from "../../src/core/github-conventions.js";
import type { EventBus, StewardEvent } from "../../src/ports.js";
import { inMemoryScm, type InMemoryScm } from "../support/in-memory-scm.js";

const FIXTURE = new URL("../fixtures/repo-valid/", import.meta.url).pathname;
const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-26T12:00:00Z");

/** A sample of 300 rows: amount (numeric, shifted by `shift`), channel (categorical), hour (numeric). */
function sample(shift: number): string {
  const rows = ["amount,channel,hour"];
  for (let i = 0; i < 300; i++) rows.push(`${(20 + ((i * 37) % 300) + shift).toFixed(2)},${["web", "pos", "app"][i % 3]},${(i * 7) % 24}`);
  return `${rows.join("\n")}\n`;
}
const BASELINE = sample(0);

function bus(): EventBus & { events: StewardEvent[] } {
  const events: StewardEvent[] = [];
  return { events, publish: async (e) => void events.push(...e) };
}

describe("steward monitor: data drift against the policy's DVC baseline (scratch repository)", () => {
  let root: string;
  let scm: InMemoryScm;
  let events: ReturnType<typeof bus>;
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** The pointer with the true md5 and size of `text`. */
  const pointTo = (text: string) => {
    const bytes = Buffer.from(text);
    write("data/baseline.csv.dvc", `outs:\n- md5: ${createHash("md5").update(bytes).digest("hex")}\n  size: ${bytes.length}\n  hash: md5\n  path: baseline.csv\n`);
  };
  const deps = (over: Partial<MonitorDeps> = {}): MonitorDeps => ({ metrics: fileMetricSource(join(root, "metrics")), files: fsRepoFiles(root), logger: silentLogger, scm, events, ...over });
  const run = (at: number, over: Partial<MonitorDeps> = {}) => runMonitor(deps(over), { now: new Date(at) });
  const driftIssue = () => [...scm.issues.values()].find((i) => i.body.includes(incidentMarker("scorer/drift")));
  const accuracyIssue = () => [...scm.issues.values()].find((i) => i.body.includes(incidentMarker("scorer/accuracy")));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "steward-monitor-drift-"));
    cpSync(FIXTURE, root, { recursive: true });
    const policy = readFileSync(join(root, "policies/base.yaml"), "utf8")
      .replace("monitoring:\n", "monitoring:\n  drift:\n    baseline: { dvc: data/baseline.csv.dvc }\n    tests: [ks, psi, chi-square]\n")
      .replace("remediation:\n  rules:\n", "remediation:\n  rules:\n    - { when: { kind: drift }, do: [issue, event] }\n");
    write("policies/base.yaml", policy);
    write("data/baseline.csv", BASELINE);
    pointTo(BASELINE);
    // Accuracy below its 0.8 threshold over the last 3 hours: a threshold finding beside the drift one.
    const points = ["timestamp,value"];
    for (let t = T0 - 3 * HOUR; t < T0; t += 600_000) points.push(`${t / 1000},0.5`);
    write("metrics/scorer/accuracy.csv", `${points.join("\n")}\n`);
    write("metrics/scorer/drift.csv", sample(120));
    scm = inMemoryScm({ now: () => new Date(T0) });
    events = bus();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("drift found: a drift finding, an issue with the per-column table, and an event that validates", async () => {
    const report = await run(T0);
    expect(report.warnings).toEqual([]);
    expect(report.findings.map((f) => `${f.checkId}:${f.kind}`).sort()).toEqual(["accuracy:threshold", "drift:drift"]);
    const f = report.findings.find((x) => x.kind === "drift")!;
    expect(f).toMatchObject({ model: "scorer", checkId: "drift", severity: "warning", drift: { baseline: "data/baseline.csv", drifted: ["amount"] } });
    // the histograms of the dashboard: both samples over the same bins, from the DVC-tracked baseline file
    const kinds = Object.fromEntries(f.drift!.histograms!.map((h) => [h.column, h.kind]));
    expect(kinds).toMatchObject({ amount: "numeric", channel: "categorical" });
    const amount = f.drift!.histograms!.find((h) => h.column === "amount")!;
    expect(amount.baseline.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(amount.current.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(amount.current).not.toEqual(amount.baseline);

    const issue = driftIssue()!;
    expect(issue.title).toBe("[warning] scorer: drift differs from its baseline sample");
    expect(issue.body).toContain("| column | test | statistic | p-value | threshold | verdict |");
    expect(issue.body).toMatch(/\| amount \| ks \| [^|]+ \| [^|]+ \| 0\.01 \| \*\*drift\*\* \|/);
    expect(issue.body).toMatch(/\| channel \| chi-square \| 0 \| 1 \| 0\.01 \| ok \|/);

    const anomaly = events.events.find((e) => e.detailType === "Model Anomaly Detected" && e.detail.check === "drift")!;
    expect(anomaly.detail).toMatchObject({ kind: "drift", metric: "drift", driftedColumns: ["amount"] });
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const dir = new URL("../../schemas/events/", import.meta.url);
    const schemas = new Map(readdirSync(dir).map((n) => [n.replace(".schema.json", ""), JSON.parse(readFileSync(new URL(n, dir), "utf8"))]));
    for (const e of events.events) {
      const validate = ajv.compile(schemas.get(detailTypeSlug(e.detailType)));
      validate(JSON.parse(JSON.stringify(e.detail)));
      expect(validate.errors ?? [], e.detailType).toEqual([]);
    }
    expect(report.models[0]!.checks.find((c) => c.check === "drift")).toMatchObject({ status: "anomaly", severity: "warning" });
  });

  it("no drift: no finding, no issue and no event for it; the check shows ok", async () => {
    write("metrics/scorer/drift.csv", BASELINE);
    const report = await run(T0);
    expect(report.warnings).toEqual([]);
    expect(report.findings.map((f) => f.checkId)).toEqual(["accuracy"]);
    expect(driftIssue()).toBeUndefined();
    expect(events.events.filter((e) => e.detail.check === "drift")).toEqual([]);
    expect(report.models[0]!.checks.find((c) => c.check === "drift")).toMatchObject({ status: "ok" });
  });

  it("an empty current sample, or one with none of the baseline's columns, compares nothing: a no-data gap, never 'no drift'", async () => {
    for (const current of ["amount,channel,hour\n", "price,shop\n1,a\n2,b\n"]) {
      write("metrics/scorer/drift.csv", current);
      const report = await run(T0);
      expect(report.findings.find((f) => f.checkId === "drift")).toMatchObject({ kind: "no-data" });
      expect(report.coverage.find((c) => c.check === "drift")).toMatchObject({ outcome: "no-data", detail: expect.stringMatching(/nothing compared with the baseline data\/baseline\.csv/) });
      expect(report.warnings.join("\n")).toMatch(/scorer: drift not checked: current sample scorer\/drift\.csv: nothing compared/);
    }
  });

  it("a current sample missing one of the baseline's columns is compared on the rest, and the missing one is said", async () => {
    write("metrics/scorer/drift.csv", BASELINE.split("\n").map((l) => l.split(",").slice(0, 2).join(",")).join("\n"));
    const report = await run(T0);
    expect(report.coverage.find((c) => c.check === "drift")).toMatchObject({ outcome: "ok" });
    expect(report.warnings).toEqual(["scorer: drift: 1 column(s) not compared (hour: only in the baseline sample)"]);
  });

  it("a drift incident closes once a later run finds no drift for the recovery window", async () => {
    await run(T0);
    expect(driftIssue()!.state).toBe("open");
    write("metrics/scorer/drift.csv", BASELINE);
    await run(T0 + 3 * HOUR);
    expect(driftIssue()!.state).toBe("closed");
    expect(events.events.filter((e) => e.detailType === "Model Incident Resolved").map((e) => e.detail.check)).toContain("drift");
  });

  it.each([
    ["the baseline file is missing", () => rmSync(join(root, "data/baseline.csv")), /scorer: drift not checked: baseline data\/baseline\.csv: the file is missing; run `dvc pull data\/baseline\.csv\.dvc`/],
    ["the baseline does not match its pointer's md5", () => write("data/baseline.csv", BASELINE.replace("web", "WEB")), /scorer: drift not checked: baseline data\/baseline\.csv: md5 [0-9a-f]{32}, the pointer says [0-9a-f]{32}; run `dvc pull/],
    ["the baseline does not match its pointer's size", () => write("data/baseline.csv", `${BASELINE}1,web,2\n`), /scorer: drift not checked: baseline data\/baseline\.csv: size \d+ bytes, the pointer says \d+/],
  ])("%s: a warning, an unreadable drift check first among the findings (exit 2), the rest of the run unaffected", async (_, breakIt, warning) => {
    breakIt();
    const report = await run(T0);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(warning);
    expect(report.findings.map((f) => `${f.checkId}:${f.kind}`)).toEqual(["drift:unreadable", "accuracy:threshold"]);
    expect(report.status.exitCode).toBe(2);
    expect(accuracyIssue()).toBeDefined();
    expect(driftIssue()).toBeUndefined(); // an unreadable check fails the run; it opens no issue by default
    expect(report.models[0]!.checks.find((c) => c.check === "drift")).toMatchObject({ status: "unreadable" });
  });

  it("no current sample: a warning naming the file the metric folder lacks, and a no-data finding", async () => {
    rmSync(join(root, "metrics/scorer/drift.csv"));
    const report = await run(T0);
    expect(report.warnings).toEqual(["scorer: drift not checked: no current sample scorer/drift.csv"]);
    expect(report.findings.map((f) => `${f.checkId}:${f.kind}`)).toEqual(["drift:no-data", "accuracy:threshold"]);
    expect(report.coverage[0]).toMatchObject({ check: "drift", outcome: "no-data" });
  });

  it("a metric source without samples (CloudWatch): drift not checked, said with one note and a no-data finding", async () => {
    const source = fileMetricSource(join(root, "metrics"));
    const report = await run(T0, { metrics: { read: source.read } });
    expect(report.warnings).toEqual([]);
    expect(report.actions.filter((a) => a.kind === "note")).toEqual([
      { kind: "note", target: "drift", summary: expect.stringMatching(/^drift tests skipped for 1 model\(s\): this metric source has no current data samples/), status: "noted" },
    ]);
    expect(report.findings.map((f) => `${f.checkId}:${f.kind}`)).toEqual(["drift:no-data", "accuracy:threshold"]);
  });
});
