// One view for three outputs: the terminal table (`score`), the .docx and the HTML page fill the same cells.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { tableView, type TableView } from '../src/render/view.js';
import { scoreTable } from '../src/report/table.js';
import { displayWidth } from '../src/report/width.js';
import type { Evaluation } from '../src/model/types.js';
import { formYaml, full, ROOT } from './helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

/** Every example and fixture that scores, and a few forms whose funds rows differ from the seed's. */
function scoredForms(): [string, Evaluation][] {
  const files = [...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'test', 'fixtures'))];
  const fromFiles = files.map((f): [string, Evaluation] => [path.relative(ROOT, f), evaluate(readFileSync(f, 'utf8'), f)]);
  const made: [string, string][] = [
    ['only 上年结转资金', formYaml({ carryover: { annual: '100', executed: '80' } })],
    ['only 年度资金总额', formYaml({ fundsTotal: { initial: '80', annual: '100', executed: '95' } })],
    ['财政拨款 and 其他资金', formYaml({ appropriation: { annual: '100', executed: '95' }, other: { annual: '50', executed: '10' } })],
    ['no budget', formYaml({ appropriation: { executed: '5' } })],
    [
      'an unscored qualitative indicator',
      formYaml({
        indicators: [{ target: '完成', actual: '完成', weight: '50' }, full('outcome/social', 30), full('satisfaction/beneficiary', 10)],
      }),
    ],
  ];
  const fromYaml = made.map(([name, yaml]): [string, Evaluation] => [name, evaluate(yaml, `${name}.yaml`)]);
  return [...fromFiles, ...fromYaml].filter(([, ev]) => ev.result !== undefined);
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** The runs of a line separated by two or more spaces, with their display columns. */
function tokens(line: string): Token[] {
  const out: Token[] = [];
  for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
    const start = displayWidth(line.slice(0, m.index));
    out.push({ text: m[0], start, end: start + displayWidth(m[0]) });
  }
  return out;
}

/** The cells of a row under a header: a right-aligned column's cell ends where its heading ends, a left-aligned one
 * starts where its heading starts. A run that lines up with no column fails the test. */
function cells(header: string, row: string, columns: { name: string; right: boolean }[], skipFirst: boolean): Map<string, string> {
  const heads = tokens(header);
  const at = new Map<string, Token>();
  for (const c of columns) {
    const h = heads.find((t) => t.text === c.name);
    if (!h) throw new Error(`no heading ${c.name} in ${JSON.stringify(header)}`);
    at.set(c.name, h);
  }
  const out = new Map<string, string>();
  const runs = tokens(row);
  for (const [i, t] of runs.entries()) {
    if (skipFirst && i === 0) continue;
    const col = columns.find((c) => (c.right ? at.get(c.name)!.end === t.end : at.get(c.name)!.start === t.start));
    if (!col) throw new Error(`${JSON.stringify(t.text)} lines up with no column in\n${header}\n${row}`);
    out.set(col.name, t.text);
  }
  return out;
}

/** The computed value of a cell: a stated value marked beside it (✗ 表中 …) is not the cell's content. */
const computed = (cell: string | undefined): string => (cell ?? '').replace(/\s*✗ 表中 .*$/, '');

// The headings follow the layout (FORMAT.md §7): 调整后预算数, the split columns and 评分标准 in sichuan and yunnan.
const fundsColumns = (v: TableView) => [
  { name: '年初预算数', right: true },
  { name: v.columns.annualLabel, right: true },
  { name: '全年执行数', right: true },
  { name: '分值', right: true },
  { name: '执行率', right: false },
  { name: '得分', right: false },
];
const indicatorColumns = (v: TableView) => [
  { name: '一级指标', right: false },
  { name: '二级指标', right: false },
  { name: '三级指标', right: false },
  ...(v.columns.split
    ? [
        { name: '指标性质', right: false },
        { name: '指标值', right: false },
        { name: '度量单位', right: false },
      ]
    : [{ name: '年度指标值', right: false }]),
  { name: '实际完成值', right: false },
  { name: '分值', right: true },
  { name: '得分', right: true },
  ...(v.columns.method ? [{ name: '评分标准', right: false }] : []),
  { name: '计分', right: false },
];

function terminal(ev: Evaluation): string[] {
  return scoreTable([{ ...ev, findings: [] }], { cwd: ROOT, version: '1' }).split('\n');
}

describe('the terminal table fills the same cells as the view the .docx and HTML are drawn from', () => {
  const forms = scoredForms();

  it('reads enough forms to mean something', () => {
    expect(forms.length).toBeGreaterThan(20);
    expect(forms.map(([name]) => name)).toEqual(
      expect.arrayContaining(['examples/hunan-2022-business.yaml', 'examples/quantitative.yaml']),
    );
  });

  for (const [name, ev] of forms) {
    it(name, () => {
      const v: TableView = tableView(ev.result!);
      const FUNDS = fundsColumns(v);
      const INDICATORS = indicatorColumns(v);
      const lines = terminal(ev);
      expect(lines[0]!.startsWith(v.title)).toBe(true);

      const fundsHead = lines.findIndex((l) => l.startsWith(`项目资金（${v.fundsUnit}）`));
      expect(fundsHead).toBeGreaterThan(0);
      v.funds.forEach((row, i) => {
        const line = lines[fundsHead + 1 + i]!;
        expect(line.trim().startsWith(row.label), line).toBe(true);
        const got = cells(lines[fundsHead]!, line, FUNDS, true);
        const want = [row.initial, row.annual, row.executed, row.weight, row.rate, row.score];
        expect(
          FUNDS.map((c) => computed(got.get(c.name))),
          `${row.label}: ${line}`,
        ).toEqual(want);
      });

      const indHead = lines.findIndex((l) => l.startsWith('一级指标'));
      expect(indHead).toBeGreaterThan(fundsHead);
      // 其中 rows (parts) print as lines of their own under their indicator.
      let parts = 0;
      v.indicators.forEach((row, i) => {
        const line = lines[indHead + 1 + i + parts]!;
        parts += row.parts.length;
        const got = cells(lines[indHead]!, line, INDICATORS, false);
        expect([computed(got.get('分值')), computed(got.get('得分'))], line).toEqual([row.weight, row.score]);
        // The 一级 cell is filled on the first row of its group only, as the merged cell of the paper.
        expect(line.startsWith(' '), line).toBe(row.level1 === undefined);
        if (row.level1) expect(line.startsWith(`${row.level1.label}${row.level1.points}`), line).toBe(true);
      });
      expect(lines[indHead + 1 + v.indicators.length + parts]).toBe('');

      const total = lines.find((l) => l.startsWith('总分'))!;
      expect(total.replace(/\s*✗ 表中 \S+/g, '')).toMatch(
        new RegExp(`^总分 +${v.total.weight} +${v.total.score.replace('.', '\\.')}(?:（.*）)? +等级 +${v.total.grade}$`),
      );
    });
  }
});
