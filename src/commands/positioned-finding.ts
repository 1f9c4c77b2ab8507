import { indexPositions } from "../core/repo/parse-yaml.js";
import type { Finding } from "../core/result.js";
import type { RepoFiles } from "../ports.js";

/** One error finding at a JSON pointer of a file, with its line and column read from the file. */
export async function findingsAt(files: RepoFiles, file: string, pointer: string, code: string, message: string): Promise<Finding[]> {
  const bytes = await files.read(file);
  const pos = bytes ? indexPositions(new TextDecoder().decode(bytes)).locate(pointer) : undefined;
  return [{ file, path: pointer, code, message, severity: "error", ...(pos ? { line: pos.line, column: pos.column } : {}) }];
}
