/**
 * The interfaces commands need from the outside world. Adapters in src/adapters implement them;
 * tests use in-memory fakes (test/support) or local servers. Nothing here imports an SDK.
 */

import type { LockTicket } from "./core/lock/decide-lock.js";
import type { LiveModelVersion, LiveRegistry, LiveRun } from "./core/plan/registry-state.js";
import type {
  DeploymentConfig, DesiredAlarm, DesiredEndpointConfig, DesiredModel, DesiredScaling,
  LiveAlarm, LiveEndpoint, LiveEndpointConfig, LiveScalableTarget, LiveScalingPolicy, OwnedResource,
  WeightAndCapacity,
} from "./core/plan/sagemaker-types.js";
import type { LastDeployment, LiveSageMakerModel } from "./core/import/map-sagemaker.js";

/** Progress for a person. Adapters and commands log; the core never does. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Runs `fn` inside a collapsible group (Actions) or an indented block (terminal). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export interface FileStat {
  kind: "file" | "dir" | "symlink" | "other";
  size: number;
}

/** The working tree of the governed repository. Every path is repository-relative with forward slashes. */
export interface RepoFiles {
  /** Where the files are (a folder), for messages only; undefined for in-memory files. */
  readonly location?: string;
  /** Regular files below `dir` (recursively), sorted; [] if `dir` does not exist. Skips .git and node_modules. */
  list(dir: string): Promise<string[]>;
  /**
   * The file's bytes, or undefined if it does not exist. Throws a UserError (exit 2) naming the path
   * for a symlink leading outside the repository, anything but a regular file, or a file over the size cap.
   */
  read(path: string): Promise<Uint8Array | undefined>;
  /** lstat of the path (a symlink is reported as such), or undefined if it does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * The path with every symlink resolved, repository-relative; `outside` when it resolves outside
   * the repository; undefined when it does not exist.
   */
  resolve(path: string): Promise<string | "outside" | undefined>;
  /** Writes the file atomically (temp file + rename), creating folders as needed. */
  write(path: string, text: string): Promise<void>;
}

export interface CommitInfo {
  sha: string;
  author: string;
  email: string;
  /** Committer date. */
  date: Date;
  subject: string;
}

/** Read-only access to the repository's git history. */
export interface GitHistory {
  /** The full sha of a ref, or undefined if it does not resolve. */
  resolve(ref: string): Promise<string | undefined>;
  /** The file's text at a ref, or undefined if it does not exist there. */
  show(ref: string, path: string): Promise<string | undefined>;
  /** The file's text at each of `refs` (as `show`, in order), read at once. Optional: `show` per ref otherwise. */
  showAll?(refs: string[], path: string): Promise<(string | undefined)[]>;
  /** Repository-relative paths that differ between `ref` (merge base with HEAD) and the working tree. */
  changedFiles(ref: string): Promise<string[]>;
  /** Commits that changed `path`, newest first (follows the first parent), reachable from `ref` (default HEAD). */
  log(path: string, ref?: string): Promise<CommitInfo[]>;
  /** The commit HEAD points at, or undefined outside a repository. */
  head(): Promise<CommitInfo | undefined>;
  /**
   * Makes commit `sha` available locally (fetches it from the remote the checkout came from) so that
   * `log` and `show` can read from it; true when it is (already, or after the fetch). Optional.
   */
  fetch?(sha: string): Promise<boolean>;
}

/** One object in a DVC remote. */
export interface RemoteObjectQuery {
  /** e.g. s3://bucket/prefix */
  remoteUrl: string;
  md5: string;
}

/** Read access to DVC remotes (S3 and S3-compatible). */
export interface DvcRemote {
  /** Which layout the object was found in, or undefined when it is in neither DVC 3 nor DVC 2 layout. */
  locate(q: RemoteObjectQuery): Promise<{ key: string; layout: "dvc3" | "dvc2"; size?: number } | undefined>;
}

export interface Datapoint {
  /** Epoch milliseconds. */
  t: number;
  value: number;
}

export interface SeriesQuery {
  /** Caller-chosen id, echoed back in the result. */
  id: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  stat: string;
  /** Seconds. */
  period: number;
  /** Model and metric the query belongs to (for file-based sources). */
  model: string;
  name: string;
  /**
   * The deployment environment (deployment.environments) whose account and region the series is
   * read in; absent: where the credentials point. The file source reads `name` (which then ends in `@<env>`).
   */
  environment?: AwsEnvironmentRef;
}

export interface SeriesResult {
  id: string;
  /** Oldest first, aligned to the period. */
  points: Datapoint[];
  /**
   * Set when the source could not read this series, or part of it (then `points` holds the rest,
   * and this names what was left out, e.g. a file's bad rows with file:line); the run goes on.
   */
  error?: string;
}

/** Where monitored metrics come from: CloudWatch, or a folder of files. */
export interface MetricSource {
  /** Reads many series at once over [start, end). Implementations batch to their API's limits. */
  read(queries: SeriesQuery[], range: { start: Date; end: Date }): Promise<SeriesResult[]>;
  /**
   * The model's current data sample for drift tests, as CSV text (header row, one column per
   * feature), or undefined when there is none. Optional: a source without it (CloudWatch) has no
   * samples, and the monitor skips drift tests with a note. Throws only when the sample exists but
   * cannot be read.
   */
  driftSample?(model: string): Promise<string | undefined>;
}

/** An event for downstream automation (EventBridge). `detail` follows schemas/events/<detail-type>.schema.json. */
export interface StewardEvent {
  detailType: string;
  detail: Record<string, unknown>;
  /** ARNs or names of the resources concerned. */
  resources?: string[];
  time?: Date;
}

export interface EventBus {
  /** Publishes all events; retries failed entries; throws ExternalError if some still fail. */
  publish(events: StewardEvent[]): Promise<void>;
}

export interface IssueRef {
  number: number;
  url: string;
  state: "open" | "closed";
  title: string;
  body: string;
  labels: string[];
  closedAt?: Date;
  updatedAt?: Date;
  /** When the issue was opened. */
  createdAt?: Date;
  /** Logins of the assignees. */
  assignees?: string[];
}

export interface PullRequestRef {
  number: number;
  url: string;
  state: "open" | "closed";
  merged: boolean;
  branch: string;
  title: string;
  body: string;
  closedAt?: Date;
  /** The branch it merges into. */
  base?: string;
  /** The head commit sha. */
  headSha?: string;
  labels?: string[];
  createdAt?: Date;
  mergedAt?: Date;
}

export interface CommentRef {
  id: number;
  body: string;
  /** Login of the author. */
  author: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One entry of a commit's tree: a file (mode 100644/100755) or a symlink (120000). */
export interface TreeEntry {
  /** The git blob sha of its content. */
  sha: string;
  mode: string;
  size?: number;
}

/** One review of a pull request. */
export interface ReviewRef {
  /** Login of the reviewer. */
  author: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  /** When it was submitted (a pending review has none: undefined). */
  submittedAt?: Date;
  /** The head commit it reviewed. */
  commitId?: string;
}

/**
 * The GitHub side: issues, comments and pull requests. Every bot-made object carries a hidden marker
 * (src/core/github-conventions.ts) and the bot's label. Every failure is an ExternalError("github", status).
 */
export interface Scm {
  /**
   * The issue whose body contains `marker`: the newest open one, else the most recently closed one;
   * undefined if none. Only issues carrying the bot's label are searched (pull requests are skipped).
   */
  findIssue(marker: string): Promise<IssueRef | undefined>;
  /** Opens an issue; the bot's label is always added. Assignees are user logins ("@" stripped; teams skipped). */
  createIssue(input: { title: string; body: string; labels: string[]; assignees: string[] }): Promise<IssueRef>;
  /** Changes only the fields given. `labels` replaces the set (the bot's label is kept). */
  updateIssue(number: number, input: { title?: string; body?: string; state?: "open" | "closed"; labels?: string[] }): Promise<void>;
  /** Adds a comment to an issue or pull request. */
  comment(number: number, body: string): Promise<void>;
  /** The newest pull request (open, closed or merged) whose head is `branch` in this repository, or undefined. */
  findPullRequest(branch: string): Promise<PullRequestRef | undefined>;
  /**
   * Creates or force-updates `branch` from `base` with one commit changing `files` (made through the API,
   * no checkout), then opens the pull request or updates the open one. When the branch already holds
   * exactly these changes on top of `base`, no new commit is pushed. A closed pull request is never reopened:
   * a new one is opened (the caller decides, e.g. from `findPullRequest`, whether to call this at all).
   */
  proposeChange(input: {
    branch: string;
    base: string;
    /**
     * The commit to build on (its tree plus `files`; it becomes the commit's parent), read earlier with
     * readTree so that what was edited is what is committed. Default: `base`'s head at the time of the call.
     */
    parent?: string;
    title: string;
    body: string;
    labels: string[];
    commitMessage: string;
    files: Record<string, string>;
  }): Promise<PullRequestRef>;
  /** Creates or updates the one comment on `number` that contains `marker` (appended to `body` when missing). */
  upsertComment(number: number, marker: string, body: string): Promise<void>;
  /** Every issue carrying the bot's label in `state` (default "open"), newest update first. */
  listIssues(state?: "open" | "closed" | "all", opts?: { refresh?: boolean }): Promise<IssueRef[]>;
  /** Comments on an issue or pull request, oldest first. */
  listComments(number: number): Promise<CommentRef[]>;
  /**
   * The bot's own comment on `number` carrying `marker` (the newest; found by the marker and the bot's
   * login, as upsertComment finds it), or undefined. A comment by anyone else never matches, marker or not.
   */
  findComment(number: number, marker: string): Promise<CommentRef | undefined>;
  /** Closes a pull request without merging it (its branch is kept). */
  closePullRequest(number: number): Promise<void>;
  /** The file's text on `ref` (branch, tag or sha), or undefined when it does not exist there. */
  readFile(path: string, ref: string): Promise<string | undefined>;
  /** The head commit of branch `ref` and every file of its tree (recursively), by repository-relative path. */
  readTree(ref: string): Promise<{ sha: string; entries: Map<string, TreeEntry> }>;
  /** The bytes of a blob, by its sha. */
  readBlob(sha: string): Promise<Uint8Array>;
  /** Every review of pull request `number`, oldest first (all pages). */
  listReviews(number: number): Promise<ReviewRef[]>;
  /**
   * Logins of the members of team `org/slug` (all pages, child teams included as GitHub lists them).
   * Throws ExternalError("github", 404) when the team does not exist or the token may not see it
   * (a workflow's GITHUB_TOKEN cannot read organization teams: use a GitHub App token with members:read).
   */
  teamMembers(team: string): Promise<string[]>;
}

/** A user's role on the repository, as GitHub names it; "none" when GitHub grants nothing. */
export type RepoRole = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** What ChatOps needs from GitHub beyond Scm: who may run a command, and the answer in a reaction. */
export interface ChatOpsGitHub {
  /**
   * The user's role (GET /repos/{o}/{r}/collaborators/{user}/permission: `role_name`, else the
   * legacy `permission`). A user GitHub does not know has "none". Throws ExternalError otherwise.
   */
  role(login: string): Promise<RepoRole>;
  /** Adds the bot's reaction to an issue or pull-request comment (idempotent: the same reaction twice is one). */
  react(commentId: number, content: "+1" | "-1" | "eyes"): Promise<void>;
}

/** What the MLflow reconciler needs from a model registry; implemented over MLflow's REST API by src/adapters/mlflow/mlflow-model-registry.ts. */
export type LegacyStageName = "None" | "Staging" | "Production" | "Archived";

export interface ModelRegistry {
  /** Where the registry lives, for messages (e.g. the tracking URI). */
  readonly location: string;
  /**
   * Why this registry cannot register versions itself (Unity Catalog needs MLflow's client to upload
   * the model), or undefined when it can. The plan then turns each registration into a plan error.
   */
  readonly cannotRegister?: string;
  /** The live state of the named registered models, with all their versions and aliases; missing models are absent. */
  snapshot(names: string[]): Promise<LiveRegistry>;
  /**
   * Each run once, by run id: whether it exists, its status and lifecycle, and whether it has each
   * artifact path asked for (MLflow registers versions of runs that are missing, failed or deleted).
   */
  readRuns(runs: { runId: string; artifactPaths: string[] }[]): Promise<Record<string, LiveRun>>;
  createRegisteredModel(input: { name: string; description: string; tags: Record<string, string> }): Promise<void>;
  updateRegisteredModel(input: { name: string; description: string }): Promise<void>;
  setRegisteredModelTag(input: { name: string; key: string; value: string }): Promise<void>;
  /**
   * Registers a version and returns it with the number MLflow assigned. When the outcome of the create
   * is unknown (timeout, lost connection, 5xx), looks for the version it would have made (same run,
   * source and `steward.request_id` tag) before trying again, so a version is never registered twice.
   */
  createModelVersion(input: { name: string; source: string; runId?: string; description?: string; tags: Record<string, string> }): Promise<LiveModelVersion>;
  updateModelVersion(input: { name: string; version: string; description: string }): Promise<void>;
  setModelVersionTag(input: { name: string; version: string; key: string; value: string }): Promise<void>;
  deleteModelVersionTag(input: { name: string; version: string; key: string }): Promise<void>;
  setAlias(input: { name: string; alias: string; version: string }): Promise<void>;
  /** Succeeds when the alias is already gone. */
  deleteAlias(input: { name: string; alias: string }): Promise<void>;
  transitionStage(input: { name: string; version: string; stage: LegacyStageName }): Promise<void>;
}

// What the SageMaker reconciler needs from AWS, as interfaces (no SDK types). Implemented by
// src/adapters/aws/{sagemaker-endpoints,cloudwatch-alarms,autoscaling-variants}.ts. Every method throws
// ExternalError("aws", ...) on failure; "not found" is a value, not an error.

export interface SageMakerEndpoints {
  /** The endpoint, or undefined when it does not exist. */
  describeEndpoint(name: string): Promise<LiveEndpoint | undefined>;
  /** The endpoint config, or undefined when it does not exist. */
  describeEndpointConfig(name: string): Promise<LiveEndpointConfig | undefined>;
  modelExists(name: string): Promise<boolean>;
  /** Every endpoint config whose name contains `text` (all pages). */
  listEndpointConfigs(text: string): Promise<OwnedResource[]>;
  /** Every model whose name contains `text` (all pages). */
  listModels(text: string): Promise<OwnedResource[]>;
  /** Creates the model; resolves (does nothing) when a model of that name already exists. */
  createModel(model: DesiredModel, tags: Record<string, string>): Promise<void>;
  /** Creates the config; resolves when a config of that name already exists (names are content hashes). */
  createEndpointConfig(config: DesiredEndpointConfig, tags: Record<string, string>): Promise<void>;
  createEndpoint(name: string, configName: string, tags: Record<string, string>): Promise<void>;
  /**
   * UpdateEndpoint. `retainInstanceCounts` keeps each variant's live instance count (set by autoscaling)
   * and takes the weights from the new config (RetainAllVariantProperties, except DesiredWeight).
   */
  updateEndpoint(name: string, configName: string, deployment?: DeploymentConfig, options?: { retainInstanceCounts?: boolean }): Promise<void>;
  /** UpdateEndpointWeightsAndCapacities: weights, instance counts and serverless concurrency, in place. */
  updateWeightsAndCapacities(name: string, variants: WeightAndCapacity[]): Promise<void>;
  deleteEndpoint(name: string): Promise<void>;
  /** ListTags of a SageMaker resource ARN (all pages). */
  listTags(arn: string): Promise<Record<string, string>>;
  /** AddTags: adds or overwrites these tags, leaves the others. */
  addTags(arn: string, tags: Record<string, string>): Promise<void>;
}

export interface AlarmStore {
  /** The alarms of these names that exist (missing names are left out). */
  describeAlarms(names: string[]): Promise<LiveAlarm[]>;
  /** Creates or replaces the alarm (PutMetricAlarm); `tags` only count when it is created (CloudWatch ignores them on update). */
  putAlarm(alarm: DesiredAlarm, tags?: Record<string, string>): Promise<void>;
  /** Every metric alarm whose name starts with `prefix` (DescribeAlarms AlarmNamePrefix, all pages), with its ARN. */
  listAlarms(prefix: string): Promise<LiveAlarm[]>;
  /** The tags of the alarm of this ARN (ListTagsForResource). */
  alarmTags(arn: string): Promise<Record<string, string>>;
  /** Deletes the alarms (DeleteAlarms); a name that no longer exists counts as deleted. */
  deleteAlarms(names: string[]): Promise<void>;
}

export interface VariantScaling {
  /** Scalable targets and policies of these `endpoint/<e>/variant/<v>` resource ids. */
  describe(resourceIds: string[]): Promise<{ targets: LiveScalableTarget[]; policies: LiveScalingPolicy[] }>;
  registerScalableTarget(scaling: DesiredScaling): Promise<void>;
  putScalingPolicy(scaling: DesiredScaling): Promise<void>;
  /** Removes the target and its policies; resolves when it is not registered. */
  deregisterScalableTarget(resourceId: string): Promise<void>;
}

/** Captured inference data (SageMaker data capture): S3, or a folder laid out the same way. */
export interface CaptureStore {
  /** Every object under `prefix` of `bucket` (all pages), keys in S3's order (ascending). */
  list(bucket: string, prefix: string): Promise<{ key: string; size?: number }[]>;
  /** The object's text. Throws ExternalError when it cannot be read. */
  read(bucket: string, key: string): Promise<string>;
}

/** Where AWS calls land: the caller's account (STS GetCallerIdentity) and the clients' region. */
export interface AwsIdentity {
  /** Throws ExternalError when the credentials cannot be resolved or STS refuses. */
  whoAmI(): Promise<AwsLocation>;
}

export interface AwsLocation {
  account: string;
  region: string;
  /** The caller's ARN (role session or user). */
  arn: string;
}

/** An environment of deployment.environments, as the adapters need it (core's DeploymentEnvironment). */
export interface AwsEnvironmentRef {
  name: string;
  account: string;
  region: string;
  /** Assumed with STS AssumeRole; without it, the default credentials in `region`. */
  roleArn?: string;
}

/** The clients of one environment: in its region, with its role's credentials (assumed on first use). */
export interface AwsEnvironmentClients {
  aws: SageMakerAws;
  identity: AwsIdentity;
  /** CloudWatch dashboards there (the cloudwatch target). */
  dashboards: DashboardStore;
}

/** Builds (and may cache) the clients of an environment; makes no call until one is used. */
export type ConnectAwsEnvironment = (env: AwsEnvironmentRef) => AwsEnvironmentClients;

/** All of AWS the SageMaker reconciler talks to. */
export interface SageMakerAws {
  sagemaker: SageMakerEndpoints;
  alarms: AlarmStore;
  scaling: VariantScaling;
}

/** CloudWatch dashboards, for the `cloudwatch` target of plan and apply. */
export interface DashboardStore {
  /** The region the client talks to; metric widgets name it. */
  region(): Promise<string>;
  /** Names of the dashboards whose names start with `prefix` (every page of ListDashboards). */
  list(prefix: string): Promise<string[]>;
  /** The dashboard's body, parsed from JSON; undefined when it does not exist. */
  get(name: string): Promise<unknown>;
  /** Creates or replaces the dashboard (PutDashboard). Throws when CloudWatch refuses the body. */
  put(name: string, body: string): Promise<void>;
  /** Deletes the dashboards; a name that no longer exists counts as deleted. */
  delete(names: string[]): Promise<void>;
  /** AlarmArn of each named alarm that exists. */
  alarmArns(names: string[]): Promise<Map<string, string>>;
}

/** A pull request as the audit trail needs it. */
export interface ProposalRef {
  number: number;
  title: string;
  url: string;
  /** Login of the person (or bot) who opened it. */
  author: string;
  /** When it was merged; undefined when it was not (yet). */
  mergedAt?: Date;
  /** The branch it was merged into. */
  base: string;
}

/** A check run (a workflow job) on a commit. */
export interface CheckRunRef {
  name: string;
  /** queued, in_progress, completed. */
  status: string;
  /** success, failure, cancelled, … once completed. */
  conclusion?: string;
  startedAt?: Date;
  completedAt?: Date;
  url?: string;
}

/** GitHub's records of how a commit reached the default branch, for `steward audit`. */
export interface ChangeRecords {
  /** The pull requests associated with the commit (GET /repos/{owner}/{repo}/commits/{sha}/pulls), in GitHub's order. */
  pullsOfCommit(sha: string): Promise<ProposalRef[]>;
  /** Every review of the pull request, oldest first. */
  listReviews(number: number): Promise<ReviewRef[]>;
  /** The check runs called `name` on the commit (GET /repos/{owner}/{repo}/commits/{ref}/check-runs?check_name=). */
  checkRuns(sha: string, name: string): Promise<CheckRunRef[]>;
}

/** Who takes the apply lock, as recorded on its ticket. */
export interface LockOwner {
  /** The workflow run id, or `<host>:<pid>` on a laptop. */
  runId: string;
  /** A link to the run, when there is one. */
  runUrl?: string;
}

/** What a lock ticket's new status says (`expired`/`broken`: closed by another apply). */
export type LockMark = "waiting" | "holding" | "released" | "failed" | "expired" | "broken";

/**
 * Where the apply lock's tickets live: GitHub deployments to environment `steward-apply/<name>`
 * (src/adapters/github/deployment-lock-store.ts). Ticket ids increase in the order they were taken.
 * Every failure is an ExternalError (the caller never proceeds unlocked).
 */
export interface LockStore {
  /** Where the tickets are, for messages. */
  readonly location: string;
  /** Takes a new ticket of lock `name` (state waiting); returns its id and the server's time of creation (epoch ms). */
  take(name: string, owner: LockOwner): Promise<{ id: number; at: number }>;
  /** The tickets of lock `name` created at or after `since` (server time, epoch ms), each with its latest state. */
  tickets(name: string, since: number): Promise<LockTicket[]>;
  /** Adds a status to ticket `id` (also the heartbeat); returns the server's time of the status (epoch ms). */
  mark(name: string, id: number, mark: LockMark, description: string): Promise<number>;
}

/** Which registered models exist, for `steward import` (the reconciler only reads the models the repository names). */
export interface RegistryCatalog {
  /** Every registered model's name (all pages), in MLflow's order. */
  registeredModels(): Promise<string[]>;
}

/** Which endpoints exist and what their models are, for `steward import`. Every failure is an ExternalError("aws"). */
export interface SageMakerInventory {
  /** Every endpoint's name (all pages). */
  endpoints(): Promise<string[]>;
  /** DescribeModel and the model's tags, or undefined when it does not exist. */
  describeModel(name: string): Promise<LiveSageMakerModel | undefined>;
  /** The endpoint's LastDeploymentConfig, or undefined when it has none (never updated with one) or does not exist. */
  lastDeployment(endpoint: string): Promise<LastDeployment | undefined>;
}
