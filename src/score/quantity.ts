// The quantity grammar of `target` and `actual` (FORMAT.md §2): comparison, number, unit.
import type { Decimal } from 'decimal.js';
import { parseDate } from './dates.js';
import { Ratio } from './exact.js';
import { Memo } from './memo.js';
import { digitsToBigInt, foldWidth } from './number.js';

export type Direction = 'positive' | 'negative' | 'equal';

export interface Quantity {
  /** The number exactly, as the engine computes with it. */
  exact: Ratio;
  /** The number as a Decimal, made when first read: scoring needs only `exact`. */
  readonly value: Decimal;
  /** Normalised unit: '' when none, '%' for % ％ 百分比, otherwise as written (万元, 元, 个, 人次 …). */
  unit: string;
  /** From the comparison written; 'equal' when none. */
  direction: Direction;
  /** The comparison as written ('≥', '不低于', '以上' …), '' when none; prefix…suffix when both are written. */
  comparison: string;
}

interface Word {
  word: string;
  direction: Direction;
}

const words = (direction: Direction, list: string[]): Word[] => list.map((word) => ({ word, direction }));

// Matched against folded text (＞＝ is already >=, ＝ and ﹦ are =), longest first so 大于等于 wins over 大于.
const PREFIXES: Word[] = [
  ...words('positive', ['≥', '>=', '≧', '⩾', '不低于', '不少于', '不小于', '至少', '达到', '大于等于', '>', '高于', '超过', '大于']),
  ...words('negative', ['≤', '<=', '≦', '⩽', '不高于', '不超过', '不多于', '不大于', '控制在', '小于等于', '<', '低于', '小于']),
  ...words('equal', ['=', '═', '等于']),
].sort((a, b) => b.word.length - a.word.length);

// 及以上 is the common spelling of 以上 in forms ("90%及以上"); a trailing 内 (30天内) is 以内 (1.1); longest first.
const SUFFIXES: Word[] = [...words('positive', ['及以上', '以上']), ...words('negative', ['及以下', '及以内', '以下', '以内', '内'])].sort(
  (a, b) => b.word.length - a.word.length,
);

/** The words by the character they start (prefixes) or end (suffixes) with, longest first: most quantities start
 * with a digit and end with a unit, and a look-up by one character spares comparing every word. */
function byCharacter(list: Word[], at: (word: string) => number): Map<number, Word[]> {
  const map = new Map<number, Word[]>();
  for (const w of list) map.set(at(w.word), [...(map.get(at(w.word)) ?? []), w]);
  return map;
}
// By UTF-16 code unit: charAt would make a string for every character outside Latin-1 (≥, 不, 内).
const PREFIXES_BY_FIRST = byCharacter(PREFIXES, (word) => word.charCodeAt(0));
const SUFFIXES_BY_LAST = byCharacter(SUFFIXES, (word) => word.charCodeAt(word.length - 1));
const NO_WORDS: Word[] = [];

// FORMAT.md §2 1.1: 左右, 年度, 年, 月, 日 are never units; a text whose unit ends in one (or holds 年 月 日 at all,
// as 9月前 does) is a date or prose (100左右, 2023年度, 3个月, 5个工作日). Durations are written in 天.
const NEVER_UNIT_RE = /左右$|[年月日]/;

// FORMAT.md §2 1.1: a plain decimal with optional thousands separators. A sign (≥-5% would score backwards),
// an exponent (1e2) or a leading point (.5) make the text not a quantity. Groups: integer, fraction, unit.
const CORE_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?\s*(\S*)$/;
const UNIT_CHARS_RE = /^(?:\p{Script=Han}|[A-Za-z°℃㎡²³/])+$/u;
// % and ‰ stand alone: "25%左右" is a phrase, not a unit.
const RATIO_UNITS = new Set(['%', '‰']);
// '/' only joins two unit letters, as in km/h or 元/人.
const BAD_SLASH_RE = /(?:^|[^\p{Script=Han}A-Za-z])\/|\/(?:$|[^\p{Script=Han}A-Za-z])/u;
const MAX_UNIT_LENGTH = 4;

const PERCENT_UNITS = new Set(['%', '百分比']);

/** Normalises a unit as written (already folded): the percent spellings become '%'. */
export function normaliseUnit(unit: string): string {
  return PERCENT_UNITS.has(unit) ? '%' : unit;
}

export function isUnit(unit: string): boolean {
  if (unit === '' || RATIO_UNITS.has(unit)) return true;
  return units.get(unit, judgeUnit);
}

/** Forms write few units (个, 人, 万元, 公里 …) again and again: each is judged once. */
const units = new Memo<string, boolean>(256);

function judgeUnit(unit: string): boolean {
  if ([...unit].length > MAX_UNIT_LENGTH || NEVER_UNIT_RE.test(unit)) return false;
  return UNIT_CHARS_RE.test(unit) && !BAD_SLASH_RE.test(unit);
}

const DIGIT_RE = /[0-9０-９]/;

/** The whole string (trimmed, full width folded) is an optional comparison, a number and an optional unit;
 * otherwise undefined (a sentence that merely contains numbers is not a quantity). It is read afresh each
 * time: a memo by text cost more than it saved, as most targets name their own numbers. */
export function parseQuantity(text: string): Quantity | undefined {
  const written = text.trim();
  // Most targets are prose: too long for a comparison, a number and a unit, or without a digit at all.
  if (written.length > 40 || !DIGIT_RE.test(written)) return undefined;
  return readQuantity(written);
}

function readQuantity(written: string): Quantity | undefined {
  // foldWidth maps code unit to code unit, so offsets in `folded` are offsets in `written`.
  const folded = foldWidth(written);
  const prefix = (PREFIXES_BY_FIRST.get(folded.charCodeAt(0)) ?? NO_WORDS).find((p) => folded.startsWith(p.word));
  const start = prefix?.word.length ?? 0;
  const suffix = (SUFFIXES_BY_LAST.get(folded.charCodeAt(folded.length - 1)) ?? NO_WORDS).find(
    (s) => folded.endsWith(s.word) && folded.length - s.word.length >= start,
  );
  const end = folded.length - (suffix?.word.length ?? 0);

  // ≥100个以下 contradicts itself; an equal prefix contradicts nothing, and the suffix gives the direction (=100以上).
  if (prefix && suffix && prefix.direction !== 'equal' && prefix.direction !== suffix.direction) return undefined;

  const m = CORE_RE.exec(folded.slice(start, end).trim());
  if (!m) return undefined;
  const unit = m[3] ?? '';
  if (!isUnit(unit) || parseDate(written)) return undefined;
  const int = m[1] ?? '';
  const frac = m[2] ?? '';
  // Plain digits, so the number is read exactly without decimal.js: the digits as one integer over 10^places.
  const exact = Ratio.scaled(digitsToBigInt(`${int.includes(',') ? int.replaceAll(',', '') : int}${frac}`), frac.length);

  const prefixText = written.slice(0, start);
  const suffixText = written.slice(end);
  return quantity(
    exact,
    normaliseUnit(unit),
    (prefix?.direction === 'equal' ? suffix?.direction : prefix?.direction) ?? suffix?.direction ?? 'equal',
    prefixText && suffixText ? `${prefixText}…${suffixText}` : prefixText || suffixText,
  );
}

/** A Quantity whose Decimal `value` is made only if something reads it (a message, a caller of the API): scoring
 * reads `exact`. A class, because a getter in an object literal costs more to make than the Decimal it saves. */
class ExactQuantity implements Quantity {
  private decimal: Decimal | undefined;

  constructor(
    readonly exact: Ratio,
    readonly unit: string,
    readonly direction: Direction,
    readonly comparison: string,
  ) {}

  get value(): Decimal {
    this.decimal ??= this.exact.toDecimal() as Decimal;
    return this.decimal;
  }
}

function quantity(exact: Ratio, unit: string, direction: Direction, comparison: string): Quantity {
  return new ExactQuantity(exact, unit, direction, comparison);
}

/** The same quantity in another unit (a §7 度量单位 column for a side written without one). */
export function withUnit(q: Quantity, unit: string): Quantity {
  return quantity(q.exact, unit, q.direction, q.comparison);
}

const NOT_APPLICABLE = new Set(['/', '—', '-', '——', '不适用']);

/** '/', '／', '—', '-', '－', '——', '不适用' (trimmed, alone) mean not applicable. */
export function isNotApplicable(text: string): boolean {
  const t = text.trim();
  // None is longer than three characters, and folding keeps the length: most texts need no folding.
  return t.length <= 3 && NOT_APPLICABLE.has(foldWidth(t));
}

export type Aligned = { ok: true; target: Decimal; actual: Decimal; unit: string } | { ok: false; targetUnit: string; actualUnit: string };
/** `Aligned` with the values exactly, for the engine. */
export type AlignedExactly =
  | { ok: true; target: Ratio; actual: Ratio; unit: string }
  | { ok: false; targetUnit: string; actualUnit: string };

/** Units that convert into one base unit (FORMAT.md §2 1.1): the base and how many of it one unit is. */
const CONVERT: Record<string, [base: string, factor: number]> = {
  元: ['元', 1],
  亿元: ['元', 100_000_000],
  米: ['米', 1],
  千米: ['米', 1000],
  公里: ['米', 1000],
  千克: ['千克', 1],
  公斤: ['千克', 1],
  吨: ['千克', 1000],
  分钟: ['分钟', 1],
  小时: ['分钟', 60],
  百分点: ['个百分点', 1],
};

/** A unit as its base and factor: a leading 万 multiplies any unit by 10000 (万人 is 10000 人, 万元 10000 元, a
 * lone 万 10000 of nothing); 个百分点 is its own unit, never %. */
export function unitBase(unit: string): { base: string; factor: Ratio } {
  const u = normaliseUnit(unit);
  if (u.startsWith('万') && u !== '万') {
    const inner = unitBase(u.slice(1));
    return { base: inner.base, factor: inner.factor.times(10000) };
  }
  if (u === '万') return { base: '', factor: Ratio.of(10000) };
  const c = CONVERT[u];
  return c ? { base: c[0], factor: Ratio.of(c[1]) } : { base: u, factor: Ratio.of(1) };
}

/** Puts both on one unit: a unit missing on one side takes the other's (as written); units that convert (万元 and
 * 元, 公里 and 米, 万人 and 人 …) are converted exactly, the result in the target's unit; other units must match. */
export function alignUnits(target: Quantity, actual: Quantity): Aligned {
  const aligned = alignExactly(target, actual);
  if (!aligned.ok) return aligned;
  return { ok: true, target: aligned.target.toDecimal() as Decimal, actual: aligned.actual.toDecimal() as Decimal, unit: aligned.unit };
}

/** `alignUnits` kept exact; both values always terminate (decimals times powers of ten and small integers). */
export function alignExactly(target: Quantity, actual: Quantity): AlignedExactly {
  const t = normaliseUnit(target.unit);
  const a = normaliseUnit(actual.unit);
  if (t === a || a === '' || t === '') {
    return { ok: true, target: target.exact, actual: actual.exact, unit: t || a };
  }
  const tb = unitBase(t);
  const ab = unitBase(a);
  if (tb.base === ab.base || (tb.base === '' && ab.base !== '%') || (ab.base === '' && tb.base !== '%')) {
    // Exactly: decimal.js would round a quotient to 20 significant digits. In the target's unit when that
    // terminates; else (50分钟 against 1小时) both in the base unit, which always does: the scores are ratios.
    const inTarget = actual.exact.times(ab.factor).div(tb.factor).terminating();
    if (inTarget !== undefined) return { ok: true, target: target.exact, actual: inTarget, unit: t };
    return { ok: true, target: target.exact.times(tb.factor), actual: actual.exact.times(ab.factor), unit: tb.base || ab.base };
  }
  return { ok: false, targetUnit: t, actualUnit: a };
}
