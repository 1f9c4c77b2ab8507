import { describe, expect, it } from "vitest";
import { mergeSection, readSections } from "../../../src/core/report/pr-comment.js";
import { mdCell, mdInline, mdTable } from "../../../src/core/report/markdown.js";

describe("the sticky pull-request comment", () => {
  it("keeps the other sections when one is updated, in a fixed order", () => {
    const a = mergeSection(undefined, "plan", "plan v1");
    const b = mergeSection(a, "validate", "all valid");
    const c = mergeSection(b, "plan", "plan v2");
    expect(readSections(c)).toEqual({ validate: "all valid", plan: "plan v2" });
    expect(c.indexOf("all valid")).toBeLessThan(c.indexOf("plan v2"));
    expect(c).toContain("<!-- steward:pr-summary -->");
  });
});

describe("markdown escaping", () => {
  it("defuses HTML, mentions, links and table breaks", () => {
    expect(mdInline("<img src=x onerror=alert(1)> @octocat [x](javascript:alert(1))")).toBe("\\<img src=x onerror=alert(1)\\> `@octocat` \\[x\\](`javascript:alert(1))`");
    expect(mdCell("a | b\nc")).toBe("a \\| b c");
    expect(mdTable(["k", "v"], [["a|b", "1"]], ["l", "r"])).toBe("| k | v |\n| --- | ---: |\n| a\\|b | 1 |");
  });
});

describe("the sticky comment's size", () => {
  it("stays under GitHub's limit whatever the size, closing what it cuts and pointing at the job summary", () => {
    const huge = ["<details><summary>diff</summary>", "", "````diff", ...Array.from({ length: 5000 }, (_, i) => `+ line ${i} ${"x".repeat(30)}`)].join("\n");
    const body = mergeSection(mergeSection(undefined, "validate", "all valid"), "card", huge, { summaryUrl: "https://github.com/acme/models/actions/runs/1" });
    expect(body.length).toBeLessThanOrEqual(65_000);
    const card = readSections(body).card!;
    expect(card).toMatch(/\n````\n<\/details>\n\n_Cut to fit GitHub's comment size limit: the full report is in \[the job summary\]\(https:\/\/github.com\/acme\/models\/actions\/runs\/1\)\._$/);
    expect(readSections(body).validate).toBe("all valid");
    expect(mergeSection(undefined, "card", "small")).not.toContain("Cut to fit");
  });
});
