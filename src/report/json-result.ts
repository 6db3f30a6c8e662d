// FORMAT.md §6: the JSON object for one evaluated form, shared by `score --format json` and `check --format json`.
import type { Decimal } from 'decimal.js';
import { exactScoreOf } from '../score/compute.js';
import { roundTo } from '../score/number.js';
import type { Evaluation, Finding, IndicatorResult, Level1, Level2, Method, Rounding } from '../model/types.js';
import { displayPath } from './paths.js';

export interface JsonIndicator {
  path: string;
  level1: Level1;
  level2: Level2;
  name: string;
  weight: number;
  score: number | null;
  method: Method;
  /** FORMAT.md §7, only when the form says so: a ★ core indicator, and its 其中 sub-rows (never scored). */
  core?: true;
  parts?: { name: string; target: string; actual: string }[];
}

/** A finding as §6 prints it: every field of the model's, in the same order. */
export type JsonFinding = Finding;

export interface JsonResult {
  file: string;
  year: number | null;
  project: string | null;
  funds: { weight: number; rate: number | null; score: number } | null;
  indicators: JsonIndicator[];
  total: number | null;
  grade: string | null;
  /** FORMAT.md §7, only when the form or its config gives one. */
  layout?: string;
  findings: JsonFinding[];
}

// Rounded as §3 says, then converted once from its decimal value: no arithmetic ever happens in binary floating point.
/** A number of the report: `d` rounded to `places` by `mode`, as the number its decimal text reads as (never -0). */
export function jsonNumber(d: Decimal, places: number, mode: Rounding): number {
  const n = fromDigits(d, places);
  if (n !== undefined) return n;
  // The rounded value has at most `places` decimals, so its shortest text (toString, which makes no new Decimal as
  // toFixed does) is the same number as its fixed text.
  const m = Number(roundTo(d, places, mode).toString());
  return Object.is(m, -0) ? 0 : m;
}

/** An indicator's score as jsonNumber gives it, from the engine's exact score when it has one (its Decimal is then
 * never made): the score rounded to `places` is an integer q over 10^places, and q ÷ 10^places is one correctly
 * rounded division when both are exact doubles, the number its text reads as. */
function scoreNumber(i: IndicatorResult, places: number, mode: Rounding): number | null {
  const exact = exactScoreOf(i);
  if (exact === undefined) return null;
  const q = exact.roundScaled(places, mode);
  if (places <= 22 && q <= MAX_EXACT && q >= -MAX_EXACT) return Number(q) / (POW10[places] as number);
  return jsonNumber(i.score as Decimal, places, mode);
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

// Weights are given, not computed: printed exactly as written.
function exact(d: Decimal): number {
  return fromDigits(d, Number.POSITIVE_INFINITY) ?? Number(d.toString());
}

/** Exact powers of ten, 10^0 … 10^22 (the largest a double holds exactly). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number `Number(d.toString())` gives, read from the Decimal's digits (decimal.js documents them: `d`, words of
 * 7 decimal digits, the first without leading zeros; `e`, the exponent of the first digit; `s`, the sign) without
 * making its text; undefined where that is not sure, or when `d` has more than `places` decimals (it must be rounded
 * first). A value of at most 14 digits is C ÷ 10^k or C × 10^k with C and 10^k held exactly (below 2^53, k ≤ 22), and
 * IEEE 754 rounds that one operation correctly: to the double nearest the exact value, which is what parsing
 * the text gives too. Scores, rates and weights are such numbers, and most forms' are already rounded.
 */
function fromDigits(d: Decimal, places: number): number | undefined {
  const words = d.d;
  // Not finite (no digits), or more than two words (up to 21 digits: C may not be exact).
  if (words === null || words.length > 2) return undefined;
  const first = words[0] as number;
  if (first === 0) return words.length === 1 ? 0 : undefined;
  // The trailing zeros are taken off the last word, which is small (the arithmetic on C, which may not be, is one
  // multiplication and one addition).
  let tail = words[words.length - 1] as number;
  if (tail === 0) return undefined;
  let zeros = 0;
  while (tail % 10 === 0) {
    tail /= 10;
    zeros++;
  }
  // C × 10^-k, with k the decimals.
  let c = tail;
  let k = digitCount(first) - 1 - d.e - zeros;
  if (words.length === 2) {
    c = first * (POW10[7 - zeros] as number) + tail;
    k += 7;
  }
  if (k > places || k > 22 || k < -22) return undefined;
  const n = k >= 0 ? c / (POW10[k] as number) : c * (POW10[-k] as number);
  return d.s < 0 ? -n : n;
}

/** The decimal digits of a word of decimal.js (1 … 9,999,999). */
function digitCount(word: number): number {
  return word < 10 ? 1 : word < 100 ? 2 : word < 1000 ? 3 : word < 10000 ? 4 : word < 100000 ? 5 : word < 1000000 ? 6 : 7;
}

/** The §6 object for one evaluation. With `cwd`, file names are made relative to it. */
export function jsonResult(ev: Evaluation, cwd?: string): JsonResult {
  // Indexed loops and no closures: a report makes this object for every form, most of them before V8 optimises it.
  const file = cwd === undefined ? ev.file : displayPath(ev.file, cwd);
  const findings: JsonFinding[] = [];
  for (let n = 0; n < ev.findings.length; n++) {
    const f = ev.findings[n] as Finding;
    // A form's findings are in its own file: its name is made once.
    const name = f.file === ev.file ? file : cwd === undefined ? f.file : displayPath(f.file, cwd);
    findings.push(
      f.place === undefined
        ? { code: f.code, severity: f.severity, message: f.message, file: name, path: f.path, line: f.line, column: f.column }
        : {
            code: f.code,
            severity: f.severity,
            message: f.message,
            file: name,
            path: f.path,
            line: f.line,
            column: f.column,
            place: f.place,
          },
    );
  }
  const r = ev.result;
  if (!r) {
    return {
      file,
      year: ev.meta?.year ?? null,
      project: ev.meta?.project ?? null,
      funds: null,
      indicators: [],
      total: null,
      grade: null,
      findings,
    };
  }
  const { places, rate_places: ratePlaces, rounding } = r.rules;
  const rate = r.funds.rateRounded ?? r.funds.rate;
  // Most forms have no 其中 sub-rows: then none are looked for.
  const written = r.form.indicators;
  let withParts = false;
  for (let n = 0; n < written.length && !withParts; n++) withParts = (written[n]?.parts?.length ?? 0) > 0;
  const partsOf = withParts ? new Map(written.map((ind) => [ind.path, ind.parts])) : undefined;
  const indicators: JsonIndicator[] = [];
  for (let n = 0; n < r.indicators.length; n++) {
    const i = r.indicators[n] as IndicatorResult;
    const out: JsonIndicator = {
      path: i.path,
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      weight: exact(i.weight),
      score: scoreNumber(i, places, rounding),
      method: i.method,
    };
    if (i.core) out.core = true;
    const parts = partsOf?.get(i.path);
    if (parts !== undefined && parts.length > 0) out.parts = parts.map((p) => ({ name: p.name, target: p.target, actual: p.actual }));
    indicators.push(out);
  }
  const funds = {
    weight: exact(r.funds.weight),
    rate: rate === undefined ? null : jsonNumber(rate, ratePlaces, rounding),
    score: jsonNumber(r.funds.score, places, rounding),
  };
  // A cap is not rounded again (89.5 at places 0, FORMAT.md §3 1.1); any other total is a sum of components
  // already rounded to `places`, so rounding it changes nothing.
  const total = r.cap !== undefined ? exact(r.total) : jsonNumber(r.total, places, rounding);
  const { year, project, layout } = r.form;
  // `layout`, when there is one, stands before `findings`, as §6 prints it.
  return layout === undefined
    ? { file, year, project, funds, indicators, total, grade: r.grade, findings }
    : { file, year, project, funds, indicators, total, grade: r.grade, layout, findings };
}
