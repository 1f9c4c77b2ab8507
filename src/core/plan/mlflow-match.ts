/**
 * Which live MLflow version is which repository version. Pure.
 * Order of evidence: the number recorded in the version file, then the `steward.version` tag.
 */
import type { DesiredMlflowVersion } from "./mlflow-desired.js";
import { TAG } from "./mlflow-tags.js";
import type { LiveModelVersion, LiveRegisteredModel } from "./registry-state.js";

export type VersionMatch =
  | { kind: "found"; live: LiveModelVersion; by: "number" | "tag"; notes: string[] }
  | { kind: "missing"; notes: string[] }
  /** The recorded number names a version tagged as another repository version: touch nothing. */
  | { kind: "conflict"; notes: string[] };

/** Finds `want` among `live`'s versions; notes say what a person may want to fix in the version file. */
export function matchVersion(model: LiveRegisteredModel | undefined, want: DesiredMlflowVersion): VersionMatch {
  const versions = model?.versions ?? [];
  const notes: string[] = [];
  const label = `${model?.name ?? "?"} ${want.stewardVersion}`;
  if (want.recordedNumber !== undefined) {
    const live = versions.find((v) => v.version === want.recordedNumber);
    const taggedAs = live?.tags[TAG.version];
    if (live && taggedAs !== undefined && taggedAs !== want.stewardVersion) {
      return { kind: "conflict", notes: [`${label}: ${want.file} records MLflow version ${want.recordedNumber}, but that version is tagged ${TAG.version}=${taggedAs}; left untouched`] };
    }
    if (live) {
      if (want.runId && live.runId && live.runId !== want.runId) notes.push(`${label}: MLflow version ${live.version} has run ${live.runId}, ${want.file} says ${want.runId}`);
      return { kind: "found", live, by: "number", notes };
    }
    notes.push(`${label}: ${want.file} records MLflow version ${want.recordedNumber}, which MLflow does not have`);
  }
  const tagged = versions.filter((v) => v.tags[TAG.version] === want.stewardVersion).sort((a, b) => Number(a.version) - Number(b.version));
  const first = tagged[0];
  if (first) {
    if (tagged.length > 1) notes.push(`${label}: MLflow versions ${tagged.map((v) => v.version).join(", ")} are all tagged ${TAG.version}=${want.stewardVersion}; using ${first.version}`);
    notes.push(`${label}: record mlflow.modelVersion: "${first.version}" in ${want.file}`);
    return { kind: "found", live: first, by: "tag", notes };
  }
  return { kind: "missing", notes };
}
