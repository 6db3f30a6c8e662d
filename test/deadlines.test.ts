// Issue 10, FORMAT.md §2 and §7 1.1: dates are never quantities; two dates of one year are a deadline.
import { describe, expect, it } from 'vitest';
import { jsonResult } from '../src/report/json-result.js';
import { compareDays, endOf, parseDate } from '../src/score/dates.js';
import { parseQuantity } from '../src/score/quantity.js';
import { codes, evalForm, indicatorAt, padded, scored } from './helpers.js';

describe('parseDate', () => {
  it.each([
    ['9月前', '2022-9-30'],
    ['9月底前', '2022-9-30'],
    ['9月', '2022-9-30'],
    ['９月底', '2022-9-30'],
    ['2023年12月底前', '2023-12-31'],
    ['12月31日前', '2022-12-31'],
    ['年底前', '2022-12-31'],
    ['2023年底前完成', '2023-12-31'],
    ['第三季度', '2022-9-30'],
    ['三季度末', '2022-9-30'],
    ['第四季度前', '2022-12-31'],
    ['7月', '2022-7-31'],
    ['2023年10月', '2023-10-31'],
    ['2月', '2022-2-28'],
    ['2024年2月', '2024-2-29'],
    ['2023年', '2023-12-31'],
    ['2023年度', '2023-12-31'],
    ['上半年', '2022-6-30'],
    ['6月上旬', '2022-6-10'],
    ['已于8月15日完成', '2022-8-15'],
    ['2022-11-05', '2022-11-5'],
  ])('%s ends %s (form year 2022)', (text, end) => {
    const ref = parseDate(text);
    expect(ref).toBeDefined();
    const d = endOf(ref!, 2022);
    expect(`${d.year}-${d.month}-${d.day}`).toBe(end);
    expect(parseQuantity(text)).toBeUndefined();
  });

  it.each(['', '30天', '100', '13月', '2月30日', '底前', '前', '按时完成', '5年', '3个月', '平均9月', '9月前完成培训'])(
    '%j is not a date',
    (text) => {
      expect(parseDate(text)).toBeUndefined();
    },
  );

  it('compares the ends of periods', () => {
    expect(compareDays(endOf(parseDate('9月')!, 2022), endOf(parseDate('9月前')!, 2022))).toBe(0);
    expect(compareDays(endOf(parseDate('10月1日')!, 2022), endOf(parseDate('9月底前')!, 2022))).toBe(1);
  });
});

const one = (target: string, actual: string, score?: string, rating?: string) =>
  scored({ indicators: padded({ target, actual, weight: '20', score, rating }) });

describe('deadline indicators', () => {
  it('9月前 against 7月 is a deadline met, not a unit-mismatch', () => {
    const r = one('9月前', '7月');
    const i = indicatorAt(r);
    expect(i.method).toBe('deadline');
    expect(i.score?.toFixed()).toBe('20');
    expect(codes(r.findings)).toEqual([]);
  });

  it.each([
    ['9月前', '9月'],
    ['9月底前', '9月30日'],
    ['第三季度', '2022年9月'],
    ['年底前', '12月31日'],
    ['2022年12月底前', '2022-12-31'],
  ])('%s against %s is on time', (target, actual) => {
    expect(indicatorAt(one(target, actual)).score?.toFixed()).toBe('20');
  });

  it('a met deadline checks a stated score like a quantitative one', () => {
    const r = one('9月前', '8月', '15');
    expect(indicatorAt(r).score?.toFixed()).toBe('20');
    expect(codes(r.findings)).toContain('score-mismatch');
  });

  it('a missed deadline is scored from the stated score, without deadline-missed below w', () => {
    const r = one('9月底前', '10月', '15', undefined);
    const i = indicatorAt(r);
    expect(i.method).toBe('deadline');
    expect(i.score?.toFixed()).toBe('15');
    expect(codes(r.findings)).not.toContain('deadline-missed');
    expect(codes(r.findings)).not.toContain('score-mismatch');
  });

  it('a missed deadline stated at full points is deadline-missed', () => {
    const r = one('9月底前', '10月1日', '20');
    expect(indicatorAt(r).score?.toFixed()).toBe('20');
    expect(codes(r.findings)).toContain('deadline-missed');
  });

  it('a missed deadline on an indicator worth nothing (weight 0, score 0) is not deadline-missed: no points to lose', () => {
    const r = scored({ indicators: padded({ target: '9月前', actual: '10月', weight: '0', score: '0' }) });
    expect(codes(r.findings)).not.toContain('deadline-missed');
  });

  it('a missed deadline without a score is score-missing', () => {
    const r = one('第三季度', '11月');
    expect(indicatorAt(r).score).toBeUndefined();
    expect(codes(r.findings)).toContain('score-missing');
  });

  it('a rating makes a date pair qualitative', () => {
    const r = one('9月前', '10月', '20', '达成');
    expect(indicatorAt(r).method).toBe('qualitative');
    expect(codes(r.findings)).not.toContain('deadline-missed');
  });

  it('dates of different years, or a date against anything else, are qualitative; a date actual is not prose', () => {
    expect(indicatorAt(one('2023年12月底前', '12月', '18')).method).toBe('qualitative');
    expect(indicatorAt(one('9月前', '按时完成', '18')).method).toBe('qualitative');
    const r = one('≥95%', '9月', '18');
    expect(indicatorAt(r).method).toBe('qualitative');
    expect(codes(r.findings)).not.toContain('actual-not-quantity');
  });

  it('prints method deadline in the JSON result', () => {
    const ev = evalForm({ indicators: padded({ target: '9月前', actual: '7月', weight: '20' }) });
    const json = JSON.parse(JSON.stringify(jsonResult(ev)));
    expect(json.indicators[0].method).toBe('deadline');
  });
});
