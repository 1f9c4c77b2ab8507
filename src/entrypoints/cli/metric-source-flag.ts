import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fileMetricSource } from "../../adapters/fs/file-metric-source.js";
import { UserError } from "../../core/errors.js";
import { folderCaptureStore } from "../../adapters/fs/folder-capture-store.js";
import type { CaptureStore, MetricSource } from "../../ports.js";

/** The embedded sample metric files: in the repository being read, else beside the bundle or the source. */
function samplesDir(root: string): string | undefined {
  const candidates = [join(root, "samples/metrics"), fileURLToPath(new URL("../samples/metrics", import.meta.url)), fileURLToPath(new URL("../../../samples/metrics", import.meta.url))];
  return candidates.find((c) => existsSync(c));
}

/** The `--source` value that names the tool's own sample metrics (the demo's); a folder called so is `./samples`. */
export const SAMPLES_SOURCE = "samples";

/**
 * The MetricSource a `--source` flag names: `cloudwatch` (the SDK's credentials and region, and for
 * models with deployment.environments each environment's region and role; also the default, as in
 * the monitor action), a folder of metric files, or `samples`, the tool's own
 * embedded sample files replayed so that they end now (only when asked: the demo). With
 * `optional`, no flag means no source (undefined).
 */
export async function metricSourceFromFlag(source: string | undefined, root: string, cwd: string, opts: { optional?: boolean } = {}): Promise<MetricSource | undefined> {
  if (source === undefined && opts.optional) return undefined;
  if (source === undefined || source === "cloudwatch") {
    const { CloudWatchClient } = await import("../../adapters/aws/sdk/cloudwatch.js");
    const { cloudWatchMetricSource } = await import("../../adapters/aws/cloudwatch-metric-source.js");
    const { environmentMetricSource } = await import("../../adapters/aws/environment-metric-source.js");
    const { environmentClientConfig } = await import("../../adapters/aws/aws-environment.js");
    // a model deployed to several environments is read in each one's region, with its role assumed
    return environmentMetricSource(cloudWatchMetricSource({ client: new CloudWatchClient({}) }), (env) =>
      cloudWatchMetricSource({ client: new CloudWatchClient(environmentClientConfig(env, { sessionPrefix: "steward-monitor" })) }),
    );
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

/**
 * Where SageMaker data capture is read for the same `--source`: S3 (the SDK's default chain,
 * AWS_ENDPOINT_URL_S3 included) with `cloudwatch` (the default); `<folder>/capture` (laid out as
 * `<bucket>/<key>`) with a folder; the embedded `samples/metrics/capture`, replayed to end now like
 * the sample metric files, with `samples`. Undefined when that folder does not exist.
 */
export async function captureStoreFromFlag(source: string | undefined, root: string, cwd: string, now: Date): Promise<CaptureStore | undefined> {
  if (source === undefined || source === "cloudwatch") {
    const { S3Client } = await import("../../adapters/aws/sdk/s3.js");
    const { s3CaptureStore } = await import("../../adapters/aws/s3-capture-store.js");
    return s3CaptureStore(new S3Client({}));
  }
  const dir = source === SAMPLES_SOURCE ? samplesDir(root) : resolve(cwd, source);
  const capture = dir ? join(dir, "capture") : undefined;
  if (!capture || !existsSync(capture)) return undefined;
  return folderCaptureStore(capture, source === SAMPLES_SOURCE ? { replayTo: now } : {});
}
