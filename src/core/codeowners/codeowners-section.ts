/**
 * The CODEOWNERS section model-steward generates from the models' `owners`: one line per model
 * folder, between two marker lines, so that a person's own rules outside the markers are never
 * touched. GitHub applies the last matching pattern, so the section is appended at the end when the
 * file has none (the models' owners then win for their folders). Pure.
 */
export const CODEOWNERS_BEGIN = "# BEGIN model-steward: generated from models/*/model.yaml owners by `steward codeowners --write`; edit the owners there, not here";
export const CODEOWNERS_END = "# END model-steward";

/** Where GitHub looks for CODEOWNERS, in its order; the first that exists is the one it uses. */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

// The schema's pattern (schemas/model.schema.json#/properties/owners): a user, or org/team.
const OWNER = /^@?[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;
const FOLDER = /^[a-z0-9][a-z0-9/._-]*$/;

export interface OwnedFolder {
  model: string;
  /** The model's folder, repository-relative (models/<name>). */
  dir: string;
  owners: string[];
}

/** The section's lines (markers included), models sorted by folder; owners as `@user` / `@org/team`. Throws RangeError on an owner or folder outside the schema's patterns. */
export function codeownersSection(models: OwnedFolder[]): string {
  const lines = [...models].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0)).map((m) => {
    if (!FOLDER.test(m.dir)) throw new RangeError(`${m.model}: folder "${m.dir}" cannot be a CODEOWNERS pattern`);
    const owners = m.owners.map((o) => {
      if (!OWNER.test(o)) throw new RangeError(`${m.model}: owner "${o}" is not a GitHub user or @org/team`);
      return o.startsWith("@") ? o : `@${o}`;
    });
    return `/${m.dir}/ ${owners.join(" ")}`;
  });
  return [CODEOWNERS_BEGIN, ...lines, CODEOWNERS_END].join("\n") + "\n";
}

/**
 * `file` (or "" when there is none) with its marked section replaced by `section`, or the section
 * appended (after a blank line) when it has none. A file with a BEGIN marker and no END marker, or
 * with more than one section, is refused (RangeError): a person must fix it, nothing is guessed.
 */
export function withCodeownersSection(file: string, section: string): string {
  const lines = file.replace(/\r\n?/g, "\n").split("\n");
  const begins = lines.flatMap((l, i) => (l.trim() === CODEOWNERS_BEGIN ? [i] : []));
  const ends = lines.flatMap((l, i) => (l.trim() === CODEOWNERS_END ? [i] : []));
  if (begins.length === 0 && ends.length === 0) {
    const body = file.replace(/\n*$/, "");
    return body === "" ? section : `${body}\n\n${section}`;
  }
  if (begins.length !== 1 || ends.length !== 1 || ends[0]! < begins[0]!) {
    throw new RangeError(`the file has ${begins.length} "${CODEOWNERS_BEGIN.slice(0, 22)}..." and ${ends.length} "${CODEOWNERS_END}" line(s): fix it to one section (or none)`);
  }
  const before = lines.slice(0, begins[0]!);
  const after = lines.slice(ends[0]! + 1);
  return [...before, ...section.replace(/\n$/, "").split("\n"), ...after].join("\n");
}
