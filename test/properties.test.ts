// Properties of the scoring engine (FORMAT.md §3) on generated forms, through `evaluate` (issue 5, item 2).
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import type { Evaluation, ScoreResult } from '../src/model/types.js';
import { formYaml, type FormSpec, type IndicatorSpec, type RowSpec } from './helpers.js';

/** Runs per property: enough to find a slip in a formula, few enough to keep `npm test` quick. */
const RUNS = Number(process.env.EVALFORM_PROPERTY_RUNS ?? 150);
// scripts/fuzz.mjs replays a run by its seed; `npm test` lets fast-check pick one (printed with any failure).
if (process.env.EVALFORM_FUZZ_SEED) fc.configureGlobal({ seed: Number(process.env.EVALFORM_FUZZ_SEED) });
/** A generous timeout that grows with the runs asked for (EVALFORM_PROPERTY_RUNS for a longer hunt). */
const TIMEOUT = Math.max(20_000, RUNS * 30);
const ZERO = new Decimal(0);

type Kind = 'positive' | 'negative' | 'equal' | 'qualitative' | 'achieved' | 'not-applicable';

/** An indicator before it is written: the numbers stay numbers so a test can rescale them. */
interface GenIndicator {
  at: string;
  kind: Kind;
  target: Decimal;
  actual: Decimal;
  unit: string;
  /** Unit of the actual when it differs from the target's (万元 against 元). */
  actualUnit?: string;
  weight: Decimal;
  /** Qualitative: the stated score, never above the weight. */
  score?: Decimal;
}

interface GenRow {
  initial?: Decimal;
  annual?: Decimal;
  executed?: Decimal;
}

interface GenForm {
  unit: '万元' | '元';
  fundsWeight: Decimal;
  appropriation: GenRow;
  carryover?: GenRow;
  indicators: GenIndicator[];
  rules?: string;
}

/** A non-negative decimal with up to `places` decimals and at most `max` before the point. */
const decimal = (max: number, places: number): fc.Arbitrary<Decimal> =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 10 ** places - 1 }), fc.integer({ min: 0, max: places }))
    .map(([int, frac, p]) => new Decimal(`${int}.${String(frac).padStart(places, '0').slice(0, p) || '0'}`));

const LEVELS = [
  'output/quantity',
  'output/quality',
  'output/timeliness',
  'output/cost',
  'outcome/economic',
  'outcome/social',
  'outcome/ecological',
  'outcome/sustainability',
  'satisfaction/beneficiary',
];

const indicator: fc.Arbitrary<GenIndicator> = fc
  .record({
    at: fc.constantFrom(...LEVELS),
    kind: fc.constantFrom<Kind>('positive', 'negative', 'equal', 'qualitative', 'achieved', 'not-applicable'),
    target: decimal(5000, 3),
    actual: decimal(5000, 3),
    unit: fc.constantFrom('', '%', '个', '人次', '天', '万元', '元'),
    weight: decimal(30, 1),
    share: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ share, ...r }) => ({
    ...r,
    score: r.kind === 'qualitative' ? r.weight.times(share).div(100).toDecimalPlaces(1, Decimal.ROUND_DOWN) : undefined,
  }));

const row: fc.Arbitrary<GenRow> = fc.record({
  initial: fc.option(decimal(100_000, 2), { nil: undefined }),
  annual: decimal(100_000, 2),
  executed: decimal(120_000, 2),
});

const RULES = [undefined, 'negative: linear', 'rounding: half-even\nplaces: 1', 'rounding: down', 'places: 3\nrate_places: 3'];

const form: fc.Arbitrary<GenForm> = fc.record({
  unit: fc.constantFrom<'万元' | '元'>('万元', '元'),
  fundsWeight: decimal(20, 1),
  appropriation: row,
  carryover: fc.option(row, { nil: undefined }),
  indicators: fc.array(indicator, { minLength: 1, maxLength: 8 }),
  rules: fc.constantFrom(...RULES),
});

function text(d: Decimal | undefined): string | undefined {
  return d === undefined ? undefined : d.toFixed();
}

function rowSpec(r: GenRow | undefined): RowSpec | undefined {
  return r && { initial: text(r.initial), annual: text(r.annual), executed: text(r.executed) };
}

function indicatorSpec(g: GenIndicator): IndicatorSpec {
  const base = { at: g.at, weight: g.weight.toFixed() };
  const actualUnit = g.actualUnit ?? g.unit;
  switch (g.kind) {
    case 'positive':
      return { ...base, target: `≥${g.target.toFixed()}${g.unit}`, actual: `${g.actual.toFixed()}${actualUnit}` };
    case 'negative':
      return { ...base, target: `≤${g.target.toFixed()}${g.unit}`, actual: `${g.actual.toFixed()}${actualUnit}` };
    case 'equal':
      return { ...base, target: `${g.target.toFixed()}${g.unit}`, actual: `${g.actual.toFixed()}${actualUnit}` };
    case 'qualitative':
      return { ...base, target: '完成年度工作任务', actual: '基本完成', score: g.score?.toFixed(), deviation: '部分工作顺延' };
    case 'achieved':
      return { ...base, target: '完成年度工作任务', actual: '已完成', rating: '达成' };
    case 'not-applicable':
      return { at: g.at, target: '/', actual: '/', weight: '0' };
  }
}

function spec(g: GenForm): FormSpec {
  return {
    unit: g.unit,
    fundsWeight: g.fundsWeight.toFixed(),
    appropriation: rowSpec(g.appropriation),
    carryover: rowSpec(g.carryover),
    fundsDeviation: '年底部分款项未支付',
    indicators: g.indicators.map(indicatorSpec),
    rules: g.rules,
  };
}

/** The scores of a generated form; a form the generator got wrong fails loudly with its text. */
function score(g: GenForm, patch: (s: FormSpec) => FormSpec = (s) => s): ScoreResult & { ev: Evaluation } {
  const yaml = formYaml(patch(spec(g)));
  const ev = evaluate(yaml, 'generated.yaml');
  if (!ev.result) throw new Error(`not scored:\n${ev.findings.map((f) => `${f.line}:${f.column} ${f.message}`).join('\n')}\n${yaml}`);
  return { ...ev.result, ev };
}

describe('the total', () => {
  it(
    'is the exact sum of the rounded components',
    () => {
      fc.assert(
        fc.property(form, (g) => {
          const r = score(g);
          const sum = r.indicators.reduce((s, i) => s.plus(i.score ?? ZERO), r.funds.score);
          expect(r.total.toFixed()).toBe(sum.toFixed());
          for (const part of [r.funds.score, ...r.indicators.flatMap((i) => (i.score ? [i.score] : []))]) {
            expect(part.decimalPlaces()).toBeLessThanOrEqual(r.rules.places);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'is that sum limited by the lowest rate cap that applies',
    () => {
      const caps = 'rate_caps: [{below: 80, max_total: 89}, {below: 60, max_total: 69}, {below: 95, max_total: 95}]';
      fc.assert(
        fc.property(form, (g) => {
          const r = score({ ...g, rules: caps });
          const sum = r.indicators.reduce((s, i) => s.plus(i.score ?? ZERO), r.funds.score);
          const rate = r.funds.rate;
          const applicable = [
            [80, 89],
            [60, 69],
            [95, 95],
          ]
            .filter(([below]) => rate?.lt(below as number))
            .map(([, max]) => max as number);
          const cap = applicable.length > 0 ? Math.min(...applicable) : undefined;
          expect(r.total.toFixed()).toBe(cap !== undefined && sum.gt(cap) ? String(cap) : sum.toFixed());
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('each component', () => {
  it(
    'lies between 0 and its weight',
    () => {
      fc.assert(
        fc.property(form, (g) => {
          const r = score(g);
          expect(r.funds.score.gte(0) && r.funds.score.lte(r.funds.weight), `funds ${r.funds.score} of ${r.funds.weight}`).toBe(true);
          for (const i of r.indicators) {
            if (i.score === undefined) continue;
            expect(i.score.gte(0) && i.score.lte(i.weight), `${i.path} ${i.score} of ${i.weight}`).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  // A qualitative score stated above its weight is flagged (score-exceeds-weight) and counted at the weight.
  it('never exceeds its weight, even when the paper states more', () => {
    fc.assert(
      fc.property(form, fc.integer({ min: 1, max: 50 }), (g, over) => {
        const first = g.indicators[0] as GenIndicator;
        const r = score({
          ...g,
          indicators: [{ ...first, kind: 'qualitative', score: first.weight.plus(over).toDecimalPlaces(1) }, ...g.indicators.slice(1)],
        });
        for (const i of r.indicators) {
          if (i.score !== undefined) expect(i.score.lte(i.weight), `${i.path} ${i.score} of ${i.weight}`).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });

  it(
    'is scored by the method its target says',
    () => {
      fc.assert(
        fc.property(form, (g) => {
          const r = score(g);
          for (const i of r.indicators) {
            const [, , l1, l2, index] = i.path.split('/');
            const kind = g.indicators.filter((x) => x.at === `${l1}/${l2}`)[Number(index)]?.kind;
            if (kind === 'achieved' || kind === 'qualitative') expect(i.method).toBe('qualitative');
            if (kind === 'not-applicable') expect(i.method).toBe('not-applicable');
            // 万元 against 个 cannot be compared, so such a quantity falls back to qualitative.
            if (kind === 'positive' || kind === 'negative' || kind === 'equal') expect([kind, 'qualitative']).toContain(i.method);
          }
        }),
        { numRuns: 50 },
      );
    },
    TIMEOUT,
  );
});

/** A form whose first indicator is the one under test: target A with `comparison`, actual B, weight w. */
function single(comparison: string, A: Decimal, B: Decimal, w: Decimal, rules?: string): ScoreResult {
  const rest = new Decimal(90).minus(w);
  const g: GenForm = {
    unit: '万元',
    fundsWeight: new Decimal(10),
    appropriation: { annual: new Decimal(100), executed: new Decimal(100) },
    rules,
    indicators: [
      { at: 'output/quantity', kind: 'positive', target: A, actual: B, unit: '个', weight: w },
      { at: 'outcome/social', kind: 'achieved', target: ZERO, actual: ZERO, unit: '', weight: rest },
    ],
  };
  return score(g, (s) => ({
    ...s,
    indicators: [{ ...(s.indicators?.[0] as IndicatorSpec), target: `${comparison}${A.toFixed()}个` }, ...(s.indicators?.slice(1) ?? [])],
  }));
}

describe('monotonicity in the actual value', () => {
  const ab = fc.tuple(decimal(1000, 2), decimal(1000, 2), decimal(1000, 2), decimal(40, 1));

  /** More actual never lowers a positive indicator's score, nor raises a negative one's. */
  const monotone = (comparison: string, rules: string | undefined, more: 'lte' | 'gte') => () => {
    fc.assert(
      fc.property(ab, ([A, b1, b2, w]) => {
        const [lo, hi] = b1.lte(b2) ? [b1, b2] : [b2, b1];
        const s1 = single(comparison, A, lo, w, rules).indicators[0]?.score as Decimal;
        const s2 = single(comparison, A, hi, w, rules).indicators[0]?.score as Decimal;
        expect(s1[more](s2), `A=${A} B=${lo}→${s1}, B=${hi}→${s2}`).toBe(true);
      }),
      { numRuns: RUNS / 2 },
    );
  };

  it.each([
    ['≥', undefined],
    ['不低于', undefined],
    ['', undefined],
    ['>', undefined],
  ])('a positive indicator (%s) never scores less for more', (comparison, rules) => monotone(comparison, rules, 'lte')(), TIMEOUT);

  it.each([
    ['≤', undefined],
    ['不超过', undefined],
    ['≤', 'negative: linear'],
    ['<', 'negative: linear'],
  ])('a negative indicator (%s, %s) never scores more for more', (comparison, rules) => monotone(comparison, rules, 'gte')(), TIMEOUT);

  it(
    'the funds score never falls as more of the budget is spent',
    () => {
      fc.assert(
        fc.property(decimal(10_000, 2), decimal(12_000, 2), decimal(12_000, 2), (annual, e1, e2) => {
          const [lo, hi] = e1.lte(e2) ? [e1, e2] : [e2, e1];
          const at = (executed: Decimal) =>
            score({
              unit: '万元',
              fundsWeight: new Decimal(10),
              appropriation: { annual, executed },
              indicators: [{ at: 'output/quantity', kind: 'achieved', target: ZERO, actual: ZERO, unit: '', weight: new Decimal(90) }],
            }).funds.score;
          expect(at(lo).lte(at(hi))).toBe(true);
        }),
        { numRuns: RUNS / 2 },
      );
    },
    TIMEOUT,
  );
});

describe('rescaling 万元 to 元', () => {
  const TEN_THOUSAND = new Decimal(10_000);
  const scaleRow = (r: GenRow | undefined): GenRow | undefined =>
    r && {
      initial: r.initial?.times(TEN_THOUSAND),
      annual: r.annual?.times(TEN_THOUSAND),
      executed: r.executed?.times(TEN_THOUSAND),
    };
  /** Every amount × 10000 in 元; every indicator quantity in 万元 × 10000 in 元. */
  const toYuan = (g: GenForm): GenForm => ({
    ...g,
    unit: '元',
    appropriation: scaleRow(g.appropriation) as GenRow,
    carryover: scaleRow(g.carryover),
    indicators: g.indicators.map((i) => {
      const target = i.unit === '万元' ? i.target.times(TEN_THOUSAND) : i.target;
      const actual = (i.actualUnit ?? i.unit) === '万元' ? i.actual.times(TEN_THOUSAND) : i.actual;
      return {
        ...i,
        target,
        actual,
        unit: i.unit === '万元' ? '元' : i.unit,
        actualUnit: (i.actualUnit ?? i.unit) === '万元' ? '元' : i.actualUnit,
      };
    }),
  });
  // Half of the money indicators state the actual in 元 against a target in 万元, as forms do.
  const inWan = form.chain((g) =>
    fc.array(fc.boolean(), { minLength: g.indicators.length, maxLength: g.indicators.length }).map((mixed) => ({
      ...g,
      unit: '万元' as const,
      indicators: g.indicators.map((i, n) =>
        i.unit === '万元' && mixed[n] ? { ...i, actual: i.actual.times(TEN_THOUSAND), actualUnit: '元' } : i,
      ),
    })),
  );

  it(
    'changes no score, rate, total or grade',
    () => {
      fc.assert(
        fc.property(inWan, (g) => {
          const wan = score(g);
          const yuan = score(toYuan(g));
          expect(yuan.funds.rate?.toFixed()).toBe(wan.funds.rate?.toFixed());
          expect(yuan.funds.score.toFixed()).toBe(wan.funds.score.toFixed());
          expect(yuan.indicators.map((i) => [i.method, i.score?.toFixed()])).toEqual(
            wan.indicators.map((i) => [i.method, i.score?.toFixed()]),
          );
          expect([yuan.total.toFixed(), yuan.grade]).toEqual([wan.total.toFixed(), wan.grade]);
          expect(yuan.ev.findings.map((f) => f.code)).toEqual(wan.ev.findings.map((f) => f.code));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

// FORMAT.md §3 1.1: a stated value is judged in the form's own rules.rounding, not always half-up.
describe('agreement of a stated value (symmetric with rounding)', () => {
  const MODE = { 'half-up': Decimal.ROUND_HALF_UP, 'half-even': Decimal.ROUND_HALF_EVEN, down: Decimal.ROUND_DOWN } as const;
  const roundAs = (d: Decimal, k: number, mode: keyof typeof MODE) => d.toDecimalPlaces(k, MODE[mode]);
  const ulp = (k: number) => new Decimal(1).div(new Decimal(10).pow(k));
  type Field = 'rate' | 'funds' | 'indicator' | 'total';
  const fields = fc.constantFrom<Field>('rate', 'funds', 'indicator', 'total');

  /** The value the engine judges the field against, and the form with that field stated as `written`. */
  function statedAs(g: GenForm, field: Field, written: string): { codes: string[] } {
    const r = score(g, (s) => {
      if (field === 'rate') return { ...s, appropriation: { ...s.appropriation, rate: `${written}%` } };
      if (field === 'funds') return { ...s, fundsScore: written };
      if (field === 'total') return { ...s, total: written };
      return { ...s, indicators: [{ ...(s.indicators?.[0] as IndicatorSpec), score: written }, ...(s.indicators?.slice(1) ?? [])] };
    });
    const path = {
      rate: '/funds/appropriation/rate',
      funds: '/funds/score',
      indicator: '/indicators/output/quantity/0/score',
      total: '/total',
    }[field];
    return { codes: r.ev.findings.filter((f) => f.path === path && f.severity === 'error').map((f) => f.code) };
  }

  /** The computed value, and the most that may be stated for it (a score above its weight is its own fault). */
  function computed(g: GenForm, field: Field): { value?: Decimal; max: Decimal; mode: keyof typeof MODE } {
    const r = score(g);
    const hundred = new Decimal(100);
    const mode = r.rules.rounding;
    // computedRate is exact whenever it terminates, and within 10^-30 otherwise: far from any tie at k ≤ 5 places.
    if (field === 'rate')
      return { value: r.funds.rows.find((x) => x.key === 'appropriation')?.computedRate, max: new Decimal(Infinity), mode };
    if (field === 'funds') return { value: r.funds.score, max: r.funds.weight, mode };
    if (field === 'total') return { value: r.total, max: hundred, mode };
    return { value: r.indicators[0]?.score, max: Decimal.min(r.indicators[0]?.weight ?? ZERO, hundred), mode };
  }

  /** A form whose first indicator (at output/quantity) is quantitative, so its score is computed and checked. */
  const checked = form.map((g) => ({
    ...g,
    indicators: [
      { ...(g.indicators[0] as GenIndicator), at: 'output/quantity', kind: 'positive' as const, unit: '个', actualUnit: undefined },
      ...g.indicators.slice(1).filter((i) => i.at !== 'output/quantity'),
    ],
  }));

  it(
    'a stated value rounded from the computed one to k places always agrees; one unit off in the last place never does',
    () => {
      fc.assert(
        fc.property(checked, fields, fc.integer({ min: 0, max: 5 }), (g, field, k) => {
          const { value, max, mode } = computed(g, field);
          fc.pre(value !== undefined);
          const exact = roundAs(value as Decimal, k, mode);
          // 0.5 of a weight of 0.5, stated to no decimals, is 1: above the weight, which is reported as such instead.
          fc.pre(exact.lte(max));
          expect(statedAs(g, field, exact.toFixed(k)).codes, `${field} ${value} stated ${exact.toFixed(k)}`).toEqual([]);
          for (const near of [exact.plus(ulp(k)), exact.minus(ulp(k))]) {
            // Nothing is stated below 0, and a score above its weight or 100 is a fault of its own.
            if (near.lt(0) || near.gt(max)) continue;
            const { codes } = statedAs(g, field, near.toFixed(k));
            expect(codes.length, `${field} ${value} stated ${near.toFixed(k)}`).toBeGreaterThan(0);
            expect(codes.every((c) => c.endsWith('-mismatch') || c === 'score-exceeds-weight')).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
