import { describe, expect, it } from "vitest";
import { escapeHtml, pageSlug, safeHref } from "../../../src/core/dashboard/escape-html.js";
import { formatBound, formatTime, formatValue } from "../../../src/core/dashboard/format.js";
import { compareVersions } from "../../../src/core/dashboard/version-order.js";

describe("escaping", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
  it("keeps only http(s) and plain relative links", () => {
    expect(safeHref("https://github.com/acme/m/pull/3")).toBe("https://github.com/acme/m/pull/3");
    expect(safeHref("models/a.html")).toBe("models/a.html");
    expect(safeHref("javascript:alert(1)")).toBeUndefined();
    expect(safeHref("data:text/html,<b>")).toBeUndefined();
    expect(safeHref('https://x/"onmouseover="a')).toBeUndefined();
    expect(safeHref("//evil.example/x")).toBeUndefined();
    expect(safeHref(undefined)).toBeUndefined();
  });
  it("makes file-safe page names", () => {
    expect(pageSlug("fraud-detection")).toBe("fraud-detection");
    expect(pageSlug("../etc/passwd")).toBe("_._etc_passwd");
    expect(pageSlug("")).toBe("_");
  });
});

describe("formatting", () => {
  it("formats values, times and bounds without locale", () => {
    expect([formatValue(0.86352), formatValue(212433), formatValue(2), formatValue(12345678), formatValue(0)]).toEqual(["0.8635", "212433", "2", "1.23e+7", "0"]);
    expect(formatTime("2026-11-25T23:50:00.000Z")).toBe("2026-11-25 23:50 UTC");
    expect([formatBound({ min: 0.9 }), formatBound({ max: 5 }), formatBound({ min: 1, max: 2 }), formatBound({})]).toEqual(["≥ 0.9", "≤ 5", "1 – 2", ""]);
  });
});

describe("compareVersions", () => {
  it("orders digit runs numerically", () => {
    expect(["1.10.0", "1.2.0", "2026.9", "2026.11", "7", "10"].sort(compareVersions)).toEqual(["1.2.0", "1.10.0", "7", "10", "2026.9", "2026.11"]);
  });
});
