// `check` over many forms evaluates them on worker threads (src/cli/pool.ts): for any number of cores and of forms
// it must finish, end every worker, and keep exactly what one thread keeps (FORMAT §6).
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { answer, type BatchRequest } from '../src/cli/batch.js';
import { type KeepSpec, type Kept, keeper } from '../src/cli/kept.js';
import { BATCH, evaluateJob, type Job, MAX_WORKERS, PER_WORKER, Pool, type PoolOptions, type WorkerLike } from '../src/cli/pool.js';
import { evaluate } from '../src/evaluate.js';
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
const DIST_WORKER = path.join(ROOT, 'dist', 'bin', 'worker.cjs');
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
const job = (i: number): Job & { text: string } => ({
  file: `form-${String(i).padStart(5, '0')}.yaml`,
  text: (i % 10 === 0 ? WHOLE[(i / 10) % WHOLE.length] : QUICK[i % QUICK.length]) as string,
});
const jobsOf = (n: number): Job[] => Array.from({ length: n }, (_, i) => job(i));

const SPECS: KeepSpec[] = [
  { format: 'json', quiet: false, cwd: ROOT, lang: 'zh', color: false },
  { format: 'stylish', quiet: true, cwd: ROOT, lang: 'en', color: false },
  { format: 'junit', quiet: false, cwd: ROOT, lang: 'zh', color: false },
];
const JSON_SPEC = SPECS[0] as KeepSpec;

/** What one thread keeps, computed once per spec and job index. */
const alone = new Map<KeepSpec, (Kept | undefined)[]>();
async function expected(n: number, spec: KeepSpec = JSON_SPEC): Promise<(Kept | undefined)[]> {
  const keep = await keeper(spec);
  const done = alone.get(spec) ?? [];
  alone.set(spec, done);
  for (let i = done.length; i < n; i++) {
    const ev = evaluateJob(job(i));
    done.push(ev && keep(ev));
  }
  return done.slice(0, n);
}

/** A worker on this thread: answers with worker.ts's own code, after a seeded delay so that replies arrive out
 * of order, and passes every message through structuredClone as a thread boundary does. */
class FakeWorker extends EventEmitter implements WorkerLike {
  ended = false;
  batches = 0;
  constructor(private readonly delay: () => number) {
    super();
  }

  postMessage(request: BatchRequest): void {
    if (this.ended) throw new Error('message to an ended worker');
    this.batches++;
    const copy = structuredClone(request);
    setTimeout(() => {
      if (!this.ended) void answer(copy, (reply) => this.emit('message', structuredClone(reply)));
    }, this.delay());
  }

  terminate(): Promise<number> {
    this.ended = true;
    setImmediate(() => this.emit('exit', 1));
    return Promise.resolve(1);
  }
}

function fakes(seed = 1) {
  let s = seed;
  const delay = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % 3;
  };
  const spawned: FakeWorker[] = [];
  return {
    spawned,
    spawn: () => {
      const w = new FakeWorker(delay);
      spawned.push(w);
      return w;
    },
  };
}

const batchesOf = (n: number) => Math.ceil(n / BATCH);
/** Forms per thread in these tests (PER_WORKER in a real run, whose many forms would make them slow). */
const FEW = 100;

/** One run of the pool over `jobs`, closed at the end, as `check` uses it. */
async function keepAll(jobs: Job[], opts: PoolOptions, spec: KeepSpec = JSON_SPEC): Promise<(Kept | undefined)[]> {
  const pool = new Pool(jobs.length, { perWorker: FEW, ...opts });
  try {
    return await pool.keep(jobs, spec);
  } finally {
    await pool.close();
  }
}

describe('the pool for any number of cores and forms', () => {
  const THREADS = [1, 2, 3, 4, 6, 8, 16, 64];
  // Around the counts where a worker is added (every PER_WORKER forms) and every batch boundary near them.
  const COUNTS = [199, 200, 201, 219, 220, 221, 299, 300, 301, 399, 400, 401];
  const LARGE: Record<number, number[]> = { 16: [1599, 1600, 1601], 64: [2559, 2560, 2561] };
  const cases = THREADS.flatMap((t) => [...COUNTS, ...(LARGE[t] ?? [])].map((n) => [t, n] as const));

  it.each(cases)('%i cores, %i forms: finishes, ends every worker, keeps what one thread keeps', async (threads, n) => {
    const { spawned, spawn } = fakes(threads * 7919 + n);
    // No cap here, so that 64 workers are really started: the cap is tested below.
    expect(await keepAll(jobsOf(n), { threads, spawn, maxWorkers: Infinity })).toEqual(await expected(n));
    // This thread is one of the threads, and takes batches too.
    const workers = Math.min(threads, Math.floor(n / FEW)) - 1;
    const parallel = workers >= 1;
    expect(spawned).toHaveLength(parallel ? workers : 0);
    expect(spawned.every((w) => w.ended && w.batches > 0)).toBe(true);
    const sent = spawned.reduce((sum, w) => sum + w.batches, 0);
    expect(sent).toBeLessThanOrEqual(parallel ? batchesOf(n) : 0);
  });

  it.each(SPECS)('keeps for $format (quiet: $quiet, $lang) on the workers what one thread keeps', async (spec) => {
    const { spawn } = fakes(5);
    expect(await keepAll(jobsOf(321), { threads: 3, spawn }, spec)).toEqual(await expected(321, spec));
  });

  it('decodes a form given as bytes where it is evaluated, as the same text would read; bytes that are not text and only maybe a form are no form', async () => {
    const { spawn } = fakes(4);
    const texts = jobsOf(260);
    const bytes = texts.map((j): Job => ({ file: j.file, bytes: new TextEncoder().encode(j.text) }));
    bytes[5] = { file: 'gbk.yaml', bytes: Uint8Array.from([0x65, 0x76, 0x61, 0x6c, 0x3a, 0x20, 0xc4, 0xe3, 0x0a]), detect: 'named' };
    bytes[6] = { file: 'odd.yaml', bytes: Uint8Array.from([0x5c, 0xff, 0xfe, 0x00]), detect: 'maybe' };
    const kept = await keepAll(bytes, { threads: 2, spawn });
    const want = await expected(260);
    expect(kept.filter((_, i) => i !== 5 && i !== 6)).toEqual(want.filter((_, i) => i !== 5 && i !== 6));
    expect(kept[5]?.ev.findings.map((f) => f.code)).toEqual(['encoding']);
    expect(kept[6]).toBeUndefined();
  });

  it('answers calls made while earlier ones are in flight, each in its own order', async () => {
    const { spawned, spawn } = fakes(9);
    const jobs = jobsOf(1000);
    const pool = new Pool(jobs.length, { threads: 4, spawn, perWorker: FEW });
    const slices = [jobs.slice(0, 300), jobs.slice(300, 310), jobs.slice(310, 310), jobs.slice(310)];
    const results = await Promise.all(slices.map((slice) => pool.keep(slice, JSON_SPEC)));
    await pool.close();
    expect(results.flat()).toEqual(await expected(1000));
    expect(spawned).toHaveLength(3);
    expect(spawned.every((w) => w.ended)).toBe(true);
  });

  describe('with os.availableParallelism() faked', () => {
    beforeEach(() => {
      cores.n = 2;
    });

    it.each([1, 2, 6, 16, 64])(
      '%i cores by default: a thread per core and per perWorker forms, this one included, at most MAX_WORKERS workers',
      async (n) => {
        cores.n = n;
        const { spawned, spawn } = fakes(n);
        expect(await keepAll(jobsOf(2401), { spawn })).toEqual(await expected(2401));
        expect(spawned).toHaveLength(n < 2 ? 0 : Math.min(n, 24, MAX_WORKERS + 1) - 1);
        expect(spawned.every((w) => w.ended)).toBe(true);
      },
    );
  });

  it('takes a thread count that is not a number as one thread', async () => {
    for (const threads of [Number.NaN, 0, -3, 1.9]) {
      const { spawned, spawn } = fakes();
      expect(await keepAll(jobsOf(201), { threads, spawn })).toEqual(await expected(201));
      expect(spawned).toHaveLength(0);
    }
  });

  it('rejects, and ends every worker, when a worker fails or stops', async () => {
    for (const failure of ['error', 'error-object', 'exit', 'messageerror', 'bad-reply'] as const) {
      const spawned: FakeWorker[] = [];
      const spawn = () => {
        const w = new FakeWorker(() => 0);
        if (spawned.length === 2) {
          w.postMessage = (request) => {
            setTimeout(() => {
              if (failure === 'exit') w.emit('exit', 1);
              else if (failure === 'error-object') w.emit('error', { reason: 'not an Error' });
              else if (failure === 'bad-reply') w.emit('message', { id: request.id, kept: [] });
              else w.emit(failure, new Error(`worker ${failure}`));
            }, 1);
          };
        }
        spawned.push(w);
        return w;
      };
      const pool = new Pool(400, { threads: 4, spawn, perWorker: FEW });
      await expect(pool.keep(jobsOf(400), JSON_SPEC), failure).rejects.toThrow(
        failure === 'exit'
          ? /退出/
          : failure === 'error-object'
            ? /not an Error/
            : failure === 'bad-reply'
              ? /回复不对/
              : `worker ${failure}`,
      );
      expect(
        spawned.filter((w) => w !== spawned[2]).every((w) => w.ended),
        failure,
      ).toBe(true);
      // A pool that has failed refuses further work rather than report part of it.
      await expect(pool.keep(jobsOf(1), JSON_SPEC)).rejects.toThrow();
      await pool.close();
    }
  });
});

describe('real worker threads', () => {
  const spawn = () => new Worker(pathToFileURL(DIST_WORKER));

  it.skipIf(!built).each([2, 3])('%i threads keep what one thread keeps', async (threads) => {
    for (const n of threads === 2 ? [200, 241] : [321]) {
      for (const spec of SPECS) expect(await keepAll(jobsOf(n), { threads, spawn }, spec)).toEqual(await expected(n, spec));
    }
  });

  it.skipIf(!built)('a form with a tag the loader refuses reads the same alone and among 300 others, at any thread count', async () => {
    const single = ODD.map((text) => evaluate(text, 'odd.yaml'));
    for (const ev of single) expect(ev.findings.map((f) => f.code)).toEqual(['schema']);
    for (const threads of [1, 3]) {
      const jobs = jobsOf(301);
      // At the start, the middle and the end of a batch.
      const at = [0, 130, 259];
      at.forEach((i, k) => {
        jobs[i] = { file: 'odd.yaml', text: ODD[k] as string };
      });
      const kept = await keepAll(jobs, { threads, spawn }, { ...JSON_SPEC, format: 'stylish' });
      expect(
        at.map((i) => kept[i]?.ev),
        `${threads} threads`,
      ).toEqual(single.map(({ result: _, ...rest }) => rest));
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
    // Enough forms for a worker on two cores and more.
    const forms = generateForms(2 * PER_WORKER + 60, 7);
    const folder = path.join(dir, 'generated');
    writeForms(folder, forms);
    const out = evalformSync(['check', '.', '--format', 'json'], { cwd: folder });
    expect(out.signal).toBeNull();
    const report = JSON.parse(out.stdout) as unknown[];
    const files = forms.map((f) => path.join(folder, f.path)).sort();
    expect(report).toHaveLength(forms.length);
    expect(report).toEqual(files.map((file) => jsonResult(evaluate(readFileSync(file, 'utf8'), file), folder)));
  });

  // check prints as it goes: a reader that stops early must not turn a failing check into a pass.
  it.skipIf(!built || process.platform === 'win32')(
    'a reader that stops early (| head) leaves the exit code of the check: 1 for forms with errors',
    () => {
      const folder = path.join(dir, 'stops-early');
      writeForms(folder, generateForms(300, 5));
      const bin = path.join(ROOT, 'bin', 'evalform.js');
      const run = spawnSync('sh', ['-c', `{ "${process.execPath}" "${bin}" check .; echo "exit $?" >&2; } | head -c 100`], {
        cwd: folder,
        encoding: 'utf8',
      });
      expect(run.stdout).toMatch(/^dept-/);
      expect(run.stderr).toBe('exit 1\n');
    },
  );

  // Each worker used to ask for two batches at the start: past 10 cores' worth of batches some got none,
  // never answered, and `check` never ended (6 cores and 200 forms were enough). A thread per PER_WORKER forms:
  // 3 and 6 threads here, with this one.
  it.skipIf(!built).each([
    [3, 3 * PER_WORKER + 7],
    [64, 6 * PER_WORKER + 11],
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
