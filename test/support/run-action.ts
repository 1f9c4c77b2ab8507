import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;

export interface ActionRun {
  status: number | null;
  /** stdout and stderr, interleaved. */
  stdout: string;
  /** The GITHUB_OUTPUT file as written. */
  output: string;
  /** An output the action set through GITHUB_OUTPUT. */
  out(key: string): string | undefined;
  /** What the action wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
}

/**
 * Runs the committed bundle actions/<name>/dist/index.js as the runner does: inputs, GITHUB_OUTPUT
 * and GITHUB_STEP_SUMMARY through the environment. Asynchronous, so that fake servers in the test's
 * own process keep answering while it runs.
 */
export async function runAction(name: string, env: Record<string, string>, opts: { cwd?: string } = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), `steward-${name}-`));
  const files = { GITHUB_OUTPUT: join(dir, "output"), GITHUB_STEP_SUMMARY: join(dir, "summary") };
  for (const f of Object.values(files)) writeFileSync(f, "");
  // Node 20 runs the bundle here; GitHub runs it on node24.
  const child = spawn(process.execPath, [join(ROOT, `actions/${name}/dist/index.js`)], {
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    env: { PATH: process.env.PATH!, TMPDIR: tmpdir(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...files, ...env },
  });
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stdout += d));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const output = readFileSync(files.GITHUB_OUTPUT, "utf8");
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, "utf8");
  rmSync(dir, { recursive: true, force: true });
  return {
    status,
    stdout,
    output,
    out: (key) => new RegExp(`${key}<<(\\S+)\\n([\\s\\S]*?)\\n\\1`).exec(output)?.[2],
    summary,
  };
}
