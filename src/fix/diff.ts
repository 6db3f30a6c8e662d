// A unified diff of two small texts (`--fix-dry-run`), as `diff -u` prints it: three lines of context, hunks that
// touch merged. No dependency: the texts are one form before and after its values were fixed.

type Op = { kind: ' ' | '-' | '+'; line: string; old: number; new: number };

/** Past this many cells the changed middle is shown as removed and added whole rather than aligned line by line. */
const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

/** Lines without their ends (a CR of CRLF is part of the end, not shown); `end` says whether the last has one. */
function linesOf(text: string): { lines: string[]; end: boolean } {
  const lines = text.split('\n');
  const end = lines[lines.length - 1] === '';
  if (end) lines.pop();
  return { lines: lines.map((l) => l.replace(/\r$/, '')), end };
}

/** The edit script from a to b: common prefix and suffix, and a longest common subsequence of the middle. */
function script(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: ' ', line: a[i] as string, old: i, new: i });
  const ma = a.slice(head, a.length - tail);
  const mb = b.slice(head, b.length - tail);
  ops.push(...middle(ma, mb, head));
  for (let k = 0; k < tail; k++) {
    const i = a.length - tail + k;
    ops.push({ kind: ' ', line: a[i] as string, old: i, new: b.length - tail + k });
  }
  return ops;
}

function middle(a: string[], b: string[], at: number): Op[] {
  const ops: Op[] = [];
  if (a.length === b.length || a.length * b.length > MAX_CELLS) {
    // Same length (a fix never adds a line): line against line; or too large to align.
    if (a.length === b.length) {
      // A run of changed lines is shown as diff shows it: its old lines, then its new ones.
      let i = 0;
      while (i < a.length) {
        if (a[i] === b[i]) {
          ops.push({ kind: ' ', line: a[i] as string, old: at + i, new: at + i });
          i++;
          continue;
        }
        let end = i;
        while (end < a.length && a[end] !== b[end]) end++;
        for (let k = i; k < end; k++) ops.push({ kind: '-', line: a[k] as string, old: at + k, new: at + i });
        for (let k = i; k < end; k++) ops.push({ kind: '+', line: b[k] as string, old: at + end, new: at + k });
        i = end;
      }
      return ops;
    }
    for (const [i, line] of a.entries()) ops.push({ kind: '-', line, old: at + i, new: at });
    for (const [i, line] of b.entries()) ops.push({ kind: '+', line, old: at + a.length, new: at + i });
    return ops;
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
    }
  }
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] as string, old: at + i, new: at + j });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || (lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number))) {
      // Removed before added, as diff shows a changed line.
      ops.push({ kind: '-', line: a[i] as string, old: at + i, new: at + j });
      i++;
    } else {
      ops.push({ kind: '+', line: b[j] as string, old: at + i, new: at + j });
      j++;
    }
  }
  return ops;
}

/** `diff -u` of two texts under one name, or '' when they are the same. */
export function unifiedDiff(before: string, after: string, name: string): string {
  if (before === after) return '';
  const a = linesOf(before);
  const b = linesOf(after);
  const ops = script(a.lines, b.lines);
  const changed = ops.map((op, k) => (op.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) {
    // Only the final line end differs.
    changed.push(ops.length - 1);
  }
  const out = [`--- a/${name}`, `+++ b/${name}`];
  let k = 0;
  while (k < changed.length) {
    const first = changed[k] as number;
    let last = first;
    while (k + 1 < changed.length && (changed[k + 1] as number) - last <= 2 * CONTEXT + 1) last = changed[++k] as number;
    k++;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length - 1, last + CONTEXT);
    const hunk = ops.slice(from, to + 1);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    const start = hunk[0] as Op;
    const oldStart = oldCount === 0 ? start.old : start.old + 1;
    const newStart = newCount === 0 ? start.new : start.new + 1;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) {
      out.push(`${op.kind}${op.line}`);
      const isLastOld = op.kind !== '+' && op.old === a.lines.length - 1;
      const isLastNew = op.kind !== '-' && op.new === b.lines.length - 1;
      // As diff says it: the line that ends the text without a line end.
      if ((isLastOld && !a.end && (op.kind === '-' || b.end === a.end)) || (isLastNew && !b.end && op.kind === '+')) {
        out.push('\\ No newline at end of file');
      }
    }
  }
  return `${out.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
