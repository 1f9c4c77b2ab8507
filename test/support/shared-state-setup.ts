/**
 * The `unit` project's files share modules (vitest.config.ts), so state that src keeps at module level
 * would carry from one file to the next: the secrets output is redacted of (configureRedaction) and the
 * per-file read cap (configureReadLimit). Each file starts from the defaults an isolated file had.
 */
import { beforeAll } from "vitest";
import { configureReadLimit, DEFAULT_READ_LIMIT_BYTES } from "../../src/adapters/fs/read-inside.js";
import { configureRedaction } from "../../src/adapters/output/redaction.js";

beforeAll(() => {
  configureRedaction({});
  configureReadLimit(String(DEFAULT_READ_LIMIT_BYTES));
});
