// The quantity grammar of `target` and `actual` (FORMAT.md §2): comparison, number, unit.
import type { Decimal } from 'decimal.js';
import { Ratio } from './exact.js';
import { decimalFromGroups, foldWidth } from './number.js';

export type Direction = 'positive' | 'negative' | 'equal';

export interface Quantity {
  value: Decimal;
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

// FORMAT.md §2 1.1: 左右, 年度, 年, 月, 日 are never units; a text whose unit ends in one is a date or prose
// (100左右, 2023年度, 3个月, 5个工作日). Durations are written in 天.
const NEVER_UNIT_RE = /(?:左右|年度|年|月|日)$/;

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
  if ([...unit].length > MAX_UNIT_LENGTH || NEVER_UNIT_RE.test(unit)) return false;
  return UNIT_CHARS_RE.test(unit) && !BAD_SLASH_RE.test(unit);
}

/** The whole string (trimmed, full width folded) is an optional comparison, a number and an optional unit;
 * otherwise undefined (a sentence that merely contains numbers is not a quantity). */
export function parseQuantity(text: string): Quantity | undefined {
  const written = text.trim();
  // Most targets are prose: too long for a comparison, a number and a unit, or without a digit at all.
  if (written.length > 40 || !/[0-9０-９]/.test(written)) return undefined;
  // foldWidth maps code unit to code unit, so offsets in `folded` are offsets in `written`.
  const folded = foldWidth(written);
  const prefix = PREFIXES.find((p) => folded.startsWith(p.word));
  const start = prefix?.word.length ?? 0;
  const suffix = SUFFIXES.find((s) => folded.endsWith(s.word) && folded.length - s.word.length >= start);
  const end = folded.length - (suffix?.word.length ?? 0);

  // ≥100个以下 contradicts itself; an equal prefix contradicts nothing, and the suffix gives the direction (=100以上).
  if (prefix && suffix && prefix.direction !== 'equal' && prefix.direction !== suffix.direction) return undefined;

  const m = CORE_RE.exec(folded.slice(start, end).trim());
  if (!m) return undefined;
  const number = decimalFromGroups('', m[1] ?? '', m[2], undefined, '');
  const unit = m[3] ?? '';
  if (!number || !isUnit(unit)) return undefined;

  const prefixText = written.slice(0, start);
  const suffixText = written.slice(end);
  return {
    value: number.value,
    unit: normaliseUnit(unit),
    direction: (prefix?.direction === 'equal' ? suffix?.direction : prefix?.direction) ?? suffix?.direction ?? 'equal',
    comparison: prefixText && suffixText ? `${prefixText}…${suffixText}` : prefixText || suffixText,
  };
}

const NOT_APPLICABLE = new Set(['/', '—', '-', '——', '不适用']);

/** '/', '／', '—', '-', '－', '——', '不适用' (trimmed, alone) mean not applicable. */
export function isNotApplicable(text: string): boolean {
  return NOT_APPLICABLE.has(foldWidth(text.trim()));
}

export type Aligned = { ok: true; target: Decimal; actual: Decimal; unit: string } | { ok: false; targetUnit: string; actualUnit: string };

const YUAN_PER: Record<string, number> = { 元: 1, 万元: 10000 };

/** Puts both on one unit: a unit missing on one side takes the other's; 万元 and 元 convert (1 万元 =
 * 10000 元, the result in the target's unit); other units must match exactly. */
export function alignUnits(target: Quantity, actual: Quantity): Aligned {
  const t = normaliseUnit(target.unit);
  const a = normaliseUnit(actual.unit);
  if (t === a || a === '' || t === '') {
    return { ok: true, target: target.value, actual: actual.value, unit: t || a };
  }
  const tf = YUAN_PER[t];
  const af = YUAN_PER[a];
  if (tf !== undefined && af !== undefined) {
    // Exactly: decimal.js would round a quotient to 20 significant digits; a power of ten always terminates.
    return { ok: true, target: target.value, actual: Ratio.of(actual.value).times(af).div(tf).toDecimal() as Decimal, unit: t };
  }
  return { ok: false, targetUnit: t, actualUnit: a };
}
