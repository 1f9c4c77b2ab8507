import type { DataRow } from "./data-rows.js";
import type { CurrentStageRow, HistoryRow } from "./history-rows.js";
import type { MlflowView } from "./mlflow-compare.js";

/**
 * What a card template sees. Every string is Markdown, already escaped: templates print fields
 * verbatim (`{{field}}`), never raw YAML text. Optional parts are `null`, never missing, so that
 * templates run in Handlebars' strict mode and a misspelt field is an error.
 */
export interface CardView {
  name: string;
  /** The model name as a heading (escaped text, not code). */
  title: string;
  description: string;
  file: string;
  details: { label: string; value: string }[];
  text: { intendedUse: string; outOfScope: string; limitations: string; ethicalConsiderations: string; caveats: string };
  stages: CurrentStageRow[];
  soak: string[];
  versions: { version: string; stages: string; created: string; framework: string; image: string; notes: string }[];
  metrics: { names: string[]; rows: { version: string; stages: string; values: string[] }[] };
  gates: {
    requirements: { stage: string; requires: string }[];
    columns: string[];
    rows: { version: string; marks: string[] }[];
  };
  comparison: {
    baseline: string;
    candidate: string;
    rows: { metric: string; baseline: string; candidate: string; delta: string; relative: string; verdict: string }[];
  } | null;
  charts: { metric: string; block: string }[];
  data: DataRow[];
  lineage: { version: string; parent: string; commit: string; run: string; registryVersion: string }[];
  /** `hasLatest`: the first rows are the latest change, shown without commit facts. */
  history: { rows: HistoryRow[]; hasLatest: boolean; unreadable: string[] };
  deployment: string[];
  monitoring: { summary: string; checks: string[] };
  remediation: string[];
  mlflow: MlflowView;
}
