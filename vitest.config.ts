import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Three projects. `unit` and `unit-isolated` (`npm test`) are what a contributor runs often: pure logic,
 * commands against in-memory fakes and local servers, the CLI in-process. `e2e` (`npm run test:e2e`) runs
 * the committed action bundles as the runner does, the browser test, and the monitor's full runs over the
 * embedded samples; `.ci/run` runs all three. A file belongs to e2e when it spawns a bundle or a browser,
 * or repeats a whole sample run.
 *
 * `unit` runs without per-file isolation: its files share worker threads and the modules they import, so
 * src is loaded once per worker instead of once per file (about half the suite's CPU time). That is safe
 * while no file there changes process state: none mocks modules, stubs the environment or globals, fakes
 * timers, changes the working directory or exit code, or leaves a spy in place
 * (test/shared-worker-rules.test.ts). A file that must do so is listed in ISOLATED and gets its own worker
 * thread and module graph (`unit-isolated`). The settings src keeps per process start from their defaults
 * in every file (test/support/shared-state-setup.ts).
 */
export const E2E = ["test/e2e/**/*.test.ts", "test/commands/monitor-github.test.ts", "test/commands/bot-pr-checkout.test.ts"];

/** Files that change process state (module mocks, stubbed environment): each runs isolated, in `unit-isolated`. */
export const ISOLATED = [
  "test/adapters/aws/aws-environment.test.ts",
  "test/adapters/aws/s3-dvc-remote.test.ts",
  "test/adapters/aws/sagemaker-retries.test.ts",
  "test/entrypoints/action-io.test.ts",
];

export default defineConfig({
  test: {
    exclude: ["test/live/**", "node_modules/**"],
    // Generous ceilings, not schedules: a busy 2-core machine must not fail a correct test.
    // Nothing waits a fixed time; tests wait for conditions (a process's exit, a server's answer).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // vitest's default is one worker fewer than the cores: one worker on a 2-core machine, which then
    // runs the files one after another while most of them wait on servers, git and child processes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ["test/support/fast-check-setup.ts", "test/support/report-schema-setup.ts", "test/support/github-pacing-setup.ts", "test/support/shared-state-setup.ts"],
    // One temporary folder per run, removed at the end; leftovers are reported as a leak.
    globalSetup: ["test/support/tmp-guard.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/live/**", "node_modules/**", ...E2E, ...ISOLATED], pool: "threads", isolate: false } },
      { extends: true, test: { name: "unit-isolated", include: ISOLATED, pool: "threads" } },
      { extends: true, test: { name: "e2e", include: E2E, testTimeout: 600_000, hookTimeout: 600_000 } },
    ],
  },
});
