import { execFile } from "node:child_process";

const git = (cwd: string, args: string[]) =>
  new Promise<string | undefined>((done) => {
    execFile("git", args, { cwd, encoding: "utf8" }, (err, stdout) => done(err ? undefined : stdout.trim() || undefined));
  });

/**
 * The branch a repository's merges land on, as the local clone knows it: the remote's default
 * (`origin/HEAD`), else the checked-out branch; undefined outside a git repository or on a
 * detached HEAD.
 */
export async function localDefaultBranch(root: string): Promise<string | undefined> {
  const remote = await git(root, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  if (remote?.startsWith("origin/")) return remote.slice("origin/".length);
  return git(root, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
}
