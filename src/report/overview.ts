// `evalform score` over several files: a department's overview, what a 财务 reviewer reads first — one aligned line
// per form (主管部门, 项目, 全年预算数, 执行数, 执行率, 总分, 等级, 错误), then the totals row and the summary line.
import type { Decimal } from 'decimal.js';
import { styles } from './styles.js';
import { Ratio, sum } from '../score/exact.js';
import { fixed, totalText } from '../score/number.js';
import type { Evaluation, MoneyUnit, ScoreResult } from '../model/types.js';
import type { Reporter } from './types.js';
import { displayPath } from './paths.js';
import { printable, printableLine } from './printable.js';
import { messagesOf } from './messages.js';
import { countAll, gradeDistribution, summaryLine } from './summary.js';
import { columnWidths, padEnd, padStart } from './width.js';

const NONE = '—';

/** The money of one form: the budget its 执行率 is taken on (全年预算数, or 年初预算数 in a table with only that
 * column) and 全年执行数, on the 年度资金总额 row, in `unit`: exact (元 ÷ 10000 terminates). */
function money(r: ScoreResult, unit: MoneyUnit): { budget?: Decimal; executed?: Decimal } {
  const total = r.funds.rows.find((row) => row.key === 'total');
  const inUnit = (d: Decimal | undefined): Decimal | undefined => {
    if (d === undefined || r.funds.unit === unit) return d;
    return Ratio.of(d).div(10000).toDecimal();
  };
  return { budget: inUnit(total?.[r.funds.budgetColumn ?? 'annual']), executed: inUnit(total?.executed) };
}

/** Decimals enough to write every value of a column exactly, so the points line up. */
function placesOf(values: readonly (Decimal | undefined)[]): number {
  return Math.max(0, ...values.map((d) => d?.decimalPlaces() ?? 0));
}

export const overview: Reporter = (evals, ctx) => {
  const c = styles(ctx);
  const m = messagesOf(ctx);
  const h = m.overview;
  const results = evals.flatMap((ev) => (ev.result ? [ev.result] : []));
  const first = results[0];
  // One unit for the column: the forms' own when they agree, else 万元 (the official tables' unit).
  const units = new Set(results.map((r) => r.funds.unit));
  const unit: MoneyUnit = units.size === 1 && first ? first.funds.unit : '万元';
  // 年度 only when the forms span several years (a form that could not be read has none).
  const showYear = new Set(evals.flatMap((ev) => ev.result?.form.year ?? ev.meta?.year ?? [])).size > 1;
  const moneyOf = new Map(results.map((r) => [r, money(r, unit)]));
  const all = [...moneyOf.values()];
  const totalBudget = sum(all.map((x) => x.budget));
  const totalExecuted = sum(all.map((x) => x.executed));
  const places = Math.max(placesOf(all.flatMap((x) => [x.budget, x.executed])), placesOf([totalBudget, totalExecuted]));
  const ratePlaces = first?.rules.rate_places ?? 2;
  const rounding = first?.rules.rounding ?? 'half-up';
  const amount = (d: Decimal | undefined): string => (d === undefined ? NONE : fixed(d, places));
  // A table with only a 年初预算数 column (FORMAT.md §7) shows that budget, marked, with a note under the table;
  // the other amounts get a blank in the mark's place so the decimal points stay in line.
  const initialOnly = results.some((r) => r.funds.budgetColumn === 'initial');
  const budgetText = (r: ScoreResult | undefined, d: Decimal | undefined): string =>
    !initialOnly ? amount(d) : `${amount(d)}${r?.funds.budgetColumn === 'initial' && d !== undefined ? '*' : ' '}`;

  const errorsOf = (ev: Evaluation): number => ev.findings.filter((f) => f.severity === 'error').length;
  const row = (ev: Evaluation): string[] => {
    const r = ev.result;
    const mo = r && moneyOf.get(r);
    return [
      printableLine(r?.form.department ?? NONE),
      printableLine(r?.form.project ?? ev.meta?.project ?? NONE),
      ...(showYear ? [String(r?.form.year ?? ev.meta?.year ?? NONE)] : []),
      budgetText(r, mo?.budget),
      amount(mo?.executed),
      r?.funds.rateRounded ? `${fixed(r.funds.rateRounded, r.rules.rate_places)}%` : NONE,
      r ? totalText(r.total, r.rules.places) : NONE,
      printableLine(r?.grade ?? NONE),
      String(errorsOf(ev)),
      printable(displayPath(ev.file, ctx.cwd)),
    ];
  };

  const counts = countAll(evals);
  // Σ 执行数 ÷ Σ 预算数 over every form: the department's own 执行率, exact, rounded once as the forms' rates are.
  const overallRate = totalBudget.isZero() ? undefined : Ratio.of(totalExecuted).div(totalBudget).times(100).round(ratePlaces, rounding);
  const average =
    first &&
    Ratio.of(sum(results.map((r) => r.total)))
      .div(results.length)
      .round(first.rules.places, first.rules.rounding);
  const totals = [
    h.totals,
    h.totalsOf(evals.length),
    ...(showYear ? [''] : []),
    budgetText(undefined, totalBudget),
    fixed(totalExecuted, places),
    overallRate ? `${fixed(overallRate, ratePlaces)}%` : NONE,
    average && first ? fixed(average, first.rules.places) : NONE,
    '',
    String(counts.errors),
    gradeDistribution(counts.grades),
  ];
  const head = [
    h.department,
    h.project,
    ...(showYear ? [h.year] : []),
    h.budget(unit),
    h.executed(unit),
    h.rate,
    h.total,
    h.grade,
    h.errors,
    h.file,
  ];
  const rows = [head, ...evals.map(row), totals];
  const widths = columnWidths(rows);
  // Numbers line up on the right: the money, 执行率, 总分 and 错误.
  const shift = showYear ? 1 : 0;
  const right = new Set([2 + shift, 3 + shift, 4 + shift, 5 + shift, 7 + shift, ...(showYear ? [2] : [])]);
  const lines = rows.map((cells, r) => {
    const text = cells
      .map((cell, i) => {
        if (i === cells.length - 1) return cell;
        return right.has(i) ? padStart(cell, widths[i] ?? 0) : padEnd(cell, widths[i] ?? 0);
      })
      .join('  ')
      .trimEnd();
    if (r === 0 || r === rows.length - 1) return c.bold(text);
    return errorsOf(evals[r - 1]!) > 0 ? c.red(text) : text;
  });
  if (initialOnly) lines.push(m.overview.initialNote);
  lines.push('', summaryLine(evals, ctx, 'scored') + (average && first ? ` · ${m.average(fixed(average, first.rules.places))}` : ''));
  return `${lines.join('\n')}\n`;
};
