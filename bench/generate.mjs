// Deterministic generator of varied forms for the benchmark: the examples' prose, random amounts and indicators,
// stated values that mostly agree, and a known share of faults, so that `check` does real work.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decimal as D0 } from 'decimal.js';
import { parse } from 'yaml';

const Decimal = D0.clone({ precision: 40, rounding: D0.ROUND_HALF_UP });
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const LEVELS = [
  { key: 'output', weight: 50, level2: ['quantity', 'quality', 'timeliness', 'cost'] },
  { key: 'outcome', weight: 30, level2: ['economic', 'social', 'ecological', 'sustainability'] },
  { key: 'satisfaction', weight: 10, level2: ['beneficiary'] },
];

const PLACES = ['湖南省', '清溪县', '长沙市', '岳阳市', '常德市', '衡阳市', '湘潭市', '株洲市', '郴州市', '永州市', '邵阳市', '益阳市'];
const AGENCIES = [
  '信访局',
  '交通运输局',
  '教育局',
  '卫生健康委员会',
  '农业农村局',
  '水利局',
  '民政局',
  '文化旅游广电局',
  '自然资源局',
  '生态环境局',
  '住房和城乡建设局',
  '市场监督管理局',
];
const TOPICS = [
  '业务工作经费',
  '运行维护经费',
  '信息化建设',
  '农村公路养护',
  '危桥改造',
  '义务教育薄弱环节改善',
  '基层医疗设备购置',
  '高标准农田建设',
  '小型水库除险加固',
  '困难群众救助',
  '公共文化服务',
  '国土空间规划编制',
  '污染防治攻坚',
  '老旧小区改造',
  '食品安全抽检',
];
const PEOPLE = ['范建平', '李明', '王芳', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周婷'];
const UNITS = ['个', '处', '人', '次', '公里', '座', '场', '户', '件', '所'];
const NAMES = {
  quantity: ['完成任务数', '覆盖人数', '建设数量', '培训人次', '巡查次数'],
  quality: ['验收合格率', '达标率', '抽检合格率', '问题整改率', '优良率'],
  timeliness: ['按时完成率', '办结时限', '响应时间', '资金拨付及时率'],
  cost: ['成本控制', '单位成本', '项目总成本'],
  economic: ['带动就业人数', '降低运行成本', '带动社会投资'],
  social: ['群众受益人数', '事故起数下降', '服务覆盖率'],
  ecological: ['绿化面积', '污染物减排', '节能降耗'],
  sustainability: ['长效机制', '制度建设', '持续运行年限'],
  beneficiary: ['服务对象满意度', '群众满意度', '受益对象满意度'],
};

/** Prose from the examples: goals, text targets and actuals, reasons; the same for every seed. */
export function loadPools(examplesDir = EXAMPLES_DIR) {
  const pools = { expected: [], actual: [], target: [], achieved: [], deviation: [] };
  for (const name of readdirSync(examplesDir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const form = parse(readFileSync(path.join(examplesDir, name), 'utf8'));
    if (form.goals?.expected) pools.expected.push(String(form.goals.expected));
    if (form.goals?.actual) pools.actual.push(String(form.goals.actual));
    if (form.funds?.deviation) pools.deviation.push(String(form.funds.deviation));
    for (const group of Object.values(form.indicators ?? {})) {
      for (const list of Object.values(group ?? {})) {
        for (const ind of list ?? []) {
          const t = String(ind.target ?? '');
          // Only sentences: a target with a digit-led quantity would change the indicator's kind.
          if (t.length > 8 && !/^[≥≤<>=不至达控]|^\d/.test(t)) pools.target.push(t);
          const a = String(ind.actual ?? '');
          if (a.length > 4 && !/^\d/.test(a)) pools.achieved.push(a);
          if (ind.deviation) pools.deviation.push(String(ind.deviation));
        }
      }
    }
  }
  if (Object.values(pools).some((p) => p.length === 0)) throw new Error(`examples in ${examplesDir} give too little prose`);
  return pools;
}

// Each fault is injected into this share of forms (independently); the rest stay clean.
export const FAULT_RATES = {
  'weights-sum': 0.06,
  'level-weights': 0.04,
  'rate-mismatch': 0.08,
  'funds-total-mismatch': 0.04,
  'funds-score-mismatch': 0.06,
  'score-mismatch': 0.1,
  'total-mismatch': 0.08,
  'grade-mismatch': 0.04,
  'score-missing': 0.02,
  'rating-band': 0.03,
  'score-exceeds-weight': 0.02,
  'unit-mismatch': 0.02,
  'zero-budget': 0.01,
  overspend: 0.02,
  'yaml-syntax': 0.01,
  schema: 0.015,
};

const q = (s) => JSON.stringify(s);
const round = (d, places) => d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
const trim0 = (s) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
const FULL = '０１２３４５６７８９';
const fullWidth = (s) => s.replace(/[0-9]/g, (c) => FULL[Number(c)]).replace('.', '．');

/** A random amount in cents between lo and hi 万元, as a Decimal with 2 places. */
function amount(r, lo, hi) {
  return new Decimal(r.int(lo * 100, hi * 100)).div(100);
}

/** How an amount is written: mostly a YAML number, sometimes a string with separators or full-width digits. */
function amountText(r, d, unit) {
  const v = unit === '元' ? d.times(10000) : d;
  const plain = v.toFixed(2);
  const x = r.next();
  if (x < 0.72) return trim0(plain);
  if (x < 0.8) return plain;
  const [int, frac] = plain.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
  if (x < 0.94) return q(`${grouped}.${frac}`);
  return q(fullWidth(trim0(plain)));
}

function partition(r, total, k) {
  if (k <= 1) return [total];
  const cuts = new Set();
  while (cuts.size < k - 1) cuts.add(r.int(1, total - 1));
  const sorted = [...cuts].sort((a, b) => a - b);
  return [...sorted, total].map((c, i) => c - (i === 0 ? 0 : sorted[i - 1]));
}

/** One quantitative indicator: target and actual text, direction, and exact A and B in the target's unit. */
function quantity(r, level2) {
  const kind =
    level2 === 'cost'
      ? 'cost'
      : level2 === 'timeliness' && r.chance(0.5)
        ? 'days'
        : r.pick(['percent', 'count', 'count', 'percent', 'days', 'equal']);
  if (kind === 'percent') {
    const A = new Decimal(r.pick([60, 80, 85, 90, 95, 98, 100]));
    const B = round(A.times(r.next() * 0.5 + 0.75), 1).clamp(0, 100);
    const target = r.pick([`≥${A}%`, `${A}%以上`, `不低于${A}%`, `达到${A}%`, `≥${A}％`]);
    return { target, actual: `${B}${r.chance(0.9) ? '%' : '％'}`, direction: 'positive', A, B };
  }
  if (kind === 'count' || kind === 'equal') {
    const unit = r.pick(UNITS);
    const A = new Decimal(r.int(5, 2000));
    const B = kind === 'equal' && r.chance(0.6) ? A : new Decimal(Math.max(0, Math.round(A.toNumber() * (r.next() * 0.8 + 0.7))));
    const target =
      kind === 'equal'
        ? r.pick([`${A}${unit}`, `=${A}${unit}`])
        : r.pick([`≥${A}${unit}`, `不少于${A}${unit}`, `${A}${unit}以上`, `至少${A}${unit}`]);
    return { target, actual: `${B}${unit}`, direction: kind === 'equal' ? 'equal' : 'positive', A, B };
  }
  if (kind === 'days') {
    const A = new Decimal(r.int(3, 90));
    const B = new Decimal(Math.max(1, Math.round(A.toNumber() * (r.next() * 0.8 + 0.7))));
    return { target: r.pick([`≤${A}天`, `不超过${A}天`, `控制在${A}天以内`, `${A}天以内`]), actual: `${B}天`, direction: 'negative', A, B };
  }
  // cost: 万元, with the actual sometimes written in 元 (converted by the engine).
  const A = new Decimal(r.int(50, 3000));
  const B = round(A.times(r.next() * 0.3 + 0.85), 2);
  const actual = r.chance(0.3) ? `${trim0(B.times(10000).toFixed(2))}元` : `${trim0(B.toFixed(2))}万元`;
  return { target: r.pick([`≤${A}万元`, `控制在${A}万元以内`, `不超过${A}万元`]), actual, direction: 'negative', A, B };
}

function exactScore(direction, A, B, w, negative) {
  if (direction === 'negative') {
    if (negative === 'linear') {
      if (B.lte(A)) return w;
      if (A.lte(0) || B.gte(A.times(2))) return new Decimal(0);
      return w.times(new Decimal(1).minus(B.minus(A).div(A)));
    }
    return B.lte(0) ? w : w.times(Decimal.min(A.div(B), 1));
  }
  return A.isZero() ? w : w.times(Decimal.min(B.div(A), 1));
}

/** A stated value that disagrees, within [0, max]: off by at least three steps at the stated precision. */
function skew(r, d, places, max = 1e9) {
  const step = new Decimal(1).div(new Decimal(10).pow(places));
  const delta = step.times(r.int(3, 40));
  const up = d.plus(delta).lte(max);
  const down = d.gte(delta);
  if (up && (!down || r.chance(0.5))) return d.plus(delta);
  if (down) return d.minus(delta);
  return d.gt(new Decimal(max).minus(d)) ? new Decimal(0) : new Decimal(max);
}

function gradeOf(total) {
  if (total.gte(90)) return '优';
  if (total.gte(80)) return '良';
  if (total.gte(60)) return '中';
  return '差';
}

/** Lines of a block scalar, or a quoted one-liner for short text. */
function textField(indent, key, text) {
  if (!text.includes('\n') && text.length < 60) return [`${indent}${key}: ${q(text)}`];
  return [`${indent}${key}: |-`, ...text.split('\n').map((l) => `${indent}  ${l}`)];
}

/**
 * Generates form `i` of a run: its YAML text, a relative path, and what was injected.
 * @returns {{ path: string, text: string, faults: string[], indicators: number, renderable: boolean }}
 */
export function generateForm(i, seed, pools) {
  const r = prng((seed * 1_000_003 + i * 7919) >>> 0);
  const faults = new Set();
  const inject = (code) => {
    if (r.chance(FAULT_RATES[code])) faults.add(code);
    return faults.has(code);
  };
  const want = Object.fromEntries(Object.keys(FAULT_RATES).map((c) => [c, inject(c)]));
  const linear = r.chance(0.05);
  const places = 2;
  const rp = (d) => round(d, places);

  const place = r.pick(PLACES);
  const agency = r.pick(AGENCIES);
  const department = `${place}${agency}`;
  const topic = r.pick(TOPICS);
  const year = r.int(2019, 2024);
  const lines = [
    `# Generated by bench/generate.mjs (seed ${seed}, form ${i}).`,
    'evalform: 1',
    `year: ${year}`,
    `project: ${q(`${topic}（${String(i).padStart(4, '0')}）`)}`,
    `department: ${q(department)}`,
    `implementer: ${q(`${department}${r.pick(['本级', '机关', '直属单位'])}`)}`,
    '',
  ];

  // Funds: rows with exact amounts; the total row is their sum.
  const unit = r.chance(0.85) ? '万元' : '元';
  const w = new Decimal(10);
  const rows = [];
  const add = (key, lo, hi) => {
    const annual = amount(r, lo, hi);
    const initial = round(annual.times(r.next() * 0.3 + 0.7), 2);
    let rate = r.chance(0.25) ? r.next() * 0.3 + 0.55 : r.next() * 0.15 + 0.85;
    if (want.overspend && key === 'appropriation') rate = 1.02 + r.next() * 0.1;
    const executed = round(annual.times(rate), 2);
    rows.push({ key, initial, annual, executed });
  };
  add('appropriation', 10, 5000);
  if (r.chance(0.35)) add('carryover', 1, 500);
  if (r.chance(0.15)) add('other', 1, 300);
  if (want['zero-budget']) {
    rows.length = 1;
    rows[0].annual = new Decimal(0);
  }
  const sum = (col) => rows.reduce((s, row) => s.plus(row[col]), new Decimal(0));
  const total = { key: 'total', initial: sum('initial'), annual: sum('annual'), executed: sum('executed') };
  const rateOf = (row) => (row.annual.isZero() ? undefined : row.executed.div(row.annual).times(100));
  const fundsRate = rateOf(total);
  const fundsScore = fundsRate === undefined ? new Decimal(0) : rp(w.times(Decimal.min(fundsRate.div(100), 1)));
  const statedRate = (row, force) => {
    const rate = rateOf(row);
    if (rate === undefined || rate.gt(100) || !(force || r.chance(0.5))) return undefined;
    const p = r.chance(0.85) ? 2 : 1;
    return `${(force ? skew(r, round(rate, p), p) : round(rate, p)).toFixed(p)}%`;
  };

  lines.push('funds:');
  if (unit === '元' || r.chance(0.2)) lines.push(`  unit: ${unit}`);
  if (r.chance(0.8)) lines.push('  weight: 10');
  let rateFault = want['rate-mismatch'] && !want['zero-budget'];
  if (!rateFault) faults.delete('rate-mismatch');
  for (const key of ['appropriation', 'carryover', 'other']) {
    const row = rows.find((x) => x.key === key);
    if (!row) {
      if (r.chance(0.5)) lines.push(`  ${key}: {}`);
      continue;
    }
    lines.push(`  ${key}:`);
    for (const col of ['initial', 'annual', 'executed']) lines.push(`    ${col}: ${amountText(r, row[col], unit)}`);
    const rate = statedRate(row, rateFault);
    if (rate) {
      lines.push(`    rate: ${rate}`);
      rateFault = false;
    }
  }
  if (rateFault) faults.delete('rate-mismatch');
  if (!want['zero-budget'] && (want['funds-total-mismatch'] || r.chance(0.6))) {
    lines.push('  total:');
    const off = want['funds-total-mismatch'] ? r.pick(['initial', 'annual', 'executed']) : undefined;
    for (const col of ['initial', 'annual', 'executed']) {
      const v = col === off ? total[col].plus(new Decimal(r.int(1, 999)).div(100)) : total[col];
      lines.push(`    ${col}: ${amountText(r, v, unit)}`);
    }
    const rate = statedRate(total, false);
    if (rate) lines.push(`    rate: ${rate}`);
  } else {
    faults.delete('funds-total-mismatch');
  }
  if (want['funds-score-mismatch'] && !want['zero-budget']) {
    lines.push(`  score: ${skew(r, fundsScore, 1, 10).toFixed(1)}`);
  } else {
    faults.delete('funds-score-mismatch');
    if (r.chance(0.7)) lines.push(`  score: ${r.chance(0.5) ? fundsScore.toFixed(2) : trim0(fundsScore.toFixed(2))}`);
  }
  const explain = fundsRate?.lt(90) === true && r.chance(0.85);
  lines.push(...textField('  ', 'deviation', explain ? r.pick(pools.deviation) : ''));
  lines.push('');
  lines.push('goals:', ...textField('  ', 'expected', r.pick(pools.expected)), ...textField('  ', 'actual', r.pick(pools.actual)), '');

  // Indicators: each 一级's points split among a random number of 三级 indicators.
  const inds = [];
  for (const level of LEVELS) {
    const k = level.key === 'satisfaction' ? r.int(1, 2) : r.int(2, level.key === 'output' ? 12 : 7);
    for (const weight of partition(r, level.weight, k)) inds.push({ level1: level.key, level2: r.pick(level.level2), weight });
  }
  if (want['weights-sum']) r.pick(inds).weight += r.int(1, 3);
  if (want['level-weights'] && !want['weights-sum']) {
    const from = inds.find((x) => x.level1 === 'output' && x.weight > 2);
    const to = inds.find((x) => x.level1 === 'outcome');
    if (from && to) {
      from.weight -= 2;
      to.weight += 2;
    } else faults.delete('level-weights');
  } else if (!want['weights-sum']) faults.delete('level-weights');
  if (r.chance(0.04)) inds.push({ level1: 'outcome', level2: 'ecological', weight: 0, na: true });

  // Each indicator fault on its own indicator (never the not-applicable one).
  const special = {};
  const taken = new Set();
  for (const code of ['score-missing', 'rating-band', 'score-exceeds-weight', 'unit-mismatch', 'score-mismatch']) {
    if (!want[code]) continue;
    const n = r.int(0, inds.length - 1);
    if (!taken.has(n) && !inds[n].na) {
      special[code] = n;
      taken.add(n);
    }
  }
  let indicatorTotal = new Decimal(0);
  let scoreFault = false;
  for (const [n, ind] of inds.entries()) {
    const w8 = new Decimal(ind.weight);
    ind.lines = [];
    const name = r.chance(0.9) ? r.pick(NAMES[ind.level2]) : undefined;
    if (name) ind.lines.push(`name: ${q(name)}`);
    let deviation = '';
    if (ind.na) {
      ind.lines.push('target: /', 'actual: /', 'weight: 0');
    } else if (special['unit-mismatch'] === n) {
      ind.lines.push(`target: "≥${r.int(80, 95)}%"`, `actual: "${r.int(5, 50)}${r.pick(UNITS)}"`, `weight: ${w8}`, `score: ${w8}`);
      indicatorTotal = indicatorTotal.plus(w8);
    } else if (!taken.has(n) && r.chance(0.55)) {
      const qn = quantity(r, ind.level2);
      const exact = exactScore(qn.direction, qn.A, qn.B, w8, linear ? 'linear' : 'ratio');
      indicatorTotal = indicatorTotal.plus(rp(exact));
      ind.lines.push(`target: ${q(qn.target)}`, `actual: ${q(qn.actual)}`, `weight: ${w8}`);
      if (r.chance(0.8)) ind.lines.push(`score: ${trim0(rp(exact).toFixed(2))}`);
      if (rp(exact).lt(w8) || (qn.direction !== 'negative' && qn.B.gte(qn.A.times(1.3))))
        deviation = r.chance(0.95) ? r.pick(pools.deviation) : '';
    } else if (special['score-mismatch'] === n) {
      // A quantity whose stated score is visibly wrong.
      const A = new Decimal(r.int(50, 500));
      const B = new Decimal(r.int(20, 49));
      const exact = w8.times(B.div(A));
      indicatorTotal = indicatorTotal.plus(rp(exact));
      ind.lines.push(`target: "≥${A}个"`, `actual: "${B}个"`, `weight: ${w8}`, `score: ${skew(r, rp(exact), 2, w8.toNumber()).toFixed(2)}`);
      deviation = r.pick(pools.deviation);
      scoreFault = true;
    } else {
      ind.lines.push(`target: ${q(r.pick(pools.target))}`, `actual: ${q(r.pick(pools.achieved))}`, `weight: ${w8}`);
      let s;
      let rating;
      if (special['score-missing'] === n) {
        rating = r.chance(0.5) ? '部分达成' : undefined;
      } else if (special['score-exceeds-weight'] === n) {
        s = w8.plus(r.int(1, 5));
      } else if (special['rating-band'] === n) {
        rating = '达成';
        s = round(w8.times(0.5), 1);
      } else {
        const x = r.next();
        if (x < 0.6) s = w8;
        else if (x < 0.85) s = round(w8.times(r.next() * 0.2 + 0.8), 1).clamp(0, w8.toNumber());
        else s = round(w8.times(r.next() * 0.19 + 0.6), 1);
        rating = r.chance(0.3) ? (s.gte(w8.times(0.8)) ? '达成' : '部分达成') : undefined;
        if (rating === '达成' && s.eq(w8) && r.chance(0.5)) s = undefined;
      }
      if (s !== undefined) ind.lines.push(`score: ${trim0(s.toFixed(1))}`);
      if (rating) ind.lines.push(`rating: ${rating}`);
      // A stated score above the weight counts at the weight (the engine flags it as score-exceeds-weight).
      const points = s !== undefined ? rp(Decimal.min(s, w8)) : rating === '达成' ? w8 : new Decimal(0);
      indicatorTotal = indicatorTotal.plus(points);
      if (points.lt(w8)) deviation = r.chance(0.95) ? r.pick(pools.deviation) : '';
    }
    ind.lines.push(...textField('', 'deviation', deviation));
  }
  if (!scoreFault) faults.delete('score-mismatch');
  for (const code of ['score-missing', 'rating-band', 'score-exceeds-weight', 'unit-mismatch']) {
    if (!(code in special)) faults.delete(code);
  }

  lines.push('indicators:');
  for (const level of LEVELS) {
    const own = inds.filter((x) => x.level1 === level.key);
    lines.push(`  ${level.key}:`);
    for (const level2 of level.level2) {
      const list = own.filter((x) => x.level2 === level2);
      if (list.length === 0) {
        if (r.chance(0.3)) lines.push(`    ${level2}: []`);
        continue;
      }
      lines.push(`    ${level2}:`);
      for (const ind of list) for (const [k, l] of ind.lines.entries()) lines.push(`${k === 0 ? '      - ' : '        '}${l}`);
    }
  }
  lines.push('');

  const sumTotal = fundsScore.plus(indicatorTotal);
  if (want['total-mismatch']) lines.push(`total: ${skew(r, sumTotal, 1, 100).toFixed(1)}`);
  else if (sumTotal.lte(100) && r.chance(0.75)) lines.push(`total: ${trim0(sumTotal.toFixed(2))}`);
  const grade = gradeOf(sumTotal);
  if (want['grade-mismatch']) lines.push(`grade: ${r.pick(['优', '良', '中', '差'].filter((g) => g !== grade))}`);
  else if (r.chance(0.6)) lines.push(`grade: ${grade}`);
  lines.push(
    '',
    'signoff:',
    `  preparer: ${r.pick(PEOPLE)}`,
    `  date: "${year + 1}-0${r.int(1, 6)}-${String(r.int(10, 28))}"`,
    `  phone: "${r.int(80000000, 89999999)}"`,
    '  head: ""',
  );
  if (linear) lines.push('', 'rules:', '  negative: linear');

  if (want.schema) {
    // A misspelt key, as people write them.
    const at = lines.findIndex((l) => l.startsWith('year:'));
    lines.splice(at + 1, 0, r.pick(['projcet: 拼错的字段', 'yaer: 2022', 'remark: 备注']));
  }
  if (want['yaml-syntax']) {
    const at = lines.findIndex((l) => l.startsWith('goals:'));
    lines.splice(at, 0, r.pick(['note: "未闭合的引号', '\tnote: Tab 缩进', 'funds: 重复的键']));
  }
  const broken = want.schema || want['yaml-syntax'];
  if (broken) for (const code of [...faults]) if (code !== 'schema' && code !== 'yaml-syntax') faults.delete(code);

  const dept = `dept-${String(AGENCIES.indexOf(agency) + 1).padStart(2, '0')}`;
  return {
    path: `${dept}/form-${String(i).padStart(4, '0')}.yaml`,
    text: `${lines.join('\n')}\n`,
    faults: [...faults].sort(),
    indicators: inds.length,
    renderable: !broken,
  };
}

/** N forms for `seed`, in index order. */
export function generateForms(n, seed = 1, pools = loadPools()) {
  return Array.from({ length: n }, (_, i) => generateForm(i + 1, seed, pools));
}

/** Replaces `dir` with the forms, and writes a manifest of what each one holds beside it. */
export function writeForms(dir, forms, manifestFile) {
  rmSync(dir, { recursive: true, force: true });
  for (const f of forms) {
    const file = path.join(dir, f.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.text);
  }
  if (manifestFile) {
    const manifest = forms.map(({ text: _, ...meta }) => meta);
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
  }
}
