// The unified diff `--fix-dry-run` prints (src/fix/diff.ts): as `diff -u` writes it, and applying its hunks to
// the old text gives the new one, for any pair of small texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../src/fix/diff.js';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

/** Applies a unified diff's hunks to `before` (lines without ends), checking every context and removed line. */
function apply(before: string[], diff: string): string[] {
  const out: string[] = [];
  let at = 0;
  const rows = diff.split('\n').slice(2, -1);
  for (const row of rows) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(row);
    if (header) {
      const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
      while (at < start) out.push(before[at++] as string);
      continue;
    }
    if (row.startsWith('\\')) continue;
    const [kind, text] = [row[0], row.slice(1)];
    if (kind === '+') out.push(text);
    else {
      expect(before[at]).toBe(text);
      at++;
      if (kind === ' ') out.push(text);
    }
  }
  while (at < before.length) out.push(before[at++] as string);
  return out;
}

describe('unifiedDiff', () => {
  it('is empty for the same text', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'f.yaml')).toBe('');
  });

  it('one changed line with three lines of context, as diff -u prints it', () => {
    const a = lines(10);
    const b = [...a];
    b[4] = 'changed';
    expect(unifiedDiff(`${a.join('\n')}\n`, `${b.join('\n')}\n`, 'f.yaml')).toBe(
      [
        '--- a/f.yaml',
        '+++ b/f.yaml',
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+changed',
        ' line 6',
        ' line 7',
        ' line 8',
        '',
      ].join('\n'),
    );
  });

  it('adjacent changed lines: the old ones, then the new ones; far-apart changes in separate hunks', () => {
    const a = lines(30);
    const b = [...a];
    b[1] = 'two';
    b[2] = 'three';
    b[25] = 'twenty-six';
    const diff = unifiedDiff(a.join('\n'), b.join('\n'), 'f.yaml');
    expect(diff).toContain('@@ -1,6 +1,6 @@\n line 1\n-line 2\n-line 3\n+two\n+three\n line 4\n');
    expect(diff).toContain('@@ -23,7 +23,7 @@\n');
    expect(diff.match(/^@@/gm)).toHaveLength(2);
  });

  it('CRLF line ends are not shown; a last line without a line end is marked', () => {
    expect(unifiedDiff('a: 1\r\nb: 2\r\n', 'a: 1\r\nb: 3\r\n', 'f.yaml')).toBe(
      '--- a/f.yaml\n+++ b/f.yaml\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n+b: 3\n',
    );
    expect(unifiedDiff('a: 1\nb: 2', 'a: 1\nb: 3', 'f.yaml')).toBe(
      '--- a/f.yaml\n+++ b/f.yaml\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n\\ No newline at end of file\n+b: 3\n\\ No newline at end of file\n',
    );
  });

  it('lines added and removed are aligned on what the texts share', () => {
    const diff = unifiedDiff('a\nb\nc\nd\n', 'a\nx\ny\nc\nd\ne\n', 'f.yaml');
    expect(diff).toBe('--- a/f.yaml\n+++ b/f.yaml\n@@ -1,4 +1,6 @@\n a\n-b\n+x\n+y\n c\n d\n+e\n');
  });

  it('texts too long to align line by line are shown removed and added whole, and still apply', () => {
    const a = lines(2100, 'old');
    const b = lines(2001, 'new');
    const diff = unifiedDiff(`${a.join('\n')}\n`, `${b.join('\n')}\n`, 'f.yaml');
    expect(diff.split('\n')[2]).toBe('@@ -1,2100 +1,2001 @@');
    expect(apply(a, diff)).toEqual(b);
  });

  it('applying its hunks to the old text gives the new one', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'rate: 96%', 'score: 9', ''), { maxLength: 25 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const before = `${a.join('\n')}\n`;
        const after = `${b.join('\n')}\n`;
        const diff = unifiedDiff(before, after, 'f.yaml');
        if (before === after) expect(diff).toBe('');
        // Lines as the diff counts them: the text's lines before its final line end.
        else expect(apply(before.split('\n').slice(0, -1), diff)).toEqual(after.split('\n').slice(0, -1));
      }),
      { numRuns: 300 },
    );
  });
});
