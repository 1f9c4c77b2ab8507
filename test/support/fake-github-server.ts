/**
 * A local fake of GitHub's REST API for one repository: node:http on 127.0.0.1, port 0, in-memory state.
 * It speaks the real wire format for what model-steward uses (issues, comments, labels, git refs, blobs,
 * trees, commits, contents, pulls): the same paths, query parameters, status codes, Link-header pagination,
 * error bodies `{ message, documentation_url }` and JSON shapes. The shapes start from exchanges recorded
 * against api.github.com in @octokit/fixtures (issue, user, label, repository, ref, contents, commit) and are
 * typed against Octokit's types generated from GitHub's OpenAPI description (`RestEndpointMethodTypes`),
 * so the compiler checks the fields the API reference requires. test/adapters/github/fake-github-contract.test.ts
 * replays recorded scenarios against it.
 *
 * Every request is logged (`requests`), which is how tests count API calls; `fail()` queues faults (5xx,
 * rate limits) for matching requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { RestEndpointMethodTypes as T } from "@octokit/rest";

// ---------------------------------------------------------------- recorded exchanges

/** One exchange as @octokit/fixtures stores it (normalized-fixture.json). */
export interface RecordedExchange {
  method: string;
  path: string;
  body: unknown;
  status: number;
  response: unknown;
  headers: Record<string, string | number>;
  reqheaders: Record<string, string | number>;
}

const SCENARIOS = join(dirname(createRequire(import.meta.url).resolve("@octokit/fixtures")), "scenarios", "api.github.com");

/** The exchanges of one recorded scenario, e.g. "labels", "git-refs", "paginate-issues". */
export function recordedScenario(name: string): RecordedExchange[] {
  return JSON.parse(readFileSync(join(SCENARIOS, name, "normalized-fixture.json"), "utf8")) as RecordedExchange[];
}

type User = T["users"]["getByUsername"]["response"]["data"] & T["issues"]["get"]["response"]["data"]["user"];
type Repository = T["repos"]["get"]["response"]["data"];
type Label = T["issues"]["getLabel"]["response"]["data"];
type Issue = T["issues"]["get"]["response"]["data"];
type Comment = T["issues"]["getComment"]["response"]["data"];
type Pull = T["pulls"]["list"]["response"]["data"][number];
type GitRef = T["git"]["getRef"]["response"]["data"];
type GitCommit = T["git"]["getCommit"]["response"]["data"];
type GitTree = T["git"]["getTree"]["response"]["data"];
type GitBlob = T["git"]["getBlob"]["response"]["data"];
type Review = T["pulls"]["listReviews"]["response"]["data"][number];
type Content = Extract<T["repos"]["getContent"]["response"]["data"], { type: "file" }>;
type Deployment = T["repos"]["getDeployment"]["response"]["data"];
type DeploymentStatus = T["repos"]["getDeploymentStatus"]["response"]["data"];
type Permission = T["repos"]["getCollaboratorPermissionLevel"]["response"]["data"];
type Reaction = T["reactions"]["createForIssueComment"]["response"]["data"];

const recordedIssue = (recordedScenario("paginate-issues")[0]?.response as Issue[])[0] as Issue;
const recordedRepository = recordedScenario("get-repository")[0]?.response as Repository;
const recordedLabels = recordedScenario("labels")[0]?.response as Label[];
const BOT_LOGIN = "github-actions[bot]";

// ---------------------------------------------------------------- state

interface IssueRecord {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | null;
  labels: string[];
  assignees: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Set when the issue is a pull request (GitHub numbers both from one sequence). */
  pull?: { head: string; base: string; mergedAt: string | null; draft: boolean };
}
interface CommentRecord { id: number; issue: number; body: string; author: string; createdAt: string; updatedAt: string }
interface ReviewRecord { id: number; pull: number; author: string; state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED"; body: string; commitId: string; submittedAt: string }
interface CommitRecord { tree: string; parents: string[]; message: string; date: string }
interface DeploymentRecord {
  id: number; sha: string; ref: string; task: string; payload: unknown; environment: string; description: string | null;
  transient: boolean; production: boolean; creator: string; createdAt: string; updatedAt: string;
}
interface DeploymentStatusRecord { id: number; deployment: number; state: DeploymentStatus["state"]; description: string; environment: string; logUrl: string; environmentUrl: string; creator: string; createdAt: string }
interface TreeEntry { mode: string; sha: string }

/** The repository's in-memory state; tests may read and change it directly. */
export interface FakeGitHubState {
  issues: Map<number, IssueRecord>;
  comments: Map<number, CommentRecord>;
  labels: Map<string, { id: number; name: string; color: string; description: string | null; default: boolean }>;
  refs: Map<string, string>;
  blobs: Map<string, Buffer>;
  /** Flat trees: path -> entry. */
  trees: Map<string, Map<string, TreeEntry>>;
  commits: Map<string, CommitRecord>;
  collaborators: Set<string>;
  /** Reviews of pull requests, by id. */
  reviews: Map<number, ReviewRecord>;
  /** Organization teams ("org/slug") and their members' logins. */
  teams: Map<string, string[]>;
  /** Deployments and their statuses, by id (ids increase in creation order, as GitHub's do). */
  deployments: Map<number, DeploymentRecord>;
  deploymentStatuses: Map<number, DeploymentStatusRecord>;
  /** Repository roles of users (admin, maintain, write, triage, read); a user not here reads the public repository ("read"). */
  roles: Map<string, "admin" | "maintain" | "write" | "triage" | "read">;
  /** Reactions to issue comments, by id. */
  reactions: Map<number, { id: number; comment: number; user: string; content: string; createdAt: string }>;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  body: unknown;
  status: number;
  /** performance.now() when the request arrived (tests of client pacing). */
  at: number;
}

export interface FaultReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeGitHub extends AsyncDisposable {
  /** Pass as Octokit's baseUrl (GITHUB_API_URL). */
  url: string;
  owner: string;
  repo: string;
  defaultBranch: string;
  state: FakeGitHubState;
  /** Every request, in order, with the status it got. */
  requests: RecordedRequest[];
  /** The next `times` requests matching `method` and `path` (a regexp on path and query) get `reply`. */
  fail(match: { method?: string; path?: RegExp }, reply: FaultReply, times?: number): void;
  /** Commits `files` on top of `branch` (created from the default branch if missing); returns the sha. */
  commitFiles(branch: string, files: Record<string, string>, message?: string): string;
  /** The file's text at the branch head, or undefined. */
  fileAt(branch: string, path: string): string | undefined;
  /** Closes a pull request as a person would, merged (the base branch moves to its head) or not. */
  closePull(number: number, options?: { merge?: boolean }): void;
  /** `login` comments on issue or pull request `number`, as a person would in the UI; returns the comment id. */
  commentAs(number: number, login: string, body: string): number;
  /** `login` submits a review of the pull request's current head, as a person would in the UI. */
  submitReview(number: number, login: string, event: "APPROVE" | "REQUEST_CHANGES" | "COMMENT", body?: string): number;
  /** Moves the server's clock (timestamps it writes) forward by `ms`, as if that much time had passed. */
  advanceClock(ms: number): void;
  /** The identity the token speaks for: the `creator` of what it creates. Default github-actions[bot]. */
  actAs(login: string): void;
  close(): Promise<void>;
}

/** GitHub's answer to a primary (x-ratelimit-remaining: 0) or secondary (retry-after) rate limit. */
export function rateLimitReply(kind: "primary" | "secondary", waitSeconds = 1): FaultReply {
  const documentation_url = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
  if (kind === "secondary") {
    return { status: 403, headers: { "retry-after": String(waitSeconds) }, body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url } };
  }
  const reset = String(Math.ceil(Date.now() / 1000) + waitSeconds);
  return { status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }, body: { message: "API rate limit exceeded for installation ID 1.", documentation_url } };
}

// ---------------------------------------------------------------- server

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}
const notFound = () => new HttpError(404, "Not Found");
const invalid = (resource: string, field: string, code = "invalid") =>
  new HttpError(422, "Validation Failed", { errors: [{ resource, field, code }] });

type Query = URLSearchParams;
interface Reply { status: number; body?: unknown; headers?: Record<string, string> }
type Handler = (p: Record<string, string>, q: Query, body: any) => Reply;

/**
 * Starts the fake; stop it with `await using` or `close()`. `dismissStaleReviews` is the branch
 * protection setting "Dismiss stale pull request approvals when new commits are pushed": when a pull
 * request's head moves, its approvals become DISMISSED.
 */
export async function startFakeGitHub(options: { owner?: string; repo?: string; defaultBranch?: string; files?: Record<string, string>; dismissStaleReviews?: boolean } = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? "acme";
  const repo = options.repo ?? "models";
  const defaultBranch = options.defaultBranch ?? "main";
  const state: FakeGitHubState = {
    issues: new Map(), comments: new Map(), labels: new Map(), refs: new Map(), blobs: new Map(), trees: new Map(), commits: new Map(),
    collaborators: new Set([owner, "octocat", "octokit-fixture-user-a", BOT_LOGIN]),
    roles: new Map([[owner, "admin"]]),
    reactions: new Map(),
    reviews: new Map(), teams: new Map(), deployments: new Map(), deploymentStatuses: new Map(),
  };
  let actor = BOT_LOGIN;
  for (const l of recordedLabels) state.labels.set(l.name.toLowerCase(), { id: l.id, name: l.name, color: l.color, description: l.description, default: true });
  const requests: RecordedRequest[] = [];
  const faults: Array<{ method?: string; path?: RegExp; reply: FaultReply; times: number }> = [];
  let sequence = 0;
  let clock = Date.parse("2026-01-01T00:00:00Z");
  const now = () => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, "Z");
  const nextId = () => 1000 + ++sequence;

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = `${url}/repos/${owner}/${repo}`;
  const html = `https://github.com/${owner}/${repo}`;

  // ------------------------------------------------------------ wire shapes

  const user = (login: string): User => ({
    ...(recordedIssue.user as User),
    login, id: login.length * 1000, node_id: "MDQ6VXNlcjE=",
    avatar_url: `https://avatars.githubusercontent.com/u/${login.length * 1000}?v=4`,
    url: `${url}/users/${login}`, html_url: `https://github.com/${login}`,
    type: login.endsWith("[bot]") ? "Bot" : "User",
  });
  const repository = (): Repository =>
    JSON.parse(JSON.stringify(recordedRepository).replaceAll("https://api.github.com", url).replaceAll("octokit-fixture-org/hello-world", `${owner}/${repo}`)
      .replaceAll('"hello-world"', JSON.stringify(repo)).replaceAll("octokit-fixture-org", owner)) as Repository;
  const labelJson = (name: string): Label => {
    const l = state.labels.get(name.toLowerCase());
    if (!l) throw notFound();
    return { id: l.id, node_id: "MDU6TGFiZWwx", url: `${api}/labels/${encodeURIComponent(l.name)}`, name: l.name, color: l.color, default: l.default, description: l.description };
  };
  /** `single`: the representation of GET/POST/PATCH on one issue, which adds `closed_by`. */
  const issueJson = (i: IssueRecord, single = false): Issue => ({
    ...recordedIssue,
    url: `${api}/issues/${i.number}`, repository_url: api, labels_url: `${api}/issues/${i.number}/labels{/name}`,
    comments_url: `${api}/issues/${i.number}/comments`, events_url: `${api}/issues/${i.number}/events`,
    html_url: `${html}/${i.pull ? "pull" : "issues"}/${i.number}`, timeline_url: `${api}/issues/${i.number}/timeline`,
    id: 5000 + i.number, number: i.number, title: i.title, body: i.body, user: user(i.author),
    labels: ensureLabels(i.labels).map(labelJson), state: i.state, state_reason: i.stateReason, locked: false,
    assignee: i.assignees[0] ? user(i.assignees[0]) : null, assignees: i.assignees.map(user),
    comments: [...state.comments.values()].filter((c) => c.issue === i.number).length,
    created_at: i.createdAt, updated_at: i.updatedAt, closed_at: i.closedAt, author_association: "CONTRIBUTOR",
    reactions: { ...(recordedIssue.reactions as NonNullable<Issue["reactions"]>), url: `${api}/issues/${i.number}/reactions` },
    ...(single ? { closed_by: i.state === "closed" ? user(BOT_LOGIN) : null } : {}),
    ...(i.pull ? { pull_request: { url: `${api}/pulls/${i.number}`, html_url: `${html}/pull/${i.number}`, diff_url: `${html}/pull/${i.number}.diff`, patch_url: `${html}/pull/${i.number}.patch`, merged_at: i.pull.mergedAt } } : {}),
  });
  const commentJson = (c: CommentRecord): Comment => ({
    id: c.id, node_id: "IC_kwDOA", url: `${api}/issues/comments/${c.id}`, html_url: `${html}/issues/${c.issue}#issuecomment-${c.id}`,
    body: c.body, user: user(c.author), created_at: c.createdAt, updated_at: c.updatedAt, issue_url: `${api}/issues/${c.issue}`,
    author_association: "CONTRIBUTOR", performed_via_github_app: null,
    reactions: { ...(recordedIssue.reactions as NonNullable<Comment["reactions"]>), url: `${api}/issues/comments/${c.id}/reactions` },
  });
  // The recorded repository stands in for the pull request's repository representation (a superset of it).
  const branchJson = (ref: string, sha: string): Pull["head"] => ({ label: `${owner}:${ref}`, ref, sha, user: user(owner), repo: repository() as unknown as Pull["head"]["repo"] });
  const pullJson = (i: IssueRecord): Pull => {
    const p = i.pull as NonNullable<IssueRecord["pull"]>;
    const self = `${api}/pulls/${i.number}`;
    const link = (href: string) => ({ href });
    return {
      url: self, id: 9000 + i.number, node_id: "PR_kwDOA", html_url: `${html}/pull/${i.number}`,
      diff_url: `${html}/pull/${i.number}.diff`, patch_url: `${html}/pull/${i.number}.patch`, issue_url: `${api}/issues/${i.number}`,
      commits_url: `${self}/commits`, review_comments_url: `${self}/comments`, review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${i.number}/comments`, statuses_url: `${api}/statuses/${state.refs.get(`refs/heads/${p.head}`) ?? ""}`,
      number: i.number, state: i.state, locked: false, title: i.title, user: user(i.author), body: i.body,
      labels: ensureLabels(i.labels).map(labelJson) as Pull["labels"], milestone: null, active_lock_reason: null,
      created_at: i.createdAt, updated_at: i.updatedAt, closed_at: i.closedAt, merged_at: p.mergedAt,
      merge_commit_sha: null, assignee: null, assignees: [], requested_reviewers: [], requested_teams: [],
      head: branchJson(p.head, state.refs.get(`refs/heads/${p.head}`) ?? ""), base: branchJson(p.base, state.refs.get(`refs/heads/${p.base}`) ?? ""),
      _links: {
        self: link(self), html: link(`${html}/pull/${i.number}`), issue: link(`${api}/issues/${i.number}`),
        comments: link(`${api}/issues/${i.number}/comments`), review_comments: link(`${self}/comments`),
        review_comment: link(`${api}/pulls/comments{/number}`), commits: link(`${self}/commits`), statuses: link(`${api}/statuses/${state.refs.get(`refs/heads/${p.head}`) ?? ""}`),
      },
      author_association: "CONTRIBUTOR", auto_merge: null, draft: p.draft,
    };
  };
  const reviewJson = (r: ReviewRecord): Review => ({
    id: r.id, node_id: "PRR_kwDOA", user: user(r.author), body: r.body, state: r.state,
    html_url: `${html}/pull/${r.pull}#pullrequestreview-${r.id}`, pull_request_url: `${api}/pulls/${r.pull}`,
    author_association: state.collaborators.has(r.author) ? "COLLABORATOR" : "CONTRIBUTOR",
    _links: { html: { href: `${html}/pull/${r.pull}#pullrequestreview-${r.id}` }, pull_request: { href: `${api}/pulls/${r.pull}` } },
    submitted_at: r.submittedAt, commit_id: r.commitId,
  });
  const refJson = (ref: string): GitRef => ({
    ref, node_id: "REF_kwDOA", url: `${api}/git/${ref}`,
    object: { sha: state.refs.get(ref) as string, type: "commit", url: `${api}/git/commits/${state.refs.get(ref)}` },
  });
  const commitJson = (sha: string): GitCommit => {
    const c = state.commits.get(sha);
    if (!c) throw notFound();
    const who = { name: BOT_LOGIN, email: "41898282+github-actions[bot]@users.noreply.github.com", date: c.date };
    return {
      sha, node_id: "C_kwDOA", url: `${api}/git/commits/${sha}`, html_url: `${html}/commit/${sha}`, author: who, committer: who,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` }, message: c.message,
      parents: c.parents.map((p) => ({ sha: p, url: `${api}/git/commits/${p}`, html_url: `${html}/commit/${p}` })),
      verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    };
  };
  const treeJson = (sha: string): GitTree => ({
    sha, url: `${api}/git/trees/${sha}`, truncated: false,
    tree: [...(state.trees.get(sha) ?? new Map()).entries()].map(([path, e]) => ({
      path, mode: e.mode, type: "blob", sha: e.sha, size: state.blobs.get(e.sha)?.length ?? 0, url: `${api}/git/blobs/${e.sha}`,
    })),
  });
  const contentJson = (path: string, sha: string, ref: string): Content => {
    const blob = state.blobs.get(sha) as Buffer;
    const self = `${api}/contents/${path}?ref=${ref}`;
    const htmlUrl = `${html}/blob/${ref}/${path}`;
    return {
      type: "file", encoding: "base64", size: blob.length, name: path.split("/").pop() as string, path, sha,
      content: blob.toString("base64"), url: self, git_url: `${api}/git/blobs/${sha}`, html_url: htmlUrl,
      download_url: `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${path}`, _links: { self, git: `${api}/git/blobs/${sha}`, html: htmlUrl },
    };
  };

  // ------------------------------------------------------------ git objects

  const hash = (kind: string, data: Buffer | string) => {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
    return createHash("sha1").update(`${kind} ${bytes.length}\0`).update(bytes).digest("hex");
  };
  const putBlob = (bytes: Buffer) => {
    const sha = hash("blob", bytes);
    state.blobs.set(sha, bytes);
    return sha;
  };
  const putTree = (entries: Map<string, TreeEntry>) => {
    const sorted = new Map([...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const sha = hash("tree", [...sorted].map(([p, e]) => `${e.mode} ${p}\0${e.sha}`).join("\n"));
    state.trees.set(sha, sorted);
    return sha;
  };
  const putCommit = (c: CommitRecord) => {
    const sha = hash("commit", JSON.stringify(c));
    state.commits.set(sha, c);
    return sha;
  };
  /** A branch moved: under dismissStaleReviews, approvals of open pull requests from it are dismissed. */
  const headMoved = (ref: string) => {
    if (!options.dismissStaleReviews) return;
    const branch = ref.replace(/^refs\/heads\//, "");
    for (const i of state.issues.values()) {
      if (!i.pull || i.pull.head !== branch || i.state !== "open") continue;
      for (const r of state.reviews.values()) if (r.pull === i.number && r.state === "APPROVED" && r.commitId !== state.refs.get(ref)) r.state = "DISMISSED";
    }
  };
  const treeOf = (commitSha: string | undefined) => state.trees.get(state.commits.get(commitSha ?? "")?.tree ?? "") ?? new Map<string, TreeEntry>();
  const commitFiles = (branch: string, files: Record<string, string>, message = "Update files") => {
    const parent = state.refs.get(`refs/heads/${branch}`) ?? state.refs.get(`refs/heads/${defaultBranch}`);
    const entries = new Map(treeOf(parent));
    for (const [path, text] of Object.entries(files)) entries.set(path, { mode: "100644", sha: putBlob(Buffer.from(text)) });
    const sha = putCommit({ tree: putTree(entries), parents: parent ? [parent] : [], message, date: now() });
    state.refs.set(`refs/heads/${branch}`, sha);
    headMoved(`refs/heads/${branch}`);
    return sha;
  };
  commitFiles(defaultBranch, options.files ?? { "README.md": `# ${repo}\n` }, "Initial commit");

  // ------------------------------------------------------------ helpers

  const issueOr404 = (n: string, kind?: "issue" | "pull") => {
    const i = state.issues.get(Number(n));
    if (!i || (kind === "pull" && !i.pull)) throw notFound();
    return i;
  };
  const ensureLabels = (names: unknown): string[] => {
    if (!Array.isArray(names)) throw invalid("Issue", "labels");
    return names.map((raw) => {
      const name = String(typeof raw === "object" && raw ? (raw as { name: string }).name : raw);
      if (!state.labels.has(name.toLowerCase())) state.labels.set(name.toLowerCase(), { id: nextId(), name, color: "ededed", description: null, default: false });
      return (state.labels.get(name.toLowerCase()) as { name: string }).name;
    });
  };
  const checkAssignees = (names: unknown): string[] => {
    const list = Array.isArray(names) ? names.map(String) : [];
    const bad = list.find((a) => !state.collaborators.has(a));
    if (bad !== undefined) throw new HttpError(422, "Validation Failed", { errors: [{ value: bad, resource: "Issue", field: "assignees", code: "invalid" }] });
    return list;
  };
  const setState = (i: IssueRecord, s: unknown, reason?: unknown) => {
    if (s !== "open" && s !== "closed") throw invalid("Issue", "state");
    if (s === i.state) return;
    i.state = s;
    i.closedAt = s === "closed" ? now() : null;
    i.stateReason = s === "closed" ? (reason === "not_planned" ? "not_planned" : "completed") : "reopened";
  };
  const page = <X>(path: string, q: Query, items: X[]): Reply => {
    const perPage = Math.min(Math.max(Number(q.get("per_page") ?? 30) || 30, 1), 100);
    const current = Math.max(Number(q.get("page") ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const at = (n: number) => {
      const p = new URLSearchParams(q);
      p.set("page", String(n));
      return `<${url}${path}?${p.toString()}>`;
    };
    const links: string[] = [];
    if (current > 1) links.push(`${at(current - 1)}; rel="prev"`);
    if (current < last) links.push(`${at(current + 1)}; rel="next"`, `${at(last)}; rel="last"`);
    if (current > 1) links.push(`${at(1)}; rel="first"`);
    return { status: 200, body: items.slice((current - 1) * perPage, current * perPage), headers: links.length > 0 ? { link: links.join(", ") } : {} };
  };
  const sortIssues = (list: IssueRecord[], q: Query) => {
    const key = q.get("sort") === "updated" ? "updatedAt" : "createdAt";
    const dir = q.get("direction") === "asc" ? 1 : -1;
    return list.sort((a, b) => (a[key] === b[key] ? a.number - b.number : a[key] < b[key] ? -1 : 1) * dir);
  };
  const touch = (i: IssueRecord) => (i.updatedAt = now());
  const newIssue = (title: unknown, body: unknown, author: string): IssueRecord => {
    if (typeof title !== "string" || title.trim() === "") throw invalid("Issue", "title", "missing_field");
    const t = now();
    const number = Math.max(0, ...state.issues.keys()) + 1;
    const i: IssueRecord = { number, title, body: typeof body === "string" ? body : null, state: "open", stateReason: null, labels: [], assignees: [], author, createdAt: t, updatedAt: t, closedAt: null };
    state.issues.set(number, i);
    return i;
  };
  const refName = (raw: string) => (raw.startsWith("refs/") ? raw : `refs/${raw}`).replace(/\/+$/, "");

  // ------------------------------------------------------------ routes

  const routes: Array<[string, RegExp, Handler]> = [];
  const on = (method: string, path: string, handler: Handler) =>
    routes.push([method, new RegExp(`^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)${path.replace(/:(\w+)\*/g, "(?<$1>.+)").replace(/:(\w+)/g, "(?<$1>[^/]+)")}/?$`), handler]);
  const ok = (body: unknown, status = 200): Reply => ({ status, body });

  on("GET", "/labels", (_p, q) => page(`/repos/${owner}/${repo}/labels`, q, [...state.labels.keys()].map(labelJson)));
  on("GET", "/labels/:name", (p) => ok(labelJson(p.name as string)));
  on("POST", "/labels", (_p, _q, b) => {
    if (typeof b?.name !== "string") throw invalid("Label", "name", "missing_field");
    if (b.color !== undefined && !/^[0-9a-f]{6}$/i.test(String(b.color))) throw invalid("Label", "color");
    if (state.labels.has(b.name.toLowerCase())) throw invalid("Label", "name", "already_exists");
    state.labels.set(b.name.toLowerCase(), { id: nextId(), name: b.name, color: b.color ?? "ededed", description: b.description ?? null, default: false });
    return ok(labelJson(b.name), 201);
  });
  on("PATCH", "/labels/:name", (p, _q, b) => {
    const l = state.labels.get((p.name as string).toLowerCase());
    if (!l) throw notFound();
    state.labels.delete(l.name.toLowerCase());
    Object.assign(l, { name: b?.new_name ?? l.name, color: b?.color ?? l.color, description: b?.description ?? l.description });
    state.labels.set(l.name.toLowerCase(), l);
    return ok(labelJson(l.name));
  });
  on("DELETE", "/labels/:name", (p) => {
    if (!state.labels.delete((p.name as string).toLowerCase())) throw notFound();
    return { status: 204 };
  });

  on("GET", "/issues", (_p, q) => {
    const wanted = (q.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
    const st = q.get("state") ?? "open";
    const since = q.get("since");
    const list = [...state.issues.values()].filter((i) =>
      (st === "all" || i.state === st) && wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)) && (!since || Date.parse(i.updatedAt) >= Date.parse(since)));
    return page(`/repos/${owner}/${repo}/issues`, q, sortIssues(list, q).map((i) => issueJson(i)));
  });
  on("POST", "/issues", (_p, _q, b) => {
    const labels = ensureLabels(b?.labels ?? []);
    const assignees = checkAssignees(b?.assignees);
    const i = newIssue(b?.title, b?.body, BOT_LOGIN);
    Object.assign(i, { labels, assignees });
    return ok(issueJson(i, true), 201);
  });
  on("GET", "/issues/:n", (p) => ok(issueJson(issueOr404(p.n as string), true)));
  on("PATCH", "/issues/:n", (p, _q, b) => {
    const i = issueOr404(p.n as string);
    if (b?.title !== undefined) i.title = String(b.title);
    if (b?.body !== undefined) i.body = b.body === null ? null : String(b.body);
    if (b?.labels !== undefined) i.labels = ensureLabels(b.labels);
    if (b?.assignees !== undefined) i.assignees = checkAssignees(b.assignees);
    if (b?.state !== undefined) setState(i, b.state, b.state_reason);
    touch(i);
    return ok(issueJson(i, true));
  });
  on("POST", "/issues/:n/labels", (p, _q, b) => {
    const i = issueOr404(p.n as string);
    for (const l of ensureLabels(Array.isArray(b) ? b : b?.labels)) if (!i.labels.includes(l)) i.labels.push(l);
    touch(i);
    return ok(i.labels.map(labelJson));
  });
  on("GET", "/issues/:n/comments", (p, q) => {
    const i = issueOr404(p.n as string);
    const list = [...state.comments.values()].filter((c) => c.issue === i.number).sort((a, b) => a.id - b.id);
    return page(`/repos/${owner}/${repo}/issues/${i.number}/comments`, q, list.map(commentJson));
  });
  on("POST", "/issues/:n/comments", (p, _q, b) => {
    const i = issueOr404(p.n as string);
    if (typeof b?.body !== "string" || b.body === "") throw invalid("IssueComment", "body", "missing_field");
    const t = now();
    const c: CommentRecord = { id: nextId(), issue: i.number, body: b.body, author: BOT_LOGIN, createdAt: t, updatedAt: t };
    state.comments.set(c.id, c);
    touch(i);
    return ok(commentJson(c), 201);
  });
  on("GET", "/issues/comments/:id", (p) => ok(commentJson(state.comments.get(Number(p.id)) ?? (() => { throw notFound(); })())));
  on("PATCH", "/issues/comments/:id", (p, _q, b) => {
    const c = state.comments.get(Number(p.id));
    if (!c) throw notFound();
    if (typeof b?.body !== "string") throw invalid("IssueComment", "body", "missing_field");
    Object.assign(c, { body: b.body, updatedAt: now() });
    return ok(commentJson(c));
  });

  on("GET", "/git/refs", () => ok([...state.refs.keys()].sort().map(refJson)));
  on("GET", "/git/ref/:ref*", (p) => {
    const ref = refName(p.ref as string);
    if (!state.refs.has(ref)) throw notFound();
    return ok(refJson(ref));
  });
  on("POST", "/git/refs", (_p, _q, b) => {
    const ref = String(b?.ref ?? "");
    if (!/^refs\/.+/.test(ref) || ref.split("/").length < 3) throw new HttpError(422, "Reference name must start with 'refs/' and have at least two slashes.");
    if (!state.commits.has(String(b?.sha))) throw new HttpError(422, "Object does not exist");
    if (state.refs.has(ref)) throw new HttpError(422, "Reference already exists");
    state.refs.set(ref, String(b.sha));
    return { status: 201, body: refJson(ref), headers: { location: `${api}/git/${ref}` } };
  });
  on("PATCH", "/git/refs/:ref*", (p, _q, b) => {
    const ref = refName(p.ref as string);
    const current = state.refs.get(ref);
    if (current === undefined) throw new HttpError(422, "Reference does not exist");
    if (!state.commits.has(String(b?.sha))) throw new HttpError(422, "Object does not exist");
    if (!b.force && !isAncestor(current, String(b.sha))) throw new HttpError(422, "Update is not a fast forward");
    state.refs.set(ref, String(b.sha));
    if (current !== String(b.sha)) headMoved(ref);
    return ok(refJson(ref));
  });
  on("DELETE", "/git/refs/:ref*", (p) => {
    if (!state.refs.delete(refName(p.ref as string))) throw new HttpError(422, "Reference does not exist");
    return { status: 204 };
  });
  const isAncestor = (ancestor: string, sha: string): boolean =>
    sha === ancestor || (state.commits.get(sha)?.parents ?? []).some((p) => isAncestor(ancestor, p));

  on("POST", "/git/blobs", (_p, _q, b) => {
    if (typeof b?.content !== "string") throw invalid("Blob", "content", "missing_field");
    const sha = putBlob(Buffer.from(b.content, b.encoding === "base64" ? "base64" : "utf8"));
    return { status: 201, body: { url: `${api}/git/blobs/${sha}`, sha }, headers: { location: `${api}/git/blobs/${sha}` } };
  });
  on("GET", "/git/blobs/:sha", (p) => {
    const blob = state.blobs.get(p.sha as string);
    if (!blob) throw notFound();
    const body: GitBlob = { sha: p.sha as string, node_id: "B_kwDOA", size: blob.length, url: `${api}/git/blobs/${p.sha}`, content: blob.toString("base64"), encoding: "base64" };
    return ok(body);
  });
  on("POST", "/git/trees", (_p, _q, b) => {
    if (!Array.isArray(b?.tree)) throw invalid("Tree", "tree", "missing_field");
    if (b.base_tree !== undefined && !state.trees.has(String(b.base_tree))) throw new HttpError(422, "Invalid tree info");
    const entries = new Map(b.base_tree ? state.trees.get(String(b.base_tree)) : []);
    for (const e of b.tree as Array<{ path: string; mode: string; sha?: string | null; content?: string }>) {
      if (e.sha === null) entries.delete(e.path);
      else if (typeof e.content === "string") entries.set(e.path, { mode: e.mode, sha: putBlob(Buffer.from(e.content)) });
      else if (e.sha && state.blobs.has(e.sha)) entries.set(e.path, { mode: e.mode, sha: e.sha });
      else throw new HttpError(422, "Invalid tree info");
    }
    const sha = putTree(entries);
    return { status: 201, body: treeJson(sha), headers: { location: `${api}/git/trees/${sha}` } };
  });
  on("GET", "/git/trees/:sha", (p) => {
    if (!state.trees.has(p.sha as string)) throw notFound();
    return ok(treeJson(p.sha as string));
  });
  on("POST", "/git/commits", (_p, _q, b) => {
    if (!state.trees.has(String(b?.tree))) throw new HttpError(422, "Tree SHA does not exist");
    const parents = (b.parents ?? []).map(String);
    if (parents.some((s: string) => !state.commits.has(s))) throw new HttpError(422, "Parent SHA does not exist or is not a commit object");
    const sha = putCommit({ tree: String(b.tree), parents, message: String(b.message ?? ""), date: now() });
    return { status: 201, body: commitJson(sha), headers: { location: `${api}/git/commits/${sha}` } };
  });
  on("GET", "/git/commits/:sha", (p) => ok(commitJson(p.sha as string)));

  on("GET", "/contents/:path*", (p, q) => {
    const ref = q.get("ref") ?? defaultBranch;
    const head = state.refs.get(refName(`heads/${ref}`)) ?? (state.commits.has(ref) ? ref : undefined);
    const entry = treeOf(head).get((p.path as string));
    if (!entry) throw notFound();
    return ok(contentJson((p.path as string), entry.sha, ref));
  });
  on("PUT", "/contents/:path*", (p, _q, b) => {
    const path = (p.path as string);
    const branch = String(b?.branch ?? defaultBranch);
    if (typeof b?.content !== "string") throw invalid("Content", "content", "missing_field");
    const existing = treeOf(state.refs.get(`refs/heads/${branch}`)).get(path);
    if (existing && b.sha === undefined) throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    if (existing && b.sha !== existing.sha) throw new HttpError(409, `${path} does not match ${b.sha}`);
    const sha = commitFiles(branch, { [path]: Buffer.from(b.content, "base64").toString("utf8") }, String(b.message ?? ""));
    const blobSha = treeOf(sha).get(path)?.sha as string;
    const { content: _omit, encoding: _enc, ...content } = contentJson(path, blobSha, branch);
    return ok({ content, commit: commitJson(sha) }, existing ? 200 : 201);
  });

  on("GET", "/pulls", (_p, q) => {
    const st = q.get("state") ?? "open";
    const head = q.get("head");
    const list = [...state.issues.values()].filter((i) => i.pull && (st === "all" || i.state === st)
      && (!head || `${owner}:${i.pull.head}` === head || (!head.includes(":") && i.pull.head === head))
      && (!q.get("base") || i.pull.base === q.get("base")));
    return page(`/repos/${owner}/${repo}/pulls`, q, sortIssues(list, q).map(pullJson));
  });
  on("POST", "/pulls", (_p, _q, b) => {
    const head = String(b?.head ?? "").replace(`${owner}:`, "");
    const base = String(b?.base ?? "");
    if (!state.refs.has(`refs/heads/${head}`)) throw invalid("PullRequest", "head");
    if (!state.refs.has(`refs/heads/${base}`)) throw invalid("PullRequest", "base");
    const open = [...state.issues.values()].find((i) => i.pull?.head === head && i.pull.base === base && i.state === "open");
    if (open) throw new HttpError(422, "Validation Failed", { errors: [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${owner}:${head}.` }] });
    const i = newIssue(b?.title, b?.body, BOT_LOGIN);
    i.pull = { head, base, mergedAt: null, draft: Boolean(b?.draft) };
    return { status: 201, body: pullJson(i), headers: { location: `${api}/pulls/${i.number}` } };
  });
  on("GET", "/pulls/:n", (p) => ok(pullJson(issueOr404(p.n as string, "pull"))));
  on("PATCH", "/pulls/:n", (p, _q, b) => {
    const i = issueOr404(p.n as string, "pull");
    if (b?.title !== undefined) i.title = String(b.title);
    if (b?.body !== undefined) i.body = b.body === null ? null : String(b.body);
    if (b?.base !== undefined) (i.pull as NonNullable<IssueRecord["pull"]>).base = String(b.base);
    if (b?.state !== undefined) {
      if (i.pull?.mergedAt && b.state === "open") throw new HttpError(422, "Validation Failed", { errors: [{ resource: "PullRequest", code: "custom", message: "state cannot be changed. The pull request has been merged." }] });
      setState(i, b.state);
    }
    touch(i);
    return ok(pullJson(i));
  });

  // Reviews: GET lists every review (oldest first, paginated); PUT .../dismissals dismisses one
  // (422 unless it is an approval or a change request, as GitHub answers).
  on("GET", "/pulls/:n/reviews", (p, q) => {
    const i = issueOr404(p.n as string, "pull");
    const list = [...state.reviews.values()].filter((r) => r.pull === i.number).sort((a, b) => a.id - b.id);
    return page(`/repos/${owner}/${repo}/pulls/${i.number}/reviews`, q, list.map(reviewJson));
  });
  on("PUT", "/pulls/:n/reviews/:id/dismissals", (p, _q, b) => {
    const i = issueOr404(p.n as string, "pull");
    const r = state.reviews.get(Number(p.id));
    if (!r || r.pull !== i.number) throw notFound();
    if (typeof b?.message !== "string") throw invalid("PullRequestReview", "message", "missing_field");
    if (r.state !== "APPROVED" && r.state !== "CHANGES_REQUESTED") throw new HttpError(422, "Can not dismiss a commented pull request review");
    r.state = "DISMISSED";
    return ok(reviewJson(r));
  });
  // GET /repos/{owner}/{repo}/collaborators/{username}/permission: the legacy `permission` field says
  // admin, write, read or none (maintain reads as write, triage as read); `role_name` is the role itself.
  // A user GitHub does not know is a 404; any other user reads a public repository.
  on("GET", "/collaborators/:username/permission", (p) => {
    const login = p.username as string;
    if (!/^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}(\[bot\])?$/i.test(login) || login.startsWith("ghost-")) throw notFound();
    const role = state.roles.get(login) ?? "read";
    const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
    const data: Permission = { permission, role_name: role, user: { ...user(login), permissions: { admin: role === "admin", maintain: role === "admin" || role === "maintain", push: permission !== "read", triage: role !== "read", pull: true } } as unknown as Permission["user"] };
    return ok(data);
  });
  // POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions: 201 for a new reaction, 200 with
  // the existing one when this user already reacted so; 422 for a content GitHub does not know.
  on("POST", "/issues/comments/:id/reactions", (p, _q, b) => {
    const comment = state.comments.get(Number(p.id));
    if (!comment) throw notFound();
    const content = b?.content;
    if (!["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"].includes(content)) throw invalid("Reaction", "content", "invalid");
    const json = (r: { id: number; user: string; content: string; createdAt: string }): Reaction => ({ id: r.id, node_id: "REA_lADO", user: user(r.user), content: r.content as Reaction["content"], created_at: r.createdAt });
    const existing = [...state.reactions.values()].find((r) => r.comment === comment.id && r.user === BOT_LOGIN && r.content === content);
    if (existing) return ok(json(existing));
    const r = { id: nextId(), comment: comment.id, user: BOT_LOGIN, content, createdAt: now() };
    state.reactions.set(r.id, r);
    return ok(json(r), 201);
  });
  // Organization teams: GET /orgs/{org}/teams/{team_slug}/members (404 for an unknown team, or one
  // the token may not see).
  routes.push(["GET", /^\/orgs\/(?<org>[^/]+)\/teams\/(?<slug>[^/]+)\/members\/?$/, (p, q) => {
    const members = state.teams.get(`${p.org}/${p.slug}`);
    if (!members) throw notFound();
    return page(`/orgs/${p.org}/teams/${p.slug}/members`, q, members.map((m) => user(m)));
  }]);

  // Deployments and deployment statuses (REST "Deployments" and "Deployment statuses"): ids increase,
  // lists are newest first and paginated, a ref must resolve (branch, tag or commit sha), a status's
  // state is one of GitHub's seven and its description at most 140 characters.
  const STATUS_STATES = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];
  const resolveRef = (ref: string): string | undefined =>
    state.refs.get(`refs/heads/${ref}`) ?? state.refs.get(`refs/tags/${ref}`) ?? state.refs.get(ref)
    ?? (ref.length >= 7 ? [...state.commits.keys()].find((sha) => sha.startsWith(ref)) : undefined);
  const deploymentJson = (d: DeploymentRecord): Deployment => ({
    url: `${api}/deployments/${d.id}`, id: d.id, node_id: "DE_kwDOA", sha: d.sha, ref: d.ref, task: d.task,
    payload: d.payload as Deployment["payload"], original_environment: d.environment, environment: d.environment, description: d.description,
    creator: user(d.creator), created_at: d.createdAt, updated_at: d.updatedAt,
    statuses_url: `${api}/deployments/${d.id}/statuses`, repository_url: api,
    transient_environment: d.transient, production_environment: d.production, performed_via_github_app: null,
  });
  const statusJson = (st: DeploymentStatusRecord): DeploymentStatus => ({
    url: `${api}/deployments/${st.deployment}/statuses/${st.id}`, id: st.id, node_id: "DES_kwDOA", state: st.state,
    creator: user(st.creator), description: st.description, environment: st.environment, target_url: st.logUrl,
    created_at: st.createdAt, updated_at: st.createdAt, deployment_url: `${api}/deployments/${st.deployment}`, repository_url: api,
    environment_url: st.environmentUrl, log_url: st.logUrl, performed_via_github_app: null,
  });
  const deploymentOr404 = (id: string) => state.deployments.get(Number(id)) ?? (() => { throw notFound(); })();
  on("GET", "", () => ok({ ...repository(), default_branch: defaultBranch }));
  on("POST", "/deployments", (_p, _q, b) => {
    if (typeof b?.ref !== "string" || b.ref === "") throw invalid("Deployment", "ref", "missing_field");
    const sha = resolveRef(b.ref);
    if (!sha) throw new HttpError(422, `No ref found for: ${b.ref}`);
    if (b.payload !== undefined && typeof b.payload !== "string" && (typeof b.payload !== "object" || b.payload === null)) throw invalid("Deployment", "payload");
    const t = now();
    const d: DeploymentRecord = {
      id: nextId(), sha, ref: b.ref, task: typeof b.task === "string" ? b.task : "deploy", payload: b.payload ?? {},
      environment: typeof b.environment === "string" ? b.environment : "production", description: typeof b.description === "string" ? b.description : null,
      transient: b.transient_environment === true, production: b.production_environment ?? (b.environment ?? "production") === "production",
      creator: actor, createdAt: t, updatedAt: t,
    };
    state.deployments.set(d.id, d);
    return { status: 201, body: deploymentJson(d), headers: { location: `${api}/deployments/${d.id}` } };
  });
  on("GET", "/deployments", (_p, q) => {
    const list = [...state.deployments.values()]
      .filter((d) => ["sha", "ref", "task", "environment"].every((k) => !q.has(k) || String(d[k as "sha"]) === q.get(k)))
      .sort((a, b) => b.id - a.id);
    return page(`/repos/${owner}/${repo}/deployments`, q, list.map(deploymentJson));
  });
  on("GET", "/deployments/:id", (p) => ok(deploymentJson(deploymentOr404(p.id as string))));
  on("POST", "/deployments/:id/statuses", (p, _q, b) => {
    const d = deploymentOr404(p.id as string);
    if (!STATUS_STATES.includes(String(b?.state))) throw invalid("DeploymentStatus", "state");
    const description = typeof b.description === "string" ? b.description : "";
    if (description.length > 140) throw new HttpError(422, "Validation Failed", { errors: [{ resource: "DeploymentStatus", field: "description", code: "custom", message: "description is too long (maximum is 140 characters)" }] });
    const t = now();
    const st: DeploymentStatusRecord = {
      id: nextId(), deployment: d.id, state: b.state, description, environment: typeof b.environment === "string" ? b.environment : d.environment,
      logUrl: String(b.log_url ?? b.target_url ?? ""), environmentUrl: String(b.environment_url ?? ""), creator: actor, createdAt: t,
    };
    state.deploymentStatuses.set(st.id, st);
    d.updatedAt = t;
    // auto_inactive (default true): earlier non-transient, non-production deployments to the environment
    // whose latest state is success get an inactive status.
    if (b.state === "success" && b.auto_inactive !== false) {
      for (const other of state.deployments.values()) {
        if (other.id >= d.id || other.environment !== d.environment || other.transient || other.production) continue;
        const latest = [...state.deploymentStatuses.values()].filter((x) => x.deployment === other.id).sort((x, y) => y.id - x.id)[0];
        if (latest?.state !== "success") continue;
        const id = nextId();
        state.deploymentStatuses.set(id, { ...latest, id, state: "inactive", description: "", createdAt: t });
      }
    }
    return { status: 201, body: statusJson(st), headers: { location: `${api}/deployments/${d.id}/statuses/${st.id}` } };
  });
  on("GET", "/deployments/:id/statuses", (p, q) => {
    const d = deploymentOr404(p.id as string);
    const list = [...state.deploymentStatuses.values()].filter((st) => st.deployment === d.id).sort((a, b) => b.id - a.id);
    return page(`/repos/${owner}/${repo}/deployments/${d.id}/statuses`, q, list.map(statusJson));
  });

  // ------------------------------------------------------------ plumbing

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = (req.method ?? "GET").toUpperCase();
    const target = new URL(req.url ?? "/", url);
    let body: unknown;
    let reply: Reply;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
      reply = route(method, target, body, req);
    } catch (err) {
      reply = err instanceof HttpError
        ? { status: err.status, body: { message: err.message, ...err.extra, documentation_url: "https://docs.github.com/rest", status: String(err.status) } }
        : err instanceof SyntaxError
          ? { status: 400, body: { message: "Problems parsing JSON", documentation_url: "https://docs.github.com/rest" } }
          : { status: 500, body: { message: String(err) } };
    }
    requests.push({ method, path: `${target.pathname}${target.search}`, body, status: reply.status, at });
    const headers: Record<string, string> = {
      "x-github-media-type": "github.v3; format=json", "x-github-request-id": `0000:${requests.length}`,
      "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999", "x-ratelimit-used": "1", "x-ratelimit-resource": "core",
      "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 3600), ...reply.headers,
    };
    if (reply.body !== undefined && reply.status !== 204) headers["content-type"] = "application/json; charset=utf-8";
    res.writeHead(reply.status, headers);
    res.end(reply.body === undefined || reply.status === 204 ? undefined : JSON.stringify(reply.body));
  }

  function route(method: string, target: URL, body: unknown, req: IncomingMessage): Reply {
    const path = `${target.pathname}${target.search}`;
    const fault = faults.find((f) => f.times > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)));
    if (fault) {
      fault.times -= 1;
      return { status: fault.reply.status, body: fault.reply.body ?? { message: "Server Error" }, headers: fault.reply.headers };
    }
    if (!req.headers.authorization) throw new HttpError(401, "Requires authentication");
    for (const [m, pattern, handler] of routes) {
      const match = m === method ? pattern.exec(target.pathname) : null;
      if (!match) continue;
      const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      if (params.org === undefined && (params.owner !== owner || params.repo !== repo)) throw notFound();
      return handler(params, target.searchParams, body);
    }
    throw notFound();
  }

  // Idempotent, so a test may stop the server early and still dispose of it.
  const close = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  return {
    url, owner, repo, defaultBranch, state, requests, close, commitFiles,
    [Symbol.asyncDispose]: close,
    fail: (match, reply, times = 1) => void faults.push({ ...match, reply, times }),
    advanceClock: (ms) => void (clock += ms),
    actAs: (login) => void (actor = login),
    fileAt: (branch, path) => {
      const entry = treeOf(state.refs.get(`refs/heads/${branch}`)).get(path);
      return entry && state.blobs.get(entry.sha)?.toString("utf8");
    },
    commentAs: (number, login, body) => {
      const i = issueOr404(String(number));
      const t = now();
      const c: CommentRecord = { id: nextId(), issue: i.number, body, author: login, createdAt: t, updatedAt: t };
      state.comments.set(c.id, c);
      touch(i);
      return c.id;
    },
    submitReview: (number, login, event, body = "") => {
      const i = issueOr404(String(number), "pull");
      if (login === i.author && event !== "COMMENT") throw new Error(`GitHub refuses: ${login} cannot ${event.toLowerCase()} their own pull request`);
      const id = nextId();
      const st = event === "APPROVE" ? "APPROVED" : event === "REQUEST_CHANGES" ? "CHANGES_REQUESTED" : "COMMENTED";
      state.reviews.set(id, { id, pull: number, author: login, state: st, body, commitId: state.refs.get(`refs/heads/${i.pull!.head}`) ?? "", submittedAt: now() });
      return id;
    },
    closePull: (number, { merge = false } = {}) => {
      const i = issueOr404(String(number), "pull");
      const p = i.pull as NonNullable<IssueRecord["pull"]>;
      setState(i, "closed");
      touch(i);
      if (merge) {
        p.mergedAt = i.closedAt;
        state.refs.set(`refs/heads/${p.base}`, state.refs.get(`refs/heads/${p.head}`) as string);
      }
    },
  };
}
