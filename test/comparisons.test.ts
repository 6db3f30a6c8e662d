// Issue 10, FORMAT.md §2 1.1: the new comparison words, and the words that are never units, as a form scores them.
import { describe, expect, it } from 'vitest';
import { codes, indicatorAt, padded, scored } from './helpers.js';

const one = (target: string, actual: string, score?: string) => scored({ indicators: padded({ target, actual, weight: '20', score }) });

describe('comparisons of 1.1', () => {
  it.each([
    ['不小于90%', '81%', 'positive', '18'],
    ['不大于10天', '20天', 'negative', '10'],
    ['═100个', '90个', 'equal', '18'],
    ['30天内', '60天', 'negative', '10'],
    ['≧100个', '50个', 'positive', '10'],
    ['90%及以上', '45%', 'positive', '10'],
    ['5次及以下', '10次', 'negative', '10'],
    ['大于等于10', '5', 'positive', '10'],
    ['小于等于10', '20', 'negative', '10'],
    ['=100以上', '50', 'positive', '10'],
  ])('%s against %s is %s and scores %s', (target, actual, method, score) => {
    const r = one(target, actual);
    const i = indicatorAt(r);
    expect(i.method).toBe(method);
    expect(i.score?.toFixed()).toBe(score);
  });

  it('a prefix and a suffix that contradict are not a quantity', () => {
    const r = one('≥30天内', '20天', '20');
    expect(indicatorAt(r).method).toBe('qualitative');
  });
});

describe('左右, 年度, 年, 月, 日 are never units', () => {
  it.each([
    ['100左右', '90'],
    ['2023年度', '2023'],
    ['5年', '5年'],
    ['3个月', '2个月'],
    ['5个工作日', '4个工作日'],
  ])('%s against %s is qualitative (the stated score)', (target, actual) => {
    const r = one(target, actual, '15');
    const i = indicatorAt(r);
    expect(i.method).toBe('qualitative');
    expect(i.score?.toFixed()).toBe('15');
    expect(codes(r.findings)).not.toContain('score-mismatch');
  });
});
