/**
 * The model-card section of the job summary and the sticky pull-request comment: whether each card
 * is fresh, and per model what the pull request changes in its card against the base (changed fields
 * as a table, the full diff folded away). Pure; every diff fenced by `fenced` (src/core/text).
 */
import { fenced } from "../text/markdown.js";
import { renderCardChange } from "./card-changes.js";
import { mdTable } from "./markdown.js";

export interface CardSectionCard {
  model: string;
  file: string;
  status: "written" | "unchanged" | "fresh" | "stale" | "missing";
  mlflowDisagreements: number;
  /** Committed -> rendered, when stale or missing. */
  diff?: string;
  /** The card as rendered from the pull request's files. */
  text?: string;
}

export interface CardSectionInput {
  cards: CardSectionCard[];
  /** Each card's text on the base (undefined: no card there); absent when there is no base. */
  baseCards?: Map<string, string | undefined>;
  /** A link target for a card file (e.g. its blob URL at the head), when known. */
  link?: (file: string) => string | undefined;
}

export function renderCardSection(input: CardSectionInput): string {
  const { cards } = input;
  const rows = cards.map((c) => [c.status === "stale" || c.status === "missing" ? "❌" : "✅", c.model, c.status, String(c.mlflowDisagreements)]);
  const out = ["## Model cards", "", mdTable(["", "model", "card", "MLflow disagreements"], rows, ["l", "l", "l", "r"]), ""];
  const links = cards.flatMap((c) => {
    const url = input.link?.(c.file);
    return url ? [`- [${c.file.replace(/[[\]\\`]/g, "")}](${url})`] : [];
  });
  if (links.length) out.push(...links, "");
  if (input.baseCards) {
    const changes = cards.flatMap((c) => (c.text === undefined ? [] : [renderCardChange(c.model, c.file, input.baseCards!.get(c.file), c.text)])).filter((s) => s !== "");
    out.push("### What this pull request changes in the cards", "", ...(changes.length ? changes : ["No card changes.", ""]));
  }
  const stale = cards.filter((c) => c.diff);
  if (stale.length) {
    out.push("### Stale cards", "", "Run `steward card` and commit the result; the committed card differs from the rendered one:", "");
    for (const c of stale) out.push(`<details><summary>${c.status} card</summary>`, "", fenced("diff", c.diff!), "", "</details>", "");
  }
  return out.join("\n");
}
