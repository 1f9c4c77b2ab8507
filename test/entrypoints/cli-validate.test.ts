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
      gates: [],
    });
    expect(io.err()).toBe("");
  });

  it("emits workflow annotations with file and line in github format", async () => {
    using repo = materializeCase(dangling);
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (written.push(String(s)), true));
    const io = captureIO();
    expect(await runCli(["validate", "--root", repo.root, "--format", "github"], io)).toBe(1);
    expect(written.join("")).toContain("::error title=steward validate%3A dangling-stage,file=models/scorer/model.yaml,line=9,col=15::stage \"production\" points at version \"9\"");
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

  it("prints help", async () => {
    using _repo = scratchRepo();
    const io = captureIO();
    expect(await runCli(["validate", "--help"], io)).toBe(0);
    expect(io.out()).toContain("usage: steward validate");
  });
});
