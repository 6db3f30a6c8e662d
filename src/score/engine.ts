// The scoring engine of FORMAT.md §3: 执行率, every component's points, the total, the grade, and the checks of §5.
import { Decimal } from 'decimal.js';
import { FUNDS_ROWS, LEVEL1, LEVEL1_LABEL, LEVEL2_LABEL } from '../model/labels.js';
import type {
  Checked, Form, FundsResult, FundsRow, FundsRowResult, Indicator, IndicatorResult, Method, RawFinding, Rules, ScoreResult, Stated,
} from '../model/types.js';
import { agrees, fixed, plain, roundTo } from './number.js';
import { alignUnits, isNotApplicable, parseQuantity } from './quantity.js';

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);
const COLUMNS = ['initial', 'annual', 'executed'] as const;
const COLUMN_LABEL = { initial: '年初预算数', annual: '全年预算数', executed: '全年执行数' } as const;

export function scoreForm(form: Form, rules: Rules, file: string): { result: ScoreResult; findings: RawFinding[] } {
  const findings: RawFinding[] = [];
  const round = (d: Decimal) => roundTo(d, rules.places, rules.rounding);
  const check = (computed: Decimal, stated: Stated | undefined): Checked | undefined =>
    stated && { stated, agrees: agrees(computed, stated) };

  const funds = scoreFunds(form, rules, round, check, findings);
  const indicators = form.indicators.map((ind) => scoreIndicator(ind, rules, round, check, findings));

  // Weights: the table must add up to 100, and each 一级 should carry its rules.weights share.
  const weightTotal = indicators.reduce((sum, i) => sum.plus(i.weight), funds.weight);
  if (!weightTotal.eq(HUNDRED)) {
    findings.push({
      code: 'weights-sum', path: '/indicators', atKey: true,
      message: `分值合计 ${plain(weightTotal)}（预算执行率 ${plain(funds.weight)} + 绩效指标 ${plain(weightTotal.minus(funds.weight))}），应为 100`,
    });
  }
  if (form.funds.weight && !form.funds.weight.eq(rules.weights.funds)) {
    findings.push({ code: 'level-weights', path: '/funds/weight', message: `预算执行率分值为 ${plain(form.funds.weight)}，规则规定 ${plain(rules.weights.funds)}` });
  }
  const levelWeights = { output: ZERO, outcome: ZERO, satisfaction: ZERO };
  for (const i of indicators) levelWeights[i.level1] = levelWeights[i.level1].plus(i.weight);
  for (const level of LEVEL1) {
    const sum = levelWeights[level.key];
    const expected = rules.weights[level.key];
    if (!sum.eq(expected)) {
      findings.push({ code: 'level-weights', path: `/indicators/${level.key}`, atKey: true, message: `${level.label}分值合计 ${plain(sum)}，规则规定 ${plain(expected)}` });
    }
  }

  // 总分: the exact sum of the rounded components, then the lowest rate cap that applies.
  let total = indicators.reduce((sum, i) => sum.plus(i.score ?? ZERO), funds.score);
  let cap: Decimal | undefined;
  if (funds.rate !== undefined) {
    for (const c of rules.rate_caps) {
      if (funds.rate.lt(c.below) && (cap === undefined || c.max_total.lt(cap))) cap = c.max_total;
    }
  }
  if (cap !== undefined && total.gt(cap)) total = cap;
  else cap = undefined;

  const totalCheck = check(total, form.total);
  if (totalCheck && !totalCheck.agrees) {
    findings.push({
      code: 'total-mismatch', path: '/total',
      message: `总分应为 ${fixed(total, Math.max(rules.places, form.total?.places ?? 0))}${cap ? `（执行率低于封顶线，封顶 ${plain(cap)}）` : '（各项得分之和）'}，表中为 ${form.total?.text}`,
    });
  }
  const grade = gradeOf(total, rules);
  let gradeCheck: ScoreResult['gradeCheck'];
  if (form.grade !== undefined && form.grade !== '') {
    gradeCheck = { stated: form.grade, agrees: form.grade === grade };
    if (!gradeCheck.agrees) {
      findings.push({ code: 'grade-mismatch', path: '/grade', message: `等级应为“${grade}”（总分 ${fixed(total, rules.places)}），表中为“${form.grade}”` });
    }
  }

  const result: ScoreResult = { file, form, rules, funds, indicators, weightTotal, levelWeights, total, cap, totalCheck, grade, gradeCheck };
  return { result, findings: applySeverity(findings, rules) };
}

type Round = (d: Decimal) => Decimal;
type Check = (computed: Decimal, stated: Stated | undefined) => Checked | undefined;

function scoreFunds(form: Form, rules: Rules, round: Round, check: Check, findings: RawFinding[]): FundsResult {
  const { rows } = form.funds;
  const weight = form.funds.weight ?? rules.weights.funds;
  const parts = [rows.appropriation, rows.carryover, rows.other].filter((r) => r.present);

  // The total row is the sum of the rows under it whenever any is given; a stated total is then only checked.
  let total: FundsRow = rows.total;
  const computedTotal = parts.length > 0;
  const columnMismatch: FundsRowResult['columnMismatch'] = {};
  if (computedTotal) {
    const sum = (col: (typeof COLUMNS)[number]) =>
      parts.some((r) => r[col] !== undefined) ? parts.reduce((s, r) => s.plus(r[col] ?? ZERO), ZERO) : undefined;
    total = { key: 'total', present: true, initial: sum('initial'), annual: sum('annual'), executed: sum('executed'), rate: rows.total.rate };
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

  const rowRate = (r: FundsRow): Decimal | undefined =>
    r.annual !== undefined && !r.annual.isZero() ? (r.executed ?? ZERO).div(r.annual).times(HUNDRED) : undefined;

  const resultRows: FundsRowResult[] = FUNDS_ROWS.map(({ key, label }) => {
    const r = key === 'total' ? total : rows[key];
    const computedRate = r.present ? rowRate(r) : undefined;
    const rateCheck = computedRate !== undefined ? check(computedRate, r.rate) : undefined;
    if (rateCheck && !rateCheck.agrees && computedRate) {
      findings.push({
        code: 'rate-mismatch', path: `/funds/${key}/rate`,
        message: `${label.replace('其中：', '')}执行率应为 ${fixed(computedRate, Math.max(rules.rate_places, r.rate?.places ?? 0))}%（${plain(r.executed ?? ZERO)} ÷ ${plain(r.annual ?? ZERO)}），表中为 ${r.rate?.text}`,
      });
    }
    // A row written by the user that overspends; a computed total only overspends if a row does.
    if (r.present && (key !== 'total' || !computedTotal) && r.annual !== undefined && r.executed !== undefined && r.executed.gt(r.annual) && !r.annual.isZero()) {
      findings.push({
        code: 'overspend', path: `/funds/${key}/executed`,
        message: `${label.replace('其中：', '')}全年执行数 ${plain(r.executed)} 超过全年预算数 ${plain(r.annual)}，执行率按 100% 计`,
      });
    }
    return {
      ...r, label, computedRate, rateCheck,
      ...(key === 'total' ? { computed: computedTotal, columnMismatch } : {}),
    };
  });

  const rate = rowRate(total);
  const spent = total.executed !== undefined && total.executed.gt(0);
  // §3: A = 0 gives no points with a finding; a blank budget is only a fault once money was spent.
  if (rate === undefined && (spent || total.annual !== undefined)) {
    const row = parts.find((r) => r.annual === undefined || r.annual.isZero())?.key ?? (computedTotal ? parts[0]?.key : 'total');
    findings.push({
      code: 'zero-budget', path: `/funds/${row ?? 'total'}/annual`,
      message: spent
        ? `全年预算数为 ${total.annual === undefined ? '空' : '0'}，但全年执行数为 ${plain(total.executed ?? ZERO)}：无法计算执行率，预算执行不得分`
        : `全年预算数为 ${total.annual === undefined ? '空' : '0'}：无法计算执行率，预算执行不得分`,
    });
  }
  const score = rate === undefined ? ZERO : round(weight.times(Decimal.min(rate.div(HUNDRED), 1)));
  const scoreCheck = check(score, form.funds.score);
  if (form.funds.score && form.funds.score.value.gt(weight)) {
    findings.push({ code: 'score-exceeds-weight', path: '/funds/score', message: `预算执行得分 ${form.funds.score.text} 超过分值 ${plain(weight)}` });
  } else if (scoreCheck && !scoreCheck.agrees) {
    findings.push({
      code: 'funds-score-mismatch', path: '/funds/score',
      message: `预算执行得分应为 ${fixed(score, Math.max(rules.places, form.funds.score?.places ?? 0))}（${plain(weight)} × ${rate ? fixed(Decimal.min(rate, HUNDRED), rules.rate_places) : 0}%），表中为 ${form.funds.score?.text}`,
    });
  }
  if (rate !== undefined && rate.lt(rules.explain_rate_below) && form.funds.deviation === '') {
    findings.push({
      code: 'rate-explanation-missing', path: '/funds/deviation',
      message: `执行率 ${fixed(rate, rules.rate_places)}% 低于 ${plain(rules.explain_rate_below)}%，需在 funds.deviation 中说明原因`,
    });
  }
  return {
    unit: form.funds.unit, weight, rows: resultRows, rate,
    rateRounded: rate === undefined ? undefined : roundTo(rate, rules.rate_places, 'half-up'),
    score, scoreCheck, deviation: form.funds.deviation,
  };
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
  let exact: Decimal | undefined;
  const target = parseQuantity(ind.target);
  const actual = parseQuantity(ind.actual);
  if (target && actual && ind.rating === undefined) {
    const aligned = alignUnits(target, actual);
    if (!aligned.ok) {
      findings.push({
        code: 'unit-mismatch', path: at('actual'),
        message: `指标“${label}”的年度指标值单位“${aligned.targetUnit || '无'}”与实际完成值单位“${aligned.actualUnit || '无'}”不一致，无法计算，按定性指标处理`,
      });
    } else {
      method = target.direction;
      const [A, B] = [aligned.target, aligned.actual];
      exact = quantitativeScore(method, A, B, w, rules);
      score = round(exact);
      scoreCheck = check(score, ind.score);
      if (scoreCheck && !scoreCheck.agrees && !ind.score!.value.gt(w)) {
        findings.push({
          code: 'score-mismatch', path: at('score'),
          message: `指标“${label}”得分应为 ${fixed(score, Math.max(rules.places, ind.score!.places))}（${formula(method, A, B, w, rules)}），表中为 ${ind.score!.text}`,
        });
      }
      if (method !== 'negative' && A.gt(0) && B.gte(A.times(rules.overachievement).div(HUNDRED)) && ind.deviation === '') {
        findings.push({
          code: 'overachievement', path: at('deviation'),
          message: `指标“${label}”实际完成 ${plain(B)} 达到目标 ${plain(A)} 的 ${fixed(B.div(A).times(HUNDRED), 0)}%（≥ ${plain(rules.overachievement)}%），需说明超额原因`,
        });
      }
    }
  }

  if (method === 'qualitative') {
    if (ind.score) {
      // A score stated above its weight is flagged (score-exceeds-weight) and counted at the weight.
      score = round(Decimal.min(ind.score.value, w));
    } else if (ind.rating === '达成') {
      score = round(w);
    } else {
      findings.push({ code: 'score-missing', path: at('score'), message: `定性指标“${label}”没有得分（score），也没有评价为“达成”（rating: 达成）` });
    }
    if (ind.rating && ind.score) {
      const band = bandOf(ind.rating, w, rules);
      const s = ind.score.value;
      const inside = s.gte(band.low) && (band.highInclusive ? s.lte(band.high) : s.lt(band.high));
      if (!inside) {
        findings.push({
          code: 'rating-band', path: at('score'),
          message: `指标“${label}”评价为“${ind.rating}”，得分应在 [${plain(band.low)}, ${plain(band.high)}${band.highInclusive ? ']' : ')'} 内，表中为 ${ind.score.text}`,
        });
      }
    }
  }

  if (score !== undefined && score.lt(w) && ind.deviation === '') {
    findings.push({
      code: 'deviation-missing', path: at('deviation'),
      message: `指标“${label}”扣分 ${plain(w.minus(score))}（得分 ${plain(score)} / 分值 ${plain(w)}），需填写偏差原因分析及改进措施`,
    });
  }
  return { ...base, weight: w, score, method, scoreCheck };
}

/** FORMAT.md §3 formulas at full precision. */
function quantitativeScore(method: Method, A: Decimal, B: Decimal, w: Decimal, rules: Rules): Decimal {
  if (method === 'negative') {
    if (rules.negative === 'linear') {
      if (B.lte(A)) return w;
      if (A.lte(0) || B.gte(A.times(2))) return ZERO;
      return w.times(new Decimal(1).minus(B.minus(A).div(A)));
    }
    if (B.lte(0)) return w;
    return clamp(w.times(Decimal.min(A.div(B), 1)));
  }
  if (A.isZero()) return w;
  return clamp(w.times(Decimal.min(B.div(A), 1)));
}

function clamp(d: Decimal): Decimal {
  return Decimal.max(d, 0);
}

function formula(method: Method, A: Decimal, B: Decimal, w: Decimal, rules: Rules): string {
  if (method === 'negative') {
    return rules.negative === 'linear'
      ? `反向指标按线性扣分：目标 ${plain(A)}，实际 ${plain(B)}，分值 ${plain(w)}`
      : `反向指标：${plain(w)} × min(${plain(A)} ÷ ${plain(B)}, 1)`;
  }
  return `${method === 'equal' ? '等值' : '正向'}指标：${plain(w)} × min(${plain(B)} ÷ ${plain(A)}, 1)`;
}

function bandOf(rating: NonNullable<Indicator['rating']>, w: Decimal, rules: Rules) {
  const achieved = w.times(rules.bands.achieved).div(HUNDRED);
  const partial = w.times(rules.bands.partial).div(HUNDRED);
  if (rating === '达成') return { low: achieved, high: w, highInclusive: true };
  if (rating === '部分达成') return { low: partial, high: achieved, highInclusive: false };
  return { low: ZERO, high: partial, highInclusive: false };
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
