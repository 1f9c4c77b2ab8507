/**
 * deployment.environments under `steward validate`: a valid list passes (and normalizes as written);
 * each bad entry is reported at its file and line with what is wrong.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { scratchRepo } from "../support/scratch-repo.js";

const FILE = "models/scorer/model.yaml";
const env = (name: string, account: string, region: string, role = `arn:aws:iam::${account}:role/steward-deploy`) =>
  `    - name: ${name}\n      account: "${account}"\n      region: ${region}\n      roleArn: ${role}\n`;
const TWO = env("staging", "111111111111", "eu-west-1") + env("production", "222222222222", "us-east-1");

async function validate(environments: string, extra = "") {
  using repo = scratchRepo();
  const before = readFileSync(join(repo.root, FILE), "utf8");
  repo.write(FILE, before.replace("deployment:\n", `deployment:\n${extra}  environments:\n${environments}`));
  const io = captureIO({ cwd: repo.root });
  const code = await runCli(["validate", "--format", "json"], io);
  const findings = (JSON.parse(io.out()) as { findings: { file: string; line?: number; message: string; severity: string }[] }).findings.filter((f) => f.severity === "error");
  return { code, findings };
}

describe("steward validate: deployment.environments", () => {
  it("two environments with roles pass", async () => {
    const r = await validate(TWO);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("a duplicate name is reported on the second entry's name line", async () => {
    const r = await validate(TWO + env("staging", "333333333333", "eu-west-1"));
    expect(r.findings).toEqual([expect.objectContaining({ file: FILE, line: 21, message: expect.stringContaining('environment "staging" is listed twice (entries 1 and 3)') })]);
  });

  it("the same account and region twice is reported", async () => {
    const r = await validate(TWO + env("staging-2", "111111111111", "eu-west-1"));
    expect(r.findings).toEqual([expect.objectContaining({ file: FILE, line: 23, message: expect.stringContaining('environments "staging" and "staging-2" are both account 111111111111, region eu-west-1') })]);
  });

  it.each([
    ["an account that is not 12 digits", env("staging", "12345", "eu-west-1", "arn:aws:iam::111111111111:role/x"), 14, /account/],
    ["a region that is not a region", env("staging", "111111111111", "Europe"), 15, /region/],
    ["a roleArn that is not an IAM role ARN", env("staging", "111111111111", "eu-west-1", "arn:aws:iam::111111111111:user/bob"), 16, /roleArn/],
  ])("%s is a schema error at its line", async (_name, text, line, what) => {
    const r = await validate(text);
    expect(r.code).toBe(1);
    expect(r.findings[0]).toMatchObject({ file: FILE, line });
    expect(r.findings[0]!.message).toMatch(what);
  });

  it("a role in another account than the environment's is reported on the roleArn line", async () => {
    const r = await validate(env("staging", "111111111111", "eu-west-1", "arn:aws:iam::999999999999:role/steward-deploy"));
    expect(r.findings).toEqual([expect.objectContaining({ file: FILE, line: 16, message: expect.stringContaining("roleArn is a role of account 999999999999, but the environment's account is 111111111111") })]);
  });

  it("deployment.account beside environments is reported (each environment names its account)", async () => {
    const r = await validate(TWO, '  account: "111111111111"\n');
    expect(r.findings).toEqual([expect.objectContaining({ file: FILE, line: 12, message: expect.stringContaining("deployment.account and deployment.environments together") })]);
  });

  it("an empty list and an unknown field are schema errors", async () => {
    expect((await validate("    []\n")).findings[0]).toMatchObject({ file: FILE });
    const r = await validate(`    - name: staging\n      account: "111111111111"\n      region: eu-west-1\n      profile: x\n`);
    expect(r.findings[0]).toMatchObject({ file: FILE, line: 16, message: expect.stringContaining("profile") });
  });
});
