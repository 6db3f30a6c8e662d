// Exact rational arithmetic for FORMAT.md §3 1.1: every formula is evaluated exactly and rounded once, at the end.
// A quotient such as 1 ÷ 3 never terminates, so a value is kept as a fraction of two integers and rounded by
// integer division with remainder: ties are decided exactly in every mode.
import { Decimal } from 'decimal.js';
import type { Rounding } from '../model/types.js';

const TEN = 10n;

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** An exact rational number num ÷ den, kept in lowest terms with den > 0. */
export class Ratio {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    if (den === 0n) throw new RangeError('Ratio: division by zero');
    const sign = den < 0n ? -1n : 1n;
    const g = gcd(num, den) || 1n;
    this.num = (sign * num) / g;
    this.den = (sign * den) / g;
  }

  static of(value: Decimal | Ratio | number | bigint): Ratio {
    if (value instanceof Ratio) return value;
    if (typeof value === 'bigint') return new Ratio(value, 1n);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new RangeError(`Ratio.of: ${value} is not a safe integer`);
      return new Ratio(BigInt(value), 1n);
    }
    if (!value.isFinite()) throw new RangeError(`Ratio.of: ${value.toString()} is not finite`);
    // toFixed() writes every digit of the exact value, without exponent.
    const [int = '0', frac = ''] = value.abs().toFixed().split('.');
    const num = BigInt(int + frac) * (value.isNegative() && !value.isZero() ? -1n : 1n);
    return new Ratio(num, TEN ** BigInt(frac.length));
  }

  plus(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    return new Ratio(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  minus(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    return new Ratio(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  times(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    return new Ratio(this.num * o.num, this.den * o.den);
  }

  /** Throws on division by zero: every caller decides first what a zero divisor means. */
  div(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    return new Ratio(this.num * o.den, this.den * o.num);
  }

  cmp(other: Ratio | Decimal | number): -1 | 0 | 1 {
    const o = Ratio.of(other);
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }

  lt(other: Ratio | Decimal | number): boolean {
    return this.cmp(other) < 0;
  }

  lte(other: Ratio | Decimal | number): boolean {
    return this.cmp(other) <= 0;
  }

  gt(other: Ratio | Decimal | number): boolean {
    return this.cmp(other) > 0;
  }

  gte(other: Ratio | Decimal | number): boolean {
    return this.cmp(other) >= 0;
  }

  eq(other: Ratio | Decimal | number): boolean {
    return this.cmp(other) === 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  /** Rounded to `places` decimals by `mode`, exactly: half-up takes ties away from zero, half-even to the even
   * neighbour, down truncates toward zero. */
  round(places: number, mode: Rounding): Decimal {
    const negative = this.num < 0n;
    const scaled = (negative ? -this.num : this.num) * TEN ** BigInt(places);
    let q = scaled / this.den;
    const twice = 2n * (scaled % this.den);
    if (mode === 'half-up' && twice >= this.den) q += 1n;
    if (mode === 'half-even' && (twice > this.den || (twice === this.den && q % 2n === 1n))) q += 1n;
    return new Decimal(`${negative && q !== 0n ? '-' : ''}${q}e-${places}`);
  }

  /** The exact value as a Decimal when it terminates (den has no prime factor but 2 and 5), else undefined. */
  toDecimal(): Decimal | undefined {
    let d = this.den;
    let places = 0;
    while (d % 2n === 0n || d % 5n === 0n) {
      if (d % 10n === 0n) d /= 10n;
      else if (d % 2n === 0n) d /= 2n;
      else d /= 5n;
      places++;
    }
    return d === 1n ? this.round(places, 'down') : undefined;
  }

  /** In JSON (a result serialised whole): the exact decimal when it terminates, else num/den; never a BigInt error. */
  toJSON(): string {
    return this.toDecimal()?.toFixed() ?? `${this.num}/${this.den}`;
  }

  static min(a: Ratio, b: Ratio): Ratio {
    return a.lte(b) ? a : b;
  }

  static max(a: Ratio, b: Ratio): Ratio {
    return a.gte(b) ? a : b;
  }
}

/** The exact sum of decimals: decimal.js rounds a sum to 20 significant digits, this never does. */
export function sum(values: readonly (Decimal | undefined)[]): Decimal {
  const total = values.reduce<Ratio>((s, v) => (v === undefined ? s : s.plus(v)), Ratio.of(0));
  return total.toDecimal() as Decimal;
}

/** The exact difference a − b of two decimals. */
export function difference(a: Decimal, b: Decimal): Decimal {
  return Ratio.of(a).minus(b).toDecimal() as Decimal;
}
