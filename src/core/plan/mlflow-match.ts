/**
 * Which live MLflow version is which repository version. Pure.
 * Evidence, strongest first: the number recorded in the version file, then the `steward.version` tag,
 * then (adoption) a version registered by someone else from the same run and the same source.
 * A version registered from another run than the version file's `runId` never matches: a changed
 * `runId` is a new version. A live version belongs to at most one repository version; a second claim
 * is a conflict.
 */
import type { DesiredMlflowVersion } from "./mlflow-desired.js";
import { TAG } from "./mlflow-tags.js";
import type { LiveModelVersion, LiveRegisteredModel, LiveRun } from "./registry-state.js";

export type VersionMatch =
  | { kind: "found"; live: LiveModelVersion; by: "number" | "tag" | "run"; notes: string[] }
  | { kind: "missing"; notes: string[] }
  /** The evidence points at a version that belongs to another repository version: touch nothing. */
  | { kind: "conflict"; notes: string[] };

/** True when `v` was registered from the run the version file names (any run when the file names none). */
export function sameRun(w: DesiredMlflowVersion, v: LiveModelVersion): boolean {
  return !w.runId || v.runId === w.runId;
}

/** True when `v` points at the same model as `w` would: `runs:/<run>/<path>` or the run's artifact URI + path. */
export function sameSource(w: DesiredMlflowVersion, v: LiveModelVersion, run: LiveRun | undefined): boolean {
  if (!v.source || !w.source) return false;
  const trim = (s: string) => s.replace(/\/+$/, "");
  if (trim(v.source) === trim(w.source)) return true;
  return !!(run?.artifactUri && w.artifactPath && trim(v.source) === `${trim(run.artifactUri)}/${trim(w.artifactPath)}`);
}

/**
 * Matches every wanted version of registered model `name` (`live` undefined: the model does not exist
 * yet), by repository version name. Recorded numbers are matched first, for all versions, then tags,
 * then adoption by run and source. Notes say what a person may want to fix in the version files.
 */
export function matchVersions(name: string, live: LiveRegisteredModel | undefined, wants: DesiredMlflowVersion[], runs: Record<string, LiveRun> = {}): Map<string, VersionMatch> {
  const out = new Map<string, VersionMatch>();
  if (!live) {
    for (const w of wants) out.set(w.stewardVersion, { kind: "missing", notes: [] });
    return out;
  }
  const claimedBy = new Map<string, string>();
  const label = (w: DesiredMlflowVersion) => `${name} ${w.stewardVersion}`;
  const pending = new Map<string, string[]>();
  const note = (w: DesiredMlflowVersion, n: string) => pending.set(w.stewardVersion, [...(pending.get(w.stewardVersion) ?? []), n]);

  for (const w of wants) {
    if (w.recordedNumber === undefined) continue;
    const v = live.versions.find((x) => x.version === w.recordedNumber);
    if (!v) continue;
    if (!sameRun(w, v)) {
      note(w, `${label(w)}: ${w.file} records MLflow version ${v.version}, registered from run ${v.runId ?? "(none)"}, but names run ${w.runId}: a changed runId is a new version; record its number after apply`);
      continue;
    }
    const owner = claimedBy.get(v.version) ?? v.tags[TAG.version];
    if (owner !== undefined && owner !== w.stewardVersion) {
      out.set(w.stewardVersion, { kind: "conflict", notes: [`${label(w)}: ${w.file} records MLflow version ${v.version}, which belongs to ${name} ${owner}; left untouched`] });
      continue;
    }
    claimedBy.set(v.version, w.stewardVersion);
    out.set(w.stewardVersion, { kind: "found", live: v, by: "number", notes: [] });
  }

  for (const w of wants) {
    if (out.has(w.stewardVersion)) continue;
    const taggedAll = live.versions.filter((v) => v.tags[TAG.version] === w.stewardVersion && !claimedBy.has(v.version)).sort(byNumber);
    const tagged = taggedAll.filter((v) => sameRun(w, v));
    const superseded = taggedAll.filter((v) => !sameRun(w, v));
    if (superseded.length) note(w, `${label(w)}: MLflow version${superseded.length > 1 ? "s" : ""} ${superseded.map((v) => v.version).join(", ")} (run ${[...new Set(superseded.map((v) => v.runId ?? "(none)"))].join(", ")}) were registered for it from another run than ${w.runId}; left as they are`);
    const first = tagged[0];
    if (!first) continue;
    claimedBy.set(first.version, w.stewardVersion);
    if (tagged.length > 1) note(w, `${label(w)}: MLflow versions ${tagged.map((v) => v.version).join(", ")} are all tagged ${TAG.version}=${w.stewardVersion}; using ${first.version}`);
    note(
      w,
      w.recordedNumber !== undefined && w.recordedNumber !== first.version
        ? `${label(w)}: ${w.file} records MLflow version ${w.recordedNumber}, but it is version ${first.version} (by its ${TAG.version} tag); record mlflow.modelVersion: "${first.version}"`
        : `${label(w)}: record mlflow.modelVersion: "${first.version}" in ${w.file}`,
    );
    out.set(w.stewardVersion, { kind: "found", live: first, by: "tag", notes: [] });
  }

  // Adoption: a version the training job (or a person) registered from the same run and source.
  for (const w of wants) {
    if (out.has(w.stewardVersion) || !w.runId) continue;
    const run = runs[w.runId];
    const candidate = live.versions
      .filter((v) => !claimedBy.has(v.version) && v.tags[TAG.version] === undefined && v.runId === w.runId && sameSource(w, v, run))
      .sort(byNumber)[0];
    if (!candidate) continue;
    claimedBy.set(candidate.version, w.stewardVersion);
    note(w, `${label(w)}: adopting MLflow version ${candidate.version}, registered earlier from the same run and source; record mlflow.modelVersion: "${candidate.version}" in ${w.file}`);
    out.set(w.stewardVersion, { kind: "found", live: candidate, by: "run", notes: [] });
  }

  for (const w of wants) {
    const m = out.get(w.stewardVersion);
    const notes = pending.get(w.stewardVersion) ?? [];
    if (m) {
      m.notes.push(...notes);
      continue;
    }
    if (w.recordedNumber !== undefined && !live.versions.some((v) => v.version === w.recordedNumber)) notes.push(`${label(w)}: ${w.file} records MLflow version ${w.recordedNumber}, which MLflow does not have`);
    out.set(w.stewardVersion, { kind: "missing", notes });
  }
  return out;
}

const byNumber = (a: LiveModelVersion, b: LiveModelVersion) => Number(a.version) - Number(b.version);
