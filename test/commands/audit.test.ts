import { cpSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { csvField } from "../../src/core/audit/render-audit.js";
import { captureIO } from "../support/cli-io.js";
import { fakeHttpServer, type FakeHttpServer, type RecordedRequest, type Reply } from "../support/fake-http-server.js";
import { scratchGit, type ScratchGit } from "../support/scratch-git.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const FILE = "models/fraud-detection/model.yaml";
const API = "/repos/acme/models";

/** The sample's fraud-detection with its stages set to `production`/`staging`. */
function withStages(text: string, production: string, staging: string): string {
  return text.replace(/^  production: .*$/m, `  production: "${production}"`).replace(/^  staging: .*$/m, `  staging: "${staging}"`);
}

interface PullFixture { number: number; title: string; author: string; mergedAt: string; reviews: [string, "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED", string][] }

/**
 * GitHub's REST answers for the three reads the audit makes, shaped as the API reference documents
 * them: GET /repos/{o}/{r}/commits/{sha}/pulls (an array of pull requests; [] for a commit no pull
 * request contains), GET /repos/{o}/{r}/pulls/{n}/reviews (paginated array), GET
 * /repos/{o}/{r}/commits/{ref}/check-runs ({ total_count, check_runs }, filtered by check_name).
 */
function fakeGitHub(pulls: Map<string, PullFixture>, applies: Map<string, { conclusion: string; started: string; completed: string }>) {
  const user = (login: string) => ({ login, id: login.length, type: login.endsWith("[bot]") ? "Bot" : "User", html_url: `https://github.com/${login}` });
  const pullJson = (p: PullFixture) => ({
    url: `https://api.github.com${API}/pulls/${p.number}`, id: 1000 + p.number, number: p.number, state: "closed", locked: false, title: p.title,
    user: user(p.author), body: null, created_at: p.mergedAt, updated_at: p.mergedAt, closed_at: p.mergedAt, merged_at: p.mergedAt,
    html_url: `https://github.com/acme/models/pull/${p.number}`, base: { ref: "main", label: "acme:main" }, head: { ref: `promote-${p.number}`, label: `acme:promote-${p.number}` }, draft: false,
  });
  return async (req: RecordedRequest): Promise<Reply> => {
    let m = new RegExp(`^${API}/commits/([0-9a-f]{40})/pulls$`).exec(req.path);
    if (m) return { status: 200, body: pulls.has(m[1]!) ? [pullJson(pulls.get(m[1]!)!)] : [] };
    m = new RegExp(`^${API}/pulls/(\\d+)/reviews$`).exec(req.path);
    if (m) {
      const p = [...pulls.values()].find((x) => x.number === Number(m![1]));
      if (!p) return { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request" } };
      return { status: 200, body: p.reviews.map(([login, state, at], i) => ({ id: 5000 + i, user: user(login), body: "", state, html_url: `https://github.com/acme/models/pull/${p.number}#pullrequestreview-${5000 + i}`, submitted_at: at, commit_id: "c".repeat(40), author_association: "MEMBER" })) };
    }
    m = new RegExp(`^${API}/commits/([0-9a-f]{40})/check-runs$`).exec(req.path);
    if (m) {
      const a = applies.get(m[1]!);
      const runs = a && req.query.get("check_name") === "apply" ? [{ id: 7, name: "apply", head_sha: m[1], status: "completed", conclusion: a.conclusion, started_at: a.started, completed_at: a.completed, html_url: `https://github.com/acme/models/actions/runs/7/job/8` }] : [];
      return { status: 200, body: { total_count: runs.length, check_runs: runs } };
    }
    return { status: 404, body: { message: "Not Found" } };
  };
}

describe("steward audit", () => {
  let repo: ScratchGit | undefined;
  let server: FakeHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  // The tests only read the history: it is committed once, for all of them.
  afterAll(() => repo?.dispose());
  let built: ReturnType<typeof commitHistory> | undefined;
  const history = () => (built ??= commitHistory());

  /** The sample repository with a scripted history of fraud-detection's stages. */
  function commitHistory() {
    repo = scratchGit();
    for (const dir of ["models", "policies", "data"]) {
      rmSync(join(repo.root, dir), { recursive: true, force: true });
      cpSync(join(ROOT, dir), join(repo.root, dir), { recursive: true });
    }
    const text = readFileSync(join(repo.root, FILE), "utf8");
    const sha = {
      initial: repo.commit("models: initial", "2026-10-01T09:00:00Z", { [FILE]: withStages(text, "6", "7") }),
      staging8: repo.commit("promote fraud-detection 8 to staging (#11)", "2026-10-05T10:00:00Z", { [FILE]: withStages(text, "6", "8") }, "alice"),
      production8: repo.commit("promote fraud-detection 8 to production (#12)", "2026-10-10T10:00:00Z", { [FILE]: withStages(text, "8", "8") }, "alice"),
      rollback: repo.commit("Roll back fraud-detection from 8 to 6 (#13)", "2026-10-12T03:00:00Z", { [FILE]: withStages(text, "6", "8") }, "github-actions[bot]"),
      hotfix: repo.commit("hotfix: 5 straight to production", "2026-10-20T08:00:00Z", { [FILE]: withStages(text, "5", "8") }, "mallory"),
    };
    const pulls = new Map<string, PullFixture>([
      [sha.staging8, { number: 11, title: "Promote fraud-detection 8 to staging", author: "alice", mergedAt: "2026-10-05T10:00:00Z", reviews: [["bob", "APPROVED", "2026-10-05T09:30:00Z"]] }],
      [sha.production8, { number: 12, title: "Promote fraud-detection 8 to production", author: "alice", mergedAt: "2026-10-10T10:00:00Z", reviews: [["bob", "APPROVED", "2026-10-09T12:00:00Z"], ["carol", "APPROVED", "2026-10-09T13:00:00Z"], ["dave", "APPROVED", "2026-10-09T14:00:00Z"], ["dave", "DISMISSED", "2026-10-09T15:00:00Z"], ["erin", "COMMENTED", "2026-10-09T16:00:00Z"]] }],
      [sha.rollback, { number: 13, title: "Roll back fraud-detection from 8 to 6", author: "github-actions[bot]", mergedAt: "2026-10-12T03:00:00Z", reviews: [["bob", "APPROVED", "2026-10-12T02:50:00Z"]] }],
    ]);
    const applies = new Map([
      [sha.staging8, { conclusion: "success", started: "2026-10-05T10:01:00Z", completed: "2026-10-05T10:09:00Z" }],
      [sha.production8, { conclusion: "success", started: "2026-10-10T10:01:00Z", completed: "2026-10-10T10:31:00Z" }],
      [sha.rollback, { conclusion: "failure", started: "2026-10-12T03:01:00Z", completed: "2026-10-12T03:20:00Z" }],
    ]);
    return { sha, pulls, applies };
  }

  const env = () => ({ GITHUB_TOKEN: "ghs_test", GITHUB_REPOSITORY: "acme/models", GITHUB_API_URL: server!.url });

  it("lists every stage change with its pull request, proposer, approvers, merge and apply times, outcome and path", async () => {
    const h = history();
    server = await fakeHttpServer(fakeGitHub(h.pulls, h.applies));
    const io = captureIO({ env: env(), cwd: repo!.root });
    expect(await runCli(["audit", "--model", "fraud-detection", "--format", "json"], io)).toBe(0);
    const { entries, notes } = JSON.parse(io.out()) as { entries: Record<string, any>[]; notes: string[] };
    expect(notes).toEqual([]);
    const rows = entries.map((e) => [e.stage, e.to.map((v: { version: string }) => v.version).join("/"), e.pull?.number ?? e.via, e.pull?.author ?? "", e.approvers.join(","), e.mergedAt ?? "", e.apply?.completedAt ?? "", e.outcome, e.path.kind]);
    expect(rows).toEqual([
      ["production", "6", "direct push", "", "", "", "", "not applied", "initial"],
      ["staging", "7", "direct push", "", "", "", "", "not applied", "initial"],
      ["staging", "8", 11, "alice", "bob", "2026-10-05T10:00:00.000Z", "2026-10-05T10:09:00.000Z", "applied", "first-stage"],
      ["production", "8", 12, "alice", "bob,carol", "2026-10-10T10:00:00.000Z", "2026-10-10T10:31:00.000Z", "applied", "in-order"],
      ["production", "6", 13, "github-actions[bot]", "bob", "2026-10-12T03:00:00.000Z", "2026-10-12T03:20:00.000Z", "apply failed", "rollback"],
      ["production", "5", "direct push", "", "", "", "", "not applied", "skipped"],
    ]);
    expect(entries[0]!.commit).toEqual({ sha: h.sha.initial, author: "alice", date: "2026-10-01T09:00:00.000Z", subject: "models: initial" });
  });

  it("--since, Markdown and CSV: newest first in Markdown with links, CSV with a header and quoting; the path column says which rule allowed a skip", async () => {
    const h = history();
    server = await fakeHttpServer(fakeGitHub(h.pulls, h.applies));
    const md = captureIO({ env: env(), cwd: repo!.root });
    expect(await runCli(["audit", "--since", "2026-10-10", "--format", "md"], md)).toBe(0);
    const lines = md.out().split("\n").filter((l) => l.startsWith("| fraud"));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("SKIPPED staging: no rule allows it");
    expect(lines[1]).toContain("[#13](https://github.com/acme/models/pull/13)");
    expect(lines[1]).toContain("rollback: 6 served production before");
    expect(lines[2]).toContain("through staging");
    const csv = captureIO({ env: env(), cwd: repo!.root });
    expect(await runCli(["audit", "--model", "fraud-detection", "--format", "csv"], csv)).toBe(0);
    const rows = csv.out().trimEnd().split("\r\n");
    expect(rows[0]).toBe("model,stage,from,to,commit,committed,pull request,proposed by,approved by,merged,apply started,apply finished,outcome,path,pull request url,commit sha");
    expect(rows).toHaveLength(7);
    expect(rows[4]).toContain(",bob carol,");
  });

  it("without GitHub: git's facts, the first line says what is missing, exit 2", async () => {
    history();
    const io = captureIO({ cwd: repo!.root });
    expect(await runCli(["audit", "--format", "json"], io)).toBe(2);
    expect(io.err().split("\n")[0]).toMatch(/^audit incomplete: GitHub was not read/);
    const { entries } = JSON.parse(io.out()) as { entries: { via: string; outcome: string }[] };
    expect(entries.length).toBeGreaterThanOrEqual(6);
    expect(entries.every((e) => e.via === "unknown" && e.outcome === "unknown")).toBe(true);
  });

  it("a GitHub error leaves that commit unknown, says so, and exits 2", async () => {
    const h = history();
    const ok = fakeGitHub(h.pulls, h.applies);
    server = await fakeHttpServer(async (req) => (req.path.endsWith(`${h.sha.production8}/pulls`) ? { status: 403, body: { message: "Resource not accessible by integration" } } : ok(req)));
    const io = captureIO({ env: env(), cwd: repo!.root });
    expect(await runCli(["audit", "--model", "fraud-detection", "--format", "json"], io)).toBe(2);
    const { entries, notes } = JSON.parse(io.out()) as { entries: { commit: { sha: string }; via: string }[]; notes: string[] };
    expect(notes.join("\n")).toContain(`pull request of ${h.sha.production8.slice(0, 12)}`);
    expect(entries.find((e) => e.commit.sha === h.sha.production8)!.via).toBe("unknown");
  });

  it("CSV cells a spreadsheet would run as formulas stay text", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("@acme")).toBe("'@acme");
    expect(csvField("plain")).toBe("plain");
  });
});
