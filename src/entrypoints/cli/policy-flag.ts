import path from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { loadPolicyFile } from "../../commands/load-policy-file.js";

/**
 * `--policy NAME|FILE` for detect and drift: NAME is policies/NAME.yaml under the root; a FILE
 * (.yaml/.yml) is relative to the root. Read and validated as `validate` would (exit 2 on any problem).
 */
export async function readPolicyFlag(root: string, cwd: string, value: string): Promise<Record<string, unknown>> {
  const abs = /\.ya?ml$/.test(value) ? path.resolve(root, value) : path.join(root, "policies", `${value}.yaml`);
  const rel = path.relative(root, abs);
  const inside = rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
  // A policy file outside the root is read with its own folder as the root: still no FIFO, device or huge file.
  const files = inside ? fsRepoFiles(root) : fsRepoFiles(path.dirname(abs));
  return loadPolicyFile(files, inside ? rel.split(path.sep).join("/") : path.basename(abs), path.relative(cwd, abs) || abs);
}
