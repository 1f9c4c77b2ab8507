/**
 * A unified diff (as `git diff` prints it, 3 lines of context) between two texts of the same file.
 * Line-based LCS, quadratic: meant for model files of a few hundred lines. "" when equal.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.op === " ") {
      i++;
      continue;
    }
    let start = i;
    let ctx = 0;
    while (start > 0 && ops[start - 1]!.op === " " && ctx < context) {
      start--;
      ctx++;
    }
    let end = i;
    let quiet = 0;
    while (end < ops.length) {
      if (ops[end]!.op === " ") {
        quiet++;
        if (quiet > context * 2) break;
      } else quiet = 0;
      end++;
    }
    end = Math.min(ops.length, end - Math.max(0, quiet - context));
    const slice = ops.slice(start, end);
    const aStart = slice[0]!.ai;
    const bStart = slice[0]!.bi;
    const aLen = slice.filter((o) => o.op !== "+").length;
    const bLen = slice.filter((o) => o.op !== "-").length;
    hunks.push(`@@ -${aLen ? aStart + 1 : aStart},${aLen} +${bLen ? bStart + 1 : bStart},${bLen} @@`);
    for (const o of slice) hunks.push(`${o.op}${o.line}`);
    i = end;
  }
  return [`--- a/${path}`, `+++ b/${path}`, ...hunks, ""].join("\n");
}

interface Op {
  op: " " | "-" | "+";
  line: string;
  ai: number;
  bi: number;
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: " ", line: a[i]!, ai: i++, bi: j++ });
    else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ op: "-", line: a[i]!, ai: i++, bi: j });
    else ops.push({ op: "+", line: b[j]!, ai: i, bi: j++ });
  }
  return ops;
}
