// Issue 10, FORMAT.md §2 1.1: units that convert, as a form scores them (today they are unit-mismatch).
import { describe, expect, it } from 'vitest';
import { codes, indicatorAt, padded, scored } from './helpers.js';

describe('unit conversions of 1.1', () => {
  it.each([
    ['≥1.2万人', '6000人', 'positive', '10'],
    ['≥2亿元', '10000万元', 'positive', '10'],
    ['≥10公里', '5000米', 'positive', '10'],
    ['≥4吨', '2000公斤', 'positive', '10'],
    ['≤1小时', '120分钟', 'negative', '10'],
    ['≤30分钟', '1小时', 'negative', '10'],
    ['≥2万亩', '30000亩', 'positive', '20'],
  ])('%s against %s scores %s', (target, actual, method, score) => {
    const r = scored({ indicators: padded({ target, actual, weight: '20' }) });
    const i = indicatorAt(r);
    expect(i.method).toBe(method);
    expect(i.score?.toFixed()).toBe(score);
    expect(codes(r.findings)).not.toContain('unit-mismatch');
  });

  it('个百分点 is not %', () => {
    const r = scored({ indicators: padded({ target: '≥3个百分点', actual: '5%', weight: '20', score: '20' }) });
    expect(codes(r.findings)).toContain('unit-mismatch');
  });
});
