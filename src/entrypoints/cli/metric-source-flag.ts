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

/** The `--source` value that names the tool's own sample metrics (the demo's); a folder called so is `./samples`. */
export const SAMPLES_SOURCE = "samples";

/**
 * The MetricSource a `--source` flag names: `cloudwatch` (the SDK's credentials and region; also
 * the default, as in the monitor action), a folder of metric files, or `samples`, the tool's own
 * embedded sample files replayed so that they end now (only when asked: the demo). With
 * `optional`, no flag means no source (undefined).
 */
export async function metricSourceFromFlag(source: string | undefined, root: string, cwd: string, opts: { optional?: boolean } = {}): Promise<MetricSource | undefined> {
  if (source === undefined && opts.optional) return undefined;
  if (source === undefined || source === "cloudwatch") {
    const { CloudWatchClient } = await import("@aws-sdk/client-cloudwatch");
    const { cloudWatchMetricSource } = await import("../../adapters/aws/cloudwatch-metric-source.js");
    return cloudWatchMetricSource({ client: new CloudWatchClient({}) });
  }
  if (source === SAMPLES_SOURCE) {
    const dir = samplesDir(root);
    if (!dir) throw new UserError("usage: --source samples: no embedded samples/metrics found beside the tool or under --root");
    return fileMetricSource(dir, { replay: true });
  }
  const dir = resolve(cwd, source);
  if (!existsSync(dir)) throw new UserError(`usage: --source: no folder ${dir} (cloudwatch, a folder of metric files, or samples)`);
  return fileMetricSource(dir);
}
