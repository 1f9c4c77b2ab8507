import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { FakeGitHub } from "./fake-github-server.js";

/** Writes the branch's tree from the fake GitHub over the working tree at `root`; returns the paths that changed, sorted. */
export function checkoutTree(gh: FakeGitHub, branch: string, root: string): string[] {
  const head = gh.state.commits.get(gh.state.refs.get(`refs/heads/${branch}`)!)!;
  const changed: string[] = [];
  for (const [path, entry] of gh.state.trees.get(head.tree)!) {
    const text = gh.state.blobs.get(entry.sha)!.toString("utf8");
    let local: string | undefined;
    try { local = readFileSync(join(root, path), "utf8"); } catch { local = undefined; }
    if (local === text) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    changed.push(path);
  }
  return changed.sort();
}
