// The shortcuts that make the engine cheap (issue #12) give exactly what the long way gives: a Decimal read from its
// digits, sums and products of decimals that keep their places, integers kept out of lowest terms, the plain-digits
// path of parseDecimalText, the memo of rounded Decimals, and parseQuantity.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIndicator } from '../src/score/compute.js';
import { parseDate } from '../src/score/dates.js';
import { exactShared, Ratio, sum } from '../src/score/exact.js';
import { Memo } from '../src/score/memo.js';
import { foldWidth, parseDecimalText } from '../src/score/number.js';
import { parseQuantity } from '../src/score/quantity.js';
import { Rational } from './oracle/rational.js';

const D = (s: string) => new Decimal(s);
const RUNS = Number(process.env.EVALFORM_PROPERTY_RUNS ?? 150);

/** The exact value of a decimal text, the long way: its digits over a power of ten, in lowest terms. */
function rationalOf(text: string): Rational {
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = text.replace('-', '').split('.');
  const num = BigInt(int + frac) * (negative ? -1n : 1n);
  return Rational.of(num, 10n ** BigInt(frac.length));
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
/** Decimal texts of every size a form and its arithmetic make: signs, leading and trailing zeros, long fractions. */
const decimalText = fc
  .tuple(fc.constantFrom('', '-'), digits(1, 25), digits(0, 25), fc.integer({ min: -30, max: 30 }))
  .map(([sign, int, frac, exp]) => `${sign}${int}${frac === '' ? '' : `.${frac}`}e${exp}`);

describe('Ratio.of a Decimal, read from its digit words', () => {
  it('is the exact value of the Decimal, whatever its size, sign and exponent', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const d = D(text);
        const r = Ratio.of(d);
        const expected = rationalOf(d.toFixed());
        expect([r.num, r.den]).toEqual([expected.num, expected.den]);
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('reads the results of decimal.js arithmetic (rounded to its precision) exactly too', () => {
    for (const [a, b] of [
      ['1', '3'],
      ['2', '7'],
      ['1385.8', '927.45'],
      ['0.000001', '12345678.9'],
    ] as const) {
      const q = D(a).div(D(b));
      expect(Ratio.of(q).toJSON()).toBe(q.toFixed());
    }
    expect(Ratio.of(D('-0')).isZero()).toBe(true);
    expect(Ratio.of(D('1e21')).toJSON()).toBe('1000000000000000000000');
  });
});

describe('Ratio keeps its integers unreduced, and still says num/den in lowest terms', () => {
  it('gives num and den in lowest terms after any chain of operations', () => {
    const r = Ratio.of(D('0.5')).plus(D('0.25')).times(4); // 3
    expect([r.num, r.den]).toEqual([3n, 1n]);
    const sixth = Ratio.of(1).div(3).plus(Ratio.of(1).div(6)); // 1/2
    expect([sixth.num, sixth.den]).toEqual([1n, 2n]);
    expect(sixth.toJSON()).toBe('0.5');
    expect(Ratio.of(2).div(-6).toJSON()).toBe('-1/3');
  });

  it('gives a Decimal for a quotient that terminates only once reduced (0.3 ÷ 0.6)', () => {
    expect(Ratio.of(D('0.3')).div(D('0.6')).toDecimal()?.toFixed()).toBe('0.5');
    expect(Ratio.of(D('1')).div(D('0.3')).toDecimal()).toBeUndefined();
  });

  it('adds, subtracts and multiplies decimals of different places exactly', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const [x, y] = [Ratio.of(D(a)), Ratio.of(D(b))];
        const [p, q] = [rationalOf(D(a).toFixed()), rationalOf(D(b).toFixed())];
        const same = (r: Ratio, o: Rational) => expect([r.num, r.den]).toEqual([o.num, o.den]);
        same(x.plus(y), p.add(q));
        same(x.minus(y), p.sub(q));
        same(x.times(y), p.mul(q));
        expect(x.cmp(y)).toBe(p.cmp(q));
        // A sum or product of decimals is a decimal: its Decimal is exact.
        const total = rationalOf(x.plus(y).toDecimal()?.toFixed() ?? 'none');
        expect([total.num, total.den]).toEqual([p.add(q).num, p.add(q).den]);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('compares decimals of one number of places by their numerators, and any other pair exactly', () => {
    const places = fc.integer({ min: 0, max: 6 });
    const integer = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
    fc.assert(
      fc.property(integer, integer, places, places, fc.bigInt({ min: 1n, max: 97n }), (m, n, p, q, k) => {
        const [a, b] = [Ratio.scaled(m, p), Ratio.scaled(n, q)];
        const [x, y] = [Rational.of(m, 10n ** BigInt(p)), Rational.of(n, 10n ** BigInt(q))];
        expect(a.cmp(b)).toBe(x.cmp(y));
        expect(a.cmp(Ratio.scaled(n, p))).toBe(x.cmp(Rational.of(n, 10n ** BigInt(p))));
        // A quotient has no places: compared by cross products, also with a decimal.
        expect(a.div(Ratio.of(k)).cmp(b)).toBe(x.div(Rational.of(k, 1n)).cmp(y));
        expect(b.cmp(a.div(Ratio.of(k)))).toBe(y.cmp(x.div(Rational.of(k, 1n))));
      }),
      { numRuns: RUNS * 2 },
    );
    expect(Ratio.scaled(150n, 1).cmp(Ratio.scaled(1500n, 2))).toBe(0);
    expect(Ratio.scaled(-3n, 2).lt(Ratio.scaled(-2n, 2))).toBe(true);
  });

  it('reads a shared Decimal (a weight, a score) once: the same exact value, by identity', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const d = D(text);
        const first = exactShared(d);
        expect([first.num, first.den]).toEqual([Ratio.of(d).num, Ratio.of(d).den]);
        expect(exactShared(d)).toBe(first);
      }),
      { numRuns: RUNS },
    );
    // Two Decimals of one value are two keys, each with its own exact value.
    expect(exactShared(D('10')).eq(exactShared(D('10.0')))).toBe(true);
  });

  it('sums amounts past 20 significant digits, of mixed places', () => {
    expect(sum([D('99999999999999999999.5'), D('0.25'), D('1')]).toFixed()).toBe('100000000000000000000.75');
  });
});

describe('Ratio rounds without making a Decimal when only agreement is asked', () => {
  it('rounded() and round() agree, and the same rounded value is the same Decimal', () => {
    const rate = Ratio.of(D('927.45')).div(D('1385.8')).times(100);
    expect(rate.rounded(2, 'half-up').toDecimal()?.toFixed()).toBe(rate.round(2, 'half-up').toFixed());
    expect(rate.round(2, 'half-up')).toBe(rate.round(2, 'half-up'));
    // Past 2^53 the scaled integer is not remembered, and is still exact.
    expect(
      Ratio.of(2n ** 60n)
        .round(0, 'down')
        .toFixed(),
    ).toBe((2n ** 60n).toString());
    expect(
      Ratio.of(-(2n ** 60n))
        .div(3)
        .round(1, 'half-up')
        .toFixed(),
    ).toBe('-384307168202282325.3');
  });
});

describe('parseDecimalText: plain digits take a shorter path to the same result', () => {
  it('reads plain digits as the full grammar reads their full-width spelling', () => {
    const fullWidth = (s: string) => s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(digits(1, 22), digits(0, 22), (int, frac) => {
        const text = frac === '' ? int : `${int}.${frac}`;
        const plain = parseDecimalText(` ${text} `);
        const wide = parseDecimalText(fullWidth(text));
        expect(foldWidth(fullWidth(text))).toBe(text);
        expect(plain?.value.eq(D(text))).toBe(true);
        expect(plain?.places).toBe(frac.length);
        expect(plain?.text).toBe(text);
        expect(wide?.value.eq(plain?.value ?? D('NaN'))).toBe(true);
        expect(wide?.places).toBe(plain?.places);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Memo', () => {
  it('makes a value once while it is remembered, remembers undefined, and starts afresh when full', () => {
    const made: string[] = [];
    const memo = new Memo<string, number | undefined>(2);
    const length = (s: string) => {
      made.push(s);
      return s === '' ? undefined : s.length;
    };
    expect(memo.get('ab', length)).toBe(2);
    expect(memo.get('ab', length)).toBe(2);
    expect(memo.get('', length)).toBeUndefined();
    expect(memo.get('', length)).toBeUndefined();
    expect(made).toEqual(['ab', '']);
    expect(memo.get('abc', length)).toBe(3); // full: forgets 'ab' and ''
    expect(memo.get('ab', length)).toBe(2);
    expect(made).toEqual(['ab', '', 'abc', 'ab']);
  });
});

describe('parseQuantity', () => {
  it('gives the same reading for the same text trimmed, and none for prose with numbers', () => {
    const a = parseQuantity('≥95%');
    expect(a).toEqual(parseQuantity(' ≥95% '));
    expect(a).toMatchObject({ unit: '%', direction: 'positive', comparison: '≥' });
    expect(a?.value.eq(95)).toBe(true);
    expect(parseQuantity('按84元/人标准补助')).toBeUndefined();
    expect(parseQuantity('按84元/人标准补助')).toBeUndefined();
  });
});

describe('parseDate looks only at texts with 年 月 季 - or /', () => {
  it('still reads every kind of date, full width too, and nothing from texts without those characters', () => {
    for (const [text, month] of [
      ['２０２３－０６－３０', 6],
      ['2023/6', 6],
      ['第三季度', 9],
      ['上半年', 6],
      ['2023年底前', 12],
      ['9月前', 9],
      ['10月1日', 10],
    ] as const) {
      expect(parseDate(text)?.month).toBe(month);
    }
    for (const text of ['≥95%', '1379处', '30天内', '2023', '底']) expect(parseDate(text)).toBeUndefined();
  });

  it('reads an actual as a date only where it matters: a date target, or an actual that is no quantity', () => {
    expect(readIndicator({ target: '9月底前', actual: '9月20日' }, 2023)).toMatchObject({ kind: 'dates', onTime: true });
    expect(readIndicator({ target: '9月底前', actual: '按期' }, 2023).kind).toBe('date');
    expect(readIndicator({ target: '≥30天', actual: '2023年9月' }, 2023).kind).toBe('date');
    expect(readIndicator({ target: '≥30天', actual: '平均36天' }, 2023).kind).toBe('actual-not-quantity');
  });
});
