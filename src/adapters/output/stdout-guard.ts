import { neutralizeCommands } from "../../core/text/workflow-commands.js";
import { redactOutput } from "./redaction.js";

// Leading blanks as the runner trims them (.NET TrimStart): JavaScript's \s lacks NEL (U+0085) and
// U+180E, so a line that starts with one of them must count as blank here too.
const LEAD = "(?:[^\\S\\r\\n]|[\\u0085\\u180e])";
const BLANK = new RegExp(`^${LEAD}*$`);
const MAY_BECOME_COMMAND = new RegExp(`^${LEAD}*(?::|#|##)$`);

/**
 * A writer for plain text on stdout or stderr, both of which the Actions runner reads for workflow
 * commands: every chunk is redacted and neutralized (see `neutralizeCommands`), also across chunk
 * boundaries (a line's `:` at the end of one chunk is held until the next shows whether it became `::`).
 * `flush()` writes what is held back; call it when the stream ends.
 */
export function guardedWriter(write: (s: string) => void): { write(s: string): void; flush(): void } {
  let held = "";
  let lineBlank = true; // what was already written of the current line is only whitespace
  return {
    write(chunk) {
      let text = held + chunk;
      held = "";
      const lb = Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
      const partial = text.slice(lb + 1);
      if ((lb >= 0 || lineBlank) && MAY_BECOME_COMMAND.test(partial)) {
        held = partial;
        text = text.slice(0, lb + 1);
      }
      if (text === "") return;
      const out = neutralizeCommands(redactOutput(text), lineBlank);
      write(out);
      const outBreak = Math.max(out.lastIndexOf("\n"), out.lastIndexOf("\r"));
      lineBlank = outBreak >= 0 ? BLANK.test(out.slice(outBreak + 1)) : lineBlank && BLANK.test(out);
    },
    flush() {
      if (held) write(neutralizeCommands(redactOutput(held), lineBlank));
      held = "";
    },
  };
}
