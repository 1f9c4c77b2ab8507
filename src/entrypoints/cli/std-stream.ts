/**
 * The CLI's standard output and error as written by every command (src/entrypoints/cli-main.ts):
 * when the reader goes away (`steward validate | head -1`: EPIPE), the rest is dropped quietly and
 * the command's own exit status stands; any other write error (a full disk behind `> file`) is kept
 * so the run can say it could not write, and exit 2.
 */
export interface StdStream {
  write(s: string): void;
  /** The reader closed the pipe (EPIPE): nothing more is written. */
  readonly closed: boolean;
  /** A write failed for another reason than a closed reader. */
  readonly error: Error | undefined;
  /** Resolves when everything written so far has been handed over (or failed), so `closed` and `error` are final. */
  settled(): Promise<void>;
}

/** Errors that mean the reader went away (a destroyed stream is one whose pipe broke before). */
const READER_GONE = new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);

/** Wraps `stream` (process.stdout or process.stderr): one 'error' listener, so a closed pipe is never an uncaught exception. */
export function stdStream(stream: NodeJS.WritableStream): StdStream {
  let closed = false;
  let error: Error | undefined;
  const fail = (err: NodeJS.ErrnoException) => {
    if (READER_GONE.has(err.code ?? "")) closed = true;
    else error ??= err;
  };
  stream.on("error", fail);
  return {
    write(s) {
      if (closed || error || !s) return;
      // Pipes are written synchronously on Linux, asynchronously elsewhere: the callback sees both.
      stream.write(s, (err) => { if (err) fail(err); });
    },
    settled() {
      if (closed || error) return Promise.resolve();
      // write callbacks run in order: this one runs after those of every earlier write
      return new Promise<void>((resolve) => {
        stream.write("", (err) => {
          if (err) fail(err);
          resolve();
        });
      });
    },
    get closed() {
      return closed;
    },
    get error() {
      return error;
    },
  };
}

/**
 * The exit status of a run whose streams are `stdout` and `stderr`: the command's own, unless its
 * output could not be written for another reason than a reader that closed the pipe (then 2, said
 * on stderr by the caller). A closed pipe changes nothing: 0 stays 0, findings stay 1.
 */
export function exitStatusAfterOutput(code: number, stdout: StdStream): number {
  return stdout.error && code < 2 ? 2 : code;
}
