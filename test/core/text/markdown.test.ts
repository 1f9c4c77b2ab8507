import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { code, codeCell, mdCell, mdText } from "../../../src/core/text/markdown.js";
import { cellCount, unescaped, withoutCodeSpans } from "../card/markdown-safety.js";

const HOSTILE = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<!-- hidden --> text",
  "[click](javascript:alert(1))",
  "![img](https://evil.example/x.png)",
  "<https://evil.example>",
  "see https://evil.example/login and www.evil.example",
  "cc @octocat and @acme/admins please",
  "a | b | c",
  "line one\nline two\n\n# Heading\n- item\n> quote",
  "```\ncode fence\n```",
  "&lt;b&gt; &#64;octocat",
  "[ref]: https://evil.example",
  "1. ordered\n\n2) other",
  "`` tick ` tricks ``",
  "\u202eevil\u202c bidi and \u0007 bell",
];

describe("mdText", () => {
  it("keeps plain prose readable", () => {
    expect(mdText("Scores card transactions for fraud in real time, before authorization completes.")).toBe(
      "Scores card transactions for fraud in real time, before authorization completes.",
    );
    expect(mdText("Under-represents merchants; 2026.11 data (v2)")).toBe("Under-represents merchants; 2026.11 data (v2)");
  });

  it("neutralizes HTML, links, autolinks and mentions", () => {
    expect(mdText("<b>x</b>")).toBe("\\<b\\>x\\</b\\>");
    expect(mdText("[x](javascript:alert(1))")).toBe("\\[x\\](`javascript:alert(1))`");
    expect(mdText("open data:text/html,x and javascript:void")).toBe("open `data:text/html,x` and `javascript:void`");
    // a script-like word followed by a space is prose, not a URL
    expect(mdText("acuracy has no data: the check never runs")).toBe("acuracy has no data: the check never runs");
    expect(mdText("go to https://evil.example now")).toBe("go to `https://evil.example` now");
    expect(mdText("cc @octocat")).toBe("cc `@octocat`");
    expect(mdText("mail a@b.example")).toBe("mail a`@b`.example");
    expect(mdText("@x@octocat")).toBe("`@x@octocat`");
    expect(mdText("fixes #12, GH-3 and acme/infra#7; item 4#5")).toBe("fixes `#12`, `GH-3` and `acme/infra#7`; item 4`#5`");
  });

  it("escapes block syntax only at the start of a paragraph", () => {
    expect(mdText("# Title")).toBe("\\# Title");
    expect(mdText("- item")).toBe("\\- item");
    expect(mdText("1. one")).toBe("1\\. one");
    expect(mdText("a\nb")).toBe("a b");
    expect(mdText("a\n\n\nb")).toBe("a\n\nb");
  });

  it("never leaves active Markdown outside code spans, whatever the input", () => {
    const tokens = ["#1", "GH-2", "\\", "*", "_", "&", "www.", "javascript:", "https://e.x", "~", "$", ">", "\t", "    ", "@octocat", "@x", "|", "```", "`", "<", "[", " ", "\n", "a", "1.", "#", "-"];
    const text = fc.oneof(fc.string({ unit: "grapheme-ascii" }), fc.constantFrom(...HOSTILE), fc.array(fc.constantFrom(...HOSTILE, ...tokens), { maxLength: 12 }).map((a) => a.join("")));
    fc.assert(
      fc.property(text, (t) => {
        for (const line of mdText(t).split("\n")) {
          expect(unescaped(line, "<>[]&*_|~$`")).toEqual([]);
          const rest = withoutCodeSpans(line);
          expect(rest).not.toMatch(/@[a-z0-9]|#\d/i);
          expect(rest).not.toMatch(/https?:\/\/|www\./i);
          expect(rest).not.toMatch(/^\s*(#|>|-\s|\+\s|\d+[.)](\s|$)|```|~~~)/);
        }
        expect(mdText(t)).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000-\u0008]/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("table cells", () => {
  it("stay one cell on one line", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...HOSTILE)), (t) => {
        for (const cell of [mdCell(t), codeCell(t)]) {
          expect(cell).not.toContain("\n");
          expect(cellCount(`| ${cell} |`)).toBe(2);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keep a pipe after an even run of backslashes inside the cell (a case fast-check found)", () => {
    expect(codeCell("\\\\|")).toBe("`\\\\\\|`");
    expect(cellCount(`| ${codeCell("\\\\|")} |`)).toBe(2);
    expect(cellCount(`| ${mdCell("a\\\\|b")} |`)).toBe(2);
  });

  it("show — for nothing", () => {
    expect(mdCell(undefined)).toBe("—");
    expect(mdCell("  ")).toBe("—");
    expect(codeCell(undefined)).toBe("—");
  });
});

describe("code", () => {
  it("picks a fence longer than any backtick run inside", () => {
    expect(code("abc")).toBe("`abc`");
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
  });
});
