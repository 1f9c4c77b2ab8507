import { describe, expect, it } from "vitest";
import { dvcObjectKeys, parseDvcConfig, parseS3Url } from "../../../src/core/repo/dvc-config.js";

describe("parseDvcConfig", () => {
  it("reads the default and named remotes as DVC writes them", () => {
    const cfg = parseDvcConfig(
      [
        "[core]",
        "    remote = storage",
        "    autostage = true",
        "# a comment",
        "['remote \"storage\"']",
        "    url = s3://acme-ml-artifacts/dvc",
        "    endpointurl = http://127.0.0.1:9000",
        "[remote \"archive\"]",
        "    url = s3://acme-archive/store",
        "    region = eu-west-1",
      ].join("\n"),
    );
    expect(cfg).toEqual({
      defaultRemote: "storage",
      remotes: { storage: "s3://acme-ml-artifacts/dvc", archive: "s3://acme-archive/store" },
      options: { storage: { endpointurl: "http://127.0.0.1:9000" }, archive: { region: "eu-west-1" } },
    });
  });

  it("layers config.local over config when concatenated", () => {
    const cfg = parseDvcConfig("[core]\nremote = a\n['remote \"a\"']\nurl = s3://one/x\n\n[core]\nremote = b\n['remote \"b\"']\nurl = s3://two/y\n");
    expect(cfg.defaultRemote).toBe("b");
    expect(Object.keys(cfg.remotes)).toEqual(["a", "b"]);
  });

  it("has no default remote when [core] names none", () => {
    expect(parseDvcConfig("['remote \"x\"']\nurl = s3://b/p\n").defaultRemote).toBeUndefined();
  });
});

describe("where DVC keeps an object", () => {
  it("lists the DVC 3 key first, then the DVC 2 key, for files and folder listings", () => {
    expect(dvcObjectKeys("dvc/", "0123456789abcdef0123456789abcdef")).toEqual([
      { layout: "dvc3", key: "dvc/files/md5/01/23456789abcdef0123456789abcdef" },
      { layout: "dvc2", key: "dvc/01/23456789abcdef0123456789abcdef" },
    ]);
    expect(dvcObjectKeys("", "0123456789abcdef0123456789abcdef.dir")[1]).toEqual({ layout: "dvc2", key: "01/23456789abcdef0123456789abcdef.dir" });
  });

  it("splits s3 URLs and refuses other schemes", () => {
    expect(parseS3Url("s3://bucket/a/b/")).toEqual({ bucket: "bucket", prefix: "a/b" });
    expect(parseS3Url("s3://bucket")).toEqual({ bucket: "bucket", prefix: "" });
    expect(parseS3Url("gs://bucket/a")).toBeUndefined();
  });
});
