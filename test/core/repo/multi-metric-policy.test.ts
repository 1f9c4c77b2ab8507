import { describe, expect, it } from "vitest";
import { checkFile } from "../../../src/core/repo/check-file.js";
import type { PolicySpec } from "../../../src/core/types.js";

const enc = new TextEncoder();
const policy = (checks: string) => `apiVersion: steward/v1
kind: Policy
name: p
promotion: { order: [staging, production] }
monitoring:
  checks:
${checks}
`;
const check = (yaml: string) => checkFile("policies/p.yaml", enc.encode(policy(`    - ${yaml}`)));
const errors = (yaml: string) => check(yaml).findings.filter((f) => f.severity === "error");

describe("policy checks with several metrics", () => {
  it("accepts a correlation-break pair and a mahalanobis vector, and normalizes them", () => {
    const r = checkFile(
      "policies/p.yaml",
      enc.encode(
        policy(`    - { name: latency-vs-traffic, metrics: [latency, invocations], detectors: [correlation-break], sustained: 3, severity: warning }
    - { name: serving-health, metrics: [latency, errors, invocations], detectors: [{ name: mahalanobis, window: 288 }] }
    - { metric: accuracy, threshold: { min: 0.9 } }`),
      ),
    );
    expect(r.findings).toEqual([]);
    const spec = (r.parsed as { kind: "Policy"; spec: PolicySpec }).spec;
    expect(spec.monitoring.checks).toEqual([
      { id: "latency-vs-traffic", metric: "latency", metrics: ["latency", "invocations"], detectors: [{ name: "correlation-break", params: {} }], threshold: {}, sustained: 3, severity: "warning", compareVariants: false },
      { id: "serving-health", metric: "latency", metrics: ["latency", "errors", "invocations"], detectors: [{ name: "mahalanobis", params: { window: 288 } }], threshold: {}, sustained: 1, severity: "warning", compareVariants: false },
      { id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [{ name: "ensemble", params: {} }], threshold: { min: 0.9 }, sustained: 1, severity: "warning", compareVariants: true },
    ]);
  });

  it.each([
    ["both metric and metrics", "{ name: x, metric: latency, metrics: [latency, errors], detectors: [mahalanobis] }"],
    ["neither metric nor metrics", "{ name: x, detectors: [zscore] }"],
    ["a single item in metrics", "{ name: x, metrics: [latency], detectors: [mahalanobis] }"],
    ["the same metric twice", "{ name: x, metrics: [latency, latency], detectors: [mahalanobis] }"],
    ["no name", "{ metrics: [latency, errors], detectors: [mahalanobis] }"],
    ["no detectors", "{ name: x, metrics: [latency, errors] }"],
    ["a univariate detector on metrics", "{ name: x, metrics: [latency, errors], detectors: [zscore] }"],
    ["a multivariate detector on metric", "{ metric: latency, detectors: [mahalanobis] }"],
    ["a threshold on metrics", "{ name: x, metrics: [latency, errors], detectors: [mahalanobis], threshold: { max: 1 } }"],
    ["compareVariants on metrics", "{ name: x, metrics: [latency, errors], detectors: [mahalanobis], compareVariants: true }"],
    ["correlation-break over three metrics", "{ name: x, metrics: [latency, errors, invocations], detectors: [mahalanobis, correlation-break] }"],
    ["correlation-break object over three metrics", "{ name: x, metrics: [latency, errors, invocations], detectors: [{ name: correlation-break, window: 30 }] }"],
    ["an unknown multivariate parameter", "{ name: x, metrics: [latency, errors], detectors: [{ name: mahalanobis, reference: 30 }] }"],
  ])("rejects %s", (_what, yaml) => {
    const found = errors(yaml);
    expect(found.length).toBeGreaterThan(0);
  });
});
