// Dates in `target` and `actual` (FORMAT.md §2 1.1 Dates): a text naming a point in time is a date, never a quantity.
// A date names a period (a year, a half, a quarter, a month, a ten-day part of one, a day); a deadline is the end
// of that period: 9月前, 9月底前 and 9月 all mean "by the end of September" (前 does not move it).
import { foldWidth } from './number.js';

export type Period = 'year' | 'half' | 'quarter' | 'month' | 'day';

export interface DateRef {
  /** As written; undefined when the text gives none (the form's `year` is meant). */
  year?: number;
  period: Period;
  /** The last month of the period, 1–12. */
  month: number;
  /** The last day of the period when the text fixes it (a day, or 上旬 / 中旬); else the month's last day. */
  day?: number;
}

/** A day of one year, for comparing the end of two periods. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

// The whole text (folded, blanks removed): an optional 于 / 在 / 截至, an optional year, a period, an optional
// 前 / 之前 / 以前 / 内 / 止 and an optional 完成. Groups: year, half, quarter, month, day, part of month, year word.
const DATE_RE =
  /^(?:已?于|在|截至|截止)?(?:(\d{4})年度?)?(?:(上半年|下半年)|第?([一二三四1-4])季度(?:末|底)?|(\d{1,2})月份?(?:(\d{1,2})[日号])?(上旬|中旬|下旬|底|末)?|(年底|年末|年终|年内|底|末|内))?(?:之前|以前|为止|前|以内|内|止)?(?:完成)?$/;
const ISO_RE = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/;

export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Every date has 年, 月 or 季 (2023年, 9月, 上半年, 第三季度, 年底) or is ISO (2023-06-30, 2023/6): a text without
// one, as most targets and actuals are (≥95%, 1379处), needs neither regex.
const MAYBE_DATE_RE = /[年月季\-/－／]/;

/** The date a target or actual names, or undefined when the text is not one (FORMAT.md §2 1.1). */
export function parseDate(text: string): DateRef | undefined {
  return MAYBE_DATE_RE.test(text) ? dateOf(text) : undefined;
}

function dateOf(text: string): DateRef | undefined {
  const s = foldWidth(text).replace(/\s+/g, '');
  if (s === '') return undefined;
  const iso = ISO_RE.exec(s);
  if (iso)
    return valid({
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: iso[3] ? Number(iso[3]) : undefined,
      period: iso[3] ? 'day' : 'month',
    });
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const [, y, half, quarter, month, day, part, yearWord] = m;
  const year = y === undefined ? undefined : Number(y);
  if (half) return { year, period: 'half', month: half === '上半年' ? 6 : 12 };
  if (quarter) return { year, period: 'quarter', month: (QUARTER[quarter] ?? 0) * 3 };
  if (month) {
    const ref: DateRef = { year, period: day ? 'day' : 'month', month: Number(month), day: day ? Number(day) : undefined };
    if (!day && part === '上旬') ref.day = 10;
    if (!day && part === '中旬') ref.day = 20;
    return valid(ref);
  }
  // 2023年, 2023年度, 年底, 2023年底前, 年内: the year, which ends with December. A bare 底 / 末 / 内 needs its year.
  if (year === undefined && (yearWord === undefined || yearWord.length === 1)) return undefined;
  return { year, period: 'year', month: 12 };
}

function valid(ref: DateRef): DateRef | undefined {
  if (ref.month < 1 || ref.month > 12) return undefined;
  // 2月29日 without a year is a valid day: the leap year 2000 only decides whether it can exist.
  if (ref.day !== undefined && (ref.day < 1 || ref.day > daysIn(ref.year ?? 2000, ref.month))) return undefined;
  return ref;
}

/** The last day of the period a date names, in `formYear` when the text gives no year. */
export function endOf(ref: DateRef, formYear: number): Day {
  const year = ref.year ?? formYear;
  return { year, month: ref.month, day: ref.day ?? daysIn(year, ref.month) };
}

/** -1, 0, 1 as a is before, on, after b. */
export function compareDays(a: Day, b: Day): -1 | 0 | 1 {
  const d = a.year - b.year || a.month - b.month || a.day - b.day;
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** 2023年9月30日. */
export function dayText(d: Day): string {
  return `${d.year}年${d.month}月${d.day}日`;
}
