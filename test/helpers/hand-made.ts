// Evaluations built by hand, so the reporters are tested without the engine.
import { Decimal } from 'decimal.js';
import type { CheckCode } from '../../src/model/codes.js';
import type {
  Evaluation,
  Finding,
  FundsRowResult,
  IndicatorResult,
  MoneyUnit,
  Rules,
  ScoreResult,
  Severity,
} from '../../src/model/types.js';
import { Ratio } from '../../src/score/exact.js';

const d = (s: string | number): Decimal => new Decimal(String(s));

export const RULES: Rules = {
  preset: 'mof',
  weights: { funds: d(10), output: d(50), outcome: d(30), satisfaction: d(10) },
  places: 2,
  rate_places: 2,
  rounding: 'half-up',
  negative: 'ratio',
  bands: { achieved: d(80), partial: d(60) },
  overachievement: d(130),
  explain_rate_below: d(90),
  rate_caps: [],
  grades: [
    { min: d(90), grade: '优' },
    { min: d(80), grade: '良' },
    { min: d(60), grade: '中' },
    { min: d(0), grade: '差' },
  ],
  severity: {},
};

export function finding(file: string, code: CheckCode, line: number, column: number, message: string, severity?: Severity): Finding {
  const defaults: Partial<Record<CheckCode, Severity>> = {
    'deviation-missing': 'warning',
    'rate-explanation-missing': 'warning',
    overspend: 'warning',
    overachievement: 'warning',
    'level-weights': 'warning',
  };
  return { code, severity: severity ?? defaults[code] ?? 'error', message, file, path: '/total', line, column };
}

function indicator(path: string, weight: string, score: string | undefined, method: IndicatorResult['method']): IndicatorResult {
  return {
    path,
    level1: 'output',
    level2: 'quantity',
    level1Label: '产出指标',
    level2Label: '数量指标',
    name: '信访总量下降',
    target: '≥25%',
    actual: '27%',
    weight: d(weight),
    score: score === undefined ? undefined : d(score),
    method,
    deviation: '',
  };
}

/** A scored form: `total` and `grade` as given, `rate` the exact 执行率 in percent; `money` the 年度资金总额 row's
 * 全年预算数 and 全年执行数 (the rate, when not given, is then executed ÷ budget, exactly). */
export function scored(
  file: string,
  opts: {
    project: string;
    year?: number;
    total: string;
    grade: string;
    rate?: string;
    money?: { unit?: MoneyUnit; budget: string; executed: string };
    findings?: Finding[];
  },
): Evaluation {
  const money = opts.money;
  const unit = money?.unit ?? '万元';
  const rate =
    opts.rate !== undefined ? d(opts.rate) : money && Ratio.of(d(money.executed)).div(d(money.budget)).times(100).round(30, 'half-up');
  const rows: FundsRowResult[] = money
    ? [{ key: 'total', label: '年度资金总额', present: true, annual: d(money.budget), executed: d(money.executed), computed: false }]
    : [];
  const result: ScoreResult = {
    file,
    form: {
      evalform: 1,
      year: opts.year ?? 2022,
      project: opts.project,
      department: '湖南省信访局',
      implementer: '湖南省信访局本级',
      funds: { unit, weight: d(10), rows: {} as ScoreResult['form']['funds']['rows'], deviation: '' },
      goals: { expected: '', actual: '' },
      indicators: [],
      signoff: { preparer: '', date: '', phone: '', head: '' },
    },
    rules: RULES,
    funds: {
      unit,
      weight: d(10),
      rows,
      rate,
      rateRounded: rate?.toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
      score: d('7.42'),
      deviation: '',
    },
    indicators: [
      indicator('/indicators/output/quantity/0', '10', '10', 'positive'),
      indicator('/indicators/output/quantity/1', '0', undefined, 'not-applicable'),
      indicator('/indicators/output/quantity/2', '80', '80.00', 'qualitative'),
    ],
    weightTotal: d(100),
    levelWeights: { output: d(90), outcome: d(0), satisfaction: d(0) },
    total: d(opts.total),
    grade: opts.grade,
  };
  return { file, findings: opts.findings ?? [], result };
}

/** A file that could not be scored (invalid YAML). */
export function broken(file: string, message = 'bad indentation of a mapping entry'): Evaluation {
  return { file, findings: [finding(file, 'yaml-syntax', 3, 5, message)] };
}
