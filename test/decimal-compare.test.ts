import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimals } from '../src/score/number.js';

/** A small seeded generator (mulberry32), so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('compareDecimals', () => {
  it('orders as decimal.js cmp does, zeros of either sign equal', () => {
    const values = [
      '0',
      '-0',
      '1',
      '-1',
      '0.1',
      '-0.1',
      '10000000',
      '9999999.99999999',
      '1e-7',
      '1.0000001',
      '2599.20',
      '2599.2',
      '-2435.67',
      '123456789012345678.9',
      'NaN',
      'Infinity',
      '-Infinity',
    ];
    for (const a of values)
      for (const b of values) {
        const [x, y] = [new Decimal(a), new Decimal(b)];
        expect(compareDecimals(x, y), `${a} vs ${b}`).toBe(x.cmp(y));
      }
  });

  it('agrees with decimal.js on seeded random decimals of every size and sign', () => {
    const next = random(12);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
    const some = () => {
      const sign = next() < 0.3 ? '-' : '';
      const int = digits(Math.floor(next() * 20));
      const frac = next() < 0.6 ? `.${digits(1 + Math.floor(next() * 12))}` : '';
      return `${sign}${int || '0'}${frac}`;
    };
    for (let i = 0; i < 5000; i++) {
      const a = new Decimal(some());
      // Often a near neighbour of a, so that long equal prefixes are compared too.
      const b = next() < 0.5 ? a.plus(new Decimal(`${next() < 0.5 ? '-' : ''}1e-${Math.floor(next() * 20)}`)) : new Decimal(some());
      expect(compareDecimals(a, b), `${a} vs ${b}`).toBe(a.cmp(b));
      expect(compareDecimals(a, new Decimal(a.toString())), `${a}`).toBe(0);
    }
  });
  it.each([
    ['10', '10.0'],
    ['0', '-0'],
    ['100', '99.9999999'],
    ['-100', '-99.9999999'],
    ['12345678.1', '12345678.10000001'],
    ['1e-8', '0'],
    ['Infinity', '1'],
    ['-Infinity', 'Infinity'],
  ])('%s against %s, both ways', (x, y) => {
    const [a, b] = [new Decimal(x), new Decimal(y)];
    expect(compareDecimals(a, b)).toBe(a.cmp(b));
    expect(compareDecimals(b, a)).toBe(b.cmp(a));
  });

  it('orders Decimals of few digits, equal exponents and equal leading words being common', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,16}$/), fc.integer({ min: -10, max: 10 }))
      .map(([negative, digits, shift]) => new Decimal(`${negative ? '-' : ''}${digits}e${shift}`));
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(compareDecimals(a, b)).toBe(a.cmp(b));
      }),
      { numRuns: 20000 },
    );
  });
});
