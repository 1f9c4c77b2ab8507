/**
 * `steward dashboard --out`: the site never overwrites the repository's own files, and a site built
 * from what could not all be read says so on its first line, not only on stderr.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { scratchRepo } from "../support/scratch-repo.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function run(cwd: string, ...argv: string[]) {
  const io = captureIO({ cwd });
  return { code: await runCli(["dashboard", ...argv, "--now", "2026-11-26T00:00:00Z"], io), out: io.out(), err: io.err() };
}

describe("steward dashboard --out", () => {
  it("refuses the repository's folder, a folder above it, models/ and policies/: exit 2, nothing overwritten", async () => {
    const repo = scratchRepo();
    cleanups.push(() => repo.dispose());
    writeFileSync(join(repo.root, "index.html"), "mine\n");
    const metrics = join(repo.root, "metrics");
    mkdirSync(metrics);
    for (const out of [".", "..", "models", "policies", "models/scorer"]) {
      const r = await run(repo.root, "--out", out, "--source", metrics);
      expect(r.code, out).toBe(2);
      expect(r.err).toMatch(new RegExp(`usage: --out ${out.replace(/\./g, "\\.")} would write the site into the repository's own files`));
    }
    expect(readFileSync(join(repo.root, "index.html"), "utf8")).toBe("mine\n");
    expect(existsSync(join(repo.root, "models/scorer.html"))).toBe(false);
  });

  it("a site built without all its data says so on the first line (exit 0: the site was written)", async () => {
    const repo = scratchRepo();
    const site = mkdtempSync(join(tmpdir(), "steward-dash-site-"));
    cleanups.push(() => repo.dispose(), () => rmSync(site, { recursive: true, force: true }));
    const empty = join(repo.root, "metrics");
    mkdirSync(empty);
    const r = await run(repo.root, "--out", site, "--source", empty);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toMatch(/^wrote \d+ page\(s\) to .+: index\.html and 1 model page\(s\); \d+ warnings?, the pages are incomplete \(first: .*no file scorer\/accuracy\.csv or \.json/);
    expect(existsSync(join(site, "index.html"))).toBe(true);
  });
});
