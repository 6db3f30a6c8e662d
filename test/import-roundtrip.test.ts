// Round trip: a form rendered with `render --docx` (or `--xlsx`) and read back with `import` scores identically — for every
// example, every test form that scores, and generated forms (a fast-check property over the oracle's generator).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { evaluate } from '../src/evaluate.js';
import { importDocument } from '../src/import/index.js';
import type { ScoreResult } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx.js';
import { renderXlsx } from '../src/render/xlsx.js';
import { parseQuantity } from '../src/score/quantity.js';
import { paperView, tableView } from '../src/render/view.js';
import { ROOT } from './helpers.js';
import { generate } from './oracle/generate.js';

/** What a form's scores are: every number the printed table and `score` show. */
function scores(r: ScoreResult) {
  return {
    funds: { weight: r.funds.weight.toString(), rate: r.funds.rateRounded?.toString(), score: r.funds.score.toString() },
    // A not-applicable row prints '/' for its weight: the points it wastes are not on paper.
    indicators: r.indicators.map((i) => ({
      path: i.path,
      method: i.method,
      weight: i.method === 'not-applicable' ? '/' : i.weight.toString(),
      score: i.score?.toString(),
    })),
    total: r.total.toString(),
    grade: r.grade,
  };
}

/** The form's `rules` are not on paper: they come back as the folder's config would give them. */
function withRules(imported: string, original: string): string {
  const rules = (parse(original) as { rules?: unknown }).rules;
  if (rules === undefined || /^rules:/m.test(imported)) return imported;
  return `${imported}\nrules: ${JSON.stringify(rules)}\n`;
}

async function roundTrip(yamls: { name: string; yaml: string }[]): Promise<void> {
  const results = yamls.map(({ name, yaml }) => {
    const ev = evaluate(yaml, name);
    if (!ev.result) throw new Error(`${name} does not score: ${ev.findings.map((f) => f.message).join('; ')}`);
    return ev.result;
  });
  const docx = await renderDocx(results.map(tableView));
  const imported = await importDocument(docx, 'docx');
  expect(imported.skipped).toEqual([]);
  // One Word table per printed page: a form is named by its first table, and its indicators by their own tables.
  const pages = results.map((r) => paperView(tableView(r)).sheets.length);
  const firsts = pages.map((_, i) => 1 + pages.slice(0, i).reduce((a, b) => a + b, 0));
  expect(imported.forms.map((f) => f.table)).toEqual(firsts.map((n) => `表${n}`));
  for (const [i, form] of imported.forms.entries()) {
    const tables = new Set(Object.values(form.places).map((p) => Number(/^表(\d+)/.exec(p)?.[1])));
    expect([...tables].sort((a, b) => a - b)).toEqual(Array.from({ length: pages[i]! }, (_, k) => firsts[i]! + k));
  }
  for (const [i, form] of imported.forms.entries()) {
    const ev = evaluate(withRules(form.yaml, yamls[i]!.yaml), `${yamls[i]!.name}.docx`);
    expect(ev.findings.filter((f) => f.code === 'schema')).toEqual([]);
    expect(ev.result, form.yaml).toBeDefined();
    expect(scores(ev.result!), yamls[i]!.name).toEqual(scores(results[i]!));
  }
}

/** The same through `render --xlsx`: one sheet a form, read back by the .xlsx reader; every cell a number where the
 * sheet stores one (rates as fractions under a % format), so this also checks that numbers come back exactly. */
async function sheetRoundTrip(yamls: { name: string; yaml: string }[]): Promise<void> {
  const results = yamls.map(({ name, yaml }) => {
    const ev = evaluate(yaml, name);
    if (!ev.result) throw new Error(`${name} does not score: ${ev.findings.map((f) => f.message).join('; ')}`);
    return ev.result;
  });
  const imported = await importDocument(renderXlsx(results.map(tableView)), 'xlsx');
  expect(imported.skipped).toEqual([]);
  expect(imported.forms).toHaveLength(results.length);
  for (const [i, form] of imported.forms.entries()) {
    const ev = evaluate(withRules(form.yaml, yamls[i]!.yaml), `${yamls[i]!.name}.xlsx`);
    expect(ev.findings.filter((f) => f.code === 'schema')).toEqual([]);
    expect(ev.result, form.yaml).toBeDefined();
    expect(scores(ev.result!), yamls[i]!.name).toEqual(scores(results[i]!));
  }
}

/** The form without what the paper cannot show: the table has no 评价档次 column, so a `rating` that makes a pair
 * of quantities (or dates) qualitative is not printed; such an indicator is left to its numbers. */
function onPaper(yaml: string): string {
  const form = parse(yaml) as { indicators?: Record<string, Record<string, { target?: unknown; rating?: unknown }[] | null> | null> };
  for (const group of Object.values(form.indicators ?? {})) {
    for (const list of Object.values(group ?? {})) {
      for (const ind of list ?? []) {
        const target = String(ind.target ?? '');
        if (ind.rating !== undefined && (parseQuantity(target) !== undefined || /[月年]|季度|底前/.test(target))) delete ind.rating;
      }
    }
  }
  return stringify(form);
}

const EXAMPLES = readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ name: f, yaml: readFileSync(path.join(ROOT, 'examples', f), 'utf8') }));

/** Every test form under test/fixtures that scores. */
function testForms(): { name: string; yaml: string }[] {
  const out: { name: string; yaml: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name) && !e.name.includes('config') && !e.name.endsWith('.expected.yaml')) {
        const yaml = readFileSync(full, 'utf8');
        if (evaluate(yaml, full).result) out.push({ name: path.relative(ROOT, full), yaml });
      }
    }
  };
  walk(path.join(ROOT, 'test/fixtures'));
  return out;
}

describe('render --docx → import', () => {
  it('gives back every example, scoring identically, one form per table', async () => {
    await roundTrip(EXAMPLES);
  });
  it('gives back every test form that scores', async () => {
    const forms = testForms();
    expect(forms.length).toBeGreaterThan(10);
    for (const f of forms) await roundTrip([f]);
  });
  it('gives back generated forms (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const yaml = onPaper(generate(seed).yaml);
        if (!evaluate(yaml, 'g.yaml').result) return;
        await roundTrip([{ name: `seed ${seed}`, yaml }]);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe('render --xlsx → import', () => {
  it('gives back every example, scoring identically, one form per sheet', async () => {
    await sheetRoundTrip(EXAMPLES);
  });
  it('gives back every test form that scores', async () => {
    for (const f of testForms()) await sheetRoundTrip([f]);
  });
  it('gives back generated forms (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const yaml = onPaper(generate(seed).yaml);
        if (!evaluate(yaml, 'g.yaml').result) return;
        await sheetRoundTrip([{ name: `seed ${seed}`, yaml }]);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
