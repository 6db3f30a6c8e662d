// Exact rationals on BigInt for the differential oracle (test/differential.test.ts).
// Written from FORMAT.md alone: no decimal.js, no binary floating point, no code shared with src/.

export type Rounding = 'half-up' | 'half-even' | 'down';

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A normalised fraction num/den: den > 0 and gcd(num, den) = 1 (0 is 0/1). */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('Rational with denominator 0');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return g > 1n ? new Rational(n / g, d / g) : new Rational(n, d);
  }

  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);
  static readonly HUNDRED = Rational.of(100n);

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by 0');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  le(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }
  static min(a: Rational, b: Rational): Rational {
    return a.le(b) ? a : b;
  }
  static max(a: Rational, b: Rational): Rational {
    return a.le(b) ? b : a;
  }

  /** Does it have a finite decimal expansion with at most `places` decimals? */
  hasPlaces(places: number): boolean {
    return (this.num * 10n ** BigInt(places)) % this.den === 0n;
  }

  /**
   * Rounded to `places` decimals. half-up: ties away from zero; half-even: ties to the even last digit;
   * down: toward zero. Ties are decided exactly, by comparing twice the remainder with the divisor.
   */
  round(places: number, mode: Rounding): Rational {
    const scale = 10n ** BigInt(places);
    const n = this.num * scale; // value × 10^places = n / den
    const d = this.den;
    const neg = n < 0n;
    const an = abs(n);
    let q = an / d; // truncated toward zero
    const r = an % d;
    if (r !== 0n && mode !== 'down') {
      const twice = 2n * r;
      if (twice > d || (twice === d && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
    }
    return Rational.of(neg ? -q : q, scale);
  }

  /** Exact decimal text with exactly `places` decimals; throws when the value needs more. */
  toFixed(places: number): string {
    if (!this.hasPlaces(places)) throw new RangeError(`${this.toString()} has more than ${places} decimals`);
    const scale = 10n ** BigInt(places);
    const n = (this.num * scale) / this.den;
    const neg = n < 0n;
    const digits = abs(n)
      .toString()
      .padStart(places + 1, '0');
    const int = places === 0 ? digits : digits.slice(0, -places);
    const frac = places === 0 ? '' : `.${digits.slice(-places)}`;
    return (neg ? '-' : '') + int + frac;
  }

  /** Shortest exact decimal text when the expansion terminates within 40 places, else num/den. */
  toString(): string {
    for (let p = 0; p <= 40; p++) if (this.hasPlaces(p)) return this.toFixed(p);
    return `${this.num}/${this.den}`;
  }
}

/** A rational from an integer or an exact decimal text (`'-0.745'`); for tests and the generator. */
export const R = (text: string | number | bigint): Rational => {
  if (typeof text === 'bigint') return Rational.of(text);
  if (typeof text === 'number') {
    if (!Number.isInteger(text)) throw new RangeError('R(number) takes integers only; write decimals as text');
    return Rational.of(BigInt(text));
  }
  const neg = text.startsWith('-');
  const v = parseDecimal(neg ? text.slice(1) : text);
  if (!v || v.percent) throw new RangeError(`not a decimal: ${text}`);
  return neg ? Rational.ZERO.sub(v.value) : v.value;
};

/** Full-width digits, point, comma and percent folded to ASCII (FORMAT.md §1: `１２３４．２２`). */
export function foldWidth(s: string): string {
  return s.replace(/[０-９．，％＋－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export interface ParsedDecimal {
  value: Rational;
  /** Decimals as written: "7.50" has 2. */
  places: number;
  percent: boolean;
}

const DECIMAL = /^(?:(\d{1,3}(?:,\d{3})+)|(\d+))(?:\.(\d+))?(%?)$/;

/**
 * A non-negative decimal written exactly as text: optional thousands separators ("1,234.22"),
 * optional trailing percent ("75.45%": the value is 75.45, `percent` says it had the sign),
 * full-width characters folded. Anything else (sign, exponent, leading point) is undefined.
 */
export function parseDecimal(text: string): ParsedDecimal | undefined {
  const s = foldWidth(text.trim()).trim();
  const m = DECIMAL.exec(s);
  if (!m) return undefined;
  const int = (m[1] ?? m[2] ?? '').replace(/,/g, '');
  const frac = m[3] ?? '';
  const value = Rational.of(BigInt(int + frac), 10n ** BigInt(frac.length));
  return { value, places: frac.length, percent: m[4] === '%' };
}

/** A JavaScript number from JSON as the exact decimal its shortest text names (engine output). */
export function fromJsonNumber(n: number): Rational {
  if (!Number.isFinite(n)) throw new RangeError(`not finite: ${n}`);
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) throw new RangeError(`unexpected number text ${s}`);
  const frac = m[3] ?? '';
  let v = Rational.of(BigInt((m[2] ?? '0') + frac), 10n ** BigInt(frac.length));
  const e = Number(m[4] ?? 0);
  if (e > 0) v = v.mul(Rational.of(10n ** BigInt(e)));
  if (e < 0) v = v.div(Rational.of(10n ** BigInt(-e)));
  return m[1] === '-' ? Rational.ZERO.sub(v) : v;
}
