import type { Logger } from "../../ports.js";

/** A Logger that writes plain text to a stream (stderr by default), indenting groups. */
export function consoleLogger(opts: { write?: (s: string) => void; verbose?: boolean } = {}): Logger {
  const write = opts.write ?? ((s: string) => void process.stderr.write(s));
  let indent = "";
  const line = (prefix: string, msg: string) => write(`${indent}${prefix}${msg}\n`);
  return {
    info: (m) => line("", m),
    warn: (m) => line("warning: ", m),
    error: (m) => line("error: ", m),
    debug: (m) => (opts.verbose ? line("debug: ", m) : undefined),
    async group(title, fn) {
      line("", `${title}`);
      const saved = indent;
      indent += "  ";
      try {
        return await fn();
      } finally {
        indent = saved;
      }
    },
  };
}

/** A Logger that drops everything (tests, --format json on stdout). */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  group: (_t, fn) => fn(),
};
