import type { ModelSpec, ModelVersionSpec, PolicySpec, RepoState } from "../types.js";
import type { CardHistory } from "./card-history.js";
import type { CardView } from "./card-view.js";
import { compareMetrics, pickComparison } from "./compare-versions.js";
import { dataRows } from "./data-rows.js";
import { describeDeployment } from "./describe-deployment.js";
import { describeMonitoring, describeRemediation } from "./describe-policy.js";
import { compareVersions, formatDate, formatNumber } from "./format.js";
import { boundSets, checkBounds, describeGates } from "./gates.js";
import { currentStageRows, historyRows, soakSentences } from "./history-rows.js";
import { code, codeCell, mdCell, mdText } from "../text/markdown.js";
import { metricChart } from "./mermaid-chart.js";
import { compareWithMlflow } from "./mlflow-compare.js";
import type { MlflowFacts } from "./run-reader.js";

export interface CardInput {
  model: ModelSpec;
  state: Pick<RepoState, "versions" | "policies" | "pointers">;
  /** The model.yaml history as cardHistory splits it. */
  history: CardHistory;
  /** What MLflow said about the model's runs and registry versions; undefined when the card is built without MLflow. */
  mlflow?: MlflowFacts;
}

const MISSING = (field: string) => `_Not documented: add \`card.${field}\` to model.yaml._`;

/** The card's view model: everything a template prints, escaped, deterministic (no clock, sorted everywhere). */
export function buildCardView({ model, state, history, mlflow }: CardInput): CardView {
  const policy = state.policies.find((p) => p.name === model.policy);
  const order = policy?.promotion.order ?? ["staging", "production"];
  const versions = state.versions.filter((v) => v.model === model.name).sort((a, b) => compareVersions(a.version, b.version));
  const stagesOf = (version: string) => {
    const s = Object.keys(model.stages).filter((st) => model.stages[st]!.variants.some((x) => x.version === version));
    return s.length ? s.sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(", ") : versionsArchived(versions, version) ? "archived" : "—";
  };
  const newestFirst = [...versions].reverse();
  const metricNames = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort();
  const sets = boundSets(policy);
  const pick = pickComparison(model, policy);
  const baseline = pick && versions.find((v) => v.version === pick.baseline);
  const candidate = pick && versions.find((v) => v.version === pick.candidate);
  const c = model.card;

  return {
    name: code(model.name),
    title: mdText(model.name),
    description: mdText(model.description),
    file: code(model.file),
    details: details(model, policy, versions, order),
    text: {
      intendedUse: c.intendedUse ? mdText(c.intendedUse) : MISSING("intendedUse"),
      outOfScope: c.outOfScope ? mdText(c.outOfScope) : MISSING("outOfScope"),
      limitations: c.limitations ? mdText(c.limitations) : MISSING("limitations"),
      ethicalConsiderations: c.ethicalConsiderations ? mdText(c.ethicalConsiderations) : MISSING("ethicalConsiderations"),
      caveats: c.caveats ? mdText(c.caveats) : MISSING("caveats"),
    },
    stages: currentStageRows(model, history, order),
    soak: soakSentences(model, history, order, policy?.promotion.gates),
    versions: newestFirst.map((v) => ({
      version: codeCell(v.version),
      stages: mdCell(stagesOf(v.version)),
      created: v.createdAt ? formatCreated(v.createdAt) : "—",
      framework: v.framework ? mdCell(`${v.framework.name}${v.framework.version ? ` ${v.framework.version}` : ""}`) : "—",
      image: codeCell(v.image),
      notes: mdCell(v.notes),
    })),
    metrics: {
      names: metricNames.map((n) => codeCell(n)),
      rows: newestFirst.map((v) => ({
        version: codeCell(v.version),
        stages: mdCell(stagesOf(v.version)),
        values: metricNames.map((n) => (v.metrics[n] === undefined ? "—" : formatNumber(v.metrics[n]!))),
      })),
    },
    gates: {
      requirements: describeGates(policy).map((g) => ({ stage: mdCell(g.stage), requires: mdCell(g.requires) })),
      columns: sets.map((s) => mdCell(s.label)),
      rows: sets.length
        ? newestFirst.map((v) => ({
            version: codeCell(v.version),
            marks: sets.map((s) => mark(checkBounds(v.metrics, s.bounds, s.label === "monitoring thresholds"))),
          }))
        : [],
    },
    comparison:
      baseline && candidate
        ? {
            baseline: code(baseline.version),
            candidate: code(candidate.version),
            rows: compareMetrics(baseline, candidate, policy).map((r) => ({
              ...r,
              metric: codeCell(r.metric),
              verdict: r.verdict === "better" ? "✅ better" : r.verdict === "worse" ? "⚠️ worse" : r.verdict === "same" ? "same" : "—",
            })),
          }
        : null,
    charts: metricNames.flatMap((n) => {
      const block = metricChart(n, versions);
      return block ? [{ metric: code(n), block }] : [];
    }),
    data: dataRows(newestFirst, state.pointers),
    lineage: newestFirst.map((v) => ({
      version: codeCell(v.version),
      parent: v.lineage.parent ? codeCell(v.lineage.parent) : "—",
      commit: codeCell(v.lineage.commit),
      run: codeCell(v.mlflow?.runId),
      registryVersion: codeCell(v.mlflow?.modelVersion),
    })),
    history: {
      rows: historyRows(history, policy),
      hasLatest: history.latest.length > 0,
      unreadable: history.dated.unreadable.map((ci) => `${code(ci.sha.slice(0, 7))} (${formatDate(ci.date)})`),
    },
    deployment: describeDeployment(model),
    monitoring: describeMonitoring(model, policy),
    remediation: describeRemediation(policy),
    mlflow: compareWithMlflow(newestFirst, mlflow),
  };
}

function versionsArchived(versions: ModelVersionSpec[], version: string): boolean {
  return versions.some((v) => v.version === version && v.archived);
}

function mark(v: ReturnType<typeof checkBounds>): string {
  if (!v) return "—";
  return v.pass ? "✅ pass" : `❌ ${mdCell(v.failures.join("; "))}`;
}

function formatCreated(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? mdCell(iso) : formatDate(d);
}

function details(model: ModelSpec, policy: PolicySpec | undefined, versions: ModelVersionSpec[], order: string[]): CardView["details"] {
  const rows: CardView["details"] = [
    { label: "Name", value: codeCell(model.name) },
    { label: "Owners", value: model.owners.length ? model.owners.map((o) => codeCell(o)).join(", ") : "—" },
    { label: "Task", value: mdCell(model.task) },
    { label: "Policy", value: policy ? `${codeCell(policy.name)} (${codeCell(policy.file)})` : `${codeCell(model.policy)} ⚠️ not found` },
  ];
  if (model.registry?.mlflow) rows.push({ label: "MLflow registered model", value: codeCell(model.registry.mlflow.name) });
  const stages = [...order.filter((s) => model.stages[s]), ...Object.keys(model.stages).filter((s) => !order.includes(s)).sort()];
  for (const stage of stages) {
    for (const variant of model.stages[stage]!.variants) {
      const v = versions.find((x) => x.version === variant.version);
      const share = model.stages[stage]!.variants.length > 1 ? ` (${variant.weight}%)` : "";
      const fw = v?.framework ? `${v.framework.name}${v.framework.version ? ` ${v.framework.version}` : ""}` : undefined;
      const facts = [fw ? mdCell(fw) : undefined, v?.image ? codeCell(v.image) : undefined].filter(Boolean).join(", ");
      rows.push({ label: `${mdCell(stage)}${share}`, value: `${codeCell(variant.version)}${facts ? ` — ${facts}` : v ? "" : " ⚠️ no such version"}` });
    }
  }
  return rows;
}
