// Issue 10, FORMAT.md §7 "A zero row": 全年预算数 0 and nothing spent has no rate and no finding; a stated 0% agrees.
import { describe, expect, it } from 'vitest';
import { tableView } from '../src/render/view.js';
import { found, variant } from './variant-helpers.js';

describe('a zero row', () => {
  it('has no rate and no finding, and a stated 0% there agrees', () => {
    const ev = variant(`
appropriation: {initial: 100, annual: 100, executed: 95}
carryover: {initial: 0, annual: 0, executed: 0, rate: 0%}
own: {annual: 0, executed: 0, rate: 0.00%}
`);
    expect(found(ev)).toEqual([]);
    const rows = ev.result!.funds.rows;
    for (const key of ['carryover', 'own']) {
      const row = rows.find((r) => r.key === key)!;
      expect(row.computedRate).toBeUndefined();
      expect(row.rateCheck?.agrees).toBe(true);
    }
    expect(ev.result!.funds.rateRounded?.toFixed(2)).toBe('95.00');
    const v = tableView(ev.result!);
    expect(v.funds.find((f) => f.key === 'carryover')).toMatchObject({ annual: '0', executed: '0', rate: '' });
  });

  it('with no stated rate, or with the executed left blank, is silent too', () => {
    expect(found(variant('appropriation: {annual: 100, executed: 95}\nother: {annual: 0, executed: 0}'))).toEqual([]);
    expect(found(variant('appropriation: {annual: 100, executed: 95}\nother: {annual: 0}'))).toEqual([]);
  });

  it('a rate other than 0% stated there disagrees', () => {
    const ev = variant('appropriation: {annual: 100, executed: 95}\nother: {annual: 0, executed: 0, rate: 5%}');
    expect(found(ev)).toEqual([['rate-mismatch', '/funds/other/rate']]);
    expect(ev.findings[0]?.message).toBe('其他资金全年预算数为 0 且无执行数，没有执行率（可写 0% 或不写），表中为 5%');
  });

  it('a zero row that is the whole 年度资金总额 is still zero-budget (the total has no budget)', () => {
    expect(found(variant('appropriation: {annual: 0, executed: 0, rate: 0%}'))).toEqual([['zero-budget', '/funds/appropriation/annual']]);
  });

  it('in a 年初预算数-only table, a row with 年初预算数 0 and nothing spent is a zero row too', () => {
    const ev = variant('appropriation: {initial: 100, executed: 95}\nother: {initial: 0, executed: 0, rate: 0%}');
    expect(found(ev)).toEqual([['initial-as-budget', '/funds/appropriation/initial']]);
  });
});
