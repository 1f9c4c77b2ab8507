/**
 * Contract tests for the fake GitHub: exchanges recorded against api.github.com (@octokit/fixtures) are
 * replayed against it, and the status, the JSON shape of every body and the pagination links must match.
 */
import { describe, expect, it } from "vitest";
import { recordedScenario, startFakeGitHub, type FakeGitHub, type RecordedExchange } from "../../support/fake-github-server.js";
import { shapeDifferences } from "./shape-differences.js";

interface Replayed { status: number; body: unknown; link: string | null; contentType: string | null }

/** Sends the recorded requests in order; `/repositories/<id>/...` pages follow the fake's own Link header. */
async function replay(fake: FakeGitHub, scenario: string, exchanges: RecordedExchange[], shas: Record<string, string> = {}): Promise<Replayed[]> {
  const out: Replayed[] = [];
  let next: string | undefined;
  for (const ex of exchanges) {
    const path = ex.path.replace(`/repos/octokit-fixture-org/${scenario}`, `/repos/${fake.owner}/${fake.repo}`);
    const target = path.startsWith("/repositories/") ? (next as string) : `${fake.url}${path}`;
    let body = ex.body === "" || ex.body === undefined ? undefined : JSON.stringify(ex.body);
    for (const [recorded, actual] of Object.entries(shas)) body = body?.replaceAll(recorded, actual);
    const res = await fetch(target, {
      method: ex.method.toUpperCase(),
      headers: { accept: "application/vnd.github.v3+json", authorization: "token secret", "content-type": "application/json; charset=utf-8" },
      body,
    });
    const text = await res.text();
    const link = res.headers.get("link");
    next = /<([^>]+)>; rel="next"/.exec(link ?? "")?.[1];
    out.push({ status: res.status, body: text === "" ? "" : JSON.parse(text), link, contentType: res.headers.get("content-type") });
  }
  return out;
}

const rels = (link: string | number | null | undefined) => [...String(link ?? "").matchAll(/rel="(\w+)"/g)].map((m) => m[1]).sort();

function expectSameAsRecorded(recorded: RecordedExchange[], replayed: Replayed[]): void {
  expect(replayed.map((r) => r.status)).toEqual(recorded.map((r) => r.status));
  recorded.forEach((ex, i) => {
    const got = replayed[i] as Replayed;
    expect(shapeDifferences(ex.response, got.body), `${ex.method} ${ex.path}`).toEqual([]);
    expect(rels(got.link), `Link of ${ex.path}`).toEqual(rels(ex.headers.link));
    if (ex.headers["content-type"]) expect(got.contentType).toBe(ex.headers["content-type"]);
  });
}

describe("the fake GitHub replays recorded exchanges", () => {
  it.each(["labels", "errors", "create-file", "add-labels-to-issue"])("%s", async (scenario) => {
    await using fake = await startFakeGitHub();
    const recorded = recordedScenario(scenario);
    expectSameAsRecorded(recorded, await replay(fake, scenario, recorded));
  });

  it("git-refs", async () => {
    await using fake = await startFakeGitHub();
    // The recording made two commits first (ignored requests); the normalized shas stand for them.
    const first = fake.commitFiles("main", { "1.md": "# git-refs\ncreated with initial commit" });
    const second = fake.commitFiles("main", { "2.md": "# git-refs\ncreated with 2nd commit" });
    const recorded = recordedScenario("git-refs");
    const shas = { "0000000000000000000000000000000000000002": first, "0000000000000000000000000000000000000001": second };
    expectSameAsRecorded(recorded, await replay(fake, "git-refs", recorded, shas));
    expect([...fake.state.refs.keys()]).toEqual(["refs/heads/main"]);
  });

  it("paginate-issues: 13 issues, 3 a page, newest first, Link headers to every page", async () => {
    await using fake = await startFakeGitHub();
    for (let n = 1; n <= 13; n++) {
      fake.state.issues.set(n, {
        number: n, title: `Test issue ${n}`, body: null, state: "open", stateReason: null, labels: [], assignees: [],
        author: "octokit-fixture-user-a", createdAt: `2017-10-10T16:00:${String(n).padStart(2, "0")}Z`, updatedAt: "2017-10-10T16:00:00Z", closedAt: null,
      });
    }
    const recorded = recordedScenario("paginate-issues");
    const replayed = await replay(fake, "paginate-issues", recorded);
    expectSameAsRecorded(recorded, replayed);
    const numbers = (r: unknown) => (r as Array<{ number: number }>).map((i) => i.number);
    expect(replayed.map((r) => numbers(r.body))).toEqual(recorded.map((r) => numbers(r.response)));
  });
});
