// Exact rational arithmetic for FORMAT.md §3 1.1: every formula is evaluated exactly and rounded once, at the end.
// A quotient such as 1 ÷ 3 never terminates, so a value is kept as a fraction of two integers and rounded by
// integer division with remainder: ties are decided exactly in every mode.
import { Decimal } from 'decimal.js';
import type { Rounding } from '../model/types.js';
import { Memo } from './memo.js';

/** 10^k for the places a form uses (and the 30 decimals of a rate shown), made once. */
const POWERS = Array.from({ length: 41 }, (_, k) => 10n ** BigInt(k));

export function pow10(k: number): bigint {
  return POWERS[k] ?? 10n ** BigInt(k);
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Decimals q ÷ 10^places already made, one memo per number of places, keyed by q as a JS integer (exact below
 * 2^53; a Map hashes a number much faster than a BigInt). Scores and sums of weights recur from form to form, and
 * `new Decimal(text)` is the costliest step of a rounding. */
const scaledMemos: Memo<number, Decimal>[] = [];
const SCALED_MEMO_SIZE = 4096;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The Decimal q ÷ 10^places. */
export function scaledDecimal(q: bigint, places: number): Decimal {
  if (places >= POWERS.length || q > MAX_SAFE || q < -MAX_SAFE) return makeScaled(q, places);
  let memo = scaledMemos[places];
  if (memo === undefined) {
    memo = new Memo(SCALED_MEMO_SIZE);
    scaledMemos[places] = memo;
  }
  const key = Number(q);
  return memo.find(key) ?? memo.keep(key, makeScaled(q, places));
}

/** Ratios of the Decimals that forms share, remembered by identity: a weight read through parseDecimalText's memo,
 * a rounded total from scaledDecimal's (a stated score or amount has its own exact value, exactOfText). Reading their digit words again costs a few BigInts and calls on every
 * form, a look-up by identity one hash. Not for amounts, which rarely recur and would only fill the table. */
const sharedRatios = new Memo<Decimal, Ratio>(1024);

/** Ratio.of a Decimal that recurs from form to form (a weight, a score, a total). */
export function exactShared(d: Decimal): Ratio {
  return sharedRatios.find(d) ?? sharedRatios.keep(d, Ratio.of(d));
}

function makeScaled(q: bigint, places: number): Decimal {
  return new Decimal(places === 0 ? q.toString() : `${q}e-${places}`);
}

/** One word of a Decimal's digits (decimal.js keeps them in base 10^7). */
const WORD = 10n ** 7n;
const WORD_DIGITS = 7;

/** Marks a denominator that is not known to be a power of ten. */
const UNKNOWN = -1;

/** An exact rational number num ÷ den with den > 0. The integers are kept as the operations make them, not in
 * lowest terms: a gcd on every operation cost more than all the rest, and only printing a fraction needs them
 * reduced (`num` and `den` are). A decimal's denominator is 10^places, and sums and products of decimals keep
 * it so: `places` remembers that, so that their Decimal is made without a gcd. */
export class Ratio {
  private readonly n: bigint;
  private readonly d: bigint;
  /** d = 10^places when known (≥ 0), else UNKNOWN. */
  private readonly places: number;

  private constructor(n: bigint, d: bigint, places: number) {
    this.n = n;
    this.d = d;
    this.places = places;
  }

  /** q ÷ 10^places: a decimal written with that many places. */
  static scaled(q: bigint, places: number): Ratio {
    return new Ratio(q, pow10(places), places);
  }

  static of(value: Decimal | Ratio | number | bigint): Ratio {
    if (value instanceof Ratio) return value;
    if (typeof value === 'bigint') return new Ratio(value, 1n, 0);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new RangeError(`Ratio.of: ${value} is not a safe integer`);
      return new Ratio(BigInt(value), 1n, 0);
    }
    return Ratio.fromDecimal(value);
  }

  /** A Decimal exactly, from its documented read-only fields (decimal.js README): the digits `d` in words of
   * base 10^7, the first without leading zeros; `e`, the exponent of the first digit; the sign `s`. Cheaper than
   * writing the digits out (toFixed) and reading them back. */
  private static fromDecimal(value: Decimal): Ratio {
    if (!value.isFinite()) throw new RangeError(`Ratio.of: ${value.toString()} is not finite`);
    const words = value.d;
    const first = words[0] ?? 0;
    let coefficient = BigInt(first);
    for (let i = 1; i < words.length; i++) coefficient = coefficient * WORD + BigInt(words[i] ?? 0);
    // value = ± coefficient × 10^shift, where the coefficient has `digits` digits and the first is at 10^e.
    const digits = String(first).length + WORD_DIGITS * (words.length - 1);
    const shift = value.e + 1 - digits;
    const num = value.s < 0 ? -coefficient : coefficient;
    return shift >= 0 ? new Ratio(num * pow10(shift), 1n, 0) : Ratio.scaled(num, -shift);
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
    return g === 1n ? this : new Ratio(this.n / g, this.d / g, UNKNOWN);
  }

  plus(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    // Sums of amounts, scores and weights: decimals, mostly of the same places.
    if (this.samePlaces(o) || this.d === o.d) return new Ratio(this.n + o.n, this.d, this.places);
    if (this.places !== UNKNOWN && o.places !== UNKNOWN) {
      return this.places > o.places
        ? new Ratio(this.n + o.n * pow10(this.places - o.places), this.d, this.places)
        : new Ratio(this.n * pow10(o.places - this.places) + o.n, o.d, o.places);
    }
    return new Ratio(this.n * o.d + o.n * this.d, this.d * o.d, UNKNOWN);
  }

  minus(other: Ratio | Decimal | number): Ratio {
    return this.plus(Ratio.of(other).negated());
  }

  private negated(): Ratio {
    return new Ratio(-this.n, this.d, this.places);
  }

  times(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    const places = this.places === UNKNOWN || o.places === UNKNOWN ? UNKNOWN : this.places + o.places;
    return new Ratio(this.n * o.n, this.d * o.d, places);
  }

  /** Throws on division by zero: every caller decides first what a zero divisor means. */
  div(other: Ratio | Decimal | number): Ratio {
    const o = Ratio.of(other);
    if (o.n === 0n) throw new RangeError('Ratio: division by zero');
    const [n, d] = [this.n * o.d, this.d * o.n];
    return d < 0n ? new Ratio(-n, -d, UNKNOWN) : new Ratio(n, d, UNKNOWN);
  }

  cmp(other: Ratio | Decimal | number): -1 | 0 | 1 {
    // (Inline rather than through `of` and `samePlaces`: the checks compare on most indicators of every form, most of
    // them before V8 optimises this.)
    const o = other instanceof Ratio ? other : Ratio.of(other);
    // Weights, scores and their sums share their places: their numerators compare as they are, without making a
    // BigInt (a difference or two products) on every comparison. Places are compared first: a number, not a BigInt.
    const same = (this.places === o.places && this.places !== UNKNOWN) || this.d === o.d;
    const left = same ? this.n : this.n * o.d;
    const right = same ? o.n : o.n * this.d;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  /** Both are decimals with as many places, so they have one denominator. */
  private samePlaces(o: Ratio): boolean {
    return this.places === o.places && this.places !== UNKNOWN;
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

  /** `round`, kept exact: the Decimal is made (toDecimal) only where one is needed. */
  rounded(places: number, mode: Rounding): Ratio {
    if (this.places === places) return this;
    return Ratio.scaled(this.roundScaled(places, mode), places);
  }

  /** The value × 10^places rounded to an integer by `mode`: `round` without making a Decimal. */
  roundScaled(places: number, mode: Rounding): bigint {
    // A decimal with no more places than asked for (a rounded score, a stated weight) rounds to itself.
    if (this.places !== UNKNOWN && this.places <= places) return this.n * pow10(places - this.places);
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
    if (this.places !== UNKNOWN && this.places <= places) return this.n * pow10(places - this.places);
    const scaled = this.n * pow10(places);
    return scaled % this.d === 0n ? scaled / this.d : undefined;
  }

  /** The exact value as a Decimal when it terminates (den has no prime factor but 2 and 5), else undefined. */
  toDecimal(): Decimal | undefined {
    const t = this.terminating();
    return t && scaledDecimal(t.n, t.places);
  }

  /** The same value over a power of ten when it terminates, else undefined. */
  terminating(): Ratio | undefined {
    if (this.places !== UNKNOWN) return this;
    const { n, d: den } = this.lowest();
    let d = den;
    let places = 0;
    while (d % 2n === 0n || d % 5n === 0n) {
      if (d % 10n === 0n) d /= 10n;
      else if (d % 2n === 0n) d /= 2n;
      else d /= 5n;
      places++;
    }
    return d === 1n ? Ratio.scaled((n * pow10(places)) / den, places) : undefined;
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
