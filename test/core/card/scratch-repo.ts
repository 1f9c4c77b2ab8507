/**
 * A scratch git repository for card tests: a copy of the sample governed repository (models/,
 * policies/, data/, without the generated cards) whose model.yaml files are committed step by
 * step at fixed dates and by fixed authors, so stage history and soak times are known exactly.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";

export const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** One commit: at `date`, by `author`, `files` get the given text (`stages` rewrites a model's stages block). */
export interface ScratchCommit {
  date: string;
  author: string;
  message: string;
  /** model name -> YAML for the `stages:` block (without the `stages:` line), or "final" for the sample's own file. */
  stages?: Record<string, string | "final">;
  files?: Record<string, string>;
}

export interface ScratchRepo extends AsyncDisposable {
  root: string;
  commit(c: ScratchCommit): void;
  git(...args: string[]): string;
}

/** Replaces the top-level `stages:` block of a model.yaml text. */
export function withStages(text: string, block: string): string {
  const m = /^stages:.*\n(?:(?:[ \t].*)?\n)*/m.exec(text);
  if (!m) throw new Error("no stages block");
  const body = block.trim() === "" ? "stages: {}\n" : `stages:\n${block.replace(/\s+$/, "")}\n`;
  return text.slice(0, m.index) + body + text.slice(m.index + m[0].length);
}

/**
 * Copies the sample repository into a temp dir and runs `git init`; nothing is committed yet. With `from`, a
 * copy of that scratch repository instead, its history included (see sampleHistory).
 */
export function scratchRepo(from?: string): ScratchRepo {
  const root = mkdtempSync(join(tmpdir(), "steward-card-"));
  if (from) cpSync(from, root, { recursive: true });
  else {
    for (const dir of ["models", "policies", "data"]) {
      cpSync(join(PROJECT_ROOT, dir), join(root, dir), { recursive: true, filter: (src) => !src.endsWith("MODEL_CARD.md") });
    }
  }
  const originals = new Map<string, string>();
  const git = (env: Record<string, string>, ...args: string[]) =>
    execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: root, ...env },
    });
  if (!from) git({}, "init", "-q", "-b", "main");
  return {
    root,
    git: (...args) => git({}, ...args),
    commit(c) {
      for (const [model, block] of Object.entries(c.stages ?? {})) {
        const file = join(root, "models", model, "model.yaml");
        if (!originals.has(model)) originals.set(model, readFileSync(file, "utf8"));
        const original = originals.get(model)!;
        writeFileSync(file, block === "final" ? original : withStages(original, block));
      }
      for (const [path, text] of Object.entries(c.files ?? {})) writeFileSync(join(root, path), text);
      const who = { GIT_AUTHOR_NAME: c.author, GIT_AUTHOR_EMAIL: `${c.author.split(" ")[0]!.toLowerCase()}@example.com`, GIT_AUTHOR_DATE: c.date };
      const env = { ...who, GIT_COMMITTER_NAME: c.author, GIT_COMMITTER_EMAIL: who.GIT_AUTHOR_EMAIL, GIT_COMMITTER_DATE: c.date };
      // One process started from the test's (large) Node process instead of two: the shell starts git.
      const g = "git -c commit.gpgsign=false -c core.autocrlf=false";
      execFileSync("sh", ["-c", `${g} add -A && ${g} commit -q --allow-empty -m "$1"`, "sh", c.message], { cwd: root, env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: root, ...env } });
    },
    async [Symbol.asyncDispose]() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The fixed history the golden cards are rendered from: every sample model goes through staging
 * to production at known times and ends in its committed state.
 */
export const SAMPLE_HISTORY: ScratchCommit[] = [
  { date: "2026-06-01T08:00:00Z", author: "Mei Chen", message: "Add the sample models", stages: { "fraud-detection": "", "churn-prediction": "", "demand-forecasting": "" } },
  { date: "2026-06-03T10:00:00Z", author: "Mei Chen", message: "fraud-detection: 5 to staging", stages: { "fraud-detection": '  staging: "5"' } },
  { date: "2026-06-07T09:00:00Z", author: "Ravi Patel", message: "fraud-detection: 5 to production", stages: { "fraud-detection": '  production: "5"\n  staging: "5"' } },
  { date: "2026-06-10T09:00:00Z", author: "Ana Lima", message: "churn-prediction: 1.0.0 to staging", stages: { "churn-prediction": '  staging: "1.0.0"' } },
  { date: "2026-06-12T15:00:00Z", author: "Ana Lima", message: "churn-prediction: 1.0.0 to production", stages: { "churn-prediction": '  production: "1.0.0"\n  staging: "1.0.0"' } },
  { date: "2026-07-22T12:00:00Z", author: "Mei Chen", message: "fraud-detection: 6 to staging", stages: { "fraud-detection": '  production: "5"\n  staging: "6"' } },
  { date: "2026-08-01T09:00:00Z", author: "Ana Lima", message: "churn-prediction: 1.1.0 to staging", stages: { "churn-prediction": '  production: "1.0.0"\n  staging: "1.1.0"' } },
  { date: "2026-08-03T12:00:00Z", author: "Ana Lima", message: "churn-prediction: 1.1.0 to production", stages: { "churn-prediction": '  production: "1.1.0"\n  staging: "1.1.0"' } },
  { date: "2026-09-03T07:00:00Z", author: "Priya R", message: "demand-forecasting: 2026.09 to production", stages: { "demand-forecasting": '  production: "2026.09"' } },
  { date: "2026-09-04T08:00:00Z", author: "Mei Chen", message: "fraud-detection: 7 to staging", stages: { "fraud-detection": '  production: "5"\n  staging: "7"' } },
  { date: "2026-09-08T14:30:00Z", author: "Ravi Patel", message: "fraud-detection: 7 to production", stages: { "fraud-detection": '  production: "7"\n  staging: "7"' } },
  { date: "2026-10-03T06:00:00Z", author: "Priya R", message: "demand-forecasting: 2026.10 to staging", stages: { "demand-forecasting": '  production: "2026.09"\n  staging: "2026.10"' } },
  { date: "2026-10-06T06:00:00Z", author: "Priya R", message: "demand-forecasting: 2026.10 to production", stages: { "demand-forecasting": '  production: "2026.10"\n  staging: "2026.10"' } },
  { date: "2026-10-15T16:00:00Z", author: "Mei Chen", message: "fraud-detection: 8 to staging", stages: { "fraud-detection": "final" } },
  { date: "2026-11-03T10:00:00Z", author: "Ana Lima", message: "churn-prediction: 1.2.0 to staging", stages: { "churn-prediction": "final" } },
  { date: "2026-11-28T12:00:00Z", author: "Priya R", message: "demand-forecasting: 2026.11 to staging", stages: { "demand-forecasting": '  production: "2026.10"\n  staging: "2026.11"' } },
  { date: "2026-11-30T09:00:00Z", author: "Priya R", message: "demand-forecasting: canary 2026.11 at 20%", stages: { "demand-forecasting": "final" } },
];

/**
 * SAMPLE_HISTORY committed once for the test file that calls this (at its top level: the repository is built
 * in beforeAll and removed in afterAll); `repo()` is a fresh copy for one test, history included, that the
 * test may change. Committing the history takes some 35 git processes; a copy takes none.
 */
export function sampleHistory(): { repo(): ScratchRepo } {
  let template: ScratchRepo | undefined;
  beforeAll(() => {
    template = scratchRepo();
    for (const c of SAMPLE_HISTORY) template.commit(c);
    // One pack instead of some 250 loose objects: a copy then takes a tenth of the time.
    template.git("repack", "-a", "-d", "-q");
  });
  afterAll(async () => template?.[Symbol.asyncDispose]());
  return {
    repo() {
      if (!template) throw new Error("sampleHistory(): call it at the top level of a test file, and repo() inside a test");
      return scratchRepo(template.root);
    },
  };
}
