/**
 * Every monitor report any test produces in-process is checked against schemas/report.schema.json:
 * `runMonitor` (used by the CLI, the monitor action's entry and the dashboard) is wrapped so that
 * the report it returns must validate. Reports of the bundled actions are checked where the e2e
 * tests read them (test/e2e/monitor-card-actions.test.ts).
 */
import { vi } from "vitest";

vi.mock(import("../../src/commands/monitor.js"), async (importOriginal) => {
  const mod = await importOriginal();
  return {
    ...mod,
    runMonitor: async (...args: Parameters<typeof mod.runMonitor>) => {
      const report = await mod.runMonitor(...args);
      // Loaded here, not at the top: ajv would otherwise load in every test file (setup runs in each).
      const { assertValidReport } = await import("./report-schema.js");
      assertValidReport(report, "the report runMonitor returned");
      return report;
    },
  };
});
