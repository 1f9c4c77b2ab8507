import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitCliHistory, parseCatFileBatch } from "../../../src/adapters/git/git-cli-history.js";
import { loadStageSnapshots } from "../../../src/commands/stage-history.js";
import { scratchGit } from "../../support/scratch-git.js";

describe("gitCliHistory.showAll", () => {
  it("reads a file at many commits in one process, as show does one by one: deleted, empty, non-ASCII, a path with a space", async () => {
    using repo = scratchGit();
    const file = "models/scorer/a file.yaml";
    const shas = [
      repo.commit("one", "2026-11-01T00:00:00Z", { [file]: "name: scorer\n" }),
      repo.commit("two", "2026-11-02T00:00:00Z", { [file]: "owner: \"Zoë Ångström\" # ✓\n" }),
      repo.commit("three", "2026-11-03T00:00:00Z", { [file]: "" }),
    ];
    rmSync(join(repo.root, file));
    shas.push(repo.commit("four", "2026-11-04T00:00:00Z"));
    shas.push(repo.commit("five", "2026-11-05T00:00:00Z", { [file]: "a\r\nb\n\n" }));
    const git = gitCliHistory(repo.root);
    const asked = [...shas, "0".repeat(40), shas[0]!];
    const one = await Promise.all(asked.map((sha) => git.show(sha, file)));
    expect(one).toEqual(["name: scorer\n", "owner: \"Zoë Ångström\" # ✓\n", "", undefined, "a\r\nb\n\n", undefined, "name: scorer\n"]);
    expect(await git.showAll!(asked, file)).toEqual(one);
    expect(await git.showAll!([], file)).toEqual([]);
    // a folder is no file's text
    expect(await git.showAll!([shas[0]!], "models/scorer")).toEqual([undefined]);

    const snapshots = await loadStageSnapshots(git, file);
    expect(snapshots.map((s) => [s.commit.subject, s.text])).toEqual([["one", "name: scorer\n"], ["two", "owner: \"Zoë Ångström\" # ✓\n"], ["three", ""], ["four", undefined], ["five", "a\r\nb\n\n"]]);
  });

  it("outside a repository: nothing there", async () => {
    using repo = scratchGit();
    rmSync(join(repo.root, ".git"), { recursive: true, force: true });
    expect(await gitCliHistory(repo.root).showAll!(["HEAD"], "models/scorer/model.yaml")).toEqual([undefined]);
  });
});

describe("parseCatFileBatch", () => {
  it("reads sizes in bytes, and answers without content for what is missing or not a blob", () => {
    const out = Buffer.concat([
      Buffer.from("1111 blob 4\nZoë\n", "utf8"), // ë is two bytes
      Buffer.from("2222:x missing\n"),
      Buffer.from("3333 tree 4\n\u0000\u0001\u0002\u0003\n"),
      Buffer.from("4444 blob 0\n\n"),
    ]);
    expect(parseCatFileBatch(out, 5)).toEqual(["Zoë", undefined, undefined, "", undefined]);
  });
});
