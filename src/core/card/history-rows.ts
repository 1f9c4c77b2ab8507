import { formatDuration } from "../duration.js";
import { entries } from "../history/first-entered.js";
import { servesIn } from "../history/stage-history.js";
import { timeInStage } from "../history/time-in-stage.js";
import type { ModelSpec, StageGate } from "../types.js";
import type { CardHistory } from "./card-history.js";
import { formatDate, formatVariants } from "./format.js";
import { code, codeCell, mdCell } from "../text/markdown.js";

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
  /** When the current assignment was made, "latest change", or "—" when git does not show it. */
  since: string;
  commit: string;
}

const LATEST = "latest change";

/** The history as table rows, newest first: the latest change, then the dated changes (cells escaped). */
export function historyRows(history: CardHistory): HistoryRow[] {
  const latest = history.latest.map((c) => ({ date: `_${LATEST}_`, author: "—", commit: "—", stage: mdCell(c.stage), from: mdCell(formatVariants(c.from)), to: mdCell(formatVariants(c.to)) }));
  const dated = [...history.dated.changes].reverse().map((c) => ({
    date: formatDate(c.commit.date),
    author: mdCell(c.commit.author),
    commit: codeCell(c.commit.sha.slice(0, 7)),
    stage: mdCell(c.stage),
    from: mdCell(formatVariants(c.from)),
    to: mdCell(formatVariants(c.to)),
  }));
  return [...latest, ...dated];
}

/** The model's current stages in `order` (then any others, by name), with when each was last changed. */
export function currentStageRows(model: ModelSpec, history: CardHistory, order: string[]): CurrentStageRow[] {
  const names = [...order.filter((s) => model.stages[s]), ...Object.keys(model.stages).filter((s) => !order.includes(s)).sort()];
  return names.map((stage) => {
    const current = model.stages[stage]!.variants;
    const base = { stage: mdCell(stage), versions: mdCell(formatVariants(current)) };
    if (history.latest.some((c) => c.stage === stage)) return { ...base, since: `_${LATEST}_`, commit: "—" };
    const last = [...history.dated.changes].reverse().find((c) => c.stage === stage);
    return last ? { ...base, since: formatDate(last.commit.date), commit: codeCell(last.commit.sha.slice(0, 7)) } : { ...base, since: "—", commit: "—" };
  });
}

/**
 * Soak time, in sentences: for each production variant, how long it served in the stage before
 * production (by `order`) until it entered production, against the minimum time the gate into
 * production asks for, when it sets one. All times come from commit dates; a version that enters
 * production in the latest change is shown with the date it entered the stage before.
 */
export function soakSentences(model: ModelSpec, history: CardHistory, order: string[], gates: Record<string, StageGate> = {}): string[] {
  const prodStage = order.includes("production") ? "production" : order[order.length - 1];
  const previous = prodStage ? order[order.indexOf(prodStage) - 1] : undefined;
  if (!prodStage || !previous) return [];
  const minSoak = gates[prodStage]?.minTimeInPreviousStage;
  const asks = minSoak === undefined ? "" : ` The gate asks for at least ${formatDuration(minSoak)}.`;
  const dated = history.dated;
  return (model.stages[prodStage]?.variants ?? []).map(({ version }) => {
    const v = code(version);
    const pending = history.latest.find((c) => c.stage === prodStage && servesIn(c.to, version) && !servesIn(c.from, version));
    if (pending) {
      const stay = entries(dated, version, previous).at(-1);
      const stillThere = stay !== undefined && !dated.changes.some((c) => c.stage === previous && c.commit.date >= stay.commit.date && c !== stay && !servesIn(c.to, version));
      return stillThere
        ? `Version ${v} enters ${prodStage} in the latest change; it has been in ${previous} since ${formatDate(stay.commit.date)} (${code(stay.commit.sha.slice(0, 7))}).${asks}`
        : `Version ${v} enters ${prodStage} in the latest change without being in ${previous} in the committed history.${asks}`;
    }
    const entered = entries(dated, version, prodStage).at(-1);
    if (!entered) return `Version ${v} does not appear in ${prodStage} in the committed history of model.yaml.`;
    const soak = timeInStage(dated, version, previous, entered.commit.date);
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
