import Handlebars from "handlebars";
import { UserError } from "../errors.js";
import type { CardView } from "./card-view.js";

export type CardTemplate = (view: CardView) => string;

/**
 * Compiles a card template. Handlebars runs in strict mode (a field the view model lacks is an error)
 * and without HTML escaping (the view model is already escaped Markdown). Throws UserError naming
 * `templateFile` and the line for a syntax error; errors while rendering name the line too.
 */
export function compileCardTemplate(source: string, templateFile: string): CardTemplate {
  const hb = Handlebars.create();
  let template: HandlebarsTemplateDelegate;
  try {
    template = hb.compile(source, { strict: true, noEscape: true });
    // Handlebars compiles lazily; force the parse now so syntax errors surface here.
    hb.precompile(source, { strict: true, noEscape: true });
  } catch (err) {
    throw templateError(err, templateFile);
  }
  return (view) => {
    try {
      return normalize(template(view));
    } catch (err) {
      throw templateError(err, templateFile);
    }
  };
}

/** Exactly one trailing newline, no trailing spaces, at most one blank line in a row. */
function normalize(text: string): string {
  return `${text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

function templateError(err: unknown, file: string): UserError {
  const e = err as Error & { lineNumber?: number; column?: number };
  const message = (e?.message ?? String(err)).trim();
  const parse = /^Parse error on line (\d+):\n([\s\S]*)$/.exec(message);
  if (parse) return new UserError(`${file}:${parse[1]}: template syntax error:\n${parse[2]}`, { cause: err });
  if (e?.lineNumber !== undefined) {
    const what = message.replace(/ - \d+:\d+$/, "").replace(/ in \[object Object\]$/, " in the card model");
    return new UserError(`${file}:${e.lineNumber}:${(e.column ?? 0) + 1}: template error: ${what}`, { cause: err });
  }
  return new UserError(`${file}: template error: ${message}`, { cause: err });
}
