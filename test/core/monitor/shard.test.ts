import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fnv1a32, inShard, parseShard, shardOf } from "../../../src/core/monitor/shard.js";

describe("shards", () => {
  it("parses I/N and refuses anything else", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "1-4", ""]) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it("hashes with FNV-1a (known vectors), so the partition is the same on every machine", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("puts every model in exactly one shard, and a model's shard does not depend on the others", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (names, count) => {
        const models = names.map((n) => ({ name: n }));
        const parts = Array.from({ length: count }, (_, i) => inShard(models, { index: i + 1, count }).map((m) => m.name));
        expect(parts.flat().sort()).toEqual([...names].sort());
        for (const n of names) expect(parts[shardOf(n, count) - 1]).toContain(n);
        const fewer = inShard(models.slice(1), { index: 1, count }).map((m) => m.name);
        expect(fewer).toEqual(parts[0]!.filter((n) => n !== names[0]));
      }),
    );
  });

  it("keeps the sample models where they are (a stable, pinned partition)", () => {
    expect(["churn-prediction", "demand-forecasting", "fraud-detection"].map((m) => shardOf(m, 2))).toMatchInlineSnapshot(`
      [
        2,
        1,
        2,
      ]
    `);
  });
});
