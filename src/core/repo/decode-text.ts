import type { Finding } from "../result.js";

/** Files larger than this are rejected before parsing (a governance file is a few kilobytes). */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Turns a file's bytes into text, or a finding: over the size limit, binary (a NUL byte), or not UTF-8.
 * A UTF-8 byte-order mark is dropped.
 */
export function decodeText(file: string, bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): { text: string } | { finding: Finding } {
  const fail = (code: string, message: string, line?: number): { finding: Finding } => ({
    finding: { file, path: "", code, message, severity: "error", ...(line === undefined ? {} : { line, column: 1 }) },
  });
  if (bytes.length > maxBytes) return fail("file-too-large", `file is ${bytes.length} bytes, over the limit of ${maxBytes} bytes`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fail("binary-file", "file is binary (it contains a NUL byte), not YAML text", lineAt(bytes, nul));
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail("not-utf8", `file is not valid UTF-8 (first bad byte at offset ${at})`, lineAt(bytes, at));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}
