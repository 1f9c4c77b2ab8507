import type { CommitInfo, GitHistory } from "../../src/ports.js";

/** One commit of a file's history: when, and the file's text after it (undefined: deleted). */
export interface FileCommit {
  sha: string;
  date: string;
  text: string | undefined;
  subject?: string;
}

/**
 * A GitHistory over given histories of files (oldest first), for commands that read git history
 * without a repository. `log` answers newest first, as git does; `show` answers the text at a
 * commit of that file's history (or at HEAD, its last commit).
 */
export function inMemoryHistory(files: Record<string, FileCommit[]>): GitHistory {
  const info = (c: FileCommit): CommitInfo => ({ sha: c.sha, author: "alice", email: "alice@example.com", date: new Date(c.date), subject: c.subject ?? `edit ${c.sha}` });
  const all = Object.values(files).flat();
  return {
    resolve: async (ref) => (ref === "HEAD" ? all[all.length - 1]?.sha : all.find((c) => c.sha === ref)?.sha),
    show: async (ref, path) => {
      const h = files[path] ?? [];
      return (ref === "HEAD" ? h[h.length - 1] : h.find((c) => c.sha === ref))?.text;
    },
    changedFiles: async () => [],
    log: async (path) => [...(files[path] ?? [])].reverse().map(info),
    head: async () => (all.length ? info(all[all.length - 1]!) : undefined),
  };
}
