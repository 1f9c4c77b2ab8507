import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { rename, unlink } from "node:fs/promises";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { guardedWriter } from "../../adapters/output/stdout-guard.js";
import { UserError } from "../../core/errors.js";
import type { CliIO } from "./io.js";

/** The input in text chunks: a file streamed in 1 MiB reads, or `-` standard input as it arrives (never read whole). */
export async function* readChunks(io: CliIO, file: string, base = io.cwd): AsyncGenerator<string> {
  if (file === "-" && !io.stdinStream) {
    yield await io.readStdin();
    return;
  }
  const source = file === "-" ? io.stdinStream!() : createReadStream(path.resolve(base, file), { highWaterMark: 1 << 20 });
  const decoder = new StringDecoder("utf8");
  try {
    for await (const chunk of source) yield typeof chunk === "string" ? chunk : decoder.write(Buffer.from(chunk));
  } catch (err) {
    throw new UserError(`cannot read ${file === "-" ? "standard input" : file}: ${(err as Error).message}`);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Where output goes. `closed` turns true when the reader of standard output went away (EPIPE): stop writing, exit 0. */
export interface Output {
  write(s: string): Promise<void>;
  /** Finishes: flushes, and for a file renames the temporary file into place. */
  commit(): Promise<void>;
  /** Gives up: for a file, removes the temporary file, leaving any earlier file untouched. */
  abort(): Promise<void>;
  readonly closed: boolean;
}

/**
 * Opens the output: `-` is standard output (written with backpressure through the stdout guard, so
 * that data echoed from the input, such as timestamps, never starts a workflow command; EPIPE ends
 * quietly), a file
 * is written to a temporary file beside it and renamed on commit, so an error never leaves a
 * partial file.
 */
export function openOutput(io: CliIO, file: string, base = io.cwd): Output {
  if (file === "-") return stdoutOutput(io);
  const target = path.resolve(base, file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const ws = createWriteStream(temp);
  const failed = once(ws, "error").then(([err]) => {
    throw new UserError(`cannot write ${file}: ${(err as Error).message}`);
  });
  failed.catch(() => {});
  return {
    closed: false,
    async write(s) {
      if (s && !ws.write(s)) await Promise.race([once(ws, "drain"), failed]);
    },
    async commit() {
      ws.end();
      await Promise.race([once(ws, "finish"), failed]);
      await rename(temp, target).catch((err: Error) => {
        throw new UserError(`cannot write ${file}: ${err.message}`);
      });
    },
    async abort() {
      ws.destroy();
      await unlink(temp).catch(() => {});
    },
  };
}

function stdoutOutput(io: CliIO): Output {
  const ws = io.stdoutStream;
  if (!ws) return { closed: false, write: async (s) => io.stdout(s), commit: async () => {}, abort: async () => {} };
  const state = { closed: false, error: undefined as Error | undefined };
  let wake: (() => void) | undefined;
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") state.closed = true;
    else state.error = err;
    wake?.();
  };
  ws.on("error", onError);
  const check = () => {
    if (state.error) throw new UserError(`cannot write standard output: ${state.error.message}`);
  };
  // Redacted and neutralized as every other stdout write; `ready` is false once the stream asks to wait.
  let ready = true;
  const guard = guardedWriter((t) => {
    if (t) ready = ws.write(t) && ready;
  });
  const drained = async () => {
    if (ready || state.closed) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
      ws.once("drain", resolve);
    });
    ws.removeListener("drain", wake!);
    wake = undefined;
  };
  return {
    get closed() {
      return state.closed;
    },
    async write(s) {
      check();
      if (state.closed || !s) return;
      ready = true;
      guard.write(s);
      await drained();
      check();
    },
    async commit() {
      check();
      if (state.closed) return;
      ready = true;
      guard.flush();
      await drained();
      check();
    },
    async abort() {},
  };
}
