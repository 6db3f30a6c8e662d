// An independent scorer for the differential test, written from FORMAT.md (rev. 1.1) §1–§4 alone.
// It never imports src/: exact rationals (./rational.ts), the `yaml` package's Document API for the
// numbers' source text, and a deliberately small quantity grammar (below). A text outside that grammar
// throws, so the oracle never guesses what the spec leaves to the engine.
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { foldWidth, parseDecimal, R, Rational, type Rounding } from './rational.js';

// ---------------------------------------------------------------------------------------------
// Rules (FORMAT.md §4), defaults merged with the form's own `rules:`.

export interface OracleRules {
  weights: { funds: Rational; output: Rational; outcome: Rational; satisfaction: Rational };
  places: number;
  rate_places: number;
  rounding: Rounding;
  negative: 'ratio' | 'linear';
  rate_caps: { below: Rational; max_total: Rational }[];
  /** Percent of w where 达成 / 部分达成 begin. */
  bands: { achieved: Rational; partial: Rational };
  explain_rate_below: Rational;
  /** In the order written; the generator writes them highest min first (see `gradeOf`). */
  grades: { min: Rational; grade: string }[];
}

export function defaultRules(): OracleRules {
  return {
    weights: { funds: R(10), output: R(50), outcome: R(30), satisfaction: R(10) },
    places: 2,
    rate_places: 2,
    rounding: 'half-up',
    negative: 'ratio',
    rate_caps: [],
    bands: { achieved: R(80), partial: R(60) },
    explain_rate_below: R(90),
    grades: [
      { min: R(90), grade: '优' },
      { min: R(80), grade: '良' },
      { min: R(60), grade: '中' },
      { min: R(0), grade: '差' },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Quantities (FORMAT.md §2), the subset the generator writes.
//
//   quantity := prefix? number unit? suffix?
//   prefix   := ≥ | >= | 不低于 | 不少于 | >          (positive)
//             | ≤ | <= | 不超过 | 不高于 | 控制在 | <  (negative)
//             | = | 等于                             (equal)
//   suffix   := 以上 (positive) | 以下 | 以内 (negative)
//               with a prefix only when they agree, or after an equal prefix (1.1: the suffix gives the direction)
//   number   := digits with optional "," thousands groups, optional ".digits"
//   unit     := % | ％ (one unit) | 元 | 万元 (1 万元 = 10000 元) | 个 | 次 | 人 | 天 | 处 | 座 | 公里 (exact) | (none)
//
// The not-applicable marks are `/`, `—`, `-`, `不适用`. Any other text is read by `readText`: a text
// that cannot have the shape "comparison? number unit?" of FORMAT.md §2 at all is prose (settled: not a
// quantity); a text that has that shape must be in the grammar above, or the oracle throws.

export type Direction = 'positive' | 'negative' | 'equal';
/** '%', '元', '万元', an exact-match unit (个, 次, …) or '' for none. */
export type Unit = string;

export interface Quantity {
  /** From the comparison written; `equal` when there is none. */
  direction: Direction;
  value: Rational;
  unit: Unit;
}

const PREFIXES: [string, Direction][] = [
  ['>=', 'positive'],
  ['<=', 'negative'],
  ['≥', 'positive'],
  ['≤', 'negative'],
  ['不低于', 'positive'],
  ['不少于', 'positive'],
  ['不超过', 'negative'],
  ['不高于', 'negative'],
  ['控制在', 'negative'],
  ['等于', 'equal'],
  ['>', 'positive'],
  ['<', 'negative'],
  ['=', 'equal'],
];
const SUFFIXES: [string, Direction][] = [
  ['以上', 'positive'],
  ['以下', 'negative'],
  ['以内', 'negative'],
];
const UNITS: [string, Unit][] = [
  ['万元', '万元'],
  ['元', '元'],
  ['%', '%'],
  ['％', '%'],
  ['个', '个'],
  ['次', '次'],
  ['人', '人'],
  ['天', '天'],
  ['处', '处'],
  ['座', '座'],
  ['公里', '公里'],
];

export const NOT_APPLICABLE = ['/', '—', '-', '不适用'] as const;

/** Texts that are plainly not quantities (no digits, no date words): qualitative targets and actuals. */
/** Prose that says a number without being a quantity (§2 1.1: 平均36天, 完成126处). */
export const PROSE_WITH_NUMBER = ['完成126处', '平均36天', '实际完成约95%', '累计培训1200人次左右'] as const;

export const PROSE = [
  '完成年度任务',
  '按计划推进',
  '已完成',
  '基本完成',
  '部分完成',
  '群众满意度明显提升',
  '工作机制进一步健全',
  '有效提升服务水平',
  '达到预期效果',
  '效果不明显',
  '完成全年工作任务',
  '较上年有所提高',
] as const;

/** Every comparison FORMAT.md §2 (with 1.1) lists, longest first: used only to tell prose from quantities. */
const ALL_COMPARISONS = [
  '>=',
  '＞＝',
  '不低于',
  '不少于',
  '至少',
  '达到',
  '高于',
  '超过',
  '<=',
  '＜＝',
  '不高于',
  '不超过',
  '不多于',
  '控制在',
  '低于',
  '等于',
  '大于等于',
  '不小于',
  '小于等于',
  '不大于',
  '大于',
  '小于',
  '≥',
  '>',
  '≤',
  '<',
  '=',
  '＝',
  '﹦',
  '═',
  '≧',
  '≦',
].sort((a, b) => b.length - a.length);

/** Looks like a point in time (§2 1.1 Dates): `9月前`, `2023年12月底前`, `第三季度`, `年底前`, `2023年`. */
const DATE_LIKE = /月|季度|年底|年末|^\d{4}年$/;

export type TextKind = { kind: 'quantity'; q: Quantity } | { kind: 'prose' } | { kind: 'date' };

/** What a target or actual is (§2). Throws for a quantity-shaped text outside the oracle's grammar. */
export function readText(text: string): TextKind {
  const raw = text.trim();
  if (DATE_LIKE.test(raw)) return { kind: 'date' };
  if ((PROSE as readonly string[]).includes(raw)) return { kind: 'prose' };
  // Sentence punctuation, or no digit at all: a sentence, never "comparison number unit".
  const unseparated = raw.replace(/([0-9０-９])，(?=[0-9０-９]{3})/g, '$1,'); // a full-width thousands separator is not punctuation
  if (/[，。；、：！？;]/.test(unseparated) || !/[0-9０-９]/.test(raw)) return { kind: 'prose' };
  const s = foldWidth(raw);
  const prefix = ALL_COMPARISONS.find((c) => s.startsWith(c)) ?? '';
  const rest = s.slice(prefix.length);
  const m = /^[0-9][0-9,]*(?:\.[0-9]+)?/.exec(rest);
  // A sign, a leading point or words before the number; digits or a point after it (`1e2`, `1.2.3`, `2022年度…1234.22万元`).
  if (!m || /[0-9.]/.test(rest.slice(m[0].length))) return { kind: 'prose' };
  const q = parseQuantity(raw);
  if (!q) throw new Error(`oracle: ${JSON.stringify(text)} is outside the oracle's quantity grammar`);
  return { kind: 'quantity', q };
}

/** The quantity a text names in the grammar above; throws on anything outside it. */
export function parseQuantity(text: string): Quantity | undefined {
  const s = foldWidth(text.trim());
  let rest = s;
  let direction: Direction | undefined;
  for (const [p, d] of PREFIXES) {
    if (rest.startsWith(p)) {
      direction = d;
      rest = rest.slice(p.length);
      break;
    }
  }
  for (const [x, d] of SUFFIXES) {
    if (rest.endsWith(x)) {
      if (direction !== undefined && direction !== 'equal' && direction !== d) {
        throw new Error(`oracle: prefix and suffix contradict in ${JSON.stringify(text)} (not a quantity; not generated)`);
      }
      direction = d;
      rest = rest.slice(0, -x.length);
      break;
    }
  }
  let unit: Unit = '';
  for (const [u, n] of UNITS) {
    if (rest.endsWith(u)) {
      unit = n;
      rest = rest.slice(0, -u.length);
      break;
    }
  }
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(rest)) {
    throw new Error(`oracle: ${JSON.stringify(text)} is outside the oracle's quantity grammar`);
  }
  const d = parseDecimal(rest);
  if (!d) throw new Error(`oracle: bad number in ${JSON.stringify(text)}`);
  return { direction: direction ?? 'equal', value: d.value, unit };
}

/** Both sides in one unit (§2: 万元 = 10000 元; a missing unit takes the other side's), or undefined when incompatible. */
export function align(t: Quantity, a: Quantity): { A: Rational; B: Rational } | undefined {
  const money = (u: Unit): boolean => u === '元' || u === '万元';
  const inYuan = (q: Quantity): Rational => (q.unit === '万元' ? q.value.mul(R(10000)) : q.value);
  if (t.unit === '' || a.unit === '' || t.unit === a.unit) return { A: t.value, B: a.value };
  if (money(t.unit) && money(a.unit)) return { A: inYuan(t), B: inYuan(a) };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Results.

export type Method = 'positive' | 'negative' | 'equal' | 'qualitative' | 'not-applicable';
export type RowKey = 'appropriation' | 'carryover' | 'other' | 'total';
export const SUB_ROWS = ['appropriation', 'carryover', 'other'] as const;

/** A check's expected outcome: reported, not reported, or left open by the spec (not compared). */
export type Expect = boolean | 'unsettled';

export interface RowResult {
  key: RowKey;
  present: boolean;
  initial?: Rational;
  annual?: Rational;
  executed?: Rational;
  /** 执行率 in percent, exact; undefined when 全年预算数 is 0 or missing. */
  rate?: Rational;
  /** Rounded at rules.rate_places with rules.rounding. */
  rateRounded?: Rational;
}

export interface IndicatorOracle {
  path: string;
  method: Method;
  weight: Rational;
  /** Unrounded score, for messages. */
  exact?: Rational;
  /** The component's points, rounded at rules.places; undefined when unscored (adds 0). */
  score?: Rational;
  /** Not applicable or unscored: the engine may print null or 0 (FORMAT.md does not say which). */
  noPoints: boolean;
  /** Quantitative: target and actual in one unit. */
  A?: Rational;
  B?: Rational;
}

/** A stated value checked for agreement: the exact computed value and the places it is rounded to for display. */
export interface AgreementCheck {
  exact: Rational;
  stated: Num;
  /** rules.places (scores) or rules.rate_places (rates). */
  places: number;
}

export interface OracleResult {
  rules: OracleRules;
  funds: {
    weight: Rational;
    rows: Record<RowKey, RowResult>;
    /** The rows written with amounts (the total included when stated). */
    given: RowKey[];
    /** 年度资金总额's 执行率 (percent, exact) and rounded; undefined when its budget is 0. */
    rate?: Rational;
    rateRounded?: Rational;
    exact: Rational;
    score: Rational;
  };
  indicators: IndicatorOracle[];
  /** Sum of the rounded components, before any cap. */
  sum: Rational;
  cap?: Rational;
  total: Rational;
  grade: string;
  /** The 等级 as stated, if any. */
  statedGrade?: string;
  /** `code path` → expected (see normaliseFindingKey). */
  findings: Map<string, Expect>;
  /** The agreement checks behind the `*-mismatch` findings, by the same key. */
  checks: Map<string, AgreementCheck>;
  /** Inputs whose result FORMAT.md does not settle; the generator rejects such forms. */
  unsettled: string[];
}

// ---------------------------------------------------------------------------------------------
// Reading numbers from the YAML source text.

type Path = (string | number)[];

function scalarAt(doc: Document, path: Path): { value: unknown; source?: string } | undefined {
  const n = doc.getIn(path, true);
  if (n === undefined || n === null) return undefined;
  if (!isScalar(n)) return { value: n };
  return { value: n.value, source: n.source };
}

export interface Num {
  value: Rational;
  places: number;
}

/** A YAML number (read from its source) or, when `strings` allow, a decimal string. */
function numberAt(doc: Document, path: Path, strings: boolean, unsettled: string[]): Num | undefined {
  const s = scalarAt(doc, path);
  if (!s || s.value === null || s.value === undefined) return undefined;
  let text: string | undefined;
  if (typeof s.value === 'number') text = s.source;
  else if (typeof s.value === 'string' && strings) text = s.value;
  const d = text === undefined ? undefined : parseDecimal(text);
  if (!d || d.percent) {
    unsettled.push(`${`/${path.join('/')}`}: not a number the oracle reads (${JSON.stringify(s.source ?? s.value)})`);
    return undefined;
  }
  return { value: d.value, places: d.places };
}

/** A stated 执行率: "75.45%" or a YAML number (75.45 means 75.45%). Value in percent. */
function rateAt(doc: Document, path: Path, unsettled: string[]): Num | undefined {
  const s = scalarAt(doc, path);
  if (!s || s.value === null || s.value === undefined) return undefined;
  const text = typeof s.value === 'number' ? s.source : typeof s.value === 'string' ? s.value : undefined;
  const d = text === undefined ? undefined : parseDecimal(text);
  if (!d || (typeof s.value === 'string' && !d.percent)) {
    unsettled.push(`/${path.join('/')}: not a rate the oracle reads`);
    return undefined;
  }
  return { value: d.value, places: d.places };
}

function readRules(doc: Document, unsettled: string[]): OracleRules {
  const r = defaultRules();
  const node = doc.getIn(['rules'], true);
  if (node === undefined || node === null) return r;
  if (!isMap(node)) {
    unsettled.push('rules is not a mapping');
    return r;
  }
  const known = new Set([
    'places',
    'rate_places',
    'rounding',
    'negative',
    'rate_caps',
    'grades',
    'weights',
    'bands',
    'overachievement',
    'explain_rate_below',
  ]);
  for (const item of node.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '?';
    if (!known.has(key)) unsettled.push(`rules.${key} is not modelled by the oracle`);
  }
  const int = (k: string): number | undefined => {
    const n = numberAt(doc, ['rules', k], false, unsettled);
    if (!n) return undefined;
    if (n.places !== 0) unsettled.push(`rules.${k} not an integer`);
    return Number(n.value.num);
  };
  r.places = int('places') ?? r.places;
  r.rate_places = int('rate_places') ?? r.rate_places;
  const rounding = doc.getIn(['rules', 'rounding']);
  if (rounding !== undefined) r.rounding = rounding as Rounding;
  const negative = doc.getIn(['rules', 'negative']);
  if (negative !== undefined) r.negative = negative as 'ratio' | 'linear';
  const weights = doc.getIn(['rules', 'weights'], true);
  if (isMap(weights)) {
    // The oracle only needs weights.funds (the default funds weight); the generator always writes all four.
    for (const k of ['funds', 'output', 'outcome', 'satisfaction'] as const) {
      const n = numberAt(doc, ['rules', 'weights', k], false, unsettled);
      if (n) r.weights[k] = n.value;
      else unsettled.push(`rules.weights.${k} missing: merging a partial weights map is not modelled`);
    }
  }
  if (isMap(doc.getIn(['rules', 'bands'], true))) {
    for (const k of ['achieved', 'partial'] as const) {
      const n = numberAt(doc, ['rules', 'bands', k], false, unsettled);
      if (n) r.bands[k] = n.value;
      else unsettled.push(`rules.bands.${k} missing: merging a partial bands map is not modelled`);
    }
  }
  r.explain_rate_below = numberAt(doc, ['rules', 'explain_rate_below'], false, unsettled)?.value ?? r.explain_rate_below;
  const caps = doc.getIn(['rules', 'rate_caps'], true);
  if (isSeq(caps)) {
    r.rate_caps = caps.items.map((_, i) => {
      const below = numberAt(doc, ['rules', 'rate_caps', i, 'below'], false, unsettled);
      const max = numberAt(doc, ['rules', 'rate_caps', i, 'max_total'], false, unsettled);
      return { below: below?.value ?? R(0), max_total: max?.value ?? R(100) };
    });
  }
  const grades = doc.getIn(['rules', 'grades'], true);
  if (isSeq(grades)) {
    r.grades = grades.items.map((_, i) => ({
      min: numberAt(doc, ['rules', 'grades', i, 'min'], false, unsettled)?.value ?? R(0),
      grade: String(doc.getIn(['rules', 'grades', i, 'grade'])),
    }));
    // FORMAT.md says only "等级 follows rules.grades"; the schema says "first from the top". The two
    // readings (first match in order / highest min reached) agree when the list is strictly descending.
    for (let i = 1; i < r.grades.length; i++) {
      if (!r.grades[i]!.min.lt(r.grades[i - 1]!.min)) unsettled.push('rules.grades not strictly descending by min');
    }
    if (!r.grades.some((g) => g.min.isZero())) unsettled.push('rules.grades without min 0 is a config error');
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Agreement (§3): a stated value agrees when the computed value, rounded with rules.rounding to the
// stated value's own decimals, equals it. "The computed value" is the exact one (1.1: rounded once,
// at the end); where rounding it first at `places` would change the verdict, the check is left open.

function agrees(computed: Rational, stated: Num, mode: Rounding): boolean {
  return computed.round(stated.places, mode).eq(stated.value);
}

function agreement(exact: Rational, places: number, stated: Num, mode: Rounding): Expect {
  const a = agrees(exact, stated, mode);
  const b = agrees(exact.round(places, mode), stated, mode);
  return a === b ? !a : 'unsettled';
}

// ---------------------------------------------------------------------------------------------

const LEVELS = {
  output: ['quantity', 'quality', 'timeliness', 'cost'],
  outcome: ['economic', 'social', 'ecological', 'sustainability'],
  satisfaction: ['beneficiary'],
} as const;

export function gradeOf(total: Rational, rules: OracleRules): string {
  for (const g of rules.grades) if (g.min.le(total)) return g.grade;
  return '';
}

/** Score one form given as YAML text. */
export function scoreText(text: string): OracleResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`oracle: YAML errors: ${doc.errors.map((e) => e.message).join('; ')}`);
  const unsettled: string[] = [];
  const rules = readRules(doc, unsettled);
  const { places, rate_places: ratePlaces, rounding } = rules;
  const round = (x: Rational): Rational => x.round(places, rounding);
  const findings = new Map<string, Expect>();
  const checks = new Map<string, AgreementCheck>();

  // --- Funds (§3 执行率, funds score; §3 1.1 Budgets) --------------------------------------
  const rows = {} as Record<RowKey, RowResult>;
  for (const key of [...SUB_ROWS, 'total'] as const) {
    const node = doc.getIn(['funds', key], true);
    const row: RowResult = { key, present: false };
    if (isMap(node)) {
      for (const col of ['initial', 'annual', 'executed'] as const) {
        const n = numberAt(doc, ['funds', key, col], true, unsettled);
        if (n) {
          row[col] = n.value;
          row.present = true;
        }
      }
      // A row with only a stated rate: the total's rate is then checked against the sum; a sub-row's is not modelled.
      if (!row.present && node.items.length > 0 && key !== 'total') unsettled.push(`funds.${key} has a rate but no amounts`);
      if (row.present && (row.annual === undefined || row.executed === undefined)) {
        unsettled.push(`funds.${key}: a row without 全年预算数 or 全年执行数 is not modelled`);
      }
    }
    rows[key] = row;
  }
  const subs = SUB_ROWS.map((k) => rows[k]).filter((r) => r.present);
  const given = ([...SUB_ROWS, 'total'] as const).filter((k) => rows[k].present);
  const stated = rows.total;
  // The 年度资金总额 row: the sum of the rows under it whenever any is given; a stated total is then only checked.
  const total: RowResult = { key: 'total', present: true };
  if (subs.length > 0) {
    const sum = (col: 'initial' | 'annual' | 'executed'): Rational | undefined =>
      subs.some((r) => r[col] !== undefined) ? subs.reduce((s, r) => s.add(r[col] ?? Rational.ZERO), Rational.ZERO) : undefined;
    total.initial = sum('initial');
    total.annual = sum('annual') ?? Rational.ZERO;
    total.executed = sum('executed') ?? Rational.ZERO;
    if (stated.present) {
      let mismatch: Expect = false;
      for (const col of ['initial', 'annual', 'executed'] as const) {
        const s = stated[col];
        if (s === undefined) continue;
        if (subs.some((r) => r[col] === undefined)) {
          mismatch = 'unsettled';
          break;
        }
        if (!s.eq(total[col] ?? Rational.ZERO)) mismatch = true;
      }
      findings.set('funds-total-mismatch /funds', mismatch);
    } else {
      findings.set('funds-total-mismatch /funds', false);
    }
  } else if (
    !stated.present &&
    isMap(doc.getIn(['funds', 'total'], true)) &&
    (doc.getIn(['funds', 'total'], true) as { items: unknown[] }).items.length > 0
  ) {
    unsettled.push('funds.total with only a rate and no rows under it');
    total.annual = Rational.ZERO;
    total.executed = Rational.ZERO;
    findings.set('funds-total-mismatch /funds', false);
  } else if (stated.present) {
    total.initial = stated.initial;
    total.annual = stated.annual ?? Rational.ZERO;
    total.executed = stated.executed ?? Rational.ZERO;
    findings.set('funds-total-mismatch /funds', false);
  } else {
    total.annual = Rational.ZERO;
    total.executed = Rational.ZERO;
    findings.set('funds-total-mismatch /funds', false);
  }
  rows.total = total;

  for (const key of [...SUB_ROWS, 'total'] as const) {
    const row = rows[key];
    if (row.present && row.annual !== undefined && !row.annual.isZero()) {
      row.rate = (row.executed ?? Rational.ZERO).mul(Rational.HUNDRED).div(row.annual);
      row.rateRounded = row.rate.round(ratePlaces, rounding);
    }
    // rate-mismatch: a stated 执行率 on this row, checked against the row's computed rate.
    const statedRate = rateAt(doc, ['funds', key, 'rate'], unsettled);
    if (statedRate) {
      let expect: Expect;
      if (row.rate !== undefined) {
        expect = agreement(row.rate, ratePlaces, statedRate, rounding);
        checks.set(`rate-mismatch /funds/${key}`, { exact: row.rate, stated: statedRate, places: ratePlaces });
      } else if (row.executed?.isZero() && statedRate.value.isZero() && key !== 'total')
        expect = false; // §7: a zero row's stated 0% agrees
      else expect = 'unsettled';
      findings.set(`rate-mismatch /funds/${key}`, expect);
    }
  }

  // zero-budget and overspend, per row (§3 1.1 Budgets). Where FORMAT.md does not say on which row the
  // form-level zero-budget sits, or whether a computed total repeats a row's finding, the key is left open.
  const totalComputed = subs.length > 0;
  const noBudget = total.annual === undefined || total.annual.isZero();
  for (const key of [...SUB_ROWS, 'total'] as const) {
    const row = rows[key];
    const A = row.annual ?? Rational.ZERO;
    const B = row.executed ?? Rational.ZERO;
    const open: Expect = noBudget ? 'unsettled' : false; // may carry the form-level zero-budget
    if (key === 'total' && totalComputed) {
      findings.set('zero-budget /funds/total', open);
      findings.set('overspend /funds/total', 'unsettled'); // whether a computed total repeats a row's overspend
      continue;
    }
    findings.set(`zero-budget /funds/${key}`, row.present && A.isZero() && !B.isZero() ? true : row.present && !A.isZero() ? false : open);
    findings.set(`overspend /funds/${key}`, !row.present ? false : A.isZero() ? (B.isZero() ? false : 'unsettled') : A.lt(B));
  }
  findings.set('zero-budget /funds', noBudget ? 'unsettled' : false);
  findings.set('overspend /funds', false);
  // "A form whose 年度资金总额 has no budget at all gets zero-budget even when nothing was spent" (on some row).
  findings.set('zero-budget *', noBudget);

  const deviation = String(doc.getIn(['funds', 'deviation']) ?? '').trim();
  let explain: Expect = false;
  if (deviation === '') {
    if (total.rate === undefined) explain = 'unsettled';
    else {
      const exact = total.rate.lt(rules.explain_rate_below);
      explain = exact === total.rateRounded!.lt(rules.explain_rate_below) ? exact : 'unsettled';
    }
  }
  findings.set('rate-explanation-missing /funds', explain);

  const fundsWeight = numberAt(doc, ['funds', 'weight'], false, unsettled)?.value ?? rules.weights.funds;
  const fundsExact =
    total.rate === undefined
      ? Rational.ZERO // A = 0 gives no rate and no points
      : fundsWeight.mul(Rational.min(total.executed!.div(total.annual!), Rational.ONE));
  const fundsScore = round(fundsExact);
  const statedFunds = numberAt(doc, ['funds', 'score'], false, unsettled);
  if (statedFunds) checks.set('funds-score-mismatch /funds', { exact: fundsExact, stated: statedFunds, places });
  findings.set(
    'funds-score-mismatch /funds',
    statedFunds ? (total.rate === undefined ? 'unsettled' : agreement(fundsExact, places, statedFunds, rounding)) : false,
  );
  findings.set('score-exceeds-weight /funds', statedFunds ? fundsWeight.lt(statedFunds.value) : false);

  // --- Indicators (§2, §3) ------------------------------------------------------------------
  const indicators: IndicatorOracle[] = [];
  for (const [l1, l2s] of Object.entries(LEVELS)) {
    for (const l2 of l2s) {
      const list = doc.getIn(['indicators', l1, l2], true);
      if (list === undefined || list === null) continue;
      if (!isSeq(list)) {
        unsettled.push(`indicators.${l1}.${l2} is not a list`);
        continue;
      }
      list.items.forEach((_, i) => {
        const at: Path = ['indicators', l1, l2, i];
        const path = `/indicators/${l1}/${l2}/${i}`;
        const target = String(doc.getIn([...at, 'target']) ?? '');
        const actual = String(doc.getIn([...at, 'actual']) ?? '');
        const weightNum = numberAt(doc, [...at, 'weight'], false, unsettled);
        const scoreNum = numberAt(doc, [...at, 'score'], false, unsettled);
        const rating = doc.getIn([...at, 'rating']) as string | undefined;
        const naT = (NOT_APPLICABLE as readonly string[]).includes(target.trim());
        const naA = (NOT_APPLICABLE as readonly string[]).includes(actual.trim());
        for (const code of INDICATOR_CHECKS) findings.set(`${code} ${path}`, false);

        if (naT || naA) {
          if (!(naT && naA)) unsettled.push(`${path}: only one side not applicable`);
          if (scoreNum || rating !== undefined) unsettled.push(`${path}: a not-applicable indicator with a score or rating`);
          const w = weightNum?.value ?? Rational.ZERO;
          findings.set(`not-applicable-weight ${path}`, w.sign() > 0);
          indicators.push({ path, method: 'not-applicable', weight: w, noPoints: true });
          return;
        }
        if (!weightNum) unsettled.push(`${path}: no weight`);
        const w = weightNum?.value ?? Rational.ZERO;
        if (scoreNum) findings.set(`score-exceeds-weight ${path}`, w.lt(scoreNum.value));

        // A rating makes any pair qualitative (§2); otherwise both sides must be quantities.
        const tk = readText(target);
        const ak = readText(actual);
        if (tk.kind === 'date' && ak.kind === 'date' && rating === undefined)
          unsettled.push(`${path}: a date pair (deadline) is not modelled`);
        const t = tk.kind === 'quantity' ? tk.q : undefined;
        const a = ak.kind === 'quantity' ? ak.q : undefined;
        const aligned = t && a ? align(t, a) : undefined;
        // fraction-for-percent (§2): a % target greater than 1 against a bare actual in (0, 1].
        const fraction =
          t !== undefined &&
          a !== undefined &&
          t.unit === '%' &&
          a.unit === '' &&
          !a.value.isZero() &&
          a.value.le(Rational.ONE) &&
          Rational.ONE.lt(t.value);
        // These three are reported with or without a rating (§2, §3 1.1, §7 fine points).
        findings.set(`unit-mismatch ${path}`, t !== undefined && a !== undefined && aligned === undefined);
        findings.set(`fraction-for-percent ${path}`, fraction);
        // §2's examples of a prose actual say a number (平均36天, 完成126处): whether an actual with no number at
        // all (plain qualitative text) is also `actual-not-quantity` is left open.
        findings.set(
          `actual-not-quantity ${path}`,
          t !== undefined && ak.kind === 'prose' ? (/[0-9０-９]/.test(actual) ? true : 'unsettled') : false,
        );
        if (t && a && aligned && rating === undefined && !fraction) {
          const { A, B } = aligned;
          let exact: Rational;
          if (t.direction === 'negative') {
            if (rules.negative === 'ratio') exact = B.isZero() ? w : w.mul(Rational.min(A.div(B), Rational.ONE));
            else if (B.le(A)) exact = w;
            else if (B.lt(A.add(A))) exact = w.mul(Rational.ONE.sub(B.sub(A).div(A)));
            else exact = Rational.ZERO;
          } else {
            exact = A.isZero() ? w : w.mul(Rational.min(B.div(A), Rational.ONE));
          }
          if (scoreNum) {
            findings.set(`score-mismatch ${path}`, agreement(exact, places, scoreNum, rounding));
            checks.set(`score-mismatch ${path}`, { exact, stated: scoreNum, places });
          }
          indicators.push({ path, method: t.direction, weight: w, exact, score: round(exact), noPoints: false, A, B });
          return;
        }
        // Qualitative: the stated score, at most the weight; `rating: 达成` without a score gives w.
        let exact: Rational | undefined;
        if (scoreNum) exact = Rational.min(scoreNum.value, w);
        else if (rating === '达成') exact = w;
        findings.set(`score-missing ${path}`, exact === undefined);
        if (scoreNum && rating !== undefined) {
          // The rating's band of w (rules.bands); a score above w is score-exceeds-weight's, its band left open.
          const s = scoreNum.value;
          const lo = (pct: Rational): Rational => w.mul(pct).div(Rational.HUNDRED);
          const inBand =
            rating === '达成'
              ? lo(rules.bands.achieved).le(s) && s.le(w)
              : rating === '部分达成'
                ? lo(rules.bands.partial).le(s) && s.lt(lo(rules.bands.achieved))
                : s.lt(lo(rules.bands.partial));
          findings.set(`rating-band ${path}`, w.lt(s) ? 'unsettled' : !inBand);
        }
        indicators.push({
          path,
          method: 'qualitative',
          weight: w,
          exact,
          score: exact === undefined ? undefined : round(exact),
          noPoints: exact === undefined,
        });
      });
    }
  }

  // weights-sum: funds weight + all indicator weights (not-applicable ones included) ≠ 100.
  findings.set('weights-sum ', !indicators.reduce((s, i) => s.add(i.weight), fundsWeight).eq(Rational.HUNDRED));

  // --- Total, caps, grade ------------------------------------------------------------------
  const sum = indicators.reduce((s, i) => s.add(i.score ?? Rational.ZERO), fundsScore);
  let cap: Rational | undefined;
  if (rules.rate_caps.length > 0) {
    if (total.rate === undefined) unsettled.push('rate_caps with no 执行率 (budget 0)');
    else {
      for (const c of rules.rate_caps) {
        const exactApplies = total.rate.lt(c.below);
        // "below" is read on the exact rate; the rounded one must give the same answer or the form is left out.
        if (exactApplies !== total.rateRounded!.lt(c.below))
          unsettled.push(`rate ${total.rate} against cap below ${c.below}: exact and rounded rate disagree`);
        if (exactApplies && (cap === undefined || c.max_total.lt(cap))) cap = c.max_total;
      }
    }
  }
  const capped = cap?.lt(sum) ? cap : sum;
  const grade = gradeOf(capped, rules);

  const statedTotal = numberAt(doc, ['total'], false, unsettled);
  if (statedTotal) checks.set('total-mismatch ', { exact: capped, stated: statedTotal, places });
  findings.set('total-mismatch ', statedTotal ? !agrees(capped, statedTotal, rounding) : false);
  const statedGrade = doc.getIn(['grade']);
  findings.set('grade-mismatch ', statedGrade !== undefined && statedGrade !== null ? String(statedGrade).trim() !== grade : false);

  return {
    rules,
    funds: { weight: fundsWeight, rows, given, rate: total.rate, rateRounded: total.rateRounded, exact: fundsExact, score: fundsScore },
    indicators,
    sum,
    cap: cap?.lt(sum) ? cap : undefined,
    total: capped,
    grade,
    statedGrade: statedGrade !== undefined && statedGrade !== null ? String(statedGrade).trim() : undefined,
    findings,
    checks,
    unsettled,
  };
}

/** Checks made per indicator (all default to not reported). */
const INDICATOR_CHECKS = [
  'score-mismatch',
  'score-exceeds-weight',
  'score-missing',
  'rating-band',
  'unit-mismatch',
  'fraction-for-percent',
  'actual-not-quantity',
  'not-applicable-weight',
] as const;

/** Checks made per funds row. */
const ROW_CHECKS = new Set(['rate-mismatch', 'zero-budget', 'overspend']);
/** Checks about the whole form. */
const FORM_CHECKS = new Set(['total-mismatch', 'grade-mismatch', 'weights-sum']);

/**
 * The checks the oracle models, as compared by the differential test. Not modelled (their condition
 * has an edge FORMAT.md leaves open): deviation-missing, overachievement, level-weights, and the
 * input-level checks (yaml-syntax, schema, encoding, …) the generator never trips.
 */
export const MODELLED_CHECKS = [
  ...INDICATOR_CHECKS,
  'rate-mismatch',
  'zero-budget',
  'overspend',
  'funds-score-mismatch',
  'funds-total-mismatch',
  'rate-explanation-missing',
  'total-mismatch',
  'grade-mismatch',
  'weights-sum',
] as const;

/**
 * A finding's key in `OracleResult.findings`: the code and the node it is about — a funds row for the
 * row checks, `/funds` for the other funds checks, an indicator for indicator checks, '' for the form.
 * `code *` keys ask only that the code be reported somewhere.
 */
export function normaliseFindingKey(code: string, path: string): string {
  const seg = path.split('/');
  if (FORM_CHECKS.has(code)) return `${code} `;
  if (seg[1] === 'indicators') return `${code} ${seg.slice(0, 5).join('/')}`;
  if (seg[1] === 'funds') return ROW_CHECKS.has(code) ? `${code} ${seg.slice(0, 3).join('/')}` : `${code} /funds`;
  return `${code} `;
}
