import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { detailTypeSlug } from "../../../src/core/monitor/build-events.js";
import {
  DEPLOYMENT_DETAIL_TYPES, deploymentFailedEvent, deploymentStartedEvent, deploymentSucceededEvent, rolledBackEvent, type DeploymentFacts,
} from "../../../src/core/plan/sagemaker-events.js";
import type { StewardEvent } from "../../../src/ports.js";

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
/** Throws with ajv's errors when `event.detail` does not match schemas/events/<slug>.schema.json. */
function expectValidEvent(event: StewardEvent): void {
  const slug = detailTypeSlug(event.detailType);
  const schema = JSON.parse(readFileSync(new URL(`../../../schemas/events/${slug}.schema.json`, import.meta.url), "utf8"));
  const validate = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
  if (!validate(event.detail)) throw new Error(`${event.detailType}: ${ajv.errorsText(validate.errors)}`);
}

const facts: DeploymentFacts = {
  model: "fraud-detection", stage: "production", endpoint: "fraud-detection-prod", kind: "update",
  endpointConfig: "fraud-detection-prod-9f8e7d6c5b", previousEndpointConfig: "fraud-detection-prod-1a2b3c4d5e",
  versions: [{ version: "8", weight: 100 }], trafficRouting: "CANARY", rollback: false, commit: "e71f0c3",
};
const now = new Date("2026-11-26T04:00:00Z");

describe("deployment events", () => {
  it("every detail-type has a schema, and the builders' details match it", () => {
    const events = [
      deploymentStartedEvent(facts, now),
      deploymentSucceededEvent(facts, now, 2712.4),
      deploymentFailedEvent(facts, now, { status: "Failed", reason: "The primary container for production variant AllTraffic did not pass the ping health check." }),
      rolledBackEvent({ ...facts, rollback: true }, now, { trigger: "git", servingConfig: facts.endpointConfig }),
      rolledBackEvent(facts, now, { trigger: "auto-rollback", servingConfig: "fraud-detection-prod-1a2b3c4d5e", reason: "alarm steward-fraud-detection-prod-accuracy-min" }),
    ];
    expect(new Set(events.map((e) => e.detailType))).toEqual(new Set(Object.values(DEPLOYMENT_DETAIL_TYPES)));
    for (const e of events) expectValidEvent(e);
    expect(events[1]!.detail.durationSeconds).toBe(2712);
    expect(events[4]!.detail).toMatchObject({ trigger: "auto-rollback", endpointConfig: "fraud-detection-prod-1a2b3c4d5e", abandonedEndpointConfig: "fraud-detection-prod-9f8e7d6c5b", abandonedVersions: [{ version: "8", weight: 100 }] });
    expect(events[4]!.detail.versions).toBeUndefined();
  });

  it("the schemas refuse a detail that drifts from them", () => {
    expect(() => expectValidEvent({ detailType: DEPLOYMENT_DETAIL_TYPES.started, detail: { ...deploymentStartedEvent(facts, now).detail, extra: 1 } })).toThrow(/additional properties/);
    expect(() => expectValidEvent({ detailType: DEPLOYMENT_DETAIL_TYPES.rolledBack, detail: { model: "m", stage: "production", endpoint: "e", trigger: "auto-rollback", endpointConfig: "c" } })).toThrow(/abandonedEndpointConfig/);
  });
});
