// Issue 9, items 4, 7 and 8: each check stands on its own condition, a prose actual or a fraction written for a
// percent is never silently scored, and an unscored row still leaves a total (FORMAT.md §2, §3 1.1, §5, §7).
import { describe, expect, it } from 'vitest';
import { indicatorAt, padded, scored, type IndicatorSpec } from './helpers.js';

function one(ind: IndicatorSpec, rules?: string) {
  const r = scored({ indicators: padded({ weight: '10', ...ind }), rules });
  return { r, ind: indicatorAt(r), paths: r.findings.map((f) => [f.code, f.path]) };
}

const AT = '/indicators/output/quantity/0';

describe('each check stands on its own condition', () => {
  it('a funds score above its weight that also disagrees gets both findings', () => {
    const r = scored({ appropriation: { annual: '100', executed: '95' }, fundsScore: '11' });
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([
      ['funds-score-mismatch', '/funds/score'],
      ['score-exceeds-weight', '/funds/score'],
    ]);
  });

  it('a quantitative score above its weight that also disagrees gets both findings', () => {
    const { paths, ind } = one({ target: '≥100个', actual: '90个', score: '11', deviation: '说明' });
    expect(paths).toEqual([
      ['score-exceeds-weight', `${AT}/score`],
      ['score-mismatch', `${AT}/score`],
    ]);
    expect(ind.score?.toFixed(2)).toBe('9.00');
  });

  it('unit-mismatch is reported with a rating too', () => {
    const { paths, ind } = one({ target: '≥10个', actual: '12人', rating: '达成' });
    expect(paths).toEqual([['unit-mismatch', `${AT}/actual`]]);
    expect(ind.method).toBe('qualitative');
    expect(ind.score?.toFixed(2)).toBe('10.00');
  });
});

describe('signed numbers are not quantities (FORMAT.md §2 1.1)', () => {
  it('≥-5% against -10% is not scored backwards to full marks: it is qualitative and needs its score', () => {
    const { ind, paths } = one({ target: '≥-5%', actual: '-10%', deviation: '说明' });
    expect(ind.method).toBe('qualitative');
    expect(ind.score).toBeUndefined();
    expect(paths).toEqual([['score-missing', `${AT}/score`]]);
  });

  it('=100以上 takes the suffix direction: positive, so 90 of 100 loses points', () => {
    const { ind } = one({ target: '=100以上', actual: '90', deviation: '说明' });
    expect(ind.method).toBe('positive');
    expect(ind.score?.toFixed(2)).toBe('9.00');
  });

  it('≥100个以下 contradicts itself and is not a quantity', () => {
    const { ind } = one({ target: '≥100个以下', actual: '90个', score: '9', deviation: '说明' });
    expect(ind.method).toBe('qualitative');
  });
});

describe('actual-not-quantity: a quantity target whose actual is prose (FORMAT.md §2 1.1)', () => {
  it.each<[string, string]>([
    ['≤30天', '平均36天'],
    ['≥120处', '完成126处'],
    ['≥95%', '基本完成'],
    ['≥95%', ''],
  ])('%s against %j: the stated score is used, with a warning', (target, actual) => {
    const { ind, r, paths } = one({ target, actual, score: '8', deviation: '说明' });
    expect(paths).toEqual([['actual-not-quantity', `${AT}/actual`]]);
    expect(r.findings[0]?.severity).toBe('warning');
    expect(r.findings[0]?.message).toContain(target);
    expect(ind.method).toBe('qualitative');
    expect(ind.score?.toFixed(2)).toBe('8.00');
  });

  it('without a score it is also score-missing, and adds 0 to the total', () => {
    const { ind, r, paths } = one({ target: '≥120处', actual: '完成126处', deviation: '说明' });
    // A missing score is placed at its indicator, above the actual.
    expect(paths).toEqual([
      ['score-missing', `${AT}/score`],
      ['actual-not-quantity', `${AT}/actual`],
    ]);
    expect(ind.score).toBeUndefined();
    expect(r.total.toFixed(2)).toBe('89.50');
  });

  it('is reported with a rating too', () => {
    const { ind, paths } = one({ target: '≤30天', actual: '平均36天', rating: '达成' });
    expect(paths).toEqual([['actual-not-quantity', `${AT}/actual`]]);
    expect(ind.score?.toFixed(2)).toBe('10.00');
  });

  it('a not-applicable actual is not prose', () => {
    const { ind, paths } = one({ target: '≥120处', actual: '/', weight: '0' });
    expect(paths).toEqual([]);
    expect(ind.method).toBe('not-applicable');
  });

  it('a prose target with a number for actual is simply qualitative', () => {
    expect(one({ target: '完成年度任务', actual: '126处', score: '10' }).paths).toEqual([]);
  });
});

describe('fraction-for-percent: a % target with a bare actual ≤ 1 (FORMAT.md §2 1.1, §7)', () => {
  it('≥90% against 0.95 is not scored 0.11: it is an error and the stated score is used until corrected', () => {
    const { ind, r, paths } = one({ target: '≥90%', actual: '0.95', score: '10' });
    expect(paths).toEqual([['fraction-for-percent', `${AT}/actual`]]);
    expect(r.findings[0]?.severity).toBe('error');
    expect(r.findings[0]?.message).toContain('95%');
    expect(ind.method).toBe('qualitative');
    expect(ind.score?.toFixed(2)).toBe('10.00');
  });

  it.each<[string, string]>([
    ['≥90%', '1'],
    ['≤5%', '0.03'],
    ['95%以上', '0.5'],
  ])('%s against %s is a fraction', (target, actual) => {
    expect(one({ target, actual, score: '10' }).paths).toEqual([['fraction-for-percent', `${AT}/actual`]]);
  });

  it('is reported with a rating too, and without a score it is score-missing as well', () => {
    expect(one({ target: '≥90%', actual: '0.95', rating: '达成' }).paths).toEqual([['fraction-for-percent', `${AT}/actual`]]);
    expect(one({ target: '≥90%', actual: '0.95' }).paths).toEqual([
      ['score-missing', `${AT}/score`],
      ['fraction-for-percent', `${AT}/actual`],
    ]);
  });

  it.each<[string, string, string, string]>([
    ['0 is left out (0 and 0% read the same)', '≥90%', '0', '0.00'],
    ['an actual with its unit', '≥90%', '0.95%', '0.11'],
    ['an actual above 1', '≥90%', '1.5', '0.17'],
    ['a target of at most 1%', '≥1%', '0.5', '5.00'],
    ['a target that is not in %', '≥90', '0.95', '0.11'],
  ])('not a fraction: %s', (_, target, actual, score) => {
    const { ind, paths } = one({ target, actual, deviation: '说明' });
    expect(paths).toEqual([]);
    expect(ind.method).toBe('positive');
    expect(ind.score?.toFixed(2)).toBe(score);
  });
});

describe('an unscored row (FORMAT.md §3 1.1)', () => {
  it('adds 0, gets score-missing, and the total and grade are still computed', () => {
    const r = scored({
      appropriation: { annual: '100', executed: '100' },
      indicators: padded({ target: '效果明显', actual: '达到', weight: '10', deviation: '说明' }),
      total: '90',
      grade: '优',
    });
    expect(indicatorAt(r).score).toBeUndefined();
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['score-missing', `${AT}/score`]]);
    expect(r.total.toFixed(2)).toBe('90.00');
    expect(r.grade).toBe('优');
    expect(r.totalCheck?.agrees).toBe(true);
    expect(r.gradeCheck?.agrees).toBe(true);
  });

  it('an unscored row whose stated total counted it at full points is a total mismatch', () => {
    const r = scored({ indicators: padded({ target: '≥120处', actual: '完成126处', weight: '10' }), total: '99.5' });
    expect(r.findings.map((f) => f.code).sort()).toEqual(['actual-not-quantity', 'score-missing', 'total-mismatch']);
    expect(r.total.toFixed(2)).toBe('89.50');
    expect(r.grade).toBe('良');
  });
});
