// `evalform summary --xlsx`: the 汇总表 and 问题清单 workbook (src/report/summary-xlsx.ts), read back from the zip
// cell by cell — numbers as number cells with exact `<v>` texts and formats, subtotals by hand, merges, frozen
// header, print titles, filter — and opened in LibreOffice (PDF, text, a picture) for the examples and 200 forms.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { generateForms, writeForms } from '../bench/generate.mjs';
import { evaluate } from '../src/evaluate.js';
import type { Evaluation } from '../src/model/types.js';
import type { JsonResult } from '../src/report/json-result.js';
import { summaryData } from '../src/report/summary-data.js';
import { summaryXlsx } from '../src/report/summary-xlsx.js';
import { runMain } from './cli/in-process.js';
import { formYaml, HAND_CHECKED_EXAMPLES, ROOT } from './helpers.js';
import { findAll, parseXml, type XmlElement } from './helpers/xml.js';
import { printTools, unzip } from './render-helpers.js';

const EXAMPLES = HAND_CHECKED_EXAMPLES;

function example(name: string): Evaluation {
  const file = path.join(ROOT, 'examples', name);
  return evaluate(readFileSync(file, 'utf8'), file);
}

interface Cell {
  /** t="s" for a shared string; undefined for a number. */
  type?: string;
  /** The `<v>` as written (a number's exact text), or the shared string's text. */
  value: string;
  numFmt: string;
  bold: boolean;
  wrap: boolean;
}

interface Sheet {
  xml: string;
  root: XmlElement;
  cells: Map<string, Cell>;
  /** Row number → its cells' values from column A, '' where empty. */
  rows: Map<number, string[]>;
  merges: string[];
}

const BUILTIN: Record<string, string> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%' };

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** The workbook's sheets as cells with their shared strings and styles resolved. */
function readWorkbook(bytes: Uint8Array): { files: Map<string, Buffer>; sheets: Sheet[]; workbook: string } {
  const files = unzip(bytes);
  const text = (name: string): string => files.get(name)!.toString('utf8');
  const strings = findAll(parseXml(text('xl/sharedStrings.xml')), 'si').map((si) =>
    findAll(si, 't')
      .map((t) => t.text)
      .join(''),
  );
  const styles = parseXml(text('xl/styles.xml'));
  const formats = new Map(findAll(styles, 'numFmt').map((f) => [f.attrs.numFmtId!, f.attrs.formatCode!]));
  const fonts = findAll(child(styles, 'fonts')!, 'font').map((f) => Boolean(child(f, 'b')));
  const xfs = findAll(child(styles, 'cellXfs')!, 'xf').map((xf) => ({
    numFmt: formats.get(xf.attrs.numFmtId!) ?? BUILTIN[xf.attrs.numFmtId!]!,
    bold: fonts[Number(xf.attrs.fontId)]!,
    wrap: child(xf, 'alignment')?.attrs.wrapText === '1',
  }));
  const sheets: Sheet[] = [];
  for (let n = 1; files.has(`xl/worksheets/sheet${n}.xml`); n++) {
    const xml = text(`xl/worksheets/sheet${n}.xml`);
    const root = parseXml(xml);
    const cells = new Map<string, Cell>();
    const rows = new Map<number, string[]>();
    for (const c of findAll(root, 'c')) {
      const v = child(c, 'v')?.text ?? '';
      const style = xfs[Number(c.attrs.s ?? 0)]!;
      const cell: Cell = { value: c.attrs.t === 's' ? strings[Number(v)]! : v, ...style };
      if (c.attrs.t !== undefined) cell.type = c.attrs.t;
      cells.set(c.attrs.r!, cell);
      const [, col = '', row = ''] = /^([A-Z]+)(\d+)$/.exec(c.attrs.r!) ?? [];
      const line = rows.get(Number(row)) ?? [];
      line[col.charCodeAt(0) - 65] = cell.value;
      rows.set(Number(row), line);
    }
    for (const line of rows.values()) for (let i = 0; i < line.length; i++) line[i] ??= '';
    sheets.push({ xml, root, cells, rows, merges: findAll(root, 'mergeCell').map((m) => m.attrs.ref!) });
  }
  return { files, sheets, workbook: text('xl/workbook.xml') };
}

/** The workbook's defined names as “name@sheet: range”, entities decoded. */
function definedNames(workbook: string): string[] {
  return findAll(parseXml(workbook), 'definedName').map(
    (d) => `${d.attrs.name}@${d.attrs.localSheetId}${d.attrs.hidden === '1' ? ' (hidden)' : ''}: ${d.text}`,
  );
}

/** The cell, which must exist. */
function at(sheet: Sheet, ref: string): Cell {
  const c = sheet.cells.get(ref);
  if (!c) throw new Error(`no cell ${ref}`);
  return c;
}

/** A number cell: no t attribute, the `<v>` text exact, the format given. */
function expectNumber(sheet: Sheet, ref: string, value: string, numFmt: string, bold = false): void {
  expect(at(sheet, ref), ref).toMatchObject({ value, numFmt, bold });
  expect(at(sheet, ref).type, `${ref} is a number cell`).toBeUndefined();
}

describe('the examples as a workbook', () => {
  const data = summaryData(EXAMPLES.map(example), { cwd: ROOT });
  const bytes = summaryXlsx(data);
  const { sheets, workbook, files } = readWorkbook(bytes);
  const [sum, list] = sheets as [Sheet, Sheet];

  it('two sheets, 汇总表 and 问题清单; values only, no formula', () => {
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(['汇总表', '问题清单']);
    expect(sum.xml).not.toContain('<f>');
    expect(list.xml).not.toContain('<f>');
    expect(files.get('docProps/core.xml')!.toString('utf8')).toContain('<dc:title>2022—2023年度项目支出绩效自评结果汇总表</dc:title>');
  });

  it('a title over the table, the unit, the header row frozen and repeated on every printed page', () => {
    expect(at(sum, 'A1')).toMatchObject({ value: '2022—2023年度项目支出绩效自评结果汇总表', bold: true });
    expect(at(sum, 'A2').value).toBe('金额单位：万元');
    expect(sum.rows.get(3)).toEqual([
      '序号',
      '主管部门',
      '实施单位',
      '项目名称',
      '全年预算数',
      '全年执行数',
      '执行率',
      '自评得分',
      '等级',
      '问题数',
      '主要问题',
    ]);
    expect(sum.merges.slice(0, 2)).toEqual(['A1:K1', 'A2:K2']);
    expect(sum.xml).toContain('<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>');
    expect(definedNames(workbook)).toContain("_xlnm.Print_Titles@0: '汇总表'!$3:$3");
    expect(sum.xml).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
    expect(sum.xml).toContain('<pageSetUpPr fitToPage="1"/>');
  });

  it('a form is a row: amounts, the rate as a fraction and the score as number cells with exact texts and formats', () => {
    // Seed table 1: 1472.51 ÷ 1983.98 = 74.22%, 总分 97.42 (the form states 75.45% and 97.5).
    expect(sum.rows.get(4)!.slice(0, 4)).toEqual(['1', '湖南省信访局', '湖南省信访局本级', '业务工作经费']);
    expectNumber(sum, 'A4', '1', '0');
    expectNumber(sum, 'E4', '1983.98', '#,##0.00');
    expectNumber(sum, 'F4', '1472.51', '#,##0.00');
    expectNumber(sum, 'G4', '0.7422', '0.00%');
    expectNumber(sum, 'H4', '97.42', '0.00');
    expect(at(sum, 'I4')).toMatchObject({ type: 's', value: '优' });
    expectNumber(sum, 'J4', '5', '0');
    expect(at(sum, 'K4')).toMatchObject({ type: 's', wrap: true });
    expect(at(sum, 'K4').value).toMatch(/^当年财政拨款执行率应为 74\.22%（1472\.51 ÷ 1983\.98），表中为 75\.45%；.*；等 5 条$/);
    // 259.49 ÷ 288 = 90.1006…% → 90.10%: stored as 0.901 (exactly 90.10 ÷ 100), shown with two places.
    expectNumber(sum, 'E5', '288', '#,##0.00');
    expectNumber(sum, 'G5', '0.901', '0.00%');
    expect(at(sum, 'K5').value).toBe('');
  });

  it('a bold subtotal per 主管部门 after its forms, and the total: exact sums, the rate of the sums, the mean score', () => {
    // By hand: 1983.98 + 288 = 2271.98; 1472.51 + 259.49 = 1732; 1732 ÷ 2271.98 = 76.23%; (97.42 + 99.01) ÷ 2 = 98.215 → 98.22.
    expect(at(sum, 'A6')).toMatchObject({ value: '湖南省信访局 小计（2 张表）', bold: true });
    expect(sum.merges).toContain('A6:D6');
    expectNumber(sum, 'E6', '2271.98', '#,##0.00', true);
    expectNumber(sum, 'F6', '1732', '#,##0.00', true);
    expectNumber(sum, 'G6', '0.7623', '0.00%', true);
    expectNumber(sum, 'H6', '98.22', '0.00', true);
    expect(at(sum, 'I6').value).toBe('优 2');
    expectNumber(sum, 'J6', '5', '0', true);
    // Then one form and its subtotal for each of the other three departments.
    expect([7, 8, 9, 10, 11, 12].map((r) => sum.rows.get(r)![0])).toEqual([
      '3',
      '清溪县交通运输局 小计（1 张表）',
      '4',
      '白溪县卫生健康局 小计（1 张表）',
      '5',
      '澜溪县水务局 小计（1 张表）',
    ]);
    // 1983.98 + 288 + 1500 + 365 + 920 = 5056.98; 1472.51 + 259.49 + 1389.9 + 343.1 + 861 = 4326; 85.545…% → 85.55%;
    // (97.42 + 99.01 + 95.69 + 95.05 + 94.31) ÷ 5 = 96.296 → 96.30.
    expect(at(sum, 'A13')).toMatchObject({ value: '合计（5 张表）', bold: true });
    expectNumber(sum, 'E13', '5056.98', '#,##0.00', true);
    expectNumber(sum, 'F13', '4326', '#,##0.00', true);
    expectNumber(sum, 'G13', '0.8555', '0.00%', true);
    expectNumber(sum, 'H13', '96.3', '0.00', true);
    expect(at(sum, 'I13').value).toBe('优 5');
    expectNumber(sum, 'J13', '5', '0', true);
    // The note says what a subtotal's rate and score are.
    expect(at(sum, 'A14').value).toMatch(/^注：金额单位为万元。小计、合计行的执行率按执行数合计 ÷ 预算数合计计算.*自评得分为平均分/);
    expect(sum.merges).toContain('A14:K14');
  });

  it('no number stored as text: every amount, rate, score and count cell is a number', () => {
    for (let r = 4; r <= 13; r++) {
      for (const col of 'EFGHJ') {
        const c = at(sum, `${col}${r}`);
        expect(c.type, `${col}${r}`).toBeUndefined();
        expect(c.value).toMatch(/^\d+(\.\d+)?$/);
      }
    }
  });

  it('columns as wide as their Chinese text (a CJK character is two), the problems column wrapped and capped', () => {
    const widths = findAll(sum.root, 'col').map((c) => Number(c.attrs.width));
    // 农村公路日常养护及危桥改造: 13 characters = 26, and 2 of room.
    expect(widths[3]).toBe(28);
    // 清溪县农村公路养护中心 / 白溪县疾病预防控制中心: 11 characters.
    expect(widths[2]).toBe(24);
    expect(widths[10]).toBe(60);
    // The row of table 1 is tall enough for its wrapped problems (three lines at least).
    const row4 = findAll(sum.root, 'row').find((r) => r.attrs.r === '4')!;
    expect(Number(row4.attrs.ht)).toBeGreaterThanOrEqual(3 * 14.25);
  });

  it('问题清单: every finding with its form, place, code, severity in words and message; frozen, filtered, printed with its header', () => {
    expect(list.rows.get(1)).toEqual(['汇总表序号', '文件', '项目名称', '位置', '代码', '严重程度', '说明']);
    expect(list.rows.get(2)).toEqual([
      '1',
      'examples/hunan-2022-business.yaml',
      '业务工作经费',
      '/funds/appropriation/rate（第 25 行第 11 列）',
      'rate-mismatch',
      '错误',
      '当年财政拨款执行率应为 74.22%（1472.51 ÷ 1983.98），表中为 75.45%',
    ]);
    expect([...list.rows.keys()]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([2, 3, 4, 5, 6].map((r) => list.rows.get(r)![5])).toEqual(['错误', '错误', '错误', '警告', '错误']);
    expect(list.rows.get(6)![3]).toBe('/total（第 107 行第 8 列）');
    expect(list.xml).toContain('<autoFilter ref="A1:G6"/>');
    expect(definedNames(workbook)).toContain("_xlnm._FilterDatabase@1 (hidden): '问题清单'!$A$1:$G$6");
    expect(list.xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(definedNames(workbook)).toContain("_xlnm.Print_Titles@1: '问题清单'!$1:$1");
  });

  it('the same data gives the same bytes', () => {
    expect(Buffer.from(summaryXlsx(summaryData(EXAMPLES.map(example), { cwd: ROOT })))).toEqual(Buffer.from(bytes));
  });
});

describe('odd forms in the workbook', () => {
  const form = (file: string, spec: Parameters<typeof formYaml>[0] = {}, dept = '测试部门'): Evaluation =>
    evaluate(formYaml(spec).replace(/^department: .*$/m, `department: ${dept}`), path.join(ROOT, file));

  it('an amount in 元 keeps every place it has in 万元; a form with only 年初预算数 is named in the note', () => {
    const yuan = form('a.yaml', { unit: '元', appropriation: { annual: '1234567.89', executed: '1000000.01' } });
    const initial = form('b.yaml', { appropriation: { initial: '100', executed: '95' } });
    const { sheets } = readWorkbook(summaryXlsx(summaryData([yuan, initial], { cwd: ROOT })));
    const sum = sheets[0]!;
    expectNumber(sum, 'E4', '123.456789', '#,##0.000000');
    expectNumber(sum, 'F4', '100.000001', '#,##0.000000');
    expectNumber(sum, 'E5', '100', '#,##0.00');
    // 123.456789 + 100, exactly.
    expectNumber(sum, 'E6', '223.456789', '#,##0.000000', true);
    expect(at(sum, 'A8').value).toContain('序号 2 的表中只有年初预算数');
  });

  it('a form that cannot be read: a row named by its file, dashes for what it lacks, no sums in its subtotal', () => {
    const broken = evaluate('evalform: 1\nyear: [2022\n', path.join(ROOT, 'broken.yaml'));
    const { sheets } = readWorkbook(summaryXlsx(summaryData([form('ok.yaml'), broken], { cwd: ROOT })));
    const sum = sheets[0]!;
    expect(sum.rows.get(6)).toEqual(['2', '（无法读取的表）', '', 'broken.yaml', '—', '—', '—', '—', '—', '1', expect.stringMatching(/./)]);
    expect(sum.rows.get(7)!.slice(0, 10)).toEqual(['（无法读取的表） 小计（1 张表）', '', '', '', '—', '—', '—', '—', '', '1']);
    // The total counts both forms and sums the one that was read; its score is that form's.
    expect(sum.rows.get(4)![7]).toMatch(/^\d/);
    expect(sum.rows.get(8)!.slice(0, 10)).toEqual(['合计（2 张表）', '', '', '', '100', '95', '0.95', sum.rows.get(4)![7], '优 1', '1']);
    expect(sheets[1]!.rows.get(2)!.slice(0, 5)).toEqual(['2', 'broken.yaml', '—', '第 3 行第 1 列', 'yaml-syntax']);
  });

  it('rate places from the config: 66.6% at one place rounding down is 0.666 shown as 0.0%', () => {
    const down = evaluate(formYaml({ appropriation: { annual: '3', executed: '2' } }), path.join(ROOT, 'd.yaml'), {
      config: { rate_places: 1, rounding: 'down', places: 1 },
    });
    const { sheets } = readWorkbook(summaryXlsx(summaryData([down], { cwd: ROOT })));
    expectNumber(sheets[0]!, 'G4', '0.666', '0.0%');
    expect(at(sheets[0]!, 'H4').numFmt).toBe('0.0');
    expectNumber(sheets[0]!, 'G6', '0.666', '0.0%', true);
  });

  it('no finding at all: the list says so, with no filter', () => {
    const { sheets, workbook } = readWorkbook(summaryXlsx(summaryData([form('ok.yaml')], { cwd: ROOT })));
    expect(sheets[1]!.rows.get(2)![0]).toBe('没有发现问题。');
    expect(sheets[1]!.xml).not.toContain('<autoFilter');
    expect(workbook).not.toContain('_FilterDatabase');
    expect(at(sheets[0]!, 'A1').value).toBe('2022年度项目支出绩效自评结果汇总表');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Through the command, and in LibreOffice

/** LibreOffice with its spreadsheet part: Writer alone cannot open an .xlsx. */
const { calc } = printTools();
const poppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;
const skipped =
  calc && poppler ? '' : ' (skipped: needs LibreOffice Calc and poppler-utils; .ci/run installs libreoffice-calc-nogui and poppler-utils)';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'evalform-sumxlsx-'));
  dirs.push(dir);
  return dir;
}

/** The workbook as LibreOffice prints it: the PDF's text by page, and a picture of the first page to look at. */
function printed(dir: string, xlsx: string): { pages: string[]; png: string } {
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx],
    {
      encoding: 'utf8',
      timeout: 240_000,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const pdf = xlsx.replace(/\.xlsx$/, '.pdf');
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  const png = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, pdf.replace(/\.pdf$/, '')]);
  expect(png.status).toBe(0);
  return { pages: text.split('\f').filter((p) => p.trim() !== ''), png: pdf.replace(/\.pdf$/, '.png') };
}

async function scoreJson(cwd: string, files: string[]): Promise<JsonResult[]> {
  const r = await runMain(['score', '--format', 'json', ...files], { cwd });
  const parsed = JSON.parse(r.stdout) as JsonResult | JsonResult[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

describe(`summary --xlsx in LibreOffice${skipped}`, () => {
  it.skipIf(!calc || !poppler)(
    'the examples: LibreOffice prints the title, every row, the subtotals and the total, and the list of problems',
    async () => {
      const cwd = tempDir();
      mkdirSync(path.join(cwd, 'forms'));
      for (const name of EXAMPLES) copyFileSync(path.join(ROOT, 'examples', name), path.join(cwd, 'forms', name));
      const run = await runMain(['summary', 'forms', '--xlsx'], { cwd });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('已写入 summary.xlsx（5 张表）');
      const { pages, png } = printed(cwd, path.join(cwd, 'summary.xlsx'));
      const first = pages[0]!;
      for (const s of [
        '2022—2023年度项目支出绩效自评结果汇总表',
        '金额单位：万元',
        '业务工作经费',
        '农村供水保障工程维修养护',
        '1,983.98',
        '74.22%',
        '97.42',
        '湖南省信访局 小计（2 张表）',
        '2,271.98',
        '76.23%',
        '98.22',
        '合计（5 张表）',
        '5,056.98',
        '4,326.00',
        '85.55%',
        '96.30',
      ]) {
        expect(first, s).toContain(s);
      }
      const list = pages.find((p) => p.includes('严重程度'))!;
      expect(list).toContain('/funds/appropriation/rate（第 25 行第 11 列）');
      expect(list).toContain('rate-explanation-missing');
      expect(statSync(png).size).toBeGreaterThan(5_000);

      // Saved again by LibreOffice (as a unit working in LibreOffice or WPS would): the sums are still numbers.
      const resave = spawnSync(
        'soffice',
        [
          `-env:UserInstallation=file://${path.join(cwd, 'profile')}`,
          '--headless',
          '--convert-to',
          'xlsx:Calc Office Open XML',
          '--outdir',
          path.join(cwd, 'resaved'),
          path.join(cwd, 'summary.xlsx'),
        ],
        { encoding: 'utf8', timeout: 240_000 },
      );
      expect(resave.status, resave.stderr).toBe(0);
      const again = readWorkbook(readFileSync(path.join(cwd, 'resaved', 'summary.xlsx'))).sheets[0]!;
      for (const [ref, value, numFmt] of [
        ['E6', '2271.98', '#,##0.00'],
        ['G6', '0.7623', '0.00%'],
        ['H13', '96.3', '0.00'],
      ] as const) {
        expect(at(again, ref), ref).toMatchObject({ value, numFmt });
        expect(at(again, ref).type, ref).not.toBe('s');
      }
    },
    300_000,
  );

  it.skipIf(!calc || !poppler)(
    'a generated folder of 200 forms: rows agree with score --format json, subtotals are the sums of their rows, every page has the header',
    async () => {
      const cwd = tempDir();
      const forms = generateForms(200, 11);
      writeForms(path.join(cwd, 'forms'), forms);
      const run = await runMain(['summary', 'forms', '--xlsx', '-o', '汇总.xlsx'], { cwd });
      expect(run.stdout).toContain('已写入 汇总.xlsx（200 张表）');
      const { sheets } = readWorkbook(readFileSync(path.join(cwd, '汇总.xlsx')));
      const sum = sheets[0]!;

      // The rows in the order of the data model, each agreeing with score --format json.
      // The order `check` finds them in: by path.
      const found = [...forms].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const evals = found.map((f) => {
        const file = path.join(cwd, 'forms', f.path);
        return evaluate(f.text, file);
      });
      const data = summaryData(evals, { cwd });
      const json = new Map(
        (
          await scoreJson(
            cwd,
            forms.map((f) => `forms/${f.path}`),
          )
        ).map((j) => [j.file, j]),
      );
      const body = [...sum.rows.entries()].filter(([r]) => r > 3);
      const formRows = body.filter(([, cells]) => /^\d+$/.test(cells[0]!));
      expect(formRows.map(([, c]) => Number(c[0]))).toEqual(data.rows.map((r) => r.index));
      formRows.forEach(([, cells], i) => {
        const j = json.get(data.rows[i]!.file)!;
        expect(cells[3], j.file).toBe(j.project ?? data.rows[i]!.file);
        expect(cells[7] === '—' ? null : Number(cells[7]), j.file).toBe(j.total);
        expect(cells[6] === '—' ? null : new Decimal(cells[6]!).times(100).toNumber(), j.file).toBe(j.funds?.rate ?? null);
        expect(cells[8], j.file).toBe(j.grade ?? '—');
        expect(Number(cells[9]), j.file).toBe(j.findings.length);
      });

      // Each subtotal is the exact sum of the rows above it, since the last subtotal; the total of all rows.
      let budget = new Decimal(0);
      let all = new Decimal(0);
      let subtotals = 0;
      for (const [r, cells] of body) {
        if (/^\d+$/.test(cells[0]!)) {
          if (cells[4] !== '—') {
            expect(at(sum, `E${r}`).type).toBeUndefined();
            budget = budget.plus(cells[4]!);
            all = all.plus(cells[4]!);
          }
        } else if (cells[0]!.includes(' 小计（')) {
          expect(cells[4] === '—' ? '0' : cells[4], cells[0]).toBe(budget.toFixed());
          budget = new Decimal(0);
          subtotals++;
        } else if (cells[0] === '合计（200 张表）') {
          expect(cells[4]).toBe(all.toFixed());
        }
      }
      expect(subtotals).toBe(data.departments.length);
      expect(sheets[1]!.rows.size - 1).toBe([...json.values()].reduce((n, j) => n + j.findings.length, 0));

      // LibreOffice: several A4 pages, each page of the 汇总表 headed again; the total on the last of them.
      const { pages, png } = printed(cwd, path.join(cwd, '汇总.xlsx'));
      const summaryPages = pages.filter((p) => !p.includes('严重程度'));
      expect(summaryPages.length).toBeGreaterThan(1);
      for (const p of summaryPages) expect(p).toMatch(/序号\s+主管部门\s+实施单位\s+项目名称/);
      expect(summaryPages.join('\n')).toContain('合计（200 张表）');
      expect(statSync(png).size).toBeGreaterThan(5_000);
    },
    600_000,
  );
});
