import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { alignUnits, isNotApplicable, parseQuantity, type Direction, type Quantity } from '../src/score/quantity.js';

type Row = [input: string, value: string, unit: string, direction: Direction, comparison: string];

// Every comparison word, as prefix and suffix, full width, separators, units.
const quantities: Row[] = [
  // bare numbers and units
  ['27%', '27', '%', 'equal', ''],
  ['100', '100', '', 'equal', ''],
  ['0', '0', '', 'equal', ''],
  ['  12.5  ', '12.5', '', 'equal', ''],
  ['1,234.22万元', '1234.22', '万元', 'equal', ''],
  ['1，234万元', '1234', '万元', 'equal', ''],
  ['3.5万人次', '3.5', '万人次', 'equal', ''],
  ['98.5%', '98.5', '%', 'equal', ''],
  ['98.5％', '98.5', '%', 'equal', ''],
  ['98.5百分比', '98.5', '%', 'equal', ''],
  ['１２％', '12', '%', 'equal', ''],
  ['１，２３４．５元', '1234.5', '元', 'equal', ''],
  ['120个', '120', '个', 'equal', ''],
  ['30 天', '30', '天', 'equal', ''],
  ['5‰', '5', '‰', 'equal', ''],
  ['60km/h', '60', 'km/h', 'equal', ''],
  ['500㎡', '500', '㎡', 'equal', ''],
  ['500m²', '500', 'm²', 'equal', ''],
  ['26°C', '26', '°C', 'equal', ''],
  ['80元/人', '80', '元/人', 'equal', ''],
  // positive prefixes
  ['≥25%', '25', '%', 'positive', '≥'],
  ['>=25%', '25', '%', 'positive', '>='],
  ['＞＝25%', '25', '%', 'positive', '＞＝'],
  ['≧25%', '25', '%', 'positive', '≧'],
  ['不低于95%', '95', '%', 'positive', '不低于'],
  ['不少于120个', '120', '个', 'positive', '不少于'],
  ['至少3次', '3', '次', 'positive', '至少'],
  ['达到100%', '100', '%', 'positive', '达到'],
  ['大于等于90分', '90', '分', 'positive', '大于等于'],
  ['>0', '0', '', 'positive', '>'],
  ['＞0', '0', '', 'positive', '＞'],
  ['高于80%', '80', '%', 'positive', '高于'],
  ['超过1000人', '1000', '人', 'positive', '超过'],
  ['大于50', '50', '', 'positive', '大于'],
  ['≥ 266 米', '266', '米', 'positive', '≥'],
  // negative prefixes
  ['≤5%', '5', '%', 'negative', '≤'],
  ['<=5%', '5', '%', 'negative', '<='],
  ['＜＝5%', '5', '%', 'negative', '＜＝'],
  ['≦5%', '5', '%', 'negative', '≦'],
  ['不高于10%', '10', '%', 'negative', '不高于'],
  ['不超过300万元', '300', '万元', 'negative', '不超过'],
  ['不多于2次', '2', '次', 'negative', '不多于'],
  ['控制在1,500元', '1500', '元', 'negative', '控制在'],
  ['小于等于3天', '3', '天', 'negative', '小于等于'],
  ['<1%', '1', '%', 'negative', '<'],
  ['＜1%', '1', '%', 'negative', '＜'],
  ['低于2%', '2', '%', 'negative', '低于'],
  ['小于0.5%', '0.5', '%', 'negative', '小于'],
  // equal
  ['=100%', '100', '%', 'equal', '='],
  ['＝100%', '100', '%', 'equal', '＝'],
  ['﹦100%', '100', '%', 'equal', '﹦'],
  ['等于12个', '12', '个', 'equal', '等于'],
  // suffixes, after the number and after the unit
  ['95%以上', '95', '%', 'positive', '以上'],
  ['95以上', '95', '', 'positive', '以上'],
  ['95% 以上', '95', '%', 'positive', '以上'],
  ['5%以下', '5', '%', 'negative', '以下'],
  ['300万元以内', '300', '万元', 'negative', '以内'],
  ['10个以内', '10', '个', 'negative', '以内'],
  ['９５％以上', '95', '%', 'positive', '以上'],
  ['90%及以上', '90', '%', 'positive', '及以上'],
  ['95分及以上', '95', '分', 'positive', '及以上'],
  ['2次及以下', '2', '次', 'negative', '及以下'],
  ['3天及以内', '3', '天', 'negative', '及以内'],
  // prefix and suffix that agree
  ['不低于95%以上', '95', '%', 'positive', '不低于…以上'],
  ['控制在5%以内', '5', '%', 'negative', '控制在…以内'],
  ['≤ 300 万元 以内', '300', '万元', 'negative', '≤…以内'],
  // FORMAT.md §7 1.1: an equal prefix does not contradict a suffix, which gives the direction
  ['=100以上', '100', '', 'positive', '=…以上'],
  ['等于5以上', '5', '', 'positive', '等于…以上'],
  ['=5%以内', '5', '%', 'negative', '=…以内'],
  // FORMAT.md §2 1.1: 不小于, 不大于, ═, a trailing 内
  ['不小于95%', '95', '%', 'positive', '不小于'],
  ['不大于5%', '5', '%', 'negative', '不大于'],
  ['═100%', '100', '%', 'equal', '═'],
  ['═100以上', '100', '', 'positive', '═…以上'],
  ['30天内', '30', '天', 'negative', '内'],
  ['≤30天内', '30', '天', 'negative', '≤…内'],
  ['3个工作天内', '3', '个工作天', 'negative', '内'],
];

const notQuantities: string[] = [
  '',
  '   ',
  '2023年信访总量总体下降到25%以上。',
  '群众满意度评价90%以上。',
  '完成',
  '按时完成',
  '以上',
  '≥',
  '≥%',
  '%',
  '万元',
  '/',
  '—',
  '-',
  '不适用',
  '25%，30%',
  '约25%',
  '25%左右',
  '12a3',
  '1,23.4万元',
  '2023年12月',
  '2023年底前完成',
  '95%及',
  '%5',
  '5%%',
  '3 万 元',
  '100/',
  '/h',
  '5元/',
  '100元/平方米',
  '1.2.3',
  'NaN',
  '.inf',
  '不低于95%以下',
  '≤5%以上',
  // FORMAT.md §2 1.1: contradicting prefix and suffix; a sign, an exponent, a leading point
  '≥100个以下',
  '不少于100个以内',
  '-5%',
  '+5%',
  '≥-5%',
  '≥ -5%',
  '≥+5%',
  '不低于-3个',
  '-0',
  '1e2',
  '1E2个',
  '≥1e2个',
  '1.5e+1%',
  '.5',
  '≥.5%',
  '.5万元',
  '－5%',
  '≥≥5',
  '25%。',
  '25；',
  'ＡＢ1',
  // FORMAT.md §2 1.1: contradictions with the new words; 左右, 年度, 年, 月, 日 are never units
  '≥30天内',
  '不小于5%以下',
  '不大于5以上',
  '100左右',
  '1000人左右',
  '2023年度',
  '2023年',
  '12月',
  '15日',
  '3个月',
  '5个工作日',
];

describe('parseQuantity: written forms that are quantities', () => {
  it.each(quantities)('%j → %s %j %s %j', (input, value, unit, direction, comparison) => {
    const q = parseQuantity(input);
    expect(q).toBeDefined();
    expect(q!.value.eq(new Decimal(value))).toBe(true);
    expect(q!.unit).toBe(unit);
    expect(q!.direction).toBe(direction);
    expect(q!.comparison).toBe(comparison);
  });
});

describe('parseQuantity: written forms that are not quantities', () => {
  it.each(notQuantities)('%j → not a quantity', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });
});

describe('the table covers the brief', () => {
  it('has at least 60 written forms', () => {
    expect(quantities.length + notQuantities.length).toBeGreaterThanOrEqual(60);
  });
});

describe('isNotApplicable', () => {
  const cases: [string, boolean][] = [
    ['/', true],
    ['／', true],
    ['—', true],
    ['——', true],
    ['-', true],
    ['－', true],
    ['不适用', true],
    ['  / ', true],
    ['', false],
    ['0', false],
    ['无', false],
    ['//', false],
    ['-5', false],
    ['不适用。', false],
  ];
  it.each(cases)('%j → %s', (input, expected) => {
    expect(isNotApplicable(input)).toBe(expected);
  });
});

describe('alignUnits', () => {
  const q = (s: string): Quantity => {
    const parsed = parseQuantity(s);
    if (!parsed) throw new Error(`not a quantity: ${s}`);
    return parsed;
  };
  const ok: [target: string, actual: string, t: string, a: string, unit: string][] = [
    ['≥25%', '27%', '25', '27', '%'],
    ['≥25%', '27％', '25', '27', '%'],
    ['≥90百分比', '95%', '90', '95', '%'],
    ['≥90％', '95百分比', '90', '95', '%'],
    ['≥25%', '27', '25', '27', '%'],
    ['100', '98个', '100', '98', '个'],
    ['100', '98', '100', '98', ''],
    ['300万元', '2,500,000元', '300', '250', '万元'],
    ['3000000元', '250万元', '3000000', '2500000', '元'],
    ['≤300万元', '1234.5元', '300', '0.12345', '万元'],
    ['不少于120个', '≥130个', '120', '130', '个'],
    ['≥266米', '≥270米', '266', '270', '米'],
    // FORMAT.md §2 1.1: more conversions, exactly, in the target's unit
    ['≥1.2万人', '13000人', '1.2', '1.3', '万人'],
    ['12000人', '1.3万人', '12000', '13000', '人'],
    ['≥5万亩', '60000亩', '5', '6', '万亩'],
    ['10万株', '9.5万株', '10', '9.5', '万株'],
    ['2万平方米', '25000平方米', '2', '2.5', '万平方米'],
    ['≥1.5亿元', '16000万元', '1.5', '1.6', '亿元'],
    ['≥1.5亿元', '160000000元', '1.5', '1.6', '亿元'],
    ['3000万元', '0.25亿元', '3000', '2500', '万元'],
    ['≥12公里', '12500米', '12', '12.5', '公里'],
    ['12千米', '13公里', '12', '13', '千米'],
    ['500米', '0.6公里', '500', '600', '米'],
    ['≥2吨', '2500千克', '2', '2.5', '吨'],
    ['2000公斤', '1.5吨', '2000', '1500', '公斤'],
    ['≤2小时', '90分钟', '2', '1.5', '小时'],
    ['≤30分钟', '1小时', '30', '60', '分钟'],
    ['≥3个百分点', '2.5个百分点', '3', '2.5', '个百分点'],
    ['≥1万', '12000', '1', '12000', '万'],
  ];
  it.each(ok)('%s vs %s → %s, %s in %j', (target, actual, t, a, unit) => {
    const r = alignUnits(q(target), q(actual));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.target.eq(new Decimal(t))).toBe(true);
    expect(r.actual.eq(new Decimal(a))).toBe(true);
    expect(r.unit).toBe(unit);
  });

  const bad: [target: string, actual: string, t: string, a: string][] = [
    ['120个', '130人', '个', '人'],
    ['≥95%', '95个', '%', '个'],
    ['300万元', '300万人次', '万元', '万人次'],
    ['5‰', '5%', '‰', '%'],
    ['30天', '1周', '天', '周'],
    ['≥3个百分点', '5%', '个百分点', '%'],
    ['≥2吨', '2000米', '吨', '米'],
    ['≤1小时', '1天', '小时', '天'],
    ['1万', '5%', '万', '%'],
  ];
  it.each(bad)('%s vs %s → incompatible %s / %s', (target, actual, t, a) => {
    expect(alignUnits(q(target), q(actual))).toEqual({ ok: false, targetUnit: t, actualUnit: a });
  });
});

describe('alignUnits converts exactly', () => {
  it("in the base unit when the target's unit would not terminate (50分钟 against 1小时)", () => {
    const r = alignUnits(parseQuantity('≤1小时')!, parseQuantity('50分钟')!);
    expect(r.ok && [r.target.toFixed(), r.actual.toFixed(), r.unit]).toEqual(['60', '50', '分钟']);
  });

  it('元 to 万元 past 20 significant digits', () => {
    const r = alignUnits(parseQuantity('≥1万元')!, parseQuantity('12345678901234567890123元')!);
    expect(r.ok && r.actual.toFixed()).toBe('1234567890123456789.0123');
  });
});
