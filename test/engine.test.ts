// The scoring formulas of FORMAT.md §3 through `evaluate`, on small forms written in each test.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { codes, full, indicatorAt, padded, scored, type FormSpec, type IndicatorSpec, type RowSpec } from './helpers.js';

const FUNDS = '/indicators/output/quantity/0';

/** Funds points and 执行率 (percent, 2 places) of a form with these rows. */
function funds(spec: FormSpec) {
  const r = scored(spec);
  return { rate: r.funds.rate?.toFixed(2), score: r.funds.score.toFixed(2), codes: codes(r.findings), r };
}

describe('funds: 执行率 and points', () => {
  it('10 × 850.5 / 1000 is 8.51 (half-up), not 8.50', () => {
    const r = scored({ appropriation: { annual: '1000', executed: '850.5' }, fundsDeviation: '年底支付未完成' });
    expect(r.funds.rate?.toString()).toBe('85.05');
    expect(r.funds.score.toFixed(2)).toBe('8.51');
    expect(r.funds.score.eq(new Decimal('8.51'))).toBe(true);
    expect(r.total.toFixed(2)).toBe('98.51');
  });

  it.each<[string, RowSpec, string]>([
    ['a YAML number', { annual: '1234.22', executed: '1234.22' }, '1234.22'],
    ['a string with a thousands separator', { annual: '"1,234.22"', executed: '1234.22' }, '1234.22'],
    ['full-width digits', { annual: '"１２３４．２２"', executed: '1234.22' }, '1234.22'],
    ['full-width digits and separator', { annual: '"１，２３４．２２"', executed: '1234.22' }, '1234.22'],
    ['a Chinese comma separator', { annual: '"1，234.22"', executed: '1234.22' }, '1234.22'],
  ])('reads %s exactly', (_, row, value) => {
    const r = scored({ appropriation: row });
    const appropriation = r.funds.rows.find((x) => x.key === 'appropriation');
    expect(appropriation?.annual?.eq(new Decimal('1234.22'))).toBe(true);
    expect(appropriation?.annual?.toString()).toBe(value);
    expect(r.funds.rate?.toString()).toBe('100');
    expect(r.funds.score.toString()).toBe('10');
  });

  it('never passes an amount through binary floating point', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary; the rows must add up to exactly 0.3.
    const r = scored({ appropriation: { annual: '0.1', executed: '0.1' }, carryover: { annual: '0.2', executed: '0.2' } });
    expect(r.funds.rows[0]?.annual?.toString()).toBe('0.3');
    expect(r.funds.rate?.toString()).toBe('100');
    // 9007199254740993 is not a double; read from its source text it stays exact.
    const big = scored({ appropriation: { annual: '9007199254740993', executed: '9007199254740993' } });
    expect(big.funds.rows[1]?.annual?.toFixed()).toBe('9007199254740993');
  });

  it.each<[string, FormSpec, string | undefined, string, string[]]>([
    [
      'the rate of the total row, A = 全年预算数 (not 年初预算数)',
      { appropriation: { initial: '500', annual: '1000', executed: '900' } },
      '90.00',
      '9.00',
      [],
    ],
    ['1 ÷ 3', { appropriation: { annual: '3', executed: '1' }, fundsDeviation: '说明' }, '33.33', '3.33', []],
    ['B = 0', { appropriation: { annual: '100', executed: '0' }, fundsDeviation: '说明' }, '0.00', '0.00', []],
    ['A = 0 with money spent: no rate, no points', { appropriation: { annual: '0', executed: '10' } }, undefined, '0.00', ['zero-budget']],
    [
      'A = 0, nothing spent: still no rate and no points',
      { appropriation: { annual: '0', executed: '0' } },
      undefined,
      '0.00',
      ['zero-budget'],
    ],
    [
      'A missing where money was spent',
      { appropriation: { annual: '0', initial: '100', executed: '10' } },
      undefined,
      '0.00',
      ['zero-budget'],
    ],
    // FORMAT.md 1.1 §7: with no 全年预算数 on any row, the 年初预算数 is the budget, with a warning.
    ['only a 年初预算数 column', { appropriation: { initial: '100', executed: '95' } }, '95.00', '9.50', ['initial-as-budget']],
    [
      'overspend: the rate is shown as is, points capped at 100%',
      { appropriation: { annual: '100', executed: '120' } },
      '120.00',
      '10.00',
      ['overspend'],
    ],
    [
      'carryover counts in the rate',
      { appropriation: { annual: '100', executed: '100' }, carryover: { annual: '100', executed: '0' }, fundsDeviation: '结转未用' },
      '50.00',
      '5.00',
      [],
    ],
    [
      'other funds count in the rate',
      { appropriation: { annual: '300', executed: '300' }, other: { annual: '100', executed: '60' } },
      '90.00',
      '9.00',
      [],
    ],
    ['only a total is given: scored on it', { fundsTotal: { annual: '200', executed: '190' } }, '95.00', '9.50', []],
    [
      'rows and a total that disagrees: rows win, the total is checked',
      { appropriation: { annual: '100', executed: '95' }, fundsTotal: { annual: '200', executed: '95' } },
      '95.00',
      '9.50',
      ['funds-total-mismatch'],
    ],
    [
      'a funds weight of 20',
      { fundsWeight: '20', appropriation: { annual: '100', executed: '95' } },
      '95.00',
      '19.00',
      ['level-weights', 'weights-sum'],
    ],
  ])('%s', (_, spec, rate, score, found) => {
    const got = funds(spec);
    expect(got.rate).toBe(rate);
    expect(got.score).toBe(score);
    expect(got.codes).toEqual(found);
  });

  it('the total row is computed from the rows under it, column by column', () => {
    const r = scored({
      appropriation: { initial: '1200', annual: '1350', executed: '1268.4' },
      carryover: { initial: '150', annual: '150', executed: '121.5' },
      fundsTotal: { initial: '1350', annual: '1500', executed: '1389.9' },
    });
    const total = r.funds.rows[0];
    expect(total?.computed).toBe(true);
    expect([total?.initial?.toString(), total?.annual?.toString(), total?.executed?.toString()]).toEqual(['1350', '1500', '1389.9']);
    expect(r.funds.rows.map((x) => x.computedRate?.toFixed(2))).toEqual(['92.66', '93.96', '81.00', undefined]);
    expect(r.findings).toEqual([]);
  });

  it('a stated total column that is not the sum of the rows is named, the others are not', () => {
    const r = scored({
      appropriation: { initial: '100', annual: '100', executed: '95' },
      carryover: { initial: '10', annual: '10', executed: '10' },
      fundsTotal: { initial: '110', annual: '110', executed: '100' },
    });
    expect(r.funds.rows[0]?.columnMismatch).toEqual({ executed: new Decimal(105) });
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['funds-total-mismatch', '/funds/total/executed']]);
  });

  it('a funds weight left out is rules.weights.funds', () => {
    const r = scored({
      fundsWeight: null,
      rules: 'weights: {funds: 20, output: 40}',
      indicators: [full('output/quantity', 40), full('outcome/social', 30), full('satisfaction/beneficiary', 10)],
    });
    expect(r.funds.weight.toString()).toBe('20');
    expect(r.funds.score.toFixed(2)).toBe('19.00');
    expect(r.findings).toEqual([]);
  });

  // A former bug (the old src/score/engine.ts): zero-budget always pointed at /funds/appropriation/annual when the
  // total was computed, even when that row was absent, so the finding landed on `funds:` instead of the row.
  it('zero-budget points at the row that has no budget', () => {
    const r = scored({ carryover: { annual: '0', executed: '5' } });
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['zero-budget', '/funds/carryover/annual']]);
  });

  // FORMAT.md §3 1.1: each check stands on its own condition, so 11 against a computed 9.5 is also a mismatch.
  it('a stated funds score above the weight is score-exceeds-weight, and a mismatch when it disagrees', () => {
    expect(scored({ fundsScore: '11' }).findings.map((f) => [f.code, f.path])).toEqual([
      ['funds-score-mismatch', '/funds/score'],
      ['score-exceeds-weight', '/funds/score'],
    ]);
    expect(codes(scored({ fundsScore: '9.5' }).findings)).toEqual([]);
  });

  it('with no budget a stated funds score of 0 agrees', () => {
    const r = scored({ appropriation: { annual: '0', executed: '10' }, fundsScore: '0' });
    expect(r.funds.scoreCheck?.agrees).toBe(true);
    expect(codes(r.findings)).toEqual(['zero-budget']);
  });

  it('the unit 元 gives the same rate as 万元', () => {
    const wan = funds({ appropriation: { annual: '1983.98', executed: '1472.51' }, fundsDeviation: '说明' });
    const yuan = funds({ unit: '元', appropriation: { annual: '19839800', executed: '14725100' }, fundsDeviation: '说明' });
    expect([wan.rate, wan.score]).toEqual(['74.22', '7.42']);
    expect([yuan.rate, yuan.score]).toEqual(['74.22', '7.42']);
    expect(yuan.r.funds.unit).toBe('元');
  });
});

type IndicatorCase = [label: string, ind: IndicatorSpec, rules: string | undefined, method: string, score: string | undefined];

/** The indicator under test, with weight 10 unless stated, padded to a table of 100. */
function one(ind: IndicatorSpec, rules?: string) {
  const r = scored({ indicators: padded({ weight: '10', ...ind }), rules });
  return { r, ind: indicatorAt(r, FUNDS) };
}

describe('quantitative indicators', () => {
  it.each<IndicatorCase>([
    // positive: w × min(B ÷ A, 1)
    ['positive, B < A', { target: '≥100个', actual: '90个', deviation: '说明' }, undefined, 'positive', '9.00'],
    ['positive, B = A', { target: '≥100个', actual: '100个' }, undefined, 'positive', '10.00'],
    ['positive, B > A is capped', { target: '≥100个', actual: '120个' }, undefined, 'positive', '10.00'],
    ['positive, 不低于 with percent', { target: '不低于95%', actual: '93.1%', deviation: '说明' }, undefined, 'positive', '9.80'],
    ['positive, trailing 以上', { target: '85%以上', actual: '80%', deviation: '说明' }, undefined, 'positive', '9.41'],
    ['positive, 7 × 103 ÷ 120', { target: '不少于120处', actual: '103处', weight: '7', deviation: '说明' }, undefined, 'positive', '6.01'],
    ['positive, A = 0 gives w', { target: '≥0个', actual: '5个' }, undefined, 'positive', '10.00'],
    ['positive, B = 0', { target: '≥100个', actual: '0个', deviation: '说明' }, undefined, 'positive', '0.00'],
    ['positive, 万元 target, 元 actual', { target: '≥2万元', actual: '15000元', deviation: '说明' }, undefined, 'positive', '7.50'],
    ['positive, 元 target, 万元 actual', { target: '≥15000元', actual: '1.8万元' }, undefined, 'positive', '10.00'],
    ['positive, ％ and % are one unit', { target: '≥90%', actual: '92.5％' }, undefined, 'positive', '10.00'],
    ['positive, a missing unit takes the other side', { target: '≥90%', actual: '45', deviation: '说明' }, undefined, 'positive', '5.00'],
    [
      'positive, a comparison written in actual is ignored',
      { target: '≥300米', actual: '≥266米', deviation: '说明' },
      undefined,
      'positive',
      '8.87',
    ],
    // equal: scored as positive
    ['equal, no comparison', { target: '12座', actual: '12座' }, undefined, 'equal', '10.00'],
    ['equal, =', { target: '=12次', actual: '11次', deviation: '说明' }, undefined, 'equal', '9.17'],
    ['equal, above target is capped', { target: '12次', actual: '13次' }, undefined, 'equal', '10.00'],
    ['equal, plain numbers', { target: '100', actual: '50', deviation: '说明' }, undefined, 'equal', '5.00'],
    // negative, ratio (default): w × min(A ÷ B, 1)
    ['negative ratio, B < A', { target: '≤5%', actual: '4.2%' }, undefined, 'negative', '10.00'],
    ['negative ratio, B = A', { target: '≤5%', actual: '5%' }, undefined, 'negative', '10.00'],
    ['negative ratio, B > A', { target: '不超过30天', actual: '36天', deviation: '说明' }, undefined, 'negative', '8.33'],
    ['negative ratio, B = 0 gives w', { target: '≤5%', actual: '0%' }, undefined, 'negative', '10.00'],
    [
      'negative ratio, 万元 vs 元',
      { target: '控制在300万元以内', actual: '3126000元', weight: '8', deviation: '说明' },
      undefined,
      'negative',
      '7.68',
    ],
    // negative, linear: w when B ≤ A; w × (1 − (B − A) ÷ A) when A < B < 2A; 0 when B ≥ 2A
    ['negative linear, B < A', { target: '≤30天', actual: '25天' }, 'negative: linear', 'negative', '10.00'],
    ['negative linear, B = A', { target: '≤30天', actual: '30天' }, 'negative: linear', 'negative', '10.00'],
    ['negative linear, A < B < 2A', { target: '≤30天', actual: '36天', deviation: '说明' }, 'negative: linear', 'negative', '8.00'],
    ['negative linear, halfway', { target: '≤30天', actual: '45天', deviation: '说明' }, 'negative: linear', 'negative', '5.00'],
    ['negative linear, just under 2A', { target: '≤30天', actual: '59.97天', deviation: '说明' }, 'negative: linear', 'negative', '0.01'],
    ['negative linear, B = 2A', { target: '≤30天', actual: '60天', deviation: '说明' }, 'negative: linear', 'negative', '0.00'],
    ['negative linear, B > 2A', { target: '≤30天', actual: '90天', deviation: '说明' }, 'negative: linear', 'negative', '0.00'],
    ['negative linear, B = 0', { target: '≤5%', actual: '0%' }, 'negative: linear', 'negative', '10.00'],
    // not applicable: no points, weight omitted or 0
    ['not applicable, / with weight omitted', { target: '/', actual: '/', weight: undefined }, undefined, 'not-applicable', undefined],
    ['not applicable, / with weight 0', { target: '/', actual: '/', weight: '0' }, undefined, 'not-applicable', undefined],
    ['not applicable, 不适用', { target: '不适用', actual: '不适用', weight: '0' }, undefined, 'not-applicable', undefined],
    ['not applicable, — as target', { target: '—', actual: '—', weight: '0' }, undefined, 'not-applicable', undefined],
    ['not applicable, - as actual only', { target: '≥10个', actual: '-', weight: '0' }, undefined, 'not-applicable', undefined],
  ])('%s', (_, ind, rules, method, score) => {
    const spec = { weight: '10', ...ind };
    const w = Number(spec.weight ?? 0);
    const r = scored({
      indicators: [
        { ...spec, at: 'output/quantity' },
        full('output/quality', 50 - w),
        full('outcome/social', 30),
        full('satisfaction/beneficiary', 10),
      ],
      rules,
    });
    const got = indicatorAt(r, FUNDS);
    expect(got.method).toBe(method);
    expect(got.score?.toFixed(2)).toBe(score);
    expect(got.weight.toString()).toBe(String(w));
    // Every case is written to produce no finding: full marks, a deviation where points are lost, a table of 100.
    expect(r.findings.map((f) => `${f.code} ${f.path}`)).toEqual([]);
  });

  it('a stated quantitative score agrees at its own precision', () => {
    // 10 × 93.1 ÷ 95 = 9.8; 10 × 11 ÷ 12 = 9.1666…
    expect(one({ target: '≥95%', actual: '93.1%', score: '9.8', deviation: '说明' }).ind.scoreCheck?.agrees).toBe(true);
    expect(one({ target: '=12次', actual: '11次', score: '9.17', deviation: '说明' }).ind.scoreCheck?.agrees).toBe(true);
    expect(one({ target: '=12次', actual: '11次', score: '9.2', deviation: '说明' }).ind.scoreCheck?.agrees).toBe(true);
    expect(one({ target: '=12次', actual: '11次', score: '9', deviation: '说明' }).ind.scoreCheck?.agrees).toBe(true);
    const wrong = one({ target: '=12次', actual: '11次', score: '9.16', deviation: '说明' });
    expect(wrong.ind.scoreCheck?.agrees).toBe(false);
    expect(codes(wrong.r.findings)).toEqual(['score-mismatch']);
    // The computed score is used, never the stated one.
    expect(wrong.ind.score?.toFixed(2)).toBe('9.17');
  });

  // A former bug (the old src/score/engine.ts): an indicator's stated score was checked against the unrounded score,
  // the funds score against the score rounded by rules.rounding; under `down` (or `half-even`) the indicator accepted
  // a stated 6.67 although the table showed 6.66, where the funds score in the same position was rejected.
  it('a stated score is judged against the score as rules.rounding gives it, for indicators as for funds', () => {
    const fundsCase = scored({
      appropriation: { annual: '1000', executed: '850.5' },
      fundsScore: '8.51',
      fundsDeviation: '说明',
      rules: 'rounding: down',
    });
    expect(fundsCase.funds.score.toFixed(2)).toBe('8.50');
    expect(codes(fundsCase.findings)).toEqual(['funds-score-mismatch']);
    const { r, ind } = one({ target: '≥3个', actual: '2个', score: '6.67', deviation: '说明' }, 'rounding: down');
    expect(ind.score?.toFixed(2)).toBe('6.66');
    expect(codes(r.findings)).toEqual(['score-mismatch']);
  });

  it('target and actual in units that do not convert fall back to qualitative', () => {
    const { r, ind } = one({ target: '≥10个', actual: '12人', score: '10' });
    expect(ind.method).toBe('qualitative');
    expect(ind.score?.toFixed(2)).toBe('10.00');
    expect(codes(r.findings)).toEqual(['unit-mismatch']);
  });

  it('an applicable indicator without a weight is a schema finding at the indicator', () => {
    const { r, ind } = one({ target: '≥10个', actual: '10个', weight: undefined });
    expect(ind.weight.toString()).toBe('0');
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['schema', '/indicators/output/quantity/0']]);
  });

  it('a rating makes quantities qualitative', () => {
    const { ind } = one({ target: '≥100个', actual: '50个', rating: '达成' });
    expect(ind.method).toBe('qualitative');
    expect(ind.score?.toFixed(2)).toBe('10.00');
  });

  it('a sentence that contains numbers is not a quantity', () => {
    const { ind } = one({ target: '2023年信访总量总体下降到25%以上。', actual: '27%', score: '10' });
    expect(ind.method).toBe('qualitative');
  });

  it('B ≥ 130% of A on a positive indicator needs a deviation; on a negative one it does not', () => {
    expect(codes(one({ target: '≥10%', actual: '13%' }).r.findings)).toEqual(['overachievement']);
    expect(codes(one({ target: '≥10%', actual: '12.99%' }).r.findings)).toEqual([]);
    expect(codes(one({ target: '≥10%', actual: '18%', deviation: '超额原因' }).r.findings)).toEqual([]);
    expect(codes(one({ target: '≥10%', actual: '13%' }, 'overachievement: 150').r.findings)).toEqual([]);
    expect(codes(one({ target: '≤10%', actual: '2%' }).r.findings)).toEqual([]);
  });
});

describe('qualitative indicators', () => {
  it.each<IndicatorCase>([
    [
      'a stated score, no rating',
      { target: '效果明显', actual: '基本达到', score: '7.5', deviation: '说明' },
      undefined,
      'qualitative',
      '7.50',
    ],
    ['rating 达成 without a score gives w', { target: '效果明显', actual: '达到', rating: '达成' }, undefined, 'qualitative', '10.00'],
    [
      'rating 达成 with a score in band',
      { target: '效果明显', actual: '达到', rating: '达成', score: '9', deviation: '说明' },
      undefined,
      'qualitative',
      '9.00',
    ],
    [
      'rating 达成, lowest in band (80%)',
      { target: '效果明显', actual: '达到', rating: '达成', score: '8', deviation: '说明' },
      undefined,
      'qualitative',
      '8.00',
    ],
    [
      'rating 部分达成, lowest in band (60%)',
      { target: '效果明显', actual: '部分', rating: '部分达成', score: '6', deviation: '说明' },
      undefined,
      'qualitative',
      '6.00',
    ],
    [
      'rating 部分达成, just under 80%',
      { target: '效果明显', actual: '部分', rating: '部分达成', score: '7.99', deviation: '说明' },
      undefined,
      'qualitative',
      '7.99',
    ],
    [
      'rating 未达成, 0',
      { target: '效果明显', actual: '未达到', rating: '未达成', score: '0', deviation: '说明' },
      undefined,
      'qualitative',
      '0.00',
    ],
    [
      'rating 未达成, just under 60%',
      { target: '效果明显', actual: '未达到', rating: '未达成', score: '5.99', deviation: '说明' },
      undefined,
      'qualitative',
      '5.99',
    ],
    [
      'custom bands 90/50: 部分达成 at 85%',
      { target: '效果明显', actual: '部分', rating: '部分达成', score: '8.5', deviation: '说明' },
      'bands: {achieved: 90, partial: 50}',
      'qualitative',
      '8.50',
    ],
    [
      'custom bands 90/50: 未达成 at 45%',
      { target: '效果明显', actual: '未达到', rating: '未达成', score: '4.5', deviation: '说明' },
      'bands: {achieved: 90, partial: 50}',
      'qualitative',
      '4.50',
    ],
    [
      'a stated score is rounded to rules.places',
      { target: '效果明显', actual: '基本达到', score: '7.456', deviation: '说明' },
      undefined,
      'qualitative',
      '7.46',
    ],
  ])('%s', (_, ind, rules, method, score) => {
    const { r, ind: got } = one(ind, rules);
    expect(got.method).toBe(method);
    expect(got.score?.toFixed(2)).toBe(score);
    expect(r.findings).toEqual([]);
  });

  it.each<[string, IndicatorSpec, string | undefined, string[]]>([
    ['no score and no rating', { target: '效果明显', actual: '达到' }, undefined, ['score-missing']],
    [
      '部分达成 without a score',
      { target: '效果明显', actual: '部分', rating: '部分达成', deviation: '说明' },
      undefined,
      ['score-missing'],
    ],
    ['达成 below 80%', { target: '效果明显', actual: '达到', rating: '达成', score: '7.9', deviation: '说明' }, undefined, ['rating-band']],
    [
      '部分达成 at 80% (the band is open above)',
      { target: '效果明显', actual: '部分', rating: '部分达成', score: '8', deviation: '说明' },
      undefined,
      ['rating-band'],
    ],
    [
      '部分达成 below 60%',
      { target: '效果明显', actual: '部分', rating: '部分达成', score: '5.9', deviation: '说明' },
      undefined,
      ['rating-band'],
    ],
    [
      '未达成 at 60%',
      { target: '效果明显', actual: '未达到', rating: '未达成', score: '6', deviation: '说明' },
      undefined,
      ['rating-band'],
    ],
    [
      'custom bands 90/50: 达成 at 85%',
      { target: '效果明显', actual: '达到', rating: '达成', score: '8.5', deviation: '说明' },
      'bands: {achieved: 90, partial: 50}',
      ['rating-band'],
    ],
    [
      'custom bands 90/50: 未达成 at 50%',
      { target: '效果明显', actual: '未达到', rating: '未达成', score: '5', deviation: '说明' },
      'bands: {achieved: 90, partial: 50}',
      ['rating-band'],
    ],
    ['a score above the weight', { target: '效果明显', actual: '达到', score: '11' }, undefined, ['score-exceeds-weight']],
    ['points lost without a deviation', { target: '效果明显', actual: '达到', score: '9' }, undefined, ['deviation-missing']],
  ])('%s', (_, ind, rules, found) => {
    expect(codes(one(ind, rules).r.findings)).toEqual(found);
  });

  it('an indicator with no score carries no points into the total', () => {
    const { r, ind } = one({ target: '效果明显', actual: '达到' });
    expect(ind.score).toBeUndefined();
    expect(r.total.toFixed(2)).toBe('89.50');
  });
});

describe('rounding, total and grade', () => {
  const fundsAt = (rounding: string, executed = '850.5') =>
    scored({ appropriation: { annual: '1000', executed }, fundsDeviation: '说明', rules: `rounding: ${rounding}` }).funds.score.toFixed(2);

  it.each<[string, string, string]>([
    ['half-up', '850.5', '8.51'],
    ['half-even', '850.5', '8.50'],
    ['down', '850.5', '8.50'],
    ['half-up', '851.5', '8.52'],
    ['half-even', '851.5', '8.52'],
    ['down', '851.5', '8.51'],
    ['half-up', '856.9', '8.57'],
    ['half-even', '856.9', '8.57'],
    ['down', '856.9', '8.56'],
  ])('rounding %s: 10 × %s / 1000 is %s', (mode, executed, score) => {
    expect(fundsAt(mode, executed)).toBe(score);
  });

  it('rounding applies to indicators too: 10 × 2 ÷ 3', () => {
    const at = (mode: string) => one({ target: '≥3个', actual: '2个', deviation: '说明' }, `rounding: ${mode}`).ind.score?.toFixed(2);
    expect([at('half-up'), at('half-even'), at('down')]).toEqual(['6.67', '6.67', '6.66']);
  });

  it('rules.places sets the decimals of every computed score', () => {
    const r = scored({ appropriation: { annual: '1000', executed: '850.5' }, fundsDeviation: '说明', rules: 'places: 1' });
    expect(r.funds.score.toString()).toBe('8.5');
    const q = one({ target: '≥3个', actual: '2个', deviation: '说明' }, 'places: 0');
    expect(q.ind.score?.toString()).toBe('7');
  });

  it('rules.rate_places sets the decimals of the rounded 执行率', () => {
    const r = scored({ appropriation: { annual: '1983.98', executed: '1472.51' }, fundsDeviation: '说明', rules: 'rate_places: 1' });
    expect(r.funds.rateRounded?.toString()).toBe('74.2');
    expect(r.funds.score.toFixed(2)).toBe('7.42');
  });

  it('总分 is the exact sum of the rounded components', () => {
    // Three indicators of 10 × 2 ÷ 3 = 6.67 each: 20.01, not 20.00.
    const third = (at: string): IndicatorSpec => ({ at, target: '≥3个', actual: '2个', weight: '10', deviation: '说明' });
    const r = scored({
      appropriation: { annual: '100', executed: '100' },
      indicators: [
        third('output/quantity'),
        third('output/quality'),
        third('output/cost'),
        full('output/timeliness', 20),
        full('outcome/social', 30),
        full('satisfaction/beneficiary', 10),
      ],
    });
    expect(r.indicators.map((i) => i.score?.toFixed(2))).toEqual(['6.67', '6.67', '20.00', '6.67', '30.00', '10.00']);
    expect(r.total.toString()).toBe('90.01');
    expect(r.grade).toBe('优');
  });

  it('weights are added exactly (16.7 + 16.7 + 16.6 = 50)', () => {
    const r = scored({
      indicators: [
        full('output/quantity', 16.7),
        full('output/quality', 16.7),
        full('output/cost', 16.6),
        full('outcome/social', 30),
        full('satisfaction/beneficiary', 10),
      ],
    });
    expect(r.weightTotal.toString()).toBe('100');
    expect(r.findings).toEqual([]);
  });

  const capped = (executed: string, caps: string) =>
    scored({ appropriation: { annual: '100', executed }, fundsDeviation: '说明', rules: `rate_caps: ${caps}` });

  it.each<[string, string, string, string | undefined]>([
    // total = funds + 90
    ['no cap above every threshold', '85', '98.50', undefined],
    ['at the threshold: not below it, no cap', '80', '98.00', undefined],
    ['below 80 only: 89', '75', '89', '89'],
    ['below both: the lowest cap wins', '55', '69', '69'],
  ])('rate caps [{below 80, max 89}, {below 60, max 69}]: %s', (_, executed, total, cap) => {
    for (const caps of [
      '[{below: 80, max_total: 89}, {below: 60, max_total: 69}]',
      '[{below: 60, max_total: 69}, {below: 80, max_total: 89}]',
    ]) {
      const r = capped(executed, caps);
      expect(r.total.toFixed(total.includes('.') ? 2 : 0)).toBe(total);
      expect(r.cap?.toString()).toBe(cap);
    }
  });

  it('a cap above the total changes nothing', () => {
    const r = capped('50', '[{below: 60, max_total: 99}]');
    expect(r.total.toFixed(2)).toBe('95.00');
    expect(r.cap).toBeUndefined();
  });

  it('a stated total is checked against the capped total', () => {
    const ok = scored({
      appropriation: { annual: '100', executed: '75' },
      fundsDeviation: '说明',
      total: '89',
      rules: 'rate_caps: [{below: 80, max_total: 89}]',
    });
    expect(ok.findings).toEqual([]);
    const bad = scored({
      appropriation: { annual: '100', executed: '75' },
      fundsDeviation: '说明',
      total: '97.5',
      rules: 'rate_caps: [{below: 80, max_total: 89}]',
    });
    expect(codes(bad.findings)).toEqual(['total-mismatch']);
  });

  /** A form whose total is exactly `s`: funds max(s − 90, 0), then 产出, 效益, 满意度 filled in turn. */
  function totalling(s: string, rules?: string) {
    const t = new Decimal(s);
    const part = (from: number, size: number) => Decimal.min(Decimal.max(t.minus(from), 0), size).toString();
    const ind = (at: string, weight: string, score: string): IndicatorSpec => ({
      at,
      target: '目标',
      actual: '完成',
      weight,
      score,
      deviation: '说明',
    });
    return scored({
      appropriation: { annual: '100', executed: Decimal.max(t.minus(90), 0).times(10).toString() },
      fundsDeviation: '说明',
      indicators: [
        ind('output/quantity', '50', part(0, 50)),
        ind('outcome/social', '30', part(50, 30)),
        ind('satisfaction/beneficiary', '10', part(80, 10)),
      ],
      rules,
    });
  }

  it.each<[string, string]>([
    ['100', '优'],
    ['95', '优'],
    ['94.99', '良'],
    ['90', '良'],
    ['85', '良'],
    ['84.99', '中'],
    ['60', '中'],
    ['59.99', '差'],
    ['0', '差'],
  ])('custom grades 95/85/60 (given unsorted): %s is %s', (score, grade) => {
    const r = totalling(score, 'grades: [{min: 60, grade: 中}, {min: 95, grade: 优}, {min: 0, grade: 差}, {min: 85, grade: 良}]');
    expect(r.total.eq(new Decimal(score))).toBe(true);
    expect(r.grade).toBe(grade);
  });

  it.each<[string, string]>([
    ['100', '优'],
    ['90', '优'],
    ['89.99', '良'],
    ['80', '良'],
    ['79.99', '中'],
    ['60', '中'],
    ['59.99', '差'],
    ['0', '差'],
  ])('default grades: %s is %s', (score, grade) => {
    const r = totalling(score);
    expect(r.total.eq(new Decimal(score))).toBe(true);
    expect(r.grade).toBe(grade);
  });

  it('a stated grade is checked against the computed one', () => {
    const r = scored({ total: '99.5', grade: '良' });
    expect(r.gradeCheck).toEqual({ stated: '良', agrees: false });
    expect(codes(r.findings)).toEqual(['grade-mismatch']);
    expect(scored({ total: '99.5', grade: '优' }).findings).toEqual([]);
  });

  it.each<[string, string, boolean]>([
    ['9', '9.01', true],
    ['9.0', '9.01', true],
    ['9.01', '9.01', true],
    ['9.00', '9.01', false],
    ['7.5', '7.42', false],
    ['7.4', '7.42', true],
    ['7', '7.42', true],
  ])('a stated funds score of %s against a computed %s agrees: %s', (stated, computed, agrees) => {
    const executed = new Decimal(computed).times(10).toString();
    const r = scored({ appropriation: { annual: '100', executed }, fundsScore: stated, fundsDeviation: '说明' });
    expect(r.funds.score.toFixed(2)).toBe(computed);
    expect(r.funds.scoreCheck?.agrees).toBe(agrees);
    expect(codes(r.findings)).toEqual(agrees ? [] : ['funds-score-mismatch']);
  });

  it.each<[string, boolean]>([
    ['90%', true],
    ['90.1%', true],
    ['90.10%', true],
    ['90.2%', false],
    ['90.11%', false],
    ['90', true],
    ['９０．１０％', true],
  ])('a stated rate of %s against 259.49 ÷ 288 = 90.10…% agrees: %s', (stated, agrees) => {
    const rate = stated.endsWith('%') || stated.endsWith('％') ? `"${stated}"` : stated;
    const r = scored({ appropriation: { annual: '288', executed: '259.49', rate } });
    expect(r.funds.rows[1]?.rateCheck?.agrees).toBe(agrees);
    expect(codes(r.findings)).toEqual(agrees ? [] : ['rate-mismatch']);
  });
});
