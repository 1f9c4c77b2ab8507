import { UserError } from "../core/errors.js";
import { positionFindings } from "../core/repo/assemble-state.js";
import { checkFile } from "../core/repo/check-file.js";
import { parseYaml } from "../core/repo/parse-yaml.js";
import type { RepoFiles } from "../ports.js";

/**
 * Reads one policy for `detect` and `drift --policy` exactly as `validate` reads it: through the
 * one reader (symlinks out of the root, FIFOs and huge files refused), then encoding, YAML limits,
 * prototype keys, apiVersion/kind and the policy schema. `path` is repository-relative. Returns the
 * parsed document; any problem is a UserError (exit 2) naming `path:line:column`, never a stack.
 */
export async function loadPolicyFile(files: RepoFiles, path: string, shown = path): Promise<Record<string, unknown>> {
  const bytes = await files.read(path);
  if (bytes === undefined) throw new UserError(`cannot read policy ${shown}: no such file`);
  // checkFile knows a policy by its place (policies/<name>.yaml); a policy kept elsewhere is checked as one too.
  const check = checkFile(path.startsWith("policies/") ? path : `policies/${path.split("/").pop()}`, bytes);
  const findings = check.findings.filter((f) => f.severity === "error");
  if (findings.length || check.parsed?.kind !== "Policy") {
    const text = new TextDecoder().decode(bytes);
    const positioned = positionFindings(findings.length ? findings : [{ file: path, path: "", code: "not-a-policy", message: "not a policy", severity: "error" }], () => text);
    const lines = positioned.slice(0, 10).map((f) => `${shown}${f.line === undefined ? "" : `:${f.line}:${f.column ?? 1}`}: ${f.message}`);
    throw new UserError(`invalid policy:\n${lines.join("\n")}${positioned.length > 10 ? `\n(${positioned.length - 10} more)` : ""}`);
  }
  // Valid: the document as written (the detect and drift options read its raw detector parameters).
  const parsed = parseYaml(path, new TextDecoder().decode(bytes));
  return parsed.ok ? (parsed.value as Record<string, unknown>) : {};
}
