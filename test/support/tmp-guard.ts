/**
 * Global setup: every test run gets its own temporary folder (TMPDIR, which os.tmpdir() reads and
 * child processes inherit), removed when the run ends. Whatever a test left there is named on
 * stderr first, so a leak is visible and fixed in the test rather than piling up in /tmp.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  // Each vitest project runs the global setup; the first one owns the folder.
  if (process.env.STEWARD_TEST_TMP) return () => {};
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "steward-vitest-"));
  process.env.TMPDIR = process.env.STEWARD_TEST_TMP = dir;
  return () => {
    delete process.env.STEWARD_TEST_TMP;
    const left = readdirSync(dir);
    if (left.length) process.stderr.write(`tmp-guard: ${left.length} temporary entr${left.length === 1 ? "y" : "ies"} left behind by tests (removed): ${left.slice(0, 10).join(", ")}\n`);
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
