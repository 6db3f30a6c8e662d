// The 项目支出绩效自评结果汇总表 as data: one row per form, a subtotal per 主管部门, the total, every finding.
// Pure: the dashboard (src/report/dashboard.ts) and the .xlsx writer draw it; amounts stay exact decimals in 万元.
import { Decimal } from 'decimal.js';
import { CHECKS } from '../model/codes.js';
import type { CheckCode } from '../model/codes.js';
import type { Evaluation, Rounding, ScoreResult, Severity } from '../model/types.js';
import { Ratio, sum } from '../score/exact.js';
import { displayPath } from './paths.js';
import { countAll } from './summary.js';

/** One finding as the second sheet lists it. */
export interface SummaryFinding {
  /** The form's file, relative to the working directory. */
  file: string;
  /** The form's 项目名称 ('' when the file could not be read as a form). */
  project: string;
  path: string;
  line: number;
  column: number;
  /** In a form imported from a Word or Excel file: the table and row ('表1 第14行 得分'); line and column are then
   * the imported YAML's and mean nothing to the reader. */
  place?: string;
  code: CheckCode;
  severity: Severity;
  message: string;
}

/** One form: a row of the 汇总表. Amounts in 万元, exact; absent when the form gives none or could not be scored. */
export interface SummaryRow {
  /** 序号, from 1, in the order of the table (grouped by 主管部门). */
  index: number;
  file: string;
  department: string;
  implementer: string;
  project: string;
  year?: number;
  /** 全年预算数 (年初预算数 in a table that has only that column, FORMAT.md §7) of 年度资金总额, in 万元. */
  budget?: Decimal;
  /** 全年执行数 of 年度资金总额, in 万元. */
  executed?: Decimal;
  /** Which column `budget` is. */
  budgetColumn: 'annual' | 'initial';
  /** 执行率 in percent, rounded once by the form's rules (rate_places, rounding). */
  rate?: Decimal;
  /** 自评得分: the computed 总分. */
  score?: Decimal;
  /** 等级 by the form's rules. */
  grade?: string;
  /** Decimals of `rate` and `score` as the form's rules print them. */
  ratePlaces: number;
  places: number;
  /** The form's rules.explain_rate_below (percent). */
  explainBelow?: Decimal;
  errors: number;
  warnings: number;
  /** 问题数: errors and warnings. */
  problems: number;
  /** The first problems in words, errors first: what a reviewer reads in the row. */
  problemsText: string;
  findings: SummaryFinding[];
  /** A rendered HTML table of the form (a relative URL), when the caller found one. */
  link?: string;
}

/** A subtotal (one 主管部门) or the total: sums of exact amounts, the rate from the sums. */
export interface SummaryGroup {
  /** The 主管部门; '' for the total. */
  department: string;
  forms: number;
  /** Forms that could be scored. */
  scored: number;
  budget: Decimal;
  executed: Decimal;
  /** 执行率 of the sums: executed ÷ budget × 100, rounded once; absent when the budget is 0. */
  rate?: Decimal;
  /** The mean 总分 of the scored forms, rounded once. */
  scoreMean?: Decimal;
  errors: number;
  warnings: number;
  problems: number;
  /** Grade → forms, in the order of the rules' grades. */
  grades: [string, number][];
}

export interface SummaryCode {
  code: CheckCode;
  /** The check's Chinese one-line summary. */
  summary: string;
  errors: number;
  warnings: number;
  /** Forms with at least one finding of this code. */
  forms: number;
}

export interface SummaryData {
  unit: '万元';
  /** Every form, grouped by 主管部门 in the order the departments first appear, each group in input order. */
  rows: SummaryRow[];
  /** One subtotal per 主管部门, in the order of `rows`. */
  departments: SummaryGroup[];
  total: SummaryGroup;
  /** Every finding of every form, in the order of `rows`. */
  findings: SummaryFinding[];
  /** Findings by code, in the order of the checks table; codes that never fired left out. */
  codes: SummaryCode[];
  /** The rules the totals are rounded by: the first scored form's (the config in force), else the defaults. */
  ratePlaces: number;
  places: number;
  rounding: Rounding;
  /** rules.explain_rate_below of the first scored form (percent). */
  explainBelow: Decimal;
}

export interface SummaryOptions {
  /** File names are shown relative to it. */
  cwd: string;
  /** Rendered HTML tables by form file (as in Evaluation.file): the link to put in the row. */
  links?: ReadonlyMap<string, string>;
  /** How many findings the row's text names before “等 N 条”. */
  problemsInText?: number;
}

/** The department of a form that could not be read. */
export const UNREADABLE_DEPARTMENT = '（无法读取的表）';
const MAX_IN_TEXT = 3;

/** An amount of `unit` in 万元, exactly. */
function toWan(d: Decimal | undefined, unit: ScoreResult['funds']['unit']): Decimal | undefined {
  if (d === undefined) return undefined;
  return unit === '万元' ? d : (Ratio.of(d).div(10000).toDecimal() as Decimal);
}

function problemsText(findings: readonly SummaryFinding[], shown: number): string {
  const ordered = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')];
  const first = ordered.slice(0, shown).map((f) => f.message.replace(/\s+/g, ' ').trim());
  const rest = ordered.length - first.length;
  return first.join('；') + (rest > 0 ? `；等 ${ordered.length} 条` : '');
}

function rowOf(ev: Evaluation, opts: SummaryOptions): Omit<SummaryRow, 'index'> {
  const r = ev.result;
  const project = r?.form.project ?? ev.meta?.project ?? '';
  const file = displayPath(ev.file, opts.cwd);
  const findings: SummaryFinding[] = ev.findings.map((f) => ({
    file: displayPath(f.file, opts.cwd),
    project,
    path: f.path,
    line: f.line,
    column: f.column,
    ...(f.place === undefined ? {} : { place: f.place }),
    code: f.code,
    severity: f.severity,
    message: f.message,
  }));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const link = opts.links?.get(ev.file);
  const common = {
    file,
    project,
    errors,
    warnings: findings.length - errors,
    problems: findings.length,
    problemsText: problemsText(findings, opts.problemsInText ?? MAX_IN_TEXT),
    findings,
    ...(link === undefined ? {} : { link }),
  };
  if (!r) {
    return {
      ...common,
      department: UNREADABLE_DEPARTMENT,
      implementer: '',
      ...(ev.meta?.year === undefined ? {} : { year: ev.meta.year }),
      budgetColumn: 'annual',
      ratePlaces: 2,
      places: 2,
    };
  }
  const column = r.funds.budgetColumn ?? 'annual';
  const totalRow = r.funds.rows.find((row) => row.key === 'total');
  const budget = toWan(totalRow?.[column], r.funds.unit);
  const executed = toWan(totalRow?.executed, r.funds.unit);
  return {
    ...common,
    department: r.form.department,
    implementer: r.form.implementer,
    year: r.form.year,
    ...(budget === undefined ? {} : { budget }),
    ...(executed === undefined ? {} : { executed }),
    budgetColumn: column,
    ...(r.funds.rateRounded === undefined ? {} : { rate: r.funds.rateRounded }),
    score: r.total,
    grade: r.grade,
    ratePlaces: r.rules.rate_places,
    // A rate cap may carry more decimals than `places` (89.5 at places 0): print every one.
    places: Math.max(r.rules.places, r.total.decimalPlaces()),
    explainBelow: r.rules.explain_rate_below,
  };
}

function groupOf(
  department: string,
  rows: readonly SummaryRow[],
  evals: readonly Evaluation[],
  rules: Pick<SummaryData, 'ratePlaces' | 'places' | 'rounding'>,
): SummaryGroup {
  const budget = sum(rows.map((r) => r.budget));
  const executed = sum(rows.map((r) => r.executed));
  const scores = rows.flatMap((r) => (r.score === undefined ? [] : [r.score]));
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  const warnings = rows.reduce((n, r) => n + r.warnings, 0);
  return {
    department,
    forms: rows.length,
    scored: scores.length,
    budget,
    executed,
    ...(budget.isZero() ? {} : { rate: Ratio.of(executed).div(budget).times(100).round(rules.ratePlaces, rules.rounding) }),
    ...(scores.length === 0 ? {} : { scoreMean: Ratio.of(sum(scores)).div(scores.length).round(rules.places, rules.rounding) }),
    errors,
    warnings,
    problems: errors + warnings,
    grades: [...countAll(evals).grades],
  };
}

/** The 汇总表 of these evaluations. */
export function summaryData(evals: readonly Evaluation[], opts: SummaryOptions): SummaryData {
  const firstRules = evals.find((ev) => ev.result)?.result?.rules;
  const rules = {
    ratePlaces: firstRules?.rate_places ?? 2,
    places: firstRules?.places ?? 2,
    rounding: firstRules?.rounding ?? ('half-up' as Rounding),
  };
  // Grouped by 主管部门 in the order each first appears; the unreadable forms last.
  const byDept = new Map<string, { rows: Omit<SummaryRow, 'index'>[]; evals: Evaluation[] }>();
  const unreadable: { rows: Omit<SummaryRow, 'index'>[]; evals: Evaluation[] } = { rows: [], evals: [] };
  for (const ev of evals) {
    const row = rowOf(ev, opts);
    let group = unreadable;
    if (ev.result) {
      group = byDept.get(row.department) ?? { rows: [], evals: [] };
      byDept.set(row.department, group);
    }
    group.rows.push(row);
    group.evals.push(ev);
  }
  if (unreadable.rows.length > 0) byDept.set(UNREADABLE_DEPARTMENT, unreadable);

  const rows: SummaryRow[] = [];
  const departments: SummaryGroup[] = [];
  for (const [department, group] of byDept) {
    const numbered = group.rows.map((row, i) => ({ ...row, index: rows.length + 1 + i }));
    rows.push(...numbered);
    departments.push(groupOf(department, numbered, group.evals, rules));
  }
  const findings = rows.flatMap((r) => r.findings);
  return {
    unit: '万元',
    rows,
    departments,
    total: groupOf('', rows, evals, rules),
    findings,
    codes: codesOf(rows),
    ...rules,
    explainBelow: firstRules?.explain_rate_below ?? new Decimal(90),
  };
}

function codesOf(rows: readonly SummaryRow[]): SummaryCode[] {
  const by = new Map<CheckCode, SummaryCode>();
  for (const row of rows) {
    const seen = new Set<CheckCode>();
    for (const f of row.findings) {
      let c = by.get(f.code);
      if (!c) {
        c = { code: f.code, summary: CHECKS[f.code].summary, errors: 0, warnings: 0, forms: 0 };
        by.set(f.code, c);
      }
      if (f.severity === 'error') c.errors++;
      else c.warnings++;
      if (!seen.has(f.code)) c.forms++;
      seen.add(f.code);
    }
  }
  const order = Object.keys(CHECKS);
  return [...by.values()].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
}
