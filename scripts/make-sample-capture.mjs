#!/usr/bin/env node
// Writes the embedded SageMaker data capture of the sample repository, deterministic: the current
// transactions of samples/metrics/fraud-detection/drift.csv (see make-sample-drift.mjs: amounts about
// 50 % higher than the baseline) as the requests and responses fraud-detection-prod captured, in
// SageMaker's layout and format:
//   samples/metrics/capture/<bucket>/<prefix>/<endpoint>/<variant>/<yyyy>/<mm>/<dd>/<hh>/<mm-ss-mmm>-<id>.jsonl
// one JSON line per request: CSV input (amount,merchant_category,hour), CSV output (the score);
// every fourth request base64-encoded, as SageMaker does for content types it was not told are text.
// `steward monitor` replays these hours to end now, like the metric files.
// Usage: node scripts/make-sample-capture.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const [header, ...rows] = readFileSync(join(root, "samples/metrics/fraud-detection/drift.csv"), "utf8").trim().split("\n");
if (header !== "amount,merchant_category,hour,score") throw new Error(`unexpected header ${header}`);
const dir = join(root, "samples/metrics/capture");
rmSync(dir, { recursive: true, force: true });

const start = Date.UTC(2026, 10, 26, 9, 0, 0); // 2026-11-26T09:00Z; one request every 40 s
const perFile = 50;
for (let f = 0; f * perFile < rows.length; f++) {
  const chunk = rows.slice(f * perFile, (f + 1) * perFile);
  const first = new Date(start + f * perFile * 40_000);
  const hourDir = join(dir, "acme-ml-capture/fraud-detection/fraud-detection-prod/AllTraffic", String(first.getUTCFullYear()), String(first.getUTCMonth() + 1).padStart(2, "0"), String(first.getUTCDate()).padStart(2, "0"), String(first.getUTCHours()).padStart(2, "0"));
  mkdirSync(hourDir, { recursive: true });
  const lines = chunk.map((row, i) => {
    const n = f * perFile + i;
    const cells = row.split(",");
    const input = cells.slice(0, 3).join(",");
    const b64 = n % 4 === 3;
    return JSON.stringify({
      captureData: {
        endpointInput: { observedContentType: "text/csv", mode: "INPUT", data: b64 ? Buffer.from(input).toString("base64") : input, encoding: b64 ? "BASE64" : "CSV" },
        endpointOutput: { observedContentType: "text/csv; charset=utf-8", mode: "OUTPUT", data: cells[3], encoding: "CSV" },
      },
      eventMetadata: { eventId: `6f1c2a3b-0000-4000-8000-${String(n).padStart(12, "0")}`, inferenceTime: new Date(start + n * 40_000).toISOString().replace(".000Z", "Z") },
      eventVersion: "0",
    });
  });
  const name = `${String(first.getUTCMinutes()).padStart(2, "0")}-${String(first.getUTCSeconds()).padStart(2, "0")}-000-${String(f).padStart(4, "0")}capture.jsonl`;
  writeFileSync(join(hourDir, name), `${lines.join("\n")}\n`);
}
console.log(`wrote ${rows.length} captured requests under ${dir}`);
