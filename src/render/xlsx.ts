// The official table as a worksheet, one sheet per form: the rows, columns, merges and labels of the .docx (the
// same view model and layout grid), A4 portrait scaled to the page width with the project rows repeated on every
// page, the title above and the 备注 and signoff lines below.
//
// Values, not formulas: a score follows rules a spreadsheet formula cannot say faithfully (rounding places and
// mode, caps, qualitative and not-applicable indicators, a department's rules file), so a formula that looked
// right would sometimes disagree with `evalform score`. Every computed value is written as the number the .docx
// prints; a unit that edits a number re-scores the sheet with `evalform import` and `score`, not by
// recalculation. Amounts, points and scores are number cells whose stored text is the printed decimal (format
// 0 / 0.0 / 0.00 as printed), rates are fractions shown with 0.00% (91.86% is stored 0.9186), so what the sheet
// shows is the stated value, checkable cell by cell against the .docx and the YAML.
import { Decimal } from 'decimal.js';
import { documentTexts } from '../xml.js';
import { type IndicatorRowView, indicatorHeading, indicatorRowCells, type TableView, tableSpans } from './view.js';
import { type CellStyle, type SheetCell, type SheetMerge, type SheetSpec, writeWorkbook } from './workbook.js';

const BODY_FONT = { name: '仿宋', size: 10.5 };
const TITLE_FONT = { name: '宋体', size: 18, bold: true };
/** Twips of the layout grid per Excel width unit (a digit of 宋体 11 pt, about 7 px): the 9866-twip grid is then
 * the A4 text width between 1.8 cm margins, printed near 100 %. */
const TWIPS_PER_CHAR = 105;
/** Points a line of 10.5 pt text takes (CJK fonts' line height), and a row's padding. */
const LINE_PT = 14;
const PAD_PT = 6;
const MIN_ROW_PT = 22.7;

type Align = 'center' | 'left' | 'justify';
/** A printed value as a cell: a plain decimal becomes a number shown with the places printed (9.19 → 0.00), a
 * percent a fraction shown as a percent (91.86% → 0.9186, 0.00%); anything else stays text. Past 15 significant
 * digits (what Excel keeps) it stays text, so nothing is rounded away. */
export function valueCell(text: string): { text: string } | { number: string; numFmt: string } {
  const m = /^(-?\d+)(?:\.(\d+))?(%?)$/.exec(text);
  if (!m) return { text };
  const digits = `${m[1]}${m[2] ?? ''}`.replace(/^-?0+(?=\d)/, '').replace('-', '');
  if (digits.replace(/0+$/, '').length > 15) return { text };
  const places = (m[2] ?? '').length;
  const fmt = places === 0 ? '0' : `0.${'0'.repeat(places)}`;
  if (m[3] === '%') {
    const fraction = new Decimal(text.slice(0, -1)).div(100);
    return { number: (fraction.isZero() ? fraction.abs() : fraction).toFixed(), numFmt: `${fmt}%` };
  }
  const d = new Decimal(text);
  return { number: (d.isZero() ? d.abs() : d).toFixed(), numFmt: fmt };
}

/** Width of text in Excel units (a 10.5 pt CJK character about two 11 pt digits wide), per line. */
function textUnits(line: string): number {
  let n = 0;
  for (const ch of line) n += WIDE.test(ch) ? 1.9 : 1;
  return n;
}

/** CJK characters, full-width forms and punctuation: about twice a digit's width. */
const WIDE = /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** Lines a text takes in a cell `width` units wide, wrapped. */
function linesIn(text: string, width: number): number {
  const avail = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / avail)), 0);
}

interface Placed {
  row: number;
  from: number;
  to: number;
  rows: number;
  text: string;
  align: Align;
  bordered: boolean;
  font?: CellStyle['font'];
  /** A computed value (amount, points, score, rate, 指标值): a number cell when it reads as one. */
  numeric: boolean;
}

function formSheet(v: TableView): SheetSpec {
  const c = v.columns;
  const s = tableSpans(v.columns);
  const n = s.n;
  const placed: Placed[] = [];
  let row = 0;
  const put = (span: [number, number], text: string, opts: { align?: Align; rows?: number; numeric?: boolean } = {}): void => {
    const { align = 'center', rows = 1, numeric = false } = opts;
    placed.push({ row, from: span[0], to: span[1], rows, text, align, bordered: true, numeric });
  };
  const num = { numeric: true };
  const ind = s.indicator;

  // Title, above the table.
  placed.push({ row: 0, from: 0, to: n, rows: 1, text: v.title, align: 'center', bordered: false, font: TITLE_FONT, numeric: false });
  row = 1;
  const titleRows = { first: 1, last: 0 };
  put([0, 2], '项目支出名称');
  put([2, n], v.project);
  row++;
  put([0, 2], '主管部门');
  put(s.dept, v.department);
  put(s.implLabel, c.split ? '实施\n单位' : '实施单位');
  put(s.impl, v.implementer);
  row++;
  if (c.header) {
    put([0, 2], '项目类别');
    put(s.dept, v.category);
    put(s.implLabel, '项目\n负责人\n及电话');
    put(s.impl, [v.manager.name, v.manager.phone].filter((t) => t.trim() !== '').join('　'));
    row++;
  }
  titleRows.last = row - 1;

  // 项目资金: heading row and the funds rows, the label spanning them.
  put(s.fundsLabel, `项目资金\n（${v.fundsUnit}）`, { rows: v.funds.length + 1 });
  put(s.fundsRow, '');
  put(s.funds[0]!, '年初\n预算数');
  put(s.funds[1]!, c.annualLabel === '全年预算数' ? '全年\n预算数' : '调整后\n预算数');
  put(s.funds[2]!, '全年\n执行数');
  put(s.funds[3]!, '分值');
  put(s.funds[4]!, '执行率');
  put(s.funds[5]!, '得分');
  if (s.fundsMethod) put(s.fundsMethod, '评分\n标准');
  row++;
  v.funds.forEach((f, i) => {
    put(s.fundsRow, f.label);
    [f.initial, f.annual, f.executed, f.weight, f.rate, f.score].forEach((t, k) => {
      put(s.funds[k]!, t, num);
    });
    if (s.fundsMethod && i === 0) put(s.fundsMethod, v.fundsMethodText, { align: 'left', rows: v.funds.length });
    row++;
  });

  // 年度总体目标.
  put(s.fundsLabel, '年度总体目标', { rows: 2 });
  put(s.expected, '预期目标');
  put(s.actualGoal, '实际完成情况');
  row++;
  put(s.expected, v.goals.expected, { align: 'justify' });
  put(s.actualGoal, v.goals.actual, { align: 'justify' });
  const goalsRow = row;
  row++;

  // 绩效指标.
  const indicatorRows = v.indicators.reduce((k, i) => k + 1 + i.parts.length, 0);
  put([0, 1], c.indicatorsLabel, { rows: indicatorRows + 1 });
  put([1, 2], '一级指标');
  put([2, 3], '二级指标');
  type Text = { text: string; align?: Align; numeric?: boolean };
  const cells = (texts: Text[]): void => {
    texts.forEach((t, k) => {
      put(ind[k]!, t.text, { ...(t.align ? { align: t.align } : {}), numeric: t.numeric ?? false });
    });
  };
  cells(indicatorHeading(c).map((text) => ({ text })));
  row++;
  for (const r of v.indicators as IndicatorRowView[]) {
    if (r.level1) put([1, 2], r.level1.display, { rows: r.level1.rowSpan });
    if (r.level2) put([2, 3], r.level2.display, { rows: r.level2.rowSpan });
    cells(indicatorRowCells(c, r));
    row++;
    for (const p of r.parts) {
      cells(indicatorRowCells(c, p));
      row++;
    }
  }

  // 总分, then the sichuan footer rows.
  put(s.totalLabel, '总分');
  put(s.total[0]!, v.total.weight, num);
  put(s.total[1]!, v.total.score, num);
  put(s.total[2]!, v.total.grade === '' ? '' : `等级：${v.total.grade}`);
  row++;
  const footerRows = new Set<number>();
  for (const f of c.footer) {
    put([0, 2], f.label);
    put([2, n], f.text, { align: 'justify' });
    footerRows.add(row);
    row++;
  }

  // 备注 and the signoff line(s), under the table without borders.
  const below = (text: string): void => {
    placed.push({ row, from: 0, to: n, rows: 1, text, align: 'left', bordered: false, numeric: false });
    row++;
  };
  below(`备注：${v.note}`);
  for (const line of signoffLines(v)) below(line);

  return toSheet(v, placed, row, titleRows, new Set([goalsRow]), footerRows);
}

/** The signoff line, or two when 财务负责人 is printed (as the .docx). */
function signoffLines(v: TableView): string[] {
  const s = v.signoff;
  const parts = [
    ['填表人', s.preparer],
    ['填报日期', s.date],
    ['联系电话', s.phone],
    ...(v.columns.financeHead ? [['财务负责人', v.financeHead]] : []),
    ['单位负责人签字', s.head],
  ].map(([label, text]) => `${label}：${text}`);
  return v.columns.financeHead ? [parts.slice(0, 3).join('　　　'), parts.slice(3).join('　　　')] : [parts.join('　　　')];
}

function toSheet(
  v: TableView,
  placed: Placed[],
  rowCount: number,
  titleRows: { first: number; last: number },
  tallRows: Set<number>,
  footerRows: Set<number>,
): SheetSpec {
  // Column widths: the layout grid, widened where a number or a one-line label in a single column needs it.
  const widths = v.columns.grid.map((tw) => tw / TWIPS_PER_CHAR);
  const cells: SheetCell[] = [];
  const merges: SheetMerge[] = [];
  const cellValue = (p: Placed): ReturnType<typeof valueCell> => (p.numeric ? valueCell(p.text) : { text: p.text });
  for (const p of placed) {
    const value = cellValue(p);
    if (p.to - p.from === 1 && 'number' in value) {
      widths[p.from] = Math.max(widths[p.from]!, textUnits(p.text) + 1.5);
    }
  }
  const widthOf = (p: Placed): number => widths.slice(p.from, p.to).reduce((a, b) => a + b, 0);
  const heights: number[] = new Array<number>(rowCount).fill(0);
  for (const p of placed) {
    const value = cellValue(p);
    const style: CellStyle = {
      font: p.font ?? BODY_FONT,
      horizontal: p.align === 'justify' ? 'left' : p.align,
      vertical: 'center',
      wrap: p.bordered,
      ...(p.bordered ? { border: true } : {}),
      ...('number' in value ? { numFmt: value.numFmt } : {}),
    };
    cells.push({ row: p.row, col: p.from, ...('number' in value ? { number: value.number } : { text: value.text }), style });
    if (p.rows > 1 || p.to - p.from > 1) merges.push({ row: p.row, col: p.from, rows: p.rows, cols: p.to - p.from });
    const size = p.font?.size ?? BODY_FONT.size;
    const need = p.bordered ? linesIn(p.text, widthOf(p)) * LINE_PT * (size / BODY_FONT.size) + PAD_PT : p.font ? size * 2 : LINE_PT + 8;
    if (p.rows === 1) heights[p.row] = Math.max(heights[p.row]!, need);
  }
  for (let r = 0; r < rowCount; r++) {
    heights[r] = Math.max(heights[r]!, MIN_ROW_PT);
    if (tallRows.has(r)) heights[r] = Math.max(heights[r]!, 56.7);
    if (footerRows.has(r)) heights[r] = Math.max(heights[r]!, 34);
  }
  // A cell merged down several rows: the rows grow (the last one) until its text fits.
  for (const p of placed) {
    if (p.rows <= 1) continue;
    const need = linesIn(p.text, widthOf(p)) * LINE_PT + PAD_PT;
    const have = heights.slice(p.row, p.row + p.rows).reduce((a, b) => a + b, 0);
    if (need > have) heights[p.row + p.rows - 1]! += need - have;
  }
  return {
    name: v.project,
    cells,
    merges,
    columns: widths.map((w) => Math.round(w * 100) / 100),
    rowHeights: heights.map((h) => Math.round(h * 10) / 10),
    printTitleRows: titleRows,
    page: {
      fitToWidth: true,
      centered: true,
      margins: { left: 1.8, right: 1.8, top: 2.2, bottom: 2, header: 0.8, footer: 0.8 },
      footer: '&C第 &P 页，共 &N 页',
    },
    gridLines: false,
  };
}

/** The document's date: the first form's 填报日期 when it is a date, else 2000-01-01, so output is reproducible. */
function documentDate(views: readonly TableView[]): Date {
  for (const v of views) {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v.date.trim());
    if (m && Number(m[1]) >= 1980 && Number(m[1]) < 2100) {
      const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      if (!Number.isNaN(t)) return new Date(t);
    }
  }
  return new Date(Date.UTC(2000, 0, 1));
}

/** One .xlsx holding each form's table on its own sheet, in order. Pure: returns the bytes. */
export function renderXlsx(forms: readonly TableView[]): Uint8Array {
  const views = documentTexts(forms);
  const title = views.length === 1 && views[0] ? `${views[0].title}：${views[0].project}` : '项目支出绩效自评表';
  return writeWorkbook({
    sheets: views.map(formSheet),
    title,
    date: documentDate(views),
    defaultFont: { name: '宋体', size: 11 },
  });
}
