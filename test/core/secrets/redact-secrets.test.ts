import { describe, expect, it } from "vitest";
import { createRedactor, redactSecrets, REDACTED, secretValuesFromEnv } from "../../../src/core/secrets/redact-secrets.js";

describe("redactSecrets", () => {
  it.each([
    ["URL userinfo", "could not reach http://ana:hunter22@mlflow.local:5000/api", "could not reach http://***@mlflow.local:5000/api"],
    ["userinfo without password", "https://tok3n@host/x", "https://***@host/x"],
    ["bearer header", "authorization: Bearer abcdef123456", "authorization: Bearer ***"],
    ["basic header", "Authorization: Basic YW5hOmh1bnRlcjIy", "Authorization: Basic ***"],
    ["GitHub token", "token ghp_0123456789abcdefghijABCDEFGHIJ used", "token *** used"],
    ["fine-grained GitHub token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "***"],
    ["Databricks token", "DATABRICKS: dapi0123456789abcdef0123456789abcdef-2", "DATABRICKS: ***"],
    ["AWS access key id", "key AKIAIOSFODNN7EXAMPLE here", "key *** here"],
    ["secret query parameter", "GET /x?page_token=abc&access_token=zzz999", "GET /x?page_token=***&access_token=***"],
    ["json secret field", '{"password": "hunter22", "user": "ana"}', '{"password": "***", "user": "ana"}'],
  ])("masks %s", (_what, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it("masks known values wherever they appear, also URL-encoded and base64-encoded", () => {
    const secret = "p@ss word/1";
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${btoa(secret)} d`;
    const out = redactSecrets(text, [secret]);
    expect(out).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED} d`);
  });

  it("masks the longest known value first, so no suffix of a secret survives", () => {
    expect(redactSecrets("x abcdefgh y", ["abcd", "abcdefgh"])).toBe("x *** y");
  });

  it("ignores empty, undefined and very short known values and leaves plain text alone", () => {
    const text = "fraud-detection: MLflow version 3 is not in the repository";
    expect(redactSecrets(text, ["", undefined, "a", "3"])).toBe(text);
  });

  it("a bound redactor masks its secrets", () => {
    expect(createRedactor(["s3cr3t-value"])("value=s3cr3t-value!")).toBe("value=***!");
  });
});

describe("secretValuesFromEnv", () => {
  it("collects variables named like secrets and passwords in URL userinfo, skipping booleans", () => {
    const values = secretValuesFromEnv({
      MLFLOW_TRACKING_TOKEN: "tok-123456",
      MLFLOW_TRACKING_PASSWORD: "pw-abcdef",
      DATABRICKS_TOKEN: "dapi-x-1234",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI",
      GITHUB_TOKEN: "ghs_abcdef",
      MLFLOW_TRACKING_INSECURE_TLS: "true",
      MLFLOW_TRACKING_URI: "http://ana:p%40ss99@host",
      HOME: "/home/ana",
    });
    expect(values).toEqual(expect.arrayContaining(["tok-123456", "pw-abcdef", "dapi-x-1234", "wJalrXUtnFEMI", "ghs_abcdef", "p%40ss99", "p@ss99"]));
    expect(values).not.toContain("true");
    expect(values).not.toContain("/home/ana");
  });
});
