/**
 * The fuzz harness: hostile text (random Unicode, backticks, `::`, `##[`, `<`, `@`, `|`, newlines)
 * in every text field of the YAML and of a monitor report, through the real pipelines, asserting
 * each output format's escaping invariants:
 * - Markdown (model cards): no raw HTML, link syntax, @mention or bidi override outside code spans
 *   (a card printed to a log goes through the stdout guard, checked by the third property);
 * - HTML (dashboard): the pages' markup (the sequence of tags) is the same as with harmless text;
 * - workflow commands (validate and monitor text through the CLI guard): no command line.
 * `npm test` runs a few cases; `npm run fuzz` runs them all for FUZZ_SECONDS in total (default and CI: 60).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { guardedWriter } from "../../src/adapters/output/stdout-guard.js";
import { buildCardView } from "../../src/core/card/build-card-view.js";
import { cardHistory } from "../../src/core/card/card-history.js";
import { DEFAULT_TEMPLATE } from "../../src/core/card/default-template.js";
import { compileCardTemplate } from "../../src/core/card/render-card.js";
import { buildDashboardView } from "../../src/core/dashboard/build-dashboard-view.js";
import { parseMonitorReport } from "../../src/core/dashboard/parse-report.js";
import { renderDashboard } from "../../src/core/dashboard/render-dashboard.js";
import { renderReportText } from "../../src/core/monitor/render-report.js";
import { assembleState } from "../../src/core/repo/assemble-state.js";
import { checkFile } from "../../src/core/repo/check-file.js";

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 0);
// FUZZ_SECONDS is the whole run's budget, shared by the three properties.
const params = SECONDS > 0 ? { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: (SECONDS * 1000) / 3, markInterruptAsFailure: false } : { numRuns: 25 };
const ROOT = new URL("../../", import.meta.url).pathname;
const read = (p: string) => readFileSync(`${ROOT}${p}`, "utf8");

/** Text an attacker would write: the dangerous pieces, joined with random Unicode. */
const hostile = fc
  .array(fc.oneof(fc.constantFrom("`", "``", "```", "::", "::add-mask::x", "##[error]", "<", "<script>", "</td>", "@acme/team", "@bob", "[x](javascript:y)", "|", "\n", "\r\n", "# ", "- ", "> ", "&amp;", "%0A", "\u202e", "\\", "http://x.y/z", "#12"), fc.string({ unit: "grapheme", maxLength: 8 })), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(""));

// ---------- Markdown: a model card from hostile YAML ----------
const FIELDS = ["description", "card.intendedUse", "card.outOfScope", "card.limitations", "card.ethicalConsiderations", "card.caveats"] as const;
const MODEL = read("models/fraud-detection/model.yaml");
const OTHERS = ["models/fraud-detection/versions/5.yaml", "models/fraud-detection/versions/6.yaml", "models/fraud-detection/versions/7.yaml", "models/fraud-detection/versions/8.yaml", "policies/strict.yaml", "policies/default.yaml"];
const template = compileCardTemplate(DEFAULT_TEMPLATE, "default");

function setField(yaml: string, field: (typeof FIELDS)[number], value: string): string {
  const key = field.split(".").pop()!;
  const indent = field.includes(".") ? "  " : "";
  return yaml.replace(new RegExp(`^${indent}${key}: .*$`, "m"), () => `${indent}${key}: ${JSON.stringify(value)}`);
}

function card(values: string[], notes: string): string {
  let model = MODEL;
  FIELDS.forEach((f, i) => (model = setField(model, f, `x${values[i]!}`))); // never empty: the schema wants text
  const enc = new TextEncoder();
  const checks = [checkFile("models/fraud-detection/model.yaml", enc.encode(model)), ...OTHERS.map((p) => checkFile(p, enc.encode(p.endsWith("8.yaml") ? read(p).replace(/^notes: .*$/m, () => `notes: ${JSON.stringify(notes)}`) : read(p))))];
  const errors = checks.flatMap((c) => c.findings.filter((f) => f.severity === "error"));
  expect(errors).toEqual([]);
  const { state } = assembleState(checks);
  const m = state.models.find((x) => x.name === "fraud-detection")!;
  return template(buildCardView({ model: m, state, history: cardHistory([], model, "fraud-detection") }));
}

/**
 * The card as Markdown interprets it, with what is literal taken out: the template's own comments,
 * fenced blocks, code spans and backslash escapes (scanned left to right as CommonMark does: an
 * escape outside a code span is literal; inside one, a backslash is just a character).
 */
function interpreted(md: string): string {
  const text = md.replace(/<!--[^>]*?-->/g, "").replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, "");
  let out = "";
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === "\\") {
      out += "E";
      i += 2;
      continue;
    }
    if (c === "`") {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(run, i + run.length);
      // A closing run of exactly the same length ends the span; otherwise the backticks are literal.
      let j = close;
      while (j >= 0 && (text[j - 1] === "`" || text[j + run.length] === "`")) j = text.indexOf(run, j + 1);
      if (j >= 0) {
        out += "C";
        i = j + run.length;
        continue;
      }
      out += "B".repeat(run.length);
      i += run.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

describe("fuzz: escaping invariants of every output format", () => {
  it("Markdown: a card from hostile YAML has no raw HTML, link, mention or bidi override from the data", () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: FIELDS.length, maxLength: FIELDS.length }), hostile, (values, notes) => {
        const md = interpreted(card(values, notes));
        expect(md).not.toMatch(/</); // every < escaped (no HTML, no comments)
        expect(md).not.toMatch(/\[[^\]]*\]\(/); // no [text](url)
        expect(md).not.toMatch(/(^|[^`\w])@(acme\/team|bob)\b/im); // the data's mentions only inside code (the policy's escalation mention is the generator's own)
        expect(md).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      }),
      params,
    );
  });

  // ---------- HTML: the dashboard from a hostile report ----------
  const base = (() => {
    const enc = new TextEncoder();
    const files = ["models/fraud-detection/model.yaml", ...OTHERS];
    return assembleState(files.map((p) => checkFile(p, enc.encode(read(p))))).state;
  })();
  const report = {
    status: { outcome: "findings", exitCode: 1, headline: "FINDINGS: 1 finding (1 threshold) would be acted on (dry run). 1 check: 0 ok, 1 finding, 0 no-data, 0 stale, 0 unreadable.", coverage: { ok: 0, finding: 1, "no-data": 0, stale: 0, unreadable: 0 }, failedActions: 0 },
    coverage: [{ model: "fraud-detection", check: "accuracy", outcome: "finding", detail: "S" }],
    now: "2026-11-26T04:00:00Z",
    dryRun: true,
    models: [{ model: "fraud-detection", policy: "strict", serving: "7", status: "critical", checks: [{ check: "accuracy", status: "breach", severity: "critical", summary: "S" }], incidents: [{ check: "accuracy", severity: "critical", issue: 3 }], changes: ["steward/rollback/fraud-detection"] }],
    findings: [
      { model: "fraud-detection", checkId: "accuracy", metric: "accuracy", kind: "threshold", severity: "critical", score: 1, fired: ["threshold"], sustainedPoints: 3, lastedSeconds: 600, evidence: [{ t: 1764129600000, value: 0.5 }], summary: "S" },
      {
        model: "fraud-detection", checkId: "drift", metric: "drift", kind: "drift", severity: "warning", score: 0.5, fired: ["psi"], sustainedPoints: 1, lastedSeconds: 0, evidence: [], summary: "S",
        drift: {
          baseline: "data/b.csv", drifted: ["C"], rows: [{ column: "C", test: "psi", statistic: 0.4, threshold: 0.2, verdict: "drift" }],
          histograms: [
            { column: "C", kind: "numeric", edges: [0, 1, 2], baseline: [0.5, 0.5], current: [0.1, 0.9] },
            { column: "C", kind: "categorical", categories: ["K", "K"], baseline: [0.5, 0.3], current: [0.2, 0.2], other: { categories: 2, baseline: 0.2, current: 0.6 } },
          ],
        },
      },
    ],
    actions: [{ kind: "open-issue", target: "fraud-detection/accuracy", summary: "S", status: "planned" }],
    warnings: ["W"],
    stats: { models: 1, series: 1, findings: 1 },
  };

  function site(text: (path: string) => string): string[] {
    const r = structuredClone(report) as typeof report;
    const m = r.models[0]!;
    m.checks[0]!.summary = text("check summary");
    m.checks[0]!.status = `s-${text("check status")}`;
    m.changes[0] = `steward/${text("change branch")}`;
    r.findings[0]!.summary = text("finding summary");
    // drift: column and category names (a report's categories are at most 120 characters)
    const d = r.findings[1]!.drift!;
    d.drifted = [text("drift column")];
    d.rows[0]!.column = text("drift column");
    for (const h of d.histograms) {
      h.column = text("drift column");
      if (h.categories) h.categories = h.categories.map(() => [...text("category")].slice(0, 100).join(""));
    }
    r.coverage[0]!.detail = text("coverage detail");
    r.actions[0]!.summary = text("action summary");
    r.warnings = [text("warning")];
    const parsed = parseMonitorReport(JSON.stringify(r));
    expect(parsed.ok ? "ok" : parsed.reason).toBe("ok");
    const view = buildDashboardView({ state: base, histories: new Map(), reports: [(parsed as unknown as { report: never }).report], series: new Map(), now: new Date("2026-11-26T05:00:00Z") });
    return renderDashboard(view).map((f) => f.html);
  }
  const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)].map((m) => m[1]).join(" ");
  const plain = site(() => "plain text").map(tags);

  it("HTML: hostile report text changes no page's markup", () => {
    fc.assert(
      fc.property(hostile, (h) => {
        const pages = site(() => `x${h}`); // never empty, as the plain text is not
        pages.forEach((p, i) => {
          expect(tags(p)).toBe(plain[i]);
          expect(p.match(/<script\b/g)?.length ?? 0).toBeLessThanOrEqual(1);
        });
      }),
      params,
    );
  });

  it("workflow commands: report text through the CLI's guard never yields a command line", () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const r = structuredClone(report) as typeof report;
        r.findings[0]!.summary = a;
        r.status.headline = `BLIND: 1 of 1 checks could not be read (first: ${a})`;
        r.coverage[0]!.detail = b;
        r.coverage[0]!.outcome = "unreadable";
        r.warnings = [b];
        r.models[0]!.checks[0]!.summary = b;
        let out = "";
        const g = guardedWriter((s) => void (out += s));
        g.write(renderReportText(r as never));
        g.flush();
        const lines = out.split(/\r\n|\r|\n/).map((l) => l.replace(/^[\s\u0085\u180e]+/, ""));
        expect(lines.filter((l) => l.startsWith("::") || l.startsWith("##["))).toEqual([]);
      }),
      params,
    );
  });
});
