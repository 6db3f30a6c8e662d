// The printed table's content: computed values formatted as the paper prints them, grouped as on the form.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { chineseDate, GRID_TWIPS, labelLines, tableView, type TableView } from '../src/render/view.js';
import { example, formYaml, full } from './helpers.js';

function view(name: string): TableView {
  const ev = evaluate(example(name), name);
  if (!ev.result) throw new Error(`${name} was not scored`);
  return tableView(ev.result);
}

function viewOf(yaml: string): TableView {
  const ev = evaluate(yaml, 'form.yaml');
  if (!ev.result) throw new Error(JSON.stringify(ev.findings));
  return tableView(ev.result);
}

const fundsCells = (v: TableView): string[][] => v.funds.map((f) => [f.label, f.initial, f.annual, f.executed, f.weight, f.rate, f.score]);

describe('tableView of the seed tables', () => {
  it('prints the computed 执行率, funds score and total, never the stated ones (table 1)', () => {
    const v = view('hunan-2022-business.yaml');
    expect(v.title).toBe('2022年度项目支出绩效自评表');
    expect([v.project, v.department, v.implementer]).toEqual(['业务工作经费', '湖南省信访局', '湖南省信访局本级']);
    expect(v.fundsUnit).toBe('万元');
    expect(fundsCells(v)).toEqual([
      ['年度资金总额', '1234.22', '1983.98', '1472.51', '10', '74.22%', '7.42'],
      ['其中：当年财政拨款', '1234.22', '1983.98', '1472.51', '10', '74.22%', '7.42'],
      ['上年结转资金', '', '', '', '', '', ''],
      ['其他资金', '', '', '', '', '', ''],
    ]);
    expect(v.total).toEqual({ weight: '100', score: '97.42', grade: '优' });
  });

  it('prints 90.10% and 9.01 where table 2 states 90% and 9, and a total of 99.01', () => {
    const v = view('hunan-2022-operations.yaml');
    expect(fundsCells(v)[0]).toEqual(['年度资金总额', '175.1', '288', '259.49', '10', '90.10%', '9.01']);
    expect(v.total.score).toBe('99.01');
  });

  it('groups the indicators by 一级 and 二级 with their row spans and the 一级 weight sums', () => {
    const v = view('hunan-2022-business.yaml');
    expect(v.indicators).toHaveLength(9);
    expect(v.indicatorRowSpan).toBe(10);
    expect(v.indicators.map((r) => r.level1 && [r.level1.label, r.level1.points, r.level1.rowSpan])).toEqual([
      ['产出指标', '(50分)', 4],
      undefined,
      undefined,
      undefined,
      ['效益指标', '(30分)', 4],
      undefined,
      undefined,
      undefined,
      ['满意度指标', '(10分)', 1],
    ]);
    expect(v.indicators.map((r) => r.level2?.label)).toEqual([
      '数量指标',
      '质量指标',
      '时效指标',
      '成本指标',
      '经济效益指标',
      '社会效益指标',
      '生态效益指标',
      '可持续影响指标',
      '服务对象满意度指标',
    ]);
    // The seed repeats the 二级 label as 三级 when no name is given.
    expect(v.indicators[3]).toMatchObject({
      name: '成本指标',
      target: '2022年度业务工作费用1234.22万元',
      actual: '实际支出1472.51万元',
      weight: '10',
      score: '10.00',
    });
    expect(v.indicators[8]!.level1!.display).toBe('满意度\n指标\n(10分)');
  });

  it('gives the signoff line with the date as 2023年5月22日 and the 备注', () => {
    const v = view('hunan-2022-business.yaml');
    expect(v.signoff).toEqual({ preparer: '范建平', date: '2023年5月22日', phone: '81125819', head: '' });
    expect(v.note).toBe('一个一级项目支出一张表。如，业务工作经费，运行维护经费，其他事业发展类资金…各一张表。');
    expect(v.date).toBe('2023-05-22');
  });
});

describe('tableView of other forms', () => {
  it('shows each funds row with its own rate, and 分值 / 得分 only on the total when money came from several rows', () => {
    const v = view('quantitative.yaml');
    expect(fundsCells(v)).toEqual([
      ['年度资金总额', '1350', '1500', '1389.9', '10', '92.66%', '9.27'],
      ['其中：当年财政拨款', '1200', '1350', '1268.4', '', '93.96%', ''],
      ['上年结转资金', '150', '150', '121.5', '', '81.00%', ''],
      ['其他资金', '', '', '', '', '', ''],
    ]);
    expect(v.total).toEqual({ weight: '100', score: '95.69', grade: '优' });
  });

  it('prints a not-applicable indicator as / and keeps several indicators of one 二级 under one merged cell', () => {
    const v = view('quantitative.yaml');
    const na = v.indicators.find((r) => r.target === '/');
    expect(na).toMatchObject({ weight: '/', score: '/' });
    const quantity = v.indicators.slice(0, 3);
    expect(quantity.map((r) => r.level2?.rowSpan)).toEqual([3, undefined, undefined]);
    expect(quantity.map((r) => r.name)).toEqual(['日常养护里程', '新增安全防护设施', expect.any(String)]);
    expect(v.indicators.filter((r) => r.level1).map((r) => [r.level1!.points, r.level1!.rowSpan])).toEqual([
      ['(50分)', 10],
      ['(30分)', 6],
      ['(10分)', 1],
    ]);
    expect(v.indicatorRowSpan).toBe(v.indicators.length + 1);
  });

  it('orders indicators as the paper does whatever order the YAML gives them', () => {
    const yaml = formYaml({ indicators: [full('satisfaction/beneficiary', 10), full('outcome/social', 30), full('output/quantity', 50)] });
    const v = viewOf(yaml);
    expect(v.indicators.map((r) => r.level1?.label)).toEqual(['产出指标', '效益指标', '满意度指标']);
  });

  it('uses the form note, a date as written when it is not ISO, and 元 as the unit', () => {
    const yaml = formYaml({ unit: '元' }).replace(
      'evalform: 1\n',
      'evalform: 1\nnote: 本表金额单位为元。\nsignoff:\n  preparer: 张三\n  date: 2023年5月\n  phone: ""\n  head: 李四\n',
    );
    const v = viewOf(yaml);
    expect(v.note).toBe('本表金额单位为元。');
    expect(v.signoff).toEqual({ preparer: '张三', date: '2023年5月', phone: '', head: '李四' });
    expect(v.fundsUnit).toBe('元');
  });
});

describe('helpers', () => {
  it('writes dates the Chinese way', () => {
    expect(chineseDate('2023-05-22')).toBe('2023年5月22日');
    expect(chineseDate('2024-12-01')).toBe('2024年12月1日');
    expect(chineseDate('五月')).toBe('五月');
  });

  it('breaks long labels where the paper does', () => {
    expect(labelLines('产出指标')).toEqual(['产出指标']);
    expect(labelLines('满意度指标')).toEqual(['满意度', '指标']);
    expect(labelLines('经济效益指标')).toEqual(['经济效益', '指标']);
    expect(labelLines('可持续影响指标')).toEqual(['可持续', '影响指标']);
    expect(labelLines('服务对象满意度指标')).toEqual(['服务对象', '满意度', '指标']);
    expect(labelLines('日常养护里程')).toEqual(['日常养护里程']);
  });

  it('has a grid that fills the A4 text width between 1.8 cm margins', () => {
    expect(GRID_TWIPS.reduce((a, b) => a + b, 0)).toBe(11906 - 2 * 1020);
  });
});
