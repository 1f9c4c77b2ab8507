import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { materializeCase, loadCases, scratchRepo } from "../support/scratch-repo.js";
import { scratchGit } from "../support/scratch-git.js";

const dangling = loadCases().find((c) => c.name === "18-dangling-stage")!;

afterEach(() => vi.restoreAllMocks());

describe("steward validate", () => {
  it("exits 0 on the sample repository", async () => {
    const io = captureIO();
    expect(await runCli(["validate", "--root", "."], io)).toBe(0);
    expect(io.out()).toMatch(/^ok: 0 errors, 0 warnings in \d+ files\n$/);
  });

  it("groups findings by file in text and exits 1", async () => {
    using repo = materializeCase(dangling);
    const io = captureIO({ cwd: repo.root });
    expect(await runCli(["validate"], io)).toBe(1);
    expect(io.out()).toBe(
      [
        "models/scorer/model.yaml",
        '  9:15     error   stage "production" points at version "9", but models/scorer/versions/9.yaml does not exist  [dangling-stage]',
        "",
        "invalid: 1 error, 0 warnings in 4 files",
        "",
      ].join("\n"),
    );
  });

  it("writes the documented JSON shape", async () => {
    using repo = materializeCase(dangling);
    const io = captureIO();
    expect(await runCli(["validate", "--root", repo.root, "--format", "json"], io)).toBe(1);
    expect(JSON.parse(io.out())).toEqual({
      schema: "steward.validate/v1",
      ok: false,
      errorCount: 1,
      warningCount: 0,
      fileCount: 4,
      findings: [
        {
          file: "models/scorer/model.yaml",
          line: 9,
          column: 15,
          path: "/stages/production",
          code: "dangling-stage",
          severity: "error",
          message: 'stage "production" points at version "9", but models/scorer/versions/9.yaml does not exist',
        },
      ],
      notes: [],
      gates: [],
    });
    expect(io.err()).toBe("");
  });

  it("emits workflow annotations with file and line in github format", async () => {
    using repo = materializeCase(dangling);
    const io = captureIO();
    expect(await runCli(["validate", "--root", repo.root, "--format", "github"], io)).toBe(1);
    expect(io.out()).toContain("::error title=steward validate%3A dangling-stage,file=models/scorer/model.yaml,line=9,col=15::stage \"production\" points at version \"9\"");
  });

  it("is a usage error (exit 2) for an unknown flag or format", async () => {
    const io = captureIO();
    expect(await runCli(["validate", "--frmat", "json"], io)).toBe(2);
    expect(io.err()).toMatch(/Unknown option '--frmat'/);
    expect(await runCli(["validate", "--format", "xml"], captureIO())).toBe(2);
  });

  it("--changed-only checks the touched model and still evaluates its gates", async () => {
    using repo = scratchGit();
    const base = repo.commit("initial", "2026-11-01T00:00:00Z");
    repo.write("models/scorer/model.yaml", repo.read("models/scorer/model.yaml").replace('production: "1"', 'production: "2"'));
    const io = captureIO({ cwd: repo.root, now: () => new Date("2026-11-01T06:00:00Z") });
    expect(await runCli(["validate", "--base", base, "--changed-only", "--format", "json"], io)).toBe(1);
    const report = JSON.parse(io.out());
    expect(report.gates).toMatchObject([{ model: "scorer", version: "2", stage: "production", ok: false }]);
    expect(report.findings.map((f: { code: string }) => f.code)).toEqual(["gate"]);
  });

  it("--changed-only: a pre-existing problem of a model the change does not touch is a note, exit 0", async () => {
    using repo = scratchGit();
    // Two more models beside scorer: "healthy" (fine, its versions are never read) and "broken"
    // (production points at a version that has no file, since before the change).
    for (const [name, production] of [["healthy", "1"], ["broken", "9"]] as const) {
      execFileSync("cp", ["-r", join(repo.root, "models/scorer"), join(repo.root, `models/${name}`)]);
      const yaml = repo.read("models/scorer/model.yaml").replace("name: scorer", `name: ${name}`).replace("endpoint: scorer-prod", `endpoint: ${name}-prod`).replace('production: "1"', `production: "${production}"`);
      repo.write(`models/${name}/model.yaml`, yaml);
      for (const v of ["1", "2"]) repo.write(`models/${name}/versions/${v}.yaml`, repo.read(`models/scorer/versions/${v}.yaml`).replace("model: scorer", `model: ${name}`));
    }
    const base = repo.commit("initial", "2026-11-01T00:00:00Z");
    repo.write("models/scorer/model.yaml", repo.read("models/scorer/model.yaml").replace("description: Scores things.", "description: Scores things well."));
    const io = captureIO({ cwd: repo.root, now: () => new Date("2026-11-01T06:00:00Z") });
    expect(await runCli(["validate", "--base", base, "--changed-only", "--format", "json"], io), io.out()).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.findings).toEqual([]);
    expect(report.notes).toMatchObject([{ file: "models/broken/model.yaml", code: "dangling-stage", line: 9 }]);

    // The full check (no --changed-only) still calls it an error.
    const full = captureIO({ cwd: repo.root });
    expect(await runCli(["validate", "--format", "json"], full)).toBe(1);
    expect(JSON.parse(full.out()).findings).toMatchObject([{ file: "models/broken/model.yaml", code: "dangling-stage" }]);

    // Text and job-summary forms list the note without counting it.
    const text = captureIO({ cwd: repo.root, now: () => new Date("2026-11-01T06:00:00Z") });
    expect(await runCli(["validate", "--base", base, "--changed-only"], text)).toBe(0);
    expect(text.out()).toMatch(/Notes: 1 problem in files this change does not touch/);
    expect(text.out()).toMatch(/ok: 0 errors/);
  });

  it("prints help", async () => {
    using _repo = scratchRepo();
    const io = captureIO();
    expect(await runCli(["validate", "--help"], io)).toBe(0);
    expect(io.out()).toContain("usage: steward validate");
  });
});
