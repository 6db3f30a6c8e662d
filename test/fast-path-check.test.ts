// `check` in bounded memory (src/cli/stream.ts): read in slices, forms whose bytes discovery did not keep read
// again, of each evaluation only what the reporter prints kept (src/cli/kept.ts), and counts that equal countAll
// over the whole evaluations, whatever the slice.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateForms, writeForms } from '../bench/generate.mjs';
import { ConfigError, ConfigResolver } from '../src/cli/common.js';
import { discover } from '../src/cli/discover.js';
import { errorsOnly, type KeepSpec, type Kept } from '../src/cli/kept.js';
import { evaluateFound, keepFound } from '../src/cli/stream.js';
import { loadFormByForm, REPORTER_NAMES } from '../src/report/index.js';
import { junitPart } from '../src/report/junit.js';
import { threadsFromEnv } from '../src/cli/pool.js';
import { countAll } from '../src/report/summary.js';
import { ROOT } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'evalform-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Generated forms of every outcome, a file that is not a form, one that is not UTF-8, and a folder whose config
// sets its own grades (so the grade distribution has names in a different order).
writeForms(dir, generateForms(60, 11));
writeFileSync(path.join(dir, 'notes.yaml'), 'title: not a form\n');
copyFileSync(path.join(ROOT, 'test/fixtures/bad/gbk.yaml'), path.join(dir, 'dept-01', 'gbk.yaml'));
writeFileSync(
  path.join(dir, 'dept-02', 'evalform.config.yaml'),
  'grades:\n  - { grade: 甲, min: 90 }\n  - { grade: 乙, min: 60 }\n  - { grade: 丙, min: 0 }\n',
);

async function found(dropBytes = false) {
  const { found } = await discover([dir], dir);
  if (dropBytes) for (const f of found.filter((_, i) => i % 2 === 0)) f.bytes = undefined;
  return found;
}

const spec = (format: string, quiet = false): KeepSpec => ({ format, quiet, cwd: dir, lang: 'zh', color: false });

describe('check in slices', () => {
  it('gives, for every slice size and whether or not the bytes were kept, the evaluations of one pass', async () => {
    const whole = await evaluateFound(await found(), new ConfigResolver(), { slice: Number.POSITIVE_INFINITY });
    expect(whole.evals.length).toBe(61);
    expect(whole.evals.some((ev) => ev.result?.rules.grades[0]?.grade === '甲')).toBe(true);
    for (const slice of [1, 7, 25]) {
      for (const dropBytes of [false, true]) {
        const part = await evaluateFound(await found(dropBytes), new ConfigResolver(), { slice });
        expect(part.evals).toEqual(whole.evals);
        expect(part.isForm).toEqual(whole.isForm);
      }
    }
  });

  it('keeps of each form its findings, its grade and its report part, with the counts of the whole evaluations', async () => {
    const whole = await evaluateFound(await found(), new ConfigResolver());
    const counts = countAll(whole.evals);
    for (const format of REPORTER_NAMES) {
      for (const quiet of [false, true]) {
        const run = await keepFound(await found(true), new ConfigResolver(), spec(format, quiet), { slice: 9 });
        expect(run.isForm).toEqual(whole.isForm);
        expect(run.kept.map((k) => k.ev)).toEqual(whole.evals.map(({ result: _, ...rest }) => rest));
        expect([...run.counts.grades]).toEqual([...counts.grades]);
        expect(run.counts).toEqual(counts);
        const shown = quiet ? whole.evals.map(errorsOnly) : whole.evals;
        const parts = run.kept.map((k) => k.part);
        const byForm = await loadFormByForm(format);
        if (byForm) expect(parts).toEqual(shown.map((ev) => byForm.part(ev, { cwd: dir })));
        else if (format === 'junit') expect(parts).toEqual(shown.map((ev) => junitPart(ev, { cwd: dir })));
        else expect(parts.every((p) => p === undefined)).toBe(true);
      }
    }
    // A run where no form could be scored still shows the default grades, as countAll does.
    const broken = mkdtempSync(path.join(dir, 'broken-'));
    writeFileSync(path.join(broken, 'a.yaml'), 'evalform: 1\nyear: [2022\n');
    const none = await keepFound((await discover([broken], broken)).found, new ConfigResolver(), spec('stylish'));
    expect(none.counts).toEqual(countAll([{ file: 'a.yaml', findings: none.kept[0]?.ev.findings ?? [] }]));
  });

  it('gives each form to onKept as it comes and keeps none; a rules file that cannot be used stops the run first', async () => {
    const given: Kept[] = [];
    let slices = 0;
    const run = await keepFound(await found(), new ConfigResolver(), spec('stylish'), {
      slice: 7,
      onKept: (k) => given.push(k),
      afterSlice: async () => {
        slices++;
      },
    });
    expect(run.kept).toEqual([]);
    expect(given).toHaveLength(run.isForm.filter(Boolean).length);
    expect(given.length).toBeGreaterThanOrEqual(61);
    expect(slices).toBe(Math.ceil(run.isForm.length / 7));
    // A broken rules file in the last folder: nothing is given before the run stops.
    const broken = mkdtempSync(path.join(tmpdir(), 'evalform-stream-rules-'));
    writeForms(broken, generateForms(12, 3));
    mkdirSync(path.join(broken, 'zz'));
    writeFileSync(path.join(broken, 'zz', 'evalform.config.yaml'), 'grades: [\n');
    writeFileSync(path.join(broken, 'zz', 'late.yaml'), 'evalform: 1\n');
    const early: Kept[] = [];
    await expect(
      keepFound((await discover([broken], broken)).found, new ConfigResolver(), spec('json'), { slice: 1, onKept: (k) => early.push(k) }),
    ).rejects.toThrow(ConfigError);
    expect(early).toEqual([]);
    rmSync(broken, { recursive: true, force: true });
  });

  it('reads EVALFORM_THREADS as a whole number of threads, else leaves the default', () => {
    expect(threadsFromEnv({ EVALFORM_THREADS: '1' })).toBe(1);
    expect(threadsFromEnv({ EVALFORM_THREADS: ' 4 ' })).toBe(4);
    for (const v of [undefined, '', '0', '-2', '1.5', 'all']) expect(threadsFromEnv({ EVALFORM_THREADS: v })).toBeUndefined();
  });
});
