// A Grid that is a 项目支出绩效自评表 turned into a form (FORMAT 1.1): found by its labels, not by fixed positions, so
// the central, Sichuan and Yunnan layouts (FORMAT.md §7) and their spellings all read. Values are kept as printed
// (stated rates, scores, total and grade) so that `score` checks them; anything guessed is noted for a comment.
import { LEVEL1, LEVEL2_LABEL } from '../model/labels.js';
import type { Level1, Level2 } from '../model/types.js';
import type { Grid, GridCell } from './grid.js';

/** A note for the YAML: `path` is the JSON pointer it is written beside. */
export interface Guess {
  path: string;
  note: string;
}

export interface Recognized {
  /** The form, keys in the order a person writes them. */
  form: Record<string, unknown>;
  guesses: Guess[];
  /** JSON pointer → where it was read, e.g. '表1 第14行 得分'. */
  places: Record<string, string>;
}

export type Recognition = { ok: true; value: Recognized } | { ok: false; reason: string };

/** A label as compared: no white space, ASCII brackets and colon, no trailing colon. */
export function norm(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0]+/gu, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':')
    .replace(/:$/u, '');
}

/** A label without its bracketed unit or letter: 全年预算数（万元）(A) → 全年预算数. */
function labelKey(text: string): string {
  return norm(text)
    .replace(/\([^)]*\)/g, '')
    .replace(/[【[][^\]】]*[\]】]/g, '');
}

/** Full-width digits, point, percent and comma as ASCII. */
export function halfWidth(text: string): string {
  return text.replace(/[０-９．％，]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Cell text as a value: outer white space (with U+3000) trimmed, Windows line ends folded. */
function value(text: string | undefined): string {
  return (text ?? '').replace(/\r\n?/g, '\n').replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/gu, '');
}

const BLANK = /^[/／\\—–-]+$/u;

/** The distinct cells of a row, left to right. */
function cellsOf(row: readonly (GridCell | undefined)[]): GridCell[] {
  const out: GridCell[] = [];
  for (const c of row) if (c && out[out.length - 1] !== c && !out.includes(c)) out.push(c);
  return out;
}

type Matcher = (key: string) => boolean;
const is =
  (...names: string[]): Matcher =>
  (k) =>
    names.includes(k);
const starts =
  (...names: string[]): Matcher =>
  (k) =>
    names.some((n) => k.startsWith(n));

const FUNDS_COLUMNS = {
  initial: is('年初预算数', '年初预算', '年初数'),
  annual: is('全年预算数', '调整后预算数', '全年预算', '调整后预算', '预算数'),
  executed: is('全年执行数', '执行数', '实际执行数', '全年实际执行数'),
  weight: is('分值', '权重'),
  rate: is('执行率', '预算执行率'),
  score: is('得分'),
  method: starts('评分标准', '得分计算方法', '评分规则', '计分方法'),
} satisfies Record<string, Matcher>;

const INDICATOR_COLUMNS = {
  level1: is('一级指标'),
  level2: is('二级指标'),
  name: is('三级指标'),
  target: is('年度指标值', '指标值', '年度目标值', '目标值', '预期指标值', '年度指标'),
  nature: is('指标性质', '指标方向'),
  unit: is('度量单位', '计量单位', '单位'),
  actual: is('实际完成值', '全年实际值', '实际值', '完成值', '全年实际完成值', '实际完成'),
  weight: is('分值', '权重'),
  score: is('得分'),
  method: starts('评分标准', '得分计算方法', '评分规则', '计分方法'),
  deviation: starts('偏差原因', '未完成原因', '原因分析'),
} satisfies Record<string, Matcher>;

/** Printed names of the columns, for positions. */
const COLUMN_NAMES: Record<string, string> = {
  initial: '年初预算数',
  annual: '全年预算数',
  executed: '全年执行数',
  weight: '分值',
  rate: '执行率',
  score: '得分',
  method: '评分标准',
  name: '三级指标',
  target: '年度指标值',
  nature: '指标性质',
  unit: '度量单位',
  actual: '实际完成值',
  deviation: '偏差原因分析及改进措施',
};

type Columns<K extends string> = Partial<Record<K, number>>;

/** Where each known column label stands in the row(s), by the label cell's first grid column. */
function columnsIn<K extends string>(rows: (readonly (GridCell | undefined)[])[], matchers: Record<K, Matcher>): Columns<K> {
  const out: Columns<K> = {};
  for (const row of rows) {
    for (const cell of cellsOf(row)) {
      const key = labelKey(cell.text);
      for (const [k, m] of Object.entries(matchers) as [K, Matcher][]) {
        if (out[k] === undefined && m(key)) {
          out[k] = cell.col;
          break;
        }
      }
    }
  }
  return out;
}

const LEVEL2_WORDS: [RegExp, Level2][] = [
  [/数量/, 'quantity'],
  [/质量/, 'quality'],
  [/时效/, 'timeliness'],
  [/成本/, 'cost'],
  [/经济/, 'economic'],
  [/社会/, 'social'],
  [/生态|环境/, 'ecological'],
  [/可持续/, 'sustainability'],
  [/满意/, 'beneficiary'],
];

function level1Of(text: string): Level1 | undefined {
  const k = labelKey(text);
  if (/产出/.test(k)) return 'output';
  if (/效益|效果/.test(k)) return 'outcome';
  if (/满意/.test(k)) return 'satisfaction';
  return undefined;
}

function level2Of(text: string): Level2 | undefined {
  const k = labelKey(text);
  return LEVEL2_WORDS.find(([re]) => re.test(k))?.[1];
}

const LEVEL1_OF: Record<Level2, Level1> = Object.fromEntries(LEVEL1.flatMap((l1) => l1.level2.map((l2) => [l2, l1.key]))) as Record<
  Level2,
  Level1
>;

/** 0–100 points as printed (10, 7.50, １０分): the number, or undefined with a note when it is not one. */
function points(text: string): { value?: number; note?: string } {
  const t = value(text);
  if (t === '' || BLANK.test(t)) return {};
  const plain = halfWidth(t).replace(/[\s\u3000]/gu, '');
  const m = /^(\d+(?:\.\d+)?)分?$/.exec(plain);
  if (!m) return { note: `表中写作“${t}”，不是分数，未导入` };
  if (Number(m[1]) > 100) return { note: `表中写作“${t}”，超过 100 分，未导入` };
  return { value: Number(m[1]), ...(plain === m[1] ? {} : { note: `表中写作“${t}”` }) };
}

const NATURES = new Set(['正向', '反向', '定性', '等于', '≥', '≧', '≤', '≦', '=', '═', '﹦']);
const NATURE_WORDS: Record<string, string> = { 正向指标: '正向', 反向指标: '反向', 定性指标: '定性', '>=': '≥', '<=': '≤', '＝': '=' };

const FUNDS_ROW_WORDS: [RegExp, string][] = [
  [/资金总额|^合计|^总计|^小计/, 'total'],
  [/财政拨款|财政资金/, 'appropriation'],
  [/财政专户/, 'special_account'],
  [/单位资金|自有资金|自筹/, 'own'],
  [/结转/, 'carryover'],
  [/其他/, 'other'],
];

const SIGNOFF_LABELS: [string, string][] = [
  ['填表人', 'preparer'],
  ['填报日期', 'date'],
  ['联系电话', 'phone'],
  ['财务负责人', 'finance_head'],
  ['单位负责人签字', 'head'],
  ['单位负责人', 'head'],
];

/** 备注 and the signoff fields from the lines under the table. */
function signoff(lines: string[]): { note?: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  let note: string | undefined;
  const labels = SIGNOFF_LABELS.map(([l]) => l);
  for (const line of lines) {
    const n = line.replace(/\r/g, '');
    const m = /^[\s\u3000]*备\s*注[:：]?(.*)$/su.exec(n);
    if (m) {
      note = value(m[1]);
      continue;
    }
    for (const [label, key] of SIGNOFF_LABELS) {
      if (fields[key] !== undefined) continue;
      const at = n.indexOf(label);
      if (at < 0) continue;
      let rest = n.slice(at + label.length).replace(/^[:：]/, '');
      let end = rest.length;
      for (const other of labels) {
        const k = rest.indexOf(other);
        if (k >= 0 && k < end) end = k;
      }
      rest = rest.slice(0, end);
      fields[key] = value(rest);
    }
  }
  return { ...(note === undefined ? {} : { note }), fields };
}

/** 2023年4月20日 → 2023-04-20; anything else as written. */
function isoDate(text: string): string {
  const m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(halfWidth(text));
  if (!m) return text;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** The text of the cell right of `label` in the same row (the first distinct cell after it), or ''. */
function rightOf(row: readonly (GridCell | undefined)[], label: GridCell): GridCell | undefined {
  const cells = cellsOf(row);
  return cells[cells.indexOf(label) + 1];
}

const PROJECT_LABEL = /^项目(支出)?名称$/;
const TOTAL_LABEL = /^(总分|合计|总计|得分合计|自评得分)$/;

/** The row heads the 项目资金 section: 执行数 beside a 预算数. */
function isFundsHead(row: readonly (GridCell | undefined)[]): boolean {
  const keys = cellsOf(row).map((c) => labelKey(c.text));
  return keys.some(FUNDS_COLUMNS.executed) && keys.some((k) => FUNDS_COLUMNS.annual(k) || FUNDS_COLUMNS.initial(k));
}

/** The row heads the 绩效指标 section: 三级指标 beside 一级 or 二级指标. */
function isIndicatorHead(row: readonly (GridCell | undefined)[]): boolean {
  const keys = cellsOf(row).map((c) => labelKey(c.text));
  return keys.some(INDICATOR_COLUMNS.name) && keys.some((k) => INDICATOR_COLUMNS.level1(k) || INDICATOR_COLUMNS.level2(k));
}

/** The indicator heading starting at row r: one row, or two when 指标性质 / 指标值 / 度量单位 stand under it. */
function headingRows(rows: Grid['rows'], r: number): number {
  const next = rows[r + 1];
  const sub =
    next !== undefined && cellsOf(next).some((c) => c.row === r + 1 && /^(指标性质|指标值|度量单位|计量单位)$/.test(labelKey(c.text)));
  return sub ? 2 : 1;
}

/** The first indicator heading of the rows: where, how many rows, its labels in order, and its column bounds. */
function indicatorHeading(rows: Grid['rows']): { row: number; height: number; labels: string; bounds: number[] } | undefined {
  const row = rows.findIndex(isIndicatorHead);
  if (row < 0) return undefined;
  const height = headingRows(rows, row);
  const heading = rows.slice(row, row + height);
  const labels = heading
    .map((r) =>
      cellsOf(r)
        .map((c) => labelKey(c.text))
        .join('|'),
    )
    .join('\n');
  return { row, height, labels, bounds: boundsOf(heading) };
}

/** The grid columns where the rows' cells start, and the width: the boundaries between the columns a person sees. */
function boundsOf(rows: readonly (readonly (GridCell | undefined)[])[]): number[] {
  const starts = new Set<number>();
  for (const row of rows) for (const c of cellsOf(row)) starts.add(c.col);
  return [...starts, rows[0]?.length ?? 0].sort((a, b) => a - b);
}

/** Whether `grid` opens a form: it has the 项目名称 row and a 项目资金 heading of its own. */
export function opensForm(grid: Grid): boolean {
  return grid.rows.some(isFundsHead) && grid.rows.some((row) => cellsOf(row).some((c) => PROJECT_LABEL.test(labelKey(c.text))));
}

/** How a table carries on a form: its first row to append, and where its grid columns fall in the form's grid
 * (each Word table has its own grid: a table saved again by Word or LibreOffice may lose an empty grid column). */
export interface Continuation {
  from: number;
  /** A boundary between columns of the table → the same boundary in the form's grid; absent when both agree. */
  columns?: Map<number, number>;
}

/**
 * Whether the table `next` carries on the form of `prev` (the form's tables so far, joined) after a page break, and
 * if so how: `next` has no 项目资金 section, `prev` has not reached its 总分 row, and `next` either repeats the
 * 项目名称 row (the same project) and/or the indicator heading (the same labels), or starts with a row of as many
 * cells as an indicator row above (or with the 总分 row). Undefined when it is no continuation.
 */
export function continuation(prev: Grid, next: Grid): Continuation | undefined {
  if (next.rows.length === 0 || next.rows.some(isFundsHead)) return undefined;
  const head = indicatorHeading(prev.rows);
  const body = head === undefined ? [] : prev.rows.slice(head.row + head.height);
  if (body.some((row) => cellsOf(row).some((c) => c.colSpan > 1 && TOTAL_LABEL.test(labelKey(c.text))))) return undefined;
  const sameWidth = (prev.rows[0]?.length ?? 0) === (next.rows[0]?.length ?? 0);
  /** The bounds of `theirs` (in next) as the bounds of `ours` (in prev), when they pair one to one. */
  const pair = (theirs: number[], ours: number[]): Continuation['columns'] | false => {
    if (theirs.length !== ours.length) return false;
    if (theirs.every((b, i) => b === ours[i])) return undefined;
    return new Map(theirs.map((b, i) => [b, ours[i]!]));
  };
  let r = 0;
  // The 项目名称 row again: it must name the same project.
  const projectCell = cellsOf(next.rows[0]!).find((c) => PROJECT_LABEL.test(labelKey(c.text)));
  if (projectCell) {
    const prevRow = prev.rows.find((row) => cellsOf(row).some((c) => PROJECT_LABEL.test(labelKey(c.text))));
    const name = (row: readonly (GridCell | undefined)[]) => {
      const cells = cellsOf(row);
      const label = cells.find((c) => PROJECT_LABEL.test(labelKey(c.text)));
      return norm(label ? (cells[cells.indexOf(label) + 1]?.text ?? '') : '');
    };
    if (prevRow !== undefined && name(prevRow) !== name(next.rows[0]!)) return undefined;
    r = 1;
  }
  const again = indicatorHeading(next.rows);
  if (again !== undefined) {
    if (again.row !== r) return undefined;
    // The form's first heading (page 1 ended with the goals) is kept, in the table's own columns.
    if (head === undefined) return { from: r };
    if (head.labels !== again.labels) return undefined;
    const columns = pair(again.bounds, head.bounds);
    if (columns === false) return undefined;
    return { from: r + again.height, ...(columns === undefined ? {} : { columns }) };
  }
  if (head === undefined) return undefined;
  if (r > 0) return sameWidth ? { from: r } : undefined;
  // No heading repeated: the first row must have as many cells as an indicator row above, or be the 总分 row.
  const first = next.rows[0]!;
  if (cellsOf(first).some((c) => c.colSpan > 1 && TOTAL_LABEL.test(labelKey(c.text)))) return sameWidth ? { from: 0 } : undefined;
  const like = [...body].reverse().find((row) => cellsOf(row).length === cellsOf(first).length);
  if (like === undefined) return undefined;
  const columns = pair(boundsOf([first]), boundsOf([like]));
  return columns === false ? undefined : { from: 0, ...(columns === undefined ? {} : { columns }) };
}

/** A form's place: its first table's name, and each row's own table. */
export interface JoinedGrid extends Grid {
  /** The name of the Word table grid row r comes from ('表2'), when the form runs over several. */
  tableAt?: (r: number) => string;
}

/**
 * One Grid of a form printed over several tables: the first table's rows, then each continuation's rows from
 * `from` on (its repeated heading dropped), their cells moved to the form's columns. Rows keep their own table's
 * name and row label for positions; the text after the last table is the form's (备注 and sign-off); a merged cell
 * reaching up into dropped rows starts at the first row kept. A cell whose edges the form's columns do not have
 * is left out.
 */
export function joinGrids(first: Grid, parts: readonly ({ grid: Grid } & Continuation)[]): JoinedGrid {
  if (parts.length === 0) return first;
  const rows: Grid['rows'] = [...first.rows];
  const origin: { table: string; label: string }[] = first.rows.map((_, r) => ({ table: first.name, label: first.rowLabel(r) }));
  for (const { grid, from, columns } of parts) {
    const offset = rows.length - from;
    const copies = new Map<GridCell, GridCell | undefined>();
    const width = columns === undefined ? (grid.rows[0]?.length ?? 0) : (first.rows[0]?.length ?? 0);
    for (let r = from; r < grid.rows.length; r++) {
      const out: (GridCell | undefined)[] = Array.from({ length: width }, () => undefined);
      for (const c of cellsOf(grid.rows[r]!)) {
        if (!copies.has(c)) {
          const top = Math.max(c.row, from);
          const col = columns === undefined ? c.col : columns.get(c.col);
          const end = columns === undefined ? c.col + c.colSpan : columns.get(c.col + c.colSpan);
          copies.set(
            c,
            col === undefined || end === undefined || end <= col
              ? undefined
              : { ...c, row: top + offset, rowSpan: c.rowSpan - (top - c.row), col, colSpan: end - col },
          );
        }
        const copy = copies.get(c);
        if (copy) for (let k = copy.col; k < copy.col + copy.colSpan; k++) out[k] = copy;
      }
      rows.push(out);
      origin.push({ table: grid.name, label: grid.rowLabel(r) });
    }
  }
  // Every row as wide as the widest (a continuation kept in its own columns may be wider or narrower).
  const width = rows.reduce((n, row) => Math.max(n, row.length), 0);
  const last = parts[parts.length - 1]!.grid;
  return {
    name: first.name,
    ...(first.caption === undefined ? {} : { caption: first.caption }),
    ...(last.after === undefined ? {} : { after: last.after }),
    rows: rows.map((row) => (row.length === width ? row : Array.from({ length: width }, (_, c) => row[c]))),
    rowLabel: (r) => origin[r]?.label ?? first.rowLabel(r),
    colLabel: (c) => first.colLabel(c),
    tableAt: (r) => origin[r]?.table ?? first.name,
  };
}

export function recognize(grid: JoinedGrid): Recognition {
  const rows = grid.rows;
  const guesses: Guess[] = [];
  const places: Record<string, string> = { '': grid.name };
  /** Row r as a user finds it: 第5行 in the form's first table, 表2 第5行 in a later one. */
  const rowName = (r: number): string => {
    const table = grid.tableAt?.(r) ?? grid.name;
    return table === grid.name ? grid.rowLabel(r) : `${table} ${grid.rowLabel(r)}`;
  };
  const at = (r: number, col?: string, c?: number): string => {
    // A sheet's column letter stands before the column's name: 工作表“自评表” 第32行 I列 得分.
    const colText = c === undefined ? '' : grid.colLabel(c);
    return [grid.tableAt?.(r) ?? grid.name, grid.rowLabel(r), colText, col ?? ''].filter((x) => x !== '').join(' ');
  };
  const found = (label: (k: string) => boolean, from = 0, to = rows.length): { r: number; cell: GridCell } | undefined => {
    for (let r = from; r < to; r++) {
      for (const cell of cellsOf(rows[r]!)) if (cell.row === r && label(labelKey(cell.text))) return { r, cell };
    }
    return undefined;
  };

  // The three landmarks: the project row, the funds heading, the indicators heading.
  const project = found((k) => PROJECT_LABEL.test(k));
  const fundsAt = rows.findIndex(isFundsHead);
  const fundsHead = fundsAt < 0 ? undefined : fundsAt;
  const indHead = indicatorHeading(rows)?.row;
  if (project === undefined || fundsHead === undefined || indHead === undefined) {
    const missing = [
      project === undefined ? '项目名称' : '',
      fundsHead === undefined ? '项目资金（预算数、执行数）' : '',
      indHead === undefined ? '绩效指标（一级、二级、三级指标）' : '',
    ].filter(Boolean);
    return { ok: false, reason: `不是项目支出绩效自评表：表中没有${missing.join('、')}栏目` };
  }

  const form: Record<string, unknown> = { evalform: 1 };
  const text = (cell: GridCell | undefined) => value(cell?.text);

  // Year: the title (caption, or a title row inside the table), else the 填报日期's year before.
  const titleText = [grid.caption ?? '', ...rows.slice(0, project.r).flatMap((r) => cellsOf(r).map((c) => c.text))].join('\n');
  const titleLines = halfWidth(titleText)
    .split('\n')
    .filter((l) => !/日期|电话|填表|负责人/.test(l));
  const yearMatch = /((?:19|20)\d{2})\s*年度/.exec(titleLines.join('\n')) ?? /((?:19|20)\d{2})\s*年/.exec(titleLines.join('\n'));
  const under = [...(grid.after ?? '').split('\n'), ...rows.slice(indHead).flatMap((r) => cellsOf(r).map((c) => c.text))];
  const sign = signoff(under);
  if (yearMatch) form.year = Number(yearMatch[1]);
  else {
    const dateYear = /^((?:19|20)\d{2})/.exec(halfWidth(sign.fields.date ?? ''));
    if (!dateYear) return { ok: false, reason: '看似自评表，但标题和表中都没有写年度（如“2022年度”），无法确定是哪一年的自评' };
    form.year = Number(dateYear[1]) - 1;
    guesses.push({ path: '/year', note: `标题中没有年度，按填报日期的前一年推测` });
  }

  // Header fields: 项目名称, 主管部门, 实施单位, 项目类别, 项目负责人及电话, 项目实施内容.
  const headerEnd = fundsHead;
  const field = (re: RegExp, key: string, from = 0, to = headerEnd) => {
    const hit = found((k) => re.test(k), from, to);
    if (!hit) return undefined;
    const v = rightOf(rows[hit.r]!, hit.cell);
    places[`/${key}`] = at(hit.r, labelKey(hit.cell.text));
    return text(v);
  };
  form.project = field(PROJECT_LABEL, 'project') ?? '';
  form.department = field(/^(主管部门|主管单位)$/, 'department') ?? '';
  form.implementer = field(/^(实施单位|执行单位)$/, 'implementer') ?? '';
  const category = field(/^项目(类别|属性|类型)$/, 'category');
  const manager = field(/^项目负责人/, 'manager');
  const overview = found((k) => /^项目(实施内容|概况)/.test(k));
  if (category) form.category = category;
  if (manager) {
    const m = /^(.*?)[\s\u3000,，/、]*((?:\d[\d\s-]{5,}\d))$/u.exec(manager);
    form.manager = m ? { name: value(m[1]), phone: value(m[2]) } : { name: manager };
  }
  if (overview) form.overview = text(rightOf(rows[overview.r]!, overview.cell));

  // 项目资金: the heading row gives the columns; the rows under it until the goals or the indicators.
  const fc = columnsIn([rows[fundsHead]!], FUNDS_COLUMNS);
  const headTexts = cellsOf(rows[fundsHead]!)
    .map((c) => norm(c.text))
    .join(' ');
  const unitText = `${headTexts} ${norm(grid.caption ?? '')}`;
  const funds: Record<string, unknown> = {};
  if (/万元/.test(unitText)) funds.unit = '万元';
  else if (/\(元\)|单位:元|元\)/.test(unitText)) funds.unit = '元';
  else {
    funds.unit = '万元';
    guesses.push({ path: '/funds/unit', note: '表中没有写金额单位，按万元' });
  }
  const annualLabel = fc.annual === undefined ? '' : labelKey(rows[fundsHead]![fc.annual]?.text ?? '');
  const ratePercentInHead = /执行率\(%\)|执行率%/.test(headTexts);
  const goalsRow = found((k) => /^(年度)?(总体)?目标$|^年度总体目标/.test(k) && k !== '预期目标', fundsHead + 1, indHead);
  const fundsEnd = goalsRow?.r ?? indHead;
  const valueCols = (['initial', 'annual', 'executed', 'weight', 'rate', 'score'] as const).filter((k) => fc[k] !== undefined);
  const firstValue = Math.min(...valueCols.map((k) => fc[k]!));
  let fundsMethod: string | undefined;
  let stated: { weight?: number; score?: number; from?: string } = {};
  for (let r = fundsHead + 1; r < fundsEnd; r++) {
    const row = rows[r]!;
    const label = cellsOf(row)
      .filter((c) => c.col < firstValue && !/项目资金|资金来源/.test(norm(c.text)))
      .map((c) => norm(c.text))
      .join('');
    const key = FUNDS_ROW_WORDS.find(([re]) => re.test(label.replace(/^其中:?/, '')))?.[1];
    const cellAt = (k: keyof typeof fc): GridCell | undefined => {
      const c = fc[k];
      if (c === undefined) return undefined;
      const cell = row[c];
      return cell && cell.col === c && cell.row <= r ? cell : undefined;
    };
    if (fundsMethod === undefined && cellAt('method')) {
      const m = text(cellAt('method'));
      if (m !== '') {
        fundsMethod = m;
        places['/funds/method_text'] = at(r, '评分标准', fc.method);
      }
    }
    if (key === undefined) {
      if (label !== '' || valueCols.some((k) => text(cellAt(k)) !== '')) {
        guesses.push({
          path: '/funds',
          note: `${rowName(r)}“${label}”不是已知的资金行（年度资金总额、当年财政拨款、上年结转资金、其他资金等），未导入`,
        });
      }
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const k of ['initial', 'annual', 'executed'] as const) {
      const t = text(cellAt(k));
      if (t === '' || BLANK.test(t)) continue;
      const amount = t.replace(/\s*万?元$/u, '');
      out[k] = amount;
      places[`/funds/${key}/${k}`] = at(r, COLUMN_NAMES[k], fc[k]);
      if (amount !== t) guesses.push({ path: `/funds/${key}/${k}`, note: `表中写作“${t}”` });
    }
    const rate = text(cellAt('rate'));
    if (rate !== '' && !BLANK.test(rate)) {
      const withPercent = ratePercentInHead && !/[%％]$/.test(rate) ? `${rate}%` : rate;
      out.rate = withPercent;
      places[`/funds/${key}/rate`] = at(r, '执行率', fc.rate);
      if (withPercent !== rate) guesses.push({ path: `/funds/${key}/rate`, note: `表头写明执行率以 % 计，表中写作“${rate}”` });
    }
    const w = points(text(cellAt('weight')));
    const s = points(text(cellAt('score')));
    if ((w.value !== undefined || s.value !== undefined) && (stated.from === undefined || key === 'total')) {
      if (stated.from !== 'total') {
        stated = {
          ...(w.value === undefined ? {} : { weight: w.value }),
          ...(s.value === undefined ? {} : { score: s.value }),
          from: key,
        };
        if (w.value !== undefined) places['/funds/weight'] = at(r, '分值', fc.weight);
        if (s.value !== undefined) places['/funds/score'] = at(r, '得分', fc.score);
      }
    }
    if (w.note) guesses.push({ path: '/funds/weight', note: w.note });
    if (s.note) guesses.push({ path: '/funds/score', note: s.note });
    if (Object.keys(out).length > 0 || key === 'total') {
      if (Object.keys(out).length > 0) funds[key] = out;
      places[`/funds/${key}`] = at(r, label.replace(/^其中:?/, ''));
    }
  }
  if (stated.weight !== undefined) funds.weight = stated.weight;
  const rowOrder = ['weight', 'appropriation', 'special_account', 'own', 'carryover', 'other', 'total'];
  const orderedFunds: Record<string, unknown> = { unit: funds.unit };
  for (const k of rowOrder) if (funds[k] !== undefined) orderedFunds[k] = funds[k];
  if (stated.score !== undefined) orderedFunds.score = stated.score;
  if (fundsMethod !== undefined) orderedFunds.method_text = fundsMethod;
  form.funds = orderedFunds;
  places['/funds'] = at(fundsHead, '项目资金');

  // 年度总体目标: 预期目标 / 实际完成情况 columns with the texts in the row below, or one text beside the label.
  if (goalsRow) {
    const labels = rows.slice(goalsRow.r, Math.min(goalsRow.r + 2, indHead));
    let expectedCol: number | undefined;
    let actualCol: number | undefined;
    let labelRow = goalsRow.r;
    for (const [i, row] of labels.entries()) {
      for (const c of cellsOf(row)) {
        const k = labelKey(c.text);
        if (k === '预期目标' && expectedCol === undefined) {
          expectedCol = c.col;
          labelRow = goalsRow.r + i;
        }
        if (/^实际完成(情况)?$/.test(k) && actualCol === undefined) actualCol = c.col;
      }
    }
    const goals: Record<string, string> = {};
    if (expectedCol !== undefined) {
      for (let r = labelRow + 1; r < indHead; r++) {
        const e = rows[r]![expectedCol];
        const a = actualCol === undefined ? undefined : rows[r]![actualCol];
        if (e && e.row === r && text(e) !== '' && goals.expected === undefined) {
          goals.expected = text(e);
          places['/goals/expected'] = at(r, '预期目标');
        }
        if (a && a.row === r && text(a) !== '' && goals.actual === undefined) {
          goals.actual = text(a);
          places['/goals/actual'] = at(r, '实际完成情况');
        }
      }
    } else {
      const beside = rightOf(rows[goalsRow.r]!, goalsRow.cell);
      if (beside && text(beside) !== '') {
        goals.expected = text(beside);
        places['/goals/expected'] = at(goalsRow.r, '年度总体目标');
      }
    }
    if (Object.keys(goals).length > 0) form.goals = goals;
  }

  // 绩效指标: the heading (and a second heading row under it, as 指标性质 / 指标值 / 度量单位 under 年度指标值).
  const headRows = rows.slice(indHead, indHead + headingRows(rows, indHead));
  const next = rows[indHead + 1];
  const isSubHead = headRows.length === 2 && next !== undefined;
  const ic = columnsIn(headRows, INDICATOR_COLUMNS);
  if (isSubHead && ic.target !== undefined && ic.nature !== undefined && ic.target === ic.nature) {
    // 年度指标值 over 指标性质 | 指标值 | 度量单位: the value is the sub-heading 指标值.
    const sub = cellsOf(next).find((c) => labelKey(c.text) === '指标值');
    if (sub) ic.target = sub.col;
  }
  const split = ic.nature !== undefined || ic.unit !== undefined;
  const indicatorsLabel = cellsOf(rows[indHead]!).find(
    (c) => /^绩效指标|^绩效目标|^指标/.test(norm(c.text).replace(/\(.*$/, '')) && c.col < (ic.level1 ?? 1),
  );
  const lists: Partial<Record<Level1, Partial<Record<Level2, Record<string, unknown>[]>>>> = {};
  let last: { ind: Record<string, unknown>; path: string } | undefined;
  let l1Text = '';
  let l2Text = '';
  let totalRow: number | undefined;
  const footers: Record<string, [string, string]> = {};
  const FOOTERS: [RegExp, string, string][] = [
    [/^(评价|自评)结论/, '/conclusion/summary', '评价结论'],
    [/^存在(的)?问题/, '/conclusion/problems', '存在问题'],
    [/^改进(措施|意见)/, '/conclusion/measures', '改进措施'],
    [/^其他(需要)?说明(的)?事项|^其他说明/, '/remarks', '其他需要说明事项'],
  ];
  for (let r = indHead + headRows.length; r < rows.length; r++) {
    const row = rows[r]!;
    const cells = cellsOf(row);
    const first = cells.find((c) => c !== indicatorsLabel && (ic.level1 === undefined || c.col >= ic.level1 || c.colSpan > 1));
    const firstKey = labelKey(first?.text ?? '');
    if (totalRow === undefined && TOTAL_LABEL.test(firstKey) && first && first.colSpan > 1) {
      totalRow = r;
      const after = cells.slice(cells.indexOf(first) + 1);
      const nums: { v: number; cell: GridCell }[] = [];
      for (const c of after) {
        const p = points(text(c));
        if (p.value !== undefined) nums.push({ v: p.value, cell: c });
        else if (p.note !== undefined && /[0-9０-９]/.test(c.text) && !/等级/.test(c.text))
          guesses.push({ path: '/total', note: `总分栏${p.note}` });
        const g = /等级[:：]?\s*(.*)$/su.exec(text(c));
        if (g && value(g[1]) !== '') {
          form.grade = value(g[1]);
          places['/grade'] = at(r, '等级', c.col);
        } else if (/^等级$/.test(norm(c.text))) {
          const g2 = text(after[after.indexOf(c) + 1]);
          if (g2 !== '') {
            form.grade = g2;
            places['/grade'] = at(r, '等级');
          }
        } else if (p.value === undefined && /^(优|良|中|差|优秀|良好|合格|不合格)$/.test(norm(c.text))) {
          form.grade = norm(c.text);
          places['/grade'] = at(r, '等级', c.col);
        }
      }
      const score = nums.length >= 2 ? nums[1] : nums.length === 1 && nums[0]!.v !== 100 ? nums[0] : undefined;
      if (score) {
        form.total = score.v;
        places['/total'] = at(r, '得分', score.cell.col);
      }
      continue;
    }
    if (totalRow !== undefined || (first && FOOTERS.some(([re]) => re.test(firstKey)))) {
      const footer = first ? FOOTERS.find(([re]) => re.test(firstKey)) : undefined;
      if (footer && first) {
        const v = text(rightOf(row, first));
        if (v !== '') footers[footer[1]] = [v, at(r, footer[2])];
      }
      continue;
    }
    const get = (k: keyof typeof ic): GridCell | undefined => {
      const c = ic[k];
      if (c === undefined) return undefined;
      const cell = row[c];
      return cell && cell.col === c ? cell : undefined;
    };
    const name = text(get('name'));
    const valueKeys = ['target', 'actual', 'weight', 'score', 'deviation', 'nature', 'unit'] as const;
    if (name === '' && valueKeys.every((k) => text(get(k)) === '')) continue;
    const l1Cell = get('level1');
    const l2Cell = get('level2');
    if (l1Cell && text(l1Cell) !== '') l1Text = text(l1Cell);
    if (l2Cell && text(l2Cell) !== '') l2Text = text(l2Cell);
    const targetText = text(get('target'));
    const actualText = text(get('actual'));
    // 其中 rows: parts of the indicator above, never scored.
    if (/^其中[:：]?/.test(norm(name)) && last) {
      const part: Record<string, unknown> = { name: name.replace(/^其中[\s\u3000]*[:：]?[\s\u3000]*/u, '') };
      if (targetText !== '') part.target = targetText;
      if (actualText !== '') part.actual = actualText;
      const parts = (last.ind.parts as Record<string, unknown>[] | undefined) ?? [];
      places[`${last.path}/parts/${parts.length}`] = at(r);
      parts.push(part);
      last.ind.parts = parts;
      continue;
    }
    let l2 = level2Of(l2Text);
    let l1 = level1Of(l1Text) ?? (l2 ? LEVEL1_OF[l2] : undefined);
    const notes: string[] = [];
    if (l2 === undefined || (l1 !== undefined && LEVEL1_OF[l2] !== l1)) {
      if (l1 === undefined) {
        guesses.push({
          path: '/indicators',
          note: `${rowName(r)}的指标“${name}”没有可识别的一级、二级指标（“${l1Text}”“${l2Text}”），未导入`,
        });
        continue;
      }
      l2 = LEVEL1.find((x) => x.key === l1)!.level2[0]!;
      notes.push(`二级指标“${l2Text}”无法识别，归入${LEVEL2_LABEL[l2]}`);
    }
    l1 ??= LEVEL1_OF[l2];
    const group = lists[l1] ?? {};
    lists[l1] = group;
    const list = group[l2] ?? [];
    group[l2] = list;
    const path = `/indicators/${l1}/${l2}/${list.length}`;
    const ind: Record<string, unknown> = {};
    let shownName = name;
    if (/^[★☆]/.test(shownName)) {
      shownName = shownName.replace(/^[★☆][\s\u3000]*/u, '');
      ind.core = true;
    }
    if (shownName !== '') ind.name = shownName.replace(/\n/g, '');
    if (ic.nature !== undefined) {
      const n = norm(text(get('nature')));
      const nature = NATURE_WORDS[n] ?? n;
      // 定性 beside a value that is no bare number says nothing the value does not: a prose target is qualitative
      // anyway, and a date one (9月前) is a deadline, as evalform prints both.
      const bare = /^[+-]?\d+(\.\d+)?$/.test(halfWidth(targetText).replace(/[,，]/g, ''));
      if (nature === '定性' && !bare) {
        // nothing to write
      } else if (NATURES.has(nature)) ind.nature = nature;
      else if (n !== '') notes.push(`指标性质“${n}”不是 正向、反向、等于、定性 之一，未导入`);
    }
    ind.target = targetText;
    const unit = text(get('unit'));
    if (unit !== '' && !BLANK.test(unit)) ind.unit = unit;
    ind.actual = actualText;
    const w = points(text(get('weight')));
    const s = points(text(get('score')));
    if (w.value !== undefined) ind.weight = w.value;
    else if (!BLANK.test(targetText)) {
      // A form needs the points of an indicator that applies: 0 until the filer says, which weights-sum reports.
      ind.weight = 0;
      const shown = value(get('weight')?.text);
      w.note = shown === '' ? '表中分值为空，按 0 导入，请填写' : `表中写作“${shown}”，不是分数，按 0 导入，请改正`;
    }
    if (s.value !== undefined) ind.score = s.value;
    if (w.note) guesses.push({ path: `${path}/weight`, note: w.note });
    if (s.note) guesses.push({ path: `${path}/score`, note: s.note });
    const method = text(get('method'));
    if (method !== '') ind.method_text = method;
    const deviation = text(get('deviation'));
    if (deviation !== '' && !BLANK.test(deviation)) ind.deviation = deviation;
    if (notes.length > 0) guesses.push({ path, note: notes.join('；') });
    places[path] = at(r);
    for (const k of ['name', 'target', 'nature', 'unit', 'actual', 'weight', 'score', 'method', 'deviation'] as const) {
      if (ic[k] !== undefined) places[`${path}/${k === 'method' ? 'method_text' : k}`] = at(r, COLUMN_NAMES[k], ic[k]);
    }
    list.push(ind);
    last = { ind, path };
  }
  places['/indicators'] = at(indHead, '绩效指标');
  const indicators: Record<string, unknown> = {};
  for (const l1 of LEVEL1) {
    const group = lists[l1.key];
    if (!group) continue;
    const out: Record<string, unknown> = {};
    for (const l2 of l1.level2) if (group[l2]) out[l2] = group[l2];
    indicators[l1.key] = out;
  }
  if (Object.keys(indicators).length === 0) {
    return { ok: false, reason: '看似自评表，但绩效指标栏下一项三级指标也没有' };
  }

  // Layout (FORMAT.md §7): the split columns make it yunnan, with Sichuan's extras sichuan.
  const sichuanSigns =
    annualLabel === '调整后预算数' ||
    orderedFunds.special_account !== undefined ||
    orderedFunds.own !== undefined ||
    ic.method !== undefined ||
    fc.method !== undefined ||
    form.category !== undefined ||
    form.manager !== undefined ||
    Object.keys(footers).length > 0;
  const layout = split ? (sichuanSigns ? 'sichuan' : 'yunnan') : 'central';

  const out: Record<string, unknown> = {};
  for (const k of ['evalform', 'year', 'project', 'department', 'implementer', 'category', 'manager', 'overview'] as const) {
    if (form[k] !== undefined) out[k] = form[k];
  }
  if (layout !== 'central') out.layout = layout;
  out.funds = form.funds;
  if (form.goals) out.goals = form.goals;
  out.indicators = indicators;
  if (form.total !== undefined) out.total = form.total;
  if (form.grade !== undefined) out.grade = form.grade;
  const conclusion: Record<string, string> = {};
  for (const [p, [v, place]] of Object.entries(footers)) {
    places[p] = place;
    if (p === '/remarks') continue;
    conclusion[p.split('/')[2]!] = v;
  }
  if (Object.keys(conclusion).length > 0) {
    out.conclusion = Object.fromEntries(
      ['summary', 'problems', 'measures'].filter((k) => conclusion[k] !== undefined).map((k) => [k, conclusion[k]]),
    );
  }
  if (footers['/remarks']) out.remarks = footers['/remarks'][0];
  const s = sign.fields;
  const signoffOut: Record<string, string> = {};
  for (const k of ['preparer', 'date', 'phone', 'head', 'finance_head']) {
    const v = s[k];
    if (v !== undefined && v !== '') signoffOut[k] = k === 'date' ? isoDate(v) : v;
  }
  if (Object.keys(signoffOut).length > 0) out.signoff = signoffOut;
  if (sign.note !== undefined && sign.note !== '') out.note = sign.note;

  // The indicators' points in the label (绩效指标 (90分)): Sichuan's 10 + 90 rules.
  const labelPoints = indicatorsLabel ? /\((\d+(?:\.\d+)?)分\)/.exec(norm(indicatorsLabel.text)) : null;
  if (labelPoints) {
    const n = Number(labelPoints[1]);
    const fundsWeight = (orderedFunds.weight as number | undefined) ?? 10;
    if (layout === 'sichuan' && n === 90 && fundsWeight === 10) {
      out.rules = { preset: 'sichuan' };
      guesses.push({ path: '/rules', note: '表中“绩效指标（90分）”：按四川 10 + 90 的规则' });
    } else {
      out.rules = { weights: { funds: fundsWeight, indicators: n } };
      guesses.push({ path: '/rules', note: `表中“绩效指标（${n}分）”：只核对全部指标分值之和` });
    }
  }
  return { ok: true, value: { form: out, guesses, places } };
}
