// A worker thread of src/cli/pool.ts: reads the batches of form texts it is sent into Sources.
import { parentPort } from 'node:worker_threads';
import { answer, type BatchRequest } from './batch.js';

parentPort?.on('message', (request: BatchRequest) => {
  answer(request, (reply) => parentPort?.postMessage(reply));
});
