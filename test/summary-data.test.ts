// The 汇总表 as data (src/report/summary-data.ts): rows, department subtotals from exact sums, the total, findings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import type { Evaluation } from '../src/model/types.js';
import { summaryData, UNREADABLE_DEPARTMENT } from '../src/report/summary-data.js';
import { formYaml, HAND_CHECKED_EXAMPLES, ROOT } from './helpers.js';

const EXAMPLES = HAND_CHECKED_EXAMPLES;

function example(name: string): Evaluation {
  const file = path.join(ROOT, 'examples', name);
  return evaluate(readFileSync(file, 'utf8'), file);
}

const form = (file: string, fields: Record<string, string>, spec: Parameters<typeof formYaml>[0] = {}): Evaluation => {
  let text = formYaml(spec);
  for (const [key, value] of Object.entries(fields)) text = text.replace(new RegExp(`^${key}: .*$`, 'm'), `${key}: ${value}`);
  return evaluate(text, path.join(ROOT, file));
};

describe('the examples', () => {
  const data = summaryData(EXAMPLES.map(example), { cwd: ROOT });

  it('one row per form, grouped by 主管部门 in the order each first appears, numbered 1..n', () => {
    expect(data.rows.map((r) => [r.index, r.department, r.file])).toEqual([
      [1, '湖南省信访局', 'examples/hunan-2022-business.yaml'],
      [2, '湖南省信访局', 'examples/hunan-2022-operations.yaml'],
      [3, '清溪县交通运输局', 'examples/quantitative.yaml'],
      [4, '白溪县卫生健康局', 'examples/sichuan-2022-public-health.yaml'],
      [5, '澜溪县水务局', 'examples/yunnan-2023-rural-water.yaml'],
    ]);
  });

  it("each row: the 年度资金总额's 全年预算数 and 全年执行数, the computed 执行率, 总分 and 等级", () => {
    const row = data.rows[0]!;
    expect(row).toMatchObject({
      project: '业务工作经费',
      implementer: '湖南省信访局本级',
      year: 2022,
      grade: '优',
      budgetColumn: 'annual',
    });
    // Seed table 1, worked in the README: 1472.51 ÷ 1983.98 = 74.22%, 总分 97.42 (the form states 75.45% and 97.5).
    expect([row.budget?.toFixed(), row.executed?.toFixed(), row.rate?.toFixed(2), row.score?.toFixed(2)]).toEqual([
      '1983.98',
      '1472.51',
      '74.22',
      '97.42',
    ]);
    expect(data.rows.map((r) => r.budget?.toFixed())).toEqual(['1983.98', '288', '1500', '365', '920']);
    expect(data.rows.map((r) => r.executed?.toFixed())).toEqual(['1472.51', '259.49', '1389.9', '343.1', '861']);
  });

  it('问题数 and the first problems in words, errors first', () => {
    const row = data.rows[0]!;
    expect([row.errors, row.warnings, row.problems]).toEqual([4, 1, 5]);
    expect(row.problemsText).toMatch(/^当年财政拨款执行率应为 74\.22%（1472\.51 ÷ 1983\.98），表中为 75\.45%；/);
    expect(row.problemsText).toMatch(/；等 5 条$/);
    expect(row.problemsText.split('；')).toHaveLength(4);
    expect(data.rows[1]!.problemsText).toBe('');
  });

  it('the subtotal of 湖南省信访局: exact sums, the rate from the sums, the mean 总分', () => {
    const hunan = data.departments[0]!;
    // By hand: 1983.98 + 288 = 2271.98; 1472.51 + 259.49 = 1732.00; 1732 ÷ 2271.98 = 76.233…%; (97.42 + 99.01) ÷ 2 = 98.215 → 98.22.
    expect(hunan.department).toBe('湖南省信访局');
    expect([hunan.forms, hunan.budget.toFixed(), hunan.executed.toFixed(), hunan.rate?.toFixed(2), hunan.scoreMean?.toFixed(2)]).toEqual([
      2,
      '2271.98',
      '1732',
      '76.23',
      '98.22',
    ]);
    expect([hunan.errors, hunan.warnings, hunan.problems]).toEqual([4, 1, 5]);
    expect(hunan.grades).toEqual([
      ['优', 2],
      ['良', 0],
      ['中', 0],
      ['差', 0],
    ]);
    // Not the mean of 74.22% and 90.10%.
    expect(hunan.rate?.toFixed(2)).not.toBe('82.16');
  });

  it('the total of all five: 5056.98 budgeted, 4326 spent, 85.55%', () => {
    // By hand: 1983.98 + 288 + 1500 + 365 + 920 = 5056.98; 1472.51 + 259.49 + 1389.9 + 343.1 + 861 = 4326; 4326 ÷ 5056.98 = 85.545…%.
    const t = data.total;
    expect([t.department, t.forms, t.scored, t.budget.toFixed(), t.executed.toFixed(), t.rate?.toFixed(2)]).toEqual([
      '',
      5,
      5,
      '5056.98',
      '4326',
      '85.55',
    ]);
    expect(data.departments.map((d) => d.forms)).toEqual([2, 1, 1, 1]);
    expect(data.departments.reduce((n, d) => n + d.problems, 0)).toBe(t.problems);
  });

  it('every finding listed with its file, table, path and code; the codes counted in the checks table order', () => {
    expect(data.findings).toHaveLength(5);
    expect(data.findings[0]).toMatchObject({
      file: 'examples/hunan-2022-business.yaml',
      project: '业务工作经费',
      path: '/funds/appropriation/rate',
      code: 'rate-mismatch',
      severity: 'error',
      line: 25,
      column: 11,
    });
    expect(data.codes.map((c) => [c.code, c.errors, c.warnings, c.forms])).toEqual([
      ['rate-mismatch', 2, 0, 1],
      ['funds-score-mismatch', 1, 0, 1],
      ['total-mismatch', 1, 0, 1],
      ['rate-explanation-missing', 0, 1, 1],
    ]);
    expect(data.codes[0]!.summary).toMatch(/^填报的执行率/);
    expect(data.explainBelow.toFixed()).toBe('90');
  });
});

describe('amounts and odd forms', () => {
  it('a form in 元 is counted in 万元, exactly', () => {
    const yuan = form('a.yaml', {}, { unit: '元', appropriation: { annual: '1234567.89', executed: '1000000.01' } });
    const wan = form('b.yaml', {}, { appropriation: { annual: '0.1', executed: '0.2' } });
    const data = summaryData([yuan, wan], { cwd: ROOT });
    expect(data.rows[0]!.budget?.toFixed()).toBe('123.456789');
    expect(data.rows[0]!.executed?.toFixed()).toBe('100.000001');
    // 0.1 + 123.456789, never 123.55678900000001.
    expect(data.total.budget.toFixed()).toBe('123.556789');
    expect(data.total.executed.toFixed()).toBe('100.200001');
  });

  it('a form that cannot be read is a row under （无法读取的表）, last, counted but without amounts', () => {
    const broken = evaluate('evalform: 1\nyear: [2022\n', path.join(ROOT, 'broken.yaml'));
    const ok = form('ok.yaml', {});
    const data = summaryData([broken, ok], { cwd: ROOT });
    expect(data.rows.map((r) => [r.index, r.department, r.file])).toEqual([
      [1, '测试部门', 'ok.yaml'],
      [2, UNREADABLE_DEPARTMENT, 'broken.yaml'],
    ]);
    const row = data.rows[1]!;
    expect([row.budget, row.rate, row.score, row.grade, row.errors]).toEqual([undefined, undefined, undefined, undefined, 1]);
    expect(data.findings.at(-1)).toMatchObject({ code: 'yaml-syntax', file: 'broken.yaml', project: '' });
    expect(data.departments.at(-1)).toMatchObject({ department: UNREADABLE_DEPARTMENT, forms: 1, scored: 0 });
    expect(data.departments.at(-1)?.rate).toBeUndefined();
    expect(data.departments.at(-1)?.scoreMean).toBeUndefined();
    expect([data.total.forms, data.total.scored, data.total.budget.toFixed()]).toEqual([2, 1, '100']);
  });

  it('departments interleaved in the input are grouped, each in input order', () => {
    const evals = [
      form('a1.yaml', { department: '甲局', project: 'A1' }),
      form('b1.yaml', { department: '乙局', project: 'B1' }),
      form('a2.yaml', { department: '甲局', project: 'A2' }),
    ];
    const data = summaryData(evals, { cwd: ROOT });
    expect(data.rows.map((r) => `${r.index}${r.project}`)).toEqual(['1A1', '2A2', '3B1']);
    expect(data.departments.map((d) => [d.department, d.forms, d.budget.toFixed()])).toEqual([
      ['甲局', 2, '200'],
      ['乙局', 1, '100'],
    ]);
  });

  it('a department with no budget at all has no rate; the rate rounds by the config in force', () => {
    const none = form('z.yaml', { department: '零局' }, { appropriation: { annual: '0', executed: '0' } });
    // 2 ÷ 3 = 66.666…%: 66.67 half-up at 2 places, 66.6 down at 1.
    const third = form('t.yaml', { department: '三局' }, { appropriation: { annual: '3', executed: '2' } });
    const data = summaryData([none, third], { cwd: ROOT });
    expect(data.departments[0]!.rate).toBeUndefined();
    expect(data.departments[1]!.rate?.toFixed()).toBe('66.67');
    const down = evaluate(formYaml({ appropriation: { annual: '3', executed: '2' } }), path.join(ROOT, 'd.yaml'), {
      config: { rate_places: 1, rounding: 'down' },
    });
    const d = summaryData([down], { cwd: ROOT });
    expect([d.ratePlaces, d.rounding, d.total.rate?.toFixed()]).toEqual([1, 'down', '66.6']);
    expect(d.rows[0]!.ratePlaces).toBe(1);
  });

  it('links come from the caller, by file', () => {
    const a = form('forms/a.yaml', {});
    const data = summaryData([a], { cwd: ROOT, links: new Map([[a.file, 'forms/a.html']]) });
    expect(data.rows[0]!.link).toBe('forms/a.html');
    expect(summaryData([a], { cwd: ROOT }).rows[0]!.link).toBeUndefined();
  });

  it('no forms: an empty table with zero totals', () => {
    const data = summaryData([], { cwd: ROOT });
    expect([data.rows, data.departments, data.findings, data.codes]).toEqual([[], [], [], []]);
    expect([data.total.forms, data.total.budget.toFixed(), data.total.rate]).toEqual([0, '0', undefined]);
  });
});
