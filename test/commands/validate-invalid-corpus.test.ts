import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { loadRepo } from "../../src/commands/load-repo.js";
import { InputLimitError } from "../../src/core/repo/document-limits.js";
import { loadCases, materializeCase, scratchRepo } from "../support/scratch-repo.js";

interface Expected {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

const cases = loadCases();

describe("the valid fixture repository", () => {
  it("loads with no findings", async () => {
    using repo = scratchRepo();
    const r = await loadRepo({ files: fsRepoFiles(repo.root) });
    expect(r.findings).toEqual([]);
    expect(r.state.models.map((m) => m.name)).toEqual(["scorer"]);
    expect(r.state.versions).toHaveLength(2);
  });
});

describe("the corpus of bad files", () => {
  it("has at least 25 cases", () => expect(cases.length).toBeGreaterThanOrEqual(25));

  it.each(cases.map((c) => [c.name, c] as const))("%s: exact message and position", async (_name, c) => {
    const expected = JSON.parse(readFileSync(join(c.dir, "expected.json"), "utf8")) as Expected[] | { refused: string[] };
    using repo = materializeCase(c);
    if (!Array.isArray(expected)) {
      // Refused inputs (too deep, alias bombs) are an error for the whole run (exit 2), each at file:line.
      const err = await loadRepo({ files: fsRepoFiles(repo.root) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputLimitError);
      expect((err as Error).message.split("\n")).toEqual(expected.refused);
      return;
    }
    const r = await loadRepo({ files: fsRepoFiles(repo.root) });
    const errors = r.findings.filter((f) => f.severity === "error").map(({ file, line, column, code, message }) => ({ file, line, column, code, message }));
    expect(errors).toEqual(expected);
    // Every finding is positioned: a person can jump to it.
    for (const f of r.findings) expect(f.line, `${f.file}: ${f.message}`).toBeGreaterThan(0);
  });
});
