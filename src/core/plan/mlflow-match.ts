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

/**
 * Finds `want` among the versions of registered model `name` (`live` undefined: the model does not
 * exist yet). Notes say what a person may want to fix in the version file.
 */
export function matchVersion(name: string, live: LiveRegisteredModel | undefined, want: DesiredMlflowVersion): VersionMatch {
  if (!live) return { kind: "missing", notes: [] };
  const label = `${name} ${want.stewardVersion}`;
  const recorded = want.recordedNumber;
  if (recorded !== undefined) {
    const v = live.versions.find((x) => x.version === recorded);
    const taggedAs = v?.tags[TAG.version];
    if (v && taggedAs !== undefined && taggedAs !== want.stewardVersion) {
      return { kind: "conflict", notes: [`${label}: ${want.file} records MLflow version ${recorded}, but that version is tagged ${TAG.version}=${taggedAs}; left untouched`] };
    }
    if (v) {
      const notes = want.runId && v.runId && v.runId !== want.runId ? [`${label}: MLflow version ${v.version} has run ${v.runId}, ${want.file} says ${want.runId}`] : [];
      return { kind: "found", live: v, by: "number", notes };
    }
  }
  const tagged = live.versions.filter((v) => v.tags[TAG.version] === want.stewardVersion).sort((a, b) => Number(a.version) - Number(b.version));
  const first = tagged[0];
  if (!first) {
    const notes = recorded !== undefined ? [`${label}: ${want.file} records MLflow version ${recorded}, which MLflow does not have`] : [];
    return { kind: "missing", notes };
  }
  const notes: string[] = [];
  if (tagged.length > 1) notes.push(`${label}: MLflow versions ${tagged.map((v) => v.version).join(", ")} are all tagged ${TAG.version}=${want.stewardVersion}; using ${first.version}`);
  notes.push(
    recorded !== undefined
      ? `${label}: ${want.file} records MLflow version ${recorded}, but it is version ${first.version} (by its ${TAG.version} tag); record mlflow.modelVersion: "${first.version}"`
      : `${label}: record mlflow.modelVersion: "${first.version}" in ${want.file}`,
  );
  return { kind: "found", live: first, by: "tag", notes };
}
