import type { CliIO } from "../../src/entrypoints/cli/io.js";

/** A CliIO that records output; `stdin` is what `-` reads. */
export function captureIO(over: Partial<CliIO> & { stdin?: string } = {}): CliIO & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    env: {},
    cwd: process.cwd(),
    readStdin: async () => over.stdin ?? "",
    now: () => new Date("2026-11-26T00:00:00Z"),
    ...over,
    out: () => out,
    err: () => err,
  };
}
