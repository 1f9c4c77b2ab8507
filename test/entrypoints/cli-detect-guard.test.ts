/**
 * `steward detect --output -` streams to the process's stdout (with backpressure), and its rows echo
 * the input's timestamp cells as written: that stream goes through the same guard as every other
 * stdout write, so untrusted text never starts a workflow command there.
 */
import fc from "fast-check";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { configureRedaction } from "../../src/adapters/output/redaction.js";
import { runCli } from "../../src/entrypoints/cli.js";
import { openOutput } from "../../src/entrypoints/cli/stream-io.js";
import type { CliIO } from "../../src/entrypoints/cli/io.js";
import { hasCommandLine } from "../../src/core/text/workflow-commands.js";

/** A stdout stream that asks the writer to wait after every chunk (highWaterMark 1), collecting what it got. */
function slowStdout() {
  const chunks: string[] = [];
  const ws = new Writable({
    highWaterMark: 1,
    write(chunk, _enc, cb) {
      chunks.push(chunk.toString());
      setImmediate(cb);
    },
  });
  return { ws, text: () => chunks.join("") };
}

function io(stdin: string, stdoutStream: NodeJS.WritableStream, env: Record<string, string> = {}) {
  let out = "";
  let err = "";
  const value: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env, cwd: "/", readStdin: async () => stdin, now: () => new Date(0), stdoutStream };
  return { io: value, out: () => out, err: () => err };
}

describe("detect --output -: the stdout guard on the streamed output", () => {
  it("a streamed chunk never starts a line with :: or ##[, also across chunk boundaries, and is redacted", async () => {
    configureRedaction({ MLFLOW_TRACKING_TOKEN: "s3cr3t-token-value" });
    try {
      const stdout = slowStdout();
      const out = openOutput(io("", stdout.ws).io, "-");
      for (const chunk of ["ts,value\n:", ":error::injected\n", "1,2\n  ::add-mask::x\n##[error]y\n", "token s3cr3t-token-value\n:", ":"]) await out.write(chunk);
      await out.commit();
      const text = stdout.text();
      expect(hasCommandLine(text)).toBe(false);
      expect(text).not.toContain("s3cr3t-token-value");
      expect(text.split("\n")).toEqual(["ts,value", "> ::error::injected", "1,2", "  > ::add-mask::x", "> ## [error]y", "token ***", "> ::"]);
    } finally {
      configureRedaction({});
    }
  });

  it("hostile timestamp cells (skipped as unreadable, or quoted) never start a stdout line", async () => {
    const cell = fc.oneof(
      fc.constantFrom("::error::pwned", "::add-mask::x", "##[error]x", "\r::warning::x", "  ::set-output name=a::b", "\u0085::error::x"),
      fc.string({ unit: fc.constantFrom(":", "#", "[", "\r", " ", "1", "-", "e", "T", "Z", "\"", "\u0085"), maxLength: 12 }).map((s) => `::${s}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), cell), { minLength: 1, maxLength: 8 }), async (rows) => {
        const lines = ["timestamp,value", ...rows.map(([good, c], i) => (good ? `${1_700_000_000 + i * 600},${i}` : `${c},${i}`))];
        const stdout = slowStdout();
        const t = io(lines.join("\n"), stdout.ws);
        const code = await runCli(["detect", "--input", "-", "--output", "-", "--skip-bad-rows"], t.io);
        expect(code).toBe(0);
        expect(hasCommandLine(stdout.text() + t.out())).toBe(false);
        for (const line of stdout.text().split(/\r\n|\r|\n/).filter(Boolean)) expect(line).toMatch(/^(timestamp,value,anomaly_score|\d)/);
      }),
      { numRuns: 40 },
    );
  });
});
