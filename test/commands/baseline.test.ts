/**
 * `steward baseline --model M`: reference statistics from a healthy period of the file metric source,
 * printed with --dry-run, proposed as a pull request through the fake GitHub (built from the remote
 * base, card re-rendered): the branch's files pass validate and card --check.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { scratchGit } from "../support/scratch-git.js";
import { listFiles } from "../support/scratch-repo.js";

const MODEL = "models/scorer/model.yaml";
const NOW = new Date("2026-12-03T12:00:00Z");
const HOUR = 3_600_000;

/** metrics/scorer/accuracy.csv: hourly, 0.90 + (i % 5) / 100 over the 20 days up to NOW. */
function writeMetrics(root: string): void {
  const rows = ["timestamp,value"];
  for (let t = +NOW - 20 * 24 * HOUR, i = 0; t < +NOW; t += HOUR, i++) rows.push(`${new Date(t).toISOString()},${(0.9 + (i % 5) / 100).toFixed(2)}`);
  mkdirSync(join(root, "metrics/scorer"), { recursive: true });
  writeFileSync(join(root, "metrics/scorer/accuracy.csv"), `${rows.join("\n")}\n`);
}

describe("steward baseline", () => {
  it("--dry-run: the last 14 days by default, the before/after and the diff printed, nothing written", async () => {
    using repo = scratchGit();
    writeMetrics(repo.root);
    const before = repo.read(MODEL);
    const io = captureIO({ cwd: repo.root, now: () => NOW });
    const code = await runCli(["baseline", "--model", "scorer", "--source", "metrics", "--dry-run"], io);
    expect(io.err()).not.toMatch(/error/i);
    expect(code).toBe(0);
    const out = io.out();
    expect(out.split("\n")[0]).toBe("baseline of scorer (dry run, nothing proposed): 2026-11-19T12:00:00.000Z .. 2026-12-03T12:00:00.000Z");
    expect(out).toContain("accuracy: mean - -> 0.92006, std - -> 0.0141842, p50 - -> 0.92, p95 - -> 0.94 (336 points)");
    expect(out).toContain("+    accuracy: { namespace: Acme/Quality, metric: Accuracy, dimensions: { Model: scorer }, stat: Average, reference: { mean: 0.92006, std: 0.0141842, p50: 0.92, p95: 0.94, window: \"14d\", since: \"2026-11-19T12:00:00.000Z\"");
    expect(repo.read(MODEL)).toBe(before);
  });

  it("a period that was not healthy, or a series read in part, is said first and in each warning: never a quiet normal", async () => {
    using repo = scratchGit();
    writeMetrics(repo.root);
    // a bad row, and three hours below the policy's min 0.8 in the period
    const file = join(repo.root, "metrics/scorer/accuracy.csv");
    const rows = repo.read("metrics/scorer/accuracy.csv").trimEnd().split("\n");
    rows.splice(rows.length - 10, 3, ...rows.slice(rows.length - 10, rows.length - 7).map((r) => r.replace(/,.*$/, ",0.5")));
    rows.splice(rows.length - 20, 0, "2026-13-45T00:00:00Z,0.9");
    writeFileSync(file, `${rows.join("\n")}\n`);
    const io = captureIO({ cwd: repo.root, now: () => NOW });
    expect(await runCli(["baseline", "--model", "scorer", "--source", "metrics", "--dry-run"], io)).toBe(0);
    const out = io.out();
    expect(out.split("\n")[0]).toBe("baseline of scorer (dry run, nothing proposed): 2026-11-19T12:00:00.000Z .. 2026-12-03T12:00:00.000Z; 2 warnings: read them before merging");
    expect(out).toMatch(/warning: accuracy: computed from the part of the series that could be read; not read: 1 row\(s\) skipped: .*accuracy\.csv:\d+: bad timestamp/);
    expect(out).toContain('warning: accuracy: 3 of 336 points in the period are outside the threshold of check "accuracy" (min 0.8): was the period healthy?');
    // the pull request's body says it too, above the change
    const json = captureIO({ cwd: repo.root, now: () => NOW });
    expect(await runCli(["baseline", "--model", "scorer", "--source", "metrics", "--dry-run", "--format", "json"], json)).toBe(0);
    const body = (JSON.parse(json.out()) as { body: string }).body;
    expect(body).toMatch(/### Check before merging\n\n- accuracy: computed from the part of the series that could be read;.*\n- accuracy: 3 of 336 points in the period are outside the threshold/);
  });

  it("--since/--until choose the period; a period with too few points fails (exit 1, said first), nothing proposed", async () => {
    using repo = scratchGit();
    writeMetrics(repo.root);
    const io = captureIO({ cwd: repo.root, now: () => NOW });
    expect(await runCli(["baseline", "--model", "scorer", "--source", "metrics", "--dry-run", "--since", "2026-12-03T06:00:00Z", "--until", "2026-12-03T10:00:00Z"], io)).toBe(1);
    expect(io.out().split("\n")[0]).toBe("baseline of scorer: FAILED, nothing proposed");
    expect(io.out()).toContain("accuracy: left as it is (4 datapoints in the period; at least 12 are needed)");
  });

  it("usage errors: unknown model, since after until, a bad date, and no GitHub without --dry-run", async () => {
    using repo = scratchGit();
    writeMetrics(repo.root);
    const run = async (...args: string[]) => { const io = captureIO({ cwd: repo.root, now: () => NOW, env: {} }); return { code: await runCli(["baseline", ...args], io), err: io.err() }; };
    expect(await run("--model", "nope", "--source", "metrics", "--dry-run")).toMatchObject({ code: 2, err: expect.stringContaining("no such model") });
    expect(await run("--model", "scorer", "--source", "metrics", "--dry-run", "--since", "2026-12-02", "--until", "2026-12-01")).toMatchObject({ code: 2, err: expect.stringContaining("must be before --until") });
    expect(await run("--model", "scorer", "--source", "metrics", "--dry-run", "--since", "yesterday")).toMatchObject({ code: 2, err: expect.stringContaining("takes an ISO date") });
    expect(await run("--model", "scorer", "--source", "metrics")).toMatchObject({ code: 2, err: expect.stringContaining("needs GITHUB_TOKEN and GITHUB_REPOSITORY") });
  });

  it("proposes a pull request from the remote base: reference written, card re-rendered, before/after table in the body; the branch passes validate and card --check", async () => {
    using repo = scratchGit();
    writeMetrics(repo.root);
    repo.commit("initial", "2026-11-01T09:00:00Z");
    const files: Record<string, string> = {};
    for (const p of listFiles(repo.root)) if (!p.startsWith(".git/") && !p.startsWith("metrics/")) files[p] = repo.read(p);
    await using gh = await startFakeGitHub({ defaultBranch: "main", files });
    const env = { GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url };
    const io = captureIO({ cwd: repo.root, env, now: () => NOW });
    const code = await runCli(["baseline", "--model", "scorer", "--source", "metrics"], io);
    expect(io.err()).not.toMatch(/steward baseline:/);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^baseline of scorer: proposed https?:\/\/\S+\/pull\/1\n/);
    const branch = "steward/baseline/scorer";
    const edited = gh.fileAt(branch, MODEL)!;
    const ref = (parse(edited) as { monitoring: { metrics: { accuracy: { reference: Record<string, unknown> } } } }).monitoring.metrics.accuracy.reference;
    expect(ref).toMatchObject({ mean: 0.92006, std: 0.0141842, points: 336, p50: 0.92, p95: 0.94, window: "14d", since: "2026-11-19T12:00:00.000Z", until: "2026-12-03T12:00:00.000Z", computedAt: "2026-12-03T12:00:00.000Z" });
    const pr = [...gh.state.issues.values()].find((i) => (i as { pull?: unknown }).pull) as unknown as { title: string; body: string; labels: string[] };
    expect(pr.title).toBe("Refresh the reference statistics of scorer");
    expect(pr.body).toContain("| accuracy | mean | — | 0.92006 |");
    expect(pr.body).toContain("<!-- steward:baseline:scorer -->");

    // the branch as a checkout: validate and card --check pass
    const checkout = mkdtempSync(join(tmpdir(), "steward-baseline-branch-"));
    try {
      cpSync(repo.root, checkout, { recursive: true });
      for (const path of Object.keys(files)) { const text = gh.fileAt(branch, path); if (text !== undefined) writeFileSync(join(checkout, path), text); }
      const card = gh.fileAt(branch, "models/scorer/MODEL_CARD.md");
      if (card !== undefined) writeFileSync(join(checkout, "models/scorer/MODEL_CARD.md"), card);
      const v = captureIO({ cwd: checkout, now: () => NOW });
      expect(await runCli(["validate"], v), v.out()).toBe(0);
      const c = captureIO({ cwd: checkout, now: () => NOW });
      expect(await runCli(["card", "--check"], c), c.out() + c.err()).toBe(0);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });
});
