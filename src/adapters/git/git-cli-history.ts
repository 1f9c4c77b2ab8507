import { execFile, spawn } from "node:child_process";
import { ExternalError } from "../../core/errors.js";
import type { CommitInfo, GitHistory } from "../../ports.js";

const SEP = "\u001f";
const FORMAT = ["%H", "%an", "%ae", "%cI", "%s"].join(SEP);

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : 128) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** git with `input` on its standard input; its standard output as bytes. */
function gitWithInput(cwd: string, args: string[], input: string): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("git", args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdin.on("error", () => {}); // git gone early: the exit code says so
    child.on("error", (e) => resolve({ code: 128, stdout: Buffer.alloc(0), stderr: e.message }));
    child.on("close", (code) => resolve({ code: code ?? 128, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") }));
    child.stdin.end(input);
  });
}

/**
 * The answers of `git cat-file --batch`, one per object asked, in order: a blob's text, undefined for an
 * object that is missing, ambiguous or not a blob. Each answer is `<oid> <type> <size>\n<bytes>\n`, or
 * `<name> missing\n` (and the like) without content.
 */
export function parseCatFileBatch(out: Buffer, count: number): (string | undefined)[] {
  const texts: (string | undefined)[] = [];
  let at = 0;
  while (texts.length < count && at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString("utf8");
    at = eol + 1;
    const m = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
    if (!m) {
      texts.push(undefined);
      continue;
    }
    const size = Number(m[2]);
    texts.push(m[1] === "blob" ? out.subarray(at, at + size).toString("utf8") : undefined);
    at += size + 1;
  }
  while (texts.length < count) texts.push(undefined);
  return texts;
}

function parseCommits(out: string): CommitInfo[] {
  return out
    .split("\n")
    .filter((l) => l.includes(SEP))
    .map((l) => {
      const [sha, author, email, date, subject] = l.split(SEP);
      return { sha: sha!, author: author!, email: email!, date: new Date(date!), subject: subject ?? "" };
    });
}

/** GitHistory through the git command line, run in `root`. */
export function gitCliHistory(root: string): GitHistory {
  const show = async (ref: string, path: string): Promise<string | undefined> => {
    const r = await git(root, ["show", `${ref}:${path}`]);
    return r.code === 0 ? r.stdout : undefined;
  };
  return {
    async resolve(ref) {
      const r = await git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
      return r.code === 0 ? r.stdout.trim() : undefined;
    },
    show,
    async showAll(refs, path) {
      // One process for every version of the file, instead of one `git show` each. A line of input names one
      // object, so a path with a line break is asked for one ref at a time.
      if (/[\r\n]/.test(path) || refs.some((r) => /[\r\n]/.test(r))) return Promise.all(refs.map((r) => show(r, path)));
      if (refs.length === 0) return [];
      const r = await gitWithInput(root, ["cat-file", "--batch"], refs.map((ref) => `${ref}:${path}\n`).join(""));
      return r.code === 0 ? parseCatFileBatch(r.stdout, refs.length) : refs.map(() => undefined);
    },
    async changedFiles(ref) {
      const base = await git(root, ["merge-base", ref, "HEAD"]);
      const from = base.code === 0 ? base.stdout.trim() : ref;
      const [diff, untracked] = await Promise.all([
        git(root, ["diff", "--name-only", "--no-renames", "-z", from]),
        git(root, ["ls-files", "--others", "--exclude-standard", "-z"]),
      ]);
      if (diff.code !== 0) throw new ExternalError("git", undefined, `git diff against ${ref} failed: ${diff.stderr.trim()}`);
      const names = [...diff.stdout.split("\0"), ...untracked.stdout.split("\0")].filter(Boolean);
      return [...new Set(names)].sort();
    },
    async log(path, ref = "HEAD") {
      const r = await git(root, ["log", "--first-parent", `--format=${FORMAT}`, ref, "--", path]);
      return r.code === 0 ? parseCommits(r.stdout) : [];
    },
    async fetch(sha) {
      // Only a full sha: anything else could be read by git as an option.
      if (!/^[0-9a-f]{40}$/.test(sha)) return false;
      if ((await git(root, ["cat-file", "-e", `${sha}^{commit}`])).code === 0) return true;
      return (await git(root, ["fetch", "--quiet", "--no-tags", "origin", sha])).code === 0;
    },
    async head() {
      const r = await git(root, ["log", "-1", `--format=${FORMAT}`]);
      return r.code === 0 ? parseCommits(r.stdout)[0] : undefined;
    },
  };
}
