import { describe, expect, it } from "vitest";
import { metricSourceFromFlag } from "../../src/entrypoints/cli/metric-source-flag.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const range = { start: new Date("2026-11-25T00:00:00Z"), end: new Date("2026-11-26T00:00:00Z") };
const query = { id: "q", namespace: "Acme/ModelQuality", metric: "Accuracy", dimensions: { Model: "fraud-detection" }, stat: "Average", period: 600, model: "fraud-detection", name: "accuracy" };

describe("--source: the tool's own samples are read only when named", () => {
  it("no flag is CloudWatch (as in the monitor action), never the samples, even in the tool's own tree", async () => {
    const source = await metricSourceFromFlag(undefined, ROOT, ROOT);
    expect(source!.driftSample).toBeUndefined(); // CloudWatch has no drift samples; the file source has
    expect(await metricSourceFromFlag(undefined, ROOT, ROOT, { optional: true })).toBeUndefined();
  });

  it("`samples` names the embedded files, replayed to end in the range", async () => {
    const [r] = await (await metricSourceFromFlag("samples", ROOT, ROOT))!.read([query], range);
    expect(r!.error).toBeUndefined();
    expect(r!.points.length).toBeGreaterThan(100);
    expect(r!.points.at(-1)!.t).toBeGreaterThanOrEqual(+range.end - 2 * 600_000);
  });

  it("a folder that does not exist is a usage error naming it", async () => {
    await expect(metricSourceFromFlag("no-such-folder", ROOT, ROOT)).rejects.toThrow(/--source: no folder .*no-such-folder/);
  });
});

describe("the capture store beside --source", () => {
  it("samples: the embedded capture files, replayed to end now; cloudwatch (and no flag): S3; a folder without capture/: none", async () => {
    const { captureStoreFromFlag } = await import("../../src/entrypoints/cli/metric-source-flag.js");
    const now = new Date("2027-01-15T10:30:00Z");
    const samples = await captureStoreFromFlag("samples", ROOT, ROOT, now);
    const keys = await samples!.list("acme-ml-capture", "fraud-detection/fraud-detection-prod/AllTraffic/2027/01/15/10/");
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]!.key).toMatch(/^fraud-detection\/fraud-detection-prod\/AllTraffic\/2026\/11\/26\/\d\d\/.*\.jsonl$/);
    expect(await captureStoreFromFlag(undefined, ROOT, ROOT, now)).toBeDefined();
    expect(await captureStoreFromFlag("samples/metrics/fraud-detection", ROOT, ROOT, now)).toBeUndefined();
  });
});
