// Issue 13, messages that teach: numbers written the way a Chinese document writes them get a schema finding that
// says what is wrong and what to write instead.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';

const CLEAN = readFileSync(path.join(import.meta.dirname, 'fixtures', 'bad', 'clean-form.yaml'), 'utf8');

/** The schema messages of the clean form with one line replaced. */
function schemaMessages(from: string, to: string): string[] {
  const text = CLEAN.replace(from, to);
  expect(text).not.toBe(CLEAN);
  return evaluate(text, 'form.yaml')
    .findings.filter((f) => f.code === 'schema')
    .map((f) => f.message);
}

describe('numbers as a Chinese document writes them', () => {
  it.each([
    ['  weight: 10', '  weight: １５', '“weight”（分值）应为数字：写成了全角数字“１５”，数字要用半角，写成 15'],
    ['        weight: 50', '        weight: 15分', '“weight”（分值）应为数字：去掉“分”字，写成 15'],
    ['  score: 9.5', '  score: 9.5分', '“score”（得分）应为数字：去掉“分”字，写成 9.5'],
    ['  score: 9.5', '  score: ９．５分', '“score”（得分）应为数字：写成了全角数字“９．５分”，数字要用半角，去掉“分”字，写成 9.5'],
    ['        weight: 50', '        weight: "50"', '“weight”（分值）应为数字：数字不加引号，写成 50'],
    ['year: 2022', 'year: "2023"', '“year”（年度）应为整数：年度不加引号，写成 year: 2023'],
    ['year: 2022', 'year: 2023年', '“year”（年度）应为整数：年度不写“年”字，写成 year: 2023'],
    [
      '    annual: 100',
      '    annual: 100万元',
      '“annual”（全年预算数）的写法无法识别为数值（例：1234.22、"1,234.22"、75.45%）：去掉单位“万元”，写成 100（金额单位写在 funds 下的 unit: 万元）',
    ],
  ])('%s → %s', (from, to, message) => {
    expect(schemaMessages(from, to)).toEqual([message]);
  });

  it('a value that is no number at all gets no advice to invent one', () => {
    expect(schemaMessages('  weight: 10', '  weight: 十分')).toEqual(['“weight”（分值）应为数字']);
  });
});
