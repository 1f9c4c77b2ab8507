/** A problem found in the user's repository. Findings are data, never exceptions. */
export interface Finding {
  /** Repository-relative path, with forward slashes. */
  file: string;
  /** 1-based line and column, where known. */
  line?: number;
  column?: number;
  /** JSON pointer of the value inside the document ("" for the whole file). */
  path: string;
  /** A short stable code, e.g. "schema", "yaml-syntax", "dangling-stage", "gate". */
  code: string;
  message: string;
  severity: "error" | "warning";
}

export type Checked<T> =
  | { ok: true; value: T; warnings: Finding[] }
  | { ok: false; errors: Finding[]; warnings: Finding[] };

/** `path:line:column: message`, the one way every finding is printed. */
export function formatFinding(f: Finding): string {
  const where = f.line === undefined ? f.file : f.column === undefined ? `${f.file}:${f.line}` : `${f.file}:${f.line}:${f.column}`;
  return `${where}: ${f.severity}: ${f.message}`;
}

/** Stable order: by file, then line, then column, then message. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.message.localeCompare(b.message),
  );
}
