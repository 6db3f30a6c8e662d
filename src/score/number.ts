// Exact reading, rounding and printing of the numbers a form states (FORMAT.md §1, §3).
import { Decimal } from 'decimal.js';
import type { Rounding } from '../model/types.js';
import { Ratio } from './exact.js';
import { Memo } from './memo.js';

export type { Rounding } from '../model/types.js';

const FOLDED_RE = /[\uFF01-\uFF5E\u3000\uFE66]/;
const FOLDED_ALL_RE = /[\uFF01-\uFF5E\u3000\uFE66]/g;

/** Full-width ASCII (U+FF01–U+FF5E) to ASCII, U+3000 ideographic space to a space, '﹦' to '='; nothing else. */
export function foldWidth(s: string): string {
  // Most text has nothing to fold: a test is cheaper than a replace that calls back for nothing.
  if (!FOLDED_RE.test(s)) return s;
  // Every mapping is one BMP code unit to one, so indices in the folded text match the original.
  return s.replace(FOLDED_ALL_RE, (c) => {
    if (c === '\u3000') return ' ';
    if (c === '\uFE66') return '=';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/** The integer a string of ASCII digits writes. BigInt() of a string is slow; up to 15 digits a double holds the
 * integer exactly, and Number() reads it much faster. */
export function digitsToBigInt(digits: string): bigint {
  return digits.length <= 15 ? BigInt(Number(digits)) : BigInt(digits);
}

export interface DecimalText {
  value: Decimal;
  places: number;
  text: string;
}

/** Source of the number grammar, shared with the quantity parser; groups: sign, integer, fraction, exponent. */
export const DECIMAL_SOURCE = String.raw`([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?`;
const DECIMAL_RE = new RegExp(`^${DECIMAL_SOURCE}$`);

/** Builds the exact value from the groups of DECIMAL_SOURCE; undefined when they hold no digits. */
export function decimalFromGroups(
  sign: string,
  int: string,
  frac: string | undefined,
  exp: string | undefined,
  text: string,
): DecimalText | undefined {
  const intDigits = int.includes(',') ? int.replace(/,/g, '') : int;
  const fracDigits = frac ?? '';
  if (intDigits === '' && fracDigits === '') return undefined;
  const e = exp === undefined ? 0 : Number.parseInt(exp, 10);
  // An exponent so large it cannot be a form's number is rejected rather than expanded.
  if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) return undefined;
  // The shortest text of the same value: decimal.js reads "1064" faster than "1064.0e0".
  const value = new Decimal(`${sign}${intDigits || '0'}${fracDigits === '' ? '' : `.${fracDigits}`}${e === 0 ? '' : `e${e}`}`);
  return { value, places: Math.max(0, fracDigits.length - e), text };
}

/** Digits with an optional fraction: how a YAML number's source text (12.5, 1385.80) is almost always written. */
const PLAIN_RE = /^\d+(?:\.\d+)?$/;

/** An exact decimal from text: trims, folds full width, accepts thousands separators (',' and '，' in
 * groups of three before the point only), an optional leading + or -, an optional exponent for YAML number
 * source text like "1e3" / "1.5E+2"; places = decimals as written (for "1e3" the places of the value, 0).
 * Returns undefined for anything else ("12a", "", "1,23.4", "NaN", ".inf"). The result may be shared: never
 * mutate it. */
export function parseDecimalText(s: string): DecimalText | undefined {
  return s.length <= SHORT ? shortTexts.get(s, readDecimalText) : readDecimalText(s);
}

/** Weights and scores are short (10, 2.5, 100) and recur on every form; amounts are longer and rarely do. */
const SHORT = 4;
const shortTexts = new Memo<string, DecimalText | undefined>(1024);

function readDecimalText(s: string): DecimalText | undefined {
  const text = s.trim();
  // Plain digits need no folding and no groups: decimal.js reads them as they are.
  if (PLAIN_RE.test(text)) return new PlainDecimalText(text, text);
  const m = DECIMAL_RE.exec(foldWidth(text));
  if (!m) return undefined;
  return decimalFromGroups(m[1] ?? '', m[2] ?? '', m[3], m[4], text);
}

/** A percent as written: "75.45%", "75.45％", "75.45" (a bare number is already percent), full width ok.
 * value in percent units; places as written. */
export function parsePercentText(s: string): DecimalText | undefined {
  const text = s.trim();
  const folded = foldWidth(text);
  const body = folded.endsWith('%') ? folded.slice(0, -1) : folded;
  const d = parseDecimalText(body);
  if (d === undefined) return undefined;
  return d instanceof PlainDecimalText ? new PlainDecimalText(d.digits, text) : { value: d.value, places: d.places, text };
}

/** A number written as plain digits with an optional fraction (how YAML numbers and most amounts are written),
 * read exactly from its digits. Its Decimal is made only when something reads `value` (a message, a renderer, a
 * caller of the API): scoring and checking read `exact`, and most amounts are only ever checked. A class, because
 * a getter in an object literal costs more to make than the Decimal it saves. */
export class PlainDecimalText implements DecimalText {
  readonly places: number;
  private decimal: Decimal | undefined;
  private ratio: Ratio | undefined;

  /** `digits`: the number as PLAIN_RE reads it; `text`: as written (with its % sign, for a rate). */
  constructor(
    readonly digits: string,
    readonly text: string,
  ) {
    const point = digits.indexOf('.');
    this.places = point < 0 ? 0 : digits.length - point - 1;
  }

  get value(): Decimal {
    this.decimal ??= new Decimal(this.digits);
    return this.decimal;
  }

  get exact(): Ratio {
    const { digits, places } = this;
    this.ratio ??= Ratio.scaled(digitsToBigInt(places === 0 ? digits : digits.replace('.', '')), places);
    return this.ratio;
  }

  /** As JSON.stringify would show the plain { value, places, text } it stands for. */
  toJSON(): object {
    return { value: this.value, places: this.places, text: this.text };
  }

  /** The exponent of the first significant digit, as decimal.js's `e` (2 for 123.4, -2 for 0.05); undefined for zero. */
  get exponent(): number | undefined {
    const { digits } = this;
    const point = digits.indexOf('.');
    const intLength = point < 0 ? digits.length : point;
    for (let i = 0; i < digits.length; i++) {
      const c = digits.charCodeAt(i);
      if (c === ZERO_CODE || i === point) continue;
      return i < intLength ? intLength - i - 1 : point - i;
    }
    return undefined;
  }
}

const ZERO_CODE = 0x30;

/** A read number exactly, without making its Decimal when it was written as plain digits. */
export function exactOfText(d: Pick<DecimalText, 'value'>): Ratio {
  return d instanceof PlainDecimalText ? d.exact : Ratio.of(d.value);
}

/** A read number's decimal exponent (decimal.js's `e`), undefined for zero; with tooBigOrLong's need in mind. */
export function exponentOfText(d: DecimalText): number | undefined {
  if (d instanceof PlainDecimalText) return d.exponent;
  return d.value.isZero() ? undefined : d.value.e;
}

/** Compares two Decimals as decimal.js's `cmp` does (-1, 0, 1; 0 and -0 are equal), from their documented read-only
 * fields (the sign `s`, the exponent `e` of the first digit, the digits `d` in words of base 10^7, the first
 * without leading zeros and no trailing zero word): decimal.js's own `cmp` first copies its argument into a new
 * Decimal, and the checks compare on every form. NaN and the infinities are left to decimal.js. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const x = a.d;
  const y = b.d;
  if (!x || !y) return a.cmp(b);
  const xZero = x[0] === 0;
  const yZero = y[0] === 0;
  if (xZero || yZero) return xZero && yZero ? 0 : xZero ? -b.s : a.s;
  if (a.s !== b.s) return a.s;
  // Same sign: the larger magnitude is the larger number when positive.
  const sign = a.s;
  if (a.e !== b.e) return a.e > b.e ? sign : -sign;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    // The first word's digits are aligned by the equal exponents (it has no leading zeros in either).
    if (xi !== yi) return xi > yi ? sign : -sign;
  }
  return x.length === y.length ? 0 : x.length > y.length ? sign : -sign;
}

/** Rounds to `places` decimals, exactly; half-up takes ties away from zero, down truncates toward zero. */
export function roundTo(d: Decimal | Ratio, places: number, mode: Rounding): Decimal {
  // A Decimal with no more decimals than asked for (a score already rounded) is its own rounding: no Ratio, no new
  // Decimal. Zero goes the long way, so that a -0 rounds to 0.
  if (!(d instanceof Ratio) && !d.isZero() && d.decimalPlaces() <= places) return d;
  return Ratio.of(d).round(places, mode);
}

/** FORMAT.md §3 agreement: the computed value, rounded by `mode` (rules.rounding) to the stated value's own
 * places, equals it. Compared as integers scaled by 10^places, without making the rounded Decimal. */
export function agrees(computed: Decimal | Ratio, stated: { value: Decimal; places: number }, mode: Rounding = 'half-up'): boolean {
  return Ratio.of(computed).roundScaled(stated.places, mode) === exactOfText(stated).scaledExactly(stated.places);
}

/** Fixed-point text with exactly `places` decimals, no exponent, e.g. format(new Decimal('7.4'), 2) === '7.40'. */
export function fixed(d: Decimal, places: number): string {
  const r = d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  // A value that rounds to zero prints without a sign, never as "-0.00".
  return (r.isZero() ? r.abs() : r).toFixed(places);
}

/** A 总分 as printed: at `places`, or with every decimal of a rate cap written with more (89.5 at places 0). */
export function totalText(total: Decimal, places: number): string {
  return fixed(total, Math.max(places, total.decimalPlaces()));
}

/** Shortest text of an exact value without exponent and without trailing zeros: 97.42, 100, 0.5. */
export function plain(d: Decimal): string {
  return (d.isZero() ? d.abs() : d).toFixed();
}
