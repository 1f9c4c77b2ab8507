import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, endpointConfigName, hashedName, SAGEMAKER_NAME_PATTERN, sageMakerModelName, variantName } from "../../../src/core/plan/sagemaker-names.js";

describe("sagemaker names", () => {
  it("hashes equal content equally, whatever the key order", () => {
    expect(contentHash({ a: 1, b: { c: [1, 2], d: "x" } })).toBe(contentHash({ b: { d: "x", c: [1, 2] }, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(canonicalJson({ b: 1, a: undefined, c: null })).toBe('{"b":1,"c":null}');
  });

  it("always produces a valid SageMaker name of at most 63 characters ending in the hash", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 30 }), (model, version) => {
        const hash = contentHash({ model, version });
        const name = sageMakerModelName(model, version, hash);
        expect(name.length).toBeLessThanOrEqual(63);
        expect(name).toMatch(SAGEMAKER_NAME_PATTERN);
        expect(name.endsWith(`-${hash}`)).toBe(true);
      }),
    );
  });

  it("keeps readable names readable", () => {
    expect(sageMakerModelName("fraud-detection", "8", "0123456789")).toBe("fraud-detection-v8-0123456789");
    expect(sageMakerModelName("churn", "1.2.0", "abcdefabcd")).toBe("churn-v1-2-0-abcdefabcd");
    expect(endpointConfigName("fraud-detection-prod", "0123456789")).toBe("fraud-detection-prod-0123456789");
    expect(hashedName("a".repeat(80), "0123456789")).toHaveLength(63);
  });

  it("names a single-version stage's variant AllTraffic and split variants after their versions", () => {
    expect(variantName("7", 1)).toBe("AllTraffic");
    expect(variantName("1.2.0", 2)).toBe("v-1-2-0");
  });
});
