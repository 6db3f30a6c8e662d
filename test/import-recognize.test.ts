// The recognizer on Grids as any reader makes them (a Word table or a sheet): what it finds, what it notes as a
// guess, and what it refuses to guess into a form.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluate } from '../src/evaluate.js';
import { emitYaml } from '../src/import/emit.js';
import type { Grid, GridCell } from '../src/import/grid.js';
import { recognize, type Recognized } from '../src/import/recognize.js';
import type { Form } from '../src/schema/types.js';

/** A Grid from rows of texts: equal neighbours in a row that are words (not numbers) are one merged cell, as a
 * sheet's merged range reads. */
function grid(rows: string[][], extra: Partial<Grid> = {}): Grid {
  const width = Math.max(...rows.map((r) => r.length));
  const out = rows.map((texts, r) => {
    const cells: (GridCell | undefined)[] = [];
    for (let c = 0; c < width; c++) {
      const text = texts[c];
      if (text === undefined) continue;
      const left = cells[c - 1];
      if (left && /[^\d.,%元\s]/u.test(text) && left.text === text) {
        left.colSpan++;
        cells[c] = left;
      } else cells[c] = { text, row: r, col: c, rowSpan: 1, colSpan: 1 };
    }
    return Array.from({ length: width }, (_, c) => cells[c]);
  });
  return {
    name: '工作表“自评表”',
    rows: out,
    rowLabel: (r) => `第${r + 1}行`,
    colLabel: (c) => `${String.fromCharCode(65 + c)}列`,
    ...extra,
  };
}

const HEAD = [
  [
    '2021年度项目支出绩效自评表',
    '2021年度项目支出绩效自评表',
    '2021年度项目支出绩效自评表',
    '2021年度项目支出绩效自评表',
    '2021年度项目支出绩效自评表',
    '2021年度项目支出绩效自评表',
    '2021年度项目支出绩效自评表',
    '2021年度项目支出绩效自评表',
    '2021年度项目支出绩效自评表',
    '2021年度项目支出绩效自评表',
  ],
  ['项目名称', '项目名称', '档案数字化', '档案数字化', '档案数字化', '档案数字化', '档案数字化', '档案数字化', '档案数字化', '档案数字化'],
  [
    '主管部门',
    '主管部门',
    '某县档案馆',
    '某县档案馆',
    '某县档案馆',
    '某县档案馆',
    '实施单位',
    '某县档案馆本级',
    '某县档案馆本级',
    '某县档案馆本级',
  ],
  ['项目负责人', '项目负责人', '刘一', '刘一', '刘一', '刘一', '项目概况', '扫描档案', '扫描档案', '扫描档案'],
];
const FUNDS = [
  ['项目资金(元)', '', '', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  ['项目资金(元)', '', '资金总额', '资金总额', '10,000元', '10,000', '9,000', '10', '90%', '9'],
  ['项目资金(元)', '', '自筹经费', '自筹经费', '5', '5', '5', '', '', ''],
  ['项目资金(元)', '', '其中：财政资金', '其中：财政资金', '/', '10,000', '9,000', '', '90%', ''],
];
const GOALS = [
  [
    '年度目标',
    '年度目标',
    '完成 5 万页档案数字化',
    '完成 5 万页档案数字化',
    '完成 5 万页档案数字化',
    '完成 5 万页档案数字化',
    '完成 5 万页档案数字化',
    '完成 5 万页档案数字化',
    '完成 5 万页档案数字化',
    '完成 5 万页档案数字化',
  ],
];
const IND_HEAD = [
  ['绩效指标(80分)', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '指标性质', '偏差原因'],
];

function ok(g: Grid): Recognized {
  const r = recognize(g);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('recognize: a sheet-like grid with the rarer spellings', () => {
  const rows = [
    ...HEAD,
    ...FUNDS,
    ...GOALS,
    ...IND_HEAD,
    ['绩效指标(80分)', '产出指标', '数量指标', '★扫描页数', '≥5万页', '5.2万页', '40', '40', '正向指标', ''],
    ['绩效指标(80分)', '产出指标', '进度指标', '按期完成', '年底前', '11月', '十分', '10', '定量', ''],
    ['绩效指标(80分)', '', '', '其中：卷宗', '≥1万页', '1.1万页', '', '', '', ''],
    ['绩效指标(80分)', '其他指标', '其他', '无法归类', '有', '有', '5', '5', '', ''],
    ['绩效指标(80分)', '效益指标', '社会效益', '查阅便利', '明显提升', '提升', '20', '120', '', '—'],
    ['绩效指标(80分)', '满意度指标', '满意度', '群众满意度', '≥90%', '95%', '10', '10', '', ''],
    ['总分', '总分', '总分', '总分', '总分', '总分', '100', '89', '等级', '良'],
    ['其他说明事项', '其他说明事项', '无', '无', '无', '无', '无', '无', '无', '无'],
    ['填表人：张三 填报日期：2022年2月3日 联系电话：0731-1234567', '', '', '', '', '', '', '', '', ''],
  ];
  const v = ok(grid(rows));
  const f = v.form as unknown as Form;
  const quantity = f.indicators.output?.quantity ?? [];
  const social = f.indicators.outcome?.social ?? [];

  it('reads the header, the funds in 元 with their exact text, and notes what it changed', () => {
    expect(f).toMatchObject({ year: 2021, project: '档案数字化', department: '某县档案馆', implementer: '某县档案馆本级' });
    expect(f.manager).toEqual({ name: '刘一' });
    expect(f.overview).toBe('扫描档案');
    expect(f.funds.unit).toBe('元');
    expect(f.funds.total).toEqual({ initial: '10,000', annual: '10,000', executed: '9,000', rate: '90%' });
    expect(f.funds.appropriation).toEqual({ annual: '10,000', executed: '9,000', rate: '90%' });
    expect(f.funds.own).toEqual({ initial: '5', annual: '5', executed: '5' });
    expect(v.guesses).toContainEqual({ path: '/funds/total/initial', note: '表中写作“10,000元”' });
    expect(f.goals).toEqual({ expected: '完成 5 万页档案数字化' });
  });

  it('reads indicators, a core mark, 其中 rows and natures, and notes each doubt', () => {
    expect(quantity[0]).toMatchObject({ name: '扫描页数', core: true, nature: '正向', weight: 40, score: 40 });
    expect(quantity[0]?.parts).toBeUndefined();
    const timely = quantity[1]!;
    expect(timely).toMatchObject({ name: '按期完成', target: '年底前', actual: '11月', score: 10 });
    expect(timely.weight).toBe(0);
    expect(timely.parts).toEqual([{ name: '卷宗', target: '≥1万页', actual: '1.1万页' }]);
    expect(v.guesses).toContainEqual({ path: '/indicators/output/quantity/1/weight', note: '表中写作“十分”，不是分数，按 0 导入，请改正' });
    expect(v.guesses.find((g) => g.path === '/indicators/output/quantity/1')?.note).toMatch(
      /二级指标“进度指标”无法识别，归入数量指标.*指标性质“定量”/,
    );
    expect(v.guesses.find((g) => g.path === '/indicators')?.note).toContain('“无法归类”没有可识别的一级、二级指标');
    expect(social[0]?.score).toBeUndefined();
    expect(social[0]?.deviation).toBeUndefined();
    expect(f.indicators.satisfaction?.beneficiary?.[0]).toMatchObject({ name: '群众满意度', weight: 10 });
  });

  it('reads the total, a grade in the cell after 等级, the remarks and the signoff; 80分 becomes the rules', () => {
    expect(f).toMatchObject({ total: 89, grade: '良', remarks: '无' });
    expect(f.signoff).toEqual({ preparer: '张三', date: '2022-02-03', phone: '0731-1234567' });
    expect(f.rules).toEqual({ weights: { funds: 10, indicators: 80 } });
    expect(v.places['/total']).toBe('工作表“自评表” 第17行 H列 得分');
    expect(v.places['/indicators/output/quantity/0/score']).toBe('工作表“自评表” 第11行 H列 得分');
  });

  it('writes YAML that validates, with the guesses as comments beside their values', () => {
    const yaml = emitYaml(v.form, v.guesses, 'evalform.schema.json', '档案.xlsx 工作表“自评表”');
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=evalform\.schema\.json\n# 由 evalform import 从 档案\.xlsx/);
    expect(yaml).toContain('initial: 10,000 # 导入时推测：表中写作“10,000元”');
    expect(yaml).toMatch(/# 导入时推测：第14行的指标“无法归类”/);
    expect(parse(yaml)).toEqual(v.form);
    const ev = evaluate(yaml, 'x.yaml');
    expect(ev.findings.filter((x) => x.code === 'schema')).toEqual([]);
  });
});

describe('recognize: what it will not guess', () => {
  it('a table without the landmarks is not a 自评表, and says which are missing', () => {
    const r = recognize(
      grid([
        ['姓名', '电话'],
        ['王强', '123'],
      ]),
    );
    expect(r).toEqual({
      ok: false,
      reason: '不是项目支出绩效自评表：表中没有项目名称、项目资金（预算数、执行数）、绩效指标（一级、二级、三级指标）栏目',
    });
  });

  it('a 自评表 without any year is refused rather than given one', () => {
    const rows = [...HEAD.slice(1), ...FUNDS, ...IND_HEAD, ['', '产出指标', '数量指标', 'a', '1', '1', '10', '10', '', '']];
    expect(recognize(grid(rows))).toEqual({ ok: false, reason: expect.stringContaining('没有写年度') });
  });

  it('takes the year before the 填报日期 when the title has none, and says so', () => {
    const rows = [...HEAD.slice(1), ...FUNDS, ...IND_HEAD, ['', '产出指标', '数量指标', 'a', '1', '1', '10', '10', '', '']];
    const v = ok(grid(rows, { after: '填表人：李四\n填报日期：2023年1月5日' }));
    expect(v.form.year).toBe(2022);
    expect(v.guesses).toContainEqual({ path: '/year', note: '标题中没有年度，按填报日期的前一年推测' });
  });

  it('a 自评表 whose indicator block is empty is refused', () => {
    const rows = [...HEAD, ...FUNDS, ...IND_HEAD];
    expect(recognize(grid(rows))).toEqual({ ok: false, reason: '看似自评表，但绩效指标栏下一项三级指标也没有' });
  });

  it('no unit anywhere: 万元, noted; an unknown funds row is noted, not imported', () => {
    const funds = FUNDS.map((r) => r.map((t) => t.replace('(元)', '')));
    funds[2] = ['项目资金', '', '捐赠', '捐赠', '1', '1', '1', '', '', ''];
    const v = ok(grid([...HEAD, ...funds, ...IND_HEAD, ['', '产出指标', '数量指标', 'a', '1', '1', '10', '10', '', '']]));
    expect((v.form.funds as Record<string, unknown>).unit).toBe('万元');
    expect(v.guesses).toContainEqual({ path: '/funds/unit', note: '表中没有写金额单位，按万元' });
    expect(v.guesses.find((g) => g.path === '/funds')?.note).toContain('“捐赠”不是已知的资金行');
  });
});
