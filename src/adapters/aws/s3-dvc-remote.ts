import { HeadBucketCommand, HeadObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { dvcObjectKeys, parseS3Url } from "../../core/repo/dvc-config.js";
import { ExternalError } from "../../core/errors.js";
import type { DvcRemote } from "../../ports.js";

/**
 * A DvcRemote over S3 or an S3-compatible server. The remote's DVC options may name an
 * `endpointurl` (then path-style addressing is used, as MinIO and s3rver expect) and a `region`;
 * otherwise the SDK's default chain decides (AWS_REGION, AWS_ENDPOINT_URL_S3, ...).
 */
export function s3DvcRemote(options: Record<string, string> = {}, client?: S3Client): DvcRemote {
  const config: S3ClientConfig = {};
  if (options.endpointurl) Object.assign(config, { endpoint: options.endpointurl, forcePathStyle: true });
  if (options.region) config.region = options.region;
  const s3 = client ?? new S3Client(config);
  // S3 answers HEAD on a missing bucket with a bare 404, like a missing key: ask about each bucket
  // once, the first time an object is not found, so a typo in the remote URL is not read as
  // "every object is missing".
  const buckets = new Map<string, Promise<void>>();
  const bucketExists = (bucket: string) => {
    if (!buckets.has(bucket)) {
      buckets.set(
        bucket,
        s3.send(new HeadBucketCommand({ Bucket: bucket })).then(
          () => undefined,
          (err) => {
            const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
            throw new ExternalError("s3", status, `DVC remote bucket s3://${bucket} ${status === 404 ? "does not exist" : `cannot be read: ${(err as Error).message}`}`, { cause: err });
          },
        ),
      );
    }
    return buckets.get(bucket)!;
  };
  return {
    async locate({ remoteUrl, md5 }) {
      const url = parseS3Url(remoteUrl);
      if (!url) throw new ExternalError("s3", undefined, `DVC remote ${remoteUrl} is not an s3:// URL; only S3 remotes can be checked`);
      for (const { layout, key } of dvcObjectKeys(url.prefix, md5)) {
        try {
          const head = await s3.send(new HeadObjectCommand({ Bucket: url.bucket, Key: key }));
          return { key, layout, ...(head.ContentLength === undefined ? {} : { size: head.ContentLength }) };
        } catch (err) {
          const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
          if (status === 404 || (err as Error).name === "NotFound" || (err as Error).name === "NoSuchKey") continue;
          throw new ExternalError("s3", status, `HeadObject s3://${url.bucket}/${key} failed: ${(err as Error).message}`, { cause: err });
        }
      }
      await bucketExists(url.bucket);
      return undefined;
    },
  };
}
