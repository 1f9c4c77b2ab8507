/**
 * ChatOps against the fake GitHub through the real Octokit adapters: the commenter's role is read
 * through the API for every command; a user without write access gets a -1 and a reply, nothing else;
 * an unknown command gets the list of the two; `/steward rollback` opens the monitor's rollback PR
 * (built from main as it is now, card re-rendered); `/steward plan` on a pull request plans its files
 * and replies with the plan per model. Edits, other comments and the bot's own make no API call.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { octokitChatOps } from "../../src/adapters/github/chatops-operations.js";
import { createOctokit } from "../../src/adapters/github/create-octokit.js";
import { octokitScm } from "../../src/adapters/github/octokit-scm.js";
import { runChatOps } from "../../src/commands/chatops.js";
import { runPlan } from "../../src/commands/plan.js";
import { readCommentEvent } from "../../src/core/chatops/comment-event.js";
import { runCli } from "../../src/entrypoints/cli.js";
import { offlineSlots } from "../../src/entrypoints/cli/plan.js";
import { recordingLogger } from "../adapters/github/github-test-setup.js";
import { captureIO } from "../support/cli-io.js";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { sampleRepoWithHistory } from "../support/sample-history.js";

const MODEL = "models/fraud-detection/model.yaml";

function payload(o: { issue: number; id: number; body: string; login: string; action?: string; pull?: boolean; bot?: boolean }) {
  return {
    action: o.action ?? "created",
    issue: { number: o.issue, ...(o.pull ? { pull_request: { url: "https://api.github.com/repos/acme/models/pulls/1" } } : {}) },
    comment: { id: o.id, body: o.body, html_url: `https://github.com/acme/models/issues/${o.issue}#issuecomment-${o.id}`, user: { login: o.login, type: o.bot ? "Bot" : "User" } },
    repository: { default_branch: "main", full_name: "acme/models" },
  };
}

describe("steward chatops", () => {
  it("answers by role and command: refused, unknown, rollback PR, plan per model; ignores what is not a new command", { timeout: 180_000 }, async () => {
    using repo = sampleRepoWithHistory(async (root) => {
      expect(await runCli(["card", "--root", root], captureIO({ cwd: root }))).toBe(0);
    });
    await repo.ready;
    const tracked = repo.git("ls-files").split("\n").filter(Boolean);
    await using gh = await startFakeGitHub({ files: Object.fromEntries(tracked.map((p) => [p, readFileSync(join(repo.root, p), "utf8")])) });
    const moved = `# On call: #risk-ml-oncall (added on main after the checkout)\n${repo.read(MODEL)}`;
    gh.commitFiles("main", { [MODEL]: moved }, "Document the on-call channel");
    gh.state.roles.set("maintainer-mo", "maintain");
    gh.state.roles.set("triager-tia", "triage");
    const logger = recordingLogger();
    const octokit = createOctokit({ token: "t0ken", baseUrl: gh.url, logger, retryAfterBaseMs: 1, throttle: false });
    const scm = octokitScm({ octokit, owner: gh.owner, repo: gh.repo, logger, author: "github-actions[bot]" });
    const github = octokitChatOps({ octokit, owner: gh.owner, repo: gh.repo, label: "model-steward", logger });
    const files = fsRepoFiles(repo.root);
    const deps = { scm, github, files, git: gitCliHistory(repo.root), logger, plan: (f: typeof files) => runPlan({ files: f, reconcilers: offlineSlots(f), logger }, { now: new Date("2026-12-01T00:00:00Z") }) };
    const issue = [...gh.state.issues.values()].length + 1;
    gh.state.issues.set(issue, { number: issue, title: "fraud-detection is misbehaving", body: "", state: "open", stateReason: null, labels: [], assignees: [], author: "triager-tia", createdAt: "2026-11-30T00:00:00Z", updatedAt: "2026-11-30T00:00:00Z", closedAt: null });
    const run = async (body: string, login: string, extra: { action?: string; bot?: boolean; pull?: boolean; on?: number } = {}) => {
      const on = extra.on ?? issue;
      const id = gh.commentAs(on, login, body);
      const outcome = await runChatOps(deps, readCommentEvent(payload({ issue: on, id, body, login, ...extra })), { now: new Date("2026-11-26T00:05:00Z") });
      const reactions = [...gh.state.reactions.values()].filter((r) => r.comment === id).map((r) => r.content);
      const replies = [...gh.state.comments.values()].filter((c) => c.issue === on && c.id > id && c.author === "github-actions[bot]").map((c) => c.body);
      return { outcome, reactions, replies };
    };

    // Not a new command: no API call at all.
    const before = gh.requests.length;
    expect((await run("thanks! /steward plan later", "maintainer-mo")).outcome.status).toBe("ignored");
    expect((await run("/steward plan", "maintainer-mo", { action: "edited" })).outcome.status).toBe("ignored");
    expect((await run("/steward plan", "github-actions[bot]", { bot: true })).outcome.status).toBe("ignored");
    expect(gh.requests.length).toBe(before);

    // Triage is not write: -1 and a reply, and nothing else (no branch, no pull request).
    const refused = await run("/steward rollback fraud-detection", "triager-tia");
    expect(refused.outcome.status).toBe("refused");
    expect(refused.reactions).toEqual(["-1"]);
    expect(refused.replies).toHaveLength(1);
    expect(refused.replies[0]).toContain("`triager-tia` has `triage` access");
    expect(gh.state.refs.has("refs/heads/steward/rollback/fraud-detection")).toBe(false);
    expect(gh.requests.filter((r) => r.method !== "GET" && !/\/reactions$|\/comments$/.test(r.path))).toEqual([]);
    // A stranger reads the public repository: refused the same way.
    expect((await run("/steward plan", "someone-else")).outcome.status).toBe("refused");

    // Unknown command (and a model name that is not a name): the list of the two.
    const unknown = await run("/steward deploy fraud-detection --force", "maintainer-mo");
    expect(unknown.outcome.status).toBe("unknown");
    expect(unknown.reactions).toEqual(["-1"]);
    expect(unknown.replies[0]).toContain("`/steward plan`");
    expect(unknown.replies[0]).toContain("`/steward rollback <model>`");
    expect((await run("/steward rollback ../../etc/passwd", "maintainer-mo")).outcome.status).toBe("unknown");
    const noModel = await run("/steward rollback no-such-model", "maintainer-mo");
    expect(noModel.outcome.status).toBe("declined");
    expect(noModel.replies[0]).toContain("No model named `no-such-model`");

    // The rollback: the monitor's PR, from main as it is now, asked for by a person.
    const rb = await run("/steward rollback fraud-detection\n\nthe accuracy dashboard looks wrong", "maintainer-mo");
    expect(rb.outcome.status, rb.outcome.message).toBe("proposed");
    expect(rb.reactions).toEqual(["eyes", "+1"]);
    expect(gh.fileAt("steward/rollback/fraud-detection", MODEL)).toBe(moved.replace('production: "7"', 'production: "6"'));
    expect(gh.fileAt("steward/rollback/fraud-detection", "models/fraud-detection/MODEL_CARD.md")).not.toBe(gh.fileAt("main", "models/fraud-detection/MODEL_CARD.md"));
    const pr = [...gh.state.issues.values()].find((i) => i.pull?.head === "steward/rollback/fraud-detection")!;
    expect(pr.body).toContain("Requested by `maintainer-mo` with `/steward rollback fraud-detection`");
    expect(pr.body).toContain("allowed by the rollback rule");
    expect(rb.replies[0]).toContain(`#${pr.number}`);
    // Asked again while it is open: no second pull request.
    const again = await run("/steward rollback fraud-detection", "maintainer-mo");
    expect(again.outcome.status).toBe("proposed");
    expect([...gh.state.issues.values()].filter((i) => i.pull?.head === "steward/rollback/fraud-detection")).toHaveLength(1);

    // The plan on a pull request: its files (as data), per model, as a reply and in the sticky comment.
    const prFiles = mkdtempSync(join(tmpdir(), "steward-pr-files-"));
    try {
      repo.git("worktree", "add", "-q", "--detach", join(prFiles, "tree"), "HEAD");
      const prRoot = join(prFiles, "tree");
      writeFileSync(join(prRoot, MODEL), readFileSync(join(prRoot, MODEL), "utf8").replace('production: "7"', 'production: "8"'));
      const withPr = { ...deps, planFiles: fsRepoFiles(prRoot) };
      const id = gh.commentAs(pr.number, "maintainer-mo", "/steward plan");
      const outcome = await runChatOps(withPr, readCommentEvent(payload({ issue: pr.number, id, body: "/steward plan", login: "maintainer-mo", pull: true })), { now: new Date("2026-12-01T00:00:00Z") });
      expect(outcome.status, outcome.message).toBe("planned");
      const reply = [...gh.state.comments.values()].filter((c) => c.issue === pr.number && c.author === "github-actions[bot]").map((c) => c.body);
      expect(reply.find((b) => b.startsWith("### `/steward plan` for `maintainer-mo`"))).toContain("#### `fraud-detection`");
      expect(reply.find((b) => b.includes("<!-- steward:pr-summary"))).toBeDefined();
      expect([...gh.state.reactions.values()].filter((r) => r.comment === id).map((r) => r.content)).toEqual(["eyes", "+1"]);
    } finally {
      repo.git("worktree", "remove", "--force", join(prFiles, "tree"));
      rmSync(prFiles, { recursive: true, force: true });
    }
  });

  it("steward chatops reads the event from GITHUB_EVENT_PATH; a payload of another shape is a usage error naming the field", async () => {
    await using gh = await startFakeGitHub();
    const dir = mkdtempSync(join(tmpdir(), "steward-event-"));
    try {
      const event = join(dir, "event.json");
      const env = { GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url, GITHUB_EVENT_PATH: event };
      writeFileSync(event, JSON.stringify({ action: "created", issue: { number: 1 }, comment: { id: 5, body: "/steward plan" }, repository: { default_branch: "main" } }));
      const io = captureIO({ cwd: dir, env });
      expect(await runCli(["chatops", "--root", dir], io)).toBe(2);
      expect(io.err()).toContain("comment.user.login is missing");
      gh.state.issues.set(1, { number: 1, title: "a question", body: "", state: "open", stateReason: null, labels: [], assignees: [], author: "triager", createdAt: "2026-11-30T00:00:00Z", updatedAt: "2026-11-30T00:00:00Z", closedAt: null });
      const id = gh.commentAs(1, "triager", "/steward plan");
      gh.state.roles.set("triager", "triage");
      writeFileSync(event, JSON.stringify(payload({ issue: 1, id, body: "/steward plan", login: "triager" })));
      const io2 = captureIO({ cwd: dir, env });
      expect(await runCli(["chatops", "--root", dir, "--format", "json"], io2)).toBe(1);
      expect(JSON.parse(io2.out())).toMatchObject({ status: "refused", reaction: "-1" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
