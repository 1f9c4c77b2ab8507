import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The built CLI (bin/steward.js -> dist/cli.js) writing into a pipe whose reader is already gone, as
 * `steward validate | head -1` leaves it: the output ends quietly (no EPIPE, no stack trace) and the
 * exit status is the command's own, the same as when its output is read to the end.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.join(root, "bin/steward.js");
const env = { ...process.env, GITHUB_TOKEN: "", GITHUB_REPOSITORY: "", AWS_REGION: "", AWS_DEFAULT_REGION: "", MLFLOW_TRACKING_URI: "", GITHUB_ACTIONS: "" };

beforeAll(() => {
  // a fresh clone builds dist/ in `npm ci` (prepare); build it here when it is missing
  if (!existsSync(path.join(root, "dist/cli.js"))) execFileSync(process.execPath, ["scripts/build.mjs", "--cli"], { cwd: root, stdio: "ignore" });
});

/** Runs the CLI; with `closed`, the reading end of its stdout pipe is closed before it writes anything. */
function run(args: string[], closed: boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  if (closed) child.stdout.destroy();
  else child.stdout.on("data", (s: Buffer) => (stdout += s.toString("utf8")));
  child.stderr.on("data", (s: Buffer) => (stderr += s.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const COMMANDS: string[][] = [
  ["validate"],
  ["validate", "--format", "json"],
  ["card", "--check", "--format", "json"],
  ["plan", "--offline", "--format", "json"],
  ["monitor", "--source", "samples/metrics", "--dry-run", "--format", "json"],
  ["dashboard", "--help"],
];

describe("the CLI's standard output when the reader goes away", () => {
  it.each(COMMANDS.map((c) => [c.join(" "), c] as const))("steward %s ends quietly with its own exit status", async (_name, args) => {
    const read = await run(args, false);
    expect(read.stdout.length, read.stderr).toBeGreaterThan(0);
    const cut = await run(args, true);
    expect(cut.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(cut.code, cut.stderr).toBe(read.code);
    expect(cut.code).not.toBe(70);
  });

  describe("steward validate | head -1 on a report larger than a pipe holds (64 KiB)", () => {
    // 300 incomplete model files: about 100 KB of findings, so validate is still writing when head leaves
    const big = mkdtempSync(path.join(tmpdir(), "steward-closed-pipe-"));
    afterAll(() => rmSync(big, { recursive: true, force: true }));
    for (let i = 1; i <= 300; i++) {
      mkdirSync(path.join(big, "models", `m${i}`), { recursive: true });
      writeFileSync(path.join(big, "models", `m${i}`, "model.yaml"), `apiVersion: steward/v1\nkind: Model\nname: m${i}\n`);
    }

    it("prints one line and keeps validate's own status (1: invalid files), nothing on stderr about the pipe", () => {
      const out = execFileSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${bin}" validate --root "${big}" 2>"${big}/err" | head -1; echo "status=\${PIPESTATUS[0]}"; cat "${big}/err"`], { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      const [first, status, ...err] = out.split("\n");
      expect(first).toBe("models/m1/model.yaml");
      expect(status).toBe("status=1");
      expect(err.join("\n")).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    });
  });
});
