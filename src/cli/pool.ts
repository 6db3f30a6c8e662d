// Reads many forms on several cores: parsing the YAML is most of `check`'s work, and it is all CPU. Workers
// parse (their result, a Source, is plain data that crosses threads cheaply); this thread scores. The result
// never depends on the number of forms or of cores (FORMAT §6): a form reads the same on either side.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { evaluateSource } from '../evaluate.js';
import { readSource, type Source } from '../load/source.js';
import type { Evaluation } from '../model/types.js';
import type { RulesLayer } from '../score/rules.js';
import type { BatchReply, BatchRequest } from './batch.js';

export interface Job {
  file: string;
  text: string;
  config?: RulesLayer;
  /** For `check`, which recognises a form by what it parses to (FORMAT §6). `named`: the text names
   * evalform, so the file is a form unless it parses to something without an `evalform` key; `maybe`: it is
   * a form only if it parses to a mapping with an `evalform` key (the key may be spelt with escapes). */
  detect?: 'named' | 'maybe';
}

/** What a worker must offer: node's Worker does; the tests pass fakes. */
export interface WorkerLike {
  postMessage(request: BatchRequest): void;
  on(event: 'message', listener: (reply: BatchReply) => void): unknown;
  on(event: 'error' | 'messageerror', listener: (error: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<unknown>;
}

export interface PoolOptions {
  /** Cores to use; default `os.availableParallelism()`. */
  threads?: number;
  /** At most this many worker threads whatever the cores (default MAX_WORKERS). */
  maxWorkers?: number;
  /** Starts a worker (default: a thread running worker.js). */
  spawn?: () => WorkerLike;
  /** What to keep of each evaluation, as soon as it is made (`check` keeps over 100,000 forms only what its
   * reporter prints); default all of it. */
  keep?: (ev: Evaluation) => Evaluation;
}

/** Below this many forms a worker's start-up (~50 ms) costs more than it saves. */
export const MIN_PARALLEL = 200;
/** Forms per message: fewer messages, yet enough batches to share out. */
export const BATCH = 20;
/** This thread scores every form (about a third of the work per form), so past a handful of parsing workers
 * it is the bottleneck; each further thread only adds its start-up and some 10 MB of memory. */
export const MAX_WORKERS = 8;
// Built beside this module by scripts/bundle.mjs; absent when running from the TypeScript sources.
const WORKER = new URL('./worker.js', import.meta.url);

/** Evaluations in the order of the jobs: on this thread alone for a few forms, with workers for many.
 * `undefined` for a job with `detect` whose file turns out not to be a form. Rejects (and ends every worker)
 * when a worker fails. */
export async function evaluateAll(jobs: readonly Job[], opts: PoolOptions = {}): Promise<(Evaluation | undefined)[]> {
  const threads = Math.floor(opts.threads ?? threadsFromEnv() ?? availableParallelism());
  // Under --debug (source maps on) a worker's stack names src/ lines too.
  const workerOptions = process.sourceMapsEnabled ? { execArgv: [...process.execArgv, '--enable-source-maps'] } : {};
  const spawn = opts.spawn ?? (existsSync(WORKER) ? () => new Worker(WORKER, workerOptions) : undefined);
  const batchCount = Math.ceil(jobs.length / BATCH);
  const workers = Math.min(threads, batchCount, opts.maxWorkers ?? MAX_WORKERS);
  // `!(… >= 2)`: a count that is not a number (NaN) means one thread too, never a pool of no workers.
  const keep = opts.keep ?? ((ev: Evaluation) => ev);
  if (!(workers >= 2) || jobs.length < MIN_PARALLEL || !spawn) return jobs.map((job) => finish(job, readSource(job.text), keep));
  return runPool(jobs, batchCount, workers, spawn, keep);
}

/** EVALFORM_THREADS: the threads `check` may use (1: this thread alone), for measuring and for shared CI runners. */
export function threadsFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.EVALFORM_THREADS?.trim();
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** The rest of the work on this thread, once the text is read. */
function finish(job: Job, source: Source, keep: (ev: Evaluation) => Evaluation): Evaluation | undefined {
  if (job.detect && !isForm(source, job.detect)) return undefined;
  return keep(evaluateSource(source, job.file, { config: job.config }));
}

/** Whether a file `check` looked at is a form, from what it parses to. */
export function isForm(source: Source, detect: 'named' | 'maybe'): boolean {
  const data = source.data;
  const keyed = typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'evalform');
  // Text that names evalform but cannot be read at all is reported: it may well be a broken form.
  return keyed || (detect === 'named' && data === undefined);
}

function runPool(
  jobs: readonly Job[],
  batchCount: number,
  workerCount: number,
  spawn: () => WorkerLike,
  keep: (ev: Evaluation) => Evaluation,
): Promise<(Evaluation | undefined)[]> {
  const out = new Array<Evaluation | undefined>(jobs.length);
  const started: WorkerLike[] = [];
  let nextBatch = 0;
  let remaining = batchCount;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of started) void w.terminate().catch(() => undefined);
      reject(e instanceof Error ? e : new Error(`工作线程出错：${describe(e)}`));
    };

    const start = () => {
      const worker = spawn();
      started.push(worker);
      const inFlight = new Set<number>();
      let done = false;
      const send = () => {
        if (nextBatch >= batchCount) return;
        const id = nextBatch++;
        inFlight.add(id);
        const from = id * BATCH;
        worker.postMessage({ id, texts: jobs.slice(from, from + BATCH).map((job) => job.text) });
      };
      worker.on('message', (reply) => {
        if (settled) return;
        if (!inFlight.delete(reply.id) || !Array.isArray(reply.sources)) {
          fail(new Error(`工作线程的回复不对：第 ${String(reply.id)} 批`));
          return;
        }
        // Another batch first, so the worker reads while this thread scores.
        send();
        try {
          const from = reply.id * BATCH;
          const count = Math.min(BATCH, jobs.length - from);
          for (let k = 0; k < count; k++) {
            const job = jobs[from + k] as Job;
            // A Source that could not cross the thread boundary is read again here.
            out[from + k] = finish(job, reply.sources[k] ?? readSource(job.text), keep);
          }
        } catch (e) {
          fail(e);
          return;
        }
        remaining--;
        if (inFlight.size === 0) {
          done = true;
          void worker.terminate().catch(() => undefined);
        }
        if (remaining === 0) {
          settled = true;
          resolve(out);
        }
      });
      worker.on('error', fail);
      worker.on('messageerror', fail);
      worker.on('exit', (code) => {
        if (!done) fail(new Error(`工作线程在读完它的表单之前退出了（退出码 ${code}）`));
      });
      return { send };
    };

    try {
      // Every worker gets a batch before any gets a second, so none is started without work; the second
      // keeps it busy while this thread scores the first.
      const pool = Array.from({ length: workerCount }, start);
      for (const w of pool) w.send();
      for (const w of pool) w.send();
    } catch (e) {
      fail(e);
    }
  });
}

function describe(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e) return String((e as { message: unknown }).message);
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}
