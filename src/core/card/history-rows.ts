import { formatDuration } from "../duration.js";
import { entries } from "../history/first-entered.js";
import type { StageHistory } from "../history/stage-history.js";
import { timeInStage } from "../history/time-in-stage.js";
import type { ModelSpec, StageGate } from "../types.js";
import { formatDate, formatVariants } from "./format.js";
import { code, codeCell, mdCell } from "./markdown.js";

export interface HistoryRow {
  date: string;
  author: string;
  commit: string;
  stage: string;
  from: string;
  to: string;
}

export interface CurrentStageRow {
  stage: string;
  versions: string;
  /** When the current assignment was made (the last change of that stage), or "—" when git does not show it. */
  since: string;
  commit: string;
}

/** The history as table rows, newest first (cells escaped). */
export function historyRows(history: StageHistory): HistoryRow[] {
  return [...history.changes].reverse().map((c) => ({
    date: formatDate(c.commit.date),
    author: mdCell(c.commit.author),
    commit: codeCell(c.commit.sha.slice(0, 7)),
    stage: mdCell(c.stage),
    from: mdCell(formatVariants(c.from)),
    to: mdCell(formatVariants(c.to)),
  }));
}

/** The model's current stages in `order` (then any others, by name), with when each was last changed in git. */
export function currentStageRows(model: ModelSpec, history: StageHistory, order: string[]): CurrentStageRow[] {
  const names = [...order.filter((s) => model.stages[s]), ...Object.keys(model.stages).filter((s) => !order.includes(s)).sort()];
  return names.map((stage) => {
    const last = [...history.changes].reverse().find((c) => c.stage === stage);
    const current = formatVariants(model.stages[stage]!.variants);
    const matches = last !== undefined && formatVariants(last.to) === current;
    return {
      stage: mdCell(stage),
      versions: mdCell(current),
      since: matches ? formatDate(last.commit.date) : "— (not committed yet)",
      commit: matches ? codeCell(last.commit.sha.slice(0, 7)) : "—",
    };
  });
}

/**
 * Soak time, in sentences: for each production variant, how long it served in the stage before
 * production (by `order`) until it last entered production, against the minimum time the gate into
 * production asks for, when it sets one. All times come from commit dates.
 */
export function soakSentences(model: ModelSpec, history: StageHistory, order: string[], gates: Record<string, StageGate> = {}): string[] {
  const prodStage = order.includes("production") ? "production" : order[order.length - 1];
  const previous = prodStage ? order[order.indexOf(prodStage) - 1] : undefined;
  if (!prodStage || !previous) return [];
  const minSoak = gates[prodStage]?.minTimeInPreviousStage;
  return (model.stages[prodStage]?.variants ?? []).map(({ version }) => {
    const entered = entries(history, version, prodStage).at(-1);
    const v = code(version);
    if (!entered) return `Version ${v} does not appear in ${prodStage} in the committed history of model.yaml.`;
    const soak = timeInStage(history, version, previous, entered.commit.date);
    const when = `${formatDate(entered.commit.date)} (${code(entered.commit.sha.slice(0, 7))})`;
    return soak === undefined
      ? `Version ${v} entered ${prodStage} on ${when} without having been in ${previous}.`
      : `Version ${v} spent ${formatDuration(soak)} in ${previous} before it entered ${prodStage} on ${when}${minimum(soak, minSoak)}.`;
  });
}

function minimum(soak: number, min: number | undefined): string {
  if (min === undefined) return "";
  return soak >= min ? ` (✅ at least the ${formatDuration(min)} the gate asks for)` : ` (⚠️ less than the ${formatDuration(min)} the gate asks for)`;
}
