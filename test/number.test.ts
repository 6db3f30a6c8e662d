import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { agrees, fixed, foldWidth, parseDecimalText, parsePercentText, plain, roundTo, type Rounding } from '../src/score/number.js';
import { Ratio, sum } from '../src/score/exact.js';

const D = (s: string) => new Decimal(s);

describe('foldWidth', () => {
  it('folds full-width ASCII, the ideographic space and ﹦, and nothing else', () => {
    expect(foldWidth('１２３４．２２')).toBe('1234.22');
    expect(foldWidth('＞＝７５％')).toBe('>=75%');
    expect(foldWidth('ａ\u3000Ｚ﹦')).toBe('a Z=');
    expect(foldWidth('≥ 万元 — 。、')).toBe('≥ 万元 — 。、');
    expect(foldWidth('1，234')).toBe('1,234');
  });
});

describe('parseDecimalText', () => {
  const good: [string, string, number][] = [
    ['1234.22', '1234.22', 2],
    ['  1983.98 ', '1983.98', 2],
    ['0', '0', 0],
    ['10', '10', 0],
    ['7.50', '7.5', 2],
    ['1,234.22', '1234.22', 2],
    ['1,234,567', '1234567', 0],
    ['1，234.5', '1234.5', 1],
    ['１２３４．２２', '1234.22', 2],
    ['１，２３４', '1234', 0],
    ['+3', '3', 0],
    ['-2.5', '-2.5', 1],
    ['－２.５', '-2.5', 1],
    ['1e3', '1000', 0],
    ['1.5E+2', '150', 0],
    ['2.5e-1', '0.25', 2],
    ['1.25e1', '12.5', 1],
    ['.5', '0.5', 1],
    ['5.', '5', 0],
    ['0.000001', '0.000001', 6],
    ['12345678901234567890.123456789', '12345678901234567890.123456789', 9],
  ];
  it.each(good)('%s → %s with %i places', (input, value, places) => {
    const d = parseDecimalText(input);
    expect(d).toBeDefined();
    expect(d!.value.eq(D(value))).toBe(true);
    expect(d!.places).toBe(places);
    expect(d!.text).toBe(input.trim());
  });

  it('keeps exact decimals where binary floating point would not', () => {
    const a = parseDecimalText('0.1')!.value;
    const b = parseDecimalText('0.2')!.value;
    expect(a.plus(b).eq(D('0.3'))).toBe(true);
  });

  const bad = [
    '',
    '   ',
    '12a',
    'a12',
    '1,23.4',
    '1234,567',
    '1,2345',
    '12.3,4',
    '.',
    '+',
    '-',
    'NaN',
    '.inf',
    '-.inf',
    'Infinity',
    '1 234',
    '1.2.3',
    '0x10',
    '1e',
    '12%',
    '1_000',
    '--1',
    '1e99999',
  ];
  it.each(bad)('rejects %j', (input) => {
    expect(parseDecimalText(input)).toBeUndefined();
  });
});

describe('parsePercentText', () => {
  const good: [string, string, number][] = [
    ['75.45%', '75.45', 2],
    ['75.45％', '75.45', 2],
    ['75.45', '75.45', 2],
    ['７５．４５％', '75.45', 2],
    [' 100% ', '100', 0],
    ['90.10%', '90.1', 2],
    ['0%', '0', 0],
  ];
  it.each(good)('%s → %s percent, %i places', (input, value, places) => {
    const d = parsePercentText(input);
    expect(d).toBeDefined();
    expect(d!.value.eq(D(value))).toBe(true);
    expect(d!.places).toBe(places);
    expect(d!.text).toBe(input.trim());
  });
  it.each(['', '%', '75.45%%', 'abc%', '百分之九十', '75.45‰'])('rejects %j', (input) => {
    expect(parsePercentText(input)).toBeUndefined();
  });
});

describe('roundTo', () => {
  // 10 × 850.5 ÷ 1000 = 8.505 exactly: the tie that separates the three modes.
  const tie = D('10').times(D('850.5')).div(D('1000'));
  const cases: [string, number, Rounding, string][] = [
    ['8.505', 2, 'half-up', '8.51'],
    ['8.505', 2, 'half-even', '8.50'],
    ['8.505', 2, 'down', '8.50'],
    ['8.515', 2, 'half-even', '8.52'],
    ['8.5051', 2, 'half-even', '8.51'],
    ['8.509', 2, 'down', '8.50'],
    ['7.4249', 2, 'half-up', '7.42'],
    ['2.5', 0, 'half-up', '3'],
    ['2.5', 0, 'half-even', '2'],
    ['3.5', 0, 'half-even', '4'],
    ['-2.5', 0, 'half-up', '-3'],
    ['-2.59', 1, 'down', '-2.5'],
    ['99.995', 2, 'half-up', '100'],
    ['7', 2, 'half-up', '7'],
  ];
  it('sees 10 × 850.5 / 1000 as exactly 8.505', () => {
    expect(tie.eq(D('8.505'))).toBe(true);
    expect(fixed(roundTo(tie, 2, 'half-up'), 2)).toBe('8.51');
    expect(fixed(roundTo(tie, 2, 'half-even'), 2)).toBe('8.50');
    expect(fixed(roundTo(tie, 2, 'down'), 2)).toBe('8.50');
  });
  it.each(cases)('%s to %i places %s → %s', (input, places, mode, out) => {
    expect(roundTo(D(input), places, mode).eq(D(out))).toBe(true);
  });
});

describe('agrees', () => {
  const stated = (s: string) => parsePercentText(s)!;
  const cases: [string, string, boolean][] = [
    ['9.01', '9', true],
    ['7.42', '7.5', false],
    ['90.10', '90%', true],
    ['97.42', '97.5', false],
    ['99.01', '99', true],
    ['74.2202', '74.22', true],
    ['74.225', '74.22', false],
    ['74.225', '74.23', true],
    ['8.5', '8.50', true],
    ['8.49', '8.5', true],
    ['8.44', '8.5', false],
    ['100', '100.00', true],
  ];
  it.each(cases)('computed %s vs stated %s → %s', (computed, text, expected) => {
    expect(agrees(D(computed), stated(text))).toBe(expected);
  });
});

describe('fixed', () => {
  const cases: [string, number, string][] = [
    ['7.4', 2, '7.40'],
    ['97.5', 2, '97.50'],
    ['100', 2, '100.00'],
    ['75.4545', 2, '75.45'],
    ['8.505', 2, '8.51'],
    ['0', 0, '0'],
    ['-0.001', 2, '0.00'],
    ['1e21', 1, '1000000000000000000000.0'],
    ['1e-7', 8, '0.00000010'],
  ];
  it.each(cases)('%s with %i places → %s', (input, places, out) => {
    expect(fixed(D(input), places)).toBe(out);
  });
});

describe('plain', () => {
  const cases: [string, string][] = [
    ['97.42', '97.42'],
    ['100.00', '100'],
    ['0.50', '0.5'],
    ['1e21', '1000000000000000000000'],
    ['1e-7', '0.0000001'],
    ['-0', '0'],
    ['-3.10', '-3.1'],
  ];
  it.each(cases)('%s → %s', (input, out) => {
    expect(plain(D(input))).toBe(out);
  });
});

describe('agrees in the rules.rounding mode (FORMAT.md §3 1.1)', () => {
  const stated = (s: string) => parsePercentText(s)!;
  it.each<[string, string, Rounding, boolean]>([
    ['97.8086', '97.80%', 'down', true],
    ['97.8086', '97.80%', 'half-up', false],
    ['97.8086', '97.81%', 'half-up', true],
    ['97.8086', '97.81%', 'down', false],
    ['8.505', '8.50', 'half-even', true],
    ['8.505', '8.51', 'half-even', false],
    ['8.505', '8.51', 'half-up', true],
  ])('computed %s vs stated %s under %s → %s', (computed, text, mode, expected) => {
    expect(agrees(D(computed), stated(text), mode)).toBe(expected);
  });

  it('judges an exact quotient that does not terminate: 2 ÷ 3 = 66.66…% is 66.66% only when rounding down', () => {
    const rate = Ratio.of(2).div(3).times(100);
    expect(agrees(rate, stated('66.67%'), 'half-up')).toBe(true);
    expect(agrees(rate, stated('66.66%'), 'half-up')).toBe(false);
    expect(agrees(rate, stated('66.66%'), 'down')).toBe(true);
  });
});

describe('Ratio: exact rationals rounded once', () => {
  const R = (s: string) => Ratio.of(D(s));

  it('reads a Decimal exactly, whatever its digits', () => {
    expect(R('1234.22').eq(D('1234.22'))).toBe(true);
    expect(R('-0.000001').toDecimal()?.toFixed()).toBe('-0.000001');
    expect(R('12345678901234567890.123456789').toDecimal()?.toFixed()).toBe('12345678901234567890.123456789');
    expect(R('1e-40').toDecimal()?.eq(D('1e-40'))).toBe(true);
    expect(R('0').isZero() && R('-0').isZero()).toBe(true);
  });

  it('adds, subtracts, multiplies and divides without rounding', () => {
    // 74.5 ÷ 300 × 3 is 0.745 exactly; decimal.js at 20 digits makes it 0.74499999999999999999.
    expect(R('74.5').div(R('300')).times(3).eq(D('0.745'))).toBe(true);
    expect(Ratio.of(1).div(3).times(3).eq(1)).toBe(true);
    expect(R('0.1').plus(R('0.2')).eq(D('0.3'))).toBe(true);
    expect(R('1').minus(Ratio.of(2).div(3)).eq(Ratio.of(1).div(3))).toBe(true);
    expect(() => Ratio.of(1).div(0)).toThrow(RangeError);
  });

  it('compares exactly', () => {
    const third = Ratio.of(1).div(3);
    expect(third.lt(D('0.33333333333333333333333333334'))).toBe(true);
    expect(third.gt(D('0.33333333333333333333333333333'))).toBe(true);
    expect(Ratio.min(third, R('0.3')).eq(D('0.3'))).toBe(true);
    expect(Ratio.max(third, R('0.3')).eq(third)).toBe(true);
  });

  // Ties, near-ties and negatives in every mode; 2/3 and 1/3 never terminate.
  it.each<[Ratio, number, Rounding, string]>([
    [R('0.745'), 2, 'half-up', '0.75'],
    [R('0.745'), 2, 'half-even', '0.74'],
    [R('0.745'), 2, 'down', '0.74'],
    [R('0.755'), 2, 'half-even', '0.76'],
    [R('-0.745'), 2, 'half-up', '-0.75'],
    [R('-0.745'), 2, 'half-even', '-0.74'],
    [R('-0.745'), 2, 'down', '-0.74'],
    [R('-0.755'), 2, 'half-even', '-0.76'],
    [R('2.5'), 0, 'half-even', '2'],
    [R('3.5'), 0, 'half-even', '4'],
    [Ratio.of(2).div(3), 2, 'half-up', '0.67'],
    [Ratio.of(2).div(3), 2, 'half-even', '0.67'],
    [Ratio.of(2).div(3), 2, 'down', '0.66'],
    [Ratio.of(1).div(3), 0, 'half-up', '0'],
    [Ratio.of(-1).div(3), 2, 'down', '-0.33'],
    [Ratio.of(1).div(8), 2, 'half-up', '0.13'],
    [Ratio.of(1).div(8), 2, 'half-even', '0.12'],
    [Ratio.of(3).div(8), 2, 'half-even', '0.38'],
    [R('99.995'), 2, 'half-up', '100'],
    [R('-0.001'), 2, 'half-up', '0'],
  ])('%s to %i places %s → %s', (r, places, mode, out) => {
    expect(r.round(places, mode).eq(D(out))).toBe(true);
    expect(roundTo(r, places, mode).eq(D(out))).toBe(true);
  });

  it('gives a Decimal only for a terminating value', () => {
    expect(Ratio.of(1).div(8).toDecimal()?.toFixed()).toBe('0.125');
    expect(Ratio.of(7).div(20).toDecimal()?.toFixed()).toBe('0.35');
    expect(Ratio.of(1).div(3).toDecimal()).toBeUndefined();
    expect(Ratio.of(1).div(6).toDecimal()).toBeUndefined();
  });

  it('sums decimals exactly past 20 significant digits', () => {
    expect(sum([D('99999999999999999999'), D('0.5'), undefined]).toFixed()).toBe('99999999999999999999.5');
    expect(D('99999999999999999999').plus(D('0.5')).toFixed()).toBe('100000000000000000000');
    expect(sum([]).toFixed()).toBe('0');
  });
});
