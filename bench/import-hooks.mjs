// ESM load hook for bench/trace-imports.mjs: appends each module's URL to $BENCH_IMPORTS_FILE.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.BENCH_IMPORTS_FILE, `esm ${url}\n`);
  return next(url, context);
}
