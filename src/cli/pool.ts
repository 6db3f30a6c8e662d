// Reads many forms on every core: parsing the YAML is most of `check`'s work, and it is all CPU. Workers
// parse (their result, a Source, is plain data that crosses threads cheaply); this thread scores.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { evaluate, evaluateSource } from '../evaluate.js';
import type { Source } from '../load/source.js';
import type { Evaluation } from '../model/types.js';
import type { RulesLayer } from '../score/rules.js';

export interface Job {
  file: string;
  text: string;
  config?: RulesLayer;
}

/** Below this many forms a worker's start-up (~50 ms) costs more than it saves. */
const MIN_PARALLEL = 200;
const BATCH = 20;
// Built beside this module by scripts/bundle.mjs; absent when running from the TypeScript sources.
const WORKER = new URL('./worker.js', import.meta.url);

/** Evaluations in the order of the jobs: on this thread alone for a few forms, with workers for many. */
export async function evaluateAll(jobs: readonly Job[], threads = availableParallelism()): Promise<Evaluation[]> {
  const single = (job: Job) => evaluate(job.text, job.file, { config: job.config });
  if (threads < 2 || jobs.length < MIN_PARALLEL || !existsSync(WORKER)) return jobs.map(single);

  const out = new Array<Evaluation>(jobs.length);
  let next = 0;
  const runWorker = () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(WORKER);
    // Two batches in flight, so a worker never waits for this thread between them.
    const inFlight: number[][] = [];
    const send = () => {
      const start = next;
      next = Math.min(jobs.length, next + BATCH);
      if (start === next) return;
      const batch = Array.from({ length: next - start }, (_, i) => start + i);
      inFlight.push(batch);
      worker.postMessage(batch.map((i) => (jobs[i] as Job).text));
    };
    worker.on('message', (sources: Source[]) => {
      const batch = inFlight.shift() ?? [];
      send();
      batch.forEach((i, k) => {
        const job = jobs[i] as Job;
        out[i] = evaluateSource(sources[k] as Source, job.file, { config: job.config });
      });
      if (inFlight.length === 0) void worker.terminate().then(() => resolve());
    });
    worker.on('error', reject);
    send();
    send();
  });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return out;
}
