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
