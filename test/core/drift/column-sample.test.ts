import { describe, expect, it } from "vitest";
import { compareColumnSamples, compareSamples } from "../../../src/core/drift/compare-samples.js";
import { MAX_CATEGORIES, SampleReader } from "../../../src/core/drift/column-sample.js";
import { parseCsvColumns } from "../../../src/core/drift/parse-csv.js";

const text = ['x,"kind, with comma",note', ...Array.from({ length: 300 }, (_, i) => `${(i * 37) % 101},${["a", "b", '"c ""q"""'][i % 3]},"line\r\nbreak ${i % 4}"`), "7,,", ""].join("\r\n");

function read(t: string, size: number) {
  const r = new SampleReader();
  for (let i = 0; i < t.length; i += size) r.write(t.slice(i, i + size));
  return r.end();
}

describe("SampleReader (drift samples read as a stream)", () => {
  it("gives the same report as the whole-text parser, whatever the chunking", () => {
    const other = text.replace(/,a,/g, ",b,");
    const whole = compareSamples(parseCsvColumns(text), parseCsvColumns(other));
    for (const size of [1, 3, 17, 4096]) expect(compareColumnSamples(read(text, size), read(other, size))).toEqual(whole);
    expect(whole.columns.map((c) => [c.column, c.kind, c.baselineCount, c.missing])).toEqual([
      ["x", "numeric", 301, 0],
      ["kind, with comma", "categorical", 300, 2],
      ["note", "categorical", 300, 2],
    ]);
  });

  it("keeps numbers as 8-byte values and category counts, not the text", () => {
    const r = new SampleReader();
    r.write("v,k\n");
    for (let i = 0; i < 100_000; i++) r.write(`${i},${i % 5}\n`);
    const cols = r.end();
    expect(cols.get("v")!.numbers()).toHaveLength(100_000);
    expect(cols.get("v")!.counts).toBeUndefined(); // more distinct values than a category table keeps
    expect(cols.get("k")!.counts!.size).toBe(5);
  });

  it("skips a text column with too many distinct values, and reports unterminated quotes and empty input", () => {
    const many = ["id", ...Array.from({ length: MAX_CATEGORIES + 5 }, (_, i) => `u${i}`)].join("\n");
    const report = compareColumnSamples(read(many, 1 << 16), read(many, 1 << 16));
    expect(report.columns[0]!.skipped).toMatch(/more than 10000 distinct values/);
    expect(() => read('a\n"open', 4)).toThrow(/unterminated quoted field/);
    expect(() => read("", 4)).toThrow(/no header row/);
  });
});
