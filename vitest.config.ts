import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Three projects. `unit` and `unit-core` (`npm test`) are what a contributor runs often: pure logic
 * (unit-core, test/core), commands against in-memory fakes and local servers, the CLI in-process.
 * Both run on worker threads, cheaper to start than forked processes (no test changes directory);
 * every `unit` file still gets a fresh thread and module graph. `e2e` (`npm run test:e2e`) runs the
 * committed action bundles as the runner does, the browser test, and the monitor's full runs over
 * the embedded samples; `.ci/run` runs both. A file belongs to e2e when it spawns a bundle or a
 * browser, or repeats a whole sample run.
 */
export const E2E = ["test/e2e/**/*.test.ts", "test/commands/monitor-github.test.ts", "test/commands/bot-pr-checkout.test.ts"];

/** Tests of src/core: pure functions, run in shared workers (see the unit-core project). */
export const CORE = ["test/core/**/*.test.ts"];

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
    setupFiles: ["test/support/fast-check-setup.ts", "test/support/report-schema-setup.ts", "test/support/github-pacing-setup.ts"],
    // One temporary folder per run, removed at the end; leftovers are reported as a leak.
    globalSetup: ["test/support/tmp-guard.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/live/**", "node_modules/**", ...E2E, ...CORE], pool: "threads" } },
      // The pure core's tests share nothing but modules (no env, cwd, timers, mocks or servers: src/core
      // has no I/O), so they run without per-file isolation: each worker imports the modules once.
      { extends: true, test: { name: "unit-core", include: CORE, isolate: false, pool: "threads" } },
      { extends: true, test: { name: "e2e", include: E2E, testTimeout: 600_000, hookTimeout: 600_000 } },
    ],
  },
});
