// The .docx as Word, WPS and LibreOffice read it: cell texts, merges, widths, page setup, fonts, reproducibility.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { fixZipDates, renderDocx } from '../src/render/docx.js';
import { paperView, tableView, type TableView } from '../src/render/view.js';
import { example, formYaml } from './helpers.js';
import { findAll, parseXml } from './helpers/xml.js';
import { cellAt, docxPageTables, docxTables, documentXml, texts, unzip, type DocxTable } from './render-helpers.js';

function view(name: string): TableView {
  const ev = evaluate(example(name), name);
  if (!ev.result) throw new Error(`${name} was not scored`);
  return tableView(ev.result);
}

const SEEDS = ['hunan-2022-business.yaml', 'hunan-2022-operations.yaml'];
const docxOfSeeds = await renderDocx(SEEDS.map(view));
const tables = docxTables(docxOfSeeds);
const GRID_TOTAL = 9866;
const papers = SEEDS.map((n) => paperView(view(n)));
/** Pages of the seeds as planned: the goals fill page 1, the indicators and the 总分 follow. */
const PAGES = papers.reduce((n, p) => n + p.sheets.length, 0);

/** Rows of a table whose first non-merged cell text is `label`. */
function rowWith(t: DocxTable, label: string): string[] {
  const row = t.rows.find((r) => r.cells.some((c) => c.text === label));
  if (!row) throw new Error(`no row with ${label}`);
  return row.cells.map((c) => c.text);
}

describe('render --docx: the seed tables', () => {
  it('holds one table per form, in the order given, each after its title', () => {
    expect(tables).toHaveLength(2);
    expect(texts(tables[0]!)[0]).toEqual(['项目支出名称', '业务工作经费']);
    expect(texts(tables[1]!)[0]).toEqual(['项目支出名称', '运行维护经费']);
    const body = findAll(documentXml(docxOfSeeds), 'w:body')[0]!;
    const titles = body.children
      .filter((c) => c.name === 'w:p')
      .map((p) =>
        findAll(p, 'w:t')
          .map((t) => t.text)
          .join(''),
      );
    expect(titles.filter((t) => t === '2022年度项目支出绩效自评表')).toHaveLength(2);
    // The second form starts a new page, and so does every page after a form's first (its own table).
    expect(findAll(body, 'w:pageBreakBefore')).toHaveLength(PAGES - 1);
    expect(docxPageTables(docxOfSeeds)).toHaveLength(PAGES);
  });

  it('prints the computed funds values of table 1: 74.22% and 7.42 on 年度资金总额 and 财政拨款', () => {
    const t = tables[0]!;
    expect(rowWith(t, '年度资金总额')).toEqual(['', '年度资金总额', '1234.22', '1983.98', '1472.51', '10', '74.22%', '7.42']);
    expect(rowWith(t, '其中：当年财政拨款')).toEqual(['', '其中：当年财政拨款', '1234.22', '1983.98', '1472.51', '10', '74.22%', '7.42']);
    expect(rowWith(t, '上年结转资金')).toEqual(['', '上年结转资金', '', '', '', '', '', '']);
    expect(rowWith(t, '其他资金')).toEqual(['', '其他资金', '', '', '', '', '', '']);
    expect(rowWith(t, '总分')).toEqual(['总分', '100', '97.42', '等级：优']);
  });

  it('prints 90.10%, 9.01 and 99.01 for table 2', () => {
    const t = tables[1]!;
    expect(rowWith(t, '年度资金总额')).toEqual(['', '年度资金总额', '175.1', '288', '259.49', '10', '90.10%', '9.01']);
    expect(rowWith(t, '总分')).toEqual(['总分', '100', '99.01', '等级：优']);
  });

  it('lays out the header rows, 项目资金 heading, 年度总体目标 and the indicator heading as the seed', () => {
    const t = texts(tables[0]!);
    expect(t[1]).toEqual(['主管部门', '湖南省信访局', '实施单位', '湖南省信访局本级']);
    expect(t[2]).toEqual(['项目资金\n（万元）', '', '年初\n预算数', '全年\n预算数', '全年\n执行数', '分值', '执行率', '得分']);
    expect(t[7]).toEqual(['年度总体目标', '预期目标', '实际完成情况']);
    expect(t[8]![1]).toMatch(/^坚持习近平总书记“以人民为中心”/);
    expect(t[8]![2]).toMatch(/^2022年，全省信访系统/);
    expect(t[9]).toEqual([
      '绩\n效\n指\n标',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际\n完成值',
      '分值',
      '得分',
      '偏差原因\n分析及\n改进措施',
    ]);
    expect(t[10]).toEqual([
      '',
      '产出指标\n(50分)',
      '数量指标',
      '数量指标',
      '加大信访积案化解力度，2023年信访总量总体下降到25%以上。',
      '完成全年工作任务',
      '10',
      '10.00',
      '',
    ]);
    expect(t[14]!.slice(0, 3)).toEqual(['', '效益指标\n(30分)', '经济效益\n指标']);
    expect(t[18]!.slice(0, 3)).toEqual(['', '满意度\n指标\n(10分)', '服务对象\n满意度\n指标']);
    expect(t).toHaveLength(20);
  });

  it('merges 项目资金 over 5 rows, 年度总体目标 over 2, 绩效指标 over 10, and each 一级 over its 二级 rows', () => {
    for (const t of tables) {
      const col = (c: number): (string | undefined)[] => t.rows.map((r) => cellAt(r, c)?.vMerge);
      const runs = (c: number): number[] => {
        // Lengths of the vertical merges in grid column c: a restart and the continues under it.
        const out: number[] = [];
        for (const m of col(c)) {
          if (m === 'restart') out.push(1);
          else if (m === 'continue') out[out.length - 1]! += 1;
        }
        return out;
      };
      expect(runs(0)).toEqual([5, 2, 10]);
      expect(runs(1)).toEqual([5, 2, 4, 4, 1]);
      expect(runs(2)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
      // 一级 column: 3 restarts, 6 continues; 二级 column: no continues in the seed (one indicator each).
      const level1 = t.rows.slice(10, 19).map((r) => cellAt(r, 1)?.vMerge);
      expect(level1.filter((m) => m === 'continue')).toHaveLength(6);
      expect(
        t.rows
          .slice(10, 19)
          .map((r) => cellAt(r, 2)?.vMerge)
          .filter((m) => m === 'continue'),
      ).toHaveLength(0);
      // A continued cell carries no text.
      for (const r of t.rows) for (const c of r.cells) if (c.vMerge === 'continue') expect(c.text).toBe('');
    }
  });

  it('writes the grid sized from the content and a DXA width on every cell that matches the grid columns it spans', () => {
    tables.forEach((t, k) => {
      const grid = papers[k]!.columns.grid;
      expect(t.gridCols).toEqual(grid);
      expect(grid.reduce((a, b) => a + b, 0)).toBe(GRID_TOTAL);
      expect(t.tableWidth).toEqual({ w: GRID_TOTAL, type: 'dxa' });
      for (const r of t.rows) {
        let at = 0;
        for (const c of r.cells) {
          expect(c.width.type).toBe('dxa');
          expect(c.width.w).toBe(grid.slice(at, at + c.gridSpan).reduce((a, b) => a + b, 0));
          at += c.gridSpan;
        }
        // Every row covers the whole grid: no row is short of a cell.
        expect(at).toBe(grid.length);
      }
    });
  });

  it('repeats the project rows on page 1, the 项目支出名称 row and the column header on every later page, and never splits a row', () => {
    const pages = docxPageTables(docxOfSeeds);
    for (const t of pages) {
      const heads = t.rows.filter((r) => r.header).map((r) => r.cells[0]!.text);
      // The header rows are the first rows of each page's table: Word repeats only those.
      expect(t.rows.slice(0, heads.length).every((r) => r.header)).toBe(true);
      if (heads[1] === '主管部门') expect(heads).toEqual(['项目支出名称', '主管部门']);
      else expect(heads).toEqual(['项目支出名称', '绩\n效\n指\n标']);
      expect(t.rows.every((r) => r.cantSplit)).toBe(true);
    }
    expect(pages.filter((t) => t.rows[1]!.cells[0]!.text === '主管部门')).toHaveLength(2);
  });

  it('sets A4, the margins, a fixed layout and the fonts: 仿宋_GB2312 body, 方正小标宋简体 title, Times New Roman digits', () => {
    const doc = documentXml(docxOfSeeds);
    const pgSz = findAll(doc, 'w:pgSz')[0]!;
    expect([pgSz.attrs['w:w'], pgSz.attrs['w:h']]).toEqual(['11906', '16838']);
    const pgMar = findAll(doc, 'w:pgMar')[0]!;
    expect(Number(pgMar.attrs['w:left']) + Number(pgMar.attrs['w:right']) + GRID_TOTAL).toBe(11906);
    expect(findAll(doc, 'w:tblLayout').map((l) => l.attrs['w:type'])).toEqual(Array(PAGES).fill('fixed'));
    const styles = parseXml(unzip(docxOfSeeds).get('word/styles.xml')!.toString('utf8'));
    const defaults = findAll(findAll(styles, 'w:rPrDefault')[0]!, 'w:rFonts')[0]!;
    expect(defaults.attrs).toMatchObject({ 'w:eastAsia': '仿宋_GB2312', 'w:ascii': 'Times New Roman', 'w:hAnsi': 'Times New Roman' });
    const titleFonts = findAll(doc, 'w:rFonts').map((f) => f.attrs['w:eastAsia']);
    expect(titleFonts.filter((f) => f === '方正小标宋简体')).toHaveLength(2);
    const fonts = parseXml(unzip(docxOfSeeds).get('word/fontTable.xml')!.toString('utf8'));
    const alt = Object.fromEntries(findAll(fonts, 'w:font').map((f) => [f.attrs['w:name'], findAll(f, 'w:altName')[0]?.attrs['w:val']]));
    expect(alt).toMatchObject({ 仿宋_GB2312: '仿宋', 方正小标宋简体: '宋体' });
  });

  it('puts the 备注 and the signoff line under each table', () => {
    const body = findAll(documentXml(docxOfSeeds), 'w:body')[0]!;
    const paras = body.children
      .filter((c) => c.name === 'w:p')
      .map((p) =>
        findAll(p, 'w:t')
          .map((t) => t.text)
          .join(''),
      );
    expect(paras.filter((p) => p.startsWith('备注：一个一级项目支出一张表。'))).toHaveLength(2);
    expect(
      paras.filter((p) => p === '填表人：范建平　　　填报日期：2023年5月22日　　　联系电话：81125819　　　单位负责人签字：'),
    ).toHaveLength(2);
  });
});

describe('render --docx: reproducible output', () => {
  it('gives byte-identical documents for the same input, whatever the time', async () => {
    const views = SEEDS.map(view);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2021-01-01T08:00:00Z'));
      const a = await renderDocx(views);
      vi.setSystemTime(new Date('2030-06-15T13:37:42Z'));
      const b = await renderDocx(views);
      expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('dates the document and every zip entry with the form date', () => {
    const core = unzip(docxOfSeeds).get('docProps/core.xml')!.toString('utf8');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-05-22T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2023-05-22T00:00:00Z</dcterms:modified>');
    expect(core).toContain('<dc:creator>evalform</dc:creator>');
    const buf = Buffer.from(docxOfSeeds);
    const dosDate = ((2023 - 1980) << 9) | (5 << 5) | 22;
    for (let p = buf.indexOf('PK\x01\x02'); p >= 0; p = buf.indexOf('PK\x01\x02', p + 4)) {
      expect([buf.readUInt16LE(p + 12), buf.readUInt16LE(p + 14)]).toEqual([0, dosDate]);
    }
  });

  it('fixZipDates leaves the contents readable', () => {
    const again = fixZipDates(docxOfSeeds, new Date(Date.UTC(2000, 0, 1)));
    expect(unzip(again).get('word/document.xml')!.equals(unzip(docxOfSeeds).get('word/document.xml')!)).toBe(true);
  });
});

describe('render --docx: forms unlike the seed', () => {
  it('keeps markup characters and drops control characters, so the document stays valid XML', async () => {
    const yaml = formYaml().replace('project: 测试项目', 'project: "A&B <项目> \\x07 \\"引号\\""');
    const ev = evaluate(yaml, 'x.yaml');
    const docx = await renderDocx([tableView(ev.result!)]);
    expect(texts(docxTables(docx)[0]!)[0]).toEqual(['项目支出名称', 'A&B <项目>  "引号"']);
    const core = parseXml(unzip(docx).get('docProps/core.xml')!.toString('utf8'));
    expect(findAll(core, 'dc:title')[0]!.text).toBe('2022年度项目支出绩效自评表：A&B <项目>  "引号"');
  });

  it('renders a form that gives only the 年度资金总额 row, and one with no budget', async () => {
    const onlyTotal = evaluate(formYaml({ fundsTotal: { initial: '80', annual: '100', executed: '95' } }), 'a.yaml');
    const noBudget = evaluate(formYaml({ appropriation: { executed: '5' } }), 'b.yaml');
    const [a, b] = docxTables(await renderDocx([tableView(onlyTotal.result!), tableView(noBudget.result!)]));
    expect(rowWith(a!, '年度资金总额')).toEqual(['', '年度资金总额', '80', '100', '95', '10', '95.00%', '9.50']);
    expect(rowWith(a!, '其中：当年财政拨款')).toEqual(['', '其中：当年财政拨款', '', '', '', '', '', '']);
    expect(rowWith(b!, '年度资金总额')).toEqual(['', '年度资金总额', '', '', '5', '10', '', '0.00']);
  });

  it('dates a form without an ISO 填报日期 at 2000-01-01', async () => {
    const yaml = formYaml();
    const docx = await renderDocx([tableView(evaluate(yaml, 'x.yaml').result!)]);
    expect(unzip(docx).get('docProps/core.xml')!.toString('utf8')).toContain('2000-01-01T00:00:00Z');
  });
});

const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const hasPdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;

describe('render --docx in LibreOffice', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'evalform-soffice-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const skipped = hasSoffice ? '' : ' (skipped: LibreOffice is not installed; .ci/run installs it)';
  it.skipIf(!hasSoffice)(
    `converts to PDF with the project names and the computed scores on the pages${skipped}`,
    () => {
      const docx = path.join(dir, 'seed.docx');
      writeFileSync(docx, docxOfSeeds);
      // A profile of its own, so a LibreOffice the user has open does not take the job.
      const profile = `file://${path.join(dir, 'profile')}`;
      const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const pdf = readFileSync(path.join(dir, 'seed.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      if (!hasPdftotext) return;
      const text = spawnSync('pdftotext', ['-layout', path.join(dir, 'seed.pdf'), '-'], { encoding: 'utf8' }).stdout;
      for (const s of ['业务工作经费', '运行维护经费', '74.22%', '7.42', '97.42', '90.10%', '9.01', '99.01', '项目支出绩效自评表']) {
        expect(text).toContain(s);
      }
      expect(text).not.toContain('75.45%');
    },
    150_000,
  );
});
