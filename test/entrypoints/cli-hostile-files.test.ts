import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { scratchRepo, type ScratchRepo } from "../support/scratch-repo.js";

// Hostile files under --root, through the CLI as a workflow runs it: each run ends in exit 2 naming
// the path, within 5 s, and the canary outside the repository appears in no output.
const CANARY = "CANARY-4b1d-steward-must-never-print-this";
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function repoWithOutside(): { repo: ScratchRepo; outside: string } {
  const repo = scratchRepo();
  const outside = mkdtempSync(join(tmpdir(), "steward-outside-"));
  writeFileSync(join(outside, "secret.yaml"), `apiVersion: steward/v1\nkind: ModelVersion\nmodel: scorer\nversion: "2"\nnotes: ${CANARY}\n`);
  writeFileSync(join(outside, "card.md"), `${CANARY}\n`);
  cleanups.push(() => repo.dispose(), () => rmSync(outside, { recursive: true, force: true }));
  return { repo, outside };
}

/** Every file under `dir`, concatenated (what a run wrote). */
function everything(dir: string): string {
  let all = "";
  for (const f of readdirSync(dir, { recursive: true }).map(String)) {
    const p = join(dir, f);
    try {
      if (statSync(p).isFile()) all += readFileSync(p, "utf8");
    } catch {
      /* a dangling or refused link */
    }
  }
  return all;
}

async function run(argv: string[], root: string) {
  const io = captureIO({ cwd: root });
  const started = Date.now();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err(), ms: Date.now() - started };
}

describe("hostile files under --root", () => {
  it("validate: a version file symlinked outside is refused, and its content is never printed", async () => {
    const { repo, outside } = repoWithOutside();
    const target = join(repo.root, "models/scorer/versions/2.yaml");
    unlinkSync(target);
    symlinkSync(join(outside, "secret.yaml"), target);
    for (const format of ["text", "json", "github"]) {
      const r = await run(["validate", "--format", format], repo.root);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/models\/scorer\/versions\/2\.yaml: refused: .*outside the repository/);
      expect(r.out + r.err).not.toContain(CANARY);
    }
  });

  it("card --check: MODEL_CARD.md linked outside, to /proc/self/environ or to /dev/zero ends in exit 2 within 5 s", async () => {
    const { repo, outside } = repoWithOutside();
    const card = join(repo.root, "models/scorer/MODEL_CARD.md");
    for (const target of [join(outside, "card.md"), "/proc/self/environ", "/dev/zero"]) {
      rmSync(card, { force: true });
      symlinkSync(target, card);
      const r = await run(["card", "--check"], repo.root);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/models\/scorer\/MODEL_CARD\.md: refused/);
      expect(r.out + r.err).not.toContain(CANARY);
      expect(r.out + r.err).not.toMatch(/PATH=|HOME=/);
      expect(r.ms).toBeLessThan(5000);
    }
  });

  it("card --check: a FIFO as MODEL_CARD.md ends in exit 2 within 5 s", async () => {
    const { repo } = repoWithOutside();
    execFileSync("mkfifo", [join(repo.root, "models/scorer/MODEL_CARD.md")]);
    const r = await run(["card", "--check"], repo.root);
    expect(r.code).toBe(2);
    expect(r.err).toContain("models/scorer/MODEL_CARD.md: refused: it is a FIFO (named pipe), not a regular file");
    expect(r.ms).toBeLessThan(5000);
  });

  it("validate: a 61 MB version file is refused before it is read", async () => {
    const { repo } = repoWithOutside();
    const target = join(repo.root, "models/scorer/versions/2.yaml");
    execFileSync("truncate", ["-s", String(61 * 1024 * 1024), target]);
    const r = await run(["validate"], repo.root);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/models\/scorer\/versions\/2\.yaml: refused: 63963136 bytes, over the limit of 10485760 bytes/);
    expect(r.ms).toBeLessThan(5000);
  });

  it("dashboard: a symlinked version file never reaches the pages", async () => {
    const { repo, outside } = repoWithOutside();
    const target = join(repo.root, "models/scorer/versions/2.yaml");
    unlinkSync(target);
    symlinkSync(join(outside, "secret.yaml"), target);
    const out = mkdtempSync(join(tmpdir(), "steward-dash-out-"));
    cleanups.push(() => rmSync(out, { recursive: true, force: true }));
    const r = await run(["dashboard", "--out", out, "--now", "2026-11-26T00:00:00Z"], repo.root);
    expect(r.code).toBe(2);
    expect(r.out + r.err + everything(out)).not.toContain(CANARY);
  });
});
