/**
 * GitHub clients that commands build for themselves (through the CLI and the actions' entries) pace their
 * writes as GitHub asks: one a second, three seconds between writes that notify. Tests that open a pull
 * request or take the apply lock would spend most of their time waiting on that pacing, so here the clients
 * keep it (one write at a time, in order) with 1 ms between writes, and rate-limit retries wait 1 ms per
 * second asked. A test that passes its own `writeIntervalMs` or `retryAfterBaseMs` keeps it;
 * test/adapters/github/create-octokit.test.ts checks GitHub's own pacing.
 */
import { vi } from "vitest";

vi.mock(import("../../src/adapters/github/create-octokit.js"), async (importOriginal) => {
  const mod = await importOriginal();
  return { ...mod, createOctokit: (config) => mod.createOctokit({ writeIntervalMs: 1, retryAfterBaseMs: 1, ...config }) };
});
