// render --xlsx as Excel, WPS and LibreOffice read it: the same rows, cells, merges and labels as the .docx, numbers
// as number cells whose stored text is the printed value, A4 print setup with the project rows repeated, values
// and no formulas, reproducible bytes; and LibreOffice's PDF of it for each layout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import type { Grid, GridCell } from '../src/import/grid.js';
import { readDocx } from '../src/import/docx.js';
import { formatNumber, readXlsx } from '../src/import/xlsx.js';
import { renderDocx } from '../src/render/docx.js';
import { tableView, type TableView } from '../src/render/view.js';
import { renderXlsx, valueCell } from '../src/render/xlsx.js';
import { EXAMPLES, example } from './helpers.js';
import { RICH_INDICATORS, variant } from './variant-helpers.js';
import { printTools, unzip } from './render-helpers.js';

function view(name: string): TableView {
  const ev = evaluate(example(name), name);
  if (!ev.result) throw new Error(`${name} was not scored`);
  return tableView(ev.result);
}

interface Placed {
  text: string;
  col: number;
  colSpan: number;
  rowSpan: number;
}

/** The cells starting in each row of a Grid, left to right. */
function gridRows(grid: Grid): Placed[][] {
  return grid.rows.map((line, r) => {
    const seen = new Set<GridCell>();
    const out: Placed[] = [];
    for (const cell of line) {
      if (!cell || seen.has(cell)) continue;
      seen.add(cell);
      if (cell.row === r) out.push({ text: cell.text, col: cell.col, colSpan: cell.colSpan, rowSpan: cell.rowSpan });
    }
    return out;
  });
}

/** Each row as what covers each grid position (text and column span): the same whether a label is one merged cell
 * down the sheet or printed again at the top of a new page of the .docx. */
type Covered = { text: string; colSpan: number }[];
function covered(grid: Grid): Covered[] {
  return grid.rows.map((line) => line.map((c) => ({ text: c?.text ?? '', colSpan: c?.colSpan ?? 1 })));
}

/** The .docx's tables, one a page, as one table: each later page without the rows at its top that an earlier page
 * already has (the 项目支出名称 row, and the column header once it has been printed). */
function docxAsOne(docx: Uint8Array): Covered[] {
  const [first = [], ...rest] = readDocx(docx).map(covered);
  const joined = [...first];
  const seen = new Set(first.map((row) => JSON.stringify(row)));
  for (const rows of rest) {
    let i = 0;
    while (i < rows.length && seen.has(JSON.stringify(rows[i]))) i++;
    for (const row of rows.slice(i)) {
      joined.push(row);
      seen.add(JSON.stringify(row));
    }
  }
  return joined;
}

function sheetXml(xlsx: Uint8Array, n = 1): string {
  return unzip(xlsx).get(`xl/worksheets/sheet${n}.xml`)!.toString('utf8');
}

/** The sheet holds the .docx table cell for cell, the title as its caption, 备注 and signoff lines under it. */
async function expectSameAsDocx(v: TableView, grids: Grid[]): Promise<void> {
  expect(grids).toHaveLength(1);
  const grid = grids[0]!;
  expect(grid.caption).toBe(v.title);
  const docx = docxAsOne(await renderDocx([v]));
  const rows = covered(grid);
  // Under the table: 备注 and the signoff line(s), each one cell across the sheet.
  const below = grid.rows.slice(docx.length).map((line) => [...new Set(line)].filter((c): c is GridCell => c !== undefined));
  expect(rows.slice(0, docx.length)).toEqual(docx);
  expect(below.map((r) => r.map((c) => c.text))).toEqual([
    [`备注：${v.note}`],
    ...(v.columns.financeHead
      ? [[expect.stringMatching(/^填表人：.*联系电话：/)], [expect.stringMatching(/^财务负责人：.*单位负责人签字：$/)]]
      : [[expect.stringMatching(/^填表人：.*填报日期：.*联系电话：.*单位负责人签字：/)]]),
  ]);
  expect(below.flat().every((c) => c.colSpan === v.columns.grid.length)).toBe(true);
}

describe.each(['sichuan', 'yunnan', 'central'])(
  'render --xlsx of a %s form with ★, 其中 rows, 评分标准 and the provincial fields',
  (layout) => {
    const indicators = RICH_INDICATORS;
    const extra = `category: 一次性项目
manager: {name: 张三, phone: 13800000000}
conclusion: {summary: 较好完成, problems: 进度偏慢, measures: 加强调度}
remarks: 无
signoff: {preparer: 李四, finance_head: 王五}
layout: ${layout}
`;
    const ev = variant('appropriation: {annual: 100, executed: 100}\nmethod_text: 10分*执行率', extra, undefined, indicators);
    const v = tableView(ev.result!);

    it('holds the .docx table cell for cell', async () => {
      await expectSameAsDocx(v, readXlsx(renderXlsx([v])));
    });
  },
);

describe.each(EXAMPLES)('render --xlsx of %s', (name) => {
  const v = view(name);
  const xlsx = renderXlsx([v]);
  const grids = readXlsx(xlsx);

  it('holds the .docx table cell for cell: the same rows, texts, column spans and merged rows', async () => {
    await expectSameAsDocx(v, grids);
  });

  it('writes every computed amount, point, score and rate as a number cell that shows the printed text', () => {
    const grid = grids[0]!;
    const cells = grid.rows.flat().filter((c): c is GridCell => c !== undefined);
    const numbers = cells.filter((c) => c.number !== undefined);
    for (const f of v.funds) {
      for (const text of [f.initial, f.annual, f.executed, f.weight, f.rate, f.score].filter((t) => t !== '')) {
        const cell = numbers.find((c) => c.text === text);
        expect(cell, `${f.label} ${text}`).toBeDefined();
      }
    }
    const total = v.funds.find((f) => f.key === 'total')!;
    const rate = numbers.find((c) => c.text === total.rate)!;
    expect(rate.number!.format).toMatch(/^0(\.0+)?%$/);
    // The rate is stored as its fraction, exactly: 91.86% → 0.9186.
    expect(rate.number!.stored).toBe(new Decimal(total.rate.slice(0, -1)).div(100).toFixed());
    expect(numbers.some((c) => c.text === v.total.score)).toBe(true);
    for (const c of numbers) {
      // Every number reads back exactly as printed, and no stored value carries binary float noise.
      expect(formatNumber(c.number!.stored, c.number!.format!)).toBe(c.text);
      expect(c.number!.stored).toMatch(/^-?\d+(\.\d{1,12})?$/);
    }
    for (const i of v.indicators) {
      const score = numbers.find((c) => c.text === i.score && i.score !== '');
      if (i.score !== '' && i.score !== '/') expect(score, `${i.name} ${i.score}`).toBeDefined();
    }
  });

  it('prints on A4 portrait, one page wide, with the project rows repeated, and has values, no formulas', () => {
    const files = unzip(xlsx);
    const workbook = files.get('xl/workbook.xml')!.toString('utf8');
    const titleRows = v.columns.header ? '$2:$4' : '$2:$3';
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;`);
    expect(workbook).toContain(`&apos;!${titleRows}</definedName>`);
    const sheet = sheetXml(xlsx);
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheet).toContain('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
    expect(sheet).not.toContain('<f>');
    expect(workbook).not.toContain('calcPr');
    const styles = files.get('xl/styles.xml')!.toString('utf8');
    expect(styles).toContain('<name val="仿宋"/>');
    expect(styles).toContain('<b/><sz val="18"/><name val="宋体"/>');
    expect(styles).toContain('wrapText="1"');
    // Column widths follow the layout's grid.
    expect(sheet.match(/<col /g)).toHaveLength(v.columns.grid.length);
  });

  it('is byte-identical when rendered again', () => {
    expect(Buffer.from(renderXlsx([v])).equals(Buffer.from(xlsx))).toBe(true);
  });
});

describe('render --xlsx of several forms', () => {
  it('puts each form on its own sheet, named by its project, names made unique', () => {
    const a = view('hunan-2022-business.yaml');
    const grids = readXlsx(renderXlsx([a, view('quantitative.yaml'), a]));
    expect(grids.map((g) => g.name)).toEqual(['工作表“业务工作经费”', '工作表“农村公路日常养护及危桥改造”', '工作表“业务工作经费(2)”']);
  });

  it('names a sheet by its project with what Excel refuses in a name replaced, and drops what no document may hold', () => {
    const v = { ...view('quantitative.yaml'), project: '道路/养护:*?[一期]\u0007' };
    const grid = readXlsx(renderXlsx([v]))[0]!;
    expect(grid.name).toBe('工作表“道路_养护____一期_”');
    expect(grid.rows[0]![2]!.text).toBe('道路/养护:*?[一期]');
  });
});

describe('valueCell: a printed value as a cell', () => {
  it.each([
    ['1472.51', { number: '1472.51', numFmt: '0.00' }],
    ['10', { number: '10', numFmt: '0' }],
    ['9.40', { number: '9.4', numFmt: '0.00' }],
    ['74.22%', { number: '0.7422', numFmt: '0.00%' }],
    ['100%', { number: '1', numFmt: '0%' }],
    ['0.00', { number: '0', numFmt: '0.00' }],
    ['-3.5', { number: '-3.5', numFmt: '0.0' }],
    ['/', { text: '/' }],
    ['', { text: '' }],
    ['1,234.5', { text: '1,234.5' }],
    ['12345678901234567', { text: '12345678901234567' }],
  ])('%s', (text, cell) => {
    expect(valueCell(text)).toEqual(cell);
  });
});

/** LibreOffice with its spreadsheet part: Writer alone cannot open an .xlsx. */
const { calc } = printTools();
const hasPoppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;

describe('render --xlsx in LibreOffice', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'evalform-xlsx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const skipped = calc ? '' : ' (skipped: LibreOffice Calc is not installed; .ci/run installs libreoffice-calc-nogui)';

  it.skipIf(!calc)(
    `converts each layout to PDF showing the labels and the computed numbers, and re-saves to the same cells${skipped}`,
    () => {
      const names = ['hunan-2022-business.yaml', 'sichuan-2022-public-health.yaml', 'yunnan-2023-rural-water.yaml'];
      const views = names.map(view);
      const files = views.map((v, i) => {
        const file = path.join(dir, `form${i}.xlsx`);
        writeFileSync(file, renderXlsx([v]));
        return file;
      });
      const profile = `file://${path.join(dir, 'profile')}`;
      const soffice = (args: string[]): void => {
        const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', ...args], { encoding: 'utf8', timeout: 120_000 });
        expect(r.status, r.stderr).toBe(0);
      };
      soffice(['--convert-to', 'pdf', '--outdir', dir, ...files]);
      // LibreOffice's own .xlsx of ours: what a unit gets after saving the sheet in LibreOffice or WPS.
      soffice(['--convert-to', 'xlsx:Calc Office Open XML', '--outdir', path.join(dir, 'resaved'), ...files]);
      views.forEach((v, i) => {
        const pdf = path.join(dir, `form${i}.pdf`);
        expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
        const resaved = readXlsx(readFileSync(path.join(dir, 'resaved', `form${i}.xlsx`)));
        expect(resaved.map(gridRows)).toEqual(readXlsx(readFileSync(files[i]!)).map(gridRows));
        if (!hasPoppler) return;
        const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
        const total = v.funds.find((f) => f.key === 'total')!;
        for (const s of [
          v.title,
          v.project,
          '项目资金',
          '年度总体目标',
          '一级指标',
          '总分',
          '填表人',
          total.rate,
          total.executed,
          v.total.score,
        ]) {
          expect(text, `${names[i]}: ${s}`).toContain(s);
        }
        // Two pages or more: the project rows are printed again at the top of the next page.
        const pages = text.split('\f').filter((p) => p.trim() !== '');
        if (pages.length > 1) expect(pages[1]).toContain(v.project);
        const png = spawnSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', pdf, path.join(dir, `page${i}`)], {
          encoding: 'utf8',
        });
        expect(png.status, png.stderr).toBe(0);
      });
    },
    300_000,
  );
});
