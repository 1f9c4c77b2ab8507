import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fileMetricSource } from "../../../src/adapters/fs/file-metric-source.js";
import { configureReadLimit, DEFAULT_READ_LIMIT_BYTES, readLimit, UnsafeFileError } from "../../../src/adapters/fs/read-inside.js";
import { fsRepoFiles } from "../../../src/adapters/fs/repo-files.js";
import { UserError } from "../../../src/core/errors.js";

const CANARY = "CANARY-7f3e91-outside-the-repository";
const dirs: string[] = [];
function scratch(): { root: string; outside: string } {
  const top = mkdtempSync(join(tmpdir(), "steward-read-"));
  dirs.push(top);
  const root = join(top, "repo");
  const outside = join(top, "outside");
  mkdirSync(join(root, "models", "m"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.yaml"), `${CANARY}\n`);
  return { root, outside };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  configureReadLimit(String(DEFAULT_READ_LIMIT_BYTES));
});

async function refusal(p: Promise<unknown>): Promise<UnsafeFileError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UnsafeFileError);
  expect(err).toBeInstanceOf(UserError);
  return err as UnsafeFileError;
}

describe("the one reader under --root", () => {
  it("reads regular files and symlinks that stay inside the root", async () => {
    const { root } = scratch();
    writeFileSync(join(root, "models/m/model.yaml"), "a: 1\n");
    symlinkSync("model.yaml", join(root, "models/m/alias.yaml"));
    const files = fsRepoFiles(root);
    expect(new TextDecoder().decode(await files.read("models/m/model.yaml"))).toBe("a: 1\n");
    expect(new TextDecoder().decode(await files.read("models/m/alias.yaml"))).toBe("a: 1\n");
    expect(await files.read("models/m/missing.yaml")).toBeUndefined();
  });

  it("refuses a symlink leading outside, naming the path and never the target's content", async () => {
    const { root, outside } = scratch();
    symlinkSync(join(outside, "secret.yaml"), join(root, "models/m/model.yaml"));
    const err = await refusal(fsRepoFiles(root).read("models/m/model.yaml"));
    expect(err.message).toMatch(/^models\/m\/model\.yaml: refused: .*outside the repository/);
    expect(err.message).not.toContain(CANARY);
    expect(err.reason).toBe("outside");
  });

  it("refuses a file below a symlinked folder that leads outside", async () => {
    const { root, outside } = scratch();
    symlinkSync(outside, join(root, "models/evil"));
    expect((await refusal(fsRepoFiles(root).read("models/evil/secret.yaml"))).reason).toBe("outside");
  });

  it("refuses /proc/self/environ and /dev/zero behind a link, at once", async () => {
    const { root } = scratch();
    symlinkSync("/proc/self/environ", join(root, "models/m/environ.yaml"));
    symlinkSync("/dev/zero", join(root, "models/m/zero.yaml"));
    const started = Date.now();
    expect((await refusal(fsRepoFiles(root).read("models/m/environ.yaml"))).reason).toBe("outside");
    expect((await refusal(fsRepoFiles(root).read("models/m/zero.yaml"))).reason).toBe("outside");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("refuses a FIFO without blocking on it", async () => {
    const { root } = scratch();
    execFileSync("mkfifo", [join(root, "models/m/MODEL_CARD.md")]);
    const err = await refusal(fsRepoFiles(root).read("models/m/MODEL_CARD.md"));
    expect(err.message).toBe("models/m/MODEL_CARD.md: refused: it is a FIFO (named pipe), not a regular file");
  });

  it("refuses a directory read as a file", async () => {
    const { root } = scratch();
    expect((await refusal(fsRepoFiles(root).read("models/m"))).reason).toBe("not-a-file");
  });

  it("caps the size, configurably, before reading the file", async () => {
    const { root } = scratch();
    writeFileSync(join(root, "models/m/big.yaml"), "x".repeat(2048));
    expect((await fsRepoFiles(root, { maxBytes: 2048 }).read("models/m/big.yaml"))?.length).toBe(2048);
    const err = await refusal(fsRepoFiles(root, { maxBytes: 2047 }).read("models/m/big.yaml"));
    expect(err.message).toBe("models/m/big.yaml: refused: 2048 bytes, over the limit of 2047 bytes (STEWARD_MAX_FILE_BYTES)");
    expect(readLimit()).toBe(DEFAULT_READ_LIMIT_BYTES);
    configureReadLimit("1000");
    expect((await refusal(fsRepoFiles(root).read("models/m/big.yaml"))).reason).toBe("too-large");
    expect(() => configureReadLimit("ten")).toThrow(UserError);
  });

  it("refuses to write through a folder that is a symlink out of the root", async () => {
    const { root, outside } = scratch();
    symlinkSync(outside, join(root, "models/evil"));
    const err = await refusal(fsRepoFiles(root).write("models/evil/MODEL_CARD.md", "card"));
    expect(err.reason).toBe("outside");
    expect(readFileSync(join(outside, "secret.yaml"), "utf8")).toBe(`${CANARY}\n`);
    await fsRepoFiles(root).write("models/new/MODEL_CARD.md", "card");
    expect(readFileSync(join(root, "models/new/MODEL_CARD.md"), "utf8")).toBe("card");
  });

  it("replaces a symlinked file on write instead of writing through it", async () => {
    const { root, outside } = scratch();
    symlinkSync(join(outside, "secret.yaml"), join(root, "models/m/MODEL_CARD.md"));
    await fsRepoFiles(root).write("models/m/MODEL_CARD.md", "card");
    expect(readFileSync(join(outside, "secret.yaml"), "utf8")).toBe(`${CANARY}\n`);
  });

  it("the file metric source reads through the same reader", async () => {
    const { root, outside } = scratch();
    writeFileSync(join(root, "models/m/accuracy.csv"), "timestamp,value\n2026-01-01T00:00:00Z,1\n");
    unlinkSync(join(root, "models/m/accuracy.csv"));
    symlinkSync(join(outside, "secret.yaml"), join(root, "models/m/accuracy.csv"));
    execFileSync("mkfifo", [join(root, "models/m/drift.csv")]);
    const source = fileMetricSource(join(root, "models"));
    const q = { id: "q", model: "m", name: "accuracy", period: 60 } as Parameters<typeof source.read>[0][number];
    await refusal(source.read([q], { start: new Date(0), end: new Date(1e13) }));
    await refusal(source.driftSample!("m"));
  });
});
