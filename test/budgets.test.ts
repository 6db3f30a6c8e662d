// Issue 9, item 6: zero-budget on every funds row, a form without any budget, the zero row, overspend per row
// (FORMAT.md §3 1.1 "Budgets", §7 "A zero row").
import { describe, expect, it } from 'vitest';
import type { FormSpec } from './helpers.js';
import { scored } from './helpers.js';

function funds(spec: FormSpec) {
  const r = scored({ fundsDeviation: '说明', ...spec });
  return {
    r,
    found: r.findings.map((f) => [f.code, f.path]),
    rate: r.funds.rate?.toFixed(2),
    score: r.funds.score.toFixed(2),
    row: (key: string) => r.funds.rows.find((x) => x.key === key),
  };
}

describe('zero-budget applies to every funds row', () => {
  it('上年结转资金 spending 20 with a blank budget is flagged on its row, and its spending still counts', () => {
    const got = funds({ appropriation: { annual: '100', executed: '80' }, carryover: { executed: '20' } });
    expect(got.found).toEqual([['zero-budget', '/funds/carryover/annual']]);
    expect(got.r.findings[0]?.message).toContain('20');
    expect(got.row('total')?.executed?.toString()).toBe('100');
    expect(got.rate).toBe('100.00');
    expect(got.row('carryover')?.computedRate).toBeUndefined();
  });

  it('each row that spends without a budget is flagged, once', () => {
    const got = funds({ appropriation: { annual: '0', executed: '10' }, other: { executed: '5' } });
    expect(got.found).toEqual([
      ['zero-budget', '/funds/appropriation/annual'],
      ['zero-budget', '/funds/other/annual'],
    ]);
    expect([got.rate, got.score]).toEqual([undefined, '0.00']);
  });

  it('a total given alone that spends without a budget is flagged on the total', () => {
    expect(funds({ fundsTotal: { annual: '0', executed: '10' } }).found).toEqual([['zero-budget', '/funds/total/annual']]);
  });
});

describe('a form whose 年度资金总额 has no budget at all', () => {
  it('gets zero-budget even when nothing was spent: no funds rows at all', () => {
    const got = funds({ fundsTotal: {} });
    expect(got.found).toEqual([['zero-budget', '/funds']]);
    expect([got.rate, got.score]).toEqual([undefined, '0.00']);
  });

  it('gets zero-budget even when nothing was spent: a 年初预算数 only', () => {
    expect(funds({ appropriation: { initial: '100' } }).found).toEqual([['zero-budget', '/funds/appropriation/annual']]);
  });

  it('gets zero-budget even when nothing was spent: rows of 0', () => {
    expect(funds({ appropriation: { annual: '0', executed: '0' }, carryover: { annual: '0' } }).found).toEqual([
      ['zero-budget', '/funds/appropriation/annual'],
    ]);
    expect(funds({ fundsTotal: { annual: '0', executed: '0' } }).found).toEqual([['zero-budget', '/funds/total/annual']]);
  });
});

describe('a zero row (FORMAT.md §7)', () => {
  const zero = (rate?: string) =>
    funds({
      appropriation: { annual: '100', executed: '95' },
      other: { annual: '0', executed: '0', ...(rate ? { rate: `"${rate}"` } : {}) },
    });

  it('has no rate and no finding', () => {
    const got = zero();
    expect(got.found).toEqual([]);
    expect(got.row('other')?.computedRate).toBeUndefined();
    expect(got.row('other')?.rateRounded).toBeUndefined();
    expect(got.rate).toBe('95.00');
  });

  it('a stated 0% there agrees', () => {
    const got = zero('0%');
    expect(got.found).toEqual([]);
    expect(got.row('other')?.rateCheck?.agrees).toBe(true);
    expect(zero('0.00%').found).toEqual([]);
  });

  it('a stated rate other than 0% there disagrees', () => {
    const got = zero('100%');
    expect(got.found).toEqual([['rate-mismatch', '/funds/other/rate']]);
    expect(got.r.findings[0]?.message).toContain('0%');
  });
});

describe('overspend', () => {
  it('is reported per row; each rate is B ÷ A as computed, only the funds score is capped', () => {
    const got = funds({ appropriation: { annual: '100', executed: '120' }, carryover: { annual: '100', executed: '50' } });
    expect(got.found).toEqual([['overspend', '/funds/appropriation/executed']]);
    expect(got.row('appropriation')?.computedRate?.toFixed(2)).toBe('120.00');
    expect(got.row('appropriation')?.rateRounded?.toFixed(2)).toBe('120.00');
    expect([got.rate, got.score]).toEqual(['85.00', '8.50']);
    // The row is not scored, so its message does not say the rate is capped.
    expect(got.r.findings[0]?.message).not.toContain('按 100% 计');
  });

  it('on the row that is scored, the rate shown exceeds 100% and the funds score is the weight', () => {
    const got = funds({ appropriation: { annual: '100', executed: '120', rate: '"120%"' }, fundsScore: '10' });
    expect(got.found).toEqual([['overspend', '/funds/appropriation/executed']]);
    expect([got.rate, got.score]).toEqual(['120.00', '10.00']);
    expect(got.r.funds.rateRounded?.toFixed(2)).toBe('120.00');
    expect(got.r.findings[0]?.message).toContain('120.00%');
  });

  it('two rows that overspend are two findings', () => {
    const got = funds({ appropriation: { annual: '100', executed: '101' }, other: { annual: '10', executed: '11' } });
    expect(got.found).toEqual([
      ['overspend', '/funds/appropriation/executed'],
      ['overspend', '/funds/other/executed'],
    ]);
  });
});
