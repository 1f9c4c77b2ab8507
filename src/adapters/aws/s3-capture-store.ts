/**
 * CaptureStore over S3 (ListObjectsV2 + GetObject): the JSON Lines SageMaker data capture writes.
 * The client comes from the SDK's default chain (AWS_ENDPOINT_URL_S3 for an S3-compatible server).
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { CaptureStore } from "../../ports.js";
import { mapAwsErrors } from "./to-external-error.js";

/** Capture files are small (SageMaker rolls them every few minutes); a bigger one is not a capture file. */
export const MAX_CAPTURE_FILE_BYTES = 64 * 1024 * 1024;

/** CaptureStore backed by `client`. */
export function s3CaptureStore(client: S3Client): CaptureStore {
  return {
    async list(bucket, prefix) {
      const out: { key: string; size?: number }[] = [];
      let token: string | undefined;
      do {
        const page = await mapAwsErrors(`list s3://${bucket}/${prefix}`, () => client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })));
        for (const o of page.Contents ?? []) if (o.Key) out.push({ key: o.Key, ...(o.Size !== undefined ? { size: o.Size } : {}) });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out;
    },

    async read(bucket, key) {
      const res = await mapAwsErrors(`read s3://${bucket}/${key}`, () => client.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
      if ((res.ContentLength ?? 0) > MAX_CAPTURE_FILE_BYTES) throw new RangeError(`s3://${bucket}/${key} is ${res.ContentLength} bytes, more than a capture file holds (${MAX_CAPTURE_FILE_BYTES})`);
      return (await res.Body?.transformToString("utf-8")) ?? "";
    },
  };
}
