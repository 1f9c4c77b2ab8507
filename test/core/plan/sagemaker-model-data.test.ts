import { describe, expect, it } from "vitest";
import { dvc3ObjectUrl, modelDataUrl } from "../../../src/core/plan/sagemaker-model-data.js";
import type { DvcPointer } from "../../../src/core/types.js";

const remotes = { defaultRemote: "storage", remotes: { storage: "s3://acme-ml-artifacts/dvc/", archive: "s3://acme-ml-archive/store", local: "/tmp/dvc" } };
const md5 = "a304afb96060aad90176268345e10355";

describe("model data URL", () => {
  it("uses the DVC 3 layout under the default remote", () => {
    expect(dvc3ObjectUrl("s3://b/p/", md5)).toBe("s3://b/p/files/md5/a3/04afb96060aad90176268345e10355");
    expect(modelDataUrl({ kind: "inline", md5, path: "model.tar.gz" }, new Map(), remotes)).toEqual({ ok: true, url: `s3://acme-ml-artifacts/dvc/files/md5/a3/${md5.slice(2)}` });
  });

  it("follows a .dvc file and the remote its out names", () => {
    const pointers = new Map<string, DvcPointer>([["m.dvc", { file: "m.dvc", outs: [{ md5, path: "model.tar.gz", isDir: false, remote: "archive" }] }]]);
    expect(modelDataUrl({ kind: "file", dvc: "m.dvc" }, pointers, remotes)).toEqual({ ok: true, url: `s3://acme-ml-archive/store/files/md5/a3/${md5.slice(2)}` });
  });

  it("explains what is wrong instead of guessing", () => {
    const dir = new Map<string, DvcPointer>([["d.dvc", { file: "d.dvc", outs: [{ md5: `${md5}.dir`, path: "model", isDir: true }] }]]);
    expect(modelDataUrl({ kind: "file", dvc: "d.dvc" }, dir, remotes)).toMatchObject({ ok: false, reason: expect.stringContaining("directory") });
    expect(modelDataUrl({ kind: "file", dvc: "x.dvc" }, new Map(), remotes)).toMatchObject({ ok: false });
    expect(modelDataUrl({ kind: "inline", md5, path: "m", remote: "local" }, new Map(), remotes)).toMatchObject({ ok: false, reason: expect.stringContaining("not on S3") });
    expect(modelDataUrl({ kind: "inline", md5, path: "m" }, new Map(), { remotes: {} })).toMatchObject({ ok: false, reason: expect.stringContaining("no DVC remote") });
  });
});
