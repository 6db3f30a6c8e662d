// The scoring engine of FORMAT.md §3: 执行率, every component's points, the total, the grade, and the checks of §5.
import { Decimal } from 'decimal.js';
import { FUNDS_ROWS, LEVEL1, LEVEL1_LABEL, LEVEL2_LABEL } from '../model/labels.js';
import type {
  Checked, Form, FundsResult, FundsRow, FundsRowKey, FundsRowResult, Indicator, IndicatorResult, Method, RawFinding, Rules, ScoreResult, Stated,
} from '../model/types.js';
import { Ratio, difference, sum } from './exact.js';
import { agrees, fixed, plain } from './number.js';
import { alignUnits, isNotApplicable, parseQuantity, type Direction } from './quantity.js';

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);
const ONE = Ratio.of(1);
/** Decimals of the unrounded 执行率 kept for display (FundsRowResult.computedRate); decisions use the exact value. */
const SHOWN_PLACES = 30;
const COLUMNS = ['initial', 'annual', 'executed'] as const;
const COLUMN_LABEL = { initial: '年初预算数', annual: '全年预算数', executed: '全年执行数' } as const;

export function scoreForm(form: Form, rules: Rules, file: string): { result: ScoreResult; findings: RawFinding[] } {
  const findings: RawFinding[] = [];
  // One rounding, once, at the end of each formula (FORMAT.md §3 1.1), and agreement in the same mode.
  const round = (exact: Ratio) => exact.round(rules.places, rules.rounding);
  const check = (computed: Decimal | Ratio | undefined, stated: Stated | undefined): Checked | undefined =>
    computed === undefined || stated === undefined ? undefined : { stated, agrees: agrees(computed, stated, rules.rounding) };

  const { funds, exactRate } = scoreFunds(form, rules, round, check, findings);
  const indicators = form.indicators.map((ind) => scoreIndicator(ind, rules, round, check, findings));

  // Weights: the table must add up to 100, and each 一级 should carry its rules.weights share.
  const weightTotal = sum([funds.weight, ...indicators.map((i) => i.weight)]);
  if (!weightTotal.eq(HUNDRED)) {
    findings.push({
      code: 'weights-sum', path: '/indicators', atKey: true,
      message: `分值合计 ${plain(weightTotal)}（预算执行率 ${plain(funds.weight)} + 绩效指标 ${plain(difference(weightTotal, funds.weight))}），应为 100`,
    });
  }
  if (form.funds.weight && !form.funds.weight.eq(rules.weights.funds)) {
    findings.push({ code: 'level-weights', path: '/funds/weight', message: `预算执行率分值为 ${plain(form.funds.weight)}，规则规定 ${plain(rules.weights.funds)}` });
  }
  const levelWeights = { output: ZERO, outcome: ZERO, satisfaction: ZERO };
  for (const i of indicators) levelWeights[i.level1] = sum([levelWeights[i.level1], i.weight]);
  for (const level of LEVEL1) {
    const given = levelWeights[level.key];
    const expected = rules.weights[level.key];
    if (!given.eq(expected)) {
      findings.push({ code: 'level-weights', path: `/indicators/${level.key}`, atKey: true, message: `${level.label}分值合计 ${plain(given)}，规则规定 ${plain(expected)}` });
    }
  }

  // 总分: the exact sum of the rounded components, then the lowest rate cap that applies.
  let total = sum([funds.score, ...indicators.map((i) => i.score)]);
  let cap: Decimal | undefined;
  if (exactRate !== undefined) {
    for (const c of rules.rate_caps) {
      if (exactRate.lt(c.below) && (cap === undefined || c.max_total.lt(cap))) cap = c.max_total;
    }
  }
  if (cap !== undefined && total.gt(cap)) total = cap;
  else cap = undefined;

  // A capped total is not rounded again (89.5 stays 89.5 at places 0), so it is printed with all its decimals.
  const totalText = (places: number) => fixed(total, Math.max(places, total.decimalPlaces()));
  const totalCheck = check(total, form.total);
  if (totalCheck && !totalCheck.agrees) {
    findings.push({
      code: 'total-mismatch', path: '/total',
      message: `总分应为 ${totalText(Math.max(rules.places, form.total?.places ?? 0))}${cap ? `（执行率低于封顶线，封顶 ${plain(cap)}）` : '（各项得分之和）'}，表中为 ${form.total?.text}`,
    });
  }
  const grade = gradeOf(total, rules);
  let gradeCheck: ScoreResult['gradeCheck'];
  if (form.grade !== undefined && form.grade !== '') {
    gradeCheck = { stated: form.grade, agrees: form.grade === grade };
    if (!gradeCheck.agrees) {
      findings.push({ code: 'grade-mismatch', path: '/grade', message: `等级应为“${grade}”（总分 ${totalText(rules.places)}），表中为“${form.grade}”` });
    }
  }

  const result: ScoreResult = { file, form, rules, funds, indicators, weightTotal, levelWeights, total, cap, totalCheck, grade, gradeCheck };
  return { result, findings: applySeverity(findings, rules) };
}

type Round = (exact: Ratio) => Decimal;
type Check = (computed: Decimal | Ratio | undefined, stated: Stated | undefined) => Checked | undefined;

/** The funds block, and its exact 执行率 in percent for the rate caps. */
function scoreFunds(form: Form, rules: Rules, round: Round, check: Check, findings: RawFinding[]): { funds: FundsResult; exactRate?: Ratio } {
  const { rows } = form.funds;
  const weight = form.funds.weight ?? rules.weights.funds;
  const parts = [rows.appropriation, rows.carryover, rows.other].filter((r) => r.present);

  // The total row is the sum of the rows under it whenever any is given; a stated total is then only checked.
  let total: FundsRow = rows.total;
  const computedTotal = parts.length > 0;
  const columnMismatch: FundsRowResult['columnMismatch'] = {};
  if (computedTotal) {
    const column = (col: (typeof COLUMNS)[number]) => (parts.some((r) => r[col] !== undefined) ? sum(parts.map((r) => r[col])) : undefined);
    total = { key: 'total', present: true, initial: column('initial'), annual: column('annual'), executed: column('executed'), rate: rows.total.rate };
    if (rows.total.present) {
      for (const col of COLUMNS) {
        const stated = rows.total[col];
        const computed = total[col];
        if (stated !== undefined && computed !== undefined && !stated.eq(computed)) {
          columnMismatch[col] = computed;
          findings.push({
            code: 'funds-total-mismatch', path: `/funds/total/${col}`,
            message: `年度资金总额的${COLUMN_LABEL[col]}为 ${plain(stated)}，但各行之和为 ${plain(computed)}`,
          });
        }
      }
    }
  }

  /** 执行率 in percent, exactly: B ÷ A × 100 (above 100 when the row overspends). */
  const rowRate = (r: FundsRow): Ratio | undefined =>
    r.annual !== undefined && !r.annual.isZero() ? Ratio.of(r.executed ?? ZERO).div(r.annual).times(100) : undefined;
  const spends = (r: FundsRow) => r.executed !== undefined && r.executed.gt(0);
  // The rows that are read: every row given, or the total alone. A stated total beside rows is only checked.
  const used = new Set<FundsRowKey>(computedTotal ? parts.map((r) => r.key) : rows.total.present ? ['total'] : []);
  const rate = rowRate(total);
  const scoredRow: FundsRowKey = computedTotal && parts.length === 1 ? (parts[0]?.key ?? 'total') : 'total';
  let rowWithoutBudget = false;

  const resultRows: FundsRowResult[] = FUNDS_ROWS.map(({ key, label }) => {
    const r = key === 'total' ? total : rows[key];
    const name = label.replace('其中：', '');
    const rowRateExact = r.present ? rowRate(r) : undefined;
    // §7 a zero row (budget 0, nothing spent) has no rate, and a stated 0% there agrees.
    const zeroRow = r.present && r.annual?.isZero() === true && !spends(r);
    const rateCheck = check(rowRateExact ?? (zeroRow ? Ratio.of(0) : undefined), r.rate);
    if (rateCheck && !rateCheck.agrees) {
      const places = Math.max(rules.rate_places, r.rate?.places ?? 0);
      findings.push({
        code: 'rate-mismatch', path: `/funds/${key}/rate`,
        message: rowRateExact
          ? `${name}执行率应为 ${fixed(rowRateExact.round(places, rules.rounding), places)}%（${plain(r.executed ?? ZERO)} ÷ ${plain(r.annual ?? ZERO)}），表中为 ${r.rate?.text}`
          : `${name}全年预算数为 0 且无执行数，没有执行率（可写 0% 或不写），表中为 ${r.rate?.text}`,
      });
    }
    if (used.has(key)) {
      // §3 1.1: a row that spends without a budget is flagged on that row; its spending still counts in the total.
      if (spends(r) && rowRateExact === undefined) {
        rowWithoutBudget = true;
        findings.push({
          code: 'zero-budget', path: `/funds/${key}/annual`,
          message: `${name}全年预算数为${r.annual === undefined ? '空' : ' 0'}，但全年执行数为 ${plain(r.executed ?? ZERO)}：这一行无法计算执行率，${rate === undefined ? '年度资金总额也没有预算，预算执行不得分' : '其执行数仍计入年度资金总额'}`,
        });
      }
      if (rowRateExact !== undefined && r.executed !== undefined && r.annual !== undefined && r.executed.gt(r.annual)) {
        findings.push({
          code: 'overspend', path: `/funds/${key}/executed`,
          message: `${name}全年执行数 ${plain(r.executed)} 超过全年预算数 ${plain(r.annual)}，执行率为 ${fixed(rowRateExact.round(rules.rate_places, rules.rounding), rules.rate_places)}%${key === scoredRow ? '，预算执行得分按 100% 计' : ''}`,
        });
      }
    }
    return {
      ...r, label, rateCheck,
      ...(rowRateExact !== undefined ? { computedRate: shown(rowRateExact), rateRounded: rowRateExact.round(rules.rate_places, rules.rounding) } : {}),
      ...(key === 'total' ? { computed: computedTotal, columnMismatch } : {}),
    };
  });

  // §3 1.1: a 年度资金总额 without any budget gets zero-budget even when nothing was spent, unless a row already has it.
  if (rate === undefined && !rowWithoutBudget) {
    const row = computedTotal ? parts.find((r) => r.annual === undefined || r.annual.isZero())?.key : rows.total.present ? 'total' : undefined;
    findings.push({
      code: 'zero-budget', path: row ? `/funds/${row}/annual` : '/funds',
      message: `年度资金总额的全年预算数为${total.annual === undefined ? '空' : ' 0'}：无法计算执行率，预算执行不得分`,
    });
  }
  const score = rate === undefined ? ZERO : round(Ratio.of(weight).times(Ratio.min(rate.div(100), ONE)));
  const scoreCheck = check(score, form.funds.score);
  if (form.funds.score && form.funds.score.value.gt(weight)) {
    findings.push({ code: 'score-exceeds-weight', path: '/funds/score', message: `预算执行得分 ${form.funds.score.text} 超过分值 ${plain(weight)}` });
  }
  if (scoreCheck && !scoreCheck.agrees) {
    findings.push({
      code: 'funds-score-mismatch', path: '/funds/score',
      message: `预算执行得分应为 ${fixed(score, Math.max(rules.places, form.funds.score?.places ?? 0))}（${plain(weight)} × ${rate ? fixed(Ratio.min(rate, Ratio.of(100)).round(rules.rate_places, rules.rounding), rules.rate_places) : 0}%），表中为 ${form.funds.score?.text}`,
    });
  }
  if (rate !== undefined && rate.lt(rules.explain_rate_below) && form.funds.deviation === '') {
    findings.push({
      code: 'rate-explanation-missing', path: '/funds/deviation',
      message: `执行率 ${fixed(rate.round(rules.rate_places, rules.rounding), rules.rate_places)}% 低于 ${plain(rules.explain_rate_below)}%，需在 funds.deviation 中说明原因`,
    });
  }
  const funds: FundsResult = {
    unit: form.funds.unit, weight, rows: resultRows,
    rate: rate && shown(rate),
    rateRounded: rate?.round(rules.rate_places, rules.rounding),
    score, scoreCheck, deviation: form.funds.deviation,
  };
  return { funds, exactRate: rate };
}

/** The 执行率 for display beyond rate_places: exact when it terminates, else to SHOWN_PLACES decimals. */
function shown(rate: Ratio): Decimal {
  return rate.toDecimal() ?? rate.round(SHOWN_PLACES, 'half-even');
}

function scoreIndicator(ind: Indicator, rules: Rules, round: Round, check: Check, findings: RawFinding[]): IndicatorResult {
  const label = ind.name ?? LEVEL2_LABEL[ind.level2];
  const base = {
    path: ind.path, level1: ind.level1, level2: ind.level2,
    level1Label: LEVEL1_LABEL[ind.level1], level2Label: LEVEL2_LABEL[ind.level2],
    name: label, target: ind.target, actual: ind.actual, rating: ind.rating, deviation: ind.deviation,
  };
  const at = (field: string) => `${ind.path}/${field}`;

  if (isNotApplicable(ind.target) || isNotApplicable(ind.actual)) {
    if (ind.weight?.gt(0)) {
      findings.push({
        code: 'not-applicable-weight', path: at('weight'),
        message: `不适用的指标“${label}”不得分，却占分值 ${plain(ind.weight)}：应写 0（或省略），把分值分配给同级其他指标`,
      });
    }
    return { ...base, weight: ind.weight ?? ZERO, method: 'not-applicable' };
  }
  if (ind.weight === undefined) {
    findings.push({ code: 'schema', path: ind.path, message: `指标“${label}”缺少分值（weight）；不适用的指标请把年度指标值写成 /` });
  }
  const w = ind.weight ?? ZERO;
  if (ind.score && ind.score.value.gt(w)) {
    findings.push({ code: 'score-exceeds-weight', path: at('score'), message: `指标“${label}”得分 ${ind.score.text} 超过分值 ${plain(w)}` });
  }

  let method: Method = 'qualitative';
  let score: Decimal | undefined;
  let scoreCheck: Checked | undefined;
  const quantities = readQuantities(ind, label, findings);
  if (quantities && ind.rating === undefined) {
    const { direction, A, B } = quantities;
    method = direction;
    score = round(quantitativeScore(method, A, B, w, rules));
    scoreCheck = check(score, ind.score);
    if (scoreCheck && !scoreCheck.agrees) {
      findings.push({
        code: 'score-mismatch', path: at('score'),
        message: `指标“${label}”得分应为 ${fixed(score, Math.max(rules.places, ind.score!.places))}（${formula(method, A, B, w, rules)}），表中为 ${ind.score!.text}`,
      });
    }
    // B ≥ overachievement% of A, compared exactly: 100 × B ≥ overachievement × A.
    if (method !== 'negative' && A.gt(0) && Ratio.of(B).times(100).gte(Ratio.of(A).times(rules.overachievement)) && ind.deviation === '') {
      findings.push({
        code: 'overachievement', path: at('deviation'),
        message: `指标“${label}”实际完成 ${plain(B)} 达到目标 ${plain(A)} 的 ${fixed(Ratio.of(B).div(A).times(100).round(0, 'down'), 0)}%（≥ ${plain(rules.overachievement)}%），需说明超额原因`,
      });
    }
  }

  if (method === 'qualitative') {
    if (ind.score) {
      // A score stated above its weight is flagged (score-exceeds-weight) and counted at the weight.
      score = round(Ratio.of(Decimal.min(ind.score.value, w)));
    } else if (ind.rating === '达成') {
      score = round(Ratio.of(w));
    } else {
      findings.push({ code: 'score-missing', path: at('score'), message: `定性指标“${label}”没有得分（score），也没有评价为“达成”（rating: 达成）` });
    }
    if (ind.rating && ind.score) {
      const band = bandOf(ind.rating, w, rules);
      const s = Ratio.of(ind.score.value);
      const inside = s.gte(band.low) && (band.highInclusive ? s.lte(band.high) : s.lt(band.high));
      if (!inside) {
        findings.push({
          code: 'rating-band', path: at('score'),
          message: `指标“${label}”评价为“${ind.rating}”，得分应在 [${bound(band.low)}, ${bound(band.high)}${band.highInclusive ? ']' : ')'} 内，表中为 ${ind.score.text}`,
        });
      }
    }
  }

  if (score !== undefined && score.lt(w) && ind.deviation === '') {
    findings.push({
      code: 'deviation-missing', path: at('deviation'),
      message: `指标“${label}”扣分 ${plain(difference(w, score))}（得分 ${plain(score)} / 分值 ${plain(w)}），需填写偏差原因分析及改进措施`,
    });
  }
  return { ...base, weight: w, score, method, scoreCheck };
}

/** Target and actual as two quantities in one unit, when they are; otherwise undefined, with the finding that
 * says why an indicator whose target is a quantity cannot be scored by formula (it is then qualitative and its
 * stated score is used). These findings are reported with or without a rating (FORMAT.md §2, §7). */
function readQuantities(ind: Indicator, label: string, findings: RawFinding[]): { direction: Direction; A: Decimal; B: Decimal } | undefined {
  const target = parseQuantity(ind.target);
  if (!target) return undefined;
  const at = `${ind.path}/actual`;
  const actual = parseQuantity(ind.actual);
  if (!actual) {
    findings.push({
      code: 'actual-not-quantity', path: at,
      message: `指标“${label}”的年度指标值“${ind.target}”是数量，实际完成值${ind.actual === '' ? '却为空' : `“${ind.actual}”却不是`}：请写成数字加单位（如 ${plain(target.value)}${target.unit}），才能按公式核对得分；现按填报得分计`,
    });
    return undefined;
  }
  const aligned = alignUnits(target, actual);
  if (!aligned.ok) {
    findings.push({
      code: 'unit-mismatch', path: at,
      message: `指标“${label}”的年度指标值单位“${aligned.targetUnit || '无'}”与实际完成值单位“${aligned.actualUnit || '无'}”不一致，无法计算，按定性指标处理`,
    });
    return undefined;
  }
  // ≥90% against a bare 0.95: the actual is a fraction, not 0.95%. 0 is left out (0 and 0% read the same).
  if (target.unit === '%' && target.value.gt(1) && actual.unit === '' && actual.value.gt(0) && actual.value.lte(1)) {
    const percent = plain(Ratio.of(actual.value).times(100).toDecimal() as Decimal);
    findings.push({
      code: 'fraction-for-percent', path: at,
      message: `指标“${label}”的年度指标值为 ${ind.target}，实际完成值却写成小数 ${ind.actual}：若指 ${percent}%，请写成 ${percent}%；更正前按定性指标处理，取填报得分`,
    });
    return undefined;
  }
  return { direction: target.direction, A: aligned.target, B: aligned.actual };
}

/** FORMAT.md §3 formulas, exactly: nothing is rounded until the caller rounds the result once. */
function quantitativeScore(method: Method, A: Decimal, B: Decimal, w: Decimal, rules: Rules): Ratio {
  const [a, b, weight] = [Ratio.of(A), Ratio.of(B), Ratio.of(w)];
  const zero = Ratio.of(0);
  if (method === 'negative') {
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

function formula(method: Method, A: Decimal, B: Decimal, w: Decimal, rules: Rules): string {
  if (method === 'negative') {
    return rules.negative === 'linear'
      ? `反向指标按线性扣分：目标 ${plain(A)}，实际 ${plain(B)}，分值 ${plain(w)}`
      : `反向指标：${plain(w)} × min(${plain(A)} ÷ ${plain(B)}, 1)`;
  }
  return `${method === 'equal' ? '等值' : '正向'}指标：${plain(w)} × min(${plain(B)} ÷ ${plain(A)}, 1)`;
}

/** A rating's band of points, exactly: [achieved% of w, w], [partial%, achieved%), [0, partial%). */
function bandOf(rating: NonNullable<Indicator['rating']>, w: Decimal, rules: Rules) {
  const achieved = Ratio.of(w).times(rules.bands.achieved).div(100);
  const partial = Ratio.of(w).times(rules.bands.partial).div(100);
  if (rating === '达成') return { low: achieved, high: Ratio.of(w), highInclusive: true };
  if (rating === '部分达成') return { low: partial, high: achieved, highInclusive: false };
  return { low: Ratio.of(0), high: partial, highInclusive: false };
}

/** A band's bound as a message prints it: exact when it terminates (it always does for decimal w and bands). */
function bound(r: Ratio): string {
  return plain(r.toDecimal() ?? r.round(6, 'half-even'));
}

export function gradeOf(total: Decimal, rules: Rules): string {
  return rules.grades.find((g) => total.gte(g.min))?.grade ?? rules.grades[rules.grades.length - 1]?.grade ?? '';
}

function applySeverity(findings: RawFinding[], rules: Rules): RawFinding[] {
  return findings.flatMap((f) => {
    const override = rules.severity[f.code];
    if (override === 'off') return [];
    return [{ ...f, severity: override ?? f.severity }];
  });
}
