// Printed on A4 through the real tools: the .docx through LibreOffice, the HTML page through Chromium's print to PDF.
// The PDF has the pages the plan (paperView) says, each page with the indicators the plan puts there, the column
// header on every page that holds indicators, every 二级 label whole on each page its rows are on, and the 总分 and
// signoff on the page of the last indicators. The HTML preview draws the same pages as sheets.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';
import { type PaperView, paperView, type TableView, tableView } from '../src/render/view.js';
import { DEFAULT_TEMPLATE } from '../src/cli/render.js';
import { example, formYaml, full } from './helpers.js';
import { docxToPdf, htmlToPdf, pdfInfo, pdfPageText, printTools } from './render-helpers.js';

function view(yaml: string, name: string): TableView {
  const ev = evaluate(yaml, name);
  if (!ev.result) throw new Error(`${name} was not scored`);
  return tableView(ev.result);
}

const LONG = '因汛期持续降雨，施工暂停，工期顺延；今后将把主体工程安排在汛前完成，并加强进度督查。';
/** One 二级 group longer than a page: 24 质量指标 with a long 偏差原因 each. */
const longGroup = formYaml({
  indicators: [
    ...Array.from({ length: 24 }, (_, k) => ({
      at: 'output/quality',
      name: `质量第${k + 1}项`,
      target: '达标',
      actual: '达标',
      weight: '2',
      score: '2',
      deviation: LONG,
    })),
    full('output/quantity', 2),
    full('outcome/social', 30),
    full('satisfaction/beneficiary', 10),
  ],
});

const CASES: [string, TableView[]][] = [
  ['farmland', [view(example('county-2023-farmland.yaml'), 'county-2023-farmland.yaml')]],
  ['sichuan', [view(example('sichuan-2022-public-health.yaml'), 'sichuan.yaml')]],
  ['yunnan', [view(example('yunnan-2023-rural-water.yaml'), 'yunnan.yaml')]],
  ['seeds', ['hunan-2022-business.yaml', 'hunan-2022-operations.yaml'].map((n) => view(example(n), n))],
  ['long-group', [view(longGroup, 'long.yaml')]],
];

/** Text without the spaces and line ends pdftotext puts between the pieces of a cell. */
const flat = (s: string): string => s.replace(/\s+/g, '');

/** What the plan puts on each printed page, across the forms of one document. */
function plannedPages(views: readonly TableView[]): { form: PaperView; sheet: PaperView['sheets'][number] }[] {
  return views.map(paperView).flatMap((form) => form.sheets.map((sheet) => ({ form, sheet })));
}

function checkPages(pdf: string, views: readonly TableView[]): void {
  const planned = plannedPages(views);
  const info = pdfInfo(pdf);
  expect(info.pages).toBe(planned.length);
  // A4: 595 × 842 points.
  const [w, h] = info.size.split(' x ').map((x) => Number.parseFloat(x));
  expect(Math.abs(w! - 595.3)).toBeLessThan(1);
  expect(Math.abs(h! - 841.9)).toBeLessThan(1);
  planned.forEach(({ form, sheet }, k) => {
    const page = pdfPageText(pdf, k + 1);
    const text = flat(page);
    const where = `${form.project} page ${k + 1}`;
    // The column header on every page that holds indicators (a first page the goals fill holds none).
    expect(text.includes('一级指标'), where).toBe(sheet.heading);
    expect(text.includes('项目支出名称'), where).toBe(true);
    for (const i of sheet.indicators) {
      // Each indicator on the page the plan gives it (its name's first characters: a cell's first line).
      expect(text, `${where}: ${i.name}`).toContain(flat(i.nameDisplay.split('\n')[0]!.slice(0, 3)));
      // Every 二级 label whole on each page its rows are on: each of its lines is there.
      for (const line of i.level2?.display.split('\n') ?? []) expect(page, `${where}: ${i.level2!.label}`).toContain(line);
    }
    // The 总分, 备注 and signoff on the last page, with table rows.
    expect(text.includes('总分'), where).toBe(sheet.last);
    if (sheet.last) {
      expect(text).toContain('填表人：');
      expect(sheet.indicators.length, where).toBeGreaterThan(0);
      for (const [label, value] of [
        ['单位负责人签字：', form.signoff.head],
        ['联系电话：', form.signoff.phone],
      ])
        expect(text, `${where}: the field is whole`).toContain(flat(`${label}${value}`));
    }
  });
}

const t = printTools();
const dir = mkdtempSync(path.join(tmpdir(), 'evalform-paper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the .docx printed by LibreOffice', () => {
  const why = !t.soffice
    ? ' (skipped: LibreOffice is not installed; .ci/run installs it)'
    : !t.poppler
      ? ' (skipped: poppler-utils is not installed)'
      : '';
  for (const [name, views] of CASES) {
    it.skipIf(why !== '')(
      `${name}: the planned pages, the column header on each, groups and labels whole, the signoff with the table${why}`,
      async () => {
        checkPages(docxToPdf(await renderDocx(views), dir, name), views);
      },
      240_000,
    );
  }
});

describe('the HTML page printed by Chromium', () => {
  const why = !t.chromium
    ? ' (skipped: Chromium is not installed; .ci/run installs it)'
    : !t.poppler
      ? ' (skipped: poppler-utils is not installed)'
      : '';
  const template = readFileSync(DEFAULT_TEMPLATE, 'utf8');
  for (const [name, views] of CASES) {
    it.skipIf(why !== '')(
      `${name}: as many printed pages as the preview draws sheets, and the same pages as the .docx${why}`,
      () => {
        const html = renderHtml(views, template);
        expect(html.match(/<div class="sheet"/g)).toHaveLength(plannedPages(views).length);
        checkPages(htmlToPdf(html, dir, name), views);
      },
      240_000,
    );
  }
});
