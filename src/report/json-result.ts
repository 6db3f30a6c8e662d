// FORMAT.md §6: the JSON object for one evaluated form, shared by `score --format json` and `check --format json`.
import type { Decimal } from 'decimal.js';
import { roundTo } from '../score/number.js';
import type { Evaluation, Finding, Level1, Level2, Method, Rounding } from '../model/types.js';
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

// Rounded as §3 says, then converted once from its decimal text: no arithmetic ever happens in binary floating point.
// The rounded value has at most `places` decimals, so its shortest text (toString, which makes no new Decimal as
// toFixed does) is the same number as its fixed text.
function num(d: Decimal, places: number, mode: Rounding): number {
  const n = Number(roundTo(d, places, mode).toString());
  return Object.is(n, -0) ? 0 : n;
}

// Weights are given, not computed: printed exactly as written.
function exact(d: Decimal): number {
  return Number(d.toString());
}

/** The §6 object for one evaluation. With `cwd`, file names are made relative to it. */
export function jsonResult(ev: Evaluation, cwd?: string): JsonResult {
  const name = (file: string): string => (cwd === undefined ? file : displayPath(file, cwd));
  const findings = ev.findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    file: name(f.file),
    path: f.path,
    line: f.line,
    column: f.column,
    ...(f.place === undefined ? {} : { place: f.place }),
  }));
  const r = ev.result;
  if (!r) {
    return {
      file: name(ev.file),
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
  // Most forms have no 其中 sub-rows: then no map of them is made.
  const partsOf = r.form.indicators.some((ind) => ind.parts !== undefined && ind.parts.length > 0)
    ? new Map(r.form.indicators.map((ind) => [ind.path, ind.parts]))
    : undefined;
  return {
    file: name(ev.file),
    year: r.form.year,
    project: r.form.project,
    funds: {
      weight: exact(r.funds.weight),
      rate: rate === undefined ? null : num(rate, ratePlaces, rounding),
      score: num(r.funds.score, places, rounding),
    },
    indicators: r.indicators.map((i) => {
      const out: JsonIndicator = {
        path: i.path,
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        weight: exact(i.weight),
        score: i.score === undefined ? null : num(i.score, places, rounding),
        method: i.method,
      };
      if (i.core) out.core = true;
      const parts = partsOf?.get(i.path);
      if (parts !== undefined && parts.length > 0) out.parts = parts.map((p) => ({ name: p.name, target: p.target, actual: p.actual }));
      return out;
    }),
    // A cap is not rounded again (89.5 at places 0, FORMAT.md §3 1.1); any other total is a sum of components
    // already rounded to `places`, so rounding it changes nothing.
    total: r.cap !== undefined ? exact(r.total) : num(r.total, places, rounding),
    grade: r.grade,
    ...(r.form.layout === undefined ? {} : { layout: r.form.layout }),
    findings,
  };
}
