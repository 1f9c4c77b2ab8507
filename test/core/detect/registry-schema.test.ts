import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { detectors } from "../../../src/core/detect/registry.js";
import { multivariateDetectors } from "../../../src/core/detect/multivariate/registry.js";
import { driftTests } from "../../../src/core/drift/registry.js";

const schema = JSON.parse(readFileSync(new URL("../../../schemas/detectors.schema.json", import.meta.url), "utf8"));

describe("schemas/detectors.schema.json matches the registries", () => {
  it("lists exactly the registry's detector names", () => {
    expect([...schema.$defs.detectorName.enum].sort()).toEqual(Object.keys(detectors).sort());
  });

  it("lists exactly each detector's parameters", () => {
    for (const [name, spec] of Object.entries(detectors)) {
      const def = schema.$defs[name];
      expect(def, name).toBeDefined();
      expect(def.properties.name.const).toBe(name);
      const params = Object.keys(def.properties).filter((k) => k !== "name").sort();
      expect(params, name).toEqual(Object.keys(spec.defaults).sort());
    }
  });

  it("lists exactly the multivariate registry's names and parameters", () => {
    expect([...schema.$defs.multivariateDetectorName.enum].sort()).toEqual(Object.keys(multivariateDetectors).sort());
    for (const [name, spec] of Object.entries(multivariateDetectors)) {
      const def = schema.$defs[name];
      expect(def, name).toBeDefined();
      expect(def.properties.name.const).toBe(name);
      const params = Object.keys(def.properties).filter((k) => k !== "name").sort();
      expect(params, name).toEqual(Object.keys(spec.defaults).sort());
    }
    // the two registries never share a name: a check's kind decides which one it reads
    expect(Object.keys(multivariateDetectors).filter((n) => n in detectors)).toEqual([]);
  });

  it("lists exactly the drift tests", () => {
    expect([...schema.$defs.driftTest.enum].sort()).toEqual(Object.keys(driftTests).sort());
  });

  it("accepts names and parameter objects, rejects unknown names and parameters", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addSchema(schema);
    const validate = ajv.compile({ $ref: "https://model-steward.dev/schemas/detectors.schema.json#/$defs/detector" });
    expect(validate("zscore")).toBe(true);
    expect(validate({ name: "trend", method: "theil-sen", direction: "down", window: 30 })).toBe(true);
    expect(validate({ name: "ensemble" })).toBe(true);
    expect(validate("prophet")).toBe(false);
    expect(validate({ name: "zscore", windw: 30 })).toBe(false);
    expect(validate({ name: "trend", method: "lasso" })).toBe(false);
    expect(validate("mahalanobis")).toBe(false);
    const multi = ajv.compile({ $ref: "https://model-steward.dev/schemas/detectors.schema.json#/$defs/multivariateDetector" });
    expect(multi("correlation-break")).toBe(true);
    expect(multi({ name: "mahalanobis", window: 288, minPoints: 30, threshold: 3.5 })).toBe(true);
    expect(multi({ name: "correlation-break", window: 30, reference: 120 })).toBe(true);
    expect(multi("zscore")).toBe(false);
    expect(multi({ name: "correlation-break", minPoints: 3 })).toBe(false);
  });
});
