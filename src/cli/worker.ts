// A worker thread of src/cli/pool.ts: reads the batches of form texts it is sent into Sources.
import { parentPort } from 'node:worker_threads';
import { readSource } from '../load/source.js';

parentPort?.on('message', (texts: string[]) => {
  parentPort?.postMessage(texts.map(readSource));
});
