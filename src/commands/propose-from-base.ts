/**
 * Bot pull requests as ordinary changes: built from the base branch as it is on the remote now
 * (read through the API), edited, with every model card the edit implies re-rendered, and committed
 * with the commit that was read as parent. Nothing from a stale local checkout is carried over.
 */
import { describeError } from "../core/errors.js";
import type { PullRequestDraft } from "../core/monitor/types.js";
import { overlayFiles } from "../core/registry-edit/overlay-files.js";
import type { GitHistory, Logger, PullRequestRef, RepoFiles, Scm } from "../ports.js";
import { baseSnapshot } from "./base-snapshot.js";
import { renderCards } from "./render-cards.js";

export interface BaseChange extends PullRequestDraft {
  /** The new texts (repository-relative path -> text), computed from the files of the base commit. */
  edit(files: RepoFiles): Promise<Record<string, string>>;
  /**
   * Models whose MODEL_CARD.md is re-rendered from the edited base (the models the edit touches),
   * or a function of the edit's files when only the edit knows them.
   */
  cards: string[] | ((edited: Record<string, string>) => string[]);
  /** The pull request's body when it depends on what the edit found (default: `body`). */
  bodyFor?(edited: Record<string, string>): string;
}

export interface ProposedChange {
  pullRequest: PullRequestRef;
  /** The commit the change was built on. */
  parent: string;
  /** Every file committed, card included. */
  files: Record<string, string>;
  /** Something a person should know (e.g. the card history read from a checkout behind the base). */
  warnings: string[];
}

export interface ProposeDeps {
  scm: Scm;
  /** The local checkout: files identical to the base's are read from here instead of the API. */
  files?: RepoFiles;
  /** Git history for the cards' stage history; the base commit is fetched when the checkout lacks it. */
  git?: GitHistory;
  logger: Logger;
}

/**
 * Reads `change.base`'s head through the API, applies `change.edit` to it, re-renders the cards of
 * `change.cards` exactly as `steward card` would on the result (history up to the base commit, the
 * edit as its latest change), and proposes the whole as one commit whose parent is the commit read.
 * Another change that landed on the base before the read is kept; one that lands after it is not
 * reverted either (the pull request's diff is only this change). Throws what the Scm and the edit throw.
 */
export async function proposeFromBase(deps: ProposeDeps, change: BaseChange): Promise<ProposedChange> {
  return (await propose(deps, change, false))!;
}

/** proposeFromBase, but nothing is proposed (undefined) when the edit changes no file of the base. */
export async function proposeFromBaseIfChanged(deps: ProposeDeps, change: BaseChange): Promise<ProposedChange | undefined> {
  return propose(deps, change, true);
}

async function propose(deps: ProposeDeps, change: BaseChange, skipEmpty: boolean): Promise<ProposedChange | undefined> {
  const warnings: string[] = [];
  const snap = await baseSnapshot(deps.scm, change.base, deps.files);
  const edited = await change.edit(snap.files);
  if (skipEmpty && Object.keys(edited).length === 0) return undefined;
  const models = typeof change.cards === "function" ? change.cards(edited) : change.cards;
  const cards = await renderCardsAt(deps, snap.sha, snap.files, edited, models, warnings);
  const files = { ...edited, ...cards };
  deps.logger.info(`proposing ${change.branch} on ${change.base} at ${snap.sha.slice(0, 7)} (${Object.keys(files).length} file(s); ${snap.downloaded()} read through the API)`);
  const body = change.bodyFor ? change.bodyFor(edited) : change.body;
  const pullRequest = await deps.scm.proposeChange({
    branch: change.branch, base: change.base, parent: snap.sha, title: change.title, body, labels: change.labels, commitMessage: change.commitMessage, files,
  });
  for (const w of warnings) deps.logger.warn(w);
  return { pullRequest, parent: snap.sha, files, warnings };
}

/**
 * The re-rendered cards of `models` over the base files with `edited` applied, only those that change.
 * A card's stage history is the git history of model.yaml up to the base commit: read locally when
 * the clone has (or can fetch) that commit, else up to HEAD when HEAD's model.yaml is the base's (the
 * history a card shows is that file's, so it is the same); otherwise with a warning.
 */
async function renderCardsAt(deps: ProposeDeps, sha: string, base: RepoFiles, edited: Record<string, string>, models: string[], warnings: string[]): Promise<Record<string, string>> {
  if (models.length === 0) return {};
  const files = overlayFiles(base, edited);
  let ref: string | undefined;
  if (!deps.git) {
    warnings.push("no git history: the model card is rendered without its stage history; `steward card --check` may find it stale");
  } else if ((await deps.git.resolve(sha)) || (await deps.git.fetch?.(sha).catch(() => false))) {
    ref = sha;
  } else {
    for (const model of models) {
      const file = `models/${model}/model.yaml`;
      const onBase = await base.read(file);
      const atHead = await deps.git.show("HEAD", file);
      if (onBase === undefined || atHead !== new TextDecoder().decode(onBase)) {
        warnings.push(`commit ${sha.slice(0, 7)} of the base is not in the local clone and ${file} changed there since HEAD: the card's stage history is read up to HEAD; \`steward card --check\` on the pull request may find it stale`);
      }
    }
  }
  const written: Record<string, string> = {};
  const out: RepoFiles = { ...files, write: async (path, text) => void (written[path] = text) };
  const git = deps.git ?? emptyHistory;
  for (const model of models) {
    try {
      await renderCards({ files, git, out }, { model, ...(ref ? { ref } : {}) });
    } catch (err) {
      warnings.push(`the card of ${model} was not re-rendered: ${describeError(err)}`);
    }
  }
  return written;
}

const emptyHistory: GitHistory = {
  resolve: async () => undefined,
  show: async () => undefined,
  changedFiles: async () => [],
  log: async () => [],
  head: async () => undefined,
};
