/**
 * The two workflows that act on comments and untrusted text with a write token: pr-comment.yml
 * (posts a fork's sticky comment) and chatops.yml (/steward commands). Neither checks out or runs
 * pull-request code. pr-comment.yml's script is also run here against a fake `github`, as
 * actions/github-script runs it: the artifact is only ever posted as text, size-limited, to the pull
 * request the triggering run names, updating only the bot's own comment.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = new URL("../../", import.meta.url).pathname;
type Step = { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Workflow = { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, { if?: string; permissions: Record<string, string>; steps: Step[] }> };
const read = (name: string) => parse(readFileSync(join(ROOT, ".github/workflows", name), "utf8")) as Workflow;

describe("pr-comment.yml", () => {
  const wf = read("pr-comment.yml");
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);

  it("runs on the pr workflow's completion only, checks out nothing, runs no shell, and downloads the one artifact of that run", () => {
    expect(Object.keys(wf.on)).toEqual(["workflow_run"]);
    expect(wf.on.workflow_run).toMatchObject({ workflows: ["pr"], types: ["completed"] });
    expect(steps.some((s) => /actions\/checkout@/.test(s.uses ?? ""))).toBe(false);
    expect(steps.filter((s) => s.run !== undefined)).toEqual([]);
    expect(steps.map((s) => s.uses?.replace(/@.*/, ""))).toEqual(["actions/download-artifact", "actions/github-script"]);
    const download = steps[0]!;
    expect(download.with).toMatchObject({ name: "steward-pr-comment", "run-id": "${{ github.event.workflow_run.id }}" });
    const job = Object.values(wf.jobs)[0]!;
    expect(job.permissions).toEqual({ contents: "read", actions: "read", "pull-requests": "write" });
  });

  it("the script reads the artifact as text and nothing else from it: no eval, no module loading, no process", () => {
    const script = String(steps[1]!.with!.script);
    expect(script.match(/require\(([^)]*)\)/g)).toEqual(['require("node:fs")']);
    expect(script).not.toMatch(/\beval\b|new Function|import\(|child_process|exec|spawn|JSON\.parse/);
    expect(script.match(/readFileSync\(([^)]*)\)/g)).toEqual(['readFileSync(process.env.COMMENT_FILE, "utf8")']);
  });

  describe("the script, run as actions/github-script runs it", () => {
    const script = String(steps[1]!.with!.script);
    const MARKER = "<!-- steward:pr-summary -->";
    const run = { head_sha: "abc123", head_repository: { full_name: "fork/models" } };
    async function runScript(body: string, comments: { id: number; user: { login: string }; body: string }[] = []) {
      const dir = mkdtempSync(join(tmpdir(), "steward-pr-comment-"));
      try {
        const file = join(dir, "comment.md");
        writeFileSync(file, body);
        const calls: { method: string; args: Record<string, unknown> }[] = [];
        const failed: string[] = [];
        const rest = {
          pulls: { list: "pulls.list" },
          issues: {
            listComments: "issues.listComments",
            createComment: async (args: Record<string, unknown>) => void calls.push({ method: "createComment", args }),
            updateComment: async (args: Record<string, unknown>) => void calls.push({ method: "updateComment", args }),
          },
        };
        const github = {
          rest,
          paginate: async (what: string) => (what === "pulls.list"
            ? [{ number: 7, head: { sha: "other", repo: { full_name: "fork/models" } } }, { number: 9, head: { sha: "abc123", repo: { full_name: "fork/models" } } }, { number: 11, head: { sha: "abc123", repo: { full_name: "someone/else" } } }]
            : comments),
        };
        const context = { repo: { owner: "acme", repo: "models" }, payload: { workflow_run: run } };
        const core = { setFailed: (m: string) => void failed.push(m), notice: () => {} };
        const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
        await new AsyncFunction("require", "github", "context", "core", "process", script)(createRequire(import.meta.url), github, context, core, { env: { COMMENT_FILE: file } });
        return { calls, failed };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it("posts the body as it is to the pull request at the run's head sha and head repository", async () => {
      const body = `### model-steward\n\n<script>alert(1)</script> \${{ secrets.X }}\n${MARKER}\n`;
      const { calls, failed } = await runScript(body);
      expect(failed).toEqual([]);
      expect(calls).toEqual([{ method: "createComment", args: { owner: "acme", repo: "models", issue_number: 9, body } }]);
    });

    it("refuses an artifact without the marker, and cuts a huge one under GitHub's limit", async () => {
      expect(await runScript("not ours")).toEqual({ calls: [], failed: ["the artifact is not a steward comment (no marker)"] });
      const { calls } = await runScript(`${MARKER}\n${"x".repeat(200_000)}`);
      expect(calls).toHaveLength(1);
      expect(String(calls[0]!.args.body).length).toBeLessThanOrEqual(65_536);
      expect(String(calls[0]!.args.body)).toContain(MARKER);
    });

    it("drops the ping of a forged @mention, keeping the text; mentions in code spans and e-mail addresses are left as they are", async () => {
      const body = `@acme/admins look\n- (@everyone) and x @mallory\n\`@acme/risk-ml\` owns it; mail a@b.io\n${MARKER}\n`;
      const { calls } = await runScript(body);
      expect(String(calls[0]!.args.body)).toBe(`@\u200bacme/admins look\n- (@\u200beveryone) and x @\u200bmallory\n\`@acme/risk-ml\` owns it; mail a@b.io\n${MARKER}\n`);
    });

    it("cuts a huge comment at a line's end, never inside a character", async () => {
      // 42 UTF-16 units a line: a plain cut at 65,000 would fall between the two halves of an emoji.
      const line = `a${"😀".repeat(20)}\n`;
      const { calls } = await runScript(`${MARKER}\n${line.repeat(3000)}`);
      const out = String(calls[0]!.args.body);
      expect(out.length).toBeLessThanOrEqual(65_536);
      expect(out.endsWith(`\n\n_Cut to fit GitHub's comment size limit._\n${MARKER}`)).toBe(true);
      const kept = out.slice(0, out.indexOf("\n\n_Cut"));
      expect(kept.split("\n").slice(1)).toEqual(Array(kept.split("\n").length - 1).fill(line.trimEnd()));
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    });

    it("updates only the bot's own comment; a comment anyone else wrote with the marker is left alone", async () => {
      const body = `new\n${MARKER}`;
      const { calls } = await runScript(body, [{ id: 1, user: { login: "mallory" }, body: `forged ${MARKER}` }, { id: 2, user: { login: "github-actions[bot]" }, body: `old\n${MARKER}` }]);
      expect(calls).toEqual([{ method: "updateComment", args: { owner: "acme", repo: "models", comment_id: 2, body } }]);
      const onlyForged = await runScript(body, [{ id: 1, user: { login: "mallory" }, body: `forged ${MARKER}` }]);
      expect(onlyForged.calls.map((c) => c.method)).toEqual(["createComment"]);
    });
  });
});

describe("chatops.yml", () => {
  const wf = read("chatops.yml");
  const job = Object.values(wf.jobs)[0]!;

  it("runs on new comments by people, with the default branch's action; the pull request's files are data", () => {
    expect(wf.on).toEqual({ issue_comment: { types: ["created"] } });
    expect(wf.permissions).toEqual({});
    expect(job.if).toContain("github.event.comment.user.type != 'Bot'");
    expect(job.steps.filter((s) => s.run !== undefined)).toEqual([]);
    const checkouts = job.steps.filter((s) => /^actions\/checkout@/.test(s.uses ?? ""));
    const tool = checkouts.find((s) => String(s.with?.ref).includes("github.event.repository.default_branch"))!;
    expect(tool.with).toMatchObject({ path: ".steward", "persist-credentials": false, "fetch-depth": 0 });
    const pr = checkouts.filter((s) => s !== tool);
    expect(pr).toHaveLength(1);
    expect(pr[0]!.with).toMatchObject({ path: "pr", "persist-credentials": false });
    expect(pr[0]!.if).toContain("'/steward plan'");
    const local = job.steps.filter((s) => s.uses?.startsWith("./"));
    expect(local.map((s) => s.uses)).toEqual(["./.steward/actions/chatops"]);
    expect(local[0]!.with).toEqual({ root: ".steward", "pr-root": "pr" });
    expect(JSON.stringify(job.steps)).not.toMatch(/MLFLOW_TRACKING_TOKEN }}|secrets\.MLFLOW_TRACKING_TOKEN/);
  });

  it("the chatops action takes the inputs the workflow passes", () => {
    const action = parse(readFileSync(join(ROOT, "actions/chatops/action.yml"), "utf8")) as { inputs: Record<string, unknown>; runs: { using: string } };
    expect(Object.keys(action.inputs).sort()).toEqual(["pr-root", "root"]);
    expect(action.runs.using).toBe("node24");
  });
});
