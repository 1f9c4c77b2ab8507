import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { detailTypeSlug, MONITOR_DETAIL_TYPES } from "../../../src/core/monitor/build-events.js";

const template = parse(readFileSync(new URL("../../../docs/aws/eventbridge.yaml", import.meta.url), "utf8")) as {
  Resources: Record<string, { Type: string; Properties: { EventPattern?: Record<string, unknown> } }>;
};

describe("docs/aws/eventbridge.yaml", () => {
  const rules = Object.values(template.Resources).filter((r) => r.Type === "AWS::Events::Rule");
  const patterns = rules.map((r) => r.Properties.EventPattern!);

  it("routes only model-steward events, by detail-types the monitor publishes", () => {
    const named = new Set<string>();
    const collect = (p: Record<string, unknown>) => {
      for (const t of (p["detail-type"] as string[] | undefined) ?? []) named.add(t);
      for (const alt of (p.$or as Record<string, unknown>[] | undefined) ?? []) collect(alt);
    };
    for (const p of patterns) {
      expect(p.source).toEqual(["model-steward"]);
      collect(p);
    }
    expect([...named].every((t) => (Object.values(MONITOR_DETAIL_TYPES) as string[]).includes(t))).toBe(true);
    expect(named).toEqual(new Set(Object.values(MONITOR_DETAIL_TYPES)));
  });

  it("has a schema for every detail-type the monitor publishes", () => {
    for (const t of Object.values(MONITOR_DETAIL_TYPES)) {
      expect(existsSync(new URL(`../../../schemas/events/${detailTypeSlug(t)}.schema.json`, import.meta.url)), t).toBe(true);
    }
  });

  it("sends alerts to SNS and retraining to Step Functions", () => {
    const targets = Object.values(template.Resources).filter((r) => r.Type === "AWS::SNS::Topic" || r.Type === "AWS::StepFunctions::StateMachine");
    expect(targets.map((t) => t.Type).sort()).toEqual(["AWS::SNS::Topic", "AWS::StepFunctions::StateMachine"]);
  });
});
