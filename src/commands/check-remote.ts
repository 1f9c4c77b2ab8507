import type { DvcConfig } from "../core/repo/dvc-config.js";
import { pointerReferences } from "../core/repo/rules/index.js";
import type { DvcOut, RepoState } from "../core/types.js";
import type { DvcRemote } from "../ports.js";

export interface RemoteCheck {
  checked: number;
  found: { dvc3: number; dvc2: number };
  missing: { file: string; pointer: string; message: string }[];
}

/**
 * Confirms that every object a pointer names exists in its DVC remote (the out's `remote`, else
 * the core remote), in the DVC 3 layout or the DVC 2 one. Each distinct object is asked for once.
 */
export async function checkRemoteObjects(state: RepoState, config: DvcConfig, remoteFor: (options: Record<string, string>) => DvcRemote): Promise<RemoteCheck> {
  const result: RemoteCheck = { checked: 0, found: { dvc3: 0, dvc2: 0 }, missing: [] };
  const remotes = new Map<string, DvcRemote>();
  const lookups = new Map<string, Promise<"dvc3" | "dvc2" | undefined>>();
  const targets: { file: string; pointer: string; out: DvcOut }[] = [];
  for (const ref of pointerReferences(state)) {
    const p = state.pointers.get(ref.path);
    for (const out of p?.outs ?? []) targets.push({ file: ref.file, pointer: ref.pointer, out });
  }
  for (const v of state.versions) {
    if (v.artifact?.kind === "inline") targets.push({ file: v.file, pointer: "/artifact", out: { md5: v.artifact.md5, path: v.artifact.path, isDir: v.artifact.md5.endsWith(".dir"), ...(v.artifact.remote ? { remote: v.artifact.remote } : {}) } });
  }
  await Promise.all(
    targets.map(async (t) => {
      const name = t.out.remote ?? config.defaultRemote;
      const url = name ? config.remotes[name] : undefined;
      if (!name || !url) {
        result.missing.push({ ...t, message: name ? `DVC remote "${name}" is not configured in .dvc/config` : "no DVC remote: .dvc/config has no [core] remote" });
        return;
      }
      if (!remotes.has(name)) remotes.set(name, remoteFor({ ...(config.options[name] ?? {}) }));
      const key = `${url}\u0000${t.out.md5}`;
      if (!lookups.has(key)) lookups.set(key, remotes.get(name)!.locate({ remoteUrl: url, md5: t.out.md5 }).then((r) => r?.layout));
      const layout = await lookups.get(key)!;
      result.checked++;
      if (layout) result.found[layout]++;
      else result.missing.push({ ...t, message: `object ${t.out.md5} for ${t.out.path} is not in remote "${name}" (${url}) in the DVC 3 or DVC 2 layout` });
    }),
  );
  return result;
}
