/**
 * Data capture as a drift source, end to end against a real S3-compatible server (s3rver): the
 * JSON Lines SageMaker writes under the capture prefix are read for the look-back window, parsed by
 * the version's input schema and compared with the version's own DVC training data.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { s3CaptureStore } from "../../src/adapters/aws/s3-capture-store.js";
import { folderCaptureStore } from "../../src/adapters/fs/folder-capture-store.js";
import { fileMetricSource } from "../../src/adapters/fs/file-metric-source.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { runMonitor } from "../../src/commands/monitor.js";
import { incidentMarker } from "../../src/core/github-conventions.js";
import type { StewardEvent } from "../../src/ports.js";
import { inMemoryScm, type InMemoryScm } from "../support/in-memory-scm.js";
import { startLocalS3, type LocalS3 } from "../support/s3-server.js";

const FIXTURE = new URL("../fixtures/repo-valid/", import.meta.url).pathname;
const T0 = Date.parse("2026-11-26T12:20:00Z");
const BUCKET = "acme-capture";

/** 300 rows of amount (shifted by `shift`), channel, hour. */
function rows(shift: number): string[][] {
  return Array.from({ length: 300 }, (_, i) => [(20 + ((i * 37) % 300) + shift).toFixed(2), ["web", "pos", "app"][i % 3]!, String((i * 7) % 24)]);
}
const TRAIN = `amount,channel,hour\n${rows(0).map((r) => r.join(",")).join("\n")}\n`;

/** One capture file as SageMaker writes it: one JSON line per request, CSV in, CSV out (some base64). */
function captureFile(data: string[][], start: number): string {
  return data.map((r, i) => JSON.stringify({
    captureData: {
      endpointInput: i % 5 === 0
        ? { observedContentType: "text/csv", mode: "INPUT", data: Buffer.from(r.join(",")).toString("base64"), encoding: "BASE64" }
        : { observedContentType: "text/csv", mode: "INPUT", data: r.join(","), encoding: "CSV" },
      endpointOutput: { observedContentType: "text/csv; charset=utf-8", mode: "OUTPUT", data: "0.42", encoding: "CSV" },
    },
    eventMetadata: { eventId: `00000000-0000-4000-8000-${String(start + i).padStart(12, "0")}`, inferenceTime: new Date(T0 - 3_600_000 + (start + i) * 1000).toISOString() },
    eventVersion: "0",
  })).join("\n") + "\n";
}

describe("steward monitor: drift of the captured requests against the version's training data", () => {
  let s3: LocalS3;
  let client: S3Client;
  let root: string;
  let scm: InMemoryScm;
  let events: StewardEvent[];
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  // Each test captures under its own prefix of the shared bucket: `t<n>/` stands for the `scorer/` of the model file.
  let n = 0;
  const put = (Key: string, Body: string) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: Key.replace(/^scorer\//, `t${n}/`), Body }));
  const run = (capture = s3CaptureStore(client)) =>
    runMonitor({ metrics: fileMetricSource(join(root, "metrics")), files: fsRepoFiles(root), logger: silentLogger, scm, events: { publish: async (e) => void events.push(...e) }, capture }, { now: new Date(T0) });
  const driftIssue = () => [...scm.issues.values()].find((i) => i.body.includes(incidentMarker("scorer/drift")));

  beforeAll(async () => {
    s3 = await startLocalS3([BUCKET]);
    client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  });
  afterAll(async () => {
    client.destroy();
    await s3.close();
  });

  beforeEach(async () => {
    n++;
    root = mkdtempSync(join(tmpdir(), "steward-capture-drift-"));
    cpSync(FIXTURE, root, { recursive: true });
    // The endpoint captures to s3://acme-capture/scorer; version 1 says what a request holds and where its training data is.
    write("models/scorer/model.yaml", readFileSync(join(root, "models/scorer/model.yaml"), "utf8").replace("    rollout:", `    dataCapture: { enabled: true, samplingPercent: 50, destination: s3://acme-capture/t${n} }\n    rollout:`).replace("monitoring:\n", "monitoring:\n  window: 6h\n"));
    write("models/scorer/versions/1.yaml", readFileSync(join(root, "models/scorer/versions/1.yaml"), "utf8").replace("  train: { dvc: data/train.parquet.dvc }", "  train: { dvc: data/train.csv.dvc }") + "input: { format: csv, features: [amount, channel, hour] }\n");
    const bytes = Buffer.from(TRAIN);
    write("data/train.csv", TRAIN);
    write("data/train.csv.dvc", `outs:\n- md5: ${createHash("md5").update(bytes).digest("hex")}\n  size: ${bytes.length}\n  hash: md5\n  path: train.csv\n`);
    // A policy with drift tests and no pinned baseline: the baseline follows the served version.
    write("policies/base.yaml", readFileSync(join(root, "policies/base.yaml"), "utf8")
      .replace("monitoring:\n", "monitoring:\n  drift:\n    tests: [ks, psi, chi-square]\n")
      .replace("remediation:\n  rules:\n", "remediation:\n  rules:\n    - { when: { kind: drift }, do: [issue, event] }\n"));
    const healthy = ["timestamp,value"];
    for (let t = T0 - 3 * 3_600_000; t < T0; t += 600_000) healthy.push(`${t / 1000},0.95`);
    write("metrics/scorer/accuracy.csv", `${healthy.join("\n")}\n`);
    scm = inMemoryScm({ now: () => new Date(T0) });
    events = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("shifted traffic in the capture files: a drift finding against data/train.csv, an issue and an event", async () => {
    const shifted = rows(150);
    await put("scorer/scorer-prod/AllTraffic/2026/11/26/11/05-10-123-aaaa.jsonl", captureFile(shifted.slice(0, 150), 0));
    await put("scorer/scorer-prod/AllTraffic/2026/11/26/12/01-00-000-bbbb.jsonl", captureFile(shifted.slice(150), 150));
    // outside the 6h window: never read
    await put("scorer/scorer-prod/AllTraffic/2026/11/25/01/00-00-000-old.jsonl", "not even json\n");
    const report = await run();
    expect(report.warnings).toEqual([]);
    const f = report.findings.find((x) => x.kind === "drift")!;
    expect(f).toMatchObject({ model: "scorer", checkId: "drift", drift: { drifted: ["amount"] } });
    expect(f.drift!.baseline).toBe("data/train.csv");
    // the histograms of the dashboard, from the captured requests against the training data
    expect(f.drift!.histograms!.map((h) => [h.column, h.kind])).toEqual(expect.arrayContaining([["amount", "numeric"], ["channel", "categorical"]]));
    const amount = f.drift!.histograms!.find((h) => h.column === "amount")!;
    expect(amount.current.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(amount.current).not.toEqual(amount.baseline);
    expect(f.summary).toContain(`; current sample: 300 captured request(s) from s3://acme-capture/t${n}/scorer-prod/ (SageMaker data capture)`);
    expect(driftIssue()!.body).toMatch(/\| amount \| ks \| [^|]+ \| [^|]+ \| 0\.01 \| \*\*drift\*\* \|/);
    expect(events.find((e) => e.detailType === "Model Anomaly Detected" && e.detail.check === "drift")).toBeDefined();
  });

  it("the same traffic as training: no drift; captured requests that do not fit the schema are a warning", async () => {
    await put("scorer/scorer-prod/AllTraffic/2026/11/26/11/05-10-123-aaaa.jsonl", captureFile(rows(0), 0) + captureFile([["1", "web"]], 900));
    const report = await run();
    expect(report.findings.filter((x) => x.kind === "drift")).toEqual([]);
    expect(report.warnings).toEqual(["scorer: 1 captured request(s) did not fit the input schema and were left out"]);
    expect(report.models[0]!.checks.find((c) => c.check === "drift")).toMatchObject({ status: "ok" });
  });

  it("nothing captured in the window, or a version without `input`: the drift check says why, never silently ok", async () => {
    let report = await run();
    expect(report.warnings).toEqual([`scorer: drift not checked: data capture: no captured request under s3://acme-capture/t${n}/scorer-prod/ in the last 6h`]);
    expect(report.models[0]!.checks.find((c) => c.check === "drift")).toMatchObject({ status: "no-data" });
    write("models/scorer/versions/1.yaml", readFileSync(join(root, "models/scorer/versions/1.yaml"), "utf8").replace(/input: .*\n/, ""));
    report = await run();
    expect(report.warnings[0]).toMatch(/^scorer: drift not checked: data capture: version 1 declares no `input`/);
  });

  it("a folder laid out like the bucket (the demo's embedded capture) reads the same", async () => {
    const dir = mkdtempSync(join(tmpdir(), "steward-capture-folder-"));
    try {
      mkdirSync(join(dir, BUCKET, `t${n}/scorer-prod/AllTraffic/2026/11/26/11`), { recursive: true });
      writeFileSync(join(dir, BUCKET, `t${n}/scorer-prod/AllTraffic/2026/11/26/11/05-10-123-aaaa.jsonl`), captureFile(rows(150), 0));
      const report = await run(folderCaptureStore(dir));
      expect(report.findings.find((x) => x.kind === "drift")).toMatchObject({ drift: { drifted: ["amount"] } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
