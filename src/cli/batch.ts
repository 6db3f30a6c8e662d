// What a worker thread of src/cli/pool.ts does with a batch: reads each form's text into a Source. Kept apart
// from worker.ts so the tests can run the same code on fake workers.
import { readSource, type Source } from '../load/source.js';

/** main → worker: the texts of one batch. */
export interface BatchRequest {
  id: number;
  texts: string[];
}

/** worker → main: one Source per text, or null for a Source that could not cross to the main thread
 * (the main thread then reads that text itself). */
export interface BatchReply {
  id: number;
  sources: (Source | null)[];
}

/** Reads a batch and posts the reply; a reply that cannot be cloned is posted again with the offending
 * Sources left to the main thread, so one strange form never costs the whole run. */
export function answer(request: BatchRequest, post: (reply: BatchReply) => void, read: (text: string) => Source = readSource): void {
  const sources = request.texts.map(read);
  try {
    post({ id: request.id, sources });
  } catch {
    post({ id: request.id, sources: sources.map((s) => (cloneable(s) ? s : null)) });
  }
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
