// `evalform summary --html` in a real headless Chromium: the page loads, its script runs (sorting by the address's
// #sort=), and every number in the DOM is the one `score --format json` gives for the same forms — for the
// examples and for a generated folder of 200 forms. Skipped, with the reason, where Chromium is not installed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateForms, writeForms } from '../bench/generate.mjs';
import type { JsonResult } from '../src/report/json-result.js';
import { HAND_CHECKED_EXAMPLES, ROOT } from './helpers.js';
import { runMain } from './cli/in-process.js';

const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome'].find(
  (cmd) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0,
);
const why = CHROMIUM ? '' : ' (skipped: Chromium is not installed; apt-get install chromium)';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--hide-scrollbars'];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'evalform-summary-'));
  dirs.push(dir);
  return dir;
}

/** The DOM after the page's scripts ran. */
function dumpDom(url: string): string {
  const r = spawnSync(CHROMIUM!, [...FLAGS, '--dump-dom', url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 90_000 });
  if (r.status !== 0) throw new Error(`chromium failed: ${r.stderr}`);
  return r.stdout;
}

interface DomRow {
  file: string;
  cells: Record<string, string>;
}

/** The rows of the forms table, each cell's text by its data-key, in the order the DOM has them. */
function formRows(dom: string): DomRow[] {
  const table = dom.slice(dom.indexOf('<table class="data" id="forms">'));
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr[^>]*data-file="([^"]*)"[^>]*>(.*?)<\/tr>/gs)].map((m) => ({
    file: m[1]!.replaceAll('&amp;', '&'),
    cells: Object.fromEntries([...m[2]!.matchAll(/<td[^>]*data-key="([a-z]+)"[^>]*>(.*?)<\/td>/gs)].map((c) => [c[1]!, c[2]!])),
  }));
}

const number = (text: string | undefined): number | null => (text === undefined || text === '—' ? null : Number(text.replace(/%$/, '')));

/** Each form's total, 执行率 and grade in the DOM agree with score --format json's. */
function expectAgrees(rows: DomRow[], json: JsonResult[]): void {
  expect(rows).toHaveLength(json.length);
  const byFile = new Map(rows.map((r) => [r.file, r]));
  for (const form of json) {
    const row = byFile.get(form.file);
    expect(row, form.file).toBeDefined();
    expect(number(row!.cells.score), form.file).toBe(form.total);
    expect(number(row!.cells.rate), form.file).toBe(form.funds?.rate ?? null);
    expect(row!.cells.grade, form.file).toBe(form.grade ?? '—');
    expect(Number(row!.cells.problems), form.file).toBe(form.findings.length);
  }
}

async function scoreJson(cwd: string, files: string[]): Promise<JsonResult[]> {
  const r = await runMain(['score', '--format', 'json', ...files], { cwd });
  const parsed = JSON.parse(r.stdout) as JsonResult | JsonResult[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

describe(`summary --html in headless Chromium${why}`, () => {
  it.skipIf(!CHROMIUM)(
    'the examples: the numbers in the DOM are score --format json’s, #sort=score-desc sorts, the rendered table is linked',
    async () => {
      const cwd = tempDir();
      mkdirSync(path.join(cwd, 'forms'));
      for (const name of HAND_CHECKED_EXAMPLES) copyFileSync(path.join(ROOT, 'examples', name), path.join(cwd, 'forms', name));
      expect((await runMain(['render', 'forms/quantitative.yaml', '--html'], { cwd })).code).toBe(0);
      const run = await runMain(['summary', 'forms', '--html', '-o', 'summary.html'], { cwd });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`已写入 summary.html（${HAND_CHECKED_EXAMPLES.length} 张表）`);

      const dom = dumpDom(`${pathToFileURL(path.join(cwd, 'summary.html')).href}#sort=score-desc`);
      const rows = formRows(dom);
      expectAgrees(
        rows,
        await scoreJson(
          cwd,
          HAND_CHECKED_EXAMPLES.map((n) => `forms/${n}`),
        ),
      );
      // The script ran: sorted by 自评得分, highest first, and the header says so.
      const scores = rows.map((r) => Number(r.cells.score));
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(rows[0]!.file).toBe('forms/hunan-2022-operations.yaml');
      expect(dom).toMatch(/<th data-sort="score" data-type="num" scope="col" aria-sort="descending">/);
      // The totals: 5 forms, 5056.98 budgeted, 4326 spent (the examples by hand), 85.55%.
      expect(dom).toMatch(/data-key="forms"><dt>表数<\/dt><dd>5<\/dd>/);
      expect(dom).toMatch(/data-key="budget"><dt>[^<]*<\/dt><dd>5056\.98<\/dd>/);
      expect(dom).toMatch(/data-key="executed"><dt>[^<]*<\/dt><dd>4326\.00<\/dd>/);
      expect(dom).toMatch(/data-key="rate"><dt>[^<]*<\/dt><dd>85\.55%<\/dd>/);
      // The rendered table beside quantitative.yaml is linked, relative to the page.
      const linked = rows.find((r) => r.file === 'forms/quantitative.yaml')!;
      expect(linked.cells.project).toMatch(/^<a href="forms\/quantitative\.html">农村公路日常养护及危桥改造<\/a>/);
      expect(rows.filter((r) => r.cells.project!.includes('<a '))).toHaveLength(1);

      // A screenshot, to look at (docs/img/summary.png is one).
      const png = path.join(cwd, 'summary.png');
      const shot = spawnSync(CHROMIUM!, [...FLAGS, '--window-size=1280,2000', `--screenshot=${png}`, path.join(cwd, 'summary.html')], {
        timeout: 90_000,
      });
      expect(shot.status).toBe(0);
      expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(statSync(png).size).toBeGreaterThan(50_000);
    },
    180_000,
  );

  it.skipIf(!CHROMIUM)(
    'a generated folder of 200 forms: every row and the totals agree with score --format json',
    async () => {
      const cwd = tempDir();
      const forms = generateForms(200, 11);
      writeForms(path.join(cwd, 'forms'), forms);
      const run = await runMain(['summary', 'forms', '--html'], { cwd });
      expect(run.stdout).toContain('已写入 summary.html（200 张表）');
      expect(existsSync(path.join(cwd, 'summary.html'))).toBe(true);

      const dom = dumpDom(pathToFileURL(path.join(cwd, 'summary.html')).href);
      const json = await scoreJson(
        cwd,
        forms.map((f) => `forms/${f.path}`),
      );
      expectAgrees(formRows(dom), json);
      const errors = json.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'error').length, 0);
      const warnings = json.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'warning').length, 0);
      expect(dom).toMatch(/data-key="forms"><dt>表数<\/dt><dd>200<\/dd>/);
      expect(dom).toMatch(new RegExp(`data-key="errors"><dt>错误</dt><dd>${errors}</dd>`));
      expect(dom).toMatch(new RegExp(`data-key="warnings"><dt>警告</dt><dd>${warnings}</dd>`));
      // One point per scored form with a rate, one grade bar count per grade, adding up to the scored forms.
      const scored = json.filter((f) => f.total !== null);
      expect(dom.match(/<circle /g)).toHaveLength(scored.filter((f) => f.funds?.rate !== null).length);
      const bars = [...dom.matchAll(/class="bar" data-grade="[^"]*" data-count="(\d+)"/g)].map((m) => Number(m[1]));
      expect(bars.reduce((a, b) => a + b, 0)).toBe(scored.length);
    },
    240_000,
  );
});
