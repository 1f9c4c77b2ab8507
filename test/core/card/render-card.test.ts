import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATE } from "../../../src/core/card/default-template.js";
import { compileCardTemplate } from "../../../src/core/card/render-card.js";
import { UserError } from "../../../src/core/errors.js";
import type { CardView } from "../../../src/core/card/card-view.js";
import { PROJECT_ROOT } from "./scratch-repo.js";

const view = { title: "m", description: "d" } as unknown as CardView;

describe("the default template", () => {
  it("is the text of templates/model-card.md.hbs (UPDATE_GOLDEN=1 regenerates the module)", () => {
    const source = readFileSync(join(PROJECT_ROOT, "templates/model-card.md.hbs"), "utf8");
    if (process.env.UPDATE_GOLDEN && source !== DEFAULT_TEMPLATE) {
      const file = join(PROJECT_ROOT, "src/core/card/default-template.ts");
      const old = readFileSync(file, "utf8");
      writeFileSync(file, old.replace(/export const DEFAULT_TEMPLATE: string = .*;\n/, `export const DEFAULT_TEMPLATE: string = ${JSON.stringify(source)};\n`));
      return;
    }
    expect(DEFAULT_TEMPLATE).toBe(source);
  });
});

describe("compileCardTemplate", () => {
  it("prints fields verbatim: the view model is already escaped", () => {
    expect(compileCardTemplate("# {{title}}\n\n{{description}}\n", "t.hbs")({ ...view, description: "a \\<b\\> & c" })).toBe("# m\n\na \\<b\\> & c\n");
  });

  it("normalizes whitespace so output does not depend on template indentation", () => {
    expect(compileCardTemplate("a  \n\n\n\nb\n\n", "t.hbs")(view)).toBe("a\n\nb\n");
  });

  it("names the template file and line of a syntax error", () => {
    const source = "# {{title}}\n\n{{#each details}}\n| {{label}} |\n{{/if}}\n";
    expect(() => compileCardTemplate(source, ".steward/templates/model-card.md.hbs")).toThrow(UserError);
    expect(() => compileCardTemplate(source, ".steward/templates/model-card.md.hbs")).toThrow(/^\.steward\/templates\/model-card\.md\.hbs:3:\d+: template error: each doesn't match if$/);
  });

  it("names the line of a parse error", () => {
    expect(() => compileCardTemplate("a\nb {{#if}\n", "t.hbs")).toThrow(/^t\.hbs:2: template syntax error:\n/);
  });

  it("names the file, line and column of a field the card model does not have", () => {
    const render = compileCardTemplate("# {{title}}\n\nsee {{descripton}}\n", "custom.hbs");
    expect(() => render(view)).toThrow('custom.hbs:3:7: template error: "descripton" not defined in the card model');
  });

  it("names the line of an unknown helper", () => {
    const render = compileCardTemplate("x\n{{shout title}}\n", "custom.hbs");
    expect(() => render(view)).toThrow(/^custom\.hbs:2:\d+: template error: .*shout/);
  });
});
