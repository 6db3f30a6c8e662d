// The seed's two tables and the quantitative example score exactly as worked by hand in their comments.
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { evaluate } from '../src/evaluate.js';
import type { Evaluation, ScoreResult } from '../src/model/types.js';
import { codes, example } from './helpers.js';

function run(name: string): { ev: Evaluation; r: ScoreResult } {
  const ev = evaluate(example(name), `examples/${name}`);
  if (!ev.result) throw new Error(`${name} was not scored: ${JSON.stringify(ev.findings)}`);
  return { ev, r: ev.result };
}

describe('seed table 1: 业务工作经费 (hunan-2022-business.yaml)', () => {
  // 1472.51 ÷ 1983.98 = 74.2200…%; 10 × 0.742200… = 7.42; 7.42 + 90 (nine qualitative, as stated) = 97.42 → 优.
  const { ev, r } = run('hunan-2022-business.yaml');

  it('computes 执行率 74.22% from 全年执行数 ÷ 全年预算数, not the stated 75.45%', () => {
    expect(r.funds.rate?.toFixed(6)).toBe('74.220002');
    expect(r.funds.rateRounded?.toFixed(2)).toBe('74.22');
    const [total, appropriation] = r.funds.rows;
    expect(total?.key).toBe('total');
    expect(total?.rateCheck).toMatchObject({ agrees: false, stated: { text: '75.45%' } });
    expect(appropriation?.rateCheck).toMatchObject({ agrees: false, stated: { text: '75.45%' } });
  });

  it('scores funds 7.42 (stated 7.5 disagrees), total 97.42 (stated 97.5 disagrees), grade 优', () => {
    expect(r.funds.score.toFixed(2)).toBe('7.42');
    expect(r.funds.scoreCheck?.agrees).toBe(false);
    expect(r.indicators).toHaveLength(9);
    expect(r.indicators.every((i) => i.method === 'qualitative')).toBe(true);
    expect(r.indicators.reduce((s, i) => s + Number(i.score), 0)).toBe(90);
    expect(r.total.toFixed(2)).toBe('97.42');
    expect(r.totalCheck?.agrees).toBe(false);
    expect(r.grade).toBe('优');
    expect(r.weightTotal.toString()).toBe('100');
  });

  it('finds the three mismatches (执行率 on two rows), plus the missing explanation of a rate below 90%', () => {
    // Both rows state 75.45% and each row's rate is checked (FORMAT.md §3); 74.22% < 90% with an empty funds.deviation warns.
    expect(codes(ev.findings)).toEqual([
      'funds-score-mismatch',
      'rate-explanation-missing',
      'rate-mismatch',
      'rate-mismatch',
      'total-mismatch',
    ]);
    expect(ev.findings.map((f) => [f.code, f.path, f.severity])).toEqual([
      ['rate-mismatch', '/funds/appropriation/rate', 'error'],
      ['rate-mismatch', '/funds/total/rate', 'error'],
      ['funds-score-mismatch', '/funds/score', 'error'],
      ['rate-explanation-missing', '/funds/deviation', 'warning'],
      ['total-mismatch', '/total', 'error'],
    ]);
    const message = (code: string) => ev.findings.find((f) => f.code === code)?.message ?? '';
    expect(message('rate-mismatch')).toContain('74.22%');
    expect(message('rate-mismatch')).toContain('75.45%');
    expect(message('funds-score-mismatch')).toContain('7.42');
    expect(message('total-mismatch')).toContain('97.42');
  });
});

describe('seed table 2: 运行维护经费 (hunan-2022-operations.yaml)', () => {
  // 259.49 ÷ 288 = 90.1006…%; 10 × 0.901006… = 9.01; 9.01 + 90 = 99.01 → 优. Stated 90%, 9, 99 agree at their own precision.
  const { ev, r } = run('hunan-2022-operations.yaml');

  it('scores 90.10%, 9.01, 99.01, 优', () => {
    expect(r.funds.rateRounded?.toFixed(2)).toBe('90.10');
    expect(r.funds.score.toFixed(2)).toBe('9.01');
    expect(r.total.toFixed(2)).toBe('99.01');
    expect(r.grade).toBe('优');
  });

  it('accepts the stated 90%, 9 and 99 at their own precision and finds nothing', () => {
    expect(r.funds.rows.filter((row) => row.rateCheck).map((row) => row.rateCheck?.agrees)).toEqual([true, true]);
    expect(r.funds.scoreCheck).toMatchObject({ agrees: true, stated: { text: '9' } });
    expect(r.totalCheck).toMatchObject({ agrees: true, stated: { text: '99' } });
    expect(ev.findings).toEqual([]);
  });
});

describe('examples/quantitative.yaml', () => {
  const { ev, r } = run('quantitative.yaml');

  it('computes every row rate and the funds score as its comment block says', () => {
    const rates = Object.fromEntries(r.funds.rows.map((row) => [row.key, row.computedRate?.toFixed(2)]));
    expect(rates).toEqual({ total: '92.66', appropriation: '93.96', carryover: '81.00', other: undefined });
    expect(r.funds.rows[0]?.computed).toBe(true);
    expect(r.funds.score.toFixed(2)).toBe('9.27');
  });

  it('scores every indicator as its comment block says', () => {
    const table: [path: string, method: string, weight: string, points: string | undefined][] = [
      ['/indicators/output/quantity/0', 'positive', '8', '8.00'],
      ['/indicators/output/quantity/1', 'positive', '7', '6.01'],
      ['/indicators/output/quantity/2', 'equal', '5', '5.00'],
      ['/indicators/output/quality/0', 'positive', '5', '5.00'],
      ['/indicators/output/quality/1', 'positive', '5', '4.90'],
      ['/indicators/output/quality/2', 'negative', '3', '3.00'],
      ['/indicators/output/quality/3', 'qualitative', '2', '2.00'],
      ['/indicators/output/timeliness/0', 'equal', '3', '3.00'],
      ['/indicators/output/timeliness/1', 'negative', '4', '3.33'],
      ['/indicators/output/cost/0', 'negative', '8', '7.68'],
      ['/indicators/outcome/economic/0', 'qualitative', '5', '3.50'],
      ['/indicators/outcome/economic/1', 'positive', '5', '5.00'],
      ['/indicators/outcome/social/0', 'positive', '8', '8.00'],
      ['/indicators/outcome/ecological/0', 'not-applicable', '0', undefined],
      ['/indicators/outcome/ecological/1', 'qualitative', '4', '4.00'],
      ['/indicators/outcome/sustainability/0', 'qualitative', '8', '8.00'],
      ['/indicators/satisfaction/beneficiary/0', 'positive', '10', '10.00'],
    ];
    expect(r.indicators.map((i) => [i.path, i.method, i.weight.toString(), i.score?.toFixed(2)])).toEqual(table);
  });

  it('totals 95.69 (产出 47.92, 效益 28.50, 满意度 10.00), grade 优, every stated value agreeing', () => {
    const sum = (level: string) =>
      r.indicators.filter((i) => i.level1 === level).reduce((s, i) => (i.score ? s.plus(i.score) : s), new Decimal(0));
    expect(sum('output').toFixed(2)).toBe('47.92');
    expect(sum('outcome').toFixed(2)).toBe('28.50');
    expect(sum('satisfaction').toFixed(2)).toBe('10.00');
    expect(r.total.toFixed(2)).toBe('95.69');
    expect(r.grade).toBe('优');
    expect(r.totalCheck?.agrees).toBe(true);
    expect(r.indicators.filter((i) => i.scoreCheck).every((i) => i.scoreCheck?.agrees)).toBe(true);
    expect(ev.findings).toEqual([]);
  });
});
