// Issue 9, items 1 and 2: every formula evaluated exactly and rounded once, with the one rounding mode of
// rules.rounding (FORMAT.md §3 "1.1 Settled points").
import { describe, expect, it } from 'vitest';
import { codes, full, indicatorAt, padded, scored, type IndicatorSpec } from './helpers.js';

const MODES = ['half-up', 'half-even', 'down'] as const;
type Mode = (typeof MODES)[number];

/** The indicator under test at output/quantity/0, scored under `rules`. */
function indicator(ind: IndicatorSpec, rules: string) {
  const r = scored({ indicators: padded({ deviation: '说明', ...ind }), rules });
  return { r, ind: indicatorAt(r) };
}

describe('no intermediate quotient is rounded', () => {
  it('3 × 74.5 ÷ 300 is exactly 0.745, which rounds half-up to 0.75 (the issue)', () => {
    const { ind } = indicator({ target: '≥300个', actual: '74.5个', weight: '3' }, 'rounding: half-up');
    expect(ind.score?.toFixed(2)).toBe('0.75');
  });

  it('under rounding: down a funds score of 30 × 1 ÷ 3 is 10, not 9.99, and the total 80 is 良 (the issue)', () => {
    const r = scored({
      fundsWeight: '30',
      appropriation: { annual: '3', executed: '1' },
      fundsDeviation: '说明',
      indicators: [full('output/quantity', 40), full('outcome/social', 20), full('satisfaction/beneficiary', 10)],
      rules: 'rounding: down\nweights: {funds: 30, output: 40, outcome: 20, satisfaction: 10}',
    });
    expect(r.funds.score.toFixed(2)).toBe('10.00');
    expect(r.total.toFixed(2)).toBe('80.00');
    expect(r.grade).toBe('良');
    expect(r.findings).toEqual([]);
  });

  it('under rounding: down 3 × min(1 ÷ 3, 1) is 1, not 0.99', () => {
    const { ind } = indicator({ target: '≥3个', actual: '1个', weight: '3' }, 'rounding: down');
    expect(ind.score?.toFixed(2)).toBe('1.00');
  });
});

// Each case is an exact tie (or exactly a whole number) whose quotient does not terminate, so a quotient
// rounded to decimal.js's 20 digits lands just below or above it. Expected: half-up, half-even, down.
describe.each<[string, IndicatorSpec, string | undefined, [string, string, string]]>([
  ['positive 3 × 74.5 ÷ 300 = 0.745', { target: '≥300个', actual: '74.5个', weight: '3' }, undefined, ['0.75', '0.74', '0.74']],
  ['positive 3 × 77.5 ÷ 300 = 0.775', { target: '≥300个', actual: '77.5个', weight: '3' }, undefined, ['0.78', '0.78', '0.77']],
  ['positive 3 × 75.5 ÷ 300 = 0.755', { target: '≥300个', actual: '75.5个', weight: '3' }, undefined, ['0.76', '0.76', '0.75']],
  ['equal 3 × 74.5 ÷ 300 = 0.745', { target: '300个', actual: '74.5个', weight: '3' }, undefined, ['0.75', '0.74', '0.74']],
  ['negative ratio 3 × 74.5 ÷ 300 = 0.745', { target: '≤74.5天', actual: '300天', weight: '3' }, undefined, ['0.75', '0.74', '0.74']],
  ['negative ratio 3 × 77.5 ÷ 300 = 0.775', { target: '≤77.5天', actual: '300天', weight: '3' }, undefined, ['0.78', '0.78', '0.77']],
  ['negative ratio 3 × 1 ÷ 3 = 1', { target: '≤1天', actual: '3天', weight: '3' }, undefined, ['1.00', '1.00', '1.00']],
  [
    'negative linear 3 × (1 − 225.5 ÷ 300) = 0.745',
    { target: '≤300天', actual: '525.5天', weight: '3' },
    'negative: linear',
    ['0.75', '0.74', '0.74'],
  ],
  [
    'negative linear 3 × (1 − 222.5 ÷ 300) = 0.775',
    { target: '≤300天', actual: '522.5天', weight: '3' },
    'negative: linear',
    ['0.78', '0.78', '0.77'],
  ],
  ['negative linear 3 × (1 − 2 ÷ 3) = 1', { target: '≤3天', actual: '5天', weight: '3' }, 'negative: linear', ['1.00', '1.00', '1.00']],
])('%s', (_, ind, rules, [halfUp, halfEven, down]) => {
  it.each<[Mode, string]>([
    ['half-up', halfUp],
    ['half-even', halfEven],
    ['down', down],
  ])('rounding %s gives %s', (mode, want) => {
    const { ind: got } = indicator(ind, `rounding: ${mode}${rules ? `\n${rules}` : ''}`);
    expect(got.score?.toFixed(2)).toBe(want);
  });
});

describe('funds: exact score and rate', () => {
  /** A table whose funds weight is 15, so 15 × B ÷ A can be an exact tie while B ÷ A does not terminate. */
  const fifteen = (annual: string, executed: string, rules: string) =>
    scored({
      fundsWeight: '15',
      appropriation: { annual, executed },
      fundsDeviation: '说明',
      indicators: [full('output/quantity', 45), full('outcome/social', 30), full('satisfaction/beneficiary', 10)],
      rules: `${rules}\nweights: {funds: 15, output: 45}`,
    });

  it.each<[Mode, string]>([
    ['half-up', '7.45'],
    ['half-even', '7.44'],
    ['down', '7.44'],
  ])('15 × 744.5 ÷ 1500 = 7.445 under %s is %s', (mode, want) => {
    expect(fifteen('1500', '744.5', `rounding: ${mode}`).funds.score.toFixed(2)).toBe(want);
  });

  it.each<[Mode, string]>([
    ['half-up', '7.48'],
    ['half-even', '7.48'],
    ['down', '7.47'],
  ])('15 × 747.5 ÷ 1500 = 7.475 under %s is %s', (mode, want) => {
    expect(fifteen('1500', '747.5', `rounding: ${mode}`).funds.score.toFixed(2)).toBe(want);
  });

  // 1 ÷ 8 = 12.5%, 0.12345 = 12.345%, 0.12355 = 12.355%: ties of the 执行率 at 0 and 2 places.
  it.each<[string, string, number, [string, string, string]]>([
    ['100000', '12345', 2, ['12.35', '12.34', '12.34']],
    ['100000', '12355', 2, ['12.36', '12.36', '12.35']],
    ['8', '1', 0, ['13', '12', '12']],
    ['3', '2', 2, ['66.67', '66.67', '66.66']],
  ])('执行率 %s ÷ %s at %i places: half-up, half-even, down', (annual, executed, places, want) => {
    const got = MODES.map((mode) => {
      const r = scored({ appropriation: { annual, executed }, fundsDeviation: '说明', rules: `rounding: ${mode}\nrate_places: ${places}` });
      const row = r.funds.rows.find((x) => x.key === 'appropriation');
      expect(row?.rateRounded?.toFixed(places)).toBe(r.funds.rateRounded?.toFixed(places));
      return r.funds.rateRounded?.toFixed(places);
    });
    expect(got).toEqual(want);
  });

  it('the rate in the funds-score message is rounded by rules.rounding', () => {
    const r = scored({ appropriation: { annual: '3', executed: '2' }, fundsScore: '9', fundsDeviation: '说明', rules: 'rounding: down' });
    const message = r.findings.find((f) => f.code === 'funds-score-mismatch')?.message ?? '';
    expect(message).toContain('66.66%');
    expect(message).toContain('6.66');
  });
});

describe('comparisons are exact', () => {
  // 79999999999999999999 ÷ 99999999999999999999 = 0.7999999999999999999998: a 20-digit quotient is 0.8.
  const huge = { annual: '99999999999999999999', executed: '79999999999999999999' };

  it('a rate a hair below a rate cap is capped', () => {
    const r = scored({ appropriation: huge, fundsDeviation: '说明', rules: 'rate_caps: [{below: 80, max_total: 89}]' });
    expect(r.funds.score.toFixed(2)).toBe('8.00');
    expect(r.cap?.toString()).toBe('89');
    expect(r.total.toString()).toBe('89');
  });

  it('a rate a hair below explain_rate_below needs an explanation', () => {
    const r = scored({ appropriation: { annual: '99999999999999999999', executed: '89999999999999999999' } });
    expect(codes(r.findings)).toEqual(['rate-explanation-missing']);
  });

  it('a rate a hair below 100% is below 100%, and its stated 100% agrees only where rounding says so', () => {
    const stated = (mode: Mode) =>
      scored({
        appropriation: { annual: '99999999999999999999', executed: '99999999999999999998', rate: '"100.00%"' },
        rules: `rounding: ${mode}`,
      });
    expect(codes(stated('half-up').findings)).toEqual([]);
    expect(codes(stated('down').findings)).toEqual(['rate-mismatch']);
    expect(stated('down').funds.rateRounded?.toFixed(2)).toBe('99.99');
  });

  it('an actual a hair below 130% of the target is not over-achievement', () => {
    // 1.3 × 1.2345678901234567891 = 1.60493825716049382583; A × 130 at 20 digits is 160.49382571604938258.
    const below = indicator(
      { target: '≥1.2345678901234567891个', actual: '1.60493825716049382581个', weight: '10', deviation: '' },
      'places: 2',
    );
    expect(codes(below.r.findings)).toEqual([]);
    const at = indicator(
      { target: '≥1.2345678901234567891个', actual: '1.60493825716049382583个', weight: '10', deviation: '' },
      'places: 2',
    );
    expect(codes(at.r.findings)).toEqual(['overachievement']);
  });

  it('a qualitative score exactly at a band edge is inside it, whatever the weight', () => {
    // 80% of 0.3 is 0.24, of 1.7 is 1.36.
    expect(
      codes(indicator({ target: '效果明显', actual: '达到', weight: '0.3', score: '0.24', rating: '达成' }, 'places: 2').r.findings),
    ).toEqual([]);
    expect(
      codes(indicator({ target: '效果明显', actual: '达到', weight: '1.7', score: '1.36', rating: '达成' }, 'places: 2').r.findings),
    ).toEqual([]);
    expect(
      codes(indicator({ target: '效果明显', actual: '达到', weight: '1.7', score: '1.359', rating: '达成' }, 'places: 3').r.findings),
    ).toEqual(['rating-band']);
  });
});

describe('one rounding mode for agreement (FORMAT.md §3 1.1)', () => {
  // 4890.43 ÷ 5000 = 97.8086%.
  const rate = (mode: Mode, stated: string) =>
    scored({ appropriation: { annual: '5000', executed: '4890.43', rate: `"${stated}"` }, rules: `rounding: ${mode}` });

  it('a stated 97.80% agrees with 97.8086% under down, not under half-up', () => {
    expect(codes(rate('down', '97.80%').findings)).toEqual([]);
    expect(codes(rate('half-up', '97.80%').findings)).toEqual(['rate-mismatch']);
    expect(codes(rate('half-up', '97.81%').findings)).toEqual([]);
    expect(codes(rate('down', '97.81%').findings)).toEqual(['rate-mismatch']);
  });

  it('the 执行率 is rounded by rules.rounding at rate_places', () => {
    expect(rate('down', '97.80%').funds.rateRounded?.toString()).toBe('97.8');
    expect(rate('half-up', '97.81%').funds.rateRounded?.toString()).toBe('97.81');
  });

  it('a stated score agrees under the mode too: 6.666… rounded down to 1 place is 6.6', () => {
    const at = (mode: Mode, score: string) =>
      codes(indicator({ target: '≥3个', actual: '2个', weight: '10', score }, `rounding: ${mode}\nplaces: 3`).r.findings);
    expect(at('down', '6.6')).toEqual([]);
    expect(at('half-up', '6.6')).toEqual(['score-mismatch']);
    expect(at('half-up', '6.7')).toEqual([]);
    expect(at('down', '6.7')).toEqual(['score-mismatch']);
  });

  it('a stated total agrees under the mode', () => {
    // 10 × 2 ÷ 3 = 6.67 (half-up) or 6.66 (down); the total is 96.67 or 96.66.
    const total = (mode: Mode, stated: string) =>
      codes(
        scored({ appropriation: { annual: '3', executed: '2' }, fundsDeviation: '说明', total: stated, rules: `rounding: ${mode}` })
          .findings,
      );
    expect(total('down', '96.6')).toEqual([]);
    expect(total('half-up', '96.6')).toEqual(['total-mismatch']);
    expect(total('half-up', '96.7')).toEqual([]);
  });
});
