// `evalform render --xlsx` as a user runs it (in-process): where it writes, what it refuses, what it says; and the
// workbook writer's API as the department summary will use it.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../src/import/xlsx.js';
import { sheetNames, writeWorkbook } from '../src/render/workbook.js';
import { runMain } from './cli/in-process.js';
import { ROOT } from './helpers.js';
import { unzip } from './render-helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh folder holding the example forms. */
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'evalform-xlsx-cli-'));
  dirs.push(dir);
  for (const f of ['quantitative.yaml', 'hunan-2022-business.yaml', 'yunnan-2023-rural-water.yaml']) {
    copyFileSync(path.join(ROOT, 'examples', f), path.join(dir, f));
  }
  return dir;
}

describe('evalform render --xlsx', () => {
  it('writes one workbook beside the first form, a sheet per form in the order given, and says where', async () => {
    const cwd = folder();
    const r = await runMain(['render', 'quantitative.yaml', 'yunnan-2023-rural-water.yaml', '--xlsx'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('已写入 quantitative.xlsx（2 张表）\n');
    const grids = readXlsx(readFileSync(path.join(cwd, 'quantitative.xlsx')));
    expect(grids.map((g) => g.rows[0]![2]!.text)).toEqual(['农村公路日常养护及危桥改造', '农村供水保障工程维修养护']);
  });

  it('takes .xlsx from the --output extension, and still writes a form with errors, printing them and exiting 1', async () => {
    const cwd = folder();
    const r = await runMain(['render', 'hunan-2022-business.yaml', '-o', 'out/../表.xlsx'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('rate-mismatch');
    expect(r.stdout).toContain('已写入 out/../表.xlsx（1 张表）');
    const files = unzip(readFileSync(path.join(cwd, '表.xlsx')));
    // The computed rate, not the stated 75.45%.
    expect(files.get('xl/worksheets/sheet1.xml')!.toString('utf8')).toContain('<v>0.7422</v>');
  });

  it.each([
    [['--xlsx', '--docx'], /--docx 和 --xlsx 只能选一个/],
    [['--xlsx', '--html'], /--xlsx 和 --html 只能选一个/],
    [['--html', '--xlsx', '--docx'], /^evalform: --docx、--xlsx 和 --html 只能选一个/],
    [['--xlsx', '--template', 'x.hbs'], /--template 只用于 --html/],
    [['--xlsx', '-o', 'out.docx'], /扩展名与格式不符：--xlsx 写的文件应以 \.xlsx 结尾/],
    [['--html', '-o', 'out.xlsx'], /扩展名与格式不符/],
    [['-o', 'out.xls'], /请选择输出格式：--docx、--xlsx 或 --html/],
  ])('refuses %j in one line with exit 2, writing nothing', async (args, message) => {
    const cwd = folder();
    const r = await runMain(['render', 'quantitative.yaml', ...args], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(cwd, 'out.xlsx')) || existsSync(path.join(cwd, 'quantitative.xlsx'))).toBe(false);
  });

  it('never overwrites a workbook without --force, and replaces it with --force', async () => {
    const cwd = folder();
    writeFileSync(path.join(cwd, 'quantitative.xlsx'), 'keep me');
    const refused = await runMain(['render', 'quantitative.yaml', '--xlsx'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('quantitative.xlsx 已存在：加 --force 覆盖它');
    expect(readFileSync(path.join(cwd, 'quantitative.xlsx'), 'utf8')).toBe('keep me');
    const forced = await runMain(['render', 'quantitative.yaml', '--xlsx', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(readXlsx(readFileSync(path.join(cwd, 'quantitative.xlsx')))).toHaveLength(1);
  });

  it('refuses to write over a form given as input, even with --force', async () => {
    const cwd = folder();
    const r = await runMain(['render', 'quantitative.yaml', '--xlsx', '-o', 'quantitative.yaml', '--force'], { cwd });
    expect(r.code).toBe(2);
    expect(readFileSync(path.join(cwd, 'quantitative.yaml'), 'utf8')).toBe(
      readFileSync(path.join(ROOT, 'examples/quantitative.yaml'), 'utf8'),
    );
  });

  it('lists --xlsx and its limit in render --help', async () => {
    const r = await runMain(['render', '--help'], { cwd: ROOT });
    expect(r.stdout).toContain('--xlsx');
    expect(r.stdout).toContain('生成 Excel 工作簿（.xlsx）');
    expect(r.stdout).toContain('一个 .xlsx 最多 500 张');
  });
});

describe('writeWorkbook: the API other sheets use', () => {
  const enc = (xlsx: Uint8Array, part: string): string => unzip(xlsx).get(part)!.toString('utf8');

  it('writes exact numbers, shared strings, styles, merges with the range styled, widths, heights, frozen panes and print titles', () => {
    const xlsx = writeWorkbook({
      sheets: [
        {
          name: "部门'汇总",
          cells: [
            { row: 0, col: 0, text: '项目', style: { border: true, font: { bold: true } } },
            { row: 0, col: 2, text: '项目' },
            { row: 1, col: 0, number: '0.1', style: { numFmt: '#,##0.00' } },
            { row: 1, col: 1, number: '-12345678.125', style: { numFmt: '0.000' } },
            { row: 2, col: 0, text: '_x000D_ 与 <&>' },
          ],
          merges: [{ row: 0, col: 0, rows: 1, cols: 2 }],
          columns: [20, 12.5],
          rowHeights: [30],
          freeze: { rows: 1, cols: 1 },
          printTitleRows: { first: 0, last: 0 },
          page: { landscape: true },
        },
      ],
      title: '汇总',
    });
    const sheet = enc(xlsx, 'xl/worksheets/sheet1.xml');
    expect(sheet).toMatch(/<c r="A2" s="[1-9]\d*"><v>0.1<\/v><\/c>/);
    expect(sheet).toContain('<v>-12345678.125</v>');
    // B1 is covered by the merge and carries A1's border.
    expect(sheet).toMatch(/<c r="A1" s="(\d+)" t="s"><v>0<\/v><\/c><c r="B1" s="\1"\/><c r="C1" t="s"><v>0<\/v><\/c>/);
    expect(sheet).toContain('<mergeCell ref="A1:B1"/>');
    expect(sheet).toContain('<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>');
    expect(sheet).toContain('<col min="2" max="2" width="12.5" customWidth="1"/>');
    expect(sheet).toContain('<row r="1" ht="30" customHeight="1">');
    expect(sheet).toContain('orientation="landscape"');
    expect(enc(xlsx, 'xl/workbook.xml')).toContain('&apos;部门&apos;&apos;汇总&apos;!$1:$1');
    expect(enc(xlsx, 'xl/sharedStrings.xml')).toContain('count="3" uniqueCount="2"');
    expect(enc(xlsx, 'xl/styles.xml')).toContain('<numFmt numFmtId="164" formatCode="0.000"/>');
    const grid = readXlsx(xlsx)[0]!;
    expect(grid.rows.map((r) => r.map((c) => c?.text))).toEqual([
      ['项目', '项目', '项目'],
      ['0.10', '-12345678.125', ''],
      ['_x000D_ 与 <&>', '', ''],
    ]);
  });

  it('cuts a text to the 32,767 characters Excel holds in a cell, never inside a surrogate pair', () => {
    const long = `${'甲'.repeat(32766)}𠀀尾`;
    const grid = readXlsx(writeWorkbook({ sheets: [{ name: 'a', cells: [{ row: 0, col: 0, text: long }] }] }))[0]!;
    expect(grid.rows[0]![0]!.text).toBe('甲'.repeat(32766));
  });

  it('refuses a number that is no decimal and a cell position that is no cell', () => {
    expect(() => writeWorkbook({ sheets: [{ name: 'a', cells: [{ row: 0, col: 0, number: '1,5' }] }] })).toThrow(RangeError);
    expect(() => writeWorkbook({ sheets: [{ name: 'a', cells: [{ row: -1, col: 0, text: 'x' }] }] })).toThrow(RangeError);
  });

  it('makes sheet names Excel accepts: no []:*?/\\, 31 characters at most, unique, never empty or History', () => {
    expect(sheetNames(['a/b', 'A/B', '', 'History', "'引号'", '很'.repeat(40), '很'.repeat(40)])).toEqual([
      'a_b',
      'A_B(2)',
      'Sheet3',
      'Sheet4',
      '引号',
      '很'.repeat(31),
      `${'很'.repeat(28)}(2)`,
    ]);
  });
});
