import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { runAction } from "../support/run-action.js";
import { loadCases, materializeCase } from "../support/scratch-repo.js";
import { scratchGit } from "../support/scratch-git.js";

describe("the validate action bundle", () => {
  it("annotates a bad repository, fails the step, and lists every problem in the summary", async () => {
    using repo = materializeCase(loadCases().find((c) => c.name === "15-bad-enum")!);
    const r = await runAction("validate", { INPUT_ROOT: repo.root });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error title=steward validate%3A schema,file=policies/base.yaml,line=10,col=83::monitoring.checks[0].severity must be one of");
    expect(r.stdout).toContain("::error::3 problem(s) in the governed repository");
    expect(r.output).toMatch(/errors<<.*\n3\n/);
    expect(r.summary).toContain("## steward validate: ❌ invalid");
    expect(r.summary).toContain("| ❌ | policies/base.yaml | 13 | remediation.rules\\[0\\].when.severity must be one of");
  });

  it("writes its section of the sticky comment on the pull request, once", async () => {
    await using gh = await startFakeGitHub();
    const issue = await fetch(`${gh.url}/repos/${gh.owner}/${gh.repo}/issues`, {
      method: "POST",
      headers: { authorization: "token t", "content-type": "application/json" },
      body: JSON.stringify({ title: "Promote scorer 2" }),
    }).then((r) => r.json() as Promise<{ number: number }>);
    using repo = materializeCase(loadCases().find((c) => c.name === "18-dangling-stage")!);
    const event = join(repo.root, "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: issue.number, base: { repo: { full_name: "o/r" } }, head: { repo: { full_name: "o/r" } } } }));
    const env = { INPUT_ROOT: repo.root, GITHUB_TOKEN: "t", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url, GITHUB_EVENT_PATH: event };
    expect((await runAction("validate", env)).status).toBe(1);
    expect((await runAction("validate", env)).status).toBe(1);
    const comments = [...gh.state.comments.values()];
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("<!-- steward:section:validate -->");
    expect(comments[0]!.body).toContain("dangling-stage");
  });

  it("a pull request from a fork, without a write token: passes, shows its results in the summary, and leaves the comment for pr-comment.yml", async () => {
    await using gh = await startFakeGitHub();
    using repo = scratchGit();
    const base = repo.commit("initial", "2026-11-01T00:00:00Z");
    repo.write("models/scorer/model.yaml", repo.read("models/scorer/model.yaml").replace("description: Scores things.", "description: Scores things well."));
    const event = join(repo.root, ".event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { sha: base, repo: { full_name: "acme/models" } }, head: { repo: { full_name: "someone/models" } } } }));
    const temp = join(repo.root, ".runner-temp");
    mkdirSync(temp);
    // The read-only token a fork's run gets: any write would be refused, and none is attempted.
    const r = await runAction("validate", { INPUT_ROOT: repo.root, "INPUT_CHANGED-ONLY": "true", GITHUB_TOKEN: "read-only", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url, GITHUB_EVENT_PATH: event, RUNNER_TEMP: temp }, { cwd: repo.root });
    expect(r.status, r.stdout).toBe(0);
    expect(r.summary).toContain("## steward validate: ✅ valid");
    expect(gh.requests.filter((q) => q.method !== "GET")).toEqual([]);
    expect(readFileSync(join(temp, "steward-pr-comment", "comment.md"), "utf8")).toContain("## steward validate: ✅ valid");
  });
});
