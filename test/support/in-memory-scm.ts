/**
 * A fast in-memory Scm for command tests, with the same semantics as the GitHub adapter (checked by the
 * shared suite in test/adapters/github/scm-behaviour.ts): the bot's label on everything, markers matched
 * whole, open issues before closed ones, one open pull request per branch, no new commit when a branch
 * already holds the change, a closed pull request never reopened. Tests can act as a person (closePull,
 * edit state directly), inject failures, and read how many times each method was called.
 */
import { createHash } from "node:crypto";
import type { CommentRef, IssueRef, PullRequestRef, ReviewRef, Scm, TreeEntry } from "../../src/ports.js";
import { ExternalError } from "../../src/core/errors.js";
import { hasMarker, withMarker } from "../../src/core/github-conventions.js";
import { toAssignees } from "../../src/adapters/github/to-refs.js";

type Method = keyof Scm;
interface Branch { base: string; baseFiles: Record<string, string>; files: Record<string, string>; commits: number }

export interface InMemoryScm extends Scm {
  issues: Map<number, IssueRef>;
  pulls: Map<number, PullRequestRef>;
  comments: Map<number, CommentRef[]>;
  /** Branch contents: the full file set at each branch head. */
  branches: Map<string, Branch>;
  /** Reviews per pull request number, oldest first; tests add them as reviewers would. */
  reviews: Map<number, ReviewRef[]>;
  /** Members per team ("org/slug"); a team missing here answers 404, as GitHub does. */
  teams: Map<string, string[]>;
  /** Calls per method, e.g. calls.createIssue. */
  calls: Partial<Record<Method, number>>;
  /** The next call of `method` throws `error` (default: ExternalError("github", 502)). */
  failNext(method: Method, error?: Error): void;
  /** Closes a pull request as a person would, merged (the base branch takes its files) or not. */
  closePull(number: number, options?: { merge?: boolean }): void;
}

/** An empty repository whose default branch holds `files`. `now` stamps every change (default: a ticking clock). */
export function inMemoryScm(options: { files?: Record<string, string>; defaultBranch?: string; label?: string; now?: () => Date } = {}): InMemoryScm {
  const label = options.label ?? "model-steward";
  let tick = Date.parse("2026-01-01T00:00:00Z");
  const now = options.now ?? (() => new Date((tick += 1000)));
  const issues = new Map<number, IssueRef>();
  const pulls = new Map<number, PullRequestRef>();
  const comments = new Map<number, CommentRef[]>();
  const branches = new Map<string, Branch>([[options.defaultBranch ?? "main", { base: "", baseFiles: {}, files: { ...options.files }, commits: 1 }]]);
  const calls: Partial<Record<Method, number>> = {};
  const reviews = new Map<number, ReviewRef[]>();
  /** Branch contents as readTree saw them, by the sha it answered: what `parent` builds on. */
  const snapshots = new Map<string, Record<string, string>>();
  const blobs = new Map<string, Uint8Array>();
  const blobSha = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    const sha = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
    blobs.set(sha, bytes);
    return sha;
  };
  const teams = new Map<string, string[]>();
  const failures = new Map<Method, Error>();
  let nextNumber = 1;
  let nextComment = 1;
  const url = (kind: string, n: number) => `https://github.com/acme/models/${kind}/${n}`;
  const notFound = (what: string) => new ExternalError("github", 404, `${what}: Not Found`);
  const withLabel = (labels: string[]) => [...new Set([label, ...labels])];
  const issue = (n: number) => issues.get(n) ?? (() => { throw notFound(`issue #${n}`); })();
  const sameFiles = (a: Record<string, string>, b: Record<string, string>) =>
    Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

  const impl: Scm = {
    async findIssue(marker) {
      const matches = [...issues.values()].filter((i) => hasMarker(i.body, marker));
      const open = matches.filter((i) => i.state === "open").sort((a, b) => b.number - a.number);
      const found = open[0] ?? matches.sort((a, b) => (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0))[0];
      return found && { ...found };
    },
    async listIssues(state = "open") {
      return [...issues.values()].filter((i) => state === "all" || i.state === state).map((i) => ({ ...i })).sort((a, b) => (b.updatedAt?.getTime() ?? 0) - (a.updatedAt?.getTime() ?? 0));
    },
    async createIssue(input) {
      const t = now();
      const ref: IssueRef = { number: nextNumber++, url: "", state: "open", title: input.title, body: input.body, labels: withLabel(input.labels), createdAt: t, updatedAt: t, assignees: toAssignees(input.assignees) };
      ref.url = url("issues", ref.number);
      issues.set(ref.number, ref);
      comments.set(ref.number, []);
      return { ...ref };
    },
    async updateIssue(number, input) {
      const i = issue(number);
      if (input.title !== undefined) i.title = input.title;
      if (input.body !== undefined) i.body = input.body;
      if (input.labels !== undefined) i.labels = withLabel(input.labels);
      if (input.state !== undefined && input.state !== i.state) {
        i.state = input.state;
        i.closedAt = input.state === "closed" ? now() : undefined;
      }
      i.updatedAt = now();
    },
    async comment(number, body) {
      if (!issues.has(number) && !pulls.has(number)) throw notFound(`comment on #${number}`);
      const t = now();
      comments.get(number)?.push({ id: nextComment++, body, author: "github-actions[bot]", createdAt: t, updatedAt: t });
    },
    async upsertComment(number, marker, body) {
      const text = withMarker(body, marker);
      const existing = comments.get(number)?.find((c) => hasMarker(c.body, marker) && c.author === "github-actions[bot]");
      if (existing === undefined) await impl.comment(number, text);
      else if (existing.body !== text) Object.assign(existing, { body: text, updatedAt: now() });
    },
    async listComments(number) {
      const list = comments.get(number);
      if (!list) throw notFound(`list comments of #${number}`);
      return list.map((c) => ({ ...c }));
    },
    async findComment(number, marker) {
      const list = comments.get(number);
      if (!list) throw notFound(`find the comment on #${number}`);
      const found = list.filter((c) => hasMarker(c.body, marker) && c.author === "github-actions[bot]").at(-1);
      return found && { ...found };
    },
    async findPullRequest(branch) {
      const found = [...pulls.values()].filter((p) => p.branch === branch).sort((a, b) => b.number - a.number)[0];
      return found && { ...found };
    },
    async proposeChange(input) {
      const head = branches.get(input.base);
      if (!head) throw notFound(`propose change on ${input.branch}`);
      const parentFiles = input.parent === undefined ? head.files : snapshots.get(input.parent);
      if (!parentFiles) throw new ExternalError("github", 422, `propose change on ${input.branch}: Parent SHA does not exist`);
      const base = { files: parentFiles };
      const files = { ...base.files, ...input.files };
      const current = branches.get(input.branch);
      const unchanged = current !== undefined && current.base === input.base && sameFiles(current.baseFiles, base.files) && sameFiles(current.files, files);
      if (!unchanged) branches.set(input.branch, { base: input.base, baseFiles: { ...base.files }, files, commits: (current?.commits ?? 0) + 1 });
      let pull = [...pulls.values()].find((p) => p.branch === input.branch && p.state === "open");
      if (pull) Object.assign(pull, { title: input.title, body: input.body, base: input.base });
      else {
        const t = now();
        pull = { number: nextNumber++, url: "", state: "open", merged: false, branch: input.branch, base: input.base, title: input.title, body: input.body, labels: [], createdAt: t };
        pull.url = url("pull", pull.number);
        pulls.set(pull.number, pull);
        comments.set(pull.number, []);
      }
      pull.labels = [...new Set([...(pull.labels ?? []), ...withLabel(input.labels)])];
      pull.headSha = `${input.branch}@${branches.get(input.branch)?.commits}`;
      return { ...pull };
    },
    async closePullRequest(number) {
      const p = pulls.get(number);
      if (!p) throw notFound(`close pull request #${number}`);
      if (p.state === "open") Object.assign(p, { state: "closed", closedAt: now() });
    },
    async readFile(path, ref) {
      return branches.get(ref)?.files[path];
    },
    async readTree(ref) {
      const b = branches.get(ref);
      if (!b) throw notFound(`read the tree of ${ref}`);
      const sha = `${ref}@${b.commits}:${snapshots.size}`;
      snapshots.set(sha, { ...b.files });
      const entries = new Map<string, TreeEntry>(Object.entries(b.files).map(([path, text]) => [path, { sha: blobSha(text), mode: "100644", size: new TextEncoder().encode(text).length }]));
      return { sha, entries };
    },
    async readBlob(sha) {
      const bytes = blobs.get(sha);
      if (!bytes) throw notFound(`read blob ${sha}`);
      return bytes;
    },
    async listReviews(number) {
      if (!pulls.has(number)) throw notFound(`list reviews of #${number}`);
      return (reviews.get(number) ?? []).map((r) => ({ ...r }));
    },
    async teamMembers(team) {
      const members = teams.get(team.replace(/^@/, ""));
      if (!members) throw notFound(`list members of ${team}`);
      return [...members];
    },
  };

  // Count calls and inject failures around every method.
  const scm = {} as Scm;
  for (const name of Object.keys(impl) as Method[]) {
    (scm as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      calls[name] = (calls[name] ?? 0) + 1;
      const failure = failures.get(name);
      if (failure) {
        failures.delete(name);
        throw failure;
      }
      return (impl[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return Object.assign(scm, {
    issues, pulls, comments, branches, calls, reviews, teams,
    failNext: (method: Method, error?: Error) => void failures.set(method, error ?? new ExternalError("github", 502, `${method}: Bad Gateway`)),
    closePull: (number: number, { merge = false } = {}) => {
      const p = pulls.get(number);
      if (!p) throw notFound(`pull request #${number}`);
      const t = now();
      Object.assign(p, { state: "closed", closedAt: t, merged: merge, ...(merge ? { mergedAt: t } : {}) });
      const head = branches.get(p.branch);
      const base = branches.get(p.base ?? "main");
      if (merge && head && base) base.files = { ...head.files };
    },
  });
}
