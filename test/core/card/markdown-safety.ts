/**
 * Checks on rendered Markdown used by the hostile-input tests: what remains of a line once code
 * spans are removed must not contain anything that GitHub would turn into HTML, a link or a ping.
 */

/** The line with every CommonMark code span (a backtick run closed by a run of the same length) removed. */
export function withoutCodeSpans(line: string): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    if (line[i] === "\\" && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (line[i] !== "`") {
      out += line[i++];
      continue;
    }
    let j = i;
    while (line[j] === "`") j++;
    const run = j - i;
    let k = j;
    let close = -1;
    while (k < line.length) {
      if (line[k] === "`") {
        let e = k;
        while (line[e] === "`") e++;
        if (e - k === run) {
          close = k;
          break;
        }
        k = e;
      } else k++;
    }
    if (close < 0) {
      out += line.slice(i, j);
      i = j;
    } else {
      out += "\u0000";
      i = close + run;
    }
  }
  return out;
}

/** Characters that are active Markdown/HTML when not backslash-escaped, outside code spans. */
export function unescaped(line: string, chars: string): string[] {
  const s = withoutCodeSpans(line);
  const found: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (chars.includes(s[i]!)) found.push(s[i]!);
  }
  return found;
}

/** Cells of a table row, split on unescaped pipes (GFM splits on `|` even inside code spans). */
export function cellCount(row: string): number {
  let n = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === "\\") i++;
    else if (row[i] === "|") n++;
  }
  return n;
}
