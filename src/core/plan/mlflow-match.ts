/**
 * Which live MLflow version is which repository version. Pure.
 * Evidence, strongest first: the number recorded in the version file, then the `steward.version` tag.
 * A live version belongs to at most one repository version; a second claim is a conflict.
 */
import type { DesiredMlflowVersion } from "./mlflow-desired.js";
import { TAG } from "./mlflow-tags.js";
import type { LiveModelVersion, LiveRegisteredModel } from "./registry-state.js";

export type VersionMatch =
  | { kind: "found"; live: LiveModelVersion; by: "number" | "tag"; notes: string[] }
  | { kind: "missing"; notes: string[] }
  /** The evidence points at a version that belongs to another repository version: touch nothing. */
  | { kind: "conflict"; notes: string[] };

/**
 * Matches every wanted version of registered model `name` (`live` undefined: the model does not exist
 * yet), by repository version name. Recorded numbers are matched first, for all versions, then tags.
 * Notes say what a person may want to fix in the version files.
 */
export function matchVersions(name: string, live: LiveRegisteredModel | undefined, wants: DesiredMlflowVersion[]): Map<string, VersionMatch> {
  const out = new Map<string, VersionMatch>();
  if (!live) {
    for (const w of wants) out.set(w.stewardVersion, { kind: "missing", notes: [] });
    return out;
  }
  const claimedBy = new Map<string, string>();
  const label = (w: DesiredMlflowVersion) => `${name} ${w.stewardVersion}`;

  for (const w of wants) {
    if (w.recordedNumber === undefined) continue;
    const v = live.versions.find((x) => x.version === w.recordedNumber);
    if (!v) continue;
    const owner = claimedBy.get(v.version) ?? v.tags[TAG.version];
    if (owner !== undefined && owner !== w.stewardVersion) {
      out.set(w.stewardVersion, { kind: "conflict", notes: [`${label(w)}: ${w.file} records MLflow version ${v.version}, which belongs to ${name} ${owner}; left untouched`] });
      continue;
    }
    claimedBy.set(v.version, w.stewardVersion);
    const notes = w.runId && v.runId && v.runId !== w.runId ? [`${label(w)}: MLflow version ${v.version} has run ${v.runId}, ${w.file} says ${w.runId}`] : [];
    out.set(w.stewardVersion, { kind: "found", live: v, by: "number", notes });
  }

  for (const w of wants) {
    if (out.has(w.stewardVersion)) continue;
    const tagged = live.versions.filter((v) => v.tags[TAG.version] === w.stewardVersion && !claimedBy.has(v.version)).sort((a, b) => Number(a.version) - Number(b.version));
    const first = tagged[0];
    if (!first) {
      const notes = w.recordedNumber !== undefined ? [`${label(w)}: ${w.file} records MLflow version ${w.recordedNumber}, which MLflow does not have`] : [];
      out.set(w.stewardVersion, { kind: "missing", notes });
      continue;
    }
    claimedBy.set(first.version, w.stewardVersion);
    const notes: string[] = [];
    if (tagged.length > 1) notes.push(`${label(w)}: MLflow versions ${tagged.map((v) => v.version).join(", ")} are all tagged ${TAG.version}=${w.stewardVersion}; using ${first.version}`);
    notes.push(
      w.recordedNumber !== undefined
        ? `${label(w)}: ${w.file} records MLflow version ${w.recordedNumber}, but it is version ${first.version} (by its ${TAG.version} tag); record mlflow.modelVersion: "${first.version}"`
        : `${label(w)}: record mlflow.modelVersion: "${first.version}" in ${w.file}`,
    );
    out.set(w.stewardVersion, { kind: "found", live: first, by: "tag", notes });
  }
  return out;
}
