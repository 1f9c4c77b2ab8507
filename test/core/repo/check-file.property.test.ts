import fc from "fast-check";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { positionFindings } from "../../../src/core/repo/assemble-state.js";
import { checkFile } from "../../../src/core/repo/check-file.js";

const enc = new TextEncoder();
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
const version = fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,2}){0,2}$/);
const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);

/** Random documents that the schema accepts. */
const versionDoc = fc.record({
  apiVersion: fc.constant("steward/v1"),
  kind: fc.constant("ModelVersion"),
  model: name,
  version,
  archived: fc.boolean(),
  mlflow: fc.record({ runId: hex32 }),
  artifact: fc.oneof(
    fc.record({ dvc: name.map((n) => `models/x/artifacts/${n}.tar.gz.dvc`) }),
    fc.record({ md5: hex32, size: fc.nat(), path: name }),
  ),
  metrics: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), fc.double({ noNaN: true, noDefaultInfinity: true }), { maxKeys: 5 }),
  notes: fc.string({ maxLength: 200 }),
});

describe("checkFile on random input", () => {
  it("accepts every random valid version document", () => {
    fc.assert(
      fc.property(versionDoc, (doc) => {
        const file = `models/${doc.model}/versions/${doc.version}.yaml`;
        const r = checkFile(file, enc.encode(dump(doc)));
        expect(r.findings).toEqual([]);
        expect(r.parsed?.kind).toBe("ModelVersion");
      }),
      { numRuns: 300 },
    );
  });

  /** A mutation of a valid document's text: delete, duplicate or replace a slice, or inject bytes. */
  const mutated = fc.tuple(versionDoc, fc.nat(), fc.nat({ max: 40 }), fc.constantFrom("delete", "duplicate", "insert"), fc.string({ maxLength: 12 })).map(([doc, at, len, op, s]) => {
    const text = dump(doc);
    const i = at % (text.length + 1);
    const slice = text.slice(i, i + len);
    const out = op === "delete" ? text.slice(0, i) + text.slice(i + len) : op === "duplicate" ? text.slice(0, i) + slice + slice + text.slice(i) : text.slice(0, i) + s + text.slice(i);
    return { doc, text: out };
  });

  it("never throws on mutated text, and every error it reports has a file and a reason", () => {
    fc.assert(
      fc.property(mutated, ({ doc, text }) => {
        const file = `models/${doc.model}/versions/${doc.version}.yaml`;
        const r = checkFile(file, enc.encode(text));
        // Parser findings carry their line; schema findings a JSON pointer that positioning resolves.
        for (const f of positionFindings(r.findings, () => text)) {
          expect(f.file).toBe(file);
          expect(f.message.length).toBeGreaterThan(5);
          expect(f.line, f.message).toBeGreaterThanOrEqual(1);
          expect(f.line!, f.message).toBeLessThanOrEqual(text.split("\n").length + 1);
        }
        expect(r.parsed !== undefined || r.findings.some((f) => f.severity === "error")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
