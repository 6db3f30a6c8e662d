// `evalform score` for one form: the official table in the terminal, each stated value that disagrees marked beside the computed one.
import { Chalk } from 'chalk';
import type { Decimal } from 'decimal.js';
import type { Checked, Evaluation, IndicatorResult } from '../model/types.js';
import { fixed, plain } from '../score/number.js';
import type { Reporter } from './types.js';
import { printable, printableLine } from './printable.js';
import { displayWidth, table } from './width.js';
import { stylish } from './stylish.js';

const METHOD_LABEL: Record<IndicatorResult['method'], string> = {
  positive: '正向', negative: '反向', equal: '等值', qualitative: '定性', 'not-applicable': '不适用',
};

/** Shortens long prose (goals, sentence targets) to fit a terminal column. */
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

export const scoreTable: Reporter = (evals, ctx) => evals.map((ev) => render(ev, ctx.color) + stylish([ev], { ...ctx, summary: false })).join('\n');

function render(ev: Evaluation, color: boolean): string {
  const r = ev.result;
  if (!r) return '';
  const c = new Chalk({ level: color ? 1 : 0 });
  const p = r.rules.places;
  const pts = (d: Decimal | undefined) => (d === undefined ? '—' : fixed(d, p));
  /** The computed value, and the stated one struck through beside it when they disagree. */
  const mark = (computed: string, check: Checked | { stated: string; agrees: boolean } | undefined) => {
    if (!check || check.agrees) return computed;
    const stated = printableLine(typeof check.stated === 'string' ? check.stated : check.stated.text);
    return `${c.bold(computed)} ${c.red(`✗ 表中 ${stated}`)}`;
  };
  const { form } = r;
  const lines: string[] = [];
  lines.push(c.bold(`${form.year}年度项目支出绩效自评表`) + c.dim(`  ${printable(ev.file)}`));
  lines.push(...table([
    ['项目支出名称', printableLine(form.project)],
    ['主管部门', `${printableLine(form.department)}    实施单位  ${printableLine(form.implementer)}`],
  ]));
  lines.push('');

  const fundsRows: string[][] = [[`项目资金（${r.funds.unit}）`, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']];
  for (const row of r.funds.rows) {
    const money = (d: Decimal | undefined) => (d === undefined ? '' : plain(d));
    const isTotal = row.key === 'total';
    const scored = isTotal || (row.key === 'appropriation' && row.present);
    const rate = row.computedRate === undefined ? '' : `${fixed(row.computedRate, r.rules.rate_places)}%`;
    fundsRows.push([
      `  ${row.label}`,
      money(row.initial), money(row.annual), money(row.executed),
      scored ? plain(r.funds.weight) : '',
      row.present || isTotal ? mark(rate, row.rateCheck) : '',
      isTotal ? mark(pts(r.funds.score), r.funds.scoreCheck) : '',
    ]);
  }
  lines.push(...table(fundsRows, [1, 2, 3, 4]));
  lines.push('');

  const indicatorRows: string[][] = [['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '计分']];
  let lastLevel1 = '';
  let lastLevel2 = '';
  for (const i of r.indicators) {
    const level1 = i.level1 === lastLevel1 ? '' : `${i.level1Label}（${plain(r.levelWeights[i.level1])}分）`;
    const level2 = i.level1 === lastLevel1 && i.level2 === lastLevel2 ? '' : i.level2Label;
    [lastLevel1, lastLevel2] = [i.level1, i.level2];
    const score = i.method === 'not-applicable' ? '/' : mark(pts(i.score), i.scoreCheck);
    indicatorRows.push([
      level1, level2, clip(i.name, 16), clip(i.target, 22), clip(i.actual, 16),
      i.method === 'not-applicable' ? '/' : plain(i.weight), score, METHOD_LABEL[i.method],
    ]);
  }
  lines.push(...table(indicatorRows, [5, 6]));
  lines.push('');
  const total = mark(fixed(r.total, p), r.totalCheck);
  const grade = mark(printableLine(r.grade), r.gradeCheck);
  const cap = r.cap ? c.yellow(`（执行率 ${fixed(r.funds.rate!, r.rules.rate_places)}%，总分封顶 ${plain(r.cap)}）`) : '';
  lines.push(`${c.bold('总分')}  ${plain(r.weightTotal)}  ${c.bold(total)}${cap}    ${c.bold('等级')}  ${grade}`);
  return `${lines.join('\n')}\n`;
}
