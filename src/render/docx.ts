// The official table as a Word document: one table per form, A4, explicit grid, byte-identical for the same input.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { documentTexts, xmlEscape } from '../xml.js';
import {
  CELL_X,
  CELL_Y,
  LINE,
  MIN_ROW,
  NOTE_BEFORE,
  PAGE_TWIPS,
  SEPARATOR_LINE,
  SIGNOFF_BEFORE,
  TITLE_AFTER,
  TITLE_LINE,
} from './paper.js';
import {
  type IndicatorRowView,
  indicatorHeading,
  indicatorRowCells,
  type PaperView,
  paperView,
  type SheetView,
  type TableView,
  tableSpans,
} from './view.js';

const PAGE = { width: PAGE_TWIPS.width, height: PAGE_TWIPS.height };
const MARGIN = { top: PAGE_TWIPS.top, bottom: PAGE_TWIPS.bottom, left: PAGE_TWIPS.left, right: PAGE_TWIPS.right, header: 851, footer: 851 };
const LATIN = 'Times New Roman';
const BODY_FONT = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '仿宋_GB2312' };
const TITLE_FONT = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '方正小标宋简体' };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const CELL_MARGIN = { left: CELL_X, right: CELL_X, top: CELL_Y, bottom: CELL_Y };

type Align = 'center' | 'left' | 'justify';
type Merge = 'restart' | 'continue';

interface CellSpec {
  /** Grid columns [from, to). */
  from: number;
  to: number;
  /** Text; '\n' starts a new paragraph. */
  text?: string;
  align?: Align;
  merge?: Merge;
}

function span(grid: readonly number[], from: number, to: number): number {
  return grid.slice(from, to).reduce((a, b) => a + b, 0);
}

function paragraphs(text: string, align: Align): Paragraph[] {
  // Any line end starts a paragraph: a lone CR left in a run would reach Word as a raw control character.
  return text.split(/\r\n?|\n/).map(
    (line) =>
      new Paragraph({
        alignment: align === 'center' ? AlignmentType.CENTER : align === 'justify' ? AlignmentType.BOTH : AlignmentType.LEFT,
        children: line === '' ? [] : [new TextRun(line)],
      }),
  );
}

function cell(c: CellSpec, grid: readonly number[]): TableCell {
  return new TableCell({
    children: c.merge === 'continue' ? [new Paragraph({})] : paragraphs(c.text ?? '', c.align ?? 'center'),
    width: { size: span(grid, c.from, c.to), type: WidthType.DXA },
    ...(c.to - c.from > 1 ? { columnSpan: c.to - c.from } : {}),
    ...(c.merge === undefined ? {} : { verticalMerge: c.merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE }),
    verticalAlign: VerticalAlignTable.CENTER,
  });
}

type RowOpts = { header?: boolean; minHeight?: number; keepNext?: boolean };

/** A row builder over one grid. */
function rowsOn(grid: readonly number[]): (cells: CellSpec[], opts?: RowOpts) => TableRow {
  return (cells, opts = {}) =>
    new TableRow({
      children: cells.map((c) => cell(c, grid)),
      cantSplit: true,
      ...(opts.header ? { tableHeader: true } : {}),
      ...(opts.keepNext ? { keepNext: true } : {}),
      height: { value: opts.minHeight ?? MIN_ROW, rule: HeightRule.ATLEAST },
    });
}

const at = ([from, to]: [number, number], text?: string, align?: Align): CellSpec => ({
  from,
  to,
  ...(text === undefined ? {} : { text }),
  ...(align === undefined ? {} : { align }),
});

/** The rows of one printed page of a form (PaperView.sheets): page 1 opens with the header rows, the funds and the
 * goals; every later page repeats the 项目支出名称 row and the indicator column header (Word repeats them again
 * should a page ever overflow); the last page closes with the 总分 and the footer rows. The 绩效指标, 一级 and 二级
 * labels start again on every page, so a group split across pages is labelled on each. */
function sheetTable(v: PaperView, sheet: SheetView): Table {
  const c = v.columns;
  const grid = c.grid;
  const row = rowsOn(grid);
  const s = tableSpans(c);
  const n = s.n;
  const ind = s.indicator;
  /** An indicator's or 其中 row's cells from 三级 on (view.ts), in the layout's columns. */
  const indicatorCells = (texts: readonly { text: string; align?: Align }[]): CellSpec[] =>
    texts.map((t, k) => at(ind[k]!, t.text, t.align));
  const indicatorRow = (r: IndicatorRowView, keepNext: boolean): TableRow =>
    row(
      [
        { from: 0, to: 1, merge: 'continue' },
        r.level1 ? { from: 1, to: 2, text: r.level1.display, merge: 'restart' } : { from: 1, to: 2, merge: 'continue' },
        r.level2 ? { from: 2, to: 3, text: r.level2.display, merge: 'restart' } : { from: 2, to: 3, merge: 'continue' },
        ...indicatorCells(indicatorRowCells(c, r)),
      ],
      { keepNext },
    );
  /** A 其中 sub-row under its indicator (FORMAT.md §7): name, target and actual; no points. */
  const partRow = (p: IndicatorRowView['parts'][number], keepNext: boolean): TableRow =>
    row(
      [
        { from: 0, to: 1, merge: 'continue' },
        { from: 1, to: 2, merge: 'continue' },
        { from: 2, to: 3, merge: 'continue' },
        ...indicatorCells(indicatorRowCells(c, p)),
      ],
      { keepNext },
    );
  const projectRow = row(
    [
      { from: 0, to: 2, text: '项目支出名称' },
      { from: 2, to: n, text: v.project },
    ],
    { header: true },
  );
  const heading = (header: boolean): TableRow =>
    row(
      [
        { from: 0, to: 1, text: c.indicatorsLabel, merge: 'restart' },
        { from: 1, to: 2, text: '一级指标' },
        { from: 2, to: 3, text: '二级指标' },
        ...indicatorCells(indicatorHeading(c).map((text) => ({ text }))),
      ],
      { keepNext: true, header },
    );
  const fundsMethod = s.fundsMethod;
  const front: TableRow[] = [
    // Word repeats only the rows at the top of a table: the project rows, should page 1 ever overflow.
    projectRow,
    row(
      [
        { from: 0, to: 2, text: '主管部门' },
        at(s.dept, v.department),
        at(s.implLabel, c.split ? '实施\n单位' : '实施单位'),
        at(s.impl, v.implementer),
      ],
      { header: true },
    ),
    ...(c.header
      ? [
          row(
            [
              { from: 0, to: 2, text: '项目类别' },
              at(s.dept, v.category),
              at(s.implLabel, '项目\n负责人\n及电话'),
              at(s.impl, [v.manager.name, v.manager.phone].filter((t) => t.trim() !== '').join('　')),
            ],
            { header: true },
          ),
        ]
      : []),
    row(
      [
        { ...at(s.fundsLabel, `项目资金\n（${v.fundsUnit}）`), merge: 'restart' },
        at(s.fundsRow, ''),
        at(s.funds[0]!, '年初\n预算数'),
        at(s.funds[1]!, c.annualLabel === '全年预算数' ? '全年\n预算数' : '调整后\n预算数'),
        at(s.funds[2]!, '全年\n执行数'),
        at(s.funds[3]!, '分值'),
        at(s.funds[4]!, '执行率'),
        at(s.funds[5]!, '得分'),
        ...(fundsMethod ? [at(fundsMethod, '评分\n标准')] : []),
      ],
      { keepNext: true },
    ),
    ...v.funds.map((f, i) =>
      row(
        [
          { ...at(s.fundsLabel), merge: 'continue' as Merge },
          at(s.fundsRow, f.label),
          at(s.funds[0]!, f.initial),
          at(s.funds[1]!, f.annual),
          at(s.funds[2]!, f.executed),
          at(s.funds[3]!, f.weight),
          at(s.funds[4]!, f.rate),
          at(s.funds[5]!, f.score),
          ...(fundsMethod
            ? [
                i === 0
                  ? { ...at(fundsMethod, v.fundsMethodText, 'left'), merge: 'restart' as Merge }
                  : { ...at(fundsMethod), merge: 'continue' as Merge },
              ]
            : []),
        ],
        { keepNext: i < v.funds.length - 1 },
      ),
    ),
    row([{ ...at(s.fundsLabel, '年度总体目标'), merge: 'restart' }, at(s.expected, '预期目标'), at(s.actualGoal, '实际完成情况')], {
      keepNext: true,
    }),
    row(
      [
        { ...at(s.fundsLabel), merge: 'continue' },
        at(s.expected, v.goals.expected, 'justify'),
        at(s.actualGoal, v.goals.actual, 'justify'),
      ],
      { minHeight: 1134, keepNext: sheet.indicators.length > 0 },
    ),
    // When the goals leave no room for an indicator, page 1 ends with them and the indicators start on page 2.
    ...(sheet.heading ? [heading(false)] : []),
  ];
  const list = sheet.indicators;
  // Rows of one 二级 group keep with the next (Word keeps them on one page should the plan ever be off), and the
  // last indicator keeps with the 总分 on the last page.
  const body = list.flatMap((r, k) => {
    const next = list[k + 1];
    const keep = (next !== undefined && next.level2 === undefined) || (next === undefined && sheet.last);
    return [indicatorRow(r, keep || r.parts.length > 0), ...r.parts.map((p, j) => partRow(p, keep || j < r.parts.length - 1))];
  });
  const end: TableRow[] = [
    row(
      [
        at(s.totalLabel, '总分'),
        at(s.total[0]!, v.total.weight),
        at(s.total[1]!, v.total.score),
        at(s.total[2]!, v.total.grade === '' ? '' : `等级：${v.total.grade}`),
      ],
      // Kept with the footer rows, 备注 and signoff lines below, so they never start a page alone.
      { keepNext: true },
    ),
    // FORMAT.md §7 (sichuan): 评价结论 / 存在问题 / 改进措施 / 其他需要说明事项, those given, under the 总分.
    ...c.footer.map((f) =>
      row(
        [
          { from: 0, to: 2, text: f.label },
          { from: 2, to: n, text: f.text, align: 'justify' },
        ],
        { keepNext: true, minHeight: 680 },
      ),
    ),
  ];
  const rows = [...(sheet.first ? front : [projectRow, heading(true)]), ...body, ...(sheet.last ? end : [])];
  return new Table({
    rows,
    columnWidths: [...grid],
    width: { size: span(grid, 0, grid.length), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGIN,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}

/** Paragraph spacing on an exact line, so a row is as tall in Word, WPS and LibreOffice as the page plan says. */
const EXACT = (line: number) => ({ line, lineRule: LineRuleType.EXACT });

function formBlock(v: PaperView, index: number): (Paragraph | Table)[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      pageBreakBefore: index > 0,
      spacing: { after: TITLE_AFTER, ...EXACT(TITLE_LINE) },
      children: [new TextRun({ text: v.title, font: TITLE_FONT, size: 36 })],
    }),
    ...v.sheets.flatMap((sheet) => [
      // Word joins two tables that touch: a paragraph one point high between them starts the next page.
      ...(sheet.first
        ? []
        : [new Paragraph({ pageBreakBefore: true, spacing: EXACT(SEPARATOR_LINE), children: [new TextRun({ text: '', size: 2 })] })]),
      sheetTable(v, sheet),
    ]),
    new Paragraph({ spacing: { before: NOTE_BEFORE }, keepNext: true, children: [new TextRun(`备注：${v.note}`)] }),
    ...v.signoffLines.map(
      (line, i, all) =>
        new Paragraph({
          spacing: { before: SIGNOFF_BEFORE },
          ...(i < all.length - 1 ? { keepNext: true } : {}),
          children: [new TextRun(line)],
        }),
    ),
  ];
}

/** Declares the fonts with the alternates Word and WPS substitute when one is not installed: 仿宋 for 仿宋_GB2312
 * (Windows ships 仿宋 only), 宋体 for 方正小标宋简体; charset 86 marks them GB2312. */
const FONT_TABLE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>' +
  '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>' +
  '<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>' +
  '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:panose1 w:val="02000000000000000000"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>' +
  '<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>' +
  '</w:fonts>';

/** The document's date: the first form's 填报日期 when it is a date, else a fixed one, so output is reproducible. */
function documentDate(views: readonly TableView[]): Date {
  for (const v of views) {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v.date.trim());
    if (m) {
      const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      // Zip dates run from 1980 to 2107.
      if (!Number.isNaN(t) && Number(m[1]) >= 1980 && Number(m[1]) < 2100) return new Date(t);
    }
  }
  return new Date(Date.UTC(2000, 0, 1));
}

function coreXml(title: string, date: Date): string {
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>evalform</dc:creator>` +
    '<cp:lastModifiedBy>evalform</cp:lastModifiedBy><cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Sets every entry's modification time in a zip file (local headers and central directory) to `date`.
 * docx zips with the current time; the time fields are outside the CRC, so rewriting them in place is safe. */
export function fixZipDates(zip: Uint8Array, date: Date): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('not a zip file: bad central directory entry');
    view.setUint16(p + 12, dosTime, true);
    view.setUint16(p + 14, dosDate, true);
    const local = view.getUint32(p + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('not a zip file: bad local header');
    view.setUint16(local + 10, dosTime, true);
    view.setUint16(local + 12, dosDate, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

/** One .docx holding the forms' tables in order, a page break between them. Pure: returns the bytes. */
export async function renderDocx(forms: readonly TableView[]): Promise<Uint8Array> {
  // docx escapes markup and drops C0 controls, but writes U+FFFE, U+FFFF and lone surrogates as they are: one
  // such character in a field and Word and LibreOffice cannot open the file. Every text of every view is cleaned.
  const views = documentTexts(forms).map(paperView);
  const title = views.length === 1 && views[0] ? `${views[0].title}：${views[0].project}` : '项目支出绩效自评表';
  const date = documentDate(views);
  const doc = new Document({
    creator: 'evalform',
    lastModifiedBy: 'evalform',
    title,
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: 21, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0, ...EXACT(LINE) } },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        children: views.flatMap(formBlock),
      },
    ],
  });
  const zip = await Packer.toBuffer(doc, false, [
    { path: 'docProps/core.xml', data: coreXml(title, date) },
    { path: 'word/fontTable.xml', data: FONT_TABLE },
  ]);
  return fixZipDates(zip, date);
}
