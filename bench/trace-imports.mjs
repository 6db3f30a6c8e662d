// Preloaded with --import by bench/profile.mjs: records every module the command loads into $BENCH_IMPORTS_FILE
// ("esm URL" or "cjs PATH" a line).
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

register('./import-hooks.mjs', import.meta.url);
// require() inside CommonJS packages does not pass through the ESM hooks in Node 20.
const load = Module._load;
Module._load = function traced(request, parent, isMain, ...rest) {
  try {
    const file = Module._resolveFilename(request, parent, isMain);
    if (file.startsWith('/') || /^[A-Za-z]:\\/.test(file)) appendFileSync(process.env.BENCH_IMPORTS_FILE, `cjs ${file}\n`);
  } catch {
    // load() reports the failure itself.
  }
  return load.call(this, request, parent, isMain, ...rest);
};
