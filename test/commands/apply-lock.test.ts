import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createOctokit } from "../../src/adapters/github/create-octokit.js";
import { deploymentLockStore, lockEnvironment } from "../../src/adapters/github/deployment-lock-store.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { acquireApplyLocks, type LockClock } from "../../src/commands/apply-lock.js";
import { runApply } from "../../src/commands/apply.js";
import { LockError } from "../../src/core/lock/lock-error.js";
import { ExternalError } from "../../src/core/errors.js";
import { targetSlots } from "../../src/entrypoints/cli/plan.js";
import type { Logger, LockStore } from "../../src/ports.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github-server.js";
import { fakeMlflowServer } from "../support/fake-mlflow-server.js";
import { scratchRepo } from "../support/scratch-repo.js";

const RUNS = ["0123456789abcdef0123456789abcde1", "0123456789abcdef0123456789abcde2"];
const MIN = 60_000;

/** The valid fixture repository, registered in MLflow as "scorer". */
function mlflowRepo() {
  const repo = scratchRepo();
  const model = join(repo.root, "models/scorer/model.yaml");
  repo.write("models/scorer/model.yaml", readFileSync(model, "utf8").replace("policy: base\n", "policy: base\nregistry:\n  mlflow: { name: scorer }\n"));
  return repo;
}

function captureLogger(name: string, timeline: string[]): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (m: string) => {
    lines.push(m);
    timeline.push(`${name}: ${m}`);
  };
  return { lines, info: log, warn: log, error: log, debug: () => undefined, group: (_t, fn) => fn() };
}

/** Real time with short polls; `every` can be switched off to play a crashed holder. */
function clock(opts: { heartbeats?: boolean } = {}): LockClock {
  return {
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))),
    every: (ms, fn) => {
      if (opts.heartbeats === false) return () => undefined;
      const timer = setInterval(() => void fn(), ms);
      return () => clearInterval(timer);
    },
  };
}

function store(gh: FakeGitHub, timeline: string[], who: string): LockStore {
  const octokit = createOctokit({ token: "t", baseUrl: gh.url, logger: captureLogger("octokit", []), throttle: false, retries: 0 });
  const real = deploymentLockStore({ octokit, owner: gh.owner, repo: gh.repo });
  return {
    location: real.location,
    take: async (name, owner) => {
      const r = await real.take(name, owner);
      timeline.push(`${who}: ticket ${r.id}`);
      return r;
    },
    tickets: (name, since) => real.tickets(name, since),
    mark: async (name, id, m, d) => {
      const at = await real.mark(name, id, m, d);
      timeline.push(`${who}: ${m} ${id}`);
      return at;
    },
  };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

const statusesOf = (gh: FakeGitHub, id: number) => [...gh.state.deploymentStatuses.values()].filter((s) => s.deployment === id).sort((a, b) => a.id - b.id);

describe("the apply lock (GitHub deployments), against the fake GitHub and the fake MLflow", () => {
  it("two concurrent applies never interleave: the second waits, then plans from what the first left", async () => {
    await using gh = await startFakeGitHub();
    await using mlflow = await fakeMlflowServer();
    mlflow.seedRuns(RUNS);
    using repo = mlflowRepo();
    const timeline: string[] = [];
    // Every MLflow write, in the order the server saw it, in the same timeline as the lock's statuses.
    mlflow.inject({ match: (r) => (r.method !== "GET" && timeline.push(`mlflow: ${r.method} ${r.path}`), false), times: 1e9 });
    const files = fsRepoFiles(repo.root);
    const env = { MLFLOW_TRACKING_URI: mlflow.url };
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const slotsA = await targetSlots(env, files);
    const reconciler = slotsA[0]!.reconciler!;
    const applyA = reconciler.apply.bind(reconciler);
    // The first apply holds its lock until the second is seen waiting.
    reconciler.apply = async (report, ctx) => (await gate, applyA(report, ctx));
    const logA = captureLogger("A", timeline);
    const logB = captureLogger("B", timeline);
    const lock = (who: string, logger: Logger) => (targets: string[]) => acquireApplyLocks({ store: store(gh, timeline, who), logger, clock: clock() }, targets, { owner: { runId: who }, waitMs: 60_000, pollMs: 5 });

    const a = runApply({ files, reconcilers: slotsA, logger: logA, lock: lock("A", logA) }, { now: new Date(), targets: ["mlflow"] });
    await until(() => timeline.includes("A: holding " + [...gh.state.deployments.keys()][0]), "A to hold the lock");
    const b = runApply({ files, reconcilers: await targetSlots(env, files), logger: logB, lock: lock("B", logB) }, { now: new Date(), targets: ["mlflow"] });
    await until(() => logB.lines.some((l) => l.includes("waiting for the apply lock, held by run A")), "B to wait");
    open();
    const [ra, rb] = await Promise.all([a, b]);

    expect(ra.reports[0]).toMatchObject({ status: "applied" });
    expect(ra.reports[0]!.outcomes!.length).toBeGreaterThan(3);
    // B planned after A released: nothing left to do, no version registered twice.
    expect(rb.reports[0]).toMatchObject({ status: "applied", outcomes: [] });
    expect(mlflow.state.models.get("scorer")!.versions.size).toBe(2);
    // The order of writes: A holds, every MLflow write, A released, then B holds.
    const idx = (line: string) => timeline.indexOf(line);
    const [idA, idB] = [...gh.state.deployments.keys()];
    const writes = timeline.map((l, i) => (l.startsWith("mlflow: ") ? i : -1)).filter((i) => i >= 0);
    expect(writes.length).toBeGreaterThanOrEqual(ra.reports[0]!.outcomes!.length);
    expect(idx(`A: holding ${idA}`)).toBeLessThan(writes[0]!);
    expect(idx(`A: released ${idA}`)).toBeGreaterThan(writes.at(-1)!);
    expect(idx(`B: holding ${idB}`)).toBeGreaterThan(idx(`A: released ${idA}`));
    expect(idx(`B: ticket ${idB}`)).toBeLessThan(idx(`A: released ${idA}`));
    // On GitHub: each ticket a deployment to steward-apply/mlflow, A's statuses in_progress then success.
    expect(gh.state.deployments.get(idA!)).toMatchObject({ environment: lockEnvironment("mlflow"), task: "steward:apply-lock", payload: { runId: "A" } });
    expect(statusesOf(gh, idA!).map((s) => s.state)).toEqual(["in_progress", "success"]);
    expect(statusesOf(gh, idB!).map((s) => s.state).filter((s) => s !== "queued")).toEqual(["in_progress", "success"]);
  });

  it("with no time to wait, the second apply fails at once naming the holder, and closes its own ticket", async () => {
    await using gh = await startFakeGitHub();
    const timeline: string[] = [];
    const logger = captureLogger("x", timeline);
    const held = await acquireApplyLocks({ store: store(gh, timeline, "A"), logger, clock: clock() }, ["mlflow"], { owner: { runId: "1234/1", runUrl: "https://github.com/acme/models/actions/runs/1234" }, waitMs: 60_000 });
    gh.actAs("octocat");
    const second = acquireApplyLocks({ store: store(gh, timeline, "B"), logger, clock: clock() }, ["mlflow"], { owner: { runId: "laptop:99" }, waitMs: 0 });
    await expect(second).rejects.toBeInstanceOf(LockError);
    await expect(second).rejects.toThrow(/mlflow: another apply holds the lock: run 1234\/1 by github-actions\[bot\], applying since \S+Z \(last seen \S+Z\), https:\/\/github.com\/acme\/models\/actions\/runs\/1234\. Waited 0s; nothing was applied/);
    const [, idB] = [...gh.state.deployments.keys()];
    expect(gh.state.deployments.get(idB!)!.creator).toBe("octocat");
    expect(statusesOf(gh, idB!).map((s) => s.state)).toEqual(["failure"]);
    await held.release("released", "done");
    // Once released, the next apply takes it at once.
    const third = await acquireApplyLocks({ store: store(gh, timeline, "C"), logger, clock: clock() }, ["mlflow"], { owner: { runId: "c" }, waitMs: 0 });
    expect(third.names).toEqual(["mlflow"]);
    await third.release("released", "done");
  });

  it("a crashed holder's lock expires after 10 minutes of silence and is taken over", async () => {
    await using gh = await startFakeGitHub();
    const timeline: string[] = [];
    const logger = captureLogger("B", timeline);
    // A takes the lock, then dies: no heartbeat, no release.
    await acquireApplyLocks({ store: store(gh, timeline, "A"), logger: captureLogger("A", []), clock: clock({ heartbeats: false }) }, ["mlflow"], { owner: { runId: "dead" }, waitMs: 0 });
    const [idA] = [...gh.state.deployments.keys()];
    await expect(acquireApplyLocks({ store: store(gh, timeline, "B"), logger, clock: clock() }, ["mlflow"], { owner: { runId: "early" }, waitMs: 0 })).rejects.toThrow(/held the lock|holds the lock: run dead/);
    gh.advanceClock(11 * MIN);
    const lease = await acquireApplyLocks({ store: store(gh, timeline, "B"), logger, clock: clock() }, ["mlflow"], { owner: { runId: "next" }, waitMs: 0 });
    const a = statusesOf(gh, idA!);
    expect(a.at(-1)).toMatchObject({ state: "error" });
    expect(a.at(-1)!.description).toMatch(/^expired: no sign of life for 11m\S*; taken over by run next$/);
    expect(logger.lines.join("\n")).toContain("taking over an expired apply lock of run dead");
    await lease.release("released", "done");
  });

  it("a holder whose lock was taken over (frozen past the expiry) says so at its next heartbeat (lost), and does not reopen the ticket", async () => {
    await using gh = await startFakeGitHub();
    const timeline: string[] = [];
    const logA = captureLogger("A", timeline);
    const beats: Array<() => Promise<void>> = [];
    // A's heartbeat runs only when the test says (A is "frozen" in between).
    const manual: LockClock = { ...clock(), every: (_ms, fn) => (beats.push(fn), () => void beats.splice(beats.indexOf(fn), 1)) };
    const a = await acquireApplyLocks({ store: store(gh, timeline, "A"), logger: logA, clock: manual }, ["mlflow"], { owner: { runId: "frozen" }, waitMs: 0 });
    const [idA] = [...gh.state.deployments.keys()];
    await beats[0]!(); // alive: a fresh in_progress status
    expect(statusesOf(gh, idA!).map((st) => st.state)).toEqual(["in_progress", "in_progress"]);
    gh.advanceClock(11 * MIN);
    const b = await acquireApplyLocks({ store: store(gh, timeline, "B"), logger: captureLogger("B", []), clock: clock() }, ["mlflow"], { owner: { runId: "next" }, waitMs: 0 });
    await beats[0]!(); // A wakes up
    expect(a.lost()).toEqual(["mlflow"]);
    expect(logA.lines.join("\n")).toMatch(/another apply took over this apply's lock \(deployment \d+\) while it was applying/);
    expect(beats).toHaveLength(0);
    await a.release("released", "done");
    expect(statusesOf(gh, idA!).at(-1)!.state).toBe("error"); // not reopened as success
    await b.release("released", "done");
  });

  it("--break-lock takes the lock from a live holder, saying whose", async () => {
    await using gh = await startFakeGitHub();
    const timeline: string[] = [];
    const logger = captureLogger("B", timeline);
    const a = await acquireApplyLocks({ store: store(gh, timeline, "A"), logger: captureLogger("A", []), clock: clock() }, ["sagemaker"], { owner: { runId: "stuck" }, waitMs: 0 });
    const b = await acquireApplyLocks({ store: store(gh, timeline, "B"), logger, clock: clock() }, ["sagemaker"], { owner: { runId: "breaker" }, waitMs: 0, breakLock: true });
    const [idA] = [...gh.state.deployments.keys()];
    expect(statusesOf(gh, idA!).at(-1)).toMatchObject({ state: "error", description: "broken by run breaker (--break-lock)" });
    expect(logger.lines.join("\n")).toContain("breaking the apply lock of run stuck");
    await b.release("released", "done");
    await a.release("released", "done");
  });

  it("a lock GitHub refuses to record is an error (exit 2), and nothing is applied", async () => {
    await using gh = await startFakeGitHub();
    await using mlflow = await fakeMlflowServer();
    mlflow.seedRuns(RUNS);
    using repo = mlflowRepo();
    gh.fail({ method: "POST", path: /\/deployments$/ }, { status: 403, body: { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest/deployments/deployments#create-a-deployment" } });
    const files = fsRepoFiles(repo.root);
    const logger = captureLogger("A", []);
    const run = runApply(
      { files, reconcilers: await targetSlots({ MLFLOW_TRACKING_URI: mlflow.url }, files), logger, lock: (t) => acquireApplyLocks({ store: store(gh, [], "A"), logger, clock: clock() }, t, { owner: { runId: "a" }, waitMs: 0 }) },
      { now: new Date(), targets: ["mlflow"] },
    );
    await expect(run).rejects.toBeInstanceOf(ExternalError);
    await expect(run).rejects.toThrow(/apply lock: create a deployment to steward-apply\/mlflow: Resource not accessible by integration/);
    expect(mlflow.writes()).toHaveLength(0);
  });

  it("a dry run, and a target that is not configured, take no lock", async () => {
    await using mlflow = await fakeMlflowServer();
    mlflow.seedRuns(RUNS);
    using repo = mlflowRepo();
    const files = fsRepoFiles(repo.root);
    const lock = () => Promise.reject(new Error("no lock should be taken"));
    const logger = captureLogger("A", []);
    const dry = await runApply({ files, reconcilers: await targetSlots({ MLFLOW_TRACKING_URI: mlflow.url }, files), logger, lock }, { now: new Date(), targets: ["mlflow"], dryRun: true });
    expect(dry.reports[0]!.status).toBe("planned");
    const none = await runApply({ files, reconcilers: await targetSlots({}, files), logger, lock }, { now: new Date() });
    // mlflowRepo's models need every target: none configured, each fails (and still no lock is taken).
    expect(none.reports.map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
  });

  it("locks every target applied, in a fixed order, and releases them all", async () => {
    await using gh = await startFakeGitHub();
    const timeline: string[] = [];
    const lease = await acquireApplyLocks({ store: store(gh, timeline, "A"), logger: captureLogger("A", []), clock: clock() }, ["sagemaker", "mlflow", "cloudwatch"], { owner: { runId: "a" }, waitMs: 0 });
    expect(lease.names).toEqual(["cloudwatch", "mlflow", "sagemaker"]);
    await lease.release("failed", "apply failed (sagemaker)");
    const envs = [...gh.state.deployments.values()].map((d) => d.environment);
    expect(envs).toEqual(["steward-apply/cloudwatch", "steward-apply/mlflow", "steward-apply/sagemaker"]);
    for (const id of gh.state.deployments.keys()) expect(statusesOf(gh, id).map((s) => s.state)).toEqual(["in_progress", "failure"]);
  });
});
