// Reading Word files must not slow scoring YAML: the built command loads fflate, saxes and src/import only for a
// document. Traced with bench/trace-imports.mjs over the real binary, as bench/profile.mjs does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const TRACE = pathToFileURL(path.join(ROOT, 'bench', 'trace-imports.mjs')).href;
const tmp = mkdtempSync(path.join(tmpdir(), 'evalform-lazy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let runs = 0;

/** The text of every file of evalform's bundle that a command loaded. */
function loaded(args: string[]): string[] {
  // A file of its own per run: the tracer appends.
  const file = path.join(tmp, `${args[0]}-${++runs}.txt`);
  const r = spawnSync(process.execPath, ['--import', TRACE, path.join(ROOT, 'bin', 'evalform.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, BENCH_IMPORTS_FILE: file, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).not.toBe(2);
  // The bundle is CommonJS (`cjs PATH` lines); ESM lines (`esm URL`) would be a start that bypassed it.
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => (l.startsWith('cjs ') ? l.slice(4) : l.startsWith('esm file:') ? fileURLToPath(l.slice(4)) : ''))
    .filter((f) => f.includes(`${path.sep}dist${path.sep}bin${path.sep}`))
    .map((f) => readFileSync(f, 'utf8'));
}

const READERS = [/function unzipSync\b/, /\bSaxesParser\b/, /不是项目支出绩效自评表/];

describe('lazy loading of the document readers', () => {
  it('score of a YAML form loads neither fflate, saxes nor the recognizer; import of a .docx loads all three', () => {
    const score = loaded(['score', 'examples/hunan-2022-operations.yaml']);
    expect(score.length).toBeGreaterThan(0);
    for (const re of READERS) expect(score.filter((text) => re.test(text))).toEqual([]);
    const imported = loaded(['import', 'test/fixtures/import/central-messy.docx']);
    for (const re of READERS) expect(imported.some((text) => re.test(text))).toBe(true);
  });

  it('score and check printed to a pipe load no colour (chalk), which only a terminal needs', () => {
    for (const args of [
      ['score', 'examples/hunan-2022-operations.yaml'],
      ['check', 'examples'],
    ]) {
      const texts = loaded(args);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.filter((text) => /function assembleStyles\b/.test(text))).toEqual([]);
    }
  });
});
