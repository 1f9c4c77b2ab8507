/**
 * steward codeowners: the section from the models' owners (users and @org/team), one line per model
 * folder; --check exits 1 with a diff when the file is out of date; --write changes only the marked
 * section and keeps a person's own rules.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CODEOWNERS_BEGIN, CODEOWNERS_END, codeownersSection, withCodeownersSection } from "../../src/core/codeowners/codeowners-section.js";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { scratchRepo } from "../support/scratch-repo.js";

describe("the CODEOWNERS section", () => {
  it("maps each model folder to its owners, users prefixed with @, sorted by folder", () => {
    expect(codeownersSection([
      { model: "fraud", dir: "models/fraud", owners: ["@acme/risk-ml", "mchen"] },
      { model: "churn", dir: "models/churn", owners: ["@acme/growth"] },
    ])).toBe(`${CODEOWNERS_BEGIN}\n/models/churn/ @acme/growth\n/models/fraud/ @acme/risk-ml @mchen\n${CODEOWNERS_END}\n`);
  });

  it("refuses an owner that could smuggle a rule (a newline, a path, a space)", () => {
    for (const owner of ["bob\n/ @mallory", "../x", "a b", "*"]) expect(() => codeownersSection([{ model: "m", dir: "models/m", owners: [owner] }])).toThrow(RangeError);
  });

  it("replaces only the marked section, appends one when there is none, refuses broken markers", () => {
    const section = codeownersSection([{ model: "m", dir: "models/m", owners: ["@acme/ml"] }]);
    const mine = "# Our rules\n* @acme/platform\n/docs/ @acme/writers\n";
    const appended = withCodeownersSection(mine, section);
    expect(appended).toBe(`${mine}\n${section}`);
    const old = appended.replace("@acme/ml", "@acme/old");
    expect(withCodeownersSection(`${old}/later/ @someone\n`, section)).toBe(`${appended}/later/ @someone\n`);
    expect(withCodeownersSection(appended, section)).toBe(appended);
    expect(() => withCodeownersSection(`${mine}${CODEOWNERS_BEGIN}\n/x/ @y\n`, section)).toThrow(/fix it to one section/);
  });
});

describe("steward codeowners", () => {
  it("--check fails with a diff until --write has run; --write keeps the rest of the file", async () => {
    using repo = scratchRepo();
    const cli = async (...args: string[]) => {
      const io = captureIO({ cwd: repo.root });
      const code = await runCli(["codeowners", ...args, "--root", repo.root], io);
      return { code, out: io.out(), err: io.err() };
    };
    const missing = await cli("--check");
    expect(missing.code).toBe(1);
    expect(missing.out).toContain(".github/CODEOWNERS: missing");
    expect(missing.out).toContain("+/models/scorer/ ");

    mkdirSync(join(repo.root, ".github"), { recursive: true });
    writeFileSync(join(repo.root, ".github/CODEOWNERS"), "* @acme/platform\n");
    const stale = await cli("--check");
    expect(stale.code).toBe(1);
    expect(stale.out).toContain("out of date");
    expect((await cli("--write")).code).toBe(0);
    const written = readFileSync(join(repo.root, ".github/CODEOWNERS"), "utf8");
    expect(written.startsWith("* @acme/platform\n\n# BEGIN model-steward")).toBe(true);
    expect((await cli("--check")).out).toContain("up to date");
    expect((await cli("--check")).code).toBe(0);

    // An owner changes in model.yaml: the check catches it, with the diff.
    const model = join(repo.root, "models/scorer/model.yaml");
    const text = readFileSync(model, "utf8");
    const owners = /owners: (.*)/.exec(text)![1]!;
    writeFileSync(model, text.replace(`owners: ${owners}`, 'owners: ["@acme/new-team"]'));
    const changed = await cli("--check", "--format", "json");
    expect(changed.code).toBe(1);
    expect(JSON.parse(changed.out)).toMatchObject({ file: ".github/CODEOWNERS", status: "stale" });
    expect(JSON.parse(changed.out).diff).toContain("+/models/scorer/ @acme/new-team");
  });
});
