import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { UserError } from "../../core/errors.js";

/** The default cap on any one file read under --root: 10 MiB (a governance file is a few kilobytes). */
export const DEFAULT_READ_LIMIT_BYTES = 10 * 1024 * 1024;

let configuredLimit = DEFAULT_READ_LIMIT_BYTES;

/**
 * Sets the per-file cap every reader uses unless told otherwise. Entrypoints call it once from
 * `STEWARD_MAX_FILE_BYTES`; a value that is not a positive integer is a usage error.
 */
export function configureReadLimit(value: string | undefined): void {
  if (value === undefined || value === "") return;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UserError(`STEWARD_MAX_FILE_BYTES must be a positive whole number of bytes, not "${value}"`);
  configuredLimit = n;
}

/** The per-file cap currently in force. */
export function readLimit(): number {
  return configuredLimit;
}

/** A file under --root that the tool refuses to read. Exit 2: the repository must be fixed. */
export class UnsafeFileError extends UserError {
  override name = "UnsafeFileError";
  constructor(
    readonly path: string,
    readonly reason: "outside" | "not-a-file" | "too-large",
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const CHUNK = 64 * 1024;

/**
 * The one way to read a file below a root. `rel` is the path a person sees (repository-relative).
 * Refuses, with an UnsafeFileError naming `rel`: a path whose symlinks lead outside `realRoot`,
 * anything that is not a regular file (FIFO, device, socket, directory — detected after a
 * non-blocking open, so a FIFO never blocks), and files over `maxBytes` (checked on the size and
 * again while reading, for files that grow). Returns undefined when the path does not exist.
 * `realRoot` must already be a real path (no symlinks).
 */
export function readInside(realRoot: string, absPath: string, rel: string, maxBytes = configuredLimit): Uint8Array | undefined {
  let real: string;
  try {
    real = realpathSync.native(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
  if (!isInside(realRoot, real)) throw new UnsafeFileError(rel, "outside", "refused: it is a symlink (or below one) that leads outside the repository");
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    if (code === "EISDIR") throw new UnsafeFileError(rel, "not-a-file", "refused: it is a directory, not a regular file");
    if (code === "ELOOP") throw new UnsafeFileError(rel, "outside", "refused: it changed into a symlink while being read");
    if (code === "ENXIO") throw new UnsafeFileError(rel, "not-a-file", "refused: it is a socket or device, not a regular file");
    throw err;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UnsafeFileError(rel, "not-a-file", `refused: it is ${describeKind(st)}, not a regular file`);
    if (st.size > maxBytes) throw tooLarge(rel, `${st.size} bytes`, maxBytes);
    // Read until EOF, never past the cap: the size above may be stale (a file that grows).
    let buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size + 1, CHUNK)));
    let used = 0;
    for (;;) {
      if (used === buf.length) {
        // Grew past its stated size: keep reading, but at most one byte past the cap.
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, used);
        buf = bigger;
      }
      const n = readSync(fd, buf, used, buf.length - used, null);
      if (n === 0) break;
      used += n;
      if (used > maxBytes) throw tooLarge(rel, `more than ${maxBytes} bytes`, maxBytes);
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, used);
  } finally {
    closeSync(fd);
  }
}

/** Whether `real` (a real path) is `realRoot` or below it. */
export function isInside(realRoot: string, real: string): boolean {
  const r = relative(realRoot, real);
  return r === "" || (!r.startsWith(`..${sep}`) && r !== ".." && !isAbsolute(r));
}

/** Resolves `absPath` and checks it is inside `realRoot`; undefined when it does not exist. */
export function realInside(realRoot: string, absPath: string): string | "outside" | undefined {
  try {
    const real = realpathSync.native(absPath);
    return isInside(realRoot, real) ? real : "outside";
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
}

/** The real path of a folder that may not exist yet: the nearest existing ancestor, resolved, plus the rest. */
export function realFolder(absDir: string): string {
  const missing: string[] = [];
  let dir = absDir;
  for (;;) {
    try {
      return join(realpathSync.native(dir), ...missing.reverse());
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") throw err;
      const parent = join(dir, "..");
      if (parent === dir) throw err;
      missing.push(dir.slice(parent.length).replace(/^[\\/]+/, ""));
      dir = parent;
    }
  }
}

function tooLarge(rel: string, size: string, max: number): UnsafeFileError {
  return new UnsafeFileError(rel, "too-large", `refused: ${size}, over the limit of ${max} bytes (STEWARD_MAX_FILE_BYTES)`);
}

function describeKind(st: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  if (st.isDirectory()) return "a directory";
  return "not a regular file";
}
