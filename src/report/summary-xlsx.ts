// The 项目支出绩效自评结果汇总表 as an .xlsx workbook: sheet 1 “汇总表” (one row per form, a subtotal per 主管部门,
// the total), sheet 2 “问题清单” (every finding). Pure: SummaryData (src/report/summary-data.ts) → WorkbookSpec →
// bytes through src/render/workbook.ts.
//
// Every amount, rate and score is a number cell holding the exact decimal text (never a binary float's), shown
// through a number format: amounts '#,##0.00' (more places when the form gives more), 执行率 as the fraction
// rate ÷ 100 with '0.00%' (the form's rate places), 自评得分 '0.00' (the form's places). Values, not formulas: the
// sums are the exact sums evalform computed, so the sheet says what `check` says.
import type { Decimal } from 'decimal.js';
import type { CellStyle, SheetCell, SheetMerge, SheetSpec, WorkbookSpec } from '../render/workbook.js';
import { writeWorkbook } from '../render/workbook.js';
import { MESSAGES } from './messages.js';
import type { SummaryData, SummaryGroup, SummaryRow } from './summary-data.js';
import { displayWidth } from './width.js';

export const SUMMARY_SHEET = '汇总表';
export const FINDINGS_SHEET = '问题清单';

/** Sheet 1's columns, in order. */
const COLUMNS = [
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
] as const;
const C = Object.fromEntries(COLUMNS.map((name, i) => [name, i])) as Record<(typeof COLUMNS)[number], number>;

/** Sheet 2's columns; 汇总表序号 is the form's 序号 on sheet 1. */
const FINDING_COLUMNS = ['汇总表序号', '文件', '项目名称', '位置', '代码', '严重程度', '说明'] as const;

/** Widest a column grows to before its text wraps (Excel's units: digits of the default font; a CJK character is 2). */
const MAX_WIDTH: Partial<Record<string, number>> = { 主管部门: 24, 实施单位: 24, 项目名称: 30, 主要问题: 60, 文件: 36, 位置: 36, 说明: 70 };
/** Line height of the 11 pt default font, in points. */
const LINE = 14.25;

const border = true;
const HEAD: CellStyle = { font: { bold: true }, horizontal: 'center', vertical: 'center', wrap: true, border };
const TEXT: CellStyle = { vertical: 'center', wrap: true, border };
const CENTER: CellStyle = { horizontal: 'center', vertical: 'center', wrap: true, border };

/** '#,##0.00', or as many places as the amount has when it has more than two. */
function amountFormat(d: Decimal): string {
  const places = Math.max(2, d.decimalPlaces());
  return `#,##0.${'0'.repeat(places)}`;
}

function fixedFormat(places: number, suffix = ''): string {
  return (places > 0 ? `0.${'0'.repeat(places)}` : '0') + suffix;
}

/** How the cell's number reads once formatted: what the column must be wide enough for. */
function shownAmount(d: Decimal): string {
  const [int = '', frac] = d.toFixed(Math.max(2, d.decimalPlaces())).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** A sheet being laid out: cells, and what each column must hold. */
class Sheet {
  cells: SheetCell[] = [];
  merges: SheetMerge[] = [];
  heights: (number | undefined)[] = [];
  /** Display width wanted per column (unwrapped). */
  wants: number[] = [];
  /** Cells whose text may wrap: row, col, text (the row's height comes from them once the widths are known). */
  wrapped: { row: number; col: number; cols: number; text: string }[] = [];

  text(row: number, col: number, text: string, style: CellStyle, measure = true): void {
    this.cells.push({ row, col, text, style });
    if (measure) this.want(col, text);
    if (style.wrap) this.wrapped.push({ row, col, cols: 1, text });
  }

  number(row: number, col: number, value: string, shown: string, style: CellStyle): void {
    this.cells.push({ row, col, number: value, style });
    this.want(col, shown);
  }

  /** An amount, or a dash when the form gives none. */
  amount(row: number, col: number, d: Decimal | undefined, bold = false): void {
    if (d === undefined) this.text(row, col, '—', CENTER);
    else this.number(row, col, d.toFixed(), shownAmount(d), { border, vertical: 'center', numFmt: amountFormat(d), ...boldFont(bold) });
  }

  /** A percent as the fraction a '0.00%' cell holds: the exact decimal ÷ 100. */
  rate(row: number, col: number, d: Decimal | undefined, places: number, bold = false): void {
    if (d === undefined) this.text(row, col, '—', CENTER);
    else
      this.number(row, col, d.div(100).toFixed(), `${d.toFixed(places)}%`, {
        border,
        vertical: 'center',
        numFmt: fixedFormat(places, '%'),
        ...boldFont(bold),
      });
  }

  points(row: number, col: number, d: Decimal | undefined, places: number, bold = false): void {
    if (d === undefined) this.text(row, col, '—', CENTER);
    else
      this.number(row, col, d.toFixed(), d.toFixed(places), { border, vertical: 'center', numFmt: fixedFormat(places), ...boldFont(bold) });
  }

  /** A count (序号, 问题数): an integer, centred. */
  count(row: number, col: number, n: number, bold = false): void {
    this.number(row, col, String(n), String(n), { border, horizontal: 'center', vertical: 'center', numFmt: '0', ...boldFont(bold) });
  }

  /** A text over `cols` columns of one row, every covered cell bordered. */
  merged(row: number, col: number, cols: number, text: string, style: CellStyle): void {
    this.cells.push({ row, col, text, style });
    if (cols > 1) this.merges.push({ row, col, rows: 1, cols });
    if (style.wrap) this.wrapped.push({ row, col, cols, text });
  }

  want(col: number, text: string): void {
    const w = Math.max(...text.split('\n').map(displayWidth));
    this.wants[col] = Math.max(this.wants[col] ?? 0, w);
  }

  /** Column widths from the content (2 characters of room, within `min` and the column's maximum). */
  widths(names: readonly string[], min = 6): number[] {
    return names.map((name, i) => Math.min(MAX_WIDTH[name] ?? 40, Math.max(min, (this.wants[i] ?? 0) + 2)));
  }

  /** Row heights for the wrapped cells: lines of text at the column widths, never below one line. */
  fitHeights(widths: readonly number[]): void {
    for (const w of this.wrapped) {
      let width = 0;
      for (let c = w.col; c < w.col + w.cols; c++) width += widths[c] ?? 8;
      // A line as wide as the column was made for fits; a longer one is counted generously, as a line breaks at a
      // word or before a closing mark short of the column's full width (better a little room than cut text).
      const room = Math.max(2, width - 2);
      const linesOf = (dw: number): number => (dw <= room ? 1 : Math.ceil(dw / (room * 0.85)));
      const lines = w.text.split('\n').reduce((n, line) => n + linesOf(displayWidth(line)), 0);
      const h = Math.max(LINE + 5.75, lines * LINE + 6);
      this.heights[w.row] = Math.max(this.heights[w.row] ?? 0, h);
    }
  }
}

function boldFont(bold: boolean): Pick<CellStyle, 'font'> {
  return bold ? { font: { bold: true } } : {};
}

/** “优 2、良 1”: the grades a group's forms got. */
function gradesText(g: SummaryGroup): string {
  return g.grades
    .filter(([, n]) => n > 0)
    .map(([grade, n]) => `${grade} ${n}`)
    .join('、');
}

/** “2023年度”, “2021—2023年度”, or '' when no form names its year. */
function yearSpan(rows: readonly SummaryRow[]): string {
  const years = [...new Set(rows.flatMap((r) => (r.year === undefined ? [] : [r.year])))].sort();
  if (years.length === 0) return '';
  return `${years.length === 1 ? years[0] : `${years[0]}—${years.at(-1)}`}年度`;
}

export function summaryTitle(data: SummaryData): string {
  return `${yearSpan(data.rows)}项目支出绩效自评结果汇总表`;
}

function groupRow(s: Sheet, row: number, g: SummaryGroup, label: string, data: SummaryData): void {
  const bold: CellStyle = { ...TEXT, font: { bold: true } };
  s.merged(row, C.序号, C.项目名称 + 1, label, { ...bold, horizontal: 'center' });
  // Forms that could not be read add nothing: their group shows dashes, not a sum of nothing.
  const scored = g.scored > 0;
  s.amount(row, C.全年预算数, scored ? g.budget : undefined, true);
  s.amount(row, C.全年执行数, scored ? g.executed : undefined, true);
  s.rate(row, C.执行率, g.rate, data.ratePlaces, true);
  s.points(row, C.自评得分, g.scoreMean, data.places, true);
  s.text(row, C.等级, gradesText(g), { ...CENTER, font: { bold: true } });
  s.count(row, C.问题数, g.problems, true);
  s.text(row, C.主要问题, '', bold, false);
}

function summarySheet(data: SummaryData): SheetSpec {
  const s = new Sheet();
  const last = COLUMNS.length;
  s.merged(0, 0, last, summaryTitle(data), { font: { size: 16, bold: true }, horizontal: 'center', vertical: 'center' });
  s.heights[0] = 30;
  s.merged(1, 0, last, `金额单位：${data.unit}`, { horizontal: 'right', vertical: 'center' });
  const HEADER = 2;
  COLUMNS.forEach((name, col) => {
    s.text(HEADER, col, name, HEAD);
  });

  let row = HEADER + 1;
  const initial: number[] = [];
  for (const g of data.departments) {
    for (const r of data.rows.filter((x) => x.department === g.department)) {
      s.count(row, C.序号, r.index);
      s.text(row, C.主管部门, r.department, TEXT);
      s.text(row, C.实施单位, r.implementer, TEXT);
      // A form that could not be read has no 项目名称: its file names the row.
      s.text(row, C.项目名称, r.project || r.file, TEXT);
      s.amount(row, C.全年预算数, r.budget);
      s.amount(row, C.全年执行数, r.executed);
      s.rate(row, C.执行率, r.rate, r.ratePlaces);
      s.points(row, C.自评得分, r.score, r.places);
      s.text(row, C.等级, r.grade ?? '—', CENTER);
      s.count(row, C.问题数, r.problems);
      s.text(row, C.主要问题, r.problemsText, TEXT);
      if (r.budgetColumn === 'initial') initial.push(r.index);
      row++;
    }
    groupRow(s, row++, g, `${g.department} 小计（${g.forms} 张表）`, data);
  }
  groupRow(s, row++, data.total, `合计（${data.total.forms} 张表）`, data);

  const notes = [
    `注：金额单位为${data.unit}。小计、合计行的执行率按执行数合计 ÷ 预算数合计计算（不是各表执行率的平均），自评得分为平均分，等级列为各等级的表数。问题见“${FINDINGS_SHEET}”。`,
    ...(initial.length > 0 ? [`序号 ${initial.join('、')} 的表中只有年初预算数，全年预算数列为年初预算数，执行率按它计算。`] : []),
  ];
  s.merged(row, 0, last, notes.join('\n'), { vertical: 'top', wrap: true });

  const columns = s.widths(COLUMNS);
  s.fitHeights(columns);
  return {
    name: SUMMARY_SHEET,
    cells: s.cells,
    merges: s.merges,
    columns,
    rowHeights: s.heights,
    freeze: { rows: HEADER + 1, cols: 0 },
    printTitleRows: { first: HEADER, last: HEADER },
    page: { landscape: true, fitToWidth: true, centered: true, footer: '&C第 &P 页，共 &N 页' },
  };
}

/** Where in the form: the path, and the line and column in the file when known (a document's table and row). */
function place(f: SummaryData['findings'][number]): string {
  const at = f.place ?? (f.line > 0 ? `第 ${f.line} 行第 ${f.column} 列` : '');
  if (f.path === '') return at;
  return at === '' ? f.path : `${f.path}（${at}）`;
}

function findingsSheet(data: SummaryData): SheetSpec {
  const s = new Sheet();
  FINDING_COLUMNS.forEach((name, col) => {
    s.text(0, col, name, HEAD);
  });
  let row = 1;
  for (const r of data.rows) {
    for (const f of r.findings) {
      s.count(row, 0, r.index);
      s.text(row, 1, f.file, TEXT);
      s.text(row, 2, f.project || '—', TEXT);
      s.text(row, 3, place(f), TEXT);
      s.text(row, 4, f.code, TEXT);
      s.text(row, 5, MESSAGES.zh.severity[f.severity], CENTER);
      s.text(row, 6, f.message, TEXT);
      row++;
    }
  }
  const found = row > 1;
  if (!found) s.merged(1, 0, FINDING_COLUMNS.length, '没有发现问题。', { ...TEXT, horizontal: 'center' });
  const columns = s.widths(FINDING_COLUMNS);
  s.fitHeights(columns);
  return {
    name: FINDINGS_SHEET,
    cells: s.cells,
    merges: s.merges,
    columns,
    rowHeights: s.heights,
    freeze: { rows: 1, cols: 0 },
    printTitleRows: { first: 0, last: 0 },
    ...(found ? { autoFilter: { row: 0, col: 0, rows: row, cols: FINDING_COLUMNS.length } } : {}),
    page: { landscape: true, fitToWidth: true, footer: '&C第 &P 页，共 &N 页' },
  };
}

/** The workbook as writeWorkbook takes it. */
export function summaryWorkbookSpec(data: SummaryData): WorkbookSpec {
  return { title: summaryTitle(data), sheets: [summarySheet(data), findingsSheet(data)] };
}

/** The .xlsx bytes; the same data gives the same bytes. */
export function summaryXlsx(data: SummaryData): Uint8Array {
  return writeWorkbook(summaryWorkbookSpec(data));
}
