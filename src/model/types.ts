// The form model, the rules and the results: types only, shared by every layer.
import type { Decimal } from 'decimal.js';
import type { CheckCode } from './codes.js';

export type Severity = 'error' | 'warning';

/** One problem with a form, located in its YAML source. */
export interface Finding {
  code: CheckCode;
  severity: Severity;
  message: string;
  file: string;
  /** JSON pointer into the form, '' for the whole document. */
  path: string;
  /** 1-based line and column of the node (of its nearest existing parent when the node is missing). */
  line: number;
  column: number;
  /** Where in an imported document (.docx, .xlsx) the value was read, e.g. '表1 第14行 得分': a Word file has no
   * line numbers, so reporters show this in place of line:column. Absent for a YAML file. */
  place?: string;
}

/** A finding before it is placed in a file: the engine only knows the pointer. */
export type RawFinding = Omit<Finding, 'file' | 'line' | 'column' | 'severity'> & {
  severity?: Severity;
  /** Place it at the key rather than the value (an unknown key). */
  atKey?: boolean;
};

/** A number as the paper states it: its exact value and how many decimals it was written with. */
export interface Stated {
  value: Decimal;
  places: number;
  /** The text as written (e.g. "75.45%"). */
  text: string;
}

export type Level1 = 'output' | 'outcome' | 'satisfaction';
export type Level2 =
  | 'quantity'
  | 'quality'
  | 'timeliness'
  | 'cost'
  | 'economic'
  | 'social'
  | 'ecological'
  | 'sustainability'
  | 'beneficiary';
export type Rating = '达成' | '部分达成' | '未达成';
export type MoneyUnit = '万元' | '元';
export type FundsRowKey = 'total' | 'appropriation' | 'special_account' | 'own' | 'carryover' | 'other';
export type Method = 'positive' | 'negative' | 'equal' | 'qualitative' | 'deadline' | 'not-applicable';

export interface FundsRow {
  key: FundsRowKey;
  /** False when the row is absent or empty ({}), as 上年结转资金 often is. */
  present: boolean;
  initial?: Decimal;
  annual?: Decimal;
  executed?: Decimal;
  rate?: Stated;
}

export interface Indicator {
  /** JSON pointer, e.g. /indicators/output/quantity/0 */
  path: string;
  level1: Level1;
  level2: Level2;
  index: number;
  name?: string;
  target: string;
  actual: string;
  weight?: Decimal;
  score?: Stated;
  rating?: Rating;
  deviation: string;
  /** 指标性质 (§7 split columns) as written: 正向 反向 定性 等于, or a printed ≥ ≧ ≤ ≦ = ═ ﹦. */
  nature?: Nature;
  /** 度量单位 (§7 split columns): the unit of a target or actual written without one. */
  unit?: string;
  /** 评分标准 as written (FORMAT.md §7); recorded and printed, never scored. */
  methodText?: string;
  /** ★ 核心指标 (Anhui). */
  core?: boolean;
  /** 其中 sub-rows, printed under the indicator, never scored; names without the 其中 prefix. */
  parts?: IndicatorPart[];
}

export type Nature = '正向' | '反向' | '定性' | '等于' | '≥' | '≧' | '≤' | '≦' | '=' | '═' | '﹦';

/** One 其中 sub-row of an indicator (FORMAT.md §7). */
export interface IndicatorPart {
  name: string;
  target: string;
  actual: string;
}

/** How `render` draws the table (FORMAT.md §7): the seed's, or Sichuan's or Yunnan's columns and labels. */
export type Layout = 'central' | 'sichuan' | 'yunnan';

export interface Form {
  evalform: number;
  year: number;
  project: string;
  department: string;
  implementer: string;
  funds: {
    unit: MoneyUnit;
    weight?: Decimal;
    /** Every row of FUNDS_ROWS (absent ones not `present`); `total` is the stated total. */
    rows: Record<FundsRowKey, FundsRow>;
    score?: Stated;
    deviation: string;
    /** 评分标准 of the funds block as written (e.g. 20分*执行率); recorded, never used to score. */
    methodText?: string;
  };
  goals: { expected: string; actual: string };
  indicators: Indicator[];
  total?: Stated;
  grade?: string;
  signoff: { preparer: string; date: string; phone: string; head: string; financeHead?: string };
  note?: string;
  // FORMAT.md §7: header and footer fields of the provincial tables, carried for their layouts.
  /** 项目类别 / 项目属性. */
  category?: string;
  /** 项目负责人及电话. */
  manager?: { name: string; phone: string };
  /** 项目实施内容及过程概述. */
  overview?: string;
  /** 评价结论 / 存在问题 / 改进措施. */
  conclusion?: { summary: string; problems: string; measures: string };
  /** 其他需要说明事项. */
  remarks?: string;
  /** The form's `layout`, else the config's (set when the form is evaluated); absent means central. */
  layout?: Layout;
}

export type Rounding = 'half-up' | 'half-even' | 'down';

export interface Rules {
  preset: 'mof' | 'sichuan';
  /** `indicators` (FORMAT.md §7, 10 + 90): the indicators' points together, with no fixed split among the 一级指标;
   * when set, output / outcome / satisfaction are not checked. */
  weights: { funds: Decimal; output: Decimal; outcome: Decimal; satisfaction: Decimal; indicators?: Decimal };
  places: number;
  rate_places: number;
  rounding: Rounding;
  negative: 'ratio' | 'linear';
  /** Percent of the weight where 达成 / 部分达成 begin. */
  bands: { achieved: Decimal; partial: Decimal };
  overachievement: Decimal;
  explain_rate_below: Decimal;
  rate_caps: { below: Decimal; max_total: Decimal }[];
  /** Sorted by min, highest first. */
  grades: { min: Decimal; grade: string }[];
  severity: Partial<Record<CheckCode, Severity | 'off'>>;
}

/** A stated value beside the computed one. */
export interface Checked {
  stated: Stated;
  agrees: boolean;
}

export interface FundsRowResult extends FundsRow {
  label: string;
  /** 执行率 in percent, B ÷ A × 100 (may exceed 100): exact when it terminates, else to 30 decimals, for display
   * only; undefined when there is no budget. Rounded values and every decision come from the exact quotient. */
  computedRate?: Decimal;
  /** 执行率 in percent rounded once from the exact quotient to rules.rate_places by rules.rounding: the rate to show. */
  rateRounded?: Decimal;
  rateCheck?: Checked;
  /** For the total row: was it computed from the rows under it? */
  computed?: boolean;
  /** For a stated total: columns whose stated value is not the sum of the rows. */
  columnMismatch?: Partial<Record<'initial' | 'annual' | 'executed', Decimal>>;
}

export interface FundsResult {
  unit: MoneyUnit;
  weight: Decimal;
  /** total, appropriation, (special_account, own: only when given), carryover, other: the table's row order. */
  rows: FundsRowResult[];
  /** 执行率 in percent as computedRate of the total row (capped at 100 for scoring, not here). */
  rate?: Decimal;
  /** 执行率 in percent rounded once, exactly, to rules.rate_places by rules.rounding. */
  rateRounded?: Decimal;
  /** The column every rate is taken on: 全年预算数 (absent), or 年初预算数 when no row has a 全年预算数 (FORMAT.md §7). */
  budgetColumn?: 'annual' | 'initial';
  /** Funds points, rounded to rules.places. */
  score: Decimal;
  scoreCheck?: Checked;
  deviation: string;
}

export interface IndicatorResult {
  path: string;
  level1: Level1;
  level2: Level2;
  level1Label: string;
  level2Label: string;
  /** The 三级指标 shown: name, or the 二级 label when there is none (as in the seed). */
  name: string;
  target: string;
  actual: string;
  weight: Decimal;
  /** Rounded to rules.places; undefined for a qualitative indicator without a usable score. */
  score?: Decimal;
  method: Method;
  scoreCheck?: Checked;
  rating?: Rating;
  deviation: string;
  /** ★ 核心指标 (FORMAT.md §7). */
  core?: boolean;
}

export interface ScoreResult {
  file: string;
  form: Form;
  rules: Rules;
  funds: FundsResult;
  indicators: IndicatorResult[];
  /** Sum of all weights (should be 100). */
  weightTotal: Decimal;
  /** Each 一级指标's weight: the sum of its indicators' weights as written. */
  levelWeights: Record<Level1, Decimal>;
  /** 总分: exact sum of the rounded components, after rate caps. */
  total: Decimal;
  /** The cap applied, if any. */
  cap?: Decimal;
  totalCheck?: Checked;
  grade: string;
  gradeCheck?: { stated: string; agrees: boolean };
}

/** What evalform makes of one file: its findings, and the scores when the form could be read. */
export interface Evaluation {
  file: string;
  findings: Finding[];
  /** Absent when the file is not valid YAML or breaks the schema. */
  result?: ScoreResult;
  /** What could be read of a form that could not be scored, for reports. */
  meta?: { year?: number; project?: string };
}
