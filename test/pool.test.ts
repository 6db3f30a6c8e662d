// `check` over many forms reads them on worker threads (src/cli/pool.ts): for any number of cores and of forms
// it must finish, end every worker, and report exactly what one thread reports (FORMAT §6).
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { answer, type BatchRequest } from '../src/cli/batch.js';
import { BATCH, evaluateAll, MAX_WORKERS, MIN_PARALLEL, type Job, type WorkerLike } from '../src/cli/pool.js';
import { evaluate } from '../src/evaluate.js';
import { readSource, type Source } from '../src/load/source.js';
import type { Evaluation } from '../src/model/types.js';
import { jsonResult } from '../src/report/json-result.js';
import { generateForms, writeForms } from '../bench/generate.mjs';
import { evalform, evalformSync, type Run } from './cli/spawn.js';
import { formYaml } from './helpers.js';

// os.availableParallelism() as the pool sees it, set per test.
const cores = vi.hoisted(() => ({ n: 2 }));
vi.mock('node:os', async (importOriginal) => {
  const os = await importOriginal<typeof import('node:os')>();
  return { ...os, default: { ...os, availableParallelism: () => cores.n }, availableParallelism: () => cores.n };
});

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST_WORKER = path.join(ROOT, 'dist', 'bin', 'worker.js');
const built = existsSync(DIST_WORKER);
const dir = mkdtempSync(path.join(tmpdir(), 'evalform-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Forms of every outcome: one in ten is whole (clean, or with wrong numbers); the rest are quick to read
 * (broken YAML, schema faults, tags the loader refuses). Every one names evalform, so `check` takes each. */
const WHOLE = [
  formYaml(),
  formYaml({ total: '88', grade: '良' }),
  formYaml({ appropriation: { annual: '100', executed: '120', rate: '120%' } }),
];
const ODD = [
  `evalform: 1\nyear: 2022\nnote: !!merge <<\n`,
  `evalform: 1\nyear: 2022\nsigned: !!binary aGVsbG8=\n`,
  '%YAML 1.1\n---\nevalform: 1\nyear: 2022\ndate: 2023-05-22\n',
];
const QUICK = ['evalform: 1\nyear: [2022\n', 'evalform: 1\nyear: 二〇二二\n', 'evalform: 1\n', ...ODD];
const job = (i: number): Job => ({
  file: `form-${String(i).padStart(5, '0')}.yaml`,
  text: (i % 10 === 0 ? WHOLE[(i / 10) % WHOLE.length] : QUICK[i % QUICK.length]) as string,
});
const jobsOf = (n: number): Job[] => Array.from({ length: n }, (_, i) => job(i));

/** What one thread reports, computed once per job index. */
const alone: unknown[] = [];
function expected(n: number): unknown[] {
  for (let i = alone.length; i < n; i++) {
    const j = job(i);
    alone.push(evaluate(j.text, j.file));
  }
  return alone.slice(0, n);
}

/** A worker on this thread: answers with worker.ts's own code, after a seeded delay so that replies arrive out
 * of order, and passes every message through structuredClone as a thread boundary does. */
class FakeWorker extends EventEmitter implements WorkerLike {
  ended = false;
  batches = 0;
  constructor(
    private readonly delay: () => number,
    private readonly read: (text: string) => Source = readSource,
  ) {
    super();
  }

  postMessage(request: BatchRequest): void {
    if (this.ended) throw new Error('message to an ended worker');
    this.batches++;
    const copy = structuredClone(request);
    setTimeout(() => {
      if (!this.ended) answer(copy, (reply) => this.emit('message', structuredClone(reply)), this.read);
    }, this.delay());
  }

  terminate(): Promise<number> {
    this.ended = true;
    setImmediate(() => this.emit('exit', 1));
    return Promise.resolve(1);
  }
}

function fakes(seed = 1, read?: (text: string) => Source) {
  let s = seed;
  const delay = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % 3;
  };
  const spawned: FakeWorker[] = [];
  return {
    spawned,
    spawn: () => {
      const w = new FakeWorker(delay, read);
      spawned.push(w);
      return w;
    },
  };
}

const batchesOf = (n: number) => Math.ceil(n / BATCH);

describe('the pool for any number of cores and forms', () => {
  const THREADS = [1, 2, 3, 4, 6, 8, 16, 64];
  // Around every batch boundary from MIN_PARALLEL up; more below for the counts where batches meet threads.
  const COUNTS = [199, 200, 201, 219, 220, 221, 239, 240, 241, 259, 260, 261, 279, 280, 281, 319, 320, 321];
  const LARGE: Record<number, number[]> = { 16: [639, 640, 641], 64: [1279, 1280, 1281, 2559, 2560, 2561] };
  const cases = THREADS.flatMap((t) => [...COUNTS, ...(LARGE[t] ?? [])].map((n) => [t, n] as const));

  it.each(cases)('%i cores, %i forms: finishes, ends every worker, same report as one thread', async (threads, n) => {
    const { spawned, spawn } = fakes(threads * 7919 + n);
    // No cap here, so that 64 workers are really started: the cap is tested below.
    const evals = await evaluateAll(jobsOf(n), { threads, spawn, maxWorkers: Infinity });
    expect(evals).toEqual(expected(n));
    const parallel = threads >= 2 && n >= MIN_PARALLEL;
    expect(spawned).toHaveLength(parallel ? Math.min(threads, batchesOf(n)) : 0);
    expect(spawned.every((w) => w.ended && w.batches > 0)).toBe(true);
    expect(spawned.reduce((sum, w) => sum + w.batches, 0)).toBe(parallel ? batchesOf(n) : 0);
  });

  describe('with os.availableParallelism() faked', () => {
    beforeEach(() => {
      cores.n = 2;
    });

    it.each([1, 2, 6, 16, 64])('%i cores by default: one worker per core up to the batches, at most MAX_WORKERS', async (n) => {
      cores.n = n;
      const { spawned, spawn } = fakes(n);
      const evals = await evaluateAll(jobsOf(241), { spawn });
      expect(evals).toEqual(expected(241));
      expect(spawned).toHaveLength(n < 2 ? 0 : Math.min(n, batchesOf(241), MAX_WORKERS));
      expect(spawned.every((w) => w.ended)).toBe(true);
    });
  });

  it('keeps of each evaluation what `keep` returns, on this thread and from the workers alike', async () => {
    const keep = (ev: Evaluation): Evaluation => ({ file: ev.file, findings: ev.findings });
    const compact = (expected(260) as (Evaluation | undefined)[]).map((ev) => ev && keep(ev));
    for (const threads of [1, 3]) {
      const { spawn } = fakes(threads);
      expect(await evaluateAll(jobsOf(260), { threads, spawn, keep }), `${threads} threads`).toEqual(compact);
    }
  });

  it('takes a thread count that is not a number as one thread', async () => {
    for (const threads of [Number.NaN, 0, -3, 1.9]) {
      const { spawned, spawn } = fakes();
      expect(await evaluateAll(jobsOf(201), { threads, spawn })).toEqual(expected(201));
      expect(spawned).toHaveLength(0);
    }
  });

  it('rejects, and ends every worker, when a worker fails or stops', async () => {
    for (const failure of ['error', 'error-object', 'exit', 'messageerror'] as const) {
      const spawned: FakeWorker[] = [];
      const spawn = () => {
        const w = new FakeWorker(() => 0);
        if (spawned.length === 2) {
          w.postMessage = () => {
            setTimeout(() => {
              if (failure === 'exit') w.emit('exit', 1);
              else if (failure === 'error-object') w.emit('error', { reason: 'not an Error' });
              else w.emit(failure, new Error(`worker ${failure}`));
            }, 1);
          };
        }
        spawned.push(w);
        return w;
      };
      const run = evaluateAll(jobsOf(400), { threads: 4, spawn });
      await expect(run, failure).rejects.toThrow(
        failure === 'exit' ? /退出/ : failure === 'error-object' ? /not an Error/ : `worker ${failure}`,
      );
      expect(
        spawned.filter((w) => w !== spawned[2]).every((w) => w.ended),
        failure,
      ).toBe(true);
    }
  });

  it('reads on this thread a form whose Source cannot cross the thread boundary (the rest of its batch still comes back)', async () => {
    const poisoned = WHOLE[0] as string;
    // A Source holding a Symbol, as the loader once made of `!!merge <<`: structuredClone refuses it.
    const read = (text: string): Source => (text === poisoned ? { ...readSource(text), data: Symbol('<<') } : readSource(text));
    const { spawned, spawn } = fakes(3, read);
    const evals = await evaluateAll(jobsOf(260), { threads: 4, spawn });
    expect(evals).toEqual(expected(260));
    expect(spawned.every((w) => w.ended)).toBe(true);
  });
});

describe('real worker threads', () => {
  const spawn = () => new Worker(pathToFileURL(DIST_WORKER));

  it.skipIf(!built).each([2, 3])('%i threads around the batch boundaries give what one thread gives', async (threads) => {
    for (const n of threads === 2 ? [200, 241] : [221]) {
      expect(await evaluateAll(jobsOf(n), { threads, spawn })).toEqual(expected(n));
    }
  });

  it.skipIf(!built)('a form with a tag the loader refuses reads the same alone and among 260 others, at any thread count', async () => {
    const single = ODD.map((text) => evaluate(text, 'odd.yaml'));
    for (const ev of single) expect(ev.findings.map((f) => f.code)).toEqual(['schema']);
    for (const threads of [1, 3]) {
      const jobs = jobsOf(261);
      // At the start, the middle and the end of a batch.
      const at = [0, 130, 259];
      at.forEach((i, k) => {
        jobs[i] = { file: 'odd.yaml', text: ODD[k] as string };
      });
      const evals = await evaluateAll(jobs, { threads, spawn });
      expect(
        at.map((i) => evals[i]),
        `${threads} threads`,
      ).toEqual(single);
    }
  });
});

describe('the binary over enough forms to use worker threads', () => {
  /** The binary with os.availableParallelism() returning `n`: a preload module replaces it before evalform loads. */
  function preload(n: number): string {
    const file = path.join(dir, `cores-${n}.mjs`);
    writeFileSync(
      file,
      `import os from 'node:os';\nimport { syncBuiltinESMExports } from 'node:module';\nos.availableParallelism = () => ${n};\nsyncBuiltinESMExports();\n`,
    );
    return file;
  }

  function check(cwd: string, cores?: number): Promise<Run> {
    return evalform(['check', '.', '--format', 'json'], {
      cwd,
      node: cores === undefined ? [] : ['--import', pathToFileURL(preload(cores)).href],
    });
  }

  it.skipIf(!built)('reports exactly what a single thread reports', () => {
    const forms = generateForms(260, 7);
    const folder = path.join(dir, 'generated');
    writeForms(folder, forms);
    const out = evalformSync(['check', '.', '--format', 'json'], { cwd: folder });
    expect(out.signal).toBeNull();
    const report = JSON.parse(out.stdout) as unknown[];
    const files = forms.map((f) => path.join(folder, f.path)).sort();
    expect(report).toHaveLength(260);
    expect(report).toEqual(files.map((file) => jsonResult(evaluate(readFileSync(file, 'utf8'), file), folder)));
  });

  // Each worker used to ask for two batches at the start: past 10 cores' worth of batches some got none,
  // never answered, and `check` never ended (6 cores and 200 forms were enough).
  it.skipIf(!built).each([
    [6, 200],
    [16, 221],
    [64, 241],
  ])(
    'finishes with %i cores and %i forms, with the one-thread report',
    async (n, count) => {
      const folder = path.join(dir, `cores-${n}-${count}`);
      mkdirSync(folder);
      for (let i = 0; i < count; i++) {
        const j = job(i);
        writeFileSync(path.join(folder, j.file), j.text);
      }
      const [many, one] = await Promise.all([check(folder, n), check(folder, 1)]);
      // stdout is the JSON document; stderr only the summary line.
      expect(many.stderr).toMatch(new RegExp(`^已检查 ${count} 张表 · [^\n]*\n$`));
      expect(many.code).toBe(1);
      // Every file is a form (one that names evalform), so the pool is used.
      expect(JSON.parse(many.stdout)).toHaveLength(count);
      expect(many.stdout).toBe(one.stdout);
    },
    90_000,
  );
});
