// The reviewing office's page (src/report/dashboard.ts) as markup: self-contained, escaped, the charts' numbers
// drawn from the data. The browser test is test/summary-browser.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import type { Evaluation } from '../src/model/types.js';
import { dashboardHtml, histogramCounts } from '../src/report/dashboard.js';
import { summaryData, type SummaryRow } from '../src/report/summary-data.js';
import { formYaml, ROOT } from './helpers.js';

const EXAMPLES = ['hunan-2022-business.yaml', 'hunan-2022-operations.yaml', 'quantitative.yaml'].map((name) => {
  const file = path.join(ROOT, 'examples', name);
  return evaluate(readFileSync(file, 'utf8'), file);
});

const page = (evals: Evaluation[], links?: Map<string, string>) =>
  dashboardHtml(summaryData(evals, { cwd: ROOT, links }), { version: '9.9.9' });

/** The attribute values of `attr` on elements that have it, in order. */
const attrs = (html: string, attr: string): string[] => [...html.matchAll(new RegExp(`${attr}="([^"]*)"`, 'g'))].map((m) => m[1]!);

describe('the page over three examples', () => {
  const html = page(EXAMPLES);

  it('is one self-contained document: inline CSS and SVG, no request to anywhere', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toMatch(/<meta charset="utf-8">/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<link\b|<img\b|\bsrc=|url\(|@import|https?:\/\//);
    expect(html.match(/<svg\b/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('由 evalform 9.9.9 生成');
  });

  it('names the years of the forms, and the totals in the cards', () => {
    expect(html).toContain('<title>2022—2023年度项目支出绩效自评结果汇总</title>');
    expect(page(EXAMPLES.slice(0, 2))).toContain('<h1>2022年度项目支出绩效自评结果汇总</h1>');
    // 1983.98 + 288 + 1500 = 3771.98; 1472.51 + 259.49 + 1389.9 = 3121.90; 3121.9 ÷ 3771.98 = 82.765…%.
    expect(html).toMatch(/data-key="budget"><dt>[^<]*<\/dt><dd>3771\.98<\/dd>/);
    expect(html).toMatch(/data-key="executed"><dt>[^<]*<\/dt><dd>3121\.90<\/dd>/);
    expect(html).toMatch(/data-key="rate"><dt>[^<]*<\/dt><dd>82\.77%<\/dd>/);
    expect(html).toMatch(/data-key="errors"><dt>错误<\/dt><dd>4<\/dd>/);
  });

  it('grade bars, 总分 bins and the scatter drawn from the rows', () => {
    expect(attrs(html, 'data-grade')).toEqual(['优', '良', '中', '差']);
    expect(attrs(html, 'data-count').slice(0, 4)).toEqual(['3', '0', '0', '0']);
    // 97.42, 99.01 and 95.69: all three in ≥95.
    expect(html).toMatch(/data-bin="≥95" data-count="3"/);
    expect(html).toMatch(/data-bin="90–94\.99" data-count="0"/);
    expect(attrs(html, 'data-threshold')).toEqual(['90']);
    expect(html.match(/<circle /g)).toHaveLength(3);
    // Table 1 is below 90% without funds.deviation: its point is red, and the caption counts it.
    expect(html).toMatch(/class="dot missing" data-index="1"/);
    expect(html).toContain('rate-explanation-missing，1 张');
    expect(html).toContain('执行率低于它的项目，须在偏差原因（funds.deviation）中说明');
  });

  it('the department table: a subtotal per 主管部门 and the total, rates from the sums', () => {
    expect(attrs(html, 'data-department')).toEqual(['湖南省信访局', '清溪县交通运输局']);
    const hunan = html.slice(html.indexOf('data-department="湖南省信访局"'));
    expect(hunan).toMatch(
      /^[^\n]*data-key="budget">2271\.98<.*data-key="executed">1732\.00<.*data-key="rate">76\.23%<.*data-key="score">98\.22</,
    );
  });

  it("the forms table's total row: the sums, the rate of the sums, and the mean 总分 said to be one", () => {
    const foot = html.slice(html.lastIndexOf('<tfoot>'));
    // (97.42 + 99.01 + 95.69) ÷ 3 = 97.373… → 97.37.
    expect(foot).toMatch(
      /^<tfoot><tr class="total"><th scope="row" colspan="4">合计 3 张表<\/th><td class="num" data-key="budget">3771\.98<.*data-key="rate">82\.77%<.*data-key="score">平均 97\.37</,
    );
  });

  it('findings by code with their Chinese summary, and each form with its findings and numbers', () => {
    expect(attrs(html, 'data-code')).toEqual(['rate-mismatch', 'funds-score-mismatch', 'total-mismatch', 'rate-explanation-missing']);
    expect(html).toContain('填报的总分与计算出的总分不符。');
    const row = html.slice(html.indexOf('<tr class="has-errors" data-file="examples/hunan-2022-business.yaml">'));
    expect(row).toMatch(/^[^\n]*data-key="rate" data-v="74.22">74\.22%<.*data-key="score" data-v="97.42">97\.42</);
    expect(row).toMatch(/^[^\n]*<details><summary>当年财政拨款执行率应为 74\.22%/);
    expect(row).toMatch(/^[^\n]*<li class="warning"><span class="sev">警告<\/span> 执行率 74\.22% 低于 90%/);
    expect(row).toMatch(/^[^\n]*107:8 <code>total-mismatch<\/code>/);
    expect(attrs(html.slice(0, html.indexOf('<script>')), 'data-sort')).toEqual([
      'index',
      'department',
      'implementer',
      'project',
      'budget',
      'executed',
      'rate',
      'score',
      'grade',
      'problems',
    ]);
  });

  it('links a form to its rendered table only when given one', () => {
    expect(html).not.toContain('<a href');
    const file = EXAMPLES[2]!.file;
    const linked = page(EXAMPLES, new Map([[file, 'examples/quantitative.html']]));
    expect(linked).toContain('<a href="examples/quantitative.html">农村公路日常养护及危桥改造</a>');
  });

  it('is the same bytes for the same data', () => {
    expect(page(EXAMPLES)).toBe(html);
  });
});

describe('hostile text', () => {
  it('escapes every text from a form, and drops characters no document may hold', () => {
    let text = formYaml({ appropriation: { annual: '100', executed: '50' } });
    text = text
      .replace(/^project: .*$/m, 'project: "<script>alert(1)</script>&\\x07"')
      .replace(/^department: .*$/m, `department: "\\"'><img src=x onerror=alert(1)>"`)
      .replace(/^implementer: .*$/m, 'implementer: "</td></tr></table>"');
    const ev = evaluate(text, path.join(ROOT, 'x"<.yaml'));
    const html = page([ev], new Map([[ev.file, 'javascript:alert(1)" onclick="x']]));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</td></tr></table>"');
    expect(html).not.toContain('\x07');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
    expect(html).toContain('data-file="x&quot;&lt;.yaml"');
    expect(html).toContain('href="javascript:alert(1)&quot; onclick=&quot;x"');
    // Only the page's own script element.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});

describe('the 总分 histogram', () => {
  const withTotal = (total: string) => ({ score: new Decimal(total) }) as SummaryRow;

  it('bins on the grade boundaries: below 60, five points each, 95 and above together', () => {
    const rows = ['0', '59.99', '60', '64.99', '65', '89.99', '90', '94.99', '95', '100', '110'].map(withTotal);
    // The counts of <60, 60–, 65–, 70–, 75–, 80–, 85–, 90–, ≥95.
    expect(histogramCounts(rows)).toEqual([2, 2, 1, 0, 0, 0, 1, 2, 3]);
  });

  it('leaves out forms without a score', () => {
    expect(histogramCounts([{} as SummaryRow])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('no problems at all', () => {
  it('says so instead of an empty table', () => {
    const clean = evaluate(formYaml(), path.join(ROOT, 'clean.yaml'));
    const html = page([clean]);
    expect(html).toContain('没有发现问题。');
    expect(html).not.toContain('id="codes"');
    expect(html).toContain('<td class="problems">—</td>');
  });
});

describe('forms that cannot be read', () => {
  it('are rows without numbers, named in the lead and left out of the amounts', () => {
    const broken = evaluate('evalform: 1\nyear: [2022\n', path.join(ROOT, 'broken.yaml'));
    const html = page([evaluate(formYaml(), path.join(ROOT, 'ok.yaml')), broken]);
    expect(html).toContain('共 2 张表，其中 1 张无法读取，不计入金额和得分；');
    expect(html).toMatch(/data-file="broken\.yaml">.*data-key="score" data-v="">—</);
    expect(attrs(html, 'data-department')).toEqual(['测试部门', '（无法读取的表）']);
  });
});
