import { describe, expect, it } from "vitest";
import { buildDashboardView } from "../../../src/core/dashboard/build-dashboard-view.js";
import { renderDashboard } from "../../../src/core/dashboard/render-dashboard.js";
import { histogramBins, histogramLabel, renderHistograms, renderHistogramSvg } from "../../../src/core/dashboard/render-histogram.js";
import type { ColumnHistogram } from "../../../src/core/monitor/types.js";
import { aModelSpec, aPolicySpec, aRepoState, aVersionSpec } from "../../support/builders.js";
import { aCheck, aFinding, aReport } from "./a-report.js";

const HOSTILE = `<script>alert("owned")</script><img src=x onerror=alert(1)>`;
const amount: ColumnHistogram = { column: "amount", kind: "numeric", edges: [0, 10, 20, 30], baseline: [0.6, 0.2, 0.2], current: [0.1, 0.3, 0.6] };
const hour: ColumnHistogram = { column: "hour", kind: "numeric", edges: [-0.5, 0.5, 1.5, 3.5], integers: true, baseline: [0.2, 0.3, 0.5], current: [0.4, 0.4, 0.2] };
const city: ColumnHistogram = { column: HOSTILE, kind: "categorical", categories: [HOSTILE, "b"], baseline: [0.5, 0.25], current: [0.2, 0.2], other: { categories: 3, baseline: 0.25, current: 0.6 } };

describe("drift histograms on the model page", () => {
  it("labels bins by range, by whole number, by category and other; refuses arrays that disagree", () => {
    expect(histogramBins(amount)!.map((b) => b.label)).toEqual(["0 – 10", "10 – 20", "20 – 30"]);
    expect(histogramBins(hour)!.map((b) => b.label)).toEqual(["0", "1", "2 – 3"]);
    expect(histogramBins(city)!.map((b) => b.label)).toEqual([HOSTILE, "b", "other (3 categories)"]);
    expect(histogramBins({ ...amount, current: [1] })).toBeUndefined();
    expect(histogramBins({ ...city, categories: [] , baseline: [], current: [] })).toBeUndefined();
  });

  it("says in words what it compares and where the samples differ most", () => {
    expect(histogramLabel(amount, histogramBins(amount)!)).toBe("amount: share of the baseline and of the current sample in 3 equal-width bins from 0 to 30; largest difference in 0 – 10: baseline 60 %, current 10 %.");
    expect(histogramLabel(hour, histogramBins(hour)!)).toContain("3 bins of whole numbers from 0 to 3");
  });

  it("draws a baseline and a current bar per bin, on one axis, with a title on each", () => {
    const svg = renderHistogramSvg(amount, histogramBins(amount)!, "h1");
    expect(svg.match(/<rect class="hb"/g)).toHaveLength(3);
    expect(svg.match(/<rect class="hc"/g)).toHaveLength(3);
    expect(svg).toMatch(/^<svg class="hist" id="h1" viewBox="0 0 720 220" role="img" aria-label="amount: [^"]+"/);
    expect(svg).toContain("<title>20 – 30: current 60 %</title>");
    // the axis reaches the largest share in round steps: 0 … 60 %
    expect(svg).toContain(">60 %</text>");
    const heights = [...svg.matchAll(/<rect class="(hb|hc)" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)].map((m) => Number(m[2]));
    // 60 % is the top of the axis: the full plot height (220 - 14 - 44)
    expect(Math.max(...heights)).toBe(162);
    expect(heights[0]! / heights[1]!).toBeCloseTo(0.6 / 0.1, 1);
  });

  it("escapes column and category names everywhere, and gives a table of every bin without script", () => {
    const html = renderHistograms([amount, city], [HOSTILE], "m");
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/<img/);
    expect(html).toContain("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;");
    // the drifted column comes first
    expect(html.indexOf(`data-column="&lt;script&gt;`)).toBeLessThan(html.indexOf(`data-column="amount"`));
    const table = html.slice(html.indexOf("<details"), html.indexOf("</details>"));
    expect(table.match(/<tr><th scope="row">/g)).toHaveLength(3);
    expect(table).toContain(`<td class="num">25 %</td><td class="num">60 %</td><td class="num">+35 %</td>`);
    expect(html).toContain(`<ul class="legend" aria-hidden="true"><li><span class="lg-hb"></span>baseline</li><li><span class="lg-hc"></span>current</li></ul>`);
  });

  it("says so instead of drawing a histogram whose arrays disagree", () => {
    const html = renderHistograms([{ ...amount, baseline: [1] }], [], "m");
    expect(html).toContain("is inconsistent");
    expect(html).not.toContain("<svg");
  });

  it("appear in the model page's drift section from the report, without changing the CSP", () => {
    const state = aRepoState({ models: [aModelSpec()], versions: [aVersionSpec({ version: "7" })], policies: [aPolicySpec({ monitoring: { checks: [aCheck()], recovery: 0 } })] });
    const drift = aFinding({ kind: "drift", checkId: "drift", metric: "drift", evidence: [], drift: { baseline: "data/b.csv", drifted: ["amount"], rows: [{ column: "amount", test: "psi", statistic: 0.4, threshold: 0.2, verdict: "drift" }], histograms: [amount, hour] } });
    const view = buildDashboardView({ state, histories: new Map(), reports: [aReport({ findings: [drift] })], series: new Map(), now: new Date("2026-11-26T00:00:00Z"), warnings: [] });
    const page = renderDashboard(view).find((f) => f.path === "models/fraud-detection.html")!.html;
    const section = page.slice(page.indexOf(`id="drift-h"`), page.indexOf(`id="versions-h"`));
    expect(section.match(/<svg class="hist"/g)).toHaveLength(2);
    expect(section).toContain(`<figure class="chart-box hist-box" data-column="amount"`);
    expect(page).not.toMatch(/\sstyle="/);
  });
});
