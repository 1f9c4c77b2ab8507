import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchRepo, type ScratchRepo } from "./scratch-repo.js";

/** A scratch repository under git, with commits at fixed dates and authors. */
export interface ScratchGit extends ScratchRepo {
  git(...args: string[]): string;
  /** Writes files and commits them as `author` at `date` (ISO). Returns the sha. */
  commit(message: string, date: string, files?: Record<string, string>, author?: string): string;
  read(path: string): string;
}

export function scratchGit(from?: string): ScratchGit {
  const repo = scratchRepo(from);
  const env = (date: string, author: string) => ({
    ...process.env,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_AUTHOR_NAME: author,
    GIT_AUTHOR_EMAIL: `${author}@example.com`,
    GIT_COMMITTER_NAME: author,
    GIT_COMMITTER_EMAIL: `${author}@example.com`,
  });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo.root, encoding: "utf8", env: env(new Date().toISOString(), "test") }).trim();
  git("init", "-q", "-b", "main");
  // What `git config commit.gpgsign false` writes, without another process.
  appendFileSync(join(repo.root, ".git/config"), "[commit]\n\tgpgsign = false\n");
  return {
    ...repo,
    git,
    read: (path) => readFileSync(join(repo.root, path), "utf8"),
    commit(message, date, files = {}, author = "alice") {
      for (const [path, content] of Object.entries(files)) writeFileSync(join(repo.root, path), content);
      // One process started from the test's (large) Node process instead of three: the shell starts git.
      const script = 'git add -A && git commit -q --allow-empty -m "$1" && git rev-parse HEAD';
      return execFileSync("sh", ["-c", script, "sh", message], { cwd: repo.root, encoding: "utf8", env: env(date, author) }).trim();
    },
  };
}
