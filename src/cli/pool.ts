// Evaluates many forms on several cores. For `check` this thread and each worker thread decode, score and check
// whole batches of forms, and a worker sends back only what the run keeps of each (src/cli/kept.ts: plain data,
// small); the scores stay on the worker. The result never depends on the number of forms or of cores (FORMAT §6): a form is evaluated by the same
// code on either side.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { evaluateSource } from '../evaluate.js';
import { readSource, type Source } from '../load/source.js';
import type { Evaluation } from '../model/types.js';
import type { RulesLayer } from '../score/rules.js';
import type { BatchReply, BatchRequest } from './batch.js';
import { formText } from './input.js';
import { type KeepSpec, type Kept, type Keeper, keeper } from './kept.js';

export interface Job {
  file: string;
  /** The form's text, or its bytes, decoded where the form is evaluated (so that no text is held here while the
   * job waits for a worker). Bytes read by src/cli/input.ts have their memory to themselves: it is moved to the
   * worker, not copied, and this thread's copy is gone (so bytes are sent once only). */
  text?: string;
  bytes?: Uint8Array;
  config?: RulesLayer;
  /** For `check`, which recognises a form by what it parses to (FORMAT §6). `named`: the text names
   * evalform, so the file is a form unless it parses to something without an `evalform` key; `maybe`: it is
   * a form only if it parses to a mapping with an `evalform` key (the key may be spelt with escapes). */
  detect?: 'named' | 'maybe';
  /** A form imported from a document (.docx, .xlsx): the document's path, and where each JSON pointer was read
   * ('表1 第14行 得分'); its findings name the document and that place instead of a line. */
  imported?: { document: string; places: Record<string, string> };
}

/** What a worker must offer: node's Worker does; the tests pass fakes. */
export interface WorkerLike {
  postMessage(request: BatchRequest, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (reply: BatchReply) => void): unknown;
  on(event: 'error' | 'messageerror', listener: (error: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<unknown>;
}

export interface PoolOptions {
  /** Cores to use; default EVALFORM_THREADS, else `os.availableParallelism()`. */
  threads?: number;
  /** At most this many worker threads whatever the cores (default MAX_WORKERS). */
  maxWorkers?: number;
  /** Starts a worker (default: a thread running worker.js). */
  spawn?: () => WorkerLike;
  /** Forms per thread (default PER_WORKER): below twice this many, this thread does it all. */
  perWorker?: number;
}

/** Forms a thread must have to be worth its start: a worker loads the code (~80 ms) and compiles and optimises it
 * anew, and one thread already keeps more than one core busy (V8 collects garbage and optimises on threads of its
 * own). Measured on two cores: one thread is fastest up to about 3,000 forms, two gain 7 % at 10,000. */
export const PER_WORKER = 1000;
/** Forms per message: fewer messages, yet enough batches to share out. */
export const BATCH = 20;
/** Batches sent ahead to each worker, so that it never waits while this thread is busy reading files. */
export const AHEAD = 4;
/** Each worker costs some 25 MB and its start-up; past this many, reading the files and printing the report on
 * this thread are the limit. */
export const MAX_WORKERS = 16;
/** A worker's young generation, in MB (V8's default is 48 on 64-bit machines): its forms' garbage dies young,
 * and at this size 100,000 forms on two threads stay under 300 MB. */
export const WORKER_YOUNG_MB = 16;
/** node:worker_threads, loaded when the first worker starts: it costs some milliseconds at start, which `score` and a
 * `check` without workers never repay. */
const workerThreads = (): typeof import('node:worker_threads') => createRequire(import.meta.url)('node:worker_threads');
// Built beside this module by scripts/bundle.mjs; absent when running from the TypeScript sources.
const WORKER = new URL('./worker.cjs', import.meta.url);

/** EVALFORM_THREADS: the threads `check` may use (1: this thread alone), for measuring and for shared CI runners. */
export function threadsFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.EVALFORM_THREADS?.trim();
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** Whether a file `check` looked at is a form, from what it parses to. */
export function isForm(source: Source, detect: 'named' | 'maybe'): boolean {
  const data = source.data;
  const keyed = typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'evalform');
  // Text that names evalform but cannot be read at all is reported: it may well be a broken form.
  return keyed || (detect === 'named' && data === undefined);
}

/** One job's whole evaluation: `undefined` for a job with `detect` whose file turns out not to be a form. */
export function evaluateJob(job: Job): Evaluation | undefined {
  const text = job.text ?? formText({ bytes: job.bytes ?? new Uint8Array() }, job.file);
  // Bytes that name evalform only through an escape and are not even text are not a form.
  if (typeof text !== 'string') return job.detect === 'maybe' ? undefined : { file: job.file, findings: [text.error] };
  const source = readSource(text);
  if (job.detect && !isForm(source, job.detect)) return undefined;
  const ev = evaluateSource(source, job.file, { config: job.config });
  const imp = job.imported;
  if (imp === undefined) return ev;
  return {
    ...ev,
    findings: ev.findings.map((f) => {
      const place = placeOf(imp.places, f.path);
      return { ...f, file: imp.document, ...(place === undefined ? {} : { place }) };
    }),
  };
}

/** The place of a pointer: the longest pointer read that it is in, or the table ('' key). */
export function placeOf(places: Record<string, string>, pointer: string): string | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    if (Object.hasOwn(places, p)) return places[p];
    if (p === '') return undefined;
  }
}

/** What is kept of each job's evaluation, in order; null for a file that turns out not to be a form (a worker's
 * reply, and this thread's share, are the same list). */
export function keepEach(jobs: readonly Job[], keep: Keeper): (Kept | null)[] {
  return jobs.map((job) => {
    const ev = evaluateJob(job);
    return ev ? keep(ev) : null;
  });
}

/** The whole evaluation of every job, in order, on this thread (score, render and summary keep the scores). */
export function evaluateAll(jobs: readonly Job[]): (Evaluation | undefined)[] {
  return jobs.map(evaluateJob);
}

interface Batch {
  jobs: readonly Job[];
  spec: KeepSpec;
  done: (kept: (Kept | null)[]) => void;
}

interface Slot {
  worker: WorkerLike;
  inFlight: Map<number, Batch>;
}

/**
 * What `check` keeps of each form, on this thread and on worker threads when the run has enough forms for them
 * (`forms`: the run's count, which decides how many workers start): as many threads as cores, this one included,
 * which evaluates batches too between reading the files and printing the report. `keep` may be called again
 * while earlier calls are in flight, so this thread reads the next files while the workers evaluate; each call's
 * results come back in its jobs' order. `close` ends every worker; a worker that fails rejects every call, and
 * ends the others.
 */
export class Pool {
  private readonly slots: Slot[] = [];
  private readonly queue: Batch[] = [];
  private readonly workerCount: number;
  private readonly spawn?: () => WorkerLike;
  private readonly rejecters = new Set<(e: Error) => void>();
  private nextId = 0;
  private failure?: Error;
  private closed = false;
  private local?: Promise<Keeper>;
  /** Whether this thread is taking batches. */
  private here = false;

  constructor(forms: number, opts: PoolOptions = {}) {
    const threads = Math.floor(opts.threads ?? threadsFromEnv() ?? availableParallelism());
    // Under --debug (source maps on) a worker's stack names src/ lines too.
    const workerOptions = {
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      ...(process.sourceMapsEnabled ? { execArgv: [...process.execArgv, '--enable-source-maps'] } : {}),
    };
    this.spawn = opts.spawn ?? (existsSync(WORKER) ? () => new (workerThreads().Worker)(WORKER, workerOptions) : undefined);
    // This thread is one of the threads.
    const wanted = Math.min(threads, Math.floor(forms / (opts.perWorker ?? PER_WORKER)), (opts.maxWorkers ?? MAX_WORKERS) + 1) - 1;
    // `!(… >= 1)`: a count that is not a number (NaN) means this thread alone, never a pool of no workers.
    this.workerCount = !(wanted >= 1) || !this.spawn ? 0 : wanted;
  }

  async keep(jobs: readonly Job[], spec: KeepSpec): Promise<(Kept | undefined)[]> {
    if (this.failure) throw this.failure;
    if (this.workerCount === 0 || jobs.length === 0) {
      return keepEach(jobs, await this.keeperHere(spec)).map((k) => k ?? undefined);
    }
    this.warm();
    const out = new Array<Kept | undefined>(jobs.length);
    let remaining = Math.ceil(jobs.length / BATCH);
    return new Promise((resolve, reject) => {
      this.rejecters.add(reject);
      for (let from = 0; from < jobs.length; from += BATCH) {
        this.queue.push({
          jobs: jobs.slice(from, from + BATCH),
          spec,
          done: (kept) => {
            kept.forEach((k, i) => {
              out[from + i] = k ?? undefined;
            });
            if (--remaining === 0) {
              this.rejecters.delete(reject);
              resolve(out);
            }
          },
        });
      }
      for (const slot of this.slots) this.feed(slot);
      this.evaluateHere();
    });
  }

  /** This thread takes batches from the queue too, one at a time, letting the workers' replies in between. */
  private evaluateHere(): void {
    if (this.here) return;
    this.here = true;
    const step = async (): Promise<void> => {
      const batch = this.failure ? undefined : this.queue.shift();
      if (!batch) {
        this.here = false;
        return;
      }
      try {
        batch.done(keepEach(batch.jobs, await this.keeperHere(batch.spec)));
      } catch (e) {
        this.here = false;
        this.fail(e);
        return;
      }
      setImmediate(() => void step());
    };
    setImmediate(() => void step());
  }

  /** What is kept of an evaluation made on this thread (a file that could not be read as text). */
  async keepHere(ev: Evaluation, spec: KeepSpec): Promise<Kept> {
    return (await this.keeperHere(spec))(ev);
  }

  private keeperHere(spec: KeepSpec): Promise<Keeper> {
    this.local ??= keeper(spec);
    return this.local;
  }

  /** Ends every worker. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  /** Starts the workers now, if this pool has any and they are not started (`check` starts them while it reads
   * the files). */
  warm(): void {
    if (this.workerCount === 0 || this.slots.length > 0 || this.closed) return;
    try {
      for (let i = 0; i < this.workerCount; i++) this.slots.push(this.open());
    } catch (e) {
      this.fail(e);
    }
  }

  private open(): Slot {
    const worker = (this.spawn as () => WorkerLike)();
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on('message', (reply) => {
      if (this.failure) return;
      const batch = slot.inFlight.get(reply.id);
      if (!batch || !Array.isArray(reply.kept) || reply.kept.length !== batch.jobs.length) {
        this.fail(new Error(`工作线程的回复不对：第 ${String(reply.id)} 批`));
        return;
      }
      slot.inFlight.delete(reply.id);
      // Another batch first, so the worker evaluates while this thread takes in the reply.
      this.feed(slot);
      batch.done(reply.kept);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('messageerror', (e) => this.fail(e));
    worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`工作线程在读完它的表单之前退出了（退出码 ${code}）`));
    });
    return slot;
  }

  private feed(slot: Slot): void {
    while (slot.inFlight.size < AHEAD && this.queue.length > 0) {
      const batch = this.queue.shift() as Batch;
      const id = this.nextId++;
      slot.inFlight.set(id, batch);
      try {
        slot.worker.postMessage({ id, jobs: batch.jobs, spec: batch.spec }, transferable(batch.jobs));
      } catch (e) {
        this.fail(e);
        return;
      }
    }
  }

  private fail(e: unknown): void {
    if (this.failure) return;
    this.failure = e instanceof Error ? e : new Error(`工作线程出错：${describe(e)}`);
    this.closed = true;
    for (const s of this.slots) void s.worker.terminate().catch(() => undefined);
    for (const reject of this.rejecters) reject(this.failure);
    this.rejecters.clear();
  }
}

/** The memory of the jobs' bytes that can move to a worker: what only those bytes use (not Node's shared pool). */
function transferable(jobs: readonly Job[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const { bytes } of jobs) {
    if (
      bytes &&
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteOffset === 0 &&
      bytes.buffer.byteLength <= bytes.byteLength + 1 &&
      bytes.buffer.byteLength > 0
    )
      out.push(bytes.buffer);
  }
  return out;
}

function describe(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e) return String((e as { message: unknown }).message);
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}
