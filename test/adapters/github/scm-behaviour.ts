/**
 * The behaviour every Scm must show, run against the GitHub adapter (over the fake server) and against the
 * in-memory fake, so command tests written against the fake hold for the adapter.
 */
import { expect, it } from "vitest";
import type { Scm } from "../../../src/ports.js";
import { stewardMarker } from "../../../src/core/github-conventions.js";

export interface ScmUnderTest extends AsyncDisposable {
  scm: Scm;
  /** A fresh Scm over the same state, as the next scheduled run would build. */
  nextRun(): Scm;
  /** A person closes the pull request, merged or not. */
  closePull(number: number, merge: boolean): void;
}

const marker = stewardMarker("issue", "churn", "accuracy");
const rollback = {
  branch: "steward/rollback/churn", base: "main", title: "Roll back churn to 2", body: `evidence\n${stewardMarker("rollback", "churn")}`,
  labels: ["rollback"], commitMessage: "Roll back churn to 2", files: { "models/churn/model.yaml": 'stages:\n  production: "2"\n' },
};

/** Registers the shared cases; `start` must give a repository whose main branch holds models/churn/model.yaml. */
export function scmBehaviour(start: () => Promise<ScmUnderTest>): void {
  it("a second run finds the issue and the pull request again and duplicates neither", async () => {
    await using t = await start();
    const issue = await t.scm.createIssue({ title: "churn accuracy", body: `low\n${marker}`, labels: ["critical"], assignees: ["@octocat", "@acme/team"] });
    const pull = await t.scm.proposeChange(rollback);
    expect(issue).toMatchObject({ state: "open", labels: ["model-steward", "critical"], assignees: ["octocat"] });
    expect(pull).toMatchObject({ state: "open", merged: false, branch: rollback.branch, base: "main", labels: ["model-steward", "rollback"] });

    const next = t.nextRun();
    expect((await next.findIssue(marker))?.number).toBe(issue.number);
    await next.comment(issue.number, "still low");
    expect((await next.findPullRequest(rollback.branch))?.number).toBe(pull.number);
    const again = await next.proposeChange({ ...rollback, title: "Roll back churn to 2 (updated)" });
    expect(again).toMatchObject({ number: pull.number, title: "Roll back churn to 2 (updated)" });
    expect(await next.listIssues("all")).toHaveLength(1);
    expect((await next.listComments(issue.number)).map((c) => c.body)).toEqual(["still low"]);
    expect(await next.readFile("models/churn/model.yaml", rollback.branch)).toBe(rollback.files["models/churn/model.yaml"]);
  });

  it("reports a pull request closed unmerged as closed, and opens a new one rather than reopening it", async () => {
    await using t = await start();
    const first = await t.scm.proposeChange(rollback);
    t.closePull(first.number, false);
    expect(await t.scm.findPullRequest(rollback.branch)).toMatchObject({ number: first.number, state: "closed", merged: false });
    const second = await t.scm.proposeChange(rollback);
    expect(second.number).toBeGreaterThan(first.number);
    t.closePull(second.number, true);
    expect(await t.scm.findPullRequest(rollback.branch)).toMatchObject({ number: second.number, state: "closed", merged: true });
    expect(await t.scm.readFile("models/churn/model.yaml", "main")).toBe(rollback.files["models/churn/model.yaml"]);
  });

  it("prefers the open issue, else the most recently closed one, and matches markers whole", async () => {
    await using t = await start();
    expect(await t.scm.findIssue(marker)).toBeUndefined();
    const a = await t.scm.createIssue({ title: "a", body: marker, labels: [], assignees: [] });
    const b = await t.scm.createIssue({ title: "b", body: marker, labels: [], assignees: [] });
    await t.scm.createIssue({ title: "c", body: stewardMarker("issue", "churn", "accuracy-7d"), labels: [], assignees: [] });
    await t.scm.updateIssue(a.number, { state: "closed" });
    await t.scm.updateIssue(b.number, { state: "closed" });
    expect((await t.scm.findIssue(marker))?.number).toBe(b.number);
    await t.scm.updateIssue(a.number, { state: "open", labels: ["critical"] });
    expect(await t.scm.findIssue(marker)).toMatchObject({ number: a.number, state: "open", labels: ["model-steward", "critical"] });
    expect((await t.scm.listIssues()).map((i) => i.title).sort()).toEqual(["a", "c"]);
  });

  it("keeps one comment per marker", async () => {
    await using t = await start();
    const issue = await t.scm.createIssue({ title: "t", body: marker, labels: [], assignees: [] });
    const sticky = stewardMarker("status");
    await t.scm.upsertComment(issue.number, sticky, "v1");
    await t.scm.upsertComment(issue.number, sticky, "v2");
    expect((await t.scm.listComments(issue.number)).map((c) => c.body)).toEqual([`v2\n\n${sticky}\n`]);
  });

  it("keeps a sticky comment on a pull request", async () => {
    await using t = await start();
    const pull = await t.scm.proposeChange(rollback);
    const sticky = stewardMarker("plan");
    await t.scm.upsertComment(pull.number, sticky, "plan v1");
    await t.scm.upsertComment(pull.number, sticky, "plan v2");
    expect((await t.scm.listComments(pull.number)).map((c) => c.body)).toEqual([`plan v2\n\n${sticky}\n`]);
  });

  it("fails with ExternalError 404 on an issue that does not exist", async () => {
    await using t = await start();
    await expect(t.scm.updateIssue(404, { state: "closed" })).rejects.toMatchObject({ name: "ExternalError", service: "github", status: 404 });
    expect(await t.scm.readFile("nope.yaml", "main")).toBeUndefined();
  });
}
