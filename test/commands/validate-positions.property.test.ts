import fc from "fast-check";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { loadRepo } from "../../src/commands/load-repo.js";
import { scratchRepo } from "../support/scratch-repo.js";

describe("validate on randomly broken version files", () => {
  it("never crashes and always points at a line inside the file", async () => {
    using repo = scratchRepo();
    const files = fsRepoFiles(repo.root);
    const base = "models/scorer/versions/2.yaml";
    const original = new TextDecoder().decode((await files.read(base))!);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat({ max: 30 }), fc.constantFrom("delete", "insert", "swap-type"), fc.string({ maxLength: 10 }), async (at, len, op, s) => {
        const i = at % (original.length + 1);
        const text =
          op === "delete" ? original.slice(0, i) + original.slice(i + len) : op === "insert" ? original.slice(0, i) + s + original.slice(i) : original.replace('"2"', dump([s]).trim());
        repo.write(base, text);
        const r = await loadRepo({ files });
        const lines = text.split("\n").length;
        for (const f of r.findings) {
          expect(f.line, f.message).toBeGreaterThanOrEqual(1);
          if (f.file === base) expect(f.line!, f.message).toBeLessThanOrEqual(lines + 1);
        }
      }),
      { numRuns: 60 },
    );
  });
});
