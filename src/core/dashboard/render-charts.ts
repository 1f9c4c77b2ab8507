import { cssToken, escapeHtml } from "./escape-html.js";
import { formatBound } from "./format.js";
import { zoomOnMarks } from "./chart-view.js";
import { formatTime } from "./format.js";
import { renderLineChart } from "./line-chart.js";
import type { ChartView } from "./types.js";

const SOURCE_TEXT: Record<ChartView["source"], string> = {
  metrics: "series from the metric source",
  evidence: "series from the monitor's evidence",
  none: "no series available",
};

/** The "Monitored metrics" section: one figure per check with its chart, status and a legend. */
export function renderCharts(charts: ChartView[], slug: string): string {
  if (charts.length === 0) return `<p class="muted">This model has no monitored metric.</p>`;
  return charts.map((c, i) => figure(c, `chart-${slug}-${i}`)).join("\n");
}

function figure(c: ChartView, id: string): string {
  const status = c.status ?? "not checked";
  const anomalies = c.marked.filter((m) => m.reason === "anomaly").length;
  const breaches = c.marked.length - anomalies;
  const bound = formatBound(c.threshold);
  const legend = [
    `<li><span class="lg-series"></span>${escapeHtml(c.metric)}</li>`,
    bound ? `<li><span class="lg-thr"></span>threshold ${escapeHtml(bound)}</li>` : "",
    anomalies ? `<li><span class="lg-anomaly"></span>anomalous (${anomalies})</li>` : "",
    breaches ? `<li><span class="lg-breach"></span>outside threshold (${breaches})</li>` : "",
    c.events?.length ? `<li><span class="lg-event"></span>remediation and stage events (${c.events.length})</li>` : "",
  ].join("");
  return [
    `<figure class="chart-box" data-metric="${escapeHtml(c.metric)}" data-status="${escapeHtml(status)}" aria-labelledby="${id}-cap">`,
    `<figcaption id="${id}-cap"><h3>${escapeHtml(c.metric)} <span class="badge ${status === "ok" ? "h-ok" : status === "not checked" || status === "insufficient-data" ? "h-no-data" : `h-${cssToken(c.severity)}`}">${escapeHtml(status)}</span></h3>`,
    `<span class="muted">check <code>${escapeHtml(c.checkId)}</code>, ${escapeHtml(c.severity)}; ${SOURCE_TEXT[c.source]}.</span>${c.summary ? `<br>${escapeHtml(c.summary)}` : ""}</figcaption>`,
    ...(c.points.length === 0
      ? [`<p class="no-data">No series to draw: the reports carry no points for this metric. Pass <code>--source</code> to read it.</p>`]
      : [renderLineChart(c, id), `<ul class="legend" aria-hidden="true">${legend}</ul>`, events(c), zoom(c, `${id}-zoom`)]),
    `</figure>`,
  ].join("");
}

/** The events drawn on the chart, as a list a screen reader (or a reader without hover) can use. */
function events(c: ChartView): string {
  if (!c.events?.length) return "";
  return `<details class="events"><summary>${c.events.length} event${c.events.length === 1 ? "" : "s"} on this chart</summary><ul>${c.events.map((e) => `<li><time datetime="${new Date(e.t).toISOString()}">${escapeHtml(formatTime(e.t))}</time>: ${escapeHtml(e.label)}</li>`).join("")}</ul></details>`;
}

/** The close-up of the anomalous stretch under the full chart, when it is too narrow to read there. */
function zoom(c: ChartView, id: string): string {
  const z = zoomOnMarks(c);
  if (!z) return "";
  return `<p class="zoom-title">Close-up from ${escapeHtml(formatTime(z.points[0]!.t))}</p>${renderLineChart(z, id).replace('class="chart"', 'class="chart zoom"')}`;
}
