// A worker thread of src/cli/pool.ts: evaluates the batches of forms it is sent.
import { parentPort } from 'node:worker_threads';
import { answer, type BatchRequest } from './batch.js';

parentPort?.on('message', (request: BatchRequest) => {
  // A failure is thrown where the thread reports it: the pool hears the error and ends the run.
  answer(request, (reply) => parentPort?.postMessage(reply)).catch((e: unknown) => {
    setImmediate(() => {
      throw e;
    });
  });
});
