import { describe, expect, it } from "vitest";
import { buildDashboardView } from "../../../src/core/dashboard/build-dashboard-view.js";
import { renderDashboard } from "../../../src/core/dashboard/render-dashboard.js";
import { aModelSpec, aPolicySpec, aRepoState, aVersionSpec } from "../../support/builders.js";
import { aCheck, aFinding, aReport } from "./a-report.js";

const HOSTILE = `<script>alert("owned")</script><img src=x onerror=alert(1)>`;

function site(description = "Scores card transactions.") {
  const state = aRepoState({
    models: [aModelSpec({ description, owners: [HOSTILE], task: HOSTILE }), aModelSpec({ name: "churn", policy: "strict" })],
    versions: [aVersionSpec({ version: "7", notes: HOSTILE }), aVersionSpec({ model: "churn", version: "1" })],
    policies: [aPolicySpec({ monitoring: { checks: [aCheck()], recovery: 0 } })],
  });
  const report = aReport({
    findings: [aFinding({ summary: HOSTILE })],
    actions: [{ kind: "open-issue", target: "fraud-detection/accuracy", summary: HOSTILE, status: "done", url: "javascript:alert(1)" }],
  });
  const view = buildDashboardView({ state, histories: new Map(), reports: [report], series: new Map(), now: new Date("2026-11-26T00:00:00Z"), warnings: [HOSTILE] });
  return renderDashboard(view);
}

describe("renderDashboard", () => {
  it("writes index.html and one page per model", () => {
    expect(site().map((f) => f.path)).toEqual(["index.html", "models/churn.html", "models/fraud-detection.html"]);
  });

  it("renders hostile text from YAML and reports as text, never as markup", () => {
    for (const f of site(HOSTILE)) {
      // The only script element is the dashboard's own, at the end of the page.
      expect(f.html.match(/<script/g), f.path).toHaveLength(1);
      expect(f.html).not.toMatch(/<img/);
      expect(f.html).not.toContain("javascript:");
      expect(f.html).not.toMatch(/<[^>]*\sonerror=/i);
    }
    const page = site(HOSTILE).find((f) => f.path === "models/fraud-detection.html")!.html;
    expect(page).toContain("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;");
  });

  it("is self-contained: no external resource, no network URL in src or href", () => {
    for (const f of site()) {
      expect(f.html).not.toMatch(/<link\b|<script\s+src|\bsrc="http|@import|url\(/i);
      expect(f.html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(f.html).toContain('<meta name="viewport"');
    }
  });

  it("gives the index a labelled filter box and a sortable table with a row per model", () => {
    const index = site()[0]!.html;
    expect(index).toContain('<label for="filter">Filter models</label><input id="filter" type="search"');
    expect(index).toMatch(/<table id="models" class="sortable"><caption>/);
    expect(index.match(/<tr data-model=/g)).toHaveLength(2);
    expect(index).toContain('<a class="model-link" href="models/fraud-detection.html">fraud-detection</a>');
    expect(index).toContain('<tr data-model="fraud-detection" data-health="ok" data-severity="critical" data-owners="');
    expect(index).toContain('<tr data-model="churn" data-health="unknown" data-severity="none" data-owners="%40acme%2Frisk-ml">');
    for (const id of ["f-owner", "f-severity", "f-status"]) expect(index).toMatch(new RegExp(`<label for="${id}">[^<]+</label><select id="${id}" aria-controls="models">`));
  });

  it("is byte-for-byte the same for the same inputs", () => {
    expect(site()).toEqual(site());
  });
});
