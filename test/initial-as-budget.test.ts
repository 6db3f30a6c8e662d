// Issue 10, FORMAT.md §7: a table with only a 年初预算数 column; the rate is taken on it, with initial-as-budget.
import { describe, expect, it } from 'vitest';
import { found, variant } from './variant-helpers.js';

describe('only a 年初预算数 column', () => {
  it('the rate is B ÷ 年初预算数 and initial-as-budget names the numbers', () => {
    const ev = variant(`
appropriation: {initial: 100, executed: 80}
carryover: {initial: 20, executed: 10, rate: 50%}
`);
    const r = ev.result!;
    expect(r.funds.budgetColumn).toBe('initial');
    // 90 ÷ 120 = 75%
    expect(r.funds.rateRounded?.toFixed(2)).toBe('75.00');
    expect(r.funds.score.toFixed(2)).toBe('7.50');
    expect(r.funds.rows.find((x) => x.key === 'carryover')?.rateCheck?.agrees).toBe(true);
    expect(found(ev)).toEqual([['initial-as-budget', '/funds/appropriation/initial']]);
    expect(ev.findings[0]).toMatchObject({
      severity: 'warning',
      message: '表中没有全年预算数，执行率按年初预算数计算：年度资金总额执行率 90 ÷ 120 = 75.00%',
    });
  });

  it('a stated total alone with only 年初预算数 is scored on it', () => {
    const ev = variant('total: {initial: 50, executed: 50}');
    expect(ev.result?.funds.rateRounded?.toFixed(2)).toBe('100.00');
    expect(found(ev)).toEqual([['initial-as-budget', '/funds/total/initial']]);
  });

  it('any 全年预算数 given keeps the rule B ÷ 全年预算数 (no warning)', () => {
    const ev = variant(`
appropriation: {initial: 100, annual: 120, executed: 90}
carryover: {initial: 20, executed: 0}
`);
    expect(ev.result?.funds.budgetColumn).toBe('annual');
    expect(ev.result?.funds.rateRounded?.toFixed(2)).toBe('75.00');
    expect(found(ev)).toEqual([]);
  });

  it('zero-budget then judges the 年初预算数', () => {
    const ev = variant(`
appropriation: {initial: 100, executed: 80}
other: {initial: 0, executed: 5}
`);
    expect(found(ev)).toEqual([
      ['initial-as-budget', '/funds/appropriation/initial'],
      ['zero-budget', '/funds/other/initial'],
    ]);
    expect(ev.findings.find((f) => f.code === 'zero-budget')?.message).toBe(
      '其他资金年初预算数为 0，但全年执行数为 5：这一行无法计算执行率，其执行数仍计入年度资金总额',
    );
  });

  it('overspend and rate-mismatch name the 年初预算数', () => {
    const ev = variant('appropriation: {initial: 100, executed: 110, rate: 100%}');
    expect(found(ev)).toEqual([
      ['initial-as-budget', '/funds/appropriation/initial'],
      ['overspend', '/funds/appropriation/executed'],
      ['rate-mismatch', '/funds/appropriation/rate'],
    ]);
    const message = (code: string) => ev.findings.find((f) => f.code === code)?.message;
    expect(message('rate-mismatch')).toContain('（110 ÷ 100）');
    expect(message('overspend')).toContain('超过年初预算数 100');
  });

  it('a total without any budget is still zero-budget, on the 年初预算数', () => {
    const ev = variant('appropriation: {initial: 0, executed: 0}');
    expect(found(ev)).toEqual([
      ['initial-as-budget', '/funds/appropriation/initial'],
      ['zero-budget', '/funds/appropriation/initial'],
    ]);
    expect(ev.findings.find((f) => f.code === 'zero-budget')?.message).toBe('年度资金总额的年初预算数为 0：无法计算执行率，预算执行不得分');
  });
});

describe('what is not a 年初预算数-only table', () => {
  it('a 年初预算数 with nothing executed is a budget left blank (v1: zero-budget on 全年预算数)', () => {
    expect(found(variant('appropriation: {initial: 100}'))).toEqual([['zero-budget', '/funds/appropriation/annual']]);
  });
});
