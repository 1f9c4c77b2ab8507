import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guardedWriter } from "../../../src/adapters/output/stdout-guard.js";
import { annotation, escapeData, escapeProperty, formatCommand, hasCommandLine, neutralizeCommands } from "../../../src/core/text/workflow-commands.js";

/** The runner's view: each line (split as .NET ReadLine does), trimmed at the start, that is a command. */
function commandsIn(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.replace(/^[\s\u0085\u180e]+/, "")).filter((l) => l.startsWith("::") || l.startsWith("##["));
}

describe("workflow commands", () => {
  it("escapes as @actions/toolkit does", () => {
    expect(escapeData("50%\r\n::x")).toBe("50%25%0D%0A::x");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    expect(annotation("error", "bad\n::add-mask::x", { file: "models/a,b:c.yaml", line: 3, title: "t" })).toBe("::error title=t,file=models/a%2Cb%3Ac.yaml,line=3::bad%0A::add-mask::x\n");
    expect(formatCommand("group", {}, "x")).toBe("::group::x\n");
    expect(() => formatCommand("add-mask x", {}, "")).toThrow();
  });

  it("neutralizes command lines in plain text and leaves the rest alone", () => {
    expect(neutralizeCommands("ok\n::add-mask::x\n  ::stop-commands::t\r##[error]e\nnot::a command\n")).toBe("ok\n> ::add-mask::x\n  > ::stop-commands::t\r> ## [error]e\nnot::a command\n");
    expect(neutralizeCommands("::set-output name=a::b", false)).toBe("::set-output name=a::b");
    expect(neutralizeCommands("plain text")).toBe("plain text");
  });

  it("an annotation is one command line, whatever its message and properties hold", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), fc.string({ unit: "binary", maxLength: 20 }), (msg, file, title) => {
        const line = annotation("warning", msg, { file, title, line: 1 });
        expect(commandsIn(line)).toHaveLength(1);
        expect(line.slice(0, -1)).not.toMatch(/[\r\n]/);
        const props = line.slice("::warning ".length, line.indexOf("::", 2));
        expect(props.split(",")).toHaveLength(line.includes("file=") ? (title ? 3 : 2) : title ? 2 : 1);
      }),
    );
  });

  it("a line led by NEL (U+0085), which the runner trims and JavaScript's \\s does not, is guarded across chunks", () => {
    // fast-check found these (seed 776773150): the blank lead was written before the command arrived.
    for (const chunks of [["\u0085", "::"], ["\u0085#", "#[##", "", "[~]ST*\r"], ["\u180e:", ":x"]]) {
      let out = "";
      const g = guardedWriter((s) => void (out += s));
      for (const c of chunks) g.write(c);
      g.flush();
      expect(commandsIn(out)).toEqual([]);
    }
  });

  it("plain text never yields a command, also when streamed in arbitrary chunks", () => {
    const hostile = fc.array(fc.oneof(fc.constantFrom("::", ":", "##[", "#", "\n", "\r", " ", "\t", "\u0085", "add-mask::x", "error::e"), fc.string({ unit: "grapheme-ascii" })), { maxLength: 30 });
    fc.assert(
      fc.property(hostile, fc.array(fc.nat(5)), (parts, cuts) => {
        const text = parts.join("");
        expect(commandsIn(neutralizeCommands(text))).toEqual([]);
        expect(hasCommandLine(neutralizeCommands(text))).toBe(false);
        let out = "";
        const g = guardedWriter((s) => void (out += s));
        let i = 0;
        for (const c of cuts) {
          g.write(text.slice(i, i + c));
          i += c;
        }
        g.write(text.slice(i));
        g.flush();
        expect(commandsIn(out)).toEqual([]);
        expect(out.replace(/> (?=::|## )/g, "").replace(/## \[/g, "##[")).toBe(text);
      }),
    );
  });
});
