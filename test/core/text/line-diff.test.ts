import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, unifiedDiff } from "../../../src/core/text/line-diff.js";

/** Applies a unified diff produced by unifiedDiff to `old`, as `patch` would. */
function applyPatch(old: string, diff: string): string {
  if (diff === "") return old;
  const src = old === "" ? [] : old.replace(/\n$/, "").split("\n");
  const oldHasEol = old === "" || old.endsWith("\n");
  const lines = diff.replace(/\n$/, "").split("\n").slice(2);
  const out: string[] = [];
  let pos = 0;
  let newEol = true;
  let lastKind = "";
  for (const l of lines) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(l);
    if (h) {
      const start = Number(h[1]) - (h[2] === "0" ? 0 : 1);
      while (pos < start) out.push(src[pos++]!);
      continue;
    }
    if (l === "\\ No newline at end of file") {
      if (lastKind !== "-") newEol = false;
      continue;
    }
    lastKind = l[0]!;
    if (l[0] === " ") {
      expect(src[pos]).toBe(l.slice(1));
      out.push(src[pos++]!);
    } else if (l[0] === "-") {
      expect(src[pos]).toBe(l.slice(1));
      pos++;
    } else out.push(l.slice(1));
  }
  const touchedEnd = pos === src.length;
  while (pos < src.length) out.push(src[pos++]!);
  if (out.length === 0) return "";
  return out.join("\n") + ((touchedEnd ? newEol : oldHasEol) ? "\n" : "");
}

describe("diffLines", () => {
  it("finds a shortest edit script", () => {
    const ops = diffLines(["a", "b", "c", "a", "b", "b", "a"], ["c", "b", "a", "b", "a", "c"]);
    expect(ops.filter((o) => o.kind !== "equal")).toHaveLength(5);
    expect(ops.filter((o) => o.kind !== "insert").map((o) => o.line)).toEqual(["a", "b", "c", "a", "b", "b", "a"]);
    expect(ops.filter((o) => o.kind !== "delete").map((o) => o.line)).toEqual(["c", "b", "a", "b", "a", "c"]);
  });
});

describe("unifiedDiff", () => {
  it("prints hunks like diff -u", () => {
    const a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
    const b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n";
    expect(unifiedDiff(a, b, { from: "a/x", to: "b/x" })).toBe("--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    expect(unifiedDiff("", "x\n", { from: "/dev/null", to: "b/x" })).toBe("--- /dev/null\n+++ b/x\n@@ -0,0 +1 @@\n+x\n");
    expect(unifiedDiff("x", "x\n", { from: "a", to: "b" })).toBe("--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n");
    expect(unifiedDiff(a, a, { from: "a", to: "b" })).toBe("");
  });

  it("is a patch that turns the old text into the new one", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 30 }).chain((lines) =>
      fc.boolean().map((eol) => (lines.length ? lines.join("\n") + (eol ? "\n" : "") : "")),
    );
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (a, b, ctx) => {
        expect(applyPatch(a, unifiedDiff(a, b, { from: "a", to: "b" }, ctx))).toBe(b);
      }),
      { numRuns: 1000 },
    );
  });
});
