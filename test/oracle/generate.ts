// Seeded random 自评表 forms for the differential test, as YAML text.
// Every text it writes is one FORMAT.md settles: quantities in the oracle's grammar (./scorer.ts),
// prose from its fixed list, no dates, no 1.1 variants. Forms the oracle flags as unsettled are
// redrawn (deterministically, from the same seed's stream).
import { gradeOf, NOT_APPLICABLE, PROSE, PROSE_WITH_NUMBER, scoreText, type OracleResult, type RowKey } from './scorer.js';
import { R, Rational, type Rounding } from './rational.js';

// ---------------------------------------------------------------------------------------------
// PRNG: mulberry32.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** A BigInt in [0, hi]. */
  big(hi: bigint): bigint {
    if (hi <= 0n) return 0n;
    // Enough randomness for the sizes used here (hi < 2^53 · 2^53).
    const a = BigInt(Math.floor(this.next() * 2 ** 52));
    const b = BigInt(Math.floor(this.next() * 2 ** 52));
    return (a * 2n ** 52n + b) % (hi + 1n);
  }
}

// ---------------------------------------------------------------------------------------------
// Form spec: every leaf is YAML text as it will be written.

interface RowSpec {
  initial?: string;
  annual?: string;
  executed?: string;
  rate?: string;
}

interface IndSpec {
  l1: string;
  l2: string;
  name?: string;
  target: string;
  actual: string;
  weight?: string;
  score?: string;
  rating?: string;
  deviation: string;
  /** What the generator meant (for stated scores and messages). */
  kind: 'quantitative' | 'qualitative' | 'not-applicable';
}

interface RulesSpec {
  places?: number;
  rate_places?: number;
  rounding?: Rounding;
  negative?: 'ratio' | 'linear';
  weights?: { funds: string; output: string; outcome: string; satisfaction: string };
  bands?: { achieved: string; partial: string };
  explain_rate_below?: string;
  rate_caps?: { below: string; max_total: string }[];
  grades?: { min: string; grade: string }[];
}

interface FormSpec {
  year: number;
  project: string;
  unit: '万元' | '元';
  fundsWeight?: string;
  rows: Partial<Record<RowKey, RowSpec | 'empty'>>;
  fundsScore?: string;
  fundsDeviation: string;
  indicators: IndSpec[];
  total?: string;
  grade?: string;
  rules?: RulesSpec;
}

const q = (s: string): string => JSON.stringify(s);

function rowYaml(key: string, row: RowSpec | 'empty'): string[] {
  if (row === 'empty') return [`  ${key}: {}`];
  const out = [`  ${key}:`];
  for (const col of ['initial', 'annual', 'executed', 'rate'] as const) if (row[col] !== undefined) out.push(`    ${col}: ${row[col]}`);
  return out;
}

/** Each indicator's JSON pointer, in the order toYaml writes them (1级, then 2级 by first appearance). */
function indicatorPaths(f: FormSpec): Map<string, IndSpec> {
  const out = new Map<string, IndSpec>();
  for (const l1 of ['output', 'outcome', 'satisfaction']) {
    const mine = f.indicators.filter((i) => i.l1 === l1);
    for (const l2 of new Set(mine.map((i) => i.l2))) {
      mine
        .filter((i) => i.l2 === l2)
        .forEach((i, idx) => {
          out.set(`/indicators/${l1}/${l2}/${idx}`, i);
        });
    }
  }
  return out;
}

export function toYaml(f: FormSpec): string {
  const out: string[] = [
    'evalform: 1',
    `year: ${f.year}`,
    `project: ${q(f.project)}`,
    'department: 某某县财政局',
    'implementer: 某某县某某中心',
    'funds:',
    `  unit: ${f.unit}`,
  ];
  if (f.fundsWeight !== undefined) out.push(`  weight: ${f.fundsWeight}`);
  for (const key of ['appropriation', 'carryover', 'other', 'total'] as const) {
    const row = f.rows[key];
    if (row !== undefined) out.push(...rowYaml(key, row));
  }
  if (f.fundsScore !== undefined) out.push(`  score: ${f.fundsScore}`);
  out.push(`  deviation: ${q(f.fundsDeviation)}`);
  out.push('goals:', '  expected: 完成年度目标', '  actual: 基本完成');
  out.push('indicators:');
  const l1s = ['output', 'outcome', 'satisfaction'];
  for (const l1 of l1s) {
    const mine = f.indicators.filter((i) => i.l1 === l1);
    if (mine.length === 0) continue;
    out.push(`  ${l1}:`);
    const l2s = [...new Set(mine.map((i) => i.l2))];
    for (const l2 of l2s) {
      out.push(`    ${l2}:`);
      for (const i of mine.filter((x) => x.l2 === l2)) {
        const lines: string[] = [];
        if (i.name !== undefined) lines.push(`name: ${q(i.name)}`);
        lines.push(`target: ${q(i.target)}`, `actual: ${q(i.actual)}`);
        if (i.weight !== undefined) lines.push(`weight: ${i.weight}`);
        if (i.score !== undefined) lines.push(`score: ${i.score}`);
        if (i.rating !== undefined) lines.push(`rating: ${i.rating}`);
        lines.push(`deviation: ${q(i.deviation)}`);
        out.push(`      - ${lines[0]}`, ...lines.slice(1).map((l) => `        ${l}`));
      }
    }
  }
  if (f.total !== undefined) out.push(`total: ${f.total}`);
  if (f.grade !== undefined) out.push(`grade: ${q(f.grade)}`);
  out.push('signoff:', '  preparer: 张三', '  date: "2024-04-18"', '  phone: "0731-1234567"', '  head: ""');
  const r = f.rules;
  if (r) {
    const lines: string[] = [];
    if (r.places !== undefined) lines.push(`  places: ${r.places}`);
    if (r.rate_places !== undefined) lines.push(`  rate_places: ${r.rate_places}`);
    if (r.rounding !== undefined) lines.push(`  rounding: ${r.rounding}`);
    if (r.negative !== undefined) lines.push(`  negative: ${r.negative}`);
    if (r.weights) {
      const w = r.weights;
      lines.push(`  weights: {funds: ${w.funds}, output: ${w.output}, outcome: ${w.outcome}, satisfaction: ${w.satisfaction}}`);
    }
    if (r.bands) lines.push(`  bands: {achieved: ${r.bands.achieved}, partial: ${r.bands.partial}}`);
    if (r.explain_rate_below !== undefined) lines.push(`  explain_rate_below: ${r.explain_rate_below}`);
    if (r.rate_caps) {
      lines.push('  rate_caps:');
      for (const c of r.rate_caps) lines.push(`    - {below: ${c.below}, max_total: ${c.max_total}}`);
    }
    if (r.grades) {
      lines.push('  grades:');
      for (const g of r.grades) lines.push(`    - {min: ${g.min}, grade: ${q(g.grade)}}`);
    }
    out.push(lines.length > 0 ? 'rules:' : 'rules: {}', ...lines);
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Numbers.

/** Decimals needed to write x exactly (x terminating). */
function decimalsOf(x: Rational): number {
  for (let p = 0; p <= 40; p++) if (x.hasPlaces(p)) return p;
  throw new RangeError(`${x} does not terminate`);
}

/** Plain decimal text with at least `min` decimals (trailing zeros as a filer might write them). */
function plain(x: Rational, min = 0): string {
  return x.toFixed(Math.max(decimalsOf(x), min));
}

function withThousands(text: string): string {
  const [int, frac] = text.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

const fullWidth = (s: string): string => s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** An amount as YAML: a plain number, or a string with separators or full-width digits (FORMAT.md §1). */
function amountYaml(rng: Rng, x: Rational): string {
  const text = plain(x, rng.chance(0.2) ? Math.min(4, decimalsOf(x) + rng.int(0, 2)) : 0);
  const r = rng.next();
  if (r < 0.6) return text;
  if (r < 0.85) return q(withThousands(text));
  if (r < 0.95) return q(text);
  return q(fullWidth(withThousands(text)));
}

/** A random non-negative decimal: integer part up to `maxInt`, up to `maxDec` decimals. */
function randomAmount(rng: Rng, maxInt: number, maxDec: number): Rational {
  const dec = rng.int(0, maxDec);
  const scale = 10n ** BigInt(dec);
  return Rational.of(rng.big(BigInt(maxInt) * scale), scale);
}

/** A value exactly halfway between two multiples of 10^-places, in (0, hi). */
function tie(rng: Rng, hi: Rational, places: number): Rational | undefined {
  const scale = 10n ** BigInt(places);
  // s = (2m+1) / (2·scale) < hi  ⇔  m < (hi·2·scale − 1) / 2
  const limit = hi
    .mul(Rational.of(2n * scale))
    .sub(Rational.ONE)
    .div(Rational.of(2n));
  if (limit.sign() <= 0) return undefined;
  const maxM = limit.num / limit.den - (limit.num % limit.den === 0n ? 1n : 0n);
  if (maxM < 0n) return undefined;
  const m = rng.big(maxM);
  return Rational.of(2n * m + 1n, 2n * scale);
}

/** Quantised ratio × x: floor at `dec` decimals. */
function times(x: Rational, ratio: Rational, dec: number): Rational {
  return x.mul(ratio).round(dec, 'down');
}

const pow10 = (e: number): Rational => (e >= 0 ? Rational.of(10n ** BigInt(e)) : Rational.of(1n, 10n ** BigInt(-e)));

// ---------------------------------------------------------------------------------------------
// Funds.

interface Eff {
  places: number;
  ratePlaces: number;
  rounding: Rounding;
  negative: 'ratio' | 'linear';
  fundsWeight: Rational;
}

type FundsMode = 'random' | 'rate-tie' | 'score-tie' | 'threshold' | 'overspend' | 'full' | 'zero';

/** The 年度资金总额's A and B. */
function fundsTotals(rng: Rng, eff: Eff, mode: FundsMode): { A: Rational; B: Rational } {
  switch (mode) {
    case 'rate-tie': {
      const rp = eff.ratePlaces;
      const r = tie(rng, R(100), rp) ?? R(50);
      // B = r·A/100; A = g·10^k keeps B within 4 decimals.
      const k = Math.max(rp - 1, 0) + rng.int(0, 2);
      const A = Rational.of(BigInt(rng.int(1, 999))).mul(pow10(k));
      const B = r.mul(A).div(Rational.HUNDRED);
      if (decimalsOf(B) <= 4) return { A, B };
      return fundsTotals(rng, eff, 'random');
    }
    case 'score-tie': {
      const w = eff.fundsWeight;
      const s = w.isZero() ? undefined : tie(rng, w, eff.places);
      if (!s) return fundsTotals(rng, eff, 'random');
      // w·B/A = s: A = w·f, B = s·f (with w = 3 this is FORMAT.md's 3 × 74.5 ÷ 300).
      const j = Math.max(0, eff.places + 1 - 4) + rng.int(0, 1);
      const f = Rational.of(BigInt(rng.int(1, 200))).mul(pow10(j));
      const A = w.mul(f);
      const B = s.mul(f);
      if (decimalsOf(A) <= 4 && decimalsOf(B) <= 4) return { A, B };
      return fundsTotals(rng, eff, 'random');
    }
    case 'threshold': {
      const A = randomAmount(rng, 50000, 3);
      if (A.isZero()) return fundsTotals(rng, eff, 'random');
      const t = R(rng.pick(['0.5', '0.6', '0.7', '0.8', '0.9', '1']));
      return { A, B: A.mul(t) };
    }
    case 'overspend': {
      const A = randomAmount(rng, 50000, 2).add(R(1));
      return { A, B: times(A, R(rng.pick(['1.0001', '1.05', '1.2', '2', '1.5'])), 4) };
    }
    case 'full': {
      const A = randomAmount(rng, 50000, 4).add(R('0.01'));
      return { A, B: A };
    }
    case 'zero':
      return { A: R(0), B: rng.chance(0.5) ? R(0) : randomAmount(rng, 1000, 2).add(R(1)) };
    default: {
      const A = randomAmount(rng, rng.pick([100, 5000, 100000, 10000000]), 4).add(R('0.01'));
      const ratio = Rational.of(BigInt(rng.int(300, 1150)), 1000n);
      return { A, B: times(A, ratio, rng.int(0, 4)) };
    }
  }
}

/** x split into n non-negative parts, each with at most `dec` decimals (x must have at most `dec`). */
function split(rng: Rng, x: Rational, n: number, dec: number): Rational[] {
  const scale = 10n ** BigInt(dec);
  const units = (x.num * scale) / x.den;
  const cuts = Array.from({ length: n - 1 }, () => rng.big(units)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: Rational[] = [];
  let prev = 0n;
  for (const c of [...cuts, units]) {
    parts.push(Rational.of(c - prev, scale));
    prev = c;
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Indicators.

const LEVELS: [string, string[], number][] = [
  ['output', ['quantity', 'quality', 'timeliness', 'cost'], 0.5],
  ['outcome', ['economic', 'social', 'ecological', 'sustainability'], 0.3],
  ['satisfaction', ['beneficiary'], 0.2],
];
const NAMES = [
  '培训人次',
  '覆盖率',
  '完成率',
  '合格率',
  '项目数量',
  '成本控制',
  '满意度',
  '投诉率',
  '差错率',
  '办结率',
  '服务次数',
  '建设规模',
];
const POS_PREFIX = ['≥', '>=', '不低于', '不少于', '>'];
const NEG_PREFIX = ['≤', '<=', '不超过', '不高于', '<'];
const EQ_PREFIX = ['', '', '', '=', '等于'];

type Dir = 'positive' | 'negative' | 'equal';

function directionText(rng: Rng, dir: Dir, body: string): string {
  if (dir === 'positive') return rng.chance(0.25) ? `${body}以上` : `${rng.pick(POS_PREFIX)}${body}`;
  if (dir === 'negative') return rng.chance(0.25) ? `${body}${rng.pick(['以下', '以内'])}` : `${rng.pick(NEG_PREFIX)}${body}`;
  return `${rng.pick(EQ_PREFIX)}${body}`;
}

function numText(rng: Rng, x: Rational): string {
  const t = plain(x, rng.chance(0.1) ? 1 : 0);
  return rng.chance(0.15) ? withThousands(t) : t;
}

type UnitPlan = { t: string; a: string; scaleT: Rational; scaleA: Rational };

/** Units for a compatible pair: the common-unit values are divided by scaleT / scaleA when written. */
function unitPlan(rng: Rng): UnitPlan {
  const one = Rational.ONE;
  const wan = R(10000);
  switch (rng.int(0, 9)) {
    case 0:
      return { t: '%', a: '%', scaleT: one, scaleA: one };
    case 1:
      return { t: '%', a: '', scaleT: one, scaleA: one };
    case 2:
      return { t: '', a: '%', scaleT: one, scaleA: one };
    case 3:
      return { t: '个', a: '个', scaleT: one, scaleA: one };
    case 4:
      return { t: '个', a: rng.pick(['', '个']), scaleT: one, scaleA: one };
    case 5:
      return { t: '万元', a: '元', scaleT: wan, scaleA: one };
    case 6:
      return { t: '元', a: '万元', scaleT: one, scaleA: wan };
    case 7:
      return { t: '万元', a: '万元', scaleT: wan, scaleA: wan };
    case 8: {
      const u = rng.pick(['次', '人', '天', '处']); // any other unit must match exactly
      return { t: u, a: rng.chance(0.8) ? u : '', scaleT: one, scaleA: one };
    }
    default:
      return { t: '', a: '', scaleT: one, scaleA: one };
  }
}

function weightText(rng: Rng): Rational {
  const r = rng.next();
  if (r < 0.02) return R(0);
  if (r < 0.15) return Rational.of(BigInt(rng.int(1, 39)) * 2n + 1n, 2n); // x.5
  if (r < 0.3) return R(rng.pick([3, 6, 7, 9, 11, 12, 13]));
  return R(rng.int(1, 20));
}

function quantitative(rng: Rng, eff: Eff, w: Rational): { target: string; actual: string } {
  const dir: Dir = rng.pick(['positive', 'positive', 'negative', 'negative', 'equal']);
  const units = unitPlan(rng);
  let A: Rational;
  let B: Rational;
  const r = rng.next();
  const s = r < 0.3 && !w.isZero() ? tie(rng, w, eff.places) : undefined;
  if (s) {
    const f = Rational.of(BigInt(rng.int(1, 99))).mul(pow10(rng.int(-1, 2)));
    if (dir !== 'negative') [A, B] = [w.mul(f), s.mul(f)];
    else if (eff.negative === 'ratio') [A, B] = [s.mul(f), w.mul(f)];
    else [A, B] = [w.mul(f), w.add(w).sub(s).mul(f)];
  } else {
    A = units.t === '%' ? randomAmount(rng, 100, 2) : randomAmount(rng, rng.pick([10, 1000, 100000]), rng.int(0, 2));
    if (A.isZero()) A = R(rng.int(1, 100));
    if (rng.chance(0.03)) A = R(0); // a target of 0: positive gives w; negative ratio 0 unless B = 0; linear 0 when B > 0
    const k = rng.next();
    if (k < 0.15) B = A;
    else if (k < 0.2) B = R(0);
    else if (k < 0.25)
      B = A.add(A); // 2A: the linear edge
    else B = times(A.isZero() ? R(rng.int(1, 50)) : A, Rational.of(BigInt(rng.int(200, 2000)), 1000n), rng.int(0, 3));
  }
  // Avoid fraction-for-percent: a bare actual in (0, 1] against a % target above 1 would be read as a fraction.
  let aUnit = units.a;
  if (units.t === '%' && aUnit === '' && !B.isZero() && B.le(Rational.ONE) && Rational.ONE.lt(A)) aUnit = '%';
  const target = directionText(rng, dir, `${numText(rng, A.div(units.scaleT))}${units.t}`);
  let actual = `${numText(rng, B.div(units.scaleA))}${aUnit}`;
  // A comparison written in the actual is ignored (§2).
  if (rng.chance(0.05)) actual = `${rng.pick(['≥', '≤'])}${actual}`;
  return { target, actual };
}

function statedScoreText(x: Rational): string {
  return plain(x);
}

/** A qualitative score in [0, w] with up to `dec` decimals. */
function qualScore(rng: Rng, w: Rational, dec: number): Rational {
  const scale = 10n ** BigInt(dec);
  const hi = (w.num * scale) / w.den;
  return Rational.of(rng.big(hi), scale);
}

function indicator(rng: Rng, eff: Eff, w: Rational | undefined): IndSpec {
  let l = LEVELS[2]!;
  let x = rng.next();
  for (const lv of LEVELS) {
    if (x < lv[2]) {
      l = lv;
      break;
    }
    x -= lv[2];
  }
  const base = {
    l1: l[0],
    l2: rng.pick(l[1]),
    name: rng.chance(0.8) ? rng.pick(NAMES) : undefined,
    deviation: rng.chance(0.5) ? '' : '已分析原因并整改',
  };
  if (w === undefined) {
    // Not applicable: weight omitted, 0, or (with not-applicable-weight) still given.
    const r = rng.next();
    return {
      ...base,
      kind: 'not-applicable',
      target: rng.pick(NOT_APPLICABLE),
      actual: rng.pick(NOT_APPLICABLE),
      weight: r < 0.4 ? undefined : r < 0.8 ? '0' : plain(weightText(rng)),
    };
  }
  const weight = plain(w);
  const k = rng.next();
  if (k < 0.55) return { ...base, kind: 'quantitative', weight, ...quantitative(rng, eff, w) };
  // Qualitative.
  const places = eff.places;
  const dec = rng.chance(0.8) ? rng.int(0, places) : rng.int(0, places + 2);
  let score: string | undefined = statedScoreText(qualScore(rng, w, Math.min(dec, 4)));
  if (rng.chance(0.06)) score = statedScoreText(Rational.min(w.add(R(rng.pick(['0.5', '1', '2', '3.25']))), R(100))); // above its weight
  let rating: string | undefined;
  let target: string = rng.pick(PROSE);
  let actual: string = rng.pick(PROSE);
  const v = rng.next();
  if (v < 0.2) {
    rating = rng.pick(['达成', '达成', '部分达成', '未达成']);
    if (rating === '达成' && rng.chance(0.5)) score = undefined;
  } else if (v < 0.3) {
    // Quantities with a rating: qualitative.
    ({ target, actual } = quantitative(rng, eff, w));
    rating = rng.pick(['达成', '部分达成']);
    if (rating === '达成' && rng.chance(0.4)) score = undefined;
  } else if (v < 0.38) {
    // unit-mismatch: units that do not convert.
    const [tu, au] = rng.pick([
      ['个', '%'],
      ['个', '次'],
      ['人', '%'],
      ['次', '天'],
      ['万元', '个'],
    ] as const);
    target = `${rng.pick(['≥', '不少于', ''])}${rng.int(1, 200)}${tu}`;
    actual = `${rng.int(1, 100)}${au}`;
  } else if (v < 0.45) {
    // actual-not-quantity: a quantity target against prose (which may say a number).
    target = `≥${rng.int(1, 99)}%`;
    if (rng.chance(0.5)) actual = rng.pick(PROSE_WITH_NUMBER);
    if (rng.chance(0.2)) rating = rng.pick(['达成', '部分达成']);
  } else if (v < 0.49) {
    score = undefined; // score-missing: adds 0
  }
  return { ...base, kind: 'qualitative', weight, target, actual, score, rating };
}

// ---------------------------------------------------------------------------------------------
// The form.

export interface Generated {
  seed: number;
  yaml: string;
  /** How the form was built, for messages. */
  notes: string[];
}

function phase1(rng: Rng): { spec: FormSpec; eff: Eff; notes: string[] } {
  const notes: string[] = [];
  const rules: RulesSpec | undefined = rng.chance(0.7) ? {} : undefined;
  const eff: Eff = { places: 2, ratePlaces: 2, rounding: 'half-up', negative: 'ratio', fundsWeight: R(10) };
  if (rules) {
    if (rng.chance(0.7)) rules.places = eff.places = rng.pick([0, 1, 2, 2, 3, 4]);
    if (rng.chance(0.6)) rules.rate_places = eff.ratePlaces = rng.pick([0, 1, 2, 2, 3, 4]);
    if (rng.chance(0.7)) rules.rounding = eff.rounding = rng.pick(['half-up', 'half-even', 'down'] as const);
    if (rng.chance(0.4)) rules.negative = eff.negative = rng.pick(['ratio', 'linear'] as const);
    if (rng.chance(0.12)) {
      const f = rng.pick([5, 10, 15, 20]);
      eff.fundsWeight = R(f);
      rules.weights = { funds: String(f), output: String(60 - f), outcome: '30', satisfaction: '10' };
    }
    if (rng.chance(0.15)) {
      const [achieved, partial] = rng.pick([
        ['80', '50'],
        ['90', '60'],
        ['75', '75'],
        ['85.5', '60.25'],
        ['100', '0'],
      ]);
      rules.bands = { achieved: achieved!, partial: partial! };
    }
    if (rng.chance(0.15)) rules.explain_rate_below = rng.pick(['0', '60', '80', '95', '100', '74.5']);
  }
  let fundsWeight: string | undefined;
  if (!rules?.weights || rng.chance(0.5)) {
    if (rng.chance(0.75)) {
      const w = rng.chance(0.6) ? R(10) : R(rng.pick(['0', '3', '5', '7.5', '12', '15', '20', '30']));
      eff.fundsWeight = w;
      fundsWeight = plain(w);
    }
  }
  notes.push(`rules places=${eff.places} rate_places=${eff.ratePlaces} rounding=${eff.rounding} negative=${eff.negative}`);

  // Funds.
  const modes: FundsMode[] = [
    'random',
    'random',
    'random',
    'rate-tie',
    'rate-tie',
    'score-tie',
    'score-tie',
    'threshold',
    'overspend',
    'full',
  ];
  const mode: FundsMode = rng.chance(0.03) ? 'zero' : rng.pick(modes);
  notes.push(`funds mode ${mode}`);
  const { A, B } = fundsTotals(rng, eff, mode);
  const rows: FormSpec['rows'] = {};
  const layout = rng.next();
  const withInitial = rng.chance(0.5);
  const initialOf = (a: Rational): string | undefined =>
    withInitial ? amountYaml(rng, times(a, Rational.of(BigInt(rng.int(500, 1000)), 1000n), 2)) : undefined;
  if (layout < 0.1) {
    rows.total = { initial: initialOf(A), annual: amountYaml(rng, A), executed: amountYaml(rng, B) };
    notes.push('funds: total only');
  } else if (layout < 0.11 || (layout < 0.12 && mode === 'zero' && B.isZero())) {
    notes.push('funds: no rows'); // nothing budgeted, nothing spent: zero-budget all the same
  } else {
    const keys = (['appropriation', 'carryover', 'other'] as const).filter((_, i) => i === 0 || rng.chance(0.35));
    const dec = 4;
    const As = split(rng, A, keys.length, Math.max(decimalsOf(A), Math.min(dec, decimalsOf(A) + rng.int(0, 2))));
    const Bs = split(rng, B, keys.length, Math.max(decimalsOf(B), Math.min(dec, decimalsOf(B) + rng.int(0, 2))));
    keys.forEach((k, i) => {
      rows[k] = { initial: initialOf(As[i]!), annual: amountYaml(rng, As[i]!), executed: amountYaml(rng, Bs[i]!) };
    });
    for (const k of ['carryover', 'other'] as const) if (!rows[k] && rng.chance(0.3)) rows[k] = 'empty';
    if (rng.chance(0.3)) {
      const sumInitial = withInitial ? keys.reduce((s, k) => s.add(parseAmount((rows[k] as RowSpec).initial!)), Rational.ZERO) : undefined;
      const t: RowSpec = { initial: sumInitial && amountYaml(rng, sumInitial), annual: amountYaml(rng, A), executed: amountYaml(rng, B) };
      if (rng.chance(0.25)) {
        const col = rng.pick(['annual', 'executed'] as const);
        t[col] = amountYaml(rng, (col === 'annual' ? A : B).add(R(rng.pick(['0.01', '1', '100']))));
        notes.push(`stated total ${col} wrong`);
      }
      rows.total = t;
    }
    notes.push(`funds rows ${keys.join(',')}`);
  }

  // Indicators.
  const n = rng.int(1, 20);
  const applicable = Array.from({ length: n }, () => !rng.chance(0.08));
  if (!applicable.some(Boolean)) applicable[0] = true;
  let weights = applicable.map((a) => (a ? weightText(rng) : undefined));
  // Half the forms add up to 100 (weights-sum holds); the rest are as drawn.
  const rest = R(100).sub(eff.fundsWeight);
  const m = applicable.filter(Boolean).length;
  if (rng.chance(0.5) && rest.hasPlaces(0) && rest.num >= BigInt(m)) {
    const parts = split(rng, rest.sub(R(m)), m, 0).map((p) => p.add(R(1)));
    let j = 0;
    weights = applicable.map((a) => (a ? parts[j++] : undefined));
    notes.push('weights sum to 100');
  }
  const indicators = weights.map((w) => indicator(rng, eff, w));
  const spec: FormSpec = {
    year: rng.int(2019, 2024),
    project: rng.pick(['业务工作经费', '农村公路养护', '信息化建设', '专项培训经费']),
    unit: rng.pick(['万元', '元'] as const),
    fundsWeight,
    rows,
    fundsDeviation: rng.chance(0.5) ? '' : '部分资金未及时支付',
    indicators,
    rules,
  };
  return { spec, eff, notes };
}

function parseAmount(yamlText: string): Rational {
  const s = yamlText.startsWith('"') ? (JSON.parse(yamlText) as string) : yamlText;
  return R(s.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,/g, ''));
}

/** A stated value: right (the exact value rounded as the rules round, at some precision) or slightly wrong. */
function stated(rng: Rng, exact: Rational, eff: Eff, maxPlaces: number, places: number): Rational {
  const d = rng.chance(0.6) ? places : rng.int(0, maxPlaces);
  let v = exact.round(d, eff.rounding);
  if (rng.chance(0.3)) {
    const ulp = pow10(-d);
    v = rng.chance(0.5) || v.lt(ulp) ? v.add(ulp) : v.sub(ulp);
  }
  return v;
}

function caps(rng: Rng, r: OracleResult): RulesSpec['rate_caps'] {
  const rate = r.funds.rate!;
  const rounded = r.funds.rateRounded!;
  const out: NonNullable<RulesSpec['rate_caps']> = [];
  const n = rng.int(1, 3);
  for (let i = 0; i < n; i++) {
    const below = rng.pick([
      R(50),
      R(60),
      R(70),
      R(80),
      R(90),
      R(100),
      Rational.min(rate, R(100)),
      Rational.min(rate.round(1, 'down').add(R('0.1')), R(100)),
      R('79.5'),
    ]);
    if (below.isZero() || !below.hasPlaces(4) || rate.lt(below) !== rounded.lt(below)) continue;
    const max = rng.pick([
      R(59),
      R(69),
      R(79),
      R(89),
      R('89.5'),
      r.sum,
      Rational.max(r.sum.sub(R('0.005')), R(0)),
      randomAmount(rng, 99, 3),
    ]);
    if (R(100).lt(max)) continue;
    out.push({ below: plain(below), max_total: plain(max) });
  }
  return out.length > 0 ? out : undefined;
}

const GRADE_NAMES = ['优秀', '良好', '合格', '基本合格', '不合格', 'A', 'B', 'C', 'D'];

function grades(rng: Rng, total: Rational): NonNullable<RulesSpec['grades']> {
  const mins = new Set<string>(['0']);
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const m =
      rng.chance(0.3) && total.le(R(100)) ? total : rng.pick([R(95), R(85), R(60), R('89.5'), R('59.99'), randomAmount(rng, 99, 2)]);
    mins.add(plain(m));
  }
  const sorted = [...mins].map((m) => R(m)).sort((a, b) => b.cmp(a));
  const names = [...GRADE_NAMES].sort(() => rng.next() - 0.5);
  return sorted.map((m, i) => ({ min: plain(m), grade: names[i % names.length]! + (i >= names.length ? String(i) : '') }));
}

export function generate(seed: number): Generated {
  const rng = new Rng(seed);
  for (let attempt = 0; attempt < 50; attempt++) {
    const { spec, eff, notes } = phase1(rng);
    const r = scoreText(toYaml(spec));
    if (r.unsettled.length > 0) continue;
    // Rules that depend on the form's numbers: caps at and around its rate and total, grades at its total.
    // (Worked out here rather than by scoring the form again: they only steer the stated 总分 and 等级
    // towards right values; the test scores the final form itself.)
    let total = r.total;
    let grade = r.grade;
    if (spec.rules && r.funds.rate !== undefined && rng.chance(0.4)) {
      spec.rules.rate_caps = caps(rng, r);
      for (const c of spec.rules.rate_caps ?? []) if (r.funds.rate.lt(R(c.below)) && R(c.max_total).lt(total)) total = R(c.max_total);
    }
    if (spec.rules && rng.chance(0.3)) {
      spec.rules.grades = grades(rng, total);
      grade = spec.rules.grades.find((g) => R(g.min).le(total))!.grade;
    } else if (spec.rules?.rate_caps) {
      grade = gradeOf(total, r.rules);
    }
    // Stated values, right or wrong: they change no score, only findings.
    const ratePlaces = eff.ratePlaces;
    const hasSubs = (['appropriation', 'carryover', 'other'] as const).some((k) => typeof spec.rows[k] === 'object');
    if (hasSubs && spec.rows.total === undefined && r.funds.rate !== undefined && rng.chance(0.1)) {
      spec.rows.total = { rate: q(`${plain(stated(rng, r.funds.rate, eff, 4, ratePlaces))}%`) }; // a 年度资金总额 row with only its rate
    }
    for (const key of ['appropriation', 'carryover', 'other', 'total'] as const) {
      const row = spec.rows[key];
      if (row === undefined || row === 'empty' || row.rate !== undefined || !rng.chance(0.4)) continue;
      const res = r.funds.rows[key];
      let text: string | undefined;
      if (res.rate !== undefined) text = plain(stated(rng, res.rate, eff, 4, ratePlaces));
      else if (res.executed?.isZero() && key !== 'total') text = '0';
      if (text !== undefined) row.rate = rng.chance(0.7) ? q(`${text}%`) : text;
    }
    if (rng.chance(0.5)) {
      const v = stated(rng, r.funds.exact, eff, 4, eff.places);
      if (v.le(R(100))) spec.fundsScore = plain(v);
    }
    if (rng.chance(0.1)) spec.fundsScore = plain(Rational.min(r.funds.weight.add(R(1)), R(100))); // above its weight
    const byPath = indicatorPaths(spec);
    r.indicators.forEach((ind) => {
      const s = byPath.get(ind.path);
      if (!s) throw new Error(`generator: no spec for ${ind.path}`);
      if (s.kind !== 'quantitative' || ind.exact === undefined || !rng.chance(0.6)) return;
      const v = rng.chance(0.05) ? ind.weight.add(R(1)) : stated(rng, ind.exact, eff, 4, eff.places);
      if (v.le(R(100))) s.score = plain(v);
    });
    if (rng.chance(0.5) && total.le(R(100))) {
      const v = stated(rng, total, eff, 4, Math.max(eff.places, decimalsOf(total)));
      if (v.le(R(100))) spec.total = plain(v); // the schema caps a stated 总分 at 100
    }
    if (rng.chance(0.4)) spec.grade = rng.chance(0.7) ? grade : rng.pick(['优', '良', '中', '差', ...GRADE_NAMES]);
    // Stated values leave open at most single checks (Expect 'unsettled'), never the form: the test asserts that.
    return { seed, yaml: toYaml(spec), notes };
  }
  throw new Error(`generator: no settled form for seed ${seed} in 50 attempts`);
}
