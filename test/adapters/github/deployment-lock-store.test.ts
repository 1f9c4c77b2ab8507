import { describe, expect, it } from "vitest";
import { createOctokit } from "../../../src/adapters/github/create-octokit.js";
import { deploymentLockStore } from "../../../src/adapters/github/deployment-lock-store.js";
import { ExternalError } from "../../../src/core/errors.js";
import type { Logger } from "../../../src/ports.js";
import { startFakeGitHub, type FakeGitHub } from "../../support/fake-github-server.js";

const logger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, group: (_t, fn) => fn() };
const storeFor = (gh: FakeGitHub, ref?: string) =>
  deploymentLockStore({ octokit: createOctokit({ token: "t", baseUrl: gh.url, logger, throttle: false, retries: 0 }), owner: gh.owner, repo: gh.repo, ...(ref ? { ref } : {}) });

describe("deploymentLockStore against the fake GitHub", () => {
  it("takes tickets as deployments of the default branch, reads their states back newest first", async () => {
    await using gh = await startFakeGitHub();
    const store = storeFor(gh);
    const a = await store.take("mlflow", { runId: "1", runUrl: "https://github.com/acme/models/actions/runs/1" });
    const b = await store.take("mlflow", { runId: "2" });
    await store.take("sagemaker", { runId: "3" });
    expect(b.id).toBeGreaterThan(a.id);
    await store.mark("mlflow", a.id, "holding", "applying");
    const tickets = await store.tickets("mlflow", 0);
    expect(tickets.map((t) => [t.id, t.state, t.runId, t.actor])).toEqual([[b.id, "waiting", "2", "github-actions[bot]"], [a.id, "holding", "1", "github-actions[bot]"]]);
    expect(tickets[1]!.runUrl).toBe("https://github.com/acme/models/actions/runs/1");
    expect(gh.state.deployments.get(a.id)!.sha).toBe(gh.state.refs.get("refs/heads/main"));
    await store.mark("mlflow", a.id, "released", "x".repeat(300)); // GitHub's 140-character limit: shortened
    expect([...gh.state.deploymentStatuses.values()].at(-1)!.description).toHaveLength(140);
    expect((await store.tickets("mlflow", 0)).find((t) => t.id === a.id)!.state).toBe("done");
  });

  it("reads every page, and stops at tickets older than `since`", async () => {
    await using gh = await startFakeGitHub();
    const store = storeFor(gh);
    const sha = gh.state.refs.get("refs/heads/main")!;
    for (let i = 1; i <= 101; i++) {
      const at = new Date(Date.parse("2025-12-31T00:00:00Z") + i * 1000).toISOString().replace(".000", "");
      gh.state.deployments.set(i, { id: i, sha, ref: "main", task: "steward:apply-lock", payload: { runId: String(i) }, environment: "steward-apply/mlflow", description: null, transient: false, production: false, creator: "octocat", createdAt: at, updatedAt: at });
    }
    await store.take("mlflow", { runId: "mine" });
    expect((await store.tickets("mlflow", 0)).length).toBe(102);
    const cut = Date.parse(gh.state.deployments.get(99)!.createdAt);
    expect((await store.tickets("mlflow", cut)).map((t) => t.runId)).toEqual(["mine", "101", "100", "99"]);
  });

  it("a commit GitHub does not know, or a refused deployment, is an ExternalError with GitHub's reason", async () => {
    await using gh = await startFakeGitHub();
    const err = await storeFor(gh, "0123456789abcdef0123456789abcdef01234567").take("mlflow", { runId: "1" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalError);
    expect(err).toMatchObject({ status: 422, message: "apply lock: create a deployment to steward-apply/mlflow: No ref found for: 0123456789abcdef0123456789abcdef01234567" });
    gh.fail({ method: "POST", path: /\/statuses$/ }, { status: 403, body: { message: "Resource not accessible by integration" } });
    const store = storeFor(gh);
    const t = await store.take("mlflow", { runId: "1" });
    await expect(store.mark("mlflow", t.id, "holding", "x")).rejects.toMatchObject({ status: 403 });
  });
});
