/**
 * The bundled chatops action as the runner runs it (issue_comment event in GITHUB_EVENT_PATH) against
 * the fake GitHub: a command by a user without write access gets a -1 reaction and a reply and fails
 * the step; an unknown command from a maintainer gets the list of commands. Skipped until the bundle
 * actions/chatops/dist/index.js has been built (`npm run build`; the lead commits the bundles).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { runAction } from "../support/run-action.js";
import { scratchRepo } from "../support/scratch-repo.js";

const BUNDLE = new URL("../../actions/chatops/dist/index.js", import.meta.url).pathname;

describe.skipIf(!existsSync(BUNDLE))("the chatops action bundle", () => {
  it("refuses a reader with -1 and a reply; answers an unknown command with the list", { timeout: 60_000 }, async () => {
    await using gh = await startFakeGitHub();
    using repo = scratchRepo();
    const dir = mkdtempSync(join(tmpdir(), "steward-chatops-e2e-"));
    try {
      gh.state.issues.set(1, { number: 1, title: "question", body: "", state: "open", stateReason: null, labels: [], assignees: [], author: "reader", createdAt: "2026-11-30T00:00:00Z", updatedAt: "2026-11-30T00:00:00Z", closedAt: null });
      gh.state.roles.set("maintainer", "maintain");
      const event = join(dir, "event.json");
      const runAs = async (login: string, body: string) => {
        const id = gh.commentAs(1, login, body);
        writeFileSync(event, JSON.stringify({ action: "created", issue: { number: 1 }, comment: { id, body, html_url: "https://github.com/acme/models/issues/1", user: { login, type: "User" } }, repository: { default_branch: "main" } }));
        const r = await runAction("chatops", { INPUT_ROOT: repo.root, "INPUT_PR-ROOT": "", GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url, GITHUB_EVENT_PATH: event });
        return { r, reactions: [...gh.state.reactions.values()].filter((x) => x.comment === id).map((x) => x.content), replies: [...gh.state.comments.values()].filter((c) => c.id > id && c.author === "github-actions[bot]").map((c) => c.body) };
      };
      const refused = await runAs("reader", "/steward rollback scorer");
      expect(refused.r.status, refused.r.stdout).toBe(1);
      expect(refused.r.out("status")).toBe("refused");
      expect(refused.reactions).toEqual(["-1"]);
      expect(refused.replies[0]).toContain("need write access");
      expect(gh.state.refs.has("refs/heads/steward/rollback/scorer")).toBe(false);
      const unknown = await runAs("maintainer", "/steward deploy");
      expect(unknown.r.out("status")).toBe("unknown");
      expect(unknown.replies[0]).toContain("`/steward rollback <model>`");
      const ignored = await runAs("maintainer", "looks good to me");
      expect(ignored.r.status, ignored.r.stdout).toBe(0);
      expect(ignored.r.out("status")).toBe("ignored");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
