import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

export const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

/** A temporary copy of a fixture repository, removed by `dispose`. */
export interface ScratchRepo {
  root: string;
  write(path: string, content: string | Uint8Array): void;
  dispose(): void;
  [Symbol.dispose](): void;
}

export function scratchRepo(from = join(FIXTURES, "repo-valid")): ScratchRepo {
  const root = mkdtempSync(join(tmpdir(), "steward-test-"));
  cpSync(from, root, { recursive: true });
  const dispose = () => rmSync(root, { recursive: true, force: true });
  return {
    root,
    write(path, content) {
      const target = join(root, path);
      writeFileSync(target, content);
    },
    dispose,
    [Symbol.dispose]: dispose,
  };
}

/** Files of a folder, relative, recursively. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map(String)
    .filter((p) => statSync(join(dir, p)).isFile());
}

export interface InvalidCase {
  name: string;
  dir: string;
  generate?: "binary" | "not-utf8" | "too-large" | "symlink-outside";
  file?: string;
}

/** Lays an invalid case over a copy of the valid repository: its files replace the base's, `generate` cases are written here. */
export function materializeCase(c: InvalidCase): ScratchRepo {
  const repo = scratchRepo();
  for (const f of listFiles(c.dir).filter((f) => f !== "case.json" && f !== "expected.json")) {
    cpSync(join(c.dir, f), join(repo.root, f));
  }
  if (c.name.endsWith("orphan-version")) unlinkSync(join(repo.root, "models/scorer/versions/2.yaml"));
  const target = c.file ? join(repo.root, c.file) : "";
  switch (c.generate) {
    case "binary":
      writeFileSync(target, Buffer.concat([Buffer.from("apiVersion: steward/v1\nkind: ModelVersion\n"), Buffer.from([0x00, 0x01, 0x02, 0xff])]));
      break;
    case "not-utf8":
      writeFileSync(target, Buffer.concat([Buffer.from("apiVersion: steward/v1\nkind: Policy\nname: base\ndescription: caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
      break;
    case "too-large":
      writeFileSync(target, readFileSync(target, "utf8") + `# ${"x".repeat(1024 * 1024)}\n`);
      break;
    case "symlink-outside": {
      const outside = join(repo.root, "..", `${relative(tmpdir(), repo.root)}-outside.dvc`);
      writeFileSync(outside, readFileSync(target));
      unlinkSync(target);
      symlinkSync(outside, target);
      const dispose = repo.dispose;
      repo.dispose = repo[Symbol.dispose] = () => {
        dispose();
        rmSync(outside, { force: true });
      };
      break;
    }
  }
  return repo;
}

export function loadCases(dir = join(FIXTURES, "repo-invalid")): InvalidCase[] {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const caseFile = join(dir, name, "case.json");
      const extra = existsSync(caseFile) ? (JSON.parse(readFileSync(caseFile, "utf8")) as Partial<InvalidCase>) : {};
      return { name, dir: join(dir, name), ...extra };
    });
}
