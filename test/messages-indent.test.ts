// Issue 13, messages that teach: a tab or a full-width space in the indentation is reported once, as the cause,
// and the syntax faults that only echo it are not listed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource } from '../src/load/source.js';

const BAD = path.join(import.meta.dirname, 'fixtures', 'bad');
const lines = (text: string) => readSource(text).errors.map((e) => [e.line, e.column, e.message] as const);

describe('indentation with a tab or a full-width space', () => {
  it('a realistic form with one tab: one finding, at the tab, saying what to write', () => {
    const text = readFileSync(path.join(BAD, 'yaml-tab-indent.yaml'), 'utf8');
    expect(lines(text)).toEqual([
      [
        9,
        1,
        'YAML 语法错误：这一行的缩进里有 Tab（制表符），YAML 的缩进只能用半角空格：请把行首的缩进换成 2 个半角空格（与上下文对齐）（由此引起的后续语法错误不再列出）',
      ],
    ]);
  });

  it('full-width spaces pasted from Word: one finding that names them', () => {
    const text = readFileSync(path.join(BAD, 'yaml-fullwidth-indent.yaml'), 'utf8');
    expect(lines(text)).toEqual([
      [
        9,
        1,
        'YAML 语法错误：这一行的缩进里有 全角空格“　”（从 Word 复制时常带进来），YAML 的缩进只能用半角空格：请把行首的缩进换成 2 个半角空格（与上下文对齐）（由此引起的后续语法错误不再列出）',
      ],
    ]);
  });

  it('several tabbed lines in one block: one finding naming the others; the first child of a block gets its indent', () => {
    const text = 'evalform: 1\nfunds:\n\tunit: 万元\n\tscore: 9.5\nyear: 2022\n';
    const found = lines(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe(3);
    expect(found[0]?.[2]).toContain('换成 2 个半角空格');
    expect(found[0]?.[2]).toContain('第 4 行也是这样');
  });

  it('a fault after the next top-level key is independent and still reported', () => {
    const text = 'evalform: 1\nfunds:\n  unit: 万元\n\tscore: 9.5\n  deviation: ""\nproject: "未闭合\n';
    const found = lines(text);
    expect(found[0]?.[0]).toBe(4);
    expect(found[0]?.[2]).toContain('Tab');
    expect(found.slice(1).every((f) => f[0] >= 6)).toBe(true);
    expect(found.length).toBeGreaterThan(1);
  });

  it('a tab inside a block scalar is text, not indentation, and is not blamed', () => {
    const text = 'evalform: 1\ngoals:\n  expected: |\n    第一行\n    \t第二行\n  actual: [\n';
    expect(lines(text).some((f) => f[2].includes('Tab'))).toBe(false);
  });
});
