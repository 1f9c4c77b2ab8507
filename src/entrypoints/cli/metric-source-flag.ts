import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fileMetricSource } from "../../adapters/fs/file-metric-source.js";
import { UserError } from "../../core/errors.js";
import type { MetricSource } from "../../ports.js";

/** The embedded sample metric files: in the repository being read, else beside the bundle or the source. */
function samplesDir(root: string): string | undefined {
  const candidates = [join(root, "samples/metrics"), fileURLToPath(new URL("../samples/metrics", import.meta.url)), fileURLToPath(new URL("../../../samples/metrics", import.meta.url))];
  return candidates.find((c) => existsSync(c));
}

/**
 * The MetricSource a `--source` flag names: `cloudwatch` (the SDK's credentials and region), a folder
 * of metric files, or (no flag) the embedded samples, replayed so that they end now. With
 * `optional`, no flag means no source (undefined) instead of the samples.
 */
export async function metricSourceFromFlag(source: string | undefined, root: string, cwd: string, opts: { optional?: boolean } = {}): Promise<MetricSource | undefined> {
  if (source === "cloudwatch") {
    const { CloudWatchClient } = await import("@aws-sdk/client-cloudwatch");
    const { cloudWatchMetricSource } = await import("../../adapters/aws/cloudwatch-metric-source.js");
    return cloudWatchMetricSource({ client: new CloudWatchClient({}) });
  }
  if (source) {
    const dir = resolve(cwd, source);
    if (!existsSync(dir)) throw new UserError(`usage: --source: no folder ${dir}`);
    return fileMetricSource(dir);
  }
  if (opts.optional) return undefined;
  const dir = samplesDir(root);
  if (!dir) throw new UserError("usage: no --source given and no embedded samples/metrics found");
  return fileMetricSource(dir, { replay: true });
}
