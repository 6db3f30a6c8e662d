// Issue 13, messages that teach: a target written `>=95%` without quotes, which YAML reads as a folded block scalar.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';

const CLEAN = readFileSync(path.join(import.meta.dirname, 'fixtures', 'bad', 'clean-form.yaml'), 'utf8');

function syntax(from: string, to: string): [number, string][] {
  const text = CLEAN.replace(from, to);
  expect(text).not.toBe(CLEAN);
  return evaluate(text, 'form.yaml')
    .findings.filter((f) => f.code === 'yaml-syntax')
    .map((f) => [f.line, f.message]);
}

describe('an unquoted >= target', () => {
  it.each([
    ['>=95%', '写成 ≥95%', '">=95%"'],
    ['>= 90%', '写成 ≥90%', '">= 90%"'],
    ['> 90%', '写成 ＞90%', '"> 90%"'],
  ])('target: %s → one finding: %s, or quote it', (value, write, quoted) => {
    expect(syntax('target: ≥90%', `target: ${value}`)).toEqual([
      [
        37,
        `YAML 语法错误：不加引号的 “${value}” 以 “>” 开头，YAML 把 “>” 读作折叠文本块的开头：请${write}（用“≥”“＞”等符号），或给整个值加引号写成 ${quoted}`,
      ],
    ]);
  });

  it('a count target too', () => {
    expect(syntax('target: ≥100人次', 'target: >=100人次')).toEqual([
      [
        23,
        'YAML 语法错误：不加引号的 “>=100人次” 以 “>” 开头，YAML 把 “>” 读作折叠文本块的开头：请写成 ≥100人次（用“≥”“＞”等符号），或给整个值加引号写成 ">=100人次"',
      ],
    ]);
  });

  it('target: >9 is a valid but empty block in YAML: said, not silently read as an empty target', () => {
    expect(syntax('target: ≥90%', 'target: >9')).toEqual([
      [
        37,
        'YAML 语法错误：不加引号的 “>9” 以 “>” 开头，YAML 把 “>” 读作折叠文本块的开头：请写成 ＞9（用“≥”“＞”等符号），或给整个值加引号写成 ">9"',
      ],
    ]);
  });

  it('a real folded block (deviation: >) is still read', () => {
    const text = CLEAN.replace('  deviation: ""', '  deviation: >\n    资金已按计划\n    执行完毕');
    expect(evaluate(text, 'form.yaml').findings.filter((f) => f.code === 'yaml-syntax')).toEqual([]);
  });
});
