/** One line of an edit script: kept, removed from the old text, or added by the new one. */
export interface DiffOp {
  kind: "equal" | "delete" | "insert";
  line: string;
}

/**
 * A shortest edit script turning `a` into `b` (Myers' O((N+M)·D) greedy algorithm), after
 * trimming the common prefix and suffix. Deletions come before insertions within a change.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const middle = myers(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf));
  const eq = (line: string): DiffOp => ({ kind: "equal", line });
  return [...a.slice(0, pre).map(eq), ...middle, ...a.slice(a.length - suf).map(eq)];
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const t = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && t[off + k - 1]! < t[off + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : t[off + prevK]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: "equal", line: a[--x]! }), y--;
    if (d > 0) {
      if (x === prevX) ops.push({ kind: "insert", line: b[--y]! });
      else ops.push({ kind: "delete", line: a[--x]! });
    }
  }
  return ops.reverse();
}

const NO_EOL = "\\ No newline at end of file";

/**
 * A unified diff (as `diff -u` and `git diff` print it) from `oldText` to `newText`, with `context`
 * lines around each change; "" when the texts are equal. A missing final newline is marked with
 * "\ No newline at end of file".
 */
export function unifiedDiff(oldText: string, newText: string, labels: { from: string; to: string }, context = 3): string {
  if (oldText === newText) return "";
  const ops = diffLines(toLines(oldText), toLines(newText));
  const changed = ops.flatMap((o, i) => (o.kind === "equal" ? [] : [i]));
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  let h = 0;
  while (h < changed.length) {
    let end = h;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * context + 1) end++;
    const from = Math.max(0, changed[h]! - context);
    const to = Math.min(ops.length, changed[end]! + context + 1);
    out.push(...hunk(ops, from, to));
    h = end + 1;
  }
  return out.join("\n") + "\n";
}

function hunk(ops: DiffOp[], from: number, to: number): string[] {
  let oldStart = 1;
  let newStart = 1;
  for (let i = 0; i < from; i++) {
    if (ops[i]!.kind !== "insert") oldStart++;
    if (ops[i]!.kind !== "delete") newStart++;
  }
  const body: string[] = [];
  let oldLen = 0;
  let newLen = 0;
  for (let i = from; i < to; i++) {
    const o = ops[i]!;
    const eol = o.line.endsWith(NO_EOL_MARK);
    const line = eol ? o.line.slice(0, -NO_EOL_MARK.length) : o.line;
    body.push(`${o.kind === "equal" ? " " : o.kind === "delete" ? "-" : "+"}${line}`);
    if (eol) body.push(NO_EOL);
    if (o.kind !== "insert") oldLen++;
    if (o.kind !== "delete") newLen++;
  }
  const range = (start: number, len: number) => (len === 1 ? `${start}` : `${len === 0 ? start - 1 : start},${len}`);
  return [`@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@`, ...body];
}

const NO_EOL_MARK = "\u0000noeol";

/** Lines of a text; a last line without a newline carries an internal marker so it differs from one with. */
function toLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines[lines.length - 1] += NO_EOL_MARK;
  return lines;
}
