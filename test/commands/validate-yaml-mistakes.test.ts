/**
 * The YAML mistakes people make most, each as a broken copy of the valid fixture repository, with
 * the finding `steward validate` must report for it: the file, the line, and a message that says
 * what to write instead (never the parser's raw text, never advice that would lose `1.10`'s zero).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { scratchRepo } from "../support/scratch-repo.js";

interface Mistake {
  name: string;
  file: string;
  /** Text of the valid file that the mistake replaces. */
  find: string;
  write: string;
  line: number;
  message: string;
}

const MISTAKES: Mistake[] = [
  { name: "unquoted-stage-version", file: "models/scorer/model.yaml", find: "production: \"1\"", write: "production: 1.10", line: 9, message: "stages.production must be a string (YAML reads the unquoted `1.10` as the number 1.1): write it in quotes, `production: \"1.10\"`" },
  { name: "unquoted-stage-int", file: "models/scorer/model.yaml", find: "staging: \"2\"", write: "staging: 2", line: 10, message: "stages.staging must be a string (YAML reads an unquoted `2` as a number): write it in quotes, `staging: \"2\"`" },
  { name: "unquoted-version-field", file: "models/scorer/versions/1.yaml", find: "version: \"1\"", write: "version: 1", line: 4, message: "version must be a string (YAML reads an unquoted `1` as a number): write it in quotes, `version: \"1\"`" },
  { name: "leading-zero-version", file: "models/scorer/model.yaml", find: "production: \"1\"", write: "production: 01", line: 9, message: "stages.production must be a string (YAML reads the unquoted `01` as the number 1): write it in quotes, `production: \"01\"`" },
  { name: "duration-number", file: "policies/base.yaml", find: "minTimeInPreviousStage: 24h", write: "minTimeInPreviousStage: 24", line: 7, message: "promotion.gates.production.minTimeInPreviousStage must be a duration with a unit, not the bare number `24`: write `minTimeInPreviousStage: 24h` (units s, m, h, d, w; for example 10m, 72h, 14d)" },
  { name: "duration-words", file: "policies/base.yaml", find: "minTimeInPreviousStage: 24h", write: "minTimeInPreviousStage: 24 hours", line: 7, message: "promotion.gates.production.minTimeInPreviousStage `24 hours` is not a duration: write `minTimeInPreviousStage: 24h` (units s, m, h, d, w; for example 10m, 72h, 14d, 1h30m)" },
  { name: "duration-quoted-words", file: "policies/base.yaml", find: "minTimeInPreviousStage: 24h", write: "minTimeInPreviousStage: \"1 day\"", line: 7, message: "promotion.gates.production.minTimeInPreviousStage `1 day` is not a duration: write `minTimeInPreviousStage: 1d` (units s, m, h, d, w; for example 10m, 72h, 14d, 1h30m)" },
  { name: "duration-colon", file: "policies/base.yaml", find: "minTimeInPreviousStage: 24h", write: "minTimeInPreviousStage: 1:30", line: 7, message: "promotion.gates.production.minTimeInPreviousStage `1:30` is not a duration: write `minTimeInPreviousStage: 1h30m` (units s, m, h, d, w; for example 10m, 72h, 14d, 1h30m)" },
  { name: "indent-deeper", file: "models/scorer/model.yaml", find: "  staging: \"2\"", write: "    staging: \"2\"", line: 10, message: "bad indentation: \"staging\" is indented 4 spaces but the line above 2; keys of one mapping start in the same column, so indent it 2 spaces (or 4 if it belongs under the key above, which then needs no value after its colon)" },
  { name: "indent-shallower", file: "models/scorer/model.yaml", find: "    instanceType: ml.m5.large", write: "   instanceType: ml.m5.large", line: 15, message: "bad indentation: \"instanceType\" is indented 3 spaces but the line above 4; keys of one mapping start in the same column, so indent it 4 spaces (or 6 if it belongs under the key above, which then needs no value after its colon)" },
  { name: "tab-indent", file: "models/scorer/model.yaml", find: "  staging: \"2\"", write: "\tstaging: \"2\"", line: 10, message: "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces (2 per level)" },
  { name: "duplicate-key", file: "models/scorer/model.yaml", find: "task: binary-classification", write: "task: binary-classification\ntask: regression", line: 7, message: "duplicate key \"task\": the same key appears twice in one mapping (first on line 6); keep one of them" },
  { name: "missing-space-after-colon", file: "models/scorer/model.yaml", find: "task: binary-classification", write: "task:binary-classification", line: 6, message: "a key needs a space after its colon: write `task: binary-classification`" },
  { name: "unquoted-at-owner", file: "models/scorer/model.yaml", find: "owners: [\"@acme/ml\"]", write: "owners:\n  - @acme/ml", line: 6, message: "a value cannot start with @ unless it is quoted: write `- \"@acme/ml\"`" },
  { name: "colon-in-value", file: "models/scorer/model.yaml", find: "description: Scores things.", write: "description: Scores things: fast.", line: 4, message: "a value that contains \": \" must be quoted: write `description: \"Scores things: fast.\"`" },
  { name: "unclosed-quote", file: "models/scorer/model.yaml", find: "production: \"1\"", write: "production: \"1", line: 9, message: "a quoted value is not closed: add the closing \" at the end of the value on line 9" },
  { name: "unclosed-flow", file: "models/scorer/model.yaml", find: "owners: [\"@acme/ml\"]", write: "owners: [\"@acme/ml\"", line: 6, message: "a [ list ] is not closed: add the closing ] (a flow collection must end on the line where it starts, or every continued line must be indented more than its key)" },
  { name: "list-for-mapping", file: "models/scorer/model.yaml", find: "stages:\n  production: \"1\"\n  staging: \"2\"", write: "stages:\n  - production: \"1\"\n  - staging: \"2\"", line: 9, message: "stages must be a mapping, not a list (remove the \"- \" in front of its keys)" },
  { name: "string-for-list", file: "models/scorer/model.yaml", find: "owners: [\"@acme/ml\"]", write: "owners: \"@acme/ml\"", line: 5, message: "owners must be a list, not a string (write a list: [item, item], or one \"- item\" per line)" },
  { name: "number-name", file: "models/scorer/model.yaml", find: "name: scorer", write: "name: 2024", line: 3, message: "name must be a string (YAML reads an unquoted `2024` as a number): write it in quotes, `name: \"2024\"`" },
  { name: "percent-string", file: "models/scorer/model.yaml", find: "canaryPercent: 10", write: "canaryPercent: 10%", line: 18, message: "deployment.sagemaker.rollout.canaryPercent must be a whole number, not the text `10%`: write `canaryPercent: 10` (no % sign)" },
  { name: "percent-threshold", file: "policies/base.yaml", find: "threshold: { min: 0.8 }", write: "threshold: { min: 80% }", line: 10, message: "monitoring.checks[0].threshold.min must be a number, not the text `80%`: write `min: 0.8` if the metric is a fraction (0 to 1, as accuracy usually is), or `min: 80` if it is itself in percent (no % sign)" },
  { name: "misspelt-detector", file: "policies/base.yaml", find: "detectors: [zscore]", write: "detectors: [zscore, trnd]", line: 10, message: "monitoring.checks[0].detectors[1] must be one of \"autoencoder\", \"changepoint\", \"ensemble\", \"ewma\", \"iqr\", \"isolation-forest\", \"lstm\", \"mann-kendall\", \"robust-zscore\", \"seasonal\", \"trend\", \"zscore\", not \"trnd\"; did you mean \"trend\"?" },
  { name: "multiple-docs", file: "models/scorer/model.yaml", find: "apiVersion: steward/v1", write: "---\napiVersion: steward/v1\n---\nkind: Model", line: 3, message: "more than one YAML document in the file (remove the `---` separators)" },
  { name: "api-version-unquoted-v1", file: "models/scorer/model.yaml", find: "apiVersion: steward/v1", write: "apiVersion: v1", line: 1, message: "apiVersion must be \"steward/v1\" (not \"v1\")" },
];

describe("steward validate: common YAML mistakes say what to write instead, at file:line", () => {
  it.each(MISTAKES)("$name", async (m) => {
    using repo = scratchRepo();
    const before = readFileSync(join(repo.root, m.file), "utf8");
    expect(before, "the mistake applies to the fixture").toContain(m.find);
    repo.write(m.file, before.replace(m.find, m.write));
    const io = captureIO({ cwd: repo.root });
    expect(await runCli(["validate", "--format", "json"], io)).toBe(1);
    const findings = (JSON.parse(io.out()) as { findings: { file: string; line: number; message: string; severity: string }[] }).findings;
    const first = findings.find((f) => f.file === m.file);
    expect(first, JSON.stringify(findings)).toMatchObject({ file: m.file, line: m.line, message: m.message, severity: "error" });
    expect(first!.message).not.toMatch(/YAML syntax error/);
    // a schema's internal wording is noise once the real problem is named
    expect(findings.map((f) => f.message).join("\n")).not.toMatch(/does not meet a condition of the schema/);
  });
});
