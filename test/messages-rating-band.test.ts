// Issue 13, messages that teach: a score outside its rating's band is said in words, not as [3, 4).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'codes', 'rating-band.yaml');

function bandMessages(text: string): string[] {
  return evaluate(text, 'form.yaml')
    .findings.filter((f) => f.code === 'rating-band')
    .map((f) => f.message.replace(/^指标“[^”]*”/, '指标'));
}

describe('rating-band in words', () => {
  it('部分达成 on a weight of 20: 12 分（含）到 16 分（不含）', () => {
    expect(bandMessages(readFileSync(FIXTURE, 'utf8'))).toEqual([
      '指标评价为“部分达成”，得分应在 12 分（含）到 16 分（不含）之间，表中为 17',
    ]);
  });

  it('达成 includes its top: 16 分（含）到 20 分（含）', () => {
    const text = readFileSync(FIXTURE, 'utf8').replace('score: 17\n        rating: 部分达成', 'score: 15\n        rating: 达成');
    expect(bandMessages(text)).toEqual(['指标评价为“达成”，得分应在 16 分（含）到 20 分（含）之间，表中为 15']);
  });
});
