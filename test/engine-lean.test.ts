// The engine's cheaper paths (issue #12) give what the long way gives: numbers looked up by pointers kept from form
// to form, quantities read without decimal.js, their Decimals made only when read.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIndicator } from '../src/score/compute.js';
import { Ratio } from '../src/score/exact.js';
import { Memo } from '../src/score/memo.js';
import { digitsToBigInt, exactOfText, exponentOfText, parseDecimalText } from '../src/score/number.js';
import { alignUnits, parseQuantity } from '../src/score/quantity.js';
import { evalForm, formYaml, type IndicatorSpec } from './helpers.js';
import { evaluate } from '../src/evaluate.js';

describe('numbers of many indicators under one heading', () => {
  // 70 indicators of 1 point under 数量指标, past the pointers kept per heading; each states its score with two
  // decimals, which only the source text keeps (a YAML 1.50 is the number 1.5).
  const many: IndicatorSpec[] = Array.from({ length: 70 }, (_, k) => ({
    target: '≥100个',
    actual: k === 69 ? '50个' : '100个',
    weight: '1.0',
    score: k === 69 ? '0.60' : '1.00',
    deviation: k === 69 ? '未完成' : '',
  }));

  it('reads every weight and score from its own source text, the first form and the next alike', () => {
    for (let run = 0; run < 2; run++) {
      const ev = evaluate(formYaml({ indicators: many }), 'many.yaml');
      const inds = ev.result?.form.indicators ?? [];
      expect(inds).toHaveLength(70);
      expect(inds.map((i) => i.score?.text)).toEqual([...Array(69).fill('1.00'), '0.60']);
      expect(inds[69]?.path).toBe('/indicators/output/quantity/69');
      expect(inds[69]?.score?.places).toBe(2);
      // The last is scored by formula, 1 × 50 ÷ 100 = 0.50, not the stated 0.60; its message reads the Decimals A and B.
      const mismatch = ev.findings.filter((f) => f.code === 'score-mismatch');
      expect(mismatch.map((f) => [f.path, f.message])).toEqual([
        ['/indicators/output/quantity/69/score', '指标“数量指标”得分应为 0.50（正向指标：1 × min(50 ÷ 100, 1)），表中为 0.60'],
      ]);
    }
  });

  it('keeps the pointers of another heading and of a shorter form apart', () => {
    const ev = evalForm({
      indicators: [
        { at: 'output/quality', target: '≥90%', actual: '95%', weight: '50', score: '50.0' },
        { at: 'outcome/social', target: '完成', actual: '完成', weight: '30', score: '30' },
        { at: 'satisfaction/beneficiary', target: '≥90%', actual: '80%', weight: '10', score: '8.8', deviation: '偏低' },
      ],
    });
    expect(ev.result?.form.indicators.map((i) => [i.path, i.score?.text])).toEqual([
      ['/indicators/output/quality/0', '50.0'],
      ['/indicators/outcome/social/0', '30'],
      ['/indicators/satisfaction/beneficiary/0', '8.8'],
    ]);
    expect(ev.findings.map((f) => `${f.code} ${f.path}`)).toEqual(['score-mismatch /indicators/satisfaction/beneficiary/0/score']);
  });
});

describe('quantities read without decimal.js', () => {
  it('give the exact value and the Decimal of the same digits, with thousands separators and places kept', () => {
    for (const [text, value] of [
      ['≥1,234,567.890个', '1234567.89'],
      ['007人', '7'],
      ['100.个', '100'],
      ['12345678901234567890.123456789元', '12345678901234567890.123456789'],
    ] as const) {
      const q = parseQuantity(text);
      expect(q?.value.eq(new Decimal(value)), text).toBe(true);
      expect(q?.exact.eq(new Decimal(value)), text).toBe(true);
    }
  });

  it('keep a reading of two quantities exact, its Decimals the same as alignUnits gives', () => {
    const r = readIndicator({ target: '≤2小时', actual: '90分钟' });
    if (r.kind !== 'quantities') throw new Error(r.kind);
    const aligned = alignUnits(parseQuantity('≤2小时')!, parseQuantity('90分钟')!);
    if (!aligned.ok) throw new Error('not aligned');
    expect([r.a.toJSON(), r.b.toJSON(), r.A.toFixed(), r.B.toFixed()]).toEqual(['2', '1.5', '2', '1.5']);
    expect([r.A.eq(aligned.target), r.B.eq(aligned.actual)]).toEqual([true, true]);
    // Read twice, the same Decimal.
    expect(r.A).toBe(r.A);
  });

  it('take a unit column for a side written without one', () => {
    const r = readIndicator({ target: '≥90', actual: '0.95', unit: '%' });
    expect(r.kind).toBe('fraction-for-percent');
    const s = readIndicator({ target: '≥90', actual: '95', unit: '%' });
    if (s.kind !== 'quantities') throw new Error(s.kind);
    expect([s.direction, s.A.toFixed(), s.B.toFixed()]).toEqual(['positive', '90', '95']);
  });
});

describe('digitsToBigInt', () => {
  it('is BigInt of the digits, through a double up to 15 digits and from the text beyond', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,25}$/), (digits) => {
        expect(digitsToBigInt(digits)).toBe(BigInt(digits));
      }),
    );
    for (const digits of ['999999999999999', '9999999999999999', '9007199254740993', '000000000000000123']) {
      expect(digitsToBigInt(digits)).toBe(BigInt(digits));
    }
  });
});

describe('comparison words', () => {
  it('are found by their first or last character, the longest first, a suffix never inside the prefix', () => {
    const read = (text: string) => {
      const q = parseQuantity(text);
      return q && [q.direction, q.comparison, q.value.toFixed(), q.unit];
    };
    expect(read('大于等于5个')).toEqual(['positive', '大于等于', '5', '个']);
    expect(read('大于5个')).toEqual(['positive', '大于', '5', '个']);
    expect(read('≥90%及以上')).toEqual(['positive', '≥…及以上', '90', '%']);
    expect(read('=100以下')).toEqual(['negative', '=…以下', '100', '']);
    expect(read('30天内')).toEqual(['negative', '内', '30', '天']);
    expect(read('≥100个以下')).toBeUndefined();
    expect(read('100个')).toEqual(['equal', '', '100', '个']);
  });
});

describe('the unrounded 执行率, made when first read', () => {
  it('is exact when it terminates, else 30 decimals half-even, the funds rate being the total row’s', () => {
    const thirds = evalForm({ appropriation: { annual: '3', executed: '1' } }).result;
    const row = thirds?.funds.rows.find((r) => r.key === 'appropriation');
    expect(row?.computedRate?.toFixed()).toBe(`33.${'3'.repeat(30)}`);
    expect(thirds?.funds.rate?.toFixed()).toBe(`33.${'3'.repeat(30)}`);
    expect(thirds?.funds.rate).toBe(thirds?.funds.rows.find((r) => r.key === 'total')?.computedRate);
    expect(row?.computedRate).toBe(row?.computedRate);
    expect(row?.rateRounded?.toFixed()).toBe('33.33');

    const eighths = evalForm({ appropriation: { annual: '8', executed: '1' } }).result;
    expect(eighths?.funds.rate?.toFixed()).toBe('12.5');
    const none = evalForm({ appropriation: { annual: '0', executed: '0' } }).result;
    expect([none?.funds.rate, none?.funds.rows.map((r) => r.computedRate)]).toEqual([
      undefined,
      [undefined, undefined, undefined, undefined],
    ]);
  });
});

describe('rounding a decimal that already has few enough places', () => {
  it('gives what the long way gives (the same value with its places forgotten), in every mode', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const),
        (q, places, k, mode) => {
          const known = Ratio.scaled(q, places);
          const forgotten = known.div(1); // same value, places unknown: the general path
          expect(known.roundScaled(k, mode)).toBe(forgotten.roundScaled(k, mode));
          expect(known.scaledExactly(k)).toBe(forgotten.scaledExactly(k));
          expect(known.rounded(k, mode).eq(forgotten.rounded(k, mode))).toBe(true);
        },
      ),
    );
  });
});

describe('Memo find and keep', () => {
  it('find what was kept, nothing else, and forget all when full', () => {
    const memo = new Memo<number, string>(2);
    expect(memo.find(1)).toBeUndefined();
    expect(memo.keep(1, 'one')).toBe('one');
    expect(memo.find(1)).toBe('one');
    memo.keep(2, 'two');
    memo.keep(3, 'three'); // full: forgets 1 and 2
    expect([memo.find(1), memo.find(2), memo.find(3)]).toEqual([undefined, undefined, 'three']);
  });

  it('give the same Decimal for the same scaled integer, made once', () => {
    const a = Ratio.scaled(12345n, 2).toDecimal();
    expect(a?.toFixed()).toBe('123.45');
    expect(Ratio.scaled(12345n, 2).toDecimal()).toBe(a);
    expect(Ratio.scaled(12345n, 3).toDecimal()?.toFixed()).toBe('12.345');
  });
});

describe('the rules read exactly once per Rules', () => {
  it('keep each config’s bands, grades and thresholds apart, form after form', () => {
    const form = {
      fundsDeviation: '',
      appropriation: { annual: '100', executed: '85' },
      indicators: [
        { at: 'output/quantity', target: '完成', actual: '完成', weight: '50', score: '35', rating: '达成', deviation: '略有不足' },
        { at: 'outcome/social', target: '完成', actual: '完成', weight: '30', score: '30' },
        { at: 'satisfaction/beneficiary', target: '完成', actual: '完成', weight: '10', score: '10' },
      ],
    };
    const codesFor = (config?: Parameters<typeof evalForm>[1]) => {
      const ev = evalForm(form, config);
      return [ev.result?.grade, ev.findings.map((f) => f.code).sort()];
    };
    for (let run = 0; run < 2; run++) {
      // 35 of 50 is under 达成's 80 % by default; 8.5 + 35 + 30 + 10 = 83.5 is 良; 85 % is under 90 %.
      expect(codesFor()).toEqual(['良', ['rate-explanation-missing', 'rating-band']]);
      expect(codesFor({ bands: { achieved: 70, partial: 50 }, explain_rate_below: 80 })).toEqual(['良', []]);
      expect(
        codesFor({
          grades: [
            { min: 80, grade: '优' },
            { min: 0, grade: '差' },
          ],
        }),
      ).toEqual(['优', ['rate-explanation-missing', 'rating-band']]);
    }
  });
});

describe('the 年度资金总额 of one row under it', () => {
  it('is that row’s amounts, a -0 written summed to 0, and two rows summed exactly', () => {
    const one = evalForm({ appropriation: { initial: '-0', annual: '3,145.01', executed: '2851.87' } }).result;
    const total = one?.funds.rows.find((r) => r.key === 'total');
    expect([total?.initial?.toJSON(), total?.annual?.toJSON(), total?.executed?.toJSON()]).toEqual(['0', '3145.01', '2851.87']);
    expect(total?.computedRate?.toFixed(2)).toBe('90.68');
    const two = evalForm({
      appropriation: { annual: '0.1', executed: '0.1' },
      carryover: { annual: '0.2', executed: '0.15' },
    }).result;
    const sum = two?.funds.rows.find((r) => r.key === 'total');
    expect([sum?.initial, sum?.annual?.toJSON(), sum?.executed?.toJSON()]).toEqual([undefined, '0.3', '0.25']);
  });
});

describe('amounts read from their digits, their Decimals made when read', () => {
  it('give each row, the summed total and the result rows the amounts written, and show them in JSON', () => {
    const ev = evalForm({
      appropriation: { initial: '2017.35', annual: '2599.20', executed: '2435.67' },
      other: { annual: '0.80', executed: '0' },
      fundsTotal: { annual: '2600.00', executed: '2435.67' },
    });
    const r = ev.result;
    if (!r) throw new Error('not scored');
    const rows = r.form.funds.rows;
    expect(rows.appropriation.annual?.toFixed()).toBe('2599.2');
    expect(rows.other.executed?.isZero()).toBe(true);
    expect(rows.carryover.present).toBe(false);
    expect(rows.carryover.initial).toBeUndefined();
    const total = r.funds.rows.find((row) => row.key === 'total');
    // The total is the sum of the rows under it: 2599.20 + 0.80 = 2600, executed 2435.67 + 0 (one row's own Decimal).
    expect([total?.initial?.toFixed(), total?.annual?.toFixed(), total?.executed?.toFixed()]).toEqual(['2017.35', '2600', '2435.67']);
    expect(total?.rateRounded?.toFixed(2)).toBe('93.68');
    expect(total?.columnMismatch).toEqual({});
    // JSON shows what a reader sees, getters included.
    expect(JSON.parse(JSON.stringify(rows.appropriation))).toMatchObject({
      key: 'appropriation',
      present: true,
      initial: '2017.35',
      annual: '2599.2',
    });
    expect(JSON.parse(JSON.stringify(total))).toMatchObject({
      key: 'total',
      annual: '2600',
      executed: '2435.67',
      budget: '2600',
      rateRounded: '93.68',
    });
  });

  it('read exactly what decimal.js reads from the same digits, zero and leading zeros included', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,18}(\.\d{1,12})?$/), (text) => {
        const read = parseDecimalText(text);
        const d = new Decimal(text);
        expect(read?.value.eq(d)).toBe(true);
        expect(read && exactOfText(read).eq(Ratio.of(d))).toBe(true);
        expect(read && exponentOfText(read)).toBe(d.isZero() ? undefined : d.e);
      }),
    );
  });
});
