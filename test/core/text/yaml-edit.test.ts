/**
 * Minimal write-back: every writer that edits YAML changes the bytes of the value it sets and
 * nothing else. Each case checks the exact byte diff: the new text is the old text with the old
 * value's source span replaced by the new value (or, for a key the file lacks, with one entry
 * inserted and no byte removed).
 */
import fc from "fast-check";
import { isScalar, parseDocument, type Node } from "yaml";
import { describe, expect, it } from "vitest";
import { applyModelEdit } from "../../../src/core/monitor/edit-model-file.js";
import { recordModelVersion } from "../../../src/core/plan/mlflow-write-back.js";
import { editStage } from "../../../src/core/registry-edit/edit-stage.js";
import { UserError } from "../../../src/core/errors.js";
import { editYaml } from "../../../src/core/text/yaml-edit.js";

/** The source span [start, end) of the value at `path`. */
function spanOf(text: string, path: string[]): [number, number] {
  const node = parseDocument(text).getIn(path, true) as Node | undefined;
  if (!node?.range) throw new Error(`no node at ${path.join(".")}`);
  return [node.range[0], node.range[1]];
}

/** `after` is `before` with exactly these spans replaced (by anything); returns the replacement texts. */
function onlySpansChanged(before: string, after: string, spans: [number, number][]): string[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let at = 0; // in before
  let out = 0; // in after
  for (let i = 0; i < sorted.length; i++) {
    const [start, end] = sorted[i]!;
    const keep = before.slice(at, start);
    expect(after.slice(out, out + keep.length), "bytes before the value").toBe(keep);
    out += keep.length;
    // The replacement runs up to the next kept text.
    const nextKeep = before.slice(end, sorted[i + 1]?.[0] ?? before.length);
    const to = i + 1 < sorted.length ? after.indexOf(nextKeep, out) : after.length - nextKeep.length;
    expect(to, "bytes after the value").toBeGreaterThanOrEqual(out);
    pieces.push(after.slice(out, to));
    out = to;
    at = end;
  }
  expect(after.slice(out), "the rest of the file").toBe(before.slice(at));
  return pieces;
}

const VERSION_FILE = `# yaml-language-server: $schema=../../../schemas/model-version.schema.json
apiVersion: steward/v1
kind: ModelVersion   # kept
model: fraud-detection
version: '8'
mlflow:
    runId:   3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d    # odd spacing, kept
    modelVersion: '11'  # a stale number
notes: >-
  Folded text that a re-serialization would re-wrap, with "quotes" and a very long line that goes on and on past eighty columns.
metrics: {auc: 0.947,   precision: 0.91}
`;

const MODEL = `# header comment
apiVersion: steward/v1
kind: Model
name: fraud-detection
owners: ['@acme/risk-ml',   "mchen"]   # who is paged
stages:
  # the serving version
  production: "7"   # promoted after the Q3 review
  staging: '8'
deployment:
  sagemaker:
    instanceCount: 2     # two for now
    autoscaling: {min: 2,  max: 8, targetInvocationsPerInstance: 1000}
monitoring:
  metrics:
    latency: { namespace: AWS/SageMaker, metric: ModelLatency, stat: p99 }
`;

describe("every YAML writer changes the value's bytes only (byte diff)", () => {
  it("apply --write-back: a stale mlflow.modelVersion", () => {
    const r = recordModelVersion(VERSION_FILE, "12");
    if (!r.ok) throw new Error(r.reason);
    expect(onlySpansChanged(VERSION_FILE, r.text, [spanOf(VERSION_FILE, ["mlflow", "modelVersion"])])).toEqual(["'12'"]);
  });

  it("apply --write-back: a version file without mlflow.modelVersion gets one entry, nothing removed", () => {
    const before = VERSION_FILE.replace("    modelVersion: '11'  # a stale number\n", "");
    const r = recordModelVersion(before, "12");
    if (!r.ok) throw new Error(r.reason);
    const at = before.indexOf("notes:");
    expect(r.text).toBe(`${before.slice(0, at)}    modelVersion: "12"\n${before.slice(at)}`);
    const flow = "mlflow: {runId: abc}  # c\nnotes: x\n";
    const f = recordModelVersion(flow, "3");
    expect(f.ok && f.text).toBe('mlflow: {runId: abc, modelVersion: "3"}  # c\nnotes: x\n');
  });

  it("monitor rollback PR: stages.production", () => {
    const after = applyModelEdit(MODEL, { kind: "set-stage", stage: "production", variants: [{ version: "6", weight: 100 }] });
    expect(onlySpansChanged(MODEL, after, [spanOf(MODEL, ["stages", "production"])])).toEqual(['"6"']);
  });

  it("monitor scale PR: instanceCount and the autoscaling bounds, each in its span", () => {
    const after = applyModelEdit(MODEL, { kind: "set-capacity", instanceCount: 4, autoscaling: { min: 4, max: 10 } });
    const spans = [["deployment", "sagemaker", "instanceCount"], ["deployment", "sagemaker", "autoscaling", "min"], ["deployment", "sagemaker", "autoscaling", "max"]].map((p) => spanOf(MODEL, p));
    expect(onlySpansChanged(MODEL, after, spans)).toEqual(["4", "4", "10"]);
  });

  it("promote: one version keeps single quotes; a canary split replaces the stage's value only", () => {
    const one = editStage(MODEL, "staging", [{ version: "9", weight: 100 }]);
    expect(onlySpansChanged(MODEL, one, [spanOf(MODEL, ["stages", "staging"])])).toEqual(["'9'"]);
    const split = editStage(MODEL, "production", [{ version: "7", weight: 90 }, { version: "8", weight: 10 }]);
    // A scalar becoming a block: from the end of the key to the end of its line. The block starts on
    // the next line, so the old value's trailing comment stays, byte for byte, on the key's line.
    const keyEnd = MODEL.indexOf("production:") + "production".length;
    const lineEnd = MODEL.indexOf("\n", keyEnd);
    expect(onlySpansChanged(MODEL, split, [[keyEnd, lineEnd]])).toEqual([':   # promoted after the Q3 review\n    split:\n      - { version: "7", weight: 90 }\n      - { version: "8", weight: 10 }']);
  });

  it("refuses, rather than rewrites, what it cannot edit in place", () => {
    expect(() => editYaml("a: [1, 2]\n", [{ path: ["a", "b"], value: 1 }])).toThrow(UserError);
    expect(() => editYaml("a: [\n", [{ path: ["a"], value: 1 }])).toThrow(/cannot edit the file/);
    expect(() => editYaml("- 1\n", [{ path: ["a"], value: 1 }])).toThrow(/not a map/);
  });
});

// ------------------------------------------------------------------ property

const commentText = fc.string({ unit: fc.constantFrom(..."ab #:'\"{}[],-`<@✓é€\t"), maxLength: 12 });
const comment = fc.oneof(fc.constant(""), commentText.map((t) => ` # ${t}`), commentText.map((t) => `\t#${t}`));
const label = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,7}$/);
const quoted = (style: number, v: string) => (style === 0 ? JSON.stringify(v) : style === 1 ? `'${v}'` : /^[A-Za-z_][\w.-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(v) ? v : JSON.stringify(v));
const spaces = fc.integer({ min: 1, max: 3 }).map((n) => " ".repeat(n));

/** A model file with random comments, quoting, spacing and flow/block style around `stages.production` and `deployment.sagemaker.instanceCount`. */
const modelFile = fc
  .record({
    flowStages: fc.boolean(),
    flowSagemaker: fc.boolean(),
    indent: fc.constantFrom(2, 4),
    production: label, staging: label, style: fc.integer({ min: 0, max: 2 }), style2: fc.integer({ min: 0, max: 2 }),
    count: fc.integer({ min: 1, max: 99 }),
    c: fc.array(comment, { minLength: 8, maxLength: 8 }), sp: fc.array(spaces, { minLength: 4, maxLength: 4 }),
    before: fc.boolean(), owners: fc.array(label, { maxLength: 3 }),
  })
  .map((r) => {
    const i = " ".repeat(r.indent);
    const stages = r.flowStages
      ? `stages: {production:${r.sp[0]}${quoted(r.style, r.production)},${r.sp[1]}staging: ${quoted(r.style2, r.staging)}}${r.c[0]}\n`
      : `stages:${r.c[0]}\n${r.c[1] ? `${i}${r.c[1].trim()}\n` : ""}${i}production:${r.sp[0]}${quoted(r.style, r.production)}${r.c[2]}\n${i}staging:${r.sp[1]}${quoted(r.style2, r.staging)}${r.c[3]}\n`;
    const sagemaker = r.flowSagemaker
      ? `deployment:${r.c[4]}\n${i}sagemaker: {endpoint: e,${r.sp[2]}instanceCount: ${r.count}}${r.c[5]}\n`
      : `deployment:${r.c[4]}\n${i}sagemaker:${r.c[5]}\n${i}${i}instanceCount:${r.sp[2]}${r.count}${r.c[6]}\n${i}${i}instanceType: ml.m5.xlarge\n`;
    const head = `apiVersion: steward/v1${r.c[7]}\nkind: Model\nname: m\nowners: [${r.owners.map((o) => quoted(r.style2, o)).join(`,${r.sp[3]}`)}]\n`;
    return r.before ? head + sagemaker + stages : head + stages + sagemaker;
  })
  .filter((text) => parseDocument(text).errors.length === 0 && isScalar(parseDocument(text).getIn(["stages", "production"], true)));

describe("the YAML editor (property: random comments, quoting and flow style around the edited key)", () => {
  it("a rollback changes only the stage's value span", () => {
    fc.assert(
      fc.property(modelFile, label, (text, version) => {
        const after = applyModelEdit(text, { kind: "set-stage", stage: "production", variants: [{ version, weight: 100 }] });
        const [piece] = onlySpansChanged(text, after, [spanOf(text, ["stages", "production"])]);
        expect(parseDocument(piece!).toJS()).toBe(version);
        expect(parseDocument(after).getIn(["stages", "production"])).toBe(version);
      }),
      { numRuns: 300 },
    );
  });

  it("a scale edit changes only instanceCount's span", () => {
    fc.assert(
      fc.property(modelFile, fc.integer({ min: 1, max: 500 }), (text, count) => {
        const after = applyModelEdit(text, { kind: "set-capacity", instanceCount: count });
        expect(onlySpansChanged(text, after, [spanOf(text, ["deployment", "sagemaker", "instanceCount"])])).toEqual([String(count)]);
      }),
      { numRuns: 300 },
    );
  });

  it("a write-back of modelVersion changes only its span, or inserts one entry", () => {
    const versionFile = fc
      .record({ flow: fc.boolean(), has: fc.boolean(), style: fc.integer({ min: 0, max: 2 }), old: fc.integer({ min: 1, max: 999 }), c: fc.array(comment, { minLength: 3, maxLength: 3 }), sp: spaces })
      .map((r) => {
        const mv = r.has ? `${r.flow ? ", " : "\n  "}modelVersion:${r.sp}${quoted(r.style, String(r.old))}` : "";
        const mlflow = r.flow ? `mlflow: {runId: abc${mv}}${r.c[0]}\n` : `mlflow:${r.c[0]}\n  runId: abc${r.c[1]}${mv}${r.has ? r.c[2] : ""}\n`;
        return `apiVersion: steward/v1\nversion: "1"\n${mlflow}notes: kept${r.c[1]}\n`;
      })
      .filter((t) => parseDocument(t).errors.length === 0);
    fc.assert(
      fc.property(versionFile, fc.integer({ min: 1000, max: 5000 }), (text, n) => {
        const r = recordModelVersion(text, String(n));
        if (!r.ok) throw new Error(r.reason);
        const node = parseDocument(text).getIn(["mlflow", "modelVersion"], true) as Node | undefined;
        if (node?.range) {
          const [piece] = onlySpansChanged(text, r.text, [[node.range[0], node.range[1]]]);
          expect(parseDocument(piece!).toJS()).toBe(String(n));
        } else {
          // Nothing removed: the old text is the new one minus one inserted entry.
          let p = 0;
          while (text[p] === r.text[p]) p++;
          const inserted = r.text.length - text.length;
          expect(r.text.slice(0, p) + r.text.slice(p + inserted)).toBe(text);
          expect(r.text.slice(p, p + inserted)).toMatch(new RegExp(`modelVersion: "${n}"`));
        }
        expect(parseDocument(r.text).getIn(["mlflow", "modelVersion"])).toBe(String(n));
      }),
      { numRuns: 300 },
    );
  });
});
