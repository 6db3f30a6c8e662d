// Exact rational arithmetic for FORMAT.md §3 1.1: every formula is evaluated exactly and rounded once, at the end.
// A quotient such as 1 ÷ 3 never terminates, so a value is kept as a fraction of two integers and rounded by
// integer division with remainder: ties are decided exactly in every mode.
import { Decimal } from 'decimal.js';
import type { Rounding } from '../model/types.js';
import { Memo } from './memo.js';

/** 10^k for the places a form uses (and the 30 decimals of a rate shown), made once. */
const POWERS = Array.from({ length: 41 }, (_, k) => 10n ** BigInt(k));
/** k for each 10^k of POWERS: a denominator found here needs no gcd to tell its decimals. */
const PLACES_OF = new Map(POWERS.map((p, k) => [p, k]));

export function pow10(k: number): bigint {
  return POWERS[k] ?? 10n ** BigInt(k);
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The exact value of each Decimal the engine has read or made, so that one is converted once: Ratio.of a Decimal
 * would otherwise write out its digits (toFixed) and read them back as a BigInt on every operation. */
const exactOf = new WeakMap<Decimal, Ratio>();

/** Decimals by their scaled integer, one memo per number of places: rounded scores and rates repeat across forms,
 * and `new Decimal(text)` is the costliest step of a rounding. */
const scaledMemos: Memo<bigint, Decimal>[] = [];

/** The Decimal q ÷ 10^places, made once for each (q, places) and remembered with its exact value. */
export function scaledDecimal(q: bigint, places: number): Decimal {
  const make = () => {
    const value = new Decimal(places === 0 ? q.toString() : `${q}e-${places}`);
    exactOf.set(value, Ratio.scaled(q, places));
    return value;
  };
  if (places >= POWERS.length) return make();
  let memo = scaledMemos[places];
  if (memo === undefined) {
    memo = new Memo();
    scaledMemos[places] = memo;
  }
  return memo.get(q, make);
}

/** An exact rational number num ÷ den with den > 0. The integers are kept as the operations make them, not in
 * lowest terms: a gcd on every operation cost more than all the rest, and only printing a fraction needs them
 * reduced (`num` and `den` are). */
export class Ratio {
  private readonly n: bigint;
  private readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  /** n ÷ d for any d ≠ 0. */
  private static make(n: bigint, d: bigint): Ratio {
    if (d === 0n) throw new RangeError('Ratio: division by zero');
    return d < 0n ? new Ratio(-n, -d) : new Ratio(n, d);
  }

  /** q ÷ 10^places: a decimal written with that many places. */
  static scaled(q: bigint, places: number): Ratio {
    return new Ratio(q, pow10(places));
  }

  static of(value: Decimal | Ratio | number | bigint): Ratio {
    if (value instanceof Ratio) return value;
    if (typeof value === 'bigint') return new Ratio(value, 1n);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new RangeError(`Ratio.of: ${value} is not a safe integer`);
      return new Ratio(BigInt(value), 1n);
    }
    let exact = exactOf.get(value);
    if (exact === undefined) {
      exact = Ratio.fromDecimal(value);
      exactOf.set(value, exact);
    }
    return exact;
  }

  private static fromDecimal(value: Decimal): Ratio {
    if (!value.isFinite()) throw new RangeError(`Ratio.of: ${value.toString()} is not finite`);
    // toFixed() writes every digit of the exact value, without exponent.
    const [int = '0', frac = ''] = value.abs().toFixed().split('.');
    const num = BigInt(int + frac) * (value.isNegative() && !value.isZero() ? -1n : 1n);
    return Ratio.scaled(num, frac.length);
  }

  /** The numerator in lowest terms (the sign is the numerator's). */
  get num(): bigint {
    return this.lowest().n;
  }

  /** The denominator in lowest terms, > 0. */
  get den(): bigint {
    return this.lowest().d;
  }

  private lowest(): Ratio {
    const g = gcd(this.n, this.d) || 1n;
    return g === 1n ? this : new Ratio(this.n / g, this.d / g);
  }

  plus(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    // Sums of amounts, scores and weights mostly share a denominator (10^places).
    if (this.d === o.d) return new Ratio(this.n + o.n, this.d);
    return new Ratio(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  minus(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    if (this.d === o.d) return new Ratio(this.n - o.n, this.d);
    return new Ratio(this.n * o.d - o.n * this.d, this.d * o.d);
  }

  times(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    return new Ratio(this.n * o.n, this.d * o.d);
  }

  /** Throws on division by zero: every caller decides first what a zero divisor means. */
  div(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    return Ratio.make(this.n * o.d, this.d * o.n);
  }

  cmp(other: Ratio | Decimal | number): -1 | 0 | 1 {
    const o = Ratio.of(other);
    const d = this.d === o.d ? this.n - o.n : this.n * o.d - o.n * this.d;
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
    return this.n === 0n;
  }

  /** Rounded to `places` decimals by `mode`, exactly: half-up takes ties away from zero, half-even to the even
   * neighbour, down truncates toward zero. */
  round(places: number, mode: Rounding): Decimal {
    return scaledDecimal(this.roundScaled(places, mode), places);
  }

  /** The value × 10^places rounded to an integer by `mode`: `round` without making a Decimal. */
  roundScaled(places: number, mode: Rounding): bigint {
    const negative = this.n < 0n;
    const scaled = (negative ? -this.n : this.n) * pow10(places);
    let q = scaled / this.d;
    if (mode !== 'down') {
      const twice = 2n * (scaled % this.d);
      if (twice > this.d || (twice === this.d && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
    }
    return negative ? -q : q;
  }

  /** The value × 10^places when that is an integer (the value has at most `places` decimals), else undefined. */
  scaledExactly(places: number): bigint | undefined {
    const scaled = this.n * pow10(places);
    return scaled % this.d === 0n ? scaled / this.d : undefined;
  }

  /** The exact value as a Decimal when it terminates (den has no prime factor but 2 and 5), else undefined. */
  toDecimal(): Decimal | undefined {
    const known = PLACES_OF.get(this.d);
    if (known !== undefined) return scaledDecimal(this.n, known);
    const { n, d: den } = this.lowest();
    let d = den;
    let places = 0;
    while (d % 2n === 0n || d % 5n === 0n) {
      if (d % 10n === 0n) d /= 10n;
      else if (d % 2n === 0n) d /= 2n;
      else d /= 5n;
      places++;
    }
    return d === 1n ? scaledDecimal((n * pow10(places)) / den, places) : undefined;
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
  let total = Ratio.of(0);
  for (const v of values) if (v !== undefined) total = total.plus(v);
  return total.toDecimal() as Decimal;
}

/** The exact difference a − b of two decimals. */
export function difference(a: Decimal, b: Decimal): Decimal {
  return Ratio.of(a).minus(b).toDecimal() as Decimal;
}
