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
    expect(paths).toEqual([['score-exceeds-weight', `${AT}/score`], ['score-mismatch', `${AT}/score`]]);
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
