import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSections } from "../../src/core/report/pr-comment.js";
import { writePrSectionArtifact } from "../../src/entrypoints/pr-comment-artifact.js";

describe("the sticky comment of a fork's pull request, as an artifact", () => {
  it("accumulates the job's sections into one comment file under RUNNER_TEMP", async () => {
    const temp = mkdtempSync(join(tmpdir(), "steward-runner-temp-"));
    try {
      const env = { RUNNER_TEMP: temp };
      await writePrSectionArtifact(env, "validate", "## steward validate: ✅ valid");
      const file = await writePrSectionArtifact(env, "card", "## Model cards\n\nfresh", "https://github.com/acme/models/actions/runs/7");
      expect(file).toBe(join(temp, "steward-pr-comment", "comment.md"));
      const body = readFileSync(file!, "utf8");
      expect(readSections(body)).toEqual({ validate: "## steward validate: ✅ valid", card: "## Model cards\n\nfresh" });
      expect(body).toContain("<!-- steward:pr-summary -->");
      expect(await writePrSectionArtifact({}, "plan", "x")).toBeUndefined();
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
