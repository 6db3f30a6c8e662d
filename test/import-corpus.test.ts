// Documents made by other tools than evalform's writer — LibreOffice converting HTML written by hand, and a
// document.xml written by hand — each with its expected YAML: the import gives exactly that, and it validates.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { readDocx } from '../src/import/docx.js';
import { importDocument } from '../src/import/index.js';
import { continuation, joinGrids } from '../src/import/recognize.js';
import { ROOT } from './helpers.js';

const DIR = path.join(ROOT, 'test/fixtures/import');
const SCHEMA = '../../../schemas/evalform.schema.json';

/** A .docx holding only the hand-written word/document.xml (all a reader of the body needs). */
function fromXml(name: string): Uint8Array {
  return zipSync({ 'word/document.xml': strToU8(readFileSync(path.join(DIR, `${name}.document.xml`), 'utf8')) });
}

const bytesOf = (name: string): Uint8Array => (name === 'nested-sdt' ? fromXml(name) : readFileSync(path.join(DIR, `${name}.docx`)));
const expected = (file: string): string => readFileSync(path.join(DIR, file), 'utf8');

const CORPUS: { name: string; what: string; forms: string[] }[] = [
  {
    name: 'central-messy',
    what: 'central layout: spaced and broken labels, (A)/(B) and 万元 in the header, thousands separators, full-width digits, 10分, — cells, an empty row, a 其中 row, cells of several paragraphs, a second caption line',
    forms: ['central-messy.expected.yaml'],
  },
  {
    name: 'sichuan-spellings',
    what: 'Sichuan: 项目名称, 项目属性, 调整后预算数, 执行数, 权重, 得分计算方法 (merged down), 财政拨款, 单位资金, 指标性质 ≥ / 正向 / 定性, 全年实际值, 未完成原因分析, 绩效指标（90分）, conclusion rows, 财务负责人, the year only in a second title line',
    forms: ['sichuan-spellings.expected.yaml'],
  },
  {
    name: 'yunnan-two-forms',
    what: 'Yunnan: two tables, 年度指标值 over 指标性质 / 指标值 / 度量单位 (a two-row heading), 执行率(%) with bare numbers, a merged 得分 cell',
    forms: ['yunnan-two-forms-表1.expected.yaml', 'yunnan-two-forms-表2.expected.yaml'],
  },
  {
    name: 'split-header',
    what: 'one form over two Word tables after a page break: the 项目名称 row and the indicator heading repeated, the 质量指标 group split across the break and labelled again (one group), 总分, 备注 and sign-off after the second',
    forms: ['split-header.expected.yaml'],
  },
  {
    name: 'split-bare',
    what: 'Yunnan, one form over two Word tables with a 续表 line between: the second starts straight with an indicator row (no heading repeated, empty 一级/二级 cells carrying on 数量指标), 总分 and sign-off after it',
    forms: ['split-bare.expected.yaml'],
  },
  {
    name: 'resaved-county',
    what: 'render --docx of the 20-indicator example (3 pages, 3 tables) saved again by LibreOffice: each table with its own column grid (年度指标值 one grid column on pages 2 and 3, two on page 1), mapped by the repeated heading',
    forms: ['resaved-county.expected.yaml'],
  },
  {
    name: 'resaved-hunan',
    what: 'render --docx saved again by LibreOffice, page 1 ending with the goals: the indicator heading first appears on page 2, in that table’s own columns',
    forms: ['resaved-hunan.expected.yaml'],
  },
  {
    name: 'nested-sdt',
    what: 'hand-written XML: the form inside a layout table, vMerge and gridSpan, a content control (w:sdt), w:br in labels, w:tab, a text box fallback (mc:Fallback) not read twice',
    forms: ['nested-sdt.expected.yaml'],
  },
];

describe('import: the corpus made by other tools', () => {
  for (const c of CORPUS) {
    it(`${c.name}: ${c.what}`, async () => {
      const r = await importDocument(bytesOf(c.name), 'docx', { schema: SCHEMA, source: `${c.name}.docx` });
      expect(r.skipped).toEqual([]);
      expect(r.forms.map((f) => f.yaml)).toEqual(c.forms.map(expected));
      for (const f of r.forms) {
        const ev = evaluate(f.yaml, c.name);
        expect(ev.findings.filter((x) => x.code === 'schema' || x.code === 'yaml-syntax')).toEqual([]);
        expect(ev.result).toBeDefined();
      }
    });
  }

  it('reads a letter as no 自评表, and says what it lacks', async () => {
    const r = await importDocument(readFileSync(path.join(DIR, 'letter.docx')), 'docx');
    expect(r.forms).toEqual([]);
    expect(r.skipped).toEqual([{ table: '表1', reason: expect.stringContaining('不是项目支出绩效自评表') }]);
  });

  it('places every value it read at its table, row and column', async () => {
    const r = await importDocument(bytesOf('nested-sdt'), 'docx');
    const places = r.forms[0]!.places;
    expect(places['']).toBe('表1之1');
    expect(places['/indicators/output/quantity/0/score']).toBe('表1之1 第9行 得分');
    expect(places['/total']).toBe('表1之1 第13行 得分');
    expect(places['/funds/total/rate']).toBe('表1之1 第4行 执行率');
  });

  it("names the Word table each value of a split form was read from, and keeps the first table as the form's", async () => {
    const r = await importDocument(bytesOf('split-header'), 'docx');
    const { table, places, yaml } = r.forms[0]!;
    expect(table).toBe('表1');
    expect(places['']).toBe('表1');
    expect(places['/indicators/output/quality/0/score']).toBe('表1 第12行 得分');
    expect(places['/indicators/output/quality/1/score']).toBe('表2 第3行 得分');
    expect(places['/total']).toBe('表2 第8行 得分');
    // The wrong score on the second page is reported where the filer finds it.
    const ev = evaluate(yaml, 'split-header.docx');
    const wrong = ev.findings.filter((f) => f.code === 'score-mismatch').map((f) => places[f.path]);
    expect(wrong).toEqual(['表2 第3行 得分']);
    const bare = (await importDocument(bytesOf('split-bare'), 'docx')).forms[0]!.places;
    expect(bare['/indicators/output/quantity/3/name']).toBe('表2 第1行 三级指标');
    expect(bare['/grade']).toBe('表2 第6行 等级');
    const resaved = (await importDocument(bytesOf('resaved-county'), 'docx')).forms[0]!;
    const original = evaluate(readFileSync(path.join(ROOT, 'examples/county-2023-farmland.yaml'), 'utf8'), 'county.yaml').result!;
    const back = evaluate(resaved.yaml, 'resaved-county.docx').result!;
    expect(back.indicators.map((i) => [i.path, i.score?.toString()])).toEqual(
      original.indicators.map((i) => [i.path, i.score?.toString()]),
    );
    expect(back.total.toString()).toBe(original.total.toString());
    const county = resaved.places;
    expect(county['/indicators/output/quality/0/actual']).toBe('表2 第3行 实际完成值');
    expect(county['/indicators/satisfaction/beneficiary/0/score']).toBe('表3 第9行 得分');
  });

  it('joins no table that starts another form, follows a finished one, or names another project', () => {
    const [h1, h2] = readDocx(bytesOf('split-header'));
    const [y1, y2] = readDocx(readFileSync(path.join(DIR, 'yunnan-two-forms.docx')));
    const [b1, b2] = readDocx(bytesOf('split-bare'));
    expect(continuation(h1!, h2!)).toEqual({ from: 2 });
    expect(continuation(b1!, b2!)).toEqual({ from: 0 });
    // Its own 项目资金: a second form.
    expect(continuation(y1!, y2!)).toBeUndefined();
    // The form before has reached its 总分 row.
    expect(continuation(joinGrids(h1!, [{ grid: h2!, from: 2 }]), h2!)).toBeUndefined();
    expect(continuation(joinGrids(b1!, [{ grid: b2!, from: 0 }]), b2!)).toBeUndefined();
    // Another width, or another project named in the repeated row.
    expect(continuation(b1!, h2!)).toBeUndefined();
    const other = {
      ...h2!,
      rows: h2!.rows.map((row, r) => (r === 0 ? row.map((c) => (c && c.col === 2 ? { ...c, text: '另一个项目' } : c)) : row)),
    };
    expect(continuation(h1!, other)).toBeUndefined();
    // Only the 总分 row left for the second table: it carries on the form.
    expect(continuation(h1!, { ...h2!, rows: h2!.rows.slice(7) })).toEqual({ from: 0 });
    // No indicator heading on either side: nothing to read the rows by.
    expect(continuation({ ...b1!, rows: b1!.rows.slice(0, 5) }, b2!)).toBeUndefined();
    // Rows laid out otherwise than the indicator rows, with no heading: no continuation.
    expect(continuation(h1!, { ...h2!, rows: h2!.rows.slice(0, 1).map((row) => row.map((c) => c && { ...c, text: '' })) })).toBeUndefined();
  });

  it('keeps a table apart when text other than a 续表 line stands between', async () => {
    const files = unzipSync(bytesOf('split-header'));
    const xml = strFromU8(files['word/document.xml']!);
    const at = xml.indexOf('</w:tbl>') + '</w:tbl>'.length;
    files['word/document.xml'] = strToU8(`${xml.slice(0, at)}<w:p><w:r><w:t>附表2：资金明细</w:t></w:r></w:p>${xml.slice(at)}`);
    const r = await importDocument(zipSync(files), 'docx');
    expect(r.skipped).toEqual([{ table: '表2', reason: expect.stringContaining('不是项目支出绩效自评表') }]);
    expect(r.forms.map((f) => f.table)).toEqual(['表1']);
  });

  it('resolves merges: a vertically merged cell is one cell at every row it covers', () => {
    const [outer, inner] = [readDocx(bytesOf('nested-sdt'))[1]!, readDocx(bytesOf('nested-sdt'))[0]!];
    expect(outer.name).toBe('表1');
    expect(inner.name).toBe('表1之1');
    expect(inner.caption).toBe('2023年度项目支出绩效自评表');
    const label = inner.rows[2]![0]!;
    expect(label).toMatchObject({ text: '项目资金\n（万元）', row: 2, col: 0, rowSpan: 3, colSpan: 2 });
    expect(inner.rows[4]![1]).toBe(label);
    expect(inner.rows[0]![2]!.text).toBe('职业技能培训补贴');
    expect(inner.rows[1]![7]!.text).toBe('某区就业服务中心');
  });

  it('refuses what is not a Word file with one clear line', async () => {
    await expect(importDocument(strToU8('not a zip'), 'docx')).rejects.toThrow(/不是有效的 \.docx 文件/);
    await expect(importDocument(zipSync({ 'a.txt': strToU8('x') }), 'docx')).rejects.toThrow(/没有 word\/document\.xml/);
    await expect(importDocument(zipSync({ 'word/document.xml': strToU8('<w:document><w:body>') }), 'docx')).rejects.toThrow(
      /不是有效的 XML/,
    );
  });
});
