// `check` over many forms reads them on worker threads (src/cli/pool.ts): the report must be exactly what
// one thread gives.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { jsonResult } from '../src/report/json-result.js';
import { generateForms, writeForms } from '../bench/generate.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'evalform.js');
const dir = mkdtempSync(path.join(tmpdir(), 'evalform-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check over enough forms to use worker threads', () => {
  it.skipIf(!existsSync(path.join(ROOT, 'dist', 'bin', 'worker.js')))('reports exactly what a single thread reports', () => {
    const forms = generateForms(260, 7);
    writeForms(dir, forms);
    const run = () => {
      try {
        return execFileSync(process.execPath, [BIN, 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } });
      } catch (e) {
        return (e as { stdout: string }).stdout;
      }
    };
    const report = JSON.parse(run()) as unknown[];
    const files = forms.map((f) => path.join(dir, f.path)).sort();
    const expected = files.map((file) => jsonResult(evaluate(readFileSync(file, 'utf8'), file), dir));
    expect(report).toHaveLength(260);
    expect(report).toEqual(expected);
  });
});
