// readXlsx on workbooks evalform did not write: hand-edited sheet XML (merges, float noise, % and date formats,
// text numbers, shared vs inline vs rich strings, hidden sheets, 1904 dates, namespace prefixes, formulas) and
// files LibreOffice made from HTML and CSV. The Grids are asserted whole.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../src/import/grid.js';
import { formatNumber, readXlsx, XlsxError } from '../src/import/xlsx.js';
import { ROOT } from './helpers.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/xlsx');

/** A folder of workbook parts (test/fixtures/xlsx/hand/NAME), zipped as a .xlsx. */
function zipFolder(name: string): Uint8Array {
  const dir = path.join(FIXTURES, 'hand', name);
  const files: Record<string, Uint8Array> = {};
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub))) {
      const rel = sub === '' ? entry : `${sub}/${entry}`;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else files[rel] = readFileSync(path.join(dir, rel));
    }
  };
  walk('');
  return zipSync(files);
}

/** A Grid as lines of cells: the top-left position of a cell shows its text, [stored|format] for a number and
 * {rows×cols} when merged; a position a merged cell covers shows '·'. Checks that every covered position holds
 * the very cell of its top-left corner. */
function show(grid: Grid): string[] {
  return grid.rows.map((line, r) =>
    line
      .map((cell, c) => {
        if (cell === undefined) return '∅';
        expect(grid.rows[cell.row]![cell.col]).toBe(cell);
        expect(r >= cell.row && r < cell.row + cell.rowSpan && c >= cell.col && c < cell.col + cell.colSpan).toBe(true);
        if (cell.row !== r || cell.col !== c) return '·';
        const num = cell.number ? `[${cell.number.stored}|${cell.number.format}]` : '';
        const span = cell.rowSpan > 1 || cell.colSpan > 1 ? `{${cell.rowSpan}×${cell.colSpan}}` : '';
        return `${cell.text}${num}${span}`;
      })
      .join(' | '),
  );
}

describe('readXlsx: hand-edited sheet XML', () => {
  const grids = readXlsx(zipFolder('mixed'));

  it('reads each visible sheet in order, a sheet with two tables as two Grids, and skips the hidden sheet', () => {
    expect(grids.map((g) => g.name)).toEqual(['工作表“自评表”', '工作表“第二张”', '工作表“第二张”']);
    expect(grids.flatMap((g) => g.rows.flat().map((c) => c?.text))).not.toContain('不应读到');
  });

  it('keeps stored numbers exactly and shows them through their formats; merges, rich text, phonetics, escapes', () => {
    const g = grids[0]!;
    // The title merged across the table is its caption, and rows count from the first row under it.
    expect(g.caption).toBe('2023年度项目支出绩效自评表');
    expect(show(g)).toEqual([
      '项目名称 | 道路养护 & 危桥改造{1×3} | · | ·',
      '金额 | 0.09[0.0900000762939453|0.00] | 91.86%[0.9186|0.00%] | 1234.50',
      '合计\n（万元）{2×1} | 1,234.50[1234.5|#,##0.00] | 0.3[0.30000000000000004|General] | 2469[2469|General]',
      '· | 2023-12-31[45291|yyyy-mm-dd] | 2023-12-31[45291|yyyy"年"m"月"d"日"] | xy',
      'TRUE | -1,234.6[-1234.567|#,##0.0;[Red]\\-#,##0.0] | 12万元[12|0"万元"] | 2.3[2.25|#,##0.0;[Red]\\-#,##0.0]',
      '0.0015[1.5E-3|General] | 2.675[2.675|General] | 2.68[2.675|0.00] | #DIV/0!',
    ]);
    expect(g.rowLabel(0)).toBe('第2行');
    expect(g.rowLabel(5)).toBe('第7行');
    expect(g.colLabel(0)).toBe('A列');
    expect(g.colLabel(3)).toBe('D列');
  });

  it('splits a sheet at empty rows, each Grid named by its own rows and columns', () => {
    const [, first, second] = grids;
    expect(first!.caption).toBeUndefined();
    expect(show(first!)).toEqual(['甲 | 1[1|General]', '乙 | 2[2|General]']);
    expect(first!.rowLabel(0)).toBe('第2行');
    // An empty bordered cell (C6) belongs to the table; rich text runs are joined as written.
    expect(show(second!)).toEqual([' | 丙', '丁 戊 | 3[3|General]']);
    expect(second!.rowLabel(1)).toBe('第7行');
    expect(second!.colLabel(0)).toBe('C列');
  });

  it('reads a workbook with no shared strings, only inline strings, x: prefixes and the 1904 date system', () => {
    const grids1904 = readXlsx(zipFolder('inline-1904'));
    expect(grids1904).toHaveLength(1);
    expect(grids1904[0]!.name).toBe('工作表“Sheet1”');
    expect(show(grids1904[0]!)).toEqual([
      '填报日期 | 执行率',
      '2023-12-31[43829|yyyy-mm-dd] | 91.86%',
      '第一行\n第二行 _x0041_ | 100[100|General]',
    ]);
  });
});

describe('readXlsx: borders drawn ahead', () => {
  it('leaves out bordered empty rows and columns round a table, but keeps a merged range it touches whole', () => {
    const enc = new TextEncoder();
    const t = (ref: string, text: string): string => `<c r="${ref}" s="1" t="inlineStr"><is><t>${text}</t></is></c>`;
    const e = (ref: string): string => `<c r="${ref}" s="1"/>`;
    const sheet =
      '<worksheet><sheetData>' +
      `<row r="1">${e('A1')}${e('B1')}${e('C1')}${e('D1')}</row>` +
      `<row r="2">${e('A2')}${t('B2', '项目')}${t('C2', '金额')}${e('D2')}</row>` +
      `<row r="3">${e('A3')}${t('B3', '道路')}${e('C3')}${e('D3')}</row>` +
      `<row r="4">${e('A4')}${e('B4')}${e('C4')}${e('D4')}</row>` +
      `<row r="5">${e('A5')}${e('B5')}${e('C5')}${e('D5')}</row>` +
      '</sheetData><mergeCells><mergeCell ref="B3:B4"/></mergeCells></worksheet>';
    const zip = zipSync({
      'xl/workbook.xml': enc.encode('<workbook><sheets><sheet name="表" sheetId="1"/></sheets></workbook>'),
      'xl/styles.xml': enc.encode(
        '<styleSheet><borders><border/><border><left style="thin"/></border></borders><cellXfs><xf borderId="0"/><xf borderId="1"/></cellXfs></styleSheet>',
      ),
      'xl/worksheets/sheet1.xml': enc.encode(sheet),
    });
    const grids = readXlsx(zip);
    expect(grids).toHaveLength(1);
    expect(show(grids[0]!)).toEqual(['项目 | 金额', '道路{2×1} | ', '· | ']);
    expect(grids[0]!.rowLabel(0)).toBe('第2行');
    expect(grids[0]!.colLabel(0)).toBe('B列');
  });
});

describe('readXlsx: odd but valid packages', () => {
  it('finds the workbook through _rels/.rels, skips chart sheets, very hidden and missing sheets, and reads every cell type', () => {
    const enc = new TextEncoder();
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const sheet =
      '<worksheet><sheetData>' +
      '<row><c><v>1</v></c><c t="b"><v>0</v></c><c t="d"><v>2023-12-31T00:00:00</v></c><c t="s"><v>9</v></c></row>' +
      '<row><c r="A2" t="str"><is><t>内联</t></is></c><c r="ZZZZ2"><v>5</v></c></row>' +
      '<row r="4"><c r="B4" t="inlineStr"><is><t>二</t></is></c></row>' +
      '<row r="6"><c r="A6" t="inlineStr"><is><t>三</t></is></c></row>' +
      '<row r="8"><c r="A8" t="inlineStr"><is><t>四</t></is></c></row>' +
      '</sheetData><mergeCells><mergeCell ref="A8:B8"/><mergeCell ref="B4"/></mergeCells></worksheet>';
    const zip = zipSync({
      '_rels/.rels': enc.encode(
        `<Relationships><Relationship Id="r1" Type="${REL}/officeDocument" Target="/book/wb.xml"/></Relationships>`,
      ),
      'book/wb.xml': enc.encode(
        '<workbook xmlns:r="x"><sheets><sheet name="图" r:id="c"/><sheet name="藏" state="veryHidden" r:id="s"/><sheet name="缺" r:id="m"/><sheet name="表" r:id="s"/></sheets></workbook>',
      ),
      'book/_rels/wb.xml.rels': enc.encode(
        '<Relationships>' +
          `<Relationship Id="c" Type="${REL}/chartsheet" Target="charts/../sheets/s.xml"/>` +
          `<Relationship Id="m" Type="${REL}/worksheet" Target="./sheets/missing.xml"/>` +
          `<Relationship Id="s" Type="${REL}/worksheet" Target="sheets/../sheets/s.xml"/>` +
          '</Relationships>',
      ),
      'book/sheets/s.xml': enc.encode(sheet),
    });
    const grids = readXlsx(zip);
    expect(grids.map((g) => g.name)).toEqual(['工作表“表”', '工作表“表”', '工作表“表”', '工作表“表”']);
    // A shared string index past the table reads as empty; a reference that is no cell (ZZZZ2) as the next cell.
    expect(show(grids[0]!)).toEqual(['1[1|General] | FALSE | 2023-12-31', '内联 | 5[5|General] | ']);
    expect(show(grids[1]!)).toEqual(['二']);
    expect(grids[1]!.colLabel(0)).toBe('B列');
    expect(show(grids[2]!)).toEqual(['三']);
    expect(show(grids[3]!)).toEqual(['四{1×2} | ·']);
  });
});

describe('readXlsx: files LibreOffice made', () => {
  it('reads an HTML table converted to .xlsx: rowspan and colspan as merges, numbers as LibreOffice stored them', () => {
    const grids = readXlsx(readFileSync(path.join(FIXTURES, 'libreoffice/form.xlsx')));
    expect(grids).toHaveLength(1);
    expect(show(grids[0]!)).toEqual([
      '项目支出名称{1×2} | · | 农村公路养护{1×4} | · | · | ·',
      '项目资金\n（万元）{3×1} |  | 年初预算数 | 全年预算数 | 全年执行数 | 执行率',
      '· | 年度资金总额 | 1234.56[1234.56|General] | 1300[1300|General] | 1194.18[1194.18|General] | 91.86%',
      '· | 其中：当年财政拨款 | 0.09[0.09|General] | 1[1|General] | 2345.6[2345.6|General] | 100%',
      '总分{1×5} | · | · | · | · | 97.42[97.42|General]',
    ]);
  });

  it('reads a CSV converted to .xlsx: percentages stored as fractions with a % format', () => {
    const grids = readXlsx(readFileSync(path.join(FIXTURES, 'libreoffice/simple.xlsx')));
    expect(grids.map((g) => g.name)).toEqual(['工作表“simple”']);
    expect(show(grids[0]!)).toEqual([
      '项目 | 金额 | 执行率',
      '道路 | 1234.56[1234.56|General] | 91.86%[0.9186|0.00%]',
      '桥梁 | 0.1[0.1|General] | 5.00%[0.05|0.00%]',
    ]);
  });
});

describe('formatNumber: what a cell shows, in exact decimal arithmetic', () => {
  it.each([
    ['0.0900000762939453', '0.00', '0.09'],
    ['0.9186', '0.00%', '91.86%'],
    ['0.91855', '0.00%', '91.86%'],
    ['0.5', '0%', '50%'],
    ['1234567.891', '#,##0.00', '1,234,567.89'],
    ['0.30000000000000004', 'General', '0.3'],
    ['123456789012345678', 'General', '1.23456789012346E+17'],
    ['0.00000000012', 'General', '1.2E-10'],
    ['1E+3', '0', '1000'],
    ['12.5', '0.0"万元"', '12.5万元'],
    ['1500', '#,##0,"千"', '2千'],
    ['0', '0.00;-0.00;"-"', '-'],
    ['-5', '0.00;(0.00)', '(5.00)'],
    ['0.25', '#.00', '.25'],
    ['12345', '0.00E+00', '1.23E+04'],
    ['0.75', '[Red][$¥-804]0.00', '¥0.75'],
    ['44927.5', 'yyyy-mm-dd hh:mm', '2023-01-01 12:00'],
    ['0.5', 'h:mm:ss', '12:00:00'],
    ['60', 'yyyy-mm-dd', '1900-02-29'],
    ['59', 'yyyy-mm-dd', '1900-02-28'],
    ['61', 'yyyy-mm-dd', '1900-03-01'],
    ['1.5', '# ?/?', '1.5'],
    ['abc', '0.00', 'abc'],
    ['42', '@', '42'],
  ])('%s under %s shows %s', (stored, format, shown) => {
    expect(formatNumber(stored, format)).toBe(shown);
  });

  it.each([
    ['-5', '0.00;General', '-5'],
    ['3.5', '0.0#', '3.5'],
    ['3.567', '0.0#', '3.57'],
    ['12', '_(0_);(0)', '12'],
    ['-1234.5', '#,##0.00_);(#,##0.00)', '(1,234.50)'],
    ['12', '**0', '12'],
    ['7', '0"台', '7台'],
    ['1.25', '[h]:mm', '30:00'],
    ['0.99999999', 'h:mm:ss', '00:00:00'],
    ['3000000', 'yyyy-mm-dd', '3000000'],
    ['0.00012', '0.00E+00', '1.20E-04'],
    ['Infinity', '0.00', 'Infinity'],
    ['0', 'General', '0'],
  ])('%s under %s shows %s (padding, fill, open quote, elapsed hours, out-of-range dates)', (stored, format, shown) => {
    expect(formatNumber(stored, format)).toBe(shown);
  });

  it('counts 1904 serials from 1904-01-01', () => {
    expect(formatNumber('0', 'yyyy-mm-dd', true)).toBe('1904-01-01');
    expect(formatNumber('43829', 'm/d/yyyy', true)).toBe('2023-12-31');
  });
});

describe('readXlsx: what is no workbook', () => {
  it('says so in words for bytes that are no zip, a zip without a workbook, and XML that does not parse', () => {
    expect(() => readXlsx(new TextEncoder().encode('项目支出名称,金额'))).toThrow(XlsxError);
    expect(() => readXlsx(zipSync({ 'word/document.xml': new TextEncoder().encode('<w:document/>') }))).toThrow(/缺少 xl\/workbook\.xml/);
    const broken = zipSync({
      'xl/workbook.xml': new TextEncoder().encode('<workbook><sheets><sheet name="a" r:id="rId1"'),
    });
    expect(() => readXlsx(broken)).toThrow(/xl\/workbook\.xml 不是有效的 XML/);
  });

  it('refuses a block too large to be a form instead of allocating it', () => {
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="XFD1" t="inlineStr"><is><t>y</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>z</t></is></c></row></sheetData><mergeCells><mergeCell ref="A2:XFD200"/></mergeCells></worksheet>';
    const enc = new TextEncoder();
    const zip = zipSync({
      'xl/workbook.xml': enc.encode('<workbook><sheets><sheet name="大" sheetId="1"/></sheets></workbook>'),
      'xl/worksheets/sheet1.xml': enc.encode(sheet),
    });
    expect(() => readXlsx(zip)).toThrow(/工作表“大”.*太大/);
  });
});
