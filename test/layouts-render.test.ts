// FORMAT.md §7 layouts: sichuan and yunnan drawn from the view's columns in the .docx, the HTML page and the terminal.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE } from '../src/cli/render.js';
import { evaluate } from '../src/evaluate.js';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';
import { scoreTable } from '../src/report/table.js';
import { GRID_TWIPS, tableView, type TableView } from '../src/render/view.js';
import { example } from './helpers.js';
import { cellAt, docxTables, type DocxTable } from './render-helpers.js';

const TEMPLATE = readFileSync(DEFAULT_TEMPLATE, 'utf8');
const SICHUAN = example('sichuan-2022-public-health.yaml');

function viewOf(yaml: string): TableView {
  const ev = evaluate(yaml, 'form.yaml');
  if (!ev.result) throw new Error('not scored');
  return tableView(ev.result);
}

const sichuan = viewOf(SICHUAN);
const yunnan = viewOf(SICHUAN.replace(/^layout: sichuan$/m, 'layout: yunnan'));
const central = viewOf(SICHUAN.replace(/^layout: sichuan$/m, 'layout: central'));
/** Sichuan without any 评分标准 nor header and footer fields. */
const plainSichuan = viewOf(
  SICHUAN.replace(/^\s*method_text:.*$/gm, '')
    .replace(/^category:.*$/m, '')
    .replace(/^manager:.*$/m, ''),
);
const sum = (a: readonly number[]): number => a.reduce((x, y) => x + y, 0);

function rowWith(t: DocxTable, text: string): string[] {
  const row = t.rows.find((r) => r.cells.some((c) => c.text === text));
  if (!row) throw new Error(`no row with ${text}`);
  return row.cells.map((c) => c.text);
}

/** Every row of an HTML table covers `n` grid columns, counting the cells merged down into it. */
function htmlGridWidths(table: string): number[] {
  let above: { cols: number; left: number }[] = [];
  const widths: number[] = [];
  for (const tr of table.match(/<tr[^>]*>[\s\S]*?<\/tr>/g)!) {
    const cells = [...tr.matchAll(/<t[hd]([^>]*)>/g)].map((m) => ({
      cols: Number(/colspan="(\d+)"/.exec(m[1]!)?.[1] ?? 1),
      rows: Number(/rowspan="(\d+)"/.exec(m[1]!)?.[1] ?? 1),
    }));
    widths.push(above.reduce((a, c) => a + c.cols, 0) + cells.reduce((a, c) => a + c.cols, 0));
    above = [...above.map((c) => ({ ...c, left: c.left - 1 })), ...cells.map((c) => ({ cols: c.cols, left: c.rows - 1 }))].filter(
      (c) => c.left > 0,
    );
  }
  return widths;
}

describe('the view: columns and labels by layout', () => {
  it('central keeps the ten-column grid and 全年预算数, no split columns, no header, footer or 财务负责人', () => {
    expect(central.columns).toMatchObject({
      split: false,
      method: false,
      annualLabel: '全年预算数',
      header: false,
      footer: [],
      financeHead: false,
    });
    expect(central.columns.grid).toEqual([...GRID_TWIPS]);
  });

  it('yunnan: the central frame with 指标性质 / 指标值 / 度量单位, eleven columns', () => {
    expect(yunnan.columns).toMatchObject({
      split: true,
      method: false,
      annualLabel: '全年预算数',
      header: false,
      footer: [],
      financeHead: false,
    });
    expect(yunnan.columns.grid).toHaveLength(11);
    expect(sum(yunnan.columns.grid)).toBe(9866);
  });

  it('sichuan: 调整后预算数, 评分标准, the header, footer and 财务负责人 when the form gives them', () => {
    const c = sichuan.columns;
    expect(c).toMatchObject({ split: true, method: true, annualLabel: '调整后预算数', header: true, financeHead: true });
    expect(c.grid).toHaveLength(12);
    expect(sum(c.grid)).toBe(9866);
    expect(c.footer.map((f) => f.label)).toEqual(['评价结论', '存在问题', '改进措施', '其他需要\n说明事项']);
    expect(c.indicatorsLabel).toBe('绩\n效\n指\n标\n(\n90\n分\n)');
    expect(yunnan.columns.indicatorsLabel).toBe('绩\n效\n指\n标');
    expect(plainSichuan.columns).toMatchObject({ split: true, method: false, header: false });
    expect(plainSichuan.columns.grid).toHaveLength(11);
  });

  it('splits each target: 指标性质 derived from the comparison (定性 for prose), the bare number, the unit', () => {
    const byName = new Map(sichuan.indicators.map((i) => [i.name, i]));
    expect(byName.get('65岁及以上老年人健康管理人数')).toMatchObject({ nature: '正向', value: '12000', unit: '人' });
    expect(byName.get('高血压患者规范管理率')).toMatchObject({ nature: '正向', value: '65', unit: '%' });
    expect(byName.get('补助资金拨付时限')).toMatchObject({ nature: '定性', value: '按季度拨付', unit: '' });
    // A rating makes the indicator qualitative even with a number in the target.
    expect(byName.get('重点人群健康状况')).toMatchObject({ nature: '定性' });
  });

  it('takes 指标性质 and 度量单位 as written when the form gives them', () => {
    const yaml = SICHUAN.replace('        target: ≥12000人\n', '        target: "12000"\n        nature: 正向\n        unit: 人次\n');
    const row = viewOf(yaml).indicators.find((i) => i.name === '65岁及以上老年人健康管理人数')!;
    expect(row).toMatchObject({ nature: '正向', value: '12000', unit: '人次' });
    const neg = viewOf(SICHUAN.replace('target: ≥12000人', 'target: ≤12000人')).indicators.find(
      (i) => i.name === '65岁及以上老年人健康管理人数',
    )!;
    expect(neg.nature).toBe('反向');
  });
});

describe('the .docx by layout', async () => {
  const [tc, ty, ts, tp] = docxTables(await renderDocx([central, yunnan, sichuan, plainSichuan]));

  it('has an explicit width on every cell and rows that sum to the page width', () => {
    for (const [t, n] of [
      [tc!, 10],
      [ty!, 11],
      [ts!, 12],
      [tp!, 11],
    ] as const) {
      expect(t.gridCols).toHaveLength(n);
      expect(sum(t.gridCols)).toBe(9866);
      expect(t.tableWidth.w).toBe(9866);
      for (const r of t.rows) {
        expect(sum(r.cells.map((c) => c.gridSpan))).toBe(n);
        expect(sum(r.cells.map((c) => c.width.w))).toBe(9866);
        let at = 0;
        for (const c of r.cells) {
          expect(c.width).toEqual({ w: sum(t.gridCols.slice(at, at + c.gridSpan)), type: 'dxa' });
          at += c.gridSpan;
        }
      }
    }
  });

  it('yunnan: split headings and cells, 全年预算数, no extra rows', () => {
    const t = ty!;
    expect(rowWith(t, '三级指标')).toEqual([
      '绩\n效\n指\n标',
      '一级指标',
      '二级指标',
      '三级指标',
      '指标\n性质',
      '指标值',
      '度量\n单位',
      '实际\n完成值',
      '分值',
      '得分',
      '偏差原因\n分析及\n改进措施',
    ]);
    expect(rowWith(t, '全年\n预算数')).toContain('年初\n预算数');
    const first = t.rows.find((r) => r.cells.some((c) => c.text === '65岁及以\n上老年人\n健康管理\n人数' || c.text.startsWith('65岁')))!;
    expect(first.cells.slice(4, 11).map((c) => c.text)).toEqual(['正向', '12000', '人', '12360人', '10', '10.00', '']);
    expect(t.rows.some((r) => r.cells.some((c) => c.text === '项目类别' || c.text === '评价结论'))).toBe(false);
  });

  it('sichuan: 调整后预算数, the extra funds rows, 评分标准 merged over the funds rows, header and footer rows', () => {
    const t = ts!;
    expect(rowWith(t, '调整后\n预算数')).toEqual([
      '项目资金\n（万元）',
      '',
      '年初\n预算数',
      '调整后\n预算数',
      '全年\n执行数',
      '分值',
      '执行率',
      '得分',
      '评分\n标准',
    ]);
    expect(rowWith(t, '财政专户管理资金')).toEqual(['', '财政专户管理资金', '40', '40', '36', '', '90.00%', '', '']);
    expect(rowWith(t, '单位资金')).toEqual(['', '单位资金', '20', '25', '21.5', '', '86.00%', '', '']);
    const total = t.rows.find((r) => r.cells.some((c) => c.text === '年度资金总额'))!;
    expect(cellAt(total, 11)).toMatchObject({ text: '10分×执行率', vMerge: 'restart' });
    const own = t.rows.find((r) => r.cells.some((c) => c.text === '单位资金'))!;
    expect(cellAt(own, 11)?.vMerge).toBe('continue');
    expect(rowWith(t, '三级指标')).toContain('评分\n标准');
    expect(rowWith(t, '项目类别')).toEqual(['项目类别', '经常性项目', '项目\n负责人\n及电话', '周明　0838-6612345']);
    expect(t.rows.filter((r) => r.header)).toHaveLength(3);
    expect(rowWith(t, '评价结论')[0]).toBe('评价结论');
    expect(rowWith(t, '其他需要\n说明事项')).toHaveLength(2);
    const quantity = t.rows.find((r) => r.cells.some((c) => c.text === '完成数÷目标数×分值，最高得满分'))!;
    expect(quantity.cells.slice(4).map((c) => c.text)).toEqual([
      '正向',
      '12000',
      '人',
      '12360人',
      '10',
      '10.00',
      '完成数÷目标数×分值，最高得满分',
      '',
    ]);
  });

  it('sichuan without method_text, category or manager has no 评分标准 column and no header row', () => {
    expect(rowWith(tp!, '三级指标')).not.toContain('评分\n标准');
    expect(rowWith(tp!, '调整后\n预算数')).not.toContain('评分\n标准');
    expect(tp!.rows.some((r) => r.cells.some((c) => c.text === '项目类别'))).toBe(false);
  });
});

describe('the HTML page by layout', () => {
  const page = renderHtml([central, yunnan, sichuan, plainSichuan], TEMPLATE);
  // The first page's table of each form (a form of several pages draws one table a page).
  const tables = page
    .split('<section class="form">')
    .slice(1)
    .map((form) => form.match(/<table[^>]*>[\s\S]*?<\/table>/)![0]);

  it('draws each table on its own grid, every row covering it', () => {
    expect(tables).toHaveLength(4);
    const n = [10, 11, 12, 11];
    tables.forEach((t, k) => {
      expect(t.match(/<col style="width: [\d.]+%">/g)).toHaveLength(n[k]!);
      for (const w of htmlGridWidths(t)) expect(w).toBe(n[k]);
    });
  });

  it('prints the split columns, 调整后预算数, 评分标准, header and footer rows and 财务负责人 for sichuan', () => {
    const [c, y, s] = tables;
    expect(c).toContain('<th colspan="2">年度指标值</th>');
    expect(y).toContain('<th>指标<br>性质</th><th>指标值</th><th>度量<br>单位</th>');
    expect(y).toContain('<th>全年预算数</th>');
    expect(y).not.toContain('评分<br>标准');
    expect(s).toContain('<th>调整后预算数</th>');
    expect(s).toContain('<td>正向</td><td>12000</td><td>人</td>');
    expect(s).toContain('<td rowspan="6" class="text">10分×执行率</td>');
    expect(s).toContain('<th colspan="2">项目类别</th>');
    const forms = page.split('<section class="form">');
    // The footer rows close the form, on its last page.
    expect(forms[3]).toContain('<tr class="footer"><th colspan="2">评价结论</th>');
    expect(forms[3]).toContain('<span>财务负责人：陈静</span>');
    expect(forms[1]).not.toContain('财务负责人');
  });
});

describe('the terminal table by layout', () => {
  const run = (yaml: string): string => {
    const ev = evaluate(yaml, 'form.yaml');
    return scoreTable([ev], { cwd: '/', version: '0' });
  };

  it('central keeps 年度指标值 and 全年预算数', () => {
    const out = run(SICHUAN.replace(/^layout: sichuan$/m, 'layout: central'));
    expect(out).toMatch(/三级指标 +年度指标值 +实际完成值/);
    expect(out).toContain('全年预算数');
    expect(out).not.toContain('评价结论');
    expect(out).not.toContain('财务负责人');
  });

  it('yunnan and sichuan split the target; sichuan adds 评分标准, the header, footer and 财务负责人', () => {
    const y = run(SICHUAN.replace(/^layout: sichuan$/m, 'layout: yunnan'));
    expect(y).toMatch(/三级指标 +指标性质 +指标值 +度量单位 +实际完成值 +分值 +得分 +计分/);
    const s = run(SICHUAN);
    expect(s).toMatch(/指标性质 +指标值 +度量单位 +实际完成值 +分值 +得分 +评分标准 +计分/);
    expect(s).toMatch(/正向 +12000 +人 +12360人 +10 +10\.00/);
    expect(s).toContain('调整后预算数');
    expect(s).toContain('项目负责人及电话  周明 0838-6612345');
    expect(s).toContain('其他需要说明事项：无');
    expect(s).toContain('财务负责人：陈静');
  });
});
