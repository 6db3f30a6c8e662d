// Differential test: the engine against an independent exact-rational scorer (test/oracle/), written
// from FORMAT.md rev. 1.1 alone, on seeded random forms and on FORMAT.md's own worked examples.
//
//   EVALFORM_DIFF_N=20000 npx vitest run test/differential.test.ts     more forms (default 2500)
//   EVALFORM_DIFF_SEED=4711 EVALFORM_DIFF_N=1 npx vitest run test/differential.test.ts   replay one seed
//   EVALFORM_DIFF_VERBOSE=1 …                                         print the summary even when green
//
// The oracle never imports src/; the engine is run through its public `evaluate` and read back exactly
// as `score --format json` prints it (src/report/json-result.ts, through JSON.stringify / JSON.parse).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { jsonResult } from '../src/report/json-result.js';
import { compare, type Disagreement, type EngineJson } from './oracle/compare.js';
import { generate } from './oracle/generate.js';
import { fromJsonNumber, parseDecimal, R, Rational } from './oracle/rational.js';
import { readText, scoreText, type OracleResult } from './oracle/scorer.js';

const N = Number(process.env.EVALFORM_DIFF_N ?? 2500);
const FIRST_SEED = Number(process.env.EVALFORM_DIFF_SEED ?? 1);
const VERBOSE = Boolean(process.env.EVALFORM_DIFF_VERBOSE);

function engine(yaml: string, file: string): EngineJson {
  return JSON.parse(JSON.stringify(jsonResult(evaluate(yaml, file)))) as EngineJson;
}

const q = (x: Rational | undefined): string | undefined => x?.toString();
const n = (x: number | null | undefined): string | undefined => (x === null || x === undefined ? undefined : fromJsonNumber(x).toString());

// ---------------------------------------------------------------------------------------------

describe('oracle: exact rationals (test/oracle/rational.ts)', () => {
  it('normalises and compares', () => {
    expect(Rational.of(6n, -4n)).toEqual(Rational.of(-3n, 2n));
    expect(R('0.745').eq(R(3).mul(R('74.5')).div(R(300)))).toBe(true);
    expect(R('1').div(R('3')).toString()).toBe('1/3');
  });

  it('parses decimal text exactly', () => {
    expect(parseDecimal('1,234.22')).toEqual({ value: R('1234.22'), places: 2, percent: false });
    expect(parseDecimal('75.45%')).toEqual({ value: R('75.45'), places: 2, percent: true });
    expect(parseDecimal('１，２３４．５０')).toEqual({ value: R('1234.5'), places: 2, percent: false });
    for (const bad of ['-1', '1e2', '.5', '1,23', '+3', '']) expect(parseDecimal(bad)).toBeUndefined();
  });

  it('rounds half-up (away from zero), half-even and down (toward zero), ties decided exactly', () => {
    const cases: [string, number, string, string, string][] = [
      // value, places, half-up, half-even, down
      ['0.745', 2, '0.75', '0.74', '0.74'],
      ['0.755', 2, '0.76', '0.76', '0.75'],
      ['-0.745', 2, '-0.75', '-0.74', '-0.74'],
      ['2.5', 0, '3', '2', '2'],
      ['3.5', 0, '4', '4', '3'],
      ['12.345', 2, '12.35', '12.34', '12.34'],
      ['97.8086', 2, '97.81', '97.81', '97.8'],
      ['89.5', 0, '90', '90', '89'],
      ['9.999999', 2, '10', '10', '9.99'],
    ];
    for (const [v, p, hu, he, d] of cases) {
      expect(q(R(v).round(p, 'half-up'))).toBe(hu);
      expect(q(R(v).round(p, 'half-even'))).toBe(he);
      expect(q(R(v).round(p, 'down'))).toBe(d);
    }
    // A tie reached only exactly: 1/3 × 2.235 = 0.745 exactly.
    expect(q(R('2.235').div(R(3)).round(2, 'half-up'))).toBe('0.75');
  });

  it('reads §2 texts: quantities in its grammar, sentences as prose, quantity-shaped texts outside it refused', () => {
    expect(readText('≥25%')).toMatchObject({ kind: 'quantity', q: { direction: 'positive', unit: '%' } });
    expect(readText('控制在300万元以内')).toMatchObject({ kind: 'quantity', q: { direction: 'negative', unit: '万元' } });
    expect(readText('12座')).toMatchObject({ kind: 'quantity', q: { direction: 'equal', unit: '座' } });
    expect(readText('92.5％')).toMatchObject({ kind: 'quantity', q: { unit: '%' } });
    for (const prose of [
      '2023年信访总量总体下降到25%以上。',
      '2022年度业务工作费用1234.22万元',
      '实际支出1472.51万元',
      '完成全年工作',
      '-5%',
      '1e2个',
    ])
      expect(readText(prose)).toEqual({ kind: 'prose' });
    expect(readText('9月前')).toEqual({ kind: 'date' });
    expect(() => readText('至少5米')).toThrow(/outside the oracle's quantity grammar/);
  });
});

// ---------------------------------------------------------------------------------------------
// FORMAT.md's own examples, asserted on the oracle and on the engine.

const header = 'evalform: 1\nyear: 2023\nproject: 例\ndepartment: 某局\nimplementer: 某中心\n';
const full = (weight: number, at = 'output:\n    quantity:'): string =>
  `  ${at}\n      - {target: 完成年度任务, actual: 已完成, weight: ${weight}, score: ${weight}}\n`;

const HAND = {
  // §3 1.1: 3 × 74.5 ÷ 300 is exactly 0.745, which rounds half-up to 0.75, not 0.74.
  tie: `${header}funds:\n  weight: 10\n  appropriation: {annual: 100, executed: 100}\nindicators:\n  output:\n    quantity:\n      - {target: "≥300", actual: "74.5", weight: 3}\n      - {target: 完成年度任务, actual: 已完成, weight: 47, score: 47}\n${full(30, 'outcome:\n    social:')}${full(10, 'satisfaction:\n    beneficiary:')}`,
  // rounding: down leaves an exact 10 at 10 (30 × 100 ÷ 300): nothing below it to round down to 9.99.
  down: `${header}funds:\n  weight: 30\n  appropriation: {annual: 300, executed: 100}\n  score: 10\nindicators:\n${full(70)}rules: {rounding: down}\n`,
  // §3 1.1: a cap of 89.5 gives a total of 89.5 whatever places (here 0); 89.5 is 良.
  cap: `${header}funds:\n  weight: 10\n  appropriation: {annual: 100, executed: 70}\n  deviation: 原因\nindicators:\n${full(90)}total: 89.5\ngrade: 良\nrules:\n  places: 0\n  rate_caps: [{below: 80, max_total: 89.5}]\n`,
  // §3 1.1 One rounding mode, for the 执行率: 123.45 ÷ 1000 = 12.345% → 12.34 under half-even.
  rate: `${header}funds:\n  weight: 10\n  appropriation: {annual: 1000, executed: 123.45, rate: 12.34%}\n  deviation: 原因\nindicators:\n${full(90)}rules: {rounding: half-even}\n`,
  // §3 1.1: a stated 97.80% agrees with 97.8086% under down.
  agree: `${header}funds:\n  weight: 10\n  appropriation: {annual: 10000, executed: 9780.86, rate: 97.80%}\nindicators:\n${full(90)}rules: {rounding: down}\n`,
  // §3 1.1: a stated score above its weight that also disagrees gets both findings.
  // §3 1.1 Budgets: every row that spends with a 全年预算数 of 0 is flagged on that row.
  rows: `${header}funds:\n  weight: 10\n  appropriation: {annual: 100, executed: 50}\n  carryover: {annual: 0, executed: 5}\n  other: {annual: 0, executed: 7}\n  deviation: 原因\nindicators:\n${full(90)}`,
  // §3 1.1 Budgets: no budget at all gets zero-budget even when nothing was spent.
  empty: `${header}funds:\n  weight: 10\nindicators:\n${full(90)}`,
  // §2 1.1: FORMAT.md's own examples of a prose actual against a quantity target.
  prose: `${header}funds:\n  weight: 10\n  appropriation: {annual: 100, executed: 100}\nindicators:\n  output:\n    quantity:\n      - {target: "≤30天", actual: 平均36天, weight: 45, score: 40, deviation: 原因}\n      - {target: "≥120处", actual: 完成126处, weight: 45, score: 45}\n`,
  both: `${header}funds:\n  weight: 10\n  appropriation: {annual: 100, executed: 100}\n  score: 11\nindicators:\n  output:\n    quantity:\n      - {target: "≥10", actual: "5", weight: 5, score: 6}\n      - {target: 完成年度任务, actual: 已完成, weight: 85, score: 85}\n`,
};

const codesAt = (e: EngineJson, code: string): string[] => e.findings.filter((f) => f.code === code).map((f) => f.path);

describe('FORMAT.md examples: oracle', () => {
  it('3 × 74.5 ÷ 300 = 0.745 → 0.75 (total 97.75)', () => {
    const o = scoreText(HAND.tie);
    expect(q(o.indicators[0]?.score)).toBe('0.75');
    expect(q(o.total)).toBe('97.75');
  });
  it('rounding: down, funds score 30 × 100 ÷ 300 = 10 stays 10 (total 80, 良), stated 10 agrees', () => {
    const o = scoreText(HAND.down);
    expect(q(o.funds.score)).toBe('10');
    expect([q(o.total), o.grade]).toEqual(['80', '良']);
    expect(o.findings.get('funds-score-mismatch /funds')).toBe(false);
  });
  it('a cap of 89.5 with places 0 gives 89.5, graded 良, stated 89.5 agrees', () => {
    const o = scoreText(HAND.cap);
    expect([q(o.sum), q(o.total), o.grade]).toEqual(['97', '89.5', '良']);
    expect(o.findings.get('total-mismatch ')).toBe(false);
  });
  it('12.345% is 12.34 under half-even, and a stated 12.34% agrees', () => {
    const o = scoreText(HAND.rate);
    expect(q(o.funds.rateRounded)).toBe('12.34');
    expect(o.findings.get('rate-mismatch /funds/appropriation')).toBe(false);
  });
  it('a stated 97.80% agrees with 97.8086% under down', () => {
    const o = scoreText(HAND.agree);
    expect([q(o.funds.rate), q(o.funds.rateRounded)]).toEqual(['97.8086', '97.8']);
    expect(o.findings.get('rate-mismatch /funds/appropriation')).toBe(false);
  });
  it('a stated score above its weight that disagrees gets both findings', () => {
    const o = scoreText(HAND.both);
    expect(o.findings.get('score-exceeds-weight /indicators/output/quantity/0')).toBe(true);
    expect(o.findings.get('score-mismatch /indicators/output/quantity/0')).toBe(true);
    expect(o.findings.get('score-exceeds-weight /funds')).toBe(true);
    expect(o.findings.get('funds-score-mismatch /funds')).toBe(true);
  });
  it('zero-budget on each row that spends without a budget, and on a form with no budget at all', () => {
    const o = scoreText(HAND.rows);
    expect(o.findings.get('zero-budget /funds/carryover')).toBe(true);
    expect(o.findings.get('zero-budget /funds/other')).toBe(true);
    expect(o.findings.get('zero-budget /funds/appropriation')).toBe(false);
    expect([q(o.funds.rate), q(o.funds.score)]).toEqual(['62', '6.2']); // their spending still counts: 62 ÷ 100
    const empty = scoreText(HAND.empty);
    expect([empty.funds.rate, q(empty.funds.score), empty.findings.get('zero-budget *')]).toEqual([undefined, '0', true]);
  });
  it('actual-not-quantity for ≤30天 / 平均36天 and ≥120处 / 完成126处, scored from the stated score', () => {
    const o = scoreText(HAND.prose);
    expect(o.indicators.map((i) => `${i.method} ${q(i.score)}`)).toEqual(['qualitative 40', 'qualitative 45']);
    expect(o.findings.get('actual-not-quantity /indicators/output/quantity/0')).toBe(true);
    expect(o.findings.get('actual-not-quantity /indicators/output/quantity/1')).toBe(true);
  });
  it('the seed table: 1472.51 ÷ 1983.98 = 74.22%, funds 7.42, total 97.42 (RULES.md), stated 75.45% / 7.5 / 97.5 disagree', () => {
    const o = scoreText(readFileSync(new URL('../examples/hunan-2022-business.yaml', import.meta.url), 'utf8'));
    expect([q(o.funds.rateRounded), q(o.funds.score), q(o.total), o.grade]).toEqual(['74.22', '7.42', '97.42', '优']);
    expect(o.findings.get('rate-mismatch /funds/total')).toBe(true);
    expect(o.findings.get('funds-score-mismatch /funds')).toBe(true);
    expect(o.findings.get('total-mismatch ')).toBe(true);
  });
  it('seed table 2: 259.49 ÷ 288 = 90.10%, stated 90% and 9 agree at their own precision', () => {
    const o = scoreText(readFileSync(new URL('../examples/hunan-2022-operations.yaml', import.meta.url), 'utf8'));
    expect([q(o.funds.rateRounded), q(o.funds.score)]).toEqual(['90.1', '9.01']);
    expect(o.findings.get('rate-mismatch /funds/total')).toBe(false);
    expect(o.findings.get('funds-score-mismatch /funds')).toBe(false);
  });
  it('examples/quantitative.yaml as worked in its header: 92.66%, 9.27, 95.69 → 优', () => {
    const o = scoreText(readFileSync(new URL('../examples/quantitative.yaml', import.meta.url), 'utf8'));
    expect([q(o.funds.rateRounded), q(o.funds.score), q(o.total), o.grade]).toEqual(['92.66', '9.27', '95.69', '优']);
    expect(o.indicators.map((i) => `${i.method} ${q(i.score) ?? '-'}`)).toEqual([
      'positive 8',
      'positive 6.01',
      'equal 5',
      'positive 5',
      'positive 4.9',
      'negative 3',
      'qualitative 2',
      'equal 3',
      'negative 3.33',
      'negative 7.68',
      'qualitative 3.5',
      'positive 5',
      'positive 8',
      'not-applicable -',
      'qualitative 4',
      'qualitative 8',
      'positive 10',
    ]);
    expect([...o.findings].filter(([, v]) => v === true)).toEqual([]);
  });
});

describe('FORMAT.md examples: engine', () => {
  // Known bug divide-before-multiply: the engine gives 0.74 (and 97.74).
  it('3 × 74.5 ÷ 300 = 0.745 → 0.75', () => {
    const e = engine(HAND.tie, 'tie.yaml');
    expect([n(e.indicators[0]?.score), n(e.total)]).toEqual(['0.75', '97.75']);
  });
  // Known bug divide-before-multiply: 30 × 0.33333333333333333333 = 9.9999999999999999999 → 9.99 under down; total 79.99, 中.
  it('rounding: down, funds score 10 stays 10 (total 80, 良)', () => {
    const e = engine(HAND.down, 'down.yaml');
    expect([n(e.funds?.score), n(e.total), e.grade]).toEqual(['10', '80', '良']);
  });
  // Known bug capped-total-rerounded: the JSON says 90 (beside the grade 良).
  it('a cap of 89.5 with places 0 stays 89.5', () => {
    const e = engine(HAND.cap, 'cap.yaml');
    expect([n(e.total), e.grade]).toEqual(['89.5', '良']);
  });
  // Known bugs rate-rounded-half-up (JSON 12.35) and agreement-half-up (rate-mismatch reported).
  it('12.345% is 12.34 under half-even, and a stated 12.34% agrees', () => {
    const e = engine(HAND.rate, 'rate.yaml');
    expect(n(e.funds?.rate)).toBe('12.34');
    expect(codesAt(e, 'rate-mismatch')).toEqual([]);
  });
  // Known bug agreement-half-up: rate-mismatch "应为 97.81%".
  it('a stated 97.80% agrees with 97.8086% under down', () => {
    const e = engine(HAND.agree, 'agree.yaml');
    expect(codesAt(e, 'rate-mismatch')).toEqual([]);
  });
  // Known bug exceeds-suppresses-mismatch: only score-exceeds-weight is reported.
  it('a stated score above its weight that disagrees gets both findings', () => {
    const e = engine(HAND.both, 'both.yaml');
    expect(codesAt(e, 'score-mismatch').length).toBe(1);
    expect(codesAt(e, 'funds-score-mismatch').length).toBe(1);
  });
  // Known bug zero-budget-not-per-row: neither row is flagged (the total has a budget).
  it('zero-budget on each row that spends without a budget', () => {
    const rows = codesAt(engine(HAND.rows, 'rows.yaml'), 'zero-budget').map((p) => p.split('/').slice(0, 3).join('/'));
    expect(rows.sort()).toEqual(['/funds/carryover', '/funds/other']);
  });
  // Known bug zero-budget-without-rows.
  it('zero-budget on a form with no budget at all, nothing spent', () => {
    expect(codesAt(engine(HAND.empty, 'empty.yaml'), 'zero-budget').length).toBeGreaterThan(0);
  });
  // Known bug actual-not-quantity-unimplemented (the scores themselves agree: both qualitative, as stated).
  it("actual-not-quantity for FORMAT.md's examples ≤30天 / 平均36天 and ≥120处 / 完成126处", () => {
    const e = engine(HAND.prose, 'prose.yaml');
    expect(e.indicators.map((i) => `${i.method} ${i.score}`)).toEqual(['qualitative 40', 'qualitative 45']);
    expect(codesAt(e, 'actual-not-quantity').length).toBe(2);
  });
  it('the seed table: 74.22%, 7.42, 97.42 → 优', () => {
    const e = engine(
      readFileSync(new URL('../examples/hunan-2022-business.yaml', import.meta.url), 'utf8'),
      'examples/hunan-2022-business.yaml',
    );
    expect([n(e.funds?.rate), n(e.funds?.score), n(e.total), e.grade]).toEqual(['74.22', '7.42', '97.42', '优']);
  });
  it('the three examples agree with the oracle in every compared value and finding', () => {
    for (const name of ['hunan-2022-business.yaml', 'hunan-2022-operations.yaml', 'quantitative.yaml']) {
      const text = readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');
      expect(compare(scoreText(text), engine(text, `examples/${name}`)), name).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------

interface Coverage {
  [what: string]: number;
}

function cover(c: Coverage, o: OracleResult, yaml: string): void {
  const inc = (k: string): void => {
    c[k] = (c[k] ?? 0) + 1;
  };
  inc(`rounding ${o.rules.rounding}`);
  inc(`places ${o.rules.places}`);
  inc(`rate_places ${o.rules.rate_places}`);
  inc(`negative ${o.rules.negative}`);
  for (const i of o.indicators) {
    inc(`method ${i.method}`);
    if (
      i.exact !== undefined &&
      i.score !== undefined &&
      !i.exact.hasPlaces(o.rules.places) &&
      i.exact.hasPlaces(o.rules.places + 1) &&
      i.exact.mul(R(10n ** BigInt(o.rules.places + 1))).num % 10n === 5n
    )
      inc('indicator score on an exact tie');
    if (i.exact === undefined && i.method === 'qualitative') inc('qualitative unscored');
    if (i.A?.isZero()) inc(`target 0 (${i.method}${i.method === 'negative' ? ` ${o.rules.negative}` : ''})`);
    if (i.method === 'negative' && i.B?.isZero()) inc('negative with actual 0');
    if (i.method === 'negative' && o.rules.negative === 'linear' && i.A && i.B && !i.A.isZero() && !i.B.lt(i.A.add(i.A)))
      inc('negative linear at or past 2A');
  }
  const f = o.funds;
  if (f.rate === undefined) inc('funds without a rate (budget 0)');
  else {
    if (
      !f.rate.hasPlaces(o.rules.rate_places) &&
      f.rate.hasPlaces(o.rules.rate_places + 1) &&
      f.rate.mul(R(10n ** BigInt(o.rules.rate_places + 1))).num % 10n === 5n
    )
      inc('rate on an exact tie');
    if (R(100).lt(f.rate)) inc('rate above 100%');
    if (f.rate.eq(R(100))) inc('rate exactly 100%');
    if (o.rules.rate_caps.some((c) => c.below.eq(f.rate!))) inc('rate exactly at a cap threshold');
    if (
      !f.exact.hasPlaces(o.rules.places) &&
      f.exact.hasPlaces(o.rules.places + 1) &&
      f.exact.mul(R(10n ** BigInt(o.rules.places + 1))).num % 10n === 5n
    )
      inc('funds score on an exact tie');
  }
  if (o.cap !== undefined) inc('total capped');
  if (o.cap !== undefined && !o.cap.hasPlaces(o.rules.places)) inc('cap with more decimals than places');
  if (o.rules.grades.some((g) => g.min.eq(o.total))) inc('total exactly at a grade threshold');
  if (/\n {2}grades:/.test(yaml)) inc('custom grades');
  if (/\n {2}total:\n {4}rate:/.test(yaml)) inc('a 年度资金总额 row with only its rate');
  if (/\n {2}rate_caps:/.test(yaml)) inc('rate caps');
  const w = o.indicators.reduce((s, i) => s.add(i.weight), o.funds.weight);
  if (w.eq(R(100))) inc('weights sum to 100');
  for (const [k, v] of o.findings) if (v === true) inc(`expects ${k.split(' ')[0]}`);
  for (const [, v] of o.findings) if (v === 'unsettled') inc('a check left open (agreement ambiguous)');
}

function describeFailure(seed: number, yaml: string, ds: Disagreement[]): string {
  const lines = ds.map((d) => `  ${d.field}: oracle ${d.oracle}, engine ${d.engine}`);
  return [
    `seed ${seed}  (replay: EVALFORM_DIFF_SEED=${seed} EVALFORM_DIFF_N=1 npx vitest run test/differential.test.ts)`,
    ...lines,
    '--- form ---',
    yaml,
  ].join('\n');
}

describe(`differential: oracle vs engine on ${N} seeded forms from seed ${FIRST_SEED}`, () => {
  it(
    'agrees on every rate, score, method, total, grade and modelled finding',
    () => {
      const started = Date.now();
      const failures: string[] = [];
      const coverage: Coverage = {};
      const ms = { generate: 0, oracle: 0, engine: 0 };
      const timed = <T>(k: keyof typeof ms, f: () => T): T => {
        const t = performance.now();
        const v = f();
        ms[k] += performance.now() - t;
        return v;
      };
      for (let seed = FIRST_SEED; seed < FIRST_SEED + N; seed++) {
        const g = timed('generate', () => generate(seed));
        const o = timed('oracle', () => scoreText(g.yaml));
        expect(o.unsettled, `seed ${seed}: the generator wrote a form the spec leaves open`).toEqual([]);
        cover(coverage, o, g.yaml);
        const ds = compare(
          o,
          timed('engine', () => engine(g.yaml, `seed-${seed}.yaml`)),
        );
        if (ds.length > 0) failures.push(describeFailure(seed, g.yaml, ds));
      }
      if (VERBOSE || failures.length > 0) {
        console.log(
          [
            `differential: ${N} forms (seeds ${FIRST_SEED}–${FIRST_SEED + N - 1}) in ${Date.now() - started} ms (generate ${Math.round(ms.generate)}, oracle ${Math.round(ms.oracle)}, engine ${Math.round(ms.engine)}); ${failures.length} disagree`,
            '  coverage: ' +
              Object.entries(coverage)
                .sort()
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
          ].join('\n'),
        );
      }
      // Coverage the generator must reach for the comparison to mean anything.
      for (const k of [
        'method positive',
        'method negative',
        'method equal',
        'method qualitative',
        'method not-applicable',
        'rounding half-even',
        'rounding down',
        'negative linear',
      ]) {
        expect(coverage[k] ?? 0, `coverage: ${k}`).toBeGreaterThan(0);
      }
      if (N >= 500) {
        for (const k of [
          'indicator score on an exact tie',
          'rate on an exact tie',
          'funds score on an exact tie',
          'total capped',
          'cap with more decimals than places',
          'rate exactly at a cap threshold',
          'total exactly at a grade threshold',
          'qualitative unscored',
        ]) {
          expect(coverage[k] ?? 0, `coverage: ${k}`).toBeGreaterThan(0);
        }
      }
      if (failures.length > 0) console.log(`${failures.length} forms disagree; the first 5:\n\n${failures.slice(0, 5).join('\n\n')}`);
      expect(failures.length, 'forms on which the engine and the oracle disagree (printed above)').toBe(0);
    },
    Math.max(120_000, N * 40),
  );
});
