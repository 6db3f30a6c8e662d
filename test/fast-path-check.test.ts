// `check` in bounded memory (src/cli/stream.ts): read in slices, forms whose bytes discovery did not keep read
// again, evaluations kept only as far as the reporter prints them, and counts that equal countAll over the whole
// evaluations, whatever the slice.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateForms, writeForms } from '../bench/generate.mjs';
import { ConfigResolver } from '../src/cli/common.js';
import { discover } from '../src/cli/discover.js';
import { evaluateFound, FINDINGS_ONLY } from '../src/cli/stream.js';
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

async function run(format: string, slice?: number, dropBytes = false) {
  const { found } = await discover([dir], dir);
  if (dropBytes) for (const f of found.filter((_, i) => i % 2 === 0)) f.bytes = undefined;
  return evaluateFound(found, new ConfigResolver(), format, { slice });
}

describe('check in slices', () => {
  it('gives, for every slice size and whether or not the bytes were kept, the evaluations and counts of one pass', async () => {
    const whole = await run('json', Number.POSITIVE_INFINITY);
    expect(whole.evals.length).toBe(61);
    expect(whole.evals.some((ev) => ev.result?.rules.grades[0]?.grade === '甲')).toBe(true);
    expect(whole.counts).toEqual(countAll(whole.evals));
    for (const slice of [1, 7, 25]) {
      for (const dropBytes of [false, true]) {
        const part = await run('json', slice, dropBytes);
        expect(part.evals).toEqual(whole.evals);
        expect(part.isForm).toEqual(whole.isForm);
        expect([...part.counts.grades]).toEqual([...whole.counts.grades]);
        expect(part.counts).toEqual(whole.counts);
      }
    }
  });

  it('keeps only the findings for a reporter that prints nothing else, with the same counts', async () => {
    const whole = await run('json', Number.POSITIVE_INFINITY);
    for (const format of FINDINGS_ONLY) {
      const compact = await run(format, 9, true);
      expect(compact.evals.every((ev) => ev.result === undefined)).toBe(true);
      expect(compact.evals).toEqual(whole.evals.map(({ result: _, ...rest }) => rest));
      expect(compact.counts).toEqual(whole.counts);
    }
    // A run where no form could be scored still shows the default grades, as countAll does.
    const broken = mkdtempSync(path.join(dir, 'broken-'));
    writeFileSync(path.join(broken, 'a.yaml'), 'evalform: 1\nyear: [2022\n');
    const { found } = await discover([broken], broken);
    const none = await evaluateFound(found, new ConfigResolver(), 'stylish');
    expect(none.counts).toEqual(countAll([{ file: 'a.yaml', findings: none.evals[0]?.findings ?? [] }]));
  });

  it('reads EVALFORM_THREADS as a whole number of threads, else leaves the default', () => {
    expect(threadsFromEnv({ EVALFORM_THREADS: '1' })).toBe(1);
    expect(threadsFromEnv({ EVALFORM_THREADS: ' 4 ' })).toBe(4);
    for (const v of [undefined, '', '0', '-2', '1.5', 'all']) expect(threadsFromEnv({ EVALFORM_THREADS: v })).toBeUndefined();
  });
});
