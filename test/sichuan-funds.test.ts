// Issue 10, FORMAT.md §7: Sichuan's funds rows 财政专户管理资金 and 单位资金, shown only when the form has them.
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';
import { tableView } from '../src/render/view.js';
import { scoreTable } from '../src/report/table.js';
import { docxTables, texts } from './render-helpers.js';
import { example } from './helpers.js';
import { found, variant } from './variant-helpers.js';

const SICHUAN = `
appropriation: {initial: 100, annual: 120, executed: 110}
special_account: {initial: 20, annual: 30, executed: 24, rate: 80%}
own: {initial: 10, annual: 10, executed: 12}
`;

describe('funds.special_account and funds.own', () => {
  it('are summed into 年度资金总额 and have their own rates', () => {
    const ev = variant(SICHUAN);
    const r = ev.result!;
    const row = (k: string) => r.funds.rows.find((x) => x.key === k)!;
    expect(row('total').annual?.toString()).toBe('160');
    expect(row('total').executed?.toString()).toBe('146');
    expect(row('total').initial?.toString()).toBe('130');
    // 146 ÷ 160 = 91.25%
    expect(r.funds.rateRounded?.toFixed(2)).toBe('91.25');
    expect(r.funds.score.toFixed(2)).toBe('9.13');
    expect(row('special_account').rateRounded?.toFixed(2)).toBe('80.00');
    expect(row('special_account').rateCheck?.agrees).toBe(true);
    expect(row('own').rateRounded?.toFixed(2)).toBe('120.00');
    expect(found(ev)).toEqual([['overspend', '/funds/own/executed']]);
    expect(ev.findings[0]?.message).toContain('单位资金全年执行数 12 超过全年预算数 10');
  });

  it('get zero-budget and rate-mismatch like the other rows', () => {
    const ev = variant(`
appropriation: {annual: 100, executed: 90}
special_account: {executed: 5}
own: {annual: 10, executed: 5, rate: 60%}
`);
    expect(found(ev)).toEqual([
      ['rate-mismatch', '/funds/own/rate'],
      ['zero-budget', '/funds/special_account/annual'],
    ]);
    const message = (code: string) => ev.findings.find((f) => f.code === code)?.message;
    expect(message('zero-budget')).toContain('财政专户管理资金全年预算数为空');
    expect(message('rate-mismatch')).toContain('单位资金执行率应为 50.00%');
  });

  it('a stated total is checked against the sum including the new rows', () => {
    const ev = variant(`${SICHUAN}total: {annual: 150, executed: 146}`);
    expect(found(ev)).toContainEqual(['funds-total-mismatch', '/funds/total/annual']);
  });

  it('the view lists them after 当年财政拨款, only when present', () => {
    const v = tableView(variant(SICHUAN).result!);
    expect(v.funds.map((f) => f.label)).toEqual([
      '年度资金总额',
      '其中：当年财政拨款',
      '财政专户管理资金',
      '单位资金',
      '上年结转资金',
      '其他资金',
    ]);
    expect(v.fundsRowSpan).toBe(7);
    expect(v.funds[2]).toMatchObject({ initial: '20', annual: '30', executed: '24', rate: '80.00%', weight: '', score: '' });
    const central = tableView(variant('appropriation: {annual: 100, executed: 90}').result!);
    expect(central.funds.map((f) => f.key)).toEqual(['total', 'appropriation', 'carryover', 'other']);
    expect(central.fundsRowSpan).toBe(5);
  });

  it('are printed in the terminal table, the HTML page and the .docx', async () => {
    const ev = variant(SICHUAN);
    const terminal = scoreTable([ev], { cwd: '/', version: '0' });
    expect(terminal).toMatch(/财政专户管理资金 +20 +30 +24 +80\.00%/);
    expect(terminal).toMatch(/单位资金 +10 +10 +12 +120\.00%/);
    const v = tableView(ev.result!);
    const html = renderHtml([v], example('../templates/table.hbs'));
    expect(html).toContain('rowspan="7">项目资金');
    expect(html).toContain('<td colspan="2">财政专户管理资金</td><td>20</td><td>30</td><td>24</td>');
    const rows = texts(docxTables(await renderDocx([v]))[0]!);
    const labels = rows.map((r) => r.join('|')).filter((l) => l.includes('资金'));
    expect(labels.some((l) => l.includes('财政专户管理资金|20|30|24'))).toBe(true);
    expect(labels.some((l) => l.includes('单位资金|10|10|12'))).toBe(true);
  });
});
