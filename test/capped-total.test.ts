// Issue 9, item 3: the capped total is not rounded again (FORMAT.md §3 1.1), in the engine, its messages and
// `--format json`.
import { describe, expect, it } from 'vitest';
import { jsonResult } from '../src/report/json-result.js';
import { evalForm, scored } from './helpers.js';

const CAP = 'rate_caps: [{below: 80, max_total: 89.5}]';

describe('a cap of 89.5', () => {
  it.each([0, 1, 2])('gives a total of 89.5 with places %i', (places) => {
    const r = scored({ appropriation: { annual: '100', executed: '75' }, fundsDeviation: '说明', rules: `${CAP}\nplaces: ${places}` });
    expect(r.total.toString()).toBe('89.5');
    expect(r.cap?.toString()).toBe('89.5');
    expect(r.grade).toBe('良');
  });

  it('is printed as 89.5 by --format json, even with places 0', () => {
    const ev = evalForm({ appropriation: { annual: '100', executed: '75' }, fundsDeviation: '说明', rules: `${CAP}\nplaces: 0` });
    expect(jsonResult(ev).total).toBe(89.5);
    expect(jsonResult(ev).grade).toBe('良');
  });

  it('is named as 89.5 in the total and grade messages, even with places 0', () => {
    const r = scored({
      appropriation: { annual: '100', executed: '75' },
      fundsDeviation: '说明',
      total: '97',
      grade: '优',
      rules: `${CAP}\nplaces: 0`,
    });
    const message = (code: string) => r.findings.find((f) => f.code === code)?.message ?? '';
    expect(message('total-mismatch')).toContain('总分应为 89.5');
    expect(message('grade-mismatch')).toContain('总分 89.5');
  });
});

describe('the printed table shows what the engine computed', () => {
  it('prints a capped 89.5 as 89.5 in the view, the terminal table and the overview, even with places 0', async () => {
    const { tableView } = await import('../src/render/view.js');
    const { scoreTable } = await import('../src/report/table.js');
    const { overview } = await import('../src/report/overview.js');
    const ev = evalForm({ appropriation: { annual: '100', executed: '75' }, fundsDeviation: '说明', rules: `${CAP}\nplaces: 0` });
    const ctx = { cwd: '/', version: '0' };
    expect(tableView(ev.result!).total.score).toBe('89.5');
    expect(scoreTable([ev], ctx)).toMatch(/总分\s+100\s+89\.5（/);
    expect(overview([ev], ctx)).toContain('89.5');
  });

  it('prints the 执行率 in the rules rounding mode: 2/3 is 66.66% under down, 66.67% under half-up', async () => {
    const { tableView } = await import('../src/render/view.js');
    const rate = (rounding: string) => {
      const ev = evalForm({ appropriation: { annual: '3', executed: '2' }, fundsDeviation: '说明', rules: `rounding: ${rounding}` });
      return tableView(ev.result!).funds.find((row) => row.key === 'total')?.rate;
    };
    expect(rate('down')).toBe('66.66%');
    expect(rate('half-up')).toBe('66.67%');
  });
});
