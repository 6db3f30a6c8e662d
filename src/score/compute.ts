// The arithmetic of FORMAT.md §3, and nothing else: 执行率, every component's points, the total and the grade,
// with every value the checks (src/checks/) and the outputs need. It judges nothing and reports nothing.
import { Decimal } from 'decimal.js';
import { FUNDS_ROWS, LEVEL1_LABEL, LEVEL2_LABEL } from '../model/labels.js';
import type {
  Checked,
  Form,
  FundsResult,
  FundsRow,
  FundsRowKey,
  FundsRowResult,
  Indicator,
  IndicatorResult,
  Level1,
  Level2,
  Method,
  Rating,
  Rules,
  ScoreResult,
  Stated,
} from '../model/types.js';
import { amountExact, hasAmount } from '../load/model.js';
import { exactShared, Ratio } from './exact.js';
import { compareDays, type Day, type DateRef, endOf, parseDate } from './dates.js';
import { agrees, exactOfText, foldWidth } from './number.js';
import {
  alignExactly,
  isNotApplicable,
  isUnit,
  normaliseUnit,
  parseQuantity,
  withUnit,
  type Direction,
  type Quantity,
} from './quantity.js';

const ZERO = new Decimal(0);
const ZERO_RATIO = Ratio.of(0);
const ONE = Ratio.of(1);
const HUNDRED = Ratio.of(100);
/** Decimals of the unrounded 执行率 kept for display (FundsRowResult.computedRate); decisions use the exact value. */
const SHOWN_PLACES = 30;
export const COLUMNS = ['initial', 'annual', 'executed'] as const;

export interface FundsRowComputed extends FundsRowResult {
  /** A, the budget the rate is taken on: 全年预算数, or 年初预算数 in a table that has only that column (§7). */
  budget?: Decimal;
  /** 执行率 in percent, exactly: B ÷ A × 100; undefined without a budget (A absent or 0). */
  rateExact?: Ratio;
  /** A and B exactly (`budget` and `executed` as Decimals are made only when read). */
  budgetExact?: Ratio;
  executedExact?: Ratio;
  /** Is the row read (every row given when any is, else the stated total alone)? Row checks judge only these. */
  read: boolean;
  /** Is the funds score taken on this row's rate (the total, or the only row under it)? */
  scoresFunds: boolean;
}

export interface FundsComputed extends FundsResult {
  budgetColumn: 'annual' | 'initial';
  /** The rows of FUNDS_ROWS in the table's order; the optional ones only when the form has them. */
  rows: FundsRowComputed[];
  /** The 年度资金总额's 执行率 in percent, exactly (for the rate caps and the checks). */
  rateExact?: Ratio;
  /** `weight` and `score` exactly, for the sums. */
  weightExact: Ratio;
  scoreExact: Ratio;
}

/** How an indicator's target and actual read (FORMAT.md §2): two quantities in one unit, or why they are not. */
export type Reading =
  | { kind: 'not-applicable' }
  /** The target is not a quantity: prose, or nothing to compute. */
  | { kind: 'prose' }
  | { kind: 'actual-not-quantity'; target: Quantity }
  | { kind: 'unit-mismatch'; targetUnit: string; actualUnit: string }
  | { kind: 'fraction-for-percent'; actual: Quantity }
  /** A and B in one unit: `a` and `b` exactly, as the engine computes with them; `A` and `B` as Decimals, made when
   * first read. */
  | { kind: 'quantities'; direction: Direction; a: Ratio; b: Ratio; readonly A: Decimal; readonly B: Decimal }
  /** Both dates of one year (§2 1.1): the deadline (end of the target's period) and the end of the actual's. */
  | { kind: 'dates'; target: DateRef; actual: DateRef; deadline: Day; finished: Day; onTime: boolean }
  /** A date on either side that is not such a pair: qualitative, and a date actual is not prose. */
  | { kind: 'date' };

const NOT_APPLICABLE: Reading = Object.freeze({ kind: 'not-applicable' });
const PROSE: Reading = Object.freeze({ kind: 'prose' });
const DATE: Reading = Object.freeze({ kind: 'date' });

/** A rating's band of points, exactly: [low, high] when highInclusive, else [low, high). */
export interface Band {
  low: Ratio;
  high: Ratio;
  highInclusive: boolean;
}

export interface IndicatorComputed extends IndicatorResult {
  /** The row as the form writes it (stated score, weight given or not). */
  indicator: Indicator;
  /** `weight` and `score` exactly, for the sums and the checks: each Decimal read once. */
  weightExact: Ratio;
  scoreExact?: Ratio;
  /** The stated score (`indicator.score`) exactly, read once for the sums, the agreement and the checks. */
  statedExact?: Ratio;
  reading: Reading;
  /** A qualitative indicator with a rating: the band its stated score must lie in. */
  band?: Band;
  /** §7 split columns: a positive `nature` against a negative comparison in the target, or the reverse. */
  directionConflict?: { nature: string; comparison: string; direction: Direction };
}

/** Everything computed for one form: the result the outputs read, with what only the checks need. */
export interface Computed extends ScoreResult {
  funds: FundsComputed;
  indicators: IndicatorComputed[];
}

/** A stated value beside the computed one, judged in the rules' one rounding mode (FORMAT.md §3 1.1). */
function checked(computed: Decimal | Ratio | undefined, stated: Stated | undefined, rules: Rules): Checked | undefined {
  return computed === undefined || stated === undefined ? undefined : { stated, agrees: agrees(computed, stated, rules.rounding) };
}

/** `checked` for an indicator's stated score, read exactly once for the indicator. */
function checkedScore(computed: Ratio, stated: Stated | undefined, statedExact: Ratio | undefined, rules: Rules): Checked | undefined {
  return stated === undefined || statedExact === undefined
    ? undefined
    : { stated, agrees: computed.roundScaled(stated.places, rules.rounding) === statedExact.scaledExactly(stated.places) };
}

/** One rounding, once, at the end of each formula (FORMAT.md §3 1.1): the rounded value, exactly. */
function round(exact: Ratio, rules: Rules): Ratio {
  return exact.rounded(rules.places, rules.rounding);
}

/** A value that terminates (a rounded one, a sum of decimals) as the Decimal the result holds. */
function decimalOf(exact: Ratio): Decimal {
  return exact.toDecimal() as Decimal;
}

/** `file` only names the form in the result. */
export function computeScores(form: Form, rules: Rules, file = ''): Computed {
  const funds = computeFunds(form, rules);
  const indicators = form.indicators.map((ind) => computeIndicator(ind, rules, form.year));
  // Sums are kept exact and made Decimals once, at the end.
  let weights = funds.weightExact;
  let points = funds.scoreExact;
  const levels: Record<Level1, Ratio> = { output: ZERO_RATIO, outcome: ZERO_RATIO, satisfaction: ZERO_RATIO };
  // An indexed loop: most forms of a run are scored before V8 optimises this, and its interpreter pays for an
  // array iterator.
  for (let n = 0; n < indicators.length; n++) {
    const i = indicators[n] as IndicatorComputed;
    weights = weights.plus(i.weightExact);
    levels[i.level1] = levels[i.level1].plus(i.weightExact);
    if (i.scoreExact !== undefined) points = points.plus(i.scoreExact);
  }
  const weightTotal = decimalOf(weights);
  const levelWeights: Record<Level1, Decimal> = {
    output: decimalOf(levels.output),
    outcome: decimalOf(levels.outcome),
    satisfaction: decimalOf(levels.satisfaction),
  };

  // 总分: the exact sum of the rounded components, then the lowest rate cap that applies.
  const components = decimalOf(points);
  const cap = capOf(funds.rateExact, components, rules);
  const total = cap ?? components;
  const grade = gradeOf(total, rules);
  const gradeCheck = form.grade !== undefined && form.grade !== '' ? { stated: form.grade, agrees: form.grade === grade } : undefined;
  return {
    file,
    form,
    rules,
    funds,
    indicators,
    weightTotal,
    levelWeights,
    total,
    cap,
    totalCheck: checked(total, form.total, rules),
    grade,
    gradeCheck,
  };
}

/** The lowest rate cap whose `below` the exact 执行率 is under, when it is lower than the total; else undefined. */
function capOf(rate: Ratio | undefined, total: Decimal, rules: Rules): Decimal | undefined {
  if (rate === undefined) return undefined;
  let cap: Decimal | undefined;
  for (const c of rules.rate_caps) {
    if (rate.lt(c.below) && (cap === undefined || c.max_total.lt(cap))) cap = c.max_total;
  }
  return cap !== undefined && total.gt(cap) ? cap : undefined;
}

export function gradeOf(total: Decimal, rules: Rules): string {
  const exact = exactShared(total);
  const { grades } = exactRules(rules);
  return grades.find((g) => exact.gte(g.min))?.grade ?? grades[grades.length - 1]?.grade ?? '';
}

/** The numbers of the rules that every form is compared with, exactly. */
export interface ExactRules {
  grades: { min: Ratio; grade: string }[];
  achieved: Ratio;
  partial: Ratio;
  explainRateBelow: Ratio;
  overachievement: Ratio;
}

/** Forms share their Rules (one per config), so their numbers are read exactly once per Rules, not on every form. */
const exactOf = new WeakMap<Rules, ExactRules>();

export function exactRules(rules: Rules): ExactRules {
  let exact = exactOf.get(rules);
  if (exact === undefined) {
    exact = {
      grades: rules.grades.map((g) => ({ min: Ratio.of(g.min), grade: g.grade })),
      achieved: Ratio.of(rules.bands.achieved),
      partial: Ratio.of(rules.bands.partial),
      explainRateBelow: Ratio.of(rules.explain_rate_below),
      overachievement: Ratio.of(rules.overachievement),
    };
    exactOf.set(rules, exact);
  }
  return exact;
}

// ---------------------------------------------------------------------------------------------
// 项目资金

type Column = (typeof COLUMNS)[number];

/** The 年度资金总额 row computed from the rows under it: each column's exact sum, and its Decimal made when read (a
 * renderer, a message). A sum of one is that row's own Decimal (most forms give one row under the total). */
class SummedRow implements FundsRow {
  readonly key = 'total';
  readonly present = true;
  readonly exact: Record<Column, Ratio | undefined>;
  private readonly decimals: Partial<Record<Column, Decimal>> = {};

  constructor(
    private readonly parts: readonly FundsRow[],
    readonly rate: Stated | undefined,
  ) {
    this.exact = { initial: columnSum(parts, 'initial'), annual: columnSum(parts, 'annual'), executed: columnSum(parts, 'executed') };
  }

  get initial(): Decimal | undefined {
    return this.decimal('initial');
  }

  get annual(): Decimal | undefined {
    return this.decimal('annual');
  }

  get executed(): Decimal | undefined {
    return this.decimal('executed');
  }

  private decimal(col: Column): Decimal | undefined {
    const exact = this.exact[col];
    if (exact === undefined) return undefined;
    let d = this.decimals[col];
    if (d === undefined) {
      const given = this.parts.filter((r) => hasAmount(r, col));
      // A -0 written sums to 0.
      d = given.length === 1 && !exact.isZero() ? (given[0] as FundsRow)[col] : (exact.toDecimal() as Decimal);
      this.decimals[col] = d;
    }
    return d;
  }

  toJSON(): object {
    return { key: this.key, present: this.present, initial: this.initial, annual: this.annual, executed: this.executed, rate: this.rate };
  }
}

/** A column of a row (as read, summed, or a result's) exactly, without making a Decimal the row does not have yet. */
function exactIn(row: FundsRow, col: Column): Ratio | undefined {
  const r = row instanceof RowResult ? row.source : row;
  return r instanceof SummedRow ? r.exact[col] : amountExact(r, col);
}

function hasIn(row: FundsRow, col: Column): boolean {
  const r = row instanceof RowResult ? row.source : row;
  return r instanceof SummedRow ? r.exact[col] !== undefined : hasAmount(r, col);
}

/** The 年度资金总额 row: the sum of the rows under it whenever any is given (a stated total is then only checked),
 * with the columns whose stated value is not that sum. */
function totalRow(rows: Form['funds']['rows']): { total: FundsRow; parts: FundsRow[]; columnMismatch: FundsRowResult['columnMismatch'] } {
  const parts: FundsRow[] = [];
  for (const { key } of FUNDS_ROWS) if (key !== 'total' && rows[key].present) parts.push(rows[key]);
  const columnMismatch: FundsRowResult['columnMismatch'] = {};
  if (parts.length === 0) return { total: rows.total, parts, columnMismatch };
  const total = new SummedRow(parts, rows.total.rate);
  if (rows.total.present) {
    for (const col of COLUMNS) {
      const stated = amountExact(rows.total, col);
      const computed = total.exact[col];
      if (stated !== undefined && computed !== undefined && !stated.eq(computed)) columnMismatch[col] = total[col];
    }
  }
  return { total, parts, columnMismatch };
}

/** The exact sum of a column over the rows that give it; undefined when none does. */
function columnSum(parts: readonly FundsRow[], col: Column): Ratio | undefined {
  let total: Ratio | undefined;
  for (const r of parts) {
    const value = amountExact(r, col);
    if (value !== undefined) total = total === undefined ? value : total.plus(value);
  }
  return total;
}

/** 执行率 in percent, exactly: B ÷ A × 100 (above 100 when the row overspends). */
function rowRate(r: FundsRow, column: FundsComputed['budgetColumn']): Ratio | undefined {
  const budget = exactIn(r, column);
  return budget !== undefined && !budget.isZero() ? (exactIn(r, 'executed') ?? ZERO_RATIO).div(budget).times(HUNDRED) : undefined;
}

/** Does the row spend (全年执行数 > 0)? Asked of the exact value, without decimal.js. */
export function spends(r: FundsRow): boolean {
  return exactIn(r, 'executed')?.gt(ZERO_RATIO) === true;
}

function computeFunds(form: Form, rules: Rules): FundsComputed {
  const { rows } = form.funds;
  const weight = form.funds.weight ?? rules.weights.funds;
  const { total, parts, columnMismatch } = totalRow(rows);
  const computedTotal = parts.length > 0;
  // The rows that are read: every row given (the parts), or the total alone. A stated total beside rows is only
  // checked.
  const isRead = (key: FundsRowKey): boolean =>
    computedTotal ? key !== 'total' && rows[key].present : key === 'total' && rows.total.present;
  const scoredRow: FundsRowKey = computedTotal && parts.length === 1 ? (parts[0]?.key ?? 'total') : 'total';
  // §7 a table with only a 年初预算数 column: no row given has a 全年预算数, and some row has a 年初预算数 and a
  // 全年执行数 (a 年初预算数 alone, with nothing executed, is a budget left blank: zero-budget on 全年预算数 as in v1).
  let anyAnnual = false;
  let anyInitialSpent = false;
  for (const r of rows.total.present ? [...parts, rows.total] : parts) {
    if (hasIn(r, 'annual')) anyAnnual = true;
    if (hasIn(r, 'initial') && hasIn(r, 'executed')) anyInitialSpent = true;
  }
  const budgetColumn = !anyAnnual && anyInitialSpent ? 'initial' : 'annual';

  // §7 Sichuan's optional rows are in the result only when the form has them: a central form keeps its four rows.
  const shownRows = FUNDS_ROWS.filter(({ key, optional }) => !optional || (key !== 'total' && rows[key].present));
  const resultRows = shownRows.map(({ key, label }): FundsRowComputed => {
    const r = key === 'total' ? total : rows[key];
    const rateExact = r.present ? rowRate(r, budgetColumn) : undefined;
    const budgetExact = exactIn(r, budgetColumn);
    const executedExact = exactIn(r, 'executed');
    // §7 a zero row (budget 0, nothing spent) has no rate, and a stated 0% there agrees.
    const zeroRow = r.present && budgetExact?.isZero() === true && !spends(r);
    return new RowResult(r, budgetColumn, rules, {
      key,
      present: r.present,
      rate: r.rate,
      budgetExact,
      executedExact,
      label,
      rateCheck: checked(rateExact ?? (zeroRow ? Ratio.of(0) : undefined), r.rate, rules),
      rateExact,
      computed: key === 'total' ? computedTotal : undefined,
      columnMismatch: key === 'total' ? columnMismatch : undefined,
      read: isRead(key),
      scoresFunds: key === scoredRow,
    });
  });
  // The funds' 执行率 is the 年度资金总额 row's.
  const totalResult = resultRows.find((r) => r.key === 'total');
  const rate = totalResult?.rateExact;
  const weightExact = exactShared(weight);
  const scoreExact = rate === undefined ? ZERO_RATIO : round(weightExact.times(Ratio.min(rate.div(HUNDRED), ONE)), rules);
  return new FundsOutcome(
    {
      unit: form.funds.unit,
      weight,
      rows: resultRows,
      rateRounded: totalResult?.rateRounded,
      score: rate === undefined ? ZERO : decimalOf(scoreExact),
      scoreCheck: checked(scoreExact, form.funds.score, rules),
      deviation: form.funds.deviation,
      rateExact: rate,
      budgetColumn,
      weightExact,
      scoreExact,
    },
    totalResult,
  );
}

// The unrounded 执行率 (computedRate, and the funds' `rate`) is for display only, and for a rate that does not
// terminate it is a 30-decimal rounding that costs more than the rest of the row: it is made when first read. So
// are a row's rounded rate and its amounts as Decimals (the engine and the checks read rateExact, budgetExact and
// executedExact). The rows and the funds are classes for that, since a getter in an object literal costs more to
// make than it saves; every other field is an own property, as in a literal, and toJSON shows the getters too.

class RowResult implements FundsRowComputed {
  key: FundsRowKey;
  present: boolean;
  rate?: Stated;
  budgetExact?: Ratio;
  executedExact?: Ratio;
  label: string;
  rateCheck?: Checked;
  rateExact?: Ratio;
  computed?: boolean;
  columnMismatch?: FundsRowResult['columnMismatch'];
  read: boolean;
  scoresFunds: boolean;
  private shownRate: Decimal | undefined;
  private roundedRate: Decimal | undefined;

  /** `source`: the row as read (or the summed total), whose amounts are this row's, made Decimals when read. */
  constructor(
    readonly source: FundsRow,
    private readonly budgetColumn: FundsComputed['budgetColumn'],
    private readonly rules: Rules,
    row: Omit<FundsRowComputed, 'computedRate' | 'rateRounded' | 'initial' | 'annual' | 'executed' | 'budget'>,
  ) {
    this.key = row.key;
    this.present = row.present;
    this.rate = row.rate;
    this.budgetExact = row.budgetExact;
    this.executedExact = row.executedExact;
    this.label = row.label;
    this.rateCheck = row.rateCheck;
    this.rateExact = row.rateExact;
    this.computed = row.computed;
    this.columnMismatch = row.columnMismatch;
    this.read = row.read;
    this.scoresFunds = row.scoresFunds;
  }

  get initial(): Decimal | undefined {
    return this.source.initial;
  }

  get annual(): Decimal | undefined {
    return this.source.annual;
  }

  get executed(): Decimal | undefined {
    return this.source.executed;
  }

  get budget(): Decimal | undefined {
    return this.source[this.budgetColumn];
  }

  get computedRate(): Decimal | undefined {
    if (this.rateExact !== undefined) this.shownRate ??= shown(this.rateExact);
    return this.shownRate;
  }

  get rateRounded(): Decimal | undefined {
    if (this.rateExact !== undefined) this.roundedRate ??= this.rateExact.round(this.rules.rate_places, this.rules.rounding);
    return this.roundedRate;
  }

  /** Every field a reader sees, getters included, as JSON.stringify would show a plain object. */
  toJSON(): object {
    const { source: _s, budgetColumn: _b, rules: _u, shownRate: _r, roundedRate: _o, ...own } = this;
    return {
      ...own,
      initial: this.initial,
      annual: this.annual,
      executed: this.executed,
      budget: this.budget,
      computedRate: this.computedRate,
      rateRounded: this.rateRounded,
    };
  }
}

class FundsOutcome implements FundsComputed {
  unit: FundsComputed['unit'];
  weight: Decimal;
  rows: FundsRowComputed[];
  rateRounded?: Decimal;
  score: Decimal;
  scoreCheck?: Checked;
  deviation: string;
  rateExact?: Ratio;
  budgetColumn: FundsComputed['budgetColumn'];
  weightExact: Ratio;
  scoreExact: Ratio;
  private readonly totalRow: FundsRowComputed | undefined;

  constructor(funds: Omit<FundsComputed, 'rate'>, totalRow: FundsRowComputed | undefined) {
    this.unit = funds.unit;
    this.weight = funds.weight;
    this.rows = funds.rows;
    this.rateRounded = funds.rateRounded;
    this.score = funds.score;
    this.scoreCheck = funds.scoreCheck;
    this.deviation = funds.deviation;
    this.rateExact = funds.rateExact;
    this.budgetColumn = funds.budgetColumn;
    this.weightExact = funds.weightExact;
    this.scoreExact = funds.scoreExact;
    this.totalRow = totalRow;
  }

  /** The 年度资金总额 row's computedRate. */
  get rate(): Decimal | undefined {
    return this.totalRow?.computedRate;
  }
}

/** The 执行率 for display beyond rate_places: exact when it terminates, else to SHOWN_PLACES decimals. */
function shown(rate: Ratio): Decimal {
  return rate.toDecimal() ?? rate.round(SHOWN_PLACES, 'half-even');
}

// ---------------------------------------------------------------------------------------------
// 绩效指标

function computeIndicator(ind: Indicator, rules: Rules, year: number): IndicatorComputed {
  const reading = readIndicator(ind, year);
  const directionConflict = conflictOf(ind);
  const weight = ind.weight ?? ZERO;
  const weightExact = exactShared(weight);
  const statedExact = ind.score && exactOfText(ind.score);
  const scored: Scored =
    reading.kind === 'not-applicable' ? { method: 'not-applicable' } : scoreOf(ind, statedExact, reading, weightExact, rules);
  return new IndicatorOutcome(ind, weight, weightExact, statedExact, scored, reading, directionConflict);
}

/** An indicator's result. Its score's Decimal is made when first read (a table, a message): the sums, the checks and
 * the json report read `scoreExact`. */
class IndicatorOutcome implements IndicatorComputed {
  path: string;
  level1: Level1;
  level2: Level2;
  level1Label: string;
  level2Label: string;
  name: string;
  target: string;
  actual: string;
  rating?: Rating;
  deviation: string;
  core?: boolean;
  method: Method;
  scoreCheck?: Checked;
  scoreExact?: Ratio;
  band?: Band;
  private decimal: Decimal | undefined;

  constructor(
    readonly indicator: Indicator,
    readonly weight: Decimal,
    readonly weightExact: Ratio,
    readonly statedExact: Ratio | undefined,
    scored: Scored,
    readonly reading: Reading,
    readonly directionConflict: IndicatorComputed['directionConflict'],
  ) {
    this.path = indicator.path;
    this.level1 = indicator.level1;
    this.level2 = indicator.level2;
    this.level1Label = LEVEL1_LABEL[indicator.level1];
    this.level2Label = LEVEL2_LABEL[indicator.level2];
    this.name = indicator.name ?? LEVEL2_LABEL[indicator.level2];
    this.target = indicator.target;
    this.actual = indicator.actual;
    this.rating = indicator.rating;
    this.deviation = indicator.deviation;
    this.core = indicator.core;
    this.method = scored.method;
    this.scoreCheck = scored.scoreCheck;
    this.scoreExact = scored.score;
    this.band = scored.band;
  }

  get score(): Decimal | undefined {
    if (this.scoreExact !== undefined) this.decimal ??= decimalOf(this.scoreExact);
    return this.decimal;
  }

  /** Every field a reader sees, the score included, as JSON.stringify would show a plain object. */
  toJSON(): object {
    const { decimal: _d, ...own } = this;
    return { ...own, score: this.score };
  }
}

/** An indicator result's score exactly: without making its Decimal when the engine computed it. */
export function exactScoreOf(i: IndicatorResult): Ratio | undefined {
  if (i instanceof IndicatorOutcome) return i.scoreExact;
  return i.score === undefined ? undefined : Ratio.of(i.score);
}

const NATURE: Record<string, Direction | 'qualitative'> = {
  正向: 'positive',
  '≥': 'positive',
  '≧': 'positive',
  反向: 'negative',
  '≤': 'negative',
  '≦': 'negative',
  等于: 'equal',
  '=': 'equal',
  '═': 'equal',
  '﹦': 'equal',
  定性: 'qualitative',
};

/** The direction a `nature` (指标性质, §7) gives, or qualitative for 定性. */
export function natureOf(nature: string | undefined): Direction | 'qualitative' | undefined {
  return nature === undefined ? undefined : NATURE[nature];
}

/** §7: a positive nature with a negative comparison written in the target, or the reverse (等于 conflicts with neither). */
function conflictOf(ind: Indicator): IndicatorComputed['directionConflict'] {
  const nature = natureOf(ind.nature);
  if (nature !== 'positive' && nature !== 'negative') return undefined;
  const q = parseQuantity(ind.target);
  if (!q || q.comparison === '' || q.direction === 'equal' || q.direction === nature) return undefined;
  return { nature: ind.nature ?? '', comparison: q.comparison, direction: q.direction };
}

/** An indicator's points, exactly as rounded, and how they were found. */
interface Scored {
  method: IndicatorComputed['method'];
  score?: Ratio;
  scoreCheck?: Checked;
  band?: Band;
}

/** An applicable indicator's points: by formula when it reads as quantities and has no rating, else qualitative. */
function scoreOf(ind: Indicator, statedExact: Ratio | undefined, reading: Reading, w: Ratio, rules: Rules): Scored {
  // §7: nature 定性 makes the indicator qualitative even when target and actual read as quantities or dates.
  const qualitative = ind.rating !== undefined || natureOf(ind.nature) === 'qualitative';
  if (reading.kind === 'quantities' && !qualitative) {
    const score = round(quantitativeScore(reading.direction, reading.a, reading.b, w, rules), rules);
    return { method: reading.direction, score, scoreCheck: checkedScore(score, ind.score, statedExact, rules) };
  }
  // The stated score, counted at most at its weight.
  const stated = statedExact && round(Ratio.min(statedExact, w), rules);
  // §2 1.1 deadline: on time scores w, and a stated score is checked; late is scored from the stated score.
  if (reading.kind === 'dates' && !qualitative) {
    if (reading.onTime) {
      const score = round(w, rules);
      return { method: 'deadline', score, scoreCheck: checkedScore(score, ind.score, statedExact, rules) };
    }
    return { method: 'deadline', score: stated };
  }
  // Qualitative: the stated score; rating 达成 without one gives w; else no score.
  const score = stated ?? (ind.rating === '达成' ? round(w, rules) : undefined);
  return { method: 'qualitative', score, band: ind.rating && bandOf(ind.rating, w, rules) };
}

/** Target and actual as two quantities in one unit, when they are; otherwise why an indicator is not scored by
 * formula (it is then qualitative and its stated score is used). FORMAT.md §2, §7. */
export function readIndicator(ind: Pick<Indicator, 'target' | 'actual' | 'nature' | 'unit'>, year?: number): Reading {
  if (isNotApplicable(ind.target) || isNotApplicable(ind.actual)) return NOT_APPLICABLE;
  const targetDate = parseDate(ind.target);
  if (targetDate) {
    const actualDate = parseDate(ind.actual);
    // Two dates of one year (a missing year is the form's); any other pair with a date is qualitative.
    const formYear = year ?? targetDate.year ?? actualDate?.year;
    if (actualDate === undefined || formYear === undefined) return DATE;
    const deadline = endOf(targetDate, formYear);
    const finished = endOf(actualDate, formYear);
    if (deadline.year !== finished.year) return DATE;
    return { kind: 'dates', target: targetDate, actual: actualDate, deadline, finished, onTime: compareDays(finished, deadline) <= 0 };
  }
  // §7 度量单位: the unit of a side written without one; a column that is no unit (月, 左右) leaves it prose.
  const column = ind.unit === undefined ? '' : normaliseUnit(foldWidth(ind.unit).trim());
  const withColumn = (q: Quantity | undefined): Quantity | undefined =>
    q === undefined || q.unit !== '' || column === '' ? q : isUnit(column) ? withUnit(q, column) : undefined;
  const target = withColumn(parseQuantity(ind.target));
  if (!target) return PROSE;
  const written = parseQuantity(ind.actual);
  const actual = withColumn(written);
  if (!actual || !written) return parseDate(ind.actual) ? DATE : { kind: 'actual-not-quantity', target };
  const aligned = alignExactly(target, actual);
  if (!aligned.ok) return { kind: 'unit-mismatch', targetUnit: aligned.targetUnit, actualUnit: aligned.actualUnit };
  // ≥90% against a bare 0.95: the actual is a fraction, not 0.95%; bare as written, even when the unit column is %.
  // 0 is left out (0 and 0% read the same).
  if (target.unit === '%' && target.exact.gt(1) && written.unit === '' && written.exact.gt(0) && written.exact.lte(1)) {
    return { kind: 'fraction-for-percent', actual: written };
  }
  // §7: the direction is the target's comparison when written, else the nature (定性 is judged by the caller).
  const nature = natureOf(ind.nature);
  const direction = target.comparison === '' && nature !== undefined && nature !== 'qualitative' ? nature : target.direction;
  return quantities(direction, aligned.target, aligned.actual);
}

function quantities(direction: Direction, a: Ratio, b: Ratio): Reading {
  return new Quantities(direction, a, b);
}

/** The 'quantities' reading, its Decimals made only if a message or a caller reads them (a class: a getter in an
 * object literal costs more to make than the Decimal it saves). */
class Quantities {
  readonly kind = 'quantities';
  private decimals: [Decimal, Decimal] | undefined;

  constructor(
    readonly direction: Direction,
    readonly a: Ratio,
    readonly b: Ratio,
  ) {}

  get A(): Decimal {
    return this.both()[0];
  }

  get B(): Decimal {
    return this.both()[1];
  }

  private both(): [Decimal, Decimal] {
    this.decimals ??= [this.a.toDecimal() as Decimal, this.b.toDecimal() as Decimal];
    return this.decimals;
  }
}

/** FORMAT.md §3 formulas, exactly: nothing is rounded until the caller rounds the result once. */
export function quantitativeScore(direction: Direction, A: Decimal | Ratio, B: Decimal | Ratio, w: Decimal | Ratio, rules: Rules): Ratio {
  const a = Ratio.of(A);
  const b = Ratio.of(B);
  const weight = Ratio.of(w);
  const zero = ZERO_RATIO;
  if (direction === 'negative') {
    if (rules.negative === 'linear') {
      if (b.lte(a)) return weight;
      if (a.lte(0) || b.gte(a.times(2))) return zero;
      return weight.times(ONE.minus(b.minus(a).div(a)));
    }
    if (b.lte(0)) return weight;
    return Ratio.max(weight.times(Ratio.min(a.div(b), ONE)), zero);
  }
  if (a.isZero()) return weight;
  return Ratio.max(weight.times(Ratio.min(b.div(a), ONE)), zero);
}

/** A rating's band of points, exactly: [achieved% of w, w], [partial%, achieved%), [0, partial%). */
export function bandOf(rating: Rating, w: Decimal | Ratio, rules: Rules): Band {
  const bands = exactRules(rules);
  const achieved = Ratio.of(w).times(bands.achieved).div(HUNDRED);
  const partial = Ratio.of(w).times(bands.partial).div(HUNDRED);
  if (rating === '达成') return { low: achieved, high: Ratio.of(w), highInclusive: true };
  if (rating === '部分达成') return { low: partial, high: achieved, highInclusive: false };
  return { low: Ratio.of(0), high: partial, highInclusive: false };
}
