import { describe, expect, it } from "vitest";
import { pointedDataPath, verifyBaseline } from "../../../src/core/monitor/verify-baseline.js";

const bytes = new TextEncoder().encode("a,b\n1,x\n");
// md5 of "a,b\n1,x\n" (what `md5sum` and DVC record for this file).
const MD5 = "705a99105d2a675f19c34665668d5c24";

describe("verifyBaseline", () => {
  it("accepts the bytes whose plain MD5 and size the pointer records", () => {
    expect(verifyBaseline({ md5: MD5, size: bytes.length, isDir: false }, bytes)).toBeUndefined();
    expect(verifyBaseline({ md5: MD5, isDir: false }, bytes)).toBeUndefined();
  });

  it("says why otherwise: missing, wrong size, wrong md5, a folder pointer", () => {
    expect(verifyBaseline({ md5: MD5, size: 8, isDir: false }, undefined)).toBe("the file is missing");
    expect(verifyBaseline({ md5: MD5, size: 9, isDir: false }, bytes)).toBe("size 8 bytes, the pointer says 9");
    expect(verifyBaseline({ md5: "0".repeat(32), size: 8, isDir: false }, bytes)).toBe(`md5 ${MD5}, the pointer says ${"0".repeat(32)}`);
    expect(verifyBaseline({ md5: "0".repeat(32) + ".dir", isDir: true }, bytes)).toMatch(/folder/);
  });
});

describe("pointedDataPath", () => {
  it("resolves the out path against the pointer's folder", () => {
    expect(pointedDataPath("data/fraud/baseline-features.csv.dvc", { path: "baseline-features.csv" })).toBe("data/fraud/baseline-features.csv");
    expect(pointedDataPath("data/x.csv.dvc", { path: "../raw/./x.csv" })).toBe("raw/x.csv");
    expect(pointedDataPath("x.csv.dvc", { path: "x.csv" })).toBe("x.csv");
  });
});
