import { createHash } from "node:crypto";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { s3DvcRemote } from "../../../src/adapters/aws/s3-dvc-remote.js";
import { fsRepoFiles } from "../../../src/adapters/fs/repo-files.js";
import { silentLogger } from "../../../src/adapters/log/console-logger.js";
import { validateRepo } from "../../../src/commands/validate.js";
import { startLocalS3, type LocalS3 } from "../../support/s3-server.js";
import { scratchRepo } from "../../support/scratch-repo.js";

let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startLocalS3(["test-bucket"]);
  vi.stubEnv("AWS_ACCESS_KEY_ID", "S3RVER");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "S3RVER");
  vi.stubEnv("AWS_REGION", "us-east-1");
  client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  const put = (Key: string) => client.send(new PutObjectCommand({ Bucket: "test-bucket", Key, Body: "x" }));
  // v1's artifact in DVC 3's layout, v2's in DVC 2's; the training data is in neither.
  await put(`dvc/files/md5/${md5("v1").slice(0, 2)}/${md5("v1").slice(2)}`);
  await put(`dvc/${md5("v2").slice(0, 2)}/${md5("v2").slice(2)}`);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await s3?.close();
});

function md5(s: string): string {
  return createHash("md5").update(s).digest("hex");
}

describe("s3DvcRemote against a real S3-compatible server (s3rver)", () => {
  it("finds objects in the DVC 3 layout, then the DVC 2 layout, and reports absence", async () => {
    const remote = s3DvcRemote({ endpointurl: s3.endpoint, region: "us-east-1" });
    expect(await remote.locate({ remoteUrl: "s3://test-bucket/dvc", md5: md5("v1") })).toMatchObject({ layout: "dvc3", size: 1 });
    expect(await remote.locate({ remoteUrl: "s3://test-bucket/dvc/", md5: md5("v2") })).toMatchObject({ layout: "dvc2", key: `dvc/${md5("v2").slice(0, 2)}/${md5("v2").slice(2)}` });
    expect(await remote.locate({ remoteUrl: "s3://test-bucket/dvc", md5: md5("nothing") })).toBeUndefined();
  });

  it("names the bucket and key when the remote itself fails", async () => {
    const remote = s3DvcRemote({ endpointurl: s3.endpoint, region: "us-east-1" });
    await expect(remote.locate({ remoteUrl: "s3://no-such-bucket/dvc", md5: md5("v1") })).rejects.toMatchObject({
      name: "ExternalError",
      service: "s3",
      status: 404,
      message: "DVC remote bucket s3://no-such-bucket does not exist",
    });
  });

  it("validate --check-remote reports each missing object at the line that points to it", async () => {
    using repo = scratchRepo();
    repo.write(".dvc/config", `[core]\n    remote = storage\n['remote "storage"']\n    url = s3://test-bucket/dvc\n    endpointurl = ${s3.endpoint}\n    region = us-east-1\n`);
    const report = await validateRepo({ files: fsRepoFiles(repo.root), remoteFor: (o) => s3DvcRemote(o), logger: silentLogger }, { checkRemote: true, now: new Date() });
    expect(report.remote).toMatchObject({ checked: 4, found: { dvc3: 1, dvc2: 1 } });
    expect(report.findings.map((f) => `${f.file}:${f.line}: ${f.message}`)).toEqual([
      `models/scorer/versions/1.yaml:10: object 5d41402abc4b2a76b9719d911017c592 for train.parquet is not in remote "storage" (s3://test-bucket/dvc) in the DVC 3 or DVC 2 layout`,
      `models/scorer/versions/2.yaml:10: object 5d41402abc4b2a76b9719d911017c592 for train.parquet is not in remote "storage" (s3://test-bucket/dvc) in the DVC 3 or DVC 2 layout`,
    ]);
  });
});
