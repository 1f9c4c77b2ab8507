import { formatDuration } from "../duration.js";
import { entries } from "../history/first-entered.js";
import { servesIn } from "../history/stage-history.js";
import { timeInStage } from "../history/time-in-stage.js";
import type { ModelSpec, PolicySpec, StageGate } from "../types.js";
import type { CommitInfo } from "../../ports.js";
import type { StageChange } from "../history/stage-history.js";
import { describePath, pathOf } from "../audit/audit-trail.js";
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
  /** How the version reached the stage in the policy's promotion order, or which rule let it skip one (src/core/audit). */
  how: string;
}

export interface CurrentStageRow {
  stage: string;
  versions: string;
  /** When the current assignment was made, "latest change", or "—" when git does not show it. */
  since: string;
  commit: string;
}

const LATEST = "latest change";

/**
 * The history as table rows, newest first: the latest change, then the dated changes (cells escaped).
 * Each row says how the version reached its stage (through the previous stage of `policy`'s order,
 * a rollback, the model's first stages, allowSkip) or that it skipped one: the audit's own rule.
 */
export function historyRows(history: CardHistory, policy?: PolicySpec): HistoryRow[] {
  const pending: CommitInfo = { sha: "", author: "", email: "", date: new Date(8.64e15), subject: "" };
  const all: StageChange[] = [...history.dated.changes, ...history.latest.map((c) => ({ ...c, commit: pending }))];
  const how = all.map((c, i) => mdCell(describePath(pathOf(c, all.slice(0, i), policy))));
  const dated = history.dated.changes.length;
  const latest = history.latest.map((c, i) => ({ date: `_${LATEST}_`, author: "—", commit: "—", stage: mdCell(c.stage), from: mdCell(formatVariants(c.from)), to: mdCell(formatVariants(c.to)), how: how[dated + i]! }));
  const rows = history.dated.changes.map((c, i) => ({
    date: formatDate(c.commit.date),
    author: mdCell(c.commit.author),
    commit: codeCell(c.commit.sha.slice(0, 7)),
    stage: mdCell(c.stage),
    from: mdCell(formatVariants(c.from)),
    to: mdCell(formatVariants(c.to)),
    how: how[i]!,
  }));
  return [...latest, ...rows.reverse()];
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
    if (pending && history.dated.changes.length === 0) {
      return `Version ${v} is in ${prodStage} from the model's first stages (adopted as they were when model.yaml was created, not promoted), so no stay in ${previous} applies.`;
    }
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
    const path = pathOf(entered, dated.changes.slice(0, dated.changes.indexOf(entered)), undefined);
    if (soak === undefined && path.kind === "initial") return `Version ${v} is in ${prodStage} from the model's first stages on ${when} (adopted as they were, not promoted), so no stay in ${previous} applies.`;
    return soak === undefined
      ? `Version ${v} entered ${prodStage} on ${when} without having been in ${previous}.`
      : `Version ${v} spent ${formatDuration(soak)} in ${previous} before it entered ${prodStage} on ${when}${minimum(soak, minSoak)}.`;
  });
}

function minimum(soak: number, min: number | undefined): string {
  if (min === undefined) return "";
  return soak >= min ? ` (✅ at least the ${formatDuration(min)} the gate asks for)` : ` (⚠️ less than the ${formatDuration(min)} the gate asks for)`;
}
