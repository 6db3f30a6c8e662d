// `render --html`: one self-contained printable page from templates/table.hbs, or from the user's own template.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/io.js';
import { DEFAULT_TEMPLATE, runRender } from '../src/cli/render.js';
import { evaluate } from '../src/evaluate.js';
import { renderHtml } from '../src/render/html.js';
import { paperView, tableView } from '../src/render/view.js';
import { example, formYaml } from './helpers.js';
import { fakeIo } from './render-helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = readFileSync(DEFAULT_TEMPLATE, 'utf8');

function html(...names: string[]): string {
  const views = names.map((n) => {
    const ev = evaluate(example(n), n);
    if (!ev.result) throw new Error(`${n} was not scored`);
    return tableView(ev.result);
  });
  return renderHtml(views, TEMPLATE);
}

/** The cell texts of each <tr>, tags dropped, entities kept as written. */
function rows(page: string): string[][] {
  return [...page.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<br>/g, '\n')),
  );
}

describe('render --html with the default template', () => {
  const page = html('hunan-2022-business.yaml', 'hunan-2022-operations.yaml');

  it('ships the template with the package', () => {
    expect(DEFAULT_TEMPLATE).toBe(path.join(ROOT, 'templates', 'table.hbs'));
  });

  it('holds each form on its A4 sheets, the title on the first, every sheet and form on a new printed page', () => {
    expect(page.match(/<section class="form">/g)).toHaveLength(2);
    expect(page.match(/<h1>2022年度项目支出绩效自评表<\/h1>/g)).toHaveLength(2);
    const sheets = ['hunan-2022-business.yaml', 'hunan-2022-operations.yaml'].map(
      (n) => paperView(tableView(evaluate(example(n), n).result!)).sheets,
    );
    expect(page.match(/<div class="sheet" data-page="\d+ \/ \d+">/g)).toHaveLength(sheets.flat().length);
    expect(page).toContain('<div class="sheet" data-page="3 / 3">');
    expect(page).toMatch(/\.sheet \+ \.sheet, \.form \+ \.form \{ break-before: page; page-break-before: always; \}/);
    expect(page).toContain('@page { size: A4; margin: 62.35pt 51pt 56.7pt; }');
    // On screen each sheet is a page of A4, as tall as the paper.
    expect(page).toMatch(/\.sheet \{\s+width: 210mm; height: 297mm;/);
  });

  it('prints the computed values of both seed tables', () => {
    const r = rows(page);
    const funds = r.filter((c) => c[0] === '年度资金总额');
    expect(funds).toEqual([
      ['年度资金总额', '1234.22', '1983.98', '1472.51', '10', '74.22%', '7.42'],
      ['年度资金总额', '175.1', '288', '259.49', '10', '90.10%', '9.01'],
    ]);
    expect(r.filter((c) => c[0] === '总分')).toEqual([
      ['总分', '100', '97.42', '等级：优'],
      ['总分', '100', '99.01', '等级：优'],
    ]);
    expect(page).not.toContain('75.45%');
  });

  it('merges as the .docx does: 项目资金 over 5 rows, 年度总体目标 over 2, 绩效指标 and 一级 over their rows on each sheet', () => {
    expect(page).toContain('<th colspan="2" rowspan="5">项目资金<br>（万元）</th>');
    expect(page).toContain('<th colspan="2" rowspan="2">年度总体目标</th>');
    // The goals fill page 1; the nine indicators follow on the next sheets, the label again on each.
    const labels = [...page.matchAll(/<th rowspan="(\d+)">绩\n效\n指\n标<\/th>/g)].map((m) => Number(m[1]) - 1);
    expect(labels.reduce((a, b) => a + b, 0)).toBe(18);
    expect(page.match(/<td rowspan="4">产出指标\n\(50分\)<\/td>/g)).toHaveLength(2);
    expect(page.match(/<td rowspan="1">满意度\n指标\n\(10分\)<\/td>/g)).toHaveLength(2);
    for (const table of page.match(/<table>[\s\S]*?<\/table>/g)!) {
      expect(table.match(/<col style="width: [\d.]+%">/g)).toHaveLength(10);
      // Every row covers the ten grid columns, counting the cells merged down into it from above.
      let above: { cols: number; left: number }[] = [];
      for (const tr of table.match(/<tr[^>]*>[\s\S]*?<\/tr>/g)!) {
        const cells = [...tr.matchAll(/<t[hd]([^>]*)>/g)].map((m) => ({
          cols: Number(/colspan="(\d+)"/.exec(m[1]!)?.[1] ?? 1),
          rows: Number(/rowspan="(\d+)"/.exec(m[1]!)?.[1] ?? 1),
        }));
        const width = above.reduce((a, c) => a + c.cols, 0) + cells.reduce((a, c) => a + c.cols, 0);
        expect(width).toBe(10);
        above = [...above.map((c) => ({ ...c, left: c.left - 1 })), ...cells.map((c) => ({ cols: c.cols, left: c.rows - 1 }))].filter(
          (c) => c.left > 0,
        );
      }
      expect(above).toEqual([]);
    }
  });

  it('makes no external request: no links, scripts, images or remote URLs, and a CSP that forbids them', () => {
    expect(page).not.toMatch(/<(link|script|img|iframe)\b/i);
    expect(page).not.toMatch(/(src|href)=|url\(|@import|https?:\/\//i);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it('escapes all user text', () => {
    const yaml = formYaml().replace('project: 测试项目', 'project: "<script>alert(\'x\')</script> & <b>"');
    const ev = evaluate(yaml, 'x.yaml');
    const out = renderHtml([tableView(ev.result!)], TEMPLATE);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;');
  });
});

describe('render --html --template FILE', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'evalform-html-'));
    writeFileSync(path.join(dir, 'a.yaml'), example('hunan-2022-business.yaml'));
    writeFileSync(path.join(dir, 'b.yaml'), example('hunan-2022-operations.yaml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the user template with the same data', async () => {
    writeFileSync(
      path.join(dir, 'mine.hbs'),
      '{{title}}|{{#each forms}}{{project}}={{total.score}} {{funds.0.rate}} {{signoff.date}};{{/each}}',
    );
    const io = fakeIo(dir);
    await runRender(['a.yaml', 'b.yaml'], { template: 'mine.hbs', output: 'out.txt' }, io);
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe(
      '2022年度项目支出绩效自评表|业务工作经费=97.42 74.22% 2023年5月22日;运行维护经费=99.01 90.10% 2023年5月22日;',
    );
  });

  it('keeps escaping and prototype access off in user templates', () => {
    const out = renderHtml([], '{{title}}{{forms.constructor.name}}{{#with forms}}{{__proto__}}{{/with}}');
    expect(out).toBe('项目支出绩效自评表');
  });

  it('reports a template that does not compile as a usage error', async () => {
    writeFileSync(path.join(dir, 'bad.hbs'), '{{#each forms}}{{project}}');
    await expect(runRender(['a.yaml'], { html: true, template: 'bad.hbs', output: 'x.html' }, fakeIo(dir))).rejects.toThrow(UsageError);
    await expect(runRender(['a.yaml'], { html: true, template: 'bad.hbs', output: 'x.html' }, fakeIo(dir))).rejects.toThrow(
      /模板有误：bad\.hbs/,
    );
  });
});
