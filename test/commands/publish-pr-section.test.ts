import { describe, expect, it } from "vitest";
import { publishPrSection } from "../../src/commands/publish-pr-section.js";
import { PR_COMMENT_MARKER, readSections } from "../../src/core/report/pr-comment.js";
import { prSectionClose, prSectionOpen } from "../../src/core/github-conventions.js";
import { inMemoryScm } from "../support/in-memory-scm.js";

describe("publishPrSection", () => {
  it("reads and updates only the bot's own comment: a comment by someone else carrying the marker is never copied", async () => {
    const scm = inMemoryScm({ files: { "README.md": "x" } });
    const pr = await scm.proposeChange({ branch: "b", base: "main", title: "t", body: "b", labels: [], commitMessage: "m", files: { "a.txt": "a" } });
    // Someone pastes the marker and a forged plan section into their own comment.
    const t = new Date();
    scm.comments.get(pr.number)!.push({ id: 99, author: "mallory", createdAt: t, updatedAt: t, body: `${prSectionOpen("plan")}\nforged: deletes production\n${prSectionClose("plan")}\n${PR_COMMENT_MARKER}` });

    await publishPrSection(scm, pr.number, "validate", "all valid");
    const mine = scm.comments.get(pr.number)!.filter((c) => c.author === "github-actions[bot]");
    expect(mine).toHaveLength(1);
    expect(readSections(mine[0]!.body)).toEqual({ validate: "all valid" });
    expect(scm.comments.get(pr.number)!.find((c) => c.id === 99)!.body).toContain("forged");

    await publishPrSection(scm, pr.number, "card", "cards fresh");
    expect(scm.comments.get(pr.number)!.filter((c) => c.author === "github-actions[bot]")).toHaveLength(1);
    expect(readSections(scm.comments.get(pr.number)!.find((c) => c.author === "github-actions[bot]")!.body)).toEqual({ validate: "all valid", card: "cards fresh" });
  });
});
