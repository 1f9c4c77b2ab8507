import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// s3rver is CommonJS without types: a real S3-compatible server (Koa) storing objects on disk.
import S3rver from "s3rver";

export interface LocalS3 {
  endpoint: string;
  close(): Promise<void>;
}

/** Starts s3rver on a free loopback port with the given buckets. Credentials: S3RVER / S3RVER. */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), "steward-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name, configs: [] })) });
  const info = (await server.run()) as { address: string; port: number };
  return {
    endpoint: `http://127.0.0.1:${info.port}`,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
