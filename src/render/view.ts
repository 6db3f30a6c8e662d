// A scored form as the printed table shows it: every cell already a string, shared by the docx and HTML renderers.
import type { Decimal } from 'decimal.js';
import { FUNDS_ROWS, LEVEL1 } from '../model/labels.js';
import type { FundsRowKey, FundsRowResult, IndicatorResult, ScoreResult } from '../model/types.js';
import { fixed, plain, totalText } from '../score/number.js';
import { parseQuantity } from '../score/quantity.js';
import {
  cellHeight,
  CELL_X,
  fitGrid,
  LINE,
  lineCount,
  type MeasureCell,
  type MeasureRow,
  NOTE_BEFORE,
  planPages,
  rowHeight,
  SEPARATOR_LINE,
  SIGNOFF_BEFORE,
  signoffLayout,
  spanWidth,
  TEXT_WIDTH,
  TITLE_AFTER,
  TITLE_LINE,
} from './paper.js';

/** One line of the 项目资金 block; every field '' where the paper leaves the cell blank. */
export interface FundsRowView {
  /** Which row: total, appropriation, special_account, own, carryover, other. */
  key: FundsRowKey;
  label: string;
  initial: string;
  annual: string;
  executed: string;
  weight: string;
  rate: string;
  score: string;
}

/** One indicator row; `level1` / `level2` only on the first row of their group, with the rows they span. */
export interface IndicatorRowView {
  /** The indicator's JSON pointer in the form, e.g. /indicators/output/quantity/0. */
  path: string;
  /** `display` is the cell as printed, broken into lines with '\n': 满意度 / 指标 / (10分). */
  level1?: { label: string; points: string; rowSpan: number; display: string };
  level2?: { label: string; rowSpan: number; display: string };
  name: string;
  nameDisplay: string;
  target: string;
  actual: string;
  weight: string;
  score: string;
  deviation: string;
  /** 评分标准 as written ('' when none): the sichuan layout's column (`columns.method`); central and yunnan have none. */
  methodText: string;
  /** FORMAT.md §7 split columns (drawn by the sichuan and yunnan layouts): 指标性质 as written or derived from the
   * target's comparison (正向 / 反向 / 等于, 定性 when the target is no quantity), 指标值 the bare number (the target
   * as written when it is no quantity), 度量单位 the `unit` column or the target's unit. */
  nature: string;
  value: string;
  unit: string;
  /** 其中 sub-rows printed under the indicator, never scored; `name` carries the 其中： prefix. */
  parts: { name: string; nameDisplay: string; target: string; actual: string; value: string; unit: string }[];
}

/** How the layout draws the table (FORMAT.md §7); renderers follow it rather than the layout's name. */
export interface ColumnsView {
  /** Grid column widths in twips, summing to the 9866-twip text width. */
  grid: number[];
  /** The grid as CSS percentages. */
  gridPercent: string[];
  /** 指标性质 / 指标值 / 度量单位 in place of 年度指标值. */
  split: boolean;
  /** A 评分标准 column (sichuan, when an indicator or the funds block has method_text). */
  method: boolean;
  /** The heading of the funds block's second amount: 全年预算数, or 调整后预算数 (sichuan). */
  annualLabel: string;
  /** The 项目类别 / 项目负责人及电话 header row (sichuan, when either is given). */
  header: boolean;
  /** The 评价结论 / 存在问题 / 改进措施 / 其他需要说明事项 rows under the 总分 (sichuan), those given. */
  footer: { label: string; text: string }[];
  /** 财务负责人 on the signoff line (sichuan, when given). */
  financeHead: boolean;
  /** The 绩效指标 block's label, one character a line; sichuan adds the indicators' points under 10 + 90 rules
   * (FORMAT.md §7: 预算执行 10 + 绩效指标 90). */
  indicatorsLabel: string;
  /** Column spans for HTML templates of the split layouts: `wide` the text after a two-column label (项目支出名称,
   * the footer rows), `right` the cell right of 实施单位, `goal` the 实际完成情况 cells, `grade` the 等级 cell. */
  colspans: { wide: number; right: number; goal: number; grade: number };
}

export interface TableView {
  /** `<year>年度项目支出绩效自评表` */
  title: string;
  project: string;
  department: string;
  implementer: string;
  /** The money unit of the 项目资金 heading: 万元 or 元. */
  fundsUnit: string;
  funds: FundsRowView[];
  /** Rows under the 项目资金 label: its heading row and the funds rows. */
  fundsRowSpan: number;
  goals: { expected: string; actual: string };
  indicators: IndicatorRowView[];
  /** Rows under the 绩效指标 label: its heading row and the indicators. */
  indicatorRowSpan: number;
  total: { weight: string; score: string; grade: string };
  note: string;
  signoff: { preparer: string; date: string; phone: string; head: string };
  /** 财务负责人 (FORMAT.md §7): on the signoff line when `columns.financeHead` (sichuan, when given). */
  financeHead: string;
  /** FORMAT.md §7: the layout (central, sichuan, yunnan; `columns` says how it is drawn) and the provincial tables'
   * header and footer fields, '' when not given (overview is carried, not drawn). */
  layout: string;
  category: string;
  manager: { name: string; phone: string };
  overview: string;
  conclusion: { summary: string; problems: string; measures: string };
  remarks: string;
  fundsMethodText: string;
  /** 填报日期 as written in the form (e.g. 2023-05-22): the document's own date. */
  date: string;
  /** The layout's columns and labels. */
  columns: ColumnsView;
}

/** Grid columns of the table in twips, filling the 9866-twip text width of A4 with 1.8 cm side margins; both
 * renderers use it. 0 绩效指标 label, 1 一级, 2 二级, 3 三级, 4–5 年度指标值 (年初 | 全年 in the funds block),
 * 6 实际完成值 (全年执行数), 7 分值, 8 得分 (执行率), 9 偏差原因分析及改进措施 (得分). Sized for 10.5 pt text:
 * 一级 and 二级 fit four characters a line (see labelLines), the funds label fits 其中：当年财政拨款 on one line,
 * 执行率 fits 100.00%. */
export const GRID_TWIPS: readonly number[] = [560, 1040, 1040, 1040, 1180, 1180, 1150, 640, 980, 1056];

/** A 一级 / 二级 label broken into lines of at most four characters at the word boundaries the paper uses:
 * 经济效益 / 指标, 可持续 / 影响指标, 服务对象 / 满意度 / 指标. */
export function labelLines(label: string): string[] {
  if (label.length <= 4) return [label];
  const m = /^(.+?)(指标)$/.exec(label);
  if (!m) return [label];
  const head = m[1]!;
  const known: Record<string, string[]> = { 服务对象满意度: ['服务对象', '满意度'], 可持续影响: ['可持续', '影响指标'] };
  const split = known[head];
  if (split) return split[split.length - 1]!.endsWith('指标') ? split : [...split, '指标'];
  return head.length <= 4 ? [head, '指标'] : [label];
}

/** The sichuan and yunnan grid (FORMAT.md §7): 0 绩效指标 label, 1 一级, 2 二级, 3 三级, 4 指标性质 (年初 in the funds
 * block), 5 指标值 (全年 / 调整后), 6–7 度量单位 and 实际完成值 (全年执行数), 8 分值, 9 得分 (执行率), 10 偏差 (得分). */
export const SPLIT_TWIPS: readonly number[] = [460, 1010, 1010, 1000, 660, 900, 620, 1000, 640, 980, 1586];

/** The split grid with a 评分标准 column (10) before 偏差 (11); 10–12 hold the funds 得分 and 评分标准 spans. */
export const METHOD_TWIPS: readonly number[] = [460, 1010, 1010, 900, 640, 860, 600, 860, 600, 1000, 880, 1046];

/** The grid as CSS percentages for the HTML template. */
export function gridPercent(grid: readonly number[] = GRID_TWIPS): string[] {
  const sum = grid.reduce((a, b) => a + b, 0);
  return grid.map((w) => `${((w / sum) * 100).toFixed(2)}%`);
}

const NATURE_PRINTED: Record<string, string> = { positive: '正向', negative: '反向', equal: '等于' };

/** 指标性质 / 指标值 / 度量单位 of a target (FORMAT.md §7). */
function splitCells(target: string, nature: string | undefined, unit: string | undefined, qualitative: boolean) {
  const q = parseQuantity(target);
  const derived = q === undefined || qualitative ? '定性' : (NATURE_PRINTED[q.direction] ?? '');
  return {
    nature: nature ?? derived,
    value: q === undefined ? prose(target) : plain(q.value),
    unit: unit ?? q?.unit ?? '',
  };
}

function columnsView(r: ScoreResult): ColumnsView {
  const f = r.form;
  const layout = f.layout ?? 'central';
  const label = '绩\n效\n指\n标';
  const none = {
    split: false,
    method: false,
    annualLabel: '全年预算数',
    header: false,
    footer: [],
    financeHead: false,
    indicatorsLabel: label,
  };
  const colspans = (grid: readonly number[]) => ({
    wide: grid.length - 2,
    right: grid.length - 8,
    goal: grid.length - 7,
    grade: grid.length - 10,
  });
  if (layout === 'central') return { grid: [...GRID_TWIPS], gridPercent: gridPercent(), ...none, colspans: colspans(GRID_TWIPS) };
  if (layout === 'yunnan') {
    return { grid: [...SPLIT_TWIPS], gridPercent: gridPercent(SPLIT_TWIPS), ...none, split: true, colspans: colspans(SPLIT_TWIPS) };
  }
  const method = (f.funds.methodText ?? '').trim() !== '' || f.indicators.some((i) => (i.methodText ?? '').trim() !== '');
  const grid = method ? METHOD_TWIPS : SPLIT_TWIPS;
  const c = f.conclusion;
  const footer = [
    { label: '评价结论', text: prose(c?.summary ?? '') },
    { label: '存在问题', text: prose(c?.problems ?? '') },
    { label: '改进措施', text: prose(c?.measures ?? '') },
    { label: '其他需要\n说明事项', text: prose(f.remarks ?? '') },
  ].filter((x) => x.text.trim() !== '');
  return {
    grid: [...grid],
    gridPercent: gridPercent(grid),
    split: true,
    method,
    annualLabel: '调整后预算数',
    header: (f.category ?? '').trim() !== '' || f.manager !== undefined,
    footer,
    financeHead: (f.signoff.financeHead ?? '').trim() !== '',
    indicatorsLabel: r.rules.weights.indicators === undefined ? label : `${label}\n(\n${plain(r.rules.weights.indicators)}\n分\n)`,
    colspans: colspans(grid),
  };
}

/** "2023-05-22" → 2023年5月22日; anything else is printed as written. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  if (!m) return date.trim();
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Prose as printed: no trailing newline from a YAML block scalar, Windows line ends folded. */
function prose(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/\s+$/u, '');
}

/** `label`: the row's label in this table (a row's own fields are read, not copied: its amounts are getters). */
function fundsRow(
  row: Pick<FundsRowResult, 'key' | 'present'> & Partial<FundsRowResult>,
  label: string,
  r: ScoreResult,
  showPoints: boolean,
): FundsRowView {
  const blank = { initial: '', annual: '', executed: '', weight: '', rate: '', score: '' };
  if (!row.present && row.key !== 'total') return { key: row.key, label, ...blank };
  const amount = (d: Decimal | undefined): string => (d === undefined ? '' : plain(d));
  const rate = row.rateRounded;
  return {
    key: row.key,
    label,
    initial: amount(row.initial),
    annual: amount(row.annual),
    executed: amount(row.executed),
    weight: showPoints ? plain(r.funds.weight) : '',
    rate: rate === undefined ? '' : `${fixed(rate, r.rules.rate_places)}%`,
    score: showPoints ? fixed(r.funds.score, r.rules.places) : '',
  };
}

function fundsRows(r: ScoreResult): FundsRowView[] {
  const byKey = new Map(r.funds.rows.map((row) => [row.key, row]));
  const present = r.funds.rows.filter((row) => row.key !== 'total' && row.present).map((row) => row.key);
  // The paper repeats 分值 and 得分 on 财政拨款 when it is the whole total, as the seed does.
  const appropriationIsTotal = present.length === 1 && present[0] === 'appropriation';
  // FORMAT.md §7: Sichuan's extra rows only when the form has them, so the central table keeps its four rows.
  return FUNDS_ROWS.filter(({ key, optional }) => !optional || byKey.get(key)?.present).map(({ key, label }) => {
    const row = byKey.get(key) ?? { key, present: false };
    return fundsRow(row, label, r, key === 'total' || (key === 'appropriation' && appropriationIsTotal));
  });
}

function indicatorCells(i: IndicatorResult, places: number): Pick<IndicatorRowView, 'weight' | 'score'> {
  if (i.method === 'not-applicable') return { weight: '/', score: '/' };
  return { weight: plain(i.weight), score: i.score === undefined ? '' : fixed(i.score, places) };
}

function indicatorRows(r: ScoreResult): IndicatorRowView[] {
  const order = LEVEL1.flatMap((l1) => l1.level2.map((l2) => `${l1.key}/${l2}`));
  const rank = (i: IndicatorResult): number => order.indexOf(`${i.level1}/${i.level2}`);
  // Stable sort: the table groups by 一级 then 二级 in the paper's order, keeping the form's order inside a group.
  const sorted = r.indicators
    .map((i, n) => ({ i, n }))
    .sort((a, b) => rank(a.i) - rank(b.i) || a.n - b.n)
    .map((x) => x.i);
  const byPath = new Map(r.form.indicators.map((ind) => [ind.path, ind]));
  /** Rows the indicators take in the table: one each, and one per 其中 sub-row. */
  const span = (list: IndicatorResult[]): number => list.reduce((n, x) => n + 1 + (byPath.get(x.path)?.parts?.length ?? 0), 0);
  const rows: IndicatorRowView[] = [];
  for (let n = 0; n < sorted.length; n++) {
    const i = sorted[n]!;
    const prev = sorted[n - 1];
    // FORMAT.md §7: ★ before a core indicator's name.
    const star = i.core ? '★' : '';
    const ind = byPath.get(i.path);
    const row: IndicatorRowView = {
      path: i.path,
      name: star + i.name,
      nameDisplay: star + labelLines(i.name).join('\n'),
      target: prose(i.target),
      actual: prose(i.actual),
      ...indicatorCells(i, r.rules.places),
      deviation: prose(i.deviation),
      methodText: prose(ind?.methodText ?? ''),
      ...splitCells(i.target, ind?.nature, ind?.unit, i.method === 'qualitative'),
      parts: (ind?.parts ?? []).map((p) => {
        const { value, unit } = splitCells(p.target, undefined, ind?.unit, false);
        return { name: `其中：${p.name}`, nameDisplay: `其中：${p.name}`, target: prose(p.target), actual: prose(p.actual), value, unit };
      }),
    };
    if (prev?.level1 !== i.level1) {
      const label = i.level1Label;
      const pts = `(${plain(r.levelWeights[i.level1])}分)`;
      const rowSpan = span(sorted.filter((x) => x.level1 === i.level1));
      row.level1 = { label, points: pts, rowSpan, display: [...labelLines(label), pts].join('\n') };
    }
    if (prev?.level1 !== i.level1 || prev.level2 !== i.level2) {
      const rowSpan = span(sorted.filter((x) => x.level1 === i.level1 && x.level2 === i.level2));
      const label = i.level2Label;
      row.level2 = { label, rowSpan, display: labelLines(label).join('\n') };
    }
    rows.push(row);
  }
  return rows;
}

/** The printed table of one scored form: the computed values, never the stated ones. */
export function tableView(r: ScoreResult): TableView {
  const f = r.form;
  const indicators = indicatorRows(r);
  const funds = fundsRows(r);
  return {
    title: `${f.year}年度项目支出绩效自评表`,
    project: f.project,
    department: f.department,
    implementer: f.implementer,
    fundsUnit: r.funds.unit,
    funds,
    fundsRowSpan: funds.length + 1,
    goals: { expected: prose(f.goals.expected), actual: prose(f.goals.actual) },
    indicators,
    indicatorRowSpan: indicators.reduce((n, i) => n + 1 + i.parts.length, 0) + 1,
    total: { weight: plain(r.weightTotal), score: totalText(r.total, r.rules.places), grade: r.grade },
    // The form's own 备注; none is blank, as on the paper (the seed's text is in the seed's transcriptions).
    note: f.note ?? '',
    signoff: {
      preparer: f.signoff.preparer,
      date: chineseDate(f.signoff.date),
      phone: f.signoff.phone,
      head: f.signoff.head,
    },
    financeHead: f.signoff.financeHead ?? '',
    layout: f.layout ?? 'central',
    category: f.category ?? '',
    manager: { name: f.manager?.name ?? '', phone: f.manager?.phone ?? '' },
    overview: prose(f.overview ?? ''),
    conclusion: {
      summary: prose(f.conclusion?.summary ?? ''),
      problems: prose(f.conclusion?.problems ?? ''),
      measures: prose(f.conclusion?.measures ?? ''),
    },
    remarks: prose(f.remarks ?? ''),
    fundsMethodText: prose(f.funds.methodText ?? ''),
    date: f.signoff.date,
    columns: columnsView(r),
  };
}

/** One printed A4 page of a form (docs/format.md §7, "On paper"): the first holds the title, the header rows, the
 * funds and the goals; every later one repeats the 项目支出名称 row and the indicator column header; the last holds
 * the 总分, the footer rows, 备注 and the signoff. */
export interface SheetView {
  /** 1-based, and the form's number of pages. */
  page: number;
  pages: number;
  first: boolean;
  last: boolean;
  /** The page draws the indicator column header: every page but a first one that the goals fill. */
  heading: boolean;
  /** The indicator rows on this page. The 一级 / 二级 labels start again on every page, with the rows they span
   * on this page: a group split across pages shows its label on each. */
  indicators: IndicatorRowView[];
  /** Rows under the 绩效指标 label on this page: the column header and the indicator rows (其中 included). */
  indicatorRowSpan: number;
}

/** A form laid out for A4: the view with its columns sized from the content and its rows cut into pages. */
export interface PaperView extends TableView {
  /** The grid sized from the content (every layout's fixed columns kept), summing to the 9866-twip text width. */
  columns: ColumnsView;
  sheets: SheetView[];
  /** The signoff line(s), each as printed (`text`, fields set apart by ideographic spaces) and as its fields: no
   * field is ever broken across lines. */
  signoffLines: { text: string; fields: string[] }[];
}

/** Where each cell of the table sits in the layout's grid, [from, to); docx.ts draws by it, the page plan measures
 * by it. */
export interface Spans {
  n: number;
  fundsLabel: [number, number];
  fundsRow: [number, number];
  /** initial, annual, executed, weight, rate, score */
  funds: [number, number][];
  fundsMethod?: [number, number];
  dept: [number, number];
  implLabel: [number, number];
  impl: [number, number];
  expected: [number, number];
  actualGoal: [number, number];
  /** 三级 onwards: name, then target (central) or nature, value, unit, then actual, weight, score, method?, deviation. */
  indicator: [number, number][];
  totalLabel: [number, number];
  total: [number, number][];
}

export function tableSpans(c: ColumnsView): Spans {
  if (!c.split) {
    const one = (i: number): [number, number] => [i, i + 1];
    return {
      n: 10,
      fundsLabel: [0, 2],
      fundsRow: [2, 4],
      funds: [4, 5, 6, 7, 8, 9].map(one),
      dept: [2, 6],
      implLabel: [6, 7],
      impl: [7, 10],
      expected: [2, 6],
      actualGoal: [6, 10],
      indicator: [[3, 4], [4, 6], ...[6, 7, 8, 9].map(one)],
      totalLabel: [0, 7],
      total: [7, 8, 9].map(one),
    };
  }
  const n = c.grid.length;
  const m = c.method ? 1 : 0;
  const one = (i: number): [number, number] => [i, i + 1];
  return {
    n,
    fundsLabel: [0, 2],
    fundsRow: [2, 4],
    funds: [[4, 5], [5, 6], [6, 8], ...[8, 9, 10].map(one)],
    ...(c.method ? { fundsMethod: [11, 12] as [number, number] } : {}),
    dept: [2, 7],
    implLabel: [7, 8],
    impl: [8, n],
    expected: [2, 7],
    actualGoal: [7, n],
    indicator: [...[3, 4, 5, 6, 7, 8, 9].map(one), ...(m ? [one(10)] : []), [10 + m, n]],
    totalLabel: [0, 8],
    total: [
      [8, 9],
      [9, 10],
      [10, n],
    ],
  };
}

/** A cell of an indicator row from 三级 on: its text, set to the left where it is a sentence, and whether a sheet
 * stores it as a number. */
export interface IndicatorCellView {
  text: string;
  align?: 'left';
  numeric?: boolean;
}

/** The cells of an indicator row, or of one of its 其中 rows (which have no points), from 三级 on, in the columns of
 * `tableSpans(c).indicator`: what the .docx, the sheet and the page plan all draw. */
export function indicatorRowCells(c: ColumnsView, r: IndicatorRowView | IndicatorRowView['parts'][number]): IndicatorCellView[] {
  const full = 'weight' in r;
  return [
    { text: r.nameDisplay },
    ...(c.split
      ? [{ text: full ? r.nature : '' }, { text: r.value, numeric: true }, { text: r.unit }]
      : [{ text: r.target, align: 'left' as const }]),
    { text: r.actual, align: 'left' },
    { text: full ? r.weight : '', numeric: full },
    { text: full ? r.score : '', numeric: full },
    ...(c.method ? [{ text: full ? r.methodText : '', align: 'left' as const }] : []),
    { text: full ? r.deviation : '', align: 'left' },
  ];
}

/** The heading of those columns (三级指标, 年度指标值 or 指标性质 / 指标值 / 度量单位, 实际完成值, …). */
export function indicatorHeading(c: ColumnsView): string[] {
  return indicatorRowCells(c, {
    nameDisplay: '三级指标',
    target: '年度指标值',
    nature: '指标\n性质',
    value: '指标值',
    unit: '度量\n单位',
    actual: '实际\n完成值',
    weight: '分值',
    score: '得分',
    methodText: '评分\n标准',
    deviation: '偏差原因\n分析及\n改进措施',
  } as IndicatorRowView).map((t) => t.text);
}

const at = (span: [number, number], text: string): MeasureCell => ({ from: span[0], to: span[1], text });

/** The layout's rows to measure, in order, by part of the table. */
function measureRows(v: TableView) {
  const c = v.columns;
  const s = tableSpans(c);
  const n = s.n;
  const header: MeasureRow[] = [
    { cells: [at([0, 2], '项目支出名称'), at([2, n], v.project)] },
    {
      cells: [
        at([0, 2], '主管部门'),
        at(s.dept, v.department),
        at(s.implLabel, c.split ? '实施\n单位' : '实施单位'),
        at(s.impl, v.implementer),
      ],
      // 实施单位 is a heading: kept on one line.
      whole: true,
    },
    ...(c.header
      ? [
          {
            cells: [
              at([0, 2], '项目类别'),
              at(s.dept, v.category),
              at(s.implLabel, '项目\n负责人\n及电话'),
              at(s.impl, [v.manager.name, v.manager.phone].join('　')),
            ],
          },
        ]
      : []),
  ];
  const funds: MeasureRow[] = [
    {
      cells: [at(s.funds[0]!, '年初\n预算数'), at(s.funds[1]!, '全年\n预算数'), at(s.funds[2]!, '全年\n执行数'), at(s.funds[4]!, '执行率')],
      whole: true,
    },
    ...v.funds.map((f) => ({
      cells: [at(s.fundsRow, f.label), ...[f.initial, f.annual, f.executed, f.weight, f.rate, f.score].map((t, k) => at(s.funds[k]!, t))],
    })),
  ];
  const fundsLabel = at(s.fundsLabel, `项目资金\n（${v.fundsUnit}）`);
  const fundsMethod = s.fundsMethod ? at(s.fundsMethod, v.fundsMethodText) : undefined;
  const goals: MeasureRow[] = [
    { cells: [at(s.expected, '预期目标')] },
    { cells: [at(s.expected, v.goals.expected), at(s.actualGoal, v.goals.actual)], min: 1134 },
  ];
  const heading: MeasureRow = {
    cells: indicatorHeading(c).map((t, k) => at(s.indicator[k]!, t)),
    whole: true,
  };
  const units: MeasureRow[][] = v.indicators.map((r) => [
    { cells: indicatorRowCells(c, r).map((t, k) => at(s.indicator[k]!, t.text)) },
    ...r.parts.map((p) => ({ cells: indicatorRowCells(c, p).map((t, k) => at(s.indicator[k]!, t.text)) })),
  ]);
  const footer: MeasureRow[] = [
    { cells: [at(s.total[2]!, v.total.grade === '' ? '' : `等级：${v.total.grade}`)] },
    ...c.footer.map((f) => ({ cells: [at([0, 2], f.label), at([2, n], f.text)], min: 680 })),
  ];
  return { header, funds, fundsLabel, fundsMethod, goals, heading, units, footer };
}

/** Columns that keep the layout's width: the 绩效指标, 一级 and 二级 labels (four characters a line), 分值 and 得分. */
function fixedColumns(c: ColumnsView): Set<number> {
  return new Set(c.split ? [0, 1, 2, 8, 9] : [0, 1, 2, 7, 8]);
}

/** The signoff line's fields; 财务负责人 when the layout prints it (sichuan, when given). */
export function signoffParts(v: TableView): [string, string][] {
  const s = v.signoff;
  return [
    ['填表人', s.preparer],
    ['填报日期', s.date],
    ['联系电话', s.phone],
    ...(v.columns.financeHead ? [['财务负责人', v.financeHead] as [string, string]] : []),
    ['单位负责人签字', s.head],
  ];
}

/** The least width of each column in characters: four for 三级 and 偏差原因, three for 实际完成值 and 评分标准, two
 * for the short cells (指标性质, 度量单位, the halves of 年度指标值). */
function floorsOf(c: ColumnsView): number[] {
  if (!c.split) return [0, 0, 0, 4, 2, 2, 3, 0, 0, 4];
  return c.method ? [0, 0, 0, 4, 2, 2, 2, 3, 0, 0, 3, 4] : [0, 0, 0, 4, 2, 2, 2, 3, 0, 0, 4];
}

/** The form laid out on A4: columns from content, rows on pages, the signoff in unbroken fields. */
export function paperView(v: TableView): PaperView {
  const rows = measureRows(v);
  const all = [...rows.header, ...rows.funds, ...rows.goals, rows.heading, ...rows.units.flat(), ...rows.footer];
  const grid = fitGrid(v.columns.grid, fixedColumns(v.columns), all, floorsOf(v.columns));
  const columns: ColumnsView = { ...v.columns, grid, gridPercent: gridPercent(grid) };
  const h = (r: MeasureRow): number => rowHeight(r.cells, grid, r.min);
  const sumH = (rs: readonly MeasureRow[]): number => rs.reduce((a, r) => a + h(r), 0);
  const cellOf = (c: MeasureCell): number => cellHeight(c.text, spanWidth(grid, c.from, c.to));
  // The 项目资金 and 评分标准 labels span the funds rows: the rows grow when a label is taller.
  const fundsH = Math.max(sumH(rows.funds), cellOf(rows.fundsLabel), rows.fundsMethod ? cellOf(rows.fundsMethod) : 0);
  const headingH = h(rows.heading);
  const front = TITLE_LINE + TITLE_AFTER + sumH(rows.header) + fundsH + sumH(rows.goals) + headingH;
  const repeat = SEPARATOR_LINE + h(rows.header[0]!) + headingH;
  const signoffLines = signoffLayout(signoffParts(v).map(([label, text]) => `${label}：${text}`));
  const noteLines = lineCount(`备注：${v.note}`, TEXT_WIDTH + 2 * CELL_X);
  const tail = sumH(rows.footer) + NOTE_BEFORE + noteLines * LINE + signoffLines.length * (SIGNOFF_BEFORE + LINE);
  const inds = v.indicators;
  const unitH = rows.units.map(sumH);
  // Each row's 一级 and 二级 group, and the labels' heights in their columns.
  const key1: string[] = [];
  const key2: string[] = [];
  const label1H: number[] = [];
  const label2H: number[] = [];
  // A row without a label is in the group of the row above (the first row always has both labels).
  inds.forEach((r, u) => {
    key1.push(r.level1 ? r.level1.label : (key1[u - 1] ?? ''));
    key2.push(r.level2 ? `${key1[u]}|${r.level2.label}|${u}` : (key2[u - 1] ?? ''));
    label1H.push(r.level1 ? cellHeight(r.level1.display, grid[1]!) : (label1H[u - 1] ?? 0));
    label2H.push(r.level2 ? cellHeight(r.level2.display, grid[2]!) : (label2H[u - 1] ?? 0));
  });
  /** Height of a page's indicator rows: a label's rows grow when the label is taller than they are. */
  const block = (units: readonly number[]): number => {
    let total = 0;
    let k = 0;
    while (k < units.length) {
      const first1 = units[k]!;
      let l1 = 0;
      while (k < units.length && key1[units[k]!] === key1[first1]) {
        const first2 = units[k]!;
        let l2 = 0;
        while (k < units.length && key2[units[k]!] === key2[first2]) l2 += unitH[units[k++]!]!;
        l1 += Math.max(l2, label2H[first2]!);
      }
      total += Math.max(l1, label1H[first1]!);
    }
    // The 绩效指标 label spans the column header and the rows.
    return Math.max(total, cellHeight(v.columns.indicatorsLabel, grid[0]!) - headingH);
  };
  const groups: number[][] = [];
  inds.forEach((_, u) => {
    const last = groups[groups.length - 1];
    if (last && key2[last[0]!] === key2[u]) last.push(u);
    else groups.push([u]);
  });
  const plan = planPages(groups, front, repeat, tail, block);
  const rowsOf = (x: IndicatorRowView): number => 1 + x.parts.length;
  const sheets: SheetView[] = plan.map((units, p) => {
    const indicators = units.map((u, k) => {
      const { level1, level2, ...rest } = inds[u]!;
      const row: IndicatorRowView = rest;
      const spanOf = (keys: string[]): number => units.filter((y) => keys[y] === keys[u]).reduce((a, y) => a + rowsOf(inds[y]!), 0);
      /** The row that opens u's group: labels start again on every page. */
      const opener = (keys: string[]): IndicatorRowView => {
        let y = u;
        while (y > 0 && keys[y - 1] === keys[u]) y--;
        return inds[y]!;
      };
      const prev = units[k - 1];
      if (prev === undefined || key1[prev] !== key1[u]) {
        const src = level1 ?? opener(key1).level1;
        if (src) row.level1 = { ...src, rowSpan: spanOf(key1) };
      }
      if (prev === undefined || key2[prev] !== key2[u]) {
        const src = level2 ?? opener(key2).level2;
        if (src) row.level2 = { ...src, rowSpan: spanOf(key2) };
      }
      return row;
    });
    return {
      page: p + 1,
      pages: plan.length,
      first: p === 0,
      last: p === plan.length - 1,
      heading: p > 0 || indicators.length > 0 || plan.length === 1,
      indicators,
      indicatorRowSpan: 1 + indicators.reduce((a, x) => a + rowsOf(x), 0),
    };
  });
  return { ...v, columns, sheets, signoffLines };
}
