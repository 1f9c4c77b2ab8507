import { describe, expect, it } from "vitest";
import { modelDataUrl } from "../../../src/core/plan/sagemaker-model-data.js";

const MD5 = "0123456789abcdef0123456789abcdef";
const pointers = new Map([["models/m/artifacts/model.tar.gz.dvc", { file: "models/m/artifacts/model.tar.gz.dvc", outs: [{ md5: MD5, path: "model.tar.gz", isDir: false }] }]]) as never;

describe("modelDataUrl without DVC configuration", () => {
  it("names the pointer, what is missing and the command that adds it", () => {
    const r = modelDataUrl({ kind: "file", dvc: "models/m/artifacts/model.tar.gz.dvc" }, pointers, { remotes: {} });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^no DVC remote for the artifact models\/m\/artifacts\/model\.tar\.gz\.dvc: .*no remote in \.dvc\/config .*`dvc remote add -d storage s3:\/\/BUCKET\/PREFIX`/) });
  });

  it("with remotes but no default, says to name one", () => {
    const r = modelDataUrl({ kind: "file", dvc: "models/m/artifacts/model.tar.gz.dvc" }, pointers, { remotes: { a: "s3://b/p" } });
    expect(r.ok || r.reason).toMatch(/Name a default remote in \.dvc\/config \(\[core\] remote\)/);
    expect(modelDataUrl({ kind: "file", dvc: "models/m/artifacts/model.tar.gz.dvc" }, pointers, { defaultRemote: "a", remotes: { a: "s3://b/p" } })).toEqual({ ok: true, url: `s3://b/p/files/md5/01/${MD5.slice(2)}` });
  });
});
