/**
 * What a pull request changes in a model card, for a reviewer: the changed fields as a table
 * (old → new) and the whole diff folded away. A card is Markdown rendered by `steward card`; its
 * fields are read back from it: each table cell (section › row › column) and each section's prose.
 * Every value is shown as a code span (literal text): a card on a branch is untrusted input.
 */
import { unifiedDiff } from "../text/line-diff.js";
import { code, codeCell, fenced, mdText } from "../text/markdown.js";

export interface CardFieldChange {
  /** e.g. "Model details › production", "Metrics › `8` › `auc`", "Intended use". */
  field: string;
  old?: string;
  new?: string;
}

/** Field name -> value of a rendered card, in the card's order. */
export function cardFields(markdown: string): Map<string, string> {
  const fields = new Map<string, string>();
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let heading = "Preamble";
  let prose: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    const text = prose.join(" ").replace(/\s+/g, " ").trim();
    if (text) put(heading, text);
    prose = [];
  };
  const put = (key: string, value: string) => {
    let k = key;
    for (let n = 2; fields.has(k); n++) k = `${key} (${n})`;
    fields.set(k, value);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence !== undefined) {
      if (line.trim().startsWith(fence)) fence = undefined;
      else prose.push(line);
      continue;
    }
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) { fence = f[1]; continue; }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      // Under the title comes the model's description.
      if (h[1]!.length === 1) { put("Title", h[2]!.trim()); heading = "Description"; } else heading = h[2]!.trim();
      continue;
    }
    if (/^\s*<!--.*-->\s*$/.test(line)) continue;
    if (line.trimStart().startsWith("|") && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? "")) {
      flush();
      const header = cells(line);
      i += 2;
      for (; i < lines.length && lines[i]!.trimStart().startsWith("|"); i++) {
        const row = cells(lines[i]!);
        const key = `${heading} › ${row[0] ?? ""}`;
        if (header.length <= 2) put(key, row[1] ?? "");
        else for (let c = 1; c < header.length; c++) put(`${key} › ${header[c]}`, row[c] ?? "");
      }
      i--;
      continue;
    }
    prose.push(line);
  }
  flush();
  return fields;
}

/** The cells of a table row, split at pipes not escaped by a backslash. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = "";
  let escaped = false;
  for (const c of row.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "")) {
    if (c === "|" && !escaped) { out.push(cur.trim()); cur = ""; continue; }
    escaped = c === "\\" && !escaped;
    cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** The fields that differ between two cards (added and removed ones included), in the new card's order. */
export function cardFieldChanges(oldCard: string | undefined, newCard: string): CardFieldChange[] {
  const before = oldCard === undefined ? new Map<string, string>() : cardFields(oldCard);
  const after = cardFields(newCard);
  const out: CardFieldChange[] = [];
  for (const [field, value] of after) {
    const was = before.get(field);
    if (was !== value) out.push({ field, ...(was !== undefined ? { old: was } : {}), new: value });
  }
  for (const [field, value] of before) if (!after.has(field)) out.push({ field, old: value });
  return out;
}

const MAX_ROWS = 40;
const MAX_VALUE = 160;

const short = (s: string | undefined) => (s === undefined ? undefined : s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s);

/**
 * One model's card change for the pull-request comment: a heading, the changed fields as a table
 * (at most 40 rows, the rest counted), and the full unified diff in `<details>`, fenced so that no
 * backtick run in the cards can close it. "" when the cards are equal.
 */
export function renderCardChange(model: string, file: string, oldCard: string | undefined, newCard: string): string {
  const diff = unifiedDiff(oldCard ?? "", newCard, { from: oldCard === undefined ? "/dev/null" : `a/${file}`, to: `b/${file}` });
  if (diff === "") return "";
  const changes = cardFieldChanges(oldCard, newCard);
  const out = [`#### ${code(model)}: ${oldCard === undefined ? "new card" : `${changes.length} field${changes.length === 1 ? "" : "s"} changed`}`, ""];
  if (changes.length) {
    out.push("| field | old | new |", "|---|---|---|");
    for (const c of changes.slice(0, MAX_ROWS)) out.push(`| ${codeCell(short(c.field))} | ${codeCell(short(c.old))} | ${codeCell(short(c.new))} |`);
    if (changes.length > MAX_ROWS) out.push("", mdText(`… and ${changes.length - MAX_ROWS} more changed fields (see the diff).`));
    out.push("");
  }
  out.push("<details><summary>full diff</summary>", "", fenced("diff", diff), "", "</details>", "");
  return out.join("\n");
}
