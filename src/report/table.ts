// `evalform score` for one form: the official table in the terminal, each stated value that disagrees marked beside the computed one.
// Drawn from the same view as the .docx and the HTML page (src/render/view.ts), so the three fill the same cells.
import { styles } from './styles.js';
import type { Checked, Evaluation, IndicatorResult } from '../model/types.js';
import { tableView } from '../render/view.js';
import { fixed, plain } from '../score/number.js';
import type { ReportContext, Reporter } from './types.js';
import { printable, printableLine } from './printable.js';
import { displayWidth, table } from './width.js';
import { stylish } from './stylish.js';

const METHOD_LABEL: Record<IndicatorResult['method'], string> = {
  positive: '正向',
  negative: '反向',
  equal: '等值',
  qualitative: '定性',
  deadline: '时限',
  'not-applicable': '不适用',
};

/** One line of a form's text, escaped for the terminal and shortened to fit a column. */
function clip(text: string, width: number): string {
  const flat = printableLine(text);
  if (displayWidth(flat) <= width) return flat;
  let out = '';
  for (const ch of flat) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export const scoreTable: Reporter = (evals, ctx) =>
  evals
    .map((ev) => render(ev, ctx) + (ev.result && ev.findings.length > 0 ? '\n' : '') + stylish([ev], { ...ctx, summary: false }))
    .join('\n');

function render(ev: Evaluation, ctx: ReportContext): string {
  const r = ev.result;
  if (!r) return '';
  const c = styles(ctx);
  const v = tableView(r);
  const cols = v.columns;
  /** The cell as the view prints it, and the stated value beside it when it disagrees. */
  const mark = (cell: string, check: Checked | { stated: string; agrees: boolean } | undefined): string => {
    if (!check || check.agrees) return cell;
    const stated = printableLine(typeof check.stated === 'string' ? check.stated : check.stated.text);
    const note = c.red(`✗ 表中 ${stated}`);
    return cell === '' ? note : `${c.bold(cell)} ${note}`;
  };
  const lines: string[] = [];
  lines.push(c.bold(v.title) + c.dim(`  ${printable(ev.file)}`));
  lines.push(
    ...table([
      ['项目支出名称', printableLine(v.project)],
      ['主管部门', `${printableLine(v.department)}    实施单位  ${printableLine(v.implementer)}`],
      // FORMAT.md §7 (sichuan): 项目类别 and 项目负责人及电话 when given.
      ...(cols.header
        ? [
            [
              '项目类别',
              `${printableLine(v.category)}    项目负责人及电话  ${printableLine(`${v.manager.name} ${v.manager.phone}`.trim())}`,
            ],
          ]
        : []),
    ]),
  );
  lines.push('');

  const rows = new Map(r.funds.rows.map((row) => [row.key, row]));
  const fundsRows: string[][] = [[`项目资金（${v.fundsUnit}）`, '年初预算数', cols.annualLabel, '全年执行数', '分值', '执行率', '得分']];
  for (const f of v.funds) {
    const result = rows.get(f.key);
    // A stated rate is marked on its own row; the stated funds score on the total, the row that carries it.
    const rate = result?.present || f.key === 'total' ? mark(f.rate, result?.rateCheck) : f.rate;
    const score = f.key === 'total' ? mark(f.score, r.funds.scoreCheck) : f.score;
    fundsRows.push([`  ${f.label}`, f.initial, f.annual, f.executed, f.weight, rate, score]);
  }
  lines.push(...table(fundsRows, [1, 2, 3, 4]));
  lines.push('');

  const byPath = new Map(r.indicators.map((i) => [i.path, i]));
  // The layout's columns (FORMAT.md §7): 指标性质 / 指标值 / 度量单位 in place of 年度指标值, and 评分标准.
  const middle = (x: { target: string; nature: string; value: string; unit: string }): string[] =>
    cols.split ? [x.nature, clip(x.value, 12), clip(x.unit, 8)] : [clip(x.target, 22)];
  const methodCol = (text: string): string[] => (cols.method ? [clip(text, 16)] : []);
  const indicatorRows: string[][] = [
    [
      '一级指标',
      '二级指标',
      '三级指标',
      ...(cols.split ? ['指标性质', '指标值', '度量单位'] : ['年度指标值']),
      '实际完成值',
      '分值',
      '得分',
      ...(cols.method ? ['评分标准'] : []),
      '计分',
    ],
  ];
  const shift = cols.split ? 2 : 0;
  for (const row of v.indicators) {
    const i = byPath.get(row.path);
    const score = i && i.method !== 'not-applicable' ? mark(row.score, i.scoreCheck) : row.score;
    indicatorRows.push([
      row.level1 ? `${row.level1.label}${row.level1.points}` : '',
      row.level2?.label ?? '',
      clip(row.name, 16),
      ...middle(row),
      clip(row.actual, 16),
      row.weight,
      score,
      ...methodCol(row.methodText),
      i ? METHOD_LABEL[i.method] : '',
    ]);
    for (const p of row.parts) {
      indicatorRows.push(['', '', clip(p.name, 16), ...middle({ ...p, nature: '' }), clip(p.actual, 16), '', '', ...methodCol(''), '']);
    }
  }
  lines.push(...table(indicatorRows, [5 + shift, 6 + shift]));
  lines.push('');
  const total = mark(v.total.score, r.totalCheck);
  const grade = mark(printableLine(v.total.grade), r.gradeCheck);
  const cap = r.cap ? c.yellow(`（执行率 ${fixed(r.funds.rateRounded!, r.rules.rate_places)}%，总分封顶 ${plain(r.cap)}）`) : '';
  lines.push(`${c.bold('总分')}  ${v.total.weight}  ${c.bold(total)}${cap}    ${c.bold('等级')}  ${grade}`);
  // Under the table, as on the paper: the form's 备注 and the signoff, when the form gives them.
  const footer: string[] = [];
  for (const f of cols.footer) footer.push(`${f.label.replace('\n', '')}：${printableLine(f.text)}`);
  if (v.note.trim() !== '') footer.push(`备注：${printableLine(v.note)}`);
  const s = v.signoff;
  if ([s.preparer, s.date, s.phone, s.head].some((t) => t.trim() !== '')) {
    const parts = [
      ['填表人', s.preparer],
      ['填报日期', s.date],
      ['联系电话', s.phone],
      ...(cols.financeHead ? [['财务负责人', v.financeHead]] : []),
      ['单位负责人签字', s.head],
    ];
    footer.push(parts.map(([label, text]) => `${label}：${printableLine(text ?? '')}`).join('    '));
  }
  if (footer.length > 0) lines.push('', ...footer);
  return `${lines.join('\n')}\n`;
}
