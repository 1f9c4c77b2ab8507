import type { LockTicket, TicketState } from "../../core/lock/decide-lock.js";
import { ExternalError } from "../../core/errors.js";
import type { LockMark, LockOwner, LockStore } from "../../ports.js";
import type { GitHubClient } from "./create-octokit.js";
import { mapErrors } from "./to-external-error.js";

/** The environment a lock's tickets are deployments to. */
export const lockEnvironment = (name: string): string => `steward-apply/${name}`;
const TASK = "steward:apply-lock";

/** Deployment status states per mark; `in_progress` holds, `queued` waits, the rest end the ticket. */
const STATE: Record<LockMark, "queued" | "in_progress" | "success" | "failure" | "error"> = {
  waiting: "queued", holding: "in_progress", released: "success", failed: "failure", expired: "error", broken: "error",
};
const TICKET: Record<string, TicketState> = { queued: "waiting", pending: "waiting", in_progress: "holding" };

export interface DeploymentLockConfig {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** The commit the deployments name (GITHUB_SHA, --commit); default: the repository's default branch. */
  ref?: string;
}

/**
 * The apply lock's tickets as GitHub deployments (Deployments API): one deployment per ticket to
 * environment `steward-apply/<name>`, task `steward:apply-lock`, its latest status the ticket's state
 * (queued waiting, in_progress holding, success/failure/error finished). Needs `deployments: write`.
 */
export function deploymentLockStore(cfg: DeploymentLockConfig): LockStore {
  const { octokit, owner, repo } = cfg;
  let ref = cfg.ref;
  // A finished ticket stays finished: its statuses are read once, not on every poll.
  const finished = new Map<number, LockTicket>();
  const defaultRef = async () => (ref ??= (await mapErrors("apply lock: read the repository", () => octokit.rest.repos.get({ owner, repo }))).data.default_branch);
  return {
    location: `GitHub deployments of ${owner}/${repo}`,
    async take(name, who) {
      const environment = lockEnvironment(name);
      const r = await mapErrors(`apply lock: create a deployment to ${environment}`, async () =>
        octokit.rest.repos.createDeployment({
          owner, repo, ref: await defaultRef(), task: TASK, environment, auto_merge: false, required_contexts: [],
          payload: { runId: who.runId, ...(who.runUrl ? { runUrl: who.runUrl } : {}) },
          description: short(`steward apply lock, run ${who.runId}`), transient_environment: false, production_environment: false,
        }),
      );
      if (r.status !== 201 || !("id" in r.data)) throw new ExternalError("github", r.status, `apply lock: GitHub created no deployment to ${environment}: ${"message" in r.data ? r.data.message : "no id"}`);
      return { id: r.data.id, at: Date.parse(r.data.created_at) };
    },
    async tickets(name, since) {
      const environment = lockEnvironment(name);
      const found: LockTicket[] = [];
      const pages = octokit.paginate.iterator(octokit.rest.repos.listDeployments, { owner, repo, environment, task: TASK, per_page: 100 });
      await mapErrors(`apply lock: list the deployments to ${environment}`, async () => {
        for await (const page of pages) {
          const recent = page.data.filter((d) => Date.parse(d.created_at) >= since);
          for (const d of recent) found.push(finished.get(d.id) ?? (await ticket(d)));
          // Newest first: a page ending before `since` ends the search.
          if (recent.length < page.data.length) break;
        }
      });
      return found;
    },
    async mark(name, id, mark, description) {
      const r = await mapErrors(`apply lock: set deployment ${id} (${lockEnvironment(name)}) ${STATE[mark]}`, () =>
        octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: id, state: STATE[mark], description: short(description), auto_inactive: false }),
      );
      return Date.parse(r.data.created_at);
    },
  };

  async function ticket(d: { id: number; created_at: string; payload: unknown; creator: { login: string } | null }): Promise<LockTicket> {
    // GitHub lists a deployment's statuses newest first.
    const statuses = await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: d.id, per_page: 1 });
    const latest = statuses.data[0];
    const state: TicketState = latest ? TICKET[latest.state] ?? "done" : "waiting";
    const payload = (typeof d.payload === "object" && d.payload ? d.payload : {}) as { runId?: unknown; runUrl?: unknown };
    const t: LockTicket = {
      id: d.id,
      state,
      createdAt: Date.parse(d.created_at),
      updatedAt: Date.parse(latest?.created_at ?? d.created_at),
      actor: d.creator?.login ?? "unknown",
      runId: typeof payload.runId === "string" ? payload.runId : `deployment ${d.id}`,
      ...(typeof payload.runUrl === "string" ? { runUrl: payload.runUrl } : {}),
    };
    if (state === "done") finished.set(d.id, t);
    return t;
  }
}

/** GitHub refuses descriptions over 140 characters. */
const short = (text: string) => (text.length <= 140 ? text : `${text.slice(0, 139)}…`);
