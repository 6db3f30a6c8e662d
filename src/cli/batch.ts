// What a worker thread of src/cli/pool.ts does with a batch: evaluates each form and answers with what the run
// keeps of it (src/cli/kept.ts). Kept apart from worker.ts so the tests can run the same code on fake workers.
import { type KeepSpec, type Kept, type Keeper, keeper } from './kept.js';
import { type Job, keepEach } from './pool.js';

/** main → worker: the forms of one batch, and how the run reports. */
export interface BatchRequest {
  id: number;
  jobs: readonly Job[];
  spec: KeepSpec;
}

/** worker → main: what is kept of each form, in order; null for a file that turns out not to be a form. */
export interface BatchReply {
  id: number;
  kept: (Kept | null)[];
}

/** The keeper of each spec a worker has been sent (one per run). */
const keepers = new Map<string, Promise<Keeper>>();

/** Evaluates a batch and posts the reply. An exception (a bug) is left to end the worker: the pool then fails
 * the run rather than report a form wrongly. */
export async function answer(request: BatchRequest, post: (reply: BatchReply) => void): Promise<void> {
  const key = JSON.stringify(request.spec);
  let made = keepers.get(key);
  if (!made) {
    made = keeper(request.spec);
    keepers.set(key, made);
  }
  const keep = await made;
  post({
    id: request.id,
    kept: keepEach(request.jobs, keep),
  });
}
